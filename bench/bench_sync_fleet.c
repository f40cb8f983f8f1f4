/* bench_sync_fleet.c: a fleet of kiosks sharing one upstream through an outage.
 *
 * BENCH_FLEET_N kiosks (default 1,000), each the real sync client (its own data directory,
 * store, client certificate with its own CN and station, sync thread with the kiosk's
 * backoff: full jitter, capped at BENCH_FLEET_BACKOFF_MAX_S), all in this process, against
 * one reference upstream on loopback (mutual TLS). Every kiosk queues a small application
 * every BENCH_FLEET_QUEUE_S seconds on average (default 60, at random times) and pulls
 * statuses every 60 s (config/kiosk.conf). After BENCH_FLEET_STEADY_S seconds the upstream
 * goes away for BENCH_FLEET_OUTAGE_S (connections refused; the kiosks keep queuing) and
 * comes back on the same port; the counters go on queuing for one backoff cap after that,
 * then stop, and the run ends when every application queued has been received.
 *
 * Recorded: the upstream's request rate second by second (build/bench-fleet-rate.tsv:
 * second, requests, of which shed, phase);
 * fleet_peak_vs_steady = the highest rate over any 5 s after the recovery against the mean
 * rate of the steady period before the outage (target <= 2); then every application queued
 * is looked up at the upstream: fleet_lost (not received) and fleet_duplicated (received
 * more than once), both targets 0.
 *
 * The kiosks run the product's sync behaviour: the [upstream] timings of config/kiosk.conf
 * (status interval, the ramp-up after an outage: recovery_seconds, recovery_pace_seconds)
 * and the client's default options, with two exceptions: the backoff is capped at 300 s (the
 * product's config/kiosk.conf caps it at 900 s; a lower cap brings the kiosks back over a
 * shorter time: the harder case for the peak; BENCH_FLEET_BACKOFF_MAX_S=900 runs the
 * product's cap), and 2 uploads in flight (sync_opts.parallel) to bound the upstream's
 * threads (one per connection). The outage lasts 5 minutes, as the issue asks. The steady
 * period is 60 s, one status interval, so that it holds each kiosk's status pull once. The
 * kiosks are switched on over the warm-up (20 s), as a fleet's are over a morning, not in
 * one instant. The run takes about 15 minutes on the shared 2-core machine.
 *
 * The upstream sheds load as a real one does (upstream_opts.admit_per_s): it is provisioned
 * for twice the fleet's nominal load, N kiosks x (one application + one status pull a
 * minute) x 2 = N x 4 requests a minute (BENCH_FLEET_ADMIT_PER_S, 0 = no ceiling), and
 * answers what is over it 503 with a Retry-After drawn in [10, 60] s. Its 503s are counted
 * in the request rate (they are load) and reported separately. */
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <pthread.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "bench/bench_sync_common.h"

#define RATE_WINDOW_S 5

struct kiosk {
    struct config cfg;
    struct sync *sync;
    int64_t next_queue_ms;
    int queued;
};

static struct upstream_fixture fx;
static struct kiosk *kiosks;
static int n_kiosks;
static char (*ids)[APP_ID_SIZE];
static long n_ids, max_ids;
static pthread_mutex_t ids_mu = PTHREAD_MUTEX_INITIALIZER;

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static int env_int(const char *name, int dflt)
{
    return bench_sync_env(name, dflt);
}

/* A client certificate for kiosk id (CN), signed by the fixture's CA: pki/<id>.pem/.key. */
static int make_cert(EVP_PKEY *ca_key, X509 *ca, const char *id, long serial)
{
    char path[400];
    int ok = 0;
    EVP_PKEY *key = EVP_EC_gen("P-256");
    X509 *x = X509_new();
    if (!key || !x)
        goto out;
    X509_set_version(x, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(x), serial);
    X509_gmtime_adj(X509_getm_notBefore(x), -3600);
    X509_gmtime_adj(X509_getm_notAfter(x), 2 * 86400);
    X509_set_pubkey(x, key);
    X509_NAME *name = X509_get_subject_name(x);
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, (const unsigned char *)"Kiosk", -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, (const unsigned char *)id, -1, -1, 0);
    X509_set_issuer_name(x, X509_get_subject_name(ca));
    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, ca, x, NULL, NULL, 0);
    const char *exts[][2] = {{"basicConstraints", "CA:FALSE"},
                             {"keyUsage", "critical,digitalSignature"},
                             {"extendedKeyUsage", "clientAuth"}};
    for (int i = 0; i < 3; i++) {
        X509_EXTENSION *e = X509V3_EXT_conf(NULL, &ctx, exts[i][0], exts[i][1]);
        if (!e)
            goto out;
        X509_add_ext(x, e, -1);
        X509_EXTENSION_free(e);
    }
    if (!X509_sign(x, ca_key, EVP_sha256()))
        goto out;
    snprintf(path, sizeof path, "%s/%s.pem", fx.pki, id);
    FILE *fp = fopen(path, "w");
    ok = fp && PEM_write_X509(fp, x);
    if (fp)
        ok = fclose(fp) == 0 && ok;
    snprintf(path, sizeof path, "%s/%s.key", fx.pki, id);
    fp = fopen(path, "w");
    ok = ok && fp && PEM_write_PrivateKey(fp, key, NULL, NULL, 0, NULL, NULL);
    if (fp)
        ok = fclose(fp) == 0 && ok;
out:
    X509_free(x);
    EVP_PKEY_free(key);
    return ok ? 0 : -1;
}

static int load_ca(EVP_PKEY **key, X509 **ca)
{
    char path[400];
    snprintf(path, sizeof path, "%s/ca.pem", fx.pki);
    FILE *fp = fopen(path, "r");
    *ca = fp ? PEM_read_X509(fp, NULL, NULL, NULL) : NULL;
    if (fp)
        fclose(fp);
    snprintf(path, sizeof path, "%s/ca.key", fx.pki);
    fp = fopen(path, "r");
    *key = fp ? PEM_read_PrivateKey(fp, NULL, NULL, NULL) : NULL;
    if (fp)
        fclose(fp);
    return *ca && *key ? 0 : -1;
}

/* Queues one small application at kiosk k (its own store connection, opened and closed, as
 * the counter's program would hold one). 0 or -1. */
static int queue_one(struct kiosk *k, int serial)
{
    struct store *st = NULL;
    struct application app;
    int64_t now = time_now_ms();
    if (store_open(k->cfg.data_dir, &fx.keys, &st) != 0)
        return -1;
    int rc = upstream_fixture_app(&app, serial, 2000, now);
    if (rc == 0) {
        snprintf(app.station, sizeof app.station, "%s", k->cfg.station_code);
        rc = store_queue(st, &app, now);
    }
    if (rc == 0) {
        pthread_mutex_lock(&ids_mu);
        if (n_ids < max_ids)
            memcpy(ids[n_ids++], app.id, APP_ID_SIZE);
        else
            rc = -1;
        pthread_mutex_unlock(&ids_mu);
    }
    app_wipe(&app);
    store_close(st);
    k->queued++;
    return rc == 0 ? 0 : -1;
}

static volatile int stop_queuing;
static int queue_every_ms;

/* The counters of the whole fleet: every kiosk queues at random times, one application per
 * queue_every_ms on average. */
static void *queuer(void *arg)
{
    (void)arg;
    long serial = 0;
    while (!stop_queuing) {
        int64_t now = time_now_ms();
        for (int i = 0; i < n_kiosks && !stop_queuing; i++) {
            struct kiosk *k = &kiosks[i];
            if (k->next_queue_ms > now)
                continue;
            if (queue_one(k, (int)(serial++ % 100000)) != 0)
                fprintf(stderr, "bench_sync_fleet: queue failed at %s\n", k->cfg.kiosk_id);
            k->next_queue_ms =
                now + queue_every_ms / 2 + randombytes_uniform((uint32_t)queue_every_ms);
        }
        sleep_ms(50);
    }
    return NULL;
}

int main(void)
{
    n_kiosks = env_int("BENCH_FLEET_N", 1000);
    int steady_s = env_int("BENCH_FLEET_STEADY_S", 60);
    int outage_s = env_int("BENCH_FLEET_OUTAGE_S", 300);
    int backoff_max_s = env_int("BENCH_FLEET_BACKOFF_MAX_S", 300);
    queue_every_ms = env_int("BENCH_FLEET_QUEUE_S", 60) * 1000;
    int warmup_s = env_int("BENCH_FLEET_WARMUP_S", 20);
    int admit_per_s = env_int("BENCH_FLEET_ADMIT_PER_S", n_kiosks * 4 / 60);
    long total_s = warmup_s + steady_s + outage_s + 4L * backoff_max_s + 300;
    long *rate = calloc((size_t)total_s + 1, sizeof *rate);
    long *shed = calloc((size_t)total_s + 1, sizeof *shed); /* of which 503s of the ceiling */
    long shed_before = 0, shed_steady = 0, shed_last = 0;
    /* a port below the ephemeral range: during the outage, thousands of refused connects
     * from ephemeral ports could otherwise take the upstream's port (a socket connected to
     * itself) and keep it from coming back */
    struct upstream_opts uo = {.stall_ms = 1500,
                               .port = 20000 + (unsigned)randombytes_uniform(10000),
                               .admit_per_s = admit_per_s,
                               .shed_retry_min_s = 10,
                               .shed_retry_max_s = 60};
    /* the product's sync timings */
    struct config product;
    char cerr[256];
    config_defaults(&product);
    if (config_load_file(&product, "config/kiosk.conf", cerr, sizeof cerr) != 0) {
        fprintf(stderr, "bench_sync_fleet: %s\n", cerr);
        return 1;
    }
    int rc = 1;

    if (!rate || !shed || upstream_fixture_setup(&fx, &uo) != 0)
        return 1;
    kiosks = calloc((size_t)n_kiosks, sizeof *kiosks);
    max_ids = (long)n_kiosks * (total_s * 1000 / queue_every_ms + 4);
    ids = calloc((size_t)max_ids, APP_ID_SIZE);
    EVP_PKEY *ca_key = NULL;
    X509 *ca = NULL;
    if (!kiosks || !ids || load_ca(&ca_key, &ca) != 0)
        goto out;
    int64_t t_setup = time_mono_ms();
    struct sync_opts so;
    sync_opts_default(&so);
    so.parallel = 2;
    for (int i = 0; i < n_kiosks; i++) {
        struct kiosk *k = &kiosks[i];
        k->cfg = fx.cfg;
        snprintf(k->cfg.kiosk_id, sizeof k->cfg.kiosk_id, "kiosk-f%04d", i);
        snprintf(k->cfg.station_code, sizeof k->cfg.station_code, "CAX-F-%04d", i % 10000);
        snprintf(k->cfg.data_dir, sizeof k->cfg.data_dir, "%s/k%04d", fx.dir, i);
        snprintf(k->cfg.client_cert, sizeof k->cfg.client_cert, "%s/%s.pem", fx.pki,
                 k->cfg.kiosk_id);
        snprintf(k->cfg.client_key, sizeof k->cfg.client_key, "%s/%s.key", fx.pki, k->cfg.kiosk_id);
        k->cfg.sync_interval_seconds = product.sync_interval_seconds;
        k->cfg.sync_recovery_seconds = product.sync_recovery_seconds;
        k->cfg.sync_recovery_pace_seconds = product.sync_recovery_pace_seconds;
        k->cfg.sync_backoff_max_seconds = backoff_max_s;
        k->next_queue_ms = time_now_ms() + randombytes_uniform((uint32_t)queue_every_ms);
        mkdir(k->cfg.data_dir, 0700);
        struct store *st = NULL;
        if (make_cert(ca_key, ca, k->cfg.kiosk_id, 1000 + i) != 0 ||
            store_open(k->cfg.data_dir, &fx.keys, &st) != 0) {
            fprintf(stderr, "bench_sync_fleet: kiosk %d set-up failed\n", i);
            goto out;
        }
        store_close(st);
    }
    printf("# %d kiosks set up in %.1f s (certificates, stores)\n", n_kiosks,
           (double)(time_mono_ms() - t_setup) / 1000.0);
    fflush(stdout);
    /* switched on over the warm-up, as a fleet's kiosks are: started in the same instant,
     * their idle polls (every 2 s) would stay in step, and their first passes all at once
     * would be a return after an outage of their own */
    printf("# sync: status every %d s, backoff cap %d s, after an outage a ramp-up of %d s "
           "pacing the backlog %d s apart (config/kiosk.conf); upstream admits %d requests/s\n",
           product.sync_interval_seconds, backoff_max_s, product.sync_recovery_seconds,
           product.sync_recovery_pace_seconds, admit_per_s);
    int64_t t_start = time_mono_ms();
    for (int i = 0; i < n_kiosks; i++) {
        int64_t at = t_start + (int64_t)warmup_s * 1000 * i / n_kiosks;
        if (at > time_mono_ms())
            sleep_ms((long)(at - time_mono_ms()));
        kiosks[i].sync = sync_start_opts(&kiosks[i].cfg, &so, &fx.keys, NULL, NULL);
        if (!kiosks[i].sync) {
            fprintf(stderr, "bench_sync_fleet: sync thread %d did not start\n", i);
            goto out;
        }
    }
    pthread_t qt;
    if (pthread_create(&qt, NULL, queuer, NULL) != 0)
        goto out;

    /* second by second: requests the upstream saw */
    int64_t t0 = time_mono_ms();
    long last = upstream_requests(fx.up), base = 0;
    int outage_at = warmup_s + steady_s, back_at = outage_at + outage_s, end_s = 0, queuing = 1;
    unsigned port = upstream_port(fx.up);
    for (long s = 1; s <= total_s; s++) {
        int64_t wait = t0 + s * 1000 - time_mono_ms();
        if (wait > 0)
            sleep_ms(wait);
        if (s == outage_at) {
            struct upstream_stats b;
            upstream_get_stats(fx.up, &b);
            shed_before = b.shed;
            for (int j = warmup_s; j < outage_at; j++)
                shed_steady += shed[j];
            shed_last = 0;
            upstream_stop(fx.up);
            fx.up = NULL;
            last = base = 0;
        }
        if (s == back_at) {
            struct upstream_opts ro = fx.opts;
            ro.port = port;
            if (upstream_fixture_restart(&fx, &ro) != 0) {
                fprintf(stderr, "bench_sync_fleet: the upstream did not come back\n");
                goto stop;
            }
        }
        if (s == back_at + backoff_max_s) { /* the counters close; what is queued drains */
            stop_queuing = 1;
            pthread_join(qt, NULL);
            queuing = 0;
        }
        long now = fx.up ? upstream_requests(fx.up) : base;
        rate[s] = now - last;
        last = now;
        if (fx.up) {
            struct upstream_stats b;
            upstream_get_stats(fx.up, &b);
            shed[s] = b.shed - shed_last;
            shed_last = b.shed;
        }
        if (!queuing && fx.up && upstream_count(fx.up) >= n_ids) {
            end_s = (int)s;
            break;
        }
    }
stop:
    stop_queuing = 1;
    if (queuing)
        pthread_join(qt, NULL);
    for (int i = 0; i < n_kiosks; i++)
        sync_stop(kiosks[i].sync);
    if (!end_s) {
        fprintf(stderr, "bench_sync_fleet: not drained: %ld of %ld received\n",
                fx.up ? upstream_count(fx.up) : -1L, n_ids);
        end_s = (int)total_s;
    }

    FILE *tsv = fopen("build/bench-fleet-rate.tsv", "w");
    for (int s = 1; tsv && s <= end_s; s++)
        fprintf(tsv, "%d\t%ld\t%ld\t%s\n", s, rate[s], shed[s],
                s < warmup_s    ? "warm-up"
                : s < outage_at ? "steady"
                : s < back_at   ? "outage"
                                : "recovery");
    if (tsv)
        fclose(tsv);
    double steady = 0;
    for (int s = warmup_s; s < outage_at; s++)
        steady += (double)rate[s];
    steady /= steady_s;
    double peak = 0;
    int peak_at = 0;
    for (int s = back_at; s + RATE_WINDOW_S <= end_s + 1; s++) {
        double w = 0;
        for (int j = 0; j < RATE_WINDOW_S; j++)
            w += (double)rate[s + j];
        if (w / RATE_WINDOW_S > peak) {
            peak = w / RATE_WINDOW_S;
            peak_at = s - back_at;
        }
    }
    long lost = fx.up ? 0 : n_ids, dup = 0;
    for (long i = 0; i < n_ids && fx.up; i++) {
        char d[65];
        long deliveries = 0;
        int held = upstream_lookup(fx.up, ids[i], d, &deliveries);
        lost += held != 1;
        dup += held == 1 && deliveries > 1;
    }
    struct upstream_stats us;
    if (fx.up)
        upstream_get_stats(fx.up, &us);
    printf("# %d kiosks, %ld applications, steady %d s, outage %d s, backoff cap %d s: steady "
           "%.1f requests/s, peak %.1f/s (%d s window, %d s after the recovery), drained %d s "
           "after it; received %ld, replays %ld, shed %ld (503 by the upstream's ceiling of "
           "%d/s; counted in the rate) of which %ld in the steady period (rate per second in "
           "build/bench-fleet-rate.tsv)\n",
           n_kiosks, n_ids, steady_s, outage_s, backoff_max_s, steady, peak, RATE_WINDOW_S, peak_at,
           end_s - back_at, fx.up ? us.received : -1L, fx.up ? us.replays : -1L,
           fx.up ? us.shed + shed_before : -1L, admit_per_s, shed_steady);
    double ratio = steady > 0 ? peak / steady : 99;
    printf("bench: fleet_peak_vs_steady %.2f x target <= 2 %s\n", ratio,
           ratio <= 2 ? "MET" : "MISSED");
    printf("bench: fleet_lost %ld apps target <= 0 %s\n", lost, lost == 0 ? "MET" : "MISSED");
    printf("bench: fleet_duplicated %ld apps target <= 0 %s\n", dup, dup == 0 ? "MET" : "MISSED");
    rc = 0;
out:
    X509_free(ca);
    EVP_PKEY_free(ca_key);
    upstream_fixture_teardown(&fx);
    free(kiosks);
    free(ids);
    free(rate);
    free(shed);
    return rc;
}
