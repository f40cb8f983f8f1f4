/* sync.c: the sync pass, the sync thread and `kiosk sync` (see sync.h, PROTOCOL.md).
 *
 * Delivery of one application (deliver_one), driven by what the store remembers (token,
 * confirmed offset) and what the server answers; one function per arrow out of a state:
 * upload_post (no token), upload_patch (token), upload_received (received):
 *
 * (the POST carries a payload up to inline_max with it, so the usual application is one
 *  request: queued → submitted; uploading is set only when it spans requests)
 *
 *   no token ──POST /v1/applications──▶ awaiting(token, offset) ──store_outbox_progress──┐
 *       │                     │                                                           │
 *       │                     └─▶ received(receipt) ──store_outbox_done──▶ submitted      │
 *       │                     └─▶ 409 conflict ──store_outbox_fail──▶ failed (notice)     │
 *       ▼                                                                                 ▼
 *   token ──PATCH /v1/uploads/<token> @offset──▶ awaiting(offset') ──progress──▶ PATCH again
 *                          │                 └─▶ received ──done──▶ submitted
 *                          ├─▶ 409 offset_mismatch(offset') ──progress──▶ PATCH from offset'
 *                          ├─▶ 404 unknown upload ──progress("", 0)──▶ POST again
 *                          └─▶ 422 bad payload ──offset 0──▶ PATCH from 0 (once per pass)
 *
 * Any other answer or a broken link ends the attempt: transient failures (link, 5xx,
 * garbage) end the whole pass, because the next application would meet the same link;
 * a refusal of this application alone (other 4xx) puts it back with its own backoff.
 * Nothing is marked submitted without a receipt naming this id, so a receipt lost on the way
 * (cut, garbage, kill) is asked for again: the server answers a repeated POST or PATCH of a
 * received application with the same receipt (idempotency), never with a second copy.
 *
 * Status pull: pages of changes since the stored cursor, each applied if it moves the
 * application forward (repeats and stale news are skipped, so a page replayed after a crash
 * changes nothing). A change for an application whose receipt the store has not recorded yet
 * (lost on the way) is kept aside (sync.deferred.<id>) and applied once the receipt is in,
 * so the cursor never waits on one application (one refused for good included). */
#include "sync/sync.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "kiosk/base/sysclock.h"
#include "kiosk/model/timefmt.h"
#include "kiosk/store/store_clock.h"
#include "kiosk/store/store_handover.h"
#include "sync/sync_corrections.h"
#include "sync/sync_http.h"
#include "sync/sync_proto.h"

#define SYNC_KV_CURSOR       "sync.cursor"
#define SYNC_KV_LAST_SUCCESS "sync.last_success_ms"
#define SYNC_KV_LAST_ERROR   "sync.last_error"
#define SYNC_KV_DEFERRED     "sync.deferred." /* + application id */
#define SYNC_STATUS_PAGE     200              /* changes asked for per GET */
#define SYNC_MAX_PAGES       50               /* status pages per pass at most */
#define SYNC_MAX_ROUNDS      64               /* requests for one application per attempt at most */
#define SYNC_ACTOR           "upstream"

const char *sync_strerror(int err)
{
    switch (err) {
    case SYNC_OK:
        return "ok";
    case SYNC_EOFFLINE:
        return "cannot reach the upstream";
    case SYNC_ESERVER:
        return "the upstream is failing";
    case SYNC_ETLS:
        return "certificate problem with the upstream";
    case SYNC_EAUTH:
        return "the upstream refused this kiosk's certificate";
    case SYNC_ECONFLICT:
        return "the upstream holds this application with other data";
    case SYNC_EREFUSED:
        return "the upstream refused the application";
    case SYNC_ESTORE:
        return "local storage error";
    case SYNC_ECONFIG:
        return "sync is not configured";
    case SYNC_EBUSY:
        return "another sync is running";
    case SYNC_ENOMEM:
        return "out of memory";
    case SYNC_EAUDIT:
        return "the upstream refused this kiosk's audit trail: it went backwards";
    case SYNC_ESOURCE:
        return "the hand-over bundle could not be read (stick pulled?)";
    default:
        return "unknown sync error";
    }
}

int sync_err_is_transient(int err)
{
    return err == SYNC_EOFFLINE || err == SYNC_ESERVER || err == SYNC_EBUSY;
}

void sync_opts_default(struct sync_opts *o)
{
    memset(o, 0, sizeof *o);
    o->connect_timeout_ms = 15000;
    o->stall_seconds = 30;
    o->chunk_bytes = 1024 * 1024;
    o->inline_max = 256 * 1024;
    o->backoff_base_ms = 2000;
    o->parallel = 4;
    o->link_retries = 1;
    o->outage_ms = 60000;
}

/* Full-jitter exponential backoff: uniform in [0, d], d = base·2^n capped at max_ms. Kiosks
 * that lost the upstream together spread their retries over the whole window instead of
 * coming back in step (bench/bench_sync_fleet.c). */
static int64_t backoff_ms(long base_ms, int n, int64_t max_ms)
{
    int64_t d = base_ms > 0 ? base_ms : 1;
    for (int i = 0; i < n && d < max_ms; i++)
        d *= 2;
    if (d > max_ms)
        d = max_ms;
    return (int64_t)randombytes_uniform((uint32_t)(d >= UINT32_MAX ? UINT32_MAX - 1 : d) + 1);
}

/* The wait the upstream asked for (Retry-After), with up to a quarter more at random so
 * that the kiosks it turned away do not all return at the same second. */
static int64_t retry_after_wait(long long retry_after_ms)
{
    if (retry_after_ms <= 0)
        return 0;
    int64_t spread = retry_after_ms / 4;
    return retry_after_ms +
           (spread > 0 ? (int64_t)randombytes_uniform(
                             (uint32_t)(spread > UINT32_MAX - 1 ? UINT32_MAX - 1 : spread))
                       : 0);
}

/* --- one pass -------------------------------------------------------------------------- */

/* What the uploads of one pass share when several run at once: the store (one connection,
 * used by one thread at a time under mu) and the claims of the applications in flight. */
struct deliver_shared {
    pthread_mutex_t mu;
    struct outbox_claims claims;
    long handed; /* applications handed out, for max_items */
    int stop;    /* the link or the server failed, or the store: hand out no more */
    int rc;      /* the first error that ends the pass */
};

struct pass {
    const struct config *cfg;
    const struct sync_opts *o;
    struct store *st;
    struct sync_http *h;
    struct deliver_shared *sh; /* while delivering; NULL otherwise */
    int reached;               /* some HTTP answer arrived */
    long long retry_after_ms;  /* the longest Retry-After of a 503 or 429 */
    const char *audit_head;    /* X-Audit-Head of the pass, for connections opened in it */
    char audit_head_buf[100];  /* where pass_open keeps it */
    long delivered;
    char err[160];                 /* the first error, in words */
    char seq_ok[SYNC_CURSOR_SIZE]; /* status pull: cursor after the last change applied */
    int pull_stop;                 /* status pull: stopped on a store error */
};

static void pass_error(struct pass *p, int code, const char *detail)
{
    if (p->err[0])
        return;
    snprintf(p->err, sizeof p->err, "%s%s%s", sync_strerror(code), detail && *detail ? ": " : "",
             detail ? detail : "");
}

/* What an HTTP status that is not the expected answer means. */
static int status_error(long status)
{
    if (status == 403 || status == 401)
        return SYNC_EAUTH;
    if (status == 409)
        return SYNC_ECONFLICT;
    if (status >= 500 || status == 429 || status < 200)
        return SYNC_ESERVER;
    if (status >= 400)
        return SYNC_EREFUSED;
    return SYNC_ESERVER; /* a 2xx or 3xx we cannot read */
}

static int send_req(struct pass *p, const struct sync_http_req *req, long *status,
                    const char **reply, size_t *len)
{
    int rc = sync_http_send(p->h, req, status, reply, len);
    if (rc == 0) {
        p->reached = 1;
        long long ra = sync_http_retry_after_ms(p->h);
        if ((*status == 503 || *status == 429) && ra > p->retry_after_ms)
            p->retry_after_ms = ra;
    } else
        pass_error(p, rc, sync_http_error(p->h));
    /* a refused audit head ends the pass whatever the request was (PROTOCOL.md §1) */
    if (rc == 0 && *status == 409 && strstr(*reply, "\"audit_rollback\"")) {
        pass_error(p, SYNC_EAUDIT, NULL);
        rc = SYNC_EAUDIT;
    }
    return rc;
}

static int apply_deferred(struct pass *p, const char *id);

/* One application to deliver and where its progress is recorded: the kiosk's own outbox
 * (deliver_all), or the import record of an application another kiosk of the station handed
 * over on a USB stick (sync_deliver_handed). */
struct delivery {
    const char *id;
    const char *envelope_json; /* the document is built from it, unless doc is given */
    const char *doc;           /* the document exactly as the kiosk that made it sends it */
    size_t doc_len;
    const unsigned char *payload;
    size_t payload_len;
    const char *digest;
    const char *token; /* the stored upload token and confirmed offset */
    int64_t offset;
    int no_inline; /* handed over: the upstream likely has it, so the POST goes without the
                      payload (one small request fetches the receipt) */
    int (*begin)(struct pass *p, const struct delivery *d);
    int (*progress)(struct pass *p, const struct delivery *d, const char *token, int64_t off);
    int (*done)(struct pass *p, const struct delivery *d, const char *receipt);
    const char *origin, *bundle; /* handed over: the kiosk that made it, the bundle's name */
};

/* The store is one connection: uploads in parallel take turns at it. */
static void store_lock(struct pass *p)
{
    if (p->sh)
        pthread_mutex_lock(&p->sh->mu);
}

static void store_unlock(struct pass *p)
{
    if (p->sh)
        pthread_mutex_unlock(&p->sh->mu);
}

/* queued → uploading, once per attempt, when the upload takes more than the one request
 * that usually delivers an application whole: that request takes it from queued straight
 * to submitted (one durable write instead of two; the store rewrites the whole row, sealed
 * payload included, on every status change). */
static int mark_uploading(struct pass *p, const struct delivery *d, int *begun)
{
    if (*begun)
        return 0;
    if (d->begin && d->begin(p, d) != 0) {
        pass_error(p, SYNC_ESTORE, "cannot mark the application uploading");
        return SYNC_ESTORE;
    }
    *begun = 1;
    return 0;
}

static int outbox_begin(struct pass *p, const struct delivery *d)
{
    store_lock(p);
    int rc = store_outbox_begin(p->st, d->id, time_now_ms());
    store_unlock(p);
    return rc;
}

static int outbox_progress(struct pass *p, const struct delivery *d, const char *token, int64_t off)
{
    store_lock(p);
    int rc = store_outbox_progress(p->st, d->id, token, off);
    store_unlock(p);
    return rc;
}

static int outbox_done(struct pass *p, const struct delivery *d, const char *receipt)
{
    store_lock(p);
    int rc = store_outbox_done(p->st, d->id, receipt, time_now_ms()) != 0
                 ? SYNC_ESTORE
                 : apply_deferred(p, d->id);
    store_unlock(p);
    return rc;
}

/* Where one delivery stands between requests (the diagram at the top of this file). */
struct upload {
    char token[SYNC_TOKEN_SIZE]; /* "" until the server gave one (no token) */
    int64_t off;                 /* the offset the server confirmed */
    int bad_payloads;            /* 422 answers this pass (one restart from zero allowed) */
    int begun;                   /* marked uploading in the store */
    char *doc;                   /* the document (and an inline payload), built once */
    size_t doc_body_len, doc_env_len;
    struct sync_answer ans; /* the last answer, its receipt once received */
};

/* What a request led to: ask again (the upload goes on) or the receipt is in. */
enum upload_step { UPLOAD_AGAIN, UPLOAD_RECEIVED };

/* The document, then a small payload whole: one request delivers the usual application
 * (PROTOCOL.md, inline payload). */
static int upload_build_doc(struct pass *p, const struct delivery *it, struct upload *u)
{
    if (u->doc)
        return 0;
    char *d = it->doc ? NULL
                      : sync_proto_application(it->id, p->cfg->station_code, p->cfg->kiosk_id,
                                               it->envelope_json, it->digest, it->payload_len);
    const char *src = it->doc ? it->doc : d;
    size_t doc_len = it->doc ? it->doc_len : d ? strlen(d) : 0;
    size_t inl = !it->no_inline && it->payload_len <= (size_t)p->o->chunk_bytes &&
                         it->payload_len <= (size_t)p->o->inline_max
                     ? it->payload_len
                     : 0;
    /* not realloc: a moved block would leave the envelope unwiped behind */
    u->doc = src ? malloc(doc_len + inl + 1) : NULL;
    if (src && u->doc)
        memcpy(u->doc, src, doc_len);
    if (d) {
        sodium_memzero(d, doc_len);
        free(d);
    }
    if (!u->doc) {
        pass_error(p, SYNC_ENOMEM, NULL);
        return SYNC_ENOMEM;
    }
    memcpy(u->doc + doc_len, it->payload, inl);
    u->doc_body_len = doc_len + inl;
    u->doc_env_len = doc_len;
    return 0;
}

/* no token ──POST /v1/applications──▶ received, awaiting(token, offset), or a refusal. */
static int upload_post(struct pass *p, const struct delivery *it, struct upload *u,
                       enum upload_step *step)
{
    long status = 0;
    const char *reply;
    size_t len;
    int rc;
    if ((rc = upload_build_doc(p, it, u)) != 0)
        return rc;
    struct sync_http_req req = {.method = "POST",
                                .path = "/v1/applications",
                                .idempotency = it->id,
                                .upload_offset = -1,
                                .content_type = "application/vnd.kiosk.application",
                                .body = u->doc,
                                .body_len = u->doc_body_len,
                                .envelope_length = u->doc_env_len};
    if ((rc = send_req(p, &req, &status, &reply, &len)) != 0)
        return rc;
    if ((status == 200 || status == 201) && sync_proto_answer(reply, len, it->id, &u->ans) == 0 &&
        u->ans.kind == SYNC_ANS_RECEIVED) {
        *step = UPLOAD_RECEIVED;
        return 0;
    }
    if ((status == 200 || status == 201) && u->ans.kind == SYNC_ANS_AWAITING && u->ans.token[0] &&
        u->ans.offset <= (int64_t)it->payload_len) {
        snprintf(u->token, sizeof u->token, "%s", u->ans.token);
        u->off = u->ans.offset;
        if (mark_uploading(p, it, &u->begun) != 0 || it->progress(p, it, u->token, u->off) != 0) {
            pass_error(p, SYNC_ESTORE, "cannot record the upload token");
            return SYNC_ESTORE;
        }
        *step = UPLOAD_AGAIN;
        return 0;
    }
    rc = status_error(status);
    pass_error(p, rc, status == 409 ? "" : "unexpected answer to the application");
    return rc;
}

/* The offset the server's answer to a PATCH sends the upload on from, or -1: awaiting(offset'),
 * 409 offset_mismatch(offset'), 404 unknown upload (POST again: token cleared), 422 bad payload
 * (from 0, once per pass). */
static int64_t upload_next_offset(struct upload *u, long status, int parsed)
{
    const struct sync_answer *ans = &u->ans;
    if (status == 200 && parsed && ans->kind == SYNC_ANS_AWAITING)
        return ans->offset;
    if (status == 409 && parsed && ans->kind == SYNC_ANS_ERROR &&
        strcmp(ans->error, "offset_mismatch") == 0)
        return ans->offset;
    if (status == 404 && parsed && ans->kind == SYNC_ANS_ERROR &&
        strcmp(ans->error, "unknown_upload") == 0) {
        u->token[0] = '\0'; /* the server forgot the upload: announce it again */
        return 0;
    }
    if (status == 422 && parsed && ans->kind == SYNC_ANS_ERROR && u->bad_payloads++ == 0)
        return 0; /* the server dropped what it had: once more from zero */
    return -1;
}

/* token ──PATCH /v1/uploads/<token> @offset──▶ received, or the offset to go on from. */
static int upload_patch(struct pass *p, const struct delivery *it, struct upload *u,
                        enum upload_step *step)
{
    long status = 0;
    const char *reply;
    size_t len;
    int rc;
    if ((rc = mark_uploading(p, it, &u->begun)) != 0)
        return rc;
    size_t n = it->payload_len - (size_t)u->off;
    if (n > (size_t)p->o->chunk_bytes)
        n = (size_t)p->o->chunk_bytes;
    char path[40 + SYNC_TOKEN_SIZE];
    snprintf(path, sizeof path, "/v1/uploads/%s", u->token);
    struct sync_http_req req = {.method = "PATCH",
                                .path = path,
                                .upload_offset = u->off,
                                .content_type = "application/offset+octet-stream",
                                .body = it->payload + u->off,
                                .body_len = n};
    if ((rc = send_req(p, &req, &status, &reply, &len)) != 0)
        return rc;
    int parsed = sync_proto_answer(reply, len, it->id, &u->ans) == 0;
    if (status == 200 && parsed && u->ans.kind == SYNC_ANS_RECEIVED) {
        *step = UPLOAD_RECEIVED;
        return 0;
    }
    int64_t next = upload_next_offset(u, status, parsed);
    if (next < 0 || next > (int64_t)it->payload_len) {
        rc = status == 409 ? SYNC_ESERVER : status_error(status);
        if (status == 422)
            rc = SYNC_EREFUSED;
        pass_error(p, rc, "unexpected answer to the upload");
        return rc;
    }
    u->off = next;
    if (it->progress(p, it, u->token, u->off) != 0) {
        pass_error(p, SYNC_ESTORE, "cannot record the upload offset");
        return SYNC_ESTORE;
    }
    *step = UPLOAD_AGAIN;
    return 0;
}

/* received(receipt) ──store_outbox_done──▶ submitted, if the receipt is for these bytes. */
static int upload_received(struct pass *p, const struct delivery *it, const struct upload *u)
{
    if (strcmp(u->ans.digest, it->digest) != 0) {
        /* the server holds other bytes under this id: as bad as a 409 */
        pass_error(p, SYNC_ECONFLICT, "");
        return SYNC_ECONFLICT;
    }
    if (it->done(p, it, u->ans.receipt) != 0) {
        pass_error(p, SYNC_ESTORE, "cannot record the receipt");
        return SYNC_ESTORE;
    }
    p->delivered++;
    return 0;
}

static int deliver_one(struct pass *p, const struct delivery *it)
{
    struct upload u = {.off = it->offset};
    int rc = 0;
    snprintf(u.token, sizeof u.token, "%s", it->token ? it->token : "");
    if (u.off < 0 || (size_t)u.off > it->payload_len)
        u.off = 0;
    for (int round = 0;; round++) {
        enum upload_step step = UPLOAD_AGAIN;
        if (round == SYNC_MAX_ROUNDS) {
            pass_error(p, SYNC_ESERVER, "the upload does not progress");
            rc = SYNC_ESERVER;
            break;
        }
        rc = u.token[0] ? upload_patch(p, it, &u, &step) : upload_post(p, it, &u, &step);
        if (rc != 0)
            break;
        if (step == UPLOAD_RECEIVED) {
            rc = upload_received(p, it, &u);
            break;
        }
    }
    if (u.doc) { /* the envelope inside holds personal data */
        sodium_memzero(u.doc, u.doc_body_len);
        free(u.doc);
    }
    return rc;
}

/* One upload after another on p's connection, each application handed out once by the
 * shared claims, until none is due, the pass's limit is reached or a failure of the link,
 * the server or the store stops them all. Runs on up to sync_opts.parallel threads. */
static void deliver_loop(struct pass *p)
{
    struct deliver_shared *sh = p->sh;
    for (;;) {
        struct outbox_item it;
        int64_t now = time_now_ms();
        pthread_mutex_lock(&sh->mu);
        if (sh->stop || (p->o->max_items != 0 && sh->handed >= p->o->max_items)) {
            pthread_mutex_unlock(&sh->mu);
            break;
        }
        int src = store_outbox_claim(p->st, &sh->claims, now, &it);
        if (src == 0)
            sh->handed++;
        pthread_mutex_unlock(&sh->mu);
        if (src == STORE_ENOTFOUND || src == STORE_EBUSY)
            break;
        if (src != 0) {
            pass_error(p, SYNC_ESTORE, store_strerror(src));
            pthread_mutex_lock(&sh->mu);
            sh->stop = 1;
            if (!sh->rc || sh->rc == SYNC_ECONFLICT || sh->rc == SYNC_EREFUSED)
                sh->rc = SYNC_ESTORE;
            pthread_mutex_unlock(&sh->mu);
            break;
        }
        char first[sizeof p->err], why[sizeof p->err];
        memcpy(first, p->err, sizeof first);
        p->err[0] = '\0';
        struct delivery d = {.id = it.id,
                             .envelope_json = it.envelope_json,
                             .payload = it.payload,
                             .payload_len = it.payload_len,
                             .digest = it.digest,
                             .token = it.upload_token,
                             .offset = it.upload_offset,
                             .no_inline = it.handed_over,
                             .begin = outbox_begin,
                             .progress = outbox_progress,
                             .done = outbox_done};
        int drc = deliver_one(p, &d);
        /* a reset on a link that was answering: once more at once, on a new connection
         * (every request is idempotent: the server says where the upload stands) */
        for (int retry = 0; drc == SYNC_EOFFLINE && p->reached && retry < p->o->link_retries &&
                            !(sync_http_abort_flag(p->h) &&
                              __atomic_load_n(sync_http_abort_flag(p->h), __ATOMIC_ACQUIRE));
             retry++) {
            p->err[0] = '\0';
            drc = deliver_one(p, &d);
        }
        snprintf(why, sizeof why, "%s", p->err[0] ? p->err : sync_strerror(drc));
        if (first[0])
            memcpy(p->err, first, sizeof first);
        pthread_mutex_lock(&sh->mu);
        if (drc == SYNC_ECONFLICT) {
            /* retrying cannot fix it: the store closes the row and raises a notice */
            if (store_outbox_fail(p->st, it.id, why, now) != 0)
                drc = SYNC_ESTORE;
        } else if (drc == SYNC_EREFUSED) {
            int64_t max = (int64_t)p->cfg->sync_backoff_max_seconds * 1000;
            store_outbox_retry(p->st, it.id,
                               now + backoff_ms(p->o->backoff_base_ms, it.attempts, max), why);
        } else if (drc != 0 && drc != SYNC_ESTORE) {
            /* the link or the server, not this application: due again at once, the
             * pass backs off as a whole */
            store_outbox_retry(p->st, it.id, now, why);
        }
        store_outbox_release(&sh->claims, it.id);
        if (drc != 0 && drc != SYNC_ECONFLICT && drc != SYNC_EREFUSED) {
            sh->stop = 1;
            if (!sh->rc || sh->rc == SYNC_ECONFLICT || sh->rc == SYNC_EREFUSED)
                sh->rc = drc;
        } else if (drc != 0 && !sh->rc) {
            sh->rc = drc;
        }
        int stop = sh->stop;
        pthread_mutex_unlock(&sh->mu);
        outbox_item_wipe(&it);
        if (stop)
            break;
    }
}

struct worker {
    pthread_t thread;
    struct pass p;
};

static void *worker_main(void *arg)
{
    deliver_loop(&((struct worker *)arg)->p);
    return NULL;
}

/* The connections of a pass: [0] the pass's own, the others opened when first needed for
 * uploads in parallel and kept by their owner (the sync thread keeps them between passes,
 * so their TLS sessions stay open). */
struct sync_pool {
    struct sync_http *h[SYNC_PARALLEL_MAX];
};

static int deliver_all(struct pass *p, struct sync_pool *pool)
{
    struct deliver_shared sh = {.rc = 0};
    struct worker w[SYNC_PARALLEL_MAX];
    int n = p->o->parallel < 1                   ? 1
            : p->o->parallel > SYNC_PARALLEL_MAX ? SYNC_PARALLEL_MAX
                                                 : p->o->parallel;
    long due = 0;
    if (n > 1 && store_outbox_due(p->st, time_now_ms(), &due) == 0 && due < n)
        n = due < 1 ? 1 : (int)due;
    if (p->o->max_items > 0 && n > p->o->max_items)
        n = p->o->max_items;
    pthread_mutex_init(&sh.mu, NULL);
    int started = 0;
    for (int i = 1; i < n; i++) {
        if (!pool->h[i] && sync_http_open(p->cfg, p->o, &pool->h[i]) != 0) {
            pool->h[i] = NULL;
            break;
        }
        sync_http_set_abort(pool->h[i], sync_http_abort_flag(pool->h[0]));
        sync_http_set_audit_head(pool->h[i], p->audit_head);
        w[i].p = *p;
        w[i].p.h = pool->h[i];
        w[i].p.sh = &sh;
        w[i].p.err[0] = '\0';
        w[i].p.delivered = 0;
        w[i].p.reached = 0;
        w[i].p.retry_after_ms = 0;
        if (pthread_create(&w[i].thread, NULL, worker_main, &w[i]) != 0)
            break;
        started = i;
    }
    p->sh = &sh;
    deliver_loop(p);
    for (int i = 1; i <= started; i++) {
        pthread_join(w[i].thread, NULL);
        p->reached |= w[i].p.reached;
        p->delivered += w[i].p.delivered;
        if (w[i].p.retry_after_ms > p->retry_after_ms)
            p->retry_after_ms = w[i].p.retry_after_ms;
        if (!p->err[0] && w[i].p.err[0])
            memcpy(p->err, w[i].p.err, sizeof p->err);
    }
    p->sh = NULL;
    pthread_mutex_destroy(&sh.mu);
    return sh.rc;
}

/* The application's status now. store_load() decrypts the envelope, which a purged
 * application no longer has: then the last entry of its history says it. */
static int current_status(struct store *st, const char *id, enum app_status *out)
{
    struct application app;
    int rc = store_load(st, id, &app);
    *out = app.status;
    app_wipe(&app);
    if (rc == 0)
        return rc;
    /* a purged application loads as not found: its history still knows it */
    enum { HMAX = 512 };
    struct store_history *h = calloc(HMAX, sizeof *h);
    if (!h)
        return STORE_ENOMEM;
    int n = store_history(st, id, h, HMAX);
    if (n > 0 && n < HMAX) {
        *out = h[n - 1].status;
        rc = 0;
    } else {
        rc = n == 0 ? STORE_ENOTFOUND : n < 0 ? n : STORE_ECORRUPT;
    }
    free(h);
    return rc;
}

/* Moves application id to status (from the upstream) if that moves it forward; a rejection
 * raises the officer's notice. An application whose receipt this kiosk has not recorded yet
 * (lost on the way) keeps the news under sync.deferred.<id> until it has (apply_deferred).
 * 0 or SYNC_ESTORE. */
static int apply_status(struct pass *p, const char *id, enum app_status status, const char *code,
                        const char *reason)
{
    enum app_status cur;
    char key[32 + APP_ID_SIZE];
    int rc = current_status(p->st, id, &cur);
    if (rc == STORE_ENOTFOUND)
        return 0; /* another kiosk's application at this station */
    if (rc != 0)
        goto fail;
    if (cur == APP_QUEUED || cur == APP_UPLOADING) {
        if (status == APP_SUBMITTED)
            return 0; /* the receipt itself will say so */
        char v[8 + 32 + 256];
        snprintf(key, sizeof key, "%s%s", SYNC_KV_DEFERRED, id);
        snprintf(v, sizeof v, "%d\t%s\t%s", (int)status, code, reason);
        if ((rc = store_kv_set(p->st, key, v)) != 0)
            goto fail;
        return 0;
    }
    if (cur == status || !app_status_allowed(cur, status))
        return 0; /* a repeat, or older news than what we have */
    int64_t now = time_now_ms();
    if (status == APP_REJECTED) {
        /* the notice first: replayed after a crash it may repeat, but is never lost */
        char text[256 + 40];
        snprintf(text, sizeof text, "%s%s%s", code, code[0] ? ": " : "", reason);
        text[255] = '\0';
        if ((rc = store_notice_add(p->st, id, "rejected", text, now)) != 0)
            goto fail;
    }
    rc = store_set_status(p->st, id, status, code[0] ? code : NULL, reason[0] ? reason : NULL,
                          SYNC_ACTOR, now);
    if (rc != 0 && rc != STORE_EINVAL)
        goto fail;
    return 0;
fail:
    pass_error(p, SYNC_ESTORE, store_strerror(rc));
    return SYNC_ESTORE;
}

/* After a receipt: the status news kept for this application, if any. */
static int apply_deferred(struct pass *p, const char *id)
{
    char key[32 + APP_ID_SIZE], v[8 + 32 + 256];
    snprintf(key, sizeof key, "%s%s", SYNC_KV_DEFERRED, id);
    if (store_kv_get(p->st, key, v, sizeof v) != 0 || !v[0])
        return 0;
    char *code = strchr(v, '\t');
    char *reason = code ? strchr(code + 1, '\t') : NULL;
    int status = atoi(v);
    if (code && reason && status > APP_SUBMITTED && status < APP_STATUS_COUNT) {
        *code++ = '\0';
        *reason++ = '\0';
        if (apply_status(p, id, (enum app_status)status, code, reason) != 0)
            return SYNC_ESTORE;
    }
    return store_kv_set(p->st, key, "") == 0 ? 0 : SYNC_ESTORE;
}

static int apply_change(const struct sync_change *c, void *arg)
{
    struct pass *p = arg;
    if (apply_status(p, c->id, c->status, c->reason_code, c->reason) != 0) {
        p->pull_stop = SYNC_ESTORE;
        return 1;
    }
    snprintf(p->seq_ok, sizeof p->seq_ok, "%s", c->seq);
    return 0;
}

static int pull_status(struct pass *p)
{
    char cursor[SYNC_CURSOR_SIZE] = "";
    if (store_kv_get(p->st, SYNC_KV_CURSOR, cursor, sizeof cursor) != 0)
        cursor[0] = '\0';
    for (int page = 0; page < SYNC_MAX_PAGES; page++) {
        char path[128];
        long status;
        const char *reply;
        size_t len;
        snprintf(path, sizeof path, "/v1/status?since=%s&limit=%d", cursor, SYNC_STATUS_PAGE);
        struct sync_http_req req = {.method = "GET", .path = path, .upload_offset = -1};
        int rc = send_req(p, &req, &status, &reply, &len);
        if (rc != 0)
            return rc;
        char next[SYNC_CURSOR_SIZE];
        int more = 0;
        p->seq_ok[0] = '\0';
        p->pull_stop = 0;
        int prc = status == 200 ? sync_proto_status(reply, len, apply_change, p, next, &more) : -1;
        if (prc < 0) {
            rc = status == 200 ? SYNC_ESERVER : status_error(status);
            pass_error(p, rc, "unreadable status answer");
            return rc;
        }
        const char *save = prc == 0 ? next : p->seq_ok;
        if (save[0] && strcmp(save, cursor) != 0) {
            if (store_kv_set(p->st, SYNC_KV_CURSOR, save) != 0) {
                pass_error(p, SYNC_ESTORE, "cannot save the status cursor");
                return SYNC_ESTORE;
            }
            snprintf(cursor, sizeof cursor, "%s", save);
        }
        if (prc == 1)
            return p->pull_stop == SYNC_ESTORE ? SYNC_ESTORE : 0;
        if (!more)
            break;
    }
    return 0;
}

/* Holds <data_dir>/sync.lock for the pass: one pass at a time per data directory. */
static int lock_dir(const struct config *cfg, int *fd)
{
    char path[CONFIG_PATH_SIZE + 16];
    snprintf(path, sizeof path, "%s/sync.lock", cfg->data_dir);
    *fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (*fd < 0)
        return SYNC_ESTORE;
    if (flock(*fd, LOCK_EX | LOCK_NB) != 0) {
        close(*fd);
        *fd = -1;
        return errno == EWOULDBLOCK ? SYNC_EBUSY : SYNC_ESTORE;
    }
    return 0;
}

static void fill_status(struct store *st, int reached, struct sync_status *out)
{
    char v[160] = "";
    memset(out, 0, sizeof *out);
    out->online = reached;
    store_outbox_pending(st, &out->pending);
    if (store_kv_get(st, SYNC_KV_LAST_SUCCESS, v, sizeof v) == 0)
        out->last_success_ms = strtoll(v, NULL, 10);
    if (store_kv_get(st, SYNC_KV_LAST_ERROR, v, sizeof v) == 0)
        snprintf(out->last_error, sizeof out->last_error, "%s", v);
}

/* Takes the data directory's lock and sets the audit head every request of the pass
 * carries, anchored first (PROTOCOL.md §1); a trail that no longer reaches its last anchor
 * still sends its real head, so that the upstream sees it went backwards. 0 with *lock
 * held, or the error (recorded in p). */
static int pass_open(struct pass *p, int *lock)
{
    int rc = lock_dir(p->cfg, lock);
    if (rc != 0) {
        pass_error(p, rc, NULL);
        return rc;
    }
    long long aseq;
    char ahash[65];
    if (store_audit_anchor(p->st, &aseq, ahash) != 0 &&
        store_audit_head(p->st, &aseq, ahash) != 0) {
        pass_error(p, SYNC_ESTORE, "cannot read the audit head");
        close(*lock);
        *lock = -1;
        return SYNC_ESTORE;
    }
    snprintf(p->audit_head_buf, sizeof p->audit_head_buf, "%lld:%s", aseq, ahash);
    sync_http_set_audit_head(p->h, p->audit_head_buf);
    p->audit_head = p->audit_head_buf;
    return 0;
}

/* One pass; pull = 0 leaves the status pull to a later pass (the sync thread's ramp-up after
 * an outage keeps the pulls on their own schedule while it paces the backlog). */
static int run_pass(const struct config *cfg, const struct sync_opts *o, struct store *st,
                    struct sync_pool *pool, int pull, struct sync_status *out)
{
    struct sync_http *h = pool->h[0];
    struct pass p = {.cfg = cfg, .o = o, .st = st, .h = h};
    int lock = -1;
    int rc = pass_open(&p, &lock);
    if (rc != 0)
        goto report;
    rc = deliver_all(&p, pool);
    if (rc == 0 || rc == SYNC_ECONFLICT || rc == SYNC_EREFUSED) {
        int crc = sync_corrections_deliver(cfg, o, st, h, &p.reached, p.err, sizeof p.err);
        if (rc == 0)
            rc = crc;
    }
    if (pull && (rc == 0 || rc == SYNC_ECONFLICT || rc == SYNC_EREFUSED)) {
        int prc = pull_status(&p);
        if (rc == 0)
            rc = prc;
    }
    long purged = 0;
    if (cfg->retention_days >= 0 && store_purge(st, time_now_ms(), cfg->retention_days, &purged))
        pass_error(&p, SYNC_ESTORE, "cannot purge expired data");
    close(lock);
report:;
    char v[32];
    /* the upstream's time, as its last answer gave it, is a trusted time (clockcheck.h) */
    int64_t date_ms, date_mono;
    if (p.reached && sync_http_date(h, &date_ms, &date_mono) == 0) {
        char boot[40];
        sysclock_boot_id(boot);
        int64_t mono = sysclock_boot_ms();
        store_clock_trust(st, date_ms + (mono - date_mono), mono, boot, "upstream", NULL);
    }
    if (p.reached && !sync_err_is_transient(rc) && rc != SYNC_EAUTH && rc != SYNC_ETLS) {
        snprintf(v, sizeof v, "%lld", (long long)time_now_ms());
        store_kv_set(st, SYNC_KV_LAST_SUCCESS, v);
    }
    if (rc != SYNC_EBUSY)
        store_kv_set(st, SYNC_KV_LAST_ERROR, p.err);
    if (out)
        fill_status(st, p.reached, out);
    if (out && rc == SYNC_EBUSY)
        snprintf(out->last_error, sizeof out->last_error, "%s", p.err);
    if (out) {
        out->delivered = p.delivered;
        out->last_code = rc;
        out->retry_after_ms = p.retry_after_ms;
    }
    return rc;
}

static void pool_close(struct sync_pool *pool)
{
    for (int i = 0; i < SYNC_PARALLEL_MAX; i++) {
        sync_http_close(pool->h[i]);
        pool->h[i] = NULL;
    }
}

int sync_once_opts(const struct config *cfg, const struct sync_opts *o, struct store *st,
                   struct sync_status *out)
{
    struct sync_pool pool = {{NULL}};
    int rc = sync_http_open(cfg, o, &pool.h[0]);
    if (rc != 0) {
        if (out) {
            fill_status(st, 0, out);
            snprintf(out->last_error, sizeof out->last_error, "%s", sync_strerror(rc));
        }
        return rc;
    }
    rc = run_pass(cfg, o, st, &pool, 1, out);
    pool_close(&pool);
    return rc;
}

/* --- applications handed over by USB stick ------------------------------------------- */

static int handin_progress(struct pass *p, const struct delivery *d, const char *token, int64_t off)
{
    return store_handin_progress(p->st, d->id, d->digest, d->origin, d->bundle, token, off,
                                 time_now_ms());
}

static int handin_done(struct pass *p, const struct delivery *d, const char *receipt)
{
    return store_handin_done(p->st, d->id, d->digest, d->origin, d->bundle, receipt, time_now_ms());
}

/* One handed-over application: skipped when this kiosk has its receipt already, else
 * delivered from where the import record stands. */
static int handed_one(struct pass *p, const char *origin, const char *bundle,
                      const struct sync_handed *it, struct sync_handed_report *rep)
{
    struct store_handin rec;
    int64_t now = time_now_ms();
    if (store_handin_get(p->st, it->id, &rec) != 0) {
        pass_error(p, SYNC_ESTORE, "cannot read the import record");
        return SYNC_ESTORE;
    }
    if (rec.state == HANDIN_DONE) {
        rep->already++;
        return 0;
    }
    if (rec.state == HANDIN_FAILED) {
        rep->failed++;
        return 0;
    }
    if (rec.state == HANDIN_PENDING && strcmp(rec.digest, it->digest) != 0) {
        /* the same id with other bytes than an earlier bundle: never sent as is */
        rep->failed++;
        return store_handin_fail(p->st, it->id, it->digest, origin, bundle,
                                 "another payload than an earlier bundle", now) == 0
                   ? 0
                   : SYNC_ESTORE;
    }
    struct delivery d = {.id = it->id,
                         .doc = it->doc,
                         .doc_len = it->doc_len,
                         .payload = it->payload,
                         .payload_len = it->payload_len,
                         .digest = it->digest,
                         .token = rec.upload_token,
                         .offset = rec.upload_offset,
                         .progress = handin_progress,
                         .done = handin_done,
                         .origin = origin,
                         .bundle = bundle};
    long before = p->delivered;
    char first[sizeof p->err];
    memcpy(first, p->err, sizeof first);
    p->err[0] = '\0';
    int rc = deliver_one(p, &d);
    char why[sizeof p->err];
    snprintf(why, sizeof why, "%s", p->err[0] ? p->err : sync_strerror(rc));
    if (first[0])
        memcpy(p->err, first, sizeof first);
    if (p->delivered > before)
        rep->delivered++;
    if (rc == SYNC_ECONFLICT) {
        rep->failed++;
        return store_handin_fail(p->st, it->id, it->digest, origin, bundle, why, now) == 0
                   ? 0
                   : SYNC_ESTORE;
    }
    if (rc == SYNC_EREFUSED) {
        rep->refused++; /* stays pending: the next import tries it again */
        return 0;
    }
    return rc;
}

int sync_deliver_handed(const struct config *cfg, const struct sync_opts *o, struct store *st,
                        const char *origin, const char *bundle,
                        int (*next)(void *arg, struct sync_handed *it), void *arg,
                        struct sync_handed_report *rep, char *err, size_t errlen)
{
    struct sync_http *h = NULL;
    struct sync_handed_report r = {0};
    int lock = -1;
    int rc = sync_http_open(cfg, o, &h);
    struct pass p = {.cfg = cfg, .o = o, .st = st, .h = h};
    if (rc != 0) {
        pass_error(&p, rc, NULL);
        goto out;
    }
    if ((rc = pass_open(&p, &lock)) != 0)
        goto out;
    for (;;) {
        struct sync_handed it;
        memset(&it, 0, sizeof it);
        int n = next(arg, &it);
        if (n == 0)
            break;
        if (n < 0) {
            rc = SYNC_ESOURCE;
            pass_error(&p, rc, NULL);
            break;
        }
        r.seen++;
        if ((rc = handed_one(&p, origin, bundle, &it, &r)) != 0)
            break;
    }
    if (lock >= 0)
        close(lock);
out:
    sync_http_close(h);
    if (rep)
        *rep = r;
    if (err && errlen)
        snprintf(err, errlen, "%s", p.err);
    return rc;
}

int sync_once(const struct config *cfg, struct store *st, struct sync_status *out)
{
    struct sync_opts o;
    sync_opts_default(&o);
    return sync_once_opts(cfg, &o, st, out);
}

/* --- the thread ------------------------------------------------------------------------ */

/* How often an idle sync thread looks for newly queued applications (one COUNT query). */
#define SYNC_IDLE_POLL_MS 2000

struct sync {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int kicked, stopping;
    const struct config *cfg;
    struct sync_opts opts;
    struct seal_keys keys;
    void (*notify)(const struct sync_status *, void *);
    void *arg;
};

/* Waits up to ms or until kicked/stopped. Returns 1 when stopping, 2 when kicked, else 0. */
static int nap(struct sync *s, int64_t ms)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    ts.tv_sec += (time_t)(ms / 1000);
    ts.tv_nsec += (long)(ms % 1000) * 1000000;
    if (ts.tv_nsec >= 1000000000) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000;
    }
    pthread_mutex_lock(&s->mu);
    while (!s->kicked && !s->stopping)
        if (pthread_cond_timedwait(&s->cv, &s->mu, &ts) == ETIMEDOUT)
            break;
    int kicked = s->kicked;
    s->kicked = 0;
    int stop = s->stopping;
    pthread_mutex_unlock(&s->mu);
    return stop ? 1 : kicked ? 2 : 0;
}

/* Waits ms whatever kicks come (a paced pass is not hurried by newly queued applications).
 * Returns 1 when stopping, else 0. */
static int nap_through(struct sync *s, int64_t ms)
{
    int64_t end = time_mono_ms() + ms;
    for (int64_t left = ms; left > 0; left = end - time_mono_ms())
        if (nap(s, left) == 1)
            return 1;
    return 0;
}

/* The ramp-up after an outage (sync/README.md, "Coming back after an outage"). A kiosk
 * whose passes failed for at least sync_opts.outage_ms comes back gently: one upload in
 * flight and one application per pass, the passes paced sync_recovery_pace_seconds apart
 * (with jitter) for sync_recovery_seconds after the first pass that got through, the status
 * pulls kept on their own schedule (one per sync interval). A fleet that lost the upstream
 * together then returns its backlogs spread over that window instead of in one burst per
 * kiosk; after it, the configured parallelism. */
struct recovery {
    int64_t down_since; /* monotonic ms: the first failed pass of the streak, 0 = none */
    int64_t until;      /* monotonic ms: the ramp-up ends */
    int64_t last_pull;  /* monotonic ms: the last pass that pulled statuses, 0 = none */
};

static int recovery_on(const struct recovery *r, const struct sync *s, int64_t now)
{
    if (s->cfg->sync_recovery_seconds <= 0)
        return 0;
    return now < r->until || (r->down_since && now - r->down_since >= s->opts.outage_ms);
}

/* After a pass started at `started`: a failure of the link or the server extends the
 * streak, unless the pass delivered something first (a lossy link or a fault now and then
 * is no outage); a pass that got through ends it, and starts the ramp-up if it was an
 * outage. */
static void recovery_after_pass(struct recovery *r, const struct sync *s, int64_t started, int rc,
                                const struct sync_status *st)
{
    if ((rc == SYNC_EOFFLINE || rc == SYNC_ESERVER) && st->delivered == 0) {
        if (!r->down_since)
            r->down_since = started;
        return;
    }
    if (!st->online)
        return;
    if (r->down_since && started - r->down_since >= s->opts.outage_ms)
        r->until = time_mono_ms() + (int64_t)s->cfg->sync_recovery_seconds * 1000;
    r->down_since = 0;
}

/* The pace between two passes of the ramp-up: uniform in [pace/2, 3·pace/2]. */
static int64_t recovery_pace_ms(const struct sync *s)
{
    int64_t pace =
        (int64_t)(s->cfg->sync_recovery_pace_seconds > 0 ? s->cfg->sync_recovery_pace_seconds : 1) *
        1000;
    return pace / 2 + (int64_t)randombytes_uniform((uint32_t)pace + 1);
}

static void *sync_main(void *arg)
{
    struct sync *s = arg;
    struct store *st = NULL;
    struct sync_pool pool = {{NULL}};
    struct recovery rec = {0};
    int fails = 0;
    int64_t max_ms =
        (int64_t)(s->cfg->sync_backoff_max_seconds > 0 ? s->cfg->sync_backoff_max_seconds : 600) *
        1000;
    int64_t interval =
        (int64_t)(s->cfg->sync_interval_seconds > 0 ? s->cfg->sync_interval_seconds : 30) * 1000;
    for (;;) {
        struct sync_status status;
        int rc;
        int64_t started = time_mono_ms();
        int ramp = recovery_on(&rec, s, started);
        memset(&status, 0, sizeof status);
        if (!st && (rc = store_open(s->cfg->data_dir, &s->keys, &st)) != 0) {
            st = NULL;
            snprintf(status.last_error, sizeof status.last_error, "%s: %s",
                     sync_strerror(SYNC_ESTORE), store_strerror(rc));
            rc = SYNC_ESTORE;
        } else if (!pool.h[0] && (rc = sync_http_open(s->cfg, &s->opts, &pool.h[0])) != 0) {
            pool.h[0] = NULL;
            fill_status(st, 0, &status);
            snprintf(status.last_error, sizeof status.last_error, "%s", sync_strerror(rc));
        } else {
            sync_http_set_abort(pool.h[0], &s->stopping);
            struct sync_opts o = s->opts;
            int pull = 1;
            if (ramp) {
                o.parallel = 1;
                if (o.max_items >= 0)
                    o.max_items = 1;
                pull = !rec.last_pull || started - rec.last_pull >= interval;
            }
            rc = run_pass(s->cfg, &o, st, &pool, pull, &status);
            if (pull && rc == 0)
                rec.last_pull = started;
            recovery_after_pass(&rec, s, started, rc, &status);
        }
        if (s->notify)
            s->notify(&status, s->arg);
        int64_t wait = interval;
        if (status.delivered > 0)
            fails = 0; /* the link works, if not always: start backing off afresh */
        if (rc != 0 && rc != SYNC_ECONFLICT && rc != SYNC_EREFUSED)
            wait = backoff_ms(s->opts.backoff_base_ms, fails++, max_ms);
        else
            fails = 0;
        /* the upstream said when to come back: not before (PROTOCOL.md §2.3) */
        int64_t asked = retry_after_wait(status.retry_after_ms);
        if (asked > wait)
            wait = asked;
        if (rc != 0 || !st) {
            if (nap(s, wait) == 1)
                break;
            continue;
        }
        /* ramping up after an outage with more due: the next one after the pace */
        long due = 0;
        if (recovery_on(&rec, s, time_mono_ms()) &&
            store_outbox_due(st, time_now_ms(), &due) == 0 && due > 0) {
            if (nap_through(s, recovery_pace_ms(s)) == 1)
                break;
            continue;
        }
        /* Idle after a clean pass: look at the outbox every SYNC_IDLE_POLL_MS, so that an
         * application queued by the UI leaves within seconds without the UI having to know
         * the sync thread (a kick still starts a pass at once). */
        int woke = 0;
        for (int64_t left = wait; left > 0 && !woke; left -= SYNC_IDLE_POLL_MS) {
            woke = nap(s, left < SYNC_IDLE_POLL_MS ? left : SYNC_IDLE_POLL_MS);
            /* due now: queued after the last pass looked (even while it was still reporting) */
            due = 0;
            if (!woke && store_outbox_due(st, time_now_ms(), &due) == 0 && due > 0)
                woke = 2;
        }
        if (woke == 1)
            break;
    }
    pool_close(&pool);
    if (st)
        store_close(st);
    return NULL;
}

struct sync *sync_start_opts(const struct config *cfg, const struct sync_opts *opts,
                             const struct seal_keys *keys,
                             void (*notify)(const struct sync_status *, void *), void *arg)
{
    struct sync *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->cfg = cfg;
    s->opts = *opts;
    s->keys = *keys;
    s->notify = notify;
    s->arg = arg;
    pthread_mutex_init(&s->mu, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&s->cv, &ca);
    pthread_condattr_destroy(&ca);
    if (pthread_create(&s->thread, NULL, sync_main, s) != 0) {
        pthread_cond_destroy(&s->cv);
        pthread_mutex_destroy(&s->mu);
        seal_keys_wipe(&s->keys);
        free(s);
        return NULL;
    }
    return s;
}

struct sync *sync_start(const struct config *cfg, const struct seal_keys *keys,
                        void (*notify)(const struct sync_status *, void *), void *arg)
{
    struct sync_opts o;
    sync_opts_default(&o);
    return sync_start_opts(cfg, &o, keys, notify, arg);
}

void sync_kick(struct sync *s)
{
    pthread_mutex_lock(&s->mu);
    s->kicked = 1;
    pthread_cond_signal(&s->cv);
    pthread_mutex_unlock(&s->mu);
}

void sync_stop(struct sync *s)
{
    if (!s)
        return;
    pthread_mutex_lock(&s->mu);
    __atomic_store_n(&s->stopping, 1, __ATOMIC_RELEASE);
    pthread_cond_signal(&s->cv);
    pthread_mutex_unlock(&s->mu);
    pthread_join(s->thread, NULL);
    pthread_cond_destroy(&s->cv);
    pthread_mutex_destroy(&s->mu);
    seal_keys_wipe(&s->keys);
    free(s);
}
