/* store_worker.h: slow store work off the caller's thread. A durable commit waits for its
 * fsync and an officer's PIN check runs Argon2id (tenths of a second, 32 MiB): the UI thread
 * must not stall on either. The worker is one thread with its own connection to the same
 * store (SQLite's WAL lets the caller's connection go on reading meanwhile; writes wait for
 * each other). It only executes: the job's owner (the runner, the UI) decides what to run
 * and what the result means.
 *
 *   submit   the owner hands a job over; the worker runs job->run on its thread with its own
 *            store, then calls the wake function (from the worker's thread: it must only post,
 *            e.g. an event to the owner's loop).
 *   collect  on the owner's thread: calls job->done for every job finished, in order. Done
 *            callbacks may submit more jobs.
 *   wait     on the owner's thread: blocks until that job is finished, then collects (for the
 *            rare event that cannot wait, such as a cancel while the commit runs).
 *
 *   flush    on the owner's thread: while a worker runs, the owner's own commits (the audit
 *            rows of each transition, small edits) no longer wait for the disk (synchronous=
 *            NORMAL: written to the WAL, not synced); the owner calls store_worker_flush after
 *            handling an event and the worker syncs the WAL, which puts every commit before it
 *            on disk in the order they were made. Stopping the worker flushes what is left and
 *            puts the owner's connection back to synchronous=FULL. A write that fails still
 *            fails at once on the owner's thread (only the wait for the disk moves).
 *
 * Without a worker (store_job_run_here), a job runs and completes on the caller's thread:
 * the command-line front ends and tests keep the plain synchronous behaviour. */
#ifndef KIOSK_STORE_WORKER_H
#define KIOSK_STORE_WORKER_H

#include "kiosk/store/store.h"

struct store_job;
struct store_worker;

struct store_job {
    /* on the worker's thread, with the worker's store: store calls only */
    void (*run)(struct store *st, struct store_job *job);
    /* on the owner's thread, from store_worker_collect or store_worker_wait */
    void (*done)(struct store_job *job);
    void *owner;
    /* the worker's own */
    struct store_job *next;
    int finished;
};

/* A job that signs an officer in with their PIN (store_officer_login: counted, audited). */
struct store_login_job {
    struct store_job job;
    char officer[APP_OFFICER_SIZE];
    char pin[16];
    int64_t now_ms;
    /* the result: 0 or a store_err, and the officer's role when 0 */
    int rc;
    enum officer_role role;
};
/* Fills j for officer and pin (the PIN is wiped once checked). */
void store_login_job_init(struct store_login_job *j, const char *officer, const char *pin,
                          int64_t now_ms, void (*done)(struct store_job *), void *owner);

/* A job that queues an application durably (store_queue). The application is the caller's:
 * it must stay as it is until the job is done. */
struct store_queue_job {
    struct store_job job;
    struct application *app;
    int64_t now_ms;
    int rc; /* the result: 0 or a store_err */
};
void store_queue_job_init(struct store_queue_job *j, struct application *app, int64_t now_ms,
                          void (*done)(struct store_job *), void *owner);

typedef void (*store_worker_wake_fn)(void *arg);

/* Starts the worker on a second connection to st's file. 0, or a store_err (then *out is
 * NULL and the caller runs its jobs itself). wake may be NULL (the owner then collects on its
 * clock). */
int store_worker_start(struct store *st, store_worker_wake_fn wake, void *arg,
                       struct store_worker **out);
/* Hands job over (w NULL: runs it here and completes it at once, as store_job_run_here). */
void store_worker_submit(struct store_worker *w, struct store *st, struct store_job *job);
/* Completes the jobs finished since the last call. */
void store_worker_collect(struct store_worker *w);
/* Blocks until job (submitted to w) is finished, then collects. */
void store_worker_wait(struct store_worker *w, struct store_job *job);
/* Asks the worker to put the owner's commits made since the last call on disk (nothing when
 * there were none; w NULL: nothing, the owner's commits are durable at once). */
void store_worker_flush(struct store_worker *w);
/* How many flushes the worker has done (tests). */
unsigned store_worker_flushes(struct store_worker *w);
/* Runs what is still queued, flushes the owner's commits, completes every job, ends the
 * thread, closes its connection, and makes the owner's commits durable at once again. */
void store_worker_stop(struct store_worker *w);

/* Runs job on the caller's thread with st and completes it. */
void store_job_run_here(struct store *st, struct store_job *job);

#endif
