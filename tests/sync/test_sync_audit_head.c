/* test_sync_audit_head.c: the audit head goes upstream with every sync request and may only
 * move forward (PROTOCOL.md §1).
 *
 * - after a pass the reference upstream holds the kiosk's current head;
 * - rows removed from the end of the trail with the head in the database fixed (and the local
 *   anchor file removed too, as someone with the whole machine could) are refused at the
 *   next pass with SYNC_EAUDIT, nothing is delivered, and the upstream records an incident. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kiosk/model/timefmt.h"
#include "kiosk/store/store.h"
#include "sync/sync.h"
#include "tests/rigs/upstream/upstream_fixture.h"
#include "tests/test.h"

static int run_sql(const char *dir, const char *q)
{
    char path[300];
    sqlite3 *db;
    snprintf(path, sizeof path, "%s/kiosk.db", dir);
    if (sqlite3_open(path, &db) != SQLITE_OK)
        return -1;
    int rc = sqlite3_exec(db, q, NULL, NULL, NULL);
    sqlite3_close(db);
    return rc == SQLITE_OK ? 0 : -1;
}

TEST(head_goes_upstream_and_may_not_go_back)
{
    struct upstream_fixture f;
    struct sync_status s;
    long long seq, up_seq;
    char hash[65], up_hash[65];
    CHECK(upstream_fixture_setup(&f, NULL) == 0);
    struct store *st = NULL;
    CHECK_INT(store_open(f.cfg.data_dir, &f.keys, &st), 0);
    CHECK_INT(upstream_fixture_queue(st, 1, 500), 0);
    CHECK_INT(sync_once(&f.cfg, st, &s), SYNC_OK);
    CHECK_INT(upstream_audit_head(f.up, "kiosk-001", &up_seq, up_hash), 1);
    /* the head sent is the one before the pass's own rows (app.submitted comes after) */
    CHECK(up_seq >= 1);
    for (int i = 0; i < 3; i++)
        CHECK_INT(store_audit(st, "cb01", "test.action", NULL, NULL, time_now_ms()), 0);
    CHECK_INT(store_audit_head(st, &seq, hash), 0);
    CHECK_INT(sync_once(&f.cfg, st, &s), SYNC_OK);
    CHECK_INT(upstream_audit_head(f.up, "kiosk-001", &up_seq, up_hash), 1);
    CHECK_INT(up_seq, seq);
    CHECK_STR(up_hash, hash);
    store_close(st);
    st = NULL;

    /* the insider cuts the trail back and fixes the head; the anchor file goes too */
    char q[300], anchor[300];
    snprintf(q, sizeof q,
             "DELETE FROM audit WHERE seq > %lld;"
             "UPDATE kv SET value = (SELECT seq || ':' || hash FROM audit ORDER BY seq DESC "
             "LIMIT 1) WHERE key = 'audit.head'",
             seq - 2);
    CHECK_INT(run_sql(f.cfg.data_dir, q), 0);
    snprintf(anchor, sizeof anchor, "%s/keys/audit.anchor", f.cfg.data_dir);
    CHECK_INT(unlink(anchor), 0);
    CHECK_INT(store_open(f.cfg.data_dir, &f.keys, &st), 0);
    long rows, bad;
    CHECK_INT(store_audit_verify(st, &rows, &bad), 0); /* locally nothing is left to see */
    CHECK_INT(upstream_fixture_queue(st, 2, 500), 0);
    CHECK_INT(sync_once(&f.cfg, st, &s), SYNC_EAUDIT);
    CHECK(strstr(s.last_error, "audit") != NULL);
    CHECK_INT(upstream_count(f.up), 1); /* nothing delivered from the cut-back kiosk */
    struct upstream_stats us;
    upstream_get_stats(f.up, &us);
    CHECK(us.audit_rollbacks >= 1);
    char lines[4][160];
    CHECK(upstream_incidents(f.up, "kiosk-001", lines, 4) >= 1);
    CHECK(strstr(lines[0], "went backwards") != NULL);
    /* the kiosk's application is not marked failed for it: it waits */
    long pending = 0;
    CHECK_INT(store_outbox_pending(st, &pending), 0);
    CHECK_INT(pending, 1);
    store_close(st);
    upstream_fixture_teardown(&f);
}

int main(void)
{
    if (seal_init() != 0)
        return 1;
    RUN(head_goes_upstream_and_may_not_go_back);
    return test_done();
}
