/* store_phonefix.c: phone corrections and their outbox (store_phonefix.h). */
#include "kiosk/store/store_internal.h"

#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/model/app_json.h"
#include "kiosk/model/validate.h"
#include "kiosk/store/store_phonefix.h"

static const char *const state_names[] = {"pending", "delivered", "failed"};

/* Re-encrypts the JSON column col of application id with its phone replaced. */
static int rewrite_phone(struct store *st, const char *id, const char *col, const char *phone,
                         char old_phone[11])
{
    const char *field = strcmp(col, "personal") == 0 ? FIELD_PERSONAL : FIELD_ENVELOPE;
    char sql[128];
    sqlite3_stmt *s;
    snprintf(sql, sizeof sql, "SELECT %s FROM applications WHERE id = ?", col);
    int rc = store_prepare(st, sql, &s);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    rc = sqlite3_step(s);
    if (rc != SQLITE_ROW || sqlite3_column_type(s, 0) == SQLITE_NULL) {
        sqlite3_finalize(s);
        return rc == SQLITE_ROW    ? STORE_EINVAL
               : rc == SQLITE_DONE ? STORE_ENOTFOUND
                                   : store_map_rc(rc);
    }
    unsigned char *plain = NULL, *enc = NULL;
    size_t plen = 0, elen = 0;
    struct application app;
    app_init(&app);
    rc = store_decrypt_field(st, field, id, sqlite3_column_blob(s, 0),
                             (size_t)sqlite3_column_bytes(s, 0), &plain, &plen);
    sqlite3_finalize(s);
    if (rc == 0 && app_envelope_from_json((const char *)plain, &app, NULL, 0) != 0)
        rc = STORE_ECORRUPT;
    if (plain) {
        sodium_memzero(plain, plen);
        free(plain);
    }
    char *json = NULL;
    if (rc == 0) {
        if (old_phone)
            memcpy(old_phone, app.phone, sizeof app.phone);
        snprintf(app.phone, sizeof app.phone, "%s", phone);
        json = app_envelope_to_json(&app);
        rc = json ? store_encrypt_field(st, field, id, json, strlen(json), &enc, &elen)
                  : STORE_ENOMEM;
    }
    app_wipe(&app);
    if (json) {
        sodium_memzero(json, strlen(json));
        free(json);
    }
    if (rc == 0) {
        snprintf(sql, sizeof sql, "UPDATE applications SET %s = ? WHERE id = ?", col);
        if ((rc = store_prepare(st, sql, &s)) == 0) {
            sqlite3_bind_blob(s, 1, enc, (int)elen, SQLITE_STATIC);
            sqlite3_bind_text(s, 2, id, -1, SQLITE_STATIC);
            rc = store_map_rc(sqlite3_step(s));
            sqlite3_finalize(s);
        }
    }
    free(enc);
    return rc;
}

int store_phonefix_add(struct store *st, const char *app_id, const char *new_phone,
                       const char *reason, const char *officer, const char *approver,
                       int64_t now_ms, char id_out[APP_ID_SIZE])
{
    char phone[11], old_phone[11] = "", idx[65], status[16];
    id_out[0] = '\0';
    if (val_phone(new_phone, phone) != MSG_NONE || !reason || !reason[0] || strlen(reason) > 255 ||
        !officer || !officer[0])
        return STORE_EINVAL;
    if (!approver || strcmp(approver, officer) == 0 || !store_is_supervisor(st, approver))
        return STORE_EROLE;
    int rc = store_begin(st);
    if (rc)
        return rc;
    sqlite3_stmt *s;
    if ((rc = store_prepare(st, "SELECT status FROM applications WHERE id = ? AND purged = 0",
                            &s)) != 0)
        goto fail;
    sqlite3_bind_text(s, 1, app_id, -1, SQLITE_STATIC);
    if ((rc = store_step_text(s, status, sizeof status)) != 0)
        goto fail;
    if (strcmp(status, "submitted") != 0 && strcmp(status, "processing") != 0 &&
        strcmp(status, "approved") != 0) {
        rc = STORE_EINVAL;
        goto fail;
    }
    if ((rc = rewrite_phone(st, app_id, "personal", phone, old_phone)) != 0 ||
        (rc = rewrite_phone(st, app_id, "envelope", phone, NULL)) != 0)
        goto fail;
    if (strcmp(old_phone, phone) == 0) {
        rc = STORE_EINVAL;
        goto fail;
    }
    store_phone_index(st, phone, idx);
    if ((rc = store_prepare(st, "UPDATE applications SET phone_index = ? WHERE id = ?", &s)) != 0)
        goto fail;
    sqlite3_bind_text(s, 1, idx, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, app_id, -1, SQLITE_STATIC);
    rc = store_map_rc(sqlite3_step(s));
    sqlite3_finalize(s);
    if (rc)
        goto fail;

    json_t *j = json_pack("{s:s,s:s,s:s}", "old", old_phone, "new", phone, "reason", reason);
    char *detail = j ? json_dumps(j, JSON_COMPACT) : NULL;
    json_decref(j);
    unsigned char *enc = NULL;
    size_t elen = 0;
    app_new_id(id_out, now_ms);
    rc = detail
             ? store_encrypt_field(st, FIELD_PHONEFIX, id_out, detail, strlen(detail), &enc, &elen)
             : STORE_ENOMEM;
    if (detail) {
        sodium_memzero(detail, strlen(detail));
        free(detail);
    }
    if (rc)
        goto fail;
    if ((rc = store_prepare(st,
                            "INSERT INTO phone_corrections (id, app_id, created_at, officer, "
                            "approver, detail, state, next_at) VALUES (?, ?, ?, ?, ?, ?, "
                            "'pending', ?)",
                            &s)) == 0) {
        sqlite3_bind_text(s, 1, id_out, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 2, app_id, -1, SQLITE_STATIC);
        sqlite3_bind_int64(s, 3, now_ms);
        sqlite3_bind_text(s, 4, officer, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 5, approver, -1, SQLITE_STATIC);
        sqlite3_bind_blob(s, 6, enc, (int)elen, SQLITE_STATIC);
        sqlite3_bind_int64(s, 7, now_ms);
        rc = store_map_rc(sqlite3_step(s));
        sqlite3_finalize(s);
    }
    free(enc);
    char audit[96];
    snprintf(audit, sizeof audit, "correction=%s approver=%s", id_out, approver);
    if (rc == 0)
        rc = store_audit_in_txn(st, officer, "phone.correct", app_id, audit, now_ms);
fail:
    if ((rc = store_end(st, rc)) != 0)
        id_out[0] = '\0';
    return rc;
}

#define PHONEFIX_COLS                                                                              \
    "SELECT id, app_id, created_at, officer, approver, detail, state, attempts, delivered_at, "    \
    "last_error FROM phone_corrections "

static int read_fix(struct store *st, sqlite3_stmt *s, struct phonefix *out)
{
    char state[16];
    memset(out, 0, sizeof *out);
    store_col_text(s, 0, out->id, sizeof out->id);
    store_col_text(s, 1, out->app_id, sizeof out->app_id);
    out->created_at = sqlite3_column_int64(s, 2);
    store_col_text(s, 3, out->officer, sizeof out->officer);
    store_col_text(s, 4, out->approver, sizeof out->approver);
    store_col_text(s, 6, state, sizeof state);
    out->state = strcmp(state, "delivered") == 0 ? PHONEFIX_DELIVERED
                 : strcmp(state, "failed") == 0  ? PHONEFIX_FAILED
                                                 : PHONEFIX_PENDING;
    out->attempts = sqlite3_column_int(s, 7);
    out->delivered_at = sqlite3_column_int64(s, 8);
    store_col_text(s, 9, out->last_error, sizeof out->last_error);
    unsigned char *plain = NULL;
    size_t plen = 0;
    const void *blob = sqlite3_column_blob(s, 5);
    if (!blob)
        return STORE_ECORRUPT;
    int drc = store_decrypt_field(st, FIELD_PHONEFIX, out->id, blob,
                                  (size_t)sqlite3_column_bytes(s, 5), &plain, &plen);
    if (drc)
        return drc;
    json_error_t je;
    json_t *j = json_loadb((const char *)plain, plen, 0, &je);
    sodium_memzero(plain, plen);
    free(plain);
    const char *o = NULL, *n = NULL, *r = NULL;
    int rc = j && json_unpack(j, "{s:s,s:s,s:s}", "old", &o, "new", &n, "reason", &r) == 0
                 ? 0
                 : STORE_ECORRUPT;
    if (rc == 0) {
        snprintf(out->old_phone, sizeof out->old_phone, "%s", o);
        snprintf(out->new_phone, sizeof out->new_phone, "%s", n);
        snprintf(out->reason, sizeof out->reason, "%s", r);
    }
    json_decref(j);
    return rc;
}

int store_phonefix_next(struct store *st, int64_t now_ms, struct phonefix *out)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st,
                           PHONEFIX_COLS "WHERE state = 'pending' AND next_at <= ? ORDER BY "
                                         "created_at, id LIMIT 1",
                           &s);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, now_ms);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        rc = read_fix(st, s, out);
    else
        rc = rc == SQLITE_DONE ? STORE_ENOTFOUND : store_map_rc(rc);
    sqlite3_finalize(s);
    return rc;
}

/* Moves correction id (pending) on: sql binds ?1 id, ?2 text, ?3 time. */
static int fix_update(struct store *st, const char *sql, const char *id, const char *text,
                      int64_t t, const char *audit_action, const char *notice)
{
    sqlite3_stmt *s;
    int rc = store_begin(st);
    if (rc)
        return rc;
    if ((rc = store_prepare(st, sql, &s)) != 0)
        goto fail;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, text, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, t);
    if ((rc = store_step_changed(st, s)) != 0)
        goto fail;
    if (audit_action || notice) {
        char app_id[APP_ID_SIZE];
        if ((rc = store_prepare(st, "SELECT app_id FROM phone_corrections WHERE id = ?", &s)) != 0)
            goto fail;
        sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
        if ((rc = store_step_text(s, app_id, sizeof app_id)) != 0)
            goto fail;
        char detail[64];
        snprintf(detail, sizeof detail, "correction=%s", id);
        if (audit_action &&
            (rc = store_audit_in_txn(st, "sync", audit_action, app_id, detail, t)) != 0)
            goto fail;
        if (notice) {
            if ((rc = store_prepare(st,
                                    "INSERT INTO notices (at, app_id, kind, text) VALUES (?, ?, "
                                    "'failed', ?)",
                                    &s)) != 0)
                goto fail;
            sqlite3_bind_int64(s, 1, t);
            sqlite3_bind_text(s, 2, app_id, -1, SQLITE_STATIC);
            sqlite3_bind_text(s, 3, notice, -1, SQLITE_STATIC);
            rc = store_map_rc(sqlite3_step(s));
            sqlite3_finalize(s);
            if (rc)
                goto fail;
        }
    }
fail:
    return store_end(st, rc);
}

int store_phonefix_done(struct store *st, const char *id, int64_t now_ms)
{
    return fix_update(st,
                      "UPDATE phone_corrections SET state = 'delivered', delivered_at = ?3, "
                      "last_error = ?2 WHERE id = ?1 AND state = 'pending'",
                      id, NULL, now_ms, "phone.delivered", NULL);
}

int store_phonefix_retry(struct store *st, const char *id, int64_t next_ms, const char *error)
{
    return fix_update(st,
                      "UPDATE phone_corrections SET attempts = attempts + 1, last_error = ?2, "
                      "next_at = ?3 WHERE id = ?1 AND state = 'pending'",
                      id, error, next_ms, NULL, NULL);
}

int store_phonefix_fail(struct store *st, const char *id, const char *error, int64_t now_ms)
{
    char notice[200];
    snprintf(notice, sizeof notice, "phone correction refused: %s", error ? error : "");
    return fix_update(st,
                      "UPDATE phone_corrections SET state = 'failed', last_error = ?2, next_at = "
                      "?3 WHERE id = ?1 AND state = 'pending'",
                      id, error, now_ms, "phone.refused", notice);
}

int store_phonefix_list(struct store *st, const char *app_id, struct phonefix *out, int max)
{
    sqlite3_stmt *s;
    int n = 0;
    int rc = store_prepare(st, PHONEFIX_COLS "WHERE app_id = ? ORDER BY created_at, id", &s);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, app_id, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW && n < max) {
        int r = read_fix(st, s, &out[n]);
        if (r) {
            sqlite3_finalize(s);
            return r;
        }
        n++;
    }
    sqlite3_finalize(s);
    rc = store_map_rc(rc);
    return rc ? rc : n;
}

int store_phonefix_pending(struct store *st, long *count)
{
    sqlite3_stmt *s;
    *count = 0;
    int rc =
        store_prepare(st, "SELECT count(*) FROM phone_corrections WHERE state = 'pending'", &s);
    if (rc)
        return rc;
    if ((rc = sqlite3_step(s)) == SQLITE_ROW)
        *count = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? 0 : store_map_rc(rc);
}

const char *phonefix_state_name(enum phonefix_state s)
{
    return s <= PHONEFIX_FAILED ? state_names[s] : "";
}
