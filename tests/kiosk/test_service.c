/* test_service.c: the kiosk under systemd (kiosk/base/service_notify.h, log.h): READY=1,
 * STATUS= and WATCHDOG=1 reach the notification socket, the watchdog is fed at most every
 * quarter interval, nothing is sent without NOTIFY_SOCKET, the hang hook stops the loop for
 * good; log lines carry "<N>" only when stderr is the journal. The real systemd side (a hung
 * loop restarted) is tests/package/test_install.sh. */
#include "kiosk/base/log.h"
#include "kiosk/base/service_notify.h"
#include "tests/test.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A datagram socket standing in for systemd's, bound in the case's directory. */
static int notify_socket(char *path, size_t size)
{
    snprintf(path, size, "%s/notify", test_tmpdir());
    int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    if (strlen(path) >= sizeof(a.sun_path))
        return -1;
    memcpy(a.sun_path, path, strlen(path) + 1);
    if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0)
        return -1;
    return fd;
}

/* The next datagram, or "" when none is waiting. */
static const char *next_message(int fd, char *buf, size_t size)
{
    ssize_t n = recv(fd, buf, size - 1, 0);
    buf[n > 0 ? n : 0] = '\0';
    return buf;
}

TEST(nothing_without_a_notify_socket)
{
    unsetenv("NOTIFY_SOCKET");
    setenv("WATCHDOG_USEC", "1000000", 1);
    CHECK_INT(service_managed(), 0);
    /* sd_watchdog_enabled() needs no socket, but the kiosk sends nothing without one */
    service_ready("up");
    service_status("x");
    unsetenv("WATCHDOG_USEC");
    CHECK(service_watchdog_usec() == 0);
}

TEST(ready_status_and_a_watchdog_fed_at_most_every_quarter)
{
    char path[512], msg[256];
    int fd = notify_socket(path, sizeof(path));
    CHECK(fd >= 0);
    setenv("NOTIFY_SOCKET", path, 1);
    setenv("WATCHDOG_USEC", "200000", 1); /* 200 ms: fed at most every 50 ms */
    unsetenv("WATCHDOG_PID");
    CHECK_INT(service_managed(), 1);
    CHECK(service_watchdog_usec() == 200000);
    service_ready("touchscreen up");
    CHECK_STR(next_message(fd, msg, sizeof(msg)), "READY=1\nSTATUS=touchscreen up");
    service_status("sync offline, 2 waiting");
    CHECK_STR(next_message(fd, msg, sizeof(msg)), "STATUS=sync offline, 2 waiting");
    long long start = mono_ms();
    int calls = 0, feeds = 0;
    while (mono_ms() - start < 300) {
        service_alive();
        calls++;
        while (strcmp(next_message(fd, msg, sizeof(msg)), "") != 0) {
            CHECK_STR(msg, "WATCHDOG=1");
            feeds++;
        }
        usleep(5000);
    }
    long long elapsed = mono_ms() - start;
    printf("# %d passes of the loop in %lld ms, %d feedings\n", calls, elapsed, feeds);
    CHECK(feeds >= 2);                /* fed while the loop turns */
    CHECK(feeds <= elapsed / 50 + 1); /* never more than every quarter interval */
    CHECK(feeds < calls);
    service_stopping();
    CHECK_STR(next_message(fd, msg, sizeof(msg)), "STOPPING=1\nSTATUS=stopping");
    unsetenv("NOTIFY_SOCKET");
    unsetenv("WATCHDOG_USEC");
    close(fd);
}

TEST(the_hang_hook_stops_the_loop_for_good)
{
    int p[2];
    CHECK(pipe(p) == 0);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        close(p[0]);
        int null = open("/dev/null", O_WRONLY);
        dup2(null, STDERR_FILENO);
        setenv("KIOSK_TEST_HANG_MAIN_LOOP_AFTER_MS", "100", 1);
        for (;;) {
            service_alive();
            if (write(p[1], "x", 1) != 1)
                _exit(1);
            usleep(10000);
        }
    }
    close(p[1]);
    int passes = 0;
    char c;
    struct pollfd pf = {.fd = p[0], .events = POLLIN};
    /* passes come until the hook; then none for a whole second */
    while (passes < 300 && poll(&pf, 1, 1000) == 1 && read(p[0], &c, 1) == 1)
        passes++;
    int status = 0;
    int alive = waitpid(pid, &status, WNOHANG) == 0;
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    close(p[0]);
    printf("# %d passes before the hang\n", passes);
    CHECK(passes >= 2);
    CHECK(passes < 300); /* it did stop */
    CHECK(alive);        /* hung, not dead: only the watchdog ends it */
}

/* stderr into a file while fn runs; the file's text in out. */
static void capture_stderr(const char *journal, char *out, size_t size)
{
    const char *path = test_tmpfile("stderr", "", 0);
    int fd = open(path, O_WRONLY | O_TRUNC), saved = dup(STDERR_FILENO);
    struct stat st;
    fstat(fd, &st);
    char js[64];
    snprintf(js, sizeof(js), "%llu:%llu", (unsigned long long)st.st_dev,
             (unsigned long long)st.st_ino);
    if (journal)
        setenv("JOURNAL_STREAM", strcmp(journal, "match") == 0 ? js : journal, 1);
    else
        unsetenv("JOURNAL_STREAM");
    dup2(fd, STDERR_FILENO);
    log_line(LOG_ERR, "cannot open %s", "the store");
    log_line(LOG_WARNING, "no upstream");
    dup2(saved, STDERR_FILENO);
    close(saved);
    close(fd);
    unsetenv("JOURNAL_STREAM");
    FILE *f = fopen(path, "r");
    size_t n = f ? fread(out, 1, size - 1, f) : 0;
    out[n] = '\0';
    if (f)
        fclose(f);
}

TEST(log_priorities_only_into_the_journal)
{
    char out[512];
    capture_stderr("match", out, sizeof(out));
    CHECK_STR(out, "<3>kiosk: cannot open the store\n<4>kiosk: no upstream\n");
    capture_stderr(NULL, out, sizeof(out));
    CHECK_STR(out, "kiosk: cannot open the store\nkiosk: no upstream\n");
    capture_stderr("1:2", out, sizeof(out)); /* a journal stream, but not this stderr */
    CHECK_STR(out, "kiosk: cannot open the store\nkiosk: no upstream\n");
}

int main(void)
{
    /* first: service_alive() reads the hook's setting on its first call in a process, and
     * the child forked here must be the one that makes that call */
    RUN(the_hang_hook_stops_the_loop_for_good);
    RUN(nothing_without_a_notify_socket);
    RUN(ready_status_and_a_watchdog_fed_at_most_every_quarter);
    RUN(log_priorities_only_into_the_journal);
    return test_done();
}
