/* ui_after.h: the screens for the visits after the first: the recall worklist (citizens to
 * call back, with contact marks and the redo), an application opened from the lists (identity,
 * status and history, the reason in plain words with what to do next, approvals, the receipt
 * reprinted), the correction of its phone number (a new number typed, a reason from a fixed
 * list, a Lãnh đạo đơn vị's approval). Their strings (enum ui_after_str) are in the message
 * catalogue (kiosk/messages/labels.h), looked up with ui_astr().
 *
 * Like every screen, pure functions of the view (struct ui_view's after member); the
 * controller's part (ui_app_after.c) fills it from the store and carries out the taps. */
#ifndef UI_AFTER_H
#define UI_AFTER_H

#include "ui/ui_screens.h"

const char *ui_astr(enum ui_after_str id, enum msg_lang lang);
/* The title of an after-the-first-visit screen. */
const char *ui_after_title(enum ui_screen s, enum msg_lang lang);

#define UI_RECALL_ROWS 12
#define UI_FIX_REASONS 4
#define UI_APP_HISTORY 8

struct ui_recall_row {
    char id[APP_ID_SIZE];
    char short_no[APP_SHORT_NO_SIZE];
    char name[160];
    char phone[16]; /* "0987 654 321", "" when none */
    char reason[256];
    int days;
    int overdue;
    int mark; /* enum recall_mark of the last contact, 0 none */
    char appointment[11];
};

struct ui_after_view {
    /* the worklist */
    struct ui_recall_row rows[UI_RECALL_ROWS];
    int n_rows;
    long total;
    int sel; /* -1 none */
    /* the opened application */
    char id[APP_ID_SIZE];
    char short_no[APP_SHORT_NO_SIZE];
    int status; /* enum app_status */
    int purged;
    char what[256], next[256]; /* the reason in plain words, what to do next */
    char name[160], pid[13], dob[11], phone[16], email[255];
    long phone_shared; /* other citizens with this phone at this kiosk */
    char received[80], approved_by[160], expected[11], redo_of[APP_SHORT_NO_SIZE];
    char history[UI_APP_HISTORY][96];
    int n_history;
    char msg[200]; /* the last action's result */
    int msg_error;
    /* guidance instead of an application (enum guidance_kind) */
    int guidance_kind;
    /* the phone correction of the opened application: the last one recorded ("" none), whether
     * one may be asked for (sent or approved), and on its screen the new number as typed, what
     * is wrong with it ("" when valid), the other citizens here with that number, the reason
     * picked (-1 none) */
    char fix_last[64];
    int fix_allowed;
    char fix_phone[16];
    char fix_msg[160];
    int fix_phone_ok;
    long fix_shared;
    int fix_reason;
};

void ui_scr_recall(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                   SDL_Rect content);
void ui_scr_app(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                SDL_Rect content);
/* The fixed reason i of a phone correction (UI_FIX_REASONS of them), "" out of range. */
const char *ui_fix_reason(int i, enum msg_lang lang);
void ui_scr_phonefix(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                     SDL_Rect content);
void ui_scr_guidance(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                     SDL_Rect content);

#endif
