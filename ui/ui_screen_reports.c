/* ui_screen_reports.c: the supervisor's screens (their strings: ui_rs(), in the catalogue).
 *
 * The export dialog: the period (a day, or the reporting week Wednesday..Tuesday holding it,
 * the week Mẫu số 02 is sent for), the day with < >, the period in words, the sticks found
 * (mounted removable media, then the kiosk's own folder) each with its free space, the
 * kiosk's signing fingerprint (a district compares it with its keyring), Export and its
 * result in whole sentences. The dashboard: today and this week by status, waiting to upload
 * and the oldest, overdue, rejected still open, per officer, and when it was refreshed. */
#include <stdio.h>
#include <string.h>

#include "ui/ui_screens.h"

/* A button in the footer's right slot (ui_scr_footer's layout) with this screen's own text. */
static void footer_right(struct ui_frame *fr, const struct ui_metrics *m, const char *text,
                         int action)
{
    SDL_Rect f = {m->pad, m->h - m->footer_h + (m->footer_h - m->btn_h) / 2, m->w - 2 * m->pad,
                  m->btn_h};
    int bw = (f.w - 2 * m->gap) / 3;
    if (bw > m->w / 4 + m->pad)
        bw = m->w / 4 + m->pad;
    SDL_Rect b = {f.x + f.w - bw, f.y, bw, f.h};
    ui_button(fr, b, text, action, 0, UI_ST_NORMAL);
}

void ui_scr_supervisor(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                       SDL_Rect c)
{
    SDL_Rect right = ui_cut_right(&c, c.w * 40 / 100, m->pad * 2);
    int lh = m->font_px[UI_FONT_BODY] * 3 / 2;
    /* left: period kind, the day (< dd/mm/yyyy >), the period in words, the sticks */
    SDL_Rect kinds = ui_cut_top(&c, m->btn_h, m->gap);
    SDL_Rect kd = ui_cut_left(&kinds, kinds.w / 2, m->gap);
    ui_button(fr, kd, ui_rs(UI_RS_DAY, v->lang), UI_A_EXPORT_PERIOD, 0,
              v->export_week ? UI_ST_NORMAL : UI_ST_SELECTED);
    ui_button(fr, kinds, ui_rs(UI_RS_WEEK, v->lang), UI_A_EXPORT_PERIOD, 1,
              v->export_week ? UI_ST_SELECTED : UI_ST_NORMAL);
    SDL_Rect row = ui_cut_top(&c, m->btn_h, m->gap);
    ui_button(fr, ui_cut_left(&row, m->btn_h, m->gap), "<", UI_A_DAY_PREV, 0, UI_ST_NORMAL);
    ui_button(fr, ui_cut_right(&row, m->btn_h, m->gap), ">", UI_A_DAY_NEXT, 0, UI_ST_NORMAL);
    ui_bold(ui_label(fr, row, v->export_period, UI_FONT_BODY, UI_ST_NORMAL, UI_ALIGN_CENTER));
    ui_label(fr, ui_cut_top(&c, lh, 2), ui_rs(UI_RS_STICKS, v->lang), UI_FONT_BODY, UI_ST_MUTED,
             UI_ALIGN_LEFT);
    if (v->n_export_dirs == 0)
        ui_label(fr, ui_cut_top(&c, lh * 2, 2), ui_rs(UI_RS_NO_STICK, v->lang), UI_FONT_BODY,
                 UI_ST_ERROR, UI_ALIGN_LEFT);
    for (int i = 0; i < v->n_export_dirs && i < UI_EXPORT_DIRS && c.h >= m->btn_h; i++) {
        char text[320];
        if (v->export_free[i][0])
            snprintf(text, sizeof text, "%.200s  (%s %s)", v->export_dirs[i], v->export_free[i],
                     ui_rs(UI_RS_FREE, v->lang));
        else
            snprintf(text, sizeof text, "%.250s", v->export_dirs[i]);
        struct ui_widget *b = ui_button(fr, ui_cut_top(&c, m->btn_h, m->gap), text, UI_A_EXPORT_DIR,
                                        i, i == v->export_sel ? UI_ST_SELECTED : UI_ST_NORMAL);
        if (b) {
            b->align = UI_ALIGN_LEFT;
            b->bold = 0;
            b->font = UI_FONT_SMALL;
        }
    }
    /* right: export, its result, the signing key */
    struct ui_widget *e = ui_button(
        fr, ui_cut_top(&right, m->btn_h * 3 / 2, m->pad), ui_rs(UI_RS_BTN_EXPORT, v->lang),
        UI_A_EXPORT, 0, v->n_export_dirs > 0 && !v->exporting ? UI_ST_PRIMARY : UI_ST_DISABLED);
    if (e)
        e->font = UI_FONT_LARGE;
    SDL_Rect key = ui_cut_bottom(&right, lh * 4, m->gap);
    ui_label(fr, ui_cut_top(&key, lh, 0), ui_rs(UI_RS_KEY, v->lang), UI_FONT_SMALL, UI_ST_MUTED,
             UI_ALIGN_LEFT);
    ui_label(fr, key, v->sign_fingerprint, UI_FONT_SMALL, UI_ST_NORMAL, UI_ALIGN_LEFT);
    if (v->n_locked > 0) {
        /* above the key: officers locked out by wrong PINs, each with its unlock button */
        SDL_Rect bottom = ui_cut_bottom(&right, (m->btn_h + m->gap) * v->n_locked + lh, 0);
        ui_label(fr, ui_cut_top(&bottom, lh, 2), ui_str(UI_S_SUP_LOCKED, v->lang), UI_FONT_BODY,
                 UI_ST_MUTED, UI_ALIGN_LEFT);
        for (int i = 0; i < v->n_locked; i++) {
            SDL_Rect r = ui_cut_top(&bottom, m->btn_h, m->gap);
            ui_button(fr, ui_cut_right(&r, r.w * 40 / 100, m->gap),
                      ui_str(UI_S_BTN_UNLOCK, v->lang), UI_A_UNLOCK, i, UI_ST_NORMAL);
            ui_label(fr, r, v->locked[i].name, UI_FONT_BODY, UI_ST_NORMAL, UI_ALIGN_LEFT);
        }
    }
    if (v->export_msg[0])
        ui_label(fr, right, v->export_msg, UI_FONT_SMALL, v->export_ok ? UI_ST_OK : UI_ST_ERROR,
                 UI_ALIGN_LEFT);
    struct ui_footer_btn fb[3] = {{UI_S_BTN_HOME, UI_A_HOME, 0, UI_ST_NORMAL}};
    ui_scr_footer(fr, m, v, fb, 1);
    footer_right(fr, m, ui_rs(UI_RS_BTN_DASH, v->lang), UI_A_GOTO_DASHBOARD);
}

/* "label  n" rows of the statuses a supervisor follows, in a card. */
static void counts_card(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                        SDL_Rect r, const char *title, const long *counts, long total)
{
    static const enum app_status shown[] = {APP_QUEUED, APP_SUBMITTED, APP_APPROVED, APP_REJECTED};
    int lh = m->font_px[UI_FONT_BODY] * 3 / 2;
    char num[32];
    ui_panel(fr, r, UI_ST_CARD);
    r = ui_inset(r, m->gap);
    SDL_Rect head = ui_cut_top(&r, lh, m->gap / 2);
    snprintf(num, sizeof num, "%ld", total);
    ui_bold(ui_label(fr, ui_cut_right(&head, head.w / 3, 0), num, UI_FONT_LARGE, UI_ST_NORMAL,
                     UI_ALIGN_RIGHT));
    ui_bold(ui_label(fr, head, title, UI_FONT_BODY, UI_ST_NORMAL, UI_ALIGN_LEFT));
    int rh = r.h / (int)(sizeof shown / sizeof shown[0]);
    if (rh > lh)
        rh = lh;
    for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++) {
        SDL_Rect line = ui_cut_top(&r, rh, 0);
        long n = counts[shown[i]];
        if (shown[i] == APP_SUBMITTED) /* the upstream has it, no result yet */
            n += counts[APP_PROCESSING];
        if (shown[i] == APP_QUEUED)
            n += counts[APP_UPLOADING];
        snprintf(num, sizeof num, "%ld", n);
        ui_label(fr, ui_cut_right(&line, line.w / 4, 0), num, UI_FONT_SMALL, UI_ST_NORMAL,
                 UI_ALIGN_RIGHT);
        ui_label(fr, line, ui_str_status(shown[i], v->lang), UI_FONT_SMALL, UI_ST_MUTED,
                 UI_ALIGN_LEFT);
    }
}

void ui_scr_dashboard(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                      SDL_Rect c)
{
    const struct ui_dash_view *d = &v->dash;
    int lh = m->font_px[UI_FONT_BODY] * 3 / 2;
    char text[200], num[32];

    SDL_Rect left = ui_cut_left(&c, c.w * 58 / 100, m->pad);
    SDL_Rect top = ui_cut_top(&left, left.h / 2, m->gap);
    SDL_Rect today = ui_cut_left(&top, top.w / 2, m->gap);
    counts_card(fr, m, v, today, ui_rs(UI_RS_TODAY, v->lang), d->today, d->today_total);
    counts_card(fr, m, v, top, ui_rs(UI_RS_THIS_WEEK, v->lang), d->week, d->week_total);

    /* below: per officer */
    ui_panel(fr, left, UI_ST_CARD);
    SDL_Rect po = ui_inset(left, m->gap);
    ui_bold(ui_label(fr, ui_cut_top(&po, lh, m->gap / 2), ui_rs(UI_RS_PER_OFFICER, v->lang),
                     UI_FONT_SMALL, UI_ST_NORMAL, UI_ALIGN_LEFT));
    int sh = m->font_px[UI_FONT_SMALL] * 3 / 2;
    for (int i = 0; i < d->n_officers && po.h >= sh; i++) {
        SDL_Rect line = ui_cut_top(&po, sh, 0);
        snprintf(num, sizeof num, "%ld / %ld", d->officers[i].today, d->officers[i].week);
        ui_label(fr, ui_cut_right(&line, line.w / 3, 0), num, UI_FONT_SMALL, UI_ST_NORMAL,
                 UI_ALIGN_RIGHT);
        ui_label(fr, line, d->officers[i].id, UI_FONT_SMALL, UI_ST_MUTED, UI_ALIGN_LEFT);
    }

    /* right: what needs the supervisor */
    SDL_Rect w = ui_cut_top(&c, c.h / 3 - m->gap, m->gap);
    ui_panel(fr, w, d->waiting ? UI_ST_WARN : UI_ST_CARD);
    w = ui_inset(w, m->gap);
    SDL_Rect wl = ui_cut_top(&w, lh, 0);
    snprintf(num, sizeof num, "%ld", d->waiting);
    ui_bold(ui_label(fr, ui_cut_right(&wl, wl.w / 4, 0), num, UI_FONT_LARGE, UI_ST_NORMAL,
                     UI_ALIGN_RIGHT));
    ui_bold(
        ui_label(fr, wl, ui_rs(UI_RS_WAITING, v->lang), UI_FONT_BODY, UI_ST_NORMAL, UI_ALIGN_LEFT));
    if (d->oldest[0])
        snprintf(text, sizeof text, "%s: %s", ui_rs(UI_RS_OLDEST, v->lang), d->oldest);
    else
        snprintf(text, sizeof text, "%s", ui_rs(UI_RS_NONE_WAITING, v->lang));
    ui_label(fr, w, text, UI_FONT_SMALL, UI_ST_MUTED, UI_ALIGN_LEFT);

    SDL_Rect o = ui_cut_top(&c, c.h / 2 - m->gap, m->gap);
    ui_panel(fr, o, d->overdue ? UI_ST_ERROR : UI_ST_CARD);
    o = ui_inset(o, m->gap);
    snprintf(num, sizeof num, "%ld", d->overdue);
    ui_bold(ui_label(fr, ui_cut_right(&o, o.w / 4, 0), num, UI_FONT_LARGE, UI_ST_NORMAL,
                     UI_ALIGN_RIGHT));
    ui_label(fr, o, ui_rs(UI_RS_OVERDUE, v->lang), UI_FONT_SMALL, UI_ST_NORMAL, UI_ALIGN_LEFT);

    SDL_Rect rj = ui_cut_top(&c, c.h - lh - m->gap, m->gap);
    ui_panel(fr, rj, d->rejected_open ? UI_ST_WARN : UI_ST_CARD);
    rj = ui_inset(rj, m->gap);
    snprintf(num, sizeof num, "%ld", d->rejected_open);
    ui_bold(ui_label(fr, ui_cut_right(&rj, rj.w / 4, 0), num, UI_FONT_LARGE, UI_ST_NORMAL,
                     UI_ALIGN_RIGHT));
    ui_label(fr, rj, ui_rs(UI_RS_REJECTED_OPEN, v->lang), UI_FONT_SMALL, UI_ST_NORMAL,
             UI_ALIGN_LEFT);
    if (d->updated[0]) {
        snprintf(text, sizeof text, "%s %s", ui_rs(UI_RS_UPDATED, v->lang), d->updated);
        ui_label(fr, c, text, UI_FONT_SMALL, UI_ST_MUTED, UI_ALIGN_RIGHT);
    }
    struct ui_footer_btn fb[3] = {{UI_S_BTN_HOME, UI_A_HOME, 0, UI_ST_NORMAL}};
    ui_scr_footer(fr, m, v, fb, 1);
    footer_right(fr, m, ui_rs(UI_RS_BTN_EXPORT_SCREEN, v->lang), UI_A_GOTO_SUPERVISOR);
}
