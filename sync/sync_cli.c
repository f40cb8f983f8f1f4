/* sync_cli.c: `kiosk sync [--once]`, the sync in the foreground for scripts and tests.
 *
 * Opens the keys (<data_dir>/keys) and the store like the kiosk does, then runs one pass
 * (--once) or passes every sync_interval_seconds, backing off with jitter on failure, until
 * SIGTERM or SIGINT. One line per pass on stdout: counts and the error in words, never
 * personal data. Exit status: 0 when the last pass delivered everything due, 1 when it
 * stopped on an error, 2 on a usage or start-up error. */
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kiosk/timefmt.h"
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

static void usage(void)
{
    fprintf(stderr, "usage: kiosk sync [--once] [--quiet] [--stall-seconds N] "
                    "[--connect-timeout-ms N] [--backoff-base-ms N] [--chunk-bytes N] "
                    "[--max-send-rate B/s]\n");
}

static void print_status(int rc, const struct sync_status *s)
{
    char when[21] = "never";
    if (s->last_success_ms > 0)
        time_iso_utc(s->last_success_ms, when);
    printf("sync: %s, delivered %ld, pending %ld, online %s, last success %s%s%s\n",
           rc == 0 ? "ok" : sync_strerror(rc), s->delivered, s->pending, s->online ? "yes" : "no",
           when, s->last_error[0] ? ", last error: " : "", s->last_error);
    fflush(stdout);
}

int sync_cli(int argc, char **argv, const struct config *cfg)
{
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
        else {
            usage();
            return 2;
        }
    }
    if (seal_init() != 0)
        return 2;
    char keydir[CONFIG_PATH_SIZE + 8];
    snprintf(keydir, sizeof keydir, "%s/keys", cfg->data_dir);
    struct seal_keys keys;
    int rc = seal_keys_load(keydir, cfg->upstream_seal_key, &keys);
    if (rc != 0) {
        fprintf(stderr, "sync: keys: %s\n", seal_strerror(rc));
        return 2;
    }
    struct store *st = NULL;
    rc = store_open(cfg->data_dir, &keys, &st);
    seal_keys_wipe(&keys);
    if (rc != 0) {
        fprintf(stderr, "sync: store: %s\n", store_strerror(rc));
        return 2;
    }
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    if (!once)
        sigprocmask(SIG_BLOCK, &set, NULL);
    int fails = 0;
    struct sync_status s;
    for (;;) {
        rc = sync_once_opts(cfg, &o, st, &s);
        if (!quiet || once)
            print_status(rc, &s);
        if (once)
            break;
        long wait_ms = (cfg->sync_interval_seconds > 0 ? cfg->sync_interval_seconds : 30) * 1000L;
        if (s.delivered > 0)
            fails = 0; /* the link works, if not always: start backing off afresh */
        if (rc != 0 && rc != SYNC_ECONFLICT && rc != SYNC_EREFUSED) {
            long cap =
                (cfg->sync_backoff_max_seconds > 0 ? cfg->sync_backoff_max_seconds : 600) * 1000L;
            long d = o.backoff_base_ms > 0 ? o.backoff_base_ms : 1;
            for (int i = 0; i < fails && d < cap; i++)
                d *= 2;
            if (d > cap)
                d = cap;
            wait_ms = d / 2 + (d >= 2 ? (long)randombytes_uniform((uint32_t)(d / 2)) : 0);
            fails++;
        } else {
            fails = 0;
        }
        struct timespec ts = {wait_ms / 1000, (wait_ms % 1000) * 1000000L};
        if (sigtimedwait(&set, NULL, &ts) > 0)
            break;
    }
    store_close(st);
    return rc == 0 ? 0 : 1;
}
