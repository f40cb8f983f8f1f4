/* power_guard.c: the critical battery level: park, close, power off (power_guard.h). */
#include "kiosk/workflow/power_guard.h"

#include <stdio.h>

#include "kiosk/model/timefmt.h"

void power_park(struct runner *r, struct store *st, int percent)
{
    char detail[64];
    int64_t now = time_now_ms();
    snprintf(detail, sizeof detail, "battery %d%%", percent);
    if (r && wf_state(runner_wf(r)) != WF_IDLE && wf_state(runner_wf(r)) != WF_QUEUED) {
        /* parked: cancelled with its citizen's data wiped; the citizen is enrolled again */
        if (st)
            store_audit(st, "power", "enrol.parked", NULL, detail, now);
        struct wf_event ev = {.type = WF_EV_CANCEL, .now_ms = now};
        runner_event(r, &ev);
    }
    if (st)
        store_audit(st, "power", "power.critical", NULL, detail, now);
}

int power_shutdown(struct runner *r, struct store **st, int percent, int (*poweroff)(void *arg),
                   void *arg)
{
    power_park(r, *st, percent);
    if (*st) {
        store_close(*st); /* the last connection: SQLite checkpoints the log and removes it */
        *st = NULL;
    }
    return poweroff(arg);
}
