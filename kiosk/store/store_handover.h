/* store_handover.h: what the store remembers of hand-overs by USB stick (kiosk/field/bundle.h).
 *
 * On the mobile kiosk (handover_out): each application written to a bundle is "handed over,
 * not yet confirmed" until its own sync brings the upstream's receipt; its outbox row stays
 * pending all along, so nothing handed over is ever lost if the stick is, and the receipt of
 * its own later sync (the upstream answers a known application with the same receipt) is
 * what confirms it.
 *
 * On the station kiosk that imports (handover_in): each handed-over application's progress
 * upstream (upload token and confirmed offset, then the receipt), so an import cut by a
 * pulled stick or a killed process resumes, and one imported before is not sent again. */
#ifndef KIOSK_STORE_HANDOVER_H
#define KIOSK_STORE_HANDOVER_H

#include "kiosk/store/store.h"

/* --- the mobile kiosk --------------------------------------------------------------- */
/* The ids of every application waiting to go (pending outbox rows, due or not), oldest
 * first: *ids gets n consecutive APP_ID_SIZE strings (caller frees). 0 or a store_err. */
int store_outbox_pending_ids(struct store *st, char **ids, long *n);
/* Marks n applications as handed over in bundle (one transaction with the audit row
 * "bundle.export", detail "<bundle> <n>"); a second hand-over of one keeps the newest bundle
 * and counts the times. */
int store_handover_mark(struct store *st, const char *ids, long n, const char *bundle,
                        int64_t now_ms);
/* Applications handed over and not yet confirmed by this kiosk's own sync. */
int store_handover_unconfirmed(struct store *st, long *count);
/* 1 when application id was handed over (bundle named, may be NULL), 0 when not, < 0 error. */
int store_handover_of(struct store *st, const char *id, char bundle[80]);

/* An application waiting to go (pending outbox row), for the waiting banner. */
struct store_waiting {
    char id[APP_ID_SIZE];
    char short_no[APP_SHORT_NO_SIZE];
    int64_t since_ms;  /* queued (created when never marked queued) */
    char bundle[80];   /* the bundle it was handed over in, "" when not handed over */
    int64_t handed_at; /* when, 0 when not */
};
/* Each application waiting to go, oldest first, to cb (a non-zero return stops: 0). */
int store_waiting_each(struct store *st, int (*cb)(const struct store_waiting *w, void *arg),
                       void *arg);

/* --- the station kiosk that imports ----------------------------------------------------- */
enum handin_state { HANDIN_NEW = 0, HANDIN_PENDING, HANDIN_DONE, HANDIN_FAILED };
struct store_handin {
    enum handin_state state; /* HANDIN_NEW: never seen here */
    char digest[65];
    char upload_token[128];
    int64_t upload_offset;
};
/* The import's record of application id (HANDIN_NEW when none). 0 or a store_err. */
int store_handin_get(struct store *st, const char *id, struct store_handin *out);
/* The upstream's answer recorded for id: its state, the receipt (done) or the error (failed),
 * each "" when none. 0 (HANDIN_NEW when never seen) or a store_err. */
int store_handin_result(struct store *st, const char *id, enum handin_state *state, char *receipt,
                        size_t receipt_size, char *error, size_t error_size);
/* Records the upload token and confirmed offset of a handed-over application (made when
 * first seen). A delivery that completes in one request records only its receipt. */
int store_handin_progress(struct store *st, const char *id, const char *digest, const char *origin,
                          const char *bundle, const char *token, int64_t offset, int64_t now_ms);
/* The upstream's receipt is in: done, audited ("bundle.delivered", the application's id), in
 * one transaction (made when first seen). */
int store_handin_done(struct store *st, const char *id, const char *digest, const char *origin,
                      const char *bundle, const char *receipt, int64_t now_ms);
/* Refused for good (409: the upstream holds the id with other bytes): audited. */
int store_handin_fail(struct store *st, const char *id, const char *digest, const char *origin,
                      const char *bundle, const char *error, int64_t now_ms);
/* How many of origin's applications are in state (origin NULL: every kiosk). */
int store_handin_count(struct store *st, const char *origin, enum handin_state state, long *count);

#endif
