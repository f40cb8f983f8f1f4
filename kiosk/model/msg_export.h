/* msg_export.h: the codes of the sentences the supervisor's reports (kiosk/export) and the
 * mobile units' hand-over (kiosk/field) answer with when something is refused or fails, in
 * code lists like the drivers' (kiosk/base/code_list.h). Those parts report a code and its
 * arguments (export_msgf() in kiosk/export/export.h); the message catalogue words it
 * (kiosk/messages, domains MSGD_EXPORT and MSGD_FIELD). What a report says as a document
 * (titles, column headings, the manifest's fixed wording) is the document's format and stays
 * with the report. A comment never lists a code's conversions: the catalogue's test compares
 * the two languages, and export_msgf the caller's. */
#ifndef KIOSK_MSG_EXPORT_H
#define KIOSK_MSG_EXPORT_H

#include "kiosk/base/code_list.h"

/* The reports: writing to the USB stick, signing, checking, merging. */
#define EXPORT_MSG_CODES(X)                                                                        \
    X(EXPORT_M_USB_FULL, 1)                                                                        \
    X(EXPORT_M_USB_NOT_A_FOLDER, 2)                                                                \
    X(EXPORT_M_USB_READ_ONLY, 3)                                                                   \
    X(EXPORT_M_USB_WRITE, 4)                                                                       \
    X(EXPORT_M_NO_TARGET, 5)                                                                       \
    X(EXPORT_M_OPEN_FOLDER_USB, 6)                                                                 \
    X(EXPORT_M_NO_SIGNER, 7)                                                                       \
    X(EXPORT_M_SIGNER_NAME, 8)                                                                     \
    X(EXPORT_M_PREPARER, 9)                                                                        \
    X(EXPORT_M_SITE, 10)                                                                           \
    X(EXPORT_M_SINCE, 11)                                                                          \
    X(EXPORT_M_AUDIT_WRITE, 12)                                                                    \
    X(EXPORT_M_AUDIT_READ, 13)                                                                     \
    X(EXPORT_M_STORE_READ, 14)                                                                     \
    X(EXPORT_M_TOTALS, 15)                                                                         \
    X(EXPORT_M_NOMEM_RETRY, 16)                                                                    \
    X(EXPORT_M_KEYRING_OPEN, 17)                                                                   \
    X(EXPORT_M_KEYRING_READ, 18)                                                                   \
    X(EXPORT_M_KEYRING_LINE, 19)                                                                   \
    X(EXPORT_M_NO_KEYS, 20)                                                                        \
    X(EXPORT_M_OPEN_FOLDER, 21)                                                                    \
    X(EXPORT_M_SIGNATURE_MISSING, 22)                                                              \
    X(EXPORT_M_MANIFEST_MISSING, 23)                                                               \
    X(EXPORT_M_FILE_UNREADABLE, 24)                                                                \
    X(EXPORT_M_BAD_SIGNATURE, 25)                                                                  \
    X(EXPORT_M_NOMEM, 26)                                                                          \
    X(EXPORT_M_MANIFEST_FORMAT, 27)                                                                \
    X(EXPORT_M_SIGNER_MISMATCH, 28)                                                                \
    X(EXPORT_M_FILE_MISSING, 29)                                                                   \
    X(EXPORT_M_CANNOT_READ, 30)                                                                    \
    X(EXPORT_M_FILE_MODIFIED, 31)                                                                  \
    X(EXPORT_M_MERGE_NO_JSON, 32)                                                                  \
    X(EXPORT_M_MERGE_UNREADABLE, 33)                                                               \
    X(EXPORT_M_MERGE_FORMAT, 34)                                                                   \
    X(EXPORT_M_MERGE_NO_STATUS, 35)                                                                \
    X(EXPORT_M_MERGE_ROW_KIOSK, 36)                                                                \
    X(EXPORT_M_MERGE_COUNT, 37)                                                                    \
    X(EXPORT_M_MERGE_UNVERIFIED, 38)                                                               \
    X(EXPORT_M_MERGE_ALREADY, 39)                                                                  \
    X(EXPORT_M_MERGE_OTHER_UNIT, 40)                                                               \
    X(EXPORT_M_MERGE_TWICE, 41)                                                                    \
    X(EXPORT_M_MERGE_MISSING_KIOSK, 42)                                                            \
    X(EXPORT_M_MERGE_ROW_TWICE, 43)                                                                \
    X(EXPORT_M_MERGE_TOO_MANY, 44)                                                                 \
    X(EXPORT_M_IDENT_CHARS, 45)                                                                    \
    X(EXPORT_M_SIGNER_NO_NAME, 46)                                                                 \
    X(EXPORT_M_FILE_NOT_REGULAR, 47)                                                               \
    /* the age of the oldest waiting application, on the waiting banner */                         \
    X(EXPORT_M_AGE_DAY, 48)                                                                        \
    X(EXPORT_M_AGE_DAYS, 49)                                                                       \
    X(EXPORT_M_AGE_HOUR, 50)                                                                       \
    X(EXPORT_M_AGE_HOURS, 51)                                                                      \
    X(EXPORT_M_AGE_UNDER_HOUR, 52)
enum export_msg { EXPORT_M_NONE = 0, EXPORT_MSG_CODES(MSG_CODE_ENUM) EXPORT_M_COUNT };

/* The parts of a report or a hand-over a write can fail on, named in those sentences. */
#define EXPORT_PART_CODES(X)                                                                       \
    X(EXPORT_P_UNIT_FOLDER, 1)                                                                     \
    X(EXPORT_P_TEMP_FOLDER, 2)                                                                     \
    X(EXPORT_P_REPORT, 3)                                                                          \
    X(EXPORT_P_OLD_REPORT, 4)                                                                      \
    X(EXPORT_P_LIST, 5)                                                                            \
    X(EXPORT_P_SIGNED_MANIFEST, 6)                                                                 \
    X(EXPORT_P_FORM02, 7)                                                                          \
    X(EXPORT_P_SUMMARY, 8)                                                                         \
    X(EXPORT_P_STATION_REPORT, 9)                                                                  \
    X(EXPORT_P_BUNDLE, 10)                                                                         \
    X(EXPORT_P_STATUS_FILE, 11)
enum export_part { EXPORT_P_NONE = 0, EXPORT_PART_CODES(MSG_CODE_ENUM) EXPORT_P_COUNT };

/* The hand-over by USB stick: the bundle written, imported, its status applied. */
#define FIELD_MSG_CODES(X)                                                                         \
    X(FIELD_M_READ_WAITING, 1)                                                                     \
    X(FIELD_M_NOMEM_ITEM, 2)                                                                       \
    X(FIELD_M_IDENT, 3)                                                                            \
    X(FIELD_M_READ_QUEUE, 4)                                                                       \
    X(FIELD_M_NOTHING, 5)                                                                          \
    X(FIELD_M_AUDIT_BROKEN, 6)                                                                     \
    X(FIELD_M_NOT_RECORDED, 7)                                                                     \
    X(FIELD_M_IS_A_REPORT, 8)                                                                      \
    X(FIELD_M_OTHER_UNIT, 9)                                                                       \
    X(FIELD_M_USB_UNREADABLE, 10)                                                                  \
    X(FIELD_M_MANIFEST_FORMAT, 11)                                                                 \
    X(FIELD_M_ITEM_MODIFIED, 12)                                                                   \
    X(FIELD_M_USB_PULLED, 13)                                                                      \
    X(FIELD_M_PARTLY_SENT, 14)                                                                     \
    X(FIELD_M_REFUSED, 15)                                                                         \
    X(FIELD_M_STATUS_WRITE, 16)                                                                    \
    X(FIELD_M_STATUS_RESULTS, 17)                                                                  \
    X(FIELD_M_STATUS_UNKNOWN_SIGNER, 18)                                                           \
    X(FIELD_M_STATUS_MODIFIED, 19)                                                                 \
    X(FIELD_M_STATUS_READ, 20)                                                                     \
    X(FIELD_M_NOT_STATUS_FOLDER, 21)                                                               \
    X(FIELD_M_STATUS_OTHER_UNIT, 22)                                                               \
    X(FIELD_M_STATUS_USB_PULLED, 23)                                                               \
    X(FIELD_M_STATUS_USB_READ, 24)                                                                 \
    X(FIELD_M_STATUS_FORMAT, 25)                                                                   \
    X(FIELD_M_STATUS_OTHER_KIOSK, 26)                                                              \
    X(FIELD_M_STATUS_SIGNER_MISMATCH, 27)                                                          \
    X(FIELD_M_STATUS_FORMAT_STOPPED, 28)                                                           \
    X(FIELD_M_STATUS_STORE, 29)
enum field_msg { FIELD_M_NONE = 0, FIELD_MSG_CODES(MSG_CODE_ENUM) FIELD_M_COUNT };

#endif
