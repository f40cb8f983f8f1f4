/* clockcheck.c: the plausibility of the kiosk's clock (clockcheck.h). */
#include "kiosk/model/clockcheck.h"

#include <stdio.h>
#include <string.h>

const char *clock_verdict_name(enum clock_verdict v)
{
    switch (v) {
    case CLOCK_OK:
        return "ok";
    case CLOCK_BEFORE_BUILD:
        return "before_build";
    case CLOCK_BEHIND:
        return "behind";
    case CLOCK_DRIFTED:
        return "drifted";
    case CLOCK_UNTRUSTED_TOO_LONG:
        return "untrusted_too_long";
    }
    return "?";
}

enum clock_verdict clock_judge(const struct clock_facts *f, char *d, size_t n)
{
    int64_t tol = f->tolerance_ms > 0 ? f->tolerance_ms : CLOCK_TOLERANCE_MS;
    int64_t max_out = f->max_untrusted_ms > 0 ? f->max_untrusted_ms : CLOCK_MAX_UNTRUSTED_MS;
    if (n)
        d[0] = '\0';
    if (f->build_ms > 0 && f->now_ms < f->build_ms - tol) {
        snprintf(d, n, "before the build by %lld s", (long long)((f->build_ms - f->now_ms) / 1000));
        return CLOCK_BEFORE_BUILD;
    }
    if (f->recorded_ms > 0 && f->now_ms < f->recorded_ms - tol) {
        snprintf(d, n, "behind the recorded time by %lld s",
                 (long long)((f->recorded_ms - f->now_ms) / 1000));
        return CLOCK_BEHIND;
    }
    if (f->trusted_ms <= 0)
        return CLOCK_OK;
    if (f->boot_id[0] && strcmp(f->boot_id, f->trusted_boot) == 0 &&
        f->mono_ms >= f->trusted_mono_ms) {
        int64_t elapsed = f->mono_ms - f->trusted_mono_ms;
        int64_t expect = f->trusted_ms + elapsed;
        int64_t off = f->now_ms - expect;
        int64_t allow = tol + elapsed / 3600; /* 1 s per hour of free-running drift */
        if (off > allow || off < -allow) {
            snprintf(d, n, "%s the trusted time by %lld s", off > 0 ? "ahead of" : "behind",
                     (long long)((off > 0 ? off : -off) / 1000));
            return CLOCK_DRIFTED;
        }
        return CLOCK_OK;
    }
    /* another boot: the monotonic clock says nothing about the time between */
    if (f->now_ms < f->trusted_ms - tol) {
        snprintf(d, n, "behind the trusted time by %lld s",
                 (long long)((f->trusted_ms - f->now_ms) / 1000));
        return CLOCK_BEHIND;
    }
    if (f->now_ms - f->trusted_ms > max_out) {
        snprintf(d, n, "%lld days since the last trusted time",
                 (long long)((f->now_ms - f->trusted_ms) / (24 * 3600 * 1000LL)));
        return CLOCK_UNTRUSTED_TOO_LONG;
    }
    return CLOCK_OK;
}
