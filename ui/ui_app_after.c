/* ui_app_after.c: the controller's part for the visits after the first: fills the recall
 * worklist and the opened application from the store, records contact marks, starts the
 * redo linked to the rejected application, reprints the receipt through CUPS from memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/model/reasons.h"
#include "kiosk/model/timefmt.h"
#include "kiosk/receipt/receipt.h"
#include "kiosk/store/store_recall.h"
#include "kiosk/workflow/policy.h"
#include "ui/ui_app_int.h"

static void phone_groups(const char *p, char out[16])
{
    if (strlen(p) == 10)
        snprintf(out, 16, "%.4s %.3s %.3s", p, p + 4, p + 7);
    else
        snprintf(out, 16, "%.15s", p);
}

static int recall_cb(const struct recall_item *it, void *arg)
{
    struct ui_app *a = arg;
    struct ui_after_view *av = &a->after;
    av->total++;
    if (av->n_rows >= UI_RECALL_ROWS)
        return 0;
    struct ui_recall_row *r = &av->rows[av->n_rows++];
    snprintf(r->id, sizeof r->id, "%s", it->id);
    snprintf(r->short_no, sizeof r->short_no, "%s", it->short_no);
    snprintf(r->name, sizeof r->name, "%s", it->name);
    if (it->phone[0])
        phone_groups(it->phone, r->phone);
    snprintf(r->reason, sizeof r->reason, "%s",
             it->overdue ? ui_astr(UI_AS_OVERDUE, a->lang)
                         : reason_lookup(it->reason_code, it->reason, a->lang).what);
    r->days = it->days_since;
    r->overdue = it->overdue;
    r->mark = (int)it->last_mark;
    snprintf(r->appointment, sizeof r->appointment, "%s", it->appointment);
    if (r->appointment[0]) {
        char vn[11];
        time_iso_to_vn(it->appointment, vn);
        snprintf(r->appointment, sizeof r->appointment, "%s", vn);
    }
    return 0;
}

static void refresh_recall(struct ui_app *a)
{
    struct ui_after_view *av = &a->after;
    char keep[APP_ID_SIZE] = "";
    if (av->sel >= 0 && av->sel < av->n_rows)
        snprintf(keep, sizeof keep, "%s", av->rows[av->sel].id);
    explicit_bzero(av->rows, sizeof av->rows);
    av->n_rows = 0;
    av->total = 0;
    av->sel = -1;
    if (a->st)
        store_recall_list(a->st, a->now_ms, recall_cb, a);
    for (int i = 0; keep[0] && i < av->n_rows; i++)
        if (strcmp(av->rows[i].id, keep) == 0)
            av->sel = i;
    a->v.recall_count = av->total;
}

void ui_app_after_refresh_count(struct ui_app *a)
{
    long n = 0;
    if (a->st && store_recall_count(a->st, a->now_ms, &n) == 0)
        a->v.recall_count = n;
}

void ui_app_after_wipe(struct ui_app *a)
{
    explicit_bzero(&a->after, sizeof a->after);
    a->after.sel = -1;
    /* the home screen's notices name citizens too */
    explicit_bzero(a->v.notices, sizeof a->v.notices);
    a->v.n_notices = 0;
}

void ui_app_open_app(struct ui_app *a, const char *id, enum ui_screen back)
{
    struct ui_after_view *av = &a->after;
    /* keep the worklist, forget the previous application */
    struct ui_recall_row rows[UI_RECALL_ROWS];
    memcpy(rows, av->rows, sizeof rows);
    int n_rows = av->n_rows, sel = av->sel;
    long total = av->total;
    explicit_bzero(av, sizeof *av);
    memcpy(av->rows, rows, sizeof rows);
    explicit_bzero(rows, sizeof rows);
    av->n_rows = n_rows;
    av->sel = sel;
    av->total = total;
    if (!a->st)
        return;
    snprintf(av->id, sizeof av->id, "%s", id);
    struct application app;
    int rc = store_load(a->st, id, &app);
    struct store_history h[32];
    int n = store_history(a->st, id, h, 32);
    if (rc == 0) {
        snprintf(av->short_no, sizeof av->short_no, "%s", app.short_no);
        av->status = app.status;
        snprintf(av->name, sizeof av->name, "%s", app.identity.full_name);
        snprintf(av->pid, sizeof av->pid, "%s", app.identity.personal_id);
        time_iso_to_vn(app.identity.dob, av->dob);
        if (app.phone[0]) {
            phone_groups(app.phone, av->phone);
            store_phone_other_citizens(a->st, app.phone, app.identity.personal_id,
                                       &av->phone_shared);
        }
        snprintf(av->email, sizeof av->email, "%s", app.email);
        char when[17];
        time_local_display(app.created_at, when);
        snprintf(av->received, sizeof av->received, "%s, %s", when, app.officer);
        for (int k = 0; k < app.n_approvals && k < 1; k++)
            snprintf(av->approved_by, sizeof av->approved_by, "%.31s (%.120s)", app.approvals[k].by,
                     pol_reason_text(app.approvals[k].reason, a->lang));
        if (app.redo_of[0]) {
            char sn[APP_SHORT_NO_SIZE] = "";
            struct application old;
            if (store_load(a->st, app.redo_of, &old) == 0)
                snprintf(sn, sizeof sn, "%s", old.short_no);
            app_wipe(&old);
            snprintf(av->redo_of, sizeof av->redo_of, "%s", sn[0] ? sn : "—");
        }
        if (app.status == APP_REJECTED) {
            struct reason_text t = reason_lookup(app.reason_code, app.status_reason, a->lang);
            snprintf(av->what, sizeof av->what, "%s", t.what);
            snprintf(av->next, sizeof av->next, "%s", t.next);
        }
        int64_t d = ui_app_delivered_at(a->st, id);
        if (d && (app.status == APP_SUBMITTED || app.status == APP_PROCESSING)) {
            char day[11];
            receipt_add_working_days(d, 3, day);
            time_iso_to_vn(day, av->expected);
        }
        app_wipe(&app);
    } else {
        av->purged = 1;
        if (n > 0)
            av->status = h[n - 1].status;
    }
    for (int i = 0; i < n && av->n_history < UI_APP_HISTORY; i++) {
        char when[17];
        time_local_display(h[i].at, when);
        snprintf(av->history[av->n_history++], sizeof av->history[0], "%s  %s  %.31s", when,
                 status_label(h[i].status, a->lang), h[i].actor);
    }
    a->back_screen = back;
    a->idle_screen = UI_SCR_APP;
    ui_app_phonefix_fill(a);
}

static void reprint(struct ui_app *a)
{
    struct ui_after_view *av = &a->after;
    struct application app;
    if (!a->st || !av->id[0] || store_load(a->st, av->id, &app) != 0)
        return;
    if (!a->v.printing) { /* one job at a time: the button waits while one prints */
        av->msg[0] = 0;
        av->msg_error = 0;
        if (ui_print_start(a, &app) != 0) {
            snprintf(av->msg, sizeof av->msg, ui_astr(UI_AS_NOT_PRINTED, a->lang), "out of memory");
            av->msg_error = 1;
        }
    }
    app_wipe(&app);
}

void ui_app_after_action(struct ui_app *a, int action, int arg)
{
    struct ui_after_view *av = &a->after;
    switch (action) {
    case UI_A_GOTO_RECALL:
        av->sel = -1;
        refresh_recall(a);
        a->idle_screen = UI_SCR_RECALL;
        break;
    case UI_A_RECALL_PICK:
        if (arg >= 0 && arg < av->n_rows)
            av->sel = arg == av->sel ? -1 : arg;
        break;
    case UI_A_RECALL_MARK:
        if (av->sel >= 0 && av->sel < av->n_rows && a->st) {
            const char *appt = NULL;
            char day[11];
            if (arg == RECALL_MARK_APPOINTMENT) {
                /* the next working day: the citizen is asked to come then */
                receipt_add_working_days(a->now_ms, 1, day);
                appt = day;
            }
            int rc = store_recall_mark(a->st, av->rows[av->sel].id, (enum recall_mark)arg, appt,
                                       a->officer_id, a->now_ms);
            if (rc == 0) {
                static const enum ui_after_str names[] = {
                    0, UI_AS_MARK_CALLED, UI_AS_MARK_NO_ANSWER, UI_AS_MARK_APPOINTMENT};
                char text[160];
                snprintf(text, sizeof text, ui_astr(UI_AS_MARKED, a->lang),
                         ui_astr(names[arg > 0 && arg < 4 ? arg : 1], a->lang));
                ui_app_note(a, MSG_NONE, text, 0);
            } else {
                ui_app_note(a, MSG_STORE_IO, NULL, 1);
            }
            refresh_recall(a);
        }
        break;
    case UI_A_RECALL_OPEN:
        if (av->sel >= 0 && av->sel < av->n_rows) {
            char id[APP_ID_SIZE];
            snprintf(id, sizeof id, "%s", av->rows[av->sel].id);
            ui_app_open_app(a, id, UI_SCR_RECALL);
        }
        break;
    case UI_A_QUEUE_OPEN:
        if (arg >= 0 && arg < a->v.n_rows) {
            char id[APP_ID_SIZE];
            snprintf(id, sizeof id, "%s", a->v.rows[arg].id);
            ui_app_open_app(a, id, UI_SCR_QUEUE);
        }
        break;
    case UI_A_APP_BACK:
        a->idle_screen = a->back_screen == UI_SCR_RECALL || a->back_screen == UI_SCR_QUEUE
                             ? a->back_screen
                             : UI_SCR_HOME;
        if (a->idle_screen == UI_SCR_RECALL)
            refresh_recall(a);
        break;
    case UI_A_REPRINT:
        reprint(a);
        break;
    case UI_A_RECALL_REDO:
        if (av->sel >= 0 && av->sel < av->n_rows && av->rows[av->sel].overdue == 0) {
            char id[APP_ID_SIZE];
            snprintf(id, sizeof id, "%s", av->rows[av->sel].id);
            ui_app_note(a, MSG_NONE, NULL, 0);
            ui_app_wf(a, WF_EV_START);
            runner_set_redo_of(a->r, id);
            a->idle_screen = UI_SCR_HOME;
        }
        break;
    case UI_A_GOTO_GUIDANCE:
    case UI_A_GUIDANCE_KIND:
        av->guidance_kind = arg >= 0 && arg < GUIDANCE_COUNT ? arg : GUIDANCE_NO_CARD;
        a->idle_screen = UI_SCR_GUIDANCE;
        break;
    case UI_A_PHONEFIX_OPEN:
    case UI_A_PHONEFIX_REASON:
    case UI_A_PHONEFIX_SUBMIT:
    case UI_A_PHONEFIX_BACK:
        ui_app_phonefix_action(a, action, arg);
        break;
    case UI_A_GUIDANCE_DONE:
        if (a->st && arg >= 0 && arg < GUIDANCE_COUNT &&
            store_guidance_add(a->st, (enum guidance_kind)arg, a->officer_id, a->now_ms) == 0) {
            ui_app_note(a, MSG_NONE, ui_astr(UI_AS_G_COUNTED, a->lang), 0);
            a->idle_screen = UI_SCR_HOME;
            ui_app_refresh_home(a);
        } else {
            ui_app_note(a, MSG_STORE_IO, NULL, 1);
        }
        break;
    default:
        break;
    }
}
