/* test_sync_payload_formats.c: the two payload formats across the upgrade to schema 9
 * (kiosk/model/app_payload.h, sync/PROTOCOL.md §2.5). A store written by schema 8, holding
 * applications queued as that release queued them (format 1: the JSON payload sealed to the
 * upstream, encrypted again for the disk bound to its row), is opened by this release: they
 * are delivered byte for byte as they were sealed, their envelope naming no format, while an
 * application queued after the upgrade goes in format 2 (binary, its envelope says so); the
 * reference upstream opens both and holds exactly what each side sealed. And a payload moved
 * between applications is never sent. */
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kiosk/model/app_json.h"
#include "kiosk/model/app_payload.h"
#include "kiosk/model/timefmt.h"
#include "kiosk/store/store_internal.h"
#include "sync/sync.h"
#include "tests/rigs/upstream/upstream_fixture.h"
#include "tests/test.h"

/* What store_queue of schema 8 wrote for a, in one transaction: the payload sealed, then
 * encrypted for the disk bound to its row; the envelope and listing fields; history, outbox
 * and the keyed audit row. The sealed bytes go to *sealed, the plain payload's SHA-256 to
 * plain_digest. 0 or a store_err. */
static int queue_as_schema_8(struct store *old, struct application *a, int64_t now,
                             unsigned char **sealed, size_t *sealed_len, char plain_digest[65])
{
    a->status = APP_QUEUED;
    char *env = app_envelope_to_json(a), *pay = app_payload_to_json(a);
    unsigned char *enc_env = NULL, *enc_bio = NULL;
    size_t env_len = 0, bio_len = 0;
    char digest[65], pid_index[65], day[11];
    int rc = STORE_ENOMEM;
    if (!env || !pay || seal_for_upstream(&old->keys, pay, strlen(pay), sealed, sealed_len) != 0)
        goto out;
    seal_sha256_hex(pay, strlen(pay), plain_digest);
    seal_sha256_hex(*sealed, *sealed_len, digest);
    seal_pid_index(&old->keys, a->identity.personal_id, pid_index);
    time_day(a->created_at, day);
    if ((rc = store_encrypt_field(old, FIELD_ENVELOPE, a->id, env, strlen(env), &enc_env,
                                  &env_len)) != 0 ||
        (rc = store_encrypt_field(old, FIELD_BIOMETRICS, a->id, *sealed, *sealed_len, &enc_bio,
                                  &bio_len)) != 0 ||
        (rc = store_begin(old)) != 0)
        goto out;
    sqlite3_stmt *s = NULL;
    rc = store_prepare(old,
                       "INSERT INTO applications (id, created_at, day, queued_at, updated_at, "
                       "station, officer, status, pid_index, personal, envelope, payload_digest) "
                       "VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6, 'queued', ?7, ?8, ?8, ?9)",
                       &s);
    if (rc == 0) {
        /* the envelope stands in for the listing record: the same codec reads both */
        sqlite3_bind_text(s, 1, a->id, -1, SQLITE_STATIC);
        sqlite3_bind_int64(s, 2, a->created_at);
        sqlite3_bind_text(s, 3, day, -1, SQLITE_STATIC);
        sqlite3_bind_int64(s, 4, now);
        sqlite3_bind_text(s, 5, a->station, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 6, a->officer, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 7, pid_index, -1, SQLITE_STATIC);
        sqlite3_bind_blob(s, 8, enc_env, (int)env_len, SQLITE_STATIC);
        sqlite3_bind_text(s, 9, digest, -1, SQLITE_STATIC);
        rc = store_map_rc(sqlite3_step(s));
        sqlite3_finalize(s);
    }
    if (rc == 0 && (rc = store_prepare(old, "INSERT INTO biometrics (app_id, sealed) VALUES (?, ?)",
                                       &s)) == 0) {
        sqlite3_bind_text(s, 1, a->id, -1, SQLITE_STATIC);
        sqlite3_bind_blob(s, 2, enc_bio, (int)bio_len, SQLITE_STATIC);
        rc = store_map_rc(sqlite3_step(s));
        sqlite3_finalize(s);
    }
    if (rc == 0 && (rc = store_prepare(old,
                                       "INSERT INTO outbox (app_id, state, next_at) VALUES (?, "
                                       "'pending', 0)",
                                       &s)) == 0) {
        sqlite3_bind_text(s, 1, a->id, -1, SQLITE_STATIC);
        rc = store_map_rc(sqlite3_step(s));
        sqlite3_finalize(s);
    }
    if (rc == 0 && (rc = store_prepare(old,
                                       "INSERT INTO status_history (app_id, status, at, actor) "
                                       "VALUES (?1, 'draft', 1, 'x'), (?1, 'queued', 2, 'x')",
                                       &s)) == 0) {
        sqlite3_bind_text(s, 1, a->id, -1, SQLITE_STATIC);
        rc = store_map_rc(sqlite3_step(s));
        sqlite3_finalize(s);
    }
    if (rc == 0)
        rc = store_audit_in_txn(old, a->officer, "app.queue", a->id, digest, now);
    rc = store_end(old, rc);
out:
    free(env);
    free(pay);
    free(enc_env);
    free(enc_bio);
    return rc;
}

/* The format column of a's biometrics row, or -1. */
static int stored_format(struct store *st, const char *id)
{
    sqlite3_stmt *s;
    int v = -1;
    if (sqlite3_prepare_v2(st->db, "SELECT format FROM biometrics WHERE app_id = ?", -1, &s,
                           NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    if (sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    return v;
}

TEST(format_1_rows_of_schema_8_are_delivered_unchanged_and_new_ones_in_format_2)
{
    struct upstream_fixture f;
    CHECK_INT(upstream_fixture_setup(&f, NULL), 0);
    char path[300];
    mkdir(f.cfg.data_dir, 0700);
    snprintf(path, sizeof path, "%s/kiosk.db", f.cfg.data_dir);

    /* the file as schema 8 left it, with two applications waiting */
    struct store *old = calloc(1, sizeof *old);
    CHECK(old != NULL);
    old->keys = f.keys;
    CHECK_INT(sqlite3_open(path, &old->db), SQLITE_OK);
    CHECK_INT(store_exec(old, "PRAGMA journal_mode=WAL"), 0);
    CHECK_INT(store_migrate_to(old, 8), 0);
    enum { V1 = 2 };
    char ids[V1 + 1][APP_ID_SIZE], plain[V1 + 1][65];
    unsigned char *sealed[V1] = {NULL};
    size_t sealed_len[V1] = {0};
    int64_t now = time_now_ms();
    for (int i = 0; i < V1; i++) {
        struct application a;
        CHECK_INT(upstream_fixture_app(&a, i, 3000 + (size_t)i, now + i), 0);
        CHECK_INT(queue_as_schema_8(old, &a, now + i, &sealed[i], &sealed_len[i], plain[i]), 0);
        memcpy(ids[i], a.id, APP_ID_SIZE);
        app_wipe(&a);
    }
    store_close(old);

    /* this release opens it (migration 9) and queues one more */
    struct store *st = NULL;
    CHECK_INT(store_open(f.cfg.data_dir, &f.keys, &st), 0);
    CHECK_INT(store_file_version(st), store_schema_version());
    struct application b;
    CHECK_INT(upstream_fixture_app(&b, 7, 5000, now + 10), 0);
    CHECK_INT(store_queue(st, &b, now + 10), 0);
    CHECK_INT(b.payload_format, APP_PAYLOAD_BINARY);
    size_t blen = 0;
    unsigned char *bin = app_payload_to_binary(&b, &blen);
    CHECK(bin != NULL);
    seal_sha256_hex(bin, blen, plain[V1]);
    free(bin);
    memcpy(ids[V1], b.id, APP_ID_SIZE);
    app_wipe(&b);
    CHECK_INT(stored_format(st, ids[0]), 1);
    CHECK_INT(stored_format(st, ids[V1]), 2);

    struct sync_opts o;
    struct sync_status s;
    sync_opts_default(&o);
    o.backoff_base_ms = 1;
    CHECK_INT(sync_once_opts(&f.cfg, &o, st, &s), 0);
    struct upstream_stats us;
    upstream_get_stats(f.up, &us);
    CHECK_INT(us.received, V1 + 1);
    CHECK_INT(us.payload_v2, 1);
    CHECK_INT(us.bad_payloads, 0);
    for (int i = 0; i <= V1; i++) {
        char p[65], d[65];
        long deliveries = 0;
        CHECK_INT(upstream_lookup(f.up, ids[i], d, &deliveries), 1);
        CHECK_INT(deliveries, 1);
        CHECK_INT(upstream_plain_digest(f.up, ids[i], p), 0);
        CHECK_STR(p, plain[i]); /* what each side's writer produced, opened upstream */
        char *doc = NULL;
        unsigned char *got = NULL;
        size_t doc_len = 0, got_len = 0;
        CHECK_INT(upstream_received_bytes(f.up, ids[i], &doc, &doc_len, &got, &got_len), 0);
        CHECK((strstr(doc, "\"payload_format\":2") != NULL) == (i == V1));
        if (i < V1) { /* the very bytes sealed before the upgrade */
            CHECK(got_len == sealed_len[i] && memcmp(got, sealed[i], got_len) == 0);
            free(sealed[i]);
        }
        free(doc);
        free(got);
        struct application back;
        CHECK_INT(store_load(st, ids[i], &back), 0);
        CHECK_INT(back.status, APP_SUBMITTED);
        app_wipe(&back);
    }
    long pending = -1;
    CHECK_INT(store_outbox_pending(st, &pending), 0);
    CHECK_INT(pending, 0);
    store_close(st);
    upstream_fixture_teardown(&f);
}

/* A payload moved from another application (its row's digest edited to match) is not sent:
 * the sync pass says why in plain words, the upstream never sees it, the officer gets a
 * notice, and the next pass delivers the others. */
TEST(a_moved_payload_is_never_sent)
{
    struct upstream_fixture f;
    CHECK_INT(upstream_fixture_setup(&f, NULL), 0);
    struct store *st = NULL;
    CHECK_INT(store_open(f.cfg.data_dir, &f.keys, &st), 0);
    char ids[3][APP_ID_SIZE];
    int64_t now = time_now_ms();
    for (int i = 0; i < 3; i++) {
        struct application a;
        CHECK_INT(upstream_fixture_app(&a, 20 + i, 2000, now + i), 0);
        CHECK_INT(store_queue(st, &a, now + i), 0);
        memcpy(ids[i], a.id, APP_ID_SIZE);
        app_wipe(&a);
    }
    /* the first application's sealed payload and digest put on the second */
    char q[700];
    snprintf(q, sizeof q,
             "UPDATE biometrics SET sealed = (SELECT sealed FROM biometrics WHERE app_id = '%s') "
             "WHERE app_id = '%s'; UPDATE applications SET payload_digest = (SELECT "
             "payload_digest FROM applications WHERE id = '%s') WHERE id = '%s'",
             ids[0], ids[1], ids[0], ids[1]);
    CHECK_INT(sqlite3_exec(st->db, q, NULL, NULL, NULL), SQLITE_OK);

    struct sync_opts o;
    struct sync_status s;
    sync_opts_default(&o);
    o.backoff_base_ms = 1;
    sync_once_opts(&f.cfg, &o, st, &s);
    CHECK(strstr(s.last_error, "not sent") != NULL);
    sync_once_opts(&f.cfg, &o, st, &s); /* the refused one no longer stands in the way */
    char d[65];
    long deliveries = 0;
    CHECK_INT(upstream_lookup(f.up, ids[0], d, &deliveries), 1);
    CHECK_INT(upstream_lookup(f.up, ids[1], d, &deliveries), 0);
    CHECK_INT(upstream_lookup(f.up, ids[2], d, &deliveries), 1);
    struct upstream_stats us;
    upstream_get_stats(f.up, &us);
    CHECK_INT(us.received, 2);
    CHECK_INT(us.bad_payloads, 0); /* nothing of it went out */
    struct store_notice notes[8];
    int n = store_notices(st, notes, 8), failed = 0;
    for (int i = 0; i < n; i++)
        failed += strcmp(notes[i].kind, "failed") == 0 && strcmp(notes[i].app_id, ids[1]) == 0;
    CHECK_INT(failed, 1);
    store_close(st);
    upstream_fixture_teardown(&f);
}

int main(void)
{
    if (seal_init() != 0)
        return 1;
    RUN(format_1_rows_of_schema_8_are_delivered_unchanged_and_new_ones_in_format_2);
    RUN(a_moved_payload_is_never_sent);
    return test_done();
}
