/* fpr_match.c: are two captures the same finger? Minutiae point-set alignment.
 *
 * libfprint matches only through a device (enrol, then verify) and exposes neither bozorth3
 * nor minutia angles, so this file matches the detector's coordinates itself. Every pair of
 * minutiae in A (20..160 px apart) is paired with every pair in B of the same length (within
 * DIST_TOL); each such correspondence proposes one rigid placement (rotation up to MAX_ROT,
 * translation), which votes in a coarse grid. The best-voted placements are then checked
 * point by point: the score is the number of A's minutiae that land within PAIR_TOL of a
 * distinct B minutia, over the smaller set. A finger placed twice shares most of its
 * minutiae under one placement; two fingers share only chance coincidences (see README for
 * the measured separation). Pure computation, bounded: at most MAX_POINTS per set. */
#include "drivers/fingerprint/fpr_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_POINTS 400
#define DIST_MIN   20.0
#define DIST_MAX   160.0
#define DIST_TOL   3.0
#define MAX_ROT    (25.0 * M_PI / 180.0) /* the same finger is laid roughly upright */
#define ROT_BIN    (2.0 * M_PI / 180.0)
#define T_BIN      8.0
#define T_RANGE    400.0 /* translations beyond this are not one placement on one glass */
#define PAIR_TOL   6.0
#define TOP_BINS   6

struct seg {
    float d, ang;
    short i, j;
};

static int seg_cmp(const void *a, const void *b)
{
    float x = ((const struct seg *)a)->d, y = ((const struct seg *)b)->d;
    return x < y ? -1 : x > y;
}

static int segs_make(const int *p, int n, struct seg **out)
{
    struct seg *s = malloc(sizeof(*s) * ((size_t)n * (n - 1) / 2 + 1));
    int k = 0;
    if (!s)
        return -1;
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++) {
            double dx = p[2 * j] - p[2 * i], dy = p[2 * j + 1] - p[2 * i + 1];
            double d = hypot(dx, dy);
            if (d < DIST_MIN || d > DIST_MAX)
                continue;
            s[k++] = (struct seg){(float)d, (float)atan2(dy, dx), (short)i, (short)j};
        }
    qsort(s, k, sizeof(*s), seg_cmp);
    *out = s;
    return k;
}

struct accum {
    int nr, nt;
    int *votes;
    float *sum; /* per bin: rotation, tx, ty sums */
};

static void vote(struct accum *acc, double rot, double tx, double ty)
{
    if (fabs(tx) >= T_RANGE || fabs(ty) >= T_RANGE)
        return;
    int r = (int)((rot + MAX_ROT) / ROT_BIN);
    int x = (int)((tx + T_RANGE) / T_BIN), y = (int)((ty + T_RANGE) / T_BIN);
    if (r < 0 || r >= acc->nr)
        return;
    size_t k = ((size_t)r * acc->nt + x) * acc->nt + y;
    acc->votes[k]++;
    acc->sum[3 * k] += (float)rot;
    acc->sum[3 * k + 1] += (float)tx;
    acc->sum[3 * k + 2] += (float)ty;
}

/* Points of a brought within PAIR_TOL of a distinct point of b by (rot, tx, ty). */
static int count_pairs(const int *a, int na, const int *b, int nb, double rot, double tx, double ty,
                       unsigned char *used)
{
    double c = cos(rot), s = sin(rot);
    int paired = 0;
    memset(used, 0, nb);
    for (int i = 0; i < na; i++) {
        double x = c * a[2 * i] - s * a[2 * i + 1] + tx;
        double y = s * a[2 * i] + c * a[2 * i + 1] + ty;
        int best = -1;
        double bd = PAIR_TOL * PAIR_TOL;
        for (int j = 0; j < nb; j++) {
            double dx = b[2 * j] - x, dy = b[2 * j + 1] - y, d = dx * dx + dy * dy;
            if (!used[j] && d <= bd) {
                bd = d;
                best = j;
            }
        }
        if (best >= 0) {
            used[best] = 1;
            paired++;
        }
    }
    return paired;
}

static double wrap(double a)
{
    while (a > M_PI)
        a -= 2 * M_PI;
    while (a < -M_PI)
        a += 2 * M_PI;
    return a;
}

double fpr_match_points(const int *a, int na, const int *b, int nb, int *paired)
{
    struct seg *sa = NULL, *sb = NULL;
    struct accum acc = {0};
    unsigned char *used = NULL;
    double score = 0;
    *paired = 0;
    if (na < 3 || nb < 3)
        return 0;
    if (na > MAX_POINTS)
        na = MAX_POINTS;
    if (nb > MAX_POINTS)
        nb = MAX_POINTS;
    int ka = segs_make(a, na, &sa), kb = segs_make(b, nb, &sb);
    acc.nr = (int)(2 * MAX_ROT / ROT_BIN) + 1;
    acc.nt = (int)(2 * T_RANGE / T_BIN) + 1;
    size_t bins = (size_t)acc.nr * acc.nt * acc.nt;
    acc.votes = calloc(bins, sizeof(int));
    acc.sum = calloc(bins * 3, sizeof(float));
    used = malloc(nb);
    if (ka < 0 || kb < 0 || !acc.votes || !acc.sum || !used)
        goto out;

    int lo = 0;
    for (int i = 0; i < ka; i++) {
        while (lo < kb && sb[lo].d < sa[i].d - DIST_TOL)
            lo++;
        for (int j = lo; j < kb && sb[j].d <= sa[i].d + DIST_TOL; j++) {
            /* both orientations of the B segment: minutiae carry no direction here */
            for (int flip = 0; flip < 2; flip++) {
                double rot = wrap(sb[j].ang + (flip ? M_PI : 0) - sa[i].ang);
                if (fabs(rot) > MAX_ROT)
                    continue;
                int a0 = sa[i].i, a1 = sa[i].j;
                int b0 = flip ? sb[j].j : sb[j].i, b1 = flip ? sb[j].i : sb[j].j;
                double mx = (a[2 * a0] + a[2 * a1]) / 2.0,
                       my = (a[2 * a0 + 1] + a[2 * a1 + 1]) / 2.0;
                double nx = (b[2 * b0] + b[2 * b1]) / 2.0,
                       ny = (b[2 * b0 + 1] + b[2 * b1 + 1]) / 2.0;
                double c = cos(rot), s = sin(rot);
                vote(&acc, rot, nx - (c * mx - s * my), ny - (s * mx + c * my));
            }
        }
    }

    /* check the best few placements point by point */
    for (int t = 0; t < TOP_BINS; t++) {
        size_t best = 0;
        for (size_t k = 1; k < bins; k++)
            if (acc.votes[k] > acc.votes[best])
                best = k;
        if (acc.votes[best] == 0)
            break;
        int v = acc.votes[best];
        int p = count_pairs(a, na, b, nb, acc.sum[3 * best] / v, acc.sum[3 * best + 1] / v,
                            acc.sum[3 * best + 2] / v, used);
        if (p > *paired)
            *paired = p;
        acc.votes[best] = 0;
    }
    score = (double)*paired / (na < nb ? na : nb);
out:
    free(sa);
    free(sb);
    free(acc.votes);
    free(acc.sum);
    free(used);
    return score;
}
