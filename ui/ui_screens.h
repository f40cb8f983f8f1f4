/* ui_screens.h: the screens, as pure functions from a view to a display list.
 *
 * struct ui_view is everything a screen shows, filled by the controller (ui_app.c) from the
 * runner, the store and the device results; a screen reads nothing else, so every screen can
 * be rendered and checked from a view built by hand (tests/ui/test_ui_screens.c). A tap on a
 * widget yields its (action, arg), which the controller carries out.
 *
 * Every screen has the same frame: a header (title, officer, language, sign-out), the content,
 * a footer with the navigation buttons, and a one-line note above the footer. */
#ifndef UI_SCREENS_H
#define UI_SCREENS_H

#include <stdint.h>

#include "kiosk/model/application.h"
#include "kiosk/model/msg.h"
#include "ui/ui_art.h"
#include "ui/ui_frame.h"
#include "ui/ui_reports.h"
#include "ui/ui_strings.h"

enum ui_screen {
    UI_SCR_LOGIN = 0,
    UI_SCR_HOME,
    UI_SCR_CARD,
    UI_SCR_REVIEW,
    UI_SCR_PORTRAIT,
    UI_SCR_FINGERS,
    UI_SCR_CONTACT,
    UI_SCR_CONSENT,
    UI_SCR_DONE,
    UI_SCR_QUEUE,
    UI_SCR_SUPERVISOR, /* the export dialog */
    UI_SCR_DASHBOARD,
    UI_SCR_RECALL,   /* citizens to call back (ui_after.h) */
    UI_SCR_APP,      /* one application opened from a list (ui_after.h) */
    UI_SCR_GUIDANCE, /* no card, a lost card, a child: guidance and a counted visit */
    UI_SCR_PHONEFIX, /* the opened application's phone corrected, with an approver */
    UI_SCR_FIELD,    /* a mobile unit's field session: a site picked or typed, opened, closed */
    UI_SCR_COUNT
};
const char *ui_screen_name(enum ui_screen s);

enum ui_modal {
    UI_MODAL_NONE = 0,
    UI_MODAL_SUPERVISOR_PIN,
    UI_MODAL_EXCEPTION,
    UI_MODAL_MANUAL, /* the identity typed in (the workflow then wants a supervisor) */
};

enum ui_action {
    UI_A_NONE = 0,
    UI_A_LANG,
    UI_A_LOGOUT,
    UI_A_OFFICER,   /* arg: index in the officer list */
    UI_A_PIN_DIGIT, /* arg: 0-9 */
    UI_A_PIN_DEL,
    UI_A_PIN_OK,
    UI_A_START,
    UI_A_GOTO_QUEUE,
    UI_A_GOTO_SUPERVISOR,
    UI_A_HOME,
    UI_A_CANCEL,
    UI_A_BACK,
    UI_A_CONFIRM, /* the current step is fine: go on */
    UI_A_RETRY,
    UI_A_CARD_QR,   /* identity from the scanned QR code alone */
    UI_A_CARD_READ, /* read the chip with the ID typed or scanned */
    UI_A_CAPTURE,   /* arg: 1 officer override */
    UI_A_RETAKE,
    UI_A_EXCEPTION_OPEN,
    UI_A_EXCEPTION_REASON, /* arg: enum finger_exception */
    UI_A_APPROVAL_REASON,  /* arg: index into approval_reasons */
    UI_A_MODAL_CLOSE,
    UI_A_FOCUS, /* arg: field index of the screen */
    UI_A_KEY,   /* arg: the character (ASCII) */
    UI_A_KEY_DEL,
    UI_A_KEY_CLEAR,
    UI_A_CONSENT,
    UI_A_NEXT_CITIZEN,
    UI_A_QUEUE_FILTER, /* arg: 0 today, 1 all */
    UI_A_DAY_PREV,
    UI_A_DAY_NEXT,
    UI_A_EXPORT,
    UI_A_EXPORT_DIR,   /* arg: index of the folder */
    UI_A_NOTICE_CLOSE, /* arg: index of the notice */
    UI_A_CARD_MANUAL,  /* open the manual entry */
    UI_A_MANUAL_OK,
    UI_A_SEX,     /* arg: 'M' or 'F' */
    UI_A_VN_TONE, /* arg: enum ui_vn_tone */
    UI_A_VN_MARK, /* arg: enum ui_vn_mark */
    UI_A_UNLOCK,  /* arg: index in the locked officers (supervisor screen) */
    UI_A_GOTO_DASHBOARD,
    UI_A_EXPORT_PERIOD, /* arg: 0 a day, 1 the reporting week */
    UI_A_GOTO_RECALL,
    UI_A_RECALL_PICK, /* arg: row of the worklist */
    UI_A_RECALL_MARK, /* arg: enum recall_mark */
    UI_A_RECALL_OPEN,
    UI_A_RECALL_REDO, /* a new application linked to the rejected one picked */
    UI_A_QUEUE_OPEN,  /* arg: row of the queue */
    UI_A_APP_BACK,
    UI_A_REPRINT,
    UI_A_GOTO_GUIDANCE,   /* arg: enum guidance_kind */
    UI_A_GUIDANCE_KIND,   /* arg: enum guidance_kind */
    UI_A_GUIDANCE_DONE,   /* arg: enum guidance_kind: the visit is counted */
    UI_A_PHONEFIX_OPEN,   /* the opened application's phone correction */
    UI_A_PHONEFIX_REASON, /* arg: index of the fixed reason */
    UI_A_PHONEFIX_SUBMIT, /* to the approver's PIN pad */
    UI_A_PHONEFIX_BACK,   /* back to the application, nothing recorded */
    UI_A_GOTO_FIELD,      /* the field session picker (mobile units) */
    UI_A_FIELD_PICK,      /* arg: index of a known site */
    UI_A_FIELD_NEW,       /* a new site typed once */
    UI_A_FIELD_KIND,      /* arg: index in app_site_kinds */
    UI_A_FIELD_OPEN,      /* opens the session at the site picked or typed */
    UI_A_FIELD_CLOSE,
    UI_A_FIELD_BACK, /* from the new site to the list, from the list home */
    UI_A_COUNT
};

struct ui_after_view;

struct ui_sync_view {
    int known;
    int online;
    long pending;
    long handed_over;      /* of those, handed over by USB stick, not yet confirmed */
    char site[96];         /* the field session's site, "" at the station */
    char last_success[24]; /* formatted, "" when never */
    char last_error[160];
};

/* A mobile unit's field session (kiosk/store/store_field.h), for the home screen and the
 * picker. Places, no personal data. */
#define UI_FIELD_SITES 6
struct ui_field_view {
    int mobile; /* station.unit = mobile: sessions are offered */
    int open;   /* a session is open at current */
    struct app_site current;
    struct app_site sites[UI_FIELD_SITES]; /* the sites known, last used first */
    int n_sites;
    int sel;    /* the known site picked, -1 none */
    int typing; /* a new site is typed (name, commune, kind) instead of picked */
    char name[APP_SITE_NAME_SIZE];
    char commune[APP_SITE_NAME_SIZE];
    int kind;       /* index in app_site_kinds, -1 none */
    int then_start; /* asked for by Start: the enrolment begins once the session is open */
};

/* The waiting banner (kiosk/export/export_waiting.h), counted on the trusted time. */
#define UI_WAIT_LISTED 4
struct ui_wait_view {
    int known;
    int trusted;             /* now_ms stands on a trusted time */
    int64_t now_ms;          /* the time it was counted at */
    long waiting;            /* still only on this kiosk */
    int64_t oldest_ms;       /* the oldest of them queued at */
    long due_today, overdue; /* miss the deadline unless delivered or handed over today / late */
    char late[UI_WAIT_LISTED][APP_SHORT_NO_SIZE];
    int n_late;
    long handed; /* handed over on a stick, not yet confirmed */
    char handed_list[UI_WAIT_LISTED][APP_SHORT_NO_SIZE];
    int n_handed;
};

/* The battery or UPS (kiosk/devices/power.h), read every few seconds on a mobile unit. */
struct ui_power_view {
    int known; /* a battery was found */
    int percent;
    int on_battery, charging;
    int level; /* enum power_level */
};

#define UI_VIEW_OFFICERS 12
#define UI_VIEW_NOTICES  4
#define UI_VIEW_ROWS     40

struct ui_view_officer {
    char id[APP_OFFICER_SIZE];
    char name[128];
    int supervisor;
};

struct ui_view_notice {
    char kind[16];
    char app_id[APP_ID_SIZE];
    char when[17];
    char who[200]; /* "<short number>  <name>" of the application, "" when unknown */
};

struct ui_view_row {
    char id[APP_ID_SIZE];
    char name[160];
    char pid[13];
    char when[17];
    enum app_status status;
};

enum ui_card_phase { UI_CARD_WAITING = 0, UI_CARD_READING, UI_CARD_FAILED };
enum ui_finger_phase { UI_FP_WAITING = 0, UI_FP_READING, UI_FP_QUALITY };

struct ui_view {
    enum ui_screen screen;
    enum ui_modal modal;
    enum msg_lang lang;
    int sim_devices;

    /* the officer signed in ("" on the login screen) */
    char officer_name[128];
    int officer_supervisor;

    /* login and the supervisor PIN modal */
    struct ui_view_officer officers[UI_VIEW_OFFICERS];
    int n_officers;
    int officer_sel; /* -1 none */
    int pin_len;
    int pin_checking; /* the PIN typed is being checked (store worker): the pad waits */
    char login_msg[200];

    /* home */
    long today_count;
    struct ui_sync_view sync;
    struct ui_view_notice notices[UI_VIEW_NOTICES];
    int n_notices;

    /* the application in progress (NULL outside an enrolment); owned by the runner */
    const struct application *app;
    int duplicate; /* an earlier application with the same personal ID */
    int card_expired;
    int needs_supervisor;
    /* the approval asked for: the rule's message and the reasons to pick from (when the rule
     * offers more than one), the one picked or -1 */
    enum msg_id approval_msg;
    const char *approval_reasons[4];
    int n_approval_reasons;
    int approval_reason_sel;

    /* card */
    enum ui_card_phase card_phase;
    int card_percent;
    char card_error[160];
    int card_stuck;    /* no answer from the reader for a while */
    char card_pid[13]; /* the personal ID typed to open the chip */
    /* manual entry (focus: 0 ID, 1 name, 2 date of birth as ddmmyyyy digits) */
    char man_pid[13];
    char man_name[160];
    char man_dob[9];
    char man_sex;   /* 'M', 'F' or 0 */
    int qr_scanned; /* a QR code from the card was scanned (keyboard-wedge scanner) */
    int qr_camera;  /* the camera reads the card's QR code when no ID is typed */

    /* portrait */
    int preview_live; /* a preview frame is in UI_TEX_PREVIEW */
    int preview_pass; /* every quality check passes */
    char hint[96];
    int portrait_taken; /* the captured portrait is in UI_TEX_PORTRAIT */
    /* the face check of the portrait taken against the chip's photo (UI_TEX_CHIP_FACE):
     * shown in words, never as a number */
    enum app_face_verdict face_verdict;
    char camera_error[160];

    /* fingerprints: states indexed by enum finger (UI_FS_*) */
    int finger_state[11];
    enum finger current_finger;
    enum ui_finger_phase finger_phase;
    int finger_percent;
    char finger_error[160];
    int fingers_wanted, fingers_done, fingers_exceptions;

    /* contact */
    char phone[32];
    char email[255];
    int focus; /* 0 phone, 1 e-mail */
    char phone_msg[160];
    char email_msg[160];
    int phone_ok, email_ok;

    /* consent / done */
    int queuing;
    int printing; /* a receipt is being printed (done screen, opened application) */
    char receipt_msg[160];
    int receipt_ok;

    /* queue */
    char search[64];
    int queue_all;
    struct ui_view_row rows[UI_VIEW_ROWS];
    int n_rows;

    /* supervisor */
    char export_day[11];
    char export_dirs[4][256]; /* candidate folders: USB sticks first */
    int n_export_dirs;
    /* officers locked out by wrong PINs, for the supervisor to unlock */
    struct ui_view_officer locked[4];
    int n_locked;
    int export_sel;
    char export_msg[700];
    int export_ok;
    int exporting;          /* the export runs on the store worker: its button waits */
    int export_week;        /* 0 the day, 1 the reporting week holding it */
    char export_period[80]; /* "Từ ngày … đến ngày …" */
    char export_free[UI_EXPORT_DIRS][32]; /* free space of each folder, "" unknown */
    char sign_fingerprint[80];            /* the kiosk's export signing key */
    struct ui_dash_view dash;

    /* after the first visit (ui_after.h): the worklist's size for the home screen, the
     * worklist and the opened application (owned by the controller) */
    long recall_count;
    const struct ui_after_view *after;

    /* the waiting banner (home screen) and the battery */
    struct ui_wait_view wait;
    struct ui_power_view power;
    /* a mobile unit's field session (home screen, picker; focus: 0 name, 1 commune) */
    struct ui_field_view field;

    /* the note line: the last message from the core or a device */
    char note[200];
    int note_error;
};

/* Lays out v's screen (and modal) into fr for the metrics m. */
void ui_screen_build(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v);

/* The parts, one per screen (content is the area between header and footer). */
void ui_scr_login(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                  SDL_Rect content);
void ui_scr_home(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                 SDL_Rect content);
void ui_scr_card(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                 SDL_Rect content);
void ui_scr_review(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                   SDL_Rect content);
void ui_scr_portrait(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                     SDL_Rect content);
void ui_scr_fingers(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                    SDL_Rect content);
void ui_scr_contact(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                    SDL_Rect content);
void ui_scr_consent(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                    SDL_Rect content);
void ui_scr_done(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                 SDL_Rect content);
void ui_scr_queue(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                  SDL_Rect content);
void ui_scr_manual(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                   SDL_Rect content);
void ui_scr_supervisor(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                       SDL_Rect content);
void ui_scr_dashboard(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                      SDL_Rect content);
void ui_scr_field(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                  SDL_Rect content);
/* "name — kind, commune" of a site in lang. */
void ui_site_text(const struct app_site *s, enum msg_lang lang, char *out, size_t n);

/* Shared pieces. A PIN pad (digits, delete, ok) in r. */
void ui_scr_pinpad(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                   SDL_Rect r);
enum ui_kb { UI_KB_EMAIL = 0, UI_KB_NUMERIC, UI_KB_SEARCH, UI_KB_NAME };
/* A keyboard in r: e-mail (5 rows), numeric (phone), search (4 rows, letters and digits). */
void ui_scr_keyboard(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                     SDL_Rect r, enum ui_kb kind);
/* A "label: value" pair on one row (label takes label_w). */
void ui_scr_pair(struct ui_frame *fr, SDL_Rect r, int label_w, const char *label, const char *value,
                 enum ui_font_role font);
/* The footer's buttons: up to 3, left to right; action 0 leaves the slot empty. */
struct ui_footer_btn {
    enum ui_str_id text;
    int action, arg;
    enum ui_style style;
};
void ui_scr_footer(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                   const struct ui_footer_btn *btns, int n);
/* The number of PIN dots / masked text "●●●●" for n digits into out. */
void ui_scr_dots(int n, char *out, size_t outlen);

#endif
