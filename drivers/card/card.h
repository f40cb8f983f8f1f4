/* card.h: the one entry point the kiosk calls to read a CCCD chip.
 *
 * card_read() opens the reader named by the options ("sim:<profile dir>" or a libnfc
 * connstring), waits for the card, authenticates (PACE with the CAN when EF.CardAccess offers
 * it, else BAC with the MRZ data; DOE candidates from the date of birth and issue date),
 * reads DG1, DG13, EF.SOD, EF.COM, DG14, DG15, DG2 in that order (text first, photo last;
 * EF.COM only when EF.SOD does not list both DG14 and DG15; DG14 and DG15 only when EF.COM or
 * EF.SOD lists them, or either list is unreadable), runs
 * Active Authentication when DG15 is there, and gives the identity, the DG2 image and a
 * JSON report (verdict, reasons, access protocol, per-step timing, APDU and byte counts). A
 * card lifted mid-read is waited for and the read goes on at the file and offset it stopped at,
 * after a new PACE/BAC session.
 *
 * Threading: blocking; run it on a device worker. *cancel (may be NULL) set non-zero from
 * another thread stops it at the next step (CARD_ECANCELLED). progress (may be NULL) is
 * called from the calling thread with a step name and a percentage.
 *
 * The verdict is card-data's emrtd_verify() (passive authentication against opts->trust_dir,
 * plus the AA outcome); the identity is card_identity_from_files() over DG1 and DG13.
 *
 * The chip's own signed data (EF.SOD, DG1, DG13, DG14, DG15, DG2's hash, the AA transcript)
 * come with the result in evidence (card_evidence.h), so the upstream can check it again.
 *
 * Ownership: *out is zeroed first; on 0 and on CARD_EFORGED it holds the result, which the
 * caller frees with card_result_wipe() (it wipes personal data). On any other error *out
 * holds nothing but, on CARD_EREADER, reader_error. */
#ifndef DRIVERS_CARD_CARD_H
#define DRIVERS_CARD_CARD_H

#include <stdatomic.h>

#include "kiosk/model/application.h"
#include "kiosk/base/code_list.h"

#define CARD_CODES(X)                                                                              \
    X(CARD_OK, 0)                                                                                  \
    X(CARD_ENOCARD, -1)    /* no card answered before the timeout: place the card, wait */         \
    X(CARD_EWRONG_CAN, -2) /* the chip refused the CAN / MRZ data: check the digits, retry */      \
    X(CARD_ENOT_CCCD, -3)  /* a chip answered but has no ICAO eMRTD application */                 \
    X(CARD_ENO_CHIP, -4)   /* a card is there but no ISO 14443-4 chip answers (old ID card) */     \
    X(CARD_EREMOVED, -5)   /* the card was lifted and not put back in time: put it back */         \
    X(CARD_EREADER, -6)    /* the reader cannot be opened or stopped answering: check cable */     \
    X(CARD_EFORGED, -7)    /* the chip failed an authenticity check: do not enrol */               \
    X(CARD_ECANCELLED, -8) /* the officer cancelled */                                             \
    X(CARD_ENEED_MRZ, -9)  /* the chip only does BAC: enter the date of birth (and ID) */          \
    X(CARD_EINVAL, -10)    /* bad options (no device, no access data) */                           \
    X(CARD_ENOMEM, -11)    /* out of memory: restart the kiosk */                                  \
    X(CARD_ECHIP, -12)     /* the chip's answers are malformed: retry, else a damaged card */      \
    X(CARD_EDATA, -13)     /* a file read whole is invalid (truncated, bad MRZ, lying TLV):        \
        the chip cannot be used, use QR/manual entry */                                            \
    X(CARD_ETIMEOUT, -14)  /* the whole read passed its deadline (a chip that stalls or talks      \
     for ever): lift the card, place it again; else a damaged card */
enum card_err { CARD_CODES(MSG_CODE_ENUM) };

struct card_options {
    const char *device;    /* "sim:<profile dir>" or a libnfc connstring */
    const char *trust_dir; /* CSCA store for passive authentication (may be NULL) */
    int timeout_ms;        /* waiting for the card, and for it to come back; 0: 30 s */
    int deadline_ms;       /* the whole read, from the call; 0: timeout_ms + 30 s */
};

struct card_access {
    char can[7];         /* 6 digits (last 6 of the personal ID), "" if unknown */
    char doc_number[10]; /* BAC: last 9 digits of the personal ID, "" if unknown */
    char dob[7];         /* BAC: YYMMDD */
    char doe[7];         /* BAC: YYMMDD when known, "" to derive it */
    char issue_date[11]; /* ISO, to derive the DOE candidates */
    /* the card's QR code as parsed (cccd_qr_parse), NULL when none was read: compared with
     * DG1 and DG13, each disagreement in the report (reason identity_mismatch) */
    const struct app_identity *qr;
    /* the application this read is for ("" or NULL: none): the Active Authentication
     * challenge is derived from it (card_evidence.h), else it is random */
    const char *bind_id;
};

struct card_result {
    struct app_identity identity;      /* source + verdict set */
    char *report_json;                 /* verdict, reasons, per-step timing, APDU counts */
    struct app_blob face;              /* DG2 image bytes (JPEG/JP2) */
    struct app_chip_evidence evidence; /* the chip's raw signed data, for the upstream */
    int reader_error; /* on CARD_EREADER (the only thing kept then): the reader's own error,
                         enum reader_err; kiosk/messages words it for the officer */
};

typedef void (*card_progress_fn)(const char *step, int percent, void *arg);

int card_read(const struct card_options *opts, const struct card_access *access,
              struct card_result *out, card_progress_fn progress, void *arg,
              const atomic_int *cancel);
void card_result_wipe(struct card_result *r);

/* Fills access from a 12-digit personal ID (CAN and document number), a date of birth
 * "YYYY-MM-DD" or "" and an issue date "YYYY-MM-DD" or "". 0 or CARD_EINVAL. */
int card_access_from_id(struct card_access *access, const char *personal_id, const char *dob_iso,
                        const char *issue_iso);

const char *
card_strerror(int code); /* English, for logs; kiosk/messages words codes for the officer */

#endif
