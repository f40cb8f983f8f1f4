/* test_process_loop.c: the composition root's event loop (kiosk/process/loop.h): work posted
 * from other threads runs on the loop's thread in the order posted, timers run again after the
 * delay they return and stop when it is negative, the before-sleep hook runs on every pass,
 * run_until returns when its condition holds or on its timeout, work never run is dropped
 * through its drop function, and a loop driven from another wait (the UI's) is woken once per
 * batch posted, from the posting thread, and dispatched without sleeping. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "kiosk/process/loop.h"
#include "tests/test.h"

#define POSTERS    4
#define PER_POSTER 500

struct posting {
    struct proc_loop *l;
    int who;
};

static int g_last[POSTERS], g_order_ok = 1, g_ran, g_wrong_thread;
static pthread_t g_loop_thread;

struct item {
    int who, seq;
};

static void run_item(void *arg)
{
    struct item *it = arg;
    if (!pthread_equal(pthread_self(), g_loop_thread))
        g_wrong_thread++;
    if (it->seq != g_last[it->who] + 1)
        g_order_ok = 0;
    g_last[it->who] = it->seq;
    g_ran++;
    free(it);
}

static void *poster(void *arg)
{
    struct posting *p = arg;
    for (int i = 1; i <= PER_POSTER; i++) {
        struct item *it = malloc(sizeof *it);
        *it = (struct item){p->who, i};
        proc_loop_post(p->l, run_item, NULL, it);
    }
    return NULL;
}

static int all_ran(void *arg)
{
    (void)arg;
    return g_ran == POSTERS * PER_POSTER;
}

TEST(work_posted_from_threads_runs_on_the_loop_in_order)
{
    struct proc_loop *l = proc_loop_new();
    CHECK(l != NULL);
    g_loop_thread = pthread_self();
    pthread_t t[POSTERS];
    struct posting p[POSTERS];
    for (int i = 0; i < POSTERS; i++) {
        p[i] = (struct posting){l, i};
        pthread_create(&t[i], NULL, poster, &p[i]);
    }
    CHECK_INT(proc_loop_run_until(l, all_ran, NULL, 20000), 0);
    for (int i = 0; i < POSTERS; i++)
        pthread_join(t[i], NULL);
    CHECK_INT(g_ran, POSTERS * PER_POSTER);
    CHECK(g_order_ok);
    CHECK_INT(g_wrong_thread, 0);
    proc_loop_free(l);
}

static int g_ticks, g_hooks;

static int64_t three_times(void *arg, int64_t now_ms)
{
    (void)now_ms;
    struct proc_loop *l = arg;
    if (++g_ticks == 3) {
        proc_loop_quit(l);
        return -1; /* stops */
    }
    return 5;
}

static void hook(void *arg)
{
    (void)arg;
    g_hooks++;
}

TEST(timers_run_again_after_their_delay_and_hooks_before_each_sleep)
{
    struct proc_loop *l = proc_loop_new();
    CHECK(l != NULL);
    CHECK_INT(proc_loop_timer(l, 0, three_times, l), 0);
    CHECK_INT(proc_loop_before_sleep(l, hook, NULL), 0);
    proc_loop_run(l); /* returns at the third tick's quit */
    CHECK_INT(g_ticks, 3);
    CHECK(g_hooks >= 3);
    CHECK(proc_loop_passes(l) >= 3);
    proc_loop_free(l);
}

static int never(void *arg)
{
    (void)arg;
    return 0;
}

static int g_dropped;

static void drop(void *arg)
{
    (void)arg;
    g_dropped++;
}

static void must_not_run(void *arg)
{
    (void)arg;
    g_ran = -1;
}

TEST(run_until_times_out_and_unrun_work_is_dropped)
{
    struct proc_loop *l = proc_loop_new();
    CHECK(l != NULL);
    CHECK_INT(proc_loop_run_until(l, never, NULL, 50), -1);
    g_ran = 0;
    CHECK_INT(proc_loop_post(l, must_not_run, drop, NULL), 0);
    CHECK_INT(proc_loop_post(l, must_not_run, drop, NULL), 0);
    proc_loop_free(l);
    CHECK_INT(g_dropped, 2);
    CHECK_INT(g_ran, 0);
}

/* A loop driven from another wait (the UI's SDL loop): the wake hook and dispatch. */
static atomic_int g_wakes;
static pthread_t g_waker;
static int g_items, g_drive_hooks;

static void wake(void *arg)
{
    (void)arg;
    g_waker = pthread_self();
    atomic_fetch_add(&g_wakes, 1);
}

static void item(void *arg)
{
    (void)arg;
    g_items++;
}

static void drive_hook(void *arg)
{
    (void)arg;
    g_drive_hooks++;
}

static int64_t later(void *arg, int64_t now_ms)
{
    (void)arg;
    (void)now_ms;
    return 10000;
}

static void *post_one(void *arg)
{
    proc_loop_post(arg, item, NULL, NULL);
    return NULL;
}

TEST(a_driven_loop_is_woken_once_per_batch_and_dispatched_without_sleeping)
{
    struct proc_loop *l = proc_loop_new();
    CHECK(l != NULL);
    proc_loop_set_wake(l, wake, NULL);
    CHECK_INT(proc_loop_before_sleep(l, drive_hook, NULL), 0);
    /* three posts into an empty queue: one wake-up, the driver takes them all */
    for (int i = 0; i < 3; i++)
        CHECK_INT(proc_loop_post(l, item, NULL, NULL), 0);
    CHECK_INT(atomic_load(&g_wakes), 1);
    CHECK(proc_loop_dispatch(l) == PROC_LOOP_NO_TIMER);
    CHECK_INT(g_items, 3);
    CHECK_INT(g_drive_hooks, 0); /* the hooks are the driver's to run, before its own wait */
    proc_loop_before_sleeping(l);
    CHECK_INT(g_drive_hooks, 1);
    /* from another thread: the wake-up is called there, the work runs at the next dispatch */
    pthread_t t;
    CHECK_INT(pthread_create(&t, NULL, post_one, l), 0);
    pthread_join(t, NULL);
    CHECK_INT(atomic_load(&g_wakes), 2);
    CHECK(pthread_equal(g_waker, t));
    CHECK_INT(g_items, 3);
    /* a timer: dispatch says how long the driver may wait */
    CHECK_INT(proc_loop_timer(l, 10000, later, NULL), 0);
    int64_t wait = proc_loop_dispatch(l);
    CHECK_INT(g_items, 4);
    CHECK(wait > 0 && wait <= 10000);
    /* quit wakes the driver too; without a hook nothing is called */
    proc_loop_quit(l);
    CHECK_INT(atomic_load(&g_wakes), 3);
    proc_loop_set_wake(l, NULL, NULL);
    CHECK_INT(proc_loop_post(l, item, NULL, NULL), 0);
    CHECK_INT(atomic_load(&g_wakes), 3);
    proc_loop_dispatch(l);
    CHECK_INT(g_items, 5);
    proc_loop_free(l);
}

int main(void)
{
    RUN(work_posted_from_threads_runs_on_the_loop_in_order);
    RUN(timers_run_again_after_their_delay_and_hooks_before_each_sleep);
    RUN(run_until_times_out_and_unrun_work_is_dropped);
    RUN(a_driven_loop_is_woken_once_per_batch_and_dispatched_without_sleeping);
    return test_done();
}
