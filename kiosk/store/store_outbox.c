/* store_outbox.c: the sync outbox: which applications are due for upload, and what became
 * of each attempt.
 *
 * An outbox row is 'pending' from queuing until the upstream's receipt ('done') or a refusal
 * retrying cannot fix ('failed'). The application's status moves with it: queued →
 * uploading (first attempt) → submitted, and back to queued when an attempt fails, so a
 * kiosk killed mid-upload finds the row again at the next start, with the server's upload
 * token and confirmed offset to resume from. */
#include "kiosk/store/store_internal.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/model/timefmt.h"

void outbox_item_wipe(struct outbox_item *it)
{
    if (it->envelope_json) {
        sodium_memzero(it->envelope_json, strlen(it->envelope_json));
        free(it->envelope_json);
    }
    free(it->payload);
    memset(it, 0, sizeof(*it));
}

static int decrypt_blob(struct store *st, sqlite3_stmt *s, int col, const char *field,
                        const char *id, unsigned char **out, size_t *len)
{
    const unsigned char *blob = sqlite3_column_blob(s, col);
    if (!blob)
        return STORE_ECORRUPT;
    return store_decrypt_field(st, field, id, blob, (size_t)sqlite3_column_bytes(s, col), out, len);
}

/* The sealed payload of the row s stands on into *out, checked to be the one queued for
 * out->id. Format 2 is bound to its row by its digest alone: the row's payload_digest and
 * the keyed audit row that queued it (a payload moved from another row, or altered, or
 * with the row's digest edited to match, is refused). Format 1 is also decrypted for the
 * disk, bound to its row by the AEAD's associated data. 0, STORE_EPAYLOAD or an error. */
static int read_payload(struct store *st, sqlite3_stmt *s, struct outbox_item *out)
{
    char digest[65];
    int rc;
    if (out->payload_format == 1) {
        if ((rc = decrypt_blob(st, s, 2, FIELD_BIOMETRICS, out->id, &out->payload,
                               &out->payload_len)) != 0)
            return rc == STORE_ECORRUPT ? STORE_EPAYLOAD : rc;
    } else if (out->payload_format == 2 && sqlite3_column_type(s, 10) == SQLITE_INTEGER) {
        const unsigned char *blob = sqlite3_column_blob(s, 2);
        size_t n = (size_t)sqlite3_column_bytes(s, 2);
        if (!blob)
            return STORE_EPAYLOAD;
        if (!(out->payload = malloc(n ? n : 1)))
            return STORE_ENOMEM;
        memcpy(out->payload, blob, n);
        out->payload_len = n;
        if ((rc = store_audit_queued(st, sqlite3_column_int64(s, 10), out->id, out->digest)) != 0)
            return rc;
    } else {
        return STORE_EPAYLOAD;
    }
    seal_sha256_hex(out->payload, out->payload_len, digest);
    return strcmp(digest, out->digest) == 0 ? 0 : STORE_EPAYLOAD;
}

/* The outbox row the statement (already bound) selects, decrypted into *out. When its
 * payload is not the one queued (STORE_EPAYLOAD), its id goes to refused (may be NULL). */
static int outbox_load(struct store *st, sqlite3_stmt *s, struct outbox_item *out,
                       char refused[APP_ID_SIZE])
{
    size_t len;
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        rc = rc == SQLITE_DONE ? STORE_ENOTFOUND : store_map_rc(rc);
        goto out;
    }
    store_col_text(s, 0, out->id, sizeof(out->id));
    unsigned char *env = NULL;
    if ((rc = decrypt_blob(st, s, 1, FIELD_ENVELOPE, out->id, &env, &len)) != 0)
        goto out;
    out->envelope_json = (char *)env;
    store_col_text(s, 3, out->digest, sizeof(out->digest));
    out->payload_format = sqlite3_column_int(s, 9);
    if ((rc = read_payload(st, s, out)) != 0)
        goto out;
    out->attempts = sqlite3_column_int(s, 4);
    store_col_text(s, 5, out->upload_token, sizeof(out->upload_token));
    out->upload_offset = sqlite3_column_int64(s, 6);
    out->queued_at = sqlite3_column_int64(s, 7);
    out->handed_over = sqlite3_column_int(s, 8);
out:
    store_release(st, s);
    if (rc == STORE_EPAYLOAD && refused)
        memcpy(refused, out->id, APP_ID_SIZE);
    if (rc)
        outbox_item_wipe(out);
    return rc;
}

#define OUTBOX_SELECT                                                                              \
    "SELECT a.id, a.envelope, b.sealed, a.payload_digest, o.attempts, o.upload_token, "            \
    "o.upload_offset, a.queued_at, h.app_id IS NOT NULL, b.format, b.audit_seq FROM outbox o "     \
    "JOIN applications a ON "                                                                      \
    "a.id = o.app_id LEFT JOIN biometrics b ON b.app_id = a.id LEFT JOIN handover_out h ON "       \
    "h.app_id = a.id "

/* The next due row not among the ids of the JSON array ?2 (claims in flight). */
static int outbox_next_except(struct store *st, int64_t now_ms, const char *except_json,
                              struct outbox_item *out)
{
    sqlite3_stmt *s;
    memset(out, 0, sizeof(*out));
    int rc = store_cached(st,
                          OUTBOX_SELECT "WHERE o.state = 'pending' AND o.next_at <= ?1 "
                                        "AND o.app_id NOT IN (SELECT value FROM json_each(?2)) "
                                        "ORDER BY a.queued_at, a.id LIMIT 1",
                          &s);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, now_ms);
    sqlite3_bind_text(s, 2, except_json, -1, SQLITE_STATIC);
    char refused[APP_ID_SIZE];
    rc = outbox_load(st, s, out, refused);
    /* nothing is sent of it, ever: it no longer stands in the way of the others, and the
     * officer gets a notice (kind "failed") with the reason */
    if (rc == STORE_EPAYLOAD)
        store_outbox_fail(st, refused, store_strerror(rc), now_ms);
    return rc;
}

int store_outbox_get(struct store *st, const char *id, struct outbox_item *out)
{
    sqlite3_stmt *s;
    memset(out, 0, sizeof(*out));
    int rc = store_prepare(st, OUTBOX_SELECT "WHERE o.state = 'pending' AND o.app_id = ?", &s);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    return outbox_load(st, s, out, NULL);
}

int store_outbox_next(struct store *st, int64_t now_ms, struct outbox_item *out)
{
    return outbox_next_except(st, now_ms, "[]", out);
}

int store_outbox_claim(struct store *st, struct outbox_claims *c, int64_t now_ms,
                       struct outbox_item *out)
{
    /* ids are UUIDs: nothing to escape in the JSON array */
    char except[2 + OUTBOX_CLAIMS_MAX * (APP_ID_SIZE + 3)];
    size_t n = 0;
    memset(out, 0, sizeof(*out));
    if (c->n >= OUTBOX_CLAIMS_MAX)
        return STORE_EBUSY;
    except[n++] = '[';
    for (int i = 0; i < c->n; i++)
        n += (size_t)snprintf(except + n, sizeof except - n, "%s\"%s\"", i ? "," : "", c->ids[i]);
    except[n++] = ']';
    except[n] = '\0';
    int rc = outbox_next_except(st, now_ms, except, out);
    if (rc == 0)
        memcpy(c->ids[c->n++], out->id, APP_ID_SIZE);
    return rc;
}

void store_outbox_release(struct outbox_claims *c, const char *id)
{
    for (int i = 0; i < c->n; i++) {
        if (strcmp(c->ids[i], id) == 0) {
            memmove(c->ids[i], c->ids[i + 1], (size_t)(c->n - i - 1) * APP_ID_SIZE);
            c->n--;
            return;
        }
    }
}

/* Runs one UPDATE on the outbox row of id and requires it to exist. */
static int outbox_update(struct store *st, const char *sql, const char *id, const char *text,
                         int64_t n)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, sql, &s);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, text, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, n);
    return store_step_changed(st, s);
}

int store_outbox_begin(struct store *st, const char *id, int64_t now_ms)
{
    int rc = store_begin(st);
    if (rc)
        return rc;
    rc = store_status_in_txn(st, id, APP_UPLOADING, NULL, NULL, "sync", now_ms);
    return store_end(st, rc);
}

int store_outbox_progress(struct store *st, const char *id, const char *token, int64_t offset)
{
    return outbox_update(st,
                         "UPDATE outbox SET upload_token = ?2, upload_offset = ?3 WHERE app_id = "
                         "?1 AND state = 'pending'",
                         id, token ? token : "", offset);
}

int store_outbox_done(struct store *st, const char *id, const char *receipt_json, int64_t now_ms)
{
    int rc = store_begin(st);
    if (rc)
        return rc;
    if ((rc = outbox_update(st,
                            "UPDATE outbox SET state = 'done', receipt = ?2, last_error = NULL, "
                            "next_at = ?3 WHERE app_id = ?1 AND state = 'pending'",
                            id, receipt_json, now_ms)) == 0 &&
        (rc = store_status_in_txn(st, id, APP_SUBMITTED, NULL, NULL, "sync", now_ms)) == 0)
        rc = store_audit_in_txn(st, "sync", "app.submitted", id, NULL, now_ms);
    return store_end(st, rc);
}

int store_outbox_retry(struct store *st, const char *id, int64_t next_ms, const char *error)
{
    int rc = store_begin(st);
    if (rc)
        return rc;
    if ((rc = outbox_update(st,
                            "UPDATE outbox SET attempts = attempts + 1, last_error = ?2, "
                            "next_at = ?3 WHERE app_id = ?1 AND state = 'pending'",
                            id, error, next_ms)) == 0)
        rc = store_status_in_txn(st, id, APP_QUEUED, NULL, NULL, "sync", time_now_ms());
    return store_end(st, rc);
}

int store_outbox_fail(struct store *st, const char *id, const char *error, int64_t now_ms)
{
    int rc = store_begin(st);
    if (rc)
        return rc;
    if ((rc = outbox_update(st,
                            "UPDATE outbox SET state = 'failed', attempts = attempts + 1, "
                            "last_error = ?2, next_at = ?3 WHERE app_id = ?1 AND state = "
                            "'pending'",
                            id, error, now_ms)) != 0 ||
        (rc = store_status_in_txn(st, id, APP_QUEUED, NULL, NULL, "sync", now_ms)) != 0)
        goto fail;
    rc = store_notice_add(st, id, "failed", error, now_ms);
    if (rc == 0)
        rc = store_audit_in_txn(st, "sync", "app.delivery_failed", id, NULL, now_ms);
fail:
    return store_end(st, rc);
}

int store_outbox_pending(struct store *st, long *count)
{
    sqlite3_stmt *s;
    *count = 0;
    int rc = store_prepare(st, "SELECT count(*) FROM outbox WHERE state = 'pending'", &s);
    if (rc)
        return rc;
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *count = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? 0 : store_map_rc(rc);
}

int store_outbox_due(struct store *st, int64_t now_ms, long *count)
{
    sqlite3_stmt *s;
    *count = 0;
    int rc = store_prepare(
        st, "SELECT count(*) FROM outbox WHERE state = 'pending' AND next_at <= ?", &s);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, now_ms);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *count = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? 0 : store_map_rc(rc);
}
