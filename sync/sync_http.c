/* sync_http.c: libcurl transport for the sync client (see sync_http.h).
 *
 * Trust: CURLOPT_CAINFO names the pinned CA, and the OpenSSL context hook replaces the
 * certificate store with one that holds that CA alone, so a server certificate from any
 * other CA (the system's included) fails verification. Peer and host name are verified.
 * Timeouts: connect within connect_timeout_ms; a transfer slower than 1 byte/s for
 * stall_seconds is dropped (a stalled server, a dead 3G link); no overall limit, so a large
 * payload on a slow link is not cut for being slow. */
#include "sync/sync_http.h"

#include <curl/curl.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>

#include "kiosk/base/sysclock.h"

struct sync_http {
    CURL *curl;
    char base[CONFIG_PATH_SIZE];
    char ca[CONFIG_PATH_SIZE];
    char station_hdr[64], kiosk_hdr[64], audit_hdr[128];
    char *reply;
    size_t len, cap;
    int overflow;
    char err[CURL_ERROR_SIZE + 64];
    int version;
    long long retry_after_ms;
    const int *abort_flag;
    int64_t date_ms, date_mono_ms; /* the last answer's Date, and when it came (boot clock) */
};

static int on_progress(void *arg, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                       curl_off_t ulnow)
{
    (void)dltotal;
    (void)dlnow;
    (void)ultotal;
    (void)ulnow;
    const struct sync_http *h = arg;
    return h->abort_flag && __atomic_load_n(h->abort_flag, __ATOMIC_ACQUIRE) ? 1 : 0;
}

void sync_http_set_abort(struct sync_http *h, const int *flag)
{
    h->abort_flag = flag;
}

const int *sync_http_abort_flag(const struct sync_http *h)
{
    return h->abort_flag;
}

long long sync_http_retry_after_ms(const struct sync_http *h)
{
    return h->retry_after_ms;
}

static size_t on_data(char *ptr, size_t size, size_t n, void *arg)
{
    struct sync_http *h = arg;
    size_t add = size * n;
    if (h->len + add > SYNC_HTTP_MAX_REPLY) {
        h->overflow = 1;
        return 0; /* aborts the transfer */
    }
    if (h->len + add + 1 > h->cap) {
        size_t cap = (h->len + add + 1) * 2;
        char *b = realloc(h->reply, cap);
        if (!b)
            return 0;
        h->reply = b;
        h->cap = cap;
    }
    memcpy(h->reply + h->len, ptr, add);
    h->len += add;
    h->reply[h->len] = '\0';
    return add;
}

/* Replaces the context's trust store with the pinned CA only. */
static CURLcode pin_ca(CURL *curl, void *sslctx, void *arg)
{
    (void)curl;
    struct sync_http *h = arg;
    X509_STORE *store = X509_STORE_new();
    if (!store)
        return CURLE_OUT_OF_MEMORY;
    if (X509_STORE_load_file(store, h->ca) != 1) {
        X509_STORE_free(store);
        return CURLE_SSL_CACERT_BADFILE;
    }
    SSL_CTX_set_cert_store((SSL_CTX *)sslctx, store); /* the context owns it now */
    return CURLE_OK;
}

int sync_http_open(const struct config *cfg, const struct sync_opts *o, struct sync_http **out)
{
    *out = NULL;
    if (!cfg->upstream_url[0] || !cfg->upstream_ca[0] || !cfg->client_cert[0] ||
        !cfg->client_key[0])
        return SYNC_ECONFIG;
    struct sync_http *h = calloc(1, sizeof *h);
    if (!h)
        return SYNC_ENOMEM;
    h->curl = curl_easy_init();
    if (!h->curl) {
        free(h);
        return SYNC_ENOMEM;
    }
    snprintf(h->base, sizeof h->base, "%s", cfg->upstream_url);
    size_t bl = strlen(h->base);
    while (bl > 0 && h->base[bl - 1] == '/')
        h->base[--bl] = '\0';
    snprintf(h->ca, sizeof h->ca, "%s", cfg->upstream_ca);
    snprintf(h->station_hdr, sizeof h->station_hdr, "X-Kiosk-Station: %s", cfg->station_code);
    snprintf(h->kiosk_hdr, sizeof h->kiosk_hdr, "X-Kiosk-Id: %s", cfg->kiosk_id);
    CURL *c = h->curl;
    /* every option checked: pinning and TLS settings must not depend silently on the build */
    CURLcode e = CURLE_OK;
#define SET(opt, val)                                                                              \
    do {                                                                                           \
        if (e == CURLE_OK && (e = curl_easy_setopt(c, opt, val)) != CURLE_OK)                      \
            snprintf(h->err, sizeof h->err, "libcurl option %s: %s", #opt, curl_easy_strerror(e)); \
    } while (0)
    SET(CURLOPT_NOSIGNAL, 1L);
    SET(CURLOPT_ERRORBUFFER, h->err);
    SET(CURLOPT_PROTOCOLS_STR, "https");
    SET(CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
    SET(CURLOPT_SSL_VERIFYPEER, 1L);
    SET(CURLOPT_SSL_VERIFYHOST, 2L);
    SET(CURLOPT_CAINFO, h->ca);
    SET(CURLOPT_SSL_CTX_FUNCTION, pin_ca);
    SET(CURLOPT_SSL_CTX_DATA, h);
    SET(CURLOPT_SSLCERT, cfg->client_cert);
    SET(CURLOPT_SSLKEY, cfg->client_key);
    SET(CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2);
    SET(CURLOPT_TCP_KEEPALIVE, 1L);
    SET(CURLOPT_CONNECTTIMEOUT_MS, o->connect_timeout_ms);
    SET(CURLOPT_LOW_SPEED_LIMIT, 1L);
    SET(CURLOPT_LOW_SPEED_TIME, o->stall_seconds);
    if (o->max_send_rate > 0)
        SET(CURLOPT_MAX_SEND_SPEED_LARGE, (curl_off_t)o->max_send_rate);
    SET(CURLOPT_WRITEFUNCTION, on_data);
    SET(CURLOPT_WRITEDATA, h);
    SET(CURLOPT_FOLLOWLOCATION, 0L);
    SET(CURLOPT_XFERINFOFUNCTION, on_progress);
    SET(CURLOPT_XFERINFODATA, h);
    SET(CURLOPT_NOPROGRESS, 0L);
#undef SET
    if (e != CURLE_OK) {
        fprintf(stderr, "sync: %s\n", h->err);
        curl_easy_cleanup(h->curl);
        free(h);
        return e == CURLE_OUT_OF_MEMORY ? SYNC_ENOMEM : SYNC_ETLS;
    }
    *out = h;
    return 0;
}

void sync_http_close(struct sync_http *h)
{
    if (!h)
        return;
    curl_easy_cleanup(h->curl);
    free(h->reply);
    free(h);
}

const char *sync_http_error(const struct sync_http *h)
{
    return h->err;
}

void sync_http_set_audit_head(struct sync_http *h, const char *head)
{
    snprintf(h->audit_hdr, sizeof h->audit_hdr, "X-Audit-Head: %s", head);
}

int sync_http_version(const struct sync_http *h)
{
    return h->version;
}

/* What a libcurl failure means for the caller. */
static int classify(CURLcode rc)
{
    switch (rc) {
    case CURLE_OUT_OF_MEMORY:
        return SYNC_ENOMEM;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_CRL_BADFILE:
        return SYNC_ETLS;
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
        return SYNC_ECONFIG;
    default: /* refused, reset, timed out, cut mid-body, TLS handshake dropped... */
        return SYNC_EOFFLINE;
    }
}

int sync_http_send(struct sync_http *h, const struct sync_http_req *req, long *status,
                   const char **reply, size_t *reply_len)
{
    *status = 0;
    *reply = "";
    *reply_len = 0;
    h->len = 0;
    h->overflow = 0;
    h->err[0] = '\0';
    h->version = 0;
    h->retry_after_ms = 0;
    if (h->reply)
        h->reply[0] = '\0';
    char url[CONFIG_PATH_SIZE + 256];
    snprintf(url, sizeof url, "%s%s", h->base, req->path);
    char idem[200], off[64], ctype[128], envlen[64];
    struct curl_slist *hdrs = NULL, *t;
    int rc = SYNC_ENOMEM;
#define ADD_HDR(s)                                                                                 \
    do {                                                                                           \
        if (!(t = curl_slist_append(hdrs, (s))))                                                   \
            goto out;                                                                              \
        hdrs = t;                                                                                  \
    } while (0)
    ADD_HDR(h->station_hdr);
    ADD_HDR(h->kiosk_hdr);
    if (h->audit_hdr[0])
        ADD_HDR(h->audit_hdr);
    ADD_HDR("Expect:"); /* no 100-continue round trip: the server reads what we send */
    ADD_HDR("Accept: application/json");
    if (req->idempotency) {
        snprintf(idem, sizeof idem, "Idempotency-Key: %s", req->idempotency);
        ADD_HDR(idem);
    }
    if (req->upload_offset >= 0) {
        snprintf(off, sizeof off, "Upload-Offset: %lld", req->upload_offset);
        ADD_HDR(off);
    }
    if (req->envelope_length > 0) {
        snprintf(envlen, sizeof envlen, "Envelope-Length: %zu", req->envelope_length);
        ADD_HDR(envlen);
    }
    if (req->content_type) {
        snprintf(ctype, sizeof ctype, "Content-Type: %s", req->content_type);
        ADD_HDR(ctype);
    }
#undef ADD_HDR
    CURL *c = h->curl;
    CURLcode cr = curl_easy_setopt(c, CURLOPT_URL, url);
    if (cr == CURLE_OK)
        cr = curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
    if (strcmp(req->method, "GET") == 0) {
        if (cr == CURLE_OK)
            cr = curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, NULL);
        if (cr == CURLE_OK)
            cr = curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    } else {
        /* POSTFIELDS does not copy: the body stays the caller's for the call */
        if (cr == CURLE_OK)
            cr = curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)req->body_len);
        if (cr == CURLE_OK)
            cr = curl_easy_setopt(c, CURLOPT_POSTFIELDS, req->body_len ? req->body : "");
        if (cr == CURLE_OK)
            cr = curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST,
                                  strcmp(req->method, "POST") == 0 ? NULL : req->method);
    }
    if (cr != CURLE_OK) {
        snprintf(h->err, sizeof h->err, "libcurl: %s", curl_easy_strerror(cr));
        rc = cr == CURLE_OUT_OF_MEMORY ? SYNC_ENOMEM : SYNC_ECONFIG;
        goto out;
    }
    cr = curl_easy_perform(c);
    /* the list is freed below: libcurl must not keep it for the next request */
    CURLcode hr = curl_easy_setopt(c, CURLOPT_HTTPHEADER, NULL);
    if (cr == CURLE_OK && hr != CURLE_OK)
        cr = hr;
    if (cr != CURLE_OK) {
        if (h->overflow) {
            snprintf(h->err, sizeof h->err, "answer larger than %d bytes", SYNC_HTTP_MAX_REPLY);
            rc = SYNC_ESERVER;
        } else {
            if (!h->err[0])
                snprintf(h->err, sizeof h->err, "%s", curl_easy_strerror(cr));
            rc = classify(cr);
        }
        goto out;
    }
    long code = 0, ver = 0;
    curl_off_t retry_after = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
    /* seconds, or an HTTP date turned into seconds from now by libcurl */
    if (curl_easy_getinfo(c, CURLINFO_RETRY_AFTER, &retry_after) == CURLE_OK && retry_after > 0)
        h->retry_after_ms = (long long)(retry_after > 86400 ? 86400 : retry_after) * 1000;
    curl_easy_getinfo(c, CURLINFO_HTTP_VERSION, &ver);
    h->version = ver == CURL_HTTP_VERSION_2_0 ? 20 : ver == CURL_HTTP_VERSION_1_1 ? 11 : 10;
    struct curl_header *date = NULL;
    if (curl_easy_header(c, "Date", 0, CURLH_HEADER, -1, &date) == CURLHE_OK && date) {
        time_t when = curl_getdate(date->value, NULL);
        if (when > 0) {
            h->date_ms = (int64_t)when * 1000;
            h->date_mono_ms = sysclock_boot_ms();
        }
    }
    *status = code;
    *reply = h->reply ? h->reply : "";
    *reply_len = h->len;
    rc = 0;
out:
    curl_slist_free_all(hdrs);
    return rc;
}

int sync_http_date(const struct sync_http *h, int64_t *date_ms, int64_t *at_mono_ms)
{
    if (!h->date_ms)
        return -1;
    *date_ms = h->date_ms;
    *at_mono_ms = h->date_mono_ms;
    return 0;
}
