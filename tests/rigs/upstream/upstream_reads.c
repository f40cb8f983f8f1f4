/* upstream_reads.c: the reference upstream's answers a kiosk reads back: GET /v1/status
 * (decisions since a sequence number) and POST /v1/corrections (a phone correction, received
 * once). */
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

/* --- GET /v1/status?since=N ------------------------------------------------------------ */

enum MHD_Result up_get_status(struct upstream *u, struct MHD_Connection *conn, struct req *r)
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
    sqlite3_stmt *s = up_db_prep(u, "SELECT seq, id, status, reason_code, reason, at FROM status"
                                    " WHERE station=? AND seq>? ORDER BY seq LIMIT ?");
    if (s && arr) {
        up_bind_text(s, 1, r->station);
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
    return up_answer(
        u, conn, r, 200,
        up_jdump(json_pack("{s:o,s:s,s:b}", "changes", arr, "cursor", cursor, "more", more)));
}

/* --- POST /v1/corrections (sync/PROTOCOL.md §5) ---------------------------------------- */

enum MHD_Result up_post_correction(struct upstream *u, struct MHD_Connection *conn, struct req *r)
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
        return up_answer(u, conn, r, 400, up_err_json("bad_request", "not a correction document"));
    }
    unsigned char h[crypto_hash_sha256_BYTES];
    char digest[65];
    crypto_hash_sha256(h, (const unsigned char *)r->body, r->len);
    sodium_bin2hex(digest, sizeof digest, h, sizeof h);
    unsigned status = 500;
    char *out = NULL;
    pthread_mutex_lock(&u->mu);
    sqlite3_stmt *s = up_db_prep(u, "SELECT digest, receipt FROM corrections WHERE id=?");
    up_bind_text(s, 1, id);
    if (s && sqlite3_step(s) == SQLITE_ROW) {
        if (strcmp((const char *)sqlite3_column_text(s, 0), digest) == 0) {
            status = 200; /* the same correction again: the same up_answer */
            out = strdup((const char *)sqlite3_column_text(s, 1));
            u->stats.replays++;
        } else {
            status = 409;
            out = up_err_json("conflict", "this correction id is known with another content");
        }
    } else {
        sqlite3_finalize(s);
        s = up_db_prep(u, "SELECT 1 FROM applications WHERE id=? AND station=? AND receipt IS NOT "
                          "NULL");
        up_bind_text(s, 1, app);
        up_bind_text(s, 2, r->station);
        if (!s || sqlite3_step(s) != SQLITE_ROW) {
            status = 404;
            out = up_err_json("unknown_application", "no received application with this id");
        } else {
            out = up_jdump(json_pack("{s:s,s:s,s:s,s:I}", "state", "received", "id", id,
                                     "application", app, "received_at", (json_int_t)time_now_ms()));
            sqlite3_finalize(s);
            s = up_db_prep(u, "INSERT INTO corrections VALUES (?, ?, ?, ?, ?, ?, ?)");
            up_bind_text(s, 1, id);
            up_bind_text(s, 2, app);
            up_bind_text(s, 3, r->station);
            up_bind_text(s, 4, digest);
            up_bind_text(s, 5, phone);
            up_bind_text(s, 6, approver);
            up_bind_text(s, 7, out);
            status = out && s && sqlite3_step(s) == SQLITE_DONE ? 201 : 500;
        }
    }
    sqlite3_finalize(s);
    pthread_mutex_unlock(&u->mu);
    json_decref(doc);
    return up_answer(u, conn, r, status, out);
}

int upstream_corrections(struct upstream *u, const char *app_id, char phone[11], char *approver,
                         size_t approver_size)
{
    int n = -1;
    phone[0] = '\0';
    if (approver_size)
        approver[0] = '\0';
    pthread_mutex_lock(&u->mu);
    sqlite3_stmt *s = up_db_prep(u, "SELECT phone, approver FROM corrections WHERE app_id=? ORDER "
                                    "BY rowid");
    if (s) {
        up_bind_text(s, 1, app_id);
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
