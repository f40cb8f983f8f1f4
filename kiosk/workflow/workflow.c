/* clang-format off */
/* workflow.c: the enrolment workflow state machine. Events in, actions out. (The diagram and
 * the table are drawn by hand; the formatter is kept off them.)
 *
 *   IDLE --START--> CARD --CARD_OK--> REVIEW --CONFIRM--> PORTRAIT --PORTRAIT_OK--> FINGERS
 *                   |  ^              |                   |  ^                      |  ^
 *                   +--+              +--DUPLICATE,       +--+                      +--+
 *         CARD_FAIL (stay),          unverified or     PORTRAIT_FAIL (stay),   FINGER_OK or
 *         RETRY (read again)         manual chip:      RETRY (retake)          FINGER_EXCEPTION:
 *                                    CONFIRM needs                             the next finger
 *                                    SUPERVISOR_OK;                            (the hand's
 *                                    forged: CONFIRM                           fallback after
 *                                    refused                                   an exception)
 *                                                                                     |
 *                                                                  all fingers done   v
 *   QUEUED <--QUEUE_DONE(0)-- CONSENT (queuing) <--CONSENT-- CONSENT <--CONTACT(valid)-- CONTACT
 *     |                                  |
 *     +--START--> CARD (wiped first)     +--QUEUE_DONE(<0): stay, nothing lost, RETRY queues again
 *
 *   from any state: CANCEL, or a TICK past the inactivity timeout --> IDLE (devices
 *   cancelled, the application wiped); BACK steps to the previous state (table below).
 *
 *   state (function)        event                 next      actions
 *   IDLE in_idle()          START(officer)        CARD      SHOW, CARD_READ, AUDIT enrol.start
 *   CARD in_card()          CARD_OK               REVIEW    SHOW, DUP_CHECK, AUDIT card.read [+NOTICE]
 *   CARD                    CARD_FAIL             CARD      NOTICE (unless the device said why itself)
 *   CARD                    RETRY                 CARD      CARD_READ
 *   REVIEW in_review()      DUPLICATE             REVIEW    NOTICE (the policy then wants an approver)
 *   REVIEW                  SUPERVISOR_OK         REVIEW    AUDIT approval per rule pending, NOTICE
 *   REVIEW                  CONFIRM               PORTRAIT  SHOW, CAMERA_START, AUDIT identity.confirm
 *                                                 (REVIEW)  NOTICE (policy refuses) / NEED_SUPERVISOR
 *   REVIEW                  BACK, RETRY           CARD      SHOW, CARD_READ (identity dropped)
 *   PORTRAIT in_portrait()  PORTRAIT_OK           FINGERS   CAMERA_STOP, SHOW, FINGER_CAPTURE, AUDIT
 *   PORTRAIT                PORTRAIT_FAIL         PORTRAIT  NOTICE
 *   PORTRAIT                RETRY                 PORTRAIT  CAMERA_START (retake)
 *   PORTRAIT                BACK                  REVIEW    CAMERA_STOP, SHOW
 *   FINGERS in_fingers()    FINGER_OK             FINGERS   FINGER_CAPTURE next | CONTACT: SHOW
 *   FINGERS                 FINGER_EXCEPTION      FINGERS   as FINGER_OK; the hand's fallback finger is added
 *   FINGERS                 FINGER_FAIL           FINGERS   NOTICE
 *   FINGERS                 RETRY                 FINGERS   FINGER_CAPTURE (same finger)
 *   FINGERS                 BACK                  FINGERS   the previous finger again | PORTRAIT
 *   CONTACT in_contact()    CONTACT(valid)        CONSENT   SHOW, AUDIT contact.enter [+NOTICE no mobile]
 *   CONTACT                 CONTACT(invalid)      CONTACT   NOTICE (why: validation or the policy)
 *   CONTACT                 BACK                  FINGERS   the last finger again
 *   CONSENT in_consent()    SUPERVISOR_OK         CONSENT   AUDIT approval per rule pending, NOTICE
 *   CONSENT                 CONSENT               CONSENT   QUEUE, AUDIT consent.record (queuing)
 *                                                 (CONSENT) NOTICE (policy refuses) / NEED_SUPERVISOR
 *   CONSENT                 QUEUE_DONE(0)         QUEUED    SHOW, NOTICE queued
 *   CONSENT                 QUEUE_DONE(<0)        CONSENT   NOTICE (nothing lost: RETRY queues again)
 *   CONSENT                 BACK                  CONTACT   SHOW
 *   QUEUED in_queued()      START                 CARD      WIPE, then as IDLE START
 *   QUEUED                  CONFIRM, CANCEL       IDLE      WIPE, SHOW
 *   any wf_handle()         CANCEL                IDLE      device cancels, WIPE, SHOW, AUDIT enrol.cancel
 *   any                     TICK past inactivity  IDLE      device cancels, WIPE, SHOW, NOTICE, AUDIT
 *
 * Every exception to the normal path is decided by the policy (policy.h), asked at three
 * gates: confirming the identity, entering the contact, consenting (everything again).
 * The workflow itself decides nothing about evidence; it records approvals the policy
 * asked for, refuses an approval by the officer running the enrolment, and forgets
 * approvals whose evidence changed (an approval covers one rule with what it found).
 *
 * Invariants: the application in progress exists only between START and the return to
 * IDLE, and is wiped (explicit zeroing) on every way back to IDLE. An event that does not
 * belong to the current state changes nothing and returns MSG_WF_NOT_NOW. Every event but
 * TICK counts as activity for the inactivity timeout. */
/* clang-format on */
#include "kiosk/workflow/workflow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/model/timefmt.h"
#include "kiosk/model/validate.h"

struct wf {
    struct wf_settings set;
    enum wf_state state;
    struct application app;
    int64_t last_activity;

    /* fingers to capture, in order; the hand's fallback is inserted after an exception */
    enum finger todo[APP_MAX_FINGERS];
    int n_todo, cur;

    char duplicate_of[APP_ID_SIZE];
    int forged_seen; /* a chip judged forged since START: no QR or typed identity after it */
    int contact_done;
    int queuing;
    int card_busy, camera_on, finger_busy;
    int clock_verdict; /* as the last event said (policy row clock.implausible) */
    char clock_detail[96];
    int disk_full; /* likewise (disk.full) */
    char disk_detail[96];
};

static const char *const state_names[WF_STATE_COUNT] = {"idle",    "card",    "review",  "portrait",
                                                        "fingers", "contact", "consent", "queued"};

const char *wf_state_name(enum wf_state s)
{
    return (unsigned)s < WF_STATE_COUNT ? state_names[s] : "?";
}

struct wf *wf_new(const struct wf_settings *settings)
{
    struct wf *wf = calloc(1, sizeof(*wf));
    if (!wf)
        return NULL;
    wf->set = *settings;
    if (wf->set.n_fingers <= 0) {
        wf->set.fingers[0] = FINGER_L_INDEX;
        wf->set.fingers[1] = FINGER_R_INDEX;
        wf->set.n_fingers = 2;
    }
    if (wf->set.inactivity_ms <= 0)
        wf->set.inactivity_ms = 120000;
    return wf;
}

void wf_free(struct wf *wf)
{
    if (!wf)
        return;
    app_wipe(&wf->app);
    free(wf);
}

enum wf_state wf_state(const struct wf *wf)
{
    return wf->state;
}

const struct application *wf_app(const struct wf *wf)
{
    return &wf->app;
}

struct application *wf_app_for_store(struct wf *wf)
{
    return &wf->app;
}

enum finger wf_current_finger(const struct wf *wf)
{
    return wf->state == WF_FINGERS && wf->cur < wf->n_todo ? wf->todo[wf->cur] : FINGER_NONE;
}

const char *wf_duplicate_of(const struct wf *wf)
{
    return wf->duplicate_of;
}

int wf_forged_seen(const struct wf *wf)
{
    return wf->forged_seen;
}

/* --- the policy ------------------------------------------------------------------------ */

static enum pol_gate gate_of(enum wf_state s)
{
    switch (s) {
    case WF_CONTACT:
        return POL_GATE_CONTACT;
    case WF_CONSENT:
    case WF_QUEUED:
        return POL_GATE_SUBMIT;
    default:
        return POL_GATE_IDENTITY;
    }
}

static void evaluate(const struct wf *wf, enum pol_gate gate, int64_t now, struct pol_result *res)
{
    struct pol_evidence ev;
    pol_evidence_from_app(&wf->app, now, wf->forged_seen, wf->duplicate_of[0] != '\0',
                          gate >= POL_GATE_CONTACT && wf->contact_done, gate >= POL_GATE_SUBMIT,
                          wf->set.n_fingers, &ev);
    ev.clock_verdict = wf->clock_verdict;
    memcpy(ev.clock_detail, wf->clock_detail, sizeof ev.clock_detail);
    ev.disk_full = wf->disk_full;
    memcpy(ev.disk_detail, wf->disk_detail, sizeof ev.disk_detail);
    pol_evaluate(&ev, gate, res);
}

const struct pol_rule *wf_pending_rule(const struct wf *wf)
{
    struct pol_result res;
    if (wf->state != WF_REVIEW && wf->state != WF_CONSENT)
        return NULL;
    evaluate(wf, gate_of(wf->state), wf->last_activity, &res);
    if (pol_refusal(&res))
        return NULL;
    const struct pol_decision *d = pol_pending_to_ask(&res, &wf->app);
    return d ? d->rule : NULL;
}

int wf_needs_supervisor(const struct wf *wf)
{
    return wf_pending_rule(wf) != NULL;
}

/* --- actions ------------------------------------------------------------------------- */

static struct wf_action *push(struct wf_actions *out, enum wf_action_type t)
{
    if (out->n >= WF_MAX_ACTIONS)
        return &out->a[WF_MAX_ACTIONS - 1]; /* cannot happen: no transition emits more */
    struct wf_action *a = &out->a[out->n++];
    memset(a, 0, sizeof(*a));
    a->type = t;
    return a;
}

static void show(struct wf *wf, struct wf_actions *out, enum wf_state s)
{
    wf->state = s;
    push(out, WF_ACT_SHOW)->state = s;
}

static void notice(struct wf_actions *out, enum msg_id m)
{
    push(out, WF_ACT_NOTICE)->msg = m;
}

static void audit(struct wf_actions *out, const char *what, const char *detail)
{
    struct wf_action *a = push(out, WF_ACT_AUDIT);
    a->audit = what;
    if (detail)
        snprintf(a->detail, sizeof(a->detail), "%s", detail);
}

static void stop_devices(struct wf *wf, struct wf_actions *out)
{
    if (wf->card_busy)
        push(out, WF_ACT_CARD_CANCEL);
    if (wf->camera_on)
        push(out, WF_ACT_CAMERA_STOP);
    if (wf->finger_busy)
        push(out, WF_ACT_FINGER_CANCEL);
    wf->card_busy = wf->camera_on = wf->finger_busy = 0;
}

static void card_read(struct wf *wf, struct wf_actions *out)
{
    wf->card_busy = 1;
    push(out, WF_ACT_CARD_READ);
}

static void camera_start(struct wf *wf, struct wf_actions *out)
{
    wf->camera_on = 1;
    push(out, WF_ACT_CAMERA_START);
}

static void finger_capture(struct wf *wf, struct wf_actions *out)
{
    wf->finger_busy = 1;
    push(out, WF_ACT_FINGER_CAPTURE)->finger = wf->todo[wf->cur];
}

static int refuse(struct wf_actions *out)
{
    notice(out, MSG_WF_NOT_NOW);
    return -MSG_WF_NOT_NOW;
}

/* Back to IDLE with everything about the citizen gone. */
static void to_idle(struct wf *wf, struct wf_actions *out)
{
    stop_devices(wf, out);
    app_wipe(&wf->app);
    wf->n_todo = wf->cur = 0;
    wf->duplicate_of[0] = '\0';
    wf->forged_seen = wf->contact_done = 0;
    wf->queuing = 0;
    push(out, WF_ACT_WIPE);
    show(wf, out, WF_IDLE);
}

static void drop_identity(struct wf *wf)
{
    memset(&wf->app.identity, 0, sizeof(wf->app.identity));
    app_str_set(&wf->app.chip_report_json, NULL);
    app_blob_wipe(&wf->app.chip_face);
    app_blob_wipe(&wf->app.chip_face_view);
    memset(&wf->app.face, 0, sizeof(wf->app.face));
    app_evidence_wipe(&wf->app.chip_evidence);
    /* every approval so far was given for this identity */
    memset(wf->app.approvals, 0, sizeof(wf->app.approvals));
    wf->app.n_approvals = 0;
    wf->duplicate_of[0] = '\0';
}

static void drop_finger_record(struct wf *wf, int i)
{
    struct app_finger *f = &wf->app.fingers[i];
    app_blob_wipe(&f->image);
    app_str_set(&f->quality_json, NULL);
    memset(f, 0, sizeof(*f));
}

/* The kiosk itself before a citizen: no application dated by an implausible clock, none
 * begun that the disk cannot take (the policy's start gate). 0, or the refusal told and
 * audited. */
static int start_refused(struct wf *wf, const struct wf_event *ev, struct wf_actions *out)
{
    struct pol_result res;
    evaluate(wf, POL_GATE_START, ev->now_ms, &res);
    const struct pol_decision *no = pol_refusal(&res);
    if (!no)
        return 0;
    char detail[96];
    snprintf(detail, sizeof(detail), "%.30s: %.60s", pol_rule_id(no->rule), no->detail);
    audit(out, "enrol.refused", detail);
    notice(out, pol_rule_msg(no->rule));
    return -(int)pol_rule_msg(no->rule);
}

static void start_enrolment(struct wf *wf, const struct wf_event *ev, struct wf_actions *out)
{
    app_wipe(&wf->app);
    app_new_id(wf->app.id, ev->now_ms);
    snprintf(wf->app.station, sizeof(wf->app.station), "%s", wf->set.station);
    snprintf(wf->app.officer, sizeof(wf->app.officer), "%s", ev->officer);
    wf->app.created_at = ev->now_ms;
    wf->app.status = APP_DRAFT;
    memcpy(wf->todo, wf->set.fingers, sizeof(wf->todo[0]) * (size_t)wf->set.n_fingers);
    wf->n_todo = wf->set.n_fingers;
    wf->cur = 0;
    wf->duplicate_of[0] = '\0';
    wf->forged_seen = wf->contact_done = 0;
    wf->queuing = 0;
    show(wf, out, WF_CARD);
    card_read(wf, out);
    audit(out, "enrol.start", wf->app.id);
}

/* Every text field of the identity in Unicode NFC, whatever path it came by (the chip's
 * DG13, the QR code, typed): comparisons, search and the upstream see one form. A field
 * that is not valid UTF-8 is emptied and caught by the confirm checks. */
static void identity_nfc(struct app_identity *id)
{
    char *fields[] = {id->full_name, id->nationality,     id->ethnicity,
                      id->religion,  id->place_of_origin, id->residence};
    size_t sizes[] = {sizeof(id->full_name), sizeof(id->nationality),     sizeof(id->ethnicity),
                      sizeof(id->religion),  sizeof(id->place_of_origin), sizeof(id->residence)};
    char tmp[sizeof(id->residence)];
    for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
        if (val_nfc(fields[i], tmp, sizes[i]) == MSG_NONE)
            memcpy(fields[i], tmp, strlen(tmp) + 1);
        else
            fields[i][0] = '\0';
    }
    explicit_bzero(tmp, sizeof(tmp));
}

/* The identity moves out of the event into the application. What it is worth is the
 * policy's to say: a refusal is told at once, an approval is asked for on confirm. */
static void take_identity(struct wf *wf, const struct wf_event *ev, struct wf_actions *out)
{
    struct application *src = ev->app_data;
    char detail[64];
    struct pol_result res;
    wf->app.identity = src->identity;
    memset(&src->identity, 0, sizeof(src->identity));
    app_str_set(&wf->app.chip_report_json, NULL);
    wf->app.chip_report_json = src->chip_report_json;
    src->chip_report_json = NULL;
    app_blob_wipe(&wf->app.chip_face);
    wf->app.chip_face = src->chip_face;
    src->chip_face.data = NULL;
    src->chip_face.len = 0;
    app_blob_wipe(&wf->app.chip_face_view);
    wf->app.chip_face_view = src->chip_face_view;
    src->chip_face_view.data = NULL;
    src->chip_face_view.len = 0;
    app_evidence_wipe(&wf->app.chip_evidence);
    wf->app.chip_evidence = src->chip_evidence;
    memset(&src->chip_evidence, 0, sizeof(src->chip_evidence)); /* moved */
    wf->card_busy = 0;
    identity_nfc(&wf->app.identity);

    const struct app_identity *id = &wf->app.identity;
    if (id->verdict == CHIP_FORGED) {
        wf->forged_seen = 1;
        push(out, WF_ACT_INCIDENT);
    }
    evaluate(wf, POL_GATE_IDENTITY, ev->now_ms, &res);
    const struct pol_decision *no = pol_refusal(&res);
    if (no)
        notice(out, pol_rule_msg(no->rule));
    show(wf, out, WF_REVIEW);
    push(out, WF_ACT_DUP_CHECK);
    snprintf(detail, sizeof(detail), "source=%s verdict=%s", app_source_name(id->source),
             app_verdict_name(id->verdict));
    audit(out, "card.read", detail);
}

/* Refuses (NOTICE) or asks for an approver (NEED_SUPERVISOR) when the policy says so at
 * gate; 0 when the step may go on. */
static int policy_gate(struct wf *wf, enum pol_gate gate, int64_t now, struct wf_actions *out)
{
    struct pol_result res;
    evaluate(wf, gate, now, &res);
    const struct pol_decision *no = pol_refusal(&res);
    if (no) {
        notice(out, pol_rule_msg(no->rule));
        return -(int)pol_rule_msg(no->rule);
    }
    /* the one whose reasons the approver must pick from, when there is one */
    const struct pol_decision *d = pol_pending_to_ask(&res, &wf->app);
    if (d) {
        struct wf_action *a = push(out, WF_ACT_NEED_SUPERVISOR);
        a->msg = pol_rule_msg(d->rule);
        snprintf(a->detail, sizeof(a->detail), "%s", pol_rule_id(d->rule));
        return -(int)a->msg;
    }
    return 0;
}

/* Approvals of rules that no longer apply, or whose evidence changed, are dropped. */
static void prune_approvals(struct wf *wf, const struct pol_result *res)
{
    int keep = 0;
    for (int i = 0; i < wf->app.n_approvals; i++) {
        const struct app_approval *a = &wf->app.approvals[i];
        int live = 0;
        for (int k = 0; k < res->n && !live; k++)
            live = strcmp(pol_rule_id(res->d[k].rule), a->rule) == 0 &&
                   strcmp(res->d[k].detail, a->detail) == 0;
        if (live)
            wf->app.approvals[keep++] = *a;
    }
    for (int i = keep; i < wf->app.n_approvals; i++)
        memset(&wf->app.approvals[i], 0, sizeof(wf->app.approvals[i]));
    wf->app.n_approvals = keep;
}

/* 1 when an approval in app covers decision d. */
static int covered(const struct application *app, const struct pol_decision *d)
{
    struct pol_result one = {.outcome = POL_APPROVE, .n = 1};
    one.d[0] = *d;
    return pol_pending(&one, app) == NULL;
}

/* The approver (checked by runner_approve: PIN, role) approves every rule pending at this
 * step's gate, each with its reason code. */
static int approve(struct wf *wf, const struct wf_event *ev, struct wf_actions *out)
{
    struct pol_result res;
    const struct pol_decision *pend[POL_MAX_DECISIONS];
    const char *codes[POL_MAX_DECISIONS];
    int n = 0;
    evaluate(wf, gate_of(wf->state), ev->now_ms, &res);
    const struct pol_decision *no = pol_refusal(&res);
    if (no) { /* not even an approver can wave a refusal through */
        notice(out, pol_rule_msg(no->rule));
        return -(int)pol_rule_msg(no->rule);
    }
    for (int i = 0; i < res.n; i++)
        if (res.d[i].outcome == POL_APPROVE && !covered(&wf->app, &res.d[i]))
            pend[n++] = &res.d[i];
    if (n == 0) {
        notice(out, MSG_POL_NOTHING_TO_APPROVE);
        return -MSG_POL_NOTHING_TO_APPROVE;
    }
    if (!ev->officer || !*ev->officer) {
        notice(out, MSG_WF_NO_OFFICER);
        return -MSG_WF_NO_OFFICER;
    }
    if (strcmp(ev->officer, wf->app.officer) == 0) {
        notice(out, MSG_POL_SELF_APPROVAL);
        return -MSG_POL_SELF_APPROVAL;
    }
    for (int i = 0; i < n; i++) {
        /* the reason picked is for the rule that offers a choice; the others have one */
        if (pol_reason_check(pend[i]->rule, ev->text1, &codes[i]) != 0 &&
            pol_reason_check(pend[i]->rule, NULL, &codes[i]) != 0) {
            /* the prompt names the exception the reason is for */
            enum msg_id m = pol_rule_reason_msg(pend[i]->rule);
            notice(out, m);
            return -(int)m;
        }
    }
    prune_approvals(wf, &res);
    if (wf->app.n_approvals + n > APP_MAX_APPROVALS)
        return refuse(out);
    for (int i = 0; i < n; i++) {
        struct app_approval *a = &wf->app.approvals[wf->app.n_approvals++];
        char detail[96];
        memset(a, 0, sizeof(*a));
        snprintf(a->by, sizeof(a->by), "%s", ev->officer);
        snprintf(a->rule, sizeof(a->rule), "%s", pol_rule_id(pend[i]->rule));
        snprintf(a->reason, sizeof(a->reason), "%s", codes[i]);
        snprintf(a->detail, sizeof(a->detail), "%s", pend[i]->detail);
        a->at = ev->now_ms;
        snprintf(detail, sizeof(detail), "rule=%s reason=%s by=%.31s", a->rule, a->reason, a->by);
        audit(out, "approval", detail);
    }
    notice(out, MSG_POL_APPROVED);
    return 0;
}

static int confirm_identity(struct wf *wf, int64_t now, struct wf_actions *out)
{
    const struct app_identity *id = &wf->app.identity;
    if (id->personal_id[0] == '\0' ||
        val_personal_id(id->personal_id, id->dob[0] ? id->dob : NULL, id->sex) != MSG_NONE) {
        enum msg_id m = val_personal_id(id->personal_id, id->dob[0] ? id->dob : NULL, id->sex);
        if (m == MSG_NONE)
            m = MSG_PID_LENGTH;
        notice(out, m);
        return -(int)m;
    }
    enum msg_id nm = val_name(id->full_name, sizeof(id->full_name) - 1);
    if (nm != MSG_NONE) {
        notice(out, nm);
        return -(int)nm;
    }
    int rc = policy_gate(wf, POL_GATE_IDENTITY, now, out);
    if (rc)
        return rc;
    show(wf, out, WF_PORTRAIT);
    camera_start(wf, out);
    audit(out, "identity.confirm", app_source_name(id->source));
    return 0;
}

static void take_portrait(struct wf *wf, const struct wf_event *ev, struct wf_actions *out)
{
    struct application *src = ev->app_data;
    app_blob_wipe(&wf->app.portrait);
    wf->app.portrait = src->portrait;
    src->portrait.data = NULL;
    src->portrait.len = 0;
    app_str_set(&wf->app.portrait_quality_json, NULL);
    wf->app.portrait_quality_json = src->portrait_quality_json;
    src->portrait_quality_json = NULL;
    wf->app.portrait_override = src->portrait_override;
    /* the face check made on this portrait (none when there was no chip photo) */
    wf->app.face = src->face;
    if (wf->camera_on)
        push(out, WF_ACT_CAMERA_STOP);
    wf->camera_on = 0;
    audit(out, src->portrait_override ? "portrait.override" : "portrait.capture", NULL);
    wf->cur = 0;
    wf->app.n_fingers = 0;
    show(wf, out, WF_FINGERS);
    finger_capture(wf, out);
}

/* After finger cur is recorded: the next one, or on to the contact step. */
static void next_finger(struct wf *wf, struct wf_actions *out)
{
    wf->cur++;
    if (wf->cur < wf->n_todo) {
        finger_capture(wf, out);
        return;
    }
    show(wf, out, WF_CONTACT);
}

static int take_finger(struct wf *wf, const struct wf_event *ev, struct wf_actions *out)
{
    struct app_finger *src = ev->finger;
    enum finger want = wf->todo[wf->cur];
    char detail[48];
    if (!src || src->position != want) {
        notice(out, MSG_WF_NOT_NOW);
        return -MSG_WF_NOT_NOW;
    }
    struct app_finger *dst = &wf->app.fingers[wf->app.n_fingers++];
    *dst = *src;
    memset(src, 0, sizeof(*src));
    wf->finger_busy = 0;
    if (ev->type == WF_EV_FINGER_EXCEPTION) {
        /* an exception carries no image whatever the event held */
        app_blob_wipe(&dst->image);
        if (dst->exception == FINGER_CAPTURED)
            dst->exception = FINGER_UNREADABLE;
        enum finger fb = app_finger_fallback(want, wf->todo, wf->n_todo);
        if (fb != FINGER_NONE && wf->n_todo < APP_MAX_FINGERS) {
            memmove(&wf->todo[wf->cur + 2], &wf->todo[wf->cur + 1],
                    sizeof(wf->todo[0]) * (size_t)(wf->n_todo - wf->cur - 1));
            wf->todo[wf->cur + 1] = fb;
            wf->n_todo++;
        }
        snprintf(detail, sizeof(detail), "%s %s", app_finger_name(want),
                 app_finger_exception_name(dst->exception));
        audit(out, "finger.exception", detail);
    } else {
        dst->exception = FINGER_CAPTURED;
        audit(out, "finger.capture", app_finger_name(want));
    }
    next_finger(wf, out);
    return 0;
}

/* Goes back to capturing the last finger recorded (dropping its record), or to the
 * portrait when there is none. */
static void back_one_finger(struct wf *wf, struct wf_actions *out)
{
    if (wf->finger_busy)
        push(out, WF_ACT_FINGER_CANCEL);
    wf->finger_busy = 0;
    if (wf->app.n_fingers == 0) {
        show(wf, out, WF_PORTRAIT);
        camera_start(wf, out);
        return;
    }
    int last = --wf->app.n_fingers;
    enum finger pos = wf->app.fingers[last].position;
    int was_exception = wf->app.fingers[last].exception != FINGER_CAPTURED;
    drop_finger_record(wf, last);
    /* find pos in the list before cur; drop a fallback the exception had added */
    int i = wf->state == WF_CONTACT ? wf->n_todo - 1 : wf->cur - 1;
    while (i > 0 && wf->todo[i] != pos)
        i--;
    if (was_exception && i + 1 < wf->n_todo) {
        memmove(&wf->todo[i + 1], &wf->todo[i + 2],
                sizeof(wf->todo[0]) * (size_t)(wf->n_todo - i - 2));
        wf->n_todo--;
    }
    wf->cur = i;
    show(wf, out, WF_FINGERS);
    finger_capture(wf, out);
}

static int take_contact(struct wf *wf, const struct wf_event *ev, struct wf_actions *out)
{
    char phone[11] = "";
    const char *p = ev->text1 ? ev->text1 : "";
    const char *e = ev->text2 ? ev->text2 : "";
    enum msg_id m = MSG_NONE;
    if (!*p && !*e)
        m = MSG_CONTACT_NONE;
    if (m == MSG_NONE && *p)
        m = val_phone(p, phone);
    if (m == MSG_NONE && *e) {
        m = val_email(e);
        if (m == MSG_NONE && strlen(e) >= sizeof(wf->app.email))
            m = MSG_EMAIL_LENGTH;
    }
    if (m != MSG_NONE) {
        notice(out, m);
        return -(int)m;
    }
    memcpy(wf->app.phone, phone, sizeof(phone));
    snprintf(wf->app.email, sizeof(wf->app.email), "%s", e);
    wf->app.no_mobile_phone = !*p && ev->no_mobile;
    wf->contact_done = 1;
    int rc = policy_gate(wf, POL_GATE_CONTACT, ev->now_ms, out);
    if (rc) {
        wf->contact_done = 0;
        wf->app.phone[0] = '\0';
        explicit_bzero(wf->app.email, sizeof(wf->app.email));
        wf->app.no_mobile_phone = 0;
        return rc;
    }
    show(wf, out, WF_CONSENT);
    audit(out, "contact.enter",
          *p && *e                  ? "phone+email"
          : *p                      ? "phone"
          : wf->app.no_mobile_phone ? "email, no mobile phone"
                                    : "email");
    if (wf->app.no_mobile_phone)
        notice(out, MSG_POL_NO_MOBILE_SMS);
    return 0;
}

/* One function per state (named in the transition table at the top): the events the state
 * takes; any other is refused (MSG_WF_NOT_NOW). CANCEL and TICK are handled before them. */

static int start_with_officer(struct wf *wf, const struct wf_event *ev, struct wf_actions *out,
                              int wipe_first)
{
    int rc;
    if (!ev->officer || !*ev->officer) {
        notice(out, MSG_WF_NO_OFFICER);
        return -MSG_WF_NO_OFFICER;
    }
    if ((rc = start_refused(wf, ev, out)) != 0)
        return rc;
    if (wipe_first)
        push(out, WF_ACT_WIPE);
    start_enrolment(wf, ev, out);
    return 0;
}

static int in_idle(struct wf *wf, const struct wf_event *ev, struct wf_actions *out)
{
    if (ev->type != WF_EV_START)
        return refuse(out);
    return start_with_officer(wf, ev, out, 0);
}

static int in_card(struct wf *wf, const struct wf_event *ev, struct wf_actions *out)
{
    switch (ev->type) {
    case WF_EV_CARD_OK:
        if (!ev->app_data)
            return refuse(out);
        take_identity(wf, ev, out);
        return 0;
    case WF_EV_CARD_FAIL:
        wf->card_busy = 0;
        if (ev->msg) /* MSG_NONE: the device's own message was shown already */
            notice(out, ev->msg);
        return 0;
    case WF_EV_RETRY:
        card_read(wf, out);
        return 0;
    case WF_EV_BACK:
        to_idle(wf, out);
        return 0;
    default:
        return refuse(out);
    }
}

static int in_review(struct wf *wf, const struct wf_event *ev, struct wf_actions *out)
{
    switch (ev->type) {
    case WF_EV_DUPLICATE:
        if (!ev->other_id || !*ev->other_id)
            return refuse(out);
        snprintf(wf->duplicate_of, sizeof(wf->duplicate_of), "%s", ev->other_id);
        notice(out, MSG_WF_DUPLICATE);
        return 0;
    case WF_EV_SUPERVISOR_OK:
        return approve(wf, ev, out);
    case WF_EV_CONFIRM:
        return confirm_identity(wf, ev->now_ms, out);
    case WF_EV_BACK:
    case WF_EV_RETRY:
        drop_identity(wf);
        show(wf, out, WF_CARD);
        card_read(wf, out);
        return 0;
    default:
        return refuse(out);
    }
}

static int in_portrait(struct wf *wf, const struct wf_event *ev, struct wf_actions *out)
{
    switch (ev->type) {
    case WF_EV_PORTRAIT_OK:
        if (!ev->app_data || !ev->app_data->portrait.data)
            return refuse(out);
        take_portrait(wf, ev, out);
        return 0;
    case WF_EV_PORTRAIT_FAIL:
        wf->camera_on = 0;
        if (ev->msg) /* MSG_NONE: the device's own message was shown already */
            notice(out, ev->msg);
        return 0;
    case WF_EV_RETRY:
        app_blob_wipe(&wf->app.portrait);
        memset(&wf->app.face, 0, sizeof(wf->app.face));
        camera_start(wf, out);
        return 0;
    case WF_EV_BACK:
        if (wf->camera_on)
            push(out, WF_ACT_CAMERA_STOP);
        wf->camera_on = 0;
        show(wf, out, WF_REVIEW);
        return 0;
    default:
        return refuse(out);
    }
}

static int in_fingers(struct wf *wf, const struct wf_event *ev, struct wf_actions *out)
{
    switch (ev->type) {
    case WF_EV_FINGER_OK:
    case WF_EV_FINGER_EXCEPTION:
        return take_finger(wf, ev, out);
    case WF_EV_FINGER_FAIL:
        wf->finger_busy = 0;
        if (ev->msg) /* MSG_NONE: the device's own message was shown already */
            notice(out, ev->msg);
        return 0;
    case WF_EV_RETRY:
        finger_capture(wf, out);
        return 0;
    case WF_EV_BACK:
        back_one_finger(wf, out);
        return 0;
    default:
        return refuse(out);
    }
}

static int in_contact(struct wf *wf, const struct wf_event *ev, struct wf_actions *out)
{
    switch (ev->type) {
    case WF_EV_CONTACT:
        return take_contact(wf, ev, out);
    case WF_EV_BACK:
        back_one_finger(wf, out);
        return 0;
    default:
        return refuse(out);
    }
}

/* CONSENT (or RETRY after a failed queue): the last gate, every rule again with everything
 * known, then the queue. */
static int submit(struct wf *wf, const struct wf_event *ev, struct wf_actions *out)
{
    if (wf->queuing)
        return refuse(out);
    if (ev->type == WF_EV_RETRY && !wf->app.consent_at)
        return refuse(out);
    int rc = policy_gate(wf, POL_GATE_SUBMIT, ev->now_ms, out);
    if (rc)
        return rc;
    struct pol_result res;
    evaluate(wf, POL_GATE_SUBMIT, ev->now_ms, &res);
    prune_approvals(wf, &res);
    if (ev->type == WF_EV_CONSENT) {
        wf->app.consent_at = ev->now_ms;
        snprintf(wf->app.consent_officer, sizeof(wf->app.consent_officer), "%s",
                 ev->officer && *ev->officer ? ev->officer : wf->app.officer);
        audit(out, "consent.record", NULL);
    }
    wf->queuing = 1;
    push(out, WF_ACT_QUEUE);
    return 0;
}

static int queue_done(struct wf *wf, const struct wf_event *ev, struct wf_actions *out)
{
    if (!wf->queuing)
        return refuse(out);
    wf->queuing = 0;
    if (ev->rc != 0) {
        notice(out, ev->msg ? ev->msg : MSG_WF_QUEUE_FAILED);
        return 0;
    }
    wf->app.status = APP_QUEUED;
    show(wf, out, WF_QUEUED);
    notice(out, MSG_WF_QUEUED);
    return 0;
}

static int in_consent(struct wf *wf, const struct wf_event *ev, struct wf_actions *out)
{
    switch (ev->type) {
    case WF_EV_SUPERVISOR_OK:
        if (wf->queuing)
            return refuse(out);
        return approve(wf, ev, out);
    case WF_EV_CONSENT:
    case WF_EV_RETRY:
        return submit(wf, ev, out);
    case WF_EV_QUEUE_DONE:
        return queue_done(wf, ev, out);
    case WF_EV_BACK:
        if (wf->queuing)
            return refuse(out);
        wf->app.consent_at = 0;
        wf->app.consent_officer[0] = '\0';
        wf->contact_done = 0;
        show(wf, out, WF_CONTACT);
        return 0;
    default:
        return refuse(out);
    }
}

static int in_queued(struct wf *wf, const struct wf_event *ev, struct wf_actions *out)
{
    switch (ev->type) {
    case WF_EV_START:
        return start_with_officer(wf, ev, out, 1);
    case WF_EV_CONFIRM:
        to_idle(wf, out);
        return 0;
    default:
        return refuse(out);
    }
}

typedef int (*state_fn)(struct wf *wf, const struct wf_event *ev, struct wf_actions *out);

static const state_fn in_state[WF_STATE_COUNT] = {
    [WF_IDLE] = in_idle,         [WF_CARD] = in_card,       [WF_REVIEW] = in_review,
    [WF_PORTRAIT] = in_portrait, [WF_FINGERS] = in_fingers, [WF_CONTACT] = in_contact,
    [WF_CONSENT] = in_consent,   [WF_QUEUED] = in_queued,
};

int wf_handle(struct wf *wf, const struct wf_event *ev, struct wf_actions *out)
{
    memset(out, 0, sizeof(*out));
    if (ev->type == WF_EV_TICK) {
        if (wf->state != WF_IDLE && ev->now_ms - wf->last_activity >= wf->set.inactivity_ms) {
            audit(out, "enrol.timeout", wf->app.id);
            to_idle(wf, out);
            notice(out, MSG_WF_TIMEOUT);
        }
        return 0;
    }
    wf->last_activity = ev->now_ms;
    wf->clock_verdict = ev->clock_verdict;
    snprintf(wf->clock_detail, sizeof(wf->clock_detail), "%s",
             ev->clock_detail ? ev->clock_detail : "");
    wf->disk_full = ev->disk_full;
    snprintf(wf->disk_detail, sizeof(wf->disk_detail), "%s",
             ev->disk_detail ? ev->disk_detail : "");

    if (ev->type == WF_EV_CANCEL && wf->state != WF_IDLE) {
        if (wf->state != WF_QUEUED)
            audit(out, "enrol.cancel", wf_state_name(wf->state));
        to_idle(wf, out);
        return 0;
    }
    if ((unsigned)wf->state >= WF_STATE_COUNT || !in_state[wf->state])
        return refuse(out);
    return in_state[wf->state](wf, ev, out);
}
