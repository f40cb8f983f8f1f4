/* msg.h: the codes of the officer-facing messages: the core's (enum msg_id: every refusal
 * of validation, workflow and store names one) and the domains of the drivers' codes. The
 * sentences are in the message catalogue (kiosk/messages); screens and the CLI print
 * msg_text(id, lang) or messages_text(domain, code, lang). UI labels live in ui/. */
#ifndef KIOSK_MSG_H
#define KIOSK_MSG_H

#include "kiosk/base/code_list.h"

enum msg_lang { LANG_VI = 0, LANG_EN = 1 };

/* The families of codes the drivers and parsers return, each worded for the officer by the
 * message catalogue (kiosk/messages): a device event or a note carries (domain, code), and
 * the front end looks the sentence up in its language when it shows it. */
enum msg_domain {
    MSGD_NONE = 0,
    MSGD_CORE,            /* enum msg_id: the core's refusals and notes */
    MSGD_TLV,             /* enum tlv_error (drivers/card/tlv.h) */
    MSGD_MRZ,             /* enum mrz_error */
    MSGD_READER,          /* enum reader_err */
    MSGD_CARD,            /* enum card_err */
    MSGD_DG,              /* enum emrtd_dg_error */
    MSGD_SOD,             /* enum emrtd_sod_error */
    MSGD_PA,              /* enum emrtd_pa_error */
    MSGD_VERIFY_REASON,   /* enum emrtd_verify_reason */
    MSGD_IDENTITY,        /* enum card_identity_error */
    MSGD_CARD_FIELD,      /* enum card_field: the name of a field two sources disagree on */
    MSGD_CARD_SOURCE,     /* enum card_source */
    MSGD_FORMAT,          /* enum msg_format: sentences composed from other entries */
    MSGD_QR,              /* enum cccd_qr_error */
    MSGD_CAMERA,          /* enum camera_err (drivers/camera/camera.h) */
    MSGD_PORTRAIT,        /* enum portrait_check_id: the hint of a failing quality check */
    MSGD_FPR,             /* enum fpr_err (drivers/fingerprint/fingerprint.h) */
    MSGD_FPR_STATE,       /* enum fpr_state */
    MSGD_UI,              /* enum ui_str_id: the touchscreen's labels (kiosk/messages/labels.h) */
    MSGD_UI_AFTER,        /* enum ui_after_str: the labels of the visits after the first */
    MSGD_REASON,          /* enum reason (kiosk/model/reasons.h): what the upstream found wrong */
    MSGD_REASON_NEXT,     /* enum reason: what the officer does next about it */
    MSGD_APPROVAL_REASON, /* enum approval_reason (kiosk/model/approval_reasons.h) */
    MSGD_EXPORT,          /* enum export_msg (kiosk/model/msg_export.h): the reports' refusals */
    MSGD_FIELD,           /* enum field_msg: the hand-over's refusals */
    MSGD_EXPORT_PART,     /* enum export_part: the part of a report a write failed on */
    MSGD_CLI,             /* enum cli_text (kiosk/messages/labels.h): the commands' lines */
    MSGD_SITE_KIND,       /* enum site_kind: the kinds of a mobile unit's site */
    MSGD_UI_REPORTS,      /* enum ui_rs_id: the supervisor's screens (kiosk/messages/labels.h) */
    MSGD_COUNT
};

/* The core's messages (validation, workflow, policy, store, officers), in a code list as the
 * drivers' (kiosk/base/code_list.h); kiosk/messages words each (domain MSGD_CORE). */
#define MSG_CODES(X)                                                                               \
    X(MSG_NONE, 0)                                                                                 \
    /* personal ID */                                                                              \
    X(MSG_PID_LENGTH, 1)                                                                           \
    X(MSG_PID_DIGITS, 2)                                                                           \
    X(MSG_PID_PROVINCE, 3)                                                                         \
    X(MSG_PID_CENTURY, 4)                                                                          \
    X(MSG_PID_YEAR_MISMATCH, 5)                                                                    \
    X(MSG_PID_SEX_MISMATCH, 6)                                                                     \
    /* dates, names */                                                                             \
    X(MSG_DATE_INVALID, 7)                                                                         \
    X(MSG_DOB_FUTURE, 8)                                                                           \
    X(MSG_NAME_EMPTY, 9)                                                                           \
    X(MSG_NAME_INVALID, 10)                                                                        \
    X(MSG_TEXT_INVALID_UTF8, 11)                                                                   \
    X(MSG_TEXT_TOO_LONG, 12)                                                                       \
    /* phone */                                                                                    \
    X(MSG_PHONE_EMPTY, 13)                                                                         \
    X(MSG_PHONE_CHARS, 14)                                                                         \
    X(MSG_PHONE_LENGTH, 15)                                                                        \
    X(MSG_PHONE_OLD_11_DIGITS, 16)                                                                 \
    X(MSG_PHONE_LANDLINE, 17)                                                                      \
    X(MSG_PHONE_PREFIX, 18)                                                                        \
    /* e-mail */                                                                                   \
    X(MSG_EMAIL_AT, 19)                                                                            \
    X(MSG_EMAIL_LOCAL, 20)                                                                         \
    X(MSG_EMAIL_DOMAIN, 21)                                                                        \
    X(MSG_EMAIL_LENGTH, 22)                                                                        \
    X(MSG_EMAIL_SPACE, 23)                                                                         \
    X(MSG_CONTACT_NONE, 24)                                                                        \
    /* workflow */                                                                                 \
    X(MSG_WF_NOT_NOW, 25)                                                                          \
    X(MSG_WF_NO_OFFICER, 26)                                                                       \
    X(MSG_WF_CHIP_FORGED, 27)                                                                      \
    X(MSG_WF_NEED_SUPERVISOR_UNVERIFIED, 28)                                                       \
    X(MSG_WF_NEED_SUPERVISOR_MANUAL, 29)                                                           \
    X(MSG_WF_NEED_SUPERVISOR_DUPLICATE, 30)                                                        \
    X(MSG_WF_DUPLICATE, 31)                                                                        \
    X(MSG_WF_CARD_EXPIRED, 32)                                                                     \
    X(MSG_WF_NO_PORTRAIT, 33)                                                                      \
    X(MSG_WF_FINGERS_INCOMPLETE, 34)                                                               \
    X(MSG_WF_SAME_FINGER, 35)                                                                      \
    X(MSG_WF_NO_FINGERS, 36)                                                                       \
    X(MSG_WF_TIMEOUT, 37)                                                                          \
    X(MSG_WF_CANCELLED, 38)                                                                        \
    X(MSG_WF_QUEUED, 39)                                                                           \
    X(MSG_WF_QUEUE_FAILED, 40)                                                                     \
    X(MSG_WF_DEVICE_FAILED, 41)                                                                    \
    X(MSG_WF_NO_CONSENT, 42)                                                                       \
    /* the policy (kiosk/workflow/policy.c) and approvals */                                       \
    X(MSG_POL_INCONSISTENT, 43)                                                                    \
    X(MSG_POL_AFTER_FORGED, 44)                                                                    \
    X(MSG_POL_NO_SELF_AUTH, 45)                                                                    \
    X(MSG_POL_CHIP_UNVERIFIED, 46)                                                                 \
    X(MSG_POL_QR_ONLY, 47)                                                                         \
    X(MSG_POL_MISMATCH, 48)                                                                        \
    X(MSG_POL_ASK_NO_MOBILE, 49)                                                                   \
    X(MSG_POL_NO_MOBILE_SMS, 50)                                                                   \
    X(MSG_POL_PORTRAIT_OVERRIDE, 51)                                                               \
    X(MSG_POL_NO_FINGERS, 52)                                                                      \
    X(MSG_POL_FEWER_FINGERS, 53)                                                                   \
    X(MSG_POL_SELF_APPROVAL, 54)                                                                   \
    X(MSG_POL_REASON_NEEDED, 55)                                                                   \
    X(MSG_POL_NOTHING_TO_APPROVE, 56)                                                              \
    X(MSG_POL_APPROVED, 57)                                                                        \
    X(MSG_POL_UNDER_14, 58)                                                                        \
    X(MSG_POL_CLOCK_IMPLAUSIBLE, 59)                                                               \
    X(MSG_POL_DISK_FULL, 60)                                                                       \
    X(MSG_POWER_LOW, 61)                                                                           \
    X(MSG_DISK_LOW, 62)                                                                            \
    X(MSG_POWER_CRITICAL, 63)                                                                      \
    X(MSG_POL_FACE_MISMATCH, 64)                                                                   \
    X(MSG_POL_FACE_NOT_FOUND, 65)                                                                  \
    X(MSG_POL_FACE_UNCHECKED, 66)                                                                  \
    X(MSG_POL_REASON_PICK, 67)                                                                     \
    X(MSG_POL_FACE_REASON, 68)                                                                     \
    /* store */                                                                                    \
    X(MSG_STORE_FULL, 69)                                                                          \
    X(MSG_STORE_IO, 70)                                                                            \
    X(MSG_STORE_CORRUPT, 71)                                                                       \
    X(MSG_AUDIT_FAILED, 72)                                                                        \
    /* officers */                                                                                 \
    X(MSG_OFFICER_BAD_PIN, 73)                                                                     \
    X(MSG_OFFICER_LOCKED, 74)                                                                      \
    X(MSG_OFFICER_UNKNOWN, 75)                                                                     \
    X(MSG_OFFICER_DISABLED, 76)                                                                    \
    X(MSG_OFFICER_NOT_SUPERVISOR, 77)                                                              \
    X(MSG_PIN_CHECKING, 78) /* not a refusal: the PIN is being checked, the answer follows */      \
    /* the keys at start-up (store_open_with_keys) */                                              \
    X(MSG_STORE_KEY_MISSING, 79) /* "%s%s": the key files, their folder */                         \
    X(MSG_STORE_KEY_WRONG, 80)   /* "%s": the key folder */
enum msg_id { MSG_CODES(MSG_CODE_ENUM) MSG_COUNT };

/* A stable identifier, e.g. "phone.prefix" (for JSON and logs). */
const char *msg_key(enum msg_id id);
/* "vi" → LANG_VI, "en" → LANG_EN, anything else LANG_VI. */
enum msg_lang msg_lang_parse(const char *code);

#endif
