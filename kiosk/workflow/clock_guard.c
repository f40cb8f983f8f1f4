/* clock_guard.c: the kiosk's clock against what it knows (clock_guard.h). */
#include "kiosk/workflow/clock_guard.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/timex.h>
#include <time.h>

#include "kiosk/base/sysclock.h"
#include "kiosk/store/store_clock.h"

#ifndef KIOSK_BUILD_EPOCH
#define KIOSK_BUILD_EPOCH 1764547200 /* 2025-12-01: a floor when the build gives none */
#endif

int64_t clock_build_ms(void)
{
    return (int64_t)KIOSK_BUILD_EPOCH * 1000;
}

static int64_t sys_clock(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t sys_wall(void *arg)
{
    (void)arg;
    return sys_clock(CLOCK_REALTIME);
}

static int64_t sys_mono(void *arg)
{
    (void)arg;
    return sysclock_boot_ms();
}

/* adjtimex(2) only reads with modes 0: TIME_ERROR or STA_UNSYNC when no NTP daemon keeps
 * the clock (systemd-timesyncd and chrony clear STA_UNSYNC once synchronised). */
static int sys_ntp_synced(void *arg)
{
    (void)arg;
    struct timex tx;
    memset(&tx, 0, sizeof tx);
    int state = adjtimex(&tx);
    return state >= 0 && state != TIME_ERROR && !(tx.status & STA_UNSYNC);
}

static int sys_set_wall(void *arg, int64_t ms)
{
    (void)arg;
    struct timespec ts = {.tv_sec = (time_t)(ms / 1000), .tv_nsec = (long)(ms % 1000) * 1000000};
    return clock_settime(CLOCK_REALTIME, &ts) == 0 ? 0 : -errno;
}

static void sys_boot_id(void *arg, char out[40])
{
    (void)arg;
    sysclock_boot_id(out);
}

const struct clock_source *clock_source_system(void)
{
    static const struct clock_source sys = {sys_wall,     sys_mono,    sys_ntp_synced,
                                            sys_set_wall, sys_boot_id, NULL};
    return &sys;
}

static int trust(struct store *st, const struct clock_source *src, int64_t ms, const char *source,
                 const char *actor)
{
    char boot[40];
    src->boot_id(src->arg, boot);
    return store_clock_trust(st, ms, src->mono_ms(src->arg), boot, source, actor);
}

enum clock_verdict clock_guard_check(struct store *st, const struct clock_source *src,
                                     int64_t now_ms, char *detail, size_t n)
{
    struct clock_facts f;
    struct store_clock sc;
    memset(&f, 0, sizeof f);
    f.now_ms = now_ms;
    f.mono_ms = src->mono_ms(src->arg);
    src->boot_id(src->arg, f.boot_id);
    int rc = store_clock_get(st, &sc);
    /* synchronised by NTP: the clock is trusted as it is (recorded once a minute at most) */
    if (rc == 0 && src->ntp_synced(src->arg) &&
        (strcmp(sc.trusted_boot, f.boot_id) != 0 || now_ms - sc.trusted_ms > 60000 ||
         now_ms < sc.trusted_ms) &&
        (rc = trust(st, src, now_ms, "ntp", NULL)) == 0)
        rc = store_clock_get(st, &sc);
    if (rc != 0) {
        snprintf(detail, n, "the recorded times cannot be read");
        return CLOCK_BEHIND; /* fail closed: no enrolment on a clock we cannot check */
    }
    f.build_ms = clock_build_ms();
    f.recorded_ms = sc.recorded_ms;
    f.trusted_ms = sc.trusted_ms;
    f.trusted_mono_ms = sc.trusted_mono_ms;
    memcpy(f.trusted_boot, sc.trusted_boot, sizeof f.trusted_boot);
    enum clock_verdict v = clock_judge(&f, detail, n);
    if (v == CLOCK_OK && now_ms - sc.recorded_ms > 60000) /* a durable write once a minute */
        (void)store_clock_seen(st, now_ms);
    return v;
}

int clock_guard_set(struct store *st, const struct clock_source *src, const char *supervisor,
                    int64_t ms)
{
    int64_t now = src->wall_ms(src->arg);
    if (ms > 0 && (ms - now > 1000 || now - ms > 1000)) {
        int rc = src->set_wall(src->arg, ms);
        if (rc != 0)
            return rc;
    }
    return trust(st, src, ms > 0 ? ms : now, "supervisor", supervisor);
}

int clock_guard_trust(struct store *st, const struct clock_source *src, int64_t ms,
                      const char *source)
{
    return trust(st, src, ms, source, NULL);
}

int64_t clock_guard_trusted_now(struct store *st, const struct clock_source *src, int *trusted)
{
    struct store_clock sc;
    char boot[40];
    int64_t wall = src->wall_ms(src->arg), mono = src->mono_ms(src->arg);
    if (trusted)
        *trusted = 0;
    if (!st || store_clock_get(st, &sc) != 0)
        return wall;
    src->boot_id(src->arg, boot);
    if (sc.trusted_ms > 0 && strcmp(sc.trusted_boot, boot) == 0 && mono >= sc.trusted_mono_ms) {
        if (trusted)
            *trusted = 1;
        return sc.trusted_ms + (mono - sc.trusted_mono_ms);
    }
    if (src->ntp_synced(src->arg)) {
        if (trusted)
            *trusted = 1;
        return wall;
    }
    return wall > sc.recorded_ms ? wall : sc.recorded_ms;
}
