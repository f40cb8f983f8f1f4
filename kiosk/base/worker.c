/* worker.c: the kiosk's side of a persistent confined helper (see worker.h): starting it,
 * one framed request and answer under a deadline, killing and replacing it. */
#include "kiosk/base/worker.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kiosk/base/confine.h"
#include "kiosk/base/module.h"

extern char **environ;

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The sanitizers' settings pass to the helper (a test build's helper reports like its
 * tests); nothing else of the kiosk's environment does. */
static void helper_env(char **env, int max)
{
    int n = 0;
    for (char **e = environ; e && *e && n < max - 1; e++)
        if (strncmp(*e, "ASAN_OPTIONS=", 13) == 0 || strncmp(*e, "UBSAN_OPTIONS=", 14) == 0)
            env[n++] = *e;
    env[n] = NULL;
}

/* The helper's peak resident memory, read from the kernel (not from the helper). */
static long vm_hwm_kb(pid_t pid)
{
    char path[64], buf[2048];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return 0;
    buf[n] = '\0';
    const char *p = strstr(buf, "VmHWM:");
    return p ? strtol(p + 6, NULL, 10) : 0;
}

static void reap(struct worker *w, int kill_it)
{
    if (w->fd >= 0)
        close(w->fd);
    w->fd = -1;
    if (w->area)
        munmap(w->area, WORKER_AREA_BYTES);
    w->area = NULL;
    if (w->pid > 0) {
        if (kill_it)
            kill(w->pid, SIGKILL);
        struct rusage ru;
        memset(&ru, 0, sizeof ru);
        int status;
        while (wait4(w->pid, &status, 0, &ru) < 0 && errno == EINTR)
            ;
        if (ru.ru_maxrss > 0)
            w->peak_kb = ru.ru_maxrss;
    }
    w->pid = 0;
}

/* In a forked copy of the kiosk the helper is its parent's: the inherited descriptor and
 * mapping are dropped (never the helper), and the copy starts its own when it needs one. */
static void forget_if_forked(struct worker *w)
{
    if (w->pid <= 0 || w->owner == getpid())
        return;
    close(w->fd);
    if (w->area)
        munmap(w->area, WORKER_AREA_BYTES);
    w->fd = -1;
    w->area = NULL;
    w->pid = 0;
}

static int start(struct worker *w)
{
    char path[1400];
    if (module_program(w->program, path, sizeof path) != 0) {
        fprintf(stderr, "worker: %s\n", path);
        return -1;
    }
    /* the area: sealed at its size, so the helper can neither shrink it under the kiosk's
     * reads (a SIGBUS here) nor grow it */
    int mfd = memfd_create("kiosk-worker-area", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (mfd < 0)
        return -1;
    unsigned char *area = MAP_FAILED;
    if (ftruncate(mfd, WORKER_AREA_BYTES) == 0 &&
        fcntl(mfd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL) == 0)
        area = mmap(NULL, WORKER_AREA_BYTES, PROT_READ, MAP_SHARED, mfd, 0);
    int sv[2];
    if (area == MAP_FAILED || socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
        if (area != MAP_FAILED)
            munmap(area, WORKER_AREA_BYTES);
        close(mfd);
        return -1;
    }
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t at;
    posix_spawn_file_actions_init(&fa);
    posix_spawnattr_init(&at);
    /* the helper's socket becomes its stdin and stdout (dup2 clears close-on-exec) */
    posix_spawn_file_actions_adddup2(&fa, sv[1], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&fa, sv[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&fa, mfd, WORKER_AREA_FD);
    sigset_t none, def;
    sigemptyset(&none);
    sigemptyset(&def);
    sigaddset(&def, SIGPIPE);
    sigaddset(&def, SIGCHLD);
    posix_spawnattr_setsigmask(&at, &none);
    posix_spawnattr_setsigdefault(&at, &def);
    posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    char *env[4];
    helper_env(env, 4);
    char *argv[] = {path, (char *)w->role, NULL};
    pid_t pid;
    int rc = posix_spawn(&pid, path, &fa, &at, argv, env);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&at);
    close(sv[1]);
    close(mfd);
    if (rc != 0) {
        close(sv[0]);
        munmap(area, WORKER_AREA_BYTES);
        fprintf(stderr, "worker: cannot start %s: %s\n", path, strerror(rc));
        return -1;
    }
    fcntl(sv[0], F_SETFL, O_NONBLOCK);
    w->pid = pid;
    w->owner = getpid();
    w->fd = sv[0];
    w->area = area;
    w->starts++;
    return 0;
}

/* Waits for fd to be ready for events until deadline: 1 ready, 0 timed out, -1 hung up. */
static int wait_ready(int fd, short events, int64_t deadline)
{
    for (;;) {
        int64_t left = deadline - mono_ms();
        if (left <= 0)
            return 0;
        struct pollfd pf = {fd, events, 0};
        int pr = poll(&pf, 1, (int)left);
        if (pr < 0 && errno == EINTR)
            continue;
        if (pr < 0)
            return -1;
        if (pr == 0)
            return 0;
        if (pf.revents & events)
            return 1;
        return -1; /* POLLHUP / POLLERR without data: the helper is gone */
    }
}

/* Moves all n bytes to (sending) or from the helper's socket before the deadline:
 * CONFINE_OK, CONFINE_ETIMEOUT or CONFINE_ECRASHED (the peer is gone, or the stream ended
 * mid-answer: the helper died). */
static int transfer_all(int fd, unsigned char *b, size_t n, int sending, int64_t deadline)
{
    while (n > 0) {
        ssize_t r = sending ? send(fd, b, n, MSG_NOSIGNAL) : recv(fd, b, n, 0);
        if (r > 0) {
            b += r;
            n -= (size_t)r;
            continue;
        }
        if (r == 0)
            return CONFINE_ECRASHED;
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            int ready = wait_ready(fd, sending ? POLLOUT : POLLIN, deadline);
            if (ready == 0)
                return CONFINE_ETIMEOUT;
            if (ready < 0)
                return CONFINE_ECRASHED;
            continue;
        }
        return CONFINE_ECRASHED;
    }
    return CONFINE_OK;
}

static int send_all(int fd, const void *p, size_t n, int64_t deadline)
{
    return transfer_all(fd, (unsigned char *)p, n, 1, deadline);
}

static int recv_all(int fd, void *p, size_t n, int64_t deadline)
{
    return transfer_all(fd, p, n, 0, deadline);
}

static int exchange(struct worker *w, uint32_t op, const struct worker_piece *in, int n,
                    int64_t deadline, size_t max_answer, struct worker_answer_head *head,
                    unsigned char **answer)
{
    size_t total = 0;
    for (int i = 0; i < n; i++) {
        if (in[i].len > WORKER_MAX_REQUEST - total)
            return CONFINE_EANSWER;
        total += in[i].len;
    }
    struct worker_request_head rq = {WORKER_REQUEST_MAGIC, op, (uint32_t)total, 0};
    int rc = send_all(w->fd, &rq, sizeof rq, deadline);
    for (int i = 0; i < n && rc == CONFINE_OK; i++)
        rc = send_all(w->fd, in[i].p, in[i].len, deadline);
    if (rc == CONFINE_OK)
        rc = recv_all(w->fd, head, sizeof *head, deadline);
    if (rc != CONFINE_OK)
        return rc;
    /* every field of the helper's head is checked before it is used */
    if (head->magic != WORKER_ANSWER_MAGIC || head->len > max_answer ||
        (head->flags & ~(WORKER_RETIRING | WORKER_IN_AREA)) != 0 || head->reserved != 0 ||
        ((head->flags & WORKER_IN_AREA) && head->len > WORKER_AREA_BYTES))
        return CONFINE_EANSWER;
    if (head->len > 0) {
        *answer = malloc(head->len);
        if (!*answer)
            return CONFINE_ESTART;
        /* copied out of the area once; the helper may scribble on it meanwhile, which changes
         * only what it answers */
        if (head->flags & WORKER_IN_AREA)
            memcpy(*answer, w->area, head->len);
        else
            rc = recv_all(w->fd, *answer, head->len, deadline);
        if (rc != CONFINE_OK)
            return rc;
    }
    return head->status == 0 ? CONFINE_OK : CONFINE_EFAILED;
}

int worker_call(struct worker *w, uint32_t op, const struct worker_piece *in, int n, int wall_ms,
                size_t max_answer, struct worker_answer_head *head, unsigned char **answer)
{
    memset(head, 0, sizeof *head);
    *answer = NULL;
    pthread_mutex_lock(&w->lock);
    int64_t deadline = mono_ms() + wall_ms;
    int rc = CONFINE_ESTART;
    forget_if_forked(w);
    if (w->pid > 0 || start(w) == 0) {
        w->busy = w->pid;
        rc = exchange(w, op, in, n, deadline, max_answer, head, answer);
        w->busy = 0;
        if (rc == CONFINE_OK)
            w->peak_kb = vm_hwm_kb(w->pid);
        /* anything but a clean answer: this helper is not used again */
        if (rc != CONFINE_OK || (head->flags & WORKER_RETIRING))
            reap(w, 1);
    }
    pthread_mutex_unlock(&w->lock);
    if (rc != CONFINE_OK && rc != CONFINE_EFAILED) {
        if (*answer)
            explicit_bzero(*answer, head->len);
        free(*answer);
        *answer = NULL;
        memset(head, 0, sizeof *head);
    }
    return rc;
}

void worker_stop(struct worker *w)
{
    pthread_mutex_lock(&w->lock);
    forget_if_forked(w);
    reap(w, 1);
    pthread_mutex_unlock(&w->lock);
}
