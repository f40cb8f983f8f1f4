/* test_sync_recovery.c: a fleet's return after an upstream outage, one kiosk and one
 * upstream at a time (the whole fleet is bench/bench_sync_fleet.c).
 *
 * - the reference upstream over its admission ceiling answers 503 at once with a
 *   Retry-After inside its window, counts those as shed, and lets requests through again
 *   once its bucket has filled;
 * - the sync thread after an outage ramps up: one request in flight and the backlog paced
 *   (no two uploads closer than half the pace) for the recovery window, then the rest at
 *   the configured parallelism, every application received once. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kiosk/model/timefmt.h"
#include "kiosk/store/store.h"
#include "sync/sync.h"
#include "sync/sync_http.h"
#include "tests/rigs/upstream/upstream_fixture.h"
#include "tests/test.h"

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

TEST(upstream_sheds_over_its_ceiling)
{
    struct upstream_fixture f;
    struct upstream_opts uo = {.admit_per_s = 5, .shed_retry_min_s = 7, .shed_retry_max_s = 12};
    CHECK(upstream_fixture_setup(&f, &uo) == 0);
    struct sync_opts o;
    sync_opts_default(&o);
    struct sync_http *h = NULL;
    CHECK_INT(sync_http_open(&f.cfg, &o, &h), 0);
    struct sync_http_req req = {
        .method = "GET", .path = "/v1/status?since=&limit=10", .upload_offset = -1};
    int ok = 0, shed = 0, other = 0;
    long long ra_min = 1LL << 60, ra_max = 0;
    int64_t t0 = time_mono_ms();
    for (int i = 0; i < 30; i++) {
        long status = 0;
        const char *reply;
        size_t len;
        CHECK_INT(sync_http_send(h, &req, &status, &reply, &len), 0);
        if (status == 200) {
            ok++;
        } else if (status == 503) {
            shed++;
            long long ra = sync_http_retry_after_ms(h);
            ra_min = ra < ra_min ? ra : ra_min;
            ra_max = ra > ra_max ? ra : ra_max;
        } else {
            other++;
        }
    }
    double elapsed_s = (double)(time_mono_ms() - t0) / 1000.0;
    printf("# 30 requests in %.2f s: %d let through, %d shed (Retry-After %lld-%lld ms)\n",
           elapsed_s, ok, shed, ra_min, ra_max);
    CHECK_INT(other, 0);
    /* one second's worth at first, then what the bucket refills while they come */
    CHECK(ok >= 5);
    CHECK(ok <= 5 + (int)(elapsed_s * 5) + 1);
    CHECK(shed >= 1);
    CHECK(ra_min >= 7000 && ra_max <= 12000);
    if (shed >= 10)
        CHECK(ra_max > ra_min); /* spread over the window, not one value */
    struct upstream_stats us;
    upstream_get_stats(f.up, &us);
    CHECK_INT(us.shed, shed);
    CHECK_INT(us.requests, 30); /* a shed request is load too */
    CHECK_INT(us.faults[UPSTREAM_FAULT_503], 0);

    /* a second later the bucket has room again */
    sleep_ms(1100);
    long status = 0;
    const char *reply;
    size_t len;
    CHECK_INT(sync_http_send(h, &req, &status, &reply, &len), 0);
    CHECK_INT(status, 200);

    /* the client's pass stops at a 503 and reports the wait the upstream asked for: the
     * bucket emptied on the open connection just before, so the pass finds it empty however
     * slow the machine (a pass that still finds a token is tried again) */
    struct store *st = NULL;
    CHECK_INT(store_open(f.cfg.data_dir, &f.keys, &st), 0);
    struct sync_status s1;
    int rc = 0;
    for (int tries = 0; tries < 20 && rc != SYNC_ESERVER; tries++) {
        for (int i = 0; i < 50 && status != 503; i++)
            CHECK_INT(sync_http_send(h, &req, &status, &reply, &len), 0);
        status = 0;
        rc = sync_once_opts(&f.cfg, &o, st, &s1);
    }
    sync_http_close(h);
    CHECK_INT(rc, SYNC_ESERVER);
    CHECK(s1.retry_after_ms >= 7000 && s1.retry_after_ms <= 12000);
    store_close(st);
    upstream_fixture_teardown(&f);
}

#define BACKLOG 12

/* Since when the sync thread has said, report after report, that it cannot reach the
 * upstream (0: it reached it last time). */
static int64_t g_first_offline;

static void on_status(const struct sync_status *st, void *arg)
{
    (void)arg;
    int64_t none = 0;
    if (st->online)
        __atomic_store_n(&g_first_offline, 0, __ATOMIC_SEQ_CST);
    else
        __atomic_compare_exchange_n(&g_first_offline, &none, time_mono_ms(), 0, __ATOMIC_SEQ_CST,
                                    __ATOMIC_SEQ_CST);
}

TEST(ramp_up_after_an_outage)
{
    struct upstream_fixture f;
    struct upstream_opts uo = {0};
    CHECK(upstream_fixture_setup(&f, &uo) == 0);
    f.cfg.sync_interval_seconds = 60;
    f.cfg.sync_backoff_max_seconds = 1;
    f.cfg.sync_recovery_seconds = 8;
    f.cfg.sync_recovery_pace_seconds = 1; /* passes 0.5-1.5 s apart */
    struct sync_opts o;
    sync_opts_default(&o);
    o.parallel = 4;
    o.backoff_base_ms = 100;
    o.outage_ms = 1000;
    struct store *st = NULL;
    CHECK_INT(store_open(f.cfg.data_dir, &f.keys, &st), 0);
    CHECK_INT(upstream_fixture_queue(st, 0, 500), 0);
    struct sync *s = sync_start_opts(&f.cfg, &o, &f.keys, on_status, NULL);
    CHECK(s != NULL);
    for (int i = 0; i < 500 && upstream_count(f.up) < 1; i++)
        sleep_ms(20);
    CHECK_INT(upstream_count(f.up), 1);

    /* the upstream goes away; the counter goes on queuing, the passes fail for 2.5 s */
    unsigned port = upstream_port(f.up);
    upstream_stop(f.up);
    f.up = NULL;
    __atomic_store_n(&g_first_offline, 0, __ATOMIC_SEQ_CST);
    for (int i = 1; i <= BACKLOG; i++)
        CHECK_INT(upstream_fixture_queue(st, i, 500), 0);
    /* the outage lasts until the thread has failed for twice outage_ms, however late its
     * first look at the new backlog comes on a loaded machine */
    sync_kick(s);
    for (int i = 0; i < 400; i++) {
        int64_t since = __atomic_load_n(&g_first_offline, __ATOMIC_SEQ_CST);
        if (since && time_mono_ms() - since >= 2 * o.outage_ms)
            break;
        sleep_ms(50);
    }
    int64_t down = __atomic_load_n(&g_first_offline, __ATOMIC_SEQ_CST);
    CHECK(down != 0);
    printf("# the thread failing for %lld ms when the upstream comes back\n",
           (long long)(time_mono_ms() - down));
    struct upstream_opts ro = f.opts;
    ro.port = port;
    CHECK_INT(upstream_fixture_restart(&f, &ro), 0);
    int64_t back = time_mono_ms();

    /* within the window: one request at a time, uploads at least half a pace apart */
    long held_at_3s;
    while (time_mono_ms() - back < 3000)
        sleep_ms(50);
    held_at_3s = upstream_count(f.up) - 1; /* the one before the outage is there too */
    struct upstream_stats us;
    upstream_get_stats(f.up, &us);
    printf("# 3 s after the recovery: %ld of %d received, %ld requests, at most %ld at once\n",
           held_at_3s, BACKLOG, us.requests, us.max_in_flight);
    CHECK(held_at_3s >= 1);         /* it did come back */
    CHECK(held_at_3s <= 1 + 3 * 2); /* 0.5 s at least between two */
    CHECK_INT(us.max_in_flight, 1);
    /* the status pull keeps its schedule (once a minute): not one per paced upload */
    CHECK(us.requests <= held_at_3s + 1);

    /* after the window, the rest at full parallelism; each once */
    long pending = -1;
    for (int i = 0; i < 1000; i++) {
        CHECK_INT(store_outbox_pending(st, &pending), 0);
        if (pending == 0)
            break;
        sleep_ms(20);
    }
    printf("# drained %lld ms after the recovery\n", (long long)(time_mono_ms() - back));
    CHECK_INT(pending, 0);
    sync_stop(s);
    CHECK_INT(upstream_count(f.up), BACKLOG + 1);
    upstream_get_stats(f.up, &us);
    CHECK_INT(us.received, BACKLOG);
    store_close(st);
    upstream_fixture_teardown(&f);
}

int main(void)
{
    RUN(upstream_sheds_over_its_ceiling);
    RUN(ramp_up_after_an_outage);
    return test_done();
}
