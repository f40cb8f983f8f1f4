/* test_bundle.c: hand-over by USB stick (kiosk/field/bundle.h) against the reference upstream.
 *
 * - exactly_once: a mobile kiosk hands over 1,000 applications (BUNDLE_TEST_N); a tampered
 *   and a truncated copy of the bundle are refused before anything is sent; kiosk B's import
 *   (`kiosk bundle import`, a separate process) is SIGKILLed mid-import, then run again
 *   (resumes) and once more (sends nothing); kiosk C imports the same bundle; the mobile
 *   kiosk syncs last, sends no payload byte and takes every receipt. The upstream holds each
 *   application exactly once with the mobile kiosk's digest; decisions made upstream come back
 *   to the mobile kiosk through its own sync.
 * - mobile_first: the mobile kiosk delivers half itself before the stick arrives: the import
 *   sends the other half only once each.
 * - stick_pulled_while_read: the bundle's source fails after 7 of 20 (SYNC_ESOURCE), the later
 *   import sends the other 13 only;
 * - cut_mid_upload: a large application cut mid-PATCH during B's import is finished by the
 *   mobile kiosk's own sync from the byte the upstream confirmed (the upload token is the
 *   station's, not the importing kiosk's), once. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kiosk/field/bundle.h"
#include "kiosk/model/timefmt.h"
#include "kiosk/store/store_clock.h"
#include "kiosk/store/store_handover.h"
#include "kiosk/store/store_internal.h"
#include "tests/rigs/upstream/upstream_fixture.h"
#include "tests/test.h"

static char tool[600];

struct kiosk {
    struct config cfg;
    struct seal_keys keys;
    struct store *st;
    char conf[300];
};

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Another kiosk of the fixture's station: its own data directory and client certificate. */
static int kiosk_make(struct upstream_fixture *f, const char *id, struct kiosk *k)
{
    char cmd[600];
    memset(k, 0, sizeof *k);
    k->cfg = f->cfg;
    snprintf(k->cfg.kiosk_id, sizeof k->cfg.kiosk_id, "%s", id);
    snprintf(k->cfg.data_dir, sizeof k->cfg.data_dir, "%s/data-%s", f->dir, id);
    snprintf(k->cfg.client_cert, sizeof k->cfg.client_cert, "%s/client-%s.pem", f->pki, id);
    snprintf(k->cfg.client_key, sizeof k->cfg.client_key, "%s/client-%s.key", f->pki, id);
    snprintf(cmd, sizeof cmd, "sh tests/rigs/upstream/mkcerts.sh --client '%s' '%s'", f->pki, id);
    if (system(cmd) != 0)
        return -1;
    snprintf(k->conf, sizeof k->conf, "%s/%s.conf", f->dir, id);
    struct upstream_fixture tmp = *f;
    tmp.cfg = k->cfg;
    return upstream_fixture_write_config(&tmp, k->conf);
}

/* Opens the kiosk's store (keys made on first use, as the command does). */
static int kiosk_open(struct kiosk *k)
{
    char keydir[CONFIG_PATH_SIZE + 8];
    mkdir(k->cfg.data_dir, 0700);
    snprintf(keydir, sizeof keydir, "%s/keys", k->cfg.data_dir);
    if (seal_keys_load(keydir, k->cfg.upstream_seal_key, &k->keys) != 0)
        return -1;
    return store_open(k->cfg.data_dir, &k->keys, &k->st);
}

static void kiosk_close(struct kiosk *k)
{
    if (k->st)
        store_close(k->st);
    k->st = NULL;
    seal_keys_wipe(&k->keys);
}

static int queue_n(struct store *st, int n, size_t image_bytes)
{
    for (int i = 0; i < n; i++) {
        int rc = upstream_fixture_queue(st, i, image_bytes);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* The ids and digests of every application waiting on st (n*APP_ID_SIZE ids, n*65 digests). */
static long waiting(struct store *st, char **ids, char **digests)
{
    long n = 0;
    if (store_outbox_pending_ids(st, ids, &n) != 0)
        return -1;
    *digests = calloc((size_t)n + 1, 65);
    for (long i = 0; i < n; i++) {
        struct outbox_item it;
        if (store_outbox_get(st, *ids + i * APP_ID_SIZE, &it) != 0)
            return -1;
        memcpy(*digests + i * 65, it.digest, 65);
        outbox_item_wipe(&it);
    }
    return n;
}

static int write_keyring(const struct kiosk *mobile, const char *path)
{
    char hex[2 * SEAL_SIGN_PK_BYTES + 1];
    seal_to_hex(mobile->keys.sign_pk, SEAL_SIGN_PK_BYTES, hex);
    FILE *fp = fopen(path, "w");
    if (!fp)
        return -1;
    fprintf(fp, "# the station's keyring\n%s %s %s\n", hex, mobile->cfg.station_code,
            mobile->cfg.kiosk_id);
    return fclose(fp);
}

/* Starts `kiosk bundle import DIR --keyring K` for conf in a child process. */
static pid_t import_start(const char *conf, const char *dir, const char *keyring)
{
    pid_t pid = fork();
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0)
            dup2(null, 1);
        execl(tool, tool, conf, "bundle", "import", dir, "--keyring", keyring,
              "--connect-timeout-ms", "5000", "--stall-seconds", "5", (char *)NULL);
        _exit(127);
    }
    return pid;
}

static int import_wait(pid_t pid)
{
    int status = 0;
    if (waitpid(pid, &status, 0) != pid)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static int copy_tree(const char *from, const char *to)
{
    char cmd[9000];
    snprintf(cmd, sizeof cmd, "cp -r '%s' '%s'", from, to);
    return system(cmd);
}

static int mobile_setup(struct upstream_fixture *f, struct kiosk *m)
{
    memset(m, 0, sizeof *m);
    m->cfg = f->cfg;
    snprintf(m->conf, sizeof m->conf, "%s/mobile.conf", f->dir);
    m->cfg.unit = UNIT_MOBILE;
    return kiosk_open(m);
}

TEST(exactly_once)
{
    const char *env = getenv("BUNDLE_TEST_N");
    long n = env && atol(env) > 0 ? atol(env) : 1000;
    struct upstream_fixture f;
    struct upstream_opts uo = {.latency_ms = 1}; /* so that the kill lands mid-import */
    CHECK(upstream_fixture_setup(&f, &uo) == 0);
    struct kiosk m, b, c;
    CHECK_INT(mobile_setup(&f, &m), 0);
    CHECK_INT(queue_n(m.st, (int)n, 1500), 0);
    char *ids = NULL, *digests = NULL;
    CHECK_INT(waiting(m.st, &ids, &digests), n);

    /* the hand-over: every waiting application, marked handed over, still waiting */
    char stick[300], keyring[300], err[600];
    snprintf(stick, sizeof stick, "%s/usb", f.dir);
    snprintf(keyring, sizeof keyring, "%s/station.keys", f.dir);
    static struct bundle_export_result ex;
    CHECK_INT(bundle_export(m.st, &m.cfg, stick, "cb01", time_now_ms(), &ex, err, sizeof err), 0);
    CHECK_INT(ex.count, n);
    CHECK(strstr(ex.dir, "/CAX-TEST-01/ban-giao_kiosk-001_") != NULL);
    long unconfirmed = -1, pending = -1;
    CHECK_INT(store_handover_unconfirmed(m.st, &unconfirmed), 0);
    CHECK_INT(unconfirmed, n);
    CHECK_INT(store_outbox_pending(m.st, &pending), 0);
    CHECK_INT(pending, n);
    CHECK_INT(write_keyring(&m, keyring), 0);

    CHECK_INT(kiosk_make(&f, "kiosk-002", &b), 0);
    CHECK_INT(kiosk_make(&f, "kiosk-003", &c), 0);
    CHECK_INT(kiosk_open(&c), 0);
    static struct report_keyring kr;
    memset(&kr, 0, sizeof kr);
    CHECK_INT(report_keyring_load(&kr, keyring, err, sizeof err), 0);
    struct sync_opts o;
    sync_opts_default(&o);
    o.connect_timeout_ms = 5000;
    o.stall_seconds = 5;
    struct bundle_import_result res;

    /* a copy edited on the way, and one cut short: refused, nothing sent */
    char bad[300], data[5000];
    snprintf(bad, sizeof bad, "%s/tampered", f.dir);
    CHECK_INT(copy_tree(ex.dir, bad), 0);
    snprintf(data, sizeof data, "%s/%s", bad, BUNDLE_DATA);
    FILE *fp = fopen(data, "r+b");
    CHECK(fp != NULL);
    fseek(fp, 1000, SEEK_SET);
    fputc('X', fp);
    fclose(fp);
    CHECK_INT(bundle_import(c.st, &c.cfg, &o, bad, &kr, &res, err, sizeof err), EXPORT_ETAMPERED);
    CHECK(strstr(err, BUNDLE_DATA) != NULL);
    CHECK_INT(truncate(data, 5000), 0);
    CHECK_INT(bundle_import(c.st, &c.cfg, &o, bad, &kr, &res, err, sizeof err), EXPORT_ETAMPERED);
    CHECK_INT(upstream_count(f.up), 0);
    /* a keyring without the mobile kiosk's key: refused */
    static struct report_keyring other;
    memset(&other, 0, sizeof other);
    CHECK_INT(report_keyring_add(&other, c.keys.sign_pk, "CAX-TEST-01", "kiosk-001"), 0);
    CHECK_INT(bundle_import(c.st, &c.cfg, &o, ex.dir, &other, &res, err, sizeof err),
              EXPORT_EBADSIG);
    CHECK_INT(upstream_count(f.up), 0);

    /* B's import killed mid-way (the stick pulled, the power cut) */
    pid_t pid = import_start(b.conf, ex.dir, keyring);
    CHECK(pid > 0);
    int64_t t0 = time_mono_ms();
    while (upstream_count(f.up) < n / 4 && time_mono_ms() - t0 < 120000)
        sleep_ms(2);
    kill(pid, SIGKILL);
    CHECK_INT(import_wait(pid), 128 + SIGKILL);
    long cut_at = upstream_count(f.up);
    CHECK(cut_at >= n / 4);
    CHECK(cut_at < n); /* the kill landed before the end */

    /* B again (as `kiosk sync --bundle`): resumes and finishes; then once more: nothing */
    pid = fork();
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0)
            dup2(null, 1);
        execl(tool, tool, b.conf, "sync", "--bundle", ex.dir, "--keyring", keyring,
              "--connect-timeout-ms", "5000", (char *)NULL);
        _exit(127);
    }
    CHECK_INT(import_wait(pid), 0);
    CHECK_INT(upstream_count(f.up), n);
    CHECK_INT(kiosk_open(&b), 0);
    long done = -1;
    CHECK_INT(store_handin_count(b.st, "kiosk-001", HANDIN_DONE, &done), 0);
    CHECK_INT(done, n);
    struct upstream_stats s0, s1;
    upstream_get_stats(f.up, &s0);
    CHECK_INT(bundle_import(b.st, &b.cfg, &o, ex.dir, &kr, &res, err, sizeof err), 0);
    CHECK_INT(res.rep.seen, n);
    CHECK_INT(res.rep.already, n);
    CHECK_INT(res.rep.delivered, 0);
    upstream_get_stats(f.up, &s1);
    CHECK_INT(s1.requests, s0.requests); /* no request at all */
    CHECK_STR(res.origin, "kiosk-001");

    /* C imports the same bundle: every one confirmed by the upstream's stored receipt */
    CHECK_INT(bundle_import(c.st, &c.cfg, &o, ex.dir, &kr, &res, err, sizeof err), 0);
    CHECK_INT(res.rep.delivered, n);
    upstream_get_stats(f.up, &s0);
    CHECK_INT(s0.received, n);
    /* carried from the stick in the binary format they were sealed in */
    CHECK_INT(s0.payload_v2, n);
    CHECK(s0.replays >= n);

    /* decisions upstream, then the mobile kiosk's own sync */
    CHECK_INT(upstream_decide(f.up, ids, "approved", NULL, NULL), 0);
    CHECK_INT(upstream_decide(f.up, ids + APP_ID_SIZE, "rejected", "PHOTO_QUALITY",
                              "Ảnh chân dung không đủ tiêu chuẩn"),
              0);
    struct sync_status ss;
    CHECK_INT(sync_once_opts(&m.cfg, &o, m.st, &ss), 0);
    CHECK_INT(ss.delivered, n);
    CHECK_INT(ss.pending, 0);
    upstream_get_stats(f.up, &s1);
    CHECK_INT(s1.bytes_in, s0.bytes_in); /* not one payload byte sent again */
    CHECK_INT(s1.received, n);
    CHECK_INT(store_handover_unconfirmed(m.st, &unconfirmed), 0);
    CHECK_INT(unconfirmed, 0);

    /* the upstream holds each exactly once, with the mobile kiosk's digest */
    long wrong = 0;
    for (long i = 0; i < n; i++) {
        char d[65];
        long deliveries = 0;
        if (upstream_lookup(f.up, ids + i * APP_ID_SIZE, d, &deliveries) != 1 || deliveries != 1 ||
            strcmp(d, digests + i * 65) != 0)
            wrong++;
    }
    CHECK_INT(wrong, 0);
    CHECK_INT(upstream_count(f.up), n);
    struct application app;
    CHECK_INT(store_load(m.st, ids, &app), 0);
    CHECK_INT(app.status, APP_APPROVED);
    app_wipe(&app);
    CHECK_INT(store_load(m.st, ids + APP_ID_SIZE, &app), 0);
    CHECK_INT(app.status, APP_REJECTED);
    app_wipe(&app);
    CHECK_INT(store_load(m.st, ids + 2 * APP_ID_SIZE, &app), 0);
    CHECK_INT(app.status, APP_SUBMITTED);
    app_wipe(&app);

    free(ids);
    free(digests);
    kiosk_close(&b);
    kiosk_close(&c);
    kiosk_close(&m);
    upstream_fixture_teardown(&f);
}

TEST(mobile_first)
{
    const long n = 40;
    struct upstream_fixture f;
    CHECK(upstream_fixture_setup(&f, NULL) == 0);
    struct kiosk m, b;
    CHECK_INT(mobile_setup(&f, &m), 0);
    CHECK_INT(queue_n(m.st, (int)n, 1500), 0);
    char stick[300], keyring[300], err[600];
    snprintf(stick, sizeof stick, "%s/usb", f.dir);
    snprintf(keyring, sizeof keyring, "%s/station.keys", f.dir);
    static struct bundle_export_result ex;
    CHECK_INT(bundle_export(m.st, &m.cfg, stick, NULL, time_now_ms(), &ex, err, sizeof err), 0);
    CHECK_INT(write_keyring(&m, keyring), 0);

    /* the mobile kiosk finds a network for a while: half goes by its own sync */
    struct sync_opts o;
    sync_opts_default(&o);
    o.max_items = (int)(n / 2);
    struct sync_status ss;
    CHECK_INT(sync_once_opts(&m.cfg, &o, m.st, &ss), 0);
    CHECK_INT(ss.delivered, n / 2);
    /* the upstream's answers carry its time: now trusted (kiosk/model/clockcheck.h) */
    struct store_clock sc;
    CHECK_INT(store_clock_get(m.st, &sc), 0);
    CHECK_STR(sc.source, "upstream");
    CHECK(sc.trusted_ms > time_now_ms() - 5000 && sc.trusted_ms < time_now_ms() + 5000);
    CHECK_INT(upstream_count(f.up), n / 2);
    long unconfirmed = -1;
    CHECK_INT(store_handover_unconfirmed(m.st, &unconfirmed), 0);
    CHECK_INT(unconfirmed, n / 2);

    CHECK_INT(kiosk_make(&f, "kiosk-002", &b), 0);
    CHECK_INT(kiosk_open(&b), 0);
    static struct report_keyring kr;
    memset(&kr, 0, sizeof kr);
    CHECK_INT(report_keyring_load(&kr, keyring, err, sizeof err), 0);
    sync_opts_default(&o);
    struct bundle_import_result res;
    CHECK_INT(bundle_import(b.st, &b.cfg, &o, ex.dir, &kr, &res, err, sizeof err), 0);
    CHECK_INT(res.rep.delivered, n);
    struct upstream_stats s;
    upstream_get_stats(f.up, &s);
    CHECK_INT(s.received, n);
    CHECK_INT(upstream_count(f.up), n);
    sync_opts_default(&o);
    CHECK_INT(sync_once_opts(&m.cfg, &o, m.st, &ss), 0);
    CHECK_INT(ss.pending, 0);
    upstream_get_stats(f.up, &s);
    CHECK_INT(s.received, n);
    kiosk_close(&b);
    kiosk_close(&m);
    upstream_fixture_teardown(&f);
}

static long count_sql(struct store *st, const char *sql)
{
    sqlite3_stmt *s;
    long n = -1;
    if (store_prepare(st, sql, &s) != 0)
        return -1;
    if (sqlite3_step(s) == SQLITE_ROW)
        n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return n;
}

/* Flips one hex digit of the first answer in a copy of the status directory. */
static int tamper_status(const char *from, const char *to)
{
    char path[5000];
    if (copy_tree(from, to) != 0)
        return -1;
    snprintf(path, sizeof path, "%s/%s", to, BUNDLE_STATUS_FILE);
    FILE *fp = fopen(path, "r+b");
    if (!fp)
        return -1;
    char buf[4096];
    size_t len = fread(buf, 1, sizeof buf - 1, fp);
    buf[len] = '\0';
    char *at = strstr(buf, " submitted ");
    if (!at) {
        fclose(fp);
        return -1;
    }
    at += strlen(" submitted ") + 3;
    fseek(fp, at - buf, SEEK_SET);
    fputc(*at == '0' ? '1' : '0', fp);
    return fclose(fp);
}

/* The station kiosk writes the upstream's answers back on the stick; the mobile kiosk
 * verifies them (tampered, unknown signer, another kiosk's: refused with the words) and
 * applies each exactly once (one already confirmed by its own sync left alone, the same file
 * again a no-op); the applications it confirms go under retention like synced ones. */
TEST(status_bundle_back_on_the_stick)
{
    const long n = 6;
    struct upstream_fixture f;
    CHECK(upstream_fixture_setup(&f, NULL) == 0);
    struct kiosk m, b;
    CHECK_INT(mobile_setup(&f, &m), 0);
    CHECK_INT(queue_n(m.st, (int)n, 1500), 0);
    char *ids = NULL, *digests = NULL;
    CHECK_INT(waiting(m.st, &ids, &digests), n);
    char stick[300], keyring[300], err[800], bad[300];
    snprintf(stick, sizeof stick, "%s/usb", f.dir);
    snprintf(keyring, sizeof keyring, "%s/station.keys", f.dir);
    static struct bundle_export_result ex;
    CHECK_INT(bundle_export(m.st, &m.cfg, stick, "cb01", time_now_ms(), &ex, err, sizeof err), 0);
    CHECK_INT(write_keyring(&m, keyring), 0);
    /* one more queued after the hand-over: it stays waiting here */
    struct application late;
    CHECK_INT(upstream_fixture_app(&late, 99, 1500, time_now_ms()), 0);
    CHECK_INT(store_queue(m.st, &late, time_now_ms()), 0);
    app_wipe(&late);

    /* the mobile kiosk's own sync confirms the first one before the stick comes back */
    struct sync_opts o;
    sync_opts_default(&o);
    o.max_items = 1;
    struct sync_status ss;
    CHECK_INT(sync_once_opts(&m.cfg, &o, m.st, &ss), 0);
    CHECK_INT(ss.delivered, 1);
    long unconfirmed = -1;
    CHECK_INT(store_handover_unconfirmed(m.st, &unconfirmed), 0);
    CHECK_INT(unconfirmed, n - 1);

    /* the station imports and writes the answers beside the bundle */
    CHECK_INT(kiosk_make(&f, "kiosk-002", &b), 0);
    CHECK_INT(kiosk_open(&b), 0);
    static struct report_keyring kr, mobile_only;
    memset(&kr, 0, sizeof kr);
    CHECK_INT(report_keyring_load(&kr, keyring, err, sizeof err), 0);
    mobile_only = kr;
    sync_opts_default(&o);
    struct bundle_import_result res;
    CHECK_INT(bundle_import(b.st, &b.cfg, &o, ex.dir, &kr, &res, err, sizeof err), 0);
    CHECK_INT(res.status_rc, 0);
    CHECK(strstr(res.status_dir, "/CAX-TEST-01/trang-thai_ban-giao_kiosk-001_") != NULL);
    CHECK_INT(report_keyring_add(&kr, b.keys.sign_pk, "CAX-TEST-01", "kiosk-002"), 0);
    struct bundle_status_result sr;

    /* tampered on the way back: refused, nothing applied */
    snprintf(bad, sizeof bad, "%s/tampered-status", f.dir);
    CHECK_INT(tamper_status(res.status_dir, bad), 0);
    CHECK_INT(bundle_status_apply(m.st, &m.cfg, bad, &kr, time_now_ms(), &sr, err, sizeof err),
              EXPORT_ETAMPERED);
    CHECK(strstr(err, "bị sửa") != NULL);
    /* signed by a kiosk the keyring does not know: refused */
    CHECK_INT(bundle_status_apply(m.st, &m.cfg, res.status_dir, &mobile_only, time_now_ms(), &sr,
                                  err, sizeof err),
              EXPORT_EBADSIG);
    CHECK(strstr(err, "chữ ký") != NULL);
    /* another mobile kiosk of the station: not its bundle */
    struct config foreign = m.cfg;
    snprintf(foreign.kiosk_id, sizeof foreign.kiosk_id, "kiosk-009");
    CHECK_INT(bundle_status_apply(m.st, &foreign, res.status_dir, &kr, time_now_ms(), &sr, err,
                                  sizeof err),
              EXPORT_EINVAL);
    CHECK(strstr(err, "máy kiosk-001") != NULL && strstr(err, "kiosk-009") != NULL);
    CHECK_INT(store_handover_unconfirmed(m.st, &unconfirmed), 0);
    CHECK_INT(unconfirmed, n - 1);
    CHECK_INT(count_sql(m.st, "SELECT count(*) FROM audit WHERE action = 'bundle.statuses'"), 0);

    /* applied: each answer once, the one its own sync confirmed left alone */
    CHECK_INT(
        bundle_status_apply(m.st, &m.cfg, res.status_dir, &kr, time_now_ms(), &sr, err, sizeof err),
        0);
    CHECK_INT(sr.items, n);
    CHECK_INT(sr.applied, n - 1);
    CHECK_INT(sr.already, 1);
    CHECK_INT(sr.unknown, 0);
    CHECK_STR(sr.by, "kiosk-002");
    CHECK_INT(store_handover_unconfirmed(m.st, &unconfirmed), 0);
    CHECK_INT(unconfirmed, 0);
    long pending = -1;
    CHECK_INT(store_outbox_pending(m.st, &pending), 0);
    CHECK_INT(pending, 1); /* the one queued after the hand-over */
    for (long i = 0; i < n; i++) {
        struct application app;
        CHECK_INT(store_load(m.st, ids + i * APP_ID_SIZE, &app), 0);
        CHECK_INT(app.status, APP_SUBMITTED);
        app_wipe(&app);
    }
    CHECK_INT(count_sql(m.st, "SELECT count(*) FROM audit WHERE action = 'bundle.statuses'"), 1);
    CHECK_INT(count_sql(m.st, "SELECT count(*) FROM audit WHERE action = 'app.submitted'"), n);

    /* the same file again: nothing changes */
    CHECK_INT(
        bundle_status_apply(m.st, &m.cfg, res.status_dir, &kr, time_now_ms(), &sr, err, sizeof err),
        0);
    CHECK_INT(sr.replayed, 1);
    CHECK_INT(sr.applied, 0);
    /* found from the stick's root too (the one for this kiosk, not the tampered copy) */
    static char found[4][4200];
    CHECK_INT(bundle_status_find(stick, &m.cfg, found, 4), 1);
    CHECK_STR(found[0], res.status_dir);
    CHECK_INT(bundle_status_find(stick, &foreign, found, 4), 0);
    CHECK_INT(count_sql(m.st, "SELECT count(*) FROM audit WHERE action = 'bundle.statuses'"), 1);
    CHECK_INT(count_sql(m.st, "SELECT count(*) FROM audit WHERE action = 'app.submitted'"), n);

    /* under retention like synced ones: the biometrics of the n go, the waiting one's stay */
    long purged = -1;
    CHECK_INT(count_sql(m.st, "SELECT count(*) FROM biometrics"), n + 1);
    CHECK_INT(store_purge(m.st, time_now_ms() + 400LL * 86400000, 30, &purged), 0);
    CHECK_INT(count_sql(m.st, "SELECT count(*) FROM biometrics"), 1);

    /* a later sync of the mobile kiosk sends none of them again */
    struct upstream_stats s0, s1;
    upstream_get_stats(f.up, &s0);
    sync_opts_default(&o);
    CHECK_INT(sync_once_opts(&m.cfg, &o, m.st, &ss), 0);
    upstream_get_stats(f.up, &s1);
    CHECK_INT(s1.received, s0.received + 1); /* only the late one */
    CHECK_INT(upstream_count(f.up), n + 1);

    free(ids);
    free(digests);
    kiosk_close(&b);
    kiosk_close(&m);
    upstream_fixture_teardown(&f);
}

TEST(cut_mid_upload)
{
    struct upstream_fixture f;
    CHECK(upstream_fixture_setup(&f, NULL) == 0);
    struct kiosk m, b;
    CHECK_INT(mobile_setup(&f, &m), 0);
    CHECK_INT(queue_n(m.st, 1, 3 * 1024 * 1024), 0);
    char stick[300], keyring[300], err[600];
    snprintf(stick, sizeof stick, "%s/usb", f.dir);
    snprintf(keyring, sizeof keyring, "%s/station.keys", f.dir);
    static struct bundle_export_result ex;
    CHECK_INT(bundle_export(m.st, &m.cfg, stick, NULL, time_now_ms(), &ex, err, sizeof err), 0);
    CHECK_INT(write_keyring(&m, keyring), 0);
    CHECK_INT(kiosk_make(&f, "kiosk-002", &b), 0);
    CHECK_INT(kiosk_open(&b), 0);
    static struct report_keyring kr;
    memset(&kr, 0, sizeof kr);
    CHECK_INT(report_keyring_load(&kr, keyring, err, sizeof err), 0);

    /* POST, one chunk, then the link is cut in the second chunk (twice: libcurl itself
     * sends once more on a reused connection that dies before any answer) */
    struct sync_opts o;
    sync_opts_default(&o);
    o.chunk_bytes = 1024 * 1024;
    o.stall_seconds = 5;
    upstream_fault_push(f.up, UPSTREAM_FAULT_NONE, 0);
    upstream_fault_push(f.up, UPSTREAM_FAULT_NONE, 0);
    upstream_fault_push(f.up, UPSTREAM_FAULT_CUT_REQUEST, 0);
    upstream_fault_push(f.up, UPSTREAM_FAULT_CUT_REQUEST, 0);
    struct bundle_import_result res;
    CHECK_INT(bundle_import(b.st, &b.cfg, &o, ex.dir, &kr, &res, err, sizeof err), EXPORT_EIO);
    CHECK_INT(upstream_count(f.up), 0);
    struct store_handin rec;
    char *ids = NULL;
    long n = 0;
    CHECK_INT(store_outbox_pending_ids(m.st, &ids, &n), 0);
    CHECK_INT(n, 1);
    CHECK_INT(store_handin_get(b.st, ids, &rec), 0);
    CHECK_INT(rec.state, HANDIN_PENDING);
    CHECK(rec.upload_offset >= 1024 * 1024);

    /* the mobile kiosk's own sync carries on from where the upstream stands */
    struct upstream_stats s0, s1;
    upstream_get_stats(f.up, &s0);
    struct sync_status ss;
    CHECK_INT(sync_once_opts(&m.cfg, &o, m.st, &ss), 0);
    CHECK_INT(ss.delivered, 1);
    upstream_get_stats(f.up, &s1);
    CHECK_INT(s1.received, 1);
    CHECK(s1.bytes_in - s0.bytes_in < 3 * 1024 * 1024); /* not from zero */
    char d[65];
    long deliveries = 0;
    CHECK_INT(upstream_lookup(f.up, ids, d, &deliveries), 1);
    CHECK_INT(deliveries, 1);

    /* and B's next import takes the receipt */
    CHECK_INT(bundle_import(b.st, &b.cfg, &o, ex.dir, &kr, &res, err, sizeof err), 0);
    CHECK_INT(res.rep.delivered, 1);
    CHECK_INT(store_handin_get(b.st, ids, &rec), 0);
    CHECK_INT(rec.state, HANDIN_DONE);
    free(ids);
    kiosk_close(&b);
    kiosk_close(&m);
    upstream_fixture_teardown(&f);
}

/* The stick pulled while the sync reads it: the source fails after 7 of 20 applications. The
 * delivery stops there (SYNC_ESOURCE) with those 7 recorded; the import of the whole bundle
 * later sends only the other 13. */
struct pulled {
    struct store *st;
    const struct config *cfg;
    char *ids;
    long n, next, fail_at;
    char *doc;
    struct outbox_item it;
};

static int pulled_next(void *arg, struct sync_handed *h)
{
    struct pulled *p = arg;
    if (p->next == p->n)
        return 0;
    if (p->next == p->fail_at)
        return -1; /* EIO: the stick is gone */
    outbox_item_wipe(&p->it);
    free(p->doc);
    p->doc = NULL;
    if (store_outbox_get(p->st, p->ids + p->next * APP_ID_SIZE, &p->it) != 0)
        return -1;
    p->doc = sync_proto_application(p->it.id, p->cfg->station_code, p->cfg->kiosk_id,
                                    p->it.envelope_json, p->it.digest, p->it.payload_len);
    if (!p->doc)
        return -1;
    snprintf(h->id, sizeof h->id, "%s", p->it.id);
    snprintf(h->digest, sizeof h->digest, "%s", p->it.digest);
    h->doc = p->doc;
    h->doc_len = strlen(p->doc);
    h->payload = p->it.payload;
    h->payload_len = p->it.payload_len;
    p->next++;
    return 1;
}

TEST(stick_pulled_while_read)
{
    struct upstream_fixture f;
    CHECK(upstream_fixture_setup(&f, NULL) == 0);
    struct kiosk m, b;
    CHECK_INT(mobile_setup(&f, &m), 0);
    CHECK_INT(queue_n(m.st, 20, 1500), 0);
    char stick[300], keyring[300], err[600];
    snprintf(stick, sizeof stick, "%s/usb", f.dir);
    snprintf(keyring, sizeof keyring, "%s/station.keys", f.dir);
    static struct bundle_export_result ex;
    CHECK_INT(bundle_export(m.st, &m.cfg, stick, NULL, time_now_ms(), &ex, err, sizeof err), 0);
    CHECK_INT(write_keyring(&m, keyring), 0);
    CHECK_INT(kiosk_make(&f, "kiosk-002", &b), 0);
    CHECK_INT(kiosk_open(&b), 0);

    struct pulled p = {.st = m.st, .cfg = &m.cfg, .fail_at = 7};
    CHECK_INT(store_outbox_pending_ids(m.st, &p.ids, &p.n), 0);
    CHECK_INT(p.n, 20);
    struct sync_opts o;
    sync_opts_default(&o);
    struct sync_handed_report rep;
    CHECK_INT(sync_deliver_handed(&b.cfg, &o, b.st, "kiosk-001", ex.name, pulled_next, &p, &rep,
                                  err, sizeof err),
              SYNC_ESOURCE);
    CHECK_INT(rep.delivered, 7);
    CHECK_INT(upstream_count(f.up), 7);
    long done = -1;
    CHECK_INT(store_handin_count(b.st, "kiosk-001", HANDIN_DONE, &done), 0);
    CHECK_INT(done, 7);
    outbox_item_wipe(&p.it);
    free(p.doc);
    free(p.ids);

    static struct report_keyring kr;
    memset(&kr, 0, sizeof kr);
    CHECK_INT(report_keyring_load(&kr, keyring, err, sizeof err), 0);
    struct bundle_import_result res;
    CHECK_INT(bundle_import(b.st, &b.cfg, &o, ex.dir, &kr, &res, err, sizeof err), 0);
    CHECK_INT(res.rep.already, 7);
    CHECK_INT(res.rep.delivered, 13);
    struct upstream_stats s;
    upstream_get_stats(f.up, &s);
    CHECK_INT(s.received, 20);
    CHECK_INT(s.replays, 0); /* not one application sent twice */
    kiosk_close(&b);
    kiosk_close(&m);
    upstream_fixture_teardown(&f);
}

int main(int argc, char **argv)
{
    char dir[512];
    (void)argc;
    upstream_fixture_sibling(argv[0], "", dir, sizeof dir);
    snprintf(tool, sizeof tool, "%s../sync/sync_tool", dir);
    RUN(exactly_once);
    RUN(mobile_first);
    RUN(status_bundle_back_on_the_stick);
    RUN(cut_mid_upload);
    RUN(stick_pulled_while_read);
    return test_done();
}
