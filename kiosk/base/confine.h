/* confine.h: runs a decoder of hostile bytes (a DG2 portrait, a QR frame) in a child process
 * that can do nothing but compute and write its answer back.
 *
 * The child is forked from the caller (the input is already in its memory), then: every
 * file descriptor but the answer pipe and stderr closed, core dumps off, address space
 * limited to what it had plus mem_bytes (RLIMIT_AS), CPU time limited (RLIMIT_CPU), no new
 * privileges, and a seccomp filter (libseccomp) that allows only memory management, reading
 * and writing its open descriptors, time and exit: opening files, sockets, exec, ptrace and
 * signals to others kill it. The parent waits at most wall_ms and kills it after that.
 *
 * So a decoder that crashes, loops or allocates without bound costs the kiosk one dead
 * child and a clear "cannot read the image" answer, never the kiosk itself. */
#ifndef KIOSK_CONFINE_H
#define KIOSK_CONFINE_H

#include <stddef.h>

struct confine_limits {
    size_t mem_bytes; /* address space the child may add to what it inherited */
    int cpu_seconds;  /* CPU time */
    int wall_ms;      /* wall-clock time, after which the parent kills it */
    size_t max_out;   /* the longest answer accepted */
};

enum confine_result {
    CONFINE_OK = 0,
    CONFINE_EFAILED = -1,  /* the function returned an error (its code in *fn_rc) */
    CONFINE_ECRASHED = -2, /* the child died of a signal (crash, seccomp, out of memory) */
    CONFINE_ETIMEOUT = -3, /* killed after wall_ms */
    CONFINE_ESTART = -4,   /* could not fork or set up the pipe */
    CONFINE_EANSWER = -5,  /* answer missing, cut or longer than max_out */
};

/* What the child runs: decodes in (len bytes), writes its answer with confine_answer(), and
 * returns 0 or its own error code (passed back in *fn_rc). */
typedef int (*confine_fn)(const void *in, size_t len, void *arg);

/* In the child: appends bytes to the answer. 0 or -1. */
int confine_answer(const void *p, size_t n);

/* Runs fn(in, len, arg) confined. On CONFINE_OK *out (malloc'ed, caller frees) and *out_len
 * hold the answer. *fn_rc gets fn's return value when the child exited normally. When
 * peak_rss_kb is not NULL it gets the child's peak resident memory in KiB (tests and
 * benchmarks show the bound with it). */
int confine_run(const struct confine_limits *lim, confine_fn fn, const void *in, size_t len,
                void *arg, unsigned char **out, size_t *out_len, int *fn_rc, long *peak_rss_kb);

/* Sets up the confinement in the calling process (what the child does before fn). Exposed
 * for tests that check what the filter refuses. 0 or -1. */
int confine_self(const struct confine_limits *lim);

const char *confine_strerror(int rc);

#endif
