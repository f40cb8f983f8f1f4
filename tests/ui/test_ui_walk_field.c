/* test_ui_walk_field.c: a mobile unit's field session on the touchscreen, by taps through
 * SDL's queue (tests/ui/ui_drive.h) on the real store: Start without a session opens the
 * picker instead of an enrolment; a new site typed once (Vietnamese name and commune on the
 * on-screen keyboard, a kind from the fixed list) opens the session, audited with the officer,
 * and the enrolment asked for begins; the home screen names the site; the session closed and
 * opened again from the list of known sites (in English); a counter kiosk never asks. The
 * store calls are those of `kiosk field open|close` (kiosk/store/store_field.h). Frames go to
 * build/screens/walk-field-*.png. */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "kiosk/model/timefmt.h"
#include "kiosk/export/export_waiting.h"
#include "kiosk/store/store_field.h"
#include "kiosk/store/store_handover.h"
#include "kiosk/workflow/clock_guard.h"
#include "kiosk/store/store_internal.h"
#include "tests/rigs/harness/app_fixture.h"
#include "tests/test.h"
#include "tests/ui/ui_drive.h"
#include "tests/ui/ui_fakedev.h"
#include "tests/ui/ui_rig.h"
#include "ui/ui_app.h"
#include "ui/ui_screens.h"
#include "ui/ui_vnkey.h"

/* The audit rows of action: how many, and the actor and detail of the last. */
static long audit_last(struct store *st, const char *action, char actor[64], char detail[128])
{
    sqlite3_stmt *s;
    long n = 0;
    actor[0] = detail[0] = '\0';
    if (store_prepare(st,
                      "SELECT actor, coalesce(detail, '') FROM audit WHERE action = ? "
                      "ORDER BY seq",
                      &s))
        return -1;
    sqlite3_bind_text(s, 1, action, -1, SQLITE_STATIC);
    while (sqlite3_step(s) == SQLITE_ROW) {
        n++;
        snprintf(actor, 64, "%s", (const char *)sqlite3_column_text(s, 0));
        snprintf(detail, 128, "%s", (const char *)sqlite3_column_text(s, 1));
    }
    sqlite3_finalize(s);
    return n;
}

struct walk {
    struct seal_keys keys;
    struct store *st;
    struct config cfg;
    struct ui_rig rig;
    struct ui_drive drive;
    struct ui_fakedev dev;
    struct ui_app *a;
};

static int walk_open(struct walk *w, const char *name, enum unit_kind unit)
{
    char dir[200], keydir[300];
    memset(w, 0, sizeof *w);
    w->dev.mode = UI_FAKE_SILENT;
    snprintf(dir, sizeof dir, "%.150s/%.40s", test_tmpdir(), name);
    snprintf(keydir, sizeof keydir, "%s/keys", dir);
    mkdir(dir, 0700);
    if (seal_keys_load(keydir, NULL, &w->keys) != 0)
        return -1;
    fixture_upstream_key(&w->keys, NULL);
    if (store_open(dir, &w->keys, &w->st) != 0)
        return -1;
    if (store_officer_add(w->st, "cb01", "Trần Văn Bình", ROLE_OFFICER, "482915", "test",
                          time_now_ms()) != 0)
        return -1;
    config_defaults(&w->cfg);
    snprintf(w->cfg.data_dir, sizeof w->cfg.data_dir, "%.200s", dir);
    w->cfg.unit = unit;
    if (ui_rig_open(&w->rig, 1280, 800) != 0)
        return -1;
    struct ui_app_opts o = {.ren = w->rig.ren, .w = w->rig.w, .h = w->rig.h};
    if (!(w->a = ui_drive_start(&w->cfg, w->st, &w->dev, &o)))
        return -1;
    w->drive.app = w->a;
    w->drive.rig = &w->rig;
    w->drive.now = time_now_ms();
    w->drive.check = 1;
    return ui_drive_login(&w->drive, "cb01", "482915");
}

static void walk_close(struct walk *w)
{
    ui_drive_stop(w->a);
    ui_rig_close(&w->rig);
    store_close(w->st);
    seal_keys_wipe(&w->keys);
}

/* The style of the first widget with this action on the current frame (-1 if none). */
static int frame_style(struct walk *w, int action)
{
    if (ui_drive_pump(&w->drive) != 0)
        return -1;
    int i = ui_frame_find(ui_app_frame(w->a), action, -1);
    return i < 0 ? -1 : (int)ui_app_frame(w->a)->w[i].style;
}

static void shot(struct walk *w, const char *name)
{
    ui_drive_pump(&w->drive);
    ui_rig_snapshot(&w->rig, ui_rig_screens_dir(), name);
}

TEST(start_asks_for_a_session_then_typed_once_then_picked)
{
    struct walk w;
    CHECK_INT(walk_open(&w, "mobile", UNIT_MOBILE), 0);
    struct ui_drive *d = &w.drive;
    const struct ui_view *v = ui_app_view(w.a);
    char actor[64], detail[128];

    /* the home screen says no session is open and offers the picker */
    CHECK_INT(v->screen, UI_SCR_HOME);
    CHECK(v->field.mobile && !v->field.open);
    CHECK(ui_frame_find(ui_app_frame(w.a), UI_A_GOTO_FIELD, -1) >= 0);
    shot(&w, "walk-field-0-home-vi");

    /* Start without a session: the picker, no enrolment */
    CHECK_INT(ui_drive_tap(d, UI_A_START, 0), 0);
    CHECK_INT(v->screen, UI_SCR_FIELD);
    CHECK(v->app == NULL);
    CHECK(v->field.then_start);
    CHECK(strstr(v->note, "mở phiên làm việc") != NULL);
    CHECK_INT(v->field.n_sites, 0);
    shot(&w, "walk-field-1-asked-vi");
    /* nothing picked: Open does nothing */
    CHECK_INT(ui_drive_tap(d, UI_A_FIELD_OPEN, 0), 0);
    CHECK_INT(v->screen, UI_SCR_FIELD);
    CHECK_INT(audit_last(w.st, "field.open", actor, detail), 0);

    /* a new site: the name and the commune typed in Vietnamese, a kind picked */
    CHECK_INT(ui_drive_tap(d, UI_A_FIELD_NEW, 0), 0);
    CHECK_INT(v->field.typing, 1);
    CHECK_INT(ui_drive_tap(d, UI_A_FOCUS, 0), 0);
    CHECK_INT(v->field.typing, 2);
    CHECK_INT(ui_drive_type(d, "nha"), 0);
    CHECK_INT(ui_drive_tap(d, UI_A_VN_TONE, UI_VN_HUYEN), 0);
    CHECK_INT(ui_drive_type(d, " van"), 0);
    CHECK_INT(ui_drive_tap(d, UI_A_VN_MARK, UI_VN_BREVE), 0);
    CHECK_INT(ui_drive_type(d, " hoa"), 0);
    CHECK_INT(ui_drive_tap(d, UI_A_VN_TONE, UI_VN_SAC), 0);
    CHECK_INT(ui_drive_type(d, " thon"), 0);
    CHECK_INT(ui_drive_tap(d, UI_A_VN_MARK, UI_VN_HAT), 0);
    CHECK_INT(ui_drive_type(d, " "), 0);
    CHECK_INT(ui_drive_tap(d, UI_A_KEY, 2), 0); /* đ */
    CHECK_INT(ui_drive_type(d, "ong"), 0);
    CHECK_INT(ui_drive_tap(d, UI_A_VN_MARK, UI_VN_HAT), 0);
    CHECK_STR(v->field.name, "Nhà Văn Hóa Thôn Đông");
    shot(&w, "walk-field-2-typing-vi");
    CHECK_INT(ui_drive_tap(d, UI_A_FIELD_BACK, 0), 0);
    CHECK_INT(v->field.typing, 1);
    /* not before a kind is picked */
    CHECK_INT(frame_style(&w, UI_A_FIELD_OPEN), UI_ST_DISABLED);
    CHECK_INT(ui_drive_tap(d, UI_A_FOCUS, 1), 0);
    CHECK_INT(ui_drive_type(d, "xa soc son"), 0);
    CHECK_INT(ui_drive_tap(d, UI_A_FIELD_BACK, 0), 0);
    CHECK_INT(ui_drive_tap(d, UI_A_FIELD_KIND, 0), 0);
    CHECK_STR(v->field.commune, "Xa Soc Son");
    CHECK_INT(frame_style(&w, UI_A_FIELD_OPEN), UI_ST_PRIMARY);
    shot(&w, "walk-field-3-new-site-vi");

    /* opened: audited with the officer, and the enrolment asked for begins */
    CHECK_INT(ui_drive_tap(d, UI_A_FIELD_OPEN, 0), 0);
    struct app_site cur;
    CHECK_INT(store_field_current(w.st, &cur), 1);
    CHECK_STR(cur.name, "Nhà Văn Hóa Thôn Đông");
    CHECK_STR(cur.kind, "thon_ap");
    CHECK_STR(cur.commune, "Xa Soc Son");
    CHECK_INT(audit_last(w.st, "field.open", actor, detail), 1);
    CHECK_STR(actor, "cb01");
    CHECK_STR(detail, "Nhà Văn Hóa Thôn Đông");
    CHECK_INT(v->screen, UI_SCR_CARD);
    CHECK(v->app != NULL);

    /* back home: the site is named there */
    CHECK_INT(ui_drive_tap(d, UI_A_CANCEL, 0), 0);
    CHECK_INT(ui_drive_settle(d, UI_DRIVE_STORE_MS), 0);
    CHECK_INT(v->screen, UI_SCR_HOME);
    CHECK_STR(v->sync.site, "Nhà Văn Hóa Thôn Đông");
    CHECK(v->field.open);
    shot(&w, "walk-field-4-home-session-vi");

    /* in English: the session closed, then opened again from the known sites */
    CHECK_INT(ui_drive_tap(d, UI_A_LANG, -1), 0);
    CHECK_INT(ui_drive_tap(d, UI_A_GOTO_FIELD, 0), 0);
    CHECK_INT(v->screen, UI_SCR_FIELD);
    CHECK(!v->field.then_start);
    CHECK_INT(v->field.n_sites, 1);
    shot(&w, "walk-field-5-session-en");
    CHECK_INT(ui_drive_tap(d, UI_A_FIELD_CLOSE, 0), 0);
    CHECK_INT(store_field_current(w.st, &cur), 0);
    CHECK_INT(audit_last(w.st, "field.close", actor, detail), 1);
    CHECK_STR(actor, "cb01");
    CHECK(!v->field.open);
    CHECK(strstr(v->note, "closed") != NULL);
    CHECK_INT(frame_style(&w, UI_A_FIELD_OPEN), UI_ST_DISABLED);
    CHECK_INT(ui_drive_tap(d, UI_A_FIELD_PICK, 0), 0);
    shot(&w, "walk-field-6-picked-en");
    CHECK_INT(ui_drive_tap(d, UI_A_FIELD_OPEN, 0), 0);
    CHECK_INT(store_field_current(w.st, &cur), 1);
    CHECK_STR(cur.commune, "Xa Soc Son");
    CHECK_INT(audit_last(w.st, "field.open", actor, detail), 2);
    /* not asked for by Start: home, no enrolment */
    CHECK_INT(v->screen, UI_SCR_HOME);
    CHECK(v->app == NULL);
    CHECK(strstr(v->note, "Session opened at") != NULL);
    /* with a session open, Start starts */
    CHECK_INT(ui_drive_tap(d, UI_A_START, 0), 0);
    CHECK_INT(v->screen, UI_SCR_CARD);
    walk_close(&w);
}

TEST(counter_kiosk_never_asks)
{
    struct walk w;
    CHECK_INT(walk_open(&w, "counter", UNIT_COUNTER), 0);
    const struct ui_view *v = ui_app_view(w.a);
    CHECK(!v->field.mobile);
    CHECK(ui_frame_find(ui_app_frame(w.a), UI_A_GOTO_FIELD, -1) < 0);
    CHECK_INT(ui_drive_tap(&w.drive, UI_A_START, 0), 0);
    CHECK_INT(v->screen, UI_SCR_CARD);
    walk_close(&w);
}

/* --- the waiting banner counted on the trusted time, the wall clock stepped a year ahead --- */
static int64_t fake_wall, fake_mono;
static char fake_boot[40] = "boot-1";
static int64_t f_wall(void *x)
{
    (void)x;
    return fake_wall;
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
    fake_wall = ms;
    return 0;
}
static void f_boot(void *x, char out[40])
{
    (void)x;
    snprintf(out, 40, "%s", fake_boot);
}
static const struct clock_source fake_clock = {f_wall, f_mono, f_ntp, f_set, f_boot, NULL};

static int queue_at(struct store *st, const char *pid, const char *name, const char *day,
                    char short_no[APP_SHORT_NO_SIZE], char id[APP_ID_SIZE])
{
    struct application app;
    int64_t t = time_day_start(day) + 10 * 3600000LL;
    fixture_app(&app, pid, name, t);
    int rc = store_queue(st, &app, t);
    snprintf(short_no, APP_SHORT_NO_SIZE, "%s", app.short_no);
    snprintf(id, APP_ID_SIZE, "%s", app.id);
    app_wipe(&app);
    return rc;
}

static int frame_has(const struct ui_frame *f, const char *text)
{
    for (int i = 0; i < f->n; i++)
        if (f->w[i].text && strstr(f->w[i].text, text))
            return 1;
    return 0;
}

TEST(waiting_banner_on_trusted_time)
{
    struct walk w;
    CHECK_INT(walk_open(&w, "waiting", UNIT_MOBILE), 0);
    runner_set_clock(ui_app_runner(w.a), &fake_clock);
    const struct ui_view *v = ui_app_view(w.a);
    /* trusted (the upstream's Date) on Thursday 10/12/2026 at 09:00 */
    int64_t t0 = time_day_start("2026-12-10") + 9 * 3600000LL;
    fake_wall = t0;
    fake_mono = 5000000;
    CHECK_INT(clock_guard_trust(w.st, &fake_clock, t0, "upstream"), 0);
    /* queued Monday (3 working days by Thursday: the last day), Thursday before (5: late),
     * Wednesday (1), and Tuesday's handed over on a stick */
    char due[APP_SHORT_NO_SIZE], late[APP_SHORT_NO_SIZE], fresh[APP_SHORT_NO_SIZE],
        handed[APP_SHORT_NO_SIZE], id[APP_ID_SIZE];
    CHECK_INT(queue_at(w.st, "001099000001", "Nguyễn Văn An", "2026-12-07", due, id), 0);
    CHECK_INT(queue_at(w.st, "001099000002", "Trần Thị Bình", "2026-12-03", late, id), 0);
    CHECK_INT(queue_at(w.st, "001099000003", "Lê Văn Cường", "2026-12-09", fresh, id), 0);
    CHECK_INT(queue_at(w.st, "001099000004", "Phạm Thị Dung", "2026-12-08", handed, id), 0);
    CHECK_INT(store_handover_mark(w.st, id, 1, "ban-giao_kiosk-001_20261209-170000", t0), 0);

    /* two hours later by the monotonic clock; the wall clock stepped a year ahead */
    fake_mono += 2 * 3600000LL;
    fake_wall = t0 + 365 * 86400000LL;
    w.drive.now = fake_wall;
    ui_drive_pump(&w.drive);
    if (v->screen != UI_SCR_HOME) /* a year "idle": signed out */
        CHECK_INT(ui_drive_login(&w.drive, "cb01", "482915"), 0);
    /* the home screen counts again (as every few seconds) */
    ui_app_action(w.a, UI_A_HOME, 0, w.drive.now);
    CHECK_INT(ui_drive_pump(&w.drive), 0);
    CHECK_INT(v->screen, UI_SCR_HOME);
    CHECK(v->wait.known && v->wait.trusted);
    CHECK(v->wait.now_ms == t0 + 2 * 3600000LL);
    CHECK_INT(v->wait.waiting, 3);
    CHECK_INT(v->wait.due_today, 1);
    CHECK_INT(v->wait.overdue, 1);
    CHECK_INT(v->wait.n_late, 2);
    CHECK_STR(v->wait.late[0], due);
    CHECK_STR(v->wait.late[1], late);
    CHECK_INT(v->wait.handed, 1);
    CHECK_STR(v->wait.handed_list[0], handed);
    CHECK(strcmp(v->wait.late[0], fresh) != 0);
    CHECK(frame_has(ui_app_frame(w.a), "Chờ gửi: 3 hồ sơ, lâu nhất 7 ngày"));
    CHECK(frame_has(ui_app_frame(w.a), "Quá hạn nếu không gửi hoặc bàn giao hôm nay: 1 hồ sơ"));
    CHECK(frame_has(ui_app_frame(w.a), due));
    shot(&w, "walk-field-7-waiting-trusted-vi");
    /* the wall clock would have made every one of them late a year ago */
    struct export_waiting by_wall;
    CHECK_INT(export_waiting(w.st, fake_wall, &by_wall), 0);
    CHECK_INT(by_wall.overdue, 3);
    CHECK_INT(by_wall.due_today, 0);

    /* after a reboot with no trusted time since: the wall clock, said to be unconfirmed */
    snprintf(fake_boot, sizeof fake_boot, "boot-2");
    fake_mono = 1000;
    CHECK_INT(ui_drive_tap(&w.drive, UI_A_LANG, -1), 0);
    /* the home screen counts again (as every few seconds) */
    ui_app_action(w.a, UI_A_HOME, 0, w.drive.now);
    CHECK_INT(ui_drive_pump(&w.drive), 0);
    CHECK(v->wait.known && !v->wait.trusted);
    CHECK_INT(v->wait.overdue, 3);
    CHECK(frame_has(ui_app_frame(w.a), "not confirmed"));
    shot(&w, "walk-field-8-waiting-untrusted-en");
    walk_close(&w);
}

int main(void)
{
    if (seal_init() != 0 || ui_rig_sdl_init() != 0)
        return 1;
    RUN(start_asks_for_a_session_then_typed_once_then_picked);
    RUN(counter_kiosk_never_asks);
    RUN(waiting_banner_on_trusted_time);
    return test_done();
}
