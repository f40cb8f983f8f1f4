/* face_check.c: the face check on the camera worker (see face_check.h). The chip's photo is
 * decoded in the confined decoder child (drivers/card: it came off a card, untrusted); the
 * portrait is the kiosk's own JPEG. The comparison itself (the cascades, the network's 6 MB of
 * 8-bit weights, OpenBLAS and their working memory: ~25 MB) runs in the helper program
 * kiosk-facecheck (face_check_main.c, kiosk/base/worker.h), started on the first portrait and
 * kept, so none of it is in the kiosk's own memory (the UI enrolment's budget is 80 MB). When
 * the helper cannot be started (not installed beside the program) the kiosk compares in its
 * own process, loading the model on the first portrait. */
#include "kiosk/devices/face_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/camera/camera.h"
#include "drivers/camera/face_match.h"
#include "drivers/camera/image_file.h"
#include "drivers/card/emrtd_dg.h"
#include "kiosk/base/confine.h"
#include "kiosk/base/worker.h"
#include "kiosk/devices/face_check_helper.h"

#ifndef KIOSK_FACE_MODEL_DIR
#define KIOSK_FACE_MODEL_DIR "build/face-model/model"
#endif

struct face_checker {
    char model_dir[512];
    struct worker helper;   /* kiosk-facecheck, its one argument the model's folder */
    struct face_matcher *m; /* in this process, when the helper cannot be started */
    int load_failed;        /* tried once and failed: not tried again for every citizen */
};

struct face_checker *face_checker_new(const char *model_dir)
{
    struct face_checker *c = calloc(1, sizeof(*c));
    if (!c)
        return NULL;
    snprintf(c->model_dir, sizeof(c->model_dir), "%s",
             model_dir && *model_dir ? model_dir : KIOSK_FACE_MODEL_DIR);
    struct worker w = WORKER_INIT(FACE_CHECK_PROGRAM, c->model_dir);
    c->helper = w;
    return c;
}

void face_checker_free(struct face_checker *c)
{
    if (!c)
        return;
    worker_stop(&c->helper);
    pthread_mutex_destroy(&c->helper.lock);
    face_matcher_free(c->m);
    free(c);
}

long face_checker_helper_peak_kb(struct face_checker *c)
{
    pthread_mutex_lock(&c->helper.lock);
    long kb = c->helper.starts ? c->helper.peak_kb : -1;
    pthread_mutex_unlock(&c->helper.lock);
    return kb;
}

static void wipe_rgb(unsigned char *rgb, size_t n)
{
    if (rgb)
        explicit_bzero(rgb, n);
    free(rgb);
}

static enum app_face_verdict verdict_of(enum face_match_verdict v)
{
    switch (v) {
    case FACE_MATCH_SAME:
        return APP_FACE_SAME;
    case FACE_MATCH_DIFFERENT:
        return APP_FACE_DIFFERENT;
    case FACE_MATCH_NO_FACE_LIVE:
        return APP_FACE_NO_FACE_LIVE;
    case FACE_MATCH_NO_FACE_CHIP:
        return APP_FACE_NO_FACE_CHIP;
    case FACE_MATCH_UNAVAILABLE:
        break;
    }
    return APP_FACE_UNAVAILABLE;
}

/* The comparison in this process (what the helper does), with the model loaded on first use. */
static void face_compare_here(struct face_checker *c, const unsigned char *chip_rgb, int cw, int ch,
                              const struct app_blob *portrait, struct app_face_check *out)
{
    if (!c->m && !c->load_failed && face_check_load(c->model_dir, &c->m) != 0)
        c->load_failed = 1;
    struct face_match_result r;
    if (c->m &&
        face_check_compare(c->m, chip_rgb, cw, ch, portrait->data, portrait->len, &r) == 0) {
        out->verdict = verdict_of(r.verdict);
        out->distance = r.distance;
        out->threshold = r.threshold;
    }
}

void face_checker_run(struct face_checker *c, const struct app_blob *chip_face,
                      const struct app_blob *portrait, struct app_face_check *out)
{
    memset(out, 0, sizeof(*out));
    if (!chip_face || !chip_face->data || !chip_face->len)
        return; /* APP_FACE_NONE: nothing to compare with */
    out->verdict = APP_FACE_UNAVAILABLE;
    out->threshold = FACE_MATCH_THRESHOLD;
    snprintf(out->model, sizeof(out->model), "%s", FACE_MATCH_MODEL);
    if (!c || !portrait || !portrait->data || !portrait->len)
        return;
    if (!c)
        return;
    unsigned char *chip_rgb = NULL;
    int cw = 0, ch = 0;
    if (emrtd_image_decode_rgb(chip_face->data, chip_face->len, &chip_rgb, &cw, &ch) != DG_OK)
        return;
    struct face_check_size size = {(uint32_t)cw, (uint32_t)ch};
    struct worker_piece in[3] = {{&size, sizeof size},
                                 {chip_rgb, (size_t)cw * (size_t)ch * 3},
                                 {portrait->data, portrait->len}};
    struct worker_answer_head head;
    unsigned char *ans = NULL;
    int rc = worker_call(&c->helper, FACE_CHECK_COMPARE, in, 3, FACE_CHECK_DEADLINE_MS,
                         sizeof(struct face_check_answer), &head, &ans);
    if (rc == CONFINE_OK && ans && head.len == sizeof(struct face_check_answer)) {
        struct face_check_answer r;
        memcpy(&r, ans, sizeof r);
        if (r.verdict <= FACE_MATCH_UNAVAILABLE) {
            out->verdict = verdict_of((enum face_match_verdict)r.verdict);
            out->distance = r.distance;
            out->threshold = r.threshold;
        }
    } else if (rc == CONFINE_ESTART) {
        /* no helper beside the program: compare here */
        face_compare_here(c, chip_rgb, cw, ch, portrait, out);
    } else if (rc != CONFINE_OK) {
        fprintf(stderr, "face check: helper kiosk-%s failed (%s)\n", FACE_CHECK_PROGRAM,
                confine_strerror(rc));
    }
    free(ans);
    wipe_rgb(chip_rgb, (size_t)cw * (size_t)ch * 3);
}

int face_chip_view(const struct app_blob *chip_face, struct app_blob *view)
{
    unsigned char *rgb = NULL, *jpeg = NULL;
    int w = 0, h = 0, rc = -1;
    size_t len = 0;
    app_blob_wipe(view);
    if (!chip_face || !chip_face->data ||
        emrtd_image_decode_rgb(chip_face->data, chip_face->len, &rgb, &w, &h) != DG_OK)
        return -1;
    struct cam_frame f = {.width = w, .height = h, .stride = w * 3, .rgb = rgb};
    if (camimg_encode_jpeg(&f, 90, &jpeg, &len) == 0) {
        view->data = jpeg;
        view->len = len;
        rc = 0;
    }
    wipe_rgb(rgb, (size_t)w * (size_t)h * 3);
    return rc;
}
