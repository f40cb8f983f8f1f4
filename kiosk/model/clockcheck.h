/* clockcheck.h: is the kiosk's clock plausible? A mobile unit in the field has nobody to set
 * its clock, so the kiosk judges it from what it knows, and refuses to enrol on a clock it
 * cannot believe (the policy row clock.implausible, kiosk/workflow/policy.c).
 *
 * Pure: the facts come in (kiosk/workflow/clock_guard.c gathers them), a verdict and a
 * detail without personal data come out. The checks, in order:
 *   - before the build: the clock is earlier than the time this version was built;
 *   - behind: earlier than a time already recorded (the latest plausible time the kiosk saw:
 *     an application, a trusted time);
 *   - drifted: since the last trusted time (NTP, the upstream's Date, a supervisor) the wall
 *     clock moved more, or less, than the monotonic clock of the same boot allows (a
 *     tolerance plus 1 s per hour of drift);
 *   - untrusted too long: after a reboot (no monotonic link), more days since the last trusted
 *     time than a mobile unit stays out (max_untrusted_ms). */
#ifndef KIOSK_CLOCKCHECK_H
#define KIOSK_CLOCKCHECK_H

#include <stddef.h>
#include <stdint.h>

enum clock_verdict {
    CLOCK_OK = 0,
    CLOCK_BEFORE_BUILD,
    CLOCK_BEHIND,
    CLOCK_DRIFTED,
    CLOCK_UNTRUSTED_TOO_LONG,
};

struct clock_facts {
    int64_t now_ms;      /* the wall clock now (UTC) */
    int64_t mono_ms;     /* the boot's monotonic clock now (CLOCK_BOOTTIME) */
    char boot_id[40];    /* this boot */
    int64_t build_ms;    /* when this version was built */
    int64_t recorded_ms; /* the latest plausible time recorded, 0 none */
    int64_t trusted_ms;  /* the last trusted time, 0 none */
    int64_t trusted_mono_ms;
    char trusted_boot[40];
    int64_t tolerance_ms;     /* allowed difference (default CLOCK_TOLERANCE_MS) */
    int64_t max_untrusted_ms; /* default CLOCK_MAX_UNTRUSTED_MS */
};
#define CLOCK_TOLERANCE_MS     (5 * 60 * 1000LL)          /* 5 minutes */
#define CLOCK_MAX_UNTRUSTED_MS (120LL * 24 * 3600 * 1000) /* 120 days */

/* The verdict; detail gets what was found ("behind the recorded time by 86400 s"). */
enum clock_verdict clock_judge(const struct clock_facts *f, char *detail, size_t n);
/* "ok", "before_build", "behind", "drifted", "untrusted_too_long". */
const char *clock_verdict_name(enum clock_verdict v);

#endif
