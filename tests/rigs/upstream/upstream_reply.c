/* upstream_reply.c: what the reference upstream does to every request before and while it
 * answers: the faults drawn or scripted, the shaped link (rate, round trips, a new
 * connection's handshakes and slow start, resets and stalls), the answers themselves, the
 * client certificate's name, and the SQLite helpers. */
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

int64_t up_now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Sleeps ms, in slices, so that upstream_stop() is not held up by a stalled connection. */
void up_nap(struct upstream *u, int ms)
{
    while (ms > 0 && !u->stopping) {
        int step = ms > 20 ? 20 : ms;
        usleep((useconds_t)step * 1000);
        ms -= step;
    }
}

uint64_t up_rng_next(struct upstream *u)
{
    /* xorshift64*: test randomness only */
    u->rng ^= u->rng >> 12;
    u->rng ^= u->rng << 25;
    u->rng ^= u->rng >> 27;
    return u->rng * 2685821657736338717ULL;
}

/* Draws the fault for a new request (caller holds mu). refuse_only: at accept time. */
enum upstream_fault up_draw_fault(struct upstream *u, int at_accept, int *after)
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
    if ((double)(up_rng_next(u) >> 11) / 9007199254740992.0 >= u->fault_p)
        return UPSTREAM_FAULT_NONE;
    if (at_accept) /* refusals are drawn with the same weight as the others */
        return up_rng_next(u) % (UPSTREAM_FAULT_COUNT - 1) == 0 ? UPSTREAM_FAULT_REFUSE
                                                                : UPSTREAM_FAULT_NONE;
    *after = (int)(up_rng_next(u) & 1);
    return (enum upstream_fault)(UPSTREAM_FAULT_500 +
                                 up_rng_next(u) % (UPSTREAM_FAULT_COUNT - UPSTREAM_FAULT_500));
}

/* --- SQLite ---------------------------------------------------------------------------- */

int up_db_exec(struct upstream *u, const char *sql)
{
    return sqlite3_exec(u->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

sqlite3_stmt *up_db_prep(struct upstream *u, const char *sql)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(u->db, sql, -1, &s, NULL) != SQLITE_OK)
        return NULL;
    return s;
}

void up_bind_text(sqlite3_stmt *s, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(s, i);
}

char *up_col_dup(sqlite3_stmt *s, int i)
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

/* Queues status + JSON text (taken), applying the request's up_answer-time fault. */
enum MHD_Result up_answer(struct upstream *u, struct MHD_Connection *conn, struct req *r,
                          unsigned status, char *json)
{
    enum MHD_Result ret = MHD_NO;
    struct MHD_Response *resp = NULL;
    if (!json)
        json = strdup("{\"error\":\"internal\"}");
    if (!json)
        return MHD_NO;
    if (u->latency_ms > 0)
        up_nap(u, u->latency_ms);
    if (r->loss == LOSS_STALL)
        up_nap(u, u->loss_stall_ms);
    switch (r->fault) {
    case UPSTREAM_FAULT_500:
    case UPSTREAM_FAULT_503:
        free(json);
        status = r->fault == UPSTREAM_FAULT_500 ? 500 : 503;
        json = strdup("{\"error\":\"unavailable\"}");
        break;
    case UPSTREAM_FAULT_STALL:
        up_nap(u, u->stall_ms);
        free(json);
        return MHD_NO;
    case UPSTREAM_FAULT_GARBAGE:
        free(json);
        status = 200;
        json = strdup("<html><body>Gateway says hello \x01\x02\xff</body>");
        break;
    case UPSTREAM_FAULT_SLOW:
        up_nap(u, u->slow_ms);
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
        snprintf(ra, sizeof ra, "%d", r->retry_after_s > 0 ? r->retry_after_s : u->retry_after_s);
        MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER, ra);
    }
    ret = MHD_queue_response(conn, status, resp);
    MHD_destroy_response(resp);
    return ret;
}

char *up_jdump(json_t *j)
{
    char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;
    json_decref(j);
    return s;
}

char *up_err_json(const char *code, const char *msg)
{
    return up_jdump(json_pack("{s:s,s:s}", "error", code, "message", msg));
}

/* --- client certificate ---------------------------------------------------------------- */

/* 0 when the peer presented a certificate chaining to our CA; its CN in cn. */
int up_peer_cn(struct MHD_Connection *conn, char *cn, size_t size)
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
int up_proxy_cn(struct upstream *u, struct MHD_Connection *conn, char *cn, size_t size)
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
