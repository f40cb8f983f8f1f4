/* store_handover.c: hand-over by USB stick, what each side remembers (store_handover.h). */
#include "kiosk/store/store_handover.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/store/store_internal.h"

int store_outbox_pending_ids(struct store *st, char **ids, long *n)
{
    sqlite3_stmt *s;
    size_t cap = 64, len = 0;
    *ids = NULL;
    *n = 0;
    int rc = store_prepare(st,
                           "SELECT a.id FROM outbox o JOIN applications a ON a.id = o.app_id "
                           "WHERE o.state = 'pending' ORDER BY a.queued_at, a.id",
                           &s);
    if (rc)
        return rc;
    char *buf = malloc(cap * APP_ID_SIZE);
    if (!buf) {
        sqlite3_finalize(s);
        return STORE_ENOMEM;
    }
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (len == cap) {
            char *b = realloc(buf, cap * 2 * APP_ID_SIZE);
            if (!b) {
                rc = SQLITE_NOMEM;
                break;
            }
            buf = b;
            cap *= 2;
        }
        store_col_text(s, 0, buf + len * APP_ID_SIZE, APP_ID_SIZE);
        len++;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        free(buf);
        return store_map_rc(rc);
    }
    *ids = buf;
    *n = (long)len;
    return 0;
}

int store_handover_mark(struct store *st, const char *ids, long n, const char *bundle,
                        int64_t now_ms)
{
    sqlite3_stmt *s = NULL;
    char detail[160];
    int rc = store_begin(st);
    if (rc)
        return rc;
    if ((rc = store_prepare(st,
                            "INSERT INTO handover_out (app_id, bundle, at) VALUES (?1, ?2, ?3) "
                            "ON CONFLICT (app_id) DO UPDATE SET bundle = ?2, at = ?3, "
                            "times = times + 1",
                            &s)) != 0)
        goto fail;
    for (long i = 0; i < n; i++) {
        sqlite3_reset(s);
        sqlite3_bind_text(s, 1, ids + i * APP_ID_SIZE, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 2, bundle, -1, SQLITE_STATIC);
        sqlite3_bind_int64(s, 3, now_ms);
        if ((rc = store_map_rc(sqlite3_step(s))) != 0)
            goto fail;
    }
    sqlite3_finalize(s);
    s = NULL;
    snprintf(detail, sizeof detail, "%s %ld", bundle, n);
    if ((rc = store_audit_in_txn(st, "field", "bundle.export", NULL, detail, now_ms)) != 0 ||
        (rc = store_commit(st)) != 0)
        goto fail;
    return 0;
fail:
    sqlite3_finalize(s);
    store_rollback(st);
    return rc;
}

static int count_query(struct store *st, const char *sql, const char *arg, const char *arg2,
                       long *count)
{
    sqlite3_stmt *s;
    *count = 0;
    int rc = store_prepare(st, sql, &s);
    if (rc)
        return rc;
    if (arg)
        sqlite3_bind_text(s, 1, arg, -1, SQLITE_STATIC);
    if (arg2)
        sqlite3_bind_text(s, 2, arg2, -1, SQLITE_STATIC);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *count = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? 0 : store_map_rc(rc);
}

int store_handover_unconfirmed(struct store *st, long *count)
{
    return count_query(st,
                       "SELECT count(*) FROM handover_out h JOIN outbox o ON o.app_id = h.app_id "
                       "WHERE o.state = 'pending'",
                       NULL, NULL, count);
}

int store_waiting_each(struct store *st, int (*cb)(const struct store_waiting *w, void *arg),
                       void *arg)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st,
                           "SELECT a.id, coalesce(a.short_no, ''), coalesce(a.queued_at, "
                           "a.created_at), coalesce(h.bundle, ''), coalesce(h.at, 0) "
                           "FROM outbox o JOIN applications a ON a.id = o.app_id "
                           "LEFT JOIN handover_out h ON h.app_id = o.app_id "
                           "WHERE o.state = 'pending' ORDER BY 3, a.id",
                           &s);
    if (rc)
        return rc;
    struct store_waiting w;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        memset(&w, 0, sizeof w);
        store_col_text(s, 0, w.id, sizeof w.id);
        store_col_text(s, 1, w.short_no, sizeof w.short_no);
        w.since_ms = sqlite3_column_int64(s, 2);
        store_col_text(s, 3, w.bundle, sizeof w.bundle);
        w.handed_at = sqlite3_column_int64(s, 4);
        if (cb(&w, arg) != 0) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : store_map_rc(rc);
}

int store_handover_of(struct store *st, const char *id, char bundle[80])
{
    sqlite3_stmt *s;
    char b[80];
    int rc = store_prepare(st, "SELECT bundle FROM handover_out WHERE app_id = ?", &s);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    rc = store_step_text(s, b, sizeof b);
    if (rc == STORE_ENOTFOUND)
        return 0;
    if (rc)
        return rc;
    if (bundle)
        memcpy(bundle, b, sizeof b);
    return 1;
}

/* --- the station kiosk ------------------------------------------------------------------ */

/* The state column's text as the enum; an unknown text is still pending (retried). */
static enum handin_state handin_state_of(const char *text)
{
    return strcmp(text, "done") == 0     ? HANDIN_DONE
           : strcmp(text, "failed") == 0 ? HANDIN_FAILED
                                         : HANDIN_PENDING;
}

/* The hand-in row of id through sql: 1 with *s on it, 0 when there is none, or a store_err.
 * *s is always to be finalized (NULL when it could not be prepared). */
static int handin_row(struct store *st, const char *sql, const char *id, sqlite3_stmt **s)
{
    *s = NULL;
    int rc = store_prepare_id(st, sql, id, s);
    if (rc)
        return rc;
    rc = sqlite3_step(*s);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : store_map_rc(rc);
}

int store_handin_get(struct store *st, const char *id, struct store_handin *out)
{
    sqlite3_stmt *s;
    char state[16];
    memset(out, 0, sizeof *out);
    int rc = handin_row(st,
                        "SELECT state, digest, upload_token, upload_offset FROM handover_in "
                        "WHERE app_id = ?",
                        id, &s);
    if (rc == 1) {
        store_col_text(s, 0, state, sizeof state);
        store_col_text(s, 1, out->digest, sizeof out->digest);
        store_col_text(s, 2, out->upload_token, sizeof out->upload_token);
        out->upload_offset = sqlite3_column_int64(s, 3);
        out->state = handin_state_of(state);
    }
    sqlite3_finalize(s);
    return rc == 1 ? 0 : rc;
}

int store_handin_result(struct store *st, const char *id, enum handin_state *state, char *receipt,
                        size_t receipt_size, char *error, size_t error_size)
{
    sqlite3_stmt *s;
    char st_text[16];
    *state = HANDIN_NEW;
    receipt[0] = error[0] = '\0';
    int rc = handin_row(st,
                        "SELECT state, coalesce(receipt, ''), coalesce(last_error, '') "
                        "FROM handover_in WHERE app_id = ?",
                        id, &s);
    if (rc == 1) {
        store_col_text(s, 0, st_text, sizeof st_text);
        store_col_text(s, 1, receipt, receipt_size);
        store_col_text(s, 2, error, error_size);
        *state = handin_state_of(st_text);
    }
    sqlite3_finalize(s);
    return rc == 1 ? 0 : rc;
}

/* Makes or updates the row of id: state, token and offset, receipt or error. Inside the
 * caller's transaction or on its own. */
static int handin_upsert(struct store *st, const char *id, const char *digest, const char *origin,
                         const char *bundle, const char *state, const char *token, int64_t offset,
                         const char *receipt, const char *error, int64_t now_ms)
{
    sqlite3_stmt *s;
    int rc = store_prepare(
        st,
        "INSERT INTO handover_in (app_id, digest, origin, bundle, state, upload_token, "
        "upload_offset, receipt, last_error, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
        "ON CONFLICT (app_id) DO UPDATE SET state = ?5, upload_token = ?6, upload_offset = ?7, "
        "receipt = ?8, last_error = ?9, at = ?10 WHERE state = 'pending'",
        &s);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, digest, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, origin, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, bundle, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, state, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 6, token ? token : "", -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 7, offset);
    sqlite3_bind_text(s, 8, receipt, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 9, error, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 10, now_ms);
    rc = store_map_rc(sqlite3_step(s));
    sqlite3_finalize(s);
    return rc;
}

int store_handin_progress(struct store *st, const char *id, const char *digest, const char *origin,
                          const char *bundle, const char *token, int64_t offset, int64_t now_ms)
{
    return handin_upsert(st, id, digest, origin, bundle, "pending", token, offset, NULL, NULL,
                         now_ms);
}

/* Closes the row of id (made when first seen) in state, audited as action. */
static int handin_close(struct store *st, const char *id, const char *digest, const char *origin,
                        const char *bundle, const char *state, const char *receipt,
                        const char *error, const char *action, int64_t now_ms)
{
    int rc = store_begin(st);
    if (rc)
        return rc;
    if ((rc = handin_upsert(st, id, digest, origin, bundle, state, "", 0, receipt, error,
                            now_ms)) != 0 ||
        (rc = store_audit_in_txn(st, "sync", action, id, NULL, now_ms)) != 0 ||
        (rc = store_commit(st)) != 0) {
        store_rollback(st);
        return rc;
    }
    return 0;
}

int store_handin_done(struct store *st, const char *id, const char *digest, const char *origin,
                      const char *bundle, const char *receipt, int64_t now_ms)
{
    return handin_close(st, id, digest, origin, bundle, "done", receipt, NULL, "bundle.delivered",
                        now_ms);
}

int store_handin_fail(struct store *st, const char *id, const char *digest, const char *origin,
                      const char *bundle, const char *error, int64_t now_ms)
{
    return handin_close(st, id, digest, origin, bundle, "failed", NULL, error,
                        "bundle.delivery_failed", now_ms);
}

int store_handin_count(struct store *st, const char *origin, enum handin_state state, long *count)
{
    static const char *const names[] = {"", "pending", "done", "failed"};
    if ((unsigned)state > HANDIN_FAILED || state == HANDIN_NEW)
        return STORE_EINVAL;
    if (origin)
        return count_query(st, "SELECT count(*) FROM handover_in WHERE state = ?1 AND origin = ?2",
                           names[state], origin, count);
    return count_query(st, "SELECT count(*) FROM handover_in WHERE state = ?1", names[state], NULL,
                       count);
}
