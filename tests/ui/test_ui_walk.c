/* test_ui_walk.c: the real UI (controller, runner, workflow, store) on a process
 * (kiosk/process), driven only by synthetic touch events pushed into SDL's queue, with
 * scripted devices that answer through the process's loop:
 *   - a whole enrolment from the officer's PIN to the receipt, ending with the application
 *     queued in the store;
 *   - a card reader that never answers: frames still render, the screen says so, Cancel
 *     goes home and cancels the read; the same for a camera that never sends a frame;
 *   - a supervisor's PIN lets a duplicate through; a wrong PIN is refused.
 * Each step's frame passes the layout check; the walk's PNGs go to build/screens/walk-*. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "kiosk/config/config.h"
#include "kiosk/export/report.h"
#include "kiosk/store/seal.h"
#include "kiosk/store/store.h"
#include "kiosk/model/timefmt.h"
#include "tests/rigs/harness/app_fixture.h"
#include "tests/test.h"
#include "tests/ui/ui_drive.h"
#include "tests/ui/ui_fakedev.h"
#include "tests/ui/ui_rig.h"
#include "ui/ui_app.h"

static char g_dir[64];
static struct config g_cfg;
static struct store *g_st;
static struct seal_keys g_keys;
static struct ui_rig g_rig;
static int g_shot;
static struct ui_drive g_drive;

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
    /* no printer here: the done screen says the receipt could not be printed */
    snprintf(g_cfg.receipt_printer, sizeof(g_cfg.receipt_printer), "%s", "kiosk-test-none");
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

static int g_exports;
static pthread_t g_export_thread; /* the thread the export ran on */

static int export_now(struct store *st, const char *day, const char *dir, const char *period,
                      const char *actor, char *out, size_t outlen)
{
    struct report_request rq;
    g_exports++;
    g_export_thread = pthread_self();
    memset(&rq, 0, sizeof rq);
    if (strcmp(actor, "gs01") != 0 || strcmp(period, "day") != 0 ||
        report_period_day(day, &rq.period) != 0) {
        snprintf(out, outlen, "%s", "unexpected actor or period");
        return -1;
    }
    rq.root = dir;
    rq.supervisor_id = actor;
    rq.station_code = g_cfg.station_code;
    rq.station_name = g_cfg.station_name;
    rq.kiosk_id = g_cfg.kiosk_id;
    return report_export(st, &rq, time_now_ms(), out, outlen, out, outlen);
}

static struct ui_app *new_app(struct ui_fakedev *dev)
{
    struct ui_app_opts o = {.ren = g_rig.ren, .w = g_rig.w, .h = g_rig.h, .export_fn = export_now};
    /* the app's clock starts at the real time: the runner stamps device results with it */
    g_drive.now = time_now_ms();
    return ui_drive_start(&g_cfg, g_st, dev, &o);
}

static int pump(struct ui_app *a)
{
    g_drive.app = a;
    return ui_drive_pump(&g_drive);
}

static void shot(struct ui_app *a)
{
    char name[64];
    snprintf(name, sizeof(name), "walk-%02d-%s", ++g_shot, ui_screen_name(ui_app_view(a)->screen));
    ui_rig_snapshot(&g_rig, ui_rig_screens_dir(), name);
}

static int tap(struct ui_app *a, int action, int arg)
{
    g_drive.app = a;
    return ui_drive_tap(&g_drive, action, arg);
}

static int type(struct ui_app *a, const char *s)
{
    g_drive.app = a;
    return ui_drive_type(&g_drive, s);
}

static int login(struct ui_app *a, const char *officer_id, const char *pin)
{
    g_drive.app = a;
    return ui_drive_login(&g_drive, officer_id, pin);
}

/* One step of a walk: stops the walk at the first that fails, saying where. */
#define STEP(a, cond)                                                                              \
    do {                                                                                           \
        if (ok && !(cond)) {                                                                       \
            ok = 0;                                                                                \
            fprintf(stderr, "step at line %d failed on %s (note: %s)\n", __LINE__,                 \
                    ui_screen_name(ui_app_view(a)->screen), ui_app_view(a)->note);                 \
        }                                                                                          \
    } while (0)

/* The style of the first widget with this action on the current frame (-1 if none). */
static int ui_frame_app_style(struct ui_app *a, int action)
{
    if (pump(a) != 0)
        return -1;
    int i = ui_frame_find(ui_app_frame(a), action, -1);
    return i < 0 ? -1 : (int)ui_app_frame(a)->w[i].style;
}

static int count_cb(const struct store_row *row, void *arg)
{
    if (row->status == APP_QUEUED && strcmp(row->identity.full_name, "Nguyễn Thị Hường") == 0)
        (*(int *)arg)++;
    return 0;
}

TEST(whole_enrolment_by_touch_ends_queued)
{
    struct ui_fakedev dev = {.mode = UI_FAKE_ANSWER};
    struct ui_app *a = new_app(&dev);
    CHECK(a != NULL);
    const struct ui_view *v = ui_app_view(a);
    int ok = 1;
    STEP(a, pump(a) == 0 && v->screen == UI_SCR_LOGIN);
    shot(a);
    STEP(a, v->n_officers == 2 && login(a, "cb01", "482915") == 0 && v->screen == UI_SCR_HOME);
    shot(a);
    STEP(a, tap(a, UI_A_START, 0) == 0 && v->screen == UI_SCR_CARD);
    shot(a);
    /* no ID typed, no QR scanned yet: no read is started, nothing is shown */
    STEP(a, dev.card_reads == 0 && v->card_phase == UI_CARD_WAITING && !v->note[0]);
    STEP(a, type(a, "001190012345") == 0 && tap(a, UI_A_CARD_READ, 0) == 0);
    /* the card answered at once: progress, then the identity */
    STEP(a, v->screen == UI_SCR_REVIEW && dev.card_reads == 1 && dev.last_qr == 0 &&
                strcmp(dev.last_pid, "001190012345") == 0);
    shot(a);
    STEP(a, tap(a, UI_A_CONFIRM, 0) == 0 && v->screen == UI_SCR_PORTRAIT && v->preview_live &&
                v->preview_pass);
    shot(a);
    STEP(a, tap(a, UI_A_CAPTURE, 0) == 0 && v->portrait_taken && dev.captures == 1);
    shot(a);
    STEP(a, tap(a, UI_A_CONFIRM, 0) == 0);
    /* both fingers answered at once: on to the contact */
    STEP(a, v->screen == UI_SCR_CONTACT && dev.finger_captures == 2);
    shot(a);
    STEP(a, type(a, "0987654321") == 0 && v->phone_ok);
    STEP(a, tap(a, UI_A_FOCUS, 1) == 0 && type(a, "huong") == 0 && !v->email_ok &&
                tap(a, UI_A_KEY, 1) == 0 && v->email_ok);
    shot(a);
    STEP(a, tap(a, UI_A_CONFIRM, 0) == 0 && v->screen == UI_SCR_CONSENT);
    shot(a);
    /* the store worker commits the application; the screen waits for its answer */
    STEP(a, tap(a, UI_A_CONSENT, 0) == 0 && ui_drive_settle(&g_drive, UI_DRIVE_STORE_MS) == 0 &&
                v->screen == UI_SCR_DONE);
    /* the receipt prints off the UI thread: its result comes back as an event */
    STEP(a, ui_drive_wait_printed(&g_drive, 30000) == 0);
    shot(a);
    char id[APP_ID_SIZE] = "";
    if (ok)
        snprintf(id, sizeof(id), "%s", runner_last_queued(ui_app_runner(a)));
    struct stat sb;
    /* the receipt goes to CUPS from memory (here there is no printer: the screen says so),
     * never to a file; the screen shows the short number */
    int receipt = ok && !ui_app_receipt_path(a)[0] && v->receipt_msg[0] && !v->receipt_ok &&
                  stat(g_dir, &sb) == 0 && strstr(v->receipt_msg, "không in được") == NULL &&
                  strstr(v->receipt_msg, "Không in được giấy tiếp nhận") != NULL;
    STEP(a, tap(a, UI_A_HOME, 0) == 0 && v->screen == UI_SCR_HOME && v->today_count == 1);
    ui_drive_stop(a);
    CHECK(ok);
    CHECK(id[0] != 0);
    CHECK(receipt);
    struct application app;
    app_init(&app);
    CHECK_INT(store_load(g_st, id, &app), 0);
    int status = app.status, n_fingers = app.n_fingers;
    char phone[11];
    snprintf(phone, sizeof(phone), "%s", app.phone);
    app_wipe(&app);
    CHECK_INT(status, APP_QUEUED);
    CHECK_INT(n_fingers, 2);
    CHECK_STR(phone, "0987654321");
    int queued = 0;
    struct store_query q = {.status = APP_QUEUED};
    CHECK_INT(store_list(g_st, &q, count_cb, &queued), 0);
    CHECK_INT(queued, 1);
}

TEST(card_reader_that_never_answers_renders_and_cancels)
{
    struct ui_fakedev dev = {.mode = UI_FAKE_SILENT};
    struct ui_app *a = new_app(&dev);
    CHECK(a != NULL);
    const struct ui_view *v = ui_app_view(a);
    int ok = 1;
    STEP(a,
         login(a, "cb01", "482915") == 0 && tap(a, UI_A_START, 0) == 0 && v->screen == UI_SCR_CARD);
    STEP(a, type(a, "001190012345") == 0 && tap(a, UI_A_CARD_READ, 0) == 0);
    int frames = 0, stuck_seen = 0;
    for (int i = 0; ok && i < 60; i++) { /* 15 s of 4 Hz ticks, a frame each */
        g_drive.now += 250;
        ok = pump(a) == 0;
        frames += ok;
        stuck_seen |= v->card_stuck;
    }
    shot(a);
    STEP(a, tap(a, UI_A_CANCEL, 0) == 0 && v->screen == UI_SCR_HOME);
    ui_drive_stop(a);
    CHECK(ok);
    CHECK_INT(frames, 60);
    CHECK(stuck_seen);
    CHECK_INT(dev.card_reads, 1);
    CHECK_INT(dev.card_cancels, 1);
}

/* Runs after the whole enrolment: the same citizen again is a duplicate, which only a
 * supervisor's PIN lets through; then the camera never sends a frame. */
TEST(camera_that_never_answers_renders_and_cancels)
{
    struct ui_fakedev dev = {.mode = UI_FAKE_CAMERA_DEAD};
    struct ui_app *a = new_app(&dev);
    CHECK(a != NULL);
    const struct ui_view *v = ui_app_view(a);
    int ok = 1;
    STEP(a, login(a, "cb01", "482915") == 0 && tap(a, UI_A_START, 0) == 0);
    STEP(a, type(a, "001190012345") == 0 && tap(a, UI_A_CARD_READ, 0) == 0);
    STEP(a, v->screen == UI_SCR_REVIEW && v->duplicate && v->needs_supervisor);
    shot(a);
    STEP(a, tap(a, UI_A_CONFIRM, 0) == 0 && v->modal == UI_MODAL_SUPERVISOR_PIN);
    /* only supervisors are offered, and a wrong PIN is refused */
    STEP(a, v->n_officers == 1 && strcmp(v->officers[0].id, "gs01") == 0);
    STEP(a,
         login(a, "gs01", "111112") == 0 && v->modal == UI_MODAL_SUPERVISOR_PIN && v->note_error);
    shot(a);
    STEP(a, login(a, "gs01", "730195") == 0 && v->modal == UI_MODAL_NONE);
    STEP(a, v->screen == UI_SCR_PORTRAIT);
    int frames = 0;
    for (int i = 0; ok && i < 40; i++) {
        g_drive.now += 250;
        ok = pump(a) == 0 && !v->preview_live;
        frames += ok;
    }
    /* capture is offered only on a live, passing preview */
    int said_stuck = ok && strstr(v->note, ui_str(UI_S_CAMERA_STUCK, LANG_VI)) != NULL;
    int i = ui_frame_find(ui_app_frame(a), UI_A_CAPTURE, 0);
    int capture_disabled = ok && i >= 0 && ui_app_frame(a)->w[i].style == UI_ST_DISABLED;
    shot(a);
    STEP(a, tap(a, UI_A_CANCEL, 0) == 0 && v->screen == UI_SCR_HOME);
    ui_drive_stop(a);
    CHECK(ok);
    CHECK_INT(frames, 40);
    CHECK(capture_disabled);
    CHECK(said_stuck);
    CHECK_INT(dev.camera_starts, 1);
    CHECK_INT(dev.camera_stops, 1);
    CHECK_INT(dev.captures, 0);
}

TEST(wrong_pin_refused_then_idle_logout)
{
    struct ui_fakedev dev = {.mode = UI_FAKE_SILENT};
    struct ui_app *a = new_app(&dev);
    CHECK(a != NULL);
    const struct ui_view *v = ui_app_view(a);
    int ok = 1;
    STEP(a, login(a, "cb01", "000000") == 0 && v->screen == UI_SCR_LOGIN && v->note_error);
    shot(a);
    STEP(a, login(a, "cb01", "482915") == 0 && v->screen == UI_SCR_HOME);
    g_drive.now += (int64_t)g_cfg.officer_idle_seconds * 1000 + 1000;
    STEP(a, pump(a) == 0 && v->screen == UI_SCR_LOGIN);
    ui_drive_stop(a);
    CHECK(ok);
}

/* The officer is signed out for idleness while the approver's PIN is still being checked on
 * the store worker: the sign-out takes the answer in first, the enrolment is cancelled, and
 * the screen does not stay waiting for an answer already taken (the next sign-in works). */
TEST(idle_logout_while_the_approval_pin_is_checked)
{
    struct ui_fakedev dev = {.mode = UI_FAKE_CAMERA_DEAD};
    struct ui_app *a = new_app(&dev);
    CHECK(a != NULL);
    const struct ui_view *v = ui_app_view(a);
    int ok = 1;
    STEP(a, login(a, "cb01", "482915") == 0 && tap(a, UI_A_START, 0) == 0);
    STEP(a, type(a, "001190012345") == 0 && tap(a, UI_A_CARD_READ, 0) == 0);
    STEP(a, tap(a, UI_A_CONFIRM, 0) == 0 && v->modal == UI_MODAL_SUPERVISOR_PIN);
    STEP(a, v->n_officers == 1 && tap(a, UI_A_OFFICER, 0) == 0);
    for (const char *p = "730195"; ok && *p; p++)
        STEP(a, tap(a, UI_A_PIN_DIGIT, *p - '0') == 0);
    STEP(a, tap(a, UI_A_PIN_OK, 0) == 0);
    /* the clock jumps past the officer's idle time before the answer is taken in */
    g_drive.now += (int64_t)g_cfg.officer_idle_seconds * 1000 + 1000;
    ui_app_tick(a, g_drive.now);
    STEP(a, pump(a) == 0 && v->screen == UI_SCR_LOGIN && !v->pin_checking && !v->queuing);
    STEP(a, login(a, "cb01", "482915") == 0 && v->screen == UI_SCR_HOME);
    ui_drive_stop(a);
    CHECK(ok);
}

TEST(language_toggle_switches_every_text)
{
    struct ui_fakedev dev = {.mode = UI_FAKE_SILENT};
    struct ui_app *a = new_app(&dev);
    CHECK(a != NULL);
    int ok = 1;
    STEP(a, pump(a) == 0);
    int i = ui_frame_find(ui_app_frame(a), UI_A_PIN_OK, 0);
    char before[64] = "";
    if (i >= 0)
        snprintf(before, sizeof(before), "%s", ui_app_frame(a)->w[i].text);
    STEP(a, tap(a, UI_A_LANG, 0) == 0);
    i = ui_frame_find(ui_app_frame(a), UI_A_PIN_OK, 0);
    char after[64] = "";
    if (i >= 0)
        snprintf(after, sizeof(after), "%s", ui_app_frame(a)->w[i].text);
    ui_drive_stop(a);
    CHECK(ok);
    CHECK_STR(before, "Xác nhận");
    CHECK_STR(after, "Confirm");
}

/* Five wrong PINs lock an officer; the supervisor sees the lock on the supervisor screen and
 * lifts it there; the officer then signs in. */
TEST(supervisor_unlocks_a_locked_officer_on_screen)
{
    struct ui_fakedev dev = {.mode = UI_FAKE_SILENT};
    struct ui_app *a = new_app(&dev);
    CHECK(a != NULL);
    const struct ui_view *v = ui_app_view(a);
    int ok = 1;
    for (int i = 0; i < OFFICER_MAX_FAILURES; i++)
        STEP(a, login(a, "cb01", "000000") == 0 && v->screen == UI_SCR_LOGIN);
    STEP(a, login(a, "cb01", "482915") == 0 && v->screen == UI_SCR_LOGIN && v->note_error);
    STEP(a, login(a, "gs01", "730195") == 0 && tap(a, UI_A_GOTO_DASHBOARD, 0) == 0);
    STEP(a, tap(a, UI_A_GOTO_SUPERVISOR, 0) == 0);
    STEP(a, v->screen == UI_SCR_SUPERVISOR && v->n_locked == 1 &&
                strcmp(v->locked[0].id, "cb01") == 0);
    STEP(a, ui_frame_find(ui_app_frame(a), UI_A_UNLOCK, 0) >= 0);
    shot(a);
    STEP(a, tap(a, UI_A_UNLOCK, 0) == 0 && v->n_locked == 0);
    STEP(a, tap(a, UI_A_LOGOUT, 0) == 0 && v->screen == UI_SCR_LOGIN);
    STEP(a, login(a, "cb01", "482915") == 0 && v->screen == UI_SCR_HOME);
    ui_drive_stop(a);
    CHECK(ok);
}

/* The supervisor exports today's list to a folder picked on screen; an officer is not
 * offered the supervisor screen at all. */
TEST(supervisor_exports_the_day_to_the_chosen_folder)
{
    struct ui_fakedev dev = {.mode = UI_FAKE_SILENT};
    struct ui_app *a = new_app(&dev);
    CHECK(a != NULL);
    const struct ui_view *v = ui_app_view(a);
    int ok = 1;
    STEP(a, login(a, "cb01", "482915") == 0 && v->screen == UI_SCR_HOME);
    STEP(a, ui_frame_find(ui_app_frame(a), UI_A_GOTO_DASHBOARD, -1) < 0);
    STEP(a, tap(a, UI_A_LOGOUT, 0) == 0 && v->screen == UI_SCR_LOGIN);
    STEP(a, login(a, "gs01", "730195") == 0 && tap(a, UI_A_GOTO_DASHBOARD, 0) == 0);
    STEP(a, tap(a, UI_A_GOTO_SUPERVISOR, 0) == 0);
    STEP(a, v->screen == UI_SCR_SUPERVISOR && v->n_export_dirs >= 1);
    /* the kiosk's own export folder is always offered, last */
    char own[300];
    snprintf(own, sizeof(own), "%s/export", g_dir);
    int last = v->n_export_dirs - 1;
    STEP(a, strcmp(v->export_dirs[last], own) == 0);
    /* the export runs on the process's store worker: the button waits meanwhile */
    STEP(a, tap(a, UI_A_EXPORT_DIR, last) == 0 && tap(a, UI_A_EXPORT, 0) == 0);
    int button = ui_frame_find(ui_app_frame(a), UI_A_EXPORT, -1);
    int waited =
        ok && v->exporting && button >= 0 && ui_app_frame(a)->w[button].style == UI_ST_DISABLED;
    STEP(a, ui_drive_settle(&g_drive, UI_DRIVE_STORE_MS) == 0 && !v->exporting);
    shot(a);
    int exported = ok && v->export_ok && g_exports == 1;
    int off_ui_thread = g_exports == 1 && !pthread_equal(g_export_thread, pthread_self());
    char day[11], path[600];
    time_day(time_now_ms(), day);
    snprintf(path, sizeof(path), "%s/%s/%s/mau-so-02_%s_%s_%s.xlsx", own, g_cfg.station_code, day,
             g_cfg.station_code, g_cfg.kiosk_id, day);
    struct stat sb;
    int file = stat(path, &sb) == 0 && sb.st_size > 0;
    /* the day moves back, never past today */
    char before[11];
    snprintf(before, sizeof(before), "%s", v->export_day);
    STEP(a, tap(a, UI_A_DAY_NEXT, 0) == 0 && strcmp(v->export_day, before) == 0);
    STEP(a, tap(a, UI_A_DAY_PREV, 0) == 0 && strcmp(v->export_day, before) < 0);
    ui_drive_stop(a);
    CHECK(ok);
    CHECK(waited);
    CHECK(exported);
    CHECK(off_ui_thread);
    CHECK(file);
}

/* A keyboard-wedge scanner types the card's QR code and Enter: the chip is read with the
 * QR's access data, the ID field filled from it; "QR only" is offered after a failure. */
TEST(qr_code_from_a_scanner_reads_the_card)
{
    struct ui_fakedev dev = {.mode = UI_FAKE_ANSWER};
    struct ui_app *a = new_app(&dev);
    CHECK(a != NULL);
    const struct ui_view *v = ui_app_view(a);
    int ok = 1;
    STEP(a, login(a, "cb01", "482915") == 0 && tap(a, UI_A_START, 0) == 0);
    STEP(a, v->screen == UI_SCR_CARD && !v->qr_scanned);
    const char *qr = "079303004567|123456789|Lê Thị Ngọc|15032003|Nữ|Hà Nội|20042021";
    SDL_Event e;
    memset(&e, 0, sizeof(e));
    e.type = SDL_TEXTINPUT;
    for (const char *p = qr; *p;) { /* as a scanner types: a few bytes per event */
        size_t n = strlen(p) > 8 ? 8 : strlen(p);
        while (n > 0 && ((unsigned char)p[n] & 0xC0) == 0x80) /* whole characters */
            n--;
        memcpy(e.text.text, p, n);
        e.text.text[n] = 0;
        SDL_PushEvent(&e);
        p += n;
    }
    memset(&e, 0, sizeof(e));
    e.type = SDL_KEYDOWN;
    e.key.keysym.sym = SDLK_RETURN;
    SDL_PushEvent(&e);
    STEP(a, pump(a) == 0);
    /* the fake chip answered the read started with the QR's data */
    STEP(a, v->screen == UI_SCR_REVIEW && dev.card_reads == 1 && dev.last_qr == 1 &&
                strcmp(dev.last_pid, "079303004567") == 0);
    STEP(a, tap(a, UI_A_CANCEL, 0) == 0 && v->screen == UI_SCR_HOME);
    ui_drive_stop(a);
    CHECK(ok);
}

/* When neither chip nor QR works the identity is typed in, Vietnamese name included; the
 * review marks it typed in, and only a supervisor's PIN lets it through. */
TEST(manual_entry_needs_a_supervisor)
{
    struct ui_fakedev dev = {.mode = UI_FAKE_SILENT};
    struct ui_app *a = new_app(&dev);
    CHECK(a != NULL);
    const struct ui_view *v = ui_app_view(a);
    int ok = 1;
    STEP(a, login(a, "cb01", "482915") == 0 && tap(a, UI_A_START, 0) == 0);
    STEP(a, tap(a, UI_A_CARD_MANUAL, 0) == 0 && v->modal == UI_MODAL_MANUAL);
    STEP(a, type(a, "036050001234") == 0);
    STEP(a, tap(a, UI_A_FOCUS, 1) == 0 && type(a, "luu") == 0 && tap(a, UI_A_VN_MARK, 3) == 0 &&
                type(a, " van") == 0 && tap(a, UI_A_VN_MARK, 2) == 0 && type(a, " tho") == 0 &&
                tap(a, UI_A_VN_TONE, 1) == 0 && tap(a, UI_A_VN_MARK, 1) == 0);
    STEP(a, strcmp(v->man_name, "Lưu Văn Thố") == 0);
    STEP(a, tap(a, UI_A_FOCUS, 2) == 0 && type(a, "01011950") == 0);
    shot(a);
    /* not before the sex is given */
    STEP(a, ui_frame_app_style(a, UI_A_MANUAL_OK) == UI_ST_DISABLED);
    STEP(a, tap(a, UI_A_SEX, 'M') == 0 && tap(a, UI_A_MANUAL_OK, 0) == 0);
    STEP(a, v->screen == UI_SCR_REVIEW && v->modal == UI_MODAL_NONE && v->app &&
                v->app->identity.source == ID_SOURCE_MANUAL && v->needs_supervisor &&
                strcmp(v->app->identity.dob, "1950-01-01") == 0);
    shot(a);
    STEP(a, tap(a, UI_A_CONFIRM, 0) == 0 && v->modal == UI_MODAL_SUPERVISOR_PIN);
    /* the approver picks why the chip could not be used, from the fixed list */
    STEP(a, v->n_approval_reasons == 3 &&
                ui_frame_find(ui_app_frame(a), UI_A_APPROVAL_REASON, 1) >= 0);
    STEP(a,
         login(a, "gs01", "730195") == 0 && v->modal == UI_MODAL_SUPERVISOR_PIN && v->note_error);
    STEP(a, tap(a, UI_A_APPROVAL_REASON, 1) == 0 && v->approval_reason_sel == 1);
    shot(a);
    STEP(a, login(a, "gs01", "730195") == 0 && v->screen == UI_SCR_PORTRAIT);
    STEP(a, v->app && v->app->n_approvals == 1 &&
                strcmp(v->app->approvals[0].reason, "chip_damaged") == 0 &&
                strcmp(v->app->approvals[0].by, "gs01") == 0);
    STEP(a, tap(a, UI_A_CANCEL, 0) == 0 && v->screen == UI_SCR_HOME && !v->man_name[0]);
    ui_drive_stop(a);
    CHECK(ok);
    CHECK(dev.card_cancels >= 1);
}

/* A touch the display server also reports as a click is carried out once. */
TEST(touch_echoed_as_a_click_counts_once)
{
    struct ui_fakedev dev = {.mode = UI_FAKE_SILENT};
    struct ui_app *a = new_app(&dev);
    CHECK(a != NULL);
    const struct ui_view *v = ui_app_view(a);
    int ok = 1;
    STEP(a, pump(a) == 0);
    int i = ui_frame_find(ui_app_frame(a), UI_A_PIN_DIGIT, 7);
    STEP(a, i >= 0 && tap(a, UI_A_OFFICER, 0) == 0);
    SDL_Rect r = i >= 0 ? ui_app_frame(a)->w[i].r : (SDL_Rect){0, 0, 1, 1};
    SDL_Event e;
    memset(&e, 0, sizeof(e));
    e.type = SDL_FINGERDOWN;
    e.tfinger.x = (float)(r.x + r.w / 2) / (float)g_rig.w;
    e.tfinger.y = (float)(r.y + r.h / 2) / (float)g_rig.h;
    SDL_PushEvent(&e);
    e.type = SDL_FINGERUP;
    SDL_PushEvent(&e);
    memset(&e, 0, sizeof(e));
    e.type = SDL_MOUSEBUTTONDOWN;
    e.button.which = 0;
    e.button.x = r.x + r.w / 2;
    e.button.y = r.y + r.h / 2;
    SDL_PushEvent(&e);
    e.type = SDL_MOUSEBUTTONUP;
    SDL_PushEvent(&e);
    STEP(a, pump(a) == 0 && v->pin_len == 1);
    /* a real mouse click later counts */
    g_drive.now += 2000;
    e.type = SDL_MOUSEBUTTONDOWN;
    SDL_PushEvent(&e);
    e.type = SDL_MOUSEBUTTONUP;
    SDL_PushEvent(&e);
    STEP(a, pump(a) == 0 && v->pin_len == 2);
    ui_drive_stop(a);
    CHECK(ok);
}

/* Receipts carry a name: those older than a day go when the UI starts. */
TEST(old_receipts_are_deleted_at_start)
{
    char dir[300], old_png[360], new_png[360];
    snprintf(dir, sizeof(dir), "%s/receipts", g_dir);
    mkdir(dir, 0700);
    snprintf(old_png, sizeof(old_png), "%s/old.png", dir);
    snprintf(new_png, sizeof(new_png), "%s/new.png", dir);
    FILE *f = fopen(old_png, "w");
    CHECK(f != NULL);
    fclose(f);
    f = fopen(new_png, "w");
    CHECK(f != NULL);
    fclose(f);
    struct timeval two_days_ago[2];
    gettimeofday(&two_days_ago[0], NULL);
    two_days_ago[0].tv_sec -= 2 * 86400;
    two_days_ago[1] = two_days_ago[0];
    CHECK_INT(utimes(old_png, two_days_ago), 0);
    struct ui_fakedev dev = {.mode = UI_FAKE_SILENT};
    struct ui_app *a = new_app(&dev);
    CHECK(a != NULL);
    ui_drive_stop(a);
    struct stat sb;
    CHECK(stat(old_png, &sb) != 0);
    CHECK(stat(new_png, &sb) == 0);
}

int main(void)
{
    if (ui_rig_sdl_init() != 0 || setup() != 0) {
        fprintf(stderr, "setup failed\n");
        return 1;
    }
    RUN(whole_enrolment_by_touch_ends_queued);
    RUN(card_reader_that_never_answers_renders_and_cancels);
    RUN(camera_that_never_answers_renders_and_cancels);
    RUN(wrong_pin_refused_then_idle_logout);
    RUN(idle_logout_while_the_approval_pin_is_checked);
    RUN(language_toggle_switches_every_text);
    RUN(supervisor_exports_the_day_to_the_chosen_folder);
    RUN(qr_code_from_a_scanner_reads_the_card);
    RUN(manual_entry_needs_a_supervisor);
    RUN(touch_echoed_as_a_click_counts_once);
    RUN(old_receipts_are_deleted_at_start);
    RUN(supervisor_unlocks_a_locked_officer_on_screen);
    teardown();
    SDL_Quit();
    return test_done();
}
