/* bench_face_match.c: the 1:1 face check's cost on this machine: the whole check (find, align
 * and describe both photos, compare) for a 640×480 live frame and a chip-sized photo (target
 * <= 150 ms on 2 cores), the network's forward pass alone per face, the peak memory the check
 * adds to the process (target <= 40 MB) and the model files' size. The photos are windows of
 * the model package's sample photos, cut before timing starts. Then the check as the kiosk's
 * camera worker runs it (kiosk/devices/face_check.c): a JPEG 2000 chip photo (the card
 * factory's, cut from the astronaut) decoded in the confined decoder child, the portrait's
 * JPEG decoded, both compared. Run from the repository root. */
#include "drivers/camera/face_match.h"
#include "drivers/camera/image_file.h"
#include "kiosk/devices/face_check.h"
#include "tests/rigs/card/cardf.h"
#include "tests/rigs/camera/faces.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define ROUNDS 10

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* VmHWM (peak resident set) of this process, in kB. */
static long peak_kb(void)
{
    char l[256];
    long v = -1;
    FILE *f = fopen("/proc/self/status", "r");
    while (f && fgets(l, sizeof l, f))
        if (sscanf(l, "VmHWM: %ld kB", &v) == 1)
            break;
    if (f)
        fclose(f);
    return v;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void line(const char *name, double v, const char *unit, const char *op, double limit)
{
    int met = op[0] == '<' ? v <= limit : v >= limit;
    printf("bench: %s %.2f %s target %s %g %s\n", name, v, unit, op, limit, met ? "MET" : "MISSED");
}

/* A w×h window of src centred on (cx, cy), scaled by 1/step. */
static int window(const struct cam_frame *src, int cx, int cy, int w, int h, int step,
                  struct cam_frame *out)
{
    int x0 = cx - w * step / 2, y0 = cy - h * step / 2;
    if (cam_frame_alloc(out, w, h))
        return -1;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            for (int k = 0; k < 3; k++) {
                int sx = x0 + x * step, sy = y0 + y * step;
                sx = sx < 0 ? 0 : sx >= src->width ? src->width - 1 : sx;
                sy = sy < 0 ? 0 : sy >= src->height ? src->height - 1 : sy;
                out->rgb[(size_t)y * out->stride + x * 3 + k] =
                    src->rgb[(size_t)sy * src->stride + sx * 3 + k];
            }
    return 0;
}

static long file_size(const char *dir, const char *name)
{
    char p[4096];
    struct stat st;
    snprintf(p, sizeof p, "%s/%s", dir, name);
    return stat(p, &st) == 0 ? (long)st.st_size : 0;
}

/* The check as the kiosk's camera worker runs it: ROUNDS timings into ms (sorted); the last
 * result in *res. 0, or -1 when it did not match. */
static int kiosk_path(const char *model, const struct app_blob *chip_face,
                      const struct app_blob *portrait, double *ms, struct app_face_check *res)
{
    struct face_checker *fc = face_checker_new(model);
    int rc = 0;
    face_checker_run(fc, chip_face, portrait, res); /* loads the model */
    for (int i = 0; i < ROUNDS && rc == 0; i++) {
        double t0 = now_ms();
        face_checker_run(fc, chip_face, portrait, res);
        ms[i] = now_ms() - t0;
        if (res->verdict != APP_FACE_SAME) {
            fprintf(stderr, "bench_face_match: the kiosk path did not match (%s)\n",
                    app_face_verdict_name(res->verdict));
            rc = -1;
        }
    }
    face_checker_free(fc);
    qsort(ms, ROUNDS, sizeof(double), cmp_double);
    return rc;
}

int main(void)
{
    const char *base = getenv("FACE_MODEL_DIR") ? getenv("FACE_MODEL_DIR") : "build/face-model";
    char model[4096], sample[4096];
    snprintf(model, sizeof model, "%s/model", base);
    snprintf(sample, sizeof sample, "%s/demo/sample1.jpg", base);
    struct cam_frame src, live, chip, astro, frame;
    struct face_aligned a;
    if (camimg_load(sample, &src) != 0) {
        fprintf(stderr, "bench_face_match: %s missing: run tools/fetch-face-model\n", sample);
        return 1;
    }
    /* the kiosk's inputs, made before measuring: a JPEG 2000 chip photo and the portrait's
     * JPEG, the same person under another light and framing */
    struct cardf_buf jp2 = {0};
    unsigned char *jpeg = NULL;
    size_t jpeg_len = 0;
    if (faces_load_source(&astro) != 0 || faces_make_good(7, &astro, &frame) != 0 ||
        camimg_encode_jpeg(&frame, 90, &jpeg, &jpeg_len) != 0 ||
        cardf_portrait(240, 320, 85, 1, 7, &jp2) != 0) {
        fprintf(stderr, "bench_face_match: the astronaut photo is missing (run from the "
                        "repository root)\n");
        return 1;
    }
    struct app_blob chip_face = {jp2.p, jp2.len}, portrait = {jpeg, jpeg_len};

    /* 1. the kiosk's path: what the check adds to the camera worker's process */
    static double kiosk_ms[ROUNDS];
    struct app_face_check fcr;
    long before = peak_kb();
    if (kiosk_path(model, &chip_face, &portrait, kiosk_ms, &fcr) != 0)
        return 1;
    long after = peak_kb();

    /* 2. the check alone on windows of the sample photo (no decoding), and the network */
    struct face_matcher *m;
    if (face_matcher_new(model, "/usr/share/opencv4/haarcascades", &m) != 0) {
        fprintf(stderr, "bench_face_match: model not loadable from %s\n", model);
        return 1;
    }
    /* The largest face of the sample, framed as the camera and as the chip would frame it. */
    struct face_image si = {src.rgb, src.width, src.height, src.stride};
    if (face_align(m, &si, &a) != 0 || !a.found)
        return 1;
    int cx = a.face_x + a.face_w / 2, cy = a.face_y + a.face_h / 2;
    int step = a.face_w / 160 > 0 ? a.face_w / 160 : 1; /* face about 160 px wide */
    if (window(&src, cx, cy, 640, 480, step, &live) || window(&src, cx, cy, 480, 640, step, &chip))
        return 1;
    struct face_image li = {live.rgb, live.width, live.height, live.stride};
    struct face_image ci = {chip.rgb, chip.width, chip.height, chip.stride};

    static double check_ms[ROUNDS], net_ms[ROUNDS];
    struct face_match_result r;
    float d[FACE_NET_DESCRIPTOR];
    face_match(m, &li, &ci, 0, &r); /* warm up */
    for (int i = 0; i < ROUNDS; i++) {
        double t0 = now_ms();
        if (face_match(m, &li, &ci, 0, &r) != 0 || r.verdict != FACE_MATCH_SAME) {
            fprintf(stderr, "bench_face_match: the two framings of one face did not match (%s)\n",
                    face_match_verdict_name(r.verdict));
            return 1;
        }
        double t1 = now_ms();
        face_net_describe(face_matcher_net(m), a.chip, 3 * FACE_NET_INPUT, d);
        net_ms[i] = now_ms() - t1;
        check_ms[i] = t1 - t0;
    }
    qsort(check_ms, ROUNDS, sizeof(double), cmp_double);
    qsort(net_ms, ROUNDS, sizeof(double), cmp_double);

    line("face_check_kiosk_path_jp2_p50", kiosk_ms[ROUNDS / 2], "ms", "<=", 150);
    line("face_check_kiosk_path_jp2_max", kiosk_ms[ROUNDS - 1], "ms", "<=", 150);
    printf("bench: face_check_kiosk_path_distance %.3f (the same person, threshold %.2f)\n",
           fcr.distance, fcr.threshold);
    line("face_check_two_photos_p50", check_ms[ROUNDS / 2], "ms", "<=", 150);
    line("face_check_two_photos_max", check_ms[ROUNDS - 1], "ms", "<=", 150);
    printf("bench: face_descriptor_per_face_p50 %.2f ms (the network alone, no target)\n",
           net_ms[ROUNDS / 2]);
    line("face_check_added_peak_rss", (after - before) / 1024.0, "MB", "<=", 40);
    printf("bench: face_model_files %.2f MB (weights %.2f MB as floats in memory)\n",
           (file_size(model, "face_recognition_model.bin") +
            file_size(model, "face_recognition_model-weights_manifest.json")) /
               1048576.0,
           face_net_weight_bytes(face_matcher_net(m)) / 1048576.0);
    free(jpeg);
    cardf_buf_free(&jp2);
    cam_frame_free(&frame);
    cam_frame_free(&astro);
    face_matcher_free(m);
    cam_frame_free(&live);
    cam_frame_free(&chip);
    cam_frame_free(&src);
    return 0;
}
