/* ui_art.c: drawings from primitives (ui_art.h). They draw inside the widget's rect only, so
 * the layout check on the rect covers them. */
#include "ui/ui_art.h"

#include <math.h>

#include "kiosk/model/application.h"

static void ui_set_color(struct ui_draw *d, enum ui_color c)
{
    SDL_Color k = ui_color(c);
    SDL_SetRenderDrawColor(ui_draw_renderer(d), k.r, k.g, k.b, k.a);
}

static void ui_ellipse(struct ui_draw *d, int cx, int cy, int rx, int ry, int thick,
                       enum ui_color c)
{
    ui_set_color(d, c);
    SDL_Point pts[73];
    for (int t = 0; t < thick; t++) {
        for (int i = 0; i <= 72; i++) {
            double a = i * (2 * M_PI / 72);
            pts[i].x = cx + (int)lround((rx - t) * cos(a));
            pts[i].y = cy + (int)lround((ry - t) * sin(a));
        }
        SDL_RenderDrawLines(ui_draw_renderer(d), pts, 73);
    }
}

void ui_art_face_guide(struct ui_draw *d, SDL_Rect r, int ok)
{
    /* ICAO-style framing: the head fills about 70-80% of the portrait's height */
    int ry = r.h * 36 / 100;
    int rx = ry * 3 / 4;
    if (rx > r.w * 45 / 100) {
        rx = r.w * 45 / 100;
        ry = rx * 4 / 3;
    }
    ui_ellipse(d, r.x + r.w / 2, r.y + r.h * 47 / 100, rx, ry, 4, ok ? UI_C_OK : UI_C_GUIDE);
}

static void ui_art_card(struct ui_draw *d, const struct ui_widget *w)
{
    SDL_Rect r = w->r;
    const struct ui_metrics *m = ui_draw_metrics(d);
    /* the reader: a dark slab in the lower part */
    SDL_Rect reader = {r.x + r.w / 10, r.y + r.h * 55 / 100, r.w * 8 / 10, r.h * 35 / 100};
    ui_fill_round(d, reader, m->radius, UI_C_TEXT);
    SDL_Rect lamp = {reader.x + reader.w - reader.w / 8, reader.y + reader.h / 5, reader.w / 16,
                     reader.w / 16};
    ui_fill_round(d, lamp, lamp.w / 2, w->value == 2 ? UI_C_ERR : UI_C_OK);
    /* the card (85.6 x 54 mm) above it */
    SDL_Rect card = {r.x + r.w / 5, r.y + r.h / 8, r.w * 6 / 10, r.w * 6 / 10 * 54 / 86};
    if (card.y + card.h > reader.y + reader.h / 2)
        card.h = reader.y + reader.h / 2 - card.y;
    ui_fill_round_border(d, card, m->radius, 2, UI_C_WARN, UI_C_SELECTED);
    SDL_Rect chip = {card.x + card.w / 10, card.y + card.h / 3, card.w / 7, card.h / 4};
    ui_fill_round(d, chip, 3, UI_C_GUIDE);
    ui_outline(d, chip, 1, UI_C_WARN);
    for (int i = 0; i < 3; i++) {
        SDL_Rect line = {card.x + card.w * 4 / 10, card.y + card.h / 4 + i * card.h / 5,
                         card.w / 2 - i * card.w / 10, card.h / 12 + 1};
        ui_fill(d, line, UI_C_BORDER);
    }
    if (w->value == 1) { /* radio waves between card and reader */
        for (int i = 1; i <= 3; i++)
            ui_ellipse(d, card.x + card.w / 2, card.y + card.h, card.w / 8 * i, card.h / 10 * i, 2,
                       UI_C_OK);
    }
}

/* One hand seen from above, palm down: for the left hand the thumb is on the right. */
static void ui_art_hand(struct ui_draw *d, const struct ui_widget *w)
{
    const int *st = w->data;
    SDL_Rect r = w->r;
    int right = w->value == 1;
    int unit = r.w / 7 < r.h / 9 ? r.w / 7 : r.h / 9;
    if (unit < 3)
        unit = 3;
    int hand_w = unit * 6, hand_h = unit * 9;
    int x0 = r.x + (r.w - hand_w) / 2, y0 = r.y + (r.h - hand_h) / 2;
    SDL_Rect palm = {x0 + (right ? unit * 3 / 2 : 0), y0 + unit * 4, unit * 9 / 2, unit * 5};
    ui_fill_round_border(d, palm, unit, 1, UI_C_BORDER, UI_C_BUTTON);
    /* finger lengths, index to little, in units */
    static const int len[4] = {4, 5, 9 / 2, 3};
    for (int i = 0; i < 5; i++) {
        enum finger f = (enum finger)((right ? FINGER_R_THUMB : FINGER_L_THUMB) + i);
        SDL_Rect fr;
        if (i == 0) { /* thumb, low on the side */
            fr = (SDL_Rect){right ? x0 : x0 + hand_w - unit * 3 / 2, y0 + unit * 11 / 2,
                            unit * 3 / 2 - 1, unit * 3};
        } else {
            int slot = right ? i - 1 : 4 - i; /* index next to the thumb */
            int fx = palm.x + slot * (palm.w / 4) + 1;
            int fh = len[i - 1] * unit;
            fr = (SDL_Rect){fx, palm.y - fh + unit / 2, palm.w / 4 - 2, fh};
        }
        int s = st ? st[f] : UI_FS_PENDING;
        enum ui_color c = UI_C_PANEL;
        switch (s) {
        case UI_FS_CURRENT:
            c = UI_C_PRIMARY;
            break;
        case UI_FS_DONE:
            c = UI_C_OK;
            break;
        case UI_FS_EXCEPTION:
            c = UI_C_DISABLED;
            break;
        case UI_FS_UNUSED:
            c = UI_C_BG;
            break;
        default:
            c = UI_C_PANEL;
            break;
        }
        ui_fill_round_border(d, fr, fr.w / 2, s == UI_FS_CURRENT ? 3 : 1,
                             s == UI_FS_CURRENT ? UI_C_TEXT : UI_C_BORDER, c);
        if (s == UI_FS_EXCEPTION) {
            ui_set_color(d, UI_C_ERR);
            SDL_RenderDrawLine(ui_draw_renderer(d), fr.x, fr.y, fr.x + fr.w, fr.y + fr.h);
            SDL_RenderDrawLine(ui_draw_renderer(d), fr.x + fr.w, fr.y, fr.x, fr.y + fr.h);
        }
    }
}

void ui_art_draw(struct ui_draw *d, const struct ui_widget *w)
{
    switch (w->art) {
    case UI_ART_CARD:
        ui_art_card(d, w);
        break;
    case UI_ART_HAND:
        ui_art_hand(d, w);
        break;
    case UI_ART_DOT: {
        int rad = (w->r.w < w->r.h ? w->r.w : w->r.h) / 2;
        ui_fill_circle(d, w->r.x + w->r.w / 2, w->r.y + w->r.h / 2, rad,
                       w->value == 1   ? UI_C_OK
                       : w->value == 2 ? UI_C_WARN
                                       : UI_C_ERR);
        break;
    }
    default:
        break;
    }
}
