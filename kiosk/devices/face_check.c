/* face_check.c: the face check on the camera worker (see face_check.h). The chip's photo is
 * decoded in the confined decoder child (drivers/card: it came off a card, untrusted); the
 * portrait is the kiosk's own JPEG. The model is loaded once, on the first portrait compared,
 * and kept for the worker's life (6 MB of 8-bit weights). */
#include "kiosk/devices/face_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/camera/camera.h"
#include "drivers/camera/face_match.h"
#include "drivers/camera/image_file.h"
#include "drivers/card/emrtd_dg.h"

#ifndef KIOSK_FACE_MODEL_DIR
#define KIOSK_FACE_MODEL_DIR "build/face-model/model"
#endif
#define CASCADE_DIR "/usr/share/opencv4/haarcascades"

struct face_checker {
    char model_dir[512];
    struct face_matcher *m;
    int load_failed; /* tried once and failed: not tried again for every citizen */
};

struct face_checker *face_checker_new(const char *model_dir)
{
    struct face_checker *c = calloc(1, sizeof(*c));
    if (c)
        snprintf(c->model_dir, sizeof(c->model_dir), "%s",
                 model_dir && *model_dir ? model_dir : KIOSK_FACE_MODEL_DIR);
    return c;
}

void face_checker_free(struct face_checker *c)
{
    if (!c)
        return;
    face_matcher_free(c->m);
    free(c);
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
    if (!c->m && !c->load_failed) {
        int rc = face_matcher_new(c->model_dir, CASCADE_DIR, &c->m);
        if (rc != 0) {
            c->load_failed = 1;
            fprintf(stderr,
                    "face check: model not loadable from %s (%d): run "
                    "tools/fetch-face-model\n",
                    c->model_dir, rc);
        }
    }
    if (!c->m)
        return;
    unsigned char *chip_rgb = NULL;
    int cw = 0, ch = 0;
    struct cam_frame live = {0};
    if (emrtd_image_decode_rgb(chip_face->data, chip_face->len, &chip_rgb, &cw, &ch) == DG_OK &&
        camimg_decode_jpeg(portrait->data, portrait->len, &live) == 0) {
        struct face_image li = {live.rgb, live.width, live.height, live.stride};
        struct face_image ci = {chip_rgb, cw, ch, cw * 3};
        struct face_match_result r;
        if (face_match(c->m, &li, &ci, 0, &r) == 0) {
            out->verdict = verdict_of(r.verdict);
            out->distance = r.distance;
            out->threshold = r.threshold;
            snprintf(out->model, sizeof(out->model), "%s", r.model);
        }
    }
    wipe_rgb(chip_rgb, (size_t)cw * (size_t)ch * 3);
    if (live.rgb)
        explicit_bzero(live.rgb, (size_t)live.stride * (size_t)live.height);
    cam_frame_free(&live);
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
