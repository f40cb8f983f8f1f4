/* test_store_faults.c: the store under faults.
 *  - disk full / I/O error / failed fsync at every write of a queue transaction: the call
 *    fails with the right code, nothing of the application is visible, the next one works;
 *  - crash safety: a child process queuing applications is killed with SIGKILL at random
 *    moments, many times; afterwards the database passes integrity_check, every
 *    application the child reported queued is there whole, and no half application is
 *    visible. */
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kiosk/store/store_internal.h"
#include "tests/rigs/harness/app_fixture.h"
#include "tests/rigs/harness/faultvfs.h"
#include "tests/test.h"

static char dir[64];
static struct seal_keys keys;
static const int64_t T0 = 1763856000000LL;

static void new_dir(void)
{
    char keydir[128];
    if (test_fresh_dir(dir, sizeof dir) != 0)
        abort();
    snprintf(keydir, sizeof(keydir), "%s/keys", dir);
    if (seal_keys_load(keydir, NULL, &keys) != 0)
        abort();
    fixture_upstream_key(&keys, NULL);
}

static long scalar(struct store *st, const char *q)
{
    sqlite3_stmt *s;
    long v = -1;
    if (sqlite3_prepare_v2(st->db, q, -1, &s, NULL) != SQLITE_OK)
        return -2;
    if (sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

/* Every application row has its two history rows, its outbox row, its audit row and its
 * sealed biometrics, and decrypts. Returns the number of applications, or -1 when one is half
 * there. */
static long whole_applications(struct store *st)
{
    if (scalar(st, "SELECT count(*) FROM applications a WHERE NOT EXISTS (SELECT 1 FROM outbox "
                   "o WHERE o.app_id = a.id)") != 0 ||
        scalar(st, "SELECT count(*) FROM applications a WHERE (SELECT count(*) FROM "
                   "status_history h WHERE h.app_id = a.id) < 2") != 0 ||
        scalar(st, "SELECT count(*) FROM applications a WHERE NOT EXISTS (SELECT 1 FROM audit "
                   "u WHERE u.app_id = a.id AND u.action = 'app.queue')") != 0 ||
        scalar(st, "SELECT count(*) FROM outbox o WHERE NOT EXISTS (SELECT 1 FROM applications "
                   "a WHERE a.id = o.app_id)") != 0 ||
        scalar(st, "SELECT count(*) FROM applications a WHERE NOT EXISTS (SELECT 1 FROM "
                   "biometrics b WHERE b.app_id = a.id)") != 0)
        return -1;
    sqlite3_stmt *s;
    long n = 0;
    if (sqlite3_prepare_v2(st->db, "SELECT id FROM applications", -1, &s, NULL) != SQLITE_OK)
        return -1;
    while (sqlite3_step(s) == SQLITE_ROW) {
        struct application a;
        if (store_load(st, (const char *)sqlite3_column_text(s, 0), &a) != 0) {
            sqlite3_finalize(s);
            return -1;
        }
        app_wipe(&a);
        n++;
    }
    sqlite3_finalize(s);
    return n;
}

static void fault_at_every_write(enum faultvfs_mode mode, int expect)
{
    struct store *st;
    struct application a;
    new_dir();
    if (store_open(dir, &keys, &st) != 0)
        abort();
    long queued = 0;
    int failed_once = 0, succeeded_after = 0;
    for (int after = 0; after < 80; after++) {
        fixture_app(&a, "001099012345", "Nguyễn Văn An", T0 + after);
        faultvfs_arm(mode, after);
        int rc = store_queue(st, &a, T0 + after);
        int hit = faultvfs_failures();
        faultvfs_disarm();
        if (hit) {
            if (rc != expect)
                test_fail_(__FILE__, __LINE__, "fault after %d writes: rc %d, expected %d", after,
                           rc, expect);
            failed_once = 1;
            if (a.status != APP_DRAFT)
                test_fail_(__FILE__, __LINE__, "status moved on a failed queue");
        } else if (rc == 0) {
            queued++;
            succeeded_after = 1;
        }
        app_wipe(&a);
        /* the connection may need to reopen after an I/O error, as the kiosk would */
        if (rc != 0) {
            store_close(st);
            if (store_open(dir, &keys, &st) != 0)
                abort();
        }
        long whole = whole_applications(st);
        if (whole != queued)
            test_fail_(__FILE__, __LINE__, "after a fault at write %d: %ld whole, %ld queued",
                       after, whole, queued);
        if (test_case_failed_)
            break;
    }
    if (!failed_once || !succeeded_after)
        test_fail_(__FILE__, __LINE__, "the faults did not cover the transaction");
    if (store_integrity_check(st) != 0)
        test_fail_(__FILE__, __LINE__, "integrity_check failed");
    store_close(st);
}

TEST(disk_full_at_every_write_loses_nothing)
{
    fault_at_every_write(FAULTVFS_FULL, STORE_EFULL);
}

TEST(io_error_at_every_write_loses_nothing)
{
    fault_at_every_write(FAULTVFS_IOERR, STORE_EIO);
}

TEST(failed_fsync_is_reported_not_acknowledged)
{
    struct store *st;
    struct application a;
    new_dir();
    CHECK_INT(store_open(dir, &keys, &st), 0);
    fixture_app(&a, "001099012345", "A", T0);
    faultvfs_arm(FAULTVFS_SYNCERR, 0);
    int rc = store_queue(st, &a, T0);
    faultvfs_disarm();
    CHECK(faultvfs_failures() > 0);
    CHECK(rc != 0);
    CHECK_INT(a.status, APP_DRAFT);
    app_wipe(&a);
    store_close(st);
}

/* The child: queue applications forever, writing each acknowledged id to fd. */
static void writer(int fd)
{
    struct store *st;
    struct application a;
    if (store_open(dir, &keys, &st) != 0)
        _exit(3);
    /* Opened: the parent's clock for the kill starts now, however slow the open was. */
    if (write(fd, "R\n", 2) != 2)
        _exit(5);
    for (int i = 0;; i++) {
        fixture_app_sized(&a, "001099012345", "Nguyễn Văn An", T0 + i, 20000);
        if (store_queue(st, &a, T0 + i) != 0)
            _exit(4);
        char line[APP_ID_SIZE + 1];
        memcpy(line, a.id, APP_ID_SIZE - 1);
        line[APP_ID_SIZE - 1] = '\n';
        if (write(fd, line, APP_ID_SIZE) != APP_ID_SIZE)
            _exit(5);
        app_wipe(&a);
    }
}

TEST(sigkill_during_queuing_loses_nothing)
{
    static char acked[20000][APP_ID_SIZE];
    int nacked = 0, kills = 0;
    unsigned seed = (unsigned)time(NULL) ^ (unsigned)getpid();
    new_dir();
    /* the store is created (schema, key ids) before: what is killed is queuing */
    struct store *first;
    CHECK_INT(store_open(dir, &keys, &first), 0);
    store_close(first);
    printf("# seed %u\n", seed);
    srand(seed);
    for (int round = 0; round < 40; round++) {
        int p[2];
        CHECK_INT(pipe(p), 0);
        pid_t pid = fork();
        CHECK(pid >= 0);
        if (pid == 0) {
            close(p[0]);
            writer(p[1]);
        }
        close(p[1]);
        char ready;
        CHECK_INT(read(p[0], &ready, 1), 1);
        /* a few queue transactions long (each ~5 ms idle, ~50 ms on a loaded box) */
        usleep((useconds_t)(rand() % 200000));
        kill(pid, SIGKILL);
        int status;
        waitpid(pid, &status, 0);
        CHECK(WIFSIGNALED(status));
        kills++;
        /* what the child reported before it died */
        FILE *f = fdopen(p[0], "r");
        char line[64];
        while (fgets(line, sizeof(line), f) && nacked < 20000) {
            line[strcspn(line, "\n")] = '\0';
            if (strlen(line) == APP_ID_SIZE - 1)
                memcpy(acked[nacked++], line, APP_ID_SIZE);
        }
        fclose(f);
    }
    struct store *st;
    CHECK_INT(store_open(dir, &keys, &st), 0);
    CHECK_INT(store_integrity_check(st), 0);
    long whole = whole_applications(st);
    CHECK(whole >= nacked);
    /* at most one committed but not yet reported per kill */
    CHECK(whole <= nacked + kills);
    for (int i = 0; i < nacked; i++) {
        struct application a;
        if (store_load(st, acked[i], &a) != 0) {
            test_fail_(__FILE__, __LINE__, "acknowledged application %d missing", i);
            break;
        }
        CHECK_STR(a.identity.full_name, "Nguyễn Văn An");
        CHECK_INT(a.status, APP_QUEUED);
        app_wipe(&a);
    }
    long rows, bad;
    CHECK_INT(store_audit_verify(st, &rows, &bad), 0);
    printf("# %d kills, %d acknowledged, %ld stored whole\n", kills, nacked, whole);
    CHECK(nacked > 0);
    store_close(st);
}

int main(void)
{
    if (seal_init() != 0 || faultvfs_install() != 0)
        return 1;
    RUN(disk_full_at_every_write_loses_nothing);
    RUN(io_error_at_every_write_loses_nothing);
    RUN(failed_fsync_is_reported_not_acknowledged);
    RUN(sigkill_during_queuing_loses_nothing);
    return test_done();
}
