/* ui_receipt.h: the citizen's receipt: a printable PNG with the application number, the
 * station, the time, what happens next, and a QR code of the application number.
 *
 * The QR code holds only the application number (no personal data). The receipt shows the
 * name and the last 4 digits of the personal ID, so the citizen can tell it is theirs. */
#ifndef UI_RECEIPT_H
#define UI_RECEIPT_H

#include <SDL2/SDL.h>
#include <stdint.h>

#include "kiosk/model/application.h"
#include "kiosk/model/msg.h"

enum ui_receipt_err {
    UI_RECEIPT_OK = 0,
    UI_RECEIPT_ENOMEM = -1,
    UI_RECEIPT_EQR = -2,    /* the QR encoder refused the text */
    UI_RECEIPT_EDRAW = -3,  /* fonts or the software renderer failed */
    UI_RECEIPT_EWRITE = -4, /* the PNG could not be written: check the folder */
};
const char *ui_receipt_strerror(int err);

#define UI_RECEIPT_PAGE_W 1240 /* A5-ish portrait at 150 dpi */
#define UI_RECEIPT_PAGE_H 1748

/* A black-on-white QR code of text (ECC level M) with a 4-module quiet zone, module_px per
 * module. *out is freed by the caller (SDL_FreeSurface). */
int ui_receipt_qr(const char *text, int module_px, SDL_Surface **out);

/* Writes the receipt of app (queued at queued_ms, at station_name) to path as PNG, in
 * lang. font_path/bold_path: NULL for Noto Sans. */
int ui_receipt_write(const char *path, const struct application *app, const char *station_name,
                     int64_t queued_ms, enum msg_lang lang, const char *font_path,
                     const char *bold_path);

#endif
