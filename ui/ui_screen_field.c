/* ui_screen_field.c: a mobile unit's field session picker (kiosk/store/store_field.h): the
 * session open now (with its close button), the sites the kiosk knows to pick from, and a new
 * site typed once: its name and commune on the Vietnamese keyboard, its kind from the fixed
 * list (app_site_kinds). Three modes of one screen (ui_field_view.typing): 0 the list, 1 the
 * new site's form, 2 one of its fields on the keyboard (a small screen has no room for the
 * keyboard beside the kinds). */
#include <stdio.h>
#include <string.h>

#include "ui/ui_screens.h"

void ui_site_text(const struct app_site *s, enum msg_lang lang, char *out, size_t n)
{
    snprintf(out, n, "%s — %s%s%s", s->name, messages_site_kind(s->kind, lang),
             s->commune[0] ? ", " : "", s->commune);
}

static int typed_ready(const struct ui_field_view *f)
{
    return f->name[0] && f->kind >= 0;
}

/* The new site's fields (name, commune): tapped, each goes to the keyboard. */
static void field_inputs(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                         SDL_Rect *c, int only)
{
    static const enum ui_str_id labels[2] = {UI_S_FIELD_NAME, UI_S_FIELD_COMMUNE};
    const char *texts[2] = {v->field.name, v->field.commune};
    int lh = m->font_px[UI_FONT_SMALL] * 3 / 2;
    for (int i = 0; i < 2; i++) {
        if (only >= 0 && i != only)
            continue;
        ui_label(fr, ui_cut_top(c, lh, 2), ui_str(labels[i], v->lang), UI_FONT_SMALL, UI_ST_MUTED,
                 UI_ALIGN_LEFT);
        struct ui_widget *w = ui_add(fr, UI_W_FIELD, ui_cut_top(c, m->btn_h, m->gap), texts[i]);
        if (w) {
            w->action = UI_A_FOCUS;
            w->arg = i;
            w->arg2 = only >= 0 && v->focus == i;
            w->font = UI_FONT_BODY;
        }
    }
}

static void scr_list(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                     SDL_Rect c)
{
    const struct ui_field_view *f = &v->field;
    int lh = m->font_px[UI_FONT_BODY] * 3 / 2;
    char line[300];
    SDL_Rect now = ui_cut_top(&c, m->btn_h, m->gap);
    if (f->open) {
        ui_button(fr,
                  ui_cut_right(&now, now.w / 4 > m->btn_h * 2 ? now.w / 4 : m->btn_h * 2, m->gap),
                  ui_str(UI_S_FIELD_CLOSE, v->lang), UI_A_FIELD_CLOSE, 0, UI_ST_NORMAL);
        char site[260];
        ui_site_text(&f->current, v->lang, site, sizeof site);
        snprintf(line, sizeof line, "%s: %s", ui_str(UI_S_FIELD_SITE, v->lang), site);
        ui_bold(ui_label(fr, now, line, UI_FONT_BODY, UI_ST_OK, UI_ALIGN_LEFT));
    } else {
        ui_bold(ui_label(fr, now, ui_str(UI_S_FIELD_NONE, v->lang), UI_FONT_BODY, UI_ST_WARN,
                         UI_ALIGN_LEFT));
    }
    if (f->then_start)
        ui_label(fr, ui_cut_top(&c, lh, m->gap), ui_str(UI_S_FIELD_NEEDED, v->lang), UI_FONT_SMALL,
                 UI_ST_WARN, UI_ALIGN_LEFT);
    ui_label(fr, ui_cut_top(&c, lh, m->gap / 2), ui_str(UI_S_FIELD_KNOWN, v->lang), UI_FONT_SMALL,
             UI_ST_MUTED, UI_ALIGN_LEFT);
    if (f->n_sites == 0)
        ui_label(fr, ui_cut_top(&c, lh, 0), ui_str(UI_S_FIELD_NO_KNOWN, v->lang), UI_FONT_BODY,
                 UI_ST_MUTED, UI_ALIGN_LEFT);
    /* the known sites two by two, as many rows as fit */
    int rows = (c.h + m->gap) / (m->btn_h + m->gap);
    if (rows > (UI_FIELD_SITES + 1) / 2)
        rows = (UI_FIELD_SITES + 1) / 2;
    SDL_Rect grid = {c.x, c.y, c.w, rows * (m->btn_h + m->gap) - m->gap};
    for (int i = 0; i < f->n_sites && i / 2 < rows; i++) {
        char site[260];
        ui_site_text(&f->sites[i], v->lang, site, sizeof site);
        struct ui_widget *b =
            ui_button(fr, ui_col(ui_row(grid, rows, i / 2, m->gap), 2, i % 2, m->gap), site,
                      UI_A_FIELD_PICK, i, i == f->sel ? UI_ST_SELECTED : UI_ST_NORMAL);
        if (b)
            b->font = UI_FONT_SMALL;
    }
    struct ui_footer_btn fb[3] = {
        {UI_S_BTN_HOME, UI_A_HOME, 0, UI_ST_NORMAL},
        {UI_S_FIELD_NEW, UI_A_FIELD_NEW, 0, UI_ST_NORMAL},
        {UI_S_FIELD_OPEN, UI_A_FIELD_OPEN, 0, f->sel >= 0 ? UI_ST_PRIMARY : UI_ST_DISABLED},
    };
    ui_scr_footer(fr, m, v, fb, 3);
}

static void scr_form(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                     SDL_Rect c)
{
    const struct ui_field_view *f = &v->field;
    SDL_Rect kinds = ui_cut_right(&c, c.w / 2, m->pad * 2);
    field_inputs(fr, m, v, &c, -1);
    int lh = m->font_px[UI_FONT_SMALL] * 3 / 2;
    ui_label(fr, ui_cut_top(&kinds, lh, 2), ui_str(UI_S_FIELD_KIND, v->lang), UI_FONT_SMALL,
             UI_ST_MUTED, UI_ALIGN_LEFT);
    int n = 0;
    while (app_site_kinds[n])
        n++;
    int rows = (n + 1) / 2;
    SDL_Rect grid = {kinds.x, kinds.y, kinds.w, rows * (m->btn_h + m->gap) - m->gap};
    if (grid.h > kinds.h)
        grid.h = kinds.h;
    for (int i = 0; i < n; i++) {
        struct ui_widget *b =
            ui_button(fr, ui_col(ui_row(grid, rows, i / 2, m->gap), 2, i % 2, m->gap),
                      messages_site_kind(app_site_kinds[i], v->lang), UI_A_FIELD_KIND, i,
                      i == f->kind ? UI_ST_SELECTED : UI_ST_NORMAL);
        if (b)
            b->font = UI_FONT_SMALL;
    }
    struct ui_footer_btn fb[3] = {
        {UI_S_BTN_HOME, UI_A_HOME, 0, UI_ST_NORMAL},
        {UI_S_BTN_BACK, UI_A_FIELD_BACK, 0, UI_ST_NORMAL},
        {UI_S_FIELD_OPEN, UI_A_FIELD_OPEN, 0, typed_ready(f) ? UI_ST_PRIMARY : UI_ST_DISABLED},
    };
    ui_scr_footer(fr, m, v, fb, 3);
}

static void scr_keyboard(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                         SDL_Rect c)
{
    int kb_w = 10 * (m->target + m->gap / 2 + 1);
    if (kb_w < c.w * 58 / 100)
        kb_w = c.w * 58 / 100;
    SDL_Rect kb = ui_cut_right(&c, kb_w, m->pad * 2);
    field_inputs(fr, m, v, &c, v->focus == 1 ? 1 : 0);
    ui_scr_keyboard(fr, m, v, kb, UI_KB_NAME);
    struct ui_footer_btn fb[3] = {
        {UI_S_BTN_HOME, UI_A_HOME, 0, UI_ST_NORMAL},
        {UI_S_BTN_CONFIRM, UI_A_FIELD_BACK, 0, UI_ST_PRIMARY},
    };
    ui_scr_footer(fr, m, v, fb, 2);
}

void ui_scr_field(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                  SDL_Rect c)
{
    if (v->field.typing == 2)
        scr_keyboard(fr, m, v, c);
    else if (v->field.typing)
        scr_form(fr, m, v, c);
    else
        scr_list(fr, m, v, c);
}
