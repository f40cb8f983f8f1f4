/* test_fpr_fuzz.c: the fuzz target for what a fingerprint reader hands the kiosk: any image
 * (size and bytes) goes through the quality measure (libfprint's NBIS detector included) and
 * any minutiae point sets through the matcher, which must answer within their ranges.
 *
 * LLVMFuzzerTestOneInput() is the libFuzzer entry point: build this file with
 * -DKIOSK_LIBFUZZER -fsanitize=fuzzer,address,undefined to fuzz for real. Without it, main()
 * runs KIOSK_FUZZ_ITER (default 300) deterministic pseudo-random inputs under ASan/UBSan:
 * noise, flat, stripes and cut synthetic prints of random sizes, and random point sets. */
#include "drivers/fingerprint/fingerprint.h"
#include "drivers/fingerprint/fpr_internal.h"
#include "drivers/fingerprint/fpr_synth.h"
#include "tests/test.h"

#include <stdint.h>
#include <stdlib.h>

static int fuzz_bad;

static void check_quality(const struct fpr_quality *q)
{
    if (q->minutiae < 0 || q->minutiae > q->detected || q->area < 0 || q->area > 1 ||
        q->spread < 0 || q->spread > 1 || q->contrast < 0 || q->contrast > 1 || q->clarity < 0 ||
        q->clarity > 1.0001 || q->passed != (q->fail_what == NULL))
        fuzz_bad++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 4)
        return 0;
    /* image: two size bytes, then the pixels (repeated to fill) */
    int w = 8 + data[0] % 250, h = 8 + data[1] % 250;
    unsigned char *img = malloc((size_t)w * h);
    if (!img)
        return 0;
    for (size_t i = 0; i < (size_t)w * h; i++)
        img[i] = data[2 + i % (size - 2)];
    struct fpr_quality q;
    int rc = fpr_measure(img, w, h, 500, 60, &q);
    if (rc == 0)
        check_quality(&q);
    else if (rc != FPR_ERR_IMAGE)
        fuzz_bad++;
    free(img);
    /* point sets: the bytes as coordinates, split in two */
    int n = (int)(size - 2) / 4;
    int *pts = malloc(sizeof(int) * 2 * (size_t)(n + 1));
    if (!pts)
        return 0;
    for (int i = 0; i < n; i++) {
        pts[2 * i] = (data[2 + 4 * i] | data[3 + 4 * i] << 8) - 2000;
        pts[2 * i + 1] = (data[4 + 4 * i] | data[5 + 4 * i] << 8) % 6000 - 1000;
    }
    int na = n / 2, nb = n - na, paired = -1;
    double s = fpr_match_points(pts, na, pts + 2 * na, nb, &paired);
    if (s < 0 || s > 1 || paired < 0 || paired > (na < nb ? na : nb))
        fuzz_bad++;
    free(pts);
    return 0;
}

#ifndef KIOSK_LIBFUZZER
static unsigned rnd(unsigned *s)
{
    *s = *s * 1664525u + 1013904223u;
    return *s >> 8;
}

TEST(random_images_and_point_sets)
{
    const char *env = getenv("KIOSK_FUZZ_ITER");
    int iters = env ? atoi(env) : 300;
    unsigned s = 20261123;
    for (int it = 0; it < iters; it++) {
        size_t size = 4 + rnd(&s) % 4000;
        uint8_t *d = malloc(size);
        CHECK(d != NULL);
        int kind = (int)(rnd(&s) % 4);
        for (size_t i = 0; i < size; i++)
            d[i] = kind == 0   ? (uint8_t)rnd(&s)
                   : kind == 1 ? 200
                   : kind == 2 ? (uint8_t)((i / 3) % 2 ? 30 : 220)
                               : (uint8_t)(i * 7);
        LLVMFuzzerTestOneInput(d, size);
        free(d);
    }
    CHECK_INT(fuzz_bad, 0);
}

TEST(cut_synthetic_prints)
{
    /* real ridges in odd shapes: thin strips, tiny squares */
    static const int sizes[][2] = {{320, 20}, {20, 384}, {64, 64}, {17, 300}, {1000, 40}};
    for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
        struct fpr_synth_params p;
        fpr_synth_defaults(&p, 3);
        p.width = sizes[k][0] < 64 ? 64 : sizes[k][0];
        p.height = sizes[k][1] < 64 ? 64 : sizes[k][1];
        unsigned char *img = malloc((size_t)p.width * p.height);
        CHECK(img && fpr_synth_render(&p, img) == 0);
        struct fpr_quality q;
        int rc = fpr_measure(img, sizes[k][0], sizes[k][1] < p.height ? sizes[k][1] : p.height, 500,
                             60, &q);
        free(img);
        CHECK(rc == 0 || rc == FPR_ERR_IMAGE);
        if (rc == 0)
            check_quality(&q);
        CHECK_INT(fuzz_bad, 0);
    }
}

int main(void)
{
    RUN(random_images_and_point_sets);
    RUN(cut_synthetic_prints);
    return test_done();
}
#endif
