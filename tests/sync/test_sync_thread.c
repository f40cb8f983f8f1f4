/* test_sync_thread.c: the sync thread as the kiosk runs it (sync_start / sync_kick /
 * sync_stop), against the reference upstream.
 *
 * - the first pass runs at start and its status reaches the notify callback;
 * - with an hour between passes, sync_kick() after queuing delivers at once;
 * - sync_stop() while an upload hangs on a stalled server returns promptly (the transfer is
 *   aborted), and the application is delivered by the next start. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kiosk/store/store.h"
#include "kiosk/model/timefmt.h"
#include "sync/sync.h"
#include "tests/rigs/upstream/upstream_fixture.h"
#include "tests/test.h"

struct seen {
    pthread_mutex_t mu;
    int passes;
    struct sync_status last;
};

static void on_status(const struct sync_status *s, void *arg)
{
    struct seen *z = arg;
    pthread_mutex_lock(&z->mu);
    z->passes++;
    z->last = *s;
    pthread_mutex_unlock(&z->mu);
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Waits until the upstream holds n applications; 0, or -1 after limit_ms. */
static int wait_held(struct upstream *u, long n, long limit_ms)
{
    int64_t t0 = time_mono_ms();
    while (upstream_count(u) < n) {
        if (time_mono_ms() - t0 > limit_ms)
            return -1;
        sleep_ms(20);
    }
    return 0;
}

TEST(start_kick_stop)
{
    struct upstream_fixture f;
    struct upstream_opts uo = {.stall_ms = 20000};
    CHECK(upstream_fixture_setup(&f, &uo) == 0);
    f.cfg.sync_interval_seconds = 3600;
    f.cfg.sync_backoff_max_seconds = 3600;
    struct store *st = NULL;
    CHECK_INT(store_open(f.cfg.data_dir, &f.keys, &st), 0);
    CHECK_INT(upstream_fixture_queue(st, 1, 500), 0);
    CHECK_INT(upstream_fixture_queue(st, 2, 500), 0);

    struct seen z = {.mu = PTHREAD_MUTEX_INITIALIZER};
    struct sync_opts o;
    sync_opts_default(&o);
    o.stall_seconds = 30;
    o.backoff_base_ms = 3600 * 1000; /* a failure would park the thread for an hour */
    struct sync *s = sync_start_opts(&f.cfg, &o, &f.keys, on_status, &z);
    CHECK(s != NULL);
    CHECK_INT(wait_held(f.up, 2, 10000), 0);
    for (int i = 0; i < 200; i++) { /* the notify comes after the pass's bookkeeping */
        pthread_mutex_lock(&z.mu);
        int passes = z.passes;
        pthread_mutex_unlock(&z.mu);
        if (passes >= 1)
            break;
        sleep_ms(20);
    }
    pthread_mutex_lock(&z.mu);
    struct sync_status last = z.last;
    int passes = z.passes;
    pthread_mutex_unlock(&z.mu);
    CHECK_INT(passes, 1);
    CHECK_INT(last.online, 1);
    CHECK_INT(last.pending, 0);
    CHECK_INT(last.delivered, 2);
    CHECK(last.last_success_ms > 0);
    CHECK_STR(last.last_error, "");

    /* an hour until the next pass: a kick delivers at once */
    CHECK_INT(upstream_fixture_queue(st, 3, 500), 0);
    sync_kick(s);
    CHECK_INT(wait_held(f.up, 3, 1500), 0);

    /* and without a kick, the idle thread finds a newly queued application by itself, as
     * when the UI queues one without knowing the sync thread */
    int64_t q0 = time_mono_ms();
    CHECK_INT(upstream_fixture_queue(st, 5, 500), 0);
    CHECK_INT(wait_held(f.up, 4, 8000), 0);
    printf("# queued without a kick: delivered after %lld ms\n", (long long)(time_mono_ms() - q0));

    /* the server swallows the next request; stop must not wait for it */
    upstream_fault_push(f.up, UPSTREAM_FAULT_STALL, 0);
    struct upstream_stats before, after;
    upstream_get_stats(f.up, &before);
    CHECK_INT(upstream_fixture_queue(st, 4, 500), 0);
    sync_kick(s);
    for (int i = 0; i < 250; i++) {
        upstream_get_stats(f.up, &after);
        if (after.faults[UPSTREAM_FAULT_STALL] > before.faults[UPSTREAM_FAULT_STALL])
            break;
        sleep_ms(20);
    }
    CHECK(after.faults[UPSTREAM_FAULT_STALL] > before.faults[UPSTREAM_FAULT_STALL]);
    int64_t t0 = time_mono_ms();
    sync_stop(s);
    int64_t stop_ms = time_mono_ms() - t0;
    printf("# sync_stop took %lld ms with an upload in flight\n", (long long)stop_ms);
    CHECK(stop_ms < 3000);
    long pending = -1;
    CHECK_INT(store_outbox_pending(st, &pending), 0);
    CHECK_INT(pending, 1);

    /* the next start delivers it */
    s = sync_start_opts(&f.cfg, &o, &f.keys, NULL, NULL);
    CHECK(s != NULL);
    CHECK_INT(wait_held(f.up, 5, 10000), 0);
    /* the server holds it; the kiosk records the receipt right after */
    for (int i = 0; i < 500; i++) {
        CHECK_INT(store_outbox_pending(st, &pending), 0);
        if (pending == 0)
            break;
        sleep_ms(20);
    }
    sync_stop(s);
    CHECK_INT(store_outbox_pending(st, &pending), 0);
    CHECK_INT(pending, 0);
    store_close(st);
    upstream_fixture_teardown(&f);
}

int main(void)
{
    RUN(start_kick_stop);
    return test_done();
}
