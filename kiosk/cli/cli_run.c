/* cli_run.c: `kiosk run`: the composition root (kiosk/process/process.h: the device workers,
 * the store worker, the sync thread, the runner and the loop) with the touchscreen UI (loaded
 * as a module) as its front end; without a display, the headless demo. */
#include <stdio.h>
#include <string.h>

#include "kiosk/base/log.h"
#include "kiosk/base/module.h"
#include "kiosk/base/service_notify.h"
#include "kiosk/cli/commands.h"
#include "kiosk/devices/power.h"
#include "kiosk/export/report.h"
#include "kiosk/model/timefmt.h"
#include "kiosk/process/process.h"
#include "ui/ui.h"

/* The station's identity for the UI's exports (the configuration is read-only once loaded; the
 * export runs on the process's store worker, with the worker's store). */
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
    /* the process owns the devices, the store worker, the sync thread and the runner; the UI
     * attaches to it as its front end and runs its loop */
    struct process_opts po = {.store_worker = 1, .sync_keys = &c->keys};
    struct kiosk_process *p = NULL;
    if (process_start(&c->cfg, c->st, &po, &p, err, sizeof(err)) != 0) {
        log_line(LOG_ERR, "the touchscreen UI cannot start: devices: %s", err);
        return 1;
    }
    run_cfg = &c->cfg;
    int rc = ui->run(p, export_now, argc, argv);
    service_stopping();
    process_stop(p);
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
