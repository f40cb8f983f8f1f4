/* test_ui_reports.c: the supervisor's dashboard in the real UI (controller, store) driven by
 * taps: its numbers equal the store's own counts (today and this week by status, waiting to
 * upload, rejected still open), it refreshes by itself when an application arrives, an officer
 * is not offered it; the export dialog reached from it offers the kiosk's folder with its
 * free space and the signing fingerprint, and exports the reporting week. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kiosk/config/config.h"
#include "kiosk/export/report.h"
#include "kiosk/model/timefmt.h"
#include "kiosk/store/seal.h"
#include "kiosk/store/store.h"
#include "tests/rigs/harness/app_fixture.h"
#include "tests/test.h"
#include "tests/ui/ui_drive.h"
#include "tests/ui/ui_rig.h"
#include "ui/ui_app.h"

static char g_dir[64];
static struct config g_cfg;
static struct store *g_st;
static struct seal_keys g_keys;
static struct ui_rig g_rig;
static struct ui_drive g_drive;
static int g_serial;

static int setup(void)
{
    char keydir[128];
    if (test_fresh_dir(g_dir, sizeof g_dir) != 0)
        return -1;
    snprintf(keydir, sizeof(keydir), "%s/keys", g_dir);
    if (seal_init() != 0 || seal_keys_load(keydir, NULL, &g_keys) != 0)
        return -1;
    fixture_upstream_key(&g_keys, NULL);
    if (store_open(g_dir, &g_keys, &g_st) != 0)
        return -1;
    config_defaults(&g_cfg);
    snprintf(g_cfg.data_dir, sizeof(g_cfg.data_dir), "%s", g_dir);
    int64_t now = time_now_ms();
    if (store_officer_add(g_st, "cb01", "Trần Văn Bình", ROLE_OFFICER, "482915", "test", now) !=
            0 ||
        store_officer_add(g_st, "gs01", "Phạm Quốc Đạt", ROLE_SUPERVISOR, "730195", "test", now) !=
            0)
        return -1;
    g_drive.rig = &g_rig;
    g_drive.now = now;
    g_drive.check = 1;
    return ui_rig_open(&g_rig, 1280, 800);
}

static void teardown(void)
{
    ui_rig_close(&g_rig);
    store_close(g_st);
    seal_keys_wipe(&g_keys);
}

/* One application created at t by officer, moved on to status. */
static int queue_at(int64_t t, const char *officer, enum app_status status)
{
    struct application app;
    int n = ++g_serial;
    app_init(&app);
    app_new_id(app.id, t);
    snprintf(app.station, sizeof app.station, "%s", g_cfg.station_code);
    snprintf(app.officer, sizeof app.officer, "%s", officer);
    app.created_at = t;
    snprintf(app.identity.personal_id, sizeof app.identity.personal_id, "0790990%05u",
             (unsigned)n % 100000u);
    snprintf(app.identity.full_name, sizeof app.identity.full_name, "Lê Thị Hồng %d", n);
    snprintf(app.identity.dob, sizeof app.identity.dob, "1988-03-09");
    app.identity.source = ID_SOURCE_CHIP_VERIFIED;
    app.identity.verdict = CHIP_GENUINE;
    snprintf(app.phone, sizeof app.phone, "0987%06u", (unsigned)n % 1000000u);
    app.consent_at = t;
    snprintf(app.consent_officer, sizeof app.consent_officer, "%s", officer);
    int rc = store_queue(g_st, &app, t + 500);
    if (rc == 0 && status != APP_QUEUED)
        rc = store_set_status(g_st, app.id, APP_SUBMITTED, NULL, NULL, "sync", t + 600);
    if (rc == 0 && (status == APP_APPROVED || status == APP_REJECTED))
        rc = store_set_status(g_st, app.id, status, status == APP_REJECTED ? "photo" : NULL,
                              status == APP_REJECTED ? "Ảnh chân dung không đủ tiêu chuẩn" : NULL,
                              "sync", t + 700);
    app_wipe(&app);
    return rc;
}

static struct ui_app *new_app(ui_export_fn fn)
{
    struct ui_app_opts o = {.ren = g_rig.ren, .w = g_rig.w, .h = g_rig.h, .export_fn = fn};
    struct process_opts po = {.no_devices = 1}; /* the reports need no device */
    return ui_drive_start_opts(&g_cfg, g_st, NULL, &po, &o);
}

static int tap(struct ui_app *a, int action, int arg)
{
    g_drive.app = a;
    return ui_drive_tap(&g_drive, action, arg);
}

static int export_now(struct store *st, const char *day, const char *dir, const char *period,
                      const char *actor, char *out, size_t outlen)
{
    struct report_request rq;
    memset(&rq, 0, sizeof rq);
    int rc = strcmp(period, "week") == 0 ? report_period_week(day, &rq.period)
                                         : report_period_day(day, &rq.period);
    if (rc != 0)
        return rc;
    rq.root = dir;
    rq.supervisor_id = actor;
    rq.station_code = g_cfg.station_code;
    rq.station_name = g_cfg.station_name;
    rq.kiosk_id = g_cfg.kiosk_id;
    return report_export(st, &rq, time_now_ms(), out, outlen, out, outlen);
}

#define STEP(cond)                                                                                 \
    do {                                                                                           \
        if (ok && !(cond)) {                                                                       \
            ok = 0;                                                                                \
            fprintf(stderr, "step at line %d failed\n", __LINE__);                                 \
        }                                                                                          \
    } while (0)

static int same_as_store(const struct ui_view *v, const char *today)
{
    long counts[APP_STATUS_COUNT], week[APP_STATUS_COUNT], all[APP_STATUS_COUNT];
    struct report_period p;
    report_period_week(today, &p);
    if (store_count_by_status(g_st, today, counts) != 0 ||
        store_count_range(g_st, p.from, p.to, week) != 0 ||
        store_count_by_status(g_st, NULL, all) != 0)
        return 0;
    long tt = 0, wt = 0;
    for (int s = 0; s < APP_STATUS_COUNT; s++) {
        if (v->dash.today[s] != counts[s] || v->dash.week[s] != week[s]) {
            fprintf(stderr, "status %d: screen %ld/%ld, store %ld/%ld\n", s, v->dash.today[s],
                    v->dash.week[s], counts[s], week[s]);
            return 0;
        }
        tt += counts[s];
        wt += week[s];
    }
    return v->dash.today_total == tt && v->dash.week_total == wt &&
           v->dash.waiting == all[APP_QUEUED] + all[APP_UPLOADING] &&
           v->dash.rejected_open == all[APP_REJECTED];
}

TEST(dashboard_numbers_are_the_store_counts)
{
    int64_t now = time_now_ms();
    char today[11];
    time_day(now, today);
    /* today: 2 queued, 1 approved, 1 rejected; earlier this week or before: more */
    CHECK_INT(queue_at(now - 60000, "cb01", APP_QUEUED), 0);
    CHECK_INT(queue_at(now - 50000, "cb01", APP_QUEUED), 0);
    CHECK_INT(queue_at(now - 40000, "gs01", APP_APPROVED), 0);
    CHECK_INT(queue_at(now - 30000, "cb01", APP_REJECTED), 0);
    CHECK_INT(queue_at(now - 2 * 86400000LL, "cb01", APP_SUBMITTED), 0);
    CHECK_INT(queue_at(now - 9 * 86400000LL, "cb01", APP_REJECTED), 0);

    struct ui_app *a = new_app(export_now);
    CHECK(a != NULL);
    const struct ui_view *v = ui_app_view(a);
    int ok = 1;
    g_drive.now = now;
    g_drive.app = a;
    /* an officer is not offered the dashboard */
    STEP(ui_drive_login(&g_drive, "cb01", "482915") == 0 && v->screen == UI_SCR_HOME);
    STEP(ui_frame_find(ui_app_frame(a), UI_A_GOTO_DASHBOARD, -1) < 0);
    STEP(tap(a, UI_A_LOGOUT, 0) == 0);
    STEP(ui_drive_login(&g_drive, "gs01", "730195") == 0);
    STEP(tap(a, UI_A_GOTO_DASHBOARD, 0) == 0 && v->screen == UI_SCR_DASHBOARD);
    STEP(v->dash.loaded && same_as_store(v, today));
    STEP(v->dash.today_total == 4 && v->dash.waiting == 2 && v->dash.rejected_open == 2);
    STEP(v->dash.oldest[0] != '\0');
    ui_rig_snapshot(&g_rig, ui_rig_screens_dir(), "walk-dashboard");
    /* an application arrives: the dashboard shows it by itself within the refresh period */
    STEP(queue_at(g_drive.now, "cb01", APP_QUEUED) == 0);
    g_drive.now += 6000;
    STEP(ui_drive_pump(&g_drive) == 0);
    STEP(v->dash.today_total == 5 && v->dash.waiting == 3 && same_as_store(v, today));
    /* the export dialog from the dashboard: the kiosk's folder with its free space, the
     * signing fingerprint; the reporting week exported into <station>/tuan-… */
    STEP(tap(a, UI_A_GOTO_SUPERVISOR, 0) == 0 && v->screen == UI_SCR_SUPERVISOR);
    STEP(v->n_export_dirs >= 1 && v->export_free[v->n_export_dirs - 1][0] != '\0');
    STEP(strncmp(v->sign_fingerprint, "SHA256:", 7) == 0);
    STEP(tap(a, UI_A_EXPORT_PERIOD, 1) == 0 && strncmp(v->export_period, "Từ ngày", 9) == 0);
    STEP(tap(a, UI_A_EXPORT_DIR, v->n_export_dirs - 1) == 0 && tap(a, UI_A_EXPORT, 0) == 0);
    /* written on the process's store worker: its result comes back through the loop */
    STEP(ui_drive_settle(&g_drive, UI_DRIVE_STORE_MS) == 0);
    STEP(v->export_ok && strstr(v->export_msg, "/tuan-") != NULL);
    ui_rig_snapshot(&g_rig, ui_rig_screens_dir(), "walk-export-week");
    if (!ok)
        fprintf(stderr, "export: %s\n", v->export_msg);
    ui_drive_stop(a);
    CHECK(ok);
}

int main(void)
{
    if (ui_rig_sdl_init() != 0 || setup() != 0) {
        printf("FAIL - setup\n# passed 0 failed 1\n");
        return 1;
    }
    RUN(dashboard_numbers_are_the_store_counts);
    teardown();
    return test_done();
}
