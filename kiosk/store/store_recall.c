/* store_recall.c: lookups by short number, phone and personal ID; the recall worklist, its
 * contact marks and closings; the store's part of queuing and loading (store_recall.h). */
#include "kiosk/store/store_internal.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/model/app_json.h"
#include "kiosk/model/shortno.h"
#include "kiosk/model/timefmt.h"
#include "kiosk/model/validate.h"
#include "kiosk/store/store_recall.h"

static const char *const mark_names[RECALL_MARK_COUNT] = {"", "called", "no_answer", "appointment",
                                                          "returned"};

const char *recall_mark_name(enum recall_mark m)
{
    return m > RECALL_MARK_NONE && m < RECALL_MARK_COUNT ? mark_names[m] : "";
}

int recall_mark_parse(const char *name, enum recall_mark *out)
{
    for (int i = 1; i < RECALL_MARK_COUNT; i++)
        if (strcmp(name, mark_names[i]) == 0) {
            *out = (enum recall_mark)i;
            return 0;
        }
    return -1;
}

void store_phone_index(struct store *st, const char *phone10, char out[65])
{
    char tagged[24];
    snprintf(tagged, sizeof tagged, "tel:%s", phone10);
    seal_pid_index(&st->keys, tagged, out);
}

int store_is_supervisor(struct store *st, const char *id)
{
    sqlite3_stmt *s;
    if (!id || store_prepare(st,
                             "SELECT 1 FROM officers WHERE id = ? AND role = 'supervisor' AND "
                             "disabled = 0",
                             &s) != 0)
        return 0;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    int yes = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_finalize(s);
    return yes;
}

/* --- lookups ------------------------------------------------------------------------- */

int store_find_by_short(struct store *st, const char *short_no, char id_out[APP_ID_SIZE])
{
    char sn[APP_SHORT_NO_SIZE];
    sqlite3_stmt *s;
    id_out[0] = '\0';
    if (shortno_normalise(short_no, sn) != 0)
        return STORE_EINVAL;
    int rc = store_prepare(st, "SELECT id FROM applications WHERE short_no = ?", &s);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, sn, -1, SQLITE_STATIC);
    return store_step_text(s, id_out, APP_ID_SIZE);
}

/* Ids of the rows whose column col equals key, newest first. */
static int ids_by(struct store *st, const char *sql, const char *key, char (*ids)[APP_ID_SIZE],
                  int max)
{
    sqlite3_stmt *s;
    int n = 0;
    int rc = store_prepare(st, sql, &s);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW && n < max)
        store_col_text(s, 0, ids[n++], APP_ID_SIZE);
    sqlite3_finalize(s);
    rc = store_map_rc(rc);
    return rc ? rc : n;
}

int store_find_by_phone(struct store *st, const char *phone, char (*ids)[APP_ID_SIZE], int max)
{
    char ph[11], idx[65];
    if (val_phone(phone, ph) != MSG_NONE)
        return STORE_EINVAL;
    store_phone_index(st, ph, idx);
    return ids_by(st,
                  "SELECT id FROM applications WHERE phone_index = ? ORDER BY created_at DESC, "
                  "id DESC",
                  idx, ids, max);
}

int store_phone_other_citizens(struct store *st, const char *phone, const char *personal_id,
                               long *count)
{
    char ph[11], idx[65], pidx[65];
    sqlite3_stmt *s;
    *count = 0;
    if (val_phone(phone, ph) != MSG_NONE)
        return STORE_EINVAL;
    store_phone_index(st, ph, idx);
    seal_pid_index(&st->keys, personal_id ? personal_id : "", pidx);
    int rc = store_prepare_id(st,
                              "SELECT count(DISTINCT pid_index) FROM applications WHERE "
                              "phone_index = ? AND pid_index <> ?",
                              idx, &s);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 2, pidx, -1, SQLITE_STATIC);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *count = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? 0 : store_map_rc(rc);
}

/* The first id of a lookup that found n (its result: a count or an error) into id_out: 0,
 * STORE_ENOTFOUND or the error. */
static int first_found(int n, char ids[][APP_ID_SIZE], char id_out[APP_ID_SIZE])
{
    if (n < 0)
        return n;
    if (n == 0)
        return STORE_ENOTFOUND;
    memcpy(id_out, ids[0], APP_ID_SIZE);
    return 0;
}

int store_resolve(struct store *st, const char *text, char id_out[APP_ID_SIZE])
{
    char ids[1][APP_ID_SIZE], ph[11];
    sqlite3_stmt *s;
    size_t n = strlen(text);
    id_out[0] = '\0';
    if (n == APP_ID_SIZE - 1) {
        int rc = store_prepare(st, "SELECT id FROM applications WHERE id = ?", &s);
        if (rc)
            return rc;
        sqlite3_bind_text(s, 1, text, -1, SQLITE_STATIC);
        return store_step_text(s, id_out, APP_ID_SIZE);
    }
    if (n == 12 && strspn(text, "0123456789") == 12) {
        char idx[65];
        seal_pid_index(&st->keys, text, idx);
        return first_found(ids_by(st,
                                  "SELECT id FROM applications WHERE pid_index = ? ORDER BY "
                                  "created_at DESC, id DESC",
                                  idx, ids, 1),
                           ids, id_out);
    }
    if (val_phone(text, ph) == MSG_NONE)
        return first_found(store_find_by_phone(st, ph, ids, 1), ids, id_out);
    int rc = store_find_by_short(st, text, id_out);
    return rc == STORE_EINVAL ? STORE_ENOTFOUND : rc;
}

/* --- queuing and loading ---------------------------------------------------------------- */

/* The next short number of app's station on its local day of queuing. */
static int next_short_no(struct store *st, const struct application *app, int64_t now_ms,
                         char out[APP_SHORT_NO_SIZE])
{
    char prefix[SHORTNO_PREFIX_SIZE], day[11], stem[APP_SHORT_NO_SIZE], upper[APP_SHORT_NO_SIZE];
    sqlite3_stmt *s;
    shortno_prefix(app->station, prefix);
    time_day(now_ms, day);
    if (shortno_day_stem(prefix, day, stem) != 0)
        return STORE_EINVAL;
    /* the stems end in '-'; '.' sorts right after it, so [stem, upper) is the range */
    snprintf(upper, sizeof upper, "%s", stem);
    upper[strlen(upper) - 1] = '.';
    int rc = store_cached(st,
                          "SELECT max(CAST(substr(short_no, ?3) AS INTEGER)) FROM applications "
                          "WHERE short_no >= ?1 AND short_no < ?2",
                          &s);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, stem, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, upper, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 3, (int)strlen(stem) + 1);
    rc = sqlite3_step(s);
    int seq = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) + 1 : 0;
    store_release(st, s);
    if (rc != SQLITE_ROW)
        return store_map_rc(rc);
    shortno_format(stem, seq, out);
    return 0;
}

static int exec_bound(struct store *st, const char *sql, const char *a, const char *b,
                      const char *c, int64_t n)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, sql, &s);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, a, -1, SQLITE_STATIC);
    if (b)
        sqlite3_bind_text(s, 2, b, -1, SQLITE_STATIC);
    if (c)
        sqlite3_bind_text(s, 3, c, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 4, n);
    rc = store_map_rc(sqlite3_step(s));
    sqlite3_finalize(s);
    return rc;
}

/* The rejected application old is redone by app: old → redo, its worklist entry closed,
 * a "returned" mark. Refused (STORE_EINVAL) when old is not rejected. */
static int link_redo(struct store *st, const struct application *app, int64_t now_ms)
{
    char detail[64];
    int rc = store_status_in_txn(st, app->redo_of, APP_REDO, NULL, NULL, app->officer, now_ms);
    if (rc)
        return rc;
    if ((rc = exec_bound(st,
                         "INSERT OR REPLACE INTO recall_closed (app_id, actor, reason, redo_id, "
                         "at) VALUES (?1, ?2, 'redo', ?3, ?4)",
                         app->redo_of, app->officer, app->id, now_ms)) != 0 ||
        (rc = exec_bound(st,
                         "INSERT INTO recall_marks (app_id, actor, mark, at) VALUES (?1, ?2, "
                         "'returned', ?4)",
                         app->redo_of, app->officer, NULL, now_ms)) != 0)
        return rc;
    snprintf(detail, sizeof detail, "redo=%s", app->id);
    return store_audit_in_txn(st, app->officer, "recall.redo", app->redo_of, detail, now_ms);
}

int store_recall_before_queue(struct store *st, struct application *app, int64_t now_ms,
                              char phone_index[65])
{
    phone_index[0] = '\0';
    int rc = next_short_no(st, app, now_ms, app->short_no);
    if (rc == 0 && app->phone[0])
        store_phone_index(st, app->phone, phone_index);
    return rc;
}

int store_recall_on_queue(struct store *st, struct application *app, int64_t now_ms)
{
    return app->redo_of[0] ? link_redo(st, app, now_ms) : 0;
}

int store_recall_on_load(struct store *st, struct application *app)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT short_no, redo_of FROM applications WHERE id = ?", &s);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, app->id, -1, SQLITE_STATIC);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        store_col_text(s, 0, app->short_no, sizeof app->short_no);
        store_col_text(s, 1, app->redo_of, sizeof app->redo_of);
        rc = 0;
    } else {
        rc = rc == SQLITE_DONE ? STORE_ENOTFOUND : store_map_rc(rc);
    }
    sqlite3_finalize(s);
    return rc;
}

/* Decrypts the "personal" column (col) of row id in s into a lite application. */
static int personal_of(struct store *st, sqlite3_stmt *s, int col, const char *id,
                       struct application *lite)
{
    const unsigned char *blob = sqlite3_column_blob(s, col);
    unsigned char *plain = NULL;
    size_t plen = 0;
    app_init(lite);
    if (!blob)
        return STORE_ENOTFOUND;
    int drc = store_decrypt_field(st, FIELD_PERSONAL, id, blob,
                                  (size_t)sqlite3_column_bytes(s, col), &plain, &plen);
    if (drc != 0)
        return drc;
    int rc = app_envelope_from_json((const char *)plain, lite, NULL, 0) == 0 ? 0 : STORE_ECORRUPT;
    sodium_memzero(plain, plen);
    free(plain);
    return rc;
}

int store_recall_backfill(struct store *st)
{
    sqlite3_stmt *s = NULL, *u = NULL;
    /* rows queued before schema 4, oldest first so their numbers follow the order of the day */
    int rc = store_prepare(st,
                           "SELECT id, station, queued_at, created_at, personal FROM "
                           "applications WHERE short_no IS NULL ORDER BY coalesce(queued_at, "
                           "created_at), id",
                           &s);
    if (rc)
        return rc;
    rc = store_prepare(st,
                       "UPDATE applications SET short_no = ?2, phone_index = coalesce(?3, "
                       "phone_index) WHERE id = ?1",
                       &u);
    while (rc == 0 && sqlite3_step(s) == SQLITE_ROW) {
        struct application app;
        char idx[65] = "";
        app_init(&app);
        store_col_text(s, 0, app.id, sizeof app.id);
        store_col_text(s, 1, app.station, sizeof app.station);
        int64_t at = sqlite3_column_type(s, 2) == SQLITE_NULL ? sqlite3_column_int64(s, 3)
                                                              : sqlite3_column_int64(s, 2);
        struct application lite;
        if (personal_of(st, s, 4, app.id, &lite) == 0 && lite.phone[0])
            store_phone_index(st, lite.phone, idx);
        app_wipe(&lite);
        rc = next_short_no(st, &app, at, app.short_no);
        if (rc == 0) {
            sqlite3_reset(u);
            sqlite3_bind_text(u, 1, app.id, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(u, 2, app.short_no, -1, SQLITE_TRANSIENT);
            if (idx[0])
                sqlite3_bind_text(u, 3, idx, -1, SQLITE_TRANSIENT);
            else
                sqlite3_bind_null(u, 3);
            rc = store_map_rc(sqlite3_step(u));
        }
        app_wipe(&app);
    }
    sqlite3_finalize(u);
    sqlite3_finalize(s);
    return rc;
}

/* --- the worklist ----------------------------------------------------------------------- */

#define RECALL_SELECT                                                                              \
    "SELECT a.id, a.short_no, a.status, a.reason_code, a.reason, a.personal, a.updated_at, "       \
    "(SELECT max(at) FROM status_history h WHERE h.app_id = a.id AND h.status = 'rejected'), "     \
    "(SELECT o.next_at FROM outbox o WHERE o.app_id = a.id AND o.state = 'done') "                 \
    "FROM applications a WHERE a.status IN ('rejected', 'submitted', 'processing') AND NOT "       \
    "EXISTS (SELECT 1 FROM recall_closed c WHERE c.app_id = a.id)"

/* Fills the last mark and the count of marks of it->id. */
static int load_marks(struct store *st, struct recall_item *it)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st,
                           "SELECT mark, at, appointment, (SELECT count(*) FROM recall_marks m2 "
                           "WHERE m2.app_id = ?1) FROM recall_marks WHERE app_id = ?1 ORDER BY "
                           "seq DESC LIMIT 1",
                           &s);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, it->id, -1, SQLITE_STATIC);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        char name[16];
        store_col_text(s, 0, name, sizeof name);
        if (recall_mark_parse(name, &it->last_mark) != 0)
            it->last_mark = RECALL_MARK_NONE;
        it->last_mark_at = sqlite3_column_int64(s, 1);
        store_col_text(s, 2, it->appointment, sizeof it->appointment);
        it->n_marks = sqlite3_column_int(s, 3);
        rc = SQLITE_DONE;
    }
    sqlite3_finalize(s);
    return store_map_rc(rc);
}

/* Reads one worklist row; 1 when it belongs on the list at now_ms, 0 when not, < 0 error. */
static int read_item(struct store *st, sqlite3_stmt *s, int64_t now_ms, struct recall_item *it)
{
    char status[16];
    memset(it, 0, sizeof *it);
    store_col_text(s, 0, it->id, sizeof it->id);
    store_col_text(s, 1, it->short_no, sizeof it->short_no);
    store_col_text(s, 2, status, sizeof status);
    if (app_status_parse(status, &it->status) != 0)
        return STORE_ECORRUPT;
    if (it->status == APP_REJECTED) {
        it->since_ms = sqlite3_column_type(s, 7) == SQLITE_NULL ? sqlite3_column_int64(s, 6)
                                                                : sqlite3_column_int64(s, 7);
    } else {
        if (sqlite3_column_type(s, 8) == SQLITE_NULL)
            return 0; /* delivered, but the receipt's time is unknown: not judged */
        it->since_ms = sqlite3_column_int64(s, 8);
        if (time_working_days_between(it->since_ms, now_ms) <= RECALL_DECISION_WORKING_DAYS)
            return 0;
        it->overdue = 1;
    }
    store_col_text(s, 3, it->reason_code, sizeof it->reason_code);
    store_col_text(s, 4, it->reason, sizeof it->reason);
    it->days_since =
        it->since_ms > 0 && now_ms > it->since_ms ? (int)((now_ms - it->since_ms) / 86400000LL) : 0;
    struct application lite;
    int rc = personal_of(st, s, 5, it->id, &lite);
    if (rc == 0) {
        snprintf(it->name, sizeof it->name, "%s", lite.identity.full_name);
        memcpy(it->phone, lite.phone, sizeof it->phone);
        memcpy(it->email, lite.email, sizeof it->email);
    }
    app_wipe(&lite);
    if (rc != 0 && rc != STORE_ENOTFOUND)
        return rc;
    rc = load_marks(st, it);
    return rc ? rc : 1;
}

int store_recall_list(struct store *st, int64_t now_ms,
                      int (*cb)(const struct recall_item *it, void *arg), void *arg)
{
    sqlite3_stmt *s;
    struct recall_item *it = malloc(sizeof *it);
    if (!it)
        return STORE_ENOMEM;
    int rc = store_prepare(st, RECALL_SELECT " ORDER BY a.updated_at, a.id", &s);
    if (rc) {
        free(it);
        return rc;
    }
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        int in = read_item(st, s, now_ms, it);
        if (in < 0) {
            rc = in;
            break;
        }
        int stop = in ? cb(it, arg) : 0;
        sodium_memzero(it, sizeof *it);
        if (stop) {
            rc = SQLITE_DONE;
            break;
        }
    }
    if (rc > 0)
        rc = store_map_rc(rc);
    sqlite3_finalize(s);
    sodium_memzero(it, sizeof *it);
    free(it);
    return rc;
}

static int count_cb(const struct recall_item *it, void *arg)
{
    (void)it;
    (*(long *)arg)++;
    return 0;
}

int store_recall_count(struct store *st, int64_t now_ms, long *count)
{
    *count = 0;
    return store_recall_list(st, now_ms, count_cb, count);
}

/* 1 when id is an open worklist entry at now_ms. */
static int on_worklist(struct store *st, const char *id, int64_t now_ms)
{
    sqlite3_stmt *s;
    struct recall_item *it = malloc(sizeof *it);
    int in = 0;
    if (!it)
        return STORE_ENOMEM;
    int rc = store_prepare(st, RECALL_SELECT " AND a.id = ?1", &s);
    if (rc) {
        free(it);
        return rc;
    }
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    if (sqlite3_step(s) == SQLITE_ROW)
        in = read_item(st, s, now_ms, it);
    sqlite3_finalize(s);
    sodium_memzero(it, sizeof *it);
    free(it);
    return in;
}

/* Begins a transaction in which id is on the worklist: 0, or STORE_ENOTFOUND or the error
 * (and nothing begun). */
static int begin_on_worklist(struct store *st, const char *id, int64_t now_ms)
{
    int rc = store_begin(st);
    if (rc)
        return rc;
    int in = on_worklist(st, id, now_ms);
    if (in > 0)
        return 0;
    store_rollback(st);
    return in < 0 ? in : STORE_ENOTFOUND;
}

int store_recall_mark(struct store *st, const char *id, enum recall_mark mark,
                      const char *appointment, const char *actor, int64_t now_ms)
{
    char detail[48];
    if (mark <= RECALL_MARK_NONE || mark >= RECALL_MARK_COUNT || !actor || !actor[0])
        return STORE_EINVAL;
    if (mark == RECALL_MARK_APPOINTMENT) {
        if (!appointment || val_date(appointment, NULL) != MSG_NONE)
            return STORE_EINVAL;
    } else {
        appointment = NULL;
    }
    int rc = begin_on_worklist(st, id, now_ms);
    if (rc)
        return rc;
    sqlite3_stmt *s;
    if ((rc = store_prepare_id(st,
                               "INSERT INTO recall_marks (app_id, at, actor, mark, appointment) "
                               "VALUES (?, ?, ?, ?, ?)",
                               id, &s)) != 0)
        goto fail;
    sqlite3_bind_int64(s, 2, now_ms);
    sqlite3_bind_text(s, 3, actor, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, recall_mark_name(mark), -1, SQLITE_STATIC);
    if (appointment)
        sqlite3_bind_text(s, 5, appointment, -1, SQLITE_STATIC);
    rc = store_map_rc(sqlite3_step(s));
    sqlite3_finalize(s);
    if (rc)
        goto fail;
    snprintf(detail, sizeof detail, "mark=%s", recall_mark_name(mark));
    rc = store_audit_in_txn(st, actor, "recall.mark", id, detail, now_ms);
fail:
    return store_end(st, rc);
}

int store_recall_close(struct store *st, const char *id, const char *reason, const char *actor,
                       int64_t now_ms)
{
    if (!reason || !reason[0] || strlen(reason) > 255)
        return STORE_EINVAL;
    if (!store_is_supervisor(st, actor))
        return STORE_EROLE;
    int rc = begin_on_worklist(st, id, now_ms);
    if (rc)
        return rc;
    /* the reason is the supervisor's words about a citizen: kept with the entry, not in the
     * audit row */
    if ((rc = exec_bound(st,
                         "INSERT INTO recall_closed (app_id, actor, reason, at) VALUES (?1, ?2, "
                         "?3, ?4)",
                         id, actor, reason, now_ms)) == 0)
        rc = store_audit_in_txn(st, actor, "recall.close", id, NULL, now_ms);
    return store_end(st, rc);
}

int store_recall_marks(struct store *st, const char *id, struct recall_mark_row *out, int max)
{
    sqlite3_stmt *s;
    int n = 0;
    int rc =
        store_prepare_id(st,
                         "SELECT mark, at, actor, appointment FROM recall_marks WHERE app_id = "
                         "? ORDER BY seq",
                         id, &s);
    if (rc)
        return rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW && n < max) {
        char name[16];
        memset(&out[n], 0, sizeof out[n]);
        store_col_text(s, 0, name, sizeof name);
        recall_mark_parse(name, &out[n].mark);
        out[n].at = sqlite3_column_int64(s, 1);
        store_col_text(s, 2, out[n].actor, sizeof out[n].actor);
        store_col_text(s, 3, out[n].appointment, sizeof out[n].appointment);
        n++;
    }
    sqlite3_finalize(s);
    rc = store_map_rc(rc);
    return rc ? rc : n;
}

int store_recall_closed(struct store *st, const char *id, char reason[256],
                        char actor[APP_OFFICER_SIZE], char redo_id[APP_ID_SIZE])
{
    sqlite3_stmt *s;
    reason[0] = actor[0] = redo_id[0] = '\0';
    int rc =
        store_prepare(st, "SELECT reason, actor, redo_id FROM recall_closed WHERE app_id = ?", &s);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        store_col_text(s, 0, reason, 256);
        store_col_text(s, 1, actor, APP_OFFICER_SIZE);
        store_col_text(s, 2, redo_id, APP_ID_SIZE);
        rc = 0;
    } else {
        rc = rc == SQLITE_DONE ? STORE_ENOTFOUND : store_map_rc(rc);
    }
    sqlite3_finalize(s);
    return rc;
}

/* --- visits that end in guidance ------------------------------------------------------- */

static const char *const guidance_names[GUIDANCE_COUNT] = {"no_card", "lost_card", "under_14"};

const char *guidance_kind_name(enum guidance_kind k)
{
    return (unsigned)k < GUIDANCE_COUNT ? guidance_names[k] : "";
}

int store_guidance_add(struct store *st, enum guidance_kind kind, const char *officer,
                       int64_t now_ms)
{
    char day[11], detail[32];
    if ((unsigned)kind >= GUIDANCE_COUNT || !officer || !officer[0])
        return STORE_EINVAL;
    time_day(now_ms, day);
    int rc = store_begin(st);
    if (rc)
        return rc;
    sqlite3_stmt *s;
    if ((rc = store_prepare(st,
                            "INSERT INTO guidance_visits (at, day, officer, kind) VALUES (?, ?, "
                            "?, ?)",
                            &s)) != 0)
        goto fail;
    sqlite3_bind_int64(s, 1, now_ms);
    sqlite3_bind_text(s, 2, day, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, officer, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, guidance_names[kind], -1, SQLITE_STATIC);
    rc = store_map_rc(sqlite3_step(s));
    sqlite3_finalize(s);
    snprintf(detail, sizeof detail, "kind=%s", guidance_names[kind]);
    if (rc == 0)
        rc = store_audit_in_txn(st, officer, "guidance.visit", NULL, detail, now_ms);
fail:
    return store_end(st, rc);
}

int store_guidance_counts(struct store *st, const char *day, long counts[GUIDANCE_COUNT])
{
    sqlite3_stmt *s;
    memset(counts, 0, sizeof(long) * GUIDANCE_COUNT);
    int rc = store_prepare(st,
                           day ? "SELECT kind, count(*) FROM guidance_visits WHERE day = ?1 "
                                 "GROUP BY kind"
                               : "SELECT kind, count(*) FROM guidance_visits GROUP BY kind",
                           &s);
    if (rc)
        return rc;
    if (day)
        sqlite3_bind_text(s, 1, day, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *k = (const char *)sqlite3_column_text(s, 0);
        for (int i = 0; k && i < GUIDANCE_COUNT; i++)
            if (strcmp(k, guidance_names[i]) == 0)
                counts[i] = sqlite3_column_int64(s, 1);
    }
    sqlite3_finalize(s);
    return store_map_rc(rc);
}
