/* cli_sync.c: `kiosk sync [--once]`, the sync in the foreground for scripts and tests.
 *
 * Opens the keys (<data_dir>/keys) like the kiosk does, then runs one pass (--once) in the
 * foreground, or the sync thread (sync_start: passes every sync_interval_seconds, backing
 * off with jitter on failure, one connection kept alive) until SIGTERM or SIGINT. One line per pass
 * on stdout: counts and the error in words, never personal data. Exit status as every
 * command's (cli.h): --once: 0 when the pass delivered everything due, 1 when it stopped on
 * an error; otherwise 0 once stopped by a signal; 1 when the keys, the store or the thread
 * cannot start; 2 on a usage error. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kiosk/cli/commands.h"
#include "kiosk/model/timefmt.h"
#include "sync/sync.h"

static int parse_long(const char *s, long *out)
{
    char *end = NULL;
    long v = s ? strtol(s, &end, 10) : 0;
    if (!s || !*s || *end || v < 0)
        return -1;
    *out = v;
    return 0;
}

/* Other options than --once (tests): --stall-seconds N, --connect-timeout-ms N,
 * --backoff-base-ms N, --chunk-bytes N, --max-send-rate BYTES_PER_S, --parallel N (uploads
 * in flight at once), --quiet. */
static void usage(void)
{
    fprintf(stderr, "usage: kiosk sync [--once] [--quiet] [--stall-seconds N] "
                    "[--connect-timeout-ms N] [--backoff-base-ms N] [--chunk-bytes N] "
                    "[--max-send-rate B/s] [--parallel N]\n"
                    "       kiosk sync --bundle DIR --keyring FILE   (kiosk bundle import)\n");
}

static void print_status(const char *what, const struct sync_status *s)
{
    char when[21] = "never";
    if (s->last_success_ms > 0)
        time_iso_utc(s->last_success_ms, when);
    printf("sync: %s, delivered %ld, pending %ld, online %s, last success %s%s%s\n", what,
           s->delivered, s->pending, s->online ? "yes" : "no", when,
           s->last_error[0] ? ", last error: " : "", s->last_error);
    fflush(stdout);
}

/* The sync thread's notify: one line per pass. */
static void on_pass(const struct sync_status *s, void *arg)
{
    (void)arg;
    print_status(s->last_error[0] ? "failed" : "ok", s);
}

int cli_sync(struct cli_ctx *c, int argc, char **argv)
{
    const struct config *cfg = &c->cfg;
    /* `kiosk sync --bundle DIR --keyring FILE` is `kiosk bundle import` (kiosk/field) */
    if (argc >= 3 && strcmp(argv[1], "--bundle") == 0) {
        char *args[16] = {"bundle", "import", argv[2]};
        int n = 3;
        for (int i = 3; i < argc && n < 15; i++)
            args[n++] = argv[i];
        args[n] = NULL;
        return cli_bundle(c, n, args);
    }
    struct sync_opts o;
    sync_opts_default(&o);
    int once = 0, quiet = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        long v = 0;
        if (strcmp(a, "--once") == 0) {
            once = 1;
            continue;
        }
        if (strcmp(a, "--quiet") == 0) {
            quiet = 1;
            continue;
        }
        if (i + 1 >= argc || parse_long(argv[i + 1], &v) != 0) {
            usage();
            return 2;
        }
        i++;
        if (strcmp(a, "--stall-seconds") == 0 && v > 0)
            o.stall_seconds = v;
        else if (strcmp(a, "--connect-timeout-ms") == 0 && v > 0)
            o.connect_timeout_ms = v;
        else if (strcmp(a, "--backoff-base-ms") == 0)
            o.backoff_base_ms = v;
        else if (strcmp(a, "--chunk-bytes") == 0 && v > 0)
            o.chunk_bytes = v;
        else if (strcmp(a, "--max-send-rate") == 0)
            o.max_send_rate = v;
        else if (strcmp(a, "--parallel") == 0 && v >= 1 && v <= SYNC_PARALLEL_MAX)
            o.parallel = (int)v;
        else {
            usage();
            return 2;
        }
    }
    if (cli_open_keys(c) != 0)
        return 1;
    if (!once) {
        /* the sync thread, as in the kiosk; signals blocked first so that it inherits that */
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGTERM);
        sigaddset(&set, SIGINT);
        pthread_sigmask(SIG_BLOCK, &set, NULL);
        struct sync *sy = sync_start_opts(cfg, &o, &c->keys, quiet ? NULL : on_pass, NULL);
        if (!sy)
            return cli_fail("sync: cannot start the sync thread");
        int sig = 0;
        sigwait(&set, &sig);
        sync_stop(sy);
        return 0;
    }
    if (cli_open_store(c) != 0)
        return 1;
    struct sync_status s;
    int rc = sync_once_opts(cfg, &o, c->st, &s);
    print_status(rc == 0 ? "ok" : sync_strerror(rc), &s);
    return rc == 0 ? 0 : 1;
}
