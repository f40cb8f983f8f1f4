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

int store_outbox_next(struct store *st, int64_t now_ms, struct outbox_item *out)
{
    sqlite3_stmt *s;
    size_t len;
    memset(out, 0, sizeof(*out));
    int rc = store_prepare(st,
                           "SELECT a.id, a.envelope, b.sealed, a.payload_digest, o.attempts, "
                           "o.upload_token, o.upload_offset, a.queued_at FROM outbox o JOIN "
                           "applications a ON a.id = o.app_id LEFT JOIN biometrics b ON "
                           "b.app_id = a.id WHERE o.state = 'pending' AND o.next_at <= ? "
                           "ORDER BY a.queued_at, a.id LIMIT 1",
                           &s);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, now_ms);
    rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        rc = rc == SQLITE_DONE ? STORE_ENOTFOUND : store_map_rc(rc);
        goto out;
    }
    store_col_text(s, 0, out->id, sizeof(out->id));
    unsigned char *env = NULL;
    if ((rc = decrypt_blob(st, s, 1, FIELD_ENVELOPE, out->id, &env, &len)) != 0)
        goto out;
    out->envelope_json = (char *)env;
    if ((rc = decrypt_blob(st, s, 2, FIELD_BIOMETRICS, out->id, &out->payload,
                           &out->payload_len)) != 0)
        goto out;
    store_col_text(s, 3, out->digest, sizeof(out->digest));
    out->attempts = sqlite3_column_int(s, 4);
    store_col_text(s, 5, out->upload_token, sizeof(out->upload_token));
    out->upload_offset = sqlite3_column_int64(s, 6);
    out->queued_at = sqlite3_column_int64(s, 7);
out:
    sqlite3_finalize(s);
    if (rc)
        outbox_item_wipe(out);
    return rc;
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
