/* bench_sync_loopback.c: applications of ~150 KB delivered per second to the reference
 * upstream on loopback (mutual TLS, one sync_once pass over a queue of BENCH_SYNC_N,
 * default 300, with the store's durable writes included). Target >= 50 applications/s. */
#include "bench/bench_sync_common.h"

int main(void)
{
    int n = bench_sync_env("BENCH_SYNC_N", 300);
    struct upstream_fixture f;
    struct store *st = NULL;
    int rc = 1;
    if (upstream_fixture_setup(&f, NULL) != 0)
        return 1;
    if (store_open(f.cfg.data_dir, &f.keys, &st) != 0 || bench_sync_queue(st, n) != 0)
        goto out;
    struct sync_status s;
    int64_t t0 = time_mono_ms();
    int src = sync_once(&f.cfg, st, &s);
    int64_t ms = time_mono_ms() - t0;
    struct upstream_stats us;
    upstream_get_stats(f.up, &us);
    if (src != 0 || upstream_count(f.up) != n) {
        fprintf(stderr, "bench_sync_loopback: pass failed: %s (%s), %ld held\n", sync_strerror(src),
                s.last_error, upstream_count(f.up));
        goto out;
    }
    double per_s = n * 1000.0 / (double)(ms > 0 ? ms : 1);
    printf("# %d applications, %.1f KB sealed payload each, %lld ms\n", n,
           (double)us.bytes_held / n / 1024.0, (long long)ms);
    printf("bench: sync_loopback_150kb %.1f apps/s target >= 50 %s\n", per_s,
           per_s >= 50 ? "MET" : "MISSED");
    rc = 0;
out:
    if (st)
        store_close(st);
    upstream_fixture_teardown(&f);
    return rc;
}
