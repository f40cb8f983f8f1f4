/* sync.h: delivers queued applications to the upstream exactly once and pulls their status
 * back (protocol: sync/PROTOCOL.md).
 *
 * A pass: deliver every due application oldest first (resuming a cut upload where the server
 * says it stopped), pull status changes since the stored cursor (rejected → a notice for the
 * officer), purge what retention allows, then report. The kiosk runs passes on a thread of
 * its own (sync_start) with its own store connection; `kiosk sync --once` runs one in the
 * foreground (kiosk/cli/cli_sync.c).
 *
 * Guarantees: an application becomes `submitted` only with the server's receipt in hand; a
 * process killed at any point resumes on restart from what the store and the server agree
 * on; at most one upload of one application is in flight (one pass at a time per data
 * directory, held by a lock file; within a pass, up to sync_opts.parallel uploads of
 * different applications, each handed out once by the store's outbox claims). */
#ifndef SYNC_SYNC_H
#define SYNC_SYNC_H

#include <stdint.h>

#include "kiosk/config/config.h"
#include "kiosk/store/seal.h"
#include "kiosk/store/store.h"
#include "sync/sync_proto.h"

enum sync_err {
    SYNC_OK = 0,
    SYNC_EOFFLINE = -1,  /* upstream unreachable (refused, timed out, cut): retry with backoff */
    SYNC_ESERVER = -2,   /* upstream failed (5xx) or answered nonsense: retry with backoff */
    SYNC_ETLS = -3,      /* upstream certificate not from the pinned CA, or our certificate
                            or key unusable: fix the configuration, tell the supervisor */
    SYNC_EAUTH = -4,     /* upstream refused this kiosk's certificate (403): re-enrol it */
    SYNC_ECONFLICT = -5, /* upstream holds this id with another payload (409): not retried */
    SYNC_EREFUSED = -6,  /* upstream refused the request (other 4xx): retried later */
    SYNC_ESTORE = -7,    /* the local store failed: see the store's error */
    SYNC_ECONFIG = -8,   /* missing upstream URL, certificates or keys */
    SYNC_EBUSY = -9,     /* another pass holds the data directory: try later */
    SYNC_ENOMEM = -10,
    SYNC_EAUDIT = -11,  /* the upstream refused our audit head: the trail went backwards
                           (rows removed, or a store replaced); tell the supervisor */
    SYNC_ESOURCE = -12, /* a hand-over bundle could not be read any more (stick pulled) */
};
const char *sync_strerror(int err);
/* 1 when err says the link or the server is down (the pass stopped, back off). */
int sync_err_is_transient(int err);

struct sync_status {
    int online;               /* the last pass reached the upstream */
    long pending;             /* applications not yet delivered */
    int64_t last_success_ms;  /* end of the last pass that reached the upstream, 0 = never */
    char last_error[160];     /* plain words, "" after a clean pass */
    long delivered;           /* applications the last pass delivered */
    int last_code;            /* its enum sync_err, for the UI's own words (vi/en) */
    long long retry_after_ms; /* the upstream asked to wait this long (Retry-After), 0 = no */
};

/* Tuning that the configuration does not carry (tests and benchmarks shorten them). */
struct sync_opts {
    long connect_timeout_ms; /* default 15000 */
    long stall_seconds;      /* a transfer below 1 byte/s for this long is dropped; default 30 */
    long chunk_bytes;        /* bytes per PATCH; default 1 MiB */
    long inline_max;         /* a payload up to this size (and chunk_bytes) goes whole in the
                                POST; a larger one by PATCH only, so a POST repeated after a
                                kill never re-sends much; default 256 KiB */
    long backoff_base_ms;    /* first retry delay after a failure; default 2000 */
    long max_send_rate;      /* bytes/s the uploads may use, 0 = no limit (a shared link) */
    int max_items;           /* applications per pass at most; default 0 = no limit,
                                -1 = none (a pass that only pulls statuses) */
    int parallel;            /* uploads in flight at once, each on its own connection;
                                default 4, at most SYNC_PARALLEL_MAX; 1 = one at a time */
    int link_retries;        /* a connection lost in the middle of a pass that was getting
                                answers (a reset on a lossy link) is tried again at once this
                                many times per application before the pass ends; default 1 */
    long outage_ms;          /* the sync thread's passes failing (link or 5xx) this long is an
                                outage: it then ramps up (config sync_recovery_seconds);
                                default 60000 */
};
#define SYNC_PARALLEL_MAX 16
void sync_opts_default(struct sync_opts *o);

/* One pass in the caller's thread with the given store (which it does not close). Returns
 * 0 when everything due was delivered and the status pulled, else the first error that
 * stopped the pass; *out (may be NULL) is filled either way. */
int sync_once(const struct config *cfg, struct store *st, struct sync_status *out);
int sync_once_opts(const struct config *cfg, const struct sync_opts *opts, struct store *st,
                   struct sync_status *out);

struct sync;
/* Starts the sync thread: it opens its own store in cfg->data_dir with *keys (copied), runs a
 * pass at once, then every sync_interval_seconds, backing off with jitter (capped at
 * sync_backoff_max_seconds) while the upstream is unreachable, and ramping up after an
 * outage (one upload per pass, paced: sync_recovery_seconds, sync_recovery_pace_seconds;
 * sync/README.md). notify (may be NULL) is
 * called from the sync thread after every pass; it must not block (post an event).
 * cfg must outlive the sync. NULL on failure to start. Never blocks the caller. */
struct sync *sync_start(const struct config *cfg, const struct seal_keys *keys,
                        void (*notify)(const struct sync_status *, void *), void *arg);
struct sync *sync_start_opts(const struct config *cfg, const struct sync_opts *opts,
                             const struct seal_keys *keys,
                             void (*notify)(const struct sync_status *, void *), void *arg);
/* The link came back or an application was queued: run a pass now. Never blocks. */
void sync_kick(struct sync *s);
/* Ends the thread (an upload in flight is abandoned and resumes next time) and frees s. */
void sync_stop(struct sync *s);

/* --- applications another kiosk of this station handed over on a USB stick -------------
 * (kiosk/field/bundle.h reads and verifies the bundle; this delivers what it reads through
 * the same protocol, PROTOCOL.md §6). Each application's document goes exactly as the kiosk
 * that made it would send it, and its progress is recorded in this kiosk's store
 * (store_handover.h: handover_in), so an import cut anywhere resumes, and one delivered
 * before is skipped without a request. */
struct sync_handed {
    char id[APP_ID_SIZE];
    char digest[65]; /* SHA-256 of the payload, as the document announces it */
    const char *doc; /* the application document (sync_proto_application's bytes) */
    size_t doc_len;
    const unsigned char *payload; /* the sealed payload */
    size_t payload_len;
};
struct sync_handed_report {
    long seen;      /* applications read from the bundle */
    long delivered; /* the upstream's receipt came in during this import */
    long already;   /* this kiosk had the receipt from an earlier import: no request */
    long failed;    /* refused for good (another payload under the id): audited */
    long refused;   /* refused this time (other 4xx): the next import tries again */
};
/* next fills *it (its buffers stay the source's until the next call) and returns 1, 0 at
 * the end, or < 0 when the bundle cannot be read (the import stops: SYNC_ESOURCE). origin is
 * the kiosk that made them, bundle the bundle's name (both recorded). 0 when every item read
 * was dealt with; err (may be NULL) gets the first error in words. */
int sync_deliver_handed(const struct config *cfg, const struct sync_opts *o, struct store *st,
                        const char *origin, const char *bundle,
                        int (*next)(void *arg, struct sync_handed *it), void *arg,
                        struct sync_handed_report *rep, char *err, size_t errlen);

/* The sync client (with libcurl and its TLS stack) is the shared module kiosk-sync.so: the
 * kiosk program reaches these calls through sync_door.c, which loads it on the first one
 * (kiosk/base/module.h); tests and benchmarks link it directly. The module exports this table
 * as the symbol sync_module. */
#define SYNC_MODULE_ABI 3
struct sync_module {
    int abi; /* SYNC_MODULE_ABI */
    const char *(*strerror)(int err);
    void (*opts_default)(struct sync_opts *o);
    int (*once_opts)(const struct config *cfg, const struct sync_opts *opts, struct store *st,
                     struct sync_status *out);
    struct sync *(*start_opts)(const struct config *cfg, const struct sync_opts *opts,
                               const struct seal_keys *keys,
                               void (*notify)(const struct sync_status *, void *), void *arg);
    void (*stop)(struct sync *s);
    int (*deliver_handed)(const struct config *cfg, const struct sync_opts *o, struct store *st,
                          const char *origin, const char *bundle,
                          int (*next)(void *arg, struct sync_handed *it), void *arg,
                          struct sync_handed_report *rep, char *err, size_t errlen);
    char *(*proto_application)(const char *id, const char *station, const char *kiosk,
                               const char *envelope_json, const char *digest, size_t payload_len);
};

#endif
