/* test_fpr_match.c: "the same finger twice". The point-set matcher on known geometry, then
 * fpr_same_finger on synthetic captures (a finger placed twice vs two fingers), then through
 * the real libfprint: the citizen gives the right index again as the left index. */
#include "drivers/fingerprint/fingerprint.h"
#include "drivers/fingerprint/fpr_internal.h"
#include "drivers/fingerprint/fpr_synth.h"
#include "tests/test.h"

#include <math.h>
#include <stdlib.h>

static unsigned lcg(unsigned *s)
{
    *s = *s * 1103515245u + 12345u;
    return *s >> 8;
}

TEST(matcher_finds_a_moved_set)
{
    int a[2 * 60], b[2 * 70], c[2 * 60];
    unsigned s = 7;
    for (int i = 0; i < 60; i++) {
        a[2 * i] = 40 + (int)(lcg(&s) % 240);
        a[2 * i + 1] = 40 + (int)(lcg(&s) % 300);
    }
    /* b: a rotated 10 degrees, shifted, 1-2 px jitter, 6 points lost, 16 spurious */
    double th = 10 * M_PI / 180, co = cos(th), si = sin(th);
    int nb = 0;
    for (int i = 6; i < 60; i++, nb++) {
        b[2 * nb] = (int)lround(co * a[2 * i] - si * a[2 * i + 1] + 20) + (int)(lcg(&s) % 3) - 1;
        b[2 * nb + 1] =
            (int)lround(si * a[2 * i] + co * a[2 * i + 1] - 15) + (int)(lcg(&s) % 3) - 1;
    }
    for (; nb < 70; nb++) {
        b[2 * nb] = (int)(lcg(&s) % 320);
        b[2 * nb + 1] = (int)(lcg(&s) % 380);
    }
    for (int i = 0; i < 60; i++) {
        c[2 * i] = 40 + (int)(lcg(&s) % 240);
        c[2 * i + 1] = 40 + (int)(lcg(&s) % 300);
    }
    int paired = 0;
    double sc = fpr_match_points(a, 60, b, 70, &paired);
    CHECK(paired >= 50);
    CHECK(sc >= 0.8);
    sc = fpr_match_points(a, 60, c, 60, &paired);
    CHECK(sc < 0.35);
    /* too few points: no opinion */
    CHECK(fpr_match_points(a, 2, b, 70, &paired) == 0 && paired == 0);
}

static int capture(unsigned seed, unsigned placement, struct app_finger *f)
{
    struct fpr_synth_params p;
    memset(f, 0, sizeof(*f));
    fpr_synth_defaults(&p, seed);
    fpr_synth_replace(&p, placement);
    f->image.data = malloc((size_t)p.width * p.height);
    if (!f->image.data || fpr_synth_render(&p, f->image.data) != 0)
        return -1;
    f->image.len = (size_t)p.width * p.height;
    f->width = p.width;
    f->height = p.height;
    f->ppi = FPR_SYNTH_PPI;
    return 0;
}

TEST(same_finger_placed_twice_vs_two_fingers)
{
    struct app_finger f[4][2];
    for (unsigned i = 0; i < 4; i++)
        for (unsigned k = 0; k < 2; k++)
            CHECK_INT(capture(40 + i, 10 * i + k + 1, &f[i][k]), 0);
    int same = -1;
    for (int i = 0; i < 4; i++) {
        CHECK_INT(fpr_same_finger(&f[i][0], &f[i][1], &same), 0);
        CHECK_INT(same, 1);
        for (int j = 0; j < 4; j++) {
            if (i == j)
                continue;
            CHECK_INT(fpr_same_finger(&f[i][0], &f[j][1], &same), 0);
            CHECK_INT(same, 0);
        }
    }
    for (int i = 0; i < 4; i++)
        for (int k = 0; k < 2; k++)
            fpr_finger_clear(&f[i][k]);
}

TEST(same_finger_needs_images)
{
    struct app_finger a = {0}, b = {0};
    int same = 5;
    CHECK_INT(fpr_same_finger(&a, &b, &same), FPR_ERR_IMAGE);
    CHECK_INT(same, 0);
    CHECK_INT(fpr_same_finger(&a, &b, NULL), FPR_ERR_ARG);
}

/* The workflow's check, end to end through libfprint's virtual_image device: the sim's
 * "good@2" makes the citizen put the right index (ISO 2) on the glass when the left index
 * is asked for. */
TEST(citizen_gives_the_same_finger_again)
{
    static const struct {
        const char *dev;
        int want_same;
    } runs[] = {{"sim:person=5,good,good@2", 1}, {"sim:person=5", 0}};
    for (size_t k = 0; k < 2; k++) {
        struct fpr_options o = {runs[k].dev, 60, 3, 5000};
        struct fpr_reader *r = NULL;
        struct app_finger right, left;
        CHECK_INT(fpr_open(&o, &r), 0);
        int rc1 = fpr_capture_finger(r, FINGER_R_INDEX, &right, NULL, NULL, NULL);
        int rc2 = fpr_capture_finger(r, FINGER_L_INDEX, &left, NULL, NULL, NULL);
        fpr_close(r);
        CHECK_INT(rc1, 0);
        CHECK_INT(rc2, 0);
        int same = -1;
        CHECK_INT(fpr_same_finger(&right, &left, &same), 0);
        CHECK_INT(same, runs[k].want_same);
        fpr_finger_clear(&right);
        fpr_finger_clear(&left);
    }
}

int main(void)
{
    RUN(matcher_finds_a_moved_set);
    RUN(same_finger_placed_twice_vs_two_fingers);
    RUN(same_finger_needs_images);
    RUN(citizen_gives_the_same_finger_again);
    return test_done();
}
