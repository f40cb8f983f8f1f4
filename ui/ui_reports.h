/* ui_reports.h: the supervisor's screens: the dashboard (today and this week by status,
 * waiting to upload and the oldest, overdue, rejected still open, per officer; refreshed
 * live) and the export dialog (day or reporting week, the sticks found with their free
 * space, the kiosk's signing fingerprint), with their own strings in both languages. */
#ifndef UI_REPORTS_H
#define UI_REPORTS_H

#include <stdint.h>

#include "kiosk/model/application.h"
#include "kiosk/model/msg.h"

enum ui_rs_id {
    UI_RS_EXPORT_TITLE = 0,
    UI_RS_DASH_TITLE,
    UI_RS_HOME_BUTTON,
    UI_RS_PERIOD,
    UI_RS_DAY,
    UI_RS_WEEK,
    UI_RS_STICKS,
    UI_RS_NO_STICK,
    UI_RS_FREE,
    UI_RS_KEY,
    UI_RS_BTN_DASH,
    UI_RS_BTN_EXPORT_SCREEN,
    UI_RS_BTN_EXPORT,
    UI_RS_TODAY,
    UI_RS_THIS_WEEK,
    UI_RS_WAITING,
    UI_RS_OLDEST,
    UI_RS_NONE_WAITING,
    UI_RS_OVERDUE,
    UI_RS_REJECTED_OPEN,
    UI_RS_PER_OFFICER,
    UI_RS_TOTAL,
    UI_RS_UPDATED,
    UI_RS_EXPORT_OK,
    UI_RS_EXPORT_FAILED,
    UI_RS_COUNT
};
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
