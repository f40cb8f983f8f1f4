/* bench_recall_lookup.c: finding an application again in a store of BENCH_RECALL_N (default
 * 100,000) applications: opening one by its short number (store_resolve + store_load, what
 * `kiosk show` and the screen do), and the queue's search by phone and by short number
 * (store_list through the keyed indexes). p50 and p99 over 300 lookups each; target <= 50 ms.
 * The store is filled with synchronous=OFF (the fill is not what is measured). */
#include "bench/bench_store_common.h"
#include "kiosk/store/store_internal.h"
#include "kiosk/store/store_recall.h"

#define LOOKUPS 300

static int count_cb(const struct store_row *row, void *arg)
{
    (void)row;
    (*(int *)arg)++;
    return 0;
}

static void report(const char *name, double *lat, int n)
{
    qsort(lat, (size_t)n, sizeof *lat, bench_cmp_double);
    char p50[96], p99[96];
    snprintf(p50, sizeof p50, "%s_p50", name);
    snprintf(p99, sizeof p99, "%s_p99", name);
    bench_result(p50, bench_percentile(lat, n, 50), "ms", "<=", 50);
    bench_result(p99, bench_percentile(lat, n, 99), "ms", "<=", 50);
}

int main(void)
{
    struct seal_keys keys;
    struct store *st = NULL;
    char dir[512];
    const char *env = getenv("BENCH_RECALL_N");
    long n = env ? atol(env) : 100000;
    int rc = 1;
    static double lat[LOOKUPS];
    static char shorts[LOOKUPS][APP_SHORT_NO_SIZE], phones[LOOKUPS][11];
    if (n < LOOKUPS || seal_init() != 0 || bench_dir(dir, "recall") != 0)
        return 1;
    bench_keys(&keys);
    if (store_open(dir, &keys, &st) != 0) {
        fprintf(stderr, "bench_recall_lookup: cannot open a store in %s\n", dir);
        goto out;
    }
    store_exec(st, "PRAGMA synchronous=OFF");
    double f0 = bench_now_ms();
    int64_t t0 = time_now_ms() - 200LL * 86400000; /* spread over 200 days */
    for (long i = 0; i < n; i++) {
        struct application app;
        int64_t t = t0 + i * (200LL * 86400000 / n);
        bench_app(&app, i, t);
        char ph[24];
        snprintf(ph, sizeof ph, "091%07ld", (i * 7919) % 10000000);
        memcpy(app.phone, ph, 10);
        app.phone[10] = '\0';
        int r = store_queue(st, &app, t);
        if (r == 0 && i % (n / LOOKUPS) == 0 && i / (n / LOOKUPS) < LOOKUPS) {
            snprintf(shorts[i / (n / LOOKUPS)], APP_SHORT_NO_SIZE, "%s", app.short_no);
            snprintf(phones[i / (n / LOOKUPS)], 11, "%s", app.phone);
        }
        app_wipe(&app);
        if (r != 0) {
            fprintf(stderr, "bench_recall_lookup: store_queue: %s\n", store_strerror(r));
            goto out;
        }
    }
    store_exec(st, "PRAGMA synchronous=FULL");
    printf("# %ld applications queued in %.1f s (fill only, synchronous=OFF), dir %s\n", n,
           (bench_now_ms() - f0) / 1000, dir);
    for (int i = 0; i < LOOKUPS; i++) {
        double a = bench_now_ms();
        char id[APP_ID_SIZE];
        struct application app;
        int r = store_resolve(st, shorts[i], id);
        if (r == 0)
            r = store_load(st, id, &app);
        lat[i] = bench_now_ms() - a;
        if (r == 0)
            app_wipe(&app);
        if (r != 0) {
            fprintf(stderr, "bench_recall_lookup: open %s: %s\n", shorts[i], store_strerror(r));
            goto out;
        }
    }
    report("recall_open_by_short_no_100k", lat, LOOKUPS);
    for (int i = 0; i < LOOKUPS; i++) {
        int found = 0;
        struct store_query q = {.status = -1, .search = phones[i], .limit = 40, .newest_first = 1};
        double a = bench_now_ms();
        int r = store_list(st, &q, count_cb, &found);
        lat[i] = bench_now_ms() - a;
        if (r != 0 || found < 1) {
            fprintf(stderr, "bench_recall_lookup: search %s: %d found\n", phones[i], found);
            goto out;
        }
    }
    report("recall_search_phone_100k", lat, LOOKUPS);
    for (int i = 0; i < LOOKUPS; i++) {
        int found = 0;
        struct store_query q = {.status = -1, .search = shorts[i], .limit = 40, .newest_first = 1};
        double a = bench_now_ms();
        int r = store_list(st, &q, count_cb, &found);
        lat[i] = bench_now_ms() - a;
        if (r != 0 || found != 1) {
            fprintf(stderr, "bench_recall_lookup: search %s: %d found\n", shorts[i], found);
            goto out;
        }
    }
    report("recall_search_short_no_100k", lat, LOOKUPS);
    /* the peer: a search by name has to decrypt every row (no index can see the names) */
    {
        int found = 0;
        struct store_query q = {.status = -1, .search = "nguyen van an", .limit = 40};
        double a = bench_now_ms();
        store_list(st, &q, count_cb, &found);
        printf("# peer: one search by name over %ld rows (decrypts each): %.1f ms\n", n,
               bench_now_ms() - a);
    }
    rc = 0;
out:
    store_close(st);
    seal_keys_wipe(&keys);
    bench_rmtree(dir);
    return rc;
}
