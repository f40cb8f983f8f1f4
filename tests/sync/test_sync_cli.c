/* test_sync_cli.c: `kiosk sync --once` as scripts use it (through sync_tool, which runs
 * cli_sync() as kiosk/cli/main.c does), and the one-pass-per-data-directory lock.
 *
 * - a pass that delivers everything exits 0 and prints counts, no personal data;
 * - with the upstream gone it exits 1 and says, in words, that it cannot reach it;
 * - while another pass holds <data_dir>/sync.lock, sync_once() returns SYNC_EBUSY and sends
 *   nothing (never two uploads of one application at once);
 * - a kiosk SIGKILLed in the middle of a large upload resumes, once restarted, at the byte
 *   the server confirms: the bytes that arrived before the kill are kept and none is
 *   accepted twice. */
#include <fcntl.h>
#include <signal.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kiosk/store/store.h"
#include "kiosk/model/timefmt.h"
#include "sync/sync.h"
#include "tests/rigs/upstream/upstream_fixture.h"
#include "tests/test.h"

static char tool[512];

/* Runs sync_tool CONF sync --once; its exit status, its output in out. */
static int run_once(const char *conf, char *out, size_t size)
{
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "'%s' '%s' sync --once --stall-seconds 2 --connect-timeout-ms 2000",
             tool, conf);
    FILE *p = popen(cmd, "r");
    if (!p)
        return -1;
    size_t n = fread(out, 1, size - 1, p);
    out[n] = '\0';
    int st = pclose(p);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

TEST(cli_once_and_lock)
{
    struct upstream_fixture f;
    CHECK(upstream_fixture_setup(&f, NULL) == 0);
    char conf[300], out[2048];
    snprintf(conf, sizeof conf, "%s/kiosk.conf", f.dir);
    CHECK(upstream_fixture_write_config(&f, conf) == 0);
    struct store *st = NULL;
    CHECK_INT(store_open(f.cfg.data_dir, &f.keys, &st), 0);
    CHECK_INT(upstream_fixture_queue(st, 1, 300), 0);
    CHECK_INT(upstream_fixture_queue(st, 2, 300), 0);

    CHECK_INT(run_once(conf, out, sizeof out), 0);
    CHECK(strstr(out, "sync: ok, delivered 2, pending 0, online yes") != NULL);
    CHECK(strstr(out, "Nguy") == NULL); /* no personal data in the output */
    CHECK_INT(upstream_count(f.up), 2);

    /* another pass holds the directory: this one sends nothing */
    char lock[CONFIG_PATH_SIZE + 16];
    snprintf(lock, sizeof lock, "%s/sync.lock", f.cfg.data_dir);
    int fd = open(lock, O_RDWR | O_CREAT, 0600);
    CHECK(fd >= 0);
    CHECK_INT(flock(fd, LOCK_EX), 0);
    CHECK_INT(upstream_fixture_queue(st, 3, 300), 0);
    struct sync_status s;
    CHECK_INT(sync_once(&f.cfg, st, &s), SYNC_EBUSY);
    CHECK(strstr(s.last_error, "another sync is running") != NULL);
    CHECK_INT(upstream_count(f.up), 2);
    close(fd);
    CHECK_INT(sync_once(&f.cfg, st, &s), 0);
    CHECK_INT(upstream_count(f.up), 3);

    /* the upstream goes away: exit 1, the reason in words, the application kept */
    upstream_stop(f.up);
    f.up = NULL;
    CHECK_INT(upstream_fixture_queue(st, 4, 300), 0);
    CHECK_INT(run_once(conf, out, sizeof out), 1);
    CHECK(strstr(out, "cannot reach the upstream") != NULL);
    CHECK(strstr(out, "pending 1, online no") != NULL);
    long pending = -1;
    CHECK_INT(store_outbox_pending(st, &pending), 0);
    CHECK_INT(pending, 1);
    store_close(st);
    upstream_fixture_teardown(&f);
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

TEST(killed_mid_upload_resumes)
{
    struct upstream_fixture f;
    CHECK(upstream_fixture_setup(&f, NULL) == 0);
    char conf[300], out[2048];
    snprintf(conf, sizeof conf, "%s/kiosk.conf", f.dir);
    CHECK(upstream_fixture_write_config(&f, conf) == 0);
    struct store *st = NULL;
    CHECK_INT(store_open(f.cfg.data_dir, &f.keys, &st), 0);
    struct application app;
    int64_t now = time_now_ms();
    CHECK(upstream_fixture_app(&app, 7, 1500 * 1000, now) == 0);
    CHECK_INT(store_queue(st, &app, now), 0);
    app_wipe(&app);

    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        /* the kiosk's own send rate: it is really mid-send when killed (2 MB: ~5 s) */
        execl(tool, tool, conf, "sync", "--quiet", "--max-send-rate", "400000", (char *)NULL);
        _exit(127);
    }
    CHECK(pid > 0);
    /* the first 1 MiB chunk confirmed, then well into the second one */
    struct upstream_stats s;
    int64_t t0 = time_mono_ms();
    do {
        sleep_ms(50);
        upstream_get_stats(f.up, &s);
    } while (s.bytes_in < 1024 * 1024 && time_mono_ms() - t0 < 20000);
    sleep_ms(700);
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    CHECK(s.bytes_in >= 1024 * 1024);
    long before = s.bytes_in;
    for (int i = 0; i < 250 && s.bytes_in == before; i++) { /* until it sees the line drop */
        sleep_ms(20);
        upstream_get_stats(f.up, &s);
    }
    printf("# killed with %ld bytes confirmed by the server\n", s.bytes_in);
    CHECK(s.bytes_in > before); /* the part of the cut chunk is kept */
    CHECK_INT(upstream_count(f.up), 0);

    CHECK_INT(run_once(conf, out, sizeof out), 0);
    CHECK(strstr(out, "delivered 1, pending 0") != NULL);
    CHECK_INT(upstream_count(f.up), 1);
    upstream_get_stats(f.up, &s);
    printf("# %ld bytes accepted for %ld held\n", s.bytes_in, s.bytes_held);
    CHECK_INT(s.bytes_in, s.bytes_held);
    store_close(st);
    upstream_fixture_teardown(&f);
}

int main(int argc, char **argv)
{
    (void)argc;
    upstream_fixture_sibling(argv[0], "sync_tool", tool, sizeof tool);
    RUN(cli_once_and_lock);
    RUN(killed_mid_upload_resumes);
    return test_done();
}
