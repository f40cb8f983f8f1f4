/* fpr_quality.c: the quality report of one capture.
 *
 * Measures, on 16x16 px blocks: a block is part of the print when its grey standard deviation
 * is above FG_STDDEV (the empty glass is flat). Over the print's blocks: contrast (ridge to
 * valley swing), clarity (coherence of the gradient orientation: ridges are parallel lines,
 * noise is not), and area (the print's share of the image). Spread is the share of the
 * print's 32 px cells that hold at least one minutia, so 60 minutiae crowded in one corner do
 * not pass. Only minutiae on the print count (the detector also finds some in the noise of
 * the empty glass). The minutiae rule (>= 60 at >= 500 ppi) is the national rule of thumb.
 * Guarantees: pure computation on the caller's buffers; no logging. */
#include "drivers/fingerprint/fpr_internal.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK                16
#define CELL                 32
#define FG_STDDEV            14.0 /* grey levels: above sensor noise, below any ridge pattern */
#define MIN_AREA             0.25 /* a full finger covers 40-60 % of a 500 ppi frame */
#define MIN_CONTRAST         0.20
#define MIN_CLARITY          0.45 /* random texture scores 0.1-0.3, ridges 0.6-0.9 */
#define MIN_SPREAD           0.30
#define MIN_PPI              500 /* the national rule is stated at 500 ppi */
#define DEFAULT_MIN_MINUTIAE 60

static void block_stats(const unsigned char *img, int w, int bx, int by, double *mean, double *sd,
                        double *coh)
{
    double s = 0, ss = 0, gxx = 0, gyy = 0, gxy = 0;
    for (int y = by; y < by + BLOCK; y++)
        for (int x = bx; x < bx + BLOCK; x++) {
            double v = img[y * w + x];
            s += v;
            ss += v * v;
        }
    int n = BLOCK * BLOCK;
    *mean = s / n;
    double var = ss / n - *mean * *mean;
    *sd = var > 0 ? sqrt(var) : 0;
    /* central differences inside the block only: the caller keeps blocks off the border */
    for (int y = by + 1; y < by + BLOCK - 1; y++)
        for (int x = bx + 1; x < bx + BLOCK - 1; x++) {
            double gx = (double)img[y * w + x + 1] - img[y * w + x - 1];
            double gy = (double)img[(y + 1) * w + x] - img[(y - 1) * w + x];
            gxx += gx * gx;
            gyy += gy * gy;
            gxy += gx * gy;
        }
    double tr = gxx + gyy;
    *coh = tr > 0 ? sqrt((gxx - gyy) * (gxx - gyy) + 4 * gxy * gxy) / tr : 0;
}

/* Keeps the minutiae that lie on the print (a foreground block): the detector also finds
 * "endings" in the sensor noise of the empty glass around the finger. */
int fpr_minutiae_in_print(const unsigned char *img, int w, int h, int *xy, int n)
{
    int kept = 0;
    for (int k = 0; k < n; k++) {
        int bx = xy[2 * k] / BLOCK, by = xy[2 * k + 1] / BLOCK;
        if (bx >= w / BLOCK)
            bx = w / BLOCK - 1;
        if (by >= h / BLOCK)
            by = h / BLOCK - 1;
        if (bx < 0 || by < 0)
            continue;
        double mean, sd, coh;
        block_stats(img, w, bx * BLOCK, by * BLOCK, &mean, &sd, &coh);
        if (sd < FG_STDDEV)
            continue;
        int x = xy[2 * k], y = xy[2 * k + 1];
        xy[2 * k] = xy[2 * kept];
        xy[2 * k + 1] = xy[2 * kept + 1];
        xy[2 * kept] = x;
        xy[2 * kept + 1] = y;
        kept++;
    }
    return kept;
}

void fpr_quality_measure(const unsigned char *img, int w, int h, int ppi, int *xy, int n,
                         int min_minutiae, struct fpr_quality *q)
{
    memset(q, 0, sizeof(*q));
    if (min_minutiae <= 0)
        min_minutiae = DEFAULT_MIN_MINUTIAE;
    q->detected = n;
    q->minutiae = n = fpr_minutiae_in_print(img, w, h, xy, n);
    q->min_minutiae = min_minutiae;
    q->ppi = ppi;
    int nbx = w / BLOCK, nby = h / BLOCK, nfg = 0;
    double sum_sd = 0, sum_coh = 0;
    int ncx = (w + CELL - 1) / CELL, ncy = (h + CELL - 1) / CELL;
    unsigned char *cell_fg = calloc((size_t)ncx * ncy, 1);
    unsigned char *cell_min = calloc((size_t)ncx * ncy, 1);
    for (int j = 0; j < nby; j++)
        for (int i = 0; i < nbx; i++) {
            double mean, sd, coh;
            block_stats(img, w, i * BLOCK, j * BLOCK, &mean, &sd, &coh);
            if (sd < FG_STDDEV)
                continue;
            nfg++;
            sum_sd += sd;
            sum_coh += coh;
            if (cell_fg)
                cell_fg[(j * BLOCK / CELL) * ncx + i * BLOCK / CELL]++;
        }
    if (nfg > 0 && nbx * nby > 0) {
        q->area = (double)nfg / (nbx * nby);
        /* a sinusoid's peak-to-peak swing is 2*sqrt(2) standard deviations */
        q->contrast = fmin(1.0, 2.0 * M_SQRT2 * (sum_sd / nfg) / 255.0);
        q->clarity = sum_coh / nfg;
    }
    if (cell_fg && cell_min) {
        for (int k = 0; k < n; k++) {
            int cx = xy[2 * k] / CELL, cy = xy[2 * k + 1] / CELL;
            if (cx >= 0 && cx < ncx && cy >= 0 && cy < ncy)
                cell_min[cy * ncx + cx] = 1;
        }
        /* a cell counts as print when at least half its blocks (4 per cell) are */
        int cells = 0, with = 0;
        for (int k = 0; k < ncx * ncy; k++)
            if (cell_fg[k] >= 2) {
                cells++;
                with += cell_min[k];
            }
        q->spread = cells ? (double)with / cells : 0;
    }
    free(cell_fg);
    free(cell_min);

    if (q->area < MIN_AREA)
        q->fail_what = "area";
    else if (q->contrast < MIN_CONTRAST)
        q->fail_what = "contrast";
    else if (q->clarity < MIN_CLARITY)
        q->fail_what = "clarity";
    else if (q->minutiae < min_minutiae)
        q->fail_what = "minutiae";
    else if (q->spread < MIN_SPREAD)
        q->fail_what = "spread";
    else if (q->ppi < MIN_PPI)
        q->fail_what = "ppi";
    q->passed = q->fail_what == NULL;
}

int fpr_measure(const unsigned char *img, int width, int height, int ppi, int min_minutiae,
                struct fpr_quality *q)
{
    if (!q)
        return FPR_ERR_ARG;
    memset(q, 0, sizeof(*q));
    int *xy = NULL, n = 0;
    int rc = fpr_detect_minutiae(img, width, height, &xy, &n);
    if (rc == 0)
        fpr_quality_measure(img, width, height, ppi, xy, n, min_minutiae, q);
    free(xy);
    return rc;
}

char *fpr_quality_json(const struct fpr_quality *q, int attempt, int attempts)
{
    json_t *o = json_pack(
        "{s:i, s:i, s:f, s:f, s:f, s:f, s:i, s:b, s:s?, s:i, s:i, "
        "s:{s:i, s:f, s:f, s:f, s:f, s:i}}",
        "minutiae", q->minutiae, "detected", q->detected, "spread", round(q->spread * 1000) / 1000,
        "contrast", round(q->contrast * 1000) / 1000, "clarity", round(q->clarity * 1000) / 1000,
        "area", round(q->area * 1000) / 1000, "ppi", q->ppi, "passed", q->passed, "failed",
        q->fail_what, "attempt", attempt, "attempts", attempts, "thresholds", "minutiae",
        q->min_minutiae, "spread", MIN_SPREAD, "contrast", MIN_CONTRAST, "clarity", MIN_CLARITY,
        "area", MIN_AREA, "ppi", MIN_PPI);
    if (!o)
        return NULL;
    char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(6));
    json_decref(o);
    return s;
}
