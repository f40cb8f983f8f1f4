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
#include "tests/rigs/upstream/upstream.h"
#include "tests/rigs/upstream/upstream_evidence.h"

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

#define UP_MAX_ENVELOPE (1024 * 1024)       /* POST body cap */
#define UP_MAX_PAYLOAD  (64L * 1024 * 1024) /* announced payload length cap */
#define UP_STATUS_LIMIT 500                 /* status changes per GET at most */
#define UP_SCRIPT_MAX   256
#define UP_FLUSH_BYTES  (1024 * 1024) /* PATCH bytes buffered before they are written */

struct upstream {
    struct MHD_Daemon *daemon;
    pthread_mutex_t mu;
    sqlite3 *db;
    unsigned char pk[crypto_box_PUBLICKEYBYTES], sk[crypto_box_SECRETKEYBYTES];
    char *cert_pem, *key_pem, *ca_pem;
    unsigned port;
    long rate;
    int latency_ms, stall_ms, slow_ms;
    int64_t link_free_us; /* shaping: when the shared link is next free */
    atomic_int stopping;
    /* faults */
    enum upstream_fault script[UP_SCRIPT_MAX];
    int script_after[UP_SCRIPT_MAX];
    int script_head, script_len;
    double fault_p;
    uint64_t rng;
    struct upstream_stats stats;
    int behind_proxy;
    long conn_ids[64];        /* behind a proxy: the front's connection numbers seen */
    struct upev_trust *trust; /* CSCAs: chip evidence re-verified when set */
    long in_flight;           /* requests under way */
    double loss_reset_p, loss_stall_p;
    int loss_stall_ms, retry_after_s;
    int conn_setup_rtts; /* upstream_opts: what a new connection costs */
    long slow_start_iw;
};

/* A connection's state on the shaped link (its socket context). */
struct link_conn {
    int set_up;          /* its handshakes have been paid */
    int64_t ss_start_us; /* slow start: when its first round trip of body bytes began */
    int64_t body_bytes;  /* body bytes it has carried so far */
};

enum loss { LOSS_NONE, LOSS_RESET, LOSS_STALL };

enum route {
    R_NONE,
    R_POST_APP,
    R_PATCH,
    R_STATUS,
    R_NOTFOUND,
    R_FORBIDDEN,
    R_POST_CORRECTION,
    R_AUDIT_ROLLBACK
};

struct req {
    enum route route;
    enum upstream_fault fault;
    int after;
    char *body;
    size_t len, cap;
    int too_big;
    char token[40];
    int64_t pos, length, start; /* PATCH: where this request is, total, where it began */
    int bad_offset;             /* PATCH: Upload-Offset did not match (or upload unknown) */
    int64_t server_offset;
    int stale; /* PATCH: another request moved the offset under us */
    char kiosk[64], station[32];
    /* POST */
    size_t env_len;       /* Envelope-Length: the payload follows the document inline */
    int registered;       /* the document has been processed */
    unsigned post_status; /* and the answer it gets */
    char *post_out;
    enum loss loss; /* upstream_opts.loss_*: what the link does to this request */
    int inline_ok;  /* inline payload bytes go to the upload (at offset 0) */
    int64_t inline_bytes;
    char *buf; /* PATCH bytes not yet written (pos is where they start) */
    size_t buf_len, buf_cap;
    struct link_conn *lc; /* the connection it came on (shaping), or NULL */
};

static const char *const fault_names[UPSTREAM_FAULT_COUNT] = {
    "none", "refuse", "500", "503", "stall", "cut-request", "cut-response", "garbage", "slow",
};

const char *upstream_fault_name(enum upstream_fault f)
{
    return (unsigned)f < UPSTREAM_FAULT_COUNT ? fault_names[f] : "?";
}

int upstream_fault_parse(const char *name, enum upstream_fault *out)
{
    for (int i = 0; i < UPSTREAM_FAULT_COUNT; i++)
        if (strcmp(name, fault_names[i]) == 0) {
            *out = (enum upstream_fault)i;
            return 0;
        }
    return -1;
}

static int64_t now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int64_t wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Sleeps ms, in slices, so that upstream_stop() is not held up by a stalled connection. */
static void nap(struct upstream *u, int ms)
{
    while (ms > 0 && !u->stopping) {
        int step = ms > 20 ? 20 : ms;
        usleep((useconds_t)step * 1000);
        ms -= step;
    }
}

static uint64_t rng_next(struct upstream *u)
{
    /* xorshift64*: test randomness only */
    u->rng ^= u->rng >> 12;
    u->rng ^= u->rng << 25;
    u->rng ^= u->rng >> 27;
    return u->rng * 2685821657736338717ULL;
}

/* Draws the fault for a new request (caller holds mu). refuse_only: at accept time. */
static enum upstream_fault draw_fault(struct upstream *u, int at_accept, int *after)
{
    *after = 0;
    if (u->script_len > 0) {
        enum upstream_fault f = u->script[u->script_head];
        if ((f == UPSTREAM_FAULT_REFUSE) != at_accept)
            return UPSTREAM_FAULT_NONE;
        *after = u->script_after[u->script_head];
        u->script_head = (u->script_head + 1) % UP_SCRIPT_MAX;
        u->script_len--;
        return f;
    }
    if (u->fault_p <= 0)
        return UPSTREAM_FAULT_NONE;
    if ((double)(rng_next(u) >> 11) / 9007199254740992.0 >= u->fault_p)
        return UPSTREAM_FAULT_NONE;
    if (at_accept) /* refusals are drawn with the same weight as the others */
        return rng_next(u) % (UPSTREAM_FAULT_COUNT - 1) == 0 ? UPSTREAM_FAULT_REFUSE
                                                             : UPSTREAM_FAULT_NONE;
    *after = (int)(rng_next(u) & 1);
    return (enum upstream_fault)(UPSTREAM_FAULT_500 +
                                 rng_next(u) % (UPSTREAM_FAULT_COUNT - UPSTREAM_FAULT_500));
}

/* --- SQLite ---------------------------------------------------------------------------- */

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

static int db_exec(struct upstream *u, const char *sql)
{
    return sqlite3_exec(u->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

static sqlite3_stmt *db_prep(struct upstream *u, const char *sql)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(u->db, sql, -1, &s, NULL) != SQLITE_OK)
        return NULL;
    return s;
}

static void bind_text(sqlite3_stmt *s, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(s, i);
}

static char *col_dup(sqlite3_stmt *s, int i)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    return t ? strdup((const char *)t) : NULL;
}

/* --- responses ------------------------------------------------------------------------- */

struct cut_body {
    char *text;
    size_t len, sent, cut_at;
};

static ssize_t cut_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
    struct cut_body *c = cls;
    if (pos >= c->cut_at)
        return MHD_CONTENT_READER_END_WITH_ERROR;
    size_t n = c->cut_at - (size_t)pos;
    if (n > max)
        n = max;
    memcpy(buf, c->text + pos, n);
    return (ssize_t)n;
}

static void cut_free(void *cls)
{
    struct cut_body *c = cls;
    free(c->text);
    free(c);
}

/* Queues status + JSON text (taken), applying the request's answer-time fault. */
static enum MHD_Result answer(struct upstream *u, struct MHD_Connection *conn, struct req *r,
                              unsigned status, char *json)
{
    enum MHD_Result ret = MHD_NO;
    struct MHD_Response *resp = NULL;
    if (!json)
        json = strdup("{\"error\":\"internal\"}");
    if (!json)
        return MHD_NO;
    if (u->latency_ms > 0)
        nap(u, u->latency_ms);
    if (r->loss == LOSS_STALL)
        nap(u, u->loss_stall_ms);
    switch (r->fault) {
    case UPSTREAM_FAULT_500:
    case UPSTREAM_FAULT_503:
        free(json);
        status = r->fault == UPSTREAM_FAULT_500 ? 500 : 503;
        json = strdup("{\"error\":\"unavailable\"}");
        break;
    case UPSTREAM_FAULT_STALL:
        nap(u, u->stall_ms);
        free(json);
        return MHD_NO;
    case UPSTREAM_FAULT_GARBAGE:
        free(json);
        status = 200;
        json = strdup("<html><body>Gateway says hello \x01\x02\xff</body>");
        break;
    case UPSTREAM_FAULT_SLOW:
        nap(u, u->slow_ms);
        break;
    case UPSTREAM_FAULT_CUT_RESPONSE: {
        struct cut_body *c = calloc(1, sizeof *c);
        if (!c) {
            free(json);
            return MHD_NO;
        }
        c->text = json;
        c->len = strlen(json);
        c->cut_at = c->len / 2;
        resp = MHD_create_response_from_callback(c->len, 4096, cut_reader, c, cut_free);
        if (!resp) {
            cut_free(c);
            return MHD_NO;
        }
        json = NULL;
        break;
    }
    default:
        break;
    }
    if (!resp) {
        if (!json)
            return MHD_NO;
        resp = MHD_create_response_from_buffer(strlen(json), json, MHD_RESPMEM_MUST_FREE);
        if (!resp) {
            free(json);
            return MHD_NO;
        }
    }
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json");
    if (status == 503) {
        char ra[16];
        snprintf(ra, sizeof ra, "%d", u->retry_after_s);
        MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER, ra);
    }
    ret = MHD_queue_response(conn, status, resp);
    MHD_destroy_response(resp);
    return ret;
}

static char *jdump(json_t *j)
{
    char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;
    json_decref(j);
    return s;
}

static char *err_json(const char *code, const char *msg)
{
    return jdump(json_pack("{s:s,s:s}", "error", code, "message", msg));
}

/* --- client certificate ---------------------------------------------------------------- */

/* 0 when the peer presented a certificate chaining to our CA; its CN in cn. */
static int peer_cn(struct MHD_Connection *conn, char *cn, size_t size)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_GNUTLS_SESSION);
    if (!ci || !ci->tls_session)
        return -1;
    gnutls_session_t s = (gnutls_session_t)ci->tls_session;
    unsigned st = 0;
    if (gnutls_certificate_verify_peers2(s, &st) != GNUTLS_E_SUCCESS || st != 0)
        return -1;
    unsigned n = 0;
    const gnutls_datum_t *chain = gnutls_certificate_get_peers(s, &n);
    if (!chain || n == 0)
        return -1;
    gnutls_x509_crt_t crt;
    if (gnutls_x509_crt_init(&crt) != GNUTLS_E_SUCCESS)
        return -1;
    int rc = -1;
    size_t len = size;
    if (gnutls_x509_crt_import(crt, &chain[0], GNUTLS_X509_FMT_DER) == GNUTLS_E_SUCCESS &&
        gnutls_x509_crt_get_dn_by_oid(crt, GNUTLS_OID_X520_COMMON_NAME, 0, 0, cn, &len) ==
            GNUTLS_E_SUCCESS)
        rc = 0;
    gnutls_x509_crt_deinit(crt);
    return rc;
}

/* Behind a TLS front: the identity it verified, from its headers (the front is on loopback
 * and sets them on every request, overwriting what the client sent). Also counts what the
 * tests check of the front: HTTP/2 and kept-alive connections. */
static int proxy_cn(struct upstream *u, struct MHD_Connection *conn, char *cn, size_t size)
{
    const char *verify = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Client-Verify");
    const char *dn = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Client-DN");
    const char *proto = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Client-Proto");
    const char *cid = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Client-Conn");
    pthread_mutex_lock(&u->mu);
    if (proto && strcmp(proto, "HTTP/2.0") == 0)
        u->stats.h2_requests++;
    long id = cid ? strtol(cid, NULL, 10) : -1;
    int seen = 0;
    for (long i = 0; i < u->stats.connections && i < 64; i++)
        seen |= u->conn_ids[i] == id;
    if (!seen && u->stats.connections < 64)
        u->conn_ids[u->stats.connections++] = id;
    pthread_mutex_unlock(&u->mu);
    if (!verify || strcmp(verify, "SUCCESS") != 0 || !dn)
        return -1;
    const char *p = strstr(dn, "CN=");
    if (!p)
        return -1;
    p += 3;
    size_t n = strcspn(p, ",/");
    if (n == 0 || n >= size)
        return -1;
    memcpy(cn, p, n);
    cn[n] = '\0';
    return 0;
}

/* --- POST /v1/applications -------------------------------------------------------------- */

static void patch_data(struct upstream *u, struct req *r, const char *data, size_t n);
static void patch_flush(struct upstream *u, struct req *r);
static enum MHD_Result patch_end(struct upstream *u, struct MHD_Connection *conn, struct req *r);

/* The upload of a POST that carries its payload inline starts at offset 0. */
static void inline_token(struct req *r, const char *token, int64_t length)
{
    if (r->env_len == 0 || strlen(token) >= sizeof r->token)
        return;
    snprintf(r->token, sizeof r->token, "%s", token);
    r->inline_ok = 1;
    r->length = length;
    r->pos = r->start = 0;
    r->server_offset = 0;
    r->bad_offset = 0;
}

static char *pending_json(const char *id, const char *token, int64_t offset)
{
    return jdump(json_pack("{s:s,s:s,s:s,s:I}", "state", "awaiting_payload", "id", id,
                           "upload_token", token, "offset", (json_int_t)offset));
}

/* Registers (or finds) the application the POST document announces; the answer to give
 * goes to r->post_status/post_out. When its upload stands at offset 0, bytes sent inline
 * after the document may be appended (r->inline_ok). */
static void post_register(struct upstream *u, struct MHD_Connection *conn, struct req *r)
{
    r->registered = 1;
    const char *key = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Idempotency-Key");
    json_error_t jerr;
    json_t *doc = r->too_big ? NULL : json_loadb(r->body ? r->body : "", r->len, 0, &jerr);
    const char *id = NULL, *digest = NULL;
    json_int_t length = 0;
    json_t *env = NULL;
    if (!doc ||
        json_unpack(doc, "{s:s,s:o,s:s,s:I}", "id", &id, "envelope", &env, "payload_sha256",
                    &digest, "payload_length", &length) != 0 ||
        !json_is_object(env) || strlen(digest) != 64 || length <= 0 || length > UP_MAX_PAYLOAD ||
        !key || strcmp(key, id) != 0 || strlen(id) >= 64) {
        json_decref(doc);
        r->post_status = 400;
        r->post_out = err_json("bad_request", "malformed application");
        return;
    }
    char *env_text = json_dumps(env, JSON_COMPACT);
    char *out = NULL;
    unsigned status = 500;
    pthread_mutex_lock(&u->mu);
    sqlite3_stmt *s =
        db_prep(u, "SELECT digest, token, offset, receipt FROM applications WHERE id=?");
    if (s && env_text) {
        bind_text(s, 1, id);
        int rc = sqlite3_step(s);
        if (rc == SQLITE_ROW) {
            const char *d = (const char *)sqlite3_column_text(s, 0);
            if (strcmp(d, digest) != 0) {
                status = 409;
                u->stats.conflicts++;
                out = err_json("conflict", "this id was sent before with another payload");
            } else if (sqlite3_column_type(s, 3) != SQLITE_NULL) {
                status = 200;
                u->stats.replays++;
                out = col_dup(s, 3);
            } else {
                status = 200;
                u->stats.replays++;
                out = pending_json(id, (const char *)sqlite3_column_text(s, 1),
                                   sqlite3_column_int64(s, 2));
                if (sqlite3_column_int64(s, 2) == 0)
                    inline_token(r, (const char *)sqlite3_column_text(s, 1), length);
            }
        } else if (rc == SQLITE_DONE) {
            unsigned char tok[16];
            char token[33];
            randombytes_buf(tok, sizeof tok);
            sodium_bin2hex(token, sizeof token, tok, sizeof tok);
            sqlite3_stmt *ins = db_prep(u, "INSERT INTO applications(id, station, kiosk, digest,"
                                           " length, envelope, token) VALUES(?,?,?,?,?,?,?)");
            if (ins) {
                bind_text(ins, 1, id);
                bind_text(ins, 2, r->station);
                bind_text(ins, 3, r->kiosk);
                bind_text(ins, 4, digest);
                sqlite3_bind_int64(ins, 5, length);
                bind_text(ins, 6, env_text);
                bind_text(ins, 7, token);
                sqlite3_stmt *raw =
                    db_prep(u, "INSERT OR REPLACE INTO documents(id, body) VALUES(?,?)");
                if (raw) {
                    bind_text(raw, 1, id);
                    sqlite3_bind_blob(raw, 2, r->body, (int)r->len, SQLITE_TRANSIENT);
                    sqlite3_step(raw);
                }
                sqlite3_finalize(raw);
                if (sqlite3_step(ins) == SQLITE_DONE) {
                    status = 201;
                    out = pending_json(id, token, 0);
                    inline_token(r, token, length);
                }
            }
            sqlite3_finalize(ins);
        }
    }
    sqlite3_finalize(s);
    pthread_mutex_unlock(&u->mu);
    free(env_text);
    json_decref(doc);
    r->post_status = status;
    r->post_out = out;
}

static enum MHD_Result post_app(struct upstream *u, struct MHD_Connection *conn, struct req *r)
{
    if (r->env_len > 0 && r->len < r->env_len) {
        r->post_status = 400;
        r->post_out = err_json("bad_request", "body shorter than Envelope-Length");
    } else if (!r->registered) {
        post_register(u, conn, r);
    }
    char *out = r->post_out;
    r->post_out = NULL;
    if (r->inline_ok && r->inline_bytes > 0) {
        free(out); /* the payload came along: answer as a PATCH would */
        return patch_end(u, conn, r);
    }
    return answer(u, conn, r, r->post_status, out);
}

/* Body bytes of a POST: the document, then (with Envelope-Length) the payload inline. */
static int post_data(struct upstream *u, struct MHD_Connection *conn, struct req *r,
                     const char *data, size_t n)
{
    size_t take = n;
    if (r->env_len > 0 && take > r->env_len - r->len)
        take = r->env_len - r->len;
    if (r->len + take > UP_MAX_ENVELOPE) {
        r->too_big = 1;
        return 0;
    }
    if (r->len + take + 1 > r->cap) {
        size_t cap = (r->len + take + 1) * 2;
        char *b = realloc(r->body, cap);
        if (!b)
            return -1;
        r->body = b;
        r->cap = cap;
    }
    memcpy(r->body + r->len, data, take);
    r->len += take;
    if (r->env_len > 0 && r->len == r->env_len && !r->registered)
        post_register(u, conn, r);
    if (take < n && r->inline_ok) {
        patch_data(u, r, data + take, n - take);
        r->inline_bytes += (int64_t)(n - take);
    }
    return 0;
}

/* --- PATCH /v1/uploads/<token> --------------------------------------------------------- */

/* First call: checks the token and the client's offset against the stored one. */
static void patch_begin(struct upstream *u, struct MHD_Connection *conn, struct req *r)
{
    const char *off = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Upload-Offset");
    char *end = NULL;
    long long want = off ? strtoll(off, &end, 10) : -1;
    if (!off || *end != '\0' || want < 0)
        want = -1;
    pthread_mutex_lock(&u->mu);
    /* any kiosk of the application's station may carry on its upload: a station kiosk
     * importing a mobile kiosk's hand-over bundle, then the mobile kiosk itself
     * (PROTOCOL.md §6) */
    sqlite3_stmt *s = db_prep(u, "SELECT offset, length, receipt IS NOT NULL FROM applications"
                                 " WHERE token=? AND station=?");
    r->bad_offset = 1;
    r->server_offset = -1;
    if (s) {
        bind_text(s, 1, r->token);
        bind_text(s, 2, r->station);
        if (sqlite3_step(s) == SQLITE_ROW) {
            r->server_offset = sqlite3_column_int64(s, 0);
            r->length = sqlite3_column_int64(s, 1);
            if (sqlite3_column_int(s, 2))
                r->server_offset = r->length;
            r->bad_offset = want != r->server_offset;
            r->pos = r->start = want;
        }
    }
    sqlite3_finalize(s);
    pthread_mutex_unlock(&u->mu);
}

/* Stores one piece of the body if the upload is still where this request left it. */
/* Writes the bytes buffered by this request at its position, if the upload is still there
 * (one transaction per request, not per network read). */
static void patch_flush(struct upstream *u, struct req *r)
{
    if (r->buf_len == 0)
        return;
    size_t n = r->buf_len;
    r->buf_len = 0;
    if (r->bad_offset || r->stale)
        return;
    pthread_mutex_lock(&u->mu);
    int ok = db_exec(u, "BEGIN IMMEDIATE") == 0;
    sqlite3_stmt *s = ok ? db_prep(u, "UPDATE applications SET offset=offset+? WHERE token=?"
                                      " AND offset=? AND receipt IS NULL")
                         : NULL;
    if (s) {
        sqlite3_bind_int64(s, 1, (sqlite3_int64)n);
        bind_text(s, 2, r->token);
        sqlite3_bind_int64(s, 3, r->pos);
        ok = sqlite3_step(s) == SQLITE_DONE && sqlite3_changes(u->db) == 1;
    } else {
        ok = 0;
    }
    sqlite3_finalize(s);
    if (ok) {
        s = db_prep(u, "INSERT OR REPLACE INTO chunks(token, off, data) VALUES(?,?,?)");
        ok = s != NULL;
        if (s) {
            bind_text(s, 1, r->token);
            sqlite3_bind_int64(s, 2, r->pos);
            sqlite3_bind_blob(s, 3, r->buf, (int)n, SQLITE_TRANSIENT);
            ok = sqlite3_step(s) == SQLITE_DONE;
        }
        sqlite3_finalize(s);
    }
    if (ok && db_exec(u, "COMMIT") == 0) {
        r->pos += (int64_t)n;
        u->stats.bytes_in += (long)n;
    } else {
        db_exec(u, "ROLLBACK");
        r->stale = 1;
    }
    pthread_mutex_unlock(&u->mu);
}

/* Takes one network read of payload bytes: shaped, buffered, flushed by the MiB. */
static void patch_data(struct upstream *u, struct req *r, const char *data, size_t n)
{
    if (r->bad_offset || r->stale || n == 0)
        return;
    if (r->pos + (int64_t)(r->buf_len + n) > r->length) {
        r->stale = 1; /* more than announced: refuse at the end */
        return;
    }
    if (u->rate > 0) { /* shaping: the bytes occupy the shared link for n/rate seconds */
        pthread_mutex_lock(&u->mu);
        int64_t t = now_us();
        if (u->link_free_us < t)
            u->link_free_us = t;
        if (r->lc && u->slow_start_iw > 0) {
            /* slow start: the window carries iw, 2 iw, 4 iw... bytes in round trips 1, 2,
             * 3...; these bytes cannot leave before the round trip whose window reaches
             * them, and link time the window left unused is lost */
            int64_t end = r->lc->body_bytes + (int64_t)n, window = u->slow_start_iw, carried = 0;
            int round = 0;
            while (carried + window < end && round < 40) {
                carried += window;
                window *= 2;
                round++;
            }
            int64_t earliest = r->lc->ss_start_us + (int64_t)round * u->latency_ms * 1000;
            if (u->link_free_us < earliest)
                u->link_free_us = earliest;
            r->lc->body_bytes = end;
        }
        u->link_free_us += (int64_t)n * 1000000 / u->rate;
        int64_t wait = u->link_free_us - t;
        pthread_mutex_unlock(&u->mu);
        nap(u, (int)(wait / 1000));
    }
    if (r->buf_len + n > r->buf_cap) {
        size_t cap = (r->buf_len + n) * 2;
        char *b = realloc(r->buf, cap);
        if (!b) {
            r->stale = 1;
            return;
        }
        r->buf = b;
        r->buf_cap = cap;
    }
    memcpy(r->buf + r->buf_len, data, n);
    r->buf_len += n;
    if (r->buf_len >= UP_FLUSH_BYTES)
        patch_flush(u, r);
}

/* The upload is complete: check it and record the application (caller holds mu). */
/* direct: the whole payload as this request received it, not yet written (the usual case:
 * one request from offset 0), or NULL to assemble it from the chunks table. */
static char *complete_locked(struct upstream *u, const char *token, const char *direct,
                             size_t direct_len, unsigned *status)
{
    *status = 500;
    char *out = NULL;
    sqlite3_stmt *s = db_prep(u, "SELECT id, station, digest, length, receipt, envelope"
                                 " FROM applications WHERE token=?");
    sqlite3_stmt *c = NULL;
    unsigned char *buf = NULL, *plain = NULL;
    int64_t length = 0;
    if (!s)
        goto out;
    bind_text(s, 1, token);
    if (sqlite3_step(s) != SQLITE_ROW)
        goto out;
    if (sqlite3_column_type(s, 4) != SQLITE_NULL) {
        *status = 200;
        out = col_dup(s, 4);
        goto out;
    }
    length = sqlite3_column_int64(s, 3);
    buf = malloc((size_t)length);
    c = db_prep(u, direct ? "SELECT offset, 0 FROM applications WHERE token=? AND offset=0"
                          : "SELECT off, data FROM chunks WHERE token=? ORDER BY off");
    if (!buf || !c)
        goto out;
    bind_text(c, 1, token);
    int64_t at = 0;
    if (direct) { /* only if nothing was stored meanwhile */
        if (sqlite3_step(c) == SQLITE_ROW && (int64_t)direct_len == length) {
            memcpy(buf, direct, direct_len);
            at = length;
            u->stats.bytes_in += (long)direct_len;
        }
    } else
        while (sqlite3_step(c) == SQLITE_ROW) {
            int64_t off = sqlite3_column_int64(c, 0);
            int n = sqlite3_column_bytes(c, 1);
            if (off != at || at + n > length)
                break;
            memcpy(buf + at, sqlite3_column_blob(c, 1), (size_t)n);
            at += n;
        }
    unsigned char h[crypto_hash_sha256_BYTES];
    char hex[65];
    crypto_hash_sha256(h, buf, (unsigned long long)length);
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    size_t plen = length > crypto_box_SEALBYTES ? (size_t)length - crypto_box_SEALBYTES : 0;
    plain = plen ? malloc(plen) : NULL;
    int good = at == length && strcmp(hex, (const char *)sqlite3_column_text(s, 2)) == 0 && plain &&
               crypto_box_seal_open(plain, buf, (unsigned long long)length, u->pk, u->sk) == 0;
    /* the chip's claims against its own signed data, while the payload is open */
    struct upev_result verdict = {{0}, {0}};
    int refused = 0;
    if (good && u->trust) {
        refused = upev_verify(u->trust, (const char *)sqlite3_column_text(s, 0),
                              (const char *)sqlite3_column_text(s, 5), (const char *)plain, plen,
                              &verdict);
    }
    if (plain)
        sodium_memzero(plain, plen);
    if (refused < 0) { /* out of memory: nothing recorded, the client retries the upload */
        *status = 500;
        goto out;
    }
    if (!good) {
        /* the client starts again from zero */
        sqlite3_stmt *z = db_prep(u, "UPDATE applications SET offset=0 WHERE token=?");
        sqlite3_stmt *d = db_prep(u, "DELETE FROM chunks WHERE token=?");
        if (z && d) {
            bind_text(z, 1, token);
            bind_text(d, 1, token);
            sqlite3_step(z);
            sqlite3_step(d);
        }
        sqlite3_finalize(z);
        sqlite3_finalize(d);
        u->stats.bad_payloads++;
        *status = 422;
        out = err_json("bad_payload", "digest mismatch or sealed box does not open");
        goto out;
    }
    char receipt[48], when[32];
    int64_t t = wall_ms();
    time_t secs = (time_t)(t / 1000);
    struct tm tm;
    gmtime_r(&secs, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    snprintf(receipt, sizeof receipt, "R-%lld-%ld", (long long)t, u->stats.received + 1);
    const char *id = (const char *)sqlite3_column_text(s, 0);
    out = jdump(json_pack("{s:s,s:s,s:s,s:s,s:s}", "state", "received", "id", id, "receipt",
                          receipt, "received_at", when, "digest", hex));
    sqlite3_stmt *up = db_prep(u, "UPDATE applications SET payload=?, receipt=?, received_at=?,"
                                  " deliveries=deliveries+1, offset=length WHERE token=?");
    sqlite3_stmt *st = db_prep(u, "INSERT INTO status(id, station, status, at)"
                                  " VALUES(?,?,'submitted',?)");
    sqlite3_stmt *del = db_prep(u, "DELETE FROM chunks WHERE token=?");
    sqlite3_stmt *rej = refused > 0 ? db_prep(u, "INSERT INTO status(id, station, status,"
                                                 " reason_code, reason, at)"
                                                 " VALUES(?,?,'rejected',?,?,?)")
                                    : NULL;
    int ok = out && up && st && del && (refused <= 0 || rej) && db_exec(u, "SAVEPOINT done") == 0;
    if (ok) {
        sqlite3_bind_blob(up, 1, buf, (int)length, SQLITE_TRANSIENT);
        bind_text(up, 2, out);
        sqlite3_bind_int64(up, 3, t);
        bind_text(up, 4, token);
        bind_text(st, 1, id);
        sqlite3_bind_text(st, 2, (const char *)sqlite3_column_text(s, 1), -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 3, t);
        bind_text(del, 1, token);
        ok = sqlite3_step(up) == SQLITE_DONE && sqlite3_step(st) == SQLITE_DONE &&
             sqlite3_step(del) == SQLITE_DONE;
        if (ok && rej) { /* received, then rejected: the kiosk learns it by the status pull */
            bind_text(rej, 1, id);
            sqlite3_bind_text(rej, 2, (const char *)sqlite3_column_text(s, 1), -1,
                              SQLITE_TRANSIENT);
            bind_text(rej, 3, verdict.code);
            bind_text(rej, 4, verdict.reason);
            sqlite3_bind_int64(rej, 5, t);
            ok = sqlite3_step(rej) == SQLITE_DONE;
        }
        db_exec(u, ok ? "RELEASE done" : "ROLLBACK TO done");
        if (!ok)
            db_exec(u, "RELEASE done");
    }
    sqlite3_finalize(up);
    sqlite3_finalize(st);
    sqlite3_finalize(del);
    sqlite3_finalize(rej);
    if (ok) {
        u->stats.received++;
        if (u->trust) {
            u->stats.evidence_checked++;
            u->stats.evidence_rejected += refused > 0;
        }
        *status = 200;
    } else {
        free(out);
        out = NULL;
        *status = 500;
    }
out:
    sqlite3_finalize(s);
    sqlite3_finalize(c);
    free(buf);
    free(plain);
    return out;
}

static enum MHD_Result patch_end(struct upstream *u, struct MHD_Connection *conn, struct req *r)
{
    if (!r->bad_offset && !r->stale && r->server_offset >= 0 && r->pos == 0 &&
        (int64_t)r->buf_len == r->length) {
        /* the whole payload in this one request: check and keep it without the chunks */
        unsigned status;
        pthread_mutex_lock(&u->mu);
        char *out = complete_locked(u, r->token, r->buf, r->buf_len, &status);
        pthread_mutex_unlock(&u->mu);
        r->buf_len = 0;
        return answer(u, conn, r, status, out);
    }
    patch_flush(u, r);
    if (r->server_offset < 0)
        return answer(u, conn, r, 404, err_json("unknown_upload", "no such upload token"));
    if (r->bad_offset || r->stale) {
        pthread_mutex_lock(&u->mu);
        int64_t off = -1;
        sqlite3_stmt *s = db_prep(u, "SELECT offset FROM applications WHERE token=?");
        if (s) {
            bind_text(s, 1, r->token);
            if (sqlite3_step(s) == SQLITE_ROW)
                off = sqlite3_column_int64(s, 0);
        }
        sqlite3_finalize(s);
        pthread_mutex_unlock(&u->mu);
        return answer(
            u, conn, r, 409,
            jdump(json_pack("{s:s,s:I}", "error", "offset_mismatch", "offset", (json_int_t)off)));
    }
    if (r->pos < r->length)
        return answer(u, conn, r, 200,
                      jdump(json_pack("{s:s,s:s,s:I}", "state", "awaiting_payload", "upload_token",
                                      r->token, "offset", (json_int_t)r->pos)));
    unsigned status;
    pthread_mutex_lock(&u->mu);
    char *out = complete_locked(u, r->token, NULL, 0, &status);
    pthread_mutex_unlock(&u->mu);
    return answer(u, conn, r, status, out);
}

/* --- GET /v1/status?since=N ------------------------------------------------------------ */

static enum MHD_Result get_status(struct upstream *u, struct MHD_Connection *conn, struct req *r)
{
    const char *since = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "since");
    const char *lim = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "limit");
    long long from = since && *since ? strtoll(since, NULL, 10) : 0;
    long limit = lim ? strtol(lim, NULL, 10) : 100;
    if (limit <= 0 || limit > UP_STATUS_LIMIT)
        limit = UP_STATUS_LIMIT;
    json_t *arr = json_array();
    long long last = from;
    int more = 0;
    pthread_mutex_lock(&u->mu);
    sqlite3_stmt *s = db_prep(u, "SELECT seq, id, status, reason_code, reason, at FROM status"
                                 " WHERE station=? AND seq>? ORDER BY seq LIMIT ?");
    if (s && arr) {
        bind_text(s, 1, r->station);
        sqlite3_bind_int64(s, 2, from);
        sqlite3_bind_int64(s, 3, limit + 1);
        long n = 0;
        while (sqlite3_step(s) == SQLITE_ROW) {
            if (n++ == limit) {
                more = 1;
                break;
            }
            last = sqlite3_column_int64(s, 0);
            char seq[24];
            snprintf(seq, sizeof seq, "%lld", last);
            json_t *c = json_pack("{s:s,s:s,s:s,s:I}", "seq", seq, "id", sqlite3_column_text(s, 1),
                                  "status", sqlite3_column_text(s, 2), "at",
                                  (json_int_t)sqlite3_column_int64(s, 5));
            if (c && sqlite3_column_type(s, 3) != SQLITE_NULL)
                json_object_set_new(c, "reason_code",
                                    json_string((const char *)sqlite3_column_text(s, 3)));
            if (c && sqlite3_column_type(s, 4) != SQLITE_NULL)
                json_object_set_new(c, "reason",
                                    json_string((const char *)sqlite3_column_text(s, 4)));
            json_array_append_new(arr, c);
        }
    }
    sqlite3_finalize(s);
    pthread_mutex_unlock(&u->mu);
    char cursor[24];
    snprintf(cursor, sizeof cursor, "%lld", last);
    return answer(
        u, conn, r, 200,
        jdump(json_pack("{s:o,s:s,s:b}", "changes", arr, "cursor", cursor, "more", more)));
}

/* --- POST /v1/corrections (sync/PROTOCOL.md §5) ---------------------------------------- */

static enum MHD_Result post_correction(struct upstream *u, struct MHD_Connection *conn,
                                       struct req *r)
{
    const char *key = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Idempotency-Key");
    json_error_t jerr;
    json_t *doc = r->too_big ? NULL : json_loadb(r->body ? r->body : "", r->len, 0, &jerr);
    const char *id = NULL, *app = NULL, *kind = NULL, *phone = NULL, *reason = NULL,
               *approver = NULL;
    if (!doc ||
        json_unpack(doc, "{s:s,s:s,s:s,s:s,s:s,s:s}", "id", &id, "application", &app, "kind", &kind,
                    "phone", &phone, "reason", &reason, "approver", &approver) != 0 ||
        !key || strcmp(key, id) != 0 || strcmp(kind, "phone") != 0 || strlen(phone) != 10 ||
        strspn(phone, "0123456789") != 10 || !reason[0] || !approver[0]) {
        json_decref(doc);
        return answer(u, conn, r, 400, err_json("bad_request", "not a correction document"));
    }
    unsigned char h[crypto_hash_sha256_BYTES];
    char digest[65];
    crypto_hash_sha256(h, (const unsigned char *)r->body, r->len);
    sodium_bin2hex(digest, sizeof digest, h, sizeof h);
    unsigned status = 500;
    char *out = NULL;
    pthread_mutex_lock(&u->mu);
    sqlite3_stmt *s = db_prep(u, "SELECT digest, receipt FROM corrections WHERE id=?");
    bind_text(s, 1, id);
    if (s && sqlite3_step(s) == SQLITE_ROW) {
        if (strcmp((const char *)sqlite3_column_text(s, 0), digest) == 0) {
            status = 200; /* the same correction again: the same answer */
            out = strdup((const char *)sqlite3_column_text(s, 1));
            u->stats.replays++;
        } else {
            status = 409;
            out = err_json("conflict", "this correction id is known with another content");
        }
    } else {
        sqlite3_finalize(s);
        s = db_prep(u, "SELECT 1 FROM applications WHERE id=? AND station=? AND receipt IS NOT "
                       "NULL");
        bind_text(s, 1, app);
        bind_text(s, 2, r->station);
        if (!s || sqlite3_step(s) != SQLITE_ROW) {
            status = 404;
            out = err_json("unknown_application", "no received application with this id");
        } else {
            out = jdump(json_pack("{s:s,s:s,s:s,s:I}", "state", "received", "id", id, "application",
                                  app, "received_at", (json_int_t)wall_ms()));
            sqlite3_finalize(s);
            s = db_prep(u, "INSERT INTO corrections VALUES (?, ?, ?, ?, ?, ?, ?)");
            bind_text(s, 1, id);
            bind_text(s, 2, app);
            bind_text(s, 3, r->station);
            bind_text(s, 4, digest);
            bind_text(s, 5, phone);
            bind_text(s, 6, approver);
            bind_text(s, 7, out);
            status = out && s && sqlite3_step(s) == SQLITE_DONE ? 201 : 500;
        }
    }
    sqlite3_finalize(s);
    pthread_mutex_unlock(&u->mu);
    json_decref(doc);
    return answer(u, conn, r, status, out);
}

int upstream_corrections(struct upstream *u, const char *app_id, char phone[11], char *approver,
                         size_t approver_size)
{
    int n = -1;
    phone[0] = '\0';
    if (approver_size)
        approver[0] = '\0';
    pthread_mutex_lock(&u->mu);
    sqlite3_stmt *s = db_prep(u, "SELECT phone, approver FROM corrections WHERE app_id=? ORDER "
                                 "BY rowid");
    if (s) {
        bind_text(s, 1, app_id);
        n = 0;
        while (sqlite3_step(s) == SQLITE_ROW) {
            n++;
            snprintf(phone, 11, "%s", (const char *)sqlite3_column_text(s, 0));
            snprintf(approver, approver_size, "%s", (const char *)sqlite3_column_text(s, 1));
        }
    }
    sqlite3_finalize(s);
    pthread_mutex_unlock(&u->mu);
    return n;
}

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
    sqlite3_stmt *s = db_prep(u, "SELECT seq, hash FROM audit_heads WHERE kiosk = ?");
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
        s = db_prep(u, "INSERT INTO incidents (kiosk, at, what) VALUES (?, ?, ?)");
        if (s) {
            sqlite3_bind_text(s, 1, kiosk, -1, SQLITE_STATIC);
            sqlite3_bind_int64(s, 2, (sqlite3_int64)time(NULL) * 1000);
            sqlite3_bind_text(s, 3, what, -1, SQLITE_TRANSIENT);
            sqlite3_step(s);
            sqlite3_finalize(s);
        }
    } else if (seq > last) {
        s = db_prep(u, "INSERT OR REPLACE INTO audit_heads (kiosk, seq, hash, at) VALUES (?, ?, "
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
    nap(u, u->conn_setup_rtts * u->latency_ms);
    r->lc->set_up = 1;
    r->lc->ss_start_us = now_us();
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
        r->fault = draw_fault(u, 0, &r->after);
        u->stats.faults[r->fault]++;
        if (u->loss_reset_p > 0 || u->loss_stall_p > 0) {
            double x = (double)(rng_next(u) >> 11) / 9007199254740992.0;
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
        int who = u->behind_proxy ? proxy_cn(u, conn, cn, sizeof cn) : peer_cn(conn, cn, sizeof cn);
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
                patch_begin(u, conn, r);
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
            return answer(u, conn, r, 200, strdup("{}"));
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
                patch_data(u, r, data, keep);
            else if (r->route == R_POST_APP)
                post_data(u, conn, r, data, keep);
            return MHD_NO;
        }
        if (r->route == R_PATCH)
            patch_data(u, r, data, n);
        else if ((r->route == R_POST_APP || r->route == R_POST_CORRECTION) &&
                 post_data(u, conn, r, data, n) != 0)
            return MHD_NO;
        return MHD_YES;
    }
    if (r->fault == UPSTREAM_FAULT_CUT_REQUEST) /* a body-less request: cut its answer */
        r->fault = UPSTREAM_FAULT_CUT_RESPONSE;
    if (r->loss == LOSS_RESET) /* a body-less request: the line drops before the answer */
        return MHD_NO;
    switch (r->route) {
    case R_POST_APP:
        return post_app(u, conn, r);
    case R_PATCH:
        return patch_end(u, conn, r);
    case R_STATUS:
        return get_status(u, conn, r);
    case R_POST_CORRECTION:
        return post_correction(u, conn, r);
    case R_FORBIDDEN:
        r->fault = UPSTREAM_FAULT_NONE;
        return answer(u, conn, r, 403,
                      err_json("forbidden", "client certificate missing, untrusted, or not"
                                            " this kiosk's"));
    case R_NOTFOUND:
        return answer(u, conn, r, 404, err_json("not_found", "no such resource"));
    case R_AUDIT_ROLLBACK:
        r->fault = UPSTREAM_FAULT_NONE;
        return answer(u, conn, r, 409,
                      err_json("audit_rollback", "this kiosk's audit trail went backwards: "
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
        patch_flush(u, r); /* what arrived before a cut stays confirmed */
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
    enum upstream_fault f = draw_fault(u, 1, &after);
    if (f == UPSTREAM_FAULT_REFUSE)
        u->stats.faults[f]++;
    pthread_mutex_unlock(&u->mu);
    return f == UPSTREAM_FAULT_REFUSE ? MHD_NO : MHD_YES;
}

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
    if (sqlite3_open(o->db_path, &u->db) != SQLITE_OK || db_exec(u, schema) != 0) {
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
    sqlite3_stmt *s = db_prep(u, "INSERT INTO status(id, station, status, reason_code, reason,"
                                 " at) SELECT id, station, ?, ?, ?, ? FROM applications"
                                 " WHERE id=? AND receipt IS NOT NULL");
    if (s) {
        bind_text(s, 1, status);
        bind_text(s, 2, reason_code);
        bind_text(s, 3, reason);
        sqlite3_bind_int64(s, 4, wall_ms());
        bind_text(s, 5, id);
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
    sqlite3_stmt *s = db_prep(u, "SELECT digest, deliveries, receipt IS NOT NULL, payload"
                                 " FROM applications WHERE id=?");
    if (s) {
        bind_text(s, 1, id);
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
    sqlite3_stmt *s = db_prep(u, "SELECT payload FROM applications WHERE id=? AND"
                                 " receipt IS NOT NULL");
    if (s) {
        bind_text(s, 1, id);
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
    sqlite3_stmt *s = db_prep(u, "SELECT d.body, a.payload FROM applications a JOIN documents d"
                                 " ON d.id = a.id WHERE a.id=? AND a.receipt IS NOT NULL");
    if (s) {
        bind_text(s, 1, id);
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
    sqlite3_stmt *s = db_prep(u, "SELECT count(*) FROM applications WHERE receipt IS NOT NULL");
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
    sqlite3_stmt *s = db_prep(u, "SELECT coalesce(sum(length(payload)), 0) FROM applications");
    if (s && sqlite3_step(s) == SQLITE_ROW)
        out->bytes_held = (long)sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    pthread_mutex_unlock(&u->mu);
}

int upstream_audit_head(struct upstream *u, const char *kiosk, long long *seq, char hash[65])
{
    int found = 0;
    pthread_mutex_lock(&u->mu);
    sqlite3_stmt *s = db_prep(u, "SELECT seq, hash FROM audit_heads WHERE kiosk = ?");
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
        db_prep(u, "SELECT at, what FROM incidents WHERE kiosk = ? ORDER BY n DESC LIMIT ?");
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
