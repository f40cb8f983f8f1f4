/* approval_reasons.h: the reasons an approval records, as codes. The policy
 * (kiosk/workflow/policy.c) names each by a key stored with the approval and in the audit
 * ("chip_damaged"); here they are a code list like the drivers' (kiosk/base/code_list.h), the
 * key being the name without "APPROVAL_" in lower case, and the message catalogue words each
 * for the officer (kiosk/messages: pol_reason_text(), domain MSGD_APPROVAL_REASON). */
#ifndef KIOSK_APPROVAL_REASONS_H
#define KIOSK_APPROVAL_REASONS_H

#include "kiosk/base/code_list.h"

#define APPROVAL_REASON_CODES(X)                                                                   \
    X(APPROVAL_EVIDENCE_INCONSISTENT, 1)                                                           \
    X(APPROVAL_CHIP_FORGED, 2)                                                                     \
    X(APPROVAL_FORGED_EARLIER, 3)                                                                  \
    X(APPROVAL_CHIP_GENUINE, 4)                                                                    \
    X(APPROVAL_NO_CSCA_FOR_STATE, 5)                                                               \
    X(APPROVAL_CHIP_CANNOT_AUTHENTICATE, 6)                                                        \
    X(APPROVAL_CHIP_UNVERIFIED, 7)                                                                 \
    X(APPROVAL_CHIP_UNREADABLE, 8)                                                                 \
    X(APPROVAL_CHIP_DAMAGED, 9)                                                                    \
    X(APPROVAL_CARD_WITHOUT_CHIP, 10)                                                              \
    X(APPROVAL_DATA_MISMATCH, 11)                                                                  \
    X(APPROVAL_CARD_EXPIRED, 12)                                                                   \
    X(APPROVAL_UNDER_14, 13)                                                                       \
    X(APPROVAL_CLOCK_IMPLAUSIBLE, 14)                                                              \
    X(APPROVAL_DISK_FULL, 15)                                                                      \
    X(APPROVAL_DUPLICATE, 16)                                                                      \
    X(APPROVAL_NO_MOBILE_ANSWER_MISSING, 17)                                                       \
    X(APPROVAL_NO_MOBILE_PHONE, 18)                                                                \
    X(APPROVAL_PORTRAIT_OVERRIDE, 19)                                                              \
    X(APPROVAL_NO_FINGERPRINTS, 20)                                                                \
    X(APPROVAL_FEWER_FINGERPRINTS, 21)                                                             \
    X(APPROVAL_FACE_MATCH, 22)                                                                     \
    X(APPROVAL_LEADER_COMPARED_IN_PERSON, 23)                                                      \
    X(APPROVAL_APPEARANCE_CHANGED, 24)                                                             \
    X(APPROVAL_CHIP_PHOTO_POOR, 25)                                                                \
    X(APPROVAL_FACE_CANNOT_BE_SHOWN, 26)                                                           \
    X(APPROVAL_FACE_CHECK_UNAVAILABLE, 27)
enum approval_reason {
    APPROVAL_NONE = 0,
    APPROVAL_REASON_CODES(MSG_CODE_ENUM) APPROVAL_REASON_COUNT
};

/* The reason key names (case-insensitive); APPROVAL_NONE for NULL or an unknown key. */
enum approval_reason approval_reason_parse(const char *key);

#endif
