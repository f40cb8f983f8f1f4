/* process.h: the composition root. One kiosk_process owns, for the process's life, what the
 * front ends (the touchscreen, `kiosk demo`, `enrol --from`) share: the configuration, the
 * store's worker, the device workers, the sync thread, the runner and the one event loop
 * (loop.h). Device results, the store worker's wake-ups and the sync thread's reports are
 * posted to the loop from their threads and handed to the runner and the front end on the
 * loop's thread; before each sleep the loop flushes the store's commits (the store worker
 * syncs them) and feeds the systemd watchdog (kiosk/base/service_notify.h), with a timer
 * that wakes the loop often enough to feed it.
 *
 * A front end starts the process with its callbacks (struct process_front: what the runner
 * tells the officer, device results, sync reports), or attaches them later on the loop's
 * thread (process_set_front), sends officer events to the runner (process_runner) on the
 * loop's thread, and runs the loop: the demo and `enrol --from` with proc_loop_run_until;
 * the touchscreen (ui/ui_main.c) drives it from SDL's loop on its own thread (loop.h: the wake
 * hook, proc_loop_dispatch, proc_loop_before_sleeping), so the UI's loop and the process's
 * are one. */
#ifndef KIOSK_PROCESS_PROCESS_H
#define KIOSK_PROCESS_PROCESS_H

#include <stddef.h>
#include <stdint.h>

#include "kiosk/config/config.h"
#include "kiosk/devices/devices.h"
#include "kiosk/process/loop.h"
#include "kiosk/store/seal.h"
#include "kiosk/store/store.h"
#include "kiosk/workflow/runner.h"

struct kiosk_process;

/* The sync thread's report as a front end shows it (counts and plain words only). */
struct process_sync_status {
    int online;              /* the last pass reached the upstream */
    long pending;            /* applications not yet delivered */
    int64_t last_success_ms; /* 0: never */
    char last_error[160];    /* plain words, no personal data; "" when none */
};

/* What a front end receives, every call on the loop's thread; any member may be NULL. */
struct process_front {
    runner_note_fn note; /* what the runner tells the officer */
    /* each device result's type before the runner gets it (a script front end counts the
     * failures it retries) */
    void (*device_seen)(enum dev_event_type t, void *arg);
    /* a device result, taken over by the front end, which hands it to the runner itself
     * (runner_device_event) and shows what comes back (previews, progress); NULL: the process
     * hands it to the runner and drops what comes back */
    void (*device)(struct dev_event *ev, void *arg);
    /* after the store worker's finished jobs were completed (their done callbacks ran) */
    void (*stored)(void *arg);
    /* the sync thread's report after each pass */
    void (*sync_status)(const struct process_sync_status *s, void *arg);
    void *arg;
};

struct process_opts {
    struct process_front front;
    /* headless: live previews and card progress are counted and dropped, not handed on */
    int headless;
    /* the queue commit, the PIN checks and the front end's slow store jobs (an export) on a
     * store worker (results through the loop) */
    int store_worker;
    /* no device workers: the front end brings the devices' results itself (`enrol --from`
     * reads them from a script and feeds them to the runner as workflow events) */
    int no_devices;
    /* scripted devices instead of the device workers (the UI tests): the runner asks them
     * through dev_ops; they post their results with process_post_device; camera_capture is
     * the officer's Take */
    const struct runner_dev_ops *dev_ops;
    void *dev;
    void (*camera_capture)(void *dev, int officer_override);
    /* the sync thread, started with these keys (copied) when the configuration names an
     * upstream and the keys hold its key; NULL: no sync */
    const struct seal_keys *sync_keys;
};

/* Starts the device workers, the runner, the store worker, the sync thread and the loop for
 * cfg (copied) and st (the caller's, open until process_stop). 0, or -1 with the reason in
 * err. */
int process_start(const struct config *cfg, struct store *st, const struct process_opts *o,
                  struct kiosk_process **out, char *err, size_t errlen);

/* Stops the sync thread and the device workers (nothing is posted after them), stops the
 * store worker (its jobs completed, its commits synced), drops what was posted and not run,
 * frees the runner. */
void process_stop(struct kiosk_process *p);

/* On the loop's thread: the front end's callbacks from now on (NULL: none, as when a front end
 * leaves: notes and reports are dropped, device results go to the runner). */
void process_set_front(struct kiosk_process *p, const struct process_front *f);

/* Thread-safe dev_post_fn (arg: the process): a device result posted to the loop, as the
 * device workers do; scripted devices post theirs with it. */
void process_post_device(struct dev_event *ev, void *arg);

/* The officer's Take on the portrait step (the device workers' or the scripted camera's). */
void process_camera_capture(struct kiosk_process *p, int officer_override);
/* What the runner asks the devices through (NULL with no_devices) and their handle. */
const struct runner_dev_ops *process_dev_ops(const struct kiosk_process *p);
void *process_dev(const struct kiosk_process *p);
/* 1 when the devices are simulated (sim backends or scripted devices). */
int process_devices_simulated(const struct kiosk_process *p);

struct proc_loop *process_loop(struct kiosk_process *p);
struct runner *process_runner(struct kiosk_process *p);
struct devices *process_devices(struct kiosk_process *p); /* NULL without device workers */
struct store *process_store(struct kiosk_process *p);
/* NULL without a store worker (then store jobs run on the caller's thread). */
struct store_worker *process_store_worker(struct kiosk_process *p);
const struct config *process_config(const struct kiosk_process *p);
/* 1 while the sync thread runs. */
int process_syncing(const struct kiosk_process *p);
/* Live previews dropped by a headless process. */
long process_previews_dropped(const struct kiosk_process *p);
/* Live previews handed on by the loop so far (on the loop's thread; the UI benchmark times the
 * passes that took one). */
long process_previews_handed(const struct kiosk_process *p);

#endif
