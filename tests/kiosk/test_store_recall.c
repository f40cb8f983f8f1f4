/* test_store_recall.c: after the first visit: short numbers (unique per station, across
 * days and years), search by short number, phone (as citizens write it) and personal ID
 * through their indexes, the recall worklist (rejected and overdue, marks, a redo that
 * closes the entry, a supervisor's closing), retention keeping what the worklist shows, phone
 * corrections (approver rules, outbox), and the migration of a schema-3 file with data. */
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kiosk/model/app_json.h"
#include "kiosk/model/timefmt.h"
#include "kiosk/store/store_internal.h"
#include "kiosk/store/store_phonefix.h"
#include "kiosk/store/store_recall.h"
#include "tests/rigs/harness/app_fixture.h"
#include "tests/test.h"

static char dir[64];
static struct seal_keys keys;
static struct store *st;
/* Wednesday 2026-12-02 08:00 in Hà Nội */
static const int64_t T0 = 1796173200000LL;
static const int64_t DAY = 86400000LL;

static void setup(void)
{
    char keydir[128];
    if (st)
        store_close(st);
    st = NULL;
    if (test_fresh_dir(dir, sizeof dir) != 0)
        abort();
    snprintf(keydir, sizeof(keydir), "%s/keys", dir);
    if (seal_keys_load(keydir, NULL, &keys) != 0)
        abort();
    fixture_upstream_key(&keys, NULL);
    if (store_open(dir, &keys, &st) != 0)
        abort();
    if (store_officer_init(st, "ld01", "Phạm Quốc Đạt", "730195", T0) != 0 ||
        store_officer_add(st, "cb01", "Trần Văn Bình", ROLE_OFFICER, "482915", "ld01", T0) != 0)
        abort();
}

/* Queues a citizen with this phone at t; id_out gets the id. */
static int queue_one(const char *pid, const char *name, const char *phone, int64_t t,
                     char id_out[APP_ID_SIZE], char short_out[APP_SHORT_NO_SIZE])
{
    struct application a;
    fixture_app(&a, pid, name, t);
    snprintf(a.station, sizeof a.station, "%s", "CAX-HN-0101");
    snprintf(a.phone, sizeof a.phone, "%s", phone);
    int rc = store_queue(st, &a, t);
    snprintf(id_out, APP_ID_SIZE, "%s", a.id);
    if (short_out)
        snprintf(short_out, APP_SHORT_NO_SIZE, "%s", a.short_no);
    app_wipe(&a);
    return rc;
}

/* Delivers id at t (the receipt) and, if status is rejected/approved, decides it at t2. */
static int deliver(const char *id, int64_t t)
{
    int rc = store_outbox_begin(st, id, t);
    return rc ? rc : store_outbox_done(st, id, "{}", t);
}

TEST(short_numbers_are_per_station_day_and_never_repeat)
{
    char id[APP_ID_SIZE], s1[APP_SHORT_NO_SIZE], s2[APP_SHORT_NO_SIZE], s3[APP_SHORT_NO_SIZE],
        s4[APP_SHORT_NO_SIZE];
    setup();
    CHECK_INT(queue_one("001190012345", "Nguyễn Thị Hường", "0987654321", T0, id, s1), 0);
    CHECK_STR(s1, "HN0101-0212-001");
    CHECK_INT(queue_one("001190012346", "Lê Văn Nam", "0912345678", T0 + 60000, id, s2), 0);
    CHECK_STR(s2, "HN0101-0212-002");
    CHECK_INT(queue_one("001190012347", "Đỗ Minh", "0912345679", T0 + DAY, id, s3), 0);
    CHECK_STR(s3, "HN0101-0312-001");
    /* the same day a year later goes on where that day stopped */
    CHECK_INT(queue_one("001190012348", "Vũ Hà", "0912345670", T0 + 365 * DAY, id, s4), 0);
    CHECK_STR(s4, "HN0101-0212-003");
    struct application l;
    CHECK_INT(store_load(st, id, &l), 0);
    CHECK_STR(l.short_no, "HN0101-0212-003");
    app_wipe(&l);
    char found[APP_ID_SIZE];
    CHECK_INT(store_find_by_short(st, "hn0101 0212 3", found), 0);
    CHECK_STR(found, id);
    CHECK_INT(store_find_by_short(st, "HN0101-0212-009", found), STORE_ENOTFOUND);
    CHECK_INT(store_find_by_short(st, "not a number", found), STORE_EINVAL);
}

static int first_name(const struct store_row *row, void *arg)
{
    snprintf(arg, 200, "%.150s|%s", row->identity.full_name, row->short_no);
    return 1;
}

TEST(search_by_phone_short_number_and_personal_id)
{
    char a[APP_ID_SIZE], b[APP_ID_SIZE], c[APP_ID_SIZE], sb[APP_SHORT_NO_SIZE];
    setup();
    CHECK_INT(queue_one("001190012345", "Nguyễn Thị Hường", "0987654321", T0, a, NULL), 0);
    CHECK_INT(queue_one("001190012346", "Lê Văn Nam", "0912345678", T0 + 1000, b, sb), 0);
    CHECK_INT(queue_one("001190012347", "Trần Thu", "0987654321", T0 + 2000, c, NULL), 0);
    char ids[4][APP_ID_SIZE];
    /* written as a citizen writes it */
    CHECK_INT(store_find_by_phone(st, "(+84) 98-765.4321", ids, 4), 2);
    CHECK_STR(ids[0], c);
    CHECK_STR(ids[1], a);
    CHECK_INT(store_find_by_phone(st, "0912 000 000", ids, 4), 0);
    long others = 0;
    CHECK_INT(store_phone_other_citizens(st, "0987654321", "001190012345", &others), 0);
    CHECK_INT(others, 1);
    CHECK_INT(store_phone_other_citizens(st, "0912345678", "001190012346", &others), 0);
    CHECK_INT(others, 0);
    char got[200] = "";
    struct store_query q = {.status = -1, .search = "0912.345.678"};
    CHECK_INT(store_list(st, &q, first_name, got), 0);
    CHECK(strncmp(got, "Lê Văn Nam|", strlen("Lê Văn Nam|")) == 0);
    got[0] = 0;
    q.search = sb;
    CHECK_INT(store_list(st, &q, first_name, got), 0);
    CHECK(strstr(got, "Lê Văn Nam") != NULL);
    got[0] = 0;
    q.search = "001190012347";
    CHECK_INT(store_list(st, &q, first_name, got), 0);
    CHECK(strstr(got, "Trần Thu") != NULL);
    char r[APP_ID_SIZE];
    CHECK_INT(store_resolve(st, "0987654321", r), 0);
    CHECK_STR(r, c);
    CHECK_INT(store_resolve(st, sb, r), 0);
    CHECK_STR(r, b);
    CHECK_INT(store_resolve(st, a, r), 0);
    CHECK_STR(r, a);
    CHECK_INT(store_resolve(st, "nobody", r), STORE_ENOTFOUND);
    /* the phone's index is a keyed hash: the number is nowhere in clear */
    sqlite3_stmt *s;
    CHECK_INT(sqlite3_prepare_v2(st->db,
                                 "SELECT count(*) FROM applications WHERE phone_index LIKE "
                                 "'%0987654321%' OR short_no LIKE '%0987654321%'",
                                 -1, &s, NULL),
              SQLITE_OK);
    CHECK_INT(sqlite3_step(s), SQLITE_ROW);
    int leaked = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    CHECK_INT(leaked, 0);
}

struct seen {
    int n;
    char name[160], phone[11], reason_code[32];
    int overdue, days;
    enum recall_mark mark;
    char id[APP_ID_SIZE];
};

static int seen_cb(const struct recall_item *it, void *arg)
{
    struct seen *s = arg;
    if (s->n++ == 0) {
        snprintf(s->name, sizeof s->name, "%s", it->name);
        snprintf(s->phone, sizeof s->phone, "%s", it->phone);
        snprintf(s->reason_code, sizeof s->reason_code, "%s", it->reason_code);
        snprintf(s->id, sizeof s->id, "%s", it->id);
        s->overdue = it->overdue;
        s->days = it->days_since;
        s->mark = it->last_mark;
    }
    return 0;
}

TEST(worklist_rejected_marks_redo_empties_it)
{
    char a[APP_ID_SIZE], b[APP_ID_SIZE];
    setup();
    CHECK_INT(queue_one("001190012345", "Nguyễn Thị Hường", "0987654321", T0, a, NULL), 0);
    CHECK_INT(queue_one("001190012346", "Lê Văn Nam", "0912345678", T0 + 1000, b, NULL), 0);
    CHECK_INT(deliver(a, T0 + 3600000), 0);
    CHECK_INT(deliver(b, T0 + 3600000), 0);
    struct seen s = {0};
    CHECK_INT(store_recall_list(st, T0 + DAY, seen_cb, &s), 0);
    CHECK_INT(s.n, 0);
    CHECK_INT(store_set_status(st, a, APP_REJECTED, "PHOTO_QUALITY",
                               "Ảnh chân dung không đủ tiêu chuẩn", "sync", T0 + DAY),
              0);
    memset(&s, 0, sizeof s);
    CHECK_INT(store_recall_list(st, T0 + 2 * DAY, seen_cb, &s), 0);
    CHECK_INT(s.n, 1);
    CHECK_STR(s.name, "Nguyễn Thị Hường");
    CHECK_STR(s.phone, "0987654321");
    CHECK_STR(s.reason_code, "PHOTO_QUALITY");
    CHECK_INT(s.days, 1);
    CHECK_INT(s.overdue, 0);
    /* marks: only officers, only entries on the list, appointments need a day */
    CHECK_INT(store_recall_mark(st, a, RECALL_MARK_NO_ANSWER, NULL, "cb01", T0 + 2 * DAY), 0);
    CHECK_INT(store_recall_mark(st, a, RECALL_MARK_APPOINTMENT, "bad", "cb01", T0 + 2 * DAY),
              STORE_EINVAL);
    CHECK_INT(store_recall_mark(st, a, RECALL_MARK_APPOINTMENT, "2026-12-07", "cb01", T0 + 2 * DAY),
              0);
    CHECK_INT(store_recall_mark(st, b, RECALL_MARK_CALLED, NULL, "cb01", T0 + 2 * DAY),
              STORE_ENOTFOUND);
    memset(&s, 0, sizeof s);
    CHECK_INT(store_recall_list(st, T0 + 2 * DAY, seen_cb, &s), 0);
    CHECK_INT(s.mark, RECALL_MARK_APPOINTMENT);
    /* the overdue one: no decision 3 working days after delivery (Wed → next Tue) */
    memset(&s, 0, sizeof s);
    CHECK_INT(store_recall_list(st, T0 + 6 * DAY, seen_cb, &s), 0);
    CHECK_INT(s.n, 2);
    long count = 0;
    CHECK_INT(store_recall_count(st, T0 + 6 * DAY, &count), 0);
    CHECK_INT(count, 2);
    /* the citizen returns: the redo closes the entry and moves the rejected one to redo */
    char c[APP_ID_SIZE];
    struct application r;
    fixture_app(&r, "001190012345", "Nguyễn Thị Hường", T0 + 5 * DAY);
    snprintf(r.redo_of, sizeof r.redo_of, "%s", a);
    CHECK_INT(store_queue(st, &r, T0 + 5 * DAY), 0);
    snprintf(c, sizeof c, "%s", r.id);
    app_wipe(&r);
    struct application l;
    CHECK_INT(store_load(st, a, &l), 0);
    int st_a = l.status;
    app_wipe(&l);
    CHECK_INT(st_a, APP_REDO);
    CHECK_INT(store_load(st, c, &l), 0);
    char redo_of[APP_ID_SIZE];
    snprintf(redo_of, sizeof redo_of, "%s", l.redo_of);
    app_wipe(&l);
    CHECK_STR(redo_of, a);
    char why[256], who[APP_OFFICER_SIZE], redo_id[APP_ID_SIZE];
    CHECK_INT(store_recall_closed(st, a, why, who, redo_id), 0);
    CHECK_STR(why, "redo");
    CHECK_STR(redo_id, c);
    struct recall_mark_row marks[8];
    CHECK_INT(store_recall_marks(st, a, marks, 8), 3);
    CHECK_INT(marks[2].mark, RECALL_MARK_RETURNED);
    /* the overdue one is closed by a supervisor only, with a reason */
    CHECK_INT(store_recall_close(st, b, "chuyển nơi cư trú", "cb01", T0 + 6 * DAY), STORE_EROLE);
    CHECK_INT(store_recall_close(st, b, "", "ld01", T0 + 6 * DAY), STORE_EINVAL);
    CHECK_INT(store_recall_close(st, b, "chuyển nơi cư trú", "ld01", T0 + 6 * DAY), 0);
    CHECK_INT(store_recall_count(st, T0 + 6 * DAY, &count), 0);
    CHECK_INT(count, 0);
    /* a redo of something not rejected is refused whole */
    fixture_app(&r, "001190012346", "Lê Văn Nam", T0 + 6 * DAY);
    snprintf(r.redo_of, sizeof r.redo_of, "%s", b);
    CHECK(store_queue(st, &r, T0 + 6 * DAY) != 0);
    CHECK_INT(r.status, APP_DRAFT);
    CHECK_INT(r.short_no[0], 0);
    app_wipe(&r);
    long audit_rows = 0, bad = 0;
    CHECK_INT(store_audit_verify(st, &audit_rows, &bad), 0);
}

TEST(retention_keeps_what_the_worklist_shows_until_closed)
{
    char a[APP_ID_SIZE], b[APP_ID_SIZE];
    setup();
    CHECK_INT(queue_one("001190012345", "Nguyễn Thị Hường", "0987654321", T0, a, NULL), 0);
    CHECK_INT(queue_one("001190012346", "Lê Văn Nam", "0912345678", T0, b, NULL), 0);
    CHECK_INT(deliver(a, T0), 0);
    CHECK_INT(deliver(b, T0), 0);
    CHECK_INT(store_set_status(st, a, APP_REJECTED, "PHOTO_QUALITY", "x", "sync", T0), 0);
    CHECK_INT(store_set_status(st, b, APP_APPROVED, NULL, NULL, "sync", T0), 0);
    long purged = 0;
    CHECK_INT(store_purge(st, T0 + 40 * DAY, 30, &purged), 0);
    CHECK_INT(purged, 1); /* the approved one */
    struct seen s = {0};
    CHECK_INT(store_recall_list(st, T0 + 40 * DAY, seen_cb, &s), 0);
    CHECK_INT(s.n, 1);
    CHECK_STR(s.name, "Nguyễn Thị Hường");
    CHECK_STR(s.phone, "0987654321");
    /* the biometrics are gone all the same: the worklist does not need them */
    sqlite3_stmt *q;
    CHECK_INT(sqlite3_prepare_v2(st->db, "SELECT count(*) FROM biometrics", -1, &q, NULL),
              SQLITE_OK);
    CHECK_INT(sqlite3_step(q), SQLITE_ROW);
    int bio = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    CHECK_INT(bio, 0);
    CHECK_INT(store_recall_close(st, a, "đã đăng ký ở nơi khác", "ld01", T0 + 41 * DAY), 0);
    CHECK_INT(store_purge(st, T0 + 41 * DAY, 30, &purged), 0);
    CHECK_INT(purged, 1);
}

TEST(phone_correction_rules_and_outbox)
{
    char a[APP_ID_SIZE], q[APP_ID_SIZE], fix[APP_ID_SIZE];
    setup();
    CHECK_INT(queue_one("001190012345", "Nguyễn Thị Hường", "0987654321", T0, a, NULL), 0);
    CHECK_INT(queue_one("001190012346", "Lê Văn Nam", "0912345678", T0, q, NULL), 0);
    /* not yet delivered: the upstream has nothing to correct */
    CHECK_INT(store_phonefix_add(st, a, "0977 111 222", "gõ nhầm", "cb01", "ld01", T0, fix),
              STORE_EINVAL);
    CHECK_INT(deliver(a, T0), 0);
    CHECK_INT(store_phonefix_add(st, a, "0977111222", "gõ nhầm", "cb01", "cb01", T0, fix),
              STORE_EROLE);
    CHECK_INT(store_phonefix_add(st, a, "0977111222", "gõ nhầm", "ld01", "ld01", T0, fix),
              STORE_EROLE);
    CHECK_INT(store_phonefix_add(st, a, "0277111222", "gõ nhầm", "cb01", "ld01", T0, fix),
              STORE_EINVAL);
    CHECK_INT(store_phonefix_add(st, a, "0977111222", "", "cb01", "ld01", T0, fix), STORE_EINVAL);
    CHECK_INT(store_phonefix_add(st, a, "0987654321", "x", "cb01", "ld01", T0, fix), STORE_EINVAL);
    CHECK_INT(store_phonefix_add(st, a, "(097) 711-1222", "gõ nhầm một số", "cb01", "ld01",
                                 T0 + 1000, fix),
              0);
    /* the application now carries the new number, found by it, not by the old one */
    struct application l;
    CHECK_INT(store_load(st, a, &l), 0);
    char phone[11];
    snprintf(phone, sizeof phone, "%s", l.phone);
    app_wipe(&l);
    CHECK_STR(phone, "0977111222");
    char ids[2][APP_ID_SIZE];
    CHECK_INT(store_find_by_phone(st, "0977111222", ids, 2), 1);
    CHECK_INT(store_find_by_phone(st, "0987654321", ids, 2), 0);
    long pending = 0;
    CHECK_INT(store_phonefix_pending(st, &pending), 0);
    CHECK_INT(pending, 1);
    struct phonefix f;
    CHECK_INT(store_phonefix_next(st, T0 + 2000, &f), 0);
    CHECK_STR(f.id, fix);
    CHECK_STR(f.old_phone, "0987654321");
    CHECK_STR(f.new_phone, "0977111222");
    CHECK_STR(f.approver, "ld01");
    CHECK_INT(store_phonefix_retry(st, fix, T0 + 60000, "offline"), 0);
    CHECK_INT(store_phonefix_next(st, T0 + 2000, &f), STORE_ENOTFOUND);
    CHECK_INT(store_phonefix_next(st, T0 + 60000, &f), 0);
    CHECK_INT(f.attempts, 1);
    CHECK_INT(store_phonefix_done(st, fix, T0 + 61000), 0);
    CHECK_INT(store_phonefix_done(st, fix, T0 + 62000), STORE_ENOTFOUND);
    CHECK_INT(store_phonefix_pending(st, &pending), 0);
    CHECK_INT(pending, 0);
    struct phonefix list[4];
    CHECK_INT(store_phonefix_list(st, a, list, 4), 1);
    CHECK_INT(list[0].state, PHONEFIX_DELIVERED);
    CHECK_STR(list[0].reason, "gõ nhầm một số");
    long rows = 0, bad = 0;
    CHECK_INT(store_audit_verify(st, &rows, &bad), 0);
}

TEST(migration_5_numbers_and_indexes_older_rows)
{
    struct store *old = calloc(1, sizeof(*old));
    char path[160];
    setup();
    store_close(st);
    st = NULL;
    snprintf(path, sizeof(path), "%s/v4", dir);
    mkdir(path, 0700);
    snprintf(path, sizeof(path), "%s/v4/kiosk.db", dir);
    CHECK_INT(sqlite3_open(path, &old->db), SQLITE_OK);
    old->keys = keys;
    CHECK_INT(store_migrate_to(old, 4), 0);
    /* two applications as the previous release stored them (personal record encrypted) */
    for (int i = 0; i < 2; i++) {
        struct application a;
        fixture_app(&a, i ? "001190012346" : "001190012345", i ? "Lê Văn Nam" : "Nguyễn Hường",
                    T0 + i * 1000);
        snprintf(a.phone, sizeof a.phone, "%s", i ? "0912345678" : "0987654321");
        char *json = app_envelope_to_json(&a);
        unsigned char *pers = NULL, *env = NULL;
        size_t plen = 0, elen = 0;
        CHECK_INT(store_encrypt_field(old, FIELD_PERSONAL, a.id, json, strlen(json), &pers, &plen),
                  0);
        CHECK_INT(store_encrypt_field(old, FIELD_ENVELOPE, a.id, json, strlen(json), &env, &elen),
                  0);
        sqlite3_stmt *s;
        CHECK_INT(sqlite3_prepare_v2(old->db,
                                     "INSERT INTO applications (id, created_at, day, queued_at, "
                                     "updated_at, station, officer, status, pid_index, personal, "
                                     "envelope, payload_digest) VALUES (?, ?, '2026-12-02', ?, ?, "
                                     "'CAX-HD-03', 'cb01', 'queued', 'x', ?, ?, 'd')",
                                     -1, &s, NULL),
                  SQLITE_OK);
        sqlite3_bind_text(s, 1, a.id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(s, 2, a.created_at);
        sqlite3_bind_int64(s, 3, a.created_at);
        sqlite3_bind_int64(s, 4, a.created_at);
        sqlite3_bind_blob(s, 5, pers, (int)plen, SQLITE_TRANSIENT);
        sqlite3_bind_blob(s, 6, env, (int)elen, SQLITE_TRANSIENT);
        int rc = sqlite3_step(s);
        sqlite3_finalize(s);
        free(pers);
        free(env);
        free(json);
        app_wipe(&a);
        CHECK_INT(rc, SQLITE_DONE);
    }
    sqlite3_close(old->db);
    memset(old, 0, sizeof *old);
    free(old);
    snprintf(path, sizeof(path), "%s/v4", dir);
    CHECK_INT(store_open(path, &keys, &st), 0);
    CHECK_INT(store_file_version(st), store_schema_version());
    char id[APP_ID_SIZE], ids[2][APP_ID_SIZE];
    CHECK_INT(store_find_by_short(st, "HD03-0212-001", id), 0);
    CHECK_INT(store_find_by_short(st, "HD03-0212-002", ids[0]), 0);
    CHECK(strcmp(id, ids[0]) < 0); /* numbered in the order they were queued */
    char second[APP_ID_SIZE];
    snprintf(second, sizeof second, "%s", ids[0]);
    CHECK_INT(store_find_by_phone(st, "0912345678", ids, 2), 1);
    CHECK_STR(ids[0], second);
    /* a new one that day continues the numbers */
    char n[APP_ID_SIZE], sn[APP_SHORT_NO_SIZE];
    struct application a;
    fixture_app(&a, "001190012347", "Trần Thu", T0 + 5000);
    snprintf(a.station, sizeof a.station, "%s", "CAX-HD-03");
    CHECK_INT(store_queue(st, &a, T0 + 5000), 0);
    snprintf(n, sizeof n, "%s", a.id);
    snprintf(sn, sizeof sn, "%s", a.short_no);
    app_wipe(&a);
    CHECK_STR(sn, "HD03-0212-003");
    /* opening again numbers nothing twice */
    store_close(st);
    CHECK_INT(store_open(path, &keys, &st), 0);
    CHECK_INT(store_find_by_short(st, "HD03-0212-003", id), 0);
    CHECK_STR(id, n);
}

TEST(guidance_visits_are_counted)
{
    setup();
    long c[GUIDANCE_COUNT];
    CHECK_INT(store_guidance_add(st, GUIDANCE_NO_CARD, "cb01", T0), 0);
    CHECK_INT(store_guidance_add(st, GUIDANCE_NO_CARD, "cb01", T0 + 1000), 0);
    CHECK_INT(store_guidance_add(st, GUIDANCE_UNDER_14, "cb01", T0 + DAY), 0);
    CHECK_INT(store_guidance_add(st, GUIDANCE_COUNT, "cb01", T0), STORE_EINVAL);
    CHECK_INT(store_guidance_add(st, GUIDANCE_LOST_CARD, "", T0), STORE_EINVAL);
    CHECK_INT(store_guidance_counts(st, "2026-12-02", c), 0);
    CHECK_INT(c[GUIDANCE_NO_CARD], 2);
    CHECK_INT(c[GUIDANCE_UNDER_14], 0);
    CHECK_INT(store_guidance_counts(st, NULL, c), 0);
    CHECK_INT(c[GUIDANCE_UNDER_14], 1);
    CHECK_INT(c[GUIDANCE_LOST_CARD], 0);
    long rows = 0, bad = 0;
    CHECK_INT(store_audit_verify(st, &rows, &bad), 0);
}

int main(void)
{
    if (seal_init() != 0)
        return 1;
    RUN(short_numbers_are_per_station_day_and_never_repeat);
    RUN(search_by_phone_short_number_and_personal_id);
    RUN(worklist_rejected_marks_redo_empties_it);
    RUN(retention_keeps_what_the_worklist_shows_until_closed);
    RUN(phone_correction_rules_and_outbox);
    RUN(migration_5_numbers_and_indexes_older_rows);
    RUN(guidance_visits_are_counted);
    if (st)
        store_close(st);
    return test_done();
}
