/* test_disk.c: a disk filled to the margin (kiosk/store/store_room.h, policy row disk.full).
 *
 * The data directory is a small tmpfs (8 MiB, mounted here: the tests run as root) filled up
 * to leave a few applications of room. Applications are queued while store_room() says one
 * more fits; every one of them queues, and then the runner refuses to start an enrolment
 * (disk.full, its words, audited) before any write has failed. Queuing on regardless until
 * the disk refuses a write shows the disk is real, and every application queued before is
 * still whole (a full disk never costs a queued application). Where tmpfs cannot be mounted
 * (not root), the same runs on a disk faked through the free-space probe. */
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kiosk/model/timefmt.h"
#include "kiosk/messages/messages.h"
#include "kiosk/store/store_internal.h"
#include "kiosk/store/store_room.h"
#include "kiosk/workflow/runner.h"
#include "tests/rigs/harness/app_fixture.h"
#include "tests/test.h"

#define DISK_BYTES (8LL << 20)

static char data[256];
static int mounted;

/* Without a mount: the disk is DISK_BYTES, less what the files under data take. */
static int fake_free(const char *dir, int64_t *free_bytes)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "du -sb '%s' 2>/dev/null", dir);
    FILE *p = popen(cmd, "r");
    long long used = 0;
    if (!p || fscanf(p, "%lld", &used) != 1) {
        if (p)
            pclose(p);
        return -1;
    }
    pclose(p);
    *free_bytes = DISK_BYTES - used;
    return 0;
}

static int (*probe)(const char *, int64_t *);

static int notes;
static char last_vi[400];
static void on_note(const struct runner_note *n, void *arg)
{
    (void)arg;
    notes++;
    snprintf(last_vi, sizeof last_vi, "%s", msg_text(n->msg, LANG_VI));
}

static int queue_one(struct store *st, int i)
{
    struct application app;
    char pid[13];
    snprintf(pid, sizeof pid, "0010990%05d", i);
    fixture_app_sized(&app, pid, "Nguyễn Văn An", time_now_ms(), 100 * 1024);
    int rc = store_queue(st, &app, time_now_ms());
    app_wipe(&app);
    return rc;
}

TEST(refused_before_a_write_fails)
{
    char keydir[300], filler[300];
    snprintf(data, sizeof data, "%s/data", test_tmpdir());
    CHECK_INT(mkdir(data, 0700), 0);
    char opts[32];
    snprintf(opts, sizeof opts, "size=%lld", DISK_BYTES);
    mounted = mount("tmpfs", data, "tmpfs", 0, opts) == 0;
    probe = mounted ? NULL : fake_free;
    printf("# data directory on %s\n", mounted ? "an 8 MiB tmpfs" : "a faked 8 MiB disk");

    struct seal_keys keys;
    struct store *st = NULL;
    snprintf(keydir, sizeof keydir, "%s/keys", data);
    CHECK_INT(seal_keys_load(keydir, NULL, &keys), 0);
    fixture_upstream_key(&keys, NULL);
    CHECK_INT(store_open(data, &keys, &st), 0);
    struct config cfg;
    config_defaults(&cfg);
    snprintf(cfg.data_dir, sizeof cfg.data_dir, "%s", data);
    cfg.disk_margin_mb = 1;
    int64_t margin = (int64_t)cfg.disk_margin_mb << 20;

    /* leave about 3 MiB beside the store */
    struct store_room room;
    CHECK_INT(store_room(st, data, margin, probe, &room), 0);
    snprintf(filler, sizeof filler, "%s/filler", data);
    int fd = open(filler, O_WRONLY | O_CREAT | O_EXCL, 0600);
    CHECK(fd >= 0);
    static char block[64 * 1024];
    memset(block, 0x33, sizeof block);
    for (int64_t left = room.free_bytes - (3LL << 20); left > 0; left -= (int64_t)sizeof block)
        CHECK(write(fd, block, sizeof block) == (ssize_t)sizeof block);
    close(fd);

    /* queue while one more fits: every queuing succeeds */
    int queued = 0;
    for (;;) {
        CHECK_INT(store_room(st, data, margin, probe, &room), 0);
        if (room.fits < 1)
            break;
        CHECK_INT(queue_one(st, queued), 0);
        queued++;
        CHECK(queued < 100);
    }
    printf("# %d queued; then free %lld KB, %lld KB each\n", queued,
           (long long)(room.free_bytes >> 10), (long long)(room.per_app_bytes >> 10));
    CHECK(queued >= 2);

    /* the runner refuses to start one more, with the words, audited */
    struct runner *r = runner_new(&cfg, st, NULL, NULL, on_note, NULL);
    CHECK(r != NULL);
    runner_set_disk_probe(r, probe);
    runner_set_officer(r, "cb01");
    struct wf_event ev = {.type = WF_EV_START, .now_ms = time_now_ms()};
    runner_event(r, &ev);
    CHECK_INT(wf_state(runner_wf(r)), WF_IDLE);
    CHECK(strstr(last_vi, "Ổ đĩa của máy đã đầy") != NULL);
    sqlite3_stmt *s;
    long refused = 0;
    CHECK_INT(store_prepare(st,
                            "SELECT count(*) FROM audit WHERE action = 'enrol.refused' AND "
                            "detail LIKE 'disk.full:%'",
                            &s),
              0);
    if (sqlite3_step(s) == SQLITE_ROW)
        refused = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    CHECK_INT(refused, 1);
    runner_free(r);

    /* the disk is real: queuing on regardless, a write fails at last */
    int extra = 0, rc = 0;
    if (mounted) {
        while ((rc = queue_one(st, queued + extra)) == 0 && extra < 100)
            extra++;
        CHECK(rc != 0);
        printf("# %d more queued past the refusal, then: %s\n", extra, store_strerror(rc));
    }
    store_close(st);

    /* and nothing queued before is lost: reopened, each one loads */
    CHECK_INT(unlink(filler), 0); /* room to open the store again */
    CHECK_INT(store_open(data, &keys, &st), 0);
    long pending = 0;
    CHECK_INT(store_outbox_pending(st, &pending), 0);
    CHECK_INT(pending, queued + extra);
    char *ids = NULL;
    long n = 0, broken = 0, rows = 0, bad = 0;
    CHECK_INT(store_prepare(st, "SELECT id FROM applications", &s), 0);
    while (sqlite3_step(s) == SQLITE_ROW) {
        struct application app;
        if (store_load(st, (const char *)sqlite3_column_text(s, 0), &app) != 0)
            broken++;
        app_wipe(&app);
        n++;
    }
    sqlite3_finalize(s);
    free(ids);
    CHECK_INT(n, queued + extra);
    CHECK_INT(broken, 0);
    CHECK_INT(store_audit_verify(st, &rows, &bad), 0);
    store_close(st);
    seal_keys_wipe(&keys);
    if (mounted)
        CHECK_INT(umount2(data, MNT_DETACH), 0);
}

int main(void)
{
    if (seal_init() != 0)
        return 1;
    RUN(refused_before_a_write_fails);
    if (mounted)
        umount2(data, MNT_DETACH); /* after a failed check too */
    return test_done();
}
