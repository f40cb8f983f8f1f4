/* runner.h: runs one enrolment workflow against the real world.
 *
 * The runner owns a workflow (workflow.h) and carries out its actions: it asks the device
 * workers (kiosk/devices, through runner_dev_ops) for card reads and captures, the store for
 * duplicate checks and queuing, writes the audit trail, and turns device results back into workflow
 * events. The UI, `kiosk demo` and `kiosk enrol` all drive enrolments through it, so the same
 * transitions happen whatever the front end. Single-threaded: call it from one thread (the
 * UI's main loop); device results arrive there as dev_events, and the results of the slow
 * store calls (queue commit, approver's PIN check) through the store worker's collect when
 * one is set (runner_set_store_worker), else at once. */
#ifndef KIOSK_RUNNER_H
#define KIOSK_RUNNER_H

#include "kiosk/config/config.h"
#include "kiosk/workflow/dev_event.h"
#include "kiosk/store/store.h"
#include "kiosk/store/store_worker.h"
#include "kiosk/workflow/workflow.h"

/* What the runner tells its front end besides the workflow state. */
struct runner_note {
    enum msg_id msg; /* a core message, or MSG_NONE */
    /* or a device's failure: its domain and code (MSGD_NONE if none), worded by the front
     * end with kiosk/messages */
    enum msg_domain domain;
    int code;
    int is_error;
};

typedef void (*runner_note_fn)(const struct runner_note *note, void *arg);

/* What the runner asks of the devices: devices.c provides devices_runner_ops; tests may
 * give their own. Every call returns at once; results come back via runner_device_event,
 * each carrying the id of the request it answers (req->req_id, req_id). */
struct runner_dev_ops {
    void (*card_read)(void *dev, const struct dev_card_request *req);
    void (*card_cancel)(void *dev);
    /* chip_face: the chip's photo the portrait taken is compared with (the face check), or
     * an empty blob; the worker copies it */
    void (*camera_start)(void *dev, uint32_t req_id, const struct app_blob *chip_face);
    void (*camera_stop)(void *dev);
    void (*finger_capture)(void *dev, enum finger f, uint32_t req_id);
    void (*finger_cancel)(void *dev);
    /* 1 when a and b are captures of the same finger (on the caller's thread) */
    int (*same_finger)(void *dev, const struct app_finger *a, const struct app_finger *b);
    /* Optional, instead of finger_capture: the worker also compares the capture with the
     * earlier ones given (it copies them; those with an image count), off the caller's
     * thread, and says which it matches in the DEV_FINGER_DONE (same_checked, same_as); the
     * runner then decides as with same_finger. */
    void (*finger_capture_unlike)(void *dev, enum finger f, uint32_t req_id,
                                  const struct app_finger *earlier, int n_earlier);
};

struct runner;

/* ops/dev may be NULL: then device actions are left to the caller (enrol --from FILE feeds
 * the results as events itself). */
struct runner *runner_new(const struct config *cfg, struct store *st,
                          const struct runner_dev_ops *ops, void *dev, runner_note_fn note,
                          void *arg);
void runner_free(struct runner *r);
/* The clock each event is judged by (kiosk/workflow/clock_guard.h); NULL: the system's. */
struct clock_source;
void runner_set_clock(struct runner *r, const struct clock_source *src);
/* The clock set (the system's when none was). */
const struct clock_source *runner_clock(const struct runner *r);
/* How the free space of the data directory is read (kiosk/store/store_room.h); NULL:
 * statvfs. Tests fake a disk with it where they cannot mount one. */
void runner_set_disk_probe(struct runner *r, int (*free_fn)(const char *dir, int64_t *free_bytes));

/* The officer logged in (NULL when logged out: the enrolment in progress is wiped). */
void runner_set_officer(struct runner *r, const char *officer_id);
const char *runner_officer(const struct runner *r);

/* Feeds a workflow event (officer input, clock tick) and carries out the actions. Returns
 * wf_handle's result. */
int runner_event(struct runner *r, struct wf_event *ev);
/* Feeds a device result; frees it. A result whose req_id is not the request of its device
 * the runner waits for (cancelled, superseded, or none asked) is dropped: returns 0 and
 * changes nothing. Preview frames are not workflow events: they are handed back through
 * *frame_out (caller frees with dev_event_free) when frame_out is non-NULL. */
int runner_device_event(struct runner *r, struct dev_event *ev, struct dev_event **frame_out);

/* The queue commit and the approver's PIN check run on w from now on (NULL: on the caller's
 * thread). The front end calls store_worker_collect(w) on this thread when w wakes it. */
void runner_set_store_worker(struct runner *r, struct store_worker *w);
/* 1 while a store job is out (the application is being queued, a PIN checked). */
int runner_store_busy(const struct runner *r);

/* The one approval operation, for every front end (touchscreen, demo, enrol --from): the
 * approver signs in with their PIN (counted and audited by the store), must hold the
 * supervisor role (Lãnh đạo đơn vị) and must not be the officer running the enrolment (nor
 * the one signed in); then every exception the policy has pending at this step is approved,
 * with reason: the code picked from the rule's fixed list (pol_rule_reasons), or NULL when
 * the rule has one. Each approval is recorded in the application and audited. Returns
 * MSG_NONE, or why not (also told through the note callback; refusals are audited). With a
 * store worker the PIN check runs there: MSG_PIN_CHECKING is returned at once and the
 * outcome is runner_approval_result() once runner_store_busy() is 0. */
enum msg_id runner_approve(struct runner *r, const char *approver, const char *pin,
                           const char *reason);
/* The last approval's outcome: MSG_NONE, why not, or MSG_PIN_CHECKING while checked. */
enum msg_id runner_approval_result(const struct runner *r);

/* Card step helpers: start a chip read with the ID typed or scanned. */
void runner_card_read(struct runner *r, const struct dev_card_request *req);

const struct wf *runner_wf(const struct runner *r);
/* The enrolment started now redoes the rejected application rejected_id (NULL clears): it
 * is queued with that link, which moves the rejected one to redo and takes it off the recall
 * worklist. Forgotten when the citizen's data are wiped. Call after starting the enrolment. */
void runner_set_redo_of(struct runner *r, const char *rejected_id);
/* The id of the request each device class is being waited on for, 0 when none. */
enum runner_device { RUNNER_CARD = 0, RUNNER_CAMERA, RUNNER_FINGER };
uint32_t runner_request_id(const struct runner *r, enum runner_device which);
/* The id of the last application queued by this runner ("" if none). */
const char *runner_last_queued(const struct runner *r);

#endif
