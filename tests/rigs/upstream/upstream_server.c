/* upstream_server.c: the reference upstream as a program, for `make demo` and manual runs.
 *
 *   upstream_server --pki DIR --db FILE [--port N] [--control-port N] [--key FILE]
 *                   [--pubkey-out FILE] [--rate BYTES_PER_S] [--latency-ms N] [--csca PATH]
 *                   [--admit-per-s N] [--shed-retry-s MIN-MAX]
 *
 * --key holds the X25519 secret key as 64 hex digits (created 0600 if missing) so that the
 * kiosk's upstream_seal_key (--pubkey-out, 64 hex digits) stays valid across restarts.
 * --csca (a PEM file or a directory of them) makes it re-verify every application's chip
 * claims against the chip evidence in the payload and reject, with a reason code, those the
 * evidence does not support (sync/PROTOCOL.md §2.4).
 * --admit-per-s sets the admission control's ceiling: requests over it are answered 503 with
 * a Retry-After drawn in --shed-retry-s (default 1-60 s; upstream.h admit_per_s).
 * Prints "upstream: https://127.0.0.1:PORT control http://127.0.0.1:CPORT" and serves until
 * SIGTERM/SIGINT. The control port (plain HTTP, loopback only) takes:
 *   POST /fault?kind=503&after=1&count=2   script faults for the next requests
 *   POST /random?p=0.2&seed=7              random faults; p=0 stops them
 *   POST /clear                            no more faults
 *   POST /decide?id=ID&status=rejected&code=PHOTO&reason=TEXT
 *   GET  /stats                            counters as JSON */
#include <fcntl.h>
#include <jansson.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests/rigs/upstream/upstream.h"

static enum MHD_Result reply(struct MHD_Connection *c, unsigned status, char *text)
{
    if (!text)
        return MHD_NO;
    struct MHD_Response *r =
        MHD_create_response_from_buffer(strlen(text), text, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(text);
        return MHD_NO;
    }
    MHD_add_response_header(r, "Content-Type", "application/json");
    enum MHD_Result ret = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return ret;
}

static const char *arg(struct MHD_Connection *c, const char *name)
{
    return MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, name);
}

static enum MHD_Result control(void *cls, struct MHD_Connection *c, const char *url,
                               const char *method, const char *version, const char *data,
                               size_t *size, void **state)
{
    (void)version;
    (void)data;
    struct upstream *u = cls;
    if (*state == NULL) { /* first call: headers only */
        *state = (void *)1;
        return MHD_YES;
    }
    *size = 0;
    if (strcmp(method, "GET") == 0 && strcmp(url, "/stats") == 0) {
        struct upstream_stats s;
        upstream_get_stats(u, &s);
        json_t *f = json_object();
        for (int i = 0; i < UPSTREAM_FAULT_COUNT; i++)
            json_object_set_new(f, upstream_fault_name((enum upstream_fault)i),
                                json_integer(s.faults[i]));
        json_t *j = json_pack("{s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:o}", "requests",
                              (int)s.requests, "received", (int)s.received, "replays",
                              (int)s.replays, "conflicts", (int)s.conflicts, "bad_payloads",
                              (int)s.bad_payloads, "forbidden", (int)s.forbidden, "held",
                              (int)upstream_count(u), "evidence_checked", (int)s.evidence_checked,
                              "evidence_rejected", (int)s.evidence_rejected, "faults", f);
        json_object_set_new(j, "payload_v2", json_integer(s.payload_v2));
        json_object_set_new(j, "shed", json_integer(s.shed));
        char *t = json_dumps(j, JSON_COMPACT);
        json_decref(j);
        return reply(c, 200, t);
    }
    if (strcmp(method, "POST") != 0)
        return reply(c, 405, strdup("{\"error\":\"method\"}"));
    if (strcmp(url, "/fault") == 0) {
        enum upstream_fault f;
        const char *k = arg(c, "kind"), *after = arg(c, "after"), *count = arg(c, "count");
        if (!k || upstream_fault_parse(k, &f) != 0)
            return reply(c, 400, strdup("{\"error\":\"kind\"}"));
        int n = count ? atoi(count) : 1;
        for (int i = 0; i < n; i++)
            upstream_fault_push(u, f, after && atoi(after));
        return reply(c, 200, strdup("{\"ok\":true}"));
    }
    if (strcmp(url, "/random") == 0) {
        const char *p = arg(c, "p"), *seed = arg(c, "seed");
        upstream_fault_random(u, p ? atof(p) : 0, seed ? strtoull(seed, NULL, 10) : 1);
        return reply(c, 200, strdup("{\"ok\":true}"));
    }
    if (strcmp(url, "/clear") == 0) {
        upstream_fault_clear(u);
        return reply(c, 200, strdup("{\"ok\":true}"));
    }
    if (strcmp(url, "/decide") == 0) {
        const char *id = arg(c, "id"), *st = arg(c, "status");
        if (!id || !st || upstream_decide(u, id, st, arg(c, "code"), arg(c, "reason")) != 0)
            return reply(c, 404, strdup("{\"error\":\"unknown or not received\"}"));
        return reply(c, 200, strdup("{\"ok\":true}"));
    }
    return reply(c, 404, strdup("{\"error\":\"not_found\"}"));
}

/* Reads or creates the 32-byte secret key as hex in path. */
static int load_key(const char *path, unsigned char sk[32])
{
    char hex[80] = "";
    FILE *f = fopen(path, "r");
    if (f) {
        size_t n = fread(hex, 1, sizeof hex - 1, f);
        fclose(f);
        hex[n] = '\0';
        size_t bin = 0;
        if (sodium_hex2bin(sk, 32, hex, n, " \r\n", &bin, NULL) == 0 && bin == 32)
            return 0;
        fprintf(stderr, "upstream: %s is not 64 hex digits\n", path);
        return -1;
    }
    unsigned char pk[32];
    crypto_box_keypair(pk, sk);
    sodium_bin2hex(hex, sizeof hex, sk, 32);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0 || write(fd, hex, 64) != 64 || write(fd, "\n", 1) != 1) {
        fprintf(stderr, "upstream: cannot write %s\n", path);
        if (fd >= 0)
            close(fd);
        return -1;
    }
    close(fd);
    sodium_memzero(hex, sizeof hex);
    return 0;
}

int main(int argc, char **argv)
{
    struct upstream_opts o = {0};
    const char *key = NULL, *pub_out = NULL;
    unsigned cport = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!v) {
            fprintf(stderr, "upstream: %s needs a value\n", a);
            return 2;
        }
        if (strcmp(a, "--pki") == 0)
            o.pki_dir = v;
        else if (strcmp(a, "--db") == 0)
            o.db_path = v;
        else if (strcmp(a, "--port") == 0)
            o.port = (unsigned)atoi(v);
        else if (strcmp(a, "--control-port") == 0)
            cport = (unsigned)atoi(v);
        else if (strcmp(a, "--key") == 0)
            key = v;
        else if (strcmp(a, "--pubkey-out") == 0)
            pub_out = v;
        else if (strcmp(a, "--rate") == 0)
            o.rate_bytes_per_s = atol(v);
        else if (strcmp(a, "--latency-ms") == 0)
            o.latency_ms = atoi(v);
        else if (strcmp(a, "--csca") == 0)
            o.csca = v;
        else if (strcmp(a, "--admit-per-s") == 0)
            o.admit_per_s = atoi(v);
        else if (strcmp(a, "--shed-retry-s") == 0 &&
                 sscanf(v, "%d-%d", &o.shed_retry_min_s, &o.shed_retry_max_s) == 2)
            ;
        else {
            fprintf(stderr, "upstream: unknown option %s\n", a);
            return 2;
        }
        i++;
    }
    if (!o.pki_dir || !o.db_path) {
        fprintf(stderr, "usage: upstream_server --pki DIR --db FILE [--port N] "
                        "[--control-port N] [--key FILE] [--pubkey-out FILE] [--rate B/s] "
                        "[--latency-ms N] [--csca PATH] [--admit-per-s N] "
                        "[--shed-retry-s MIN-MAX]\n");
        return 2;
    }
    if (sodium_init() < 0)
        return 1;
    unsigned char sk[32];
    if (key) {
        if (load_key(key, sk) != 0)
            return 1;
        o.seal_sk = sk;
    }
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, NULL); /* server threads inherit the mask */
    struct upstream *u = NULL;
    char err[256];
    if (upstream_start(&o, &u, err, sizeof err) != 0) {
        fprintf(stderr, "upstream: %s\n", err);
        return 1;
    }
    sodium_memzero(sk, sizeof sk);
    if (pub_out) {
        unsigned char pk[32];
        char hex[65];
        upstream_public_key(u, pk);
        sodium_bin2hex(hex, sizeof hex, pk, sizeof pk);
        FILE *f = fopen(pub_out, "w");
        if (!f || fprintf(f, "%s\n", hex) < 0 || fclose(f) != 0) {
            fprintf(stderr, "upstream: cannot write %s\n", pub_out);
            upstream_stop(u);
            return 1;
        }
    }
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)cport);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    struct MHD_Daemon *d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD, 0, NULL, NULL, control,
                                            u, MHD_OPTION_SOCK_ADDR, &sa, MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "upstream: cannot open the control port\n");
        upstream_stop(u);
        return 1;
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    char url[64];
    upstream_url(u, url, sizeof url);
    printf("upstream: %s control http://127.0.0.1:%u\n", url, di ? di->port : cport);
    fflush(stdout);
    int sig = 0;
    sigwait(&set, &sig);
    MHD_stop_daemon(d);
    upstream_stop(u);
    return 0;
}
