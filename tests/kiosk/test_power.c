/* test_power.c: battery and UPS from a fake power-supply tree (kiosk/devices/power.h).
 *
 * - levels: a battery draining on its own goes ok → warn → critical; plugged in it is ok
 *   at any charge; a machine with mains only has no level; a UPS counts as a battery;
 * - drained to critical during an enrolment (kiosk/workflow/power_guard.h): the enrolment is parked
 * (cancelled, audited), the store is closed cleanly (no write-ahead log left, integrity check ok,
 * audit chain intact), every queued application is still there, and power-off is requested once. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kiosk/devices/power.h"
#include "kiosk/workflow/power_guard.h"
#include "kiosk/model/timefmt.h"
#include "kiosk/store/store_internal.h"
#include "tests/rigs/harness/app_fixture.h"
#include "tests/test.h"

static char root[256];

static void attr(const char *entry, const char *name, const char *value)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", root, entry);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/%s/%s", root, entry, name);
    FILE *f = fopen(path, "w");
    if (f) {
        fprintf(f, "%s\n", value);
        fclose(f);
    }
}

static enum power_level level(struct power_state *s)
{
    if (power_read(root, s) != 0)
        return (enum power_level) - 1;
    return power_judge(s, 20, 7);
}

TEST(levels)
{
    struct power_state s;
    snprintf(root, sizeof root, "%s/power_supply", test_tmpdir());
    mkdir(root, 0700);
    CHECK_INT(level(&s), POWER_NONE); /* empty tree: no battery */
    attr("AC", "type", "Mains");
    attr("AC", "online", "1");
    CHECK_INT(level(&s), POWER_NONE);
    attr("BAT0", "type", "Battery");
    attr("BAT0", "status", "Charging");
    attr("BAT0", "capacity", "5");
    CHECK_INT(level(&s), POWER_OK); /* plugged in */
    CHECK_INT(s.batteries, 1);
    CHECK_INT(s.percent, 5);
    attr("AC", "online", "0");
    attr("BAT0", "status", "Discharging");
    const int charge[] = {55, 30, 21, 20, 12, 8, 7, 3};
    const enum power_level want[] = {POWER_OK,   POWER_OK,   POWER_OK,       POWER_WARN,
                                     POWER_WARN, POWER_WARN, POWER_CRITICAL, POWER_CRITICAL};
    for (int i = 0; i < 8; i++) {
        char v[16];
        snprintf(v, sizeof v, "%d", charge[i]);
        attr("BAT0", "capacity", v);
        CHECK_INT(level(&s), want[i]);
    }
    CHECK(s.on_battery);
    /* a UPS beside it at 80 %: the lowest charge counts */
    attr("ups0", "type", "UPS");
    attr("ups0", "capacity", "80");
    attr("ups0", "status", "Discharging");
    CHECK_INT(level(&s), POWER_CRITICAL);
    CHECK_INT(s.batteries, 2);
    CHECK_STR(power_level_name(POWER_WARN), "warn");
}

static int poweroffs;
static int fake_poweroff(void *arg)
{
    (void)arg;
    poweroffs++;
    return 0;
}

static long audit_count(struct store *st, const char *action)
{
    sqlite3_stmt *s;
    long n = -1;
    if (store_prepare(st, "SELECT count(*) FROM audit WHERE action = ?", &s))
        return -1;
    sqlite3_bind_text(s, 1, action, -1, SQLITE_STATIC);
    if (sqlite3_step(s) == SQLITE_ROW)
        n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return n;
}

TEST(critical_during_an_enrolment)
{
    char dir[256], keydir[300], wal[300];
    struct seal_keys keys;
    struct store *st = NULL;
    snprintf(root, sizeof root, "%s/power_supply", test_tmpdir());
    mkdir(root, 0700);
    attr("AC", "type", "Mains");
    attr("AC", "online", "0");
    attr("BAT0", "type", "Battery");
    attr("BAT0", "status", "Discharging");
    attr("BAT0", "capacity", "40");
    snprintf(dir, sizeof dir, "%s/data", test_tmpdir());
    snprintf(keydir, sizeof keydir, "%s/keys", dir);
    mkdir(dir, 0700);
    CHECK_INT(seal_keys_load(keydir, NULL, &keys), 0);
    fixture_upstream_key(&keys, NULL);
    CHECK_INT(store_open(dir, &keys, &st), 0);
    for (int i = 0; i < 3; i++) {
        struct application app;
        char pid[16];
        snprintf(pid, sizeof pid, "00109901234%d", i % 10);
        fixture_app(&app, pid, "Nguyễn Văn An", time_now_ms());
        CHECK_INT(store_queue(st, &app, time_now_ms()), 0);
        app_wipe(&app);
    }
    struct config cfg;
    config_defaults(&cfg);
    snprintf(cfg.data_dir, sizeof cfg.data_dir, "%s", dir);
    struct runner *r = runner_new(&cfg, st, NULL, NULL, NULL, NULL);
    CHECK(r != NULL);
    runner_set_officer(r, "cb01");
    struct wf_event ev = {.type = WF_EV_START, .now_ms = time_now_ms()};
    runner_event(r, &ev);
    CHECK_INT(wf_state(runner_wf(r)), WF_CARD);

    /* the battery drains while the citizen is at the counter */
    struct power_state s;
    enum power_level l = POWER_OK;
    for (int pct = 40; pct >= 0 && l != POWER_CRITICAL; pct -= 3) {
        char v[16];
        snprintf(v, sizeof v, "%d", pct);
        attr("BAT0", "capacity", v);
        l = level(&s);
    }
    CHECK_INT(l, POWER_CRITICAL);
    CHECK(s.percent <= 7);
    CHECK_INT(power_shutdown(r, &st, s.percent, fake_poweroff, NULL), 0);
    CHECK_INT(poweroffs, 1);
    CHECK(st == NULL);
    CHECK_INT(wf_state(runner_wf(r)), WF_IDLE);
    CHECK(wf_app(runner_wf(r))->id[0] == '\0'); /* the draft is wiped, nothing half-made kept */
    runner_free(r);

    /* a clean store: the log checkpointed and gone, intact, nothing lost */
    snprintf(wal, sizeof wal, "%s/kiosk.db-wal", dir);
    CHECK(access(wal, F_OK) != 0);
    CHECK_INT(store_open(dir, &keys, &st), 0);
    sqlite3_stmt *q;
    char ok[16] = "";
    CHECK_INT(store_prepare(st, "PRAGMA integrity_check", &q), 0);
    if (sqlite3_step(q) == SQLITE_ROW)
        snprintf(ok, sizeof ok, "%s", (const char *)sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    CHECK_STR(ok, "ok");
    long rows = 0, bad = 0, pending = 0;
    CHECK_INT(store_audit_verify(st, &rows, &bad), 0);
    CHECK_INT(store_outbox_pending(st, &pending), 0);
    CHECK_INT(pending, 3);
    CHECK_INT(audit_count(st, "enrol.parked"), 1);
    CHECK_INT(audit_count(st, "power.critical"), 1);
    store_close(st);
    seal_keys_wipe(&keys);
}

int main(void)
{
    if (seal_init() != 0)
        return 1;
    RUN(levels);
    RUN(critical_during_an_enrolment);
    return test_done();
}
