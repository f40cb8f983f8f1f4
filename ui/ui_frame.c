/* ui_frame.c: the display list: append, draw, hit-test, verify (ui_frame.h).
 * Drawing never fails visibly: a text that cannot be rendered leaves its box empty and
 * ui_frame_check reports it through the fit it recorded. */
#include "ui/ui_frame.h"

#include <stdio.h>
#include <string.h>

#include "ui/ui_art.h"

void ui_frame_reset(struct ui_frame *fr)
{
    explicit_bzero(fr->text, fr->used);
    fr->used = 0;
    fr->n = 0;
    fr->dropped = 0;
}

struct ui_widget *ui_add(struct ui_frame *fr, enum ui_wkind kind, SDL_Rect r, const char *text)
{
    if (fr->n == UI_MAX_WIDGETS) {
        fr->dropped++;
        return NULL;
    }
    const char *copy = "";
    if (text && *text) {
        size_t len = strlen(text) + 1;
        if (fr->used + len > sizeof(fr->text)) {
            fr->dropped++;
            return NULL;
        }
        memcpy(fr->text + fr->used, text, len);
        copy = fr->text + fr->used;
        fr->used += len;
    }
    struct ui_widget *w = &fr->w[fr->n++];
    memset(w, 0, sizeof(*w));
    w->kind = kind;
    w->r = r;
    w->text = copy;
    w->font = UI_FONT_BODY;
    return w;
}

struct ui_widget *ui_label(struct ui_frame *fr, SDL_Rect r, const char *text,
                           enum ui_font_role font, enum ui_style style, enum ui_align align)
{
    struct ui_widget *w = ui_add(fr, UI_W_LABEL, r, text);
    if (w) {
        w->font = font;
        w->style = style;
        w->align = align;
    }
    return w;
}

struct ui_widget *ui_button(struct ui_frame *fr, SDL_Rect r, const char *text, int action, int arg,
                            enum ui_style style)
{
    struct ui_widget *w = ui_add(fr, UI_W_BUTTON, r, text);
    if (w) {
        w->action = action;
        w->arg = arg;
        w->style = style;
        w->bold = 1;
        w->align = UI_ALIGN_CENTER;
    }
    return w;
}

struct ui_widget *ui_panel(struct ui_frame *fr, SDL_Rect r, enum ui_style style)
{
    struct ui_widget *w = ui_add(fr, UI_W_PANEL, r, NULL);
    if (w)
        w->style = style;
    return w;
}

struct ui_widget *ui_bold(struct ui_widget *w)
{
    if (w)
        w->bold = 1;
    return w;
}

static enum ui_color ui_text_color(enum ui_style s)
{
    switch (s) {
    case UI_ST_MUTED:
        return UI_C_MUTED;
    case UI_ST_OK:
        return UI_C_OK;
    case UI_ST_WARN:
        return UI_C_WARN;
    case UI_ST_ERROR:
        return UI_C_ERR;
    case UI_ST_HEADER:
        return UI_C_ON_HEADER;
    case UI_ST_PRIMARY:
        return UI_C_PRIMARY;
    case UI_ST_DISABLED:
        return UI_C_DISABLED;
    default:
        return UI_C_TEXT;
    }
}

static enum ui_color ui_badge_color(enum ui_style s)
{
    switch (s) {
    case UI_ST_OK:
    case UI_ST_WARN:
    case UI_ST_ERROR:
    case UI_ST_PRIMARY:
        return ui_text_color(s); /* the badges of these states take their text's colour */
    case UI_ST_INFO:
        return UI_C_INFO;
    default:
        return UI_C_MUTED;
    }
}

static void ui_draw_button(struct ui_draw *d, struct ui_widget *w, int pressed)
{
    const struct ui_metrics *m = ui_draw_metrics(d);
    enum ui_color bg = UI_C_BUTTON, fg = UI_C_TEXT;
    switch (w->style) {
    case UI_ST_PRIMARY:
        bg = UI_C_PRIMARY;
        fg = UI_C_ON_PRIMARY;
        break;
    case UI_ST_OK:
        bg = UI_C_OK;
        fg = UI_C_ON_PRIMARY;
        break;
    case UI_ST_ERROR:
        bg = UI_C_ERR;
        fg = UI_C_ON_PRIMARY;
        break;
    case UI_ST_WARN:
        bg = UI_C_WARN;
        fg = UI_C_ON_PRIMARY;
        break;
    case UI_ST_SELECTED:
        bg = UI_C_SELECTED;
        break;
    case UI_ST_DISABLED:
        fg = UI_C_DISABLED;
        break;
    case UI_ST_HEADER:
        bg = UI_C_HEADER;
        fg = UI_C_ON_HEADER;
        break;
    default:
        break;
    }
    if (pressed && w->style != UI_ST_DISABLED)
        bg = UI_C_PRESSED, fg = UI_C_TEXT;
    if (w->style == UI_ST_HEADER)
        ui_fill_round_border(d, w->r, m->radius, 1, UI_C_ON_HEADER, bg);
    else if (w->style == UI_ST_NORMAL || w->style == UI_ST_DISABLED || w->style == UI_ST_SELECTED)
        ui_fill_round_border(d, w->r, m->radius, 1, UI_C_BORDER, bg);
    else
        ui_fill_round(d, w->r, m->radius, bg);
    SDL_Rect box = {w->r.x + m->gap, w->r.y + 2, w->r.w - 2 * m->gap, w->r.h - 4};
    ui_text(d, box, w->text, w->font, w->bold, fg, w->align, UI_TEXT_DRAW | UI_TEXT_ONE_LINE,
            &w->fit);
}

static void ui_draw_field(struct ui_draw *d, struct ui_widget *w)
{
    const struct ui_metrics *m = ui_draw_metrics(d);
    ui_fill(d, w->r, UI_C_FIELD);
    int focused = w->arg2 & 1;
    ui_outline(d, w->r, focused ? 3 : 1,
               w->style == UI_ST_ERROR ? UI_C_ERR
               : focused               ? UI_C_PRIMARY
                                       : UI_C_BORDER);
    /* room for the caret on the right */
    SDL_Rect box = {w->r.x + m->gap, w->r.y + 3, w->r.w - 2 * m->gap - 4, w->r.h - 6};
    /* a muted field shows its placeholder */
    ui_text(d, box, w->text, w->font, 0, w->style == UI_ST_MUTED ? UI_C_MUTED : UI_C_TEXT,
            UI_ALIGN_LEFT, UI_TEXT_DRAW, &w->fit);
    if (focused) {
        int x = box.x + (w->fit.w < box.w ? w->fit.w : box.w) + 2;
        SDL_Rect caret = {x, w->r.y + w->r.h / 5, 2, w->r.h * 3 / 5};
        ui_fill(d, caret, UI_C_PRIMARY);
    }
}

static void ui_draw_image(struct ui_draw *d, struct ui_widget *w)
{
    int tw = 0, th = 0;
    SDL_Texture *t = ui_tex(d, (enum ui_tex_slot)w->value, &tw, &th);
    ui_fill(d, w->r, t ? UI_C_TEXT : UI_C_BUTTON);
    if (t) {
        SDL_Rect dst = ui_fit_aspect(w->r, tw, th);
        SDL_RenderCopy(ui_draw_renderer(d), t, NULL, &dst);
    } else if (w->text && *w->text) {
        ui_text(d, ui_inset(w->r, 4), w->text, UI_FONT_SMALL, 0, UI_C_MUTED, UI_ALIGN_CENTER,
                UI_TEXT_DRAW, &w->fit);
    }
    if (w->arg2)
        ui_art_face_guide(d, w->r, w->style == UI_ST_OK);
    ui_outline(d, w->r, 1, UI_C_BORDER);
}

void ui_frame_render(struct ui_draw *d, struct ui_frame *fr, int pressed)
{
    const struct ui_metrics *m = ui_draw_metrics(d);
    for (int i = 0; i < fr->n; i++) {
        struct ui_widget *w = &fr->w[i];
        switch (w->kind) {
        case UI_W_PANEL:
            if (w->style == UI_ST_HEADER) {
                ui_fill(d, w->r, UI_C_HEADER);
            } else if (w->style == UI_ST_CARD) {
                ui_fill_round(d, w->r, m->radius, UI_C_PANEL);
            } else if (w->style == UI_ST_SELECTED) {
                ui_fill_round(d, w->r, m->radius, UI_C_SELECTED);
            } else if (w->style == UI_ST_ERROR || w->style == UI_ST_WARN) {
                ui_fill_round_border(d, w->r, m->radius, 3,
                                     w->style == UI_ST_ERROR ? UI_C_ERR : UI_C_WARN, UI_C_PANEL);
            } else {
                ui_fill(d, w->r, UI_C_BG);
            }
            break;
        case UI_W_LABEL:
            ui_text(d, w->r, w->text, w->font, w->bold, ui_text_color(w->style), w->align,
                    UI_TEXT_DRAW, &w->fit);
            break;
        case UI_W_BUTTON:
            ui_draw_button(d, w, i == pressed);
            break;
        case UI_W_FIELD:
            ui_draw_field(d, w);
            break;
        case UI_W_BADGE: {
            ui_fill_round(d, w->r, w->r.h / 2, ui_badge_color(w->style));
            SDL_Rect box = {w->r.x + w->r.h / 3, w->r.y + 2, w->r.w - 2 * (w->r.h / 3), w->r.h - 4};
            ui_text(d, box, w->text, w->font, 1, UI_C_ON_PRIMARY, UI_ALIGN_CENTER,
                    UI_TEXT_DRAW | UI_TEXT_ONE_LINE, &w->fit);
            break;
        }
        case UI_W_IMAGE:
            ui_draw_image(d, w);
            break;
        case UI_W_ART:
            ui_art_draw(d, w);
            break;
        case UI_W_PROGRESS: {
            ui_fill_round(d, w->r, w->r.h / 2, UI_C_BUTTON);
            int v = w->value < 0 ? 0 : w->value > 100 ? 100 : w->value;
            SDL_Rect done = w->r;
            done.w = w->r.w * v / 100;
            if (done.w > 0)
                ui_fill_round(d, done, w->r.h / 2, UI_C_OK);
            break;
        }
        }
    }
}

int ui_frame_hit(const struct ui_frame *fr, int x, int y)
{
    SDL_Point p = {x, y};
    for (int i = fr->n - 1; i >= 0; i--) {
        const struct ui_widget *w = &fr->w[i];
        if (w->action && w->style != UI_ST_DISABLED && w->kind != UI_W_PANEL &&
            SDL_PointInRect(&p, &w->r))
            return i;
    }
    return -1;
}

int ui_frame_find(const struct ui_frame *fr, int action, int arg)
{
    for (int i = 0; i < fr->n; i++)
        if (fr->w[i].action == action && (arg < 0 || fr->w[i].arg == arg))
            return i;
    return -1;
}

static const char *ui_wkind_name(enum ui_wkind k)
{
    static const char *const names[] = {"panel", "label", "button", "field",
                                        "badge", "image", "art",    "progress"};
    return (unsigned)k < sizeof(names) / sizeof(names[0]) ? names[k] : "?";
}

int ui_frame_check(const struct ui_frame *fr, int win_w, int win_h, int min_target, char *why,
                   size_t whylen)
{
    if (fr->dropped) {
        snprintf(why, whylen, "%d widgets dropped (frame full)", fr->dropped);
        return -1;
    }
    for (int i = 0; i < fr->n; i++) {
        const struct ui_widget *w = &fr->w[i];
        const SDL_Rect *r = &w->r;
        if (r->w <= 0 || r->h <= 0 || r->x < 0 || r->y < 0 || r->x + r->w > win_w ||
            r->y + r->h > win_h) {
            snprintf(why, whylen, "%s #%d \"%.40s\" at %d,%d %dx%d is outside the %dx%d window",
                     ui_wkind_name(w->kind), i, w->text, r->x, r->y, r->w, r->h, win_w, win_h);
            return -1;
        }
        if (w->fit.overflow) {
            snprintf(why, whylen, "%s #%d text \"%.60s\" overflows its %dx%d box",
                     ui_wkind_name(w->kind), i, w->text, r->w, r->h);
            return -1;
        }
        if (w->action && (r->w < min_target || r->h < min_target)) {
            snprintf(why, whylen, "%s #%d \"%.40s\" is %dx%d, under the %d px touch target",
                     ui_wkind_name(w->kind), i, w->text, r->w, r->h, min_target);
            return -1;
        }
        if (w->kind == UI_W_PANEL)
            continue;
        for (int j = i + 1; j < fr->n; j++) {
            const struct ui_widget *o = &fr->w[j];
            if (o->kind == UI_W_PANEL)
                continue;
            if (SDL_HasIntersection(r, &o->r)) {
                snprintf(why, whylen,
                         "%s #%d \"%.30s\" (%d,%d %dx%d) overlaps %s #%d \"%.30s\" (%d,%d %dx%d)",
                         ui_wkind_name(w->kind), i, w->text, r->x, r->y, r->w, r->h,
                         ui_wkind_name(o->kind), j, o->text, o->r.x, o->r.y, o->r.w, o->r.h);
                return -1;
            }
        }
    }
    return 0;
}
