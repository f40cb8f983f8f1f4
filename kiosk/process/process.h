/* process.h: the composition root. One kiosk_process owns, for the process's life, what the
 * front ends (the touchscreen, `kiosk demo`, `enrol --from`) share: the configuration, the
 * store's worker, the device workers, the runner and the one event loop (loop.h). Device
 * results and the store worker's wake-ups are posted to the loop from their threads and
 * handed to the runner on the loop's thread; before each sleep the loop flushes the store's
 * commits (the store worker syncs them) and feeds the systemd watchdog
 * (kiosk/base/service_notify.h), with a timer that wakes the loop often enough to feed it.
 *
 * A front end starts the process with its note callback (what the runner tells the officer),
 * sends officer events to the runner (process_runner) on the loop's thread, and waits for the
 * state it needs by running the loop (proc_loop_run, proc_loop_run_until).
 *
 * Front ends on it: the headless demo (kiosk/cli/cli_demo.c) and `enrol --from`
 * (kiosk/cli/cli_enrol.c, without device workers). Still to move: the touchscreen
 * (ui/ui_main.c), and sync. */
#ifndef KIOSK_PROCESS_PROCESS_H
#define KIOSK_PROCESS_PROCESS_H

#include <stddef.h>

#include "kiosk/config/config.h"
#include "kiosk/devices/devices.h"
#include "kiosk/process/loop.h"
#include "kiosk/store/store.h"
#include "kiosk/workflow/runner.h"

struct kiosk_process;

struct process_opts {
    runner_note_fn note; /* what the runner tells the officer (on the loop's thread) */
    void *note_arg;
    /* each device result's type before the runner gets it (a script front end counts the
     * failures it retries); may be NULL */
    void (*device_seen)(enum dev_event_type t, void *arg);
    /* headless: live previews and card progress are counted and dropped, not handed on */
    int headless;
    /* the queue commit and the PIN checks on a store worker (results through the loop) */
    int store_worker;
    /* no device workers: the front end brings the devices' results itself (`enrol --from`
     * reads them from a script and feeds them to the runner as workflow events) */
    int no_devices;
};

/* Starts the device workers, the runner and the loop for cfg (copied) and st (the caller's,
 * open until process_stop). 0, or -1 with the reason in err. */
int process_start(const struct config *cfg, struct store *st, const struct process_opts *o,
                  struct kiosk_process **out, char *err, size_t errlen);

/* Stops the device workers, drains the loop, stops the store worker (its commits synced),
 * frees the runner. */
void process_stop(struct kiosk_process *p);

struct proc_loop *process_loop(struct kiosk_process *p);
struct runner *process_runner(struct kiosk_process *p);
struct devices *process_devices(struct kiosk_process *p); /* NULL with no_devices */
const struct config *process_config(const struct kiosk_process *p);
/* Live previews dropped by a headless process. */
long process_previews_dropped(const struct kiosk_process *p);

#endif
