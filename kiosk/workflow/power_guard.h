/* power_guard.h: what the kiosk does when its battery reaches the critical level
 * (kiosk/devices/power.h reads it): the enrolment in progress is parked (cancelled, its
 * citizen's data wiped, audited "enrol.parked"; nothing half-made is ever queued), the store
 * is closed cleanly (its log checkpointed), and the system is asked to power off. */
#ifndef KIOSK_POWER_GUARD_H
#define KIOSK_POWER_GUARD_H

#include "kiosk/store/store.h"
#include "kiosk/workflow/runner.h"

/* Parks the enrolment in progress (runner may be NULL: none) and records "power.critical"
 * (st may be NULL). The UI does this at the critical level, then closes the store and asks
 * for the power-off on its way out (kiosk run). */
void power_park(struct runner *r, struct store *st, int percent);
/* At the critical level: parks the enrolment in progress (runner may be NULL), records
 * "power.critical" (detail: the charge in percent), closes *st (set to NULL) and calls
 * poweroff (power_poweroff_system in production, kiosk/devices/power.h). Its result. */
int power_shutdown(struct runner *r, struct store **st, int percent, int (*poweroff)(void *arg),
                   void *arg);

#endif
