/* loop.h: the process's one event loop. Any thread posts work to it (a device worker's
 * result, the store worker's wake-up, the sync thread's status); the loop's own thread runs
 * the posted work in the order it was posted, runs timers (each returns the delay until it
 * wants to run again), and before each sleep calls the before-sleep hooks (the composition
 * root feeds the systemd watchdog there: a loop stuck anywhere stops feeding it).
 *
 * Two ways to run it. A front end with nothing else to wait for (the demo, `enrol --from`)
 * runs it (proc_loop_run, proc_loop_run_until): the loop sleeps on its own condition
 * variable. A front end that must wait on something else on the same thread (the
 * touchscreen waits in SDL_WaitEventTimeout) drives it: it sets a wake hook, which the loop
 * calls from the posting thread whenever work arrives in an empty queue (the UI's pushes an
 * SDL event, so SDL's wait returns), and in each pass of its own loop it calls
 * proc_loop_dispatch (the timers due and the work posted; returns the delay until the next
 * timer) and, just before it waits, proc_loop_before_sleeping; it waits no longer than the
 * delay dispatch returned. */
#ifndef KIOSK_PROCESS_LOOP_H
#define KIOSK_PROCESS_LOOP_H

#include <stdint.h>

struct proc_loop;

typedef void (*proc_loop_fn)(void *arg);
/* A timer: runs at its due time on the loop's thread; returns the delay in ms until its next
 * run, or a negative number to stop. */
typedef int64_t (*proc_timer_fn)(void *arg, int64_t now_ms);

#define PROC_LOOP_MAX_TIMERS 16
#define PROC_LOOP_MAX_HOOKS  4

/* NULL when out of memory. */
struct proc_loop *proc_loop_new(void);
/* Frees the loop; posted work not run is dropped (its drop function, when given, is called so
 * its argument can be freed). The loop must not be running. */
void proc_loop_free(struct proc_loop *l);

/* From any thread: fn(arg) runs on the loop's thread, after what was posted before. drop (may be
 * NULL) is called instead when the loop is freed first. 0, or -1 when out of memory (nothing
 * will run; the caller still owns arg). */
int proc_loop_post(struct proc_loop *l, proc_loop_fn fn, proc_loop_fn drop, void *arg);

/* On the loop's thread (or before it runs): fn runs first after delay_ms. 0, or -1 when the
 * table is full. */
int proc_loop_timer(struct proc_loop *l, int64_t delay_ms, proc_timer_fn fn, void *arg);

/* On the loop's thread (or before it runs): fn(arg) runs before every sleep. 0 or -1 (full). */
int proc_loop_before_sleep(struct proc_loop *l, proc_loop_fn fn, void *arg);

/* Runs the loop on the calling thread until proc_loop_quit. */
void proc_loop_run(struct proc_loop *l);

/* Runs the loop until until(arg) is true (checked after each pass) or timeout_ms passed (a
 * script front end, such as the demo, waits for the state it needs this way). 0 when until
 * became true, -1 on timeout or quit. */
int proc_loop_run_until(struct proc_loop *l, int (*until)(void *arg), void *arg,
                        int64_t timeout_ms);

/* From any thread: proc_loop_run returns after the current pass. */
void proc_loop_quit(struct proc_loop *l);

/* A loop driven from another wait (see above): wake(arg) is called from the posting thread,
 * outside the loop's lock, when work is posted to an empty queue and when quit is asked; it
 * must not block. NULL removes it. Any thread. */
void proc_loop_set_wake(struct proc_loop *l, proc_loop_fn wake, void *arg);
/* On the loop's thread: one pass without sleeping: the timers due, then the work posted
 * before the call. Returns the delay in ms until the next timer is due (0 when one already
 * is), or PROC_LOOP_NO_TIMER when there is none. */
#define PROC_LOOP_NO_TIMER INT64_MAX
int64_t proc_loop_dispatch(struct proc_loop *l);
/* On the loop's thread, just before the driving front end waits: the before-sleep hooks. */
void proc_loop_before_sleeping(struct proc_loop *l);

/* How many passes the loop made (tests). */
uint64_t proc_loop_passes(struct proc_loop *l);

#endif
