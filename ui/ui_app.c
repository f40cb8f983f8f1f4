/* ui_app.c: the UI controller (ui_app.h): its life cycle, what entering each workflow state
 * does to the view, input dispatch, the clock, render. Taps are carried out in
 * ui_app_actions.c, store work in ui_app_store.c, device results and the view in
 * ui_app_view.c; the shared state is struct ui_app in ui_app_int.h.
 *
 * Inputs: taps (SDL finger or mouse events, hit-tested against the last display list),
 * device results, store results and sync reports from the process (its front-end callbacks,
 * called on this thread when ui_app_dispatch runs the process's loop), the clock.
 * Outputs: runner events, store queries, the view.
 *
 * Device results go to the runner except three kinds the UI looks at first: card progress,
 * preview frames and finger states come back from runner_device_event and update the view;
 * the captured portrait is held here (with its texture) until the officer taps Continue,
 * so the officer sees it before the workflow moves on, and Retake drops it.
 *
 * Invariants: the view never points into a freed application (it is refilled before each
 * layout); everything typed or shown about a citizen is wiped when the workflow goes back
 * to idle (WF_ACT_WIPE shows as the state returning to WF_IDLE) and on logout. */
#include "ui/ui_app_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/devices/power.h"
#include "kiosk/messages/messages.h"
#include "kiosk/store/store_room.h"
#include "kiosk/workflow/power_guard.h"
#include "kiosk/model/msg.h"
#include "kiosk/model/timefmt.h"
#include "kiosk/receipt/receipt.h"

const char *ui_app_strerror(int err)
{
    switch (err) {
    case UI_APP_OK:
        return "ok";
    case UI_APP_ENOMEM:
        return "out of memory";
    case UI_APP_EDRAW:
        return "cannot draw: fonts missing (fonts-noto-core) or SDL failed";
    case UI_APP_ERUNNER:
        return "cannot create the enrolment runner";
    default:
        return "unknown error";
    }
}

void ui_app_note(struct ui_app *a, enum msg_id msg, const char *text, int is_error)
{
    a->note_msg = msg;
    snprintf(a->note_text, sizeof(a->note_text), "%s", text ? text : "");
    a->note_error = is_error;
}

static void ui_runner_note(const struct runner_note *n, void *arg)
{
    struct ui_app *a = arg;
    ui_app_note(a, n->msg, n->domain ? messages_text(n->domain, n->code, a->lang) : NULL,
                n->is_error);
}

/* The process's front-end callbacks (on this thread, from ui_app_dispatch). */
static void ui_front_device(struct dev_event *ev, void *arg)
{
    ui_app_device(arg, ev);
}

static void ui_front_stored(void *arg)
{
    ui_app_sync_state(arg); /* settles what waited on the worker */
}

static void ui_front_sync(const struct process_sync_status *s, void *arg)
{
    ui_app_sync_report(arg, s);
}

void ui_app_wipe_citizen(struct ui_app *a)
{
    explicit_bzero(a->v.phone, sizeof(a->v.phone));
    explicit_bzero(a->v.email, sizeof(a->v.email));
    explicit_bzero(a->v.rows, sizeof(a->v.rows));
    a->v.n_rows = 0;
    explicit_bzero(a->v.search, sizeof(a->v.search));
    a->v.phone_msg[0] = a->v.email_msg[0] = 0;
    a->v.phone_ok = a->v.email_ok = 0;
    a->v.hint[0] = a->v.card_error[0] = a->v.camera_error[0] = a->v.finger_error[0] = 0;
    a->v.receipt_msg[0] = 0;
    explicit_bzero(a->v.card_pid, sizeof(a->v.card_pid));
    explicit_bzero(a->v.man_pid, sizeof(a->v.man_pid));
    explicit_bzero(a->v.man_name, sizeof(a->v.man_name));
    explicit_bzero(a->v.man_dob, sizeof(a->v.man_dob));
    a->v.man_sex = 0;
    explicit_bzero(a->qr_text, sizeof(a->qr_text));
    explicit_bzero(a->scan, sizeof(a->scan));
    a->scan_len = 0;
    a->v.qr_scanned = 0;
    a->card_requested = 0;
    if (a->held_portrait) {
        dev_event_free(a->held_portrait);
        a->held_portrait = NULL;
    }
    ui_draw_wipe(a->d);
    ui_frame_reset(&a->frame);
}

int ui_app_load_officers(struct ui_app *a, int supervisors_only)
{
    struct store_officer list[UI_VIEW_OFFICERS * 2];
    int n = a->st ? store_officer_list(a->st, list, UI_VIEW_OFFICERS * 2) : 0;
    a->n_officers = 0;
    for (int i = 0; i < n && a->n_officers < UI_VIEW_OFFICERS; i++) {
        if (list[i].disabled || (supervisors_only && list[i].role != ROLE_SUPERVISOR))
            continue;
        struct ui_view_officer *o = &a->officers[a->n_officers++];
        memcpy(o->id, list[i].id, sizeof(o->id));
        o->id[sizeof(o->id) - 1] = 0;
        memcpy(o->name, list[i].name, sizeof(o->name));
        o->name[sizeof(o->name) - 1] = 0;
        o->supervisor = list[i].role == ROLE_SUPERVISOR;
    }
    a->officer_sel = a->n_officers == 1 ? 0 : -1;
    explicit_bzero(a->pin, sizeof(a->pin));
    a->pin_len = 0;
    return n < 0 ? n : 0;
}

int ui_app_new(const struct ui_app_opts *o, struct ui_app **out)
{
    *out = NULL;
    struct ui_app *a = calloc(1, sizeof(*a));
    if (!a)
        return UI_APP_ENOMEM;
    a->o = *o;
    a->p = o->proc;
    a->cfg = process_config(a->p);
    a->st = process_store(a->p);
    a->r = process_runner(a->p);
    a->worker = process_store_worker(a->p);
    if (a->o.stuck_seconds <= 0)
        a->o.stuck_seconds = 10;
    a->lang = msg_lang_parse(a->cfg->lang);
    a->v.qr_camera = process_dev_ops(a->p) && strcmp(a->cfg->qr_device, "camera") == 0;
    a->pressed = -1;
    a->last_state = WF_IDLE;
    a->after.sel = -1;
    a->v.field.sel = -1;
    a->v.field.kind = -1;
    int rc = ui_draw_new(o->ren, a->cfg->font[0] ? a->cfg->font : NULL, NULL, &a->d);
    if (rc != 0) {
        free(a);
        return UI_APP_EDRAW;
    }
    ui_draw_set_size(a->d, o->w, o->h, o->dpi);
    /* the front end of the process from now on: its notes, device results, store results
     * and sync reports come here, and work posted to its loop wakes SDL's wait */
    struct process_front f = {.note = ui_runner_note,
                              .device = ui_front_device,
                              .stored = ui_front_stored,
                              .sync_status = ui_front_sync,
                              .arg = a};
    process_set_front(a->p, &f);
    proc_loop_set_wake(process_loop(a->p), ui_post_loop_wake, NULL);
    ui_app_load_officers(a, 0);
    ui_app_prune_receipts(a, time_now_ms());
    *out = a;
    return 0;
}

void ui_app_free(struct ui_app *a)
{
    if (!a)
        return;
    ui_print_finish(a); /* the worker renders with cairo: it ends before the caches go */
    /* the app's own store jobs point at it: finished and taken in before it goes */
    if (a->login_pending)
        store_worker_wait(a->worker, &a->login_job.job);
    if (a->fix_pending)
        store_worker_wait(a->worker, &a->fix_job.job);
    ui_app_export_wait(a);
    proc_loop_set_wake(process_loop(a->p), NULL, NULL);
    process_set_front(a->p, NULL); /* the process goes on without a front end */
    ui_app_wipe_citizen(a);
    ui_draw_free(a->d);
    explicit_bzero(a, sizeof(*a));
    free(a);
    receipt_release(); /* the receipts' font caches */
}

const struct ui_frame *ui_app_frame(const struct ui_app *a)
{
    return &a->frame;
}

const struct ui_view *ui_app_view(const struct ui_app *a)
{
    return &a->v;
}

struct runner *ui_app_runner(struct ui_app *a)
{
    return a->r;
}

struct kiosk_process *ui_app_process(struct ui_app *a)
{
    return a->p;
}

int64_t ui_app_dispatch(struct ui_app *a)
{
    return proc_loop_dispatch(process_loop(a->p));
}

void ui_app_before_sleep(struct ui_app *a)
{
    proc_loop_before_sleeping(process_loop(a->p));
}

struct ui_draw *ui_app_draw(struct ui_app *a)
{
    return a->d;
}

const char *ui_app_receipt_path(const struct ui_app *a)
{
    return a->receipt_path;
}

void ui_app_enter_state(struct ui_app *a, enum wf_state s)
{
    const struct application *app = wf_app(runner_wf(a->r));
    a->modal = UI_MODAL_NONE;
    a->device_wait_since = 0;
    switch (s) {
    case WF_IDLE:
        ui_app_wipe_citizen(a);
        a->idle_screen = UI_SCR_HOME;
        ui_app_refresh_home(a);
        break;
    case WF_CARD:
        /* the workflow asked for a read without access data: the officer types the ID or
         * scans the QR code first (the worker's refusal of that empty read is dropped) */
        a->v.card_phase = UI_CARD_WAITING;
        a->v.card_percent = 0;
        a->v.card_error[0] = 0;
        a->card_requested = 0;
        explicit_bzero(a->v.card_pid, sizeof(a->v.card_pid));
        explicit_bzero(a->qr_text, sizeof(a->qr_text));
        a->v.qr_scanned = 0;
        break;
    case WF_REVIEW:
        ui_tex_clear(a->d, UI_TEX_CHIP_FACE);
        /* the JPEG view when the chip holds JPEG 2000 (which SDL_image cannot read) */
        if (app->chip_face_view.len)
            ui_tex_set_image(a->d, UI_TEX_CHIP_FACE, app->chip_face_view.data,
                             app->chip_face_view.len);
        else if (app->chip_face.len)
            ui_tex_set_image(a->d, UI_TEX_CHIP_FACE, app->chip_face.data, app->chip_face.len);
        break;
    case WF_PORTRAIT:
        a->v.preview_live = a->v.preview_pass = 0;
        a->v.hint[0] = a->v.camera_error[0] = 0;
        ui_tex_clear(a->d, UI_TEX_PREVIEW);
        a->device_wait_since = a->now_ms;
        break;
    case WF_FINGERS:
        /* neither is shown again before the consent, which decodes the portrait afresh */
        ui_tex_clear(a->d, UI_TEX_PREVIEW);
        ui_tex_clear(a->d, UI_TEX_PORTRAIT);
        a->v.finger_phase = UI_FP_WAITING;
        a->v.finger_percent = 0;
        a->v.finger_error[0] = 0;
        a->device_wait_since = a->now_ms;
        break;
    case WF_CONTACT:
        if (app->phone[0] && !a->v.phone[0])
            snprintf(a->v.phone, sizeof(a->v.phone), "%s", app->phone);
        if (app->email[0] && !a->v.email[0])
            snprintf(a->v.email, sizeof(a->v.email), "%s", app->email);
        a->v.focus = 0;
        break;
    case WF_CONSENT:
        ui_tex_clear(a->d, UI_TEX_PORTRAIT);
        if (app->portrait.len)
            ui_tex_set_image(a->d, UI_TEX_PORTRAIT, app->portrait.data, app->portrait.len);
        break;
    case WF_QUEUED:
        ui_app_write_receipt(a);
        break;
    default:
        break;
    }
}

/* Called after anything that may have moved the workflow. */
void ui_app_sync_state(struct ui_app *a)
{
    ui_app_store_settle(a);
    enum wf_state s = wf_state(runner_wf(a->r));
    if (s != a->last_state) {
        a->last_state = s;
        ui_app_enter_state(a, s);
    }
}

void ui_app_wf(struct ui_app *a, enum wf_event_type t)
{
    struct wf_event ev = {.type = t, .now_ms = a->now_ms};
    runner_event(a->r, &ev);
    ui_app_sync_state(a);
}

/* --- input ---------------------------------------------------------------------------- */

static void ui_tap(struct ui_app *a, int x, int y, int down)
{
    int hit = ui_frame_hit(&a->frame, x, y);
    if (down) {
        a->pressed = hit;
        return;
    }
    int pressed = a->pressed;
    a->pressed = -1;
    if (hit < 0 || hit != pressed)
        return;
    const struct ui_widget *w = &a->frame.w[hit];
    ui_app_action(a, w->action, w->arg, a->now_ms);
}

void ui_app_event(struct ui_app *a, const SDL_Event *e, int64_t now_ms)
{
    a->now_ms = now_ms;
    const struct ui_metrics *m = ui_draw_metrics(a->d);
    switch (e->type) {
    case SDL_FINGERDOWN:
    case SDL_FINGERUP:
        a->last_input_ms = now_ms;
        a->last_finger_ms = now_ms;
        ui_tap(a, (int)(e->tfinger.x * (float)m->w), (int)(e->tfinger.y * (float)m->h),
               e->type == SDL_FINGERDOWN);
        break;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        /* a touch already came as a finger event: SDL's own emulated click says so, a display
         * server's (X11 pointer emulation) follows the touch within a moment */
        if (e->button.which == SDL_TOUCH_MOUSEID ||
            (a->last_finger_ms && now_ms - a->last_finger_ms < UI_TOUCH_ECHO_MS))
            break;
        a->last_input_ms = now_ms;
        ui_tap(a, e->button.x, e->button.y, e->type == SDL_MOUSEBUTTONDOWN);
        break;
    case SDL_TEXTINPUT: {
        size_t n = strlen(e->text.text);
        if (a->scan_len + n < sizeof(a->scan)) {
            memcpy(a->scan + a->scan_len, e->text.text, n);
            a->scan_len += n;
        }
        break;
    }
    case SDL_KEYDOWN:
        if (e->key.keysym.sym == SDLK_RETURN || e->key.keysym.sym == SDLK_KP_ENTER)
            ui_app_scan_done(a);
        break;
    case SDL_WINDOWEVENT:
        if (e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED)
            ui_draw_set_size(a->d, e->window.data1, e->window.data2, m->dpi);
        break;
    case SDL_USEREVENT:
        /* UI_EV_LOOP only ended the wait: the loop's work runs in ui_app_dispatch */
        if (e->user.code == UI_EV_PRINT && e->user.data1 == a)
            ui_print_finish(a);
        break;
    default:
        break;
    }
}

/* Reads the battery every UI_POWER_POLL_MS: a warning when it goes low, and at the critical
 * level the enrolment parked and the way out taken (ui_app_power_off). */
#define UI_POWER_POLL_MS 10000
static void power_tick(struct ui_app *a, int64_t now_ms)
{
    const struct config *cfg = a->cfg;
    struct power_state s;
    if (a->power_off || now_ms - a->power_checked_ms < UI_POWER_POLL_MS ||
        !cfg->power_supply_root[0])
        return;
    a->power_checked_ms = now_ms;
    if (power_read(cfg->power_supply_root, &s) != 0)
        return;
    enum power_level l = power_judge(&s, cfg->power_warn_percent, cfg->power_critical_percent);
    struct ui_power_view *pv = &a->v.power;
    pv->known = s.batteries > 0 && s.percent >= 0;
    pv->percent = s.percent;
    pv->on_battery = s.on_battery;
    pv->charging = s.charging;
    pv->level = (int)l;
    if (l == POWER_CRITICAL) {
        power_park(a->r, a->st, s.percent);
        a->power_off = 1;
        ui_app_note(a, MSG_POWER_CRITICAL, NULL, 1);
    } else if (l == POWER_WARN && a->power_level != POWER_WARN) {
        char text[200];
        snprintf(text, sizeof text, "%s (%d%%)", msg_text(MSG_POWER_LOW, a->lang), s.percent);
        ui_app_note(a, MSG_NONE, text, 1);
    }
    a->power_level = (int)l;
}

/* Warns early, before the disk cannot take one more (the policy row disk.full refuses then):
 * at UI_DISK_WARN_FITS applications of room or fewer, once per minute while it lasts. */
#define UI_DISK_WARN_FITS 50
#define UI_DISK_POLL_MS   60000
static void disk_tick(struct ui_app *a, int64_t now_ms)
{
    struct store_room room;
    if (!a->st || (a->disk_checked_ms && now_ms - a->disk_checked_ms < UI_DISK_POLL_MS))
        return;
    a->disk_checked_ms = now_ms;
    if (store_room(a->st, a->cfg->data_dir, (int64_t)a->cfg->disk_margin_mb << 20, NULL, &room) !=
            0 ||
        room.fits > UI_DISK_WARN_FITS)
        return;
    char text[200];
    snprintf(text, sizeof text, "%s (%s %ld)", msg_text(MSG_DISK_LOW, a->lang),
             ui_str(UI_S_DISK_ROOM, a->lang), room.fits);
    ui_app_note(a, MSG_NONE, text, 1);
}

int ui_app_power_off(const struct ui_app *a)
{
    return a->power_off;
}

void ui_app_tick(struct ui_app *a, int64_t now_ms)
{
    a->now_ms = now_ms;
    power_tick(a, now_ms);
    disk_tick(a, now_ms);
    if (a->last_input_ms == 0)
        a->last_input_ms = now_ms;
    ui_app_store_results(a); /* in case the worker's wake-up was lost */
    struct wf_event ev = {.type = WF_EV_TICK, .now_ms = now_ms};
    runner_event(a->r, &ev);
    ui_app_sync_state(a);
    if (a->officer_id[0] && a->cfg->officer_idle_seconds > 0 &&
        now_ms - a->last_input_ms >= (int64_t)a->cfg->officer_idle_seconds * 1000) {
        ui_app_logout(a);
        ui_app_note(a, MSG_NONE, ui_str(UI_S_LOGIN_IDLE, a->lang), 0);
    }
    if (a->officer_id[0] && wf_state(runner_wf(a->r)) == WF_IDLE && a->idle_screen == UI_SCR_HOME &&
        now_ms - a->home_refreshed_ms >= UI_HOME_REFRESH_MS)
        ui_app_refresh_home(a);
    if (a->officer_id[0] && wf_state(runner_wf(a->r)) == WF_IDLE &&
        a->idle_screen == UI_SCR_DASHBOARD && now_ms - a->dash_refreshed_ms >= UI_HOME_REFRESH_MS)
        ui_app_refresh_dashboard(a);
}

void ui_app_render(struct ui_app *a)
{
    ui_app_fill_view(a);
    ui_draw_begin_frame(a->d);
    ui_screen_build(&a->frame, ui_draw_metrics(a->d), &a->v);
    ui_frame_render(a->d, &a->frame, a->pressed);
}
