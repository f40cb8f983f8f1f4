/* store_worker.c: the store worker (store_worker.h): one thread, a queue of jobs to run and a
 * list of jobs finished, one mutex over both. The jobs are the owners' memory: the worker
 * links them, runs them and hands them back; it allocates nothing per job. It also makes the
 * owner's commits durable (the WAL's fdatasync) when the owner asks, so the owner's thread
 * never waits for the disk. */
#include "kiosk/store/store_worker.h"

#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/store/store_internal.h"

struct store_worker {
    struct store *st; /* the worker's own connection */
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t changed; /* a job queued, a job finished, or stop */
    struct store_job *todo, *todo_tail, *done, *done_tail;
    int stopping;
    store_worker_wake_fn wake;
    void *wake_arg;
    struct store *owner;   /* the owner's connection, committing without waiting for the disk */
    atomic_uint unflushed; /* the owner's commits since the last flush was asked for */
    int flush_wanted;      /* under mu */
    unsigned flushes;      /* under mu */
};

/* Counts the owner's commits (on the owner's thread, inside its COMMIT). */
static int on_owner_commit(void *arg)
{
    atomic_fetch_add(&((struct store_worker *)arg)->unflushed, 1);
    return 0;
}

/* Puts every commit written to the WAL so far on disk: the WAL is one sequence of frames, so
 * one fdatasync of it covers every commit before, whichever connection wrote it. */
static void flush_wal(struct store_worker *w)
{
    const char *db = sqlite3_db_filename(w->st->db, "main");
    char path[PATH_MAX];
    if (!db || snprintf(path, sizeof path, "%s-wal", db) >= (int)sizeof path)
        return;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return; /* no WAL: a checkpoint has put everything in the database file, synced */
    if (fdatasync(fd) != 0)
        perror("store worker: fdatasync of the WAL");
    close(fd);
}

static void append(struct store_job **head, struct store_job **tail, struct store_job *j)
{
    j->next = NULL;
    if (*tail)
        (*tail)->next = j;
    else
        *head = j;
    *tail = j;
}

static void *worker_main(void *arg)
{
    struct store_worker *w = arg;
    pthread_mutex_lock(&w->mu);
    for (;;) {
        while (!w->todo && !w->flush_wanted && !w->stopping)
            pthread_cond_wait(&w->changed, &w->mu);
        if (w->flush_wanted) {
            w->flush_wanted = 0;
            pthread_mutex_unlock(&w->mu);
            flush_wal(w);
            pthread_mutex_lock(&w->mu);
            w->flushes++;
            pthread_cond_broadcast(&w->changed);
            continue;
        }
        struct store_job *j = w->todo;
        if (!j)
            break; /* stopping with nothing left to run */
        w->todo = j->next;
        if (!w->todo)
            w->todo_tail = NULL;
        pthread_mutex_unlock(&w->mu);
        j->run(w->st, j);
        pthread_mutex_lock(&w->mu);
        j->finished = 1;
        append(&w->done, &w->done_tail, j);
        pthread_cond_broadcast(&w->changed);
        if (w->wake) {
            /* posting may take the owner's queue lock: not under ours */
            pthread_mutex_unlock(&w->mu);
            w->wake(w->wake_arg);
            pthread_mutex_lock(&w->mu);
        }
    }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

int store_worker_start(struct store *st, store_worker_wake_fn wake, void *arg,
                       struct store_worker **out)
{
    *out = NULL;
    struct store_worker *w = calloc(1, sizeof *w);
    if (!w)
        return STORE_ENOMEM;
    int rc = store_open_again(st, &w->st);
    if (rc != 0) {
        free(w);
        return rc;
    }
    w->wake = wake;
    w->wake_arg = arg;
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->changed, NULL);
    /* the owner's commits stop waiting for the disk: the worker syncs them when asked
     * (store_worker_flush), the worker's own commits stay durable at once */
    w->owner = st;
    sqlite3_commit_hook(st->db, on_owner_commit, w);
    if (store_exec(st, "PRAGMA synchronous=NORMAL") != 0 ||
        pthread_create(&w->thread, NULL, worker_main, w) != 0) {
        sqlite3_commit_hook(st->db, NULL, NULL);
        store_exec(st, "PRAGMA synchronous=FULL");
        pthread_cond_destroy(&w->changed);
        pthread_mutex_destroy(&w->mu);
        store_close(w->st);
        free(w);
        return STORE_ENOMEM;
    }
    *out = w;
    return 0;
}

void store_job_run_here(struct store *st, struct store_job *job)
{
    job->next = NULL;
    job->run(st, job);
    job->finished = 1;
    job->done(job);
}

void store_worker_submit(struct store_worker *w, struct store *st, struct store_job *job)
{
    if (!w) {
        store_job_run_here(st, job);
        return;
    }
    job->finished = 0;
    pthread_mutex_lock(&w->mu);
    append(&w->todo, &w->todo_tail, job);
    pthread_cond_broadcast(&w->changed);
    pthread_mutex_unlock(&w->mu);
}

void store_worker_collect(struct store_worker *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->mu);
    struct store_job *j = w->done;
    w->done = w->done_tail = NULL;
    pthread_mutex_unlock(&w->mu);
    while (j) {
        struct store_job *next = j->next; /* done may hand j to the worker again */
        j->done(j);
        j = next;
    }
}

void store_worker_wait(struct store_worker *w, struct store_job *job)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->mu);
    while (!job->finished)
        pthread_cond_wait(&w->changed, &w->mu);
    pthread_mutex_unlock(&w->mu);
    store_worker_collect(w);
}

void store_worker_flush(struct store_worker *w)
{
    if (!w || atomic_exchange(&w->unflushed, 0) == 0)
        return;
    pthread_mutex_lock(&w->mu);
    w->flush_wanted = 1;
    pthread_cond_broadcast(&w->changed);
    pthread_mutex_unlock(&w->mu);
}

unsigned store_worker_flushes(struct store_worker *w)
{
    pthread_mutex_lock(&w->mu);
    unsigned n = w->flushes;
    pthread_mutex_unlock(&w->mu);
    return n;
}

void store_worker_stop(struct store_worker *w)
{
    if (!w)
        return;
    /* the owner's connection waits for the disk again from here on */
    sqlite3_commit_hook(w->owner->db, NULL, NULL);
    store_exec(w->owner, "PRAGMA synchronous=FULL");
    pthread_mutex_lock(&w->mu);
    if (atomic_exchange(&w->unflushed, 0) != 0)
        w->flush_wanted = 1; /* flushed before the thread ends */
    w->stopping = 1;
    pthread_cond_broadcast(&w->changed);
    pthread_mutex_unlock(&w->mu);
    pthread_join(w->thread, NULL);
    store_worker_collect(w);
    pthread_cond_destroy(&w->changed);
    pthread_mutex_destroy(&w->mu);
    store_close(w->st);
    free(w);
}

/* --- the jobs ------------------------------------------------------------------------- */

static void login_run(struct store *st, struct store_job *job)
{
    struct store_login_job *j = (struct store_login_job *)job;
    j->rc = st ? store_officer_login(st, j->officer, j->pin, j->now_ms, &j->role) : STORE_EIO;
    sodium_memzero(j->pin, sizeof j->pin);
}

void store_login_job_init(struct store_login_job *j, const char *officer, const char *pin,
                          int64_t now_ms, void (*done)(struct store_job *), void *owner)
{
    memset(j, 0, sizeof *j);
    j->job.run = login_run;
    j->job.done = done;
    j->job.owner = owner;
    snprintf(j->officer, sizeof j->officer, "%s", officer ? officer : "");
    snprintf(j->pin, sizeof j->pin, "%s", pin ? pin : "");
    j->now_ms = now_ms;
    j->rc = STORE_EIO;
}

static void queue_run(struct store *st, struct store_job *job)
{
    struct store_queue_job *j = (struct store_queue_job *)job;
    j->rc = st ? store_queue(st, j->app, j->now_ms) : STORE_EIO;
}

void store_queue_job_init(struct store_queue_job *j, struct application *app, int64_t now_ms,
                          void (*done)(struct store_job *), void *owner)
{
    memset(j, 0, sizeof *j);
    j->job.run = queue_run;
    j->job.done = done;
    j->job.owner = owner;
    j->app = app;
    j->now_ms = now_ms;
    j->rc = STORE_EIO;
}
