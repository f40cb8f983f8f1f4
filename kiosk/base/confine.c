/* confine.c: a decoder in a confined child process (see confine.h).
 *
 * Why a forked child and not a thread: a decoder's heap overflow or endless allocation in a
 * thread is the kiosk's; in a child it is the child's, and seccomp applies to it alone. The
 * address-space limit is relative to what the child inherited (the kiosk's libraries, and the
 * sanitizers' reserved shadow memory in test builds), so it bounds what the decoder adds. */
#include "kiosk/base/confine.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <seccomp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The answer goes into a shared anonymous mapping made before the fork: no copies through a
 * pipe (whose 64 KiB would cost a round trip of the scheduler per chunk). The pipe only tells
 * the parent the child has ended (end of file when it exits). */
struct answer_area {
    size_t used, cap;
    unsigned char data[];
};
static struct answer_area *answer_area;

const char *confine_strerror(int rc)
{
    switch (rc) {
    case CONFINE_OK:
        return "ok";
    case CONFINE_EFAILED:
        return "the decoder refused the data";
    case CONFINE_ECRASHED:
        return "the decoder crashed or ran out of memory";
    case CONFINE_ETIMEOUT:
        return "the decoder took too long";
    case CONFINE_ESTART:
        return "cannot start the decoder process";
    case CONFINE_EANSWER:
        return "the decoder's answer is unreadable";
    }
    return "unknown error";
}

int confine_answer(const void *p, size_t n)
{
    struct answer_area *a = answer_area;
    if (!a || n > a->cap - a->used)
        return -1;
    memcpy(a->data + a->used, p, n);
    a->used += n;
    return 0;
}

/* The address space the process has now, in bytes. */
static size_t vm_now(void)
{
    unsigned long pages = 0;
    int fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        char buf[128];
        ssize_t n = read(fd, buf, sizeof(buf) - 1);
        close(fd);
        if (n > 0) {
            buf[n] = '\0';
            pages = strtoul(buf, NULL, 10);
        }
    }
    return (size_t)pages * (size_t)sysconf(_SC_PAGESIZE);
}

static int seccomp_filter(void)
{
    /* anything not listed fails with EPERM; the dangerous ones kill */
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ERRNO(EPERM));
    if (!ctx)
        return -1;
    static const int allowed[] = {
        SCMP_SYS(read),        SCMP_SYS(write),           SCMP_SYS(close),
        SCMP_SYS(exit),        SCMP_SYS(exit_group),      SCMP_SYS(brk),
        SCMP_SYS(mmap),        SCMP_SYS(munmap),          SCMP_SYS(mremap),
        SCMP_SYS(madvise),     SCMP_SYS(rt_sigreturn),    SCMP_SYS(rt_sigprocmask),
        SCMP_SYS(futex),       SCMP_SYS(clock_gettime),   SCMP_SYS(gettid),
        SCMP_SYS(getpid),      SCMP_SYS(sched_yield),     SCMP_SYS(fstat),
        SCMP_SYS(newfstatat),  SCMP_SYS(lseek),           SCMP_SYS(getrandom),
        SCMP_SYS(sigaltstack), SCMP_SYS(clock_nanosleep), SCMP_SYS(nanosleep),
        SCMP_SYS(getrusage),   SCMP_SYS(rt_sigaction),
    };
    static const int killed[] = {
        SCMP_SYS(execve), SCMP_SYS(execveat), SCMP_SYS(socket), SCMP_SYS(connect),
        SCMP_SYS(ptrace), SCMP_SYS(open),     SCMP_SYS(openat), SCMP_SYS(kill),
        SCMP_SYS(fork),   SCMP_SYS(vfork),    SCMP_SYS(clone),  SCMP_SYS(process_vm_writev),
        SCMP_SYS(setuid), SCMP_SYS(setgid),   SCMP_SYS(unlink), SCMP_SYS(rename),
    };
    int rc = 0;
    for (size_t i = 0; i < sizeof(allowed) / sizeof(allowed[0]) && rc == 0; i++)
        rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, allowed[i], 0);
    /* memory may change protection, but never become executable */
    if (rc == 0)
        rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(mprotect), 1,
                              SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0));
    /* reading (never setting) its own limits and dumpable flag */
    if (rc == 0)
        rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(prctl), 1,
                              SCMP_A0(SCMP_CMP_EQ, PR_GET_DUMPABLE));
    if (rc == 0)
        rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(prlimit64), 1, SCMP_A2(SCMP_CMP_EQ, 0));
    /* Under a service manager's filter that refuses the seccomp() call itself (systemd's
     * @system-service does not list it), libseccomp loads the filter through
     * prctl(PR_SET_SECCOMP) and cannot offer "kill the process" (API level < 3): then the
     * thread is killed, which in a single-threaded decoder is the process. */
    uint32_t kill = seccomp_api_get() >= 3 ? SCMP_ACT_KILL_PROCESS : SCMP_ACT_KILL;
    for (size_t i = 0; i < sizeof(killed) / sizeof(killed[0]) && rc == 0; i++)
        rc = seccomp_rule_add(ctx, kill, killed[i], 0);
    if (rc == 0)
        rc = seccomp_load(ctx);
    seccomp_release(ctx);
    return rc == 0 ? 0 : -1;
}

int confine_self(const struct confine_limits *lim)
{
    struct rlimit none = {0, 0};
    struct rlimit cpu = {(rlim_t)lim->cpu_seconds, (rlim_t)lim->cpu_seconds + 1};
    struct rlimit as;
    as.rlim_cur = as.rlim_max = (rlim_t)(vm_now() + lim->mem_bytes);
    if (setrlimit(RLIMIT_CORE, &none) != 0 || prctl(PR_SET_DUMPABLE, 0) != 0 ||
        setrlimit(RLIMIT_CPU, &cpu) != 0 || setrlimit(RLIMIT_AS, &as) != 0 ||
        setrlimit(RLIMIT_NOFILE, &(struct rlimit){16, 16}) != 0 ||
        prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        return -1;
    return seccomp_filter();
}

/* The child: only the answer pipe and stderr stay open. */
static void child(int fd, const struct confine_limits *lim, confine_fn fn, const void *in,
                  size_t len, void *arg)
{
    signal(SIGPIPE, SIG_DFL);
    /* everything above stderr but the pipe: two ranges, not a thousand close() calls */
    if (fd > 3)
        close_range(3, (unsigned)fd - 1, 0);
    close_range((unsigned)fd + 1, ~0u, 0);
    close(STDIN_FILENO);
    close(STDOUT_FILENO);
    if (confine_self(lim) != 0)
        _exit(125);
    int rc = fn(in, len, arg);
    /* the status byte says how fn ended; the answer before it */
    _exit(rc < 0 ? 100 + (-rc > 20 ? 20 : -rc) : rc > 0 ? 99 : 0);
}

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int confine_run(const struct confine_limits *lim, confine_fn fn, const void *in, size_t len,
                void *arg, unsigned char **out, size_t *out_len, int *fn_rc, long *peak_rss_kb)
{
    int p[2];
    int rc, timed_out = 0;
    *out = NULL;
    *out_len = 0;
    if (fn_rc)
        *fn_rc = 0;
    if (peak_rss_kb)
        *peak_rss_kb = 0;
    size_t area_len = sizeof(struct answer_area) + lim->max_out;
    struct answer_area *area =
        mmap(NULL, area_len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (area == MAP_FAILED)
        return CONFINE_ESTART;
    area->used = 0;
    area->cap = lim->max_out;
    if (pipe2(p, O_CLOEXEC) != 0) {
        munmap(area, area_len);
        return CONFINE_ESTART;
    }
    pid_t pid = fork();
    if (pid < 0) {
        close(p[0]);
        close(p[1]);
        munmap(area, area_len);
        return CONFINE_ESTART;
    }
    if (pid == 0) {
        close(p[0]);
        answer_area = area;
        child(p[1], lim, fn, in, len, arg);
    }
    close(p[1]);
    /* the child's end of the pipe closes when it ends, however it ends */
    int64_t deadline = mono_ms() + lim->wall_ms;
    for (;;) {
        int64_t left = deadline - mono_ms();
        if (left <= 0) {
            timed_out = 1;
            break;
        }
        struct pollfd pf = {p[0], POLLIN, 0};
        int pr = poll(&pf, 1, (int)left);
        if (pr < 0 && errno == EINTR)
            continue;
        if (pr == 0) {
            timed_out = 1;
            break;
        }
        char junk[64];
        ssize_t r = pr > 0 ? read(p[0], junk, sizeof junk) : -1;
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break; /* end of file: the child is gone */
    }
    close(p[0]);
    if (timed_out)
        kill(pid, SIGKILL);
    int status = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof(ru));
    while (wait4(pid, &status, 0, &ru) < 0 && errno == EINTR)
        ;
    if (peak_rss_kb)
        *peak_rss_kb = ru.ru_maxrss;
    /* the child is dead: what it left in the area is read once, as untrusted bytes */
    size_t n = area->used;
    /* its CPU time ran out (SIGXCPU at the soft limit, SIGKILL at the hard one): a timeout too */
    double cpu_used =
        ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
    int cpu_out =
        WIFSIGNALED(status) && (WTERMSIG(status) == SIGXCPU ||
                                (WTERMSIG(status) == SIGKILL && cpu_used >= lim->cpu_seconds));
    if (timed_out || cpu_out)
        rc = CONFINE_ETIMEOUT;
    else if (WIFSIGNALED(status))
        rc = CONFINE_ECRASHED;
    else if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        rc = n <= lim->max_out ? CONFINE_OK : CONFINE_EANSWER;
    else if (WIFEXITED(status) && WEXITSTATUS(status) >= 99 && WEXITSTATUS(status) <= 120) {
        rc = CONFINE_EFAILED;
        if (fn_rc)
            *fn_rc = WEXITSTATUS(status) == 99 ? 1 : -(WEXITSTATUS(status) - 100);
    } else {
        rc = CONFINE_ECRASHED; /* could not confine itself, or died in a way of its own */
    }
    if (rc == CONFINE_OK) {
        *out = malloc(n ? n : 1);
        if (!*out)
            rc = CONFINE_ESTART;
        else {
            memcpy(*out, area->data, n);
            *out_len = n;
        }
    }
    explicit_bzero(area->data, n <= lim->max_out ? n : lim->max_out);
    munmap(area, area_len);
    return rc;
}
