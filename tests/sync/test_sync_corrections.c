/* test_sync_corrections.c: a phone correction reaches the reference upstream exactly once
 * (sync/PROTOCOL.md §5): through answers lost after the upstream recorded it, a server
 * error and a cut link, over several passes; a correction the upstream cannot place (an
 * application it never received) is refused for good with a notice; a document repeated
 * with other content is a conflict. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kiosk/model/timefmt.h"
#include "kiosk/store/store.h"
#include "kiosk/store/store_phonefix.h"
#include "sync/sync.h"
#include "sync/sync_corrections.h"
#include "sync/sync_http.h"
#include "tests/rigs/upstream/upstream_fixture.h"
#include "tests/test.h"

static struct upstream_fixture g_f;
static struct store *g_st;
static struct sync_opts g_o;

static int setup(void)
{
    if (upstream_fixture_setup(&g_f, NULL) != 0)
        return -1;
    if (store_open(g_f.cfg.data_dir, &g_f.keys, &g_st) != 0)
        return -1;
    int64_t now = time_now_ms();
    sync_opts_default(&g_o);
    g_o.backoff_base_ms = 1; /* retries are due again at once */
    g_o.connect_timeout_ms = 2000;
    g_o.stall_seconds = 2;
    if (store_officer_init(g_st, "ld01", "Phạm Quốc Đạt", "730195", now) != 0 ||
        store_officer_add(g_st, "cb01", "Trần Văn Bình", ROLE_OFFICER, "482915", "ld01", now) != 0)
        return -1;
    return 0;
}

/* Queues application i and delivers it; id_out gets its id. */
static int delivered_app(int i, char id_out[APP_ID_SIZE])
{
    struct application a;
    if (upstream_fixture_app(&a, i, 4000, time_now_ms()) != 0)
        return -1;
    snprintf(a.phone, sizeof a.phone, "%s", "0987654321");
    int rc = store_queue(g_st, &a, time_now_ms());
    snprintf(id_out, APP_ID_SIZE, "%s", a.id);
    app_wipe(&a);
    if (rc)
        return -1;
    struct sync_status s;
    return sync_once_opts(&g_f.cfg, &g_o, g_st, &s);
}

/* Waits (up to 2 s) until a pending correction is due again: its backoff, 2^attempts ms here,
 * must have passed, or the next pass would not try it and the fault pushed for it would hit
 * another request. 0, or -1 when none became due. */
static int correction_due(void)
{
    struct phonefix f;
    for (int i = 0; i < 200; i++) {
        int rc = store_phonefix_next(g_st, time_now_ms(), &f);
        explicit_bzero(&f, sizeof f);
        if (rc == 0)
            return 0;
        usleep(10000);
    }
    return -1;
}

TEST(delivered_exactly_once_through_lost_answers)
{
    char id[APP_ID_SIZE], fix[APP_ID_SIZE];
    CHECK_INT(delivered_app(1, id), 0);
    CHECK_INT(store_phonefix_add(g_st, id, "0977 111 222", "gõ nhầm một số", "cb01", "ld01",
                                 time_now_ms(), fix),
              0);
    /* pass 1: the upstream records it, then the answer is lost (500 after processing) */
    upstream_fault_push(g_f.up, UPSTREAM_FAULT_500, 1);
    struct sync_status s;
    int rc = sync_once_opts(&g_f.cfg, &g_o, g_st, &s);
    CHECK(rc == SYNC_ESERVER);
    long pending = 0;
    CHECK_INT(store_phonefix_pending(g_st, &pending), 0);
    CHECK_INT(pending, 1);
    /* pass 2: the answer is cut half-way; pass 3: a stall; pass 4 goes through */
    CHECK_INT(correction_due(), 0);
    upstream_fault_push(g_f.up, UPSTREAM_FAULT_CUT_RESPONSE, 1);
    rc = sync_once_opts(&g_f.cfg, &g_o, g_st, &s);
    CHECK(rc != 0);
    CHECK_INT(correction_due(), 0);
    upstream_fault_push(g_f.up, UPSTREAM_FAULT_GARBAGE, 1);
    rc = sync_once_opts(&g_f.cfg, &g_o, g_st, &s);
    CHECK(rc != 0);
    CHECK_INT(correction_due(), 0);
    CHECK_INT(sync_once_opts(&g_f.cfg, &g_o, g_st, &s), 0);
    CHECK_INT(store_phonefix_pending(g_st, &pending), 0);
    CHECK_INT(pending, 0);
    char phone[11], approver[32];
    CHECK_INT(upstream_corrections(g_f.up, id, phone, approver, sizeof approver), 1);
    CHECK_STR(phone, "0977111222");
    CHECK_STR(approver, "ld01");
    /* the store says delivered, once; another pass sends nothing */
    struct phonefix list[2];
    CHECK_INT(store_phonefix_list(g_st, id, list, 2), 1);
    CHECK_INT(list[0].state, PHONEFIX_DELIVERED);
    CHECK(list[0].attempts >= 3);
    struct upstream_stats before, after;
    upstream_get_stats(g_f.up, &before);
    CHECK_INT(sync_once_opts(&g_f.cfg, &g_o, g_st, &s), 0);
    upstream_get_stats(g_f.up, &after);
    CHECK_INT(upstream_corrections(g_f.up, id, phone, approver, sizeof approver), 1);
    CHECK_INT(after.replays, before.replays);
}

TEST(unknown_application_is_refused_for_good_with_a_notice)
{
    char id[APP_ID_SIZE], fix[APP_ID_SIZE];
    CHECK_INT(delivered_app(2, id), 0);
    CHECK_INT(store_phonefix_add(g_st, id, "0912000111", "số của người thân", "cb01", "ld01",
                                 time_now_ms(), fix),
              0);
    /* another upstream database: it has never heard of the application */
    upstream_stop(g_f.up);
    g_f.up = NULL;
    char db[200];
    snprintf(db, sizeof db, "%s.other", g_f.db);
    struct upstream_opts o = g_f.opts;
    o.db_path = db;
    o.seal_sk = g_f.sk;
    char err[128];
    CHECK_INT(upstream_start(&o, &g_f.up, err, sizeof err), 0);
    char url[64];
    upstream_url(g_f.up, url, sizeof url);
    snprintf(g_f.cfg.upstream_url, sizeof g_f.cfg.upstream_url, "%s", url);
    struct sync_status s;
    sync_once_opts(&g_f.cfg, &g_o, g_st, &s);
    struct phonefix list[2];
    CHECK_INT(store_phonefix_list(g_st, id, list, 2), 1);
    CHECK_INT(list[0].state, PHONEFIX_FAILED);
    struct store_notice n[8];
    int c = store_notices(g_st, n, 8), found = 0;
    for (int i = 0; i < c; i++)
        found |= strcmp(n[i].app_id, id) == 0 && strcmp(n[i].kind, "failed") == 0;
    CHECK(found);
    long pending = 0;
    CHECK_INT(store_phonefix_pending(g_st, &pending), 0);
    CHECK_INT(pending, 0);
}

TEST(protocol_documents)
{
    char *b = sync_proto_correction("c-1", "a-1", "0977111222", "gõ \"nhầm\"", "cb01", "ld01", 5);
    CHECK(b != NULL);
    int ok = strstr(b, "\"kind\":\"phone\"") && strstr(b, "\"application\":\"a-1\"") &&
             strstr(b, "gõ \\\"nhầm\\\"");
    free(b);
    CHECK(ok);
    static const char good[] = "{\"state\":\"received\",\"id\":\"c-1\",\"received_at\":1}";
    CHECK_INT(sync_proto_correction_answer(good, strlen(good), "c-1"), 0);
    CHECK_INT(sync_proto_correction_answer(good, strlen(good), "c-2"), -1);
    static const char dup[] = "{\"state\":\"received\",\"id\":\"c-1\",\"id\":\"c-1\"}";
    CHECK_INT(sync_proto_correction_answer(dup, strlen(dup), "c-1"), -1);
    CHECK_INT(sync_proto_correction_answer("<html>", 6, "c-1"), -1);
    CHECK_INT(sync_proto_correction_answer(good, 10, "c-1"), -1);
}

int main(void)
{
    if (seal_init() != 0 || setup() != 0) {
        fprintf(stderr, "setup failed\n");
        return 1;
    }
    RUN(protocol_documents);
    RUN(delivered_exactly_once_through_lost_answers);
    RUN(unknown_application_is_refused_for_good_with_a_notice);
    store_close(g_st);
    upstream_fixture_teardown(&g_f);
    return test_done();
}
