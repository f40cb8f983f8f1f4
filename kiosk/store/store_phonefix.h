/* store_phonefix.h: corrections of a citizen's phone number after the application left the
 * counter (the seeds: "công dân bị sai, trùng số điện thoại" go to the commune police).
 *
 * A correction names a submitted, processing or approved application, the new number, the
 * reason and the Lãnh đạo đơn vị who approved it (never the officer who asks). Adding one
 * is one transaction: the correction, the application's contact record (the personal data
 * and the phone index now carry the new number), a history note and the audit row. It is
 * then delivered upstream as its own message (sync/PROTOCOL.md §5) from this outbox, exactly
 * once: its id is the idempotency key, and only the upstream's receipt closes it. */
#ifndef KIOSK_STORE_PHONEFIX_H
#define KIOSK_STORE_PHONEFIX_H

#include "kiosk/store/store.h"

enum phonefix_state { PHONEFIX_PENDING = 0, PHONEFIX_DELIVERED, PHONEFIX_FAILED };

struct phonefix {
    char id[APP_ID_SIZE]; /* UUIDv7, the idempotency key upstream */
    char app_id[APP_ID_SIZE];
    char old_phone[11];
    char new_phone[11];
    char reason[256];
    char officer[APP_OFFICER_SIZE];
    char approver[APP_OFFICER_SIZE];
    int64_t created_at;
    enum phonefix_state state;
    int attempts;
    int64_t delivered_at;
    char last_error[160];
};

/* Records a correction (see above). new_phone in any spelling val_phone accepts; reason
 * non-empty. STORE_EINVAL for a bad number, an empty reason, an application in another
 * status or the same number; STORE_EROLE when approver is no supervisor or is the officer.
 * id_out gets the correction's id. */
int store_phonefix_add(struct store *st, const char *app_id, const char *new_phone,
                       const char *reason, const char *officer, const char *approver,
                       int64_t now_ms, char id_out[APP_ID_SIZE]);
/* The oldest pending correction due at now_ms; STORE_ENOTFOUND when none. */
int store_phonefix_next(struct store *st, int64_t now_ms, struct phonefix *out);
/* The upstream's receipt: delivered, audited. */
int store_phonefix_done(struct store *st, const char *id, int64_t now_ms);
/* A failed attempt: retry not before next_ms. */
int store_phonefix_retry(struct store *st, const char *id, int64_t next_ms, const char *error);
/* A refusal retrying cannot fix: failed, with a notice to the officer. */
int store_phonefix_fail(struct store *st, const char *id, const char *error, int64_t now_ms);
/* "pending", "delivered", "failed". */
const char *phonefix_state_name(enum phonefix_state s);
/* The corrections of one application, oldest first (up to max); the count or < 0. */
int store_phonefix_list(struct store *st, const char *app_id, struct phonefix *out, int max);
/* Corrections not yet delivered. */
int store_phonefix_pending(struct store *st, long *count);

#endif
