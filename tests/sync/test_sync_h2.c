/* test_sync_h2.c: the client over HTTP/2, through nginx as the upstream's TLS front.
 *
 * libmicrohttpd has no HTTP/2, so here nginx (Debian package, own prefix, no service)
 * terminates TLS with HTTP/2 and client-certificate checking against the test CA, and
 * passes requests to the reference upstream on plain loopback HTTP with the verified
 * identity in headers (upstream_opts.behind_proxy). Checked: every request arrived as
 * HTTP/2.0, one kept-alive connection per pass, small and large (PATCH) applications are
 * delivered, the status comes back. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kiosk/store/store.h"
#include "kiosk/model/timefmt.h"
#include "sync/sync.h"
#include "tests/rigs/upstream/upstream_fixture.h"
#include "tests/test.h"

#define NGINX "/usr/sbin/nginx"

static unsigned free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof sa;
    unsigned port = 0;
    if (fd >= 0 && bind(fd, (struct sockaddr *)&sa, sizeof sa) == 0 &&
        getsockname(fd, (struct sockaddr *)&sa, &len) == 0)
        port = ntohs(sa.sin_port);
    if (fd >= 0)
        close(fd);
    return port;
}

static int port_open(unsigned port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa = {.sin_family = AF_INET,
                             .sin_port = htons((uint16_t)port),
                             .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    int ok = fd >= 0 && connect(fd, (struct sockaddr *)&sa, sizeof sa) == 0;
    if (fd >= 0)
        close(fd);
    return ok;
}

static int write_conf(const char *dir, const char *pki, unsigned port, unsigned up_port)
{
    char path[400];
    snprintf(path, sizeof path, "%s/nginx.conf", dir);
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fprintf(f,
            "daemon off;\nmaster_process off;\nworker_processes 1;\n"
            "error_log %s/error.log warn;\npid %s/nginx.pid;\n"
            "events { worker_connections 64; }\n"
            "http {\n  access_log off;\n"
            "  client_body_temp_path %s/body;\n  proxy_temp_path %s/proxy;\n"
            "  fastcgi_temp_path %s/fcgi;\n  uwsgi_temp_path %s/uwsgi;\n"
            "  scgi_temp_path %s/scgi;\n"
            "  server {\n    listen 127.0.0.1:%u ssl http2;\n"
            "    ssl_certificate %s/server.pem;\n    ssl_certificate_key %s/server.key;\n"
            "    ssl_client_certificate %s/ca.pem;\n    ssl_verify_client on;\n"
            "    client_max_body_size 64m;\n"
            "    location / {\n      proxy_pass http://127.0.0.1:%u;\n"
            "      proxy_http_version 1.1;\n      proxy_set_header Connection \"\";\n"
            "      proxy_request_buffering off;\n"
            "      proxy_set_header X-Client-Verify $ssl_client_verify;\n"
            "      proxy_set_header X-Client-DN $ssl_client_s_dn;\n"
            "      proxy_set_header X-Client-Proto $server_protocol;\n"
            "      proxy_set_header X-Client-Conn $connection;\n    }\n  }\n}\n",
            dir, dir, dir, dir, dir, dir, dir, port, pki, pki, pki, up_port);
    return fclose(f) == 0 ? 0 : -1;
}

TEST(deliver_over_http2)
{
    struct upstream_fixture f;
    struct upstream_opts uo = {.behind_proxy = 1};
    CHECK(upstream_fixture_setup(&f, &uo) == 0);
    char dir[300], conf[320];
    snprintf(dir, sizeof dir, "%s/nginx", f.dir);
    CHECK(mkdir(dir, 0700) == 0);
    unsigned port = free_port();
    CHECK(port > 0);
    CHECK(write_conf(dir, f.pki, port, upstream_port(f.up)) == 0);
    snprintf(conf, sizeof conf, "%s/nginx.conf", dir);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        execl(NGINX, NGINX, "-p", dir, "-e", "stderr", "-c", conf, (char *)NULL);
        _exit(127);
    }
    CHECK(pid > 0);
    int up = 0;
    for (int i = 0; i < 250 && !up; i++) {
        struct timespec ts = {0, 20 * 1000000L};
        nanosleep(&ts, NULL);
        up = port_open(port);
    }
    snprintf(f.cfg.upstream_url, sizeof f.cfg.upstream_url, "https://127.0.0.1:%u", port);

    struct store *st = NULL;
    int ok = up && store_open(f.cfg.data_dir, &f.keys, &st) == 0;
    char first[APP_ID_SIZE] = "";
    for (int i = 0; ok && i < 12; i++) {
        struct application app;
        int64_t now = time_now_ms();
        /* two of them over inline_max: POST, then PATCH */
        ok = upstream_fixture_app(&app, i, i % 6 == 5 ? 300000 : 2000, now) == 0 &&
             store_queue(st, &app, now) == 0;
        if (i == 0)
            snprintf(first, sizeof first, "%s", app.id);
        app_wipe(&app);
    }
    struct sync_status s;
    int rc = ok ? sync_once(&f.cfg, st, &s) : -100;
    int decided = rc == 0 && upstream_decide(f.up, first, "rejected", "PHOTO", "Ảnh mờ") == 0;
    int rc2 = decided ? sync_once(&f.cfg, st, &s) : -100;
    struct store_notice notes[4];
    int n_notes = st ? store_notices(st, notes, 4) : -1;
    struct upstream_stats us;
    upstream_get_stats(f.up, &us);
    long held = upstream_count(f.up);
    kill(pid, SIGTERM);
    waitpid(pid, NULL, 0);
    if (st)
        store_close(st);
    upstream_fixture_teardown(&f);

    printf("# %ld requests, %ld as HTTP/2.0, %ld connection(s)\n", us.requests, us.h2_requests,
           us.connections);
    CHECK(up);
    CHECK(ok);
    CHECK_INT(rc, 0);
    CHECK_INT(held, 12);
    CHECK(us.requests >= 14); /* 12 POSTs + 2 PATCHes + status pulls */
    CHECK_INT(us.h2_requests, us.requests);
    /* one kept-alive connection per upload in flight: the first pass, with 12 due, runs the
     * default 4 at once (each on its own connection, not as streams of one), the second,
     * with none due, only its own: 4 + 1; a connection per request would be 16 or more */
    struct sync_opts dflt;
    sync_opts_default(&dflt);
    CHECK_INT(us.connections, dflt.parallel + 1);
    CHECK_INT(rc2, 0);
    CHECK_INT(n_notes, 1);
    CHECK_STR(notes[0].kind, "rejected");
}

int main(void)
{
    RUN(deliver_over_http2);
    return test_done();
}
