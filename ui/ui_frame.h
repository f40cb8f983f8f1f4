/* ui_frame.h: one frame's display list: the widgets a screen lays out, drawn in order, hit by
 * touches, and checked by the layout test.
 *
 * Screens are pure functions of the view (ui_screens.h) that append widgets here; nothing
 * on screen exists outside this list, so the same list is drawn, hit-tested and verified:
 * ui_frame_check() reports text that overflows its box, two widgets that overlap, a touch
 * target smaller than the minimum, or a widget outside the window.
 *
 * Texts are copied into the frame's arena (wiped by ui_frame_reset: it may hold a name). */
#ifndef UI_FRAME_H
#define UI_FRAME_H

#include "ui/ui_draw.h"

#define UI_MAX_WIDGETS 320
#define UI_FRAME_TEXT  24576

enum ui_wkind {
    UI_W_PANEL = 0, /* a background: may hold other widgets, never hit */
    UI_W_LABEL,
    UI_W_BUTTON,
    UI_W_FIELD,    /* an input box showing its text (and a caret when focused) */
    UI_W_BADGE,    /* a coloured pill with text */
    UI_W_IMAGE,    /* a texture slot, letterboxed; arg2 = 1 draws the face guide */
    UI_W_ART,      /* a drawing from ui_art.c */
    UI_W_PROGRESS, /* value = percent */
};

enum ui_style {
    UI_ST_NORMAL = 0,
    UI_ST_PRIMARY,
    UI_ST_OK,
    UI_ST_WARN,
    UI_ST_ERROR,
    UI_ST_MUTED,
    UI_ST_SELECTED,
    UI_ST_DISABLED,
    UI_ST_HEADER,
    UI_ST_CARD, /* panel: white card with a border */
    UI_ST_INFO, /* blue: in progress, neither good nor bad */
};

struct ui_widget {
    enum ui_wkind kind;
    SDL_Rect r;
    const char *text;
    enum ui_font_role font;
    int bold;
    enum ui_align align;
    enum ui_style style;
    int action, arg; /* what a tap does (0: nothing) */
    int art, value, arg2;
    const void *data; /* art data (lives as long as the view) */
    struct ui_text_fit fit;
};

struct ui_frame {
    struct ui_widget w[UI_MAX_WIDGETS];
    int n;
    int dropped; /* widgets or text that did not fit in the frame: a layout bug */
    char text[UI_FRAME_TEXT];
    size_t used;
};

void ui_frame_reset(struct ui_frame *fr);
/* Appends a widget (NULL when the frame is full: counted in dropped). text is copied. */
struct ui_widget *ui_add(struct ui_frame *fr, enum ui_wkind kind, SDL_Rect r, const char *text);
struct ui_widget *ui_label(struct ui_frame *fr, SDL_Rect r, const char *text,
                           enum ui_font_role font, enum ui_style style, enum ui_align align);
struct ui_widget *ui_button(struct ui_frame *fr, SDL_Rect r, const char *text, int action, int arg,
                            enum ui_style style);
struct ui_widget *ui_panel(struct ui_frame *fr, SDL_Rect r, enum ui_style style);
/* Makes w's text bold; returns w (NULL stays NULL). */
struct ui_widget *ui_bold(struct ui_widget *w);

/* Draws every widget; pressed is the index of the widget under the finger (-1 none). */
void ui_frame_render(struct ui_draw *d, struct ui_frame *fr, int pressed);
/* The topmost widget with an action at (x, y), or -1. */
int ui_frame_hit(const struct ui_frame *fr, int x, int y);
/* The first widget with this action (and arg, unless arg < 0), or -1. */
int ui_frame_find(const struct ui_frame *fr, int action, int arg);

/* Verifies the layout (after ui_frame_render, which measures the texts). 0 when clean;
 * otherwise -1 with the first problem described in why. min_target: smallest side of a
 * button in px. */
int ui_frame_check(const struct ui_frame *fr, int win_w, int win_h, int min_target, char *why,
                   size_t whylen);

#endif
