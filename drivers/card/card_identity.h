/* card_identity.h: the citizen's identity from the chip files (DG1 + DG13), and the agreement
 * check between DG1, DG13 and the QR code.
 *
 * card_identity_from_files() fills a struct app_identity from DG13 (full Vietnamese data,
 * NFC) and DG1 (the MRZ: ID, DOB, sex, expiry, name without diacritics) for what DG13 lacks.
 * Source and verdict are left for the caller (they depend on the verdict).
 *
 * card_identity_compare() lists every disagreement between the sources it is given (any may
 * be NULL): ID, name, DOB, sex, expiry, issue date, old ID, residence. Nothing is hidden or
 * silently preferred: the officer sees each one. A disagreement names the field and the two
 * sources, never the values (the screen shows both identities). */
#ifndef CARD_CARD_IDENTITY_H
#define CARD_CARD_IDENTITY_H

#include <stddef.h>
#include <stdint.h>

#include "drivers/card/emrtd_dg.h"
#include "drivers/card/mrz.h"
#include "kiosk/model/application.h"
#include "kiosk/base/code_list.h"

#define CID_CODES(X)                                                                               \
    X(CID_OK, 0)                                                                                   \
    X(CID_E_DG1, -1)      /* DG1 given but not parseable (dg_err says why) */                      \
    X(CID_E_DG13, -2)     /* DG13 given but not parseable */                                       \
    X(CID_E_NONE, -3)     /* neither file given */                                                 \
    X(CID_E_MISMATCH, -4) /* DG1 and DG13 name different people (ID differs): forged/mixed */
enum card_identity_error { CID_CODES(MSG_CODE_ENUM) };

/* dg1 / dg13 may be NULL (len 0). *out is zeroed first and wiped on failure. When dg_err is
 * non-NULL it receives the emrtd_dg_error of the failing file. */
int card_identity_from_files(const uint8_t *dg1, size_t dg1_len, const uint8_t *dg13,
                             size_t dg13_len, struct app_identity *out, int *dg_err);

#define CARD_FIELD_CODES(X)                                                                        \
    X(CARD_F_PERSONAL_ID, 0)                                                                       \
    X(CARD_F_NAME, 1)                                                                              \
    X(CARD_F_DOB, 2)                                                                               \
    X(CARD_F_SEX, 3)                                                                               \
    X(CARD_F_EXPIRY, 4)                                                                            \
    X(CARD_F_ISSUE_DATE, 5)                                                                        \
    X(CARD_F_OLD_ID, 6)                                                                            \
    X(CARD_F_RESIDENCE, 7)
enum card_field { CARD_FIELD_CODES(MSG_CODE_ENUM) };

enum card_source { CARD_SRC_DG1 = 0, CARD_SRC_DG13, CARD_SRC_QR };

#define CARD_MAX_DISAGREEMENTS 24

struct card_disagreement {
    enum card_field field;
    enum card_source a, b;
};

struct card_agreement {
    struct card_disagreement d[CARD_MAX_DISAGREEMENTS];
    int n;
};

/* Compares what is given; returns the number of disagreements (also out->n). */
int card_identity_compare(const struct mrz_td1 *dg1, const struct emrtd_dg13 *dg13,
                          const struct app_identity *qr, struct card_agreement *out);

const char *card_field_name(enum card_field f);   /* "dob" ... */
const char *card_source_name(enum card_source s); /* "DG1", "DG13", "QR" */
const char *card_identity_strerror(int code);

#endif
