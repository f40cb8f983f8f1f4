/* worker.h: a persistent confined helper process (the decoder of hostile bytes: DG2
 * portraits, QR frames), started once and fed requests over a socket.
 *
 * Why not a child forked per request (confine_run): forking the kiosk costs its whole address
 * space in page-table copies and first-touch faults, 100 ms and more per portrait here. The
 * helper is a small program of its own (kiosk-NAME beside the modules, module_program()),
 * started with posix_spawn on first use, so it inherits none of the kiosk's memory or keys;
 * it confines itself before reading anything (confine_self: seccomp, RLIMIT_AS/CPU/NOFILE, no
 * core dumps) and then answers requests one after another.
 *
 * The protocol is framed and bounded both ways: a request is a fixed head (magic, op, length)
 * then the bytes; an answer a fixed head (magic, status, three numbers, flags, length) then
 * the bytes. The parent checks every field of the answer before using it (its length against
 * the caller's bound) and enforces the deadline itself: poll with a timeout, then SIGKILL. A
 * helper that dies, hangs, breaks the protocol or answers an error is killed and replaced on
 * the next request (a process that has seen hostile bytes fail is not reused), so the caller
 * only sees an error code and the kiosk goes on. Thread-safe: one request at a time per
 * helper. */
#ifndef KIOSK_WORKER_H
#define KIOSK_WORKER_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define WORKER_REQUEST_MAGIC 0x4B445131u /* "KDQ1" */
#define WORKER_ANSWER_MAGIC  0x4B444131u /* "KDA1" */
/* The largest request either side accepts (a QR camera frame is ~1 MB, a DG2 image less). */
#define WORKER_MAX_REQUEST (32u * 1024u * 1024u)
/* The answer's flags: the helper will exit after this answer (its CPU budget is nearly spent);
 * the answer's bytes are in the shared area, not on the socket. */
#define WORKER_RETIRING 1u
#define WORKER_IN_AREA  2u
/* The answer area: a memory file the kiosk makes, sealed at this size, the helper's fd 3.
 * Large answers (a portrait's pixels) go through it: one copy each side instead of a
 * scheduler round trip per socket buffer. */
#define WORKER_AREA_BYTES (16u * 1024u * 1024u)
#define WORKER_AREA_FD    3

struct worker_request_head {
    uint32_t magic, op, len, reserved;
};

struct worker_answer_head {
    uint32_t magic;
    int32_t status;   /* 0, or the helper's error code */
    uint32_t a, b, c; /* what the op defines (format, width, height) */
    uint32_t flags, len, reserved;
};

struct worker {
    const char *program; /* kiosk-PROGRAM, found by module_program() */
    const char *role;    /* its one argument: what this instance decodes */
    pthread_mutex_t lock;
    pid_t pid;           /* 0 when not running */
    pid_t owner;         /* the process that started it (a forked copy of the kiosk does not
                            talk to its parent's helper) */
    int fd;              /* the parent's end of the socket, -1 when not running */
    unsigned char *area; /* the answer area, mapped while the helper runs */
    long peak_kb;        /* the helper's peak resident memory after the last request */
    volatile pid_t busy; /* the helper's pid while a request is in flight, else 0 */
    unsigned starts;     /* how many times a helper was started */
};
#define WORKER_INIT(PROGRAM, ROLE)                                                                 \
    {                                                                                              \
        PROGRAM, ROLE, PTHREAD_MUTEX_INITIALIZER, 0, 0, -1, NULL, 0, 0, 0                          \
    }

/* Sends op with the bytes in[0..n) (pieces sent one after another) and waits at most wall_ms
 * for the answer. CONFINE_OK with *head filled and *answer (malloc'ed, head->len bytes, NULL
 * when 0) the caller frees; CONFINE_EFAILED with head->status the helper's error; or
 * CONFINE_ECRASHED, CONFINE_ETIMEOUT, CONFINE_ESTART, CONFINE_EANSWER (kiosk/base/confine.h). */
struct worker_piece {
    const void *p;
    size_t len;
};
int worker_call(struct worker *w, uint32_t op, const struct worker_piece *in, int n, int wall_ms,
                size_t max_answer, struct worker_answer_head *head, unsigned char **answer);

/* Stops the helper (if running) and waits for it. */
void worker_stop(struct worker *w);

/* ---- the helper's side ---- */

/* What the helper does with one request: fills head->status/a/b/c and, for an answer with
 * bytes, *out (malloc'ed, freed by the caller) and head->len. */
typedef void (*worker_handler)(uint32_t op, const uint8_t *in, size_t len,
                               struct worker_answer_head *head, uint8_t **out);

/* The helper's loop on fd 0 (requests), fd 1 (answers) and the area (fd 3): returns 0 when the
 * kiosk closes its end, -1 on a request that breaks the protocol. retire_cpu_s: the answer after
 * which the helper's CPU time passed this says WORKER_RETIRING and the loop ends. */
int worker_serve(worker_handler fn, double retire_cpu_s);

/* In the helper: the answer area (n bytes of it), for a handler that writes its answer there
 * directly and sets *out to it (then nothing is copied or freed); NULL when n does not fit. */
void *worker_area(size_t n);

#endif
