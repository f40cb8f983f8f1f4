/* msg.h: the officer-facing messages of the core, in Vietnamese and English.
 *
 * Every refusal the core makes (validation, workflow, store) names one of these; screens and
 * the CLI print msg_text(id, lang). Driver and UI strings live in their own tables. */
#ifndef KIOSK_MSG_H
#define KIOSK_MSG_H

enum msg_lang { LANG_VI = 0, LANG_EN = 1 };

/* The families of codes the drivers and parsers return, each worded for the officer by the
 * message catalogue (kiosk/messages): a device event or a note carries (domain, code), and
 * the front end looks the sentence up in its language when it shows it. */
enum msg_domain {
    MSGD_NONE = 0,
    MSGD_TLV,           /* enum tlv_error (drivers/card/tlv.h) */
    MSGD_MRZ,           /* enum mrz_error */
    MSGD_READER,        /* enum reader_err */
    MSGD_CARD,          /* enum card_err */
    MSGD_DG,            /* enum emrtd_dg_error */
    MSGD_SOD,           /* enum emrtd_sod_error */
    MSGD_PA,            /* enum emrtd_pa_error */
    MSGD_VERIFY_REASON, /* enum emrtd_verify_reason */
    MSGD_IDENTITY,      /* enum card_identity_error */
    MSGD_CARD_FIELD,    /* enum card_field: the name of a field two sources disagree on */
    MSGD_CARD_SOURCE,   /* enum card_source */
    MSGD_FORMAT,        /* enum msg_format: sentences composed from other entries */
    MSGD_QR,            /* enum cccd_qr_error */
    MSGD_CAMERA,        /* enum camera_err (drivers/camera/camera.h) */
    MSGD_PORTRAIT,      /* enum portrait_check_id: the hint of a failing quality check */
    MSGD_FPR,           /* enum fpr_err (drivers/fingerprint/fingerprint.h) */
    MSGD_FPR_STATE,     /* enum fpr_state */
    MSGD_COUNT
};

enum msg_id {
    MSG_NONE = 0,
    /* personal ID */
    MSG_PID_LENGTH,
    MSG_PID_DIGITS,
    MSG_PID_PROVINCE,
    MSG_PID_CENTURY,
    MSG_PID_YEAR_MISMATCH,
    MSG_PID_SEX_MISMATCH,
    /* dates, names */
    MSG_DATE_INVALID,
    MSG_DOB_FUTURE,
    MSG_NAME_EMPTY,
    MSG_NAME_INVALID,
    MSG_TEXT_INVALID_UTF8,
    MSG_TEXT_TOO_LONG,
    /* phone */
    MSG_PHONE_EMPTY,
    MSG_PHONE_CHARS,
    MSG_PHONE_LENGTH,
    MSG_PHONE_OLD_11_DIGITS,
    MSG_PHONE_LANDLINE,
    MSG_PHONE_PREFIX,
    /* e-mail */
    MSG_EMAIL_AT,
    MSG_EMAIL_LOCAL,
    MSG_EMAIL_DOMAIN,
    MSG_EMAIL_LENGTH,
    MSG_EMAIL_SPACE,
    MSG_CONTACT_NONE,
    /* workflow */
    MSG_WF_NOT_NOW,
    MSG_WF_NO_OFFICER,
    MSG_WF_CHIP_FORGED,
    MSG_WF_NEED_SUPERVISOR_UNVERIFIED,
    MSG_WF_NEED_SUPERVISOR_MANUAL,
    MSG_WF_NEED_SUPERVISOR_DUPLICATE,
    MSG_WF_DUPLICATE,
    MSG_WF_CARD_EXPIRED,
    MSG_WF_NO_PORTRAIT,
    MSG_WF_FINGERS_INCOMPLETE,
    MSG_WF_SAME_FINGER,
    MSG_WF_NO_FINGERS,
    MSG_WF_TIMEOUT,
    MSG_WF_CANCELLED,
    MSG_WF_QUEUED,
    MSG_WF_QUEUE_FAILED,
    MSG_WF_DEVICE_FAILED,
    MSG_WF_NO_CONSENT,
    /* the policy (kiosk/workflow/policy.c) and approvals */
    MSG_POL_INCONSISTENT,
    MSG_POL_AFTER_FORGED,
    MSG_POL_NO_SELF_AUTH,
    MSG_POL_CHIP_UNVERIFIED,
    MSG_POL_QR_ONLY,
    MSG_POL_MISMATCH,
    MSG_POL_ASK_NO_MOBILE,
    MSG_POL_NO_MOBILE_SMS,
    MSG_POL_PORTRAIT_OVERRIDE,
    MSG_POL_NO_FINGERS,
    MSG_POL_FEWER_FINGERS,
    MSG_POL_SELF_APPROVAL,
    MSG_POL_REASON_NEEDED,
    MSG_POL_NOTHING_TO_APPROVE,
    MSG_POL_APPROVED,
    MSG_POL_UNDER_14,
    MSG_POL_CLOCK_IMPLAUSIBLE,
    MSG_POL_DISK_FULL,
    MSG_POWER_LOW,
    MSG_DISK_LOW,
    MSG_POWER_CRITICAL,
    MSG_POL_FACE_MISMATCH,
    MSG_POL_FACE_NOT_FOUND,
    MSG_POL_FACE_UNCHECKED,
    MSG_POL_REASON_PICK,
    MSG_POL_FACE_REASON,
    /* store */
    MSG_STORE_FULL,
    MSG_STORE_IO,
    MSG_STORE_CORRUPT,
    MSG_AUDIT_FAILED,
    /* officers */
    MSG_OFFICER_BAD_PIN,
    MSG_OFFICER_LOCKED,
    MSG_OFFICER_UNKNOWN,
    MSG_OFFICER_DISABLED,
    MSG_OFFICER_NOT_SUPERVISOR,
    MSG_PIN_CHECKING, /* not a refusal: the PIN is being checked, the answer follows */
    MSG_COUNT
};

/* The text for id in lang (never NULL). */
const char *msg_text(enum msg_id id, enum msg_lang lang);
/* A stable identifier, e.g. "phone.prefix" (for JSON and logs). */
const char *msg_key(enum msg_id id);
/* "vi" → LANG_VI, "en" → LANG_EN, anything else LANG_VI. */
enum msg_lang msg_lang_parse(const char *code);

#endif
