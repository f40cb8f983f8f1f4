/* ui_app.c: the UI controller (ui_app.h).
 *
 * Inputs: taps (SDL finger or mouse events, hit-tested against the last display list),
 * device results (UI_EV_DEVICE user events), sync reports (UI_EV_SYNC), the clock.
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
#include "ui/ui_app.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kiosk/msg.h"
#include "kiosk/timefmt.h"
#include "kiosk/validate.h"
#include "ui/ui_receipt.h"

#define UI_HOME_REFRESH_MS 5000

struct ui_app {
    struct ui_app_opts o;
    struct ui_draw *d;
    struct runner *r;
    struct ui_frame frame;
    struct ui_view v;
    enum msg_lang lang;

    /* officer */
    char officer_id[APP_OFFICER_SIZE];
    char officer_name[128];
    int supervisor;
    int64_t last_input_ms;
    char pin[16];
    int pin_len;
    struct ui_view_officer officers[UI_VIEW_OFFICERS];
    int n_officers;
    int officer_sel;

    /* navigation outside an enrolment */
    enum ui_screen idle_screen;
    enum ui_modal modal;
    enum wf_state last_state;
    int64_t home_refreshed_ms;

    /* device progress */
    int64_t device_wait_since; /* when the current device request started, 0 idle */
    int card_requested;        /* a read with access data (ID or QR) was asked for */
    char qr_text[1024];        /* the card's QR code, from a keyboard-wedge scanner */
    char scan[1024];           /* keys typed by the scanner until Enter */
    size_t scan_len;
    struct dev_event *held_portrait;

    /* the note line: a core message (re-read in the current language) or a text */
    enum msg_id note_msg;
    char note_text[200];
    int note_error;

    /* touch */
    int pressed;

    char receipt_path[512];
    int64_t now_ms;
};

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

static void ui_note(struct ui_app *a, enum msg_id msg, const char *text, int is_error)
{
    a->note_msg = msg;
    snprintf(a->note_text, sizeof(a->note_text), "%s", text ? text : "");
    a->note_error = is_error;
}

static void ui_runner_note(const struct runner_note *n, void *arg)
{
    struct ui_app *a = arg;
    ui_note(a, n->msg, n->text, n->is_error);
}

static void ui_wipe_citizen(struct ui_app *a)
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

static int ui_load_officers(struct ui_app *a, int supervisors_only)
{
    struct store_officer list[UI_VIEW_OFFICERS * 2];
    int n = a->o.st ? store_officer_list(a->o.st, list, UI_VIEW_OFFICERS * 2) : 0;
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
    if (a->o.stuck_seconds <= 0)
        a->o.stuck_seconds = 10;
    a->lang = msg_lang_parse(o->cfg->lang);
    a->pressed = -1;
    a->last_state = WF_IDLE;
    int rc = ui_draw_new(o->ren, o->cfg->font[0] ? o->cfg->font : NULL, NULL, &a->d);
    if (rc != 0) {
        free(a);
        return UI_APP_EDRAW;
    }
    ui_draw_set_size(a->d, o->w, o->h, o->dpi);
    a->r = runner_new(o->cfg, o->st, o->ops, o->dev, ui_runner_note, a);
    if (!a->r) {
        ui_draw_free(a->d);
        free(a);
        return UI_APP_ERUNNER;
    }
    ui_load_officers(a, 0);
    *out = a;
    return 0;
}

void ui_app_free(struct ui_app *a)
{
    if (!a)
        return;
    ui_wipe_citizen(a);
    runner_free(a->r);
    ui_draw_free(a->d);
    explicit_bzero(a, sizeof(*a));
    free(a);
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

struct ui_draw *ui_app_draw(struct ui_app *a)
{
    return a->d;
}

const char *ui_app_receipt_path(const struct ui_app *a)
{
    return a->receipt_path;
}

/* --- the store's side of the view ----------------------------------------------------- */

static void ui_refresh_home(struct ui_app *a)
{
    char today[11];
    time_day(a->now_ms, today);
    long counts[APP_STATUS_COUNT] = {0};
    a->v.today_count = 0;
    if (a->o.st && store_count_by_status(a->o.st, today, counts) == 0)
        for (int i = APP_QUEUED; i < APP_STATUS_COUNT; i++)
            a->v.today_count += counts[i];
    struct store_notice n[UI_VIEW_NOTICES];
    int k = a->o.st ? store_notices(a->o.st, n, UI_VIEW_NOTICES) : 0;
    a->v.n_notices = 0;
    for (int i = 0; i < k; i++) {
        struct ui_view_notice *vn = &a->v.notices[a->v.n_notices++];
        snprintf(vn->kind, sizeof(vn->kind), "%s", n[i].kind);
        snprintf(vn->app_id, sizeof(vn->app_id), "%s", n[i].app_id);
        time_local_display(n[i].at, vn->when);
    }
    if (a->o.st && !a->v.sync.known) {
        long pending = 0;
        if (store_outbox_pending(a->o.st, &pending) == 0)
            a->v.sync.pending = pending;
    }
    a->home_refreshed_ms = a->now_ms;
}

static int ui_row_cb(const struct store_row *row, void *arg)
{
    struct ui_view *v = arg;
    if (v->n_rows >= UI_VIEW_ROWS)
        return 1;
    struct ui_view_row *r = &v->rows[v->n_rows++];
    snprintf(r->id, sizeof(r->id), "%s", row->id);
    snprintf(r->name, sizeof(r->name), "%s", row->identity.full_name);
    snprintf(r->pid, sizeof(r->pid), "%s", row->identity.personal_id);
    time_local_display(row->created_at, r->when);
    r->status = row->status;
    return 0;
}

static void ui_refresh_queue(struct ui_app *a)
{
    char today[11];
    time_day(a->now_ms, today);
    explicit_bzero(a->v.rows, sizeof(a->v.rows));
    a->v.n_rows = 0;
    struct store_query q = {.day = a->v.queue_all ? NULL : today,
                            .status = -1,
                            .search = a->v.search[0] ? a->v.search : NULL,
                            .limit = UI_VIEW_ROWS,
                            .newest_first = 1};
    if (a->o.st)
        store_list(a->o.st, &q, ui_row_cb, &a->v);
}

static void ui_add_dir(struct ui_view *v, const char *path)
{
    struct stat sb;
    if (v->n_export_dirs >= 4 || stat(path, &sb) != 0 || !S_ISDIR(sb.st_mode))
        return;
    for (int i = 0; i < v->n_export_dirs; i++)
        if (strcmp(v->export_dirs[i], path) == 0)
            return;
    snprintf(v->export_dirs[v->n_export_dirs++], sizeof(v->export_dirs[0]), "%s", path);
}

/* USB sticks appear under /media/<user>/<label> or /run/media/<user>/<label> (udisks) or
 * /media/<label> (usbmount); the kiosk's own export folder is always offered last. */
static void ui_scan_export_dirs(struct ui_app *a)
{
    struct ui_view *v = &a->v;
    v->n_export_dirs = 0;
    static const char *const roots[] = {"/media", "/run/media"};
    for (size_t r = 0; r < sizeof(roots) / sizeof(roots[0]); r++) {
        DIR *dir = opendir(roots[r]);
        if (!dir)
            continue;
        struct dirent *e;
        while ((e = readdir(dir)) && v->n_export_dirs < 3) {
            if (e->d_name[0] == '.')
                continue;
            char p[512];
            snprintf(p, sizeof(p), "%s/%s", roots[r], e->d_name);
            DIR *sub = opendir(p);
            int found = 0;
            struct dirent *s;
            while (sub && (s = readdir(sub)) && v->n_export_dirs < 3) {
                if (s->d_name[0] == '.')
                    continue;
                char q[800];
                snprintf(q, sizeof(q), "%s/%s", p, s->d_name);
                int before = v->n_export_dirs;
                ui_add_dir(v, q);
                found |= v->n_export_dirs > before;
            }
            if (sub)
                closedir(sub);
            if (!found && strcmp(roots[r], "/media") == 0)
                ui_add_dir(v, p);
        }
        closedir(dir);
    }
    char own[CONFIG_PATH_SIZE + 16];
    snprintf(own, sizeof(own), "%s/export", a->o.cfg->data_dir);
    mkdir(own, 0700);
    ui_add_dir(v, own);
    if (v->export_sel >= v->n_export_dirs)
        v->export_sel = 0;
}

/* --- entering a workflow state -------------------------------------------------------- */

static void ui_write_receipt(struct ui_app *a)
{
    const struct application *app = wf_app(runner_wf(a->r));
    SDL_Surface *qr = NULL;
    if (ui_receipt_qr(app->id, 6, &qr) == 0) {
        ui_tex_set_surface(a->d, UI_TEX_QR, qr);
        SDL_FreeSurface(qr);
    }
    char dir[CONFIG_PATH_SIZE + 16];
    if (a->o.receipt_dir)
        snprintf(dir, sizeof(dir), "%s", a->o.receipt_dir);
    else
        snprintf(dir, sizeof(dir), "%s/receipts", a->o.cfg->data_dir);
    mkdir(dir, 0700);
    snprintf(a->receipt_path, sizeof(a->receipt_path), "%s/%s.png", dir, app->id);
    int rc = ui_receipt_write(a->receipt_path, app, a->o.cfg->station_name, a->now_ms, a->lang,
                              a->o.cfg->font[0] ? a->o.cfg->font : NULL, NULL);
    a->v.receipt_ok = rc == 0;
    snprintf(a->v.receipt_msg, sizeof(a->v.receipt_msg), "%s",
             ui_str(rc == 0 ? UI_S_DONE_RECEIPT_SAVED : UI_S_DONE_RECEIPT_FAILED, a->lang));
    if (rc != 0)
        a->receipt_path[0] = 0;
}

static void ui_enter_state(struct ui_app *a, enum wf_state s)
{
    const struct application *app = wf_app(runner_wf(a->r));
    a->modal = UI_MODAL_NONE;
    a->device_wait_since = 0;
    switch (s) {
    case WF_IDLE:
        ui_wipe_citizen(a);
        a->idle_screen = UI_SCR_HOME;
        ui_refresh_home(a);
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
        if (app->chip_face.len)
            ui_tex_set_image(a->d, UI_TEX_CHIP_FACE, app->chip_face.data, app->chip_face.len);
        break;
    case WF_PORTRAIT:
        a->v.preview_live = a->v.preview_pass = 0;
        a->v.hint[0] = a->v.camera_error[0] = 0;
        ui_tex_clear(a->d, UI_TEX_PREVIEW);
        a->device_wait_since = a->now_ms;
        break;
    case WF_FINGERS:
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
        ui_write_receipt(a);
        break;
    default:
        break;
    }
}

/* Called after anything that may have moved the workflow. */
static void ui_sync_state(struct ui_app *a)
{
    enum wf_state s = wf_state(runner_wf(a->r));
    if (s != a->last_state) {
        a->last_state = s;
        ui_enter_state(a, s);
    }
}

static void ui_wf(struct ui_app *a, enum wf_event_type t)
{
    struct wf_event ev = {.type = t, .now_ms = a->now_ms};
    runner_event(a->r, &ev);
    ui_sync_state(a);
}

/* --- officer sign-in ------------------------------------------------------------------ */

static enum msg_id ui_login_msg(int rc)
{
    switch (rc) {
    case STORE_EAUTH:
        return MSG_OFFICER_BAD_PIN;
    case STORE_ELOCKED:
        return MSG_OFFICER_LOCKED;
    case STORE_ENOTFOUND:
        return MSG_OFFICER_UNKNOWN;
    case STORE_EDISABLED:
        return MSG_OFFICER_DISABLED;
    case STORE_EROLE:
        return MSG_OFFICER_NOT_SUPERVISOR;
    default:
        return MSG_STORE_IO;
    }
}

static void ui_logout(struct ui_app *a)
{
    runner_set_officer(a->r, NULL);
    ui_sync_state(a);
    explicit_bzero(a->officer_id, sizeof(a->officer_id));
    explicit_bzero(a->officer_name, sizeof(a->officer_name));
    a->supervisor = 0;
    a->modal = UI_MODAL_NONE;
    ui_wipe_citizen(a);
    ui_load_officers(a, 0);
}

static void ui_pin_ok(struct ui_app *a)
{
    if (a->officer_sel < 0 || a->officer_sel >= a->n_officers || a->pin_len < 4)
        return;
    const struct ui_view_officer *o = &a->officers[a->officer_sel];
    enum officer_role role = ROLE_OFFICER;
    int rc = a->o.st ? store_officer_login(a->o.st, o->id, a->pin, a->now_ms, &role) : STORE_EIO;
    explicit_bzero(a->pin, sizeof(a->pin));
    a->pin_len = 0;
    if (rc == 0 && a->modal == UI_MODAL_SUPERVISOR_PIN && role != ROLE_SUPERVISOR)
        rc = STORE_EROLE;
    if (rc != 0) {
        ui_note(a, ui_login_msg(rc), NULL, 1);
        return;
    }
    ui_note(a, MSG_NONE, NULL, 0);
    if (a->modal == UI_MODAL_SUPERVISOR_PIN) {
        char sup[APP_OFFICER_SIZE];
        snprintf(sup, sizeof(sup), "%s", o->id);
        a->modal = UI_MODAL_NONE;
        struct wf_event ev = {.type = WF_EV_SUPERVISOR_OK, .now_ms = a->now_ms, .officer = sup};
        runner_event(a->r, &ev);
        /* the approval was asked for by Confirm: go on with it */
        ui_wf(a, WF_EV_CONFIRM);
        return;
    }
    snprintf(a->officer_id, sizeof(a->officer_id), "%s", o->id);
    snprintf(a->officer_name, sizeof(a->officer_name), "%s", o->name);
    a->supervisor = role == ROLE_SUPERVISOR;
    runner_set_officer(a->r, a->officer_id);
    a->idle_screen = UI_SCR_HOME;
    ui_refresh_home(a);
}

/* --- contact -------------------------------------------------------------------------- */

static void ui_validate_contact(struct ui_app *a)
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
    return NULL;
}

static void ui_key(struct ui_app *a, int action, int arg)
{
    size_t size = 0;
    char *t = ui_focused_text(a, &size);
    if (!t)
        return;
    size_t n = strlen(t);
    if (action == UI_A_KEY_CLEAR) {
        explicit_bzero(t, size);
    } else if (action == UI_A_KEY_DEL) {
        if (n)
            t[n - 1] = 0;
    } else if (arg == 1) { /* the domain key */
        snprintf(t + n, size - n, "%s", "@gmail.com");
    } else if (t == a->v.card_pid && (arg < '0' || arg > '9')) {
        return;
    } else if (arg > 0 && arg < 128 && n + 1 < size) {
        t[n] = (char)arg;
        t[n + 1] = 0;
    }
    if (t == a->v.search)
        ui_refresh_queue(a);
    else if (t != a->v.card_pid)
        ui_validate_contact(a);
}

/* --- the card ------------------------------------------------------------------------- */

/* Starts a chip read with the ID typed (or the scanned QR's access data), or takes the
 * identity from the scanned QR alone. */
static void ui_card_read(struct ui_app *a, int qr_only)
{
    if (wf_state(runner_wf(a->r)) != WF_CARD)
        return;
    struct dev_card_request req;
    memset(&req, 0, sizeof(req));
    if (qr_only && !a->qr_text[0])
        return;
    if (!qr_only && strlen(a->v.card_pid) != 12 && !a->qr_text[0])
        return;
    snprintf(req.qr_text, sizeof(req.qr_text), "%s", a->qr_text);
    if (strlen(a->v.card_pid) == 12)
        snprintf(req.personal_id, sizeof(req.personal_id), "%s", a->v.card_pid);
    req.qr_only = qr_only;
    a->card_requested = 1;
    a->v.card_phase = UI_CARD_READING;
    a->v.card_percent = 0;
    a->v.card_error[0] = 0;
    a->device_wait_since = a->now_ms;
    ui_note(a, MSG_NONE, NULL, 0);
    runner_card_read(a->r, &req);
    explicit_bzero(&req, sizeof(req));
    ui_sync_state(a);
}

/* A keyboard-wedge QR scanner "types" the code and presses Enter. The CCCD's code is
 * fields separated by '|', the personal ID first. */
static void ui_scan_done(struct ui_app *a)
{
    a->scan[a->scan_len] = 0;
    if (wf_state(runner_wf(a->r)) == WF_CARD && strchr(a->scan, '|')) {
        snprintf(a->qr_text, sizeof(a->qr_text), "%s", a->scan);
        a->v.qr_scanned = 1;
        size_t n = strcspn(a->scan, "|");
        if (n == 12 && strspn(a->scan, "0123456789") >= 12)
            snprintf(a->v.card_pid, sizeof(a->v.card_pid), "%.12s", a->scan);
        ui_card_read(a, 0);
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
    if (a->o.ops && a->o.ops->finger_cancel)
        a->o.ops->finger_cancel(a->o.dev);
    struct app_finger fp = {.position = f, .exception = why};
    struct wf_event ev = {.type = WF_EV_FINGER_EXCEPTION, .now_ms = a->now_ms, .finger = &fp};
    runner_event(a->r, &ev);
    a->modal = UI_MODAL_NONE;
    a->v.finger_phase = UI_FP_WAITING;
    a->v.finger_percent = 0;
    a->v.finger_error[0] = 0;
    a->device_wait_since = a->now_ms;
    ui_sync_state(a);
}

static void ui_export(struct ui_app *a)
{
    a->v.export_ok = 0;
    if (!a->o.export_fn) {
        snprintf(a->v.export_msg, sizeof(a->v.export_msg), "%s",
                 ui_str(UI_S_EXPORT_UNAVAILABLE, a->lang));
        return;
    }
    if (a->v.export_sel < 0 || a->v.export_sel >= a->v.n_export_dirs)
        return;
    char err[200] = "";
    const char *dir = a->v.export_dirs[a->v.export_sel];
    int rc = a->o.export_fn(a->o.st, a->v.export_day, dir, "csv", a->officer_id, err, sizeof(err));
    a->v.export_ok = rc == 0;
    snprintf(a->v.export_msg, sizeof(a->v.export_msg), "%s: %s",
             ui_str(rc == 0 ? UI_S_EXPORT_OK : UI_S_EXPORT_FAILED, a->lang), rc == 0 ? dir : err);
}

static void ui_shift_day(struct ui_app *a, int days)
{
    int64_t t = time_day_start(a->v.export_day);
    if (t < 0)
        t = a->now_ms;
    t += (int64_t)days * 86400000LL + 3600000LL; /* into the day, away from its edge */
    if (t > a->now_ms)
        return;
    time_day(t, a->v.export_day);
}

void ui_app_action(struct ui_app *a, int action, int arg, int64_t now_ms)
{
    a->now_ms = now_ms;
    a->last_input_ms = now_ms;
    struct ui_view *v = &a->v;
    switch ((enum ui_action)action) {
    case UI_A_NONE:
        break;
    case UI_A_LANG:
        a->lang = a->lang == LANG_VI ? LANG_EN : LANG_VI;
        if (wf_state(runner_wf(a->r)) == WF_CONTACT)
            ui_validate_contact(a);
        break;
    case UI_A_LOGOUT:
        ui_logout(a);
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
    case UI_A_NEXT_CITIZEN: {
        /* the runner keeps the last card request: the new citizen's card is not to be
         * opened with the previous citizen's ID */
        struct dev_card_request none;
        memset(&none, 0, sizeof(none));
        runner_card_read(a->r, &none);
        ui_note(a, MSG_NONE, NULL, 0);
        ui_wf(a, WF_EV_START);
        break;
    }
    case UI_A_GOTO_QUEUE:
        a->idle_screen = UI_SCR_QUEUE;
        v->focus = 0;
        ui_refresh_queue(a);
        break;
    case UI_A_GOTO_SUPERVISOR:
        if (!a->supervisor)
            break;
        a->idle_screen = UI_SCR_SUPERVISOR;
        time_day(a->now_ms, v->export_day);
        v->export_msg[0] = 0;
        ui_scan_export_dirs(a);
        break;
    case UI_A_HOME:
        if (wf_state(runner_wf(a->r)) == WF_QUEUED) {
            ui_wf(a, WF_EV_CANCEL);
        } else {
            explicit_bzero(v->rows, sizeof(v->rows));
            v->n_rows = 0;
            a->idle_screen = UI_SCR_HOME;
            ui_refresh_home(a);
        }
        break;
    case UI_A_CANCEL:
        ui_wf(a, WF_EV_CANCEL);
        break;
    case UI_A_BACK:
        if (a->held_portrait) { /* back from the captured portrait: same as retake */
            dev_event_free(a->held_portrait);
            a->held_portrait = NULL;
        }
        ui_wf(a, WF_EV_BACK);
        break;
    case UI_A_CONFIRM: {
        enum wf_state s = wf_state(runner_wf(a->r));
        if (s == WF_REVIEW && wf_needs_supervisor(runner_wf(a->r))) {
            ui_load_officers(a, 1);
            a->modal = UI_MODAL_SUPERVISOR_PIN;
            break;
        }
        if (s == WF_PORTRAIT && a->held_portrait) {
            struct dev_event *ev = a->held_portrait;
            a->held_portrait = NULL;
            runner_device_event(a->r, ev, NULL);
            ui_sync_state(a);
            break;
        }
        if (s == WF_CONTACT) {
            struct wf_event ev = {
                .type = WF_EV_CONTACT, .now_ms = a->now_ms, .text1 = v->phone, .text2 = v->email};
            runner_event(a->r, &ev);
            ui_sync_state(a);
            break;
        }
        ui_wf(a, WF_EV_CONFIRM);
        break;
    }
    case UI_A_RETRY:
        if (wf_state(runner_wf(a->r)) == WF_CARD) {
            a->v.card_phase = UI_CARD_WAITING;
            a->v.card_error[0] = 0;
        }
        a->v.finger_error[0] = 0;
        a->device_wait_since = a->now_ms;
        ui_wf(a, WF_EV_RETRY);
        break;
    case UI_A_CARD_QR:
    case UI_A_CARD_READ:
        ui_card_read(a, action == UI_A_CARD_QR);
        break;
    case UI_A_CAPTURE:
        if (a->o.camera_capture && a->v.preview_live)
            a->o.camera_capture(a->o.dev, arg ? 1 : 0);
        break;
    case UI_A_RETAKE:
        if (a->held_portrait) {
            dev_event_free(a->held_portrait);
            a->held_portrait = NULL;
        }
        ui_tex_clear(a->d, UI_TEX_PORTRAIT);
        a->v.portrait_taken = 0;
        a->v.preview_live = a->v.preview_pass = 0;
        a->device_wait_since = a->now_ms;
        ui_wf(a, WF_EV_RETRY);
        break;
    case UI_A_EXCEPTION_OPEN:
        if (wf_current_finger(runner_wf(a->r)) != FINGER_NONE)
            a->modal = UI_MODAL_EXCEPTION;
        break;
    case UI_A_EXCEPTION_REASON:
        if (arg >= FINGER_MISSING && arg <= FINGER_UNREADABLE)
            ui_capture_finger_exception(a, (enum finger_exception)arg);
        break;
    case UI_A_MODAL_CLOSE:
        a->modal = UI_MODAL_NONE;
        explicit_bzero(a->pin, sizeof(a->pin));
        a->pin_len = 0;
        break;
    case UI_A_FOCUS:
        v->focus = arg;
        break;
    case UI_A_KEY:
    case UI_A_KEY_DEL:
    case UI_A_KEY_CLEAR:
        ui_key(a, action, arg);
        break;
    case UI_A_CONSENT:
        v->queuing = 1;
        ui_wf(a, WF_EV_CONSENT);
        v->queuing = 0;
        break;
    case UI_A_QUEUE_FILTER:
        v->queue_all = arg ? 1 : 0;
        ui_refresh_queue(a);
        break;
    case UI_A_DAY_PREV:
        ui_shift_day(a, -1);
        break;
    case UI_A_DAY_NEXT:
        ui_shift_day(a, 1);
        break;
    case UI_A_EXPORT:
        ui_export(a);
        break;
    case UI_A_EXPORT_DIR:
        if (arg >= 0 && arg < v->n_export_dirs)
            v->export_sel = arg;
        break;
    case UI_A_NOTICE_CLOSE: {
        struct store_notice n[UI_VIEW_NOTICES];
        int k = a->o.st ? store_notices(a->o.st, n, UI_VIEW_NOTICES) : 0;
        if (arg >= 0 && arg < k)
            store_notice_close(a->o.st, n[arg].id, a->officer_id, a->now_ms);
        ui_refresh_home(a);
        break;
    }
    case UI_A_COUNT:
        break;
    }
}

/* --- device results ------------------------------------------------------------------- */

static void ui_device(struct ui_app *a, struct dev_event *ev)
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
        snprintf(a->v.card_error, sizeof(a->v.card_error), "%s", ev->text);
        break;
    case DEV_PORTRAIT_DONE:
        if (s != WF_PORTRAIT || !ev->app)
            break;
        /* held until the officer confirms (or retakes) */
        if (a->held_portrait)
            dev_event_free(a->held_portrait);
        a->held_portrait = ev;
        ui_tex_clear(a->d, UI_TEX_PORTRAIT);
        if (ev->app->portrait.len && ui_tex_set_image(a->d, UI_TEX_PORTRAIT, ev->app->portrait.data,
                                                      ev->app->portrait.len) == 0)
            a->v.portrait_taken = 1;
        else
            a->v.portrait_taken = 1; /* shown as "no photo": still confirmable */
        return;
    case DEV_CAMERA_FAILED:
        snprintf(a->v.camera_error, sizeof(a->v.camera_error), "%s", ev->text);
        break;
    case DEV_FINGER_FAILED:
        snprintf(a->v.finger_error, sizeof(a->v.finger_error), "%s", ev->text);
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
                snprintf(a->v.hint, sizeof(a->v.hint), "%s", f->hint);
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
    ui_sync_state(a);
}

static void ui_sync_report(struct ui_app *a, const struct ui_sync_status *s)
{
    a->v.sync.known = 1;
    a->v.sync.online = s->online;
    a->v.sync.pending = s->pending;
    a->v.sync.last_success[0] = 0;
    if (s->last_success_ms > 0)
        time_local_display(s->last_success_ms, a->v.sync.last_success);
    snprintf(a->v.sync.last_error, sizeof(a->v.sync.last_error), "%s", s->last_error);
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
        ui_tap(a, (int)(e->tfinger.x * (float)m->w), (int)(e->tfinger.y * (float)m->h),
               e->type == SDL_FINGERDOWN);
        break;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        if (e->button.which == SDL_TOUCH_MOUSEID) /* already seen as a finger event */
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
            ui_scan_done(a);
        break;
    case SDL_WINDOWEVENT:
        if (e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED)
            ui_draw_set_size(a->d, e->window.data1, e->window.data2, m->dpi);
        break;
    case SDL_USEREVENT:
        if (e->user.code == UI_EV_DEVICE && e->user.data1) {
            ui_device(a, e->user.data1);
        } else if (e->user.code == UI_EV_SYNC && e->user.data1) {
            ui_sync_report(a, e->user.data1);
            free(e->user.data1);
        }
        break;
    default:
        break;
    }
}

void ui_app_tick(struct ui_app *a, int64_t now_ms)
{
    a->now_ms = now_ms;
    if (a->last_input_ms == 0)
        a->last_input_ms = now_ms;
    struct wf_event ev = {.type = WF_EV_TICK, .now_ms = now_ms};
    runner_event(a->r, &ev);
    ui_sync_state(a);
    if (a->officer_id[0] && a->o.cfg->officer_idle_seconds > 0 &&
        now_ms - a->last_input_ms >= (int64_t)a->o.cfg->officer_idle_seconds * 1000) {
        ui_logout(a);
        ui_note(a, MSG_NONE, ui_str(UI_S_LOGIN_IDLE, a->lang), 0);
    }
    if (a->officer_id[0] && wf_state(runner_wf(a->r)) == WF_IDLE && a->idle_screen == UI_SCR_HOME &&
        now_ms - a->home_refreshed_ms >= UI_HOME_REFRESH_MS)
        ui_refresh_home(a);
}

/* --- the view ------------------------------------------------------------------------- */

static void ui_fill_fingers(struct ui_app *a)
{
    const struct wf *wf = runner_wf(a->r);
    const struct application *app = wf_app(wf);
    struct ui_view *v = &a->v;
    memset(v->finger_state, 0, sizeof(v->finger_state));
    for (int i = 0; i < a->o.cfg->n_fingers; i++)
        if (a->o.cfg->fingers[i] > FINGER_NONE && a->o.cfg->fingers[i] <= FINGER_L_LITTLE)
            v->finger_state[a->o.cfg->fingers[i]] = UI_FS_PENDING;
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

static void ui_fill_view(struct ui_app *a)
{
    struct ui_view *v = &a->v;
    const struct wf *wf = runner_wf(a->r);
    enum wf_state s = wf_state(wf);
    v->lang = a->lang;
    v->sim_devices = a->o.sim_devices;
    v->modal = a->modal;
    snprintf(v->officer_name, sizeof(v->officer_name), "%s", a->officer_name);
    v->officer_supervisor = a->supervisor;
    memcpy(v->officers, a->officers, sizeof(v->officers));
    v->n_officers = a->n_officers;
    v->officer_sel = a->officer_sel;
    v->pin_len = a->pin_len;
    v->app = s == WF_IDLE ? NULL : wf_app(wf);
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
        v->needs_supervisor = wf_needs_supervisor(wf);
        v->card_expired = ui_card_expired(v->app, a->now_ms);
    }
    if (s != WF_PORTRAIT)
        v->portrait_taken = 0;
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

void ui_app_render(struct ui_app *a)
{
    ui_fill_view(a);
    ui_draw_begin_frame(a->d);
    ui_screen_build(&a->frame, ui_draw_metrics(a->d), &a->v);
    ui_frame_render(a->d, &a->frame, a->pressed);
}
