/* loop.c: the event loop (see loop.h): a mutex-guarded list of posted work, a condition
 * variable on the monotonic clock to sleep until the next timer or post, the timers and
 * hooks in small fixed tables owned by the loop's thread. */
#include "kiosk/process/loop.h"

#include <pthread.h>
#include <stdlib.h>
#include <time.h>

struct posted {
    proc_loop_fn fn, drop;
    void *arg;
    struct posted *next;
};

struct timer {
    proc_timer_fn fn;
    void *arg;
    int64_t due;
};

struct hook {
    proc_loop_fn fn;
    void *arg;
};

struct proc_loop {
    pthread_mutex_t mu;
    pthread_cond_t posted_cv;
    struct posted *head, *tail; /* under mu */
    int quit;                   /* under mu */
    proc_loop_fn wake;          /* under mu */
    void *wake_arg;             /* under mu */
    struct timer timers[PROC_LOOP_MAX_TIMERS];
    int n_timers;
    struct hook hooks[PROC_LOOP_MAX_HOOKS];
    int n_hooks;
    uint64_t passes;
};

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct proc_loop *proc_loop_new(void)
{
    struct proc_loop *l = calloc(1, sizeof *l);
    if (!l)
        return NULL;
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_mutex_init(&l->mu, NULL);
    pthread_cond_init(&l->posted_cv, &ca);
    pthread_condattr_destroy(&ca);
    return l;
}

void proc_loop_free(struct proc_loop *l)
{
    if (!l)
        return;
    for (struct posted *p = l->head, *next; p; p = next) {
        next = p->next;
        if (p->drop)
            p->drop(p->arg);
        free(p);
    }
    pthread_cond_destroy(&l->posted_cv);
    pthread_mutex_destroy(&l->mu);
    free(l);
}

int proc_loop_post(struct proc_loop *l, proc_loop_fn fn, proc_loop_fn drop, void *arg)
{
    struct posted *p = malloc(sizeof *p);
    if (!p)
        return -1;
    *p = (struct posted){fn, drop, arg, NULL};
    pthread_mutex_lock(&l->mu);
    int was_empty = !l->head;
    if (l->tail)
        l->tail->next = p;
    else
        l->head = p;
    l->tail = p;
    pthread_cond_signal(&l->posted_cv);
    /* one wake per empty-to-waiting change: the driver takes the whole queue each pass */
    proc_loop_fn wake = was_empty ? l->wake : NULL;
    void *wake_arg = l->wake_arg;
    pthread_mutex_unlock(&l->mu);
    if (wake)
        wake(wake_arg);
    return 0;
}

void proc_loop_set_wake(struct proc_loop *l, proc_loop_fn wake, void *arg)
{
    pthread_mutex_lock(&l->mu);
    l->wake = wake;
    l->wake_arg = arg;
    pthread_mutex_unlock(&l->mu);
}

int proc_loop_timer(struct proc_loop *l, int64_t delay_ms, proc_timer_fn fn, void *arg)
{
    if (l->n_timers == PROC_LOOP_MAX_TIMERS)
        return -1;
    l->timers[l->n_timers++] = (struct timer){fn, arg, mono_ms() + (delay_ms > 0 ? delay_ms : 0)};
    return 0;
}

int proc_loop_before_sleep(struct proc_loop *l, proc_loop_fn fn, void *arg)
{
    if (l->n_hooks == PROC_LOOP_MAX_HOOKS)
        return -1;
    l->hooks[l->n_hooks++] = (struct hook){fn, arg};
    return 0;
}

void proc_loop_quit(struct proc_loop *l)
{
    pthread_mutex_lock(&l->mu);
    l->quit = 1;
    pthread_cond_signal(&l->posted_cv);
    proc_loop_fn wake = l->wake;
    void *wake_arg = l->wake_arg;
    pthread_mutex_unlock(&l->mu);
    if (wake)
        wake(wake_arg);
}

uint64_t proc_loop_passes(struct proc_loop *l)
{
    return l->passes;
}

/* Runs the timers that are due; returns the earliest due time left (INT64_MAX: none). */
static int64_t run_timers(struct proc_loop *l)
{
    int64_t now = mono_ms(), next = INT64_MAX;
    for (int i = 0; i < l->n_timers;) {
        struct timer *t = &l->timers[i];
        if (t->due <= now) {
            int64_t d = t->fn(t->arg, now);
            if (d < 0) {
                l->timers[i] = l->timers[--l->n_timers]; /* stopped */
                continue;
            }
            t->due = now + d;
        }
        if (t->due < next)
            next = t->due;
        i++;
    }
    return next;
}

/* The timers due and the work posted so far; returns the earliest due time left. */
static int64_t run_due(struct proc_loop *l)
{
    l->passes++;
    int64_t next = run_timers(l);
    pthread_mutex_lock(&l->mu);
    struct posted *p = l->head;
    l->head = l->tail = NULL;
    pthread_mutex_unlock(&l->mu);
    while (p) {
        struct posted *n = p->next;
        p->fn(p->arg);
        free(p);
        p = n;
    }
    return next;
}

void proc_loop_before_sleeping(struct proc_loop *l)
{
    for (int i = 0; i < l->n_hooks; i++)
        l->hooks[i].fn(l->hooks[i].arg);
}

int64_t proc_loop_dispatch(struct proc_loop *l)
{
    int64_t next = run_due(l);
    if (next == INT64_MAX)
        return PROC_LOOP_NO_TIMER;
    int64_t now = mono_ms();
    return next > now ? next - now : 0;
}

/* One pass: the timers due, the work posted, the hooks, then (unless done(arg) is true) a
 * sleep until the next timer or post (at most max_wait_ms). 1 when quit was asked. */
static int pass(struct proc_loop *l, int64_t max_wait_ms, int (*done)(void *), void *arg)
{
    int64_t next = run_due(l);
    proc_loop_before_sleeping(l);
    int64_t now = mono_ms(), until = now + max_wait_ms;
    if (next < until)
        until = next;
    pthread_mutex_lock(&l->mu);
    int skip = done && done(arg);
    if (!skip && !l->head && !l->quit && until > now) {
        struct timespec ts = {.tv_sec = until / 1000, .tv_nsec = (long)(until % 1000) * 1000000L};
        pthread_cond_timedwait(&l->posted_cv, &l->mu, &ts);
    }
    int quit = l->quit;
    pthread_mutex_unlock(&l->mu);
    return quit;
}

void proc_loop_run(struct proc_loop *l)
{
    while (!pass(l, 1000, NULL, NULL))
        ;
    pthread_mutex_lock(&l->mu);
    l->quit = 0;
    pthread_mutex_unlock(&l->mu);
}

int proc_loop_run_until(struct proc_loop *l, int (*until)(void *arg), void *arg, int64_t timeout_ms)
{
    int64_t end = mono_ms() + timeout_ms;
    while (!until(arg)) {
        int64_t left = end - mono_ms();
        if (left <= 0)
            return -1;
        if (pass(l, left < 1000 ? left : 1000, until, arg)) {
            pthread_mutex_lock(&l->mu);
            l->quit = 0;
            pthread_mutex_unlock(&l->mu);
            return until(arg) ? 0 : -1;
        }
    }
    return 0;
}
