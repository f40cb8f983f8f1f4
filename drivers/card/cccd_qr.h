/* cccd_qr.h: the QR code printed on a CCCD (front, 2016-2021 cards) or Căn cước (back, 2024).
 *
 * Text layout, '|'-separated UTF-8 (cccd-chip.md §2):
 *   2021: ID12 | old CMND (9 digits or empty) | full name | DOB ddmmyyyy | Nam/Nữ |
 *         residence | issue date ddmmyyyy                       (exactly 7 fields)
 *   2024: the same 7 first fields, then more (father/mother names, cancelled ID...) whose
 *         order is not settled: they are counted, kept out of the identity.
 * Tolerant of a UTF-8 BOM, surrounding whitespace/newlines and a trailing '|'; when a date or
 * the sex is not where expected it is looked for by pattern. Refuses, with a reason, text
 * whose ID, dates, sex or name are invalid. The expiry is derived from DOB and issue date
 * (mrz_expiry_from_issue). The identity comes out NFC-normalised with source ID_SOURCE_QR.
 *
 * cccd_qr_decode_image() finds a QR code in an 8-bit grey image with zbar. */
#ifndef CARD_CCCD_QR_H
#define CARD_CCCD_QR_H

#include <stddef.h>
#include <stdint.h>

#include "kiosk/model/application.h"
#include "kiosk/base/code_list.h"

#define QR_CODES(X)                                                                                \
    X(QR_OK, 0)                                                                                    \
    X(QR_E_EMPTY, -1)     /* nothing scanned: scan again */                                        \
    X(QR_E_FIELDS, -2)    /* not a CCCD QR (too few '|' fields): scan the QR on the card */        \
    X(QR_E_ID, -3)        /* personal ID is not 12 digits */                                       \
    X(QR_E_OLD_ID, -4)    /* old ID is neither empty, 9 nor 12 digits */                           \
    X(QR_E_NAME, -5)      /* name empty or with characters a name cannot have */                   \
    X(QR_E_DATE, -6)      /* date of birth or issue date invalid (or issue before birth) */        \
    X(QR_E_SEX, -7)       /* sex is not Nam/Nữ */                                                \
    X(QR_E_TEXT, -8)      /* invalid UTF-8, control characters, or too long */                     \
    X(QR_E_NOT_FOUND, -9) /* no QR code in the image: hold the card flat and closer */             \
    X(QR_E_NOMEM, -10)                                                                             \
    X(QR_E_ARG, -11)                                                                               \
    X(QR_E_MODULE, -12) /* the image decoder (module kiosk-qrscan, zbar) cannot be loaded */
enum cccd_qr_error { QR_CODES(MSG_CODE_ENUM) };

#define CCCD_QR_MAX_TEXT 2048 /* longer text is refused */

struct cccd_qr_info {
    int layout;   /* 2021 or 2024 */
    int n_fields; /* '|' fields seen */
};

/* Parses len bytes of QR text into *out (zeroed first; wiped on failure). info may be NULL. */
int cccd_qr_parse(const char *text, size_t len, struct app_identity *out,
                  struct cccd_qr_info *info);

/* Decodes the first QR code of a w x h 8-bit grey image (row-major, no padding) into
 * text_out (NUL-terminated). QR_E_NOT_FOUND when none, QR_E_TEXT when it does not fit. */
int cccd_qr_decode_image(const uint8_t *gray, int w, int h, char *text_out, size_t size);

/* The decoder lives in the shared module kiosk-qrscan.so (cccd_qr_zbar.c, zbar), which the
 * confined helper kiosk-decoder ("qr" role, drivers/card/card_decoder.h) loads before it
 * confines itself; cccd_qr_decode_image() sends each frame there. It exports this table as
 * the symbol qrscan_module. QR_E_MODULE when the helper or the module cannot be loaded; a
 * helper that crashes or hangs on a frame is QR_E_NOT_FOUND (and replaced). */
#define QRSCAN_MODULE_ABI 1
struct qrscan_module {
    int abi; /* QRSCAN_MODULE_ABI */
    int (*decode)(const uint8_t *gray, int w, int h, char *text_out, size_t size);
};

const char *cccd_qr_strerror(int code);

#endif
