/* runner.c: carries out the workflow's actions against the devices and the store, and turns
 * device results back into workflow events.
 *
 * Everything here runs on the caller's thread. Store lookups are short and run here; device
 * calls only post a request to a worker thread. The two slow store calls, the durable queue
 * commit (its fsync) and the approver's PIN check (Argon2id), are jobs: with a store worker
 * (runner_set_store_worker) they run on its thread and their result comes back through
 * store_worker_collect on this thread; without one they run here and their result is fed
 * back before runner_event returns. Either way the runner decides what the result means.
 * While a job is out, the application it works on must not change: ticks are dropped and any
 * other event first waits for the job. */
#include "kiosk/workflow/runner.h"

#include "kiosk/store/store_clock.h"
#include "kiosk/store/store_field.h"
#include "kiosk/store/store_room.h"
#include "kiosk/workflow/approval.h"
#include "kiosk/workflow/clock_guard.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/model/timefmt.h"
#include "kiosk/store/store_worker.h"

struct runner {
    const struct config *cfg;
    struct store *st;
    const struct runner_dev_ops *ops;
    void *dev;
    struct wf *wf;
    runner_note_fn note;
    void *note_arg;
    char officer[APP_OFFICER_SIZE];
    char last_queued[APP_ID_SIZE];
    char redo_of[APP_ID_SIZE]; /* the rejected application this enrolment redoes */
    struct dev_card_request card_req;
    int depth;
    /* the request each device class is waited on for (0: none); next_id never repeats */
    uint32_t waiting[3], next_id;
    const struct clock_source *clock;                       /* the clock every event is judged by */
    int (*disk_free)(const char *dir, int64_t *free_bytes); /* NULL: statvfs */
    /* the slow store calls: run by the worker when there is one; at most one job is out */
    struct store_worker *worker;
    struct store_job *in_flight;
    struct store_queue_job queue_job;
    struct store_login_job approve_job;
    char approve_reason[32];
    enum msg_id approval_result; /* the last approval's: MSG_PIN_CHECKING while checked */
};

struct runner *runner_new(const struct config *cfg, struct store *st,
                          const struct runner_dev_ops *ops, void *dev, runner_note_fn note,
                          void *arg)
{
    struct runner *r = calloc(1, sizeof(*r));
    if (!r)
        return NULL;
    struct wf_settings s = {.n_fingers = cfg->n_fingers,
                            .inactivity_ms = (int64_t)cfg->inactivity_seconds * 1000};
    snprintf(s.station, sizeof(s.station), "%s", cfg->station_code);
    memcpy(s.fingers, cfg->fingers, sizeof(s.fingers));
    r->wf = wf_new(&s);
    if (!r->wf) {
        free(r);
        return NULL;
    }
    r->cfg = cfg;
    r->st = st;
    r->ops = ops;
    r->dev = dev;
    r->note = note;
    r->note_arg = arg;
    return r;
}

/* Waits for the job out, if any (its result is fed back first). */
static void finish_job(struct runner *r)
{
    if (r->in_flight)
        store_worker_wait(r->worker, r->in_flight);
}

void runner_set_store_worker(struct runner *r, struct store_worker *w)
{
    finish_job(r);
    r->worker = w;
}

int runner_store_busy(const struct runner *r)
{
    return r->in_flight != NULL;
}

enum msg_id runner_approval_result(const struct runner *r)
{
    return r->approval_result;
}

void runner_free(struct runner *r)
{
    if (!r)
        return;
    finish_job(r);
    wf_free(r->wf);
    explicit_bzero(&r->card_req, sizeof(r->card_req));
    free(r);
}

const struct wf *runner_wf(const struct runner *r)
{
    return r->wf;
}

uint32_t runner_request_id(const struct runner *r, enum runner_device which)
{
    return (unsigned)which < 3 ? r->waiting[which] : 0;
}

static uint32_t new_request(struct runner *r, enum runner_device which)
{
    if (++r->next_id == 0)
        r->next_id = 1;
    r->waiting[which] = r->next_id;
    return r->next_id;
}

const char *runner_last_queued(const struct runner *r)
{
    return r->last_queued;
}

const char *runner_officer(const struct runner *r)
{
    return r->officer;
}

static void tell(struct runner *r, enum msg_id msg, int is_error)
{
    struct runner_note n = {.msg = msg, .is_error = is_error};
    if (r->note)
        r->note(&n, r->note_arg);
}

/* A device's failure, passed on as its code for the front end to word. */
static void tell_device(struct runner *r, const struct dev_event *ev)
{
    struct runner_note n = {.msg = MSG_NONE, .domain = ev->domain, .code = ev->code, .is_error = 1};
    if (r->note)
        r->note(&n, r->note_arg);
}

void runner_set_officer(struct runner *r, const char *officer_id)
{
    if (!officer_id || !*officer_id) {
        if (wf_state(r->wf) != WF_IDLE) {
            struct wf_event ev = {.type = WF_EV_CANCEL, .now_ms = time_now_ms()};
            runner_event(r, &ev);
        }
        r->officer[0] = '\0';
        return;
    }
    snprintf(r->officer, sizeof(r->officer), "%s", officer_id);
}

static enum msg_id store_msg(int rc)
{
    switch (rc) {
    case STORE_EFULL:
        return MSG_STORE_FULL;
    case STORE_ECORRUPT:
        return MSG_STORE_CORRUPT;
    case 0:
        return MSG_NONE;
    default:
        return MSG_STORE_IO;
    }
}

static void dup_check(struct runner *r, int64_t now)
{
    char other[APP_ID_SIZE];
    const struct application *a = wf_app(r->wf);
    int64_t since = now - (int64_t)r->cfg->retention_days * 86400000LL;
    if (!r->st || !a->identity.personal_id[0])
        return;
    if (store_find_by_pid(r->st, a->identity.personal_id, since, other) == 0 &&
        strcmp(other, a->id) != 0) {
        struct wf_event ev = {.type = WF_EV_DUPLICATE, .now_ms = now, .other_id = other};
        runner_event(r, &ev);
    }
}

static void queue_done(struct store_job *job)
{
    struct store_queue_job *j = (struct store_queue_job *)job;
    struct runner *r = job->owner;
    r->in_flight = NULL;
    struct wf_event ev = {
        .type = WF_EV_QUEUE_DONE, .now_ms = j->now_ms, .rc = j->rc, .msg = store_msg(j->rc)};
    if (j->rc == 0) {
        r->redo_of[0] = '\0';
        snprintf(r->last_queued, sizeof(r->last_queued), "%s", j->app->id);
    }
    runner_event(r, &ev);
}

static void queue_app(struct runner *r, int64_t now)
{
    struct application *a = wf_app_for_store(r->wf);
    memcpy(a->redo_of, r->redo_of, sizeof a->redo_of); /* queued with it, in one transaction */
    /* a mobile unit's open field session: the application records its site */
    if (r->st && store_field_current(r->st, &a->site) < 0)
        memset(&a->site, 0, sizeof a->site);
    /* and how its time was known (the clock was judged plausible against it) */
    struct store_clock sc;
    a->time_source[0] = '\0';
    if (r->st && store_clock_get(r->st, &sc) == 0 && sc.trusted_ms > 0)
        snprintf(a->time_source, sizeof a->time_source, "%s", sc.source);
    store_queue_job_init(&r->queue_job, a, now, queue_done, r);
    r->in_flight = &r->queue_job.job;
    store_worker_submit(r->st ? r->worker : NULL, r->st, &r->queue_job.job);
}

/* A forged chip: an open notice the supervisor sees (time, officer, the chip's reasons, the
 * enrolment's id, and the card's personal ID encrypted like all personal data) and an audit
 * row. No personal data goes into the notice's text or the audit trail; the enrolment id
 * (never queued) ties the two together. */
static void incident(struct runner *r, int64_t now)
{
    const struct application *a = wf_app(r->wf);
    char text[320], keys[160] = "";
    size_t used = 0;
    json_t *rep = a->chip_report_json ? json_loads(a->chip_report_json, 0, NULL) : NULL;
    json_t *v;
    size_t i;
    json_array_foreach(json_object_get(rep, "reasons"), i, v)
    {
        const char *k =
            json_is_string(v) ? json_string_value(v) : json_string_value(json_object_get(v, "key"));
        int w = k ? snprintf(keys + used, sizeof(keys) - used, "%s%s", used ? "," : "", k) : 0;
        if (w > 0 && (size_t)w < sizeof(keys) - used)
            used += (size_t)w;
    }
    json_decref(rep);
    snprintf(text, sizeof(text),
             "Chip không hợp lệ / chip not valid: cán bộ tiếp nhận %.31s; %.140s; %.36s",
             a->officer, keys[0] ? keys : "-", a->id);
    if (!r->st)
        return;
    /* not queued, so no application row for the notice to name */
    store_incident_add(r->st, text, a->identity.personal_id, now);
    store_audit(r->st, a->officer, "chip.forged", a->id, keys[0] ? keys : NULL, now);
}

/* What an action does when its transition's audit row could not be written: stops and
 * wipes still happen (they lose nothing and forget the citizen), anything that would read a
 * card, take a picture or a print, or store something does not. */
static int runs_unaudited(enum wf_action_type t)
{
    switch (t) {
    case WF_ACT_SHOW:
    case WF_ACT_WIPE:
    case WF_ACT_CARD_CANCEL:
    case WF_ACT_CAMERA_STOP:
    case WF_ACT_FINGER_CANCEL:
    case WF_ACT_NOTICE:
    case WF_ACT_NEED_SUPERVISOR:
        return 1;
    default:
        return 0;
    }
}

static int carry_out(struct runner *r, const struct wf_action *a, int64_t now)
{
    const struct application *app = wf_app(r->wf);
    switch (a->type) {
    case WF_ACT_SHOW:
        break; /* the front end reads the state after the event */
    case WF_ACT_WIPE:
        /* the access data typed or scanned for this citizen go with the rest */
        explicit_bzero(&r->card_req, sizeof(r->card_req));
        r->redo_of[0] = '\0';
        break;
    case WF_ACT_CARD_READ:
        /* nothing to open the chip with yet: the read starts when the officer types the ID
         * or scans the QR code (runner_card_read) */
        if (r->ops &&
            (r->card_req.personal_id[0] || r->card_req.qr_text[0] || r->card_req.scan_qr)) {
            r->card_req.req_id = new_request(r, RUNNER_CARD);
            snprintf(r->card_req.app_id, sizeof(r->card_req.app_id), "%s", app->id);
            r->ops->card_read(r->dev, &r->card_req);
        }
        break;
    case WF_ACT_CARD_CANCEL:
        r->waiting[RUNNER_CARD] = 0; /* whatever the read still sends is dropped */
        if (r->ops)
            r->ops->card_cancel(r->dev);
        break;
    case WF_ACT_DUP_CHECK:
        dup_check(r, now);
        break;
    case WF_ACT_CAMERA_START:
        if (r->ops)
            r->ops->camera_start(r->dev, new_request(r, RUNNER_CAMERA), &wf_app(r->wf)->chip_face);
        break;
    case WF_ACT_CAMERA_STOP:
        r->waiting[RUNNER_CAMERA] = 0;
        if (r->ops)
            r->ops->camera_stop(r->dev);
        break;
    case WF_ACT_FINGER_CAPTURE:
        if (r->ops && r->ops->finger_capture_unlike)
            r->ops->finger_capture_unlike(r->dev, a->finger, new_request(r, RUNNER_FINGER),
                                          app->fingers, app->n_fingers);
        else if (r->ops)
            r->ops->finger_capture(r->dev, a->finger, new_request(r, RUNNER_FINGER));
        break;
    case WF_ACT_FINGER_CANCEL:
        r->waiting[RUNNER_FINGER] = 0;
        if (r->ops)
            r->ops->finger_cancel(r->dev);
        break;
    case WF_ACT_QUEUE:
        queue_app(r, now);
        break;
    case WF_ACT_NOTICE:
        tell(r, a->msg, a->msg != MSG_WF_QUEUED);
        break;
    case WF_ACT_NEED_SUPERVISOR:
        tell(r, a->msg, 1);
        break;
    case WF_ACT_INCIDENT:
        incident(r, now);
        break;
    case WF_ACT_AUDIT:
        if (r->st)
            return store_audit(r->st, r->officer[0] ? r->officer : app->officer, a->audit,
                               app->id[0] ? app->id : NULL, a->detail[0] ? a->detail : NULL, now);
        break;
    }
    return 0;
}

int runner_event(struct runner *r, struct wf_event *ev)
{
    if (r->in_flight) {
        if (ev->type == WF_EV_TICK)
            return 0; /* the clock waits for the job's result */
        finish_job(r);
    }
    struct wf_actions acts;
    if (!ev->officer && ev->type != WF_EV_SUPERVISOR_OK)
        ev->officer = r->officer;
    char clock_detail[96] = "";
    if (ev->type != WF_EV_TICK && r->st) {
        ev->clock_verdict =
            (int)clock_guard_check(r->st, r->clock ? r->clock : clock_source_system(), ev->now_ms,
                                   clock_detail, sizeof clock_detail);
        ev->clock_detail = clock_detail;
    }
    char disk_detail[96] = "";
    if (ev->type != WF_EV_TICK && r->st) {
        struct store_room room;
        if (store_room(r->st, NULL, (int64_t)r->cfg->disk_margin_mb << 20, r->disk_free, &room) !=
            0) {
            ev->disk_full = 1; /* fail closed: no enrolment on a disk that cannot be asked */
            snprintf(disk_detail, sizeof disk_detail, "free space unknown");
        } else if (room.fits < 1) {
            ev->disk_full = 1;
            snprintf(disk_detail, sizeof disk_detail, "free %lld KB, margin %lld KB, %lld KB each",
                     (long long)(room.free_bytes >> 10), (long long)(room.margin_bytes >> 10),
                     (long long)(room.per_app_bytes >> 10));
        }
        ev->disk_detail = disk_detail;
    }
    int rc = wf_handle(r->wf, ev, &acts), unaudited = 0;
    /* The audit rows of a transition come before its effects, so that the trail reads in
     * the order things happened even when an effect feeds back another event. An effect
     * whose audit row could not be written does not happen (fail closed). */
    for (int i = 0; i < acts.n && !unaudited; i++)
        if (acts.a[i].type == WF_ACT_AUDIT && carry_out(r, &acts.a[i], ev->now_ms) != 0)
            unaudited = 1;
    if (unaudited)
        tell(r, MSG_AUDIT_FAILED, 1);
    r->depth++;
    for (int i = 0; i < acts.n && r->depth < 4; i++)
        if (acts.a[i].type != WF_ACT_AUDIT && (!unaudited || runs_unaudited(acts.a[i].type)))
            carry_out(r, &acts.a[i], ev->now_ms);
    r->depth--;
    return unaudited ? STORE_EAUDIT : rc;
}

/* An approval refused (m): audited under the approver's name when one was given, told. */
static enum msg_id refuse_approval(struct runner *r, const char *approver, enum msg_id m,
                                   int64_t now)
{
    approval_refused(r->st, approver, wf_app(r->wf)->id, m, now);
    tell(r, m, 1);
    return m;
}

/* The approver's PIN was checked: the role decides, then the workflow approves. */
static void approve_done(struct store_job *job)
{
    struct store_login_job *j = (struct store_login_job *)job;
    struct runner *r = job->owner;
    r->in_flight = NULL;
    enum msg_id m = approval_verdict(j->rc, j->role);
    if (m != MSG_NONE) {
        r->approval_result = refuse_approval(r, j->officer, m, j->now_ms);
        return;
    }
    struct wf_event ev = {.type = WF_EV_SUPERVISOR_OK,
                          .now_ms = j->now_ms,
                          .officer = j->officer,
                          .text1 = r->approve_reason[0] ? r->approve_reason : NULL};
    int rc = runner_event(r, &ev);
    r->approval_result = rc < 0 ? (enum msg_id)(-rc) : MSG_NONE;
}

enum msg_id runner_approve(struct runner *r, const char *approver, const char *pin,
                           const char *reason)
{
    finish_job(r);
    const struct application *a = wf_app(r->wf);
    int64_t now = time_now_ms();
    enum msg_id m = MSG_NONE;
    if (!wf_needs_supervisor(r->wf))
        m = MSG_POL_NOTHING_TO_APPROVE;
    else if ((m = approval_precheck(approver, a->officer, r->officer)) != MSG_NONE)
        ; /* refused before the PIN is even tried */
    else if (!r->st)
        m = MSG_STORE_IO;
    if (m != MSG_NONE)
        return r->approval_result = refuse_approval(r, approver, m, now);
    snprintf(r->approve_reason, sizeof r->approve_reason, "%s", reason ? reason : "");
    r->approval_result = MSG_PIN_CHECKING;
    store_login_job_init(&r->approve_job, approver, pin, now, approve_done, r);
    r->in_flight = &r->approve_job.job;
    store_worker_submit(r->worker, r->st, &r->approve_job.job);
    return r->approval_result;
}

void runner_card_read(struct runner *r, const struct dev_card_request *req)
{
    r->card_req = *req;
    if (wf_state(r->wf) == WF_CARD) {
        struct wf_event ev = {.type = WF_EV_RETRY, .now_ms = time_now_ms()};
        runner_event(r, &ev);
    }
}

/* Which device class an event comes from. */
static enum runner_device device_of(enum dev_event_type t)
{
    switch (t) {
    case DEV_CARD_PROGRESS:
    case DEV_CARD_DONE:
    case DEV_CARD_FAILED:
        return RUNNER_CARD;
    case DEV_PREVIEW:
    case DEV_PORTRAIT_DONE:
    case DEV_CAMERA_FAILED:
        return RUNNER_CAMERA;
    default:
        return RUNNER_FINGER;
    }
}

/* Whether the finger captured (ev) is one of this enrolment's earlier captures: as the
 * worker compared them (finger_capture_unlike), or compared here (same_finger). */
static int same_as_earlier(struct runner *r, const struct dev_event *ev)
{
    const struct application *a = wf_app(r->wf);
    if (ev->same_checked) {
        /* the finger it matched must still be one of this enrolment's captures */
        for (int i = 0; i < a->n_fingers && ev->same_as != FINGER_NONE; i++)
            if (a->fingers[i].exception == FINGER_CAPTURED && a->fingers[i].position == ev->same_as)
                return 1;
        return 0;
    }
    for (int i = 0; r->ops && r->ops->same_finger && i < a->n_fingers; i++)
        if (a->fingers[i].exception == FINGER_CAPTURED &&
            r->ops->same_finger(r->dev, &a->fingers[i], ev->fingerp))
            return 1;
    return 0;
}

int runner_device_event(struct runner *r, struct dev_event *ev, struct dev_event **frame_out)
{
    struct wf_event wev = {.now_ms = time_now_ms()};
    int rc = 0, pass_on = 0;
    if (frame_out)
        *frame_out = NULL;
    enum runner_device which = device_of(ev->type);
    if (ev->req_id == 0 || ev->req_id != r->waiting[which]) {
        /* an answer to a request cancelled or superseded (another citizen's card read
         * finishing late), or to none: it must not land on the enrolment in progress */
        dev_event_free(ev);
        return 0;
    }
    /* a final result ends the wait (previews and progress do not) */
    if (ev->type == DEV_CARD_DONE || ev->type == DEV_CARD_FAILED || ev->type == DEV_PORTRAIT_DONE ||
        ev->type == DEV_CAMERA_FAILED || ev->type == DEV_FINGER_DONE ||
        ev->type == DEV_FINGER_FAILED)
        r->waiting[which] = 0;
    switch (ev->type) {
    case DEV_CARD_DONE:
        wev.type = WF_EV_CARD_OK;
        wev.app_data = ev->app;
        break;
    case DEV_CARD_FAILED:
        wev.type = WF_EV_CARD_FAIL;
        tell_device(r, ev);
        break;
    case DEV_PORTRAIT_DONE:
        wev.type = WF_EV_PORTRAIT_OK;
        wev.app_data = ev->app;
        break;
    case DEV_CAMERA_FAILED:
        wev.type = WF_EV_PORTRAIT_FAIL;
        tell_device(r, ev);
        break;
    case DEV_FINGER_DONE:
        if (!ev->fingerp)
            break;
        wev.type =
            ev->fingerp->exception == FINGER_CAPTURED ? WF_EV_FINGER_OK : WF_EV_FINGER_EXCEPTION;
        wev.finger = ev->fingerp;
        if (wev.type == WF_EV_FINGER_OK && same_as_earlier(r, ev)) {
            wev.type = WF_EV_FINGER_FAIL;
            wev.msg = MSG_WF_SAME_FINGER;
            wev.finger = NULL;
        }
        break;
    case DEV_FINGER_FAILED:
        wev.type = WF_EV_FINGER_FAIL;
        tell_device(r, ev);
        break;
    case DEV_CARD_PROGRESS:
    case DEV_PREVIEW:
    case DEV_FINGER_STATE:
        pass_on = 1;
        break;
    }
    if (wev.type)
        rc = runner_event(r, &wev);
    if (pass_on && frame_out) {
        *frame_out = ev;
        return rc;
    }
    dev_event_free(ev);
    return rc;
}

void runner_set_redo_of(struct runner *r, const char *rejected_id)
{
    snprintf(r->redo_of, sizeof r->redo_of, "%s", rejected_id ? rejected_id : "");
}

void runner_set_clock(struct runner *r, const struct clock_source *src)
{
    r->clock = src;
}

const struct clock_source *runner_clock(const struct runner *r)
{
    return r->clock ? r->clock : clock_source_system();
}

void runner_set_disk_probe(struct runner *r, int (*free_fn)(const char *dir, int64_t *free_bytes))
{
    r->disk_free = free_fn;
}
