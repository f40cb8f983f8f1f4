/* bench_store_export.c: with BENCH_EXPORT_TOTAL (default 100,000) applications stored over
 * ten days, list the last day (a tenth of them, 10,000 rows: store_list decrypting each row)
 * and export it at 17:45 that day (export_day: CSV, summary with the open applications of
 * every day, signed manifest, fsyncs, audit row). Each is run three times and the slowest run
 * is reported. Targets: <= 1 s each.
 *
 * The earlier days look like a working kiosk's: 98% of their applications were submitted and
 * approved, 1% rejected (to recall), 1% are still queued (overdue for the older days).
 *
 * Filling the store is not what is measured: it goes through store_queue() like the kiosk,
 * but with synchronous=OFF for the fill only (through the store's internal header), so that
 * a run takes seconds, not minutes. It is set back to FULL before measuring. */
#include "bench/bench_store_common.h"
#include "kiosk/export/export.h"
#include "kiosk/store/store_internal.h"

#define DAYS 10
#define RUNS 3

static int count_row(const struct store_row *row, void *arg)
{
    long *n = arg;
    (*n) += row->identity.full_name[0] != '\0';
    return 0;
}

int main(void)
{
    struct seal_keys keys;
    struct store *st = NULL;
    char dir[512], out[600], err[256], day[11];
    const char *env = getenv("BENCH_EXPORT_TOTAL");
    long total = env ? atol(env) : 100000;
    double worst_list = 0, worst_export = 0;
    char(*ids)[APP_ID_SIZE] = NULL;
    int rc = 1;

    if (total < DAYS || seal_init() != 0 || bench_dir(dir, "export") != 0)
        return 1;
    if ((ids = calloc((size_t)total, sizeof *ids)) == NULL)
        return 1;
    bench_keys(&keys);
    if (store_open(dir, &keys, &st) != 0 || store_exec(st, "PRAGMA synchronous=OFF") != 0) {
        fprintf(stderr, "bench_store_export: cannot open a store in %s\n", dir);
        goto out;
    }
    /* Ten consecutive days from Monday 2026-11-09, 07:30-17:30 local. */
    const int64_t day_ms = 86400000LL;
    int64_t first = time_day_start("2026-11-09");
    long per_day = total / DAYS;
    double fill0 = bench_now_ms();
    for (long i = 0; i < total; i++) {
        struct application app;
        long d = i / per_day < DAYS ? i / per_day : DAYS - 1;
        int64_t created = first + d * day_ms + 7 * 3600000LL + 1800000LL +
                          (i % per_day) * (10 * 3600000LL / per_day);
        bench_app(&app, i, created);
        int r = store_queue(st, &app, created + 500);
        memcpy(ids[i], app.id, APP_ID_SIZE);
        app_wipe(&app);
        if (r != 0) {
            fprintf(stderr, "bench_store_export: store_queue: %s\n", store_strerror(r));
            goto out;
        }
    }
    /* The earlier days' results came in the next day. */
    for (long i = 0; i < per_day * (DAYS - 1); i++) {
        int64_t next = first + (i / per_day + 1) * day_ms + 9 * 3600000LL;
        int r = 0;
        if (i % 100 == 0)
            continue;
        r = store_set_status(st, ids[i], APP_SUBMITTED, NULL, NULL, "sync", next);
        if (r == 0 && i % 100 == 1)
            r = store_set_status(st, ids[i], APP_REJECTED, "photo.quality",
                                 "Ảnh bản chụp không đủ tiêu chuẩn", "sync", next + 3600000LL);
        else if (r == 0)
            r = store_set_status(st, ids[i], APP_APPROVED, NULL, NULL, "sync", next + 3600000LL);
        if (r != 0) {
            fprintf(stderr, "bench_store_export: store_set_status: %s\n", store_strerror(r));
            goto out;
        }
    }
    double fill = bench_now_ms() - fill0;
    if (store_exec(st, "PRAGMA synchronous=FULL") != 0)
        goto out;
    time_day(first + (DAYS - 1) * day_ms, day);
    int64_t export_at = time_day_start(day) + 17 * 3600000LL + 45 * 60000LL;
    printf("# %ld applications stored and progressed in %.1f s; day %s holds %ld\n", total,
           fill / 1000, day, total - per_day * (DAYS - 1));

    for (int r = 0; r < RUNS; r++) {
        struct store_query q = {.day = day, .status = -1};
        long n = 0;
        double a = bench_now_ms();
        double c = bench_cpu_ms();
        int lr = store_list(st, &q, count_row, &n);
        double t = bench_now_ms() - a;
        printf("# run %d: store_list %.1f ms wall, %.1f ms cpu\n", r + 1, t, bench_cpu_ms() - c);
        if (lr != 0 || n != total - per_day * (DAYS - 1)) {
            fprintf(stderr, "bench_store_export: store_list: %d, %ld rows\n", lr, n);
            goto out;
        }
        if (t > worst_list)
            worst_list = t;

        snprintf(out, sizeof out, "%s/export-%d", dir, r);
        a = bench_now_ms();
        c = bench_cpu_ms();
        int er = export_day(st, day, out, "csv", "gs.bench", export_at, err, sizeof err);
        t = bench_now_ms() - a;
        printf("# run %d: export_day %.1f ms wall, %.1f ms cpu\n", r + 1, t, bench_cpu_ms() - c);
        if (er != 0 || export_verify(out, err, sizeof err) != 0) {
            fprintf(stderr, "bench_store_export: export: %s\n", err);
            goto out;
        }
        if (t > worst_export)
            worst_export = t;
    }
    bench_result("store_list_day_10k", worst_list, "ms", "<=", 1000);
    bench_result("export_day_10k", worst_export, "ms", "<=", 1000);
    rc = 0;
out:
    store_close(st);
    seal_keys_wipe(&keys);
    free(ids);
    if (getenv("BENCH_KEEP"))
        printf("# kept %s\n", dir);
    else
        bench_rmtree(dir);
    return rc;
}
