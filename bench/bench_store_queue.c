/* bench_store_queue.c: queue one application with a 150 KB biometric payload (portrait and
 * two fingerprint images), durable (synchronous=FULL) on the real disk: p50 and p99 of
 * store_queue() over BENCH_QUEUE_N (default 300) applications. Target p99 <= 25 ms.
 *
 * Its peer, in the same run and interleaved with it (so both see the same load): the floor,
 * a raw SQLite insert of the same biometric bytes as one blob into a database of its own
 * with the store's settings (WAL, synchronous=FULL, secure_delete), one statement, one
 * commit. The ratio of the p50s is what the store adds (target <= 2). */
#include "bench/bench_store_common.h"

#include <sqlite3.h>

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

/* The floor: a database with the store's settings and one table of blobs. */
static sqlite3 *raw_open(const char *dir)
{
    char path[600];
    sqlite3 *db = NULL;
    snprintf(path, sizeof path, "%s/raw.db", dir);
    if (sqlite3_open(path, &db) != SQLITE_OK ||
        sqlite3_exec(db,
                     "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA secure_delete=ON;"
                     "CREATE TABLE raw (id TEXT PRIMARY KEY, data BLOB NOT NULL)",
                     NULL, NULL, NULL) != SQLITE_OK) {
        sqlite3_close(db);
        return NULL;
    }
    return db;
}

/* The application's biometric bytes (portrait and finger images) in one buffer. */
static unsigned char *raw_bytes(const struct application *app, size_t *len)
{
    size_t n = app->portrait.len;
    for (int i = 0; i < app->n_fingers; i++)
        n += app->fingers[i].image.len;
    unsigned char *b = malloc(n), *p = b;
    if (!b)
        return NULL;
    memcpy(p, app->portrait.data, app->portrait.len);
    p += app->portrait.len;
    for (int i = 0; i < app->n_fingers; i++) {
        memcpy(p, app->fingers[i].image.data, app->fingers[i].image.len);
        p += app->fingers[i].image.len;
    }
    *len = n;
    return b;
}

/* One durable insert of len bytes, as an application programmer would write it. */
static int raw_insert(sqlite3 *db, const char *id, const unsigned char *b, size_t len)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(db, "INSERT INTO raw (id, data) VALUES (?, ?)", -1, &s, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
        sqlite3_bind_blob(s, 2, b, (int)len, SQLITE_STATIC);
        rc = sqlite3_step(s);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : -1;
}

int main(void)
{
    struct seal_keys keys;
    struct store *st = NULL;
    char dir[512];
    const char *env = getenv("BENCH_QUEUE_N");
    int n = env ? atoi(env) : 300;
    double *lat, *cpu, *raw;
    sqlite3 *rawdb = NULL;
    int rc = 1;

    if (n < 10 || seal_init() != 0 || bench_dir(dir, "queue") != 0)
        return 1;
    lat = calloc((size_t)n, sizeof *lat);
    cpu = calloc((size_t)n, sizeof *cpu);
    raw = calloc((size_t)n, sizeof *raw);
    bench_keys(&keys);
    if (lat == NULL || cpu == NULL || raw == NULL || store_open(dir, &keys, &st) != 0 ||
        (rawdb = raw_open(dir)) == NULL) {
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
        size_t blen = 0;
        unsigned char *bytes = raw_bytes(&app, &blen);
        double a = bench_now_ms();
        int r = bytes ? raw_insert(rawdb, app.id, bytes, blen) : -1;
        raw[i] = bench_now_ms() - a;
        free(bytes);
        if (r != 0) {
            fprintf(stderr, "bench_store_queue: raw insert: %s\n", sqlite3_errmsg(rawdb));
            app_wipe(&app);
            goto out;
        }
        double c = bench_cpu_ms();
        a = bench_now_ms();
        r = store_queue(st, &app, t0 + i);
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
    qsort(raw, (size_t)n, sizeof *raw, bench_cmp_double);
    printf("# %d applications, 150 KB biometrics each, synchronous=FULL, dir %s\n", n, dir);
    printf("# cpu per call (the rest is waiting for the disk or the CPU): p50 %.2f ms, p99 "
           "%.2f ms\n",
           bench_percentile(cpu, n, 50), bench_percentile(cpu, n, 99));
    bench_result("store_queue_150k_p50", bench_percentile(lat, n, 50), "ms", "<=", 25);
    bench_result("store_queue_150k_p99", bench_percentile(lat, n, 99), "ms", "<=", 25);
    printf("# raw insert of the same biometric bytes (floor): p50 %.2f ms, p99 %.2f ms; "
           "store_queue p50 %.2f ms\n",
           bench_percentile(raw, n, 50), bench_percentile(raw, n, 99),
           bench_percentile(lat, n, 50));
    bench_result("enqueue_vs_raw_insert_p50",
                 bench_percentile(lat, n, 50) / bench_percentile(raw, n, 50), "x", "<=", 2.0);
    rc = 0;
out:
    store_close(st);
    sqlite3_close(rawdb);
    seal_keys_wipe(&keys);
    free(lat);
    free(cpu);
    free(raw);
    bench_rmtree(dir);
    return rc;
}
