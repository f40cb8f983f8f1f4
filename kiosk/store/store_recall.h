/* store_recall.h: what the officer needs after the first visit: finding an application again
 * (short number, phone, personal ID), the recall worklist of rejected and overdue
 * applications with its contact marks, and closing an entry (a redo queued, or a Lãnh đạo
 * đơn vị's decision with a reason).
 *
 * The worklist holds every application that is rejected, or submitted/processing for longer
 * than the 3 working days the upstream has to decide, unless it was closed. Queuing an
 * application whose redo_of names a rejected one closes that entry in the same transaction
 * and moves the rejected one to redo. Retention does not purge what the worklist shows (name,
 * phone, reason) until the entry is closed (config/KEYS.md, storage.retention_days). */
#ifndef KIOSK_STORE_RECALL_H
#define KIOSK_STORE_RECALL_H

#include "kiosk/store/store.h"

/* Working days the upstream has to decide a delivered application (decree 59/2022). */
#define RECALL_DECISION_WORKING_DAYS 3

/* --- lookups ------------------------------------------------------------------------- */

/* The application with this short number (any spelling shortno_normalise accepts).
 * 0 with id_out, STORE_ENOTFOUND, or an error. */
int store_find_by_short(struct store *st, const char *short_no, char id_out[APP_ID_SIZE]);
/* Applications whose phone is this number (any spelling val_phone accepts), newest first,
 * up to max ids; returns the count or < 0 (STORE_EINVAL for a number that is not one). */
int store_find_by_phone(struct store *st, const char *phone, char (*ids)[APP_ID_SIZE], int max);
/* Applications of other citizens (another personal ID) at this kiosk with this phone number:
 * *count. A phone shared by several citizens is worth a question at the counter. */
int store_phone_other_citizens(struct store *st, const char *phone, const char *personal_id,
                               long *count);
/* Resolves what an officer typed to open an application: a full id, a short number, a
 * personal ID (the newest application), or a phone (the newest). 0 with id_out. */
int store_resolve(struct store *st, const char *text, char id_out[APP_ID_SIZE]);

/* --- the recall worklist --------------------------------------------------------------- */

enum recall_mark {
    RECALL_MARK_NONE = 0,
    RECALL_MARK_CALLED,      /* đã gọi */
    RECALL_MARK_NO_ANSWER,   /* không nghe máy */
    RECALL_MARK_APPOINTMENT, /* hẹn ngày (with the day) */
    RECALL_MARK_RETURNED,    /* đã đến làm lại */
    RECALL_MARK_COUNT
};
const char *recall_mark_name(enum recall_mark m); /* "called", ... */
int recall_mark_parse(const char *name, enum recall_mark *out);

struct recall_item {
    char id[APP_ID_SIZE];
    char short_no[APP_SHORT_NO_SIZE];
    enum app_status status;
    int overdue;    /* no decision 3 working days after delivery (status submitted/processing) */
    char name[160]; /* decrypted; "" only if the row was purged before this schema */
    char phone[11]; /* "" when only an e-mail was given */
    char email[255];
    char reason_code[32];
    char reason[256]; /* as the upstream wrote it */
    int64_t since_ms; /* rejected at, or delivered at for an overdue one */
    int days_since;   /* whole days from since_ms to now */
    enum recall_mark last_mark;
    int64_t last_mark_at;
    char appointment[11]; /* "YYYY-MM-DD" of the last hẹn ngày mark, "" */
    int n_marks;
};

/* Calls cb for each open entry, oldest first (cb returns non-zero to stop). Items are wiped
 * after each call. Returns 0 or an error. */
int store_recall_list(struct store *st, int64_t now_ms,
                      int (*cb)(const struct recall_item *it, void *arg), void *arg);
/* Open entries (a count for the home screen). */
int store_recall_count(struct store *st, int64_t now_ms, long *count);
/* Records a contact mark (appointment "YYYY-MM-DD" for RECALL_MARK_APPOINTMENT, else NULL),
 * audited. STORE_ENOTFOUND when the application is not on the worklist. */
int store_recall_mark(struct store *st, const char *id, enum recall_mark mark,
                      const char *appointment, const char *actor, int64_t now_ms);
/* A supervisor takes the entry off the worklist with a reason (the citizen moved away,
 * enrolled elsewhere...), audited. STORE_EROLE when actor is not a supervisor. */
int store_recall_close(struct store *st, const char *id, const char *reason, const char *actor,
                       int64_t now_ms);

struct recall_mark_row {
    enum recall_mark mark;
    int64_t at;
    char actor[APP_OFFICER_SIZE];
    char appointment[11];
};
/* The marks of one application, oldest first (up to max); the count or < 0. */
int store_recall_marks(struct store *st, const char *id, struct recall_mark_row *out, int max);
/* How the entry was closed: 0 with reason/actor/redo_id ("" when by a supervisor),
 * STORE_ENOTFOUND when it is open or was never on the worklist. */
int store_recall_closed(struct store *st, const char *id, char reason[256],
                        char actor[APP_OFFICER_SIZE], char redo_id[APP_ID_SIZE]);

/* --- visits that end in guidance ------------------------------------------------------- */

/* Why a citizen left with guidance instead of an application. */
enum guidance_kind {
    GUIDANCE_NO_CARD = 0, /* no chip card yet: the card procedure, the account comes with it */
    GUIDANCE_LOST_CARD,   /* a lost card: the card procedure (cấp lại) */
    GUIDANCE_UNDER_14,    /* a child: registered under a parent's or guardian's account */
    GUIDANCE_COUNT
};
const char *guidance_kind_name(enum guidance_kind k); /* "no_card", "lost_card", "under_14" */
/* Counts one visit of this kind by officer at now_ms (audited, no personal data). */
int store_guidance_add(struct store *st, enum guidance_kind kind, const char *officer,
                       int64_t now_ms);
/* Visits per kind on a local day "YYYY-MM-DD" (NULL: all days); counts has GUIDANCE_COUNT
 * entries. */
int store_guidance_counts(struct store *st, const char *day, long counts[GUIDANCE_COUNT]);

/* --- inside the store ------------------------------------------------------------------ */

/* store_queue's part, inside its transaction, before the application's row is inserted:
 * gives app->short_no and the phone's keyed hash (phone_index, "" without a phone), which
 * the row is inserted with (with app->redo_of). */
int store_recall_before_queue(struct store *st, struct application *app, int64_t now_ms,
                              char phone_index[65]);
/* And after: links a redo (moves app->redo_of to redo, closes its entry). */
int store_recall_on_queue(struct store *st, struct application *app, int64_t now_ms);
/* store_load's part: short number and redo link of a loaded application. */
int store_recall_on_load(struct store *st, struct application *app);
/* Schema 5's migration, inside its transaction: gives short numbers and the phone index to
 * the rows queued before it. */
int store_recall_backfill(struct store *st);

#endif
