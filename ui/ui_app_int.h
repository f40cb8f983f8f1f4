/* ui_app_int.h: the controller's state, shared by its files (ui_app.c: life cycle, states,
 * input, render; ui_app_actions.c: taps; ui_app_store.c: store queries, export, receipt;
 * ui_app_view.c: device results and the view). Not for use outside ui/. */
#ifndef UI_APP_INT_H
#define UI_APP_INT_H

#include "ui/ui_after.h"
#include "ui/ui_app.h"

#define UI_HOME_REFRESH_MS 5000
#define UI_TOUCH_ECHO_MS   700
#define UI_RECEIPT_KEEP_MS (24 * 3600 * 1000LL)

struct ui_app {
    struct ui_app_opts o;
    /* the process's (o.proc): configuration, store, its worker, runner */
    struct kiosk_process *p;
    const struct config *cfg;
    struct store *st;
    struct ui_draw *d;
    struct runner *r;
    struct ui_frame frame;
    struct ui_view v;
    enum msg_lang lang;

    /* officer */
    char officer_id[APP_OFFICER_SIZE];
    char officer_name[128];
    int supervisor;
    int64_t last_input_ms;
    char pin[16];
    int pin_len;
    struct ui_view_officer officers[UI_VIEW_OFFICERS];
    int n_officers;
    int officer_sel;
    char approval_reason[32]; /* the reason code the approver picked, "" none */

    /* navigation outside an enrolment */
    enum ui_screen idle_screen;
    enum ui_modal modal;
    enum wf_state last_state;
    int64_t home_refreshed_ms;
    int64_t dash_refreshed_ms;
    /* power (kiosk/devices/power.h): the level last read, and the way out at critical */
    int64_t power_checked_ms;
    int power_level;
    int power_off;
    int64_t disk_checked_ms; /* the room on the disk, read once a minute */

    /* device progress */
    int64_t device_wait_since; /* when the current device request started, 0 idle */
    int card_requested;        /* a read with access data (ID or QR) was asked for */
    char qr_text[1024];        /* the card's QR code, from a keyboard-wedge scanner */
    char scan[1024];           /* keys typed by the scanner until Enter */
    size_t scan_len;
    struct dev_event *held_portrait;

    /* the note line: a core message (re-read in the current language) or a text */
    enum msg_id note_msg;
    char note_text[200];
    int note_error;

    /* touch */
    int pressed;
    int64_t last_finger_ms; /* last touch, to drop a display server's emulated clicks */

    char receipt_path[512];
    int64_t now_ms;

    /* the receipt's print job in progress (ui_print.c), NULL when none */
    struct ui_print_job *print_job;

    /* the process's store worker (NULL: store calls run on this thread) and what waits on it:
     * an officer's sign-in, an approval (the workflow state it was asked in), an export */
    struct store_worker *worker;
    struct store_login_job login_job;
    int login_pending;
    int approval_pending;
    enum wf_state approval_state;
    /* the phone correction's approver PIN being checked (ui_app_phonefix.c) */
    struct store_login_job fix_job;
    int fix_pending;
    /* the supervisor's export (ui_app_store.c), on the store worker */
    struct ui_export_job *export_job;

    /* after the first visit (ui_app_after.c): the worklist, the opened application, the
     * screen to go back to from it */
    struct ui_after_view after;
    enum ui_screen back_screen;
};

/* ui_app.c */
void ui_app_note(struct ui_app *a, enum msg_id msg, const char *text, int is_error);
void ui_app_wipe_citizen(struct ui_app *a);
int ui_app_load_officers(struct ui_app *a, int supervisors_only);
/* After anything that may have moved the workflow: reacts to a new state. */
void ui_app_sync_state(struct ui_app *a);
/* Feeds a bare workflow event (now) and syncs. */
void ui_app_wf(struct ui_app *a, enum wf_event_type t);

/* ui_app_store.c */
void ui_app_refresh_home(struct ui_app *a);
/* The waiting banner, counted on the trusted time (kiosk/export/export_waiting.h). */
void ui_app_refresh_waiting(struct ui_app *a);
void ui_app_refresh_queue(struct ui_app *a);
void ui_app_scan_export_dirs(struct ui_app *a);
void ui_app_write_receipt(struct ui_app *a);
/* Deletes receipts older than UI_RECEIPT_KEEP_MS (they carry a name; printed the same day). */
void ui_app_prune_receipts(struct ui_app *a, int64_t now_ms);
/* Hands the export to the store worker; its result comes back to the view. */
void ui_app_export(struct ui_app *a);
/* Waits for an export still running (before the app goes). */
void ui_app_export_wait(struct ui_app *a);
void ui_app_shift_day(struct ui_app *a, int days);

/* ui_app_reports.c: the supervisor's dashboard and export dialog */
void ui_app_refresh_dashboard(struct ui_app *a);
/* Opens the export dialog: sticks, their free space, the period, the signing key. */
void ui_app_export_setup(struct ui_app *a);
/* The free space of each folder offered (after a scan or an export). */
void ui_app_export_free(struct ui_app *a);
/* The period in words after the day or the kind changed. */
void ui_app_export_period(struct ui_app *a);

/* ui_app_actions.c */
void ui_app_logout(struct ui_app *a);
void ui_app_validate_contact(struct ui_app *a);
void ui_app_card_read(struct ui_app *a, int qr_only);
/* A keyboard-wedge scanner's line ended (Enter). */
void ui_app_scan_done(struct ui_app *a);
/* Opens the approver's PIN pad for what the policy has pending at this step. */
void ui_app_open_approval(struct ui_app *a);
/* The store worker's jobs were collected (the process's stored callback) or the clock ticked:
 * the results of the jobs finished (sign-in, approval, queue commit, export) are taken in. */
void ui_app_store_results(struct ui_app *a);
/* After anything that may have taken a store result in (a collect, or an event that waited
 * for the job): ends the approval's and the queuing's waits whose job is done. */
void ui_app_store_settle(struct ui_app *a);
/* 1 while a PIN is checked or the application queued: taps wait. */
int ui_app_store_waiting(const struct ui_app *a);

/* ui_app_after.c */
void ui_app_after_action(struct ui_app *a, int action, int arg);
void ui_app_after_refresh_count(struct ui_app *a);
void ui_app_after_wipe(struct ui_app *a);
/* Opens application id on the application screen; back is where its Back button goes. */
void ui_app_open_app(struct ui_app *a, const char *id, enum ui_screen back);

/* ui_app_phonefix.c: the phone correction of the opened application */
/* Whether the opened application's phone may be corrected, and its last correction. */
void ui_app_phonefix_fill(struct ui_app *a);
/* The number typed: valid, not the one on the application, other citizens with it. */
void ui_app_phonefix_validate(struct ui_app *a);
void ui_app_phonefix_action(struct ui_app *a, int action, int arg);
/* The approval modal's PIN for the correction: checks the Lãnh đạo đơn vị on the store worker;
 * the correction is recorded when the answer comes back (ui_app_phonefix_record). */
void ui_app_phonefix_approve(struct ui_app *a, const char *approver, const char *pin);
/* Records the correction approved by approver and shows the application again. */
void ui_app_phonefix_record(struct ui_app *a, const char *approver);

/* ui_app_field.c: a mobile unit's field session (the picker, the gate at Start) */
/* The session open and the sites known, from the store, into the view. */
void ui_app_field_refresh(struct ui_app *a);
/* 1 on a mobile kiosk with no session open: Start asks for one first. */
int ui_app_field_needed(struct ui_app *a);
/* The new site's field being typed on the keyboard, NULL when none. */
char *ui_app_field_text(struct ui_app *a, size_t *size);
/* UI_A_GOTO_FIELD (arg 1: asked for by Start), UI_A_FIELD_*, UI_A_FOCUS on the picker. */
void ui_app_field_action(struct ui_app *a, int action, int arg);

/* ui_print.c: the receipt printed through CUPS from memory by a worker thread */
/* Starts printing app's receipt (after the previous job ended): v.printing until the worker
 * posts UI_EV_PRINT. 0, or -1 when out of memory. */
int ui_print_start(struct ui_app *a, const struct application *app);
/* The job's end (on UI_EV_PRINT, before the next job, at shutdown): joins the worker, audits
 * a receipt printed, puts the result on the done screen and the opened application when they
 * still show that application. Nothing when no job. */
void ui_print_finish(struct ui_app *a);
/* When the upstream confirmed application id (its first "submitted"), 0 = not yet. */
int64_t ui_app_delivered_at(struct store *st, const char *id);

/* ui_post.c: the print worker's end, posted to the loop (thread-safe). */
int ui_post_print_done(struct ui_app *tag);
/* The process loop's wake hook: work was posted (thread-safe; arg unused). */
void ui_post_loop_wake(void *arg);

/* ui_app_view.c */
void ui_app_device(struct ui_app *a, struct dev_event *ev);
void ui_app_sync_report(struct ui_app *a, const struct process_sync_status *s);
void ui_app_fill_view(struct ui_app *a);

#endif
