/* ui_receipt.c: the receipt PNG and its QR code (ui_receipt.h). The receipt is laid out with
 * the same display list as the screens, drawn by SDL's software renderer into a surface,
 * so it needs no window. The surface holds a name: it is wiped before it is freed. */
#include "ui/ui_receipt.h"

#include <SDL2/SDL_image.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/model/timefmt.h"
#include "ui/ui_screens.h"

const char *ui_receipt_strerror(int err)
{
    switch (err) {
    case UI_RECEIPT_OK:
        return "ok";
    case UI_RECEIPT_ENOMEM:
        return "out of memory";
    case UI_RECEIPT_EQR:
        return "QR code could not be made";
    case UI_RECEIPT_EDRAW:
        return "receipt could not be drawn (fonts?)";
    case UI_RECEIPT_EWRITE:
        return "receipt file could not be written";
    default:
        return "unknown error";
    }
}

int ui_receipt_qr(const char *text, int module_px, SDL_Surface **out)
{
    *out = NULL;
    if (module_px < 1)
        module_px = 1;
    QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!qr)
        return UI_RECEIPT_EQR;
    int quiet = 4; /* ISO/IEC 18004 quiet zone */
    int side = (qr->width + 2 * quiet) * module_px;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, side, side, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s) {
        QRcode_free(qr);
        return UI_RECEIPT_ENOMEM;
    }
    SDL_FillRect(s, NULL, SDL_MapRGB(s->format, 255, 255, 255));
    Uint32 black = SDL_MapRGB(s->format, 0, 0, 0);
    for (int y = 0; y < qr->width; y++)
        for (int x = 0; x < qr->width; x++)
            if (qr->data[y * qr->width + x] & 1) {
                SDL_Rect r = {(x + quiet) * module_px, (y + quiet) * module_px, module_px,
                              module_px};
                SDL_FillRect(s, &r, black);
            }
    QRcode_free(qr);
    *out = s;
    return 0;
}

static void ui_receipt_layout(struct ui_frame *fr, const struct ui_metrics *m,
                              const struct application *app, const char *station_name,
                              int64_t queued_ms, enum msg_lang lang, SDL_Rect *qr_box)
{
    SDL_Rect c = {m->pad * 4, m->pad * 4, UI_RECEIPT_PAGE_W - m->pad * 8,
                  UI_RECEIPT_PAGE_H - m->pad * 8};
    int lh = m->font_px[UI_FONT_BODY] * 2;
    ui_bold(ui_label(fr, ui_cut_top(&c, m->font_px[UI_FONT_TITLE] * 3, m->pad),
                     ui_str(UI_S_RECEIPT_TITLE, lang), UI_FONT_TITLE, UI_ST_NORMAL,
                     UI_ALIGN_CENTER));
    *qr_box = ui_cut_top(&c, UI_RECEIPT_PAGE_W / 3, m->pad);
    qr_box->x += (qr_box->w - qr_box->h) / 2;
    qr_box->w = qr_box->h;
    char when[17] = "", pid[16] = "";
    time_local_display(queued_ms, when);
    size_t n = strlen(app->identity.personal_id);
    if (n >= 4)
        snprintf(pid, sizeof(pid), "********%s", app->identity.personal_id + n - 4);
    int lw = c.w * 35 / 100;
    struct {
        enum ui_str_id label;
        const char *value;
    } rows[] = {
        {UI_S_DONE_APPNO, app->id},
        {UI_S_F_NAME, app->identity.full_name},
        {UI_S_F_PID, pid},
        {UI_S_RECEIPT_TIME, when},
        {UI_S_RECEIPT_STATION, station_name ? station_name : app->station},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
        ui_scr_pair(fr, ui_cut_top(&c, lh, m->gap), lw, ui_str(rows[i].label, lang), rows[i].value,
                    UI_FONT_LARGE);
    c.y += m->pad * 2;
    c.h -= m->pad * 2;
    ui_label(fr, ui_cut_top(&c, lh * 2, m->gap),
             ui_str(app->phone[0] ? UI_S_DONE_NEXT_SMS : UI_S_DONE_NEXT_MAIL_ONLY, lang),
             UI_FONT_BODY, UI_ST_NORMAL, UI_ALIGN_LEFT);
    ui_label(fr, ui_cut_top(&c, lh * 2, m->gap), ui_str(UI_S_DONE_NEXT_ACTIVATE, lang),
             UI_FONT_BODY, UI_ST_NORMAL, UI_ALIGN_LEFT);
}

int ui_receipt_write(const char *path, const struct application *app, const char *station_name,
                     int64_t queued_ms, enum msg_lang lang, const char *font_path,
                     const char *bold_path)
{
    int rc = 0;
    SDL_Surface *page = NULL, *qr = NULL;
    SDL_Renderer *ren = NULL;
    struct ui_draw *d = NULL;
    struct ui_frame *fr = calloc(1, sizeof(*fr));
    if (!fr)
        return UI_RECEIPT_ENOMEM;
    page = SDL_CreateRGBSurfaceWithFormat(0, UI_RECEIPT_PAGE_W, UI_RECEIPT_PAGE_H, 32,
                                          SDL_PIXELFORMAT_ARGB8888);
    if (!page) {
        rc = UI_RECEIPT_ENOMEM;
        goto out;
    }
    ren = SDL_CreateSoftwareRenderer(page);
    if (!ren || ui_draw_new(ren, font_path, bold_path, &d) != 0) {
        rc = UI_RECEIPT_EDRAW;
        goto out;
    }
    /* print metrics: 150 dpi page, text sized for paper rather than for a finger */
    ui_draw_set_size(d, 1280, 800, 150);
    SDL_SetRenderDrawColor(ren, 255, 255, 255, 255);
    SDL_RenderClear(ren);
    SDL_Rect qr_box;
    ui_receipt_layout(fr, ui_draw_metrics(d), app, station_name, queued_ms, lang, &qr_box);
    ui_frame_render(d, fr, -1);
    rc = ui_receipt_qr(app->id, 8, &qr);
    if (rc != 0)
        goto out;
    SDL_Texture *t = SDL_CreateTextureFromSurface(ren, qr);
    if (t) {
        SDL_RenderCopy(ren, t, NULL, &qr_box);
        SDL_DestroyTexture(t);
    }
    SDL_RenderPresent(ren);
    if (IMG_SavePNG(page, path) != 0)
        rc = UI_RECEIPT_EWRITE;
out:
    ui_draw_free(d);
    if (ren)
        SDL_DestroyRenderer(ren);
    if (page) {
        explicit_bzero(page->pixels, (size_t)page->pitch * page->h);
        SDL_FreeSurface(page);
    }
    if (qr)
        SDL_FreeSurface(qr);
    ui_frame_reset(fr);
    free(fr);
    return rc;
}
