/* ui_app_view.c: device results and sync reports into the view, and the view filled from
 * the runner before each layout. See ui_app.c for which device results are held back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/messages/messages.h"
#include "kiosk/model/msg.h"
#include "kiosk/model/timefmt.h"
#include "ui/ui_app_int.h"

/* --- device results ------------------------------------------------------------------- */

void ui_app_device(struct ui_app *a, struct dev_event *ev)
{
    enum wf_state s = wf_state(runner_wf(a->r));
    a->device_wait_since = 0;
    switch (ev->type) {
    case DEV_CARD_FAILED:
        if (!a->card_requested) { /* the read the workflow started without access data */
            dev_event_free(ev);
            return;
        }
        a->v.card_phase = UI_CARD_FAILED;
        snprintf(a->v.card_error, sizeof(a->v.card_error), "%s",
                 messages_text(ev->domain, ev->code, a->lang));
        break;
    case DEV_PORTRAIT_DONE:
        if (s != WF_PORTRAIT || !ev->app)
            break;
        /* held until the officer confirms (or retakes) */
        if (a->held_portrait)
            dev_event_free(a->held_portrait);
        a->held_portrait = ev;
        /* the preview is not shown beside the portrait: its texture (1.2 MB) goes before the
         * portrait's is decoded (a retake's first frame makes it again) */
        ui_tex_clear(a->d, UI_TEX_PREVIEW);
        ui_tex_clear(a->d, UI_TEX_PORTRAIT);
        /* a portrait the UI cannot decode shows as "no photo" and can still be confirmed:
         * the workflow, not the screen, judges it */
        if (ev->app->portrait.len)
            ui_tex_set_image(a->d, UI_TEX_PORTRAIT, ev->app->portrait.data, ev->app->portrait.len);
        a->v.portrait_taken = 1;
        a->v.face_verdict = ev->app->face.verdict;
        return;
    case DEV_CAMERA_FAILED:
        snprintf(a->v.camera_error, sizeof(a->v.camera_error), "%s",
                 messages_text(ev->domain, ev->code, a->lang));
        break;
    case DEV_FINGER_FAILED:
        snprintf(a->v.finger_error, sizeof(a->v.finger_error), "%s",
                 messages_text(ev->domain, ev->code, a->lang));
        break;
    case DEV_FINGER_DONE:
        a->v.finger_error[0] = 0;
        a->v.finger_phase = UI_FP_WAITING;
        a->v.finger_percent = 0;
        a->device_wait_since = a->now_ms; /* the next finger starts */
        break;
    default:
        break;
    }
    struct dev_event *back = NULL;
    runner_device_event(a->r, ev, &back);
    if (back) {
        switch (back->type) {
        case DEV_CARD_PROGRESS:
            if (wf_state(runner_wf(a->r)) == WF_CARD) {
                a->v.card_phase = UI_CARD_READING;
                a->v.card_percent = back->percent;
                a->device_wait_since = a->now_ms;
            }
            break;
        case DEV_PREVIEW:
            if (s == WF_PORTRAIT && back->frame && !a->held_portrait) {
                struct dev_frame *f = back->frame;
                if (ui_tex_set_rgb(a->d, UI_TEX_PREVIEW, f->width, f->height, f->stride, f->rgb) ==
                    0)
                    a->v.preview_live = 1;
                a->v.preview_pass = f->all_pass;
                snprintf(a->v.hint, sizeof(a->v.hint), "%s",
                         f->hint_check < 0 ? ""
                                           : messages_text(MSGD_PORTRAIT, f->hint_check, a->lang));
                a->device_wait_since = a->now_ms;
            }
            break;
        case DEV_FINGER_STATE:
            if (s == WF_FINGERS) {
                a->v.finger_phase = (enum ui_finger_phase)(back->state % 3);
                a->v.finger_percent = back->percent;
                a->device_wait_since = a->now_ms;
            }
            break;
        default:
            break;
        }
        dev_event_free(back);
    }
    ui_app_sync_state(a);
}

void ui_app_sync_report(struct ui_app *a, const struct process_sync_status *s)
{
    a->v.sync.known = 1;
    a->v.sync.online = s->online;
    a->v.sync.pending = s->pending;
    a->v.sync.last_success[0] = 0;
    if (s->last_success_ms > 0)
        time_local_display(s->last_success_ms, a->v.sync.last_success);
    snprintf(a->v.sync.last_error, sizeof(a->v.sync.last_error), "%s", s->last_error);
}

/* --- the view ------------------------------------------------------------------------- */

static void ui_fill_fingers(struct ui_app *a)
{
    const struct wf *wf = runner_wf(a->r);
    const struct application *app = wf_app(wf);
    struct ui_view *v = &a->v;
    memset(v->finger_state, 0, sizeof(v->finger_state));
    for (int i = 0; i < a->cfg->n_fingers; i++)
        if (a->cfg->fingers[i] > FINGER_NONE && a->cfg->fingers[i] <= FINGER_L_LITTLE)
            v->finger_state[a->cfg->fingers[i]] = UI_FS_PENDING;
    v->fingers_done = v->fingers_exceptions = 0;
    for (int i = 0; i < app->n_fingers; i++) {
        enum finger f = app->fingers[i].position;
        if (f <= FINGER_NONE || f > FINGER_L_LITTLE)
            continue;
        int exc = app->fingers[i].exception != FINGER_CAPTURED;
        v->finger_state[f] = exc ? UI_FS_EXCEPTION : UI_FS_DONE;
        if (exc)
            v->fingers_exceptions++;
        else
            v->fingers_done++;
    }
    v->current_finger = wf_current_finger(wf);
    if (v->current_finger != FINGER_NONE)
        v->finger_state[v->current_finger] = UI_FS_CURRENT;
    int wanted = 0;
    for (int f = FINGER_R_THUMB; f <= FINGER_L_LITTLE; f++)
        wanted += v->finger_state[f] != UI_FS_UNUSED;
    v->fingers_wanted = wanted;
}

static int ui_card_expired(const struct application *app, int64_t now_ms)
{
    char today[11];
    time_day(now_ms, today);
    return !app->identity.no_expiry && app->identity.expiry_date[0] &&
           strcmp(app->identity.expiry_date, today) < 0;
}

void ui_app_fill_view(struct ui_app *a)
{
    struct ui_view *v = &a->v;
    const struct wf *wf = runner_wf(a->r);
    enum wf_state s = wf_state(wf);
    v->lang = a->lang;
    v->sim_devices = process_devices_simulated(a->p);
    v->modal = a->modal;
    snprintf(v->officer_name, sizeof(v->officer_name), "%s", a->officer_name);
    v->officer_supervisor = a->supervisor;
    memcpy(v->officers, a->officers, sizeof(v->officers));
    v->n_officers = a->n_officers;
    v->officer_sel = a->officer_sel;
    v->pin_len = a->pin_len;
    v->pin_checking = a->login_pending || a->approval_pending || a->fix_pending;
    v->app = s == WF_IDLE ? NULL : wf_app(wf);
    v->after = &a->after;
    if (!a->officer_id[0]) {
        v->screen = UI_SCR_LOGIN;
    } else {
        static const enum ui_screen by_state[WF_STATE_COUNT] = {
            [WF_IDLE] = UI_SCR_HOME,       [WF_CARD] = UI_SCR_CARD,
            [WF_REVIEW] = UI_SCR_REVIEW,   [WF_PORTRAIT] = UI_SCR_PORTRAIT,
            [WF_FINGERS] = UI_SCR_FINGERS, [WF_CONTACT] = UI_SCR_CONTACT,
            [WF_CONSENT] = UI_SCR_CONSENT, [WF_QUEUED] = UI_SCR_DONE,
        };
        v->screen = s == WF_IDLE ? a->idle_screen : by_state[s];
    }
    if (v->app) {
        v->duplicate = wf_duplicate_of(wf)[0] != 0;
        const struct pol_rule *rule = wf_pending_rule(wf);
        v->needs_supervisor = rule != NULL;
        v->approval_msg = rule ? pol_rule_msg(rule) : MSG_NONE;
        v->n_approval_reasons = 0;
        v->approval_reason_sel = -1;
        const char *const *rs = rule ? pol_rule_reasons(rule) : NULL;
        for (int i = 0; rs && rs[0] && rs[1] && rs[i] && i < 4; i++) {
            v->approval_reasons[v->n_approval_reasons] = rs[i];
            if (strcmp(rs[i], a->approval_reason) == 0)
                v->approval_reason_sel = v->n_approval_reasons;
            v->n_approval_reasons++;
        }
        v->card_expired = ui_card_expired(v->app, a->now_ms);
    } else {
        /* outside an enrolment the approval modal asks for no rule's reason */
        v->needs_supervisor = 0;
        v->n_approval_reasons = 0;
        v->approval_reason_sel = -1;
    }
    if (s != WF_PORTRAIT) {
        v->portrait_taken = 0;
        v->face_verdict = APP_FACE_NONE;
    }
    if (s == WF_FINGERS || s == WF_CONSENT || s == WF_CONTACT)
        ui_fill_fingers(a);
    v->card_stuck = a->device_wait_since > 0 &&
                    a->now_ms - a->device_wait_since >= (int64_t)a->o.stuck_seconds * 1000 &&
                    s == WF_CARD && v->card_phase != UI_CARD_FAILED;
    if (a->note_msg != MSG_NONE)
        snprintf(v->note, sizeof(v->note), "%s", msg_text(a->note_msg, a->lang));
    else
        snprintf(v->note, sizeof(v->note), "%s", a->note_text);
    v->note_error = a->note_error;
    if (s == WF_CARD && v->card_stuck && !v->note[0]) {
        snprintf(v->note, sizeof(v->note), "%s", ui_str(UI_S_CARD_STUCK, a->lang));
        v->note_error = 1;
    }
    int camera_stuck = s == WF_PORTRAIT && !v->portrait_taken && !v->camera_error[0] &&
                       a->device_wait_since > 0 &&
                       a->now_ms - a->device_wait_since >= (int64_t)a->o.stuck_seconds * 1000;
    if (camera_stuck && !v->note[0]) {
        snprintf(v->note, sizeof(v->note), "%s", ui_str(UI_S_CAMERA_STUCK, a->lang));
        v->note_error = 1;
    }
}
