/* ui_app_actions.c: what each tap does: signing in and out, the PIN pads, typing on the
 * on-screen keyboards (ID, phone, e-mail, search), the card read with the ID typed or the
 * QR code scanned, the capture buttons, finger exceptions, navigation. Every action ends in
 * a runner event or a store query, never a wait on a device. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/model/msg.h"
#include "kiosk/messages/messages.h"
#include "kiosk/model/timefmt.h"
#include "kiosk/model/validate.h"
#include "ui/ui_app_int.h"
#include "ui/ui_vnkey.h"

/* --- officer sign-in ------------------------------------------------------------------ */

void ui_app_logout(struct ui_app *a)
{
    runner_set_officer(a->r, NULL);
    ui_app_sync_state(a);
    explicit_bzero(a->officer_id, sizeof(a->officer_id));
    explicit_bzero(a->officer_name, sizeof(a->officer_name));
    a->supervisor = 0;
    a->modal = UI_MODAL_NONE;
    ui_app_wipe_citizen(a);
    ui_app_after_wipe(a);
    ui_app_load_officers(a, 0);
}

/* The officers a supervisor may unlock: locked now by wrong PINs, not disabled. */
static void load_locked(struct ui_app *a)
{
    struct store_officer list[UI_VIEW_OFFICERS * 2];
    struct ui_view *v = &a->v;
    int n = a->st ? store_officer_list(a->st, list, UI_VIEW_OFFICERS * 2) : 0;
    v->n_locked = 0;
    for (int i = 0; i < n && v->n_locked < (int)(sizeof v->locked / sizeof v->locked[0]); i++) {
        if (list[i].disabled || list[i].locked_until <= a->now_ms)
            continue;
        struct ui_view_officer *o = &v->locked[v->n_locked++];
        memcpy(o->id, list[i].id, sizeof o->id);
        o->id[sizeof o->id - 1] = 0;
        memcpy(o->name, list[i].name, sizeof o->name);
        o->name[sizeof o->name - 1] = 0;
        o->supervisor = list[i].role == ROLE_SUPERVISOR;
    }
}

/* The approver's PIN came back (at once, or from the store worker): the modal closes and the
 * step that asked for the approval goes on, or the refusal shows. */
static void ui_approval_done(struct ui_app *a, enum wf_state asked_in, enum msg_id m)
{
    a->approval_pending = 0;
    if (m != MSG_NONE) {
        ui_app_note(a, m, NULL, 1);
        return;
    }
    ui_app_note(a, MSG_NONE, NULL, 0);
    a->modal = UI_MODAL_NONE;
    a->approval_reason[0] = '\0';
    /* the approval was asked for by Confirm or by the consent: go on with it */
    if (asked_in == WF_CONSENT) {
        a->v.queuing = 1; /* until the store worker has committed it */
        ui_app_wf(a, WF_EV_CONSENT);
        a->v.queuing = runner_store_busy(a->r);
    } else {
        ui_app_wf(a, WF_EV_CONFIRM);
    }
}

/* The officer's PIN came back from the store worker (or at once without one). */
static void ui_login_done(struct store_job *job)
{
    struct store_login_job *j = (struct store_login_job *)job;
    struct ui_app *a = job->owner;
    a->login_pending = 0;
    if (j->rc != 0) {
        ui_app_note(a, store_login_msg(j->rc), NULL, 1);
        return;
    }
    ui_app_note(a, MSG_NONE, NULL, 0);
    const char *name = "";
    for (int i = 0; i < a->n_officers; i++)
        if (strcmp(a->officers[i].id, j->officer) == 0)
            name = a->officers[i].name;
    snprintf(a->officer_name, sizeof(a->officer_name), "%s", name);
    snprintf(a->officer_id, sizeof(a->officer_id), "%s", j->officer);
    a->supervisor = j->role == ROLE_SUPERVISOR;
    runner_set_officer(a->r, a->officer_id);
    a->idle_screen = UI_SCR_HOME;
    ui_app_refresh_home(a);
}

void ui_app_store_settle(struct ui_app *a)
{
    if (a->approval_pending && !runner_store_busy(a->r)) {
        /* the step that asked goes on only if the workflow is still there (a sign-out or a
         * cancel may have taken the answer in and moved on) */
        if (wf_state(runner_wf(a->r)) == a->approval_state)
            ui_approval_done(a, a->approval_state, runner_approval_result(a->r));
        else
            a->approval_pending = 0;
    }
    if (a->v.queuing && !runner_store_busy(a->r))
        a->v.queuing = 0;
}

void ui_app_store_results(struct ui_app *a)
{
    store_worker_collect(a->worker);
    ui_app_sync_state(a); /* settles what waited on the worker */
}

int ui_app_store_waiting(const struct ui_app *a)
{
    return a->login_pending || a->approval_pending || a->fix_pending || a->v.queuing ||
           a->export_job;
}

/* The PIN pad's OK: the PIN goes to the store worker (Argon2id takes tenths of a second);
 * the pad shows it is being checked and taps wait until the answer (ui_app_store_results). */
static void ui_pin_ok(struct ui_app *a)
{
    if (a->officer_sel < 0 || a->officer_sel >= a->n_officers || a->pin_len < PIN_MIN_DIGITS)
        return;
    const struct ui_view_officer *o = &a->officers[a->officer_sel];
    if (a->modal == UI_MODAL_SUPERVISOR_PIN && wf_state(runner_wf(a->r)) == WF_IDLE &&
        a->idle_screen == UI_SCR_PHONEFIX) {
        /* the same modal approves a phone correction outside an enrolment */
        ui_app_phonefix_approve(a, o->id, a->pin);
        explicit_bzero(a->pin, sizeof(a->pin));
        a->pin_len = 0;
        return;
    }
    if (a->modal == UI_MODAL_SUPERVISOR_PIN) {
        /* the one approval operation: PIN, role, never the officer running the enrolment */
        a->approval_state = wf_state(runner_wf(a->r));
        a->approval_pending = 1;
        enum msg_id m =
            runner_approve(a->r, o->id, a->pin, a->approval_reason[0] ? a->approval_reason : NULL);
        explicit_bzero(a->pin, sizeof(a->pin));
        a->pin_len = 0;
        if (m == MSG_PIN_CHECKING)
            ui_app_note(a, MSG_PIN_CHECKING, NULL, 0);
        else
            ui_approval_done(a, a->approval_state, m);
        return;
    }
    a->login_pending = 1;
    store_login_job_init(&a->login_job, o->id, a->pin, a->now_ms, ui_login_done, a);
    explicit_bzero(a->pin, sizeof(a->pin));
    a->pin_len = 0;
    if (a->st) {
        ui_app_note(a, MSG_PIN_CHECKING, NULL, 0);
        store_worker_submit(a->worker, a->st, &a->login_job.job);
    } else {
        ui_login_done(&a->login_job.job); /* no store: STORE_EIO */
    }
}

void ui_app_open_approval(struct ui_app *a)
{
    ui_app_load_officers(a, 1);
    a->approval_reason[0] = '\0';
    a->modal = UI_MODAL_SUPERVISOR_PIN;
    const struct pol_rule *rule = wf_pending_rule(runner_wf(a->r));
    if (rule)
        ui_app_note(a, pol_rule_msg(rule), NULL, 1);
}

/* --- contact -------------------------------------------------------------------------- */

void ui_app_validate_contact(struct ui_app *a)
{
    char norm[11];
    enum msg_id pm = a->v.phone[0] ? val_phone(a->v.phone, norm) : MSG_NONE;
    enum msg_id em = a->v.email[0] ? val_email(a->v.email) : MSG_NONE;
    a->v.phone_ok = a->v.phone[0] && pm == MSG_NONE;
    a->v.email_ok = a->v.email[0] && em == MSG_NONE;
    snprintf(a->v.phone_msg, sizeof(a->v.phone_msg), "%s", msg_text(pm, a->lang));
    snprintf(a->v.email_msg, sizeof(a->v.email_msg), "%s", msg_text(em, a->lang));
}

static char *ui_focused_text(struct ui_app *a, size_t *size)
{
    enum wf_state s = wf_state(runner_wf(a->r));
    if (s == WF_CARD && a->modal == UI_MODAL_MANUAL) {
        char *fields[3] = {a->v.man_pid, a->v.man_name, a->v.man_dob};
        size_t sizes[3] = {sizeof(a->v.man_pid), sizeof(a->v.man_name), sizeof(a->v.man_dob)};
        int f = a->v.focus >= 0 && a->v.focus < 3 ? a->v.focus : 0;
        *size = sizes[f];
        return fields[f];
    }
    if (s == WF_CARD) {
        *size = sizeof(a->v.card_pid);
        return a->v.card_pid;
    }
    if (s == WF_CONTACT) {
        *size = a->v.focus ? sizeof(a->v.email) : 11 + 4; /* room for "+84 " forms */
        return a->v.focus ? a->v.email : a->v.phone;
    }
    if (s == WF_IDLE && a->idle_screen == UI_SCR_QUEUE) {
        *size = sizeof(a->v.search);
        return a->v.search;
    }
    if (s == WF_IDLE && a->idle_screen == UI_SCR_PHONEFIX && a->modal == UI_MODAL_NONE) {
        *size = 11 + 4; /* room for "+84 " forms, as at enrolment */
        return a->after.fix_phone;
    }
    if (s == WF_IDLE && a->modal == UI_MODAL_NONE)
        return ui_app_field_text(a, size);
    return NULL;
}

static void ui_key(struct ui_app *a, int action, int arg)
{
    size_t size = 0;
    char *t = ui_focused_text(a, &size);
    if (!t)
        return;
    size_t n = strlen(t);
    int digits_only = t == a->v.card_pid || t == a->v.man_pid || t == a->v.man_dob;
    if (t == a->v.man_name || t == a->v.field.name || t == a->v.field.commune) {
        /* Vietnamese typing: tones and marks placed by spelling */
        if (action == UI_A_KEY_CLEAR)
            explicit_bzero(t, size);
        else if (action == UI_A_KEY_DEL)
            ui_vnkey_delete(t);
        else if (action == UI_A_VN_TONE)
            ui_vnkey_tone(t, size, (enum ui_vn_tone)arg);
        else if (action == UI_A_VN_MARK)
            ui_vnkey_mark(t, size, (enum ui_vn_mark)arg);
        else if (arg == ' ')
            ui_vnkey_space(t, size);
        else if (arg == 2)
            ui_vnkey_dd(t, size);
        else
            ui_vnkey_letter(t, size, (char)arg);
        return;
    }
    if (action == UI_A_VN_TONE || action == UI_A_VN_MARK)
        return;
    if (action == UI_A_KEY_CLEAR) {
        explicit_bzero(t, size);
    } else if (action == UI_A_KEY_DEL) {
        if (n)
            t[n - 1] = 0;
    } else if (arg == 1) { /* the domain key */
        snprintf(t + n, size - n, "%s", "@gmail.com");
    } else if (digits_only && (arg < '0' || arg > '9')) {
        return;
    } else if (arg > 0 && arg < 128 && n + 1 < size) {
        t[n] = (char)arg;
        t[n + 1] = 0;
    }
    if (t == a->v.search)
        ui_app_refresh_queue(a);
    else if (t == a->after.fix_phone)
        ui_app_phonefix_validate(a);
    else if (!digits_only)
        ui_app_validate_contact(a);
}

/* The identity typed in goes to the workflow as read from nowhere: source "manual", no chip
 * verdict. The workflow then wants a supervisor's PIN before the review is confirmed. */
static void ui_manual_ok(struct ui_app *a)
{
    struct ui_view *v = &a->v;
    if (wf_state(runner_wf(a->r)) != WF_CARD || strlen(v->man_pid) != 12 || !v->man_name[0] ||
        strlen(v->man_dob) != 8 || !v->man_sex)
        return;
    struct application app;
    memset(&app, 0, sizeof(app));
    struct app_identity *id = &app.identity;
    snprintf(id->personal_id, sizeof(id->personal_id), "%s", v->man_pid);
    snprintf(id->full_name, sizeof(id->full_name), "%s", v->man_name);
    /* ddmmyyyy → YYYY-MM-DD */
    snprintf(id->dob, sizeof(id->dob), "%.4s-%.2s-%.2s", v->man_dob + 4, v->man_dob + 2,
             v->man_dob);
    id->sex = v->man_sex;
    id->source = ID_SOURCE_MANUAL;
    id->verdict = CHIP_VERDICT_NONE;
    const struct runner_dev_ops *ops = process_dev_ops(a->p);
    if (ops && ops->card_cancel) /* a chip read may still be waiting */
        ops->card_cancel(process_dev(a->p));
    struct wf_event ev = {.type = WF_EV_CARD_OK, .now_ms = a->now_ms, .app_data = &app};
    runner_event(a->r, &ev);
    explicit_bzero(&app, sizeof(app));
    a->modal = UI_MODAL_NONE;
    ui_app_sync_state(a);
}

/* --- the card ------------------------------------------------------------------------- */

/* Starts a chip read with the ID typed (or the scanned QR's access data), or takes the
 * identity from the scanned QR alone. */
void ui_app_card_read(struct ui_app *a, int qr_only)
{
    if (wf_state(runner_wf(a->r)) != WF_CARD)
        return;
    struct dev_card_request req;
    memset(&req, 0, sizeof(req));
    if (qr_only && !a->qr_text[0])
        return;
    if (!qr_only && strlen(a->v.card_pid) != 12 && !a->qr_text[0]) {
        if (!a->v.qr_camera)
            return;
        req.scan_qr = 1; /* no ID typed: the camera reads the card's QR code first */
    }
    snprintf(req.qr_text, sizeof(req.qr_text), "%s", a->qr_text);
    if (strlen(a->v.card_pid) == 12)
        snprintf(req.personal_id, sizeof(req.personal_id), "%s", a->v.card_pid);
    req.qr_only = qr_only;
    a->card_requested = 1;
    a->v.card_phase = UI_CARD_READING;
    a->v.card_percent = 0;
    a->v.card_error[0] = 0;
    a->device_wait_since = a->now_ms;
    ui_app_note(a, MSG_NONE, NULL, 0);
    runner_card_read(a->r, &req);
    explicit_bzero(&req, sizeof(req));
    ui_app_sync_state(a);
}

/* A keyboard-wedge QR scanner "types" the code and presses Enter. The CCCD's code is
 * fields separated by '|', the personal ID first. */
void ui_app_scan_done(struct ui_app *a)
{
    a->scan[a->scan_len] = 0;
    if (wf_state(runner_wf(a->r)) == WF_CARD && strchr(a->scan, '|')) {
        snprintf(a->qr_text, sizeof(a->qr_text), "%s", a->scan);
        a->v.qr_scanned = 1;
        size_t n = strcspn(a->scan, "|");
        if (n == 12 && strspn(a->scan, "0123456789") >= 12)
            snprintf(a->v.card_pid, sizeof(a->v.card_pid), "%.12s", a->scan);
        ui_app_card_read(a, 0);
    }
    explicit_bzero(a->scan, sizeof(a->scan));
    a->scan_len = 0;
}

/* --- actions -------------------------------------------------------------------------- */

static void ui_capture_finger_exception(struct ui_app *a, enum finger_exception why)
{
    enum finger f = wf_current_finger(runner_wf(a->r));
    if (f == FINGER_NONE)
        return;
    const struct runner_dev_ops *ops = process_dev_ops(a->p);
    if (ops && ops->finger_cancel)
        ops->finger_cancel(process_dev(a->p));
    struct app_finger fp = {.position = f, .exception = why};
    struct wf_event ev = {.type = WF_EV_FINGER_EXCEPTION, .now_ms = a->now_ms, .finger = &fp};
    runner_event(a->r, &ev);
    a->modal = UI_MODAL_NONE;
    a->v.finger_phase = UI_FP_WAITING;
    a->v.finger_percent = 0;
    a->v.finger_error[0] = 0;
    a->device_wait_since = a->now_ms;
    ui_app_sync_state(a);
}

void ui_app_action(struct ui_app *a, int action, int arg, int64_t now_ms)
{
    a->now_ms = now_ms;
    a->last_input_ms = now_ms;
    struct ui_view *v = &a->v;
    if (ui_app_store_waiting(a))
        return; /* a PIN is checked or the application committed: the screen waits for it */
    switch ((enum ui_action)action) {
    case UI_A_NONE:
        break;
    case UI_A_LANG:
        a->lang = a->lang == LANG_VI ? LANG_EN : LANG_VI;
        if (wf_state(runner_wf(a->r)) == WF_CONTACT)
            ui_app_validate_contact(a);
        else if (a->idle_screen == UI_SCR_PHONEFIX)
            ui_app_phonefix_validate(a);
        break;
    case UI_A_LOGOUT:
        ui_app_logout(a);
        break;
    case UI_A_OFFICER:
        if (arg >= 0 && arg < a->n_officers) {
            a->officer_sel = arg;
            explicit_bzero(a->pin, sizeof(a->pin));
            a->pin_len = 0;
        }
        break;
    case UI_A_PIN_DIGIT:
        if (a->pin_len < 12 && arg >= 0 && arg <= 9) {
            a->pin[a->pin_len++] = (char)('0' + arg);
            a->pin[a->pin_len] = 0;
        }
        break;
    case UI_A_PIN_DEL:
        if (a->pin_len > 0)
            a->pin[--a->pin_len] = 0;
        break;
    case UI_A_PIN_OK:
        ui_pin_ok(a);
        break;
    case UI_A_START:
    case UI_A_NEXT_CITIZEN:
        /* a mobile unit enrols at a site: without an open session, the picker first */
        if (ui_app_field_needed(a)) {
            if (wf_state(runner_wf(a->r)) == WF_QUEUED)
                ui_app_wf(a, WF_EV_CANCEL);
            ui_app_field_action(a, UI_A_GOTO_FIELD, 1);
            break;
        }
        /* the runner forgets the previous citizen's access data on wipe, and starts no read
         * before this citizen's ID is typed or scanned */
        ui_app_note(a, MSG_NONE, NULL, 0);
        ui_app_wf(a, WF_EV_START);
        break;
    case UI_A_GOTO_QUEUE:
        a->idle_screen = UI_SCR_QUEUE;
        v->focus = 0;
        ui_app_refresh_queue(a);
        break;
    case UI_A_GOTO_SUPERVISOR:
        if (!a->supervisor)
            break;
        a->idle_screen = UI_SCR_SUPERVISOR;
        ui_app_export_setup(a);
        load_locked(a);
        break;
    case UI_A_GOTO_DASHBOARD:
        if (!a->supervisor)
            break;
        a->idle_screen = UI_SCR_DASHBOARD;
        ui_app_refresh_dashboard(a);
        break;
    case UI_A_EXPORT_PERIOD:
        v->export_week = arg == 1;
        ui_app_export_period(a);
        break;
    case UI_A_HOME:
        if (wf_state(runner_wf(a->r)) == WF_QUEUED) {
            ui_app_wf(a, WF_EV_CANCEL);
        } else {
            explicit_bzero(v->rows, sizeof(v->rows));
            v->n_rows = 0;
            explicit_bzero(a->after.fix_phone, sizeof(a->after.fix_phone));
            a->idle_screen = UI_SCR_HOME;
            ui_app_refresh_home(a);
        }
        break;
    case UI_A_CANCEL:
        ui_app_wf(a, WF_EV_CANCEL);
        break;
    case UI_A_BACK:
        if (a->held_portrait) { /* back from the captured portrait: same as retake */
            dev_event_free(a->held_portrait);
            a->held_portrait = NULL;
        }
        ui_app_wf(a, WF_EV_BACK);
        break;
    case UI_A_CONFIRM: {
        enum wf_state s = wf_state(runner_wf(a->r));
        if (s == WF_REVIEW && wf_needs_supervisor(runner_wf(a->r))) {
            ui_app_open_approval(a);
            break;
        }
        if (s == WF_PORTRAIT && a->held_portrait) {
            struct dev_event *ev = a->held_portrait;
            a->held_portrait = NULL;
            runner_device_event(a->r, ev, NULL);
            ui_app_sync_state(a);
            break;
        }
        if (s == WF_CONTACT) {
            struct wf_event ev = {
                .type = WF_EV_CONTACT, .now_ms = a->now_ms, .text1 = v->phone, .text2 = v->email};
            runner_event(a->r, &ev);
            ui_app_sync_state(a);
            break;
        }
        ui_app_wf(a, WF_EV_CONFIRM);
        break;
    }
    case UI_A_RETRY:
        if (wf_state(runner_wf(a->r)) == WF_CARD) {
            a->v.card_phase = UI_CARD_WAITING;
            a->v.card_error[0] = 0;
        }
        a->v.finger_error[0] = 0;
        a->device_wait_since = a->now_ms;
        ui_app_wf(a, WF_EV_RETRY);
        break;
    case UI_A_CARD_MANUAL:
        if (wf_state(runner_wf(a->r)) == WF_CARD) {
            a->modal = UI_MODAL_MANUAL;
            v->focus = 0;
        }
        break;
    case UI_A_MANUAL_OK:
        ui_manual_ok(a);
        break;
    case UI_A_SEX:
        v->man_sex = arg == 'M' || arg == 'F' ? (char)arg : 0;
        break;
    case UI_A_VN_TONE:
    case UI_A_VN_MARK:
        ui_key(a, action, arg);
        break;
    case UI_A_CARD_QR:
    case UI_A_CARD_READ:
        ui_app_card_read(a, action == UI_A_CARD_QR);
        break;
    case UI_A_CAPTURE:
        if (a->v.preview_live)
            process_camera_capture(a->p, arg ? 1 : 0);
        break;
    case UI_A_RETAKE:
        if (a->held_portrait) {
            dev_event_free(a->held_portrait);
            a->held_portrait = NULL;
        }
        ui_tex_clear(a->d, UI_TEX_PORTRAIT);
        a->v.portrait_taken = 0;
        a->v.face_verdict = APP_FACE_NONE;
        a->v.preview_live = a->v.preview_pass = 0;
        a->device_wait_since = a->now_ms;
        ui_app_wf(a, WF_EV_RETRY);
        break;
    case UI_A_EXCEPTION_OPEN:
        if (wf_current_finger(runner_wf(a->r)) != FINGER_NONE)
            a->modal = UI_MODAL_EXCEPTION;
        break;
    case UI_A_EXCEPTION_REASON:
        if (arg >= FINGER_MISSING && arg <= FINGER_UNREADABLE)
            ui_capture_finger_exception(a, (enum finger_exception)arg);
        break;
    case UI_A_APPROVAL_REASON:
        if (arg >= 0 && arg < v->n_approval_reasons)
            snprintf(a->approval_reason, sizeof(a->approval_reason), "%s",
                     v->approval_reasons[arg]);
        break;
    case UI_A_MODAL_CLOSE:
        a->modal = UI_MODAL_NONE;
        explicit_bzero(a->pin, sizeof(a->pin));
        a->pin_len = 0;
        break;
    case UI_A_FOCUS:
        if (wf_state(runner_wf(a->r)) == WF_IDLE && a->idle_screen == UI_SCR_FIELD)
            ui_app_field_action(a, action, arg);
        else
            v->focus = arg;
        break;
    case UI_A_KEY:
    case UI_A_KEY_DEL:
    case UI_A_KEY_CLEAR:
        ui_key(a, action, arg);
        break;
    case UI_A_CONSENT:
        if (wf_needs_supervisor(runner_wf(a->r))) {
            ui_app_open_approval(a);
            break;
        }
        v->queuing = 1; /* until the store worker has committed it (ui_app_store_results) */
        ui_app_wf(a, WF_EV_CONSENT);
        v->queuing = v->queuing && runner_store_busy(a->r);
        break;
    case UI_A_QUEUE_FILTER:
        v->queue_all = arg ? 1 : 0;
        ui_app_refresh_queue(a);
        break;
    case UI_A_DAY_PREV:
        ui_app_shift_day(a, v->export_week ? -7 : -1);
        ui_app_export_period(a);
        break;
    case UI_A_DAY_NEXT:
        ui_app_shift_day(a, v->export_week ? 7 : 1);
        ui_app_export_period(a);
        break;
    case UI_A_EXPORT:
        ui_app_export(a);
        break;
    case UI_A_EXPORT_DIR:
        if (arg >= 0 && arg < v->n_export_dirs)
            v->export_sel = arg;
        break;
    case UI_A_NOTICE_CLOSE: {
        struct store_notice n[UI_VIEW_NOTICES];
        int k = a->st ? store_notices(a->st, n, UI_VIEW_NOTICES) : 0;
        if (arg >= 0 && arg < k)
            store_notice_close(a->st, n[arg].id, a->officer_id, a->now_ms);
        ui_app_refresh_home(a);
        break;
    }
    case UI_A_UNLOCK:
        /* a supervisor's action, audited by the store */
        if (a->supervisor && arg >= 0 && arg < v->n_locked && a->st) {
            int rc = store_officer_unlock(a->st, v->locked[arg].id, a->officer_id, a->now_ms);
            if (rc != 0)
                ui_app_note(a, store_login_msg(rc), NULL, 1);
            load_locked(a);
        }
        break;
    case UI_A_GOTO_RECALL:
    case UI_A_RECALL_PICK:
    case UI_A_RECALL_MARK:
    case UI_A_RECALL_OPEN:
    case UI_A_RECALL_REDO:
    case UI_A_QUEUE_OPEN:
    case UI_A_APP_BACK:
    case UI_A_REPRINT:
    case UI_A_GOTO_GUIDANCE:
    case UI_A_GUIDANCE_KIND:
    case UI_A_GUIDANCE_DONE:
    case UI_A_PHONEFIX_OPEN:
    case UI_A_PHONEFIX_REASON:
    case UI_A_PHONEFIX_SUBMIT:
    case UI_A_PHONEFIX_BACK:
        ui_app_after_action(a, action, arg);
        break;
    case UI_A_GOTO_FIELD:
    case UI_A_FIELD_PICK:
    case UI_A_FIELD_NEW:
    case UI_A_FIELD_KIND:
    case UI_A_FIELD_OPEN:
    case UI_A_FIELD_CLOSE:
    case UI_A_FIELD_BACK:
        ui_app_field_action(a, action, arg);
        break;
    case UI_A_COUNT:
        break;
    }
}
