/* bench_sync_3g.c: time to drain a queue of BENCH_SYNC_3G_N (default 200) applications of
 * ~150 KB over a 3G-shaped link, against the link's raw capacity (payload bytes / rate).
 *
 * tc netem is not available on the build machines (no sch_netem), so the reference
 * upstream shapes the link itself: request bodies share BENCH_SYNC_3G_RATE bytes/s
 * (default 125,000 = 1 Mbit/s) and every answer waits BENCH_SYNC_3G_RTT_MS (default 150).
 * Packet loss is not modelled. Target: >= 80 % of the raw capacity. */
#include "bench/bench_sync_common.h"

int main(void)
{
    int n = bench_sync_env("BENCH_SYNC_3G_N", 200);
    int rate = bench_sync_env("BENCH_SYNC_3G_RATE", 125000);
    int rtt = bench_sync_env("BENCH_SYNC_3G_RTT_MS", 150);
    struct upstream_fixture f;
    struct upstream_opts o = {.rate_bytes_per_s = rate, .latency_ms = rtt};
    struct store *st = NULL;
    int rc = 1;
    if (upstream_fixture_setup(&f, &o) != 0)
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
        fprintf(stderr, "bench_sync_3g: pass failed: %s (%s), %ld held\n", sync_strerror(src),
                s.last_error, upstream_count(f.up));
        goto out;
    }
    double raw_ms = (double)us.bytes_held * 1000.0 / rate;
    double pct = 100.0 * raw_ms / (double)(ms > 0 ? ms : 1);
    printf("# %d applications, %.1f KB each, %ld bytes, link %d B/s + %d ms per answer: "
           "raw %.1f s, drained in %.1f s\n",
           n, (double)us.bytes_held / n / 1024.0, us.bytes_held, rate, rtt, raw_ms / 1000.0,
           (double)ms / 1000.0);
    printf("bench: sync_3g_drain_200 %.1f %% target >= 80 %s\n", pct, pct >= 80 ? "MET" : "MISSED");
    rc = 0;
out:
    if (st)
        store_close(st);
    upstream_fixture_teardown(&f);
    return rc;
}
