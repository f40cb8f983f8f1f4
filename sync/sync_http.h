/* sync_http.h: the HTTPS transport of the sync client (libcurl, internal to sync/).
 *
 * One handle = one libcurl easy handle reused for every request, so the connection stays
 * open between requests (keep-alive; HTTP/2 when the server offers it by ALPN). Mutual TLS
 * with the kiosk's certificate and key; the upstream's CA file is the only trust anchor
 * (the system store is replaced, not extended). Every request names the station and the
 * kiosk (X-Kiosk-Station, X-Kiosk-Id) and carries the audit head (X-Audit-Head). Every
 * libcurl option is checked when set: a build that lacks one (HTTP/2, the TLS context hook
 * that pins the CA) is refused at open, never silently weaker. A handle is used by one
 * thread at a time. */
#ifndef SYNC_SYNC_HTTP_H
#define SYNC_SYNC_HTTP_H

#include <stddef.h>

#include "kiosk/config/config.h"
#include "sync/sync.h"

#define SYNC_HTTP_MAX_REPLY (1024 * 1024) /* a larger answer is cut off and refused */

struct sync_http;

/* 0, SYNC_ECONFIG (no URL or certificate paths) or SYNC_ENOMEM. */
int sync_http_open(const struct config *cfg, const struct sync_opts *opts, struct sync_http **out);
void sync_http_close(struct sync_http *h);

struct sync_http_req {
    const char *method;       /* "GET", "POST", "PATCH" */
    const char *path;         /* "/v1/...", appended to upstream_url */
    const char *idempotency;  /* Idempotency-Key, or NULL */
    long long upload_offset;  /* Upload-Offset, or -1 */
    const char *content_type; /* or NULL */
    const void *body;         /* not copied; valid for the call */
    size_t body_len;
    size_t envelope_length; /* Envelope-Length (payload inline after it), 0 = none */
};

/* Sends one request. 0 when an HTTP answer arrived whole (any status: *status, and the body
 * in *reply / *reply_len, NUL-terminated, owned by h, valid until the next request);
 * SYNC_EOFFLINE when the link failed, SYNC_ETLS for certificate trouble, SYNC_ESERVER for a
 * body over SYNC_HTTP_MAX_REPLY, SYNC_ENOMEM. sync_http_error() then says why in words. */
int sync_http_send(struct sync_http *h, const struct sync_http_req *req, long *status,
                   const char **reply, size_t *reply_len);
const char *sync_http_error(const struct sync_http *h);
/* While *flag (read atomically) is non-zero, a transfer in flight ends at once with
 * SYNC_EOFFLINE ("aborted"). flag must outlive h. */
void sync_http_set_abort(struct sync_http *h, const int *flag);
/* The flag set by sync_http_set_abort (NULL when none): handles opened for uploads in
 * parallel share it. */
const int *sync_http_abort_flag(const struct sync_http *h);
/* Retry-After of the last answer, in ms (0 when it had none): the upstream asks the kiosk
 * to wait at least that long before its next attempt (503, 429). */
long long sync_http_retry_after_ms(const struct sync_http *h);
/* The X-Audit-Head header ("<seq>:<hash>") sent with every request from now on. */
void sync_http_set_audit_head(struct sync_http *h, const char *head);
/* The Date of the last answer that had one (ms UTC, 1 s resolution) and the boot clock
 * (sysclock_boot_ms) when it came: the upstream's time, which the kiosk trusts
 * (kiosk/store/store_clock.h). 0, or -1 when no answer carried a Date. */
int sync_http_date(const struct sync_http *h, int64_t *date_ms, int64_t *at_mono_ms);
/* The HTTP version of the last answer: 11, 20 (0 when none). */
int sync_http_version(const struct sync_http *h);

#endif
