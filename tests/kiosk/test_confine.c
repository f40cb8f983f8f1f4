/* test_confine.c: the confined decoder child (kiosk/base/confine.h): its answer comes back;
 * a crash, an endless loop, an allocation without bound, opening a file, a socket or exec
 * end the child, never the caller; core dumps are off in it; all of it also under a service
 * manager's filter that refuses the seccomp() call. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <seccomp.h>

#include "kiosk/base/confine.h"
#include "tests/test.h"

static const struct confine_limits lim = {
    .mem_bytes = 64u * 1024 * 1024, .cpu_seconds = 2, .wall_ms = 4000, .max_out = 1 << 20};

static int echo_upper(const void *in, size_t len, void *arg)
{
    (void)arg;
    char buf[64];
    if (len > sizeof buf)
        return -2;
    for (size_t i = 0; i < len; i++)
        buf[i] = (char)(((const char *)in)[i] & ~0x20);
    return confine_answer(buf, len);
}

static int refuse(const void *in, size_t len, void *arg)
{
    (void)in;
    (void)len;
    (void)arg;
    return -7;
}

static int crash(const void *in, size_t len, void *arg)
{
    (void)len;
    (void)arg;
    volatile int *p = (volatile int *)(uintptr_t)((const char *)in)[0]; /* NULL page */
    return *p;
}

static int spin(const void *in, size_t len, void *arg)
{
    (void)in;
    (void)len;
    (void)arg;
    for (volatile unsigned long i = 0;; i++)
        ;
    return 0;
}

/* a decoder that believes a header claiming a gigabyte */
static int hog(const void *in, size_t len, void *arg)
{
    (void)in;
    (void)len;
    (void)arg;
    size_t total = 0;
    for (int i = 0; i < 64; i++) {
        char *p = malloc(16u * 1024 * 1024);
        if (!p)
            return -9;
        memset(p, 0xA5, 16u * 1024 * 1024);
        total += 16u * 1024 * 1024;
    }
    return total > 0 ? 0 : -1;
}

static int opens_a_file(const void *in, size_t len, void *arg)
{
    (void)in;
    (void)len;
    (void)arg;
    int fd = open("/etc/hostname", O_RDONLY);
    return fd >= 0 ? 0 : -3;
}

static int opens_a_socket(const void *in, size_t len, void *arg)
{
    (void)in;
    (void)len;
    (void)arg;
    return socket(AF_INET, SOCK_STREAM, 0) >= 0 ? 0 : -3;
}

static int execs(const void *in, size_t len, void *arg)
{
    (void)in;
    (void)len;
    (void)arg;
    char *argv[] = {"/bin/true", NULL};
    execv("/bin/true", argv);
    return -3;
}

static int reports_dumpable(const void *in, size_t len, void *arg)
{
    (void)in;
    (void)len;
    (void)arg;
    struct rlimit r;
    int v[2] = {prctl(PR_GET_DUMPABLE), getrlimit(RLIMIT_CORE, &r) == 0 ? (int)r.rlim_cur : -1};
    return confine_answer(v, sizeof v);
}

static int run(confine_fn fn, const char *in, unsigned char **out, size_t *n, int *fn_rc,
               long *peak)
{
    return confine_run(&lim, fn, in, strlen(in), NULL, out, n, fn_rc, peak);
}

TEST(answer_comes_back)
{
    unsigned char *out;
    size_t n;
    int fn_rc;
    CHECK_INT(run(echo_upper, "portrait", &out, &n, &fn_rc, NULL), CONFINE_OK);
    CHECK_INT(n, 8);
    CHECK(memcmp(out, "PORTRAIT", 8) == 0);
    free(out);
    CHECK_INT(run(refuse, "x", &out, &n, &fn_rc, NULL), CONFINE_EFAILED);
    CHECK_INT(fn_rc, -7);
}

TEST(crash_loop_and_hog_end_the_child_only)
{
    unsigned char *out;
    size_t n;
    int fn_rc;
    long peak = 0;
    char zero[2] = {0, 0};
    CHECK_INT(confine_run(&lim, crash, zero, 1, NULL, &out, &n, &fn_rc, NULL), CONFINE_ECRASHED);
    CHECK_INT(run(spin, "x", &out, &n, &fn_rc, NULL), CONFINE_ETIMEOUT);
    struct rusage self;
    getrusage(RUSAGE_SELF, &self);
    int rc = run(hog, "x", &out, &n, &fn_rc, &peak);
    CHECK(rc == CONFINE_EFAILED || rc == CONFINE_ECRASHED);
    /* it wanted a gigabyte; it got at most its limit over what it inherited */
    CHECK(peak < self.ru_maxrss + 64 * 1024 + 16 * 1024);
    CHECK(peak > 0);
}

TEST(files_sockets_and_exec_are_refused)
{
    unsigned char *out;
    size_t n;
    int fn_rc;
    CHECK_INT(run(opens_a_file, "x", &out, &n, &fn_rc, NULL), CONFINE_ECRASHED);
    CHECK_INT(run(opens_a_socket, "x", &out, &n, &fn_rc, NULL), CONFINE_ECRASHED);
    CHECK_INT(run(execs, "x", &out, &n, &fn_rc, NULL), CONFINE_ECRASHED);
}

TEST(no_core_dumps_in_the_child)
{
    unsigned char *out;
    size_t n;
    int fn_rc, v[2];
    CHECK_INT(run(reports_dumpable, "x", &out, &n, &fn_rc, NULL), CONFINE_OK);
    CHECK_INT(n, sizeof v);
    memcpy(v, out, sizeof v);
    free(out);
    CHECK_INT(v[0], 0);
    CHECK_INT(v[1], 0);
}

/* Started by systemd with SystemCallFilter=@system-service (debian/kiosk.service), the kiosk
 * runs under a filter that refuses the seccomp() call itself: the confinement must still be
 * put in place (through prctl) and still refuse what it refuses. */
TEST(confined_under_a_service_managers_filter_too)
{
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        scmp_filter_ctx outer = seccomp_init(SCMP_ACT_ALLOW);
        if (!outer || seccomp_rule_add(outer, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(seccomp), 0) != 0 ||
            prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 || seccomp_load(outer) != 0)
            _exit(10);
        seccomp_release(outer);
        /* libseccomp probed the kernel before this filter (in the earlier cases) and keeps
         * what it found; a helper exec'd under the filter probes afresh and finds level 1 */
        if (seccomp_api_set(1) != 0)
            _exit(14);
        unsigned char *out = NULL;
        size_t n;
        int fn_rc;
        if (run(echo_upper, "qr", &out, &n, &fn_rc, NULL) != CONFINE_OK || n != 2 ||
            memcmp(out, "QR", 2) != 0)
            _exit(11);
        free(out);
        if (run(opens_a_file, "x", &out, &n, &fn_rc, NULL) != CONFINE_ECRASHED)
            _exit(12);
        if (run(execs, "x", &out, &n, &fn_rc, NULL) != CONFINE_ECRASHED)
            _exit(13);
        _exit(0);
    }
    int status = -1;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status));
    CHECK_INT(WEXITSTATUS(status), 0);
}

int main(void)
{
    RUN(answer_comes_back);
    RUN(crash_loop_and_hog_end_the_child_only);
    RUN(files_sockets_and_exec_are_refused);
    RUN(no_core_dumps_in_the_child);
    RUN(confined_under_a_service_managers_filter_too);
    return test_done();
}
