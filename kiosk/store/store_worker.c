/* store_worker.c: the store worker (store_worker.h): one thread, a queue of jobs to run and a
 * list of jobs finished, one mutex over both. The jobs are the owners' memory: the worker
 * links them, runs them and hands them back; it allocates nothing per job. */
#include "kiosk/store/store_worker.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct store_worker {
    struct store *st; /* the worker's own connection */
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t changed; /* a job queued, a job finished, or stop */
    struct store_job *todo, *todo_tail, *done, *done_tail;
    int stopping;
    store_worker_wake_fn wake;
    void *wake_arg;
};

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
        while (!w->todo && !w->stopping)
            pthread_cond_wait(&w->changed, &w->mu);
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
    if (pthread_create(&w->thread, NULL, worker_main, w) != 0) {
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

void store_worker_stop(struct store_worker *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->mu);
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
