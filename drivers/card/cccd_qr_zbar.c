/* cccd_qr_zbar.c: the QR image decoder on zbar, built as the shared module kiosk-qrscan.so so
 * that only the processes that read QR codes from a camera map zbar (see cccd_qr.h). */
#include <stdint.h>
#include <string.h>

#include <zbar.h>

#include "drivers/card/cccd_qr.h"

static int zbar_decode(const uint8_t *gray, int w, int h, char *text_out, size_t size)
{
    int rc = QR_E_NOT_FOUND;
    if (size)
        text_out[0] = 0;
    if (!gray || w <= 0 || h <= 0 || size == 0 || (uint64_t)w * h > 64u * 1024 * 1024)
        return QR_E_ARG;
    zbar_image_scanner_t *sc = zbar_image_scanner_create();
    zbar_image_t *im = zbar_image_create();
    if (!sc || !im) {
        rc = QR_E_NOMEM;
        goto out;
    }
    zbar_image_scanner_set_config(sc, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
    zbar_image_scanner_set_config(sc, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
    zbar_image_set_format(im, zbar_fourcc('Y', '8', '0', '0'));
    zbar_image_set_size(im, (unsigned)w, (unsigned)h);
    zbar_image_set_data(im, gray, (unsigned long)w * h, NULL);
    if (zbar_scan_image(sc, im) <= 0)
        goto out;
    for (const zbar_symbol_t *sym = zbar_image_first_symbol(im); sym; sym = zbar_symbol_next(sym)) {
        if (zbar_symbol_get_type(sym) != ZBAR_QRCODE)
            continue;
        const char *d = zbar_symbol_get_data(sym);
        unsigned n = zbar_symbol_get_data_length(sym);
        if (n + 1 > size) {
            rc = QR_E_TEXT;
            goto out;
        }
        memcpy(text_out, d, n);
        text_out[n] = 0;
        rc = QR_OK;
        break;
    }
out:
    if (im)
        zbar_image_destroy(im);
    if (sc)
        zbar_image_scanner_destroy(sc);
    return rc;
}

/* The module's one export: the table cccd_qr_decode_image() calls through. */
const struct qrscan_module qrscan_module = {QRSCAN_MODULE_ABI, zbar_decode};
