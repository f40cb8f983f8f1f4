/* ui_screen_capture.c: the live capture steps: portrait (preview, framing guide, hints,
 * capture / override / retake) and fingerprints (hands, current finger, live state, retry,
 * exception). */
#include <stdio.h>
#include <string.h>

#include "ui/ui_screens.h"

/* The face check's verdict in words (never the score). */
static enum ui_str_id face_words(enum app_face_verdict f, enum ui_style *st)
{
    *st = f == APP_FACE_SAME ? UI_ST_OK : UI_ST_WARN;
    switch (f) {
    case APP_FACE_SAME:
        return UI_S_FACE_SAME;
    case APP_FACE_DIFFERENT:
        return UI_S_FACE_DIFFERENT;
    case APP_FACE_NO_FACE_LIVE:
    case APP_FACE_NO_FACE_CHIP:
        return UI_S_FACE_NOT_FOUND;
    default:
        return UI_S_FACE_UNCHECKED;
    }
}

/* The portrait taken beside the chip's photo, each captioned, the verdict under both. */
static void face_pair(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                      SDL_Rect c)
{
    enum ui_style st;
    enum ui_str_id words = face_words(v->face_verdict, &st);
    int cap = m->font_px[UI_FONT_BODY] * 3 / 2;
    SDL_Rect verdict = ui_cut_bottom(&c, m->font_px[UI_FONT_LARGE] * 3, m->pad);
    ui_bold(ui_label(fr, verdict, ui_str(words, v->lang), UI_FONT_LARGE, st, UI_ALIGN_CENTER));
    static const enum ui_str_id captions[2] = {UI_S_FACE_CHIP_PHOTO, UI_S_FACE_LIVE_PHOTO};
    static const enum ui_tex_slot slots[2] = {UI_TEX_CHIP_FACE, UI_TEX_PORTRAIT};
    for (int i = 0; i < 2; i++) {
        SDL_Rect col = ui_col(c, 2, i, m->gap);
        ui_label(fr, ui_cut_top(&col, cap, 2), ui_str(captions[i], v->lang), UI_FONT_BODY,
                 UI_ST_MUTED, UI_ALIGN_CENTER);
        struct ui_widget *img = ui_add(fr, UI_W_IMAGE, ui_fit_aspect(col, 3, 4),
                                       ui_str(UI_S_PORTRAIT_WAITING, v->lang));
        if (img)
            img->value = slots[i];
    }
}

void ui_scr_portrait(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                     SDL_Rect c)
{
    SDL_Rect side = ui_cut_right(&c, c.w * 38 / 100, m->pad * 2);
    struct ui_widget *img = NULL;
    if (v->portrait_taken && v->face_verdict != APP_FACE_NONE)
        face_pair(fr, m, v, c);
    else
        img = ui_add(fr, UI_W_IMAGE,
                     v->portrait_taken ? ui_fit_aspect(c, 3, 4) : ui_fit_aspect(c, 4, 3),
                     ui_str(UI_S_PORTRAIT_WAITING, v->lang));
    if (img) {
        img->value = v->portrait_taken ? UI_TEX_PORTRAIT : UI_TEX_PREVIEW;
        img->arg2 = !v->portrait_taken;
        img->style = v->preview_pass ? UI_ST_OK : UI_ST_NORMAL;
    }
    int lh = m->font_px[UI_FONT_LARGE] * 3;
    const char *hint;
    enum ui_style hs;
    if (v->camera_error[0]) {
        hint = v->camera_error;
        hs = UI_ST_ERROR;
    } else if (v->portrait_taken) {
        hint = ui_str(v->app && v->app->portrait_override ? UI_S_PORTRAIT_OVERRIDDEN
                                                          : UI_S_PORTRAIT_TAKEN,
                      v->lang);
        hs = v->app && v->app->portrait_override ? UI_ST_WARN : UI_ST_OK;
    } else if (!v->preview_live) {
        hint = ui_str(UI_S_PORTRAIT_WAITING, v->lang);
        hs = UI_ST_MUTED;
    } else if (v->preview_pass) {
        hint = ui_str(UI_S_PORTRAIT_OK, v->lang);
        hs = UI_ST_OK;
    } else {
        hint = v->hint[0] ? v->hint : ui_str(UI_S_PORTRAIT_GUIDE, v->lang);
        hs = UI_ST_WARN;
    }
    ui_bold(ui_label(fr, ui_cut_top(&side, lh, m->pad), hint, UI_FONT_LARGE, hs, UI_ALIGN_LEFT));
    if (!v->portrait_taken && v->preview_live)
        ui_label(fr, ui_cut_top(&side, m->font_px[UI_FONT_BODY] * 3, m->pad),
                 ui_str(UI_S_PORTRAIT_GUIDE, v->lang), UI_FONT_BODY, UI_ST_MUTED, UI_ALIGN_LEFT);
    SDL_Rect b2 = ui_cut_bottom(&side, m->btn_h, m->gap);
    SDL_Rect b1 = ui_cut_bottom(&side, m->btn_h * 3 / 2, m->gap);
    if (v->portrait_taken) {
        ui_button(fr, b1, ui_str(UI_S_BTN_RETAKE, v->lang), UI_A_RETAKE, 0, UI_ST_NORMAL);
    } else {
        struct ui_widget *cap =
            ui_button(fr, b1, ui_str(UI_S_BTN_CAPTURE, v->lang), UI_A_CAPTURE, 0,
                      v->preview_live && v->preview_pass ? UI_ST_PRIMARY : UI_ST_DISABLED);
        if (cap)
            cap->font = UI_FONT_TITLE;
        ui_button(fr, b2, ui_str(UI_S_BTN_OVERRIDE, v->lang), UI_A_CAPTURE, 1,
                  v->preview_live && !v->preview_pass ? UI_ST_WARN : UI_ST_DISABLED);
    }
    struct ui_footer_btn f[3] = {
        {UI_S_BTN_CANCEL, UI_A_CANCEL, 0, UI_ST_NORMAL},
        {UI_S_BTN_BACK, UI_A_BACK, 0, UI_ST_NORMAL},
        {UI_S_BTN_NEXT, UI_A_CONFIRM, 0, v->portrait_taken ? UI_ST_PRIMARY : UI_ST_DISABLED},
    };
    ui_scr_footer(fr, m, v, f, 3);
}

void ui_scr_fingers(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                    SDL_Rect c)
{
    SDL_Rect side = ui_cut_right(&c, c.w * 40 / 100, m->pad * 2);
    int lh = m->font_px[UI_FONT_BODY] * 3 / 2;
    for (int hand = 0; hand < 2; hand++) {
        /* the citizen's left hand on the officer's left */
        SDL_Rect h = ui_col(c, 2, hand, m->gap);
        ui_label(fr, ui_cut_top(&h, lh, 2),
                 ui_str(hand == 0 ? UI_S_HAND_LEFT : UI_S_HAND_RIGHT, v->lang), UI_FONT_BODY,
                 UI_ST_MUTED, UI_ALIGN_CENTER);
        struct ui_widget *a = ui_add(fr, UI_W_ART, h, NULL);
        if (a) {
            a->art = UI_ART_HAND;
            a->value = hand;
            a->data = v->finger_state;
        }
    }
    int done = v->current_finger == FINGER_NONE;
    const char *title =
        done ? ui_str(UI_S_FINGERS_DONE, v->lang) : ui_str_finger(v->current_finger, v->lang);
    ui_bold(ui_label(fr, ui_cut_top(&side, m->font_px[UI_FONT_TITLE] * 2, m->gap), title,
                     UI_FONT_TITLE, done ? UI_ST_OK : UI_ST_PRIMARY, UI_ALIGN_LEFT));
    if (!done) {
        static const enum ui_str_id phase[3] = {UI_S_FSTATE_WAITING, UI_S_FSTATE_READING,
                                                UI_S_FSTATE_QUALITY};
        const char *state =
            v->finger_error[0] ? v->finger_error : ui_str(phase[v->finger_phase % 3], v->lang);
        ui_label(fr, ui_cut_top(&side, m->font_px[UI_FONT_BODY] * 3, m->gap), state, UI_FONT_BODY,
                 v->finger_error[0] ? UI_ST_ERROR : UI_ST_NORMAL, UI_ALIGN_LEFT);
        struct ui_widget *p =
            ui_add(fr, UI_W_PROGRESS, ui_cut_top(&side, m->btn_h / 3, m->pad), NULL);
        if (p)
            p->value = v->finger_percent;
        SDL_Rect b2 = ui_cut_bottom(&side, m->btn_h, m->gap);
        SDL_Rect b1 = ui_cut_bottom(&side, m->btn_h, m->gap);
        ui_button(fr, b1, ui_str(UI_S_BTN_RETRY, v->lang), UI_A_RETRY, 0, UI_ST_NORMAL);
        ui_button(fr, b2, ui_str(UI_S_BTN_EXCEPTION, v->lang), UI_A_EXCEPTION_OPEN, 0, UI_ST_WARN);
    }
    char count[64];
    snprintf(count, sizeof(count), "%d / %d", v->fingers_done + v->fingers_exceptions,
             v->fingers_wanted);
    ui_label(fr, ui_cut_top(&side, lh, 0), count, UI_FONT_BODY, UI_ST_MUTED, UI_ALIGN_LEFT);
    struct ui_footer_btn f[3] = {
        {UI_S_BTN_CANCEL, UI_A_CANCEL, 0, UI_ST_NORMAL},
        {UI_S_BTN_BACK, UI_A_BACK, 0, UI_ST_NORMAL},
        {UI_S_BTN_NEXT, UI_A_CONFIRM, 0, done ? UI_ST_PRIMARY : UI_ST_DISABLED},
    };
    ui_scr_footer(fr, m, v, f, 3);
}
