/* labels.h: the codes of the front ends' labels: the touchscreen's titles, buttons and notes,
 * and the commands' lines, as code lists
 * X(NAME, VALUE) like the drivers' (kiosk/base/code_list.h). The UI's enums are built from them
 * here (enum ui_str_id, enum ui_after_str: ui/ui_strings.h and ui/ui_after.h include this) and
 * ui_str() looks each up in the catalogue (domains MSGD_UI and MSGD_UI_AFTER); the sentences are in
 * labels_vi.c and labels_en.c, and tests/messages/test_catalogue walks these lists like every
 * other. The lists live here, not in ui/, because the catalogue may not include the UI
 * (ARCHITECTURE). A "%" in a comment names the conversions a label takes: both languages take the
 * same. */
#ifndef KIOSK_MESSAGES_LABELS_H
#define KIOSK_MESSAGES_LABELS_H

#include "kiosk/base/code_list.h"

/* The touchscreen's labels (0 is UI_S_NONE, the empty label: outside the list, it has no text). */
#define UI_LABEL_CODES(X)                                                                          \
    X(UI_S_APP_TITLE, 1)                                                                           \
    X(UI_S_LANG_OTHER, 2) /* the name of the other language, on the toggle */                      \
    X(UI_S_SIM_DEVICES, 3)                                                                         \
    /* buttons shared by many screens */                                                           \
    X(UI_S_BTN_BACK, 4)                                                                            \
    X(UI_S_BTN_CANCEL, 5)                                                                          \
    X(UI_S_BTN_NEXT, 6)                                                                            \
    X(UI_S_BTN_CONFIRM, 7)                                                                         \
    X(UI_S_BTN_HOME, 8)                                                                            \
    X(UI_S_BTN_CLOSE, 9)                                                                           \
    X(UI_S_BTN_DELETE, 10)                                                                         \
    X(UI_S_BTN_RETRY, 11)                                                                          \
    X(UI_S_BTN_LOGOUT, 12)                                                                         \
    /* login */                                                                                    \
    X(UI_S_LOGIN_TITLE, 13)                                                                        \
    X(UI_S_LOGIN_PICK, 14)                                                                         \
    X(UI_S_LOGIN_PIN, 15)                                                                          \
    X(UI_S_LOGIN_BTN, 16)                                                                          \
    X(UI_S_LOGIN_NO_OFFICERS, 17)                                                                  \
    X(UI_S_LOGIN_IDLE, 18)                                                                         \
    X(UI_S_ROLE_OFFICER, 19)                                                                       \
    X(UI_S_ROLE_SUPERVISOR, 20)                                                                    \
    /* home */                                                                                     \
    X(UI_S_HOME_TITLE, 21)                                                                         \
    X(UI_S_HOME_START, 22)                                                                         \
    X(UI_S_HOME_TODAY, 23)                                                                         \
    X(UI_S_HOME_QUEUE, 24)                                                                         \
    X(UI_S_HOME_SUPERVISOR, 25)                                                                    \
    X(UI_S_SYNC_TITLE, 26)                                                                         \
    X(UI_S_SYNC_ONLINE, 27)                                                                        \
    X(UI_S_SYNC_OFFLINE, 28)                                                                       \
    X(UI_S_SYNC_PENDING, 29)                                                                       \
    X(UI_S_SYNC_LAST, 30)                                                                          \
    X(UI_S_SYNC_NEVER, 31)                                                                         \
    X(UI_S_SYNC_ERROR, 32)                                                                         \
    X(UI_S_NOTICES, 33)                                                                            \
    X(UI_S_NO_NOTICES, 34)                                                                         \
    X(UI_S_NOTICE_REJECTED, 35)                                                                    \
    X(UI_S_NOTICE_FAILED, 36)                                                                      \
    /* card */                                                                                     \
    X(UI_S_CARD_TITLE, 37)                                                                         \
    X(UI_S_CARD_PLACE, 38)                                                                         \
    X(UI_S_CARD_READING, 39)                                                                       \
    X(UI_S_CARD_FAILED, 40)                                                                        \
    X(UI_S_CARD_NEXT_STEP, 41)                                                                     \
    X(UI_S_CARD_QR, 42)                                                                            \
    X(UI_S_CARD_MANUAL, 43)                                                                        \
    X(UI_S_CARD_STUCK, 44)                                                                         \
    X(UI_S_CARD_ENTER_ID, 45)                                                                      \
    X(UI_S_CARD_ENTER_ID_CAMERA, 46)                                                               \
    X(UI_S_BTN_READ_CHIP, 47)                                                                      \
    X(UI_S_CARD_QR_SCANNED, 48)                                                                    \
    X(UI_S_MANUAL_TITLE, 49)                                                                       \
    X(UI_S_F_DOB_DIGITS, 50)                                                                       \
    /* review */                                                                                   \
    X(UI_S_REVIEW_TITLE, 51)                                                                       \
    X(UI_S_F_NAME, 52)                                                                             \
    X(UI_S_F_PID, 53)                                                                              \
    X(UI_S_F_OLD_ID, 54)                                                                           \
    X(UI_S_F_DOB, 55)                                                                              \
    X(UI_S_F_SEX, 56)                                                                              \
    X(UI_S_F_NATIONALITY, 57)                                                                      \
    X(UI_S_F_ORIGIN, 58)                                                                           \
    X(UI_S_F_RESIDENCE, 59)                                                                        \
    X(UI_S_F_ORIGIN_2024, 60)                                                                      \
    X(UI_S_F_RESIDENCE_2024, 61)                                                                   \
    X(UI_S_F_EXPIRY, 62)                                                                           \
    X(UI_S_SEX_M, 63)                                                                              \
    X(UI_S_SEX_F, 64)                                                                              \
    X(UI_S_NO_EXPIRY, 65)                                                                          \
    X(UI_S_VERDICT_GENUINE, 66)                                                                    \
    X(UI_S_VERDICT_UNVERIFIED, 67)                                                                 \
    X(UI_S_VERDICT_FORGED, 68)                                                                     \
    X(UI_S_VERDICT_NONE, 69)                                                                       \
    X(UI_S_SOURCE_QR, 70)                                                                          \
    X(UI_S_SOURCE_MANUAL, 71)                                                                      \
    X(UI_S_WARN_EXPIRED, 72)                                                                       \
    X(UI_S_WARN_DUPLICATE, 73)                                                                     \
    X(UI_S_NO_PHOTO, 74)                                                                           \
    X(UI_S_CHIP_PHOTO, 75)                                                                         \
    /* portrait */                                                                                 \
    X(UI_S_PORTRAIT_TITLE, 76)                                                                     \
    X(UI_S_PORTRAIT_GUIDE, 77)                                                                     \
    X(UI_S_PORTRAIT_OK, 78)                                                                        \
    X(UI_S_PORTRAIT_WAITING, 79)                                                                   \
    X(UI_S_CAMERA_STUCK, 80)                                                                       \
    X(UI_S_PORTRAIT_TAKEN, 81)                                                                     \
    X(UI_S_PORTRAIT_OVERRIDDEN, 82)                                                                \
    X(UI_S_FACE_CHIP_PHOTO, 83)                                                                    \
    X(UI_S_FACE_LIVE_PHOTO, 84)                                                                    \
    X(UI_S_FACE_SAME, 85)                                                                          \
    X(UI_S_FACE_DIFFERENT, 86)                                                                     \
    X(UI_S_FACE_NOT_FOUND, 87)                                                                     \
    X(UI_S_FACE_UNCHECKED, 88)                                                                     \
    X(UI_S_FACE_BADGE_DIFFERENT, 89)                                                               \
    X(UI_S_FACE_BADGE_NOT_COMPARED, 90)                                                            \
    X(UI_S_BTN_CAPTURE, 91)                                                                        \
    X(UI_S_BTN_OVERRIDE, 92)                                                                       \
    X(UI_S_BTN_RETAKE, 93)                                                                         \
    /* fingerprints */                                                                             \
    X(UI_S_FINGERS_TITLE, 94)                                                                      \
    X(UI_S_HAND_LEFT, 95)                                                                          \
    X(UI_S_HAND_RIGHT, 96)                                                                         \
    X(UI_S_FINGER_R_THUMB, 97)                                                                     \
    X(UI_S_FINGER_R_INDEX, 98)                                                                     \
    X(UI_S_FINGER_R_MIDDLE, 99)                                                                    \
    X(UI_S_FINGER_R_RING, 100)                                                                     \
    X(UI_S_FINGER_R_LITTLE, 101)                                                                   \
    X(UI_S_FINGER_L_THUMB, 102)                                                                    \
    X(UI_S_FINGER_L_INDEX, 103)                                                                    \
    X(UI_S_FINGER_L_MIDDLE, 104)                                                                   \
    X(UI_S_FINGER_L_RING, 105)                                                                     \
    X(UI_S_FINGER_L_LITTLE, 106)                                                                   \
    X(UI_S_FSTATE_WAITING, 107)                                                                    \
    X(UI_S_FSTATE_READING, 108)                                                                    \
    X(UI_S_FSTATE_QUALITY, 109)                                                                    \
    X(UI_S_FINGERS_DONE, 110)                                                                      \
    X(UI_S_BTN_EXCEPTION, 111)                                                                     \
    X(UI_S_EXC_PICK, 112)                                                                          \
    X(UI_S_EXC_MISSING, 113)                                                                       \
    X(UI_S_EXC_BANDAGED, 114)                                                                      \
    X(UI_S_EXC_SCARRED, 115)                                                                       \
    X(UI_S_EXC_UNREADABLE, 116)                                                                    \
    /* contact */                                                                                  \
    X(UI_S_CONTACT_TITLE, 117)                                                                     \
    X(UI_S_F_PHONE, 118)                                                                           \
    X(UI_S_F_EMAIL, 119)                                                                           \
    X(UI_S_CONTACT_VALID, 120)                                                                     \
    X(UI_S_KEY_SPACE, 121)                                                                         \
    X(UI_S_KEY_SPACEBAR, 122)                                                                      \
    /* consent */                                                                                  \
    X(UI_S_CONSENT_TITLE, 123)                                                                     \
    X(UI_S_CONSENT_TEXT, 124)                                                                      \
    X(UI_S_BTN_CONSENT, 125)                                                                       \
    X(UI_S_F_PORTRAIT, 126)                                                                        \
    X(UI_S_F_FINGERS, 127)                                                                         \
    X(UI_S_FINGERS_CAPTURED, 128)                                                                  \
    X(UI_S_FINGERS_EXCEPTIONS, 129)                                                                \
    X(UI_S_NONE_GIVEN, 130)                                                                        \
    X(UI_S_QUEUING, 131)                                                                           \
    /* done */                                                                                     \
    X(UI_S_DONE_TITLE, 132)                                                                        \
    X(UI_S_DONE_APPNO, 133)                                                                        \
    X(UI_S_DONE_NEXT_SMS, 134)                                                                     \
    X(UI_S_DONE_NEXT_ACTIVATE, 135)                                                                \
    X(UI_S_DONE_NEXT_MAIL_ONLY, 136) /* instead of the SMS line when no mobile phone was given */  \
    X(UI_S_DONE_RECEIPT_SAVED, 137)                                                                \
    X(UI_S_DONE_RECEIPT_FAILED, 138)                                                               \
    X(UI_S_BTN_NEXT_CITIZEN, 139)                                                                  \
    X(UI_S_RECEIPT_TITLE, 140)                                                                     \
    X(UI_S_RECEIPT_TIME, 141)                                                                      \
    X(UI_S_RECEIPT_STATION, 142)                                                                   \
    /* queue */                                                                                    \
    X(UI_S_QUEUE_TITLE, 143)                                                                       \
    X(UI_S_QUEUE_SEARCH, 144)                                                                      \
    X(UI_S_QUEUE_EMPTY, 145)                                                                       \
    X(UI_S_QUEUE_TODAY, 146)                                                                       \
    X(UI_S_QUEUE_ALL, 147)                                                                         \
    X(UI_S_STATUS_DRAFT, 148)                                                                      \
    X(UI_S_STATUS_QUEUED, 149)                                                                     \
    X(UI_S_STATUS_UPLOADING, 150)                                                                  \
    X(UI_S_STATUS_SUBMITTED, 151)                                                                  \
    X(UI_S_STATUS_PROCESSING, 152)                                                                 \
    X(UI_S_STATUS_APPROVED, 153)                                                                   \
    X(UI_S_STATUS_REJECTED, 154)                                                                   \
    X(UI_S_STATUS_REDO, 155)                                                                       \
    /* supervisor */                                                                               \
    X(UI_S_SUP_TITLE, 156)                                                                         \
    X(UI_S_SUP_DAY, 157)                                                                           \
    X(UI_S_SUP_FOLDER, 158)                                                                        \
    X(UI_S_SUP_FORMAT, 159)                                                                        \
    X(UI_S_BTN_EXPORT, 160)                                                                        \
    X(UI_S_SUP_LOCKED, 161)                                                                        \
    X(UI_S_BTN_UNLOCK, 162)                                                                        \
    X(UI_S_EXPORT_OK, 163)                                                                         \
    X(UI_S_EXPORT_FAILED, 164)                                                                     \
    X(UI_S_EXPORT_UNAVAILABLE, 165)                                                                \
    X(UI_S_SUPPIN_TITLE, 166)                                                                      \
    X(UI_S_SUPPIN_WHY, 167)                                                                        \
    X(UI_S_BTN_ASK_APPROVAL, 168) /* hands a request to the Lãnh đạo đơn vị (PIN modal) */ \
    X(UI_S_HANDED_OVER, 169)      /* handed over by USB stick, not yet confirmed (kiosk/field) */  \
    X(UI_S_FIELD_SITE, 170)       /* the mobile unit's field session */                            \
    /* the field session picker (ui_screen_field.c) */                                             \
    X(UI_S_FIELD_TITLE, 171)                                                                       \
    X(UI_S_HOME_FIELD, 172)   /* the home screen's button to it */                                 \
    X(UI_S_FIELD_NONE, 173)   /* no session open */                                                \
    X(UI_S_FIELD_NEEDED, 174) /* a mobile unit enrols only at a site */                            \
    X(UI_S_FIELD_KNOWN, 175)                                                                       \
    X(UI_S_FIELD_NO_KNOWN, 176)                                                                    \
    X(UI_S_FIELD_NEW, 177)                                                                         \
    X(UI_S_FIELD_NAME, 178)                                                                        \
    X(UI_S_FIELD_COMMUNE, 179)                                                                     \
    X(UI_S_FIELD_KIND, 180)                                                                        \
    X(UI_S_FIELD_OPEN, 181)                                                                        \
    X(UI_S_FIELD_CLOSE, 182)                                                                       \
    X(UI_S_FIELD_OPENED, 183) /* "... %s" the site */                                              \
    X(UI_S_FIELD_CLOSED, 184)                                                                      \
    X(UI_S_FIELD_INVALID, 185)                                                                     \
    X(UI_S_FIELD_STORE_ERROR, 186)                                                                 \
    /* the waiting banner (home screen) */                                                         \
    X(UI_S_WAIT_LINE, 187) /* "... %ld ... %s" count, the oldest's age */                          \
    X(UI_S_WAIT_DUE, 188)  /* "... %ld" miss the deadline unless delivered or handed over today */ \
    X(UI_S_WAIT_OVERDUE, 189)   /* "... %ld" already late */                                       \
    X(UI_S_WAIT_UNTRUSTED, 190) /* the time is not a trusted one */                                \
    X(UI_S_POWER_LINE, 191)     /* "... %d%%" the battery's charge */                              \
    X(UI_S_POWER_ON_BATTERY, 192)                                                                  \
    X(UI_S_POWER_CHARGING, 193)                                                                    \
    X(UI_S_POWER_MAINS, 194)                                                                       \
    X(UI_S_DISK_ROOM, 195) /* "(còn chỗ cho N)" after the disk-low note */

/* The labels of the visits after the first: the recall worklist, an opened application,
 * its phone correction, the guidance. */
#define UI_AFTER_LABEL_CODES(X)                                                                          \
    X(UI_AS_RECALL_TITLE, 0)                                                                             \
    X(UI_AS_APP_TITLE, 1)                                                                                \
    X(UI_AS_HOME_RECALL, 2) /* "Công dân cần liên hệ (%ld)" */                                    \
    X(UI_AS_RECALL_EMPTY, 3)                                                                             \
    X(UI_AS_OVERDUE, 4)  /* no decision after 3 working days */                                          \
    X(UI_AS_DAYS, 5)     /* "%d ngày" */                                                                \
    X(UI_AS_NO_PHONE, 6) /* only an e-mail */                                                            \
    X(UI_AS_MARK_CALLED, 7)                                                                              \
    X(UI_AS_MARK_NO_ANSWER, 8)                                                                           \
    X(UI_AS_MARK_APPOINTMENT, 9)                                                                         \
    X(UI_AS_MARK_RETURNED, 10)                                                                           \
    X(UI_AS_BTN_REDO, 11) /* "Tạo lại hồ sơ" */                                                   \
    X(UI_AS_BTN_OPEN, 12)                                                                                \
    X(UI_AS_BTN_REPRINT, 13)                                                                             \
    X(UI_AS_BTN_BACK, 14)                                                                                \
    X(UI_AS_L_NUMBER, 15)                                                                                \
    X(UI_AS_L_STATUS, 16)                                                                                \
    X(UI_AS_L_REASON, 17)                                                                                \
    X(UI_AS_L_NEXT, 18)                                                                                  \
    X(UI_AS_L_NAME, 19)                                                                                  \
    X(UI_AS_L_PID, 20)                                                                                   \
    X(UI_AS_L_DOB, 21)                                                                                   \
    X(UI_AS_L_PHONE, 22)                                                                                 \
    X(UI_AS_L_EMAIL, 23)                                                                                 \
    X(UI_AS_L_RECEIVED, 24)                                                                              \
    X(UI_AS_L_APPROVED_BY, 25)                                                                           \
    X(UI_AS_L_EXPECTED, 26)                                                                              \
    X(UI_AS_L_REDO_OF, 27)                                                                               \
    X(UI_AS_L_HISTORY, 28)                                                                               \
    X(UI_AS_PHONE_SHARED, 29) /* "số này có trong hồ sơ của %ld công dân khác tại máy" */ \
    X(UI_AS_PRINTED, 30)                                                                                 \
    X(UI_AS_NOT_PRINTED, 31) /* "Không in được giấy tiếp nhận: %s" */                         \
    X(UI_AS_PRINTING, 32)    /* the print job is under way */                                            \
    X(UI_AS_PURGED, 33)                                                                                  \
    X(UI_AS_MARKED, 34) /* "Đã ghi: %s" */                                                             \
    X(UI_AS_GUIDANCE_TITLE, 35)                                                                          \
    X(UI_AS_HOME_GUIDANCE, 36) /* "Chưa có thẻ / mất thẻ" */                                     \
    X(UI_AS_G_NO_CARD, 37)     /* the choice buttons */                                                  \
    X(UI_AS_G_LOST_CARD, 38)                                                                             \
    X(UI_AS_G_UNDER_14, 39)                                                                              \
    X(UI_AS_G_TEXT_NO_CARD, 40) /* what to tell the citizen */                                           \
    X(UI_AS_G_TEXT_LOST_CARD, 41)                                                                        \
    X(UI_AS_G_TEXT_UNDER_14, 42)                                                                         \
    X(UI_AS_G_DONE, 43)    /* "Đã hướng dẫn" */                                                   \
    X(UI_AS_G_COUNTED, 44) /* "Đã ghi nhận lượt hướng dẫn..." */                             \
    /* the phone correction */                                                                           \
    X(UI_AS_FIX_TITLE, 45)                                                                               \
    X(UI_AS_BTN_FIX, 46)   /* on the opened application */                                               \
    X(UI_AS_FIX_L_OLD, 47) /* the number on the application now */                                       \
    X(UI_AS_FIX_L_NEW, 48)                                                                               \
    X(UI_AS_FIX_L_REASON, 49)                                                                            \
    X(UI_AS_FIX_R_CITIZEN, 50) /* the fixed reasons, in the order of UI_FIX_REASONS */                   \
    X(UI_AS_FIX_R_TYPO, 51)                                                                              \
    X(UI_AS_FIX_R_SHARED, 52)                                                                            \
    X(UI_AS_FIX_R_NOT_OWN, 53)                                                                           \
    X(UI_AS_FIX_SAME, 54)    /* the new number is the old one */                                         \
    X(UI_AS_FIX_APPROVE, 55) /* what the approver's PIN pad is for */                                    \
    X(UI_AS_FIX_DONE, 56)    /* recorded, to be sent upstream */                                         \
    X(UI_AS_FIX_REFUSED, 57) /* the store refused it (status, same number) */                            \
    X(UI_AS_L_FIX, 58)       /* the corrections on the opened application */                             \
    X(UI_AS_FIX_PENDING, 59) /* "%s, chờ gửi" */                                                     \
    X(UI_AS_FIX_SENT, 60)    /* "%s, đã gửi" */                                                      \
    X(UI_AS_FIX_FAILED, 61)  /* "%s, không gửi được" */

/* The UI's own enums, built from the lists (the screens name these). */
enum ui_str_id { UI_S_NONE = 0, UI_LABEL_CODES(MSG_CODE_ENUM) UI_S_COUNT };
enum ui_after_str { UI_AFTER_LABEL_CODES(MSG_CODE_ENUM) UI_AS_COUNT };

/* The supervisor's screens: the export dialog and the dashboard (enum ui_rs_id: ui_rs()). */
#define UI_REPORTS_LABEL_CODES(X)                                                                  \
    X(UI_RS_EXPORT_TITLE, 0)                                                                       \
    X(UI_RS_DASH_TITLE, 1)                                                                         \
    X(UI_RS_HOME_BUTTON, 2)                                                                        \
    X(UI_RS_PERIOD, 3)                                                                             \
    X(UI_RS_DAY, 4)                                                                                \
    X(UI_RS_WEEK, 5)                                                                               \
    X(UI_RS_STICKS, 6)                                                                             \
    X(UI_RS_NO_STICK, 7)                                                                           \
    X(UI_RS_FREE, 8)                                                                               \
    X(UI_RS_KEY, 9)                                                                                \
    X(UI_RS_BTN_DASH, 10)                                                                          \
    X(UI_RS_BTN_EXPORT_SCREEN, 11)                                                                 \
    X(UI_RS_BTN_EXPORT, 12)                                                                        \
    X(UI_RS_TODAY, 13)                                                                             \
    X(UI_RS_THIS_WEEK, 14)                                                                         \
    X(UI_RS_WAITING, 15)                                                                           \
    X(UI_RS_OLDEST, 16)                                                                            \
    X(UI_RS_NONE_WAITING, 17)                                                                      \
    X(UI_RS_OVERDUE, 18)                                                                           \
    X(UI_RS_REJECTED_OPEN, 19)                                                                     \
    X(UI_RS_PER_OFFICER, 20)                                                                       \
    X(UI_RS_TOTAL, 21)                                                                             \
    X(UI_RS_UPDATED, 22)                                                                           \
    X(UI_RS_EXPORT_OK, 23)                                                                         \
    X(UI_RS_EXPORT_FAILED, 24)
enum ui_rs_id { UI_REPORTS_LABEL_CODES(MSG_CODE_ENUM) UI_RS_COUNT };

/* The commands' own labels and refusals (kiosk/cli), where the screens' words do not fit a
 * line of text; a command says what a screen says with the screens' codes. */
#define CLI_LABEL_CODES(X)                                                                         \
    X(CLI_T_NOT_HERE, 1)                                                                           \
    X(CLI_T_PHONE_SHARED, 2)                                                                       \
    X(CLI_T_OFFICER, 3)                                                                            \
    X(CLI_T_CONTACT, 4)                                                                            \
    X(CLI_T_REDONE_AS, 5)                                                                          \
    X(CLI_T_CLOSED_BY, 6)                                                                          \
    X(CLI_T_PHONE_FIXED, 7)                                                                        \
    X(CLI_T_APPROVED_BY, 8)                                                                        \
    X(CLI_T_MARK_CALLED, 9)                                                                        \
    X(CLI_T_MARK_NO_ANSWER, 10)                                                                    \
    X(CLI_T_MARK_APPOINTMENT, 11)                                                                  \
    X(CLI_T_MARK_RETURNED, 12)                                                                     \
    X(CLI_T_DAYS, 13)                                                                              \
    X(CLI_T_RECALL_COUNT, 14)                                                                      \
    X(CLI_T_CLOSE_NEEDS_REASON, 15)                                                                \
    X(CLI_T_NOT_ON_RECALL, 16)                                                                     \
    X(CLI_T_FIX_NEEDS_REASON, 17)                                                                  \
    X(CLI_T_FIX_PHONE_SHARED, 18)                                                                  \
    X(CLI_T_FIX_REFUSED, 19)                                                                       \
    X(CLI_T_NOT_PRINTED, 20)                                                                       \
    X(CLI_T_STORE_KIND, 21)                                                                        \
    X(CLI_T_STORE_KIND_STATION, 22)                                                                \
    X(CLI_T_PIN_FILE_DEMO_ONLY, 23)                                                                \
    X(CLI_T_OFFICER_DISABLED, 24)                                                                  \
    X(CLI_T_NO_OFFICER, 25)                                                                        \
    X(CLI_T_SCRIPT_VERDICT, 26)                                                                    \
    X(CLI_T_STORE_UNREADABLE, 27)                                                                  \
    X(CLI_T_STORE_UNREADABLE_WHY, 28)                                                              \
    X(CLI_T_STORE_UNWRITABLE, 29)                                                                  \
    X(CLI_T_WORKING_DAYS, 30)                                                                      \
    X(CLI_T_AND_MORE, 31)                                                                          \
    X(CLI_T_WAITING, 32)                                                                           \
    X(CLI_T_OLDEST, 33)                                                                            \
    X(CLI_T_TIME_TRUSTED, 34)                                                                      \
    X(CLI_T_TIME_UNCONFIRMED, 35)                                                                  \
    X(CLI_T_LATE, 36)                                                                              \
    X(CLI_T_HANDED_COUNT, 37)                                                                      \
    X(CLI_T_FIELD_AT, 38)                                                                          \
    X(CLI_T_FIELD_NONE, 39)                                                                        \
    X(CLI_T_FIELD_COUNTER, 40)                                                                     \
    X(CLI_T_FIELD_OFFICER, 41)                                                                     \
    X(CLI_T_FIELD_SITE, 42)                                                                        \
    X(CLI_T_BUNDLE_WRITTEN, 43)                                                                    \
    X(CLI_T_BUNDLE_IMPORTED, 44)                                                                   \
    X(CLI_T_STATUS_WRITTEN, 45)                                                                    \
    X(CLI_T_STATUS_NOT_WRITTEN, 46)                                                                \
    X(CLI_T_CANNOT_READ, 47)                                                                       \
    X(CLI_T_NO_STATUS, 48)                                                                         \
    X(CLI_T_STATUS_REPLAYED, 49)                                                                   \
    X(CLI_T_STATUS_APPLIED, 50)                                                                    \
    X(CLI_T_HANDED_TOTAL, 51)                                                                      \
    X(CLI_T_HANDINS, 52)                                                                           \
    X(CLI_T_CLOCK, 53)                                                                             \
    X(CLI_T_CLOCK_OK, 54)                                                                          \
    X(CLI_T_CLOCK_BAD, 55)                                                                         \
    X(CLI_T_CLOCK_TRUSTED, 56)                                                                     \
    X(CLI_T_CLOCK_CANNOT_SET, 57)                                                                  \
    X(CLI_T_CLOCK_SET, 58)                                                                         \
    X(CLI_T_DISK_UNREADABLE, 59)                                                                   \
    X(CLI_T_DISK_ROOM, 60)                                                                         \
    X(CLI_T_DISK_FULL, 61)                                                                         \
    X(CLI_T_KEYRING_IDENT, 62)                                                                     \
    X(CLI_T_REPORT_INTACT, 63)                                                                     \
    X(CLI_T_MERGE_AUDIT, 64)                                                                       \
    X(CLI_T_AUDIT_UNREADABLE, 65)                                                                  \
    X(CLI_T_MERGED, 66)                                                                            \
    X(CLI_T_BAD_PERIOD, 67)                                                                        \
    X(CLI_T_BAD_RANGE, 68)                                                                         \
    X(CLI_T_EXPORTED, 69)                                                                          \
    X(CLI_T_PIN_FORM, 70)                                                                          \
    X(CLI_T_PIN_TRIVIAL, 71)                                                                       \
    X(CLI_T_PIN_BIRTH, 72)                                                                         \
    X(CLI_T_HAS_OFFICERS, 73)                                                                      \
    X(CLI_T_LAST_SUPERVISOR, 74)                                                                   \
    X(CLI_T_AUDIT_TRUNCATED, 75)                                                                   \
    X(CLI_T_AUDIT_BROKEN, 76)
enum cli_text { CLI_T_NONE = 0, CLI_LABEL_CODES(MSG_CODE_ENUM) CLI_T_COUNT };

/* The kinds of a mobile unit's site, in the order of app_site_kinds (kiosk/model/application.h:
 * the code is the index of the kind's key there). */
#define SITE_KIND_CODES(X)                                                                         \
    X(SITE_KIND_THON_AP, 0)                                                                        \
    X(SITE_KIND_TO_DAN_PHO, 1)                                                                     \
    X(SITE_KIND_CO_QUAN_DOANH_NGHIEP, 2)                                                           \
    X(SITE_KIND_TRUONG_HOC, 3)                                                                     \
    X(SITE_KIND_KHAC, 4)
enum site_kind { SITE_KIND_CODES(MSG_CODE_ENUM) SITE_KIND_COUNT };

#endif
