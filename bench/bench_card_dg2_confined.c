/* bench_card_dg2_confined.c: decoding a DG2 portrait (ICAO-size JPEG 480 x 640 and its
 * JPEG 2000 twin) to RGB in the confined helper kiosk-decoder (a program of its own, seccomp,
 * rlimits, request and answer framed over a socket; kiosk/base/worker.h) against the same
 * decode in this process, in the same run: the confined wall time (target ≤ 50 ms) and its
 * ratio to the in-process decode (target ≤ 1.5). Median of 21 runs each, alternating; the first
 * confined decode of the run, which starts the helper, is printed apart. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "drivers/card/emrtd_dg.h"
#include "tests/rigs/card/cardf.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

#define RUNS 21

static double first_ms = -1;

static double decode_ms(const struct cardf_buf *img, int confined)
{
    uint8_t *rgb = NULL;
    int w, h;
    emrtd_image_confine(confined);
    double t0 = now_ms();
    if (emrtd_image_decode_rgb(img->p, img->len, &rgb, &w, &h) != DG_OK)
        return -1;
    double t = now_ms() - t0;
    free(rgb);
    return t;
}

/* The two ways alternate, so a burst of load on the machine falls on both alike. */
static int medians(const struct cardf_buf *img, double *in, double *out)
{
    double a[RUNS], b[RUNS];
    for (int i = 0; i < RUNS; i++) {
        a[i] = decode_ms(img, 0);
        b[i] = decode_ms(img, 1);
        if (a[i] < 0 || b[i] < 0)
            return -1;
        if (first_ms < 0)
            first_ms = b[i];
    }
    qsort(a, RUNS, sizeof a[0], cmp);
    qsort(b, RUNS, sizeof b[0], cmp);
    *in = a[RUNS / 2];
    *out = b[RUNS / 2];
    return 0;
}

int main(void)
{
    for (int jp2 = 0; jp2 <= 1; jp2++) {
        struct cardf_buf img;
        if (cardf_portrait(480, 640, 85, jp2, 11, &img) != 0)
            return 1;
        double in, out;
        if (medians(&img, &in, &out) != 0)
            return 1;
        const char *fmt = jp2 ? "jp2" : "jpeg";
        printf("# %s portrait 480x640, %zu bytes: in process %.1f ms\n", fmt, img.len, in);
        if (!jp2)
            printf("# first confined decode (starts the helper): %.1f ms, %u helper(s) started\n",
                   first_ms, emrtd_image_decoder_starts());
        printf("bench: dg2_%s_confined_decode %.1f ms target <= 50 %s\n", fmt, out,
               out <= 50 ? "MET" : "MISSED");
        printf("bench: dg2_%s_confined_vs_in_process %.2f x target <= 1.5 %s\n", fmt, out / in,
               out / in <= 1.5 ? "MET" : "MISSED");
        cardf_buf_free(&img);
    }
    return 0;
}
