/* sync_corrections.h: delivers phone corrections (kiosk/store/store_phonefix.h) upstream as
 * their own message, POST /v1/corrections (sync/PROTOCOL.md §5). Internal to sync/. */
#ifndef SYNC_SYNC_CORRECTIONS_H
#define SYNC_SYNC_CORRECTIONS_H

#include "kiosk/config/config.h"
#include "kiosk/store/store.h"
#include "sync/sync.h"
#include "sync/sync_http.h"

/* The POST body of one correction; caller frees. NULL on allocation failure. */
char *sync_proto_correction(const char *id, const char *app_id, const char *phone,
                            const char *reason, const char *officer, const char *approver,
                            int64_t at_ms);
/* 0 when text is the upstream's receipt of correction id ({"state":"received","id":id}),
 * -1 otherwise. */
int sync_proto_correction_answer(const char *text, size_t len, const char *id);

/* Delivers every due correction, oldest first: the receipt closes it, a final refusal (400,
 * 404 unknown application, 409 conflict) fails it with a notice, anything else retries it
 * with a backoff. Returns 0, or the transient error (link, 5xx, garbage) that ended the
 * delivery; *reached is set when an answer arrived; err gets the first error in words. */
int sync_corrections_deliver(const struct config *cfg, const struct sync_opts *o, struct store *st,
                             struct sync_http *h, int *reached, char *err, size_t errlen);

#endif
