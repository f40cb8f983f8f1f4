/* test_sync_chaos.c: 1,000 applications through every fault, with the kiosk killed.
 *
 * The kiosk here is a separate process (sync_tool = `kiosk sync`, continuous passes) so that
 * it can be SIGKILLed at random points, mid-upload included, and restarted. The reference
 * upstream runs in this process and injects faults at random (each kind also once from a
 * script, so that every kind surely happens). Afterwards:
 *   - the upstream holds each application exactly once, and the plaintext inside its
 *     sealed payload is byte for byte what the kiosk queued (SHA-256 compared);
 *   - the kiosk shows every one `submitted`, nothing pending, no failed delivery, and its
 *     store passes integrity_check;
 *   - then, faults still on, the upstream rejects 1 in 20 and approves 1 in 20: the kiosk
 *     ends with exactly those statuses and one "rejected" notice per rejection.
 * The kiosk runs 4 uploads in flight at once (--parallel), the default.
 * SYNC_CHAOS_APPS=N changes the count (default 1000). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kiosk/model/app_payload.h"
#include "kiosk/store/store.h"
#include "kiosk/model/timefmt.h"
#include "tests/rigs/upstream/upstream_fixture.h"
#include "tests/test.h"

#define KILLS          6      /* SIGKILLs during the run */
#define DRAIN_LIMIT_MS 300000 /* a ceiling for a loaded machine; idle it drains in ~30 s */
#define FAULT_P        0.04   /* per request (per new connection for refusals); SYNC_CHAOS_P */
#define PARALLEL       "4"    /* uploads in flight at once (sync_opts.parallel) */

static const char *tool_path;
static char conf_path[256];

static pid_t spawn_sync(void)
{
    fflush(stdout); /* the child must not flush our buffer again */
    pid_t pid = fork();
    if (pid == 0) {
        if (!freopen("/dev/null", "w", stdout))
            _exit(127);
        execl(tool_path, tool_path, conf_path, "sync", "--quiet", "--stall-seconds", "1",
              "--connect-timeout-ms", "1000", "--backoff-base-ms", "20", "--parallel", PARALLEL,
              (char *)NULL);
        _exit(127);
    }
    return pid;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

TEST(chaos_exactly_once)
{
    const char *env = getenv("SYNC_CHAOS_APPS");
    int n = env ? atoi(env) : 1000;
    CHECK(n > 0);
    struct upstream_fixture f;
    struct upstream_opts uo = {.stall_ms = 1500, .slow_ms = 150};
    CHECK(upstream_fixture_setup(&f, &uo) == 0);
    f.cfg.sync_interval_seconds = 1;
    f.cfg.sync_backoff_max_seconds = 1;
    snprintf(conf_path, sizeof conf_path, "%s/kiosk.conf", f.dir);
    CHECK(upstream_fixture_write_config(&f, conf_path) == 0);

    char(*ids)[APP_ID_SIZE] = calloc((size_t)n, APP_ID_SIZE);
    char(*plain)[65] = calloc((size_t)n, 65);
    struct store *st = NULL;
    CHECK(ids && plain);
    CHECK_INT(store_open(f.cfg.data_dir, &f.keys, &st), 0);
    int64_t t0 = time_mono_ms();
    for (int i = 0; i < n; i++) {
        struct application app;
        int64_t now = time_now_ms();
        CHECK(upstream_fixture_app(&app, i, 160, now) == 0);
        int rc = store_queue(st, &app, now);
        size_t payload_len = 0;
        unsigned char *payload = app_payload_to_binary(&app, &payload_len);
        if (payload)
            seal_sha256_hex(payload, payload_len, plain[i]);
        free(payload);
        memcpy(ids[i], app.id, APP_ID_SIZE);
        app_wipe(&app);
        CHECK_INT(rc, 0);
        CHECK(payload != NULL);
    }
    printf("# queued %d in %lld ms\n", n, (long long)(time_mono_ms() - t0));

    /* every kind once for sure (a refusal waits for the next new connection), then at random */
    upstream_fault_push(f.up, UPSTREAM_FAULT_REFUSE, 0);
    for (int k = UPSTREAM_FAULT_500; k < UPSTREAM_FAULT_COUNT; k++)
        upstream_fault_push(f.up, (enum upstream_fault)k, k % 2);
    const char *penv = getenv("SYNC_CHAOS_P");
    upstream_fault_random(f.up, penv ? atof(penv) : FAULT_P, 20261123);

    srand(20261123);
    t0 = time_mono_ms();
    int kills = 0;
    long held_at_kill[KILLS];
    for (; kills < KILLS; kills++) {
        pid_t pid = spawn_sync();
        CHECK(pid > 0);
        sleep_ms(400 + rand() % 900);
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        held_at_kill[kills] = upstream_count(f.up);
    }
    printf("# upstream held after each kill:");
    for (int k = 0; k < KILLS; k++)
        printf(" %ld", held_at_kill[k]);
    printf("\n");

    /* the last run drains the queue, faults still on */
    pid_t pid = spawn_sync();
    CHECK(pid > 0);
    long pending = -1;
    while (time_mono_ms() - t0 < DRAIN_LIMIT_MS) {
        sleep_ms(250);
        if (store_outbox_pending(st, &pending) == 0 && pending == 0)
            break;
    }
    kill(pid, SIGTERM);
    int wst = 0;
    waitpid(pid, &wst, 0);
    printf("# drained in %lld ms, pending %ld\n", (long long)(time_mono_ms() - t0), pending);

    struct upstream_stats s;
    upstream_get_stats(f.up, &s);
    printf("# upstream: %ld requests, %ld received, %ld replays, at most %ld at once, faults:",
           s.requests, s.received, s.replays, s.max_in_flight);
    for (int k = 1; k < UPSTREAM_FAULT_COUNT; k++)
        printf(" %s=%ld", upstream_fault_name((enum upstream_fault)k), s.faults[k]);
    printf("\n");

    CHECK_INT(pending, 0);
    CHECK(s.max_in_flight >= 2); /* the uploads did run in parallel */
    for (int k = 1; k < UPSTREAM_FAULT_COUNT; k++)
        CHECK(s.faults[k] > 0);
    CHECK_INT(upstream_count(f.up), n);
    CHECK_INT(s.received, n);
    for (int i = 0; i < n; i++) {
        char d[65], p[65];
        long deliveries = 0;
        CHECK_INT(upstream_lookup(f.up, ids[i], d, &deliveries), 1);
        CHECK_INT(deliveries, 1);
        CHECK_INT(upstream_plain_digest(f.up, ids[i], p), 0);
        CHECK_STR(p, plain[i]);
    }
    long counts[APP_STATUS_COUNT];
    CHECK_INT(store_count_by_status(st, NULL, counts), 0);
    CHECK_INT(counts[APP_SUBMITTED], n);
    struct store_notice notes[8];
    CHECK_INT(store_notices(st, notes, 8), 0);
    CHECK_INT(store_integrity_check(st), 0);

    /* the upstream decides on every 20th (rejected) and the one after it (approved); the
     * statuses come back through the same faults, each rejection with one notice */
    int n_rej = 0, n_app = 0;
    for (int i = 0; i < n; i++) {
        if (i % 20 == 0) {
            CHECK_INT(upstream_decide(f.up, ids[i], "rejected", "PHOTO_QUALITY", "Ảnh mờ"), 0);
            n_rej++;
        } else if (i % 20 == 1) {
            CHECK_INT(upstream_decide(f.up, ids[i], "approved", NULL, NULL), 0);
            n_app++;
        }
    }
    pid = spawn_sync();
    CHECK(pid > 0);
    int64_t t1 = time_mono_ms();
    while (time_mono_ms() - t1 < 30000) {
        sleep_ms(250);
        if (store_count_by_status(st, NULL, counts) == 0 && counts[APP_REJECTED] == n_rej &&
            counts[APP_APPROVED] == n_app)
            break;
    }
    kill(pid, SIGTERM);
    waitpid(pid, NULL, 0);
    printf("# statuses back in %lld ms\n", (long long)(time_mono_ms() - t1));
    CHECK_INT(store_count_by_status(st, NULL, counts), 0);
    CHECK_INT(counts[APP_REJECTED], n_rej);
    CHECK_INT(counts[APP_APPROVED], n_app);
    CHECK_INT(counts[APP_SUBMITTED], n - n_rej - n_app);
    struct store_notice *all = calloc(2048, sizeof *all);
    CHECK(all != NULL);
    int n_notes = store_notices(st, all, 2048), rejected = 0;
    for (int k = 0; k < n_notes; k++)
        rejected += strcmp(all[k].kind, "rejected") == 0;
    free(all);
    CHECK_INT(rejected, n_rej);
    CHECK(WIFEXITED(wst) || WIFSIGNALED(wst));

    store_close(st);
    free(ids);
    free(plain);
    upstream_fixture_teardown(&f);
}

int main(int argc, char **argv)
{
    (void)argc;
    static char tool[512];
    upstream_fixture_sibling(argv[0], "sync_tool", tool, sizeof tool);
    tool_path = tool;
    RUN(chaos_exactly_once);
    return test_done();
}
