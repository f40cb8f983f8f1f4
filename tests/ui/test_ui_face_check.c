/* test_ui_face_check.c: the 1:1 face check through the whole kiosk path: synthetic touches on
 * the real UI, the real device workers on their simulated backends (the software chip, whose
 * DG2 is a JPEG 2000 portrait cut from a face photo by the card factory; the simulated camera
 * playing a live frame; libfprint's virtual reader), the real face network (build/face-model,
 * tools/fetch-face-model: missing is a failure, not a skip) and the store. Four citizens, each
 * ending queued with the evidence asserted from the stored application:
 *  - the card's holder: the astronaut on the chip (ICAO crop, the card's own light) and in
 *    front of the camera (another framing, light, tilt and noise): a match, recorded, no
 *    approver;
 *  - an impostor: another person's face on the chip (cut from the face model package's sample
 *    photos): no match, so the consent waits for the supervisor's PIN; the application holds
 *    score, threshold and model, and the approval (rule, reason, approver), also audited;
 *  - a chip photo without a face (the card factory's drawn head): the approver case;
 *  - nobody in front of the camera (the officer takes the picture anyway): the approver case;
 *  - the model's files missing: the check could not run, the approver case.
 * The portrait step's screens, both languages, go to build/screens (face-check-*). */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/camera/face_match.h"
#include "drivers/camera/image_file.h"
#include "kiosk/config/config.h"
#include "kiosk/devices/devices.h"
#include "kiosk/model/app_json.h"
#include "kiosk/model/timefmt.h"
#include "kiosk/store/seal.h"
#include "kiosk/store/store_internal.h"
#include "tests/rigs/harness/app_fixture.h"
#include "tests/rigs/card/cardf.h"
#include "tests/rigs/camera/faces.h"
#include "tests/test.h"
#include "tests/ui/ui_drive.h"
#include "tests/ui/ui_rig.h"
#include "ui/ui_app.h"
#include "ui/ui_strings.h"

#define STEP_TIMEOUT_MS 60000

static char g_dir[64];
static struct config g_cfg;
static struct store *g_st;
static struct seal_keys g_keys;
static struct ui_rig g_rig;

static const char *model_base(void)
{
    const char *b = getenv("FACE_MODEL_DIR");
    return b && *b ? b : "build/face-model";
}

/* A face of another person than the astronaut: the largest face with both eyes found in the
 * face model package's sample photos. 0, or -1 (said on stderr). */
static int other_person(struct cam_frame *photo, int *fx, int *fy, int *fw)
{
    char model[512], path[512];
    struct face_matcher *m = NULL;
    snprintf(model, sizeof model, "%s/model", model_base());
    if (face_matcher_new(model, "/usr/share/opencv4/haarcascades", &m) != 0) {
        fprintf(stderr, "face model not loadable from %s: run tools/fetch-face-model\n", model);
        return -1;
    }
    static struct face_aligned faces[FACE_ALIGN_MAX];
    int found = -1;
    for (int s = 1; s <= 6 && found < 0; s++) {
        snprintf(path, sizeof path, "%s/demo/sample%d.jpg", model_base(), s);
        if (camimg_load(path, photo) != 0)
            continue;
        struct face_image img = {photo->rgb, photo->width, photo->height, photo->stride};
        int n = face_align_all(m, &img, faces, FACE_ALIGN_MAX);
        for (int i = 0; i < n && found < 0; i++)
            if (faces[i].eyes_found && faces[i].face_w >= 80)
                found = i;
        if (found < 0)
            cam_frame_free(photo);
    }
    if (found >= 0) {
        *fx = faces[found].face_x;
        *fy = faces[found].face_y;
        *fw = faces[found].face_w;
    } else {
        fprintf(stderr, "no usable face in %s/demo/sample*.jpg\n", model_base());
    }
    face_matcher_free(m);
    return found >= 0 ? 0 : -1;
}

/* One live frame in dir (created): the astronaut in another framing (good variant seed), or
 * the frame with nobody's face. */
static int camera_dir(const char *dir, int nobody)
{
    struct cam_frame src, f;
    char path[256];
    if (ui_rig_sim_data(dir, NULL, 0) != 0 || faces_load_source(&src) != 0)
        return -1;
    int rc = nobody ? faces_make(FACES_NO_FACE, &src, &f) : faces_make_good(7, &src, &f);
    cam_frame_free(&src);
    if (rc != 0)
        return -1;
    snprintf(path, sizeof path, "%s/faces/00_live.png", dir);
    rc = camimg_save_png(path, &f);
    cam_frame_free(&f);
    return rc;
}

static int setup(void)
{
    char keydir[128], p[128];
    if (test_fresh_dir(g_dir, sizeof g_dir) != 0)
        return -1;
    snprintf(keydir, sizeof(keydir), "%s/keys", g_dir);
    if (seal_init() != 0 || seal_keys_load(keydir, NULL, &g_keys) != 0)
        return -1;
    fixture_upstream_key(&g_keys, NULL);
    if (store_open(g_dir, &g_keys, &g_st) != 0)
        return -1;
    /* the cards: the holder's (the astronaut, the factory's default), an impostor's, and one
     * with the drawn head; the camera: the holder, and nobody */
    struct cam_frame other;
    int fx, fy, fw;
    snprintf(p, sizeof p, "%s/holder", g_dir);
    if (camera_dir(p, 0) != 0)
        return -1;
    if (other_person(&other, &fx, &fy, &fw) != 0)
        return -1;
    int rc = cardf_face_photo(&other, fx, fy, fw);
    cam_frame_free(&other);
    snprintf(p, sizeof p, "%s/impostor", g_dir);
    if (rc != 0 || ui_rig_sim_data(p, NULL, 0) != 0)
        return -1;
    snprintf(p, sizeof p, "%s/drawn", g_dir);
    if (cardf_face_photo(NULL, 0, 0, 0) != 0 || ui_rig_sim_data(p, NULL, 0) != 0)
        return -1;
    snprintf(p, sizeof p, "%s/nobody", g_dir);
    if (camera_dir(p, 1) != 0)
        return -1;
    config_defaults(&g_cfg);
    snprintf(g_cfg.data_dir, sizeof(g_cfg.data_dir), "%s", g_dir);
    snprintf(g_cfg.fingerprint_device, sizeof(g_cfg.fingerprint_device), "%s", "sim");
    snprintf(g_cfg.face_model_dir, sizeof(g_cfg.face_model_dir), "%s/model", model_base());
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

#define STEP(cond)                                                                                 \
    do {                                                                                           \
        if (ok && !(cond)) {                                                                       \
            ok = 0;                                                                                \
            fprintf(stderr, "step at line %d failed on %s (note: %s)\n", __LINE__,                 \
                    ui_screen_name(v->screen), v->note);                                           \
        }                                                                                          \
    } while (0)

/* 1 when the screen shows text (the verdict's words) and no decimal number (no score). */
static int shows_words_not_numbers(struct ui_app *a, const char *words)
{
    const struct ui_frame *fr = ui_app_frame(a);
    int found = 0;
    for (int i = 0; i < fr->n; i++) {
        const char *t = fr->w[i].text;
        if (!t)
            continue;
        found |= strcmp(t, words) == 0;
        for (const char *p = t; *p && p[1] && p[2]; p++)
            if (*p >= '0' && *p <= '9' && (p[1] == '.' || p[1] == ',') && p[2] >= '0' &&
                p[2] <= '9') {
                fprintf(stderr, "a number on the portrait screen: %s\n", t);
                return 0;
            }
    }
    return found;
}

/* What one walk saw and left. */
struct walk {
    const char *card;     /* the card profile (tests/rigs/card/cardf_variants.c) */
    const char *pid;      /* its personal ID (tests/rigs/card/cardf_people.c) */
    int jp2;              /* its DG2 portrait is JPEG 2000 */
    const char *cards;    /* the sim folder whose cards are read */
    const char *camera;   /* the sim folder whose faces the camera plays */
    int nobody;           /* no face in front of the camera: the officer takes it anyway */
    const char *shot;     /* screenshot name */
    enum ui_str_id words; /* the verdict's words on the portrait screen */
    const char *reason;   /* the reason the leader picks, NULL when the rule has one */
    /* out */
    enum app_face_verdict on_screen;
    int approver_asked; /* the consent waited for the supervisor's PIN */
    char id[APP_ID_SIZE];
};

/* Walks one citizen from the card to the queue through the UI on the simulated devices. */
static int walk(struct walk *w)
{
    snprintf(g_cfg.sim_dir, sizeof(g_cfg.sim_dir), "%s/%s", g_dir, w->cards);
    snprintf(g_cfg.trust_dir, sizeof(g_cfg.trust_dir), "%s/%s/cards/trust", g_dir, w->cards);
    snprintf(g_cfg.card_device, sizeof(g_cfg.card_device), "sim:%s", w->card);
    snprintf(g_cfg.camera_device, sizeof(g_cfg.camera_device), "sim:%s/%s/faces", g_dir, w->camera);
    /* the process with the simulated device workers, the UI its front end */
    struct ui_app_opts o = {.ren = g_rig.ren, .w = g_rig.w, .h = g_rig.h};
    struct ui_app *a = ui_drive_start(&g_cfg, g_st, NULL, &o);
    if (!a)
        return -1;
    struct ui_drive d = {.app = a, .rig = &g_rig, .now = time_now_ms(), .check = 1};
    const struct ui_view *v = ui_app_view(a);
    int ok = 1;
    char name[96];
    STEP(ui_drive_login(&d, "cb01", "482915") == 0 && v->screen == UI_SCR_HOME);
    STEP(ui_drive_tap(&d, UI_A_START, 0) == 0 && v->screen == UI_SCR_CARD);
    STEP(ui_drive_type(&d, w->pid) == 0 && ui_drive_tap(&d, UI_A_CARD_READ, 0) == 0);
    STEP(ui_drive_wait(&d, UI_SCR_REVIEW, NULL, STEP_TIMEOUT_MS) == 0);
    STEP(v->app && v->app->identity.verdict != CHIP_FORGED && !v->duplicate);
    /* a JPEG 2000 chip photo (its signature box) is shown through its JPEG view */
    if (w->jp2)
        STEP(v->app && v->app->chip_face.len > 12 &&
             memcmp(v->app->chip_face.data, "\0\0\0\x0cjP  ", 8) == 0 &&
             v->app->chip_face_view.len > 2 && v->app->chip_face_view.data[0] == 0xff);
    STEP(ui_drive_tap(&d, UI_A_CONFIRM, 0) == 0);
    /* a chip the simulated trust store cannot verify needs a supervisor's PIN */
    if (ok && v->modal == UI_MODAL_SUPERVISOR_PIN)
        STEP(ui_drive_login(&d, "gs01", "730195") == 0 && v->modal == UI_MODAL_NONE);
    if (w->nobody) {
        /* nothing passes the checks: the officer takes the picture anyway */
        STEP(ui_drive_wait(&d, UI_SCR_PORTRAIT, &v->preview_live, STEP_TIMEOUT_MS) == 0);
        STEP(ui_drive_tap(&d, UI_A_CAPTURE, 1) == 0);
    }
    STEP(ui_drive_wait(&d, UI_SCR_PORTRAIT, &v->portrait_taken, STEP_TIMEOUT_MS) == 0);
    w->on_screen = v->face_verdict;
    STEP(shows_words_not_numbers(a, ui_str(w->words, LANG_VI)));
    snprintf(name, sizeof name, "face-check-%s-vi", w->shot);
    ui_rig_snapshot(&g_rig, ui_rig_screens_dir(), name);
    STEP(ui_drive_tap(&d, UI_A_LANG, 0) == 0 && v->lang == LANG_EN);
    STEP(shows_words_not_numbers(a, ui_str(w->words, LANG_EN)));
    snprintf(name, sizeof name, "face-check-%s-en", w->shot);
    ui_rig_snapshot(&g_rig, ui_rig_screens_dir(), name);
    STEP(ui_drive_tap(&d, UI_A_LANG, 0) == 0 && v->lang == LANG_VI);
    STEP(ui_drive_tap(&d, UI_A_CONFIRM, 0) == 0);
    STEP(ui_drive_wait(&d, UI_SCR_CONTACT, NULL, STEP_TIMEOUT_MS) == 0);
    STEP(ui_drive_type(&d, "0912345678") == 0 && v->phone_ok);
    STEP(ui_drive_tap(&d, UI_A_CONFIRM, 0) == 0 && v->screen == UI_SCR_CONSENT);
    /* the queue commit runs on the store worker: its answer comes back as an event */
    STEP(ui_drive_tap(&d, UI_A_CONSENT, 0) == 0 && ui_drive_settle(&d, UI_DRIVE_STORE_MS) == 0);
    w->approver_asked = ok && v->modal == UI_MODAL_SUPERVISOR_PIN;
    if (w->approver_asked && w->reason) {
        /* the leader cannot approve without saying why: the reasons are offered */
        int pick = -1;
        for (int i = 0; i < v->n_approval_reasons; i++)
            if (strcmp(v->approval_reasons[i], w->reason) == 0)
                pick = i;
        STEP(v->n_approval_reasons >= 3 && pick >= 0);
        STEP(ui_drive_login(&d, "gs01", "730195") == 0 && v->modal == UI_MODAL_SUPERVISOR_PIN &&
             v->note_error);
        STEP(ui_drive_tap(&d, UI_A_APPROVAL_REASON, pick) == 0 && v->approval_reason_sel == pick);
    }
    if (w->approver_asked) {
        snprintf(name, sizeof name, "face-check-%s-approver-vi", w->shot);
        ui_rig_snapshot(&g_rig, ui_rig_screens_dir(), name);
        STEP(ui_drive_login(&d, "gs01", "730195") == 0 &&
             ui_drive_settle(&d, UI_DRIVE_STORE_MS) == 0);
    }
    STEP(v->screen == UI_SCR_DONE);
    snprintf(w->id, sizeof w->id, "%s", runner_last_queued(ui_app_runner(a)));
    ui_drive_stop(a);
    return ok ? 0 : -1;
}

static long audit_count(const char *app_id, const char *detail_like)
{
    sqlite3_stmt *s;
    long n = -1;
    sqlite3_prepare_v2(g_st->db,
                       "SELECT count(*) FROM audit WHERE action = 'approval' AND app_id = ? "
                       "AND detail LIKE ?",
                       -1, &s, NULL);
    sqlite3_bind_text(s, 1, app_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, detail_like, -1, SQLITE_STATIC);
    if (sqlite3_step(s) == SQLITE_ROW)
        n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return n;
}

/* The approval of rule in app: its index, or -1. */
static int approval_of(const struct application *app, const char *rule)
{
    for (int i = 0; i < app->n_approvals; i++)
        if (strcmp(app->approvals[i].rule, rule) == 0)
            return i;
    return -1;
}

/* The stored application's face check, its envelope (what goes upstream) checked too. */
static int load(const char *id, struct application *app)
{
    app_init(app);
    if (store_load(g_st, id, app) != 0)
        return -1;
    char *env = app_envelope_to_json(app);
    struct application back;
    app_init(&back);
    int rc = env && strstr(env, "\"face_check\":{") &&
                     app_envelope_from_json(env, &back, NULL, 0) == 0 &&
                     back.face.verdict == app->face.verdict &&
                     back.face.threshold == app->face.threshold &&
                     strcmp(back.face.model, app->face.model) == 0
                 ? 0
                 : -1;
    if (rc)
        fprintf(stderr, "envelope without the face check: %s\n", env ? env : "(null)");
    free(env);
    app_wipe(&back);
    return rc;
}

TEST(card_holder_matches_and_is_recorded_without_approver)
{
    struct walk w = {.card = "khoi-29feb-jp2",
                     .pid = "082200004444",
                     .jp2 = 1,
                     .cards = "holder",
                     .camera = "holder",
                     .shot = "holder",
                     .words = UI_S_FACE_SAME};
    CHECK_INT(walk(&w), 0);
    CHECK_INT(w.on_screen, APP_FACE_SAME);
    CHECK(!w.approver_asked);
    struct application app;
    CHECK_INT(load(w.id, &app), 0);
    CHECK_INT(app.face.verdict, APP_FACE_SAME);
    CHECK(app.face.distance > 0 && app.face.distance <= app.face.threshold);
    printf("# the holder's portrait against the chip's photo: distance %.3f, threshold %.3f\n",
           app.face.distance, app.face.threshold);
    CHECK(app.face.threshold == FACE_MATCH_THRESHOLD);
    CHECK_STR(app.face.model, FACE_MATCH_MODEL);
    CHECK_INT(app.n_approvals, 0);
    CHECK_INT(app.status, APP_QUEUED);
    app_wipe(&app);
}

TEST(impostor_does_not_match_and_needs_a_named_approver)
{
    struct walk w = {.card = "bao-2024",
                     .pid = "001210007890",
                     .cards = "impostor",
                     .camera = "holder",
                     .shot = "impostor",
                     .words = UI_S_FACE_DIFFERENT,
                     .reason = "appearance_changed"};
    CHECK_INT(walk(&w), 0);
    CHECK_INT(w.on_screen, APP_FACE_DIFFERENT);
    CHECK(w.approver_asked);
    struct application app;
    CHECK_INT(load(w.id, &app), 0);
    CHECK_INT(app.face.verdict, APP_FACE_DIFFERENT);
    CHECK(app.face.distance > app.face.threshold);
    printf("# the holder's portrait against the impostor's chip: distance %.3f\n",
           app.face.distance);
    CHECK(app.face.threshold == FACE_MATCH_THRESHOLD);
    CHECK_STR(app.face.model, FACE_MATCH_MODEL);
    int i = approval_of(&app, "face.mismatch");
    CHECK(i >= 0);
    CHECK_STR(app.approvals[i].by, "gs01");
    CHECK_STR(app.approvals[i].reason, "appearance_changed");
    char detail[64];
    snprintf(detail, sizeof detail, "distance=%.3f threshold=%.3f", app.face.distance,
             app.face.threshold);
    CHECK_STR(app.approvals[i].detail, detail);
    CHECK_INT(audit_count(w.id, "rule=face.mismatch reason=appearance_changed by=gs01%"), 1);
    CHECK_INT(app.status, APP_QUEUED);
    app_wipe(&app);
}

TEST(no_face_on_the_chip_needs_a_named_approver)
{
    struct walk w = {.card = "ngoc-2021",
                     .pid = "079303004567",
                     .cards = "drawn",
                     .camera = "holder",
                     .shot = "no-face-chip",
                     .words = UI_S_FACE_NOT_FOUND,
                     .reason = "chip_photo_poor"};
    CHECK_INT(walk(&w), 0);
    CHECK_INT(w.on_screen, APP_FACE_NO_FACE_CHIP);
    CHECK(w.approver_asked);
    struct application app;
    CHECK_INT(load(w.id, &app), 0);
    CHECK_INT(app.face.verdict, APP_FACE_NO_FACE_CHIP);
    CHECK_STR(app.face.model, FACE_MATCH_MODEL);
    int i = approval_of(&app, "face.not_found");
    CHECK(i >= 0);
    CHECK_STR(app.approvals[i].by, "gs01");
    CHECK_STR(app.approvals[i].detail, "chip");
    CHECK_STR(app.approvals[i].reason, "chip_photo_poor");
    CHECK_INT(audit_count(w.id, "rule=face.not_found reason=chip_photo_poor by=gs01%"), 1);
    app_wipe(&app);
}

TEST(nobody_in_front_of_the_camera_needs_a_named_approver)
{
    struct walk w = {.card = "hung-long-address",
                     .pid = "001085012345",
                     .cards = "holder",
                     .camera = "nobody",
                     .nobody = 1,
                     .shot = "no-face-live",
                     .words = UI_S_FACE_NOT_FOUND,
                     .reason = "face_cannot_be_shown"};
    CHECK_INT(walk(&w), 0);
    CHECK_INT(w.on_screen, APP_FACE_NO_FACE_LIVE);
    CHECK(w.approver_asked);
    struct application app;
    CHECK_INT(load(w.id, &app), 0);
    CHECK_INT(app.face.verdict, APP_FACE_NO_FACE_LIVE);
    CHECK(app.portrait_override);
    int i = approval_of(&app, "face.not_found");
    CHECK(i >= 0);
    CHECK_STR(app.approvals[i].detail, "portrait");
    CHECK_STR(app.approvals[i].reason, "face_cannot_be_shown");
    CHECK(approval_of(&app, "portrait.override") >= 0);
    CHECK_INT(audit_count(w.id, "rule=face.not_found reason=face_cannot_be_shown by=gs01%"), 1);
    app_wipe(&app);
}

TEST(check_that_cannot_run_needs_a_named_approver)
{
    char saved[sizeof g_cfg.face_model_dir];
    memcpy(saved, g_cfg.face_model_dir, sizeof saved);
    snprintf(g_cfg.face_model_dir, sizeof g_cfg.face_model_dir, "%s/no-model-here", g_dir);
    struct walk w = {.card = "hoa-no-middle-name",
                     .pid = "048190000321",
                     .cards = "holder",
                     .camera = "holder",
                     .shot = "unchecked",
                     .words = UI_S_FACE_UNCHECKED};
    int rc = walk(&w);
    memcpy(g_cfg.face_model_dir, saved, sizeof saved);
    CHECK_INT(rc, 0);
    CHECK_INT(w.on_screen, APP_FACE_UNAVAILABLE);
    CHECK(w.approver_asked);
    struct application app;
    CHECK_INT(load(w.id, &app), 0);
    CHECK_INT(app.face.verdict, APP_FACE_UNAVAILABLE);
    int i = approval_of(&app, "face.unchecked");
    CHECK(i >= 0);
    CHECK_STR(app.approvals[i].reason, "face_check_unavailable");
    CHECK_INT(audit_count(w.id, "rule=face.unchecked reason=face_check_unavailable by=gs01%"), 1);
    app_wipe(&app);
}

int main(void)
{
    if (ui_rig_sdl_init() != 0 || setup() != 0) {
        fprintf(stderr, "setup failed\n");
        return 1;
    }
    RUN(card_holder_matches_and_is_recorded_without_approver);
    RUN(impostor_does_not_match_and_needs_a_named_approver);
    RUN(no_face_on_the_chip_needs_a_named_approver);
    RUN(nobody_in_front_of_the_camera_needs_a_named_approver);
    RUN(check_that_cannot_run_needs_a_named_approver);
    teardown();
    SDL_Quit();
    return test_done();
}
