/* upstream.c: the reference upstream (see upstream.h and sync/PROTOCOL.md).
 *
 * One libmicrohttpd daemon, a thread per connection, TLS by GnuTLS asking for a client
 * certificate that the handler itself verifies (libmicrohttpd only requests it).
 *
 * Per request the handler keeps a struct req in *con_cls: the route, the fault drawn for it,
 * the body so far (POST) or the position reached (PATCH). PATCH bytes are written to the
 * chunks table as they arrive, each insert conditional on the stored offset still being the
 * request's position: a stale connection (a kiosk killed mid-upload whose socket the server
 * has not yet seen close) can never interleave its bytes with the new one's, and what arrived
 * before a cut stays confirmed. When the offset reaches the announced length the upload is
 * assembled, its SHA-256 compared with the announced digest and the sealed box opened with
 * the server's secret key; only then is the application "received", once, with a receipt
 * that every later POST or PATCH for it returns unchanged.
 *
 * Invariants: an application id is received at most once (PRIMARY KEY plus the state check
 * under the mutex); every SQLite access holds u->mu. */
#include "tests/rigs/upstream/upstream_int.h"

#include <stdatomic.h>
#include <arpa/inet.h>
#include <errno.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <jansson.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* --- the handler ----------------------------------------------------------------------- */

/* The kiosk's audit head (PROTOCOL.md §1): it may only move forward. A head below the last
 * one seen, or the same row with another hash, is refused and recorded as an incident. A
 * request without the header is let through (kiosks of an older version). 0 to go on. */
static int audit_head_check(struct upstream *u, const char *kiosk, const char *head)
{
    long long seq = -1, last = -1;
    char hash[65] = "", last_hash[65] = "";
    int refuse = 0;
    if (!head)
        return 0;
    if (sscanf(head, "%lld:%64[0-9a-f]", &seq, hash) != 2 || seq < 0 || strlen(hash) != 64)
        return 0; /* unreadable: ignored rather than trusted */
    pthread_mutex_lock(&u->mu);
    sqlite3_stmt *s = up_db_prep(u, "SELECT seq, hash FROM audit_heads WHERE kiosk = ?");
    if (s) {
        sqlite3_bind_text(s, 1, kiosk, -1, SQLITE_STATIC);
        if (sqlite3_step(s) == SQLITE_ROW) {
            last = sqlite3_column_int64(s, 0);
            snprintf(last_hash, sizeof last_hash, "%s", (const char *)sqlite3_column_text(s, 1));
        }
        sqlite3_finalize(s);
    }
    refuse = seq < last || (seq == last && strcmp(hash, last_hash) != 0);
    if (refuse) {
        char what[160];
        snprintf(what, sizeof what, "audit head went backwards: %lld after %lld%s", seq, last,
                 seq == last ? " (another hash)" : "");
        fprintf(stderr, "upstream: kiosk %s: %s\n", kiosk, what);
        u->stats.audit_rollbacks++;
        s = up_db_prep(u, "INSERT INTO incidents (kiosk, at, what) VALUES (?, ?, ?)");
        if (s) {
            sqlite3_bind_text(s, 1, kiosk, -1, SQLITE_STATIC);
            sqlite3_bind_int64(s, 2, (sqlite3_int64)time(NULL) * 1000);
            sqlite3_bind_text(s, 3, what, -1, SQLITE_TRANSIENT);
            sqlite3_step(s);
            sqlite3_finalize(s);
        }
    } else if (seq > last) {
        s = up_db_prep(u, "INSERT OR REPLACE INTO audit_heads (kiosk, seq, hash, at) VALUES (?, ?, "
                          "?, ?)");
        if (s) {
            sqlite3_bind_text(s, 1, kiosk, -1, SQLITE_STATIC);
            sqlite3_bind_int64(s, 2, seq);
            sqlite3_bind_text(s, 3, hash, -1, SQLITE_STATIC);
            sqlite3_bind_int64(s, 4, (sqlite3_int64)time(NULL) * 1000);
            sqlite3_step(s);
            sqlite3_finalize(s);
        }
    }
    pthread_mutex_unlock(&u->mu);
    return refuse;
}

/* A request's start on the shaped link: the first one on a connection waits out the
 * connection's handshakes (the client could not have sent it sooner), and its body starts
 * the connection's slow start. */
static void link_conn_first_request(struct upstream *u, struct MHD_Connection *conn, struct req *r)
{
    if (u->conn_setup_rtts <= 0 && u->slow_start_iw <= 0)
        return;
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    r->lc = ci ? ci->socket_context : NULL;
    if (!r->lc || r->lc->set_up)
        return;
    up_nap(u, u->conn_setup_rtts * u->latency_ms);
    r->lc->set_up = 1;
    r->lc->ss_start_us = up_now_us();
}

static enum MHD_Result handler(void *cls, struct MHD_Connection *conn, const char *url,
                               const char *method, const char *version, const char *data,
                               size_t *data_size, void **con_cls)
{
    (void)version;
    struct upstream *u = cls;
    struct req *r = *con_cls;
    if (!r) {
        r = calloc(1, sizeof *r);
        if (!r)
            return MHD_NO;
        *con_cls = r;
        pthread_mutex_lock(&u->mu);
        u->stats.requests++;
        if (++u->in_flight > u->stats.max_in_flight)
            u->stats.max_in_flight = u->in_flight;
        r->fault = up_draw_fault(u, 0, &r->after);
        u->stats.faults[r->fault]++;
        if (up_admit(u, r) != 0) { /* over the ceiling: 503 before it takes effect */
            r->fault = UPSTREAM_FAULT_503;
            r->after = 0;
        }
        if (u->loss_reset_p > 0 || u->loss_stall_p > 0) {
            double x = (double)(up_rng_next(u) >> 11) / 9007199254740992.0;
            r->loss = x < u->loss_reset_p                     ? LOSS_RESET
                      : x < u->loss_reset_p + u->loss_stall_p ? LOSS_STALL
                                                              : LOSS_NONE;
            u->stats.resets += r->loss == LOSS_RESET;
            u->stats.stalls += r->loss == LOSS_STALL;
        }
        pthread_mutex_unlock(&u->mu);
        link_conn_first_request(u, conn, r);
        const char *kid = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Kiosk-Id");
        const char *sta = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Kiosk-Station");
        char cn[64] = "";
        int who =
            u->behind_proxy ? up_proxy_cn(u, conn, cn, sizeof cn) : up_peer_cn(conn, cn, sizeof cn);
        if (who != 0 || !kid || strcmp(kid, cn) != 0 || !sta || strlen(sta) >= sizeof r->station) {
            r->route = R_FORBIDDEN;
            pthread_mutex_lock(&u->mu);
            u->stats.forbidden++;
            pthread_mutex_unlock(&u->mu);
        } else if (audit_head_check(
                       u, cn, MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Audit-Head")) !=
                   0) {
            r->route = R_AUDIT_ROLLBACK;
        } else {
            snprintf(r->kiosk, sizeof r->kiosk, "%s", cn);
            snprintf(r->station, sizeof r->station, "%s", sta);
            const char *el = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Envelope-Length");
            if (strcmp(method, "POST") == 0 && strcmp(url, "/v1/applications") == 0) {
                r->route = R_POST_APP;
                r->server_offset = -1;
                if (el) {
                    long long v = strtoll(el, NULL, 10);
                    r->env_len = v > 0 && v <= UP_MAX_ENVELOPE ? (size_t)v : 0;
                    r->too_big = r->env_len == 0;
                }
            } else if (strcmp(method, "PATCH") == 0 && strncmp(url, "/v1/uploads/", 12) == 0 &&
                       strlen(url + 12) < sizeof r->token) {
                r->route = R_PATCH;
                snprintf(r->token, sizeof r->token, "%s", url + 12);
                up_patch_begin(u, conn, r);
            } else if (strcmp(method, "GET") == 0 && strcmp(url, "/v1/status") == 0) {
                r->route = R_STATUS;
            } else if (strcmp(method, "POST") == 0 && strcmp(url, "/v1/corrections") == 0) {
                r->route = R_POST_CORRECTION;
            } else {
                r->route = R_NOTFOUND;
            }
        }
        /* faults that strike before the request takes effect */
        if (!r->after && r->route != R_FORBIDDEN &&
            (r->fault == UPSTREAM_FAULT_500 || r->fault == UPSTREAM_FAULT_503 ||
             r->fault == UPSTREAM_FAULT_STALL || r->fault == UPSTREAM_FAULT_GARBAGE)) {
            r->route = R_NONE;
            return up_answer(u, conn, r, 200, strdup("{}"));
        }
        return MHD_YES;
    }
    if (*data_size > 0) {
        size_t n = *data_size;
        *data_size = 0;
        if (r->route == R_NONE)
            return MHD_YES;
        if (r->fault == UPSTREAM_FAULT_CUT_REQUEST || r->loss == LOSS_RESET) {
            /* let the first part through (it counts), then drop the line */
            size_t keep = n / 2;
            if (r->route == R_PATCH)
                up_patch_data(u, r, data, keep);
            else if (r->route == R_POST_APP)
                up_post_data(u, conn, r, data, keep);
            return MHD_NO;
        }
        if (r->route == R_PATCH)
            up_patch_data(u, r, data, n);
        else if ((r->route == R_POST_APP || r->route == R_POST_CORRECTION) &&
                 up_post_data(u, conn, r, data, n) != 0)
            return MHD_NO;
        return MHD_YES;
    }
    if (r->fault == UPSTREAM_FAULT_CUT_REQUEST) /* a body-less request: cut its up_answer */
        r->fault = UPSTREAM_FAULT_CUT_RESPONSE;
    if (r->loss == LOSS_RESET) /* a body-less request: the line drops before the up_answer */
        return MHD_NO;
    switch (r->route) {
    case R_POST_APP:
        return up_post_app(u, conn, r);
    case R_PATCH:
        return up_patch_end(u, conn, r);
    case R_STATUS:
        return up_get_status(u, conn, r);
    case R_POST_CORRECTION:
        return up_post_correction(u, conn, r);
    case R_FORBIDDEN:
        r->fault = UPSTREAM_FAULT_NONE;
        return up_answer(u, conn, r, 403,
                         up_err_json("forbidden", "client certificate missing, untrusted, or not"
                                                  " this kiosk's"));
    case R_NOTFOUND:
        return up_answer(u, conn, r, 404, up_err_json("not_found", "no such resource"));
    case R_AUDIT_ROLLBACK:
        r->fault = UPSTREAM_FAULT_NONE;
        return up_answer(u, conn, r, 409,
                         up_err_json("audit_rollback", "this kiosk's audit trail went backwards: "
                                                       "reported"));
    default:
        return MHD_YES;
    }
}

static void completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                      enum MHD_RequestTerminationCode toe)
{
    (void)conn;
    (void)toe;
    struct upstream *u = cls;
    struct req *r = *con_cls;
    if (r) {
        pthread_mutex_lock(&u->mu);
        u->in_flight--;
        pthread_mutex_unlock(&u->mu);
        up_patch_flush(u, r); /* what arrived before a cut stays confirmed */
        free(r->buf);
        free(r->body);
        free(r->post_out);
        free(r);
        *con_cls = NULL;
    }
}

/* Answers go out as soon as they are written: without TCP_NODELAY a response split in two
 * segments waits for the client's delayed ACK (40 ms on Linux). */
static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
    struct upstream *u = cls;
    if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
        free(*socket_context);
        *socket_context = NULL;
        return;
    }
    if (code != MHD_CONNECTION_NOTIFY_STARTED)
        return;
    if (u->conn_setup_rtts > 0 || u->slow_start_iw > 0)
        *socket_context = calloc(1, sizeof(struct link_conn));
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
    int one = 1;
    if (ci)
        setsockopt(ci->connect_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

static enum MHD_Result accept_policy(void *cls, const struct sockaddr *addr, socklen_t len)
{
    (void)addr;
    (void)len;
    struct upstream *u = cls;
    int after;
    pthread_mutex_lock(&u->mu);
    enum upstream_fault f = up_draw_fault(u, 1, &after);
    if (f == UPSTREAM_FAULT_REFUSE)
        u->stats.faults[f]++;
    pthread_mutex_unlock(&u->mu);
    return f == UPSTREAM_FAULT_REFUSE ? MHD_NO : MHD_YES;
}

/* The server's tables. */
static const char schema[] =
    "PRAGMA journal_mode=WAL;"
    "PRAGMA synchronous=OFF;"
    "CREATE TABLE IF NOT EXISTS applications("
    " id TEXT PRIMARY KEY, station TEXT NOT NULL, kiosk TEXT NOT NULL,"
    " digest TEXT NOT NULL, length INTEGER NOT NULL, envelope TEXT NOT NULL,"
    " token TEXT NOT NULL UNIQUE, offset INTEGER NOT NULL DEFAULT 0,"
    " payload BLOB, receipt TEXT, received_at INTEGER, deliveries INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE IF NOT EXISTS chunks(token TEXT NOT NULL, off INTEGER NOT NULL,"
    " data BLOB NOT NULL, PRIMARY KEY(token, off));"
    "CREATE TABLE IF NOT EXISTS status(seq INTEGER PRIMARY KEY AUTOINCREMENT,"
    " id TEXT NOT NULL, station TEXT NOT NULL, status TEXT NOT NULL,"
    " reason_code TEXT, reason TEXT, at INTEGER NOT NULL);"
    "CREATE TABLE IF NOT EXISTS audit_heads(kiosk TEXT PRIMARY KEY, seq INTEGER NOT NULL,"
    " hash TEXT NOT NULL, at INTEGER NOT NULL);"
    "CREATE TABLE IF NOT EXISTS incidents(n INTEGER PRIMARY KEY AUTOINCREMENT,"
    " kiosk TEXT NOT NULL, at INTEGER NOT NULL, what TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS corrections(id TEXT PRIMARY KEY, app_id TEXT NOT NULL,"
    " station TEXT NOT NULL, digest TEXT NOT NULL, phone TEXT NOT NULL, approver TEXT NOT NULL,"
    " receipt TEXT NOT NULL);"
    /* the application document exactly as the POST carried it (the tests check that no chip
     * evidence travels outside the sealed payload) */
    "CREATE TABLE IF NOT EXISTS documents(id TEXT PRIMARY KEY, body BLOB NOT NULL);";

/* --- life cycle ------------------------------------------------------------------------ */

static char *read_text(const char *dir, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len + 4096 + 1 > cap) {
            cap = (len + 4096 + 1) * 2;
            char *b = realloc(buf, cap);
            if (!b) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = b;
        }
        size_t n = fread(buf + len, 1, 4096, f);
        len += n;
        if (n < 4096)
            break;
    }
    fclose(f);
    buf[len] = '\0';
    return buf;
}

int upstream_start(const struct upstream_opts *o, struct upstream **out, char *err, size_t errlen)
{
    *out = NULL;
    if (sodium_init() < 0) {
        snprintf(err, errlen, "libsodium init failed");
        return -1;
    }
    struct upstream *u = calloc(1, sizeof *u);
    if (!u) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    pthread_mutex_init(&u->mu, NULL);
    u->rate = o->rate_bytes_per_s;
    u->latency_ms = o->latency_ms;
    u->conn_setup_rtts = o->conn_setup_rtts;
    u->slow_start_iw = o->slow_start_iw;
    u->stall_ms = o->stall_ms > 0 ? o->stall_ms : 30000;
    u->slow_ms = o->slow_ms > 0 ? o->slow_ms : 1500;
    u->loss_reset_p = o->loss_reset_p;
    u->loss_stall_p = o->loss_stall_p;
    u->loss_stall_ms = o->loss_stall_ms > 0 ? o->loss_stall_ms : 1000;
    u->retry_after_s = o->retry_after_s > 0 ? o->retry_after_s : 1;
    up_admit_init(u, o);
    u->rng = 0x9e3779b97f4a7c15ULL;
    if (o->seal_sk) {
        memcpy(u->sk, o->seal_sk, sizeof u->sk);
        crypto_scalarmult_base(u->pk, u->sk);
    } else {
        crypto_box_keypair(u->pk, u->sk);
    }
    char name[128];
    const char *cert = o->cert_name ? o->cert_name : "server";
    snprintf(name, sizeof name, "%s.pem", cert);
    u->cert_pem = read_text(o->pki_dir, name);
    snprintf(name, sizeof name, "%s.key", cert);
    u->key_pem = read_text(o->pki_dir, name);
    u->ca_pem = read_text(o->pki_dir, "ca.pem");
    if (!u->cert_pem || !u->key_pem || !u->ca_pem) {
        snprintf(err, errlen, "cannot read the certificates in %s", o->pki_dir);
        goto fail;
    }
    if (o->csca && upev_trust_load(o->csca, &u->trust, err, errlen) != 0)
        goto fail;
    if (sqlite3_open(o->db_path, &u->db) != SQLITE_OK || up_db_exec(u, schema) != 0) {
        snprintf(err, errlen, "cannot open %s: %s", o->db_path,
                 u->db ? sqlite3_errmsg(u->db) : "?");
        goto fail;
    }
    sqlite3_busy_timeout(u->db, 5000);
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)o->port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    u->behind_proxy = o->behind_proxy;
    /* poll(), not select(): a process with a fleet of kiosks in it has descriptors past
     * FD_SETSIZE, which select() cannot watch */
    if (o->behind_proxy)
        u->daemon = MHD_start_daemon(
            MHD_USE_THREAD_PER_CONNECTION | MHD_USE_POLL_INTERNAL_THREAD, 0, accept_policy, u,
            handler, u, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa, MHD_OPTION_NOTIFY_COMPLETED,
            completed, u, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60, MHD_OPTION_NOTIFY_CONNECTION,
            on_connection, u, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(256 * 1024),
            MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned)1, MHD_OPTION_END);
    else
        u->daemon = MHD_start_daemon(
            MHD_USE_THREAD_PER_CONNECTION | MHD_USE_POLL_INTERNAL_THREAD | MHD_USE_TLS, 0,
            accept_policy, u, handler, u, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
            MHD_OPTION_HTTPS_MEM_CERT, u->cert_pem, MHD_OPTION_HTTPS_MEM_KEY, u->key_pem,
            MHD_OPTION_HTTPS_MEM_TRUST, u->ca_pem, MHD_OPTION_NOTIFY_COMPLETED, completed, u,
            MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60, MHD_OPTION_NOTIFY_CONNECTION,
            on_connection, u, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(256 * 1024),
            MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned)1, MHD_OPTION_END);
    if (!u->daemon) {
        snprintf(err, errlen, "cannot listen on 127.0.0.1:%u", o->port);
        goto fail;
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(u->daemon, MHD_DAEMON_INFO_BIND_PORT);
    u->port = di ? di->port : o->port;
    *out = u;
    return 0;
fail:
    upstream_stop(u);
    return -1;
}

void upstream_stop(struct upstream *u)
{
    if (!u)
        return;
    u->stopping = 1;
    if (u->daemon)
        MHD_stop_daemon(u->daemon);
    if (u->db)
        sqlite3_close(u->db);
    free(u->cert_pem);
    if (u->key_pem)
        sodium_memzero(u->key_pem, strlen(u->key_pem));
    free(u->key_pem);
    free(u->ca_pem);
    upev_trust_free(u->trust);
    sodium_memzero(u->sk, sizeof u->sk);
    pthread_mutex_destroy(&u->mu);
    free(u);
}

unsigned upstream_port(const struct upstream *u)
{
    return u->port;
}

void upstream_url(const struct upstream *u, char *out, size_t size)
{
    snprintf(out, size, "https://127.0.0.1:%u", u->port);
}

void upstream_public_key(const struct upstream *u, unsigned char pk[32])
{
    memcpy(pk, u->pk, 32);
}

void upstream_fault_push(struct upstream *u, enum upstream_fault f, int after_processing)
{
    pthread_mutex_lock(&u->mu);
    if (u->script_len < UP_SCRIPT_MAX) {
        int i = (u->script_head + u->script_len) % UP_SCRIPT_MAX;
        u->script[i] = f;
        u->script_after[i] = after_processing;
        u->script_len++;
    }
    pthread_mutex_unlock(&u->mu);
}

void upstream_fault_random(struct upstream *u, double p, uint64_t seed)
{
    pthread_mutex_lock(&u->mu);
    u->fault_p = p;
    u->rng = seed ? seed : 0x9e3779b97f4a7c15ULL;
    pthread_mutex_unlock(&u->mu);
}

void upstream_fault_clear(struct upstream *u)
{
    pthread_mutex_lock(&u->mu);
    u->fault_p = 0;
    u->script_len = 0;
    pthread_mutex_unlock(&u->mu);
}

int upstream_decide(struct upstream *u, const char *id, const char *status, const char *reason_code,
                    const char *reason)
{
    int rc = -1;
    pthread_mutex_lock(&u->mu);
    sqlite3_stmt *s = up_db_prep(u, "INSERT INTO status(id, station, status, reason_code, reason,"
                                    " at) SELECT id, station, ?, ?, ?, ? FROM applications"
                                    " WHERE id=? AND receipt IS NOT NULL");
    if (s) {
        up_bind_text(s, 1, status);
        up_bind_text(s, 2, reason_code);
        up_bind_text(s, 3, reason);
        sqlite3_bind_int64(s, 4, time_now_ms());
        up_bind_text(s, 5, id);
        if (sqlite3_step(s) == SQLITE_DONE && sqlite3_changes(u->db) == 1)
            rc = 0;
    }
    sqlite3_finalize(s);
    pthread_mutex_unlock(&u->mu);
    return rc;
}

int upstream_lookup(struct upstream *u, const char *id, char digest[65], long *deliveries)
{
    int rc = -1;
    digest[0] = '\0';
    *deliveries = 0;
    pthread_mutex_lock(&u->mu);
    sqlite3_stmt *s = up_db_prep(u, "SELECT digest, deliveries, receipt IS NOT NULL, payload"
                                    " FROM applications WHERE id=?");
    if (s) {
        up_bind_text(s, 1, id);
        int st = sqlite3_step(s);
        if (st == SQLITE_ROW) {
            rc = sqlite3_column_int(s, 2);
            *deliveries = sqlite3_column_int(s, 1);
            if (rc == 1) { /* the digest of what is stored, not of what was announced */
                unsigned char h[crypto_hash_sha256_BYTES];
                crypto_hash_sha256(h, sqlite3_column_blob(s, 3),
                                   (unsigned long long)sqlite3_column_bytes(s, 3));
                sodium_bin2hex(digest, 65, h, sizeof h);
            }
        } else if (st == SQLITE_DONE) {
            rc = 0;
        }
    }
    sqlite3_finalize(s);
    pthread_mutex_unlock(&u->mu);
    return rc;
}

int upstream_plain_digest(struct upstream *u, const char *id, char digest[65])
{
    int rc = -1;
    digest[0] = '\0';
    pthread_mutex_lock(&u->mu);
    sqlite3_stmt *s = up_db_prep(u, "SELECT payload FROM applications WHERE id=? AND"
                                    " receipt IS NOT NULL");
    if (s) {
        up_bind_text(s, 1, id);
        if (sqlite3_step(s) == SQLITE_ROW) {
            size_t n = (size_t)sqlite3_column_bytes(s, 0);
            unsigned char *plain = n > crypto_box_SEALBYTES ? malloc(n) : NULL;
            if (plain && crypto_box_seal_open(plain, sqlite3_column_blob(s, 0),
                                              (unsigned long long)n, u->pk, u->sk) == 0) {
                unsigned char h[crypto_hash_sha256_BYTES];
                crypto_hash_sha256(h, plain, (unsigned long long)(n - crypto_box_SEALBYTES));
                sodium_bin2hex(digest, 65, h, sizeof h);
                rc = 0;
            }
            if (plain)
                sodium_memzero(plain, n);
            free(plain);
        }
    }
    sqlite3_finalize(s);
    pthread_mutex_unlock(&u->mu);
    return rc;
}

int upstream_received_bytes(struct upstream *u, const char *id, char **doc, size_t *doc_len,
                            unsigned char **sealed, size_t *sealed_len)
{
    int rc = -1;
    *doc = NULL;
    *sealed = NULL;
    *doc_len = *sealed_len = 0;
    pthread_mutex_lock(&u->mu);
    sqlite3_stmt *s = up_db_prep(u, "SELECT d.body, a.payload FROM applications a JOIN documents d"
                                    " ON d.id = a.id WHERE a.id=? AND a.receipt IS NOT NULL");
    if (s) {
        up_bind_text(s, 1, id);
        if (sqlite3_step(s) == SQLITE_ROW) {
            size_t dn = (size_t)sqlite3_column_bytes(s, 0), pn = (size_t)sqlite3_column_bytes(s, 1);
            *doc = malloc(dn + 1);
            *sealed = malloc(pn + 1);
            if (*doc && *sealed) {
                memcpy(*doc, sqlite3_column_blob(s, 0), dn);
                (*doc)[dn] = 0;
                memcpy(*sealed, sqlite3_column_blob(s, 1), pn);
                *doc_len = dn;
                *sealed_len = pn;
                rc = 0;
            }
        }
    }
    sqlite3_finalize(s);
    pthread_mutex_unlock(&u->mu);
    if (rc) {
        free(*doc);
        free(*sealed);
        *doc = NULL;
        *sealed = NULL;
    }
    return rc;
}

long upstream_count(struct upstream *u)
{
    long n = -1;
    pthread_mutex_lock(&u->mu);
    sqlite3_stmt *s = up_db_prep(u, "SELECT count(*) FROM applications WHERE receipt IS NOT NULL");
    if (s && sqlite3_step(s) == SQLITE_ROW)
        n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    pthread_mutex_unlock(&u->mu);
    return n;
}

long upstream_requests(struct upstream *u)
{
    pthread_mutex_lock(&u->mu);
    long n = u->stats.requests;
    pthread_mutex_unlock(&u->mu);
    return n;
}

void upstream_get_stats(struct upstream *u, struct upstream_stats *out)
{
    pthread_mutex_lock(&u->mu);
    *out = u->stats;
    sqlite3_stmt *s = up_db_prep(u, "SELECT coalesce(sum(length(payload)), 0) FROM applications");
    if (s && sqlite3_step(s) == SQLITE_ROW)
        out->bytes_held = (long)sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    pthread_mutex_unlock(&u->mu);
}

int upstream_audit_head(struct upstream *u, const char *kiosk, long long *seq, char hash[65])
{
    int found = 0;
    pthread_mutex_lock(&u->mu);
    sqlite3_stmt *s = up_db_prep(u, "SELECT seq, hash FROM audit_heads WHERE kiosk = ?");
    if (!s) {
        pthread_mutex_unlock(&u->mu);
        return -1;
    }
    sqlite3_bind_text(s, 1, kiosk, -1, SQLITE_STATIC);
    if (sqlite3_step(s) == SQLITE_ROW) {
        *seq = sqlite3_column_int64(s, 0);
        snprintf(hash, 65, "%s", (const char *)sqlite3_column_text(s, 1));
        found = 1;
    }
    sqlite3_finalize(s);
    pthread_mutex_unlock(&u->mu);
    return found;
}

int upstream_incidents(struct upstream *u, const char *kiosk, char lines[][160], int max)
{
    int n = 0;
    pthread_mutex_lock(&u->mu);
    sqlite3_stmt *s =
        up_db_prep(u, "SELECT at, what FROM incidents WHERE kiosk = ? ORDER BY n DESC LIMIT ?");
    if (s) {
        sqlite3_bind_text(s, 1, kiosk, -1, SQLITE_STATIC);
        sqlite3_bind_int(s, 2, max);
        while (n < max && sqlite3_step(s) == SQLITE_ROW) {
            snprintf(lines[n], 160, "%lld %s", (long long)sqlite3_column_int64(s, 0),
                     (const char *)sqlite3_column_text(s, 1));
            n++;
        }
        sqlite3_finalize(s);
    }
    pthread_mutex_unlock(&u->mu);
    return n;
}
