/* test_face_match.c: the 1:1 face check on the face model package's own sample photos (group
 * photos: two faces of one photo are two different people), on changed copies of one face
 * (light, crop, JPEG quality, size), and on pictures without a face. The model files come from
 * tools/fetch-face-model (make check runs it); their absence is a failure, not a skip. */
#include "drivers/camera/face_match.h"
#include "drivers/camera/image_file.h"
#include "tests/test.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define CASCADES "/usr/share/opencv4/haarcascades"
#define SAMPLES  6

static struct face_matcher *fm;
static const char *model_dir;
static const char *sample_dir;

static struct face_image view(const struct cam_frame *f)
{
    return (struct face_image){f->rgb, f->width, f->height, f->stride};
}

static int load_sample(int i, struct cam_frame *f)
{
    char p[512];
    snprintf(p, sizeof p, "%s/sample%d.jpg", sample_dir, i);
    return camimg_load(p, f);
}

TEST(model_loads_and_refuses_damage)
{
    struct face_net *n = NULL;
    CHECK(face_matcher_net(fm) != NULL);
    /* 29 convolutions (8-bit) and the fully connected layer. */
    CHECK(face_net_weight_bytes(face_matcher_net(fm)) > 5u << 20);
    CHECK_INT(face_net_load("/nonexistent", &n), FACE_NET_ERR_MISSING);
    CHECK(n == NULL);

    /* A weights file one byte short is not the network. */
    char tmpl[] = "/tmp/face-model-XXXXXX", src[512], dst[512];
    CHECK(mkdtemp(tmpl) != NULL);
    const char *names[2] = {"face_recognition_model-weights_manifest.json",
                            "face_recognition_model.bin"};
    for (int i = 0; i < 2; i++) {
        snprintf(src, sizeof src, "%s/%s", model_dir, names[i]);
        snprintf(dst, sizeof dst, "%s/%s", tmpl, names[i]);
        FILE *in = fopen(src, "rb"), *out = fopen(dst, "wb");
        CHECK(in && out);
        fseek(in, 0, SEEK_END);
        long len = ftell(in) - (i == 1 ? 1 : 0);
        rewind(in);
        for (long k = 0; k < len; k++)
            fputc(fgetc(in), out);
        fclose(in);
        fclose(out);
    }
    int rc = face_net_load(tmpl, &n);
    for (int i = 0; i < 2; i++) {
        snprintf(dst, sizeof dst, "%s/%s", tmpl, names[i]);
        unlink(dst);
    }
    rmdir(tmpl);
    CHECK_INT(rc, FACE_NET_ERR_MODEL);
}

/* Two faces of one group photo are two people: never a match. */
TEST(different_people_do_not_match)
{
    static struct face_aligned a[FACE_ALIGN_MAX];
    static float d[FACE_ALIGN_MAX][FACE_NET_DESCRIPTOR];
    int pairs = 0;
    double closest = 10;
    for (int s = 1; s <= SAMPLES; s++) {
        struct cam_frame f;
        CHECK_INT(load_sample(s, &f), 0);
        struct face_image im = view(&f);
        int n = face_align_all(fm, &im, a, FACE_ALIGN_MAX);
        cam_frame_free(&f);
        CHECK(n >= 1);
        for (int i = 0; i < n; i++)
            CHECK_INT(face_net_describe(face_matcher_net(fm), a[i].chip, 3 * FACE_NET_INPUT, d[i]),
                      0);
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++) {
                double dist = face_net_distance(d[i], d[j]);
                closest = dist < closest ? dist : closest;
                pairs++;
                if (dist <= FACE_MATCH_THRESHOLD)
                    test_fail_(__FILE__, __LINE__,
                               "sample%d faces %d and %d: distance %.3f <= threshold %.2f", s, i, j,
                               dist, FACE_MATCH_THRESHOLD);
            }
    }
    printf("# %d pairs of different people, closest %.3f, threshold %.2f\n", pairs, closest,
           FACE_MATCH_THRESHOLD);
    CHECK(pairs >= 10);
}

/* Changed copies of one picture: the same person must still match. */
enum change { DARKER, BRIGHTER, SHIFTED_CROP, LOW_JPEG, HALF_SIZE, CHANGES };
static const char *const change_names[CHANGES] = {"darker", "brighter", "shifted crop",
                                                  "JPEG quality 30", "half size"};

/* A window around the face at (fx, fy) of width fw, moved by (dx, dy) face widths, every
 * step-th pixel: one face in it, as the kiosk's camera frames have. */
static int face_window(const struct cam_frame *src, int fx, int fy, int fw, double dx, double dy,
                       int step, struct cam_frame *out)
{
    int x0 = fx - fw + (int)(dx * fw), y0 = fy - fw + (int)(dy * fw), w = 2 * fw, h = 2 * fw;
    x0 = x0 < 0 ? 0 : x0;
    y0 = y0 < 0 ? 0 : y0;
    w = x0 + w > src->width ? src->width - x0 : w;
    h = y0 + h > src->height ? src->height - y0 : h;
    if (cam_frame_alloc(out, w / step, h / step))
        return -1;
    for (int y = 0; y < h / step; y++)
        for (int x = 0; x < w / step; x++)
            for (int k = 0; k < 3; k++)
                out->rgb[(size_t)y * out->stride + x * 3 + k] =
                    src->rgb[(size_t)(y0 + y * step) * src->stride + (x0 + x * step) * 3 + k];
    return 0;
}

static int make_change(const struct cam_frame *src, const struct cam_frame *win, enum change c,
                       int fx, int fy, int fw, struct cam_frame *out)
{
    if (c == SHIFTED_CROP)
        return face_window(src, fx, fy, fw, 0.2, -0.15, 1, out);
    if (c == HALF_SIZE)
        return face_window(src, fx, fy, fw, 0, 0, 2, out);
    if (c == LOW_JPEG) {
        unsigned char *jpeg;
        size_t len;
        if (camimg_encode_jpeg(win, 30, &jpeg, &len))
            return -1;
        int rc = camimg_decode_jpeg(jpeg, len, out);
        free(jpeg);
        return rc;
    }
    if (cam_frame_alloc(out, win->width, win->height))
        return -1;
    for (int y = 0; y < win->height; y++)
        for (int x = 0; x < 3 * win->width; x++) {
            double v = win->rgb[(size_t)y * win->stride + x] / 255.0;
            v = c == DARKER ? 0.55 * v : pow(v, 0.6);
            out->rgb[(size_t)y * out->stride + x] = (unsigned char)(v * 255 + 0.5);
        }
    return 0;
}

TEST(same_face_matches_under_changes)
{
    int tried = 0;
    double farthest = 0;
    static struct face_aligned all[FACE_ALIGN_MAX];
    for (int s = 1; s <= SAMPLES && tried < 4 * CHANGES; s++) {
        struct cam_frame f;
        CHECK_INT(load_sample(s, &f), 0);
        struct face_image im = view(&f);
        int n = face_align_all(fm, &im, all, FACE_ALIGN_MAX);
        CHECK(n >= 0);
        /* the first face of the photo whose eyes the kiosk can place */
        const struct face_aligned *a = NULL;
        for (int i = 0; i < n && !a; i++)
            if (all[i].eyes_found)
                a = &all[i];
        if (!a) {
            cam_frame_free(&f);
            continue;
        }
        int cx = a->face_x + a->face_w / 2, cy = a->face_y + a->face_h / 2;
        struct cam_frame w;
        CHECK_INT(face_window(&f, cx, cy, a->face_w, 0, 0, 1, &w), 0);
        struct face_image wi = view(&w);
        for (int c = 0; c < CHANGES; c++) {
            struct cam_frame g;
            struct face_match_result r;
            CHECK_INT(make_change(&f, &w, (enum change)c, cx, cy, a->face_w, &g), 0);
            struct face_image gi = view(&g);
            /* The changed copy is the "live" photo, the unchanged window the chip's. */
            int rc = face_match(fm, &gi, &wi, 0, &r);
            cam_frame_free(&g);
            CHECK_INT(rc, 0);
            if (r.verdict != FACE_MATCH_SAME)
                test_fail_(__FILE__, __LINE__, "sample%d %s: %s, distance %.3f", s, change_names[c],
                           face_match_verdict_name(r.verdict), r.distance);
            farthest = r.distance > farthest ? r.distance : farthest;
            tried++;
        }
        cam_frame_free(&w);
        cam_frame_free(&f);
    }
    printf("# %d changed copies, farthest %.3f\n", tried, farthest);
    CHECK(tried >= 3 * CHANGES);
}

TEST(no_face_is_its_own_verdict)
{
    struct cam_frame grey, person;
    struct face_match_result r;
    CHECK_INT(cam_frame_alloc(&grey, 320, 240), 0);
    for (int y = 0; y < 240; y++)
        for (int x = 0; x < 3 * 320; x++)
            grey.rgb[(size_t)y * grey.stride + x] = (unsigned char)(96 + (x / 3 + y) % 32);
    CHECK_INT(load_sample(1, &person), 0);
    struct face_image g = view(&grey), p = view(&person);
    CHECK_INT(face_match(fm, &g, &p, 0, &r), 0);
    CHECK_INT(r.verdict, FACE_MATCH_NO_FACE_LIVE);
    CHECK_INT(face_match(fm, &p, &g, 0, &r), 0);
    CHECK_INT(r.verdict, FACE_MATCH_NO_FACE_CHIP);
    CHECK_STR(face_match_verdict_name(r.verdict), "no_face_chip");
    CHECK_STR(r.model, FACE_MATCH_MODEL);
    CHECK(fabs(r.threshold - FACE_MATCH_THRESHOLD) < 1e-9);
    cam_frame_free(&grey);
    cam_frame_free(&person);
}

int main(void)
{
    const char *dir = getenv("FACE_MODEL_DIR");
    static char m[512], s[512];
    snprintf(m, sizeof m, "%s/model", dir ? dir : "build/face-model");
    snprintf(s, sizeof s, "%s/demo", dir ? dir : "build/face-model");
    model_dir = m;
    sample_dir = s;
    int rc = face_matcher_new(model_dir, CASCADES, &fm);
    if (rc) {
        printf("FAIL - setup: face model not loadable from %s (%d): run tools/fetch-face-model\n",
               model_dir, rc);
        printf("# passed 0 failed 1\n");
        return 1;
    }
    RUN(model_loads_and_refuses_damage);
    RUN(different_people_do_not_match);
    RUN(same_face_matches_under_changes);
    RUN(no_face_is_its_own_verdict);
    face_matcher_free(fm);
    return test_done();
}
