/* sync_corrections.c: phone corrections upstream (sync_corrections.h).
 *
 * Exactly once: a correction's id is its Idempotency-Key and its document never changes, so
 * a POST repeated after a lost answer gets the same receipt, and only that receipt closes the
 * correction in the store. */
#include "sync/sync_corrections.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/model/timefmt.h"
#include "kiosk/store/store_phonefix.h"

char *sync_proto_correction(const char *id, const char *app_id, const char *phone,
                            const char *reason, const char *officer, const char *approver,
                            int64_t at_ms)
{
    json_t *j = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:I}", "id", id, "application", app_id,
                          "kind", "phone", "phone", phone, "reason", reason, "officer", officer,
                          "approver", approver, "at", (json_int_t)at_ms);
    char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;
    json_decref(j);
    return s;
}

int sync_proto_correction_answer(const char *text, size_t len, const char *id)
{
    json_error_t e;
    json_t *j = json_loadb(text, len, JSON_REJECT_DUPLICATES, &e);
    const char *state = NULL, *got = NULL;
    int rc = j && json_is_object(j) &&
                     json_unpack(j, "{s:s,s:s}", "state", &state, "id", &got) == 0 &&
                     strcmp(state, "received") == 0 && strcmp(got, id) == 0
                 ? 0
                 : -1;
    json_decref(j);
    return rc;
}

static int64_t retry_at(const struct config *cfg, const struct sync_opts *o, int attempts)
{
    int64_t d = o->backoff_base_ms > 0 ? o->backoff_base_ms : 2000;
    int64_t cap = (int64_t)cfg->sync_backoff_max_seconds * 1000;
    for (int i = 0; i < attempts && d < cap; i++)
        d *= 2;
    return time_now_ms() + (d < cap ? d : cap);
}

static void first_error(char *err, size_t errlen, const char *what)
{
    if (err[0] == '\0')
        snprintf(err, errlen, "phone correction: %s", what);
}

int sync_corrections_deliver(const struct config *cfg, const struct sync_opts *o, struct store *st,
                             struct sync_http *h, int *reached, char *err, size_t errlen)
{
    for (int n = 0; n < 1000; n++) {
        struct phonefix f;
        int rc = store_phonefix_next(st, time_now_ms(), &f);
        if (rc == STORE_ENOTFOUND)
            return 0;
        if (rc) {
            first_error(err, errlen, store_strerror(rc));
            return SYNC_ESTORE;
        }
        char *body = sync_proto_correction(f.id, f.app_id, f.new_phone, f.reason, f.officer,
                                           f.approver, f.created_at);
        if (!body)
            return SYNC_ENOMEM;
        struct sync_http_req req = {.method = "POST",
                                    .path = "/v1/corrections",
                                    .idempotency = f.id,
                                    .upload_offset = -1,
                                    .content_type = "application/json",
                                    .body = body,
                                    .body_len = strlen(body)};
        long status = 0;
        const char *reply = NULL;
        size_t len = 0;
        rc = sync_http_send(h, &req, &status, &reply, &len);
        free(body);
        if (rc != 0) {
            first_error(err, errlen, sync_http_error(h));
            store_phonefix_retry(st, f.id, retry_at(cfg, o, f.attempts), sync_strerror(rc));
            return rc;
        }
        *reached = 1;
        if ((status == 200 || status == 201) &&
            sync_proto_correction_answer(reply, len, f.id) == 0) {
            if ((rc = store_phonefix_done(st, f.id, time_now_ms())) != 0) {
                first_error(err, errlen, store_strerror(rc));
                return SYNC_ESTORE;
            }
            continue;
        }
        if (status == 400 || status == 404 || status == 409) {
            char why[64];
            snprintf(why, sizeof why, "refused by the upstream (HTTP %ld)", status);
            if ((rc = store_phonefix_fail(st, f.id, why, time_now_ms())) != 0) {
                first_error(err, errlen, store_strerror(rc));
                return SYNC_ESTORE;
            }
            first_error(err, errlen, why);
            continue;
        }
        /* 5xx or an answer we cannot read: the link's trouble, try later; another 4xx: this
         * correction alone waits */
        int transient = status >= 500 || status < 400 || status == 429;
        store_phonefix_retry(st, f.id, retry_at(cfg, o, f.attempts),
                             transient ? "upstream unavailable" : "refused, will retry");
        if (transient) {
            first_error(err, errlen, "upstream unavailable or unreadable answer");
            return SYNC_ESERVER;
        }
    }
    return 0;
}
