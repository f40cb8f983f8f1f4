/* test_sync_cases.c: runs every tests/sync/cases/NN_name.case against the reference upstream.
 *
 * One case = one file = one fresh kiosk data directory, PKI and upstream. A case is a list of
 * commands, one a line ('#' starts a comment):
 *   apps N [BYTES]              queue N applications (portrait of BYTES bytes, default 2000)
 *   opts KEY VALUE              sync option: stall (s), chunk (bytes), connect (ms),
 *                               retention (days, the config's retention_days), max
 *                               (applications per pass, -1 = status pull only), parallel
 *                               (uploads in flight; 1 unless a case says: the faults hit
 *                               "the next request", an order only one upload at a time has)
 *   fault KIND [after]          the upstream's next request gets this fault (upstream.h)
 *   random P SEED               random faults with probability P
 *   clear                       no more faults
 *   cert NAME                   the kiosk presents pki/NAME.pem/.key (e.g. rogue-client)
 *   server-cert NAME            restart the upstream with pki/NAME.pem/.key (rogue-server)
 *   conflict I                  someone else registers application I's id with another digest
 *   decide I STATUS [CODE [REASON...]]  the upstream decides on application I (1-based)
 *   pass RESULT                 one sync_once pass; RESULT: ok offline server tls auth
 *                               conflict refused (the sync_err it must return)
 *   expect WHAT ...             held N | pending N | status I NAME | count NAME N |
 *                               notices KIND N | online 0|1 | error TEXT (substring of
 *                               last_error) | no-error | stat NAME N (upstream counter:
 *                               received replays conflicts forbidden bad_payloads) |
 *                               no-resend (bytes accepted == bytes held) | reason I TEXT |
 *                               listed I STATUS [TEXT | purged 0|1] (the queue listing,
 *                               store_list)
 * A failed expectation names the file and line. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/store/store.h"
#include "kiosk/model/timefmt.h"
#include "sync/sync.h"
#include "sync/sync_http.h"
#include "tests/rigs/upstream/upstream_fixture.h"
#include "tests/test.h"

#define CASE_DIR "tests/sync/cases"
#define MAX_APPS 64

struct run {
    struct upstream_fixture f;
    struct store *st;
    struct sync_opts o;
    struct sync_status last;
    char ids[MAX_APPS][APP_ID_SIZE];
    int n_apps;
    char where[600];
};

static const struct {
    const char *name;
    int code;
} results[] = {
    {"ok", SYNC_OK},
    {"offline", SYNC_EOFFLINE},
    {"server", SYNC_ESERVER},
    {"tls", SYNC_ETLS},
    {"auth", SYNC_EAUTH},
    {"conflict", SYNC_ECONFLICT},
    {"refused", SYNC_EREFUSED},
};

static int result_code(const char *name, int *out)
{
    for (size_t i = 0; i < sizeof results / sizeof results[0]; i++)
        if (strcmp(results[i].name, name) == 0) {
            *out = results[i].code;
            return 0;
        }
    return -1;
}

static int notice_count(struct store *st, const char *kind)
{
    struct store_notice n[64];
    int c = store_notices(st, n, 64), k = 0;
    for (int i = 0; i < c; i++)
        if (strcmp(n[i].kind, kind) == 0)
            k++;
    return k;
}

/* POSTs application i's id with a made-up digest, as a second kiosk gone wrong would. */
static int register_conflict(struct run *r, int i)
{
    struct sync_http *h = NULL;
    if (sync_http_open(&r->f.cfg, &r->o, &h) != 0)
        return -1;
    char body[512];
    snprintf(body, sizeof body,
             "{\"id\":\"%s\",\"envelope\":{},\"payload_sha256\":\"%064d\",\"payload_length\":10}",
             r->ids[i], 0);
    struct sync_http_req req = {.method = "POST",
                                .path = "/v1/applications",
                                .idempotency = r->ids[i],
                                .upload_offset = -1,
                                .content_type = "application/json",
                                .body = body,
                                .body_len = strlen(body)};
    long status = 0;
    const char *reply;
    size_t len;
    int rc = sync_http_send(h, &req, &status, &reply, &len);
    sync_http_close(h);
    return rc == 0 && status == 201 ? 0 : -1;
}

static enum app_status local_status(struct store *st, const char *id)
{
    struct application app;
    if (store_load(st, id, &app) != 0)
        return APP_STATUS_COUNT;
    enum app_status s = app.status;
    app_wipe(&app);
    return s;
}

struct listed {
    const char *id;
    int found;
    enum app_status status;
    char reason[256];
    int purged;
};

static int find_row(const struct store_row *row, void *arg)
{
    struct listed *l = arg;
    if (strcmp(row->id, l->id) != 0)
        return 0;
    l->found = 1;
    l->status = row->status;
    l->purged = row->purged;
    snprintf(l->reason, sizeof l->reason, "%s", row->reason);
    return 1;
}

/* Runs one command line. 0, or -1 after reporting the failure. */
static int command(struct run *r, char *line)
{
    char *argv[16];
    int argc = 0;
    char *save = NULL;
    for (char *t = strtok_r(line, " \t", &save); t && argc < 16; t = strtok_r(NULL, " \t", &save))
        argv[argc++] = t;
    if (argc == 0)
        return 0;
    const char *cmd = argv[0];
#define FAIL(...)                                                                                  \
    do {                                                                                           \
        test_fail_(r->where, 0, __VA_ARGS__);                                                      \
        return -1;                                                                                 \
    } while (0)
#define NEED(n)                                                                                    \
    do {                                                                                           \
        if (argc < (n))                                                                            \
            FAIL("%s: missing arguments", cmd);                                                    \
    } while (0)
    if (strcmp(cmd, "apps") == 0) {
        NEED(2);
        int n = atoi(argv[1]);
        size_t bytes = argc > 2 ? (size_t)atol(argv[2]) : 2000;
        for (int i = 0; i < n; i++) {
            if (r->n_apps == MAX_APPS)
                FAIL("too many applications");
            struct application app;
            int64_t now = time_now_ms();
            if (upstream_fixture_app(&app, r->n_apps, bytes, now) != 0)
                FAIL("cannot build application");
            int rc = store_queue(r->st, &app, now);
            snprintf(r->ids[r->n_apps++], APP_ID_SIZE, "%s", app.id);
            app_wipe(&app);
            if (rc != 0)
                FAIL("store_queue: %s", store_strerror(rc));
        }
    } else if (strcmp(cmd, "opts") == 0) {
        NEED(3);
        long v = atol(argv[2]);
        if (strcmp(argv[1], "stall") == 0)
            r->o.stall_seconds = v;
        else if (strcmp(argv[1], "chunk") == 0)
            r->o.chunk_bytes = v;
        else if (strcmp(argv[1], "connect") == 0)
            r->o.connect_timeout_ms = v;
        else if (strcmp(argv[1], "max") == 0)
            r->o.max_items = (int)v;
        else if (strcmp(argv[1], "parallel") == 0)
            r->o.parallel = (int)v;
        else if (strcmp(argv[1], "retention") == 0)
            r->f.cfg.retention_days = (int)v;
        else
            FAIL("unknown option %s", argv[1]);
    } else if (strcmp(cmd, "fault") == 0) {
        NEED(2);
        enum upstream_fault f;
        if (upstream_fault_parse(argv[1], &f) != 0)
            FAIL("unknown fault %s", argv[1]);
        upstream_fault_push(r->f.up, f, argc > 2 && strcmp(argv[2], "after") == 0);
    } else if (strcmp(cmd, "random") == 0) {
        NEED(3);
        upstream_fault_random(r->f.up, atof(argv[1]), strtoull(argv[2], NULL, 10));
    } else if (strcmp(cmd, "clear") == 0) {
        upstream_fault_clear(r->f.up);
    } else if (strcmp(cmd, "cert") == 0) {
        NEED(2);
        snprintf(r->f.cfg.client_cert, sizeof r->f.cfg.client_cert, "%s/%s.pem", r->f.pki, argv[1]);
        snprintf(r->f.cfg.client_key, sizeof r->f.cfg.client_key, "%s/%s.key", r->f.pki, argv[1]);
    } else if (strcmp(cmd, "server-cert") == 0) {
        NEED(2);
        struct upstream_opts o = r->f.opts;
        o.cert_name = strcmp(argv[1], "server") == 0 ? NULL : argv[1];
        if (upstream_fixture_restart(&r->f, &o) != 0)
            FAIL("cannot restart the upstream");
    } else if (strcmp(cmd, "conflict") == 0) {
        NEED(2);
        int i = atoi(argv[1]) - 1;
        if (i < 0 || i >= r->n_apps || register_conflict(r, i) != 0)
            FAIL("cannot register a conflicting application %s", argv[1]);
    } else if (strcmp(cmd, "decide") == 0) {
        NEED(3);
        int i = atoi(argv[1]) - 1;
        char reason[256] = "";
        for (int k = 4; k < argc; k++)
            snprintf(reason + strlen(reason), sizeof reason - strlen(reason), "%s%s",
                     k > 4 ? " " : "", argv[k]);
        if (i < 0 || i >= r->n_apps ||
            upstream_decide(r->f.up, r->ids[i], argv[2], argc > 3 ? argv[3] : NULL,
                            argc > 4 ? reason : NULL) != 0)
            FAIL("upstream cannot decide on %s", argv[1]);
    } else if (strcmp(cmd, "pass") == 0) {
        NEED(2);
        int want;
        if (result_code(argv[1], &want) != 0)
            FAIL("unknown result %s", argv[1]);
        int rc = sync_once_opts(&r->f.cfg, &r->o, r->st, &r->last);
        if (rc != want)
            FAIL("pass returned %d (%s), expected %s; last error \"%s\"", rc, sync_strerror(rc),
                 argv[1], r->last.last_error);
    } else if (strcmp(cmd, "expect") == 0) {
        NEED(2);
        const char *what = argv[1];
        if (strcmp(what, "held") == 0) {
            NEED(3);
            long n = upstream_count(r->f.up);
            if (n != atol(argv[2]))
                FAIL("upstream holds %ld, expected %s", n, argv[2]);
        } else if (strcmp(what, "pending") == 0) {
            NEED(3);
            long n = -1;
            store_outbox_pending(r->st, &n);
            if (n != atol(argv[2]))
                FAIL("pending %ld, expected %s", n, argv[2]);
        } else if (strcmp(what, "status") == 0) {
            NEED(4);
            int i = atoi(argv[2]) - 1;
            if (i < 0 || i >= r->n_apps)
                FAIL("no application %s", argv[2]);
            enum app_status s = local_status(r->st, r->ids[i]);
            if (s >= APP_STATUS_COUNT || strcmp(app_status_name(s), argv[3]) != 0)
                FAIL("application %d is %s, expected %s", i + 1,
                     s < APP_STATUS_COUNT ? app_status_name(s) : "(unreadable)", argv[3]);
        } else if (strcmp(what, "reason") == 0) {
            NEED(4);
            int i = atoi(argv[2]) - 1;
            struct application app;
            if (i < 0 || i >= r->n_apps || store_load(r->st, r->ids[i], &app) != 0)
                FAIL("no application %s", argv[2]);
            int ok = strstr(app.status_reason, argv[3]) != NULL;
            char got[256];
            snprintf(got, sizeof got, "%s", app.status_reason);
            app_wipe(&app);
            if (!ok)
                FAIL("reason \"%s\" lacks \"%s\"", got, argv[3]);
        } else if (strcmp(what, "listed") == 0) {
            NEED(4);
            int i = atoi(argv[2]) - 1;
            if (i < 0 || i >= r->n_apps)
                FAIL("no application %s", argv[2]);
            struct listed want = {.id = r->ids[i]};
            struct store_query q = {.status = -1};
            if (store_list(r->st, &q, find_row, &want) != 0 || !want.found)
                FAIL("application %d is not in the queue listing", i + 1);
            if (strcmp(app_status_name(want.status), argv[3]) != 0)
                FAIL("the listing shows %s, expected %s", app_status_name(want.status), argv[3]);
            if (argc > 5 && strcmp(argv[4], "purged") == 0 && want.purged != atoi(argv[5]))
                FAIL("the listing shows purged=%d, expected %s", want.purged, argv[5]);
            else if (argc > 4 && strcmp(argv[4], "purged") != 0 && !strstr(want.reason, argv[4]))
                FAIL("the listing's reason \"%s\" lacks \"%s\"", want.reason, argv[4]);
        } else if (strcmp(what, "count") == 0) {
            NEED(4);
            enum app_status s;
            long counts[APP_STATUS_COUNT];
            if (app_status_parse(argv[2], &s) != 0)
                FAIL("unknown status %s", argv[2]);
            if (store_count_by_status(r->st, NULL, counts) != 0)
                FAIL("store_count_by_status failed");
            if (counts[s] != atol(argv[3]))
                FAIL("%ld %s, expected %s", counts[s], argv[2], argv[3]);
        } else if (strcmp(what, "notices") == 0) {
            NEED(4);
            int n = notice_count(r->st, argv[2]);
            if (n != atoi(argv[3]))
                FAIL("%d %s notices, expected %s", n, argv[2], argv[3]);
        } else if (strcmp(what, "online") == 0) {
            NEED(3);
            if (r->last.online != atoi(argv[2]))
                FAIL("online %d, expected %s", r->last.online, argv[2]);
        } else if (strcmp(what, "error") == 0) {
            NEED(3);
            char want[160] = "";
            for (int k = 2; k < argc; k++)
                snprintf(want + strlen(want), sizeof want - strlen(want), "%s%s", k > 2 ? " " : "",
                         argv[k]);
            if (!strstr(r->last.last_error, want))
                FAIL("last error \"%s\" lacks \"%s\"", r->last.last_error, want);
        } else if (strcmp(what, "no-error") == 0) {
            if (r->last.last_error[0])
                FAIL("last error \"%s\"", r->last.last_error);
        } else if (strcmp(what, "stat") == 0) {
            NEED(4);
            struct upstream_stats s;
            upstream_get_stats(r->f.up, &s);
            long v = -1;
            if (strcmp(argv[2], "received") == 0)
                v = s.received;
            else if (strcmp(argv[2], "replays") == 0)
                v = s.replays;
            else if (strcmp(argv[2], "conflicts") == 0)
                v = s.conflicts;
            else if (strcmp(argv[2], "forbidden") == 0)
                v = s.forbidden;
            else if (strcmp(argv[2], "bad_payloads") == 0)
                v = s.bad_payloads;
            else
                FAIL("unknown counter %s", argv[2]);
            if (v != atol(argv[3]))
                FAIL("upstream %s = %ld, expected %s", argv[2], v, argv[3]);
        } else if (strcmp(what, "no-resend") == 0) {
            struct upstream_stats s;
            upstream_get_stats(r->f.up, &s);
            if (s.bytes_in != s.bytes_held)
                FAIL("upstream accepted %ld bytes for %ld held", s.bytes_in, s.bytes_held);
        } else {
            FAIL("unknown expectation %s", what);
        }
    } else {
        FAIL("unknown command %s", cmd);
    }
    return 0;
#undef NEED
#undef FAIL
}

static char case_path[512];

static void run_case(void)
{
    FILE *fp = fopen(case_path, "r");
    CHECK(fp != NULL);
    struct run *r = calloc(1, sizeof *r);
    CHECK(r != NULL);
    sync_opts_default(&r->o);
    r->o.stall_seconds = 1;
    r->o.connect_timeout_ms = 2000;
    r->o.backoff_base_ms = 10;
    r->o.parallel = 1;
    r->o.link_retries = 0; /* a case's cut is the pass's end, as it says */
    struct upstream_opts uo = {.stall_ms = 1500, .slow_ms = 200};
    int ok = upstream_fixture_setup(&r->f, &uo) == 0 &&
             store_open(r->f.cfg.data_dir, &r->f.keys, &r->st) == 0;
    char line[512];
    int lineno = 0;
    while (ok && fgets(line, sizeof line, fp)) {
        lineno++;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        line[strcspn(line, "\r\n")] = '\0';
        snprintf(r->where, sizeof r->where, "%s:%d", case_path, lineno);
        if (command(r, line) != 0)
            ok = 0;
    }
    fclose(fp);
    if (r->st)
        store_close(r->st);
    upstream_fixture_teardown(&r->f);
    free(r);
    if (!ok && !test_case_failed_)
        test_fail_(case_path, 0, "setup failed");
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static int is_case(const struct dirent *d)
{
    size_t n = strlen(d->d_name);
    return n > 5 && strcmp(d->d_name + n - 5, ".case") == 0;
}

int main(void)
{
    struct dirent **list = NULL;
    int n = scandir(CASE_DIR, &list, is_case, by_name);
    if (n <= 0) {
        printf("FAIL - no cases in %s (run from the repository root)\n", CASE_DIR);
        printf("# passed 0 failed 1\n");
        return 1;
    }
    for (int i = 0; i < n; i++) {
        snprintf(case_path, sizeof case_path, "%s/%s", CASE_DIR, list[i]->d_name);
        test_run_(list[i]->d_name, run_case);
        free(list[i]);
    }
    free(list);
    return test_done();
}
