/* bench_sync_3g.c: time to drain a queue of ~150 KB applications over a 3G-shaped, lossy
 * link, against the link's raw capacity (payload bytes / rate), and against the simplest
 * uploader an integrator would write (the curl command line posting each application in
 * turn, bench/curl_uploader.sh), in the same run, on the same upstream and link.
 *
 * tc netem is not available on the build machines (no sch_netem), so the reference
 * upstream shapes the link itself: request bodies share BENCH_SYNC_3G_RATE bytes/s
 * (default 125,000 = 1 Mbit/s), every answer waits the round trip (150 ms, then 300 ms),
 * every new connection first waits two round trips (TCP's and TLS's handshakes) and starts
 * its body in TCP slow start (10 segments, doubling each round trip), and
 * 1 % of requests lose their connection mid-body (reset) and 1 % have their answer held a
 * second (a retransmission timeout): upstream_opts.loss_*.
 *
 * The kiosk side is the sync thread as the kiosk runs it (sync_start: default options, 4
 * uploads in flight, its backoff after a pass that a reset ended); the time runs from its
 * start until the upstream holds every application. BENCH_SYNC_3G_N applications per run
 * (default 60: each run then takes about a minute and a half). Targets: >= 90 % of capacity
 * at 150 ms, >= 85 % at 300 ms, and >= 1.5 x faster than the curl uploader (at 300 ms). */
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "bench/bench_sync_common.h"
#include "kiosk/model/app_json.h"
#include "kiosk/model/app_payload.h"
#include "sync/sync_proto.h"

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static void fixture_opts(struct upstream_opts *o, int rate, int latency_ms)
{
    memset(o, 0, sizeof *o);
    o->rate_bytes_per_s = rate;
    o->latency_ms = latency_ms;
    /* every new connection, the kiosk's or curl's: TCP's and TLS 1.3's handshakes (one round
     * trip each) before its first request, then slow start from 10 segments (RFC 6928) */
    o->conn_setup_rtts = 2;
    o->slow_start_iw = 10 * 1460;
    /* BENCH_SYNC_3G_LOSS_PERMILLE: resets and stalls each, per thousand requests (10) */
    o->loss_reset_p = bench_sync_env("BENCH_SYNC_3G_LOSS_PERMILLE", 10) / 1000.0;
    o->loss_stall_p = o->loss_reset_p;
    o->loss_stall_ms = 1000;
}

/* The kiosk's sync thread draining n queued applications: ms, bytes held; 0 or -1. */
static int run_kiosk(int n, int rate, int latency_ms, int64_t *ms, long *bytes,
                     struct upstream_stats *us)
{
    struct upstream_fixture f;
    struct upstream_opts o;
    struct store *st = NULL;
    int rc = -1;
    fixture_opts(&o, rate, latency_ms);
    if (upstream_fixture_setup(&f, &o) != 0)
        return -1;
    if (store_open(f.cfg.data_dir, &f.keys, &st) != 0 || bench_sync_queue(st, n) != 0)
        goto out;
    store_close(st);
    st = NULL;
    int64_t t0 = time_mono_ms();
    struct sync *s = sync_start(&f.cfg, &f.keys, NULL, NULL);
    if (!s)
        goto out;
    while (upstream_count(f.up) < n && time_mono_ms() - t0 < 1800 * 1000)
        sleep_ms(20);
    *ms = time_mono_ms() - t0;
    sync_stop(s);
    upstream_get_stats(f.up, us);
    *bytes = us->bytes_held;
    rc = upstream_count(f.up) == n ? 0 : -1;
    if (rc != 0)
        fprintf(stderr, "bench_sync_3g: the kiosk delivered %ld of %d\n", upstream_count(f.up), n);
out:
    if (st)
        store_close(st);
    upstream_fixture_teardown(&f);
    return rc;
}

/* Writes application i as the integrator would have it: <dir>/NNNN.body (the application
 * document, then the sealed payload), NNNN.id and NNNN.envlen. 0 or -1. */
static int write_app(const char *dir, const struct upstream_fixture *f, int i)
{
    struct application app;
    char path[512], digest[65];
    unsigned char *sealed = NULL;
    size_t sealed_len = 0;
    int rc = -1;
    if (upstream_fixture_app(&app, i, BENCH_SYNC_PORTRAIT, time_now_ms()) != 0)
        return -1;
    /* the payload as the kiosk queues it (format 2, said in the envelope) */
    app.payload_format = APP_PAYLOAD_BINARY;
    size_t pay_len = 0;
    char *env = app_envelope_to_json(&app), *doc = NULL;
    unsigned char *pay = app_payload_to_binary(&app, &pay_len);
    if (!env || !pay || seal_for_upstream(&f->keys, pay, pay_len, &sealed, &sealed_len) != 0)
        goto out;
    seal_sha256_hex(sealed, sealed_len, digest);
    doc = sync_proto_application(app.id, f->cfg.station_code, f->cfg.kiosk_id, env, digest,
                                 sealed_len);
    if (!doc)
        goto out;
    snprintf(path, sizeof path, "%s/%04d.body", dir, i);
    FILE *fp = fopen(path, "wb");
    if (!fp)
        goto out;
    int ok = fwrite(doc, 1, strlen(doc), fp) == strlen(doc) &&
             fwrite(sealed, 1, sealed_len, fp) == sealed_len;
    ok = fclose(fp) == 0 && ok;
    snprintf(path, sizeof path, "%s/%04d.id", dir, i);
    fp = fopen(path, "w");
    ok = ok && fp && fprintf(fp, "%s\n", app.id) > 0;
    if (fp)
        ok = fclose(fp) == 0 && ok;
    snprintf(path, sizeof path, "%s/%04d.envlen", dir, i);
    fp = fopen(path, "w");
    ok = ok && fp && fprintf(fp, "%zu\n", strlen(doc)) > 0;
    if (fp)
        ok = fclose(fp) == 0 && ok;
    rc = ok ? 0 : -1;
out:
    free(env);
    free(pay);
    free(doc);
    free(sealed);
    app_wipe(&app);
    return rc;
}

/* bench/curl_uploader.sh over the same link: ms, bytes held; 0 or -1. */
static int run_curl(int n, int rate, int latency_ms, int64_t *ms, long *bytes)
{
    struct upstream_fixture f;
    struct upstream_opts o;
    char dir[300], cmd[2048], url[128];
    int rc = -1;
    fixture_opts(&o, rate, latency_ms);
    if (upstream_fixture_setup(&f, &o) != 0)
        return -1;
    snprintf(dir, sizeof dir, "%s/curl", f.dir);
    if (mkdir(dir, 0700) != 0)
        goto out;
    for (int i = 0; i < n; i++)
        if (write_app(dir, &f, i) != 0)
            goto out;
    upstream_url(f.up, url, sizeof url);
    snprintf(cmd, sizeof cmd,
             "bench/curl_uploader.sh '%s' '%s' '%s' '%s' '%s' '%s' '%s' > '%s/log' 2>&1", url,
             f.cfg.upstream_ca, f.cfg.client_cert, f.cfg.client_key, f.cfg.kiosk_id,
             f.cfg.station_code, dir, dir);
    int64_t t0 = time_mono_ms();
    int src = system(cmd);
    *ms = time_mono_ms() - t0;
    struct upstream_stats us;
    upstream_get_stats(f.up, &us);
    *bytes = us.bytes_held;
    rc = src == 0 && upstream_count(f.up) == n ? 0 : -1;
    if (rc != 0)
        fprintf(stderr, "bench_sync_3g: curl uploader exit %d, %ld of %d held\n", src,
                upstream_count(f.up), n);
out:
    upstream_fixture_teardown(&f);
    return rc;
}

int main(void)
{
    int n = bench_sync_env("BENCH_SYNC_3G_N", 60);
    int rate = bench_sync_env("BENCH_SYNC_3G_RATE", 125000);
    const int latencies[2] = {150, 300};
    double loss_pct = bench_sync_env("BENCH_SYNC_3G_LOSS_PERMILLE", 10) / 10.0;
    const double targets[2] = {90, 85};
    int64_t kiosk_ms[2] = {0, 0};
    for (int k = 0; k < 2; k++) {
        long bytes = 0;
        struct upstream_stats us;
        if (run_kiosk(n, rate, latencies[k], &kiosk_ms[k], &bytes, &us) != 0)
            return 1;
        double raw_ms = (double)bytes * 1000.0 / rate;
        double pct = 100.0 * raw_ms / (double)(kiosk_ms[k] > 0 ? kiosk_ms[k] : 1);
        printf("# kiosk: %d applications, %.1f KB each, link %d B/s + %d ms per answer, %.1f %% "
               "reset, %.1f %% stalled 1 s (%ld resets, %ld stalls, %ld requests, at most %ld at "
               "once): raw %.1f s, drained in %.1f s\n",
               n, (double)bytes / n / 1024.0, rate, latencies[k], loss_pct, loss_pct, us.resets,
               us.stalls, us.requests, us.max_in_flight, raw_ms / 1000.0,
               (double)kiosk_ms[k] / 1000.0);
        printf("bench: sync_3g_drain_%dms_loss1 %.1f %% target >= %g %s\n", latencies[k], pct,
               targets[k], pct >= targets[k] ? "MET" : "MISSED");
        fflush(stdout);
    }
    int64_t curl_ms = 0;
    long curl_bytes = 0;
    if (run_curl(n, rate, 300, &curl_ms, &curl_bytes) != 0)
        return 1;
    double ratio = (double)curl_ms / (double)(kiosk_ms[1] > 0 ? kiosk_ms[1] : 1);
    printf("# curl uploader (bench/curl_uploader.sh, one POST per application with its payload "
           "inline, in turn, --retry, PATCH of the rest after a cut): %d applications over the 300 "
           "ms link in %.1f s (%.1f %% "
           "of capacity); the kiosk %.1f s\n",
           n, (double)curl_ms / 1000.0, 100.0 * curl_bytes * 1000.0 / rate / (double)curl_ms,
           (double)kiosk_ms[1] / 1000.0);
    printf("bench: sync_vs_curl_uploader %.2f x target >= 1.5 %s\n", ratio,
           ratio >= 1.5 ? "MET" : "MISSED");
    return 0;
}
