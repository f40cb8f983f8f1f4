/* service_notify.c: sd_notify for the kiosk's unit (see service_notify.h). */
#include "kiosk/base/service_notify.h"

#include "kiosk/base/log.h"

#include <stdlib.h>
#include <systemd/sd-daemon.h>
#include <time.h>
#include <unistd.h>

static uint64_t now_usec(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

int service_managed(void)
{
    const char *s = getenv("NOTIFY_SOCKET");
    return s && *s;
}

void service_ready(const char *status)
{
    if (!service_managed())
        return;
    sd_notifyf(0, "READY=1\nSTATUS=%s", status ? status : "");
}

void service_status(const char *status)
{
    if (!service_managed())
        return;
    sd_notifyf(0, "STATUS=%s", status ? status : "");
}

void service_stopping(void)
{
    if (service_managed())
        sd_notify(0, "STOPPING=1\nSTATUS=stopping");
}

uint64_t service_watchdog_usec(void)
{
    uint64_t usec = 0;
    /* > 0 only when WATCHDOG_USEC is set and WATCHDOG_PID is unset or ours */
    return sd_watchdog_enabled(0, &usec) > 0 ? usec : 0;
}

/* The test hook (service_notify.h): the main loop stops here for good. */
static void hang_if_asked(uint64_t now)
{
    static int read_env;
    static uint64_t hang_at;
    if (!read_env) {
        read_env = 1;
        const char *ms = getenv("KIOSK_TEST_HANG_MAIN_LOOP_AFTER_MS");
        if (ms && *ms)
            hang_at = now + strtoull(ms, NULL, 10) * 1000u;
    }
    if (hang_at && now >= hang_at) {
        log_line(LOG_WARNING, "test hook: the main loop hangs now "
                              "(KIOSK_TEST_HANG_MAIN_LOOP_AFTER_MS)");
        for (;;)
            pause();
    }
}

void service_alive(void)
{
    static int checked;
    static uint64_t interval, last_fed;
    uint64_t now = now_usec();
    hang_if_asked(now);
    if (!checked) {
        checked = 1;
        interval = service_watchdog_usec();
    }
    if (!interval || now - last_fed < interval / 4)
        return;
    last_fed = now;
    sd_notify(0, "WATCHDOG=1");
}
