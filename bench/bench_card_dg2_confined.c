/* bench_card_dg2_confined.c: decoding a DG2 portrait (ICAO-size JPEG 480 x 640 and its
 * JPEG 2000 twin) to RGB in the confined child (fork, rlimits, seccomp, answer over a pipe)
 * against the same decode in this process, in the same run: the child's wall time (target
 * ≤ 50 ms) and its ratio to the in-process decode (target ≤ 1.5). Median of 21 runs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "drivers/card/emrtd_dg.h"
#include "tests/rigs/cardf.h"

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

static double median_decode(const struct cardf_buf *img, int confined)
{
    double t[RUNS];
    emrtd_image_confine(confined);
    for (int i = 0; i < RUNS; i++) {
        uint8_t *rgb = NULL;
        int w, h;
        double t0 = now_ms();
        if (emrtd_image_decode_rgb(img->p, img->len, &rgb, &w, &h) != DG_OK)
            return -1;
        t[i] = now_ms() - t0;
        free(rgb);
    }
    qsort(t, RUNS, sizeof t[0], cmp);
    return t[RUNS / 2];
}

int main(void)
{
    for (int jp2 = 0; jp2 <= 1; jp2++) {
        struct cardf_buf img;
        if (cardf_portrait(480, 640, 85, jp2, 11, &img) != 0)
            return 1;
        double in = median_decode(&img, 0), out = median_decode(&img, 1);
        if (in < 0 || out < 0)
            return 1;
        const char *fmt = jp2 ? "jp2" : "jpeg";
        printf("# %s portrait 480x640, %zu bytes: in process %.1f ms\n", fmt, img.len, in);
        printf("bench: dg2_%s_confined_decode %.1f ms target <= 50 %s\n", fmt, out,
               out <= 50 ? "MET" : "MISSED");
        printf("bench: dg2_%s_confined_vs_in_process %.2f x target <= 1.5 %s\n", fmt, out / in,
               out / in <= 1.5 ? "MET" : "MISSED");
        cardf_buf_free(&img);
    }
    return 0;
}
