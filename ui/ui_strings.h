/* ui_strings.h: every text the UI shows, one table per language (ui_strings_vi.c is the
 * default, ui_strings_en.c the English one).
 *
 * Screen code never holds literal text: it names a UI_S_* id and calls ui_str(); the core's
 * own messages (validation, workflow, store) come from msg_text() in kiosk/messages/messages.h.
 * Both tables have an entry for every id (tests/ui/test_ui_strings.c checks it). */
#ifndef UI_STRINGS_H
#define UI_STRINGS_H

#include "kiosk/model/application.h"
#include "kiosk/model/msg.h"

enum ui_str_id {
    UI_S_NONE = 0,
    UI_S_APP_TITLE,
    UI_S_LANG_OTHER, /* the name of the other language, on the toggle */
    UI_S_SIM_DEVICES,
    /* buttons shared by many screens */
    UI_S_BTN_BACK,
    UI_S_BTN_CANCEL,
    UI_S_BTN_NEXT,
    UI_S_BTN_CONFIRM,
    UI_S_BTN_HOME,
    UI_S_BTN_CLOSE,
    UI_S_BTN_DELETE,
    UI_S_BTN_RETRY,
    UI_S_BTN_LOGOUT,
    /* login */
    UI_S_LOGIN_TITLE,
    UI_S_LOGIN_PICK,
    UI_S_LOGIN_PIN,
    UI_S_LOGIN_BTN,
    UI_S_LOGIN_NO_OFFICERS,
    UI_S_LOGIN_IDLE,
    UI_S_ROLE_OFFICER,
    UI_S_ROLE_SUPERVISOR,
    /* home */
    UI_S_HOME_TITLE,
    UI_S_HOME_START,
    UI_S_HOME_TODAY,
    UI_S_HOME_QUEUE,
    UI_S_HOME_SUPERVISOR,
    UI_S_SYNC_TITLE,
    UI_S_SYNC_ONLINE,
    UI_S_SYNC_OFFLINE,
    UI_S_SYNC_PENDING,
    UI_S_SYNC_LAST,
    UI_S_SYNC_NEVER,
    UI_S_SYNC_ERROR,
    UI_S_NOTICES,
    UI_S_NO_NOTICES,
    UI_S_NOTICE_REJECTED,
    UI_S_NOTICE_FAILED,
    /* card */
    UI_S_CARD_TITLE,
    UI_S_CARD_PLACE,
    UI_S_CARD_READING,
    UI_S_CARD_FAILED,
    UI_S_CARD_NEXT_STEP,
    UI_S_CARD_QR,
    UI_S_CARD_MANUAL,
    UI_S_CARD_STUCK,
    UI_S_CARD_ENTER_ID,
    UI_S_CARD_ENTER_ID_CAMERA,
    UI_S_BTN_READ_CHIP,
    UI_S_CARD_QR_SCANNED,
    UI_S_MANUAL_TITLE,
    UI_S_F_DOB_DIGITS,
    /* review */
    UI_S_REVIEW_TITLE,
    UI_S_F_NAME,
    UI_S_F_PID,
    UI_S_F_OLD_ID,
    UI_S_F_DOB,
    UI_S_F_SEX,
    UI_S_F_NATIONALITY,
    UI_S_F_ORIGIN,
    UI_S_F_RESIDENCE,
    UI_S_F_ORIGIN_2024,
    UI_S_F_RESIDENCE_2024,
    UI_S_F_EXPIRY,
    UI_S_SEX_M,
    UI_S_SEX_F,
    UI_S_NO_EXPIRY,
    UI_S_VERDICT_GENUINE,
    UI_S_VERDICT_UNVERIFIED,
    UI_S_VERDICT_FORGED,
    UI_S_VERDICT_NONE,
    UI_S_SOURCE_QR,
    UI_S_SOURCE_MANUAL,
    UI_S_WARN_EXPIRED,
    UI_S_WARN_DUPLICATE,
    UI_S_NO_PHOTO,
    UI_S_CHIP_PHOTO,
    /* portrait */
    UI_S_PORTRAIT_TITLE,
    UI_S_PORTRAIT_GUIDE,
    UI_S_PORTRAIT_OK,
    UI_S_PORTRAIT_WAITING,
    UI_S_CAMERA_STUCK,
    UI_S_PORTRAIT_TAKEN,
    UI_S_PORTRAIT_OVERRIDDEN,
    UI_S_FACE_CHIP_PHOTO,
    UI_S_FACE_LIVE_PHOTO,
    UI_S_FACE_SAME,
    UI_S_FACE_DIFFERENT,
    UI_S_FACE_NOT_FOUND,
    UI_S_FACE_UNCHECKED,
    UI_S_FACE_BADGE_DIFFERENT,
    UI_S_FACE_BADGE_NOT_COMPARED,
    UI_S_BTN_CAPTURE,
    UI_S_BTN_OVERRIDE,
    UI_S_BTN_RETAKE,
    /* fingerprints */
    UI_S_FINGERS_TITLE,
    UI_S_HAND_LEFT,
    UI_S_HAND_RIGHT,
    UI_S_FINGER_R_THUMB,
    UI_S_FINGER_R_INDEX,
    UI_S_FINGER_R_MIDDLE,
    UI_S_FINGER_R_RING,
    UI_S_FINGER_R_LITTLE,
    UI_S_FINGER_L_THUMB,
    UI_S_FINGER_L_INDEX,
    UI_S_FINGER_L_MIDDLE,
    UI_S_FINGER_L_RING,
    UI_S_FINGER_L_LITTLE,
    UI_S_FSTATE_WAITING,
    UI_S_FSTATE_READING,
    UI_S_FSTATE_QUALITY,
    UI_S_FINGERS_DONE,
    UI_S_BTN_EXCEPTION,
    UI_S_EXC_PICK,
    UI_S_EXC_MISSING,
    UI_S_EXC_BANDAGED,
    UI_S_EXC_SCARRED,
    UI_S_EXC_UNREADABLE,
    /* contact */
    UI_S_CONTACT_TITLE,
    UI_S_F_PHONE,
    UI_S_F_EMAIL,
    UI_S_CONTACT_VALID,
    UI_S_KEY_SPACE,
    UI_S_KEY_SPACEBAR,
    /* consent */
    UI_S_CONSENT_TITLE,
    UI_S_CONSENT_TEXT,
    UI_S_BTN_CONSENT,
    UI_S_F_PORTRAIT,
    UI_S_F_FINGERS,
    UI_S_FINGERS_CAPTURED,
    UI_S_FINGERS_EXCEPTIONS,
    UI_S_NONE_GIVEN,
    UI_S_QUEUING,
    /* done */
    UI_S_DONE_TITLE,
    UI_S_DONE_APPNO,
    UI_S_DONE_NEXT_SMS,
    UI_S_DONE_NEXT_ACTIVATE,
    UI_S_DONE_NEXT_MAIL_ONLY, /* instead of the SMS line when no mobile phone was given */
    UI_S_DONE_RECEIPT_SAVED,
    UI_S_DONE_RECEIPT_FAILED,
    UI_S_BTN_NEXT_CITIZEN,
    UI_S_RECEIPT_TITLE,
    UI_S_RECEIPT_TIME,
    UI_S_RECEIPT_STATION,
    /* queue */
    UI_S_QUEUE_TITLE,
    UI_S_QUEUE_SEARCH,
    UI_S_QUEUE_EMPTY,
    UI_S_QUEUE_TODAY,
    UI_S_QUEUE_ALL,
    UI_S_STATUS_DRAFT,
    UI_S_STATUS_QUEUED,
    UI_S_STATUS_UPLOADING,
    UI_S_STATUS_SUBMITTED,
    UI_S_STATUS_PROCESSING,
    UI_S_STATUS_APPROVED,
    UI_S_STATUS_REJECTED,
    UI_S_STATUS_REDO,
    /* supervisor */
    UI_S_SUP_TITLE,
    UI_S_SUP_DAY,
    UI_S_SUP_FOLDER,
    UI_S_SUP_FORMAT,
    UI_S_BTN_EXPORT,
    UI_S_SUP_LOCKED,
    UI_S_BTN_UNLOCK,
    UI_S_EXPORT_OK,
    UI_S_EXPORT_FAILED,
    UI_S_EXPORT_UNAVAILABLE,
    UI_S_SUPPIN_TITLE,
    UI_S_SUPPIN_WHY,
    UI_S_BTN_ASK_APPROVAL, /* hands a request to the Lãnh đạo đơn vị (PIN modal) */
    UI_S_HANDED_OVER,      /* handed over by USB stick, not yet confirmed (kiosk/field) */
    UI_S_FIELD_SITE,       /* the mobile unit's field session */
    /* the field session picker (ui_screen_field.c) */
    UI_S_FIELD_TITLE,
    UI_S_HOME_FIELD,   /* the home screen's button to it */
    UI_S_FIELD_NONE,   /* no session open */
    UI_S_FIELD_NEEDED, /* a mobile unit enrols only at a site */
    UI_S_FIELD_KNOWN,
    UI_S_FIELD_NO_KNOWN,
    UI_S_FIELD_NEW,
    UI_S_FIELD_NAME,
    UI_S_FIELD_COMMUNE,
    UI_S_FIELD_KIND,
    UI_S_FIELD_OPEN,
    UI_S_FIELD_CLOSE,
    UI_S_FIELD_OPENED, /* "... %s" the site */
    UI_S_FIELD_CLOSED,
    UI_S_FIELD_INVALID,
    UI_S_FIELD_STORE_ERROR,
    /* the waiting banner (home screen) */
    UI_S_WAIT_LINE,      /* "... %ld ... %s" count, the oldest's age */
    UI_S_WAIT_DUE,       /* "... %ld" miss the deadline unless delivered or handed over today */
    UI_S_WAIT_OVERDUE,   /* "... %ld" already late */
    UI_S_WAIT_UNTRUSTED, /* the time is not a trusted one */
    UI_S_POWER_LINE,     /* "... %d%%" the battery's charge */
    UI_S_POWER_ON_BATTERY,
    UI_S_POWER_CHARGING,
    UI_S_POWER_MAINS,
    UI_S_COUNT
};

/* The text for id in lang; never NULL ("" for UI_S_NONE or an id out of range). */
const char *ui_str(enum ui_str_id id, enum msg_lang lang);
/* The name of a finger, of an exception reason, of a status, in lang. */
const char *ui_str_finger(enum finger f, enum msg_lang lang);
const char *ui_str_exception(enum finger_exception e, enum msg_lang lang);
const char *ui_str_status(enum app_status s, enum msg_lang lang);

/* The tables themselves (for the completeness test). */
extern const char *const ui_strings_vi[UI_S_COUNT];
extern const char *const ui_strings_en[UI_S_COUNT];

#endif
