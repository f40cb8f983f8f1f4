/* process.c: the composition root (see process.h). */
#include "kiosk/process/process.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/base/log.h"
#include "kiosk/base/service_notify.h"
#include "kiosk/model/timefmt.h"
#include "kiosk/store/store_worker.h"
#include "sync/sync.h"

/* Wakes the loop at least this often, so that the before-sleep hook feeds the watchdog even
 * when nothing happens (a quarter of WatchdogSec= when systemd asked for one). */
#define PROCESS_IDLE_WAKE_MS 1000

struct kiosk_process {
    struct config cfg;
    struct process_opts opts;
    struct process_front front; /* on the loop's thread */
    struct store *st;
    struct store_worker *worker;
    struct devices *dev;
    const struct runner_dev_ops *dev_ops;
    void *dev_handle;
    struct sync *sync;
    struct runner *r;
    struct proc_loop *loop;
    atomic_long previews_dropped;
    long previews_handed; /* on the loop's thread */
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
    if (p->front.device_seen)
        p->front.device_seen(ev->type, p->front.arg);
    p->previews_handed += ev->type == DEV_PREVIEW;
    if (p->front.device) {
        p->front.device(ev, p->front.arg); /* the front end hands it to the runner */
        return;
    }
    struct dev_event *frame = NULL;
    runner_device_event(p->r, ev, &frame);
    dev_event_free(frame);
}

static void device_dropped(void *arg)
{
    struct posted_result *pr = arg;
    dev_event_free(pr->ev);
    free(pr);
}

void process_post_device(struct dev_event *ev, void *arg)
{
    struct kiosk_process *p = arg;
    if (!ev)
        return; /* the poster ran out of memory: the runner's deadline tells the officer */
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
    if (p->front.stored)
        p->front.stored(p->front.arg);
}

/* The runner's notes, to whichever front end is attached now. */
static void runner_note(const struct runner_note *n, void *arg)
{
    struct kiosk_process *p = arg;
    if (p->front.note)
        p->front.note(n, p->front.arg);
}

/* A sync report on its way from the sync thread to the loop's. */
struct posted_sync {
    struct kiosk_process *p;
    struct process_sync_status s;
};

/* A sync report, on the loop's thread. */
static void sync_report(void *arg)
{
    struct posted_sync *ps = arg;
    if (ps->p->front.sync_status)
        ps->p->front.sync_status(&ps->s, ps->p->front.arg);
    free(ps);
}

/* From the sync thread after each pass: the unit's STATUS= line, and the report posted to
 * the loop (never blocks). */
static void sync_notify(const struct sync_status *s, void *arg)
{
    struct kiosk_process *p = arg;
    struct posted_sync *ps = calloc(1, sizeof *ps);
    if (ps) {
        ps->p = p;
        ps->s = (struct process_sync_status){
            .online = s->online, .pending = s->pending, .last_success_ms = s->last_success_ms};
        snprintf(ps->s.last_error, sizeof ps->s.last_error, "%s", s->last_error);
        if (proc_loop_post(p->loop, sync_report, free, ps) != 0)
            free(ps); /* out of memory: the next pass reports again */
    }
    /* counts and times only, never an application's content */
    char status[200], when[17] = "never";
    if (s->last_success_ms > 0)
        time_local_display(s->last_success_ms, when);
    snprintf(status, sizeof(status), "sync %s, %ld waiting, last delivery %s%s%.80s",
             s->online ? "online" : "offline", (long)s->pending, when,
             s->last_error[0] ? ", last error: " : "", s->last_error);
    service_status(status);
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
    p->front = o->front;
    p->st = st;
    proc_loop_before_sleep(p->loop, before_sleep, p);
    proc_loop_timer(p->loop, 0, idle_wake, p);
    if (o->dev_ops) {
        p->dev_ops = o->dev_ops;
        p->dev_handle = o->dev;
    } else if (!o->no_devices) {
        if (devices_start(&p->cfg, process_post_device, p, &p->dev, err, errlen) != 0) {
            proc_loop_free(p->loop);
            free(p);
            return -1;
        }
        p->dev_ops = &devices_runner_ops;
        p->dev_handle = p->dev;
    }
    p->r = runner_new(&p->cfg, st, p->dev_ops, p->dev_handle, runner_note, p);
    if (!p->r) {
        snprintf(err, errlen, "out of memory");
        process_stop(p);
        return -1;
    }
    if (o->store_worker && st && store_worker_start(st, store_wake, p, &p->worker) == 0)
        runner_set_store_worker(p->r, p->worker);
    if (o->sync_keys && p->cfg.upstream_url[0] && o->sync_keys->have_upstream_pk)
        p->sync = sync_start(&p->cfg, o->sync_keys, sync_notify, p);
    if (o->sync_keys && !p->sync)
        log_line(LOG_WARNING, "no upstream sync this session (no upstream configured or it "
                              "could not start); applications stay queued");
    *out = p;
    return 0;
}

void process_set_front(struct kiosk_process *p, const struct process_front *f)
{
    if (f)
        p->front = *f;
    else
        memset(&p->front, 0, sizeof p->front);
}

void process_stop(struct kiosk_process *p)
{
    if (!p)
        return;
    sync_stop(p->sync); /* an upload in flight resumes next time; no report after this */
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

struct store *process_store(struct kiosk_process *p)
{
    return p->st;
}

struct store_worker *process_store_worker(struct kiosk_process *p)
{
    return p->worker;
}

int process_syncing(const struct kiosk_process *p)
{
    return p->sync != NULL;
}

void process_camera_capture(struct kiosk_process *p, int officer_override)
{
    if (p->dev)
        devices_camera_capture(p->dev, officer_override);
    else if (p->opts.camera_capture)
        p->opts.camera_capture(p->dev_handle, officer_override);
}

const struct runner_dev_ops *process_dev_ops(const struct kiosk_process *p)
{
    return p->dev_ops;
}

void *process_dev(const struct kiosk_process *p)
{
    return p->dev_handle;
}

int process_devices_simulated(const struct kiosk_process *p)
{
    const struct config *c = &p->cfg;
    return (p->dev_ops && !p->dev) || strncmp(c->card_device, "sim", 3) == 0 ||
           strncmp(c->camera_device, "sim", 3) == 0 ||
           strncmp(c->fingerprint_device, "sim", 3) == 0;
}

const struct config *process_config(const struct kiosk_process *p)
{
    return &p->cfg;
}

long process_previews_dropped(const struct kiosk_process *p)
{
    return atomic_load(&p->previews_dropped);
}

long process_previews_handed(const struct kiosk_process *p)
{
    return p->previews_handed;
}
