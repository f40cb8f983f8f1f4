/* test_store_tamper.c: what someone holding the database file (but not the key directory)
 * can no longer do unnoticed: truncate the audit trail and fix its head, swap encrypted
 * fields between rows, make the kiosk start over a lost key, guess PINs in parallel past the
 * lockout; and an action whose audit row cannot be written does not happen. Also the
 * migration of a file of the previous schema (unbound fields, unkeyed audit chain). */
#include <pthread.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kiosk/messages/messages.h"
#include "kiosk/model/app_json.h"
#include "kiosk/store/store_internal.h"
#include "tests/rigs/harness/app_fixture.h"
#include "tests/test.h"

static char dir[64];
static struct seal_keys keys;
static struct store *st;
static const int64_t T0 = 1763856000000LL;

static void teardown(void)
{
    if (st)
        store_close(st);
    st = NULL;
    seal_keys_wipe(&keys);
}

static void setup(void)
{
    struct store_open_why why;
    teardown();
    if (test_fresh_dir(dir, sizeof dir) != 0)
        abort();
    if (store_open_with_keys(dir, NULL, &keys, &st, &why) != 0)
        abort();
    /* the store copied the keys; the test's copy gets the upstream key for queuing */
    store_close(st);
    fixture_upstream_key(&keys, NULL);
    if (store_open(dir, &keys, &st) != 0)
        abort();
}

static int sql(const char *q)
{
    return sqlite3_exec(st->db, q, NULL, NULL, NULL);
}

static int list_cb(const struct store_row *row, void *arg)
{
    (void)row;
    (*(int *)arg)++;
    return 0;
}

TEST(audit_truncated_with_head_fixed_is_found_against_the_anchor)
{
    long rows, bad;
    long long seq;
    char hash[65], head[200], row3[65];
    setup();
    for (int i = 0; i < 6; i++)
        CHECK_INT(store_audit(st, "cb01", "test.action", NULL, NULL, T0 + i), 0);
    CHECK_INT(store_audit_anchor(st, &seq, hash), 0); /* as a sync request does */
    CHECK_INT(seq, 6);
    CHECK_INT(store_audit(st, "cb01", "test.action", NULL, NULL, T0 + 7), 0);
    CHECK_INT(store_audit_verify(st, &rows, &bad), 0);
    CHECK_INT(rows, 7);

    /* the insider removes rows 4.. and makes the head in the database point at row 3 */
    sqlite3_stmt *q;
    CHECK_INT(sqlite3_prepare_v2(st->db, "SELECT hash FROM audit WHERE seq = 3", -1, &q, NULL),
              SQLITE_OK);
    CHECK_INT(sqlite3_step(q), SQLITE_ROW);
    snprintf(row3, sizeof(row3), "%s", (const char *)sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    CHECK_INT(sql("DELETE FROM audit WHERE seq >= 4"), SQLITE_OK);
    snprintf(head, sizeof(head), "UPDATE kv SET value = '3:%s' WHERE key = 'audit.head'", row3);
    CHECK_INT(sql(head), SQLITE_OK);

    CHECK_INT(store_audit_verify(st, &rows, &bad), STORE_ECORRUPT);
    CHECK_INT(rows, 3);
    CHECK_INT(bad, 4);
    struct audit_check chk;
    CHECK_INT(store_audit_check(st, &chk), STORE_ECORRUPT);
    CHECK_INT(chk.why, AUDIT_END_REMOVED);
    CHECK_INT(chk.anchor_seq, 6);
    /* and the anchor does not move back to the shortened trail */
    CHECK_INT(store_audit_anchor(st, &seq, hash), STORE_ECORRUPT);
    long long aseq;
    CHECK_INT(store_audit_last_anchor(st, &aseq, hash), 0);
    CHECK_INT(aseq, 6);
}

TEST(audit_row_edited_before_the_anchor_is_an_edit_not_a_truncation)
{
    long long seq;
    char hash[65];
    setup();
    for (int i = 0; i < 6; i++)
        CHECK_INT(store_audit(st, "cb01", "test.action", NULL, NULL, T0 + i), 0);
    CHECK_INT(store_audit_anchor(st, &seq, hash), 0);
    CHECK_INT(sql("UPDATE audit SET actor = 'x' WHERE seq = 2"), SQLITE_OK);
    struct audit_check chk;
    CHECK_INT(store_audit_check(st, &chk), STORE_ECORRUPT);
    CHECK_INT(chk.why, AUDIT_ROW_CHANGED);
    CHECK_INT(chk.bad_seq, 2);
    CHECK_INT(chk.rows, 1);
}

TEST(audit_rows_are_keyed)
{
    long rows, bad;
    struct store *s2;
    setup();
    for (int i = 0; i < 3; i++)
        CHECK_INT(store_audit(st, "cb01", "test.action", NULL, NULL, T0 + i), 0);
    CHECK_INT(store_audit_verify(st, &rows, &bad), 0);
    /* the same rows under another audit key do not verify (and the key's id is refused) */
    struct seal_keys other = keys;
    randombytes_buf(other.audit_key, sizeof(other.audit_key));
    CHECK_INT(store_open(dir, &other, &s2), STORE_EKEY);
    CHECK_INT(sql("DELETE FROM kv WHERE key = 'key.audit.key'"), SQLITE_OK);
    CHECK_INT(store_open(dir, &other, &s2), 0);
    CHECK_INT(store_audit_verify(s2, &rows, &bad), STORE_ECORRUPT);
    CHECK_INT(bad, 1);
    store_close(s2);
}

TEST(failed_audit_write_refuses_the_action)
{
    struct application a;
    enum officer_role role;
    long pending = 0;
    setup();
    CHECK_INT(store_officer_init(st, "sv01", "Thiếu tá Vũ", "730195", T0), 0);
    CHECK_INT(sql("CREATE TRIGGER audit_full BEFORE INSERT ON audit BEGIN SELECT "
                  "RAISE(ABORT, 'disk full'); END"),
              SQLITE_OK);
    fixture_app(&a, "001099012345", "Nguyễn Văn An", T0);
    CHECK(store_queue(st, &a, T0) != 0);
    CHECK_INT(a.status, APP_DRAFT);
    CHECK_INT(store_outbox_pending(st, &pending), 0);
    CHECK_INT(pending, 0);
    /* a good PIN whose login cannot be audited is no login */
    CHECK(store_officer_login(st, "sv01", "730195", T0, &role) != 0);
    CHECK(store_officer_add(st, "cb01", "x", ROLE_OFFICER, "482915", "sv01", T0) != 0);
    CHECK_INT(store_officer_unlock(st, "sv01", "sv01", T0) != 0, 1);
    CHECK_INT(sql("DROP TRIGGER audit_full"), SQLITE_OK);
    CHECK_INT(store_queue(st, &a, T0), 0);
    app_wipe(&a);
}

TEST(fields_swapped_between_rows_are_detected)
{
    struct application a, b, l;
    setup();
    fixture_app(&a, "001099012345", "Nguyễn Văn An", T0);
    fixture_app(&b, "001099054321", "Trần Thị Bích", T0 + 1);
    CHECK_INT(store_queue(st, &a, T0), 0);
    CHECK_INT(store_queue(st, &b, T0 + 1), 0);
    char q[512];
    snprintf(q, sizeof(q),
             "UPDATE applications SET envelope = (SELECT envelope FROM applications WHERE id = "
             "'%s'), personal = (SELECT personal FROM applications WHERE id = '%s') WHERE id = "
             "'%s'",
             b.id, b.id, a.id);
    CHECK_INT(sql(q), SQLITE_OK);
    CHECK_INT(store_load(st, a.id, &l), STORE_ECORRUPT);
    CHECK_INT(store_load(st, b.id, &l), 0);
    app_wipe(&l);
    int n = 0;
    struct store_query sq = {.status = -1};
    CHECK_INT(store_list(st, &sq, list_cb, &n), STORE_ECORRUPT);
    /* one column moved into another of the same row does not decrypt either */
    snprintf(q, sizeof(q), "UPDATE applications SET envelope = personal WHERE id = '%s'", b.id);
    CHECK_INT(sql(q), SQLITE_OK);
    CHECK_INT(store_load(st, b.id, &l), STORE_ECORRUPT);
    /* the biometrics too (with the envelope already moved; the payload's own binding:
     * payload_moved_altered_or_rebound_is_never_sent) */
    struct outbox_item it;
    snprintf(q, sizeof(q),
             "UPDATE biometrics SET sealed = (SELECT sealed FROM biometrics WHERE app_id = '%s') "
             "WHERE app_id = '%s'",
             b.id, a.id);
    CHECK_INT(sql(q), SQLITE_OK);
    CHECK_INT(store_outbox_next(st, T0 + 10, &it), STORE_ECORRUPT);
    app_wipe(&a);
    app_wipe(&b);
}

/* The sealed payload is bound to its row by its SHA-256 (no AEAD since schema 9): the row's
 * payload_digest and the keyed audit row that queued it. Whoever holds the database file
 * can seal anything to the upstream's public key, but not write an audit row that verifies:
 * a payload moved from another row, one altered, one moved with the row's digest edited to
 * match, or also pointed at the other's audit row, or a forged one with the audit row's
 * detail edited, is refused when read for sending (STORE_EPAYLOAD), its outbox row closed
 * with a notice for the officer, and the others go on. */
TEST(payload_moved_altered_or_rebound_is_never_sent)
{
    enum { N = 6 };
    struct application a[N];
    const char *pids[N] = {"001099012345", "001099054321", "001099011111",
                           "001099022222", "001099033333", "001099044444"};
    setup();
    for (int i = 0; i < N; i++) {
        fixture_app(&a[i], pids[i], "Nguyễn Văn An", T0 + i);
        CHECK_INT(store_queue(st, &a[i], T0 + i), 0);
    }
    char q[1024];
#define FROM_0(col, tbl, key) "(SELECT " col " FROM " tbl " WHERE " key " = '%s')"
    /* 1: the sealed box of application 0 */
    snprintf(q, sizeof q,
             "UPDATE biometrics SET sealed = " FROM_0("sealed", "biometrics",
                                                      "app_id") " WHERE app_id = '%s'",
             a[0].id, a[1].id);
    CHECK_INT(sql(q), SQLITE_OK);
    /* 2: and the row's digest edited to match it */
    snprintf(q, sizeof q,
             "UPDATE biometrics SET sealed = " FROM_0(
                 "sealed", "biometrics",
                 "app_id") " WHERE app_id = '%s'; UPDATE applications SET "
                           "payload_digest = " FROM_0("payload_digest", "applications",
                                                      "id") " WHERE id = '%s'",
             a[0].id, a[2].id, a[0].id, a[2].id);
    CHECK_INT(sql(q), SQLITE_OK);
    /* 3: and pointed at application 0's audit row as well */
    snprintf(q, sizeof q,
             "UPDATE biometrics SET sealed = " FROM_0(
                 "sealed", "biometrics",
                 "app_id") ", audit_seq = " FROM_0("audit_seq", "biometrics",
                                                   "app_id") " WHERE app_id = '%s'; UPDATE "
                                                             "applications SET payload_digest "
                                                             "= " FROM_0("payload_digest",
                                                                         "applications",
                                                                         "id") " WHERE id = '%s'",
             a[0].id, a[0].id, a[3].id, a[0].id, a[3].id);
    CHECK_INT(sql(q), SQLITE_OK);
    /* 4: a payload of one's own, sealed to the upstream's public key, with the row's digest
     * and its audit row's detail edited to match */
    unsigned char junk[64], forged[sizeof junk + SEAL_UPSTREAM_OVERHEAD];
    size_t forged_len = sizeof forged;
    char digest[65];
    randombytes_buf(junk, sizeof junk);
    CHECK_INT(seal_for_upstream_digest(&keys, junk, sizeof junk, forged, digest), 0);
    sqlite3_stmt *s;
    CHECK_INT(sqlite3_prepare_v2(st->db, "UPDATE biometrics SET sealed = ? WHERE app_id = ?", -1,
                                 &s, NULL),
              SQLITE_OK);
    sqlite3_bind_blob(s, 1, forged, (int)forged_len, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, a[4].id, -1, SQLITE_STATIC);
    CHECK_INT(sqlite3_step(s), SQLITE_DONE);
    sqlite3_finalize(s);
    snprintf(q, sizeof q,
             "UPDATE applications SET payload_digest = '%s' WHERE id = '%s'; UPDATE audit SET "
             "detail = '%s' WHERE seq = (SELECT audit_seq FROM biometrics WHERE app_id = '%s')",
             digest, a[4].id, digest, a[4].id);
    CHECK_INT(sql(q), SQLITE_OK);
    /* 5: one byte of its own sealed box changed */
    CHECK_INT(
        sqlite3_prepare_v2(st->db, "SELECT sealed FROM biometrics WHERE app_id = ?", -1, &s, NULL),
        SQLITE_OK);
    sqlite3_bind_text(s, 1, a[5].id, -1, SQLITE_STATIC);
    CHECK_INT(sqlite3_step(s), SQLITE_ROW);
    size_t n5 = (size_t)sqlite3_column_bytes(s, 0);
    unsigned char *b5 = malloc(n5);
    memcpy(b5, sqlite3_column_blob(s, 0), n5);
    sqlite3_finalize(s);
    b5[n5 / 2] ^= 0x01;
    CHECK_INT(sqlite3_prepare_v2(st->db, "UPDATE biometrics SET sealed = ? WHERE app_id = ?", -1,
                                 &s, NULL),
              SQLITE_OK);
    sqlite3_bind_blob(s, 1, b5, (int)n5, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, a[5].id, -1, SQLITE_STATIC);
    CHECK_INT(sqlite3_step(s), SQLITE_DONE);
    sqlite3_finalize(s);
    free(b5);
#undef FROM_0

    struct outbox_item it;
    for (int i = 1; i < N; i++) { /* each one alone, as a bundle export reads it */
        CHECK_INT(store_outbox_get(st, a[i].id, &it), STORE_EPAYLOAD);
    }
    /* the sync's path: application 0 is handed out, each other one refused once */
    struct outbox_claims c = {0};
    CHECK_INT(store_outbox_claim(st, &c, T0 + 100, &it), 0);
    CHECK_STR(it.id, a[0].id);
    outbox_item_wipe(&it);
    for (int i = 1; i < N; i++)
        CHECK_INT(store_outbox_claim(st, &c, T0 + 100, &it), STORE_EPAYLOAD);
    CHECK_INT(store_outbox_claim(st, &c, T0 + 100, &it), STORE_ENOTFOUND);
    long pending = 0;
    CHECK_INT(store_outbox_pending(st, &pending), 0);
    CHECK_INT(pending, 1);
    struct store_notice notes[16];
    int n = store_notices(st, notes, 16), failed = 0;
    for (int i = 0; i < n; i++)
        failed += strcmp(notes[i].kind, "failed") == 0 && strstr(notes[i].text, "not sent");
    CHECK_INT(failed, N - 1);
    for (int i = 0; i < N; i++)
        app_wipe(&a[i]);
}

TEST(missing_key_over_a_store_with_rows_refuses_to_start)
{
    struct store_open_why why;
    char path[160], line[1200];
    struct store *s2 = NULL;
    struct seal_keys k2;
    struct stat sb;
    setup();
    CHECK_INT(store_officer_init(st, "sv01", "Thiếu tá Vũ", "730195", T0), 0);
    store_close(st);
    st = NULL;
    snprintf(path, sizeof(path), "%s/keys/store.key", dir);
    CHECK_INT(unlink(path), 0);
    CHECK_INT(store_open_with_keys(dir, NULL, &k2, &s2, &why), STORE_EKEY);
    CHECK(s2 == NULL);
    /* the store says which key and where, the catalogue words it in both languages */
    CHECK_INT(why.msg, MSG_STORE_KEY_MISSING);
    CHECK_STR(why.keys, "store.key");
    messages_format(line, sizeof line, MSGD_CORE, why.msg, LANG_VI, "%s%s", why.keys, why.keydir);
    CHECK(strstr(line, "Thiếu khóa store.key trong ") != NULL);
    CHECK(strstr(line, "Khôi phục") != NULL);
    CHECK(strstr(line, "config/KEYS.md") != NULL);
    messages_format(line, sizeof line, MSGD_CORE, why.msg, LANG_EN, "%s%s", why.keys, why.keydir);
    CHECK(strstr(line, "Key store.key missing in ") != NULL && strstr(line, why.keydir) != NULL);
    CHECK(stat(path, &sb) != 0); /* no new key made */
    /* a key replaced by another one (restored from the wrong backup) is refused too */
    unsigned char junk[32];
    randombytes_buf(junk, sizeof(junk));
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    fwrite(junk, 1, sizeof(junk), f);
    fclose(f);
    chmod(path, 0600);
    CHECK_INT(store_open_with_keys(dir, NULL, &k2, &s2, &why), STORE_EKEY);
    CHECK_INT(why.msg, MSG_STORE_KEY_WRONG);
    messages_format(line, sizeof line, MSGD_CORE, why.msg, LANG_VI, "%s", why.keydir);
    CHECK(strstr(line, "KEYS.md") != NULL && strstr(line, why.keydir) != NULL);
    /* the audit key, once used, is not made anew either */
    snprintf(path, sizeof(path), "%s/keys/audit.key", dir);
    CHECK_INT(unlink(path), 0);
    CHECK_INT(store_open_with_keys(dir, NULL, &k2, &s2, &why), STORE_EKEY);
    CHECK(strstr(why.keys, "audit.key") != NULL);
}

TEST(key_files_others_can_read_are_refused)
{
    struct store_open_why why;
    char path[160];
    struct store *s2 = NULL;
    struct seal_keys k2;
    setup();
    store_close(st);
    st = NULL;
    snprintf(path, sizeof(path), "%s/keys/index.key", dir);
    CHECK_INT(chmod(path, 0644), 0);
    CHECK(store_open_with_keys(dir, NULL, &k2, &s2, &why) != 0);
    CHECK(strstr(why.detail, "readable by others") != NULL);
    CHECK_INT(chmod(path, 0600), 0);
    snprintf(path, sizeof(path), "%s/keys", dir);
    CHECK_INT(chmod(path, 0755), 0);
    CHECK(store_open_with_keys(dir, NULL, &k2, &s2, &why) != 0);
    CHECK_INT(chmod(path, 0700), 0);
    CHECK_INT(store_open_with_keys(dir, NULL, &k2, &s2, &why), 0);
    store_close(s2);
    seal_keys_wipe(&k2);
}

TEST(database_files_are_private_from_the_first_open)
{
    struct stat sb;
    char path[160];
    mode_t old = umask(022); /* even under a lax umask */
    setup();
    umask(old);
    CHECK_INT(store_audit(st, "cb01", "test.action", NULL, NULL, T0), 0);
    const char *names[] = {"kiosk.db", "kiosk.db-wal", "kiosk.db-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        CHECK_INT(stat(path, &sb), 0);
        CHECK_INT(sb.st_mode & 077, 0);
    }
}

struct guesser {
    int rc;
};

static void *guess(void *arg)
{
    struct guesser *g = arg;
    struct store *s;
    enum officer_role role;
    if (store_open(dir, &keys, &s) != 0) {
        g->rc = -100;
        return NULL;
    }
    g->rc = store_officer_login(s, "cb01", "000000", T0 + 1, &role);
    store_close(s);
    return NULL;
}

TEST(parallel_wrong_pins_do_not_escape_the_lockout)
{
    enum { N = 12 };
    pthread_t th[N];
    struct guesser g[N];
    enum officer_role role;
    setup();
    CHECK_INT(store_officer_init(st, "sv01", "Thiếu tá Vũ", "730195", T0), 0);
    CHECK_INT(store_officer_add(st, "cb01", "Đại úy Hoàng", ROLE_OFFICER, "482915", "sv01", T0), 0);
    for (int i = 0; i < N; i++)
        CHECK_INT(pthread_create(&th[i], NULL, guess, &g[i]), 0);
    int checked = 0, locked = 0;
    for (int i = 0; i < N; i++) {
        pthread_join(th[i], NULL);
        checked += g[i].rc == STORE_EAUTH;
        locked += g[i].rc == STORE_ELOCKED;
    }
    CHECK_INT(checked + locked, N);
    CHECK(checked < OFFICER_MAX_FAILURES);
    /* the PINs actually tried: counted by the audit trail */
    sqlite3_stmt *q;
    CHECK_INT(sqlite3_prepare_v2(st->db,
                                 "SELECT count(*) FROM audit WHERE actor = 'cb01' AND action IN "
                                 "('officer.login_bad_pin', 'officer.lock')",
                                 -1, &q, NULL),
              SQLITE_OK);
    CHECK_INT(sqlite3_step(q), SQLITE_ROW);
    CHECK_INT(sqlite3_column_int(q, 0), OFFICER_MAX_FAILURES);
    sqlite3_finalize(q);
    /* the right PIN is refused now: the lock holds */
    CHECK_INT(store_officer_login(st, "cb01", "482915", T0 + 2, &role), STORE_ELOCKED);
}

TEST(file_of_the_previous_schema_is_migrated)
{
    char path[160];
    struct application l;
    long rows, bad;
    setup();
    CHECK_INT(store_officer_init(st, "sv01", "Thiếu tá Vũ", "730195", T0), 0);
    store_close(st);
    st = NULL;
    snprintf(path, sizeof(path), "%s/kiosk.db", dir);
    unlink(path);
    /* a schema-3 file as the previous release wrote it: secretbox fields, unkeyed chain */
    struct store *old = calloc(1, sizeof(*old));
    CHECK_INT(sqlite3_open(path, &old->db), SQLITE_OK);
    CHECK_INT(store_migrate_to(old, 3), 0);
    struct application a;
    fixture_app(&a, "001099012345", "Nguyễn Văn An", T0);
    char *env = app_envelope_to_json(&a);
    unsigned char nonce_ct[4096];
    randombytes_buf(nonce_ct, crypto_secretbox_NONCEBYTES);
    size_t n = strlen(env);
    CHECK(n + 40 < sizeof(nonce_ct));
    crypto_secretbox_easy(nonce_ct + crypto_secretbox_NONCEBYTES, (unsigned char *)env, n, nonce_ct,
                          keys.store_key);
    sqlite3_stmt *s;
    CHECK_INT(sqlite3_prepare_v2(old->db,
                                 "INSERT INTO applications (id, created_at, day, updated_at, "
                                 "station, officer, status, pid_index, personal, envelope, "
                                 "payload_digest) VALUES (?1, 1, '2025-11-23', 1, 'S', 'cb01', "
                                 "'queued', 'x', ?2, ?2, 'd')",
                                 -1, &s, NULL),
              SQLITE_OK);
    sqlite3_bind_text(s, 1, a.id, -1, SQLITE_STATIC);
    sqlite3_bind_blob(s, 2, nonce_ct, (int)(n + 40), SQLITE_STATIC);
    CHECK_INT(sqlite3_step(s), SQLITE_DONE);
    sqlite3_finalize(s);
    /* two audit rows of the unkeyed chain (SHA-256 over prev || fields, as release 3 did) */
    CHECK_INT(sqlite3_exec(old->db,
                           "INSERT INTO officers VALUES ('cb09', 'Old', 'officer', 'h', 0, 0, 0, "
                           "1);"
                           "INSERT INTO audit VALUES (1, 1, 'cb09', 'a', NULL, NULL, '0', 'x');",
                           NULL, NULL, NULL),
              SQLITE_OK);
    sqlite3_close(old->db);
    free(old);
    free(env);

    CHECK_INT(store_open(dir, &keys, &st), 0);
    CHECK_INT(store_file_version(st), store_schema_version());
    CHECK_INT(store_load(st, a.id, &l), 0);
    CHECK_STR(l.identity.full_name, "Nguyễn Văn An");
    app_wipe(&l);
    /* the fields are now bound to their row */
    CHECK_INT(sqlite3_prepare_v2(st->db, "SELECT hex(substr(envelope, 1, 1)) FROM applications", -1,
                                 &s, NULL),
              SQLITE_OK);
    CHECK_INT(sqlite3_step(s), SQLITE_ROW);
    CHECK_STR((const char *)sqlite3_column_text(s, 0), "02");
    sqlite3_finalize(s);
    /* the trail is chained under the key from the first row, with a row saying so (the
     * unkeyed row above was not a valid row of the old chain, and that is recorded) */
    CHECK_INT(store_audit_verify(st, &rows, &bad), 0);
    CHECK_INT(rows, 2);
    CHECK_INT(
        sqlite3_prepare_v2(st->db, "SELECT action, detail FROM audit WHERE seq = 2", -1, &s, NULL),
        SQLITE_OK);
    CHECK_INT(sqlite3_step(s), SQLITE_ROW);
    CHECK_STR((const char *)sqlite3_column_text(s, 0), "audit.keyed");
    CHECK(strstr((const char *)sqlite3_column_text(s, 1), "unkeyed_broken_at=1") != NULL);
    sqlite3_finalize(s);
    app_wipe(&a);
}

int main(void)
{
    if (seal_init() != 0)
        return 1;
    RUN(audit_truncated_with_head_fixed_is_found_against_the_anchor);
    RUN(audit_row_edited_before_the_anchor_is_an_edit_not_a_truncation);
    RUN(audit_rows_are_keyed);
    RUN(failed_audit_write_refuses_the_action);
    RUN(fields_swapped_between_rows_are_detected);
    RUN(payload_moved_altered_or_rebound_is_never_sent);
    RUN(missing_key_over_a_store_with_rows_refuses_to_start);
    RUN(key_files_others_can_read_are_refused);
    RUN(database_files_are_private_from_the_first_open);
    RUN(parallel_wrong_pins_do_not_escape_the_lockout);
    RUN(file_of_the_previous_schema_is_migrated);
    teardown();
    return test_done();
}
