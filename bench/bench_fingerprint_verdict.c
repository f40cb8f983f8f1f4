/* bench_fingerprint_verdict.c: fingerprint figures.
 *   fp_verdict_cpu_p95      kiosk CPU from a received image to its verdict (NBIS detection +
 *                           quality), per finger; process CPU, so libfprint's worker thread
 *                           counts
 *   fp_capture_net_cpu_p95  the same through the real libfprint (sim backend, one good attempt):
 *                           process CPU of fpr_capture_finger minus the generator's own CPU for
 *                           that image (the "device")
 *   fp_capture_wall_p50     wall time of that capture (includes the driver's pacing)
 *   fp_same_finger_p95      one same-finger check (2 detections + matching)
 *   fp_good_refused_pct / fp_bad_caught_pct  synthetic good prints refused, spoiled ones caught
 *   fp_same_missed_pct / fp_false_same_pct   same-finger check errors on synthetic fingers */
#include "drivers/fingerprint/fingerprint.h"
#include "drivers/fingerprint/fpr_internal.h"
#include "drivers/fingerprint/fpr_synth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define N_FINGERS 40
#define N_MATCH   12

static double clock_ms(clockid_t id)
{
    struct timespec t;
    clock_gettime(id, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double pct(double *v, int n, double p)
{
    qsort(v, n, sizeof(double), cmp_d);
    int k = (int)(p * (n - 1) + 0.5);
    return v[k];
}

static void line(const char *name, double v, const char *unit, const char *op, double lim)
{
    int met = strcmp(op, "<=") == 0 ? v <= lim : v >= lim;
    printf("bench: %s %.1f %s target %s %g %s\n", name, v, unit, op, lim, met ? "MET" : "MISSED");
}

static unsigned char *render(const struct fpr_synth_params *p)
{
    unsigned char *img = malloc((size_t)p->width * p->height);
    if (img)
        fpr_synth_render(p, img);
    return img;
}

static void spoil(struct fpr_synth_params *p, int kind)
{
    switch (kind) {
    case 0:
        p->blur = 3;
        break;
    case 1:
        p->noise = 40;
        break;
    case 2:
        p->partial = 0.3;
        break;
    case 3:
        p->contrast = 0.25;
        p->noise = 12;
        break;
    case 4:
        p->minutiae = 25;
        break;
    default:
        p->blank = 1;
        break;
    }
}

int main(void)
{
    static double verdict[N_FINGERS], net[N_FINGERS], wall[N_FINGERS], same_t[N_MATCH * 2];
    int good_refused = 0, bad_total = 0, bad_caught = 0;

    /* image → verdict, and the good/bad shares */
    for (int i = 0; i < N_FINGERS; i++) {
        struct fpr_synth_params p;
        fpr_synth_defaults(&p, 1000 + i);
        fpr_synth_replace(&p, 7 + i);
        unsigned char *img = render(&p);
        struct fpr_quality q;
        double c0 = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
        fpr_measure(img, p.width, p.height, FPR_SYNTH_PPI, 60, &q);
        verdict[i] = clock_ms(CLOCK_PROCESS_CPUTIME_ID) - c0;
        good_refused += !q.passed;
        free(img);
        for (int k = 0; k < 6; k++) {
            fpr_synth_defaults(&p, 1000 + i);
            fpr_synth_replace(&p, 7 + i);
            spoil(&p, k);
            img = render(&p);
            fpr_measure(img, p.width, p.height, FPR_SYNTH_PPI, 60, &q);
            bad_total++;
            bad_caught += !q.passed;
            free(img);
        }
    }

    /* through libfprint: capture one good finger per call */
    struct fpr_options o = {"sim:person=9", 60, 3, 10000};
    struct fpr_reader *r = NULL;
    if (fpr_open(&o, &r) != 0) {
        fprintf(stderr, "bench: cannot open the sim reader\n");
        return 1;
    }
    for (int i = 0; i < N_FINGERS; i++) {
        enum finger f = (enum finger)(1 + i % 10);
        struct app_finger out;
        double c0 = clock_ms(CLOCK_PROCESS_CPUTIME_ID), w0 = clock_ms(CLOCK_MONOTONIC);
        int rc = fpr_capture_finger(r, f, &out, NULL, NULL, NULL);
        double c1 = clock_ms(CLOCK_PROCESS_CPUTIME_ID), w1 = clock_ms(CLOCK_MONOTONIC);
        fpr_finger_clear(&out);
        if (rc != 0) {
            fprintf(stderr, "bench: capture failed: %s\n", fpr_strerror(rc));
            fpr_close(r);
            return 1;
        }
        /* what the generator costs for an image like that one (the simulated device) */
        struct fpr_synth_params p;
        fpr_synth_defaults(&p, 9 * 16 + f);
        fpr_synth_replace(&p, (unsigned)i + 1);
        double g0 = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
        free(render(&p));
        double gen = clock_ms(CLOCK_PROCESS_CPUTIME_ID) - g0;
        net[i] = (c1 - c0) - gen;
        wall[i] = w1 - w0;
    }
    fpr_close(r);

    /* same finger twice */
    int missed = 0, false_same = 0, nt = 0;
    for (int i = 0; i < N_MATCH; i++) {
        struct app_finger a = {0}, b = {0}, c = {0};
        struct fpr_synth_params p;
        struct app_finger *fs[3] = {&a, &b, &c};
        for (int k = 0; k < 3; k++) {
            fpr_synth_defaults(&p, k < 2 ? 2000 + i : 3000 + i);
            fpr_synth_replace(&p, 50 + 3 * i + k);
            fs[k]->image.data = render(&p);
            fs[k]->image.len = (size_t)p.width * p.height;
            fs[k]->width = p.width;
            fs[k]->height = p.height;
        }
        int same = 0;
        double w0 = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
        fpr_same_finger(&a, &b, &same);
        same_t[nt++] = clock_ms(CLOCK_PROCESS_CPUTIME_ID) - w0;
        missed += !same;
        w0 = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
        fpr_same_finger(&a, &c, &same);
        same_t[nt++] = clock_ms(CLOCK_PROCESS_CPUTIME_ID) - w0;
        false_same += same;
        for (int k = 0; k < 3; k++)
            fpr_finger_clear(fs[k]);
    }

    line("fp_verdict_cpu_p95", pct(verdict, N_FINGERS, 0.95), "ms", "<=", 150);
    line("fp_capture_net_cpu_p95", pct(net, N_FINGERS, 0.95), "ms", "<=", 150);
    line("fp_capture_wall_p50", pct(wall, N_FINGERS, 0.5), "ms", "<=", 1000);
    line("fp_same_finger_p95", pct(same_t, nt, 0.95), "ms", "<=", 150);
    line("fp_good_refused_pct", 100.0 * good_refused / N_FINGERS, "%", "<=", 5);
    line("fp_bad_caught_pct", 100.0 * bad_caught / bad_total, "%", ">=", 100);
    line("fp_same_missed_pct", 100.0 * missed / N_MATCH, "%", "<=", 5);
    line("fp_false_same_pct", 100.0 * false_same / N_MATCH, "%", "<=", 0);
    return 0;
}
