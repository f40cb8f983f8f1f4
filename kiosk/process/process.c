/* process.c: the composition root (see process.h). */
#include "kiosk/process/process.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#include "kiosk/base/service_notify.h"
#include "kiosk/store/store_worker.h"

/* Wakes the loop at least this often, so that the before-sleep hook feeds the watchdog even
 * when nothing happens (a quarter of WatchdogSec= when systemd asked for one). */
#define PROCESS_IDLE_WAKE_MS 1000

struct kiosk_process {
    struct config cfg;
    struct process_opts opts;
    struct store *st;
    struct store_worker *worker;
    struct devices *dev;
    struct runner *r;
    struct proc_loop *loop;
    atomic_long previews_dropped;
};

/* A device result on its way from a worker's thread to the loop's. */
struct posted_result {
    struct kiosk_process *p;
    struct dev_event *ev;
};

/* A device result, on the loop's thread. */
static void device_result(void *arg)
{
    struct posted_result *pr = arg;
    struct kiosk_process *p = pr->p;
    struct dev_event *ev = pr->ev;
    free(pr);
    if (p->opts.device_seen)
        p->opts.device_seen(ev->type, p->opts.note_arg);
    struct dev_event *frame = NULL;
    runner_device_event(p->r, ev, &frame);
    dev_event_free(frame); /* a headful front end takes frames itself (not yet moved here) */
}

static void device_dropped(void *arg)
{
    struct posted_result *pr = arg;
    dev_event_free(pr->ev);
    free(pr);
}

/* From a device worker's thread. */
static void device_post(struct dev_event *ev, void *arg)
{
    struct kiosk_process *p = arg;
    if (p->opts.headless && (ev->type == DEV_PREVIEW || ev->type == DEV_CARD_PROGRESS)) {
        if (ev->type == DEV_PREVIEW)
            atomic_fetch_add(&p->previews_dropped, 1);
        dev_event_free(ev);
        return;
    }
    struct posted_result *pr = malloc(sizeof *pr);
    if (pr)
        *pr = (struct posted_result){p, ev};
    if (!pr || proc_loop_post(p->loop, device_result, device_dropped, pr) != 0) {
        free(pr);
        dev_event_free(ev); /* out of memory: the runner's deadline tells the officer */
    }
}

static void store_collect(void *arg)
{
    struct kiosk_process *p = arg;
    store_worker_collect(p->worker);
}

/* From the store worker's thread: a job finished. */
static void store_wake(void *arg)
{
    struct kiosk_process *p = arg;
    proc_loop_post(p->loop, store_collect, NULL, p);
}

static void before_sleep(void *arg)
{
    struct kiosk_process *p = arg;
    store_worker_flush(p->worker); /* this thread's commits: synced by the worker */
    service_alive();
}

static int64_t idle_wake(void *arg, int64_t now_ms)
{
    (void)arg;
    (void)now_ms;
    uint64_t quarter = service_watchdog_usec() / 4000;
    return quarter > 0 && quarter < PROCESS_IDLE_WAKE_MS ? (int64_t)quarter : PROCESS_IDLE_WAKE_MS;
}

int process_start(const struct config *cfg, struct store *st, const struct process_opts *o,
                  struct kiosk_process **out, char *err, size_t errlen)
{
    *out = NULL;
    struct kiosk_process *p = calloc(1, sizeof *p);
    if (!p || !(p->loop = proc_loop_new())) {
        free(p);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    p->cfg = *cfg;
    p->opts = *o;
    p->st = st;
    proc_loop_before_sleep(p->loop, before_sleep, p);
    proc_loop_timer(p->loop, 0, idle_wake, p);
    if (!o->no_devices && devices_start(&p->cfg, device_post, p, &p->dev, err, errlen) != 0) {
        proc_loop_free(p->loop);
        free(p);
        return -1;
    }
    p->r = runner_new(&p->cfg, st, o->no_devices ? NULL : &devices_runner_ops, p->dev, o->note,
                      o->note_arg);
    if (!p->r) {
        snprintf(err, errlen, "out of memory");
        process_stop(p);
        return -1;
    }
    if (o->store_worker && st && store_worker_start(st, store_wake, p, &p->worker) == 0)
        runner_set_store_worker(p->r, p->worker);
    *out = p;
    return 0;
}

void process_stop(struct kiosk_process *p)
{
    if (!p)
        return;
    if (p->dev)
        devices_stop(p->dev); /* nothing is posted after this */
    if (p->r)
        runner_set_store_worker(p->r, NULL); /* the job out is finished and taken in */
    store_worker_stop(p->worker);            /* its last jobs' wake-ups are posted */
    proc_loop_free(p->loop);                 /* what was posted and not run is dropped */
    runner_free(p->r);
    free(p);
}

struct proc_loop *process_loop(struct kiosk_process *p)
{
    return p->loop;
}

struct runner *process_runner(struct kiosk_process *p)
{
    return p->r;
}

struct devices *process_devices(struct kiosk_process *p)
{
    return p->dev;
}

const struct config *process_config(const struct kiosk_process *p)
{
    return &p->cfg;
}

long process_previews_dropped(const struct kiosk_process *p)
{
    return atomic_load(&p->previews_dropped);
}
