/* cli_run.c: `kiosk run`: the touchscreen UI (loaded as a module), the device workers and the
 * sync thread; without a display, the headless demo. */
#include <stdio.h>
#include <string.h>

#include "kiosk/base/log.h"
#include "kiosk/base/module.h"
#include "kiosk/base/service_notify.h"
#include "kiosk/cli/commands.h"
#include "kiosk/devices/power.h"
#include "kiosk/export/report.h"
#include "kiosk/model/timefmt.h"
#include "sync/sync.h"
#include "ui/ui.h"

/* The sync thread's report, posted to the UI's loop (never blocks). */
static void sync_to_ui(const struct sync_status *s, void *arg)
{
    const struct ui_module *ui = arg;
    struct ui_sync_status u = {
        .online = s->online, .pending = s->pending, .last_success_ms = s->last_success_ms};
    snprintf(u.last_error, sizeof(u.last_error), "%s", s->last_error);
    ui->post_sync_status(&u);
    /* the unit's STATUS= line: counts and times only, never an application's content */
    char status[200], when[17] = "never";
    if (s->last_success_ms > 0)
        time_local_display(s->last_success_ms, when);
    snprintf(status, sizeof(status), "sync %s, %ld waiting, last delivery %s%s%.80s",
             s->online ? "online" : "offline", (long)s->pending, when,
             s->last_error[0] ? ", last error: " : "", s->last_error);
    service_status(status);
}

/* The station's identity for the UI's exports (the configuration is read-only once loaded). */
static const struct config *run_cfg;

static int export_now(struct store *st, const char *day, const char *dir, const char *period,
                      const char *actor, char *out, size_t outlen)
{
    struct report_request rq;
    memset(&rq, 0, sizeof rq);
    int rc = strcmp(period, "week") == 0 ? report_period_week(day, &rq.period)
                                         : report_period_day(day, &rq.period);
    if (rc != 0)
        return export_errf(out, outlen, rc, "Ngày %s không hợp lệ.", day);
    rq.root = dir;
    rq.supervisor_id = actor;
    rq.station_code = run_cfg->station_code;
    rq.station_name = run_cfg->station_name;
    rq.kiosk_id = run_cfg->kiosk_id;
    return report_export(st, &rq, time_now_ms(), out, outlen, out, outlen);
}

int cli_run(struct cli_ctx *c, int argc, char **argv)
{
    if (!ui_display_available()) {
        /* The headless demo approves from the demo supervisor's PIN: never on a station. */
        if (c->cfg.store_kind != STORE_KIND_DEMO)
            return cli_fail(c->lang == LANG_VI
                                ? "không có màn hình (DISPLAY, WAYLAND_DISPLAY hoặc "
                                  "SDL_VIDEODRIVER): kiểm tra màn hình cảm ứng và phiên cage, rồi "
                                  "khởi động lại máy"
                                : "no display (DISPLAY, WAYLAND_DISPLAY or SDL_VIDEODRIVER): check "
                                  "the touchscreen and its cage session, then restart the kiosk");
        log_line(LOG_WARNING, "no display (DISPLAY, WAYLAND_DISPLAY or SDL_VIDEODRIVER): "
                              "running the headless demo instead");
        char *demo_argv[] = {"demo", NULL};
        return cli_demo(c, 1, demo_argv);
    }
    /* SDL2 and its libraries are mapped here, by this command only. */
    char err[1024];
    const struct ui_module *ui = module_table("ui", err, sizeof(err));
    if (!ui || ui->abi != UI_MODULE_ABI) {
        log_line(LOG_ERR, "the touchscreen UI cannot start: %s",
                 ui ? "module ui has another interface" : err);
        return 1;
    }
    if (cli_open_store(c))
        return 1;
    struct sync *s = NULL;
    if (c->cfg.upstream_url[0] && c->keys.have_upstream_pk)
        s = sync_start(&c->cfg, &c->keys, sync_to_ui, (void *)ui);
    if (!s)
        log_line(LOG_WARNING, "no upstream sync this session (no upstream configured or it "
                              "could not start); applications stay queued");
    run_cfg = &c->cfg;
    int rc = ui->run_with(&c->cfg, c->st, export_now, argc, argv);
    service_stopping();
    sync_stop(s);
    if (rc == UI_RUN_POWEROFF) {
        /* the battery is nearly empty: the store closed cleanly, then the power-off */
        cli_close(c);
        int prc = power_poweroff_system(NULL);
        if (prc != 0)
            log_line(LOG_ERR, "power-off refused by logind (%s)", strerror(-prc));
        return 0;
    }
    return rc;
}
