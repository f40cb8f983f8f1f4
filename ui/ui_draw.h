/* ui_draw.h: the drawing context of the UI: screen metrics, fonts, fitted text, colours and
 * the few textures (camera preview, chip photo, portrait, QR) the screens show.
 *
 * Everything is sized from the window and the display's DPI: touch targets are at least
 * UI_TOUCH_MM millimetres (the display is taken as a 10.1" 1280x800 panel when its DPI is
 * unknown). Text is fitted into its box: the largest size of its role that fits, wrapped at
 * spaces, down to 60% of the role's size; what still does not fit is clipped and reported
 * (struct ui_text_fit.overflow), which the layout test turns into a failure.
 *
 * Rendered text blocks are cached as textures (keyed by text, size, colour and box) so a
 * frame during the live preview only copies textures. ui_draw_wipe() drops the cache and the
 * textures: citizen data never outlives the enrolment on screen.
 * One thread only (SDL's rendering thread). */
#ifndef UI_DRAW_H
#define UI_DRAW_H

#include <SDL2/SDL.h>
#include <stddef.h>
#include <stdint.h>

#define UI_TOUCH_MM     9.0f
#define UI_DEFAULT_DPI  149.45f /* 10.1" diagonal at 1280x800: hypot(1280, 800) / 10.1 */
#define UI_FONT_REGULAR "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"
#define UI_FONT_BOLD    "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"

enum ui_draw_err {
    UI_DRAW_OK = 0,
    UI_DRAW_ENOMEM = -1, /* out of memory */
    UI_DRAW_EFONT = -2,  /* font file missing or unreadable: install fonts-noto-core */
    UI_DRAW_ESDL = -3,   /* SDL refused (renderer lost): recreate the window */
    UI_DRAW_EIMAGE = -4, /* image data not decodable: show the placeholder */
};
const char *ui_draw_strerror(int err);

enum ui_font_role {
    UI_FONT_SMALL = 0,
    UI_FONT_BODY,
    UI_FONT_LARGE,
    UI_FONT_TITLE,
    UI_FONT_HUGE,
    UI_FONT_ROLES
};

enum ui_color {
    UI_C_BG = 0,
    UI_C_PANEL,
    UI_C_TEXT,
    UI_C_MUTED,
    UI_C_PRIMARY,
    UI_C_ON_PRIMARY,
    UI_C_BUTTON,
    UI_C_BORDER,
    UI_C_OK,
    UI_C_WARN,
    UI_C_ERR,
    UI_C_FIELD,
    UI_C_HEADER,
    UI_C_ON_HEADER,
    UI_C_DISABLED,
    UI_C_PRESSED,
    UI_C_SELECTED,
    UI_C_GUIDE,
    UI_C_INFO,
    UI_C_COUNT
};

struct ui_metrics {
    int w, h;
    float dpi;
    int target; /* minimum touch target side, px (UI_TOUCH_MM) */
    int btn_h;  /* height of ordinary buttons, >= target */
    int pad, gap, radius;
    int header_h, footer_h;
    int font_px[UI_FONT_ROLES];
};

/* Fills *m for a w x h window on a display of dpi (<= 0: unknown, UI_DEFAULT_DPI). */
void ui_metrics_compute(struct ui_metrics *m, int w, int h, float dpi);

struct ui_text_fit {
    int font_px; /* size used */
    int lines;
    int w, h;     /* the text block */
    int overflow; /* 1 when it did not fit even at the smallest size (then clipped) */
};

enum ui_align { UI_ALIGN_LEFT = 0, UI_ALIGN_CENTER, UI_ALIGN_RIGHT };

enum ui_tex_slot { UI_TEX_PREVIEW = 0, UI_TEX_CHIP_FACE, UI_TEX_PORTRAIT, UI_TEX_QR, UI_TEX_SLOTS };

struct ui_draw;

/* A context drawing with ren (not owned) using the fonts at the two paths (NULL: Noto Sans).
 * *out is freed with ui_draw_free. */
int ui_draw_new(SDL_Renderer *ren, const char *font_path, const char *bold_path,
                struct ui_draw **out);
void ui_draw_free(struct ui_draw *d);
void ui_draw_set_size(struct ui_draw *d, int w, int h, float dpi);
const struct ui_metrics *ui_draw_metrics(const struct ui_draw *d);
SDL_Renderer *ui_draw_renderer(struct ui_draw *d);
/* Marks the start of a frame (for the cache's least-recently-used eviction). */
void ui_draw_begin_frame(struct ui_draw *d);
/* Drops every cached text and texture (call on WF_ACT_WIPE and logout). */
void ui_draw_wipe(struct ui_draw *d);

SDL_Color ui_color(enum ui_color c);
void ui_fill(struct ui_draw *d, SDL_Rect r, enum ui_color c);
void ui_fill_round(struct ui_draw *d, SDL_Rect r, int radius, enum ui_color c);
void ui_outline(struct ui_draw *d, SDL_Rect r, int thickness, enum ui_color c);
void ui_fill_circle(struct ui_draw *d, int cx, int cy, int radius, enum ui_color c);

enum ui_text_flags {
    UI_TEXT_DRAW = 1,     /* draw it (otherwise only measure) */
    UI_TEXT_ONE_LINE = 2, /* prefer a smaller size on one line to wrapping (buttons) */
};
/* Fits text into box (see the top of this file) and, with UI_TEXT_DRAW, draws it in colour c
 * aligned horizontally as align and centred vertically. *fit is filled in any case.
 * Returns 0 or a negative UI_DRAW_* code. */
int ui_text(struct ui_draw *d, SDL_Rect box, const char *text, enum ui_font_role role, int bold,
            enum ui_color c, enum ui_align align, int flags, struct ui_text_fit *fit);
/* A rounded rectangle filled with fill inside a border of thick px in border. */
void ui_fill_round_border(struct ui_draw *d, SDL_Rect r, int radius, int thick,
                          enum ui_color border, enum ui_color fill);

/* Textures: an RGB24 frame (the camera preview; reuses the texture when the size is the
 * same), an encoded image (JPEG/PNG), or a surface (copied). */
int ui_tex_set_rgb(struct ui_draw *d, enum ui_tex_slot slot, int w, int h, int stride,
                   const unsigned char *rgb);
int ui_tex_set_image(struct ui_draw *d, enum ui_tex_slot slot, const void *data, size_t len);
int ui_tex_set_surface(struct ui_draw *d, enum ui_tex_slot slot, SDL_Surface *s);
void ui_tex_clear(struct ui_draw *d, enum ui_tex_slot slot);
/* The texture in slot (NULL when empty) and its size. */
SDL_Texture *ui_tex(struct ui_draw *d, enum ui_tex_slot slot, int *w, int *h);

/* Rectangle helpers for layouts. */
SDL_Rect ui_inset(SDL_Rect r, int by);
/* Cuts a slice of height h off the top (or width w off the left) of *r, plus gap. */
SDL_Rect ui_cut_top(SDL_Rect *r, int h, int gap);
SDL_Rect ui_cut_bottom(SDL_Rect *r, int h, int gap);
SDL_Rect ui_cut_left(SDL_Rect *r, int w, int gap);
SDL_Rect ui_cut_right(SDL_Rect *r, int w, int gap);
/* Cell i of n equal columns (or rows) of r separated by gap. */
SDL_Rect ui_col(SDL_Rect r, int n, int i, int gap);
SDL_Rect ui_row(SDL_Rect r, int n, int i, int gap);
/* The largest rect of aspect aw:ah centred in r. */
SDL_Rect ui_fit_aspect(SDL_Rect r, int aw, int ah);

#endif
