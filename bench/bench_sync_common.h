/* bench_sync_common.h: shared set-up of the sync benchmarks: a fixture (tests/rigs) with a
 * queue of n applications carrying ~150 KB sealed payloads, queued before timing starts. */
#ifndef BENCH_SYNC_COMMON_H
#define BENCH_SYNC_COMMON_H

#include <stdio.h>
#include <stdlib.h>

#include "kiosk/store/store.h"
#include "kiosk/model/timefmt.h"
#include "sync/sync.h"
#include "tests/rigs/upstream/upstream_fixture.h"

/* A 112,000-byte portrait plus two small fingers: base64 in the payload document and the
 * sealed box make it ~150 KB on the wire. */
#define BENCH_SYNC_PORTRAIT 112000

/* Queues n applications; 0 or -1. */
static inline int bench_sync_queue(struct store *st, int n)
{
    for (int i = 0; i < n; i++) {
        struct application app;
        int64_t now = time_now_ms();
        if (upstream_fixture_app(&app, i, BENCH_SYNC_PORTRAIT, now) != 0)
            return -1;
        int rc = store_queue(st, &app, now);
        app_wipe(&app);
        if (rc != 0) {
            fprintf(stderr, "bench: store_queue: %s\n", store_strerror(rc));
            return -1;
        }
    }
    return 0;
}

static inline int bench_sync_env(const char *name, int dflt)
{
    const char *v = getenv(name);
    return v && atoi(v) > 0 ? atoi(v) : dflt;
}

#endif
