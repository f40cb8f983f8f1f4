/* test_fpr_synth_quality.c: the synthetic generator (deterministic, one finger per seed,
 * every variant) and the quality measures on it: good prints pass, each spoiled variant fails
 * on the measure it spoils, random texture is not taken for a print, the JSON report. */
#include "drivers/fingerprint/fingerprint.h"
#include "drivers/fingerprint/fpr_internal.h"
#include "drivers/fingerprint/fpr_synth.h"
#include "tests/test.h"

#include <jansson.h>
#include <stdlib.h>

static unsigned char *render(const struct fpr_synth_params *p)
{
    unsigned char *img = malloc((size_t)p->width * p->height);
    if (img && fpr_synth_render(p, img) != 0) {
        free(img);
        img = NULL;
    }
    return img;
}

static int measure(const struct fpr_synth_params *p, struct fpr_quality *q)
{
    unsigned char *img = render(p);
    if (!img)
        return -100;
    int rc = fpr_measure(img, p->width, p->height, FPR_SYNTH_PPI, 60, q);
    free(img);
    return rc;
}

TEST(same_seed_same_bytes_other_seed_differs)
{
    struct fpr_synth_params p;
    fpr_synth_defaults(&p, 17);
    unsigned char *a = render(&p), *b = render(&p);
    fpr_synth_defaults(&p, 18);
    unsigned char *c = render(&p);
    CHECK(a && b && c);
    size_t n = (size_t)p.width * p.height, diff = 0;
    CHECK(memcmp(a, b, n) == 0);
    for (size_t i = 0; i < n; i++)
        diff += a[i] != c[i];
    free(a);
    free(b);
    free(c);
    CHECK(diff > n / 4);
}

TEST(bad_parameters_refused)
{
    struct fpr_synth_params p;
    unsigned char buf[64];
    fpr_synth_defaults(&p, 1);
    p.width = 10;
    CHECK_INT(fpr_synth_render(&p, buf), -1);
    fpr_synth_defaults(&p, 1);
    p.height = 5000;
    CHECK_INT(fpr_synth_render(&p, buf), -1);
    CHECK_INT(fpr_synth_render(NULL, buf), -1);
    struct fpr_quality q;
    CHECK_INT(fpr_measure(buf, 4, 4, 500, 60, &q), FPR_ERR_IMAGE);
    CHECK_INT(fpr_measure(NULL, 100, 100, 500, 60, &q), FPR_ERR_IMAGE);
}

TEST(good_prints_pass)
{
    for (unsigned seed = 1; seed <= 8; seed++) {
        struct fpr_synth_params p;
        struct fpr_quality q;
        fpr_synth_defaults(&p, seed);
        fpr_synth_replace(&p, seed * 3);
        CHECK_INT(measure(&p, &q), 0);
        if (!q.passed)
            printf("# seed %u failed %s (minutiae %d)\n", seed, q.fail_what, q.minutiae);
        CHECK(q.passed);
        CHECK(q.fail_what == NULL);
        CHECK(q.minutiae >= 60);
        CHECK(q.area > 0.4 && q.clarity > 0.7 && q.contrast > 0.4 && q.spread > 0.5);
        CHECK_INT(q.ppi, 500);
    }
}

/* Each spoiled variant fails, on the measure named. */
TEST(spoiled_variants_fail_where_expected)
{
    static const struct {
        const char *name, *fail;
    } cases[] = {
        {"blur", "area"},      {"noise", "clarity"}, {"partial", "area"},
        {"lowcon", "clarity"}, {"few", "minutiae"},  {"blank", "area"},
    };
    for (unsigned seed = 1; seed <= 3; seed++) {
        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
            struct fpr_synth_params p;
            struct fpr_quality q;
            fpr_synth_defaults(&p, seed);
            if (strcmp(cases[i].name, "blur") == 0)
                p.blur = 3;
            else if (strcmp(cases[i].name, "noise") == 0)
                p.noise = 40;
            else if (strcmp(cases[i].name, "partial") == 0)
                p.partial = 0.3;
            else if (strcmp(cases[i].name, "lowcon") == 0) {
                p.contrast = 0.25;
                p.noise = 12;
            } else if (strcmp(cases[i].name, "few") == 0)
                p.minutiae = 20;
            else
                p.blank = 1;
            CHECK_INT(measure(&p, &q), 0);
            if (q.passed || strcmp(q.fail_what, cases[i].fail) != 0)
                printf("# seed %u %s: failed %s\n", seed, cases[i].name,
                       q.fail_what ? q.fail_what : "(passed)");
            CHECK(!q.passed);
            CHECK_STR(q.fail_what, cases[i].fail);
        }
    }
}

TEST(random_texture_is_not_a_print)
{
    /* uniform noise gives NBIS plenty of "minutiae": clarity must catch it */
    int w = 320, h = 384;
    unsigned char *img = malloc((size_t)w * h);
    CHECK(img != NULL);
    unsigned s = 12345;
    for (int i = 0; i < w * h; i++) {
        s = s * 1103515245u + 12345u;
        img[i] = (unsigned char)(s >> 16);
    }
    struct fpr_quality q;
    int rc = fpr_measure(img, w, h, 500, 60, &q);
    free(img);
    CHECK_INT(rc, 0);
    CHECK(q.minutiae >= 20);
    CHECK(!q.passed);
    CHECK_STR(q.fail_what, "clarity");
}

TEST(low_resolution_fails_ppi)
{
    struct fpr_synth_params p;
    fpr_synth_defaults(&p, 4);
    unsigned char *img = render(&p);
    CHECK(img != NULL);
    struct fpr_quality q;
    int rc = fpr_measure(img, p.width, p.height, 300, 60, &q);
    free(img);
    CHECK_INT(rc, 0);
    CHECK_STR(q.fail_what, "ppi");
}

TEST(minutiae_threshold_is_configurable)
{
    struct fpr_synth_params p;
    struct fpr_quality q;
    fpr_synth_defaults(&p, 6);
    unsigned char *img = render(&p);
    CHECK(img != NULL);
    int rc = fpr_measure(img, p.width, p.height, 500, 500, &q);
    CHECK_INT(rc, 0);
    CHECK_STR(q.fail_what, "minutiae");
    CHECK_INT(q.min_minutiae, 500);
    CHECK_INT(fpr_measure(img, p.width, p.height, 500, 0, &q), 0);
    free(img);
    CHECK_INT(q.min_minutiae, 60); /* 0 means the national rule of thumb */
}

TEST(quality_json_report)
{
    struct fpr_quality q = {.minutiae = 71,
                            .min_minutiae = 60,
                            .spread = 0.61234,
                            .contrast = 0.5,
                            .clarity = 0.8,
                            .area = 0.55,
                            .ppi = 500,
                            .passed = 0,
                            .fail_what = "spread"};
    char *s = fpr_quality_json(&q, 2, 3);
    CHECK(s != NULL);
    json_error_t e;
    json_t *o = json_loads(s, 0, &e);
    free(s);
    CHECK(o != NULL);
    CHECK_INT(json_integer_value(json_object_get(o, "minutiae")), 71);
    CHECK(json_real_value(json_object_get(o, "spread")) == 0.612);
    CHECK_STR(json_string_value(json_object_get(o, "failed")), "spread");
    CHECK(json_is_false(json_object_get(o, "passed")));
    CHECK_INT(json_integer_value(json_object_get(o, "attempt")), 2);
    CHECK_INT(json_integer_value(json_object_get(o, "attempts")), 3);
    CHECK_INT(json_integer_value(json_object_get(json_object_get(o, "thresholds"), "minutiae")),
              60);
    json_decref(o);
    q.passed = 1;
    q.fail_what = NULL;
    s = fpr_quality_json(&q, 1, 1);
    o = s ? json_loads(s, 0, NULL) : NULL;
    free(s);
    CHECK(o != NULL);
    CHECK(json_is_null(json_object_get(o, "failed")));
    json_decref(o);
}

int main(void)
{
    RUN(same_seed_same_bytes_other_seed_differs);
    RUN(bad_parameters_refused);
    RUN(good_prints_pass);
    RUN(spoiled_variants_fail_where_expected);
    RUN(random_texture_is_not_a_print);
    RUN(low_resolution_fails_ppi);
    RUN(minutiae_threshold_is_configurable);
    RUN(quality_json_report);
    return test_done();
}
