/* workflow.h: the enrolment workflow, a plain state machine: events in, actions out.
 *
 *   idle → card → review → portrait → fingers → contact → consent → queued
 *
 * It knows no screen, device, store or network. Whoever runs it (the UI, `kiosk demo`,
 * `kiosk enrol`, the tests) feeds it events (officer input, device results, store results,
 * clock ticks) and carries out the actions it returns (start a card read, capture a finger,
 * queue the application, show a notice...). See workflow.c for the transition table. */
#ifndef KIOSK_WORKFLOW_H
#define KIOSK_WORKFLOW_H

#include <stdint.h>

#include "kiosk/model/application.h"
#include "kiosk/model/msg.h"
#include "kiosk/workflow/policy.h"

enum wf_state {
    WF_IDLE = 0,
    WF_CARD,     /* waiting for the chip read (or the QR / manual entry) */
    WF_REVIEW,   /* officer checks the identity read */
    WF_PORTRAIT, /* live preview, quality checks */
    WF_FINGERS,  /* one finger after another */
    WF_CONTACT,  /* phone / e-mail */
    WF_CONSENT,  /* summary, citizen confirms, then queuing */
    WF_QUEUED,   /* done: the receipt */
    WF_STATE_COUNT
};

enum wf_event_type {
    WF_EV_START = 1,        /* officer starts an enrolment (officer) */
    WF_EV_CARD_OK,          /* identity read from the chip, QR or typed (app_data) */
    WF_EV_CARD_FAIL,        /* the read failed (msg, detail) */
    WF_EV_DUPLICATE,        /* store: same personal ID already queued/submitted (other_id) */
    WF_EV_SUPERVISOR_OK,    /* an approver's PIN and role were checked (runner_approve):
                               officer = the approver, text1 = the reason code picked */
    WF_EV_CONFIRM,          /* officer confirms the current step */
    WF_EV_PORTRAIT_OK,      /* portrait captured (app_data: portrait, quality, override) */
    WF_EV_PORTRAIT_FAIL,    /* camera failed (msg) */
    WF_EV_FINGER_OK,        /* finger captured (finger: position, image, quality, attempts) */
    WF_EV_FINGER_EXCEPTION, /* finger cannot be captured (finger.position, .exception) */
    WF_EV_FINGER_FAIL,      /* reader failed (msg) */
    WF_EV_CONTACT,          /* phone / email typed (text1 = phone, text2 = email,
                               no_mobile = the citizen said they have no mobile phone) */
    WF_EV_CONSENT,          /* the citizen consents, the officer confirms */
    WF_EV_QUEUE_DONE,       /* store: queued (rc 0) or failed (rc < 0, msg) */
    WF_EV_BACK,
    WF_EV_RETRY,
    WF_EV_CANCEL,
    WF_EV_TICK, /* clock: now_ms */
};

struct wf_event {
    enum wf_event_type type;
    int64_t now_ms; /* every event carries the time */
    const char *officer;
    /* WF_EV_CARD_OK / WF_EV_PORTRAIT_OK: fields moved from here into the workflow's
     * application (the event's copies are left empty). */
    struct application *app_data;
    /* WF_EV_FINGER_OK / WF_EV_FINGER_EXCEPTION: moved likewise. */
    struct app_finger *finger;
    const char *text1, *text2;
    const char *other_id;
    enum msg_id msg;
    int rc;
    int no_mobile;
    /* every event but a tick carries the clock's verdict, as it carries the time (enum
     * clock_verdict, 0 plausible; kiosk/workflow/clock_guard.h) and what was found */
    int clock_verdict;
    const char *clock_detail;
    /* and whether the disk can take one more application (kiosk/store/store_room.h) */
    int disk_full;
    const char *disk_detail;
};

enum wf_action_type {
    WF_ACT_SHOW = 1,  /* the state changed: show its screen (state) */
    WF_ACT_CARD_READ, /* start reading the card */
    WF_ACT_CARD_CANCEL,
    WF_ACT_DUP_CHECK,    /* ask the store for an earlier application (personal_id) */
    WF_ACT_CAMERA_START, /* start the preview + quality checks */
    WF_ACT_CAMERA_STOP,
    WF_ACT_FINGER_CAPTURE, /* capture this finger (finger) */
    WF_ACT_FINGER_CANCEL,
    WF_ACT_QUEUE,           /* store the application (wf_app) */
    WF_ACT_NOTICE,          /* tell the officer something (msg, detail) */
    WF_ACT_AUDIT,           /* record an officer action (audit, detail) */
    WF_ACT_WIPE,            /* citizen data wiped: clear every screen */
    WF_ACT_NEED_SUPERVISOR, /* an approver is needed to go on (msg says why, detail the rule) */
    WF_ACT_INCIDENT,        /* a forged chip: record an incident for the unit's leader */
};

#define WF_MAX_ACTIONS 16

struct wf_action {
    enum wf_action_type type;
    enum wf_state state;
    enum finger finger;
    enum msg_id msg;
    const char *audit; /* static action name, e.g. "enrol.start" */
    char detail[96];   /* never personal data */
};

struct wf_actions {
    struct wf_action a[WF_MAX_ACTIONS];
    int n;
};

struct wf_settings {
    char station[16];
    enum finger fingers[APP_MAX_FINGERS]; /* wanted, in order */
    int n_fingers;
    int64_t inactivity_ms;
};

struct wf;

/* A new workflow in WF_IDLE, or NULL on allocation failure. */
struct wf *wf_new(const struct wf_settings *settings);
/* Wipes the application in progress and frees. */
void wf_free(struct wf *wf);

/* Feeds one event. Fills *out (zeroed first) with the actions to carry out, in order.
 * Returns 0, or a negative MSG_* code when the event is refused in this state (out then
 * holds a NOTICE saying why). */
int wf_handle(struct wf *wf, const struct wf_event *ev, struct wf_actions *out);

enum wf_state wf_state(const struct wf *wf);
const char *wf_state_name(enum wf_state s);
/* The application being built (valid until the next wf_handle). */
const struct application *wf_app(const struct wf *wf);
/* The same, writable: only for carrying out WF_ACT_QUEUE (store_queue sets its status). */
struct application *wf_app_for_store(struct wf *wf);
/* The finger being captured now, FINGER_NONE outside WF_FINGERS. */
enum finger wf_current_finger(const struct wf *wf);
/* The earlier application with the same personal ID, "" when none. */
const char *wf_duplicate_of(const struct wf *wf);
/* 1 when an approver must approve before the current step can go on (review: confirm;
 * consent: queue), i.e. the policy has an approval pending at this step's gate. */
int wf_needs_supervisor(const struct wf *wf);
/* The policy rule waiting for an approver at this step, NULL when none (its reasons say
 * whether the approver must pick one: pol_rule_reasons). */
const struct pol_rule *wf_pending_rule(const struct wf *wf);
/* 1 when a chip was judged forged since this citizen's enrolment started. */
int wf_forged_seen(const struct wf *wf);

#endif
