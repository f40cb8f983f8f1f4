/* ui_screen_after.c: the recall worklist and an opened application (ui_after.h). */
#include <stdio.h>
#include <string.h>

#include "ui/ui_after.h"

static const enum ui_after_str mark_str[] = {0, UI_AS_MARK_CALLED, UI_AS_MARK_NO_ANSWER,
                                             UI_AS_MARK_APPOINTMENT, UI_AS_MARK_RETURNED};

static void ui_recall_row(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                          const struct ui_recall_row *row, int i, SDL_Rect r)
{
    const struct ui_after_view *av = v->after;
    if (i % 2 == 0)
        ui_panel(fr, r, UI_ST_CARD);
    r = ui_inset(r, 2);
    char who[200];
    snprintf(who, sizeof who, "%s  %s", row->short_no, row->name);
    SDL_Rect name = ui_cut_left(&r, r.w * 34 / 100, m->gap);
    struct ui_widget *b =
        ui_button(fr, name, who, UI_A_RECALL_PICK, i, i == av->sel ? UI_ST_SELECTED : UI_ST_NORMAL);
    if (b) {
        b->align = UI_ALIGN_LEFT;
        b->font = UI_FONT_SMALL;
    }
    SDL_Rect phone = ui_cut_left(&r, r.w * 20 / 100, m->gap);
    ui_bold(ui_label(fr, phone, row->phone[0] ? row->phone : ui_astr(UI_AS_NO_PHONE, v->lang),
                     UI_FONT_SMALL, UI_ST_NORMAL, UI_ALIGN_LEFT));
    SDL_Rect days = ui_cut_left(&r, r.w * 12 / 100, m->gap);
    char d[32];
    snprintf(d, sizeof d, ui_astr(UI_AS_DAYS, v->lang), row->days);
    ui_label(fr, days, d, UI_FONT_SMALL, UI_ST_MUTED, UI_ALIGN_LEFT);
    SDL_Rect mark = ui_cut_right(&r, r.w * 38 / 100, m->gap);
    if (row->mark > 0 && row->mark < 5) {
        char mk[64];
        snprintf(mk, sizeof mk, "%s%s%s", ui_astr(mark_str[row->mark], v->lang),
                 row->appointment[0] ? " " : "", row->appointment);
        struct ui_widget *w = ui_add(fr, UI_W_BADGE, mark, mk);
        if (w) {
            w->style = row->mark == 2 ? UI_ST_WARN : UI_ST_INFO;
            w->font = UI_FONT_SMALL;
        }
    }
    ui_label(fr, r, row->reason, UI_FONT_SMALL, row->overdue ? UI_ST_WARN : UI_ST_ERROR,
             UI_ALIGN_LEFT);
}

void ui_scr_recall(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                   SDL_Rect c)
{
    const struct ui_after_view *av = v->after;
    /* a row is a touch target (the name picks the citizen) */
    int rh =
        m->btn_h + 4 > m->font_px[UI_FONT_SMALL] * 3 ? m->btn_h + 4 : m->font_px[UI_FONT_SMALL] * 3;
    if (av && av->sel >= 0 && av->sel < av->n_rows) {
        /* what can be done for the citizen picked */
        SDL_Rect bar = ui_cut_bottom(&c, m->btn_h, m->pad);
        static const struct {
            enum ui_after_str s;
            int action, arg;
            enum ui_style st;
        } acts[] = {
            {UI_AS_MARK_CALLED, UI_A_RECALL_MARK, 1, UI_ST_NORMAL},
            {UI_AS_MARK_NO_ANSWER, UI_A_RECALL_MARK, 2, UI_ST_NORMAL},
            {UI_AS_MARK_APPOINTMENT, UI_A_RECALL_MARK, 3, UI_ST_NORMAL},
            {UI_AS_BTN_OPEN, UI_A_RECALL_OPEN, 0, UI_ST_NORMAL},
            {UI_AS_BTN_REDO, UI_A_RECALL_REDO, 0, UI_ST_PRIMARY},
        };
        for (int i = 0; i < 5; i++) {
            struct ui_widget *b =
                ui_button(fr, ui_col(bar, 5, i, m->gap), ui_astr(acts[i].s, v->lang),
                          acts[i].action, acts[i].arg, acts[i].st);
            if (b)
                b->font = UI_FONT_SMALL;
        }
    }
    if (!av || av->n_rows == 0) {
        ui_label(fr, ui_cut_top(&c, rh, 0), ui_astr(UI_AS_RECALL_EMPTY, v->lang), UI_FONT_BODY,
                 UI_ST_MUTED, UI_ALIGN_LEFT);
    } else {
        for (int i = 0; i < av->n_rows && c.h >= rh; i++)
            ui_recall_row(fr, m, v, &av->rows[i], i, ui_cut_top(&c, rh, 2));
    }
    struct ui_footer_btn f[3] = {{UI_S_BTN_HOME, UI_A_HOME, 0, UI_ST_NORMAL}};
    ui_scr_footer(fr, m, v, f, 1);
}

/* A "label: value" row of the opened application, when there is room for it. */
static void app_row(struct ui_frame *fr, SDL_Rect *c, int lh, int lw, const char *label,
                    const char *value, enum ui_font_role font)
{
    if (value[0] && c->h >= lh)
        ui_scr_pair(fr, ui_cut_top(c, lh, 2), lw, label, value, font);
}

void ui_scr_app(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                SDL_Rect c)
{
    const struct ui_after_view *av = v->after;
    struct ui_footer_btn f[3] = {{UI_S_BTN_HOME, UI_A_HOME, 0, UI_ST_NORMAL},
                                 {UI_S_BTN_BACK, UI_A_APP_BACK, 0, UI_ST_NORMAL}};
    if (!av || !av->id[0]) {
        ui_scr_footer(fr, m, v, f, 2);
        return;
    }
    int lh = m->font_px[UI_FONT_BODY] * 3 / 2;
    SDL_Rect right = ui_cut_right(&c, c.w * 42 / 100, m->pad * 2);
    int lw = c.w * 42 / 100;
    char buf[300];

    /* the actions first, at the bottom, so that a small screen drops details, not buttons:
     * reprint the receipt; correct the phone of a sent or approved application */
    SDL_Rect pr = ui_cut_bottom(&c, m->btn_h, m->gap);
    SDL_Rect fix = ui_cut_right(&pr, av->fix_allowed ? pr.w / 2 : pr.w * 30 / 100, m->gap);
    struct ui_widget *b =
        ui_button(fr, pr, ui_astr(v->printing ? UI_AS_PRINTING : UI_AS_BTN_REPRINT, v->lang),
                  UI_A_REPRINT, 0, av->purged || v->printing ? UI_ST_DISABLED : UI_ST_PRIMARY);
    if (b && av->fix_allowed)
        b->font = UI_FONT_SMALL;
    if (av->fix_allowed) {
        b = ui_button(fr, fix, ui_astr(UI_AS_BTN_FIX, v->lang), UI_A_PHONEFIX_OPEN, 0,
                      UI_ST_NORMAL);
        if (b)
            b->font = UI_FONT_SMALL;
    }
    if (av->msg[0] && !v->printing)
        ui_label(fr, ui_cut_bottom(&c, lh, 2), av->msg, UI_FONT_SMALL,
                 av->msg_error ? UI_ST_ERROR : UI_ST_OK, UI_ALIGN_LEFT);

    /* the rows, most useful first */
    snprintf(buf, sizeof buf, "%s", av->short_no[0] ? av->short_no : av->id);
    ui_scr_pair(fr, ui_cut_top(&c, lh * 3 / 2, 2), lw, ui_astr(UI_AS_L_NUMBER, v->lang), buf,
                UI_FONT_LARGE);
    struct ui_widget *st = ui_add(fr, UI_W_BADGE, ui_cut_top(&c, lh, m->gap / 2),
                                  ui_str_status((enum app_status)av->status, v->lang));
    if (st) {
        st->style = av->status == APP_REJECTED   ? UI_ST_ERROR
                    : av->status == APP_APPROVED ? UI_ST_OK
                                                 : UI_ST_INFO;
        st->font = UI_FONT_SMALL;
    }
    if (av->purged) {
        if (c.h >= lh)
            ui_label(fr, ui_cut_top(&c, lh, 2), ui_astr(UI_AS_PURGED, v->lang), UI_FONT_BODY,
                     UI_ST_MUTED, UI_ALIGN_LEFT);
    } else {
        app_row(fr, &c, lh, lw, ui_astr(UI_AS_L_NAME, v->lang), av->name, UI_FONT_BODY);
        app_row(fr, &c, lh, lw, ui_astr(UI_AS_L_PID, v->lang), av->pid, UI_FONT_BODY);
        app_row(fr, &c, lh, lw, ui_astr(UI_AS_L_PHONE, v->lang), av->phone[0] ? av->phone : "—",
                UI_FONT_BODY);
        if (av->phone_shared > 0 && c.h >= lh) {
            snprintf(buf, sizeof buf, ui_astr(UI_AS_PHONE_SHARED, v->lang), av->phone_shared);
            ui_label(fr, ui_cut_top(&c, lh, 2), buf, UI_FONT_SMALL, UI_ST_WARN, UI_ALIGN_LEFT);
        }
    }
    app_row(fr, &c, lh, lw, ui_astr(UI_AS_L_EXPECTED, v->lang), av->expected, UI_FONT_SMALL);
    if (!av->purged) {
        app_row(fr, &c, lh, lw, ui_astr(UI_AS_L_DOB, v->lang), av->dob, UI_FONT_BODY);
        app_row(fr, &c, lh, lw, ui_astr(UI_AS_L_EMAIL, v->lang), av->email, UI_FONT_BODY);
    }
    app_row(fr, &c, lh, lw, ui_astr(UI_AS_L_RECEIVED, v->lang), av->received, UI_FONT_SMALL);
    app_row(fr, &c, lh, lw, ui_astr(UI_AS_L_APPROVED_BY, v->lang), av->approved_by, UI_FONT_SMALL);
    app_row(fr, &c, lh, lw, ui_astr(UI_AS_L_REDO_OF, v->lang), av->redo_of, UI_FONT_SMALL);

    /* right: the reason and what to do, the last phone correction, the history */
    if (av->what[0]) {
        ui_bold(ui_label(fr, ui_cut_top(&right, lh, 2), ui_astr(UI_AS_L_REASON, v->lang),
                         UI_FONT_SMALL, UI_ST_MUTED, UI_ALIGN_LEFT));
        ui_bold(ui_label(fr, ui_cut_top(&right, lh * 2, 2), av->what, UI_FONT_BODY, UI_ST_ERROR,
                         UI_ALIGN_LEFT));
        if (av->next[0]) {
            ui_label(fr, ui_cut_top(&right, lh, 2), ui_astr(UI_AS_L_NEXT, v->lang), UI_FONT_SMALL,
                     UI_ST_MUTED, UI_ALIGN_LEFT);
            ui_label(fr, ui_cut_top(&right, lh * 3, m->gap), av->next, UI_FONT_SMALL, UI_ST_NORMAL,
                     UI_ALIGN_LEFT);
        }
    }
    if (av->fix_last[0]) {
        ui_bold(ui_label(fr, ui_cut_top(&right, lh, 2), ui_astr(UI_AS_L_FIX, v->lang),
                         UI_FONT_SMALL, UI_ST_MUTED, UI_ALIGN_LEFT));
        ui_bold(ui_label(fr, ui_cut_top(&right, lh, m->gap), av->fix_last, UI_FONT_BODY, UI_ST_INFO,
                         UI_ALIGN_LEFT));
    }
    ui_bold(ui_label(fr, ui_cut_top(&right, lh, 2), ui_astr(UI_AS_L_HISTORY, v->lang),
                     UI_FONT_SMALL, UI_ST_MUTED, UI_ALIGN_LEFT));
    int hh = m->font_px[UI_FONT_SMALL] * 3 / 2;
    for (int i = 0; i < av->n_history && right.h >= hh; i++)
        ui_label(fr, ui_cut_top(&right, hh, 0), av->history[i], UI_FONT_SMALL, UI_ST_NORMAL,
                 UI_ALIGN_LEFT);
    ui_scr_footer(fr, m, v, f, 2);
}

void ui_scr_guidance(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                     SDL_Rect c)
{
    static const enum ui_after_str choice[] = {UI_AS_G_NO_CARD, UI_AS_G_LOST_CARD,
                                               UI_AS_G_UNDER_14};
    static const enum ui_after_str text[] = {UI_AS_G_TEXT_NO_CARD, UI_AS_G_TEXT_LOST_CARD,
                                             UI_AS_G_TEXT_UNDER_14};
    int kind = v->after && v->after->guidance_kind >= 0 && v->after->guidance_kind < 3
                   ? v->after->guidance_kind
                   : 0;
    SDL_Rect bar = ui_cut_top(&c, m->btn_h, m->pad);
    for (int i = 0; i < 3; i++)
        ui_button(fr, ui_col(bar, 3, i, m->gap), ui_astr(choice[i], v->lang), UI_A_GUIDANCE_KIND, i,
                  i == kind ? UI_ST_SELECTED : UI_ST_NORMAL);
    SDL_Rect done = ui_cut_bottom(&c, m->btn_h * 3 / 2, m->pad);
    done.w = done.w / 2;
    struct ui_widget *d = ui_button(fr, done, ui_astr(UI_AS_G_DONE, v->lang), UI_A_GUIDANCE_DONE,
                                    kind, UI_ST_PRIMARY);
    if (d)
        d->font = UI_FONT_LARGE;
    ui_panel(fr, c, UI_ST_CARD);
    ui_label(fr, ui_inset(c, m->pad), ui_astr(text[kind], v->lang), UI_FONT_LARGE, UI_ST_NORMAL,
             UI_ALIGN_LEFT);
    struct ui_footer_btn f[3] = {{UI_S_BTN_HOME, UI_A_HOME, 0, UI_ST_NORMAL}};
    ui_scr_footer(fr, m, v, f, 1);
}
