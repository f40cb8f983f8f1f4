/* test_ui_walk_sim.c: a whole enrolment walked by synthetic touch events through the real UI
 * with the real device workers on their simulated backends (kiosk/devices/devices.c: the software
 * chip behind the card driver, face images through the portrait checks, synthetic prints
 * through libfprint's virtual driver), ending with the application queued in the store.
 * The sim data (card profiles, face images) is made here, in a temporary directory.
 * Device results arrive from the worker threads through the process's loop (kiosk/process), run
 * on the UI's thread, as in `kiosk run`. */
#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kiosk/config/config.h"
#include "kiosk/devices/devices.h"
#include "kiosk/store/seal.h"
#include "kiosk/store/store.h"
#include "kiosk/model/timefmt.h"
#include "tests/rigs/harness/app_fixture.h"
#include "tests/rigs/camera/faces.h"
#include "tests/test.h"
#include "tests/ui/ui_drive.h"
#include "tests/ui/ui_rig.h"
#include "ui/ui_app.h"

#define STEP_TIMEOUT_MS 30000

/* Every fsync and fdatasync of the process (SQLite's included: this program's definitions come
 * before libc's) counted by the thread that makes it, while g_counting is set: the UI thread
 * (the test's own, which drives the UI) must never wait for the disk. */
static pthread_t g_ui_thread;
static atomic_int g_counting, g_ui_syncs, g_other_syncs;

static void count_sync(void)
{
    if (!atomic_load(&g_counting))
        return;
    if (pthread_equal(pthread_self(), g_ui_thread))
        atomic_fetch_add(&g_ui_syncs, 1);
    else
        atomic_fetch_add(&g_other_syncs, 1);
}

int fsync(int fd)
{
    static int (*real)(int);
    if (!real)
        *(void **)&real = dlsym(RTLD_NEXT, "fsync");
    count_sync();
    return real(fd);
}

int fdatasync(int fd)
{
    static int (*real)(int);
    if (!real)
        *(void **)&real = dlsym(RTLD_NEXT, "fdatasync");
    count_sync();
    return real(fd);
}

static char g_dir[64];
static struct config g_cfg;
static struct store *g_st;
static struct seal_keys g_keys;
static struct ui_rig g_rig;

static int setup(void)
{
    char keydir[128], sim[128];
    if (test_fresh_dir(g_dir, sizeof g_dir) != 0)
        return -1;
    snprintf(keydir, sizeof(keydir), "%s/keys", g_dir);
    snprintf(sim, sizeof(sim), "%s/sim", g_dir);
    if (seal_init() != 0 || seal_keys_load(keydir, NULL, &g_keys) != 0)
        return -1;
    fixture_upstream_key(&g_keys, NULL);
    static const int faces[] = {FACES_GOOD};
    if (store_open(g_dir, &g_keys, &g_st) != 0 || ui_rig_sim_data(sim, faces, 1) != 0)
        return -1;
    config_defaults(&g_cfg);
    snprintf(g_cfg.data_dir, sizeof(g_cfg.data_dir), "%s", g_dir);
    snprintf(g_cfg.sim_dir, sizeof(g_cfg.sim_dir), "%s", sim);
    snprintf(g_cfg.trust_dir, sizeof(g_cfg.trust_dir), "%s/cards/trust", sim);
    snprintf(g_cfg.card_device, sizeof(g_cfg.card_device), "%s", "sim");
    snprintf(g_cfg.camera_device, sizeof(g_cfg.camera_device), "%s", "sim");
    snprintf(g_cfg.fingerprint_device, sizeof(g_cfg.fingerprint_device), "%s", "sim");
    if (store_officer_add(g_st, "cb01", "Trần Văn Bình", ROLE_OFFICER, "482915", "test",
                          time_now_ms()) != 0 ||
        store_officer_add(g_st, "gs01", "Phạm Quốc Đạt", ROLE_SUPERVISOR, "730195", "test",
                          time_now_ms()) != 0)
        return -1;
    return ui_rig_open(&g_rig, 1280, 800);
}

static void teardown(void)
{
    ui_rig_close(&g_rig);
    store_close(g_st);
    seal_keys_wipe(&g_keys);
}

static void shot(const struct ui_view *v, const char *step)
{
    char name[64];
    snprintf(name, sizeof(name), "walk-sim-%s-%s", step, ui_screen_name(v->screen));
    ui_rig_snapshot(&g_rig, ui_rig_screens_dir(), name);
}

static int count_cb(const struct store_row *row, void *arg)
{
    if (row->status == APP_QUEUED)
        (*(int *)arg)++;
    return 0;
}

#define STEP(cond)                                                                                 \
    do {                                                                                           \
        if (ok && !(cond)) {                                                                       \
            ok = 0;                                                                                \
            fprintf(stderr, "step at line %d failed on %s (note: %s)\n", __LINE__,                 \
                    ui_screen_name(v->screen), v->note);                                           \
        }                                                                                          \
    } while (0)

/* The UI on a process with the real simulated device workers; NULL (and nothing running) on
 * failure. */
static struct ui_app *sim_app(void)
{
    struct ui_app_opts o = {.ren = g_rig.ren, .w = g_rig.w, .h = g_rig.h};
    return ui_drive_start(&g_cfg, g_st, NULL, &o);
}

TEST(whole_enrolment_with_simulated_devices_ends_queued)
{
    struct ui_app *a = sim_app();
    CHECK(a != NULL);
    struct ui_drive d = {.app = a, .rig = &g_rig, .now = time_now_ms(), .check = 1};
    const struct ui_view *v = ui_app_view(a);
    int ok = 1;
    g_ui_thread = pthread_self();
    atomic_store(&g_ui_syncs, 0);
    atomic_store(&g_other_syncs, 0);
    atomic_store(&g_counting, 1);
    STEP(ui_drive_login(&d, "cb01", "482915") == 0 && v->screen == UI_SCR_HOME);
    STEP(ui_drive_tap(&d, UI_A_START, 0) == 0 && v->screen == UI_SCR_CARD);
    /* the personal ID printed on the simulated card (tests/rigs/card/cardf_people.c) */
    STEP(ui_drive_type(&d, "079303004567") == 0 && ui_drive_tap(&d, UI_A_CARD_READ, 0) == 0);
    STEP(ui_drive_wait(&d, UI_SCR_REVIEW, NULL, STEP_TIMEOUT_MS) == 0);
    shot(v, "1");
    STEP(v->app && v->app->identity.full_name[0] && v->app->identity.verdict != CHIP_FORGED);
    STEP(ui_drive_tap(&d, UI_A_CONFIRM, 0) == 0);
    /* a chip the simulated trust store cannot verify needs a supervisor's PIN */
    if (ok && v->modal == UI_MODAL_SUPERVISOR_PIN)
        STEP(ui_drive_login(&d, "gs01", "730195") == 0 && v->modal == UI_MODAL_NONE);
    /* the simulated camera takes the portrait itself once the checks pass a few frames */
    STEP(ui_drive_wait(&d, UI_SCR_PORTRAIT, &v->portrait_taken, STEP_TIMEOUT_MS) == 0);
    shot(v, "2");
    STEP(ui_drive_tap(&d, UI_A_CONFIRM, 0) == 0);
    STEP(ui_drive_wait(&d, UI_SCR_CONTACT, NULL, STEP_TIMEOUT_MS) == 0);
    shot(v, "3");
    STEP(ui_drive_type(&d, "0912345678") == 0 && v->phone_ok);
    STEP(ui_drive_tap(&d, UI_A_CONFIRM, 0) == 0 && v->screen == UI_SCR_CONSENT);
    shot(v, "4");
    STEP(ui_drive_tap(&d, UI_A_CONSENT, 0) == 0 && ui_drive_settle(&d, UI_DRIVE_STORE_MS) == 0 &&
         v->screen == UI_SCR_DONE);
    shot(v, "5");
    /* every audit row of the walk and the queue commit were synced, none on the UI thread */
    atomic_store(&g_counting, 0);
    int ui_syncs = atomic_load(&g_ui_syncs), other_syncs = atomic_load(&g_other_syncs);
    char id[APP_ID_SIZE] = "";
    snprintf(id, sizeof(id), "%s", runner_last_queued(ui_app_runner(a)));
    /* the next citizen: the camera, released once the first portrait was accepted, opens
     * again and takes a portrait (the same card is a duplicate: the supervisor lets it by) */
    STEP(ui_drive_tap(&d, UI_A_NEXT_CITIZEN, 0) == 0 && v->screen == UI_SCR_CARD);
    STEP(ui_drive_type(&d, "079303004567") == 0 && ui_drive_tap(&d, UI_A_CARD_READ, 0) == 0);
    STEP(ui_drive_wait(&d, UI_SCR_REVIEW, NULL, STEP_TIMEOUT_MS) == 0);
    STEP(ui_drive_tap(&d, UI_A_CONFIRM, 0) == 0);
    if (ok && v->modal == UI_MODAL_SUPERVISOR_PIN)
        STEP(ui_drive_login(&d, "gs01", "730195") == 0 && v->modal == UI_MODAL_NONE);
    STEP(ui_drive_wait(&d, UI_SCR_PORTRAIT, &v->portrait_taken, STEP_TIMEOUT_MS) == 0);
    STEP(ui_drive_tap(&d, UI_A_CONFIRM, 0) == 0 && v->screen == UI_SCR_FINGERS);
    STEP(ui_drive_tap(&d, UI_A_CANCEL, 0) == 0);
    ui_drive_stop(a);
    CHECK(ok);
    CHECK(id[0] != 0);
    CHECK_INT(ui_syncs, 0);
    CHECK(other_syncs > 0);
    struct application app;
    app_init(&app);
    CHECK_INT(store_load(g_st, id, &app), 0);
    int status = app.status;
    char pid[13];
    snprintf(pid, sizeof(pid), "%s", app.identity.personal_id);
    app_wipe(&app);
    CHECK_INT(status, APP_QUEUED);
    CHECK_INT((int)strlen(pid), 12);
    int queued = 0;
    struct store_query q = {.status = APP_QUEUED};
    CHECK_INT(store_list(g_st, &q, count_cb, &queued), 0);
    CHECK_INT(queued, 1);
}

TEST(card_opened_from_its_qr_code_read_by_the_camera)
{
    struct ui_app *a = sim_app();
    CHECK(a != NULL);
    struct ui_drive d = {.app = a, .rig = &g_rig, .now = time_now_ms(), .check = 1};
    const struct ui_view *v = ui_app_view(a);
    int ok = 1;
    STEP(ui_drive_login(&d, "cb01", "482915") == 0 && v->screen == UI_SCR_HOME);
    STEP(ui_drive_tap(&d, UI_A_START, 0) == 0 && v->screen == UI_SCR_CARD);
    /* no ID typed: Read asks the camera for the card's QR code, then opens the chip */
    STEP(v->qr_camera && ui_drive_tap(&d, UI_A_CARD_READ, 0) == 0);
    STEP(ui_drive_wait(&d, UI_SCR_REVIEW, NULL, STEP_TIMEOUT_MS) == 0);
    char pid[13] = "";
    if (ok && v->app)
        snprintf(pid, sizeof(pid), "%s", v->app->identity.personal_id);
    STEP(ui_drive_tap(&d, UI_A_CANCEL, 0) == 0);
    ui_drive_stop(a);
    CHECK(ok);
    CHECK_STR(pid, "079303004567");
}

int main(void)
{
    if (ui_rig_sdl_init() != 0 || setup() != 0) {
        fprintf(stderr, "setup failed\n");
        return 1;
    }
    RUN(whole_enrolment_with_simulated_devices_ends_queued);
    RUN(card_opened_from_its_qr_code_read_by_the_camera);
    teardown();
    SDL_Quit();
    return test_done();
}
