/* test_ui_power.c: a mobile unit on the touchscreen: the home screen names the field
 * session's site and the applications handed over and not yet confirmed; the battery
 * (kiosk/devices/power.h), the real UI on a fake power-supply tree: on battery at 15 % the note
 * line warns (Vietnamese, then English); drained to 5 % during an enrolment the enrolment is parked
 * (home screen, audited), the note says the kiosk is powering off, and the UI asks its caller for
 * the power-off (ui_app_power_off; kiosk run then closes the store and calls logind), in Vietnamese
 * and, switched, in English. The frames go to build/screens/power-*.png. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kiosk/devices/power.h"
#include "kiosk/model/timefmt.h"
#include "kiosk/messages/messages.h"
#include "kiosk/store/store_field.h"
#include "kiosk/store/store_handover.h"
#include "kiosk/store/store_internal.h"
#include "kiosk/store/store_room.h"
#include "kiosk/workflow/clock_guard.h"
#include "kiosk/workflow/runner.h"
#include "tests/rigs/harness/app_fixture.h"
#include "tests/test.h"
#include "tests/ui/ui_drive.h"
#include "tests/ui/ui_fakedev.h"
#include "tests/ui/ui_rig.h"
#include "ui/ui_app.h"
#include "ui/ui_screens.h"

static char root[200];

static void attr(const char *entry, const char *name, const char *value)
{
    char path[600];
    snprintf(path, sizeof path, "%s/%s", root, entry);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/%s/%s", root, entry, name);
    FILE *f = fopen(path, "w");
    if (f) {
        fprintf(f, "%s\n", value);
        fclose(f);
    }
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

TEST(battery_low_then_critical)
{
    char dir[200], keydir[300];
    struct seal_keys keys;
    struct store *st = NULL;
    struct config cfg;
    struct ui_rig rig;
    struct ui_drive drive;
    struct ui_fakedev dev;
    memset(&drive, 0, sizeof drive);
    memset(&dev, 0, sizeof dev);
    snprintf(dir, sizeof dir, "%s/data", test_tmpdir());
    snprintf(keydir, sizeof keydir, "%s/keys", dir);
    snprintf(root, sizeof root, "%s/power_supply", test_tmpdir());
    mkdir(dir, 0700);
    mkdir(root, 0700);
    attr("AC", "type", "Mains");
    attr("AC", "online", "0");
    attr("BAT0", "type", "Battery");
    attr("BAT0", "status", "Discharging");
    attr("BAT0", "capacity", "60");
    CHECK_INT(seal_keys_load(keydir, NULL, &keys), 0);
    fixture_upstream_key(&keys, NULL);
    CHECK_INT(store_open(dir, &keys, &st), 0);
    int64_t now = time_now_ms();
    CHECK_INT(store_officer_add(st, "cb01", "Trần Văn Bình", ROLE_OFFICER, "482915", "test", now),
              0);
    /* a mobile unit at a hamlet's cultural house, one application handed over on a stick */
    struct app_site site = {.name = "Nhà văn hóa thôn Đông", .kind = "thon_ap", .commune = ""};
    CHECK_INT(store_field_open(st, &site, "cb01", now), 0);
    struct application app;
    fixture_app(&app, "001099012345", "Nguyễn Văn An", now);
    CHECK_INT(store_queue(st, &app, now), 0);
    CHECK_INT(store_handover_mark(st, app.id, 1, "ban-giao_kiosk-001_20261203-080000", now), 0);
    app_wipe(&app);
    config_defaults(&cfg);
    snprintf(cfg.data_dir, sizeof cfg.data_dir, "%s", dir);
    snprintf(cfg.power_supply_root, sizeof cfg.power_supply_root, "%s", root);
    cfg.power_warn_percent = 20;
    cfg.power_critical_percent = 7;
    CHECK_INT(ui_rig_open(&rig, 1280, 800), 0);
    struct ui_app_opts o = {.ren = rig.ren, .w = rig.w, .h = rig.h};
    struct ui_app *a = NULL;
    a = ui_drive_start(&cfg, st, &dev, &o);
    CHECK(a != NULL);
    drive.app = a;
    drive.rig = &rig;
    drive.now = now;
    CHECK_INT(ui_drive_login(&drive, "cb01", "482915"), 0);
    /* the home screen says where the unit works and what waits for confirmation */
    CHECK_STR(ui_app_view(a)->sync.site, "Nhà văn hóa thôn Đông");
    CHECK_INT(ui_app_view(a)->sync.handed_over, 1);
    ui_rig_snapshot(&rig, ui_rig_screens_dir(), "power-0-home-field-vi");
    CHECK_INT(ui_drive_tap(&drive, UI_A_START, 0), 0);
    CHECK_INT(ui_app_view(a)->screen, UI_SCR_CARD);

    /* 15 %: a warning on the note line, in the officer's language */
    attr("BAT0", "capacity", "15");
    drive.now += 11000;
    ui_app_tick(a, drive.now);
    ui_drive_pump(&drive);
    CHECK(strstr(ui_app_view(a)->note, "Pin yếu") != NULL);
    CHECK(strstr(ui_app_view(a)->note, "15%") != NULL);
    /* the home screen's banner shows the charge and that it runs on battery */
    CHECK(ui_app_view(a)->power.known && ui_app_view(a)->power.on_battery);
    CHECK_INT(ui_app_view(a)->power.percent, 15);
    CHECK_INT(ui_app_view(a)->power.level, POWER_WARN);
    ui_rig_snapshot(&rig, ui_rig_screens_dir(), "power-1-low-vi");
    CHECK(!ui_app_power_off(a));

    /* 5 %: parked, powering off */
    attr("BAT0", "capacity", "5");
    drive.now += 11000;
    ui_app_tick(a, drive.now);
    ui_drive_pump(&drive);
    CHECK(ui_app_power_off(a));
    CHECK(ui_app_view(a)->screen != UI_SCR_CARD);
    CHECK(strstr(ui_app_view(a)->note, "máy sẽ tắt") != NULL);
    ui_rig_snapshot(&rig, ui_rig_screens_dir(), "power-2-critical-vi");
    /* the same note in English, the officer's other language */
    CHECK_INT(ui_drive_tap(&drive, UI_A_LANG, -1), 0);
    CHECK(strstr(ui_app_view(a)->note, "powering off") != NULL);
    ui_rig_snapshot(&rig, ui_rig_screens_dir(), "power-3-critical-en");
    CHECK_INT(audit_count(st, "enrol.parked"), 1);
    CHECK_INT(audit_count(st, "power.critical"), 1);
    CHECK_STR(msg_text(MSG_POWER_CRITICAL, LANG_EN),
              "Battery nearly empty: the enrolment in progress is stopped (the citizen must start "
              "again), the data is saved, the kiosk is powering off.");

    ui_drive_stop(a);
    ui_rig_close(&rig);
    store_close(st);
    seal_keys_wipe(&keys);
}

/* --- the clock on the touchscreen: stepped back a day, START is refused with the words ---- */
static int64_t fake_mono;
static int64_t f_wall(void *x)
{
    (void)x;
    return time_now_ms();
}
static int64_t f_mono(void *x)
{
    (void)x;
    return fake_mono;
}
static int f_ntp(void *x)
{
    (void)x;
    return 0;
}
static int f_set(void *x, int64_t ms)
{
    (void)x;
    (void)ms;
    return 0;
}
static void f_boot(void *x, char out[40])
{
    (void)x;
    snprintf(out, 40, "boot-ui");
}
static const struct clock_source fake_clock = {f_wall, f_mono, f_ntp, f_set, f_boot, NULL};

TEST(clock_refused_on_screen)
{
    char dir[200], keydir[300];
    struct seal_keys keys;
    struct store *st = NULL;
    struct config cfg;
    struct ui_rig rig;
    struct ui_drive drive;
    struct ui_fakedev dev;
    memset(&drive, 0, sizeof drive);
    memset(&dev, 0, sizeof dev);
    snprintf(dir, sizeof dir, "%s/data", test_tmpdir());
    snprintf(keydir, sizeof keydir, "%s/keys", dir);
    mkdir(dir, 0700);
    CHECK_INT(seal_keys_load(keydir, NULL, &keys), 0);
    fixture_upstream_key(&keys, NULL);
    CHECK_INT(store_open(dir, &keys, &st), 0);
    int64_t now = time_now_ms();
    CHECK_INT(store_officer_add(st, "cb01", "Trần Văn Bình", ROLE_OFFICER, "482915", "test", now),
              0);
    fake_mono = 9000000;
    CHECK_INT(clock_guard_trust(st, &fake_clock, now, "upstream"), 0);
    config_defaults(&cfg);
    snprintf(cfg.data_dir, sizeof cfg.data_dir, "%s", dir);
    cfg.power_supply_root[0] = '\0';
    CHECK_INT(ui_rig_open(&rig, 1280, 800), 0);
    struct ui_app_opts o = {.ren = rig.ren, .w = rig.w, .h = rig.h};
    struct ui_app *a = NULL;
    a = ui_drive_start(&cfg, st, &dev, &o);
    CHECK(a != NULL);
    runner_set_clock(ui_app_runner(a), &fake_clock);
    drive.app = a;
    drive.rig = &rig;
    drive.now = now;
    CHECK_INT(ui_drive_login(&drive, "cb01", "482915"), 0);

    /* the clock stepped back a day: START refused, the note says why and what to do */
    drive.now = now - 24 * 3600 * 1000LL;
    ui_drive_tap(&drive, UI_A_START, 0);
    CHECK(ui_app_view(a)->screen != UI_SCR_CARD);
    CHECK(strstr(ui_app_view(a)->note, "Đồng hồ của máy không đúng") != NULL);
    ui_rig_snapshot(&rig, ui_rig_screens_dir(), "clock-1-refused-vi");
    CHECK_INT(ui_drive_tap(&drive, UI_A_LANG, -1), 0);
    CHECK(strstr(ui_app_view(a)->note, "clock is wrong") != NULL);
    ui_rig_snapshot(&rig, ui_rig_screens_dir(), "clock-2-refused-en");

    /* a supervisor sets the time (the clock is right again): START goes on */
    CHECK_INT(clock_guard_set(st, &fake_clock, "sv01", 0), 0);
    drive.now = time_now_ms(); /* a day "later" on the officer's idle clock: signed in again */
    ui_drive_pump(&drive);
    if (ui_app_view(a)->screen != UI_SCR_HOME)
        CHECK_INT(ui_drive_login(&drive, "cb01", "482915"), 0);
    CHECK_INT(ui_drive_tap(&drive, UI_A_START, 0), 0);
    CHECK_INT(ui_app_view(a)->screen, UI_SCR_CARD);

    ui_drive_stop(a);
    ui_rig_close(&rig);
    store_close(st);
    seal_keys_wipe(&keys);
}

/* --- the disk: room for a few more applications only, the note warns before the refusal --- */
TEST(disk_low_warned)
{
    char dir[200], keydir[300];
    struct seal_keys keys;
    struct store *st = NULL;
    struct config cfg;
    struct ui_rig rig;
    struct ui_drive drive;
    struct ui_fakedev dev;
    memset(&drive, 0, sizeof drive);
    memset(&dev, 0, sizeof dev);
    snprintf(dir, sizeof dir, "%s/data", test_tmpdir());
    snprintf(keydir, sizeof keydir, "%s/keys", dir);
    mkdir(dir, 0700);
    CHECK_INT(seal_keys_load(keydir, NULL, &keys), 0);
    fixture_upstream_key(&keys, NULL);
    CHECK_INT(store_open(dir, &keys, &st), 0);
    int64_t now = time_now_ms();
    CHECK_INT(store_officer_add(st, "cb01", "Trần Văn Bình", ROLE_OFFICER, "482915", "test", now),
              0);
    config_defaults(&cfg);
    snprintf(cfg.data_dir, sizeof cfg.data_dir, "%s", dir);
    cfg.power_supply_root[0] = '\0';
    /* the margin takes all but ~10 MB of what is free: room for about 20 applications */
    struct store_room room;
    CHECK_INT(store_room(st, dir, 0, NULL, &room), 0);
    CHECK(room.free_bytes > (64LL << 20));
    cfg.disk_margin_mb = (int)(room.free_bytes >> 20) - 10;
    CHECK_INT(ui_rig_open(&rig, 1280, 800), 0);
    struct ui_app_opts o = {.ren = rig.ren, .w = rig.w, .h = rig.h};
    struct ui_app *a = NULL;
    a = ui_drive_start(&cfg, st, &dev, &o);
    CHECK(a != NULL);
    drive.app = a;
    drive.rig = &rig;
    drive.now = now;
    CHECK_INT(ui_drive_login(&drive, "cb01", "482915"), 0);
    drive.now += 61000;
    ui_app_tick(a, drive.now);
    ui_drive_pump(&drive);
    CHECK(strstr(ui_app_view(a)->note, "Ổ đĩa sắp đầy") != NULL);
    CHECK(strstr(ui_app_view(a)->note, "còn chỗ cho") != NULL);
    ui_rig_snapshot(&rig, ui_rig_screens_dir(), "disk-1-low-vi");
    ui_drive_stop(a);
    ui_rig_close(&rig);
    store_close(st);
    seal_keys_wipe(&keys);
}

int main(void)
{
    if (seal_init() != 0 || ui_rig_sdl_init() != 0)
        return 1;
    RUN(battery_low_then_critical);
    RUN(clock_refused_on_screen);
    RUN(disk_low_warned);
    return test_done();
}
