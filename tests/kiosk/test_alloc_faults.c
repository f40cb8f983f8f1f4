/* test_alloc_faults.c: every allocation of an operation made to fail in turn (the kiosk's own
 * through --wrap, SQLite's and jansson's through their allocator hooks:
 * tests/rigs/harness/allocfail.h) for the store (open, queue), the sync protocol's parsers and the
 * application's JSON. After each failure nothing has crashed, nothing leaks (LeakSanitizer at exit)
 * and the store holds the application wholly or not at all. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "kiosk/model/app_json.h"
#include "kiosk/model/timefmt.h"
#include "kiosk/store/seal.h"
#include "kiosk/store/store.h"
#include "sync/sync_proto.h"
#include "tests/rigs/harness/allocfail.h"
#include "tests/rigs/harness/app_fixture.h"
#include "tests/test.h"

#define MAX_TRIES 400 /* failure points tried per operation, spread over all its allocations */

/* How many allocations op makes when nothing fails, and the stride that tries at most
 * MAX_TRIES of them. */
static long stride_for(long total)
{
    return total > MAX_TRIES ? (total + MAX_TRIES - 1) / MAX_TRIES : 1;
}

static int count_cb(const struct store_row *row, void *arg)
{
    (void)row;
    (*(long *)arg)++;
    return 0;
}

static long count_apps(struct store *st)
{
    struct store_query q = {.day = NULL, .status = -1};
    long n = 0;
    return store_list(st, &q, count_cb, &n) == 0 ? n : -1;
}

static int open_keys(const char *dir, struct seal_keys *keys)
{
    char keydir[512];
    snprintf(keydir, sizeof(keydir), "%s/keys", dir);
    if (seal_keys_load(keydir, NULL, keys) != 0)
        return -1;
    fixture_upstream_key(keys, NULL);
    return 0;
}

TEST(store_open_survives_every_failure)
{
    const char *dir = test_tmpdir();
    struct seal_keys keys;
    struct store *st = NULL;
    CHECK(dir && open_keys(dir, &keys) == 0);
    CHECK_INT(store_open(dir, &keys, &st), 0); /* the schema, made once */
    store_close(st);
    allocfail_arm(LONG_MAX);
    CHECK_INT(store_open(dir, &keys, &st), 0);
    long total = allocfail_seen();
    allocfail_arm(0);
    store_close(st);
    long step = stride_for(total), failed = 0;
    for (long n = 1; n <= total; n += step) {
        st = NULL;
        allocfail_arm(n);
        int rc = store_open(dir, &keys, &st);
        int fired = allocfail_fired();
        allocfail_arm(0);
        if (rc == 0)
            store_close(st);
        else
            failed++;
        CHECK(fired || rc == 0);
    }
    /* Still opens whole afterwards. */
    CHECK_INT(store_open(dir, &keys, &st), 0);
    CHECK_INT(count_apps(st), 0);
    store_close(st);
    seal_keys_wipe(&keys);
    printf("# store_open: %ld allocations, %ld failure points tried, %ld refused cleanly\n", total,
           (total + step - 1) / step, failed);
    CHECK(failed > 0);
}

TEST(store_queue_is_all_or_nothing)
{
    const char *dir = test_tmpdir();
    struct seal_keys keys;
    struct store *st = NULL;
    struct application app;
    char pid[16];
    CHECK(dir && open_keys(dir, &keys) == 0);
    CHECK_INT(store_open(dir, &keys, &st), 0);
    fixture_app(&app, "001099000000", "Nguyễn Văn An", time_now_ms());
    allocfail_arm(LONG_MAX);
    CHECK_INT(store_queue(st, &app, time_now_ms()), 0);
    long total = allocfail_seen();
    allocfail_arm(0);
    app_wipe(&app);
    long queued = 1, step = stride_for(total), failed = 0;
    int bad = 0;
    for (long n = 1; n <= total; n += step) {
        snprintf(pid, sizeof(pid), "0010990%05ld", n % 100000);
        fixture_app(&app, pid, "Nguyễn Văn An", time_now_ms());
        allocfail_arm(n);
        int rc = store_queue(st, &app, time_now_ms());
        allocfail_arm(0);
        app_wipe(&app);
        queued += rc == 0;
        failed += rc != 0;
        /* A store that stops after a failed audit write (fail-closed) is opened again. */
        if (count_apps(st) < 0) {
            store_close(st);
            st = NULL;
            if (store_open(dir, &keys, &st) != 0 && !bad) {
                printf("# failure at allocation %ld: the store does not open again\n", n);
                bad = 1;
                break;
            }
        }
        /* the application is in the store exactly when store_queue said so */
        if (count_apps(st) != queued && !bad) {
            printf("# failure at allocation %ld: %ld in the store, %ld reported queued\n", n,
                   count_apps(st), queued);
            bad = 1;
        }
    }
    if (st)
        store_close(st);
    /* And the same on a fresh connection: nothing half written survived. */
    CHECK_INT(store_open(dir, &keys, &st), 0);
    long after = count_apps(st);
    long rows = 0, bad_seq = 0;
    int audit = store_audit_verify(st, &rows, &bad_seq);
    store_close(st);
    seal_keys_wipe(&keys);
    printf("# store_queue: %ld allocations, %ld failure points tried, %ld refused cleanly\n", total,
           (total + step - 1) / step, failed);
    CHECK(!bad);
    CHECK_INT(after, queued);
    CHECK_INT(audit, 0);
    CHECK(failed > 0);
}

/* Runs parse at every allocation it makes: it fails or succeeds, never crashes or leaks. */
static long parse_under_failures(int (*parse)(const char *text), const char *text, long *failed)
{
    allocfail_arm(LONG_MAX);
    if (parse(text) != 0)
        return -1;
    long total = allocfail_seen();
    allocfail_arm(0);
    *failed = 0;
    for (long n = 1; n <= total; n++) {
        allocfail_arm(n);
        int rc = parse(text);
        allocfail_arm(0);
        *failed += rc != 0;
    }
    return total;
}

#define ID "0190d5c4-7a2b-7c3d-8e4f-0123456789ab"

static int parse_answer(const char *text)
{
    struct sync_answer a;
    return sync_proto_answer(text, strlen(text), ID, &a);
}

static int keep(const struct sync_change *c, void *arg)
{
    (void)c;
    (void)arg;
    return 0;
}

static int parse_status(const char *text)
{
    char cursor[SYNC_CURSOR_SIZE];
    int more = 0;
    return sync_proto_status(text, strlen(text), keep, NULL, cursor, &more);
}

TEST(sync_parsers_survive_every_failure)
{
    long failed = 0;
    long total = parse_under_failures(parse_answer,
                                      "{\"state\":\"awaiting_payload\",\"id\":\"" ID
                                      "\",\"upload_token\":\"ab12\",\"offset\":0}",
                                      &failed);
    CHECK(total > 0);
    CHECK(failed > 0);
    total = parse_under_failures(parse_status,
                                 "{\"changes\":[{\"seq\":\"7\",\"id\":\"" ID
                                 "\",\"status\":\"rejected\",\"at\":5,\"reason_code\":\"PHOTO\","
                                 "\"reason\":\"Ảnh không đạt\"}],\"cursor\":\"8\",\"more\":true}",
                                 &failed);
    CHECK(total > 0);
    CHECK(failed > 0);
}

static char *envelope;

static int parse_envelope(const char *text)
{
    struct application app;
    char err[160];
    app_init(&app);
    int rc = app_envelope_from_json(text, &app, err, sizeof(err));
    app_wipe(&app);
    return rc;
}

TEST(application_json_survives_every_failure)
{
    struct application app;
    fixture_app(&app, "001099012345", "Nguyễn Văn An", time_now_ms());
    envelope = app_envelope_to_json(&app);
    app_wipe(&app);
    CHECK(envelope != NULL);
    long failed = 0, total = parse_under_failures(parse_envelope, envelope, &failed);
    free(envelope);
    CHECK(total > 0);
    CHECK(failed > 0);
}

int main(void)
{
    if (allocfail_install() != 0 || seal_init() != 0)
        return 1;
    RUN(store_open_survives_every_failure);
    RUN(store_queue_is_all_or_nothing);
    RUN(sync_parsers_survive_every_failure);
    RUN(application_json_survives_every_failure);
    return test_done();
}
