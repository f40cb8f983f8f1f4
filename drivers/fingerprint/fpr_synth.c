/* fpr_synth.c: the synthetic fingerprint generator (see fpr_synth.h).
 *
 * Model: a ridge phase field. The base phase grows with the (elliptic) distance from a core,
 * giving concentric ridges of period T; each planted minutia adds ±atan2 around its position,
 * a phase dislocation of one ridge, which is exactly a ridge ending or a bifurcation. The
 * print is the cosine of the phase inside an elliptic contact area with a soft edge.
 * Invariants: the finger (core, period, ellipse, minutiae) depends only on finger_seed; the
 * placement and the spoiling only on capture_seed and the other parameters. */
#include "drivers/fingerprint/fpr_synth.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SYNTH_MAX_MINUTIAE 200
#define SYNTH_BACKGROUND   235.0 /* empty glass, light grey */
#define SYNTH_INK          170.0 /* ridge/valley swing at full contrast */

struct synth_rng {
    uint64_t s;
};

/* splitmix64: small, seedable, good enough for pictures. */
static uint64_t rng_next(struct synth_rng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static double rng_unit(struct synth_rng *r)
{
    return (double)(rng_next(r) >> 11) / 9007199254740992.0;
}

static double rng_range(struct synth_rng *r, double lo, double hi)
{
    return lo + (hi - lo) * rng_unit(r);
}

static double rng_gauss(struct synth_rng *r)
{
    double u = rng_unit(r), v = rng_unit(r);
    if (u < 1e-12)
        u = 1e-12;
    return sqrt(-2.0 * log(u)) * cos(2.0 * M_PI * v);
}

struct synth_finger {
    double cx, cy; /* core, relative to the image centre */
    double period; /* ridge period, px */
    double ex, ey; /* contact ellipse half-axes */
    double squash; /* core ellipticity */
    int n;         /* minutiae */
    double mx[SYNTH_MAX_MINUTIAE], my[SYNTH_MAX_MINUTIAE];
    double ms[SYNTH_MAX_MINUTIAE]; /* +1 or -1 */
};

static void finger_make(const struct fpr_synth_params *p, struct synth_finger *f)
{
    struct synth_rng r = {0x5eed0000ULL ^ ((uint64_t)p->finger_seed << 20) ^ p->finger_seed};
    f->ex = p->width * 0.42;
    f->ey = p->height * 0.44;
    f->cx = rng_range(&r, -0.12, 0.12) * p->width;
    f->cy = rng_range(&r, -0.10, 0.10) * p->height;
    f->period = rng_range(&r, 8.5, 10.0);
    f->squash = rng_range(&r, 0.75, 1.25);
    f->n = p->minutiae < SYNTH_MAX_MINUTIAE ? p->minutiae : SYNTH_MAX_MINUTIAE;
    for (int i = 0; i < f->n; i++) {
        double x, y;
        int tries = 0;
        /* inside the contact area, not too near the core (where ridges are too curved to
         * hold a readable minutia) nor too near another minutia */
        for (;;) {
            x = rng_range(&r, -0.9, 0.9) * f->ex;
            y = rng_range(&r, -0.9, 0.9) * f->ey;
            int ok = (x * x) / (f->ex * f->ex) + (y * y) / (f->ey * f->ey) < 0.8 &&
                     hypot(x - f->cx, y - f->cy) > 2.0 * f->period;
            for (int j = 0; ok && j < i; j++)
                if (hypot(x - f->mx[j], y - f->my[j]) < 1.6 * f->period && tries < 200)
                    ok = 0;
            if (ok || ++tries > 400)
                break;
        }
        f->mx[i] = x;
        f->my[i] = y;
        f->ms[i] = (rng_next(&r) & 1) ? 1.0 : -1.0;
    }
}

void fpr_synth_defaults(struct fpr_synth_params *p, uint32_t finger_seed)
{
    memset(p, 0, sizeof(*p));
    p->finger_seed = finger_seed;
    p->capture_seed = 1;
    p->width = 320;
    p->height = 384;
    p->minutiae = 90;
    p->noise = 6.0;
    p->contrast = 1.0;
    p->partial = 1.0;
}

void fpr_synth_replace(struct fpr_synth_params *p, uint32_t capture_seed)
{
    struct synth_rng r = {0xc0ffee00ULL ^ ((uint64_t)capture_seed << 24) ^ capture_seed};
    p->capture_seed = capture_seed;
    p->rotate_deg = rng_range(&r, -8.0, 8.0);
    p->shift_x = rng_range(&r, -12.0, 12.0);
    p->shift_y = rng_range(&r, -12.0, 12.0);
    p->noise = rng_range(&r, 4.0, 10.0);
}

/* Separable box blur, three passes approximate a Gaussian. */
static void box_blur(double *img, double *tmp, int w, int h, int rad)
{
    for (int pass = 0; pass < 3; pass++) {
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                int n = 0;
                for (int k = x - rad; k <= x + rad; k++)
                    if (k >= 0 && k < w) {
                        s += img[y * w + k];
                        n++;
                    }
                tmp[y * w + x] = s / n;
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                int n = 0;
                for (int k = y - rad; k <= y + rad; k++)
                    if (k >= 0 && k < h) {
                        s += tmp[k * w + x];
                        n++;
                    }
                img[y * w + x] = s / n;
            }
        }
    }
}

int fpr_synth_render(const struct fpr_synth_params *p, unsigned char *out)
{
    if (!p || !out || p->width < 64 || p->height < 64 || p->width > 2000 || p->height > 2000 ||
        p->minutiae < 0)
        return -1;
    int w = p->width, h = p->height;
    struct synth_rng r = {0xfeed0000ULL ^ ((uint64_t)p->capture_seed << 28) ^ p->finger_seed};
    double *img = malloc(sizeof(double) * (size_t)w * h);
    double *tmp = malloc(sizeof(double) * (size_t)w * h);
    struct synth_finger *f = malloc(sizeof(*f));
    int rc = -1;
    if (!img || !tmp || !f)
        goto out;
    finger_make(p, f);

    double th = p->rotate_deg * M_PI / 180.0, c = cos(th), s = sin(th);
    double k = 2.0 * M_PI / f->period;
    /* partial contact keeps a strip whose height is the given share of the print */
    double keep_top = -f->ey, keep_bot = -f->ey + 2.0 * f->ey * p->partial;
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
            double v = SYNTH_BACKGROUND;
            if (!p->blank) {
                /* image → finger coordinates: undo the shift, then the rotation */
                double dx = x - w / 2.0 - p->shift_x, dy = y - h / 2.0 - p->shift_y;
                double u = c * dx + s * dy, t = -s * dx + c * dy;
                double e = (u * u) / (f->ex * f->ex) + (t * t) / (f->ey * f->ey);
                double mask = e < 0.85 ? 1.0 : e < 1.0 ? (1.0 - e) / 0.15 : 0.0;
                if (t < keep_top || t > keep_bot)
                    mask = 0.0;
                if (mask > 0) {
                    double du = u - f->cx, dv = (t - f->cy) * f->squash;
                    double ph = k * sqrt(du * du + dv * dv);
                    /* exp(i * sum of ±atan2) as a product of unit complex numbers: the same
                     * phase as summing the angles, several times cheaper than atan2 */
                    double pr = 1.0, pi = 0.0;
                    for (int i = 0; i < f->n; i++) {
                        double ax = u - f->mx[i], ay = t - f->my[i];
                        double r2 = ax * ax + ay * ay;
                        if (r2 < 1e-12)
                            continue;
                        double inv = 1.0 / sqrt(r2);
                        ax *= inv;
                        ay *= inv * f->ms[i];
                        double nr = pr * ax - pi * ay;
                        pi = pr * ay + pi * ax;
                        pr = nr;
                    }
                    double ridge = 0.5 + 0.5 * (cos(ph) * pr - sin(ph) * pi); /* 1: ridge */
                    v = SYNTH_BACKGROUND - mask * p->contrast * SYNTH_INK * ridge;
                }
            }
            img[y * w + x] = v;
        }
    }
    if (p->blur > 0.5)
        box_blur(img, tmp, w, h, (int)lround(p->blur));
    for (int i = 0; i < w * h; i++) {
        double v = img[i] + (p->noise > 0 ? p->noise * rng_gauss(&r) : 0.0);
        out[i] = (unsigned char)(v < 0 ? 0 : v > 255 ? 255 : lround(v));
    }
    rc = 0;
out:
    free(img);
    free(tmp);
    free(f);
    return rc;
}
