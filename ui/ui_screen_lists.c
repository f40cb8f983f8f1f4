/* ui_screen_lists.c: the queue of applications (search by name or ID, today or all). The
 * supervisor's screens are in ui_screen_reports.c. */
#include <stdio.h>
#include <string.h>

#include "ui/ui_screens.h"

static enum ui_style ui_status_style(enum app_status s)
{
    switch (s) {
    case APP_APPROVED:
        return UI_ST_OK;
    case APP_REJECTED:
        return UI_ST_ERROR;
    case APP_REDO:
        return UI_ST_WARN;
    case APP_SUBMITTED:
    case APP_PROCESSING:
        return UI_ST_INFO;
    default:
        return UI_ST_MUTED;
    }
}

void ui_scr_queue(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                  SDL_Rect c)
{
    SDL_Rect bar = ui_cut_top(&c, m->btn_h, m->pad);
    int bw = m->target * 2 + m->pad > m->w / 10 ? m->target * 2 + m->pad : m->w / 10;
    ui_button(fr, ui_cut_right(&bar, bw, m->gap), ui_str(UI_S_QUEUE_ALL, v->lang),
              UI_A_QUEUE_FILTER, 1, v->queue_all ? UI_ST_SELECTED : UI_ST_NORMAL);
    ui_button(fr, ui_cut_right(&bar, bw, m->gap), ui_str(UI_S_QUEUE_TODAY, v->lang),
              UI_A_QUEUE_FILTER, 0, v->queue_all ? UI_ST_NORMAL : UI_ST_SELECTED);
    struct ui_widget *s =
        ui_add(fr, UI_W_FIELD, bar, v->search[0] ? v->search : ui_str(UI_S_QUEUE_SEARCH, v->lang));
    if (s) {
        s->action = UI_A_FOCUS;
        s->arg = 1;
        s->arg2 = v->focus == 1;
        s->style = v->search[0] ? UI_ST_NORMAL : UI_ST_MUTED;
    }
    if (v->focus == 1) {
        int kh = 4 * m->btn_h + 3 * (m->gap / 2 + 1);
        if (kh > c.h)
            kh = c.h;
        SDL_Rect kb = ui_cut_bottom(&c, kh, m->gap);
        ui_scr_keyboard(fr, m, v, kb, UI_KB_SEARCH);
    }
    int rh = m->font_px[UI_FONT_BODY] * 2;
    if (v->n_rows == 0)
        ui_label(fr, ui_cut_top(&c, rh, 0), ui_str(UI_S_QUEUE_EMPTY, v->lang), UI_FONT_BODY,
                 UI_ST_MUTED, UI_ALIGN_LEFT);
    for (int i = 0; i < v->n_rows && c.h >= rh; i++) {
        const struct ui_view_row *row = &v->rows[i];
        SDL_Rect r = ui_cut_top(&c, rh, 2);
        if (i % 2 == 0)
            ui_panel(fr, r, UI_ST_CARD);
        r = ui_inset(r, 2);
        SDL_Rect when = ui_cut_left(&r, r.w * 20 / 100, m->gap);
        SDL_Rect status = ui_cut_right(&r, r.w * 32 / 100, m->gap);
        SDL_Rect pid = ui_cut_right(&r, r.w * 35 / 100, m->gap);
        ui_label(fr, when, row->when, UI_FONT_SMALL, UI_ST_MUTED, UI_ALIGN_LEFT);
        ui_bold(ui_label(fr, r, row->name, UI_FONT_BODY, UI_ST_NORMAL, UI_ALIGN_LEFT));
        ui_label(fr, pid, row->pid, UI_FONT_BODY, UI_ST_NORMAL, UI_ALIGN_LEFT);
        struct ui_widget *b = ui_add(fr, UI_W_BADGE, status, ui_str_status(row->status, v->lang));
        if (b) {
            b->style = ui_status_style(row->status);
            b->font = UI_FONT_SMALL;
        }
    }
    struct ui_footer_btn f[3] = {{UI_S_BTN_HOME, UI_A_HOME, 0, UI_ST_NORMAL}};
    ui_scr_footer(fr, m, v, f, 1);
}
