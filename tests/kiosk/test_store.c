/* test_store.c: the store: queuing, encryption at rest, listings, status lifecycle, outbox,
 * officers, audit chain tampering, retention, migrations from an empty and an older file. */
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kiosk/store/pin_hasher.h"
#include "kiosk/store/store_internal.h"
#include "kiosk/model/app_payload.h"
#include "kiosk/model/timefmt.h"
#include "tests/rigs/harness/app_fixture.h"
#include "tests/test.h"

static char dir[64];
static struct seal_keys keys;
static struct store *st;
static const int64_t T0 = 1763856000000LL; /* 2025-11-23 00:00 UTC = 07:00 in Hà Nội */

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
}

static int count_rows(void *arg)
{
    (*(int *)arg)++;
    return 0;
}

static int list_cb(const struct store_row *row, void *arg)
{
    (void)row;
    return count_rows(arg);
}

/* 1 when needle occurs anywhere in the database files. */
static int file_contains(const char *needle)
{
    const char *names[] = {"kiosk.db", "kiosk.db-wal"};
    for (int i = 0; i < 2; i++) {
        char path[160];
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        FILE *f = fopen(path, "rb");
        if (!f)
            continue;
        fseek(f, 0, SEEK_END);
        long n = ftell(f);
        fseek(f, 0, SEEK_SET);
        char *buf = malloc((size_t)n + 1);
        size_t got = fread(buf, 1, (size_t)n, f);
        fclose(f);
        int found = memmem(buf, got, needle, strlen(needle)) != NULL;
        free(buf);
        if (found)
            return 1;
    }
    return 0;
}

TEST(queue_and_load_round_trip)
{
    struct application a, b;
    setup();
    fixture_app(&a, "001099012345", "Nguyễn Văn An", T0);
    CHECK_INT(store_queue(st, &a, T0 + 1000), 0);
    CHECK_INT(a.status, APP_QUEUED);
    CHECK_INT(store_load(st, a.id, &b), 0);
    CHECK_STR(b.identity.full_name, "Nguyễn Văn An");
    CHECK_STR(b.identity.personal_id, "001099012345");
    CHECK_STR(b.phone, "0912345678");
    CHECK_INT(b.status, APP_QUEUED);
    CHECK_INT(b.n_fingers, 2);
    CHECK_INT(b.fingers[1].exception, FINGER_BANDAGED);
    CHECK(b.portrait.data == NULL); /* biometrics are sealed, not loaded back */
    CHECK_INT(store_integrity_check(st), 0);
    app_wipe(&a);
    app_wipe(&b);
}

TEST(personal_data_is_encrypted_at_rest)
{
    struct application a;
    setup();
    fixture_app(&a, "001099012345", "Phạm Thị Hường", T0);
    CHECK_INT(store_queue(st, &a, T0), 0);
    store_close(st);
    st = NULL;
    CHECK(!file_contains("Hường"));
    CHECK(!file_contains("001099012345"));
    CHECK(!file_contains("0912345678"));
    CHECK(!file_contains("Số 1 Phố Huế"));
    CHECK(!file_contains("FINGERPRINT-PIXELS"));
    CHECK(!file_contains("JFIF-PORTRAIT"));
    app_wipe(&a);
}

TEST(queue_refuses_incomplete_or_requeued)
{
    struct application a;
    setup();
    fixture_app(&a, "00109901234", "X", T0); /* 11 digits */
    CHECK_INT(store_queue(st, &a, T0), STORE_EINVAL);
    app_wipe(&a);
    fixture_app(&a, "001099012345", "X", T0);
    CHECK_INT(store_queue(st, &a, T0), 0);
    a.status = APP_DRAFT;
    CHECK_INT(store_queue(st, &a, T0), STORE_EINVAL); /* same id: constraint, nothing half */
    CHECK_INT(a.status, APP_DRAFT);
    int n = 0;
    struct store_query q = {.status = -1};
    CHECK_INT(store_list(st, &q, list_cb, &n), 0);
    CHECK_INT(n, 1);
    app_wipe(&a);
}

TEST(queue_without_upstream_key_is_refused)
{
    struct application a;
    struct store *s2;
    struct seal_keys k;
    setup();
    k = keys;
    k.have_upstream_pk = 0;
    CHECK_INT(store_open(dir, &k, &s2), 0);
    fixture_app(&a, "001099012345", "X", T0);
    CHECK_INT(store_queue(s2, &a, T0), STORE_EINVAL);
    store_close(s2);
    app_wipe(&a);
}

TEST(find_by_personal_id)
{
    struct application a;
    char id[APP_ID_SIZE];
    setup();
    fixture_app(&a, "001099012345", "A", T0);
    CHECK_INT(store_queue(st, &a, T0), 0);
    CHECK_INT(store_find_by_pid(st, "001099012345", T0 - 1000, id), 0);
    CHECK_STR(id, a.id);
    CHECK_INT(store_find_by_pid(st, "001099012345", T0 + 1, id), STORE_ENOTFOUND);
    CHECK_INT(store_find_by_pid(st, "079099012345", 0, id), STORE_ENOTFOUND);
    /* a rejected one is no duplicate: the citizen must be able to redo it */
    CHECK_INT(store_set_status(st, a.id, APP_SUBMITTED, NULL, NULL, "sync", T0 + 1), 0);
    CHECK_INT(store_set_status(st, a.id, APP_REJECTED, "PHOTO", "Ảnh không đạt", "sync", T0 + 2),
              0);
    CHECK_INT(store_find_by_pid(st, "001099012345", 0, id), STORE_ENOTFOUND);
    app_wipe(&a);
}

struct collect {
    char names[8][64];
    int n;
};

static int collect_cb(const struct store_row *row, void *arg)
{
    struct collect *c = arg;
    if (c->n < 8)
        snprintf(c->names[c->n++], 64, "%.63s", row->identity.full_name);
    return 0;
}

TEST(list_by_day_status_and_search)
{
    struct application a;
    setup();
    const char *names[] = {"Nguyễn Văn An", "Trần Thị Bích", "Lê Đức Cường"};
    const char *pids[] = {"001099012345", "079199012346", "048085012347"};
    for (int i = 0; i < 3; i++) {
        /* the third one is created on the next local day */
        fixture_app(&a, pids[i], names[i], T0 + (i == 2 ? 86400000LL : i * 1000));
        CHECK_INT(store_queue(st, &a, a.created_at), 0);
        app_wipe(&a);
    }
    struct collect c = {0};
    struct store_query q = {.day = "2025-11-23", .status = -1};
    CHECK_INT(store_list(st, &q, collect_cb, &c), 0);
    CHECK_INT(c.n, 2);
    CHECK_STR(c.names[0], "Nguyễn Văn An");
    CHECK_STR(c.names[1], "Trần Thị Bích");
    memset(&c, 0, sizeof(c));
    q.day = NULL;
    q.search = "cuong"; /* accent-insensitive */
    CHECK_INT(store_list(st, &q, collect_cb, &c), 0);
    CHECK_INT(c.n, 1);
    CHECK_STR(c.names[0], "Lê Đức Cường");
    memset(&c, 0, sizeof(c));
    q.search = "079199";
    CHECK_INT(store_list(st, &q, collect_cb, &c), 0);
    CHECK_INT(c.n, 1);
    CHECK_STR(c.names[0], "Trần Thị Bích");
    memset(&c, 0, sizeof(c));
    q.search = NULL;
    q.status = APP_SUBMITTED;
    CHECK_INT(store_list(st, &q, collect_cb, &c), 0);
    CHECK_INT(c.n, 0);
    long counts[APP_STATUS_COUNT];
    CHECK_INT(store_count_by_status(st, "2025-11-23", counts), 0);
    CHECK_INT(counts[APP_QUEUED], 2);
    CHECK_INT(store_count_by_status(st, NULL, counts), 0);
    CHECK_INT(counts[APP_QUEUED], 3);
}

TEST(status_lifecycle_and_history)
{
    struct application a;
    struct store_history h[8];
    setup();
    fixture_app(&a, "001099012345", "A", T0);
    CHECK_INT(store_queue(st, &a, T0 + 5), 0);
    CHECK_INT(store_set_status(st, a.id, APP_APPROVED, NULL, NULL, "x", T0 + 6), STORE_EINVAL);
    CHECK_INT(store_set_status(st, a.id, APP_SUBMITTED, NULL, NULL, "sync", T0 + 7), 0);
    CHECK_INT(store_set_status(st, a.id, APP_SUBMITTED, NULL, NULL, "sync", T0 + 8), 0);
    CHECK_INT(store_set_status(st, a.id, APP_PROCESSING, NULL, NULL, "sync", T0 + 9), 0);
    CHECK_INT(store_set_status(st, a.id, APP_REJECTED, "PHOTO", "Ảnh chân dung không đạt", "sync",
                               T0 + 10),
              0);
    CHECK_INT(store_set_status(st, a.id, APP_REDO, NULL, NULL, "cb01", T0 + 11), 0);
    CHECK_INT(store_set_status(st, a.id, APP_QUEUED, NULL, NULL, "x", T0 + 12), STORE_EINVAL);
    CHECK_INT(store_set_status(st, "no-such-id", APP_SUBMITTED, NULL, NULL, "x", T0),
              STORE_ENOTFOUND);
    int n = store_history(st, a.id, h, 8);
    CHECK_INT(n, 6);
    CHECK_INT(h[0].status, APP_DRAFT);
    CHECK_INT(h[1].status, APP_QUEUED);
    CHECK_INT(h[2].status, APP_SUBMITTED);
    CHECK_INT(h[3].status, APP_PROCESSING);
    CHECK_INT(h[4].status, APP_REJECTED);
    CHECK_STR(h[4].reason, "Ảnh chân dung không đạt");
    CHECK_INT(h[5].status, APP_REDO);
    CHECK_STR(h[5].actor, "cb01");
    app_wipe(&a);
}

TEST(outbox_flow)
{
    struct application a, b;
    struct outbox_item it;
    long pending;
    setup();
    fixture_app(&a, "001099012345", "A", T0);
    fixture_app(&b, "079199012346", "B", T0 + 10);
    CHECK_INT(store_queue(st, &a, T0), 0);
    CHECK_INT(store_queue(st, &b, T0 + 10), 0);
    CHECK_INT(store_outbox_pending(st, &pending), 0);
    CHECK_INT(pending, 2);
    CHECK_INT(store_outbox_next(st, T0 + 20, &it), 0);
    CHECK_STR(it.id, a.id); /* oldest first */
    CHECK(it.payload_len > 48);
    char digest[65];
    seal_sha256_hex(it.payload, it.payload_len, digest);
    CHECK_STR(it.digest, digest);
    CHECK(strstr(it.envelope_json, "\"id\"") != NULL);
    CHECK_INT(store_outbox_begin(st, a.id, T0 + 21), 0);
    CHECK_INT(store_outbox_progress(st, a.id, "tok-1", 4096), 0);
    CHECK_INT(store_outbox_retry(st, a.id, T0 + 60000, "connection refused"), 0);
    outbox_item_wipe(&it);
    /* a is not due before its retry time: b comes next */
    CHECK_INT(store_outbox_next(st, T0 + 30, &it), 0);
    CHECK_STR(it.id, b.id);
    outbox_item_wipe(&it);
    CHECK_INT(store_outbox_next(st, T0 + 60000, &it), 0);
    CHECK_STR(it.id, a.id);
    CHECK_INT(it.attempts, 1);
    CHECK_STR(it.upload_token, "tok-1");
    CHECK_INT(it.upload_offset, 4096);
    outbox_item_wipe(&it);
    CHECK_INT(store_outbox_begin(st, a.id, T0 + 60001), 0);
    CHECK_INT(store_outbox_done(st, a.id, "{\"receipt\":\"R1\"}", T0 + 60002), 0);
    CHECK_INT(store_outbox_done(st, a.id, "{}", T0 + 60003), STORE_ENOTFOUND);
    CHECK_INT(store_outbox_fail(st, b.id, "409 conflict: another payload", T0 + 60004), 0);
    CHECK_INT(store_outbox_pending(st, &pending), 0);
    CHECK_INT(pending, 0);
    CHECK_INT(store_outbox_next(st, T0 + 999999999, &it), STORE_ENOTFOUND);
    struct application l;
    CHECK_INT(store_load(st, a.id, &l), 0);
    CHECK_INT(l.status, APP_SUBMITTED);
    app_wipe(&l);
    struct store_notice nt[4];
    CHECK_INT(store_notices(st, nt, 4), 1);
    CHECK_STR(nt[0].kind, "failed");
    CHECK_STR(nt[0].app_id, b.id);
    CHECK_INT(store_notice_close(st, nt[0].id, "sv01", T0 + 70000), 0);
    CHECK_INT(store_notices(st, nt, 4), 0);
    app_wipe(&a);
    app_wipe(&b);
}

/* The WAL is checkpointed into the database file while the store is open, by the store's
 * own thread (store_checkpoint.c), not inside a commit: 6 MB of applications, then the
 * database file grows within seconds without another write (SQLite alone would only
 * checkpoint inside a later commit or at close). */
TEST(wal_checkpointed_off_the_writers_path)
{
    setup();
    for (int i = 0; i < 30; i++) {
        struct application a;
        char pid[24];
        snprintf(pid, sizeof pid, "0010990%05u", (unsigned)i % 100000u);
        fixture_app_sized(&a, pid, "A", T0 + i, 200 * 1024);
        CHECK_INT(store_queue(st, &a, T0 + i), 0);
        app_wipe(&a);
    }
    char path[160];
    struct stat sb = {0};
    snprintf(path, sizeof path, "%s/kiosk.db", dir);
    for (int i = 0; i < 100 && (stat(path, &sb) != 0 || sb.st_size < 3 * 1024 * 1024); i++)
        usleep(50 * 1000);
    CHECK(sb.st_size >= 3 * 1024 * 1024);
    CHECK(store_checkpointer_runs(st));
}

/* Uploads in parallel: each due application is handed out once until released;
 * a claim is memory only, so a fresh set (a new pass, a restarted kiosk) sees them all. */
TEST(outbox_claims_hand_out_each_once)
{
    struct application a[3];
    struct outbox_item it;
    struct outbox_claims c = {0}, fresh = {0};
    setup();
    for (int i = 0; i < 3; i++) {
        fixture_app(&a[i],
                    i == 0   ? "001099012345"
                    : i == 1 ? "079199012346"
                             : "001099012347",
                    "A", T0 + i);
        CHECK_INT(store_queue(st, &a[i], T0 + i), 0);
    }
    for (int i = 0; i < 3; i++) {
        CHECK_INT(store_outbox_claim(st, &c, T0 + 10, &it), 0);
        CHECK_STR(it.id, a[i].id); /* oldest first, none twice */
        outbox_item_wipe(&it);
    }
    CHECK_INT(store_outbox_claim(st, &c, T0 + 10, &it), STORE_ENOTFOUND);
    CHECK_INT(c.n, 3);
    store_outbox_release(&c, a[1].id);
    CHECK_INT(store_outbox_claim(st, &c, T0 + 10, &it), 0);
    CHECK_STR(it.id, a[1].id);
    outbox_item_wipe(&it);
    CHECK_INT(store_outbox_claim(st, &fresh, T0 + 10, &it), 0);
    CHECK_STR(it.id, a[0].id);
    outbox_item_wipe(&it);
    /* delivered: not handed out again once released */
    CHECK_INT(store_outbox_done(st, a[0].id, "{}", T0 + 20), 0);
    store_outbox_release(&c, a[0].id);
    store_outbox_release(&c, a[1].id);
    CHECK_INT(store_outbox_claim(st, &c, T0 + 30, &it), 0);
    CHECK_STR(it.id, a[1].id);
    outbox_item_wipe(&it);
    CHECK_INT(store_outbox_claim(st, &c, T0 + 30, &it), STORE_ENOTFOUND);
    for (int i = 0; i < 3; i++)
        app_wipe(&a[i]);
}

/* The stored payload is the sealed box itself (format 2), not encrypted a second time for
 * the disk: the upstream's key opens it into the binary payload, and it is bound to its row
 * by its SHA-256, which is the row's payload_digest and the detail of the keyed audit row
 * (app.queue of this application) the biometrics row names. The sync gets exactly it. */
TEST(stored_payload_is_the_sealed_box_bound_by_its_digest)
{
    struct application a, back;
    unsigned char sk[32];
    setup();
    store_close(st);
    fixture_upstream_key(&keys, sk);
    CHECK_INT(store_open(dir, &keys, &st), 0);
    fixture_app(&a, "001099012345", "Nguyễn Văn An", T0);
    CHECK_INT(store_queue(st, &a, T0), 0);
    sqlite3_stmt *q;
    CHECK_INT(sqlite3_prepare_v2(st->db,
                                 "SELECT b.sealed, b.format, a.payload_digest, u.detail, u.action, "
                                 "u.app_id FROM biometrics b JOIN applications a ON a.id = "
                                 "b.app_id JOIN audit u ON u.seq = b.audit_seq",
                                 -1, &q, NULL),
              SQLITE_OK);
    CHECK_INT(sqlite3_step(q), SQLITE_ROW);
    size_t n = (size_t)sqlite3_column_bytes(q, 0);
    unsigned char *sealed = malloc(n), *plain = malloc(n);
    memcpy(sealed, sqlite3_column_blob(q, 0), n);
    char digest[65];
    seal_sha256_hex(sealed, n, digest);
    CHECK_INT(sqlite3_column_int(q, 1), 2);
    CHECK_STR((const char *)sqlite3_column_text(q, 2), digest);
    CHECK_STR((const char *)sqlite3_column_text(q, 3), digest);
    CHECK_STR((const char *)sqlite3_column_text(q, 4), "app.queue");
    CHECK_STR((const char *)sqlite3_column_text(q, 5), a.id);
    sqlite3_finalize(q);
    CHECK_INT(crypto_box_seal_open(plain, sealed, n, keys.upstream_pk, sk), 0);
    app_init(&back);
    snprintf(back.id, sizeof back.id, "%s", a.id);
    CHECK_INT(app_payload_from_binary(plain, n - crypto_box_SEALBYTES, &back, NULL, 0), 0);
    CHECK(back.portrait.len == a.portrait.len &&
          memcmp(back.portrait.data, a.portrait.data, a.portrait.len) == 0);
    app_wipe(&back);
    struct outbox_item it;
    CHECK_INT(store_outbox_next(st, T0 + 1, &it), 0);
    CHECK_INT(it.payload_format, 2);
    CHECK(it.payload_len == n && memcmp(it.payload, sealed, n) == 0);
    CHECK_STR(it.digest, digest);
    CHECK(strstr(it.envelope_json, "\"payload_format\":2") != NULL);
    outbox_item_wipe(&it);
    free(sealed);
    free(plain);
    app_wipe(&a);
}

TEST(officers_pins_lockout_disable)
{
    enum officer_role role;
    struct store_officer o[4];
    setup();
    CHECK_INT(store_officer_init(st, "sv01", "Thiếu tá Vũ", "730195", T0), 0);
    /* init only on a store without officers */
    CHECK_INT(store_officer_init(st, "sv02", "x", "730195", T0), STORE_EROLE);
    CHECK_INT(store_officer_add(st, "cb01", "Đại úy Hoàng", ROLE_OFFICER, "482915", "sv01", T0), 0);
    CHECK_INT(store_officer_add(st, "bad id!", "x", ROLE_OFFICER, "482915", "sv01", T0),
              STORE_EINVAL);
    CHECK_INT(store_officer_add(st, "cb02", "x", ROLE_OFFICER, "48a915", "sv01", T0), STORE_EINVAL);
    CHECK_INT(store_officer_add(st, "cb02", "x", ROLE_OFFICER, "4829", "sv01", T0), STORE_EINVAL);
    CHECK_INT(store_officer_add(st, "cb02", "x", ROLE_OFFICER, "123456", "sv01", T0), STORE_EINVAL);
    CHECK_INT(store_officer_add(st, "cb01", "again", ROLE_OFFICER, "482915", "sv01", T0),
              STORE_EINVAL);
    CHECK_INT(store_officer_list(st, o, 4), 2);
    CHECK_STR(o[0].id, "sv01");
    CHECK(!file_contains("730195"));
    CHECK_INT(store_officer_login(st, "sv01", "730195", T0, &role), 0);
    CHECK_INT(role, ROLE_SUPERVISOR);
    CHECK_INT(store_officer_login(st, "nobody", "482915", T0, &role), STORE_ENOTFOUND);
    for (int i = 0; i < 4; i++)
        CHECK_INT(store_officer_login(st, "cb01", "000000", T0 + i, &role), STORE_EAUTH);
    CHECK_INT(store_officer_login(st, "cb01", "000000", T0 + 5, &role), STORE_ELOCKED);
    /* locked: even the right PIN is refused until the lock expires */
    CHECK_INT(store_officer_login(st, "cb01", "482915", T0 + 6, &role), STORE_ELOCKED);
    CHECK_INT(store_officer_login(st, "cb01", "482915", T0 + 5 + OFFICER_LOCK_MS, &role), 0);
    CHECK_INT(role, ROLE_OFFICER);
    /* the last active supervisor cannot be disabled */
    CHECK_INT(store_officer_disable(st, "sv01", "sv01", T0), STORE_ELASTSUP);
    CHECK_INT(store_officer_disable(st, "cb01", "sv01", T0), 0);
    CHECK_INT(store_officer_login(st, "cb01", "482915", T0 + 2 * OFFICER_LOCK_MS, &role),
              STORE_EDISABLED);
    CHECK_INT(store_officer_disable(st, "nobody", "sv01", T0), STORE_ENOTFOUND);
}

TEST(lockouts_escalate_until_a_supervisor_unlocks)
{
    enum officer_role role;
    struct store_officer o[4];
    int64_t t = T0;
    setup();
    CHECK_INT(store_officer_init(st, "sv01", "Thiếu tá Vũ", "730195", T0), 0);
    CHECK_INT(store_officer_add(st, "cb01", "Đại úy Hoàng", ROLE_OFFICER, "482915", "sv01", T0), 0);
    for (int lock = 1; lock <= 3; lock++) {
        for (int i = 0; i < OFFICER_MAX_FAILURES; i++)
            store_officer_login(st, "cb01", "000000", ++t, &role);
        CHECK_INT(store_officer_list(st, o, 4), 2);
        CHECK_INT(o[1].lock_count, lock);
        if (lock < 3) {
            CHECK_INT(o[1].locked_until, t + store_lock_ms(lock));
            t += store_lock_ms(lock);
        } else {
            CHECK(o[1].locked_until == OFFICER_LOCKED_FOR_GOOD);
        }
    }
    CHECK_INT(store_lock_ms(2), 4 * OFFICER_LOCK_MS);
    /* the third lock does not expire */
    CHECK_INT(store_officer_login(st, "cb01", "482915", t + 365LL * 86400000, &role),
              STORE_ELOCKED);
    CHECK_INT(store_officer_unlock(st, "cb01", "sv01", t), 0);
    CHECK_INT(store_officer_login(st, "cb01", "482915", t + 1, &role), 0);
}

/* The stored PIN hash of an officer, from the database itself. */
static void pin_hash_of(const char *id, char *out, size_t n)
{
    sqlite3_stmt *s = NULL;
    out[0] = 0;
    if (sqlite3_prepare_v2(st->db, "SELECT pin_hash FROM officers WHERE id = ?1", -1, &s, NULL) ==
        SQLITE_OK) {
        sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
        if (sqlite3_step(s) == SQLITE_ROW)
            snprintf(out, n, "%s", (const char *)sqlite3_column_text(s, 0));
    }
    sqlite3_finalize(s);
}

/* Each hash carries its Argon2id parameters: one made with older (cheaper) ones still
 * verifies, and the first good login replaces it with one made with today's; a wrong PIN
 * changes nothing. */
TEST(pin_hashed_with_older_parameters_is_rehashed_at_the_next_good_login)
{
    enum officer_role role;
    char before[256], after_bad[256], after[256], want[64];
    unsigned long long ops;
    size_t mem;
    setup();
    CHECK_INT(store_officer_init(st, "sv01", "Thiếu tá Vũ", "730195", T0), 0);
    store_pin_set_cost(1, 8u * 1024 * 1024);
    CHECK_INT(store_officer_add(st, "cb01", "Đại úy Hoàng", ROLE_OFFICER, "482915", "sv01", T0), 0);
    store_pin_set_cost(0, 0);
    pin_hash_of("cb01", before, sizeof before);
    CHECK(strstr(before, "$argon2id$") != NULL);
    CHECK(strstr(before, "m=8192,t=1,") != NULL);
    CHECK_INT(store_officer_login(st, "cb01", "000000", T0 + 1, &role), STORE_EAUTH);
    pin_hash_of("cb01", after_bad, sizeof after_bad);
    CHECK_STR(after_bad, before);
    CHECK_INT(store_officer_login(st, "cb01", "482915", T0 + 2, &role), 0);
    pin_hash_of("cb01", after, sizeof after);
    store_pin_cost(&ops, &mem);
    snprintf(want, sizeof want, "m=%zu,t=%llu,", mem / 1024, ops);
    CHECK(strstr(after, want) != NULL);
    CHECK(strncmp(after, "pep1", 4) == 0); /* still peppered */
    CHECK(strcmp(after, before) != 0);
    /* the new hash verifies, and is not replaced again */
    CHECK_INT(store_officer_login(st, "cb01", "482915", T0 + 3, &role), 0);
    pin_hash_of("cb01", before, sizeof before);
    CHECK_STR(before, after);
    CHECK_INT(store_officer_login(st, "cb01", "000000", T0 + 4, &role), STORE_EAUTH);
}

/* The Argon2id work runs in the helper kiosk-pinhash, not in this process: the helper is started,
 * its peak memory holds the 32 MiB hash, nothing was hashed here, and this process's own peak
 * did not grow by the hash's memory over a sign-in. */
TEST(pins_are_hashed_and_checked_in_the_helper_process)
{
    enum officer_role role;
    unsigned starts = 0, here = 0;
    long helper_kb = 0;
    setup();
    pin_hasher_stop();
    CHECK_INT(store_officer_init(st, "sv01", "Thiếu tá Vũ", "730195", T0), 0);
    CHECK_INT(store_officer_login(st, "sv01", "000000", T0 + 1, &role), STORE_EAUTH);
    CHECK_INT(store_officer_login(st, "sv01", "730195", T0 + 2, &role), 0);
    CHECK_INT(role, ROLE_SUPERVISOR);
    pin_hasher_stats(&starts, &helper_kb, &here);
    CHECK(starts >= 1);
    CHECK_INT(here, 0);
    CHECK(helper_kb >= 32 * 1024); /* the helper held the 32 MiB of the last check */
    pin_hasher_stop();
}

TEST(trivial_pins_are_refused)
{
    CHECK_INT(store_pin_check("482915", NULL), 0);
    CHECK_INT(store_pin_check("48291", NULL), PIN_BAD_FORM);
    CHECK_INT(store_pin_check("1234567890123", NULL), PIN_BAD_FORM);
    CHECK_INT(store_pin_check("111111", NULL), PIN_TRIVIAL);
    CHECK_INT(store_pin_check("121212", NULL), PIN_TRIVIAL);
    CHECK_INT(store_pin_check("123123", NULL), PIN_TRIVIAL);
    CHECK_INT(store_pin_check("123456", NULL), PIN_TRIVIAL);
    CHECK_INT(store_pin_check("987654", NULL), PIN_TRIVIAL);
    CHECK_INT(store_pin_check("789012", NULL), PIN_TRIVIAL);
    CHECK_INT(store_pin_check("135791", NULL), PIN_TRIVIAL);
    CHECK_INT(store_pin_check("150388", "1988-03-15"), PIN_BIRTH_DATE);
    CHECK_INT(store_pin_check("15031988", "1988-03-15"), PIN_BIRTH_DATE);
    CHECK_INT(store_pin_check("19880315", "1988-03-15"), PIN_BIRTH_DATE);
    CHECK_INT(store_pin_check("150388", "1990-01-01"), 0);
}

static int sql(const char *q)
{
    return sqlite3_exec(st->db, q, NULL, NULL, NULL);
}

TEST(audit_chain_detects_tampering)
{
    long rows, bad;
    struct application a;
    setup();
    for (int i = 0; i < 5; i++)
        CHECK_INT(store_audit(st, "cb01", "test.action", NULL, "n", T0 + i), 0);
    fixture_app(&a, "001099012345", "A", T0);
    CHECK_INT(store_queue(st, &a, T0 + 10), 0);
    app_wipe(&a);
    CHECK_INT(store_audit_verify(st, &rows, &bad), 0);
    CHECK_INT(rows, 6);

    CHECK_INT(sql("UPDATE audit SET actor = 'intruder' WHERE seq = 3"), SQLITE_OK);
    CHECK_INT(store_audit_verify(st, &rows, &bad), STORE_ECORRUPT);
    CHECK_INT(bad, 3);
    CHECK_INT(sql("UPDATE audit SET actor = 'cb01' WHERE seq = 3"), SQLITE_OK);
    CHECK_INT(store_audit_verify(st, &rows, &bad), 0);

    CHECK_INT(sql("DELETE FROM audit WHERE seq = 2"), SQLITE_OK);
    CHECK_INT(store_audit_verify(st, &rows, &bad), STORE_ECORRUPT);
    CHECK_INT(bad, 2);
}

TEST(audit_chain_detects_removed_tail)
{
    long rows, bad;
    setup();
    for (int i = 0; i < 4; i++)
        CHECK_INT(store_audit(st, "cb01", "test.action", NULL, NULL, T0 + i), 0);
    CHECK_INT(sql("DELETE FROM audit WHERE seq = 4"), SQLITE_OK);
    CHECK_INT(store_audit_verify(st, &rows, &bad), STORE_ECORRUPT);
    CHECK_INT(bad, 4);
}

TEST(audit_head_is_the_newest_row)
{
    long long seq;
    char hash[65], want[65];
    sqlite3_stmt *q;
    setup();
    CHECK_INT(store_audit_head(st, &seq, hash), 0);
    CHECK_INT(seq, 0);
    CHECK_INT((int)strspn(hash, "0"), 64);
    for (int i = 0; i < 3; i++)
        CHECK_INT(store_audit(st, "cb01", "test.action", NULL, NULL, T0 + i), 0);
    CHECK_INT(store_audit_head(st, &seq, hash), 0);
    CHECK_INT(seq, 3);
    CHECK_INT(sqlite3_prepare_v2(st->db, "SELECT hash FROM audit WHERE seq = 3", -1, &q, NULL),
              SQLITE_OK);
    CHECK_INT(sqlite3_step(q), SQLITE_ROW);
    snprintf(want, sizeof(want), "%s", (const char *)sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    CHECK_STR(hash, want);
}

TEST(retention_purges_only_delivered_and_old)
{
    struct application a, b;
    long purged;
    setup();
    fixture_app(&a, "001099012345", "Nguyễn Văn An", T0);
    fixture_app(&b, "079199012346", "Trần Thị Bích", T0 + 1);
    CHECK_INT(store_queue(st, &a, T0), 0);
    CHECK_INT(store_queue(st, &b, T0), 0);
    CHECK_INT(store_set_status(st, a.id, APP_SUBMITTED, NULL, NULL, "sync", T0 + 1000), 0);
    /* decided: an undecided one stays on the recall worklist, and so in the store, until a
     * supervisor closes it (test_store_recall.c) */
    CHECK_INT(store_set_status(st, a.id, APP_APPROVED, NULL, NULL, "sync", T0 + 1000), 0);
    CHECK_INT(store_purge(st, T0 + 29 * 86400000LL, 30, &purged), 0);
    CHECK_INT(purged, 0);
    CHECK_INT(store_purge(st, T0 + 31 * 86400000LL, 30, &purged), 0);
    CHECK_INT(purged, 1); /* b was never delivered: kept whatever its age */
    sqlite3_stmt *q1;
    CHECK_INT(sqlite3_prepare_v2(st->db, "SELECT app_id FROM biometrics", -1, &q1, NULL),
              SQLITE_OK);
    int nbio = 0, b_kept = 0;
    while (sqlite3_step(q1) == SQLITE_ROW) {
        nbio++;
        b_kept |= strcmp((const char *)sqlite3_column_text(q1, 0), b.id) == 0;
    }
    sqlite3_finalize(q1);
    CHECK_INT(nbio, 1); /* a's sealed biometrics are gone, b's still wait for delivery */
    CHECK(b_kept);
    struct collect c = {0};
    struct store_query q = {.status = -1};
    CHECK_INT(store_list(st, &q, collect_cb, &c), 0);
    CHECK_INT(c.n, 2);
    CHECK_STR(c.names[0], "");
    CHECK_STR(c.names[1], "Trần Thị Bích");
    struct application l;
    CHECK_INT(store_load(st, a.id, &l), STORE_ENOTFOUND);
    long counts[APP_STATUS_COUNT];
    CHECK_INT(store_count_by_status(st, NULL, counts), 0);
    CHECK_INT(counts[APP_APPROVED], 1);
    app_wipe(&a);
    app_wipe(&b);
}

TEST(migrations_from_empty_and_from_v1)
{
    struct store *old = calloc(1, sizeof(*old));
    char path[160];
    setup();
    CHECK_INT(store_file_version(st), store_schema_version());
    CHECK(store_schema_version() >= 2);
    store_close(st);
    st = NULL;
    /* a file at schema 1 with data in it, as the previous release left it */
    snprintf(path, sizeof(path), "%s/old", dir);
    mkdir(path, 0700);
    snprintf(path, sizeof(path), "%s/old/kiosk.db", dir);
    CHECK_INT(sqlite3_open(path, &old->db), SQLITE_OK);
    CHECK_INT(store_migrate_to(old, 1), 0);
    CHECK_INT(store_file_version(old), 1);
    CHECK_INT(
        sqlite3_exec(old->db,
                     "INSERT INTO kv VALUES ('sync.cursor', 'c-42');"
                     "INSERT INTO officers VALUES ('cb09', 'Old', 'officer', 'h', 0, 0, 0, 1)",
                     NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(old->db);
    free(old);
    snprintf(path, sizeof(path), "%s/old", dir);
    CHECK_INT(store_open(path, &keys, &st), 0);
    CHECK_INT(store_file_version(st), store_schema_version());
    char v[32];
    CHECK_INT(store_kv_get(st, "sync.cursor", v, sizeof(v)), 0);
    CHECK_STR(v, "c-42");
    CHECK_INT(store_outbox_progress(st, "none", "t", 1), STORE_ENOTFOUND);
    CHECK_INT(store_notice_add(st, NULL, "info", "x", T0), 0);
    struct store_officer o[2];
    CHECK_INT(store_officer_list(st, o, 2), 1);
    CHECK_STR(o[0].id, "cb09");
}

/* Stores that reached version 5 before guidance_visits joined migration 5 get the table
 * from migration 6. */
TEST(a_version_5_store_without_guidance_visits_gets_them)
{
    char path[160];
    setup();
    store_close(st);
    st = NULL;
    snprintf(path, sizeof(path), "%s/kiosk.db", dir);
    sqlite3 *db;
    CHECK_INT(sqlite3_open(path, &db), SQLITE_OK);
    CHECK_INT(
        sqlite3_exec(db,
                     "DROP TABLE guidance_visits; ALTER TABLE notices DROP COLUMN sealed;"
                     /* and what later versions added, as a version 5 file is */
                     "ALTER TABLE applications DROP COLUMN site;"
                     "DROP TABLE handover_out; DROP TABLE handover_in; DROP TABLE field_sites;"
                     "ALTER TABLE biometrics DROP COLUMN format;"
                     "ALTER TABLE biometrics DROP COLUMN audit_seq;"
                     "PRAGMA user_version = 5",
                     NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(db);
    CHECK_INT(store_open(dir, &keys, &st), 0);
    CHECK_INT(store_file_version(st), store_schema_version());
    CHECK_INT(store_exec(st, "INSERT INTO guidance_visits (at, day, officer, kind) VALUES "
                             "(1, '2026-12-03', 'cb01', 'no_card')"),
              0);
}

TEST(migration_3_moves_biometrics_to_their_own_table)
{
    struct store *old = calloc(1, sizeof(*old));
    char path[160];
    setup();
    store_close(st);
    st = NULL;
    snprintf(path, sizeof(path), "%s/v2", dir);
    mkdir(path, 0700);
    snprintf(path, sizeof(path), "%s/v2/kiosk.db", dir);
    CHECK_INT(sqlite3_open(path, &old->db), SQLITE_OK);
    CHECK_INT(store_migrate_to(old, 2), 0);
    CHECK_INT(sqlite3_exec(old->db,
                           "INSERT INTO applications (id, created_at, day, updated_at, station, "
                           "officer, status, pid_index, biometrics, payload_digest) VALUES "
                           "('app-1', 1, '2025-11-23', 1, 'S', 'cb01', 'queued', 'x', "
                           "x'0102030405', 'd')",
                           NULL, NULL, NULL),
              SQLITE_OK);
    /* migration 3 alone (4 re-encrypts what it moved, which these bytes are not) */
    CHECK_INT(store_migrate_to(old, 3), 0);
    st = old;
    CHECK_INT(store_file_version(st), 3);
    sqlite3_stmt *q;
    CHECK_INT(
        sqlite3_prepare_v2(st->db, "SELECT app_id, length(sealed) FROM biometrics", -1, &q, NULL),
        SQLITE_OK);
    CHECK_INT(sqlite3_step(q), SQLITE_ROW);
    CHECK_STR((const char *)sqlite3_column_text(q, 0), "app-1");
    CHECK_INT(sqlite3_column_int(q, 1), 5);
    sqlite3_finalize(q);
    /* the old column is gone from the applications table */
    CHECK(sqlite3_exec(st->db, "SELECT biometrics FROM applications", NULL, NULL, NULL) !=
          SQLITE_OK);
    sqlite3_close(old->db);
    free(old);
    st = NULL;
}

TEST(newer_file_is_refused)
{
    struct store *s2;
    setup();
    CHECK_INT(sql("PRAGMA user_version = 99"), SQLITE_OK);
    CHECK_INT(store_open(dir, &keys, &s2), STORE_ECORRUPT);
}

TEST(wrong_key_cannot_read)
{
    struct application a, l;
    struct store *s2;
    struct seal_keys other = keys;
    setup();
    fixture_app(&a, "001099012345", "A", T0);
    CHECK_INT(store_queue(st, &a, T0), 0);
    randombytes_buf(other.store_key, sizeof(other.store_key));
    /* the store knows its key's id: another key is refused at open, not row by row */
    CHECK_INT(store_open(dir, &other, &s2), STORE_EKEY);
    (void)l;
    app_wipe(&a);
}

int main(void)
{
    if (seal_init() != 0)
        return 1;
    RUN(queue_and_load_round_trip);
    RUN(outbox_claims_hand_out_each_once);
    RUN(wal_checkpointed_off_the_writers_path);
    RUN(stored_payload_is_the_sealed_box_bound_by_its_digest);
    RUN(personal_data_is_encrypted_at_rest);
    RUN(queue_refuses_incomplete_or_requeued);
    RUN(queue_without_upstream_key_is_refused);
    RUN(find_by_personal_id);
    RUN(list_by_day_status_and_search);
    RUN(status_lifecycle_and_history);
    RUN(outbox_flow);
    RUN(officers_pins_lockout_disable);
    RUN(lockouts_escalate_until_a_supervisor_unlocks);
    RUN(pin_hashed_with_older_parameters_is_rehashed_at_the_next_good_login);
    RUN(pins_are_hashed_and_checked_in_the_helper_process);
    RUN(trivial_pins_are_refused);
    RUN(audit_chain_detects_tampering);
    RUN(audit_chain_detects_removed_tail);
    RUN(audit_head_is_the_newest_row);
    RUN(retention_purges_only_delivered_and_old);
    RUN(migrations_from_empty_and_from_v1);
    RUN(a_version_5_store_without_guidance_visits_gets_them);
    RUN(migration_3_moves_biometrics_to_their_own_table);
    RUN(newer_file_is_refused);
    RUN(wrong_key_cannot_read);
    store_close(st);
    return test_done();
}
