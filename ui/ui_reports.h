/* ui_reports.h: the supervisor's screens: the dashboard (today and this week by status,
 * waiting to upload and the oldest, overdue, rejected still open, per officer; refreshed
 * live) and the export dialog (day or reporting week, the sticks found with their free
 * space, the kiosk's signing fingerprint). Their strings (enum ui_rs_id) are in the message
 * catalogue (kiosk/messages/labels.h), looked up with ui_rs(). */
#ifndef UI_REPORTS_H
#define UI_REPORTS_H

#include <stdint.h>

#include "kiosk/model/application.h"
#include "kiosk/messages/labels.h"
#include "kiosk/model/msg.h"

/* The text of id in lang (Vietnamese per ../shared/terms-vi.md, English second). */
const char *ui_rs(enum ui_rs_id id, enum msg_lang lang);

#define UI_DASH_OFFICERS 8
#define UI_EXPORT_DIRS   4
/* What the dashboard shows, filled from report_dash_load(). */
struct ui_dash_view {
    int loaded;
    long today[APP_STATUS_COUNT], today_total;
    long week[APP_STATUS_COUNT], week_total;
    char week_label[80];
    long waiting, overdue, rejected_open;
    char oldest[17]; /* "dd/mm/yyyy HH:MM", "" when none waits */
    struct {
        char id[APP_OFFICER_SIZE];
        long today, week;
    } officers[UI_DASH_OFFICERS];
    int n_officers;
    char updated[17];
};

#endif
