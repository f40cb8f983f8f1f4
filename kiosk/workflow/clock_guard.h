/* clock_guard.h: gathers the facts about the kiosk's clock (kiosk/model/clockcheck.h) from
 * the system and the store, records trusted times, and lets a supervisor set the clock.
 *
 * The runner asks clock_guard_check() with every workflow event and hands the verdict to the
 * workflow, whose policy row clock.implausible refuses to start or queue an enrolment on an
 * implausible clock. Trusted times: the system's NTP synchronisation (adjtimex says
 * synchronised: the wall clock is trusted as it is), the upstream's answers (sync records
 * their Date), and a supervisor (`kiosk clock set`, audited). The system calls go through a
 * struct clock_source so that tests run on a fake clock. */
#ifndef KIOSK_CLOCK_GUARD_H
#define KIOSK_CLOCK_GUARD_H

#include "kiosk/model/clockcheck.h"
#include "kiosk/store/store.h"

struct clock_source {
    int64_t (*wall_ms)(void *arg);            /* CLOCK_REALTIME */
    int64_t (*mono_ms)(void *arg);            /* CLOCK_BOOTTIME */
    int (*ntp_synced)(void *arg);             /* 1 when the kernel says NTP keeps it in sync */
    int (*set_wall)(void *arg, int64_t ms);   /* sets the system clock; 0 or -errno */
    void (*boot_id)(void *arg, char out[40]); /* this boot's id */
    void *arg;
};
/* The system's clocks, adjtimex(2), clock_settime(2), /proc/sys/kernel/random/boot_id. */
const struct clock_source *clock_source_system(void);
/* When this version was built (ms UTC): the build's KIOSK_BUILD_EPOCH. */
int64_t clock_build_ms(void);

/* Judges now_ms. A synchronised NTP makes the time trusted first (recorded); a plausible
 * verdict raises the latest plausible time. detail gets what was found. */
enum clock_verdict clock_guard_check(struct store *st, const struct clock_source *src,
                                     int64_t now_ms, char *detail, size_t n);
/* A supervisor sets the clock to ms (set_wall first, when ms differs from the clock by more
 * than a second) or, with ms = 0, confirms the clock as it is: the time becomes trusted,
 * audited ("clock.set"). The supervisor's PIN is checked by the caller. 0, a store_err, or
 * -errno from set_wall. */
int clock_guard_set(struct store *st, const struct clock_source *src, const char *supervisor,
                    int64_t ms);
/* A time learnt from the upstream's answer (its Date, ms) at the boot's mono_ms. */
int clock_guard_trust(struct store *st, const struct clock_source *src, int64_t ms,
                      const char *source);

/* The time the deadlines are counted on: the last trusted time plus the monotonic time
 * elapsed since (same boot), so a wall clock stepped in the field moves no deadline; after a
 * reboot without a trusted time since, the system's NTP time when synchronised, else the wall
 * clock (src->wall_ms) but never before the latest plausible time recorded. *trusted (may be
 * NULL) is 1 when the result stands on a trusted time. */
int64_t clock_guard_trusted_now(struct store *st, const struct clock_source *src, int *trusted);

#endif
