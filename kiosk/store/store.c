/* store.c: the store's connection, applications, listings, statuses, notices, state and
 * retention.
 *
 * What is durable when a call returns 0: everything it wrote. The database runs in WAL mode
 * with synchronous=FULL, so every COMMIT is on disk (fsync of the WAL) before it returns,
 * foreign keys on and secure_delete on (purged data is overwritten, not left in free pages).
 * Every write is one transaction: on any error it is rolled back and nothing of it is seen.
 *
 * Personal data is stored only encrypted (seal.h): "personal" holds the few fields listings
 * need, "envelope" the whole envelope, and the table biometrics the payload sealed to the
 * upstream (apart, so that status changes do not rewrite it). The
 * personal ID is findable only through its keyed hash (pid_index). */
#include "kiosk/store/store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kiosk/model/app_json.h"
#include "kiosk/model/app_payload.h"
#include "kiosk/model/shortno.h"
#include "kiosk/model/timefmt.h"
#include "kiosk/model/validate.h"
#include "kiosk/store/store_recall.h"

const char *store_strerror(int err)
{
    switch (err) {
    case STORE_OK:
        return "ok";
    case STORE_EIO:
        return "disk or database error";
    case STORE_EFULL:
        return "disk full";
    case STORE_ECORRUPT:
        return "database or record damaged";
    case STORE_ENOTFOUND:
        return "not found";
    case STORE_EINVAL:
        return "invalid request";
    case STORE_EBUSY:
        return "database busy";
    case STORE_EAUTH:
        return "wrong PIN";
    case STORE_ELOCKED:
        return "officer locked out";
    case STORE_EDISABLED:
        return "officer disabled";
    case STORE_EROLE:
        return "not allowed for this role";
    case STORE_ENOMEM:
        return "out of memory";
    case STORE_EKEY:
        return "a key is missing or does not match this store";
    case STORE_EAUDIT:
        return "the audit trail cannot be written: nothing was done";
    case STORE_ELASTSUP:
        return "the last active supervisor cannot be disabled";
    case STORE_EPAYLOAD:
        return "a queued application's biometrics are not those queued (altered or moved "
               "between applications): not sent";
    }
    return "unknown error";
}

int store_map_rc(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_OK:
    case SQLITE_DONE:
    case SQLITE_ROW:
        return STORE_OK;
    case SQLITE_FULL:
        return STORE_EFULL;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return STORE_ECORRUPT;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return STORE_EBUSY;
    case SQLITE_NOMEM:
        return STORE_ENOMEM;
    case SQLITE_CONSTRAINT:
        return STORE_EINVAL;
    }
    return STORE_EIO;
}

int store_exec(struct store *st, const char *sql)
{
    return store_map_rc(sqlite3_exec(st->db, sql, NULL, NULL, NULL));
}

static int exec_cached(struct store *st, const char *sql);

/* BEGIN and COMMIT prepared once per store, as the frequent writes are: every transaction
 * starts and ends with them */
int store_begin(struct store *st)
{
    return exec_cached(st, "BEGIN IMMEDIATE");
}

int store_commit(struct store *st)
{
    return exec_cached(st, "COMMIT");
}

void store_rollback(struct store *st)
{
    if (!sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

int store_prepare_id(struct store *st, const char *sql, const char *id, sqlite3_stmt **out)
{
    int rc = store_prepare(st, sql, out);
    if (rc == 0)
        sqlite3_bind_text(*out, 1, id, -1, SQLITE_STATIC);
    return rc;
}

int store_step_changed(struct store *st, sqlite3_stmt *s)
{
    int rc = store_map_rc(sqlite3_step(s));
    sqlite3_finalize(s);
    return rc ? rc : sqlite3_changes(st->db) == 0 ? STORE_ENOTFOUND : 0;
}

int store_end(struct store *st, int rc)
{
    if (rc == 0 && (rc = store_commit(st)) == 0)
        return 0;
    store_rollback(st);
    return rc;
}

/* Steps s to its row: 0, STORE_ENOTFOUND when it has none, or the error. */
static int step_row(sqlite3_stmt *s)
{
    int rc = sqlite3_step(s);
    return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? STORE_ENOTFOUND : store_map_rc(rc);
}

int store_prepare(struct store *st, const char *sql, sqlite3_stmt **out)
{
    return store_map_rc(sqlite3_prepare_v2(st->db, sql, -1, out, NULL));
}

int store_cached(struct store *st, const char *sql, sqlite3_stmt **out)
{
    int free_slot = -1;
    *out = NULL;
    for (int i = 0; i < STORE_CACHED_MAX; i++) {
        if (st->cached[i].sql == NULL) {
            if (free_slot < 0)
                free_slot = i;
        } else if (st->cached[i].sql == sql || strcmp(st->cached[i].sql, sql) == 0) {
            *out = st->cached[i].stmt;
            return 0;
        }
    }
    int rc =
        store_map_rc(sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, out, NULL));
    if (rc == 0 && free_slot >= 0) {
        st->cached[free_slot].sql = sql;
        st->cached[free_slot].stmt = *out;
    }
    return rc;
}

void store_release(struct store *st, sqlite3_stmt *s)
{
    if (!s)
        return;
    for (int i = 0; i < STORE_CACHED_MAX; i++) {
        if (st->cached[i].stmt == s) {
            sqlite3_reset(s);
            sqlite3_clear_bindings(s);
            return;
        }
    }
    sqlite3_finalize(s);
}

/* Runs a cached statement without result rows: 0 or a store_err. */
static int exec_cached(struct store *st, const char *sql)
{
    sqlite3_stmt *s;
    int rc = store_cached(st, sql, &s);
    if (rc)
        return rc;
    rc = store_map_rc(sqlite3_step(s));
    store_release(st, s);
    return rc;
}

void store_col_text(sqlite3_stmt *s, int i, char *dst, size_t n)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    snprintf(dst, n, "%s", t ? (const char *)t : "");
}

int store_step_text(sqlite3_stmt *s, char *dst, size_t n)
{
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        store_col_text(s, 0, dst, n);
        rc = 0;
    } else {
        rc = rc == SQLITE_DONE ? STORE_ENOTFOUND : store_map_rc(rc);
    }
    sqlite3_finalize(s);
    return rc;
}

int store_open(const char *dir, const struct seal_keys *keys, struct store **out)
{
    char path[600];
    int rc;
    *out = NULL;
    if (mkdir(dir, 0700) != 0 && errno != EEXIST)
        return STORE_EIO;
    struct store *st = calloc(1, sizeof(*st));
    if (!st)
        return STORE_ENOMEM;
    sodium_mlock(&st->keys, sizeof(st->keys));
    st->keys = *keys;
    snprintf(path, sizeof(path), "%s/kiosk.db", dir);
    /* created private before SQLite sees it: SQLite gives the -wal and -shm files the mode of
     * the database file */
    int fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        rc = STORE_EIO;
        goto fail;
    }
    fchmod(fd, 0600);
    close(fd);
    rc = sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        rc = store_map_rc(rc);
        goto fail;
    }
    sqlite3_busy_timeout(st->db, 5000);
    if ((rc = store_exec(st, "PRAGMA journal_mode=WAL")) != 0 ||
        (rc = store_exec(st, "PRAGMA synchronous=FULL")) != 0 ||
        (rc = store_exec(st, "PRAGMA foreign_keys=ON")) != 0 ||
        (rc = store_exec(st, "PRAGMA secure_delete=ON")) != 0 || (rc = store_migrate(st)) != 0 ||
        (rc = store_check_key_ids(st)) != 0 || (rc = store_clock_seed_ids(st)) != 0 ||
        (rc = store_checkpointer_start(st, path)) != 0)
        goto fail;
    *out = st;
    return 0;
fail:
    store_close(st);
    return rc;
}

int store_open_again(const struct store *st, struct store **out)
{
    static const char file[] = "/kiosk.db";
    const char *path = sqlite3_db_filename(st->db, "main");
    size_t n = path ? strlen(path) : 0, k = strlen(file);
    *out = NULL;
    if (n <= k || strcmp(path + n - k, file) != 0)
        return STORE_EIO;
    char dir[600];
    if (n - k >= sizeof(dir))
        return STORE_EIO;
    memcpy(dir, path, n - k);
    dir[n - k] = '\0';
    return store_open(dir, &st->keys, out);
}

void store_close(struct store *st)
{
    if (!st)
        return;
    store_checkpointer_stop(st);
    for (int i = 0; i < STORE_CACHED_MAX; i++)
        sqlite3_finalize(st->cached[i].stmt);
    if (st->payload_buf)
        sodium_memzero(st->payload_buf, st->payload_cap);
    free(st->payload_buf);
    free(st->sealed_buf);
    if (st->db)
        sqlite3_close_v2(st->db);
    seal_keys_wipe(&st->keys);
    sodium_memzero(st, sizeof(*st));
    free(st);
}

const struct seal_keys *store_keys(const struct store *st)
{
    return &st->keys;
}

int store_integrity_check(struct store *st)
{
    sqlite3_stmt *s;
    char res[64] = "";
    int rc = store_prepare(st, "PRAGMA integrity_check", &s);
    if (rc)
        return rc;
    if (sqlite3_step(s) == SQLITE_ROW)
        store_col_text(s, 0, res, sizeof(res));
    sqlite3_finalize(s);
    return strcmp(res, "ok") == 0 ? 0 : STORE_ECORRUPT;
}

/* --- applications ------------------------------------------------------------------ */

void store_field_ad(const char *field, const char *id, char *ad, size_t n)
{
    snprintf(ad, n, "%s:%s", field, id);
}

int store_encrypt_field(struct store *st, const char *field, const char *id, const void *plain,
                        size_t len, unsigned char **out, size_t *outlen)
{
    char ad[128];
    store_field_ad(field, id, ad, sizeof(ad));
    return seal_encrypt_ad(&st->keys, ad, plain, len, out, outlen) == 0 ? 0 : STORE_ENOMEM;
}

int store_decrypt_field(struct store *st, const char *field, const char *id,
                        const unsigned char *in, size_t len, unsigned char **out, size_t *outlen)
{
    char ad[128];
    store_field_ad(field, id, ad, sizeof(ad));
    int rc = seal_decrypt_ad(&st->keys, ad, in, len, out, outlen);
    return rc == 0 ? 0 : rc == SEAL_ENOMEM ? STORE_ENOMEM : STORE_ECORRUPT;
}

static int encrypt_text(struct store *st, const char *field, const char *id, const char *text,
                        unsigned char **out, size_t *len)
{
    return store_encrypt_field(st, field, id, text, strlen(text), out, len);
}

static void free_wiped(char *s)
{
    if (s) {
        sodium_memzero(s, strlen(s));
        free(s);
    }
}

/* The few fields a listing needs, encoded with the envelope codec. */
static char *personal_json(const struct application *app)
{
    struct application lite;
    app_init(&lite);
    memcpy(lite.id, app->id, sizeof(lite.id));
    lite.identity = app->identity;
    memcpy(lite.phone, app->phone, sizeof(lite.phone));
    memcpy(lite.email, app->email, sizeof(lite.email));
    char *s = app_envelope_to_json(&lite);
    sodium_memzero(&lite, sizeof(lite));
    return s;
}

int store_status_in_txn(struct store *st, const char *id, enum app_status to,
                        const char *reason_code, const char *reason, const char *actor,
                        int64_t now_ms)
{
    sqlite3_stmt *s = NULL;
    char cur[16];
    enum app_status from;
    int rc = store_prepare_id(st, "SELECT status FROM applications WHERE id = ?", id, &s);
    if (rc)
        return rc;
    if ((rc = step_row(s)) != 0)
        goto out;
    store_col_text(s, 0, cur, sizeof(cur));
    sqlite3_finalize(s);
    s = NULL;
    if (app_status_parse(cur, &from) != 0)
        return STORE_ECORRUPT;
    if (from == to)
        return 0; /* repeated reports of the same status change nothing */
    if (!app_status_allowed(from, to))
        return STORE_EINVAL;
    rc = store_prepare_id(st,
                          "UPDATE applications SET status = ?2, reason_code = ?3, reason = ?4, "
                          "updated_at = ?5 WHERE id = ?1",
                          id, &s);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 2, app_status_name(to), -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, reason_code, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, reason, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 5, now_ms);
    if ((rc = store_map_rc(sqlite3_step(s))) != 0)
        goto out;
    sqlite3_finalize(s);
    s = NULL;
    rc = store_prepare_id(st,
                          "INSERT INTO status_history (app_id, status, at, actor, reason) "
                          "VALUES (?, ?, ?, ?, ?)",
                          id, &s);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 2, app_status_name(to), -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, now_ms);
    sqlite3_bind_text(s, 4, actor ? actor : "system", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, reason, -1, SQLITE_STATIC);
    rc = store_map_rc(sqlite3_step(s));
out:
    sqlite3_finalize(s);
    return rc;
}

/* Steps a cached statement once and hands it back: 0 or a store_err. */
static int step_release(struct store *st, sqlite3_stmt *s)
{
    int rc = store_map_rc(sqlite3_step(s));
    store_release(st, s);
    return rc;
}

/* 1 when *buf (capacity *cap) holds n bytes, replaced by a larger one when needed. */
static int room(unsigned char **buf, size_t *cap, size_t n)
{
    if (n <= *cap)
        return 1;
    unsigned char *b = malloc(n);
    if (!b)
        return 0;
    free(*buf);
    *buf = b;
    *cap = n;
    return 1;
}

/* One transaction, one commit (one fsync of the WAL), statements prepared once per store.
 * The payload is written in its binary format into a buffer the store keeps
 * (app_payload_write_binary), sealed to the upstream and hashed into a second one
 * (seal_for_upstream_digest), and stored as sealed: its digest, in the
 * row and in the keyed audit row, binds it to this application (store_outbox.c checks it
 * before sending). Where the time goes: bench/RESULTS.md, "where the enqueue time went". */
int store_queue(struct store *st, struct application *app, int64_t now_ms)
{
    char *envelope = NULL, *personal = NULL;
    unsigned char *enc_env = NULL, *enc_pers = NULL;
    size_t payload_len = 0, enc_env_len = 0, enc_pers_len = 0;
    char digest[65], pid_index[65], phone_index[65], day[11];
    sqlite3_stmt *s = NULL;
    int rc = STORE_EINVAL;

    if (!app->id[0] || strlen(app->identity.personal_id) != 12 || app->status != APP_DRAFT)
        return STORE_EINVAL;
    if (!st->keys.have_upstream_pk)
        return STORE_EINVAL;
    app->status = APP_QUEUED;
    app->payload_format = APP_PAYLOAD_BINARY; /* said in the envelope */
    envelope = app_envelope_to_json(app);
    personal = personal_json(app);
    rc = STORE_ENOMEM;
    /* each made whole or not at all (app_envelope_to_json): what is stored is what
     * store_load and store_list read back */
    if (!envelope || !personal ||
        app_payload_write_binary(app, &st->payload_buf, &st->payload_cap, &payload_len) != 0 ||
        !room(&st->sealed_buf, &st->sealed_cap, payload_len + SEAL_UPSTREAM_OVERHEAD))
        goto out;
    if (seal_for_upstream_digest(&st->keys, st->payload_buf, payload_len, st->sealed_buf, digest) !=
        0) {
        rc = STORE_EINVAL;
        goto out;
    }
    if ((rc = encrypt_text(st, FIELD_ENVELOPE, app->id, envelope, &enc_env, &enc_env_len)) != 0 ||
        (rc = encrypt_text(st, FIELD_PERSONAL, app->id, personal, &enc_pers, &enc_pers_len)) != 0)
        goto out;
    seal_pid_index(&st->keys, app->identity.personal_id, pid_index);
    time_day(app->created_at, day);

    if ((rc = store_begin(st)) != 0)
        goto out;
    if ((rc = store_recall_before_queue(st, app, now_ms, phone_index)) != 0 ||
        (rc = store_cached(st,
                           "INSERT INTO applications (id, created_at, day, queued_at, updated_at, "
                           "station, officer, status, pid_index, personal, envelope, "
                           "payload_digest, site, short_no, phone_index, redo_of) VALUES (?, ?, "
                           "?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?)",
                           &s)) != 0)
        goto fail;
    sqlite3_bind_text(s, 1, app->id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, app->created_at);
    sqlite3_bind_text(s, 3, day, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 4, now_ms);
    sqlite3_bind_int64(s, 5, now_ms);
    sqlite3_bind_text(s, 6, app->station, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 7, app->officer, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 8, pid_index, -1, SQLITE_STATIC);
    sqlite3_bind_blob(s, 9, enc_pers, (int)enc_pers_len, SQLITE_STATIC);
    sqlite3_bind_blob(s, 10, enc_env, (int)enc_env_len, SQLITE_STATIC);
    sqlite3_bind_text(s, 11, digest, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 12, app->site.name, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 13, app->short_no, -1, SQLITE_STATIC);
    if (phone_index[0])
        sqlite3_bind_text(s, 14, phone_index, -1, SQLITE_STATIC);
    if (app->redo_of[0])
        sqlite3_bind_text(s, 15, app->redo_of, -1, SQLITE_STATIC);
    if ((rc = step_release(st, s)) != 0 ||
        (rc = store_cached(st,
                           "INSERT INTO status_history (app_id, status, at, actor) VALUES "
                           "(?1, 'draft', ?2, ?4), (?1, 'queued', ?3, ?4)",
                           &s)) != 0)
        goto fail;
    sqlite3_bind_text(s, 1, app->id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, app->created_at);
    sqlite3_bind_int64(s, 3, now_ms);
    sqlite3_bind_text(s, 4, app->officer, -1, SQLITE_STATIC);
    if ((rc = step_release(st, s)) != 0 ||
        (rc = store_cached(
             st, "INSERT INTO outbox (app_id, state, next_at) VALUES (?, 'pending', ?)", &s)) != 0)
        goto fail;
    sqlite3_bind_text(s, 1, app->id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, now_ms);
    if ((rc = step_release(st, s)) != 0 || (rc = store_recall_on_queue(st, app, now_ms)) != 0 ||
        (rc = store_audit_in_txn(st, app->officer, "app.queue", app->id, digest, now_ms)) != 0)
        goto fail;
    /* after the audit row, which it names: the newest one, in this transaction */
    if ((rc = store_cached(st,
                           "INSERT INTO biometrics (app_id, sealed, format, audit_seq) VALUES "
                           "(?, ?, 2, (SELECT max(seq) FROM audit))",
                           &s)) != 0)
        goto fail;
    sqlite3_bind_text(s, 1, app->id, -1, SQLITE_STATIC);
    sqlite3_bind_blob(s, 2, st->sealed_buf, (int)(payload_len + SEAL_UPSTREAM_OVERHEAD),
                      SQLITE_STATIC);
    if ((rc = step_release(st, s)) != 0 || (rc = store_commit(st)) != 0)
        goto fail;
    rc = 0;
    goto out;
fail:
    store_rollback(st);
    app->status = APP_DRAFT;
out:
    free_wiped(envelope);
    if (st->payload_buf)
        sodium_memzero(st->payload_buf, payload_len);
    free_wiped(personal);
    free(enc_env);
    free(enc_pers);
    if (rc != 0) {
        app->status = APP_DRAFT;
        app->payload_format = 0;
        app->short_no[0] = '\0';
    }
    return rc;
}

int store_find_by_pid(struct store *st, const char *personal_id, int64_t since_ms,
                      char id_out[APP_ID_SIZE])
{
    sqlite3_stmt *s;
    char idx[65];
    id_out[0] = '\0';
    seal_pid_index(&st->keys, personal_id, idx);
    int rc = store_prepare(st,
                           "SELECT id FROM applications WHERE pid_index = ? AND created_at >= ? "
                           "AND status NOT IN ('rejected', 'redo') ORDER BY created_at DESC "
                           "LIMIT 1",
                           &s);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, idx, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, since_ms);
    return store_step_text(s, id_out, APP_ID_SIZE);
}

/* Decrypts a blob column holding JSON and decodes it as an envelope into *app. field and id
 * say where it was read from (the decryption checks it was written there). */
static int decode_column(struct store *st, sqlite3_stmt *s, int col, const char *field,
                         const char *id, struct application *app)
{
    const unsigned char *blob = sqlite3_column_blob(s, col);
    int n = sqlite3_column_bytes(s, col);
    unsigned char *plain = NULL;
    size_t plen = 0;
    if (!blob)
        return STORE_ENOTFOUND;
    int drc = store_decrypt_field(st, field, id, blob, (size_t)n, &plain, &plen);
    if (drc)
        return drc;
    int rc = app_envelope_from_json((const char *)plain, app, NULL, 0) == 0 ? 0 : STORE_ECORRUPT;
    sodium_memzero(plain, plen);
    free(plain);
    return rc;
}

int store_load(struct store *st, const char *id, struct application *out)
{
    sqlite3_stmt *s;
    char status[16];
    app_init(out);
    int rc = store_prepare_id(st,
                              "SELECT envelope, status, reason_code, reason FROM applications "
                              "WHERE id = ?",
                              id, &s);
    if (rc)
        return rc;
    if ((rc = step_row(s)) != 0)
        goto out;
    if ((rc = decode_column(st, s, 0, FIELD_ENVELOPE, id, out)) != 0)
        goto out;
    store_col_text(s, 1, status, sizeof(status));
    if (app_status_parse(status, &out->status) != 0)
        rc = STORE_ECORRUPT;
    store_col_text(s, 2, out->reason_code, sizeof(out->reason_code));
    store_col_text(s, 3, out->status_reason, sizeof(out->status_reason));
    if (rc == 0)
        rc = store_recall_on_load(st, out);
out:
    sqlite3_finalize(s);
    if (rc)
        app_wipe(out);
    return rc;
}

static int row_matches(const struct store_row *row, const char *folded_search)
{
    char name[sizeof(row->identity.full_name)], sn[sizeof(row->short_no)];
    if (!folded_search || !*folded_search)
        return 1;
    if (strstr(row->identity.personal_id, folded_search) || strstr(row->id, folded_search))
        return 1;
    val_fold(row->short_no, sn, sizeof(sn));
    if (sn[0] && strstr(sn, folded_search))
        return 1;
    val_fold(row->identity.full_name, name, sizeof(name));
    return strstr(name, folded_search) != NULL;
}

int store_list(struct store *st, const struct store_query *q,
               int (*cb)(const struct store_row *row, void *arg), void *arg)
{
    sqlite3_stmt *s;
    char folded[200] = "";
    struct store_row *row = malloc(sizeof(*row));
    int n = 0;
    if (!row)
        return STORE_ENOMEM;
    /* Only the filters given go into the WHERE clause, so SQLite can use the day index
     * (an "?1 IS NULL OR day = ?1" form makes it scan the whole table). */
    /* A phone number, short number or whole personal ID is found through its index (the
     * personal data is encrypted, so a substring search has to decrypt every row). */
    char key[APP_SHORT_NO_SIZE + 70] = "";
    const char *key_col = NULL;
    if (q->search && q->search[0]) {
        char ph[11], sn[APP_SHORT_NO_SIZE];
        size_t sl = strlen(q->search);
        if (sl == 12 && strspn(q->search, "0123456789") == 12) {
            seal_pid_index(&st->keys, q->search, key);
            key_col = "pid_index";
        } else if (val_phone(q->search, ph) == MSG_NONE) {
            store_phone_index(st, ph, key);
            key_col = "phone_index";
        } else if (shortno_normalise(q->search, sn) == 0) {
            snprintf(key, sizeof key, "%s", sn);
            key_col = "short_no";
        }
    }
    char sql[560], keyw[40] = "";
    if (key_col)
        snprintf(keyw, sizeof keyw, " AND %s = ?5", key_col);
    snprintf(
        sql, sizeof(sql),
        "SELECT id, created_at, queued_at, updated_at, status, officer, reason_code, "
        "reason, personal, purged, short_no, site FROM applications WHERE 1%s%s%s%s%s%s ORDER BY "
        "created_at%s, id%s",
        q->day ? " AND day = ?1" : "", q->status >= 0 ? " AND status = ?2" : "",
        q->day_from ? " AND day >= ?3" : "", q->day_to ? " AND day <= ?4" : "", keyw,
        q->site ? " AND site = ?6" : "", q->newest_first ? " DESC" : "",
        q->newest_first ? " DESC" : "");
    int rc = store_prepare(st, sql, &s);
    if (rc) {
        free(row);
        return rc;
    }
    if (q->day)
        sqlite3_bind_text(s, 1, q->day, -1, SQLITE_STATIC);
    if (q->status >= 0)
        sqlite3_bind_text(s, 2, app_status_name((enum app_status)q->status), -1, SQLITE_STATIC);
    if (q->day_from)
        sqlite3_bind_text(s, 3, q->day_from, -1, SQLITE_STATIC);
    if (q->day_to)
        sqlite3_bind_text(s, 4, q->day_to, -1, SQLITE_STATIC);
    if (q->site)
        sqlite3_bind_text(s, 6, q->site, -1, SQLITE_STATIC);
    if (key_col)
        sqlite3_bind_text(s, 5, key, -1, SQLITE_STATIC);
    else if (q->search)
        val_fold(q->search, folded, sizeof(folded));
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        char status[16];
        memset(row, 0, sizeof(*row));
        store_col_text(s, 0, row->id, sizeof(row->id));
        row->created_at = sqlite3_column_int64(s, 1);
        row->queued_at = sqlite3_column_int64(s, 2);
        row->updated_at = sqlite3_column_int64(s, 3);
        store_col_text(s, 4, status, sizeof(status));
        if (app_status_parse(status, &row->status) != 0) {
            rc = STORE_ECORRUPT;
            goto out;
        }
        store_col_text(s, 5, row->officer, sizeof(row->officer));
        store_col_text(s, 6, row->reason_code, sizeof(row->reason_code));
        store_col_text(s, 7, row->reason, sizeof(row->reason));
        row->purged = sqlite3_column_int(s, 9);
        store_col_text(s, 10, row->short_no, sizeof(row->short_no));
        store_col_text(s, 11, row->site, sizeof(row->site));
        if (!row->purged) {
            struct application lite;
            app_init(&lite);
            rc = decode_column(st, s, 8, FIELD_PERSONAL, row->id, &lite);
            if (rc == 0) {
                row->identity = lite.identity;
                memcpy(row->phone, lite.phone, sizeof(row->phone));
                memcpy(row->email, lite.email, sizeof(row->email));
            }
            app_wipe(&lite);
            if (rc)
                goto out;
        }
        if (!row_matches(row, folded))
            continue;
        int stop = cb(row, arg);
        sodium_memzero(row, sizeof(*row));
        if (stop || (q->limit > 0 && ++n >= q->limit)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    rc = store_map_rc(rc);
out:
    sqlite3_finalize(s);
    sodium_memzero(row, sizeof(*row));
    free(row);
    return rc;
}

int store_count_by_status(struct store *st, const char *day, long counts[APP_STATUS_COUNT])
{
    return store_count_range(st, day, day, counts); /* the range of one day, or all */
}

int store_count_range(struct store *st, const char *from, const char *to,
                      long counts[APP_STATUS_COUNT])
{
    sqlite3_stmt *s;
    char sql[160];
    memset(counts, 0, sizeof(long) * APP_STATUS_COUNT);
    snprintf(sql, sizeof(sql),
             "SELECT status, count(*) FROM applications WHERE 1%s%s GROUP BY status",
             from ? " AND day >= ?1" : "", to ? " AND day <= ?2" : "");
    int rc = store_prepare(st, sql, &s);
    if (rc)
        return rc;
    if (from)
        sqlite3_bind_text(s, 1, from, -1, SQLITE_STATIC);
    if (to)
        sqlite3_bind_text(s, 2, to, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        char name[16];
        enum app_status st_;
        store_col_text(s, 0, name, sizeof(name));
        if (app_status_parse(name, &st_) == 0)
            counts[st_] = sqlite3_column_int64(s, 1);
    }
    sqlite3_finalize(s);
    return store_map_rc(rc);
}

int store_set_status(struct store *st, const char *id, enum app_status status,
                     const char *reason_code, const char *reason, const char *actor, int64_t now_ms)
{
    char detail[64];
    int rc = store_begin(st);
    if (rc)
        return rc;
    snprintf(detail, sizeof(detail), "status=%s", app_status_name(status));
    if ((rc = store_status_in_txn(st, id, status, reason_code, reason, actor, now_ms)) == 0)
        rc = store_audit_in_txn(st, actor ? actor : "system", "app.status", id, detail, now_ms);
    return store_end(st, rc);
}

int store_history(struct store *st, const char *id, struct store_history *h, int max)
{
    sqlite3_stmt *s;
    int n = 0;
    int rc =
        store_prepare_id(st,
                         "SELECT status, at, actor, reason FROM status_history WHERE app_id = ? "
                         "ORDER BY seq",
                         id, &s);
    if (rc)
        return rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW && n < max) {
        char name[16];
        memset(&h[n], 0, sizeof(h[n]));
        store_col_text(s, 0, name, sizeof(name));
        if (app_status_parse(name, &h[n].status) != 0) {
            sqlite3_finalize(s);
            return STORE_ECORRUPT;
        }
        h[n].at = sqlite3_column_int64(s, 1);
        store_col_text(s, 2, h[n].actor, sizeof(h[n].actor));
        store_col_text(s, 3, h[n].reason, sizeof(h[n].reason));
        n++;
    }
    sqlite3_finalize(s);
    rc = store_map_rc(rc);
    return rc ? rc : n;
}

/* --- notices ------------------------------------------------------------------------ */

int store_notice_add(struct store *st, const char *app_id, const char *kind, const char *text,
                     int64_t now_ms)
{
    sqlite3_stmt *s;
    int rc =
        store_prepare(st, "INSERT INTO notices (at, app_id, kind, text) VALUES (?, ?, ?, ?)", &s);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, now_ms);
    sqlite3_bind_text(s, 2, app_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, text, -1, SQLITE_STATIC);
    rc = store_map_rc(sqlite3_step(s));
    sqlite3_finalize(s);
    return rc;
}

int store_incident_add(struct store *st, const char *text, const char *personal_id, int64_t now_ms)
{
    char id[24];
    unsigned char *sealed = NULL;
    size_t sealed_len = 0;
    sqlite3_stmt *s;
    int rc = store_begin(st);
    if (rc)
        return rc;
    if ((rc = store_notice_add(st, NULL, "incident", text, now_ms)) != 0)
        goto out;
    snprintf(id, sizeof(id), "%lld", (long long)sqlite3_last_insert_rowid(st->db));
    if (personal_id && *personal_id) {
        if ((rc = encrypt_text(st, "notice.pid", id, personal_id, &sealed, &sealed_len)) != 0)
            goto out;
        if ((rc = store_prepare(st, "UPDATE notices SET sealed = ? WHERE id = ?", &s)) != 0)
            goto out;
        sqlite3_bind_blob(s, 1, sealed, (int)sealed_len, SQLITE_STATIC);
        sqlite3_bind_text(s, 2, id, -1, SQLITE_STATIC);
        rc = store_map_rc(sqlite3_step(s));
        sqlite3_finalize(s);
    }
out:
    free(sealed);
    return store_end(st, rc);
}

int store_notices(struct store *st, struct store_notice *out, int max)
{
    sqlite3_stmt *s;
    int n = 0;
    int rc =
        store_prepare(st,
                      "SELECT id, at, app_id, kind, text, sealed FROM notices WHERE closed_at IS "
                      "NULL ORDER BY at DESC, id DESC LIMIT ?",
                      &s);
    if (rc)
        return rc;
    sqlite3_bind_int(s, 1, max);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW && n < max) {
        memset(&out[n], 0, sizeof(out[n]));
        out[n].id = sqlite3_column_int64(s, 0);
        out[n].at = sqlite3_column_int64(s, 1);
        store_col_text(s, 2, out[n].app_id, sizeof(out[n].app_id));
        store_col_text(s, 3, out[n].kind, sizeof(out[n].kind));
        store_col_text(s, 4, out[n].text, sizeof(out[n].text));
        if (sqlite3_column_type(s, 5) == SQLITE_BLOB) {
            /* one that does not decrypt (moved from another row) shows no personal ID */
            char id[24];
            unsigned char *pid = NULL;
            size_t len = 0;
            snprintf(id, sizeof(id), "%lld", (long long)out[n].id);
            if (store_decrypt_field(st, "notice.pid", id, sqlite3_column_blob(s, 5),
                                    (size_t)sqlite3_column_bytes(s, 5), &pid, &len) == 0 &&
                len < sizeof(out[n].personal_id))
                memcpy(out[n].personal_id, pid, len);
            if (pid)
                sodium_memzero(pid, len);
            free(pid);
        }
        n++;
    }
    sqlite3_finalize(s);
    rc = store_map_rc(rc);
    return rc ? rc : n;
}

int store_notice_close(struct store *st, int64_t id, const char *actor, int64_t now_ms)
{
    sqlite3_stmt *s;
    char detail[32];
    int rc = store_begin(st);
    if (rc)
        return rc;
    rc = store_prepare(st,
                       "UPDATE notices SET closed_at = ?, closed_by = ? WHERE id = ? AND "
                       "closed_at IS NULL",
                       &s);
    if (rc)
        goto fail;
    sqlite3_bind_int64(s, 1, now_ms);
    sqlite3_bind_text(s, 2, actor, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, id);
    if ((rc = store_step_changed(st, s)) != 0)
        goto fail;
    snprintf(detail, sizeof(detail), "notice=%lld", (long long)id);
    rc = store_audit_in_txn(st, actor, "notice.close", NULL, detail, now_ms);
fail:
    return store_end(st, rc);
}

/* --- key/value ---------------------------------------------------------------------- */

int store_kv_get(struct store *st, const char *key, char *value, size_t size)
{
    sqlite3_stmt *s;
    value[0] = '\0';
    int rc = store_prepare(st, "SELECT value FROM kv WHERE key = ?", &s);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    return store_step_text(s, value, size);
}

int store_kv_set(struct store *st, const char *key, const char *value)
{
    sqlite3_stmt *s;
    int rc = store_cached(st, "INSERT OR REPLACE INTO kv (key, value) VALUES (?, ?)", &s);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, value, -1, SQLITE_STATIC);
    rc = step_release(st, s);
    return rc;
}

/* --- retention ---------------------------------------------------------------------- */

/* What may be purged: the upstream has it, and it has not changed since ?1. */
#define PURGE_WHERE                                                                                \
    "purged = 0 AND status IN ('submitted', 'processing', 'approved', 'rejected', 'redo') "        \
    "AND updated_at < ?1"

int store_purge(struct store *st, int64_t now_ms, int retention_days, long *purged)
{
    sqlite3_stmt *s;
    char detail[48];
    *purged = 0;
    int rc = store_begin(st);
    if (rc)
        return rc;
    int64_t before = now_ms - (int64_t)retention_days * 86400000LL;
    /* the sealed biometrics first, then the row's personal data: the same selection */
    static const char *const purge_sql[] = {
        "DELETE FROM biometrics WHERE app_id IN (SELECT id FROM applications WHERE " PURGE_WHERE
        ")",
        /* what the recall worklist shows stays until its entry is closed */
        "UPDATE applications SET personal = NULL, envelope = NULL, purged = 1 WHERE " PURGE_WHERE
        " AND NOT (status IN ('rejected', 'submitted', 'processing') AND id NOT IN (SELECT "
        "app_id FROM recall_closed))",
    };
    for (size_t i = 0; i < sizeof(purge_sql) / sizeof(purge_sql[0]); i++) {
        if ((rc = store_prepare(st, purge_sql[i], &s)) != 0)
            goto fail;
        sqlite3_bind_int64(s, 1, before);
        rc = store_map_rc(sqlite3_step(s));
        sqlite3_finalize(s);
        if (rc)
            goto fail;
    }
    *purged = sqlite3_changes(st->db);
    if (*purged > 0) {
        snprintf(detail, sizeof(detail), "purged=%ld", *purged);
        rc = store_audit_in_txn(st, "system", "retention.purge", NULL, detail, now_ms);
    }
fail:
    return store_end(st, rc);
}
