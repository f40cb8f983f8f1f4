/* test_fpr_fuzz.c: the fingerprint fuzz target (tests/fuzz/fuzz_fpr_image.c, built for
 * libFuzzer by `make fuzz`) run under ASan/UBSan on KIOSK_FUZZ_ITER (default 300)
 * deterministic pseudo-random inputs: noise, flat, stripes and cut synthetic prints of random
 * sizes, and random point sets. */
#include "tests/fuzz/fuzz_fpr_image.c"

#include "drivers/fingerprint/fpr_synth.h"
#include "tests/test.h"

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
        LLVMFuzzerTestOneInput(d, size); /* aborts on a value out of range */
        free(d);
    }
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
            CHECK(quality_in_range(&q));
    }
}

int main(void)
{
    RUN(random_images_and_point_sets);
    RUN(cut_synthetic_prints);
    return test_done();
}
