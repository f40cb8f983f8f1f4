/* bench_store_queue.c: queue one application with a 150 KB biometric payload (portrait and
 * two fingerprint images), durable (synchronous=FULL) on the real disk: p50 and p99 of
 * store_queue() over BENCH_QUEUE_N (default 300) applications. Target p99 <= 25 ms. */
#include "bench/bench_store_common.h"

#define PORTRAIT_BYTES (30 * 1024)
#define FINGER_W       300
#define FINGER_H       200 /* 60,000 bytes per 8-bit grey image */

static int add_biometrics(struct application *app, long n)
{
    unsigned char *buf = malloc(PORTRAIT_BYTES);
    int rc = -1;
    if (buf == NULL)
        return -1;
    randombytes_buf(buf, PORTRAIT_BYTES); /* incompressible, as a JPEG is */
    if (app_blob_set(&app->portrait, buf, PORTRAIT_BYTES) != 0)
        goto out;
    app->n_fingers = 2;
    for (int i = 0; i < 2; i++) {
        struct app_finger *f = &app->fingers[i];
        unsigned char *img = malloc(FINGER_W * FINGER_H);
        if (img == NULL)
            goto out;
        for (int p = 0; p < FINGER_W * FINGER_H; p++)
            img[p] = (unsigned char)((p * 7 + n * 13 + (p / FINGER_W) * 31) ^ (p >> 3));
        f->position = i == 0 ? FINGER_L_INDEX : FINGER_R_INDEX;
        f->exception = FINGER_CAPTURED;
        f->width = FINGER_W;
        f->height = FINGER_H;
        f->ppi = 500;
        f->attempts = 1;
        int r = app_blob_set(&f->image, img, FINGER_W * FINGER_H);
        free(img);
        if (r != 0)
            goto out;
    }
    rc = 0;
out:
    free(buf);
    return rc;
}

int main(void)
{
    struct seal_keys keys;
    struct store *st = NULL;
    char dir[512];
    const char *env = getenv("BENCH_QUEUE_N");
    int n = env ? atoi(env) : 300;
    double *lat, *cpu;
    int rc = 1;

    if (n < 10 || seal_init() != 0 || bench_dir(dir, "queue") != 0)
        return 1;
    lat = calloc((size_t)n, sizeof *lat);
    cpu = calloc((size_t)n, sizeof *cpu);
    bench_keys(&keys);
    if (lat == NULL || cpu == NULL || store_open(dir, &keys, &st) != 0) {
        fprintf(stderr, "bench_store_queue: cannot open a store in %s\n", dir);
        goto out;
    }
    int64_t t0 = time_now_ms();
    for (int i = 0; i < n; i++) {
        struct application app;
        bench_app(&app, i, t0 + i);
        if (add_biometrics(&app, i) != 0) {
            app_wipe(&app);
            goto out;
        }
        double a = bench_now_ms(), c = bench_cpu_ms();
        int r = store_queue(st, &app, t0 + i);
        lat[i] = bench_now_ms() - a;
        cpu[i] = bench_cpu_ms() - c;
        app_wipe(&app);
        if (r != 0) {
            fprintf(stderr, "bench_store_queue: store_queue: %s\n", store_strerror(r));
            goto out;
        }
    }
    qsort(lat, (size_t)n, sizeof *lat, bench_cmp_double);
    qsort(cpu, (size_t)n, sizeof *cpu, bench_cmp_double);
    printf("# %d applications, 150 KB biometrics each, synchronous=FULL, dir %s\n", n, dir);
    printf("# cpu per call (the rest is waiting for the disk or the CPU): p50 %.1f ms, p99 "
           "%.1f ms\n",
           bench_percentile(cpu, n, 50), bench_percentile(cpu, n, 99));
    bench_result("store_queue_150k_p50", bench_percentile(lat, n, 50), "ms", "<=", 25);
    bench_result("store_queue_150k_p99", bench_percentile(lat, n, 99), "ms", "<=", 25);
    rc = 0;
out:
    store_close(st);
    seal_keys_wipe(&keys);
    free(lat);
    free(cpu);
    bench_rmtree(dir);
    return rc;
}
