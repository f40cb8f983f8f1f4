/* upstream_upload.c: the reference upstream receiving applications: POST /v1/applications
 * (the document, with the payload inline or announced) and PATCH /v1/uploads/<token> (the
 * payload resumed at the stored offset), assembled, checked against its digest and opened
 * once. */
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

/* --- POST /v1/applications -------------------------------------------------------------- */

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
    return up_jdump(json_pack("{s:s,s:s,s:s,s:I}", "state", "awaiting_payload", "id", id,
                              "upload_token", token, "offset", (json_int_t)offset));
}

/* Registers (or finds) the application the POST document announces; the up_answer to give
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
        r->post_out = up_err_json("bad_request", "malformed application");
        return;
    }
    char *env_text = json_dumps(env, JSON_COMPACT);
    char *out = NULL;
    unsigned status = 500;
    pthread_mutex_lock(&u->mu);
    sqlite3_stmt *s =
        up_db_prep(u, "SELECT digest, token, offset, receipt FROM applications WHERE id=?");
    if (s && env_text) {
        up_bind_text(s, 1, id);
        int rc = sqlite3_step(s);
        if (rc == SQLITE_ROW) {
            const char *d = (const char *)sqlite3_column_text(s, 0);
            if (strcmp(d, digest) != 0) {
                status = 409;
                u->stats.conflicts++;
                out = up_err_json("conflict", "this id was sent before with another payload");
            } else if (sqlite3_column_type(s, 3) != SQLITE_NULL) {
                status = 200;
                u->stats.replays++;
                out = up_col_dup(s, 3);
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
            sqlite3_stmt *ins = up_db_prep(u, "INSERT INTO applications(id, station, kiosk, digest,"
                                              " length, envelope, token) VALUES(?,?,?,?,?,?,?)");
            if (ins) {
                up_bind_text(ins, 1, id);
                up_bind_text(ins, 2, r->station);
                up_bind_text(ins, 3, r->kiosk);
                up_bind_text(ins, 4, digest);
                sqlite3_bind_int64(ins, 5, length);
                up_bind_text(ins, 6, env_text);
                up_bind_text(ins, 7, token);
                sqlite3_stmt *raw =
                    up_db_prep(u, "INSERT OR REPLACE INTO documents(id, body) VALUES(?,?)");
                if (raw) {
                    up_bind_text(raw, 1, id);
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

enum MHD_Result up_post_app(struct upstream *u, struct MHD_Connection *conn, struct req *r)
{
    if (r->env_len > 0 && r->len < r->env_len) {
        r->post_status = 400;
        r->post_out = up_err_json("bad_request", "body shorter than Envelope-Length");
    } else if (!r->registered) {
        post_register(u, conn, r);
    }
    char *out = r->post_out;
    r->post_out = NULL;
    if (r->inline_ok && r->inline_bytes > 0) {
        free(out); /* the payload came along: up_answer as a PATCH would */
        return up_patch_end(u, conn, r);
    }
    return up_answer(u, conn, r, r->post_status, out);
}

/* Body bytes of a POST: the document, then (with Envelope-Length) the payload inline. */
int up_post_data(struct upstream *u, struct MHD_Connection *conn, struct req *r, const char *data,
                 size_t n)
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
        up_patch_data(u, r, data + take, n - take);
        r->inline_bytes += (int64_t)(n - take);
    }
    return 0;
}

/* --- PATCH /v1/uploads/<token> --------------------------------------------------------- */

/* First call: checks the token and the client's offset against the stored one. */
void up_patch_begin(struct upstream *u, struct MHD_Connection *conn, struct req *r)
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
    sqlite3_stmt *s = up_db_prep(u, "SELECT offset, length, receipt IS NOT NULL FROM applications"
                                    " WHERE token=? AND station=?");
    r->bad_offset = 1;
    r->server_offset = -1;
    if (s) {
        up_bind_text(s, 1, r->token);
        up_bind_text(s, 2, r->station);
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
void up_patch_flush(struct upstream *u, struct req *r)
{
    if (r->buf_len == 0)
        return;
    size_t n = r->buf_len;
    r->buf_len = 0;
    if (r->bad_offset || r->stale)
        return;
    pthread_mutex_lock(&u->mu);
    int ok = up_db_exec(u, "BEGIN IMMEDIATE") == 0;
    sqlite3_stmt *s = ok ? up_db_prep(u, "UPDATE applications SET offset=offset+? WHERE token=?"
                                         " AND offset=? AND receipt IS NULL")
                         : NULL;
    if (s) {
        sqlite3_bind_int64(s, 1, (sqlite3_int64)n);
        up_bind_text(s, 2, r->token);
        sqlite3_bind_int64(s, 3, r->pos);
        ok = sqlite3_step(s) == SQLITE_DONE && sqlite3_changes(u->db) == 1;
    } else {
        ok = 0;
    }
    sqlite3_finalize(s);
    if (ok) {
        s = up_db_prep(u, "INSERT OR REPLACE INTO chunks(token, off, data) VALUES(?,?,?)");
        ok = s != NULL;
        if (s) {
            up_bind_text(s, 1, r->token);
            sqlite3_bind_int64(s, 2, r->pos);
            sqlite3_bind_blob(s, 3, r->buf, (int)n, SQLITE_TRANSIENT);
            ok = sqlite3_step(s) == SQLITE_DONE;
        }
        sqlite3_finalize(s);
    }
    if (ok && up_db_exec(u, "COMMIT") == 0) {
        r->pos += (int64_t)n;
        u->stats.bytes_in += (long)n;
    } else {
        up_db_exec(u, "ROLLBACK");
        r->stale = 1;
    }
    pthread_mutex_unlock(&u->mu);
}

/* Takes one network read of payload bytes: shaped, buffered, flushed by the MiB. */
void up_patch_data(struct upstream *u, struct req *r, const char *data, size_t n)
{
    if (r->bad_offset || r->stale || n == 0)
        return;
    if (r->pos + (int64_t)(r->buf_len + n) > r->length) {
        r->stale = 1; /* more than announced: refuse at the end */
        return;
    }
    if (u->rate > 0) { /* shaping: the bytes occupy the shared link for n/rate seconds */
        pthread_mutex_lock(&u->mu);
        int64_t t = up_now_us();
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
        up_nap(u, (int)(wait / 1000));
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
        up_patch_flush(u, r);
}

/* The payload's format the envelope announces (sync/PROTOCOL.md §2.5): 1 when absent, 0
 * when unreadable or unknown. */
static int payload_format(const char *envelope_json)
{
    json_t *env = json_loads(envelope_json ? envelope_json : "", 0, NULL);
    json_t *f = json_object_get(env, "payload_format");
    int v = !json_is_object(env) ? 0 : !f ? 1 : json_is_integer(f) ? (int)json_integer_value(f) : 0;
    json_decref(env);
    return v == 1 || v == 2 ? v : 0;
}

/* A format 2 payload (§2.5), opened: "KPL2", the header's length, a JSON header naming this
 * application whose parts' lengths add up to the rest exactly. Written here from the
 * protocol, not with the kiosk's parser. The header (JSON, where the chip evidence is) in
 * *header, *header_len; 0 or -1. */
static int payload_v2_check(const unsigned char *p, size_t n, const char *id, const char **header,
                            size_t *header_len)
{
    if (n < 8 || memcmp(p, "KPL2", 4) != 0)
        return -1;
    size_t h = (size_t)p[4] << 24 | (size_t)p[5] << 16 | (size_t)p[6] << 8 | p[7];
    if (h > n - 8)
        return -1;
    json_t *o = json_loadb((const char *)p + 8, h, JSON_REJECT_DUPLICATES, NULL), *part;
    json_t *parts = json_object_get(o, "parts");
    const char *hid = json_string_value(json_object_get(o, "id"));
    json_t *v = json_object_get(o, "v");
    size_t total = 8 + h, i;
    int ok = json_is_integer(v) && json_integer_value(v) == 2 && hid && strcmp(hid, id) == 0 &&
             json_is_array(parts);
    json_array_foreach(parts, i, part)
    {
        json_t *len = json_object_get(part, "length");
        const char *name = json_string_value(json_object_get(part, "name"));
        if (!ok || !name || !json_is_integer(len) || json_integer_value(len) < 0 ||
            (size_t)json_integer_value(len) > n - total) {
            ok = 0;
            break;
        }
        total += (size_t)json_integer_value(len);
    }
    json_decref(o);
    *header = (const char *)p + 8;
    *header_len = h;
    return ok && total == n ? 0 : -1;
}

/* The upload is complete: check it and record the application (caller holds mu). */
/* direct: the whole payload as this request received it, not yet written (the usual case:
 * one request from offset 0), or NULL to assemble it from the chunks table. */
static char *complete_locked(struct upstream *u, const char *token, const char *direct,
                             size_t direct_len, unsigned *status)
{
    *status = 500;
    char *out = NULL;
    sqlite3_stmt *s = up_db_prep(u, "SELECT id, station, digest, length, receipt, envelope"
                                    " FROM applications WHERE token=?");
    sqlite3_stmt *c = NULL;
    unsigned char *buf = NULL, *plain = NULL;
    int64_t length = 0;
    if (!s)
        goto out;
    up_bind_text(s, 1, token);
    if (sqlite3_step(s) != SQLITE_ROW)
        goto out;
    if (sqlite3_column_type(s, 4) != SQLITE_NULL) {
        *status = 200;
        out = up_col_dup(s, 4);
        goto out;
    }
    length = sqlite3_column_int64(s, 3);
    buf = malloc((size_t)length);
    c = up_db_prep(u, direct ? "SELECT offset, 0 FROM applications WHERE token=? AND offset=0"
                             : "SELECT off, data FROM chunks WHERE token=? ORDER BY off");
    if (!buf || !c)
        goto out;
    up_bind_text(c, 1, token);
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
    /* format 1: the JSON document itself; format 2: its header carries the chip evidence */
    const char *evidence_doc = (const char *)plain;
    size_t evidence_len = plen;
    int format = payload_format((const char *)sqlite3_column_text(s, 5));
    if (good &&
        (format == 0 ||
         (format == 2 && payload_v2_check(plain, plen, (const char *)sqlite3_column_text(s, 0),
                                          &evidence_doc, &evidence_len) != 0)))
        good = 0;
    /* the chip's claims against its own signed data, while the payload is open */
    struct upev_result verdict = {{0}, {0}};
    int refused = 0;
    if (good && u->trust) {
        refused = upev_verify(u->trust, (const char *)sqlite3_column_text(s, 0),
                              (const char *)sqlite3_column_text(s, 5), evidence_doc, evidence_len,
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
        sqlite3_stmt *z = up_db_prep(u, "UPDATE applications SET offset=0 WHERE token=?");
        sqlite3_stmt *d = up_db_prep(u, "DELETE FROM chunks WHERE token=?");
        if (z && d) {
            up_bind_text(z, 1, token);
            up_bind_text(d, 1, token);
            sqlite3_step(z);
            sqlite3_step(d);
        }
        sqlite3_finalize(z);
        sqlite3_finalize(d);
        u->stats.bad_payloads++;
        *status = 422;
        out = up_err_json("bad_payload", "digest mismatch, sealed box does not open, or not "
                                         "the payload format the envelope says");
        goto out;
    }
    char receipt[48], when[32];
    int64_t t = time_now_ms();
    time_t secs = (time_t)(t / 1000);
    struct tm tm;
    gmtime_r(&secs, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    snprintf(receipt, sizeof receipt, "R-%lld-%ld", (long long)t, u->stats.received + 1);
    const char *id = (const char *)sqlite3_column_text(s, 0);
    out = up_jdump(json_pack("{s:s,s:s,s:s,s:s,s:s}", "state", "received", "id", id, "receipt",
                             receipt, "received_at", when, "digest", hex));
    sqlite3_stmt *up = up_db_prep(u, "UPDATE applications SET payload=?, receipt=?, received_at=?,"
                                     " deliveries=deliveries+1, offset=length WHERE token=?");
    sqlite3_stmt *st = up_db_prep(u, "INSERT INTO status(id, station, status, at)"
                                     " VALUES(?,?,'submitted',?)");
    sqlite3_stmt *del = up_db_prep(u, "DELETE FROM chunks WHERE token=?");
    sqlite3_stmt *rej = refused > 0 ? up_db_prep(u, "INSERT INTO status(id, station, status,"
                                                    " reason_code, reason, at)"
                                                    " VALUES(?,?,'rejected',?,?,?)")
                                    : NULL;
    int ok =
        out && up && st && del && (refused <= 0 || rej) && up_db_exec(u, "SAVEPOINT done") == 0;
    if (ok) {
        sqlite3_bind_blob(up, 1, buf, (int)length, SQLITE_TRANSIENT);
        up_bind_text(up, 2, out);
        sqlite3_bind_int64(up, 3, t);
        up_bind_text(up, 4, token);
        up_bind_text(st, 1, id);
        sqlite3_bind_text(st, 2, (const char *)sqlite3_column_text(s, 1), -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 3, t);
        up_bind_text(del, 1, token);
        ok = sqlite3_step(up) == SQLITE_DONE && sqlite3_step(st) == SQLITE_DONE &&
             sqlite3_step(del) == SQLITE_DONE;
        if (ok && rej) { /* received, then rejected: the kiosk learns it by the status pull */
            up_bind_text(rej, 1, id);
            sqlite3_bind_text(rej, 2, (const char *)sqlite3_column_text(s, 1), -1,
                              SQLITE_TRANSIENT);
            up_bind_text(rej, 3, verdict.code);
            up_bind_text(rej, 4, verdict.reason);
            sqlite3_bind_int64(rej, 5, t);
            ok = sqlite3_step(rej) == SQLITE_DONE;
        }
        up_db_exec(u, ok ? "RELEASE done" : "ROLLBACK TO done");
        if (!ok)
            up_db_exec(u, "RELEASE done");
    }
    sqlite3_finalize(up);
    sqlite3_finalize(st);
    sqlite3_finalize(del);
    sqlite3_finalize(rej);
    if (ok) {
        u->stats.received++;
        u->stats.payload_v2 += format == 2;
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

enum MHD_Result up_patch_end(struct upstream *u, struct MHD_Connection *conn, struct req *r)
{
    if (!r->bad_offset && !r->stale && r->server_offset >= 0 && r->pos == 0 &&
        (int64_t)r->buf_len == r->length) {
        /* the whole payload in this one request: check and keep it without the chunks */
        unsigned status;
        pthread_mutex_lock(&u->mu);
        char *out = complete_locked(u, r->token, r->buf, r->buf_len, &status);
        pthread_mutex_unlock(&u->mu);
        r->buf_len = 0;
        return up_answer(u, conn, r, status, out);
    }
    up_patch_flush(u, r);
    if (r->server_offset < 0)
        return up_answer(u, conn, r, 404, up_err_json("unknown_upload", "no such upload token"));
    if (r->bad_offset || r->stale) {
        pthread_mutex_lock(&u->mu);
        int64_t off = -1;
        sqlite3_stmt *s = up_db_prep(u, "SELECT offset FROM applications WHERE token=?");
        if (s) {
            up_bind_text(s, 1, r->token);
            if (sqlite3_step(s) == SQLITE_ROW)
                off = sqlite3_column_int64(s, 0);
        }
        sqlite3_finalize(s);
        pthread_mutex_unlock(&u->mu);
        return up_answer(u, conn, r, 409,
                         up_jdump(json_pack("{s:s,s:I}", "error", "offset_mismatch", "offset",
                                            (json_int_t)off)));
    }
    if (r->pos < r->length)
        return up_answer(
            u, conn, r, 200,
            up_jdump(json_pack("{s:s,s:s,s:I}", "state", "awaiting_payload", "upload_token",
                               r->token, "offset", (json_int_t)r->pos)));
    unsigned status;
    pthread_mutex_lock(&u->mu);
    char *out = complete_locked(u, r->token, NULL, 0, &status);
    pthread_mutex_unlock(&u->mu);
    return up_answer(u, conn, r, status, out);
}
