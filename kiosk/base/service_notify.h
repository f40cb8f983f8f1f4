/* service_notify.h: what the kiosk tells systemd about itself (sd_notify, libsystemd):
 * READY=1 once it serves, one STATUS= line (the sync state, never personal data), STOPPING=1,
 * and the watchdog fed by the main loop: each pass of the loop calls service_alive(), which
 * sends WATCHDOG=1 at most every quarter of WatchdogSec=. A loop that stops passing stops the
 * feeding, and systemd kills and restarts the unit.
 *
 * Every call is a no-op when the process was not started by systemd with a notification
 * socket (NOTIFY_SOCKET unset: a shell, a test, the demo), so the commands call them freely.
 *
 * Test hook: KIOSK_TEST_HANG_MAIN_LOOP_AFTER_MS=N in the environment makes service_alive()
 * never return once N ms have passed since its first call (the main loop hangs, the other
 * threads go on). Only the watchdog test sets it; setting a unit's environment needs root. */
#ifndef KIOSK_SERVICE_NOTIFY_H
#define KIOSK_SERVICE_NOTIFY_H

#include <stdint.h>

/* 1 when started by systemd with a notification socket. */
int service_managed(void);

/* READY=1 with a first STATUS= line. */
void service_ready(const char *status);

/* STATUS=<text>; thread-safe (the sync thread calls it). */
void service_status(const char *status);

/* STOPPING=1 before a clean exit. */
void service_stopping(void);

/* The watchdog interval systemd asked for (WatchdogSec=), in microseconds; 0 when none. */
uint64_t service_watchdog_usec(void);

/* Called on every pass of the main loop: feeds the watchdog when a quarter of its interval
 * has passed since the last feeding. Cheap when nothing is due. Main thread only. */
void service_alive(void);

#endif
