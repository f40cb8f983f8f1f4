/* store.h: the kiosk's durable store (SQLite, one file in the data directory).
 *
 * Holds applications, their status history, the sync outbox, officers, key/value sync state
 * and the hash-chained audit trail. Personal data and biometrics are encrypted at rest (see
 * seal.h); the personal ID is only findable through a keyed hash.
 *
 * Durability: when store_queue() returns 0 the application, its history row, its outbox row
 * and its audit row are on disk (one transaction committed with synchronous=FULL); on any
 * error none of them is. Every other write is one transaction too.
 *
 * A struct store is used by one thread at a time; a second thread opens its own. */
#ifndef KIOSK_STORE_H
#define KIOSK_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "kiosk/model/application.h"
#include "kiosk/model/msg.h"
#include "kiosk/store/seal.h"

enum store_err {
    STORE_OK = 0,
    STORE_EIO = -1,       /* disk or database error: retry later, tell the officer */
    STORE_EFULL = -2,     /* disk full: nothing was written; free space */
    STORE_ECORRUPT = -3,  /* database or record damaged, or decryption failed */
    STORE_ENOTFOUND = -4, /* no such record */
    STORE_EINVAL = -5,    /* the request itself is wrong (bad status move, bad argument) */
    STORE_EBUSY = -6,     /* locked by another process for too long: retry */
    STORE_EAUTH = -7,     /* wrong PIN */
    STORE_ELOCKED = -8,   /* officer locked out after too many wrong PINs */
    STORE_EDISABLED = -9, /* officer disabled */
    STORE_EROLE = -10,    /* officer lacks the role */
    STORE_ENOMEM = -11,
    STORE_EKEY = -12,     /* a key is missing or not the one the data was written with */
    STORE_EAUDIT = -13,   /* the audit row could not be written: the action was not done */
    STORE_ELASTSUP = -14, /* the last active supervisor cannot be disabled */
    STORE_EPAYLOAD = -15, /* a queued payload is not the one queued (altered or moved): not sent */
};

const char *store_strerror(int err);

struct store;

/* Opens (creating and migrating as needed) <dir>/kiosk.db with the keys in *keys (copied).
 * The directory is created 0700 if missing. */
int store_open(const char *dir, const struct seal_keys *keys, struct store **out);
void store_close(struct store *st);
/* A second connection to st's file with st's keys (for another thread: a connection is used
 * by one thread at a time). 0, or a store_err (STORE_EIO for a store with no file). */
int store_open_again(const struct store *st, struct store **out);
/* How the kiosk starts: loads the keys from <dir>/keys and opens the store. Missing keys are
 * created only for a store that holds nothing yet (never over rows: a new key would make
 * them unreadable); the keys' ids are recorded in the store and checked at every open.
 * On failure why says what went wrong: a key fault as a message code with its arguments, for
 * the front end to word (kiosk/messages: msg MSG_STORE_KEY_MISSING with keys and keydir,
 * MSG_STORE_KEY_WRONG with keydir), anything else as a technical line in detail. */
struct store_open_why {
    enum msg_id msg;  /* MSG_NONE when detail says it */
    char keys[128];   /* the key files concerned, "store.key, audit.key" */
    char keydir[600]; /* the folder they are in */
    char detail[800]; /* "<path>: <error>" */
};
int store_open_with_keys(const char *dir, const char *upstream_key_file, struct seal_keys *keys,
                         struct store **out, struct store_open_why *why);
/* The schema version this build migrates to, and the one the file is at. */
int store_schema_version(void);
int store_file_version(struct store *st);
/* PRAGMA integrity_check: 0 when "ok". */
int store_integrity_check(struct store *st);

/* --- applications ------------------------------------------------------------------- */

/* Queues a complete application: status draft→queued with history, outbox row, audit row
 * ("app.queue" by app->officer), all in one durable transaction. The biometric payload is
 * sealed to the upstream's key first. app->status is set to APP_QUEUED on success. */
int store_queue(struct store *st, struct application *app, int64_t now_ms);

/* The newest application with this personal ID created at or after since_ms whose status is
 * not rejected/redo. 0 with id_out filled, STORE_ENOTFOUND, or an error. */
int store_find_by_pid(struct store *st, const char *personal_id, int64_t since_ms,
                      char id_out[APP_ID_SIZE]);

/* Loads the envelope (everything but the sealed biometrics) of one application. */
int store_load(struct store *st, const char *id, struct application *out);

/* One row of a listing: the personal fields needed for the queue screen and the export. */
struct store_row {
    char id[APP_ID_SIZE];
    int64_t created_at, queued_at, updated_at;
    enum app_status status;
    char officer[APP_OFFICER_SIZE];
    char reason_code[32];
    char reason[256];
    struct app_identity identity; /* decrypted */
    char phone[11];
    char email[255];
    int purged; /* personal data purged after retention: identity fields empty */
    char short_no[APP_SHORT_NO_SIZE];
    char site[APP_SITE_NAME_SIZE]; /* the field session's site, "" at the station */
};

struct store_query {
    const char *day;    /* "YYYY-MM-DD" local (Asia/Ho_Chi_Minh) day created, or NULL */
    int status;         /* an app_status, or -1 for all */
    const char *search; /* substring of name (accent-insensitive) or ID, or NULL; a phone
                           number, short number or whole personal ID is looked up through
                           its index instead */
    int limit;          /* 0 = no limit */
    int newest_first;
    const char *day_from, *day_to; /* local days created, inclusive, or NULL */
    const char *site; /* a mobile unit's site the application was taken at ("" the station
                         itself), or NULL for any */
};

/* Calls cb for each matching row, oldest first (unless newest_first); cb returns non-zero to
 * stop. Rows are wiped after each call. */
int store_list(struct store *st, const struct store_query *q,
               int (*cb)(const struct store_row *row, void *arg), void *arg);

/* Counts per status for a local day (NULL = all days). counts has APP_STATUS_COUNT entries. */
int store_count_by_status(struct store *st, const char *day, long counts[APP_STATUS_COUNT]);
/* Counts per status for the local days from..to inclusive (either NULL: open-ended). */
int store_count_range(struct store *st, const char *from, const char *to,
                      long counts[APP_STATUS_COUNT]);

/* Moves one application to a new status, checked against the lifecycle, with a history row
 * and an audit row by actor. reason/reason_code may be NULL. */
int store_set_status(struct store *st, const char *id, enum app_status status,
                     const char *reason_code, const char *reason, const char *actor,
                     int64_t now_ms);

struct store_history {
    enum app_status status;
    int64_t at;
    char actor[APP_OFFICER_SIZE];
    char reason[256];
};
/* Fills up to max entries of the status history, oldest first; returns the count or < 0. */
int store_history(struct store *st, const char *id, struct store_history *h, int max);

/* --- the sync outbox ---------------------------------------------------------------- */

struct outbox_item {
    char id[APP_ID_SIZE];
    char *envelope_json;    /* the envelope sent upstream (caller frees via outbox_item_wipe) */
    unsigned char *payload; /* the sealed biometric payload, checked against its digest */
    size_t payload_len;
    int payload_format; /* what the sealed payload holds: 1 JSON, 2 binary (app_payload.h) */
    char digest[65];    /* SHA-256 of the payload, hex */
    int attempts;
    char upload_token[128]; /* the server's resumable-upload token, "" before the first */
    int64_t upload_offset;  /* bytes the server confirmed */
    int64_t queued_at;
    int handed_over; /* written to a hand-over bundle (store_handover.h), not yet confirmed */
};
void outbox_item_wipe(struct outbox_item *it);

/* The oldest application due for upload at now_ms (status queued or uploading, next attempt
 * time passed). STORE_ENOTFOUND when none. */
int store_outbox_next(struct store *st, int64_t now_ms, struct outbox_item *out);
/* The pending outbox row of application id (due or not). STORE_ENOTFOUND when none. */
int store_outbox_get(struct store *st, const char *id, struct outbox_item *out);
/* Applications handed out to uploads in flight, so that several uploads run at once and
 * never two of one application (sync/PROTOCOL.md §2.3). A claim lives only in this memory:
 * a process killed mid-upload leaves nothing behind, and the next pass (one per data
 * directory, sync.lock) starts with none. The caller serialises the calls on one set. */
#define OUTBOX_CLAIMS_MAX 32
struct outbox_claims {
    int n;
    char ids[OUTBOX_CLAIMS_MAX][APP_ID_SIZE];
};
/* The oldest application due at now_ms that is not claimed in *c, claimed there on
 * success. STORE_ENOTFOUND when none; STORE_EBUSY when *c is full. */
int store_outbox_claim(struct store *st, struct outbox_claims *c, int64_t now_ms,
                       struct outbox_item *out);
/* The upload of id ended (delivered, refused or abandoned): another may claim it. */
void store_outbox_release(struct outbox_claims *c, const char *id);
/* queued → uploading (idempotent when already uploading). */
int store_outbox_begin(struct store *st, const char *id, int64_t now_ms);
/* Records the server's upload token and confirmed offset. */
int store_outbox_progress(struct store *st, const char *id, const char *token, int64_t offset);
/* uploading → submitted with the server's receipt; the outbox row is closed. */
int store_outbox_done(struct store *st, const char *id, const char *receipt_json, int64_t now_ms);
/* A failed attempt: attempts+1, retry not before next_ms, error kept for the status line. */
int store_outbox_retry(struct store *st, const char *id, int64_t next_ms, const char *error);
/* A refusal that retrying cannot fix (409 conflict...): stop retrying, raise a notice. */
int store_outbox_fail(struct store *st, const char *id, const char *error, int64_t now_ms);
/* Applications waiting to be delivered (queued + uploading). */
int store_outbox_pending(struct store *st, long *count);
/* Of those, the ones due for an attempt at now_ms. */
int store_outbox_due(struct store *st, int64_t now_ms, long *count);

/* --- notices for the officer (rejections to recall, failed deliveries) -------------- */
struct store_notice {
    int64_t id;
    int64_t at;
    char app_id[APP_ID_SIZE];
    char kind[16]; /* "rejected", "failed", "incident" */
    char text[256];
    char personal_id[13]; /* an incident's card, decrypted ("" for other notices) */
};
int store_notice_add(struct store *st, const char *app_id, const char *kind, const char *text,
                     int64_t now_ms);
/* An incident (a forged chip): a notice whose text holds no personal data, and the card's
 * personal ID encrypted with the store key and bound to the notice's row. */
int store_incident_add(struct store *st, const char *text, const char *personal_id, int64_t now_ms);
/* Up to max open notices, newest first; returns the count or < 0. */
int store_notices(struct store *st, struct store_notice *out, int max);
int store_notice_close(struct store *st, int64_t id, const char *actor, int64_t now_ms);

/* --- key/value state (sync cursor, last success...) --------------------------------- */
int store_kv_get(struct store *st, const char *key, char *value, size_t size);
int store_kv_set(struct store *st, const char *key, const char *value);

/* --- retention ------------------------------------------------------------------------ */
/* Purges personal data and biometrics of applications the upstream has (submitted or
 * later) that were last updated more than retention_days ago; rows stay for the counts.
 * *purged gets the number purged. */
int store_purge(struct store *st, int64_t now_ms, int retention_days, long *purged);

/* --- officers ----------------------------------------------------------------------- */
enum officer_role { ROLE_OFFICER = 0, ROLE_SUPERVISOR = 1 };
struct store_officer {
    char id[APP_OFFICER_SIZE];
    char name[128];
    enum officer_role role;
    int disabled;
    int failures;
    int64_t locked_until; /* OFFICER_LOCKED_FOR_GOOD: until a supervisor unlocks */
    int lock_count;       /* locks since the last good login (they escalate) */
};
#define OFFICER_MAX_FAILURES    5
#define OFFICER_LOCK_MS         (15 * 60 * 1000LL)
#define OFFICER_LOCKED_FOR_GOOD INT64_MAX
/* How long the n-th lock in a row lasts: 15 minutes, 1 hour, then until unlocked. */
int64_t store_lock_ms(int lock_count);

#define PIN_MIN_DIGITS 6
#define PIN_MAX_DIGITS 12
enum pin_verdict { PIN_OK = 0, PIN_BAD_FORM = 1, PIN_TRIVIAL = 2, PIN_BIRTH_DATE = 3 };
/* Whether pin may be an officer's PIN: 6-12 digits, not a repeated short pattern (111111,
 * 121212, 123123), not digits in a constant step (123456, 987654, 135791), not the birth
 * date "YYYY-MM-DD" (when given) in any usual order. 0 or a pin_verdict. */
int store_pin_check(const char *pin, const char *birth_date);

/* The Argon2id cost new PIN hashes get (config/KEYS.md). Each stored hash carries its own
 * parameters, so older ones still verify; a good login over a hash made with other
 * parameters stores a new one. store_pin_set_cost() changes the cost for this process (tests
 * and benchmarks; 0, 0: back to the defaults). */
void store_pin_cost(unsigned long long *opslimit, size_t *memlimit);
void store_pin_set_cost(unsigned long long opslimit, size_t memlimit);

/* Adds an officer with a peppered Argon2id hash of the PIN (store_pin_check). The caller has
 * checked that actor is a supervisor. */
int store_officer_add(struct store *st, const char *id, const char *name, enum officer_role role,
                      const char *pin, const char *actor, int64_t now_ms);
/* The first supervisor of a new kiosk (`kiosk init`): refused (STORE_EROLE) once the store
 * has any officer, checked in the same transaction as the insert. */
int store_officer_init(struct store *st, const char *id, const char *name, const char *pin,
                       int64_t now_ms);
/* Disables an officer; STORE_ELASTSUP for the last active supervisor. */
int store_officer_disable(struct store *st, const char *id, const char *actor, int64_t now_ms);
/* Lifts a lock and clears the count (a supervisor's action, audited). */
int store_officer_unlock(struct store *st, const char *id, const char *actor, int64_t now_ms);
int store_officer_list(struct store *st, struct store_officer *out, int max);
/* Checks a PIN. 0 and *role set; STORE_EAUTH (counted), STORE_ELOCKED when locked or when
 * this failure locks, STORE_EDISABLED, STORE_ENOTFOUND. Every attempt is audited; when the
 * audit row cannot be written the login is refused. */
int store_officer_login(struct store *st, const char *id, const char *pin, int64_t now_ms,
                        enum officer_role *role);
/* The officer-facing message for a store_officer_login() or store_officer_unlock() result:
 * MSG_NONE for 0, the PIN's, the account's or the role's message, MSG_STORE_IO for the rest. */
enum msg_id store_login_msg(int rc);

/* --- audit trail -------------------------------------------------------------------- */
/* Appends one row: hash = BLAKE2b keyed with audit.key (previous hash || row fields), so
 * that nobody without the key can rewrite rows and chain them again. detail must hold no
 * personal data. */
int store_audit(struct store *st, const char *actor, const char *action, const char *app_id,
                const char *detail, int64_t now_ms);
/* Walks the chain. 0 when intact (*rows = count); STORE_ECORRUPT with *bad_seq set to the
 * first row that does not match (edited, deleted or inserted), or to the anchor's row when
 * the trail no longer reaches the last anchor (rows removed from its end). */
int store_audit_verify(struct store *st, long *rows, long *bad_seq);
/* The same walk, saying what broke: a row edited, deleted or inserted inside the trail, or
 * rows removed from its end (the head or the last anchor no longer reached). */
enum audit_break { AUDIT_INTACT = 0, AUDIT_ROW_CHANGED, AUDIT_END_REMOVED };
struct audit_check {
    long rows;    /* rows whose chain holds, from the first */
    long bad_seq; /* the first row that does not hold, or the first one missing at the end */
    long long anchor_seq; /* the last anchor's row (0 when none) */
    enum audit_break why;
};
int store_audit_check(struct store *st, struct audit_check *out);
/* The trail's current head: the newest row's sequence number and chain hash (64 hex chars).
 * An empty trail gives seq 0 and the all-zero genesis hash. This is what exports and sync
 * requests carry upward as the anchor. 0 or a store_err. */
int store_audit_head(struct store *st, long long *seq, char hash[65]);
/* Anchors the current head: records it in <keydir>/audit.anchor (outside the database) and
 * returns it, for a sync request or an export to carry upward. The anchor only moves forward:
 * a trail that no longer holds the previous anchor's row gives STORE_ECORRUPT and the anchor
 * file is left as it was. */
int store_audit_anchor(struct store *st, long long *seq, char hash[65]);
/* The last anchor recorded (seq 0 when none). */
int store_audit_last_anchor(struct store *st, long long *seq, char hash[65]);

/* The keys the store was opened with (for export signing). */
const struct seal_keys *store_keys(const struct store *st);

#endif
