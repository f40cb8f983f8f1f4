/* reasons.h: the upstream's rejection reasons, as codes.
 *
 * The upstream sends a reason code ([A-Za-z0-9._-], sync/PROTOCOL.md §3) and its own text.
 * The officer needs neither a machine code nor the upstream's wording but a plain sentence
 * saying what was wrong and what to do next: the message catalogue words each reason
 * (kiosk/messages: reason_lookup(), domains MSGD_REASON and MSGD_REASON_NEXT). Here are the
 * codes the kiosk knows, in a code list like the drivers' (kiosk/base/code_list.h): the
 * protocol's code is the name without "REASON_" ("PHOTO_QUALITY"). Codes are matched
 * case-insensitively, and a code with a suffix ("PHOTO_QUALITY.EYES") is its family's. */
#ifndef KIOSK_REASONS_H
#define KIOSK_REASONS_H

#include "kiosk/base/code_list.h"

#define REASON_CODES(X)                                                                            \
    X(REASON_GENERAL, 0) /* no code, or one this kiosk does not know */                            \
    X(REASON_PHOTO_QUALITY, 1)                                                                     \
    X(REASON_PHOTO_MISMATCH, 2)                                                                    \
    X(REASON_FINGERPRINT_QUALITY, 3)                                                               \
    X(REASON_FINGERPRINT_MISMATCH, 4)                                                              \
    X(REASON_DATA_MISMATCH, 5)                                                                     \
    X(REASON_CARD_INVALID, 6)                                                                      \
    X(REASON_ACCOUNT_EXISTS, 7)                                                                    \
    X(REASON_PHONE_NOT_OWNER, 8)                                                                   \
    X(REASON_PHONE_IN_USE, 9)                                                                      \
    X(REASON_UNDER_AGE, 10)                                                                        \
    X(REASON_EVIDENCE_MISSING, 11)                                                                 \
    X(REASON_EVIDENCE_MALFORMED, 12)                                                               \
    X(REASON_EVIDENCE_SIGNATURE, 13)                                                               \
    X(REASON_EVIDENCE_SOD_MISMATCH, 14)                                                            \
    X(REASON_EVIDENCE_IDENTITY, 15)                                                                \
    X(REASON_EVIDENCE_AA, 16)                                                                      \
    X(REASON_EVIDENCE_VERDICT, 17)
enum reason { REASON_CODES(MSG_CODE_ENUM) REASON_COUNT };

/* The reason the protocol's code names; REASON_GENERAL for NULL, "" or an unknown code. */
enum reason reason_parse(const char *code);
/* 1 when code names a reason the kiosk knows. */
int reason_known(const char *code);
/* 1 when the citizen must come back for a new application (the recall list's redo). */
int reason_redo(enum reason r);
/* The protocol's code of r ("PHOTO_QUALITY"; "" for REASON_GENERAL). */
const char *reason_code(enum reason r);

#endif
