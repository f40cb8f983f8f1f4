/* ui_screen_phonefix.c: the correction of an opened application's phone number (ui_after.h):
 * the application and the number it carries, the new number on the numeric keyboard
 * (validated as at enrolment), the warning when other citizens here have that number, a
 * reason from a fixed list, and the button that hands the request to the Lãnh đạo đơn vị's
 * PIN pad. */
#include <stdio.h>
#include <string.h>

#include "ui/ui_after.h"

static const enum ui_after_str fix_reason_str[UI_FIX_REASONS] = {
    UI_AS_FIX_R_CITIZEN, UI_AS_FIX_R_TYPO, UI_AS_FIX_R_SHARED, UI_AS_FIX_R_NOT_OWN};

const char *ui_fix_reason(int i, enum msg_lang lang)
{
    return i >= 0 && i < UI_FIX_REASONS ? ui_astr(fix_reason_str[i], lang) : "";
}

void ui_scr_phonefix(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                     SDL_Rect c)
{
    const struct ui_after_view *av = v->after;
    int ready = av && av->fix_phone_ok && av->fix_reason >= 0;
    struct ui_footer_btn f[3] = {
        {UI_S_BTN_HOME, UI_A_HOME, 0, UI_ST_NORMAL},
        {UI_S_BTN_BACK, UI_A_PHONEFIX_BACK, 0, UI_ST_NORMAL},
        {UI_S_BTN_ASK_APPROVAL, UI_A_PHONEFIX_SUBMIT, 0, ready ? UI_ST_PRIMARY : UI_ST_DISABLED},
    };
    ui_scr_footer(fr, m, v, f, 3);
    if (!av || !av->id[0])
        return;
    int lh = m->font_px[UI_FONT_BODY] * 3 / 2;
    SDL_Rect kb = ui_cut_right(&c, c.w * 44 / 100, m->pad * 2);
    ui_scr_keyboard(fr, m, v, kb, UI_KB_NUMERIC);

    char who[200];
    snprintf(who, sizeof who, "%s  %s", av->short_no, av->name);
    ui_bold(ui_label(fr, ui_cut_top(&c, lh, 2), who, UI_FONT_BODY, UI_ST_NORMAL, UI_ALIGN_LEFT));
    ui_scr_pair(fr, ui_cut_top(&c, lh, 2), c.w * 45 / 100, ui_astr(UI_AS_FIX_L_OLD, v->lang),
                av->phone[0] ? av->phone : "—", UI_FONT_BODY);
    ui_label(fr, ui_cut_top(&c, lh, 2), ui_astr(UI_AS_FIX_L_NEW, v->lang), UI_FONT_SMALL,
             UI_ST_MUTED, UI_ALIGN_LEFT);
    struct ui_widget *field = ui_add(fr, UI_W_FIELD, ui_cut_top(&c, m->btn_h, 2), av->fix_phone);
    if (field) {
        field->arg2 = 1; /* the one field: always focused */
        field->font = UI_FONT_LARGE;
        field->style = av->fix_phone[0] && !av->fix_phone_ok ? UI_ST_ERROR : UI_ST_NORMAL;
    }
    /* what is wrong with the number, else the other citizens who have it */
    SDL_Rect msg = ui_cut_top(&c, lh * 3 / 2, m->gap / 2);
    char shared[200];
    if (av->fix_msg[0]) {
        ui_label(fr, msg, av->fix_msg, UI_FONT_SMALL, UI_ST_ERROR, UI_ALIGN_LEFT);
    } else if (av->fix_phone_ok && av->fix_shared > 0) {
        snprintf(shared, sizeof shared, ui_astr(UI_AS_PHONE_SHARED, v->lang), av->fix_shared);
        ui_label(fr, msg, shared, UI_FONT_SMALL, UI_ST_WARN, UI_ALIGN_LEFT);
    }
    /* the reasons, two by two */
    int grid_h = 2 * m->btn_h + m->gap;
    SDL_Rect grid = ui_cut_bottom(&c, grid_h, 0);
    if (c.h >= m->font_px[UI_FONT_SMALL] * 3 / 2)
        ui_label(fr, ui_cut_bottom(&c, m->font_px[UI_FONT_SMALL] * 3 / 2, 0),
                 ui_astr(UI_AS_FIX_L_REASON, v->lang), UI_FONT_SMALL, UI_ST_MUTED, UI_ALIGN_LEFT);
    for (int i = 0; i < UI_FIX_REASONS; i++) {
        SDL_Rect row = ui_row(grid, 2, i / 2, m->gap);
        struct ui_widget *b =
            ui_button(fr, ui_col(row, 2, i % 2, m->gap), ui_fix_reason(i, v->lang),
                      UI_A_PHONEFIX_REASON, i, i == av->fix_reason ? UI_ST_SELECTED : UI_ST_NORMAL);
        if (b)
            b->font = UI_FONT_SMALL;
    }
}
