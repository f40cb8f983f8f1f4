/* store_internal.h: what the store's files share (not for use outside kiosk/store*.c). */
#ifndef KIOSK_STORE_INTERNAL_H
#define KIOSK_STORE_INTERNAL_H

#include <sqlite3.h>

#include "kiosk/store/store.h"

/* Statements prepared once per store (store_cached): those of the frequent writes. */
#define STORE_CACHED_MAX 16

struct store_ckpt;

struct store {
    sqlite3 *db;
    struct seal_keys keys;
    struct store_ckpt *ckpt; /* store_checkpoint.c */
    struct {
        const char *sql; /* a string literal: compared by address, then by text */
        sqlite3_stmt *stmt;
    } cached[STORE_CACHED_MAX];
    /* store_queue's buffers, kept from one call to the next (a fresh 150 KB allocation is
     * fresh pages to fault in, each time): the payload (wiped after each use) and the sealed
     * box */
    unsigned char *payload_buf, *sealed_buf;
    size_t payload_cap, sealed_cap;
};

/* Where an encrypted field lives: its associated data is "<field>:<row id>", so a field
 * moved to another row or column does not decrypt. */
#define FIELD_PERSONAL   "applications.personal"
#define FIELD_ENVELOPE   "applications.envelope"
#define FIELD_BIOMETRICS "biometrics.sealed"
#define FIELD_PHONEFIX   "phone_corrections.detail"
void store_field_ad(const char *field, const char *id, char *ad, size_t n);
int store_encrypt_field(struct store *st, const char *field, const char *id, const void *plain,
                        size_t len, unsigned char **out, size_t *outlen);
int store_decrypt_field(struct store *st, const char *field, const char *id,
                        const unsigned char *in, size_t len, unsigned char **out, size_t *outlen);

/* Records the keys' ids on first use and compares them afterwards: STORE_EKEY when a key
 * is not the one the store's data was written with. */
int store_check_key_ids(struct store *st);

/* Migration steps that SQL alone cannot do: re-encrypting the first format's fields bound
 * to their rows, and re-chaining the audit trail with its key. Inside the migration's
 * transaction. */
int store_reseal_legacy(struct store *st);
int store_audit_rekey(struct store *st);

/* WAL checkpoints on a thread of the store's own instead of inside the commit that crosses
 * the threshold (store_checkpoint.c). start: 0 or a store_err; stop before closing st->db. */
int store_checkpointer_start(struct store *st, const char *path);
void store_checkpointer_stop(struct store *st);
/* 1 once the checkpoint thread has started (tests). */
int store_checkpointer_runs(struct store *st);

/* Maps an SQLite result code to a store_err. */
int store_map_rc(int rc);
/* Runs SQL with no result rows. */
int store_exec(struct store *st, const char *sql);
int store_begin(struct store *st);
int store_commit(struct store *st);
void store_rollback(struct store *st);
/* Ends the transaction begun: commits when rc is 0, else (or when the commit fails) rolls
 * back. Returns 0 or the error. */
int store_end(struct store *st, int rc);
/* Prepares sql; 0 or a store_err. */
int store_prepare(struct store *st, const char *sql, sqlite3_stmt **out);
/* The statement for sql, prepared on its first use and kept until store_close: saves
 * parsing the same SQL on every call of the frequent writes (store_queue runs about ten).
 * Hand it back with store_release (which resets it and clears its bindings), never
 * finalize it. When the cache is full it is an ordinary statement that store_release
 * finalizes. 0 or a store_err. */
int store_cached(struct store *st, const char *sql, sqlite3_stmt **out);
void store_release(struct store *st, sqlite3_stmt *s);
/* Prepares sql and binds id (not copied: an application id or an index key) to its first
 * parameter; 0 or a store_err. */
int store_prepare_id(struct store *st, const char *sql, const char *id, sqlite3_stmt **out);
/* Copies column i (text) into dst (size n), "" for NULL. */
void store_col_text(sqlite3_stmt *s, int i, char *dst, size_t n);

/* Steps s (an UPDATE or DELETE) once and finalizes it: 0, STORE_ENOTFOUND when it changed
 * no row, or the error. */
int store_step_changed(struct store *st, sqlite3_stmt *s);
/* Steps s once: column 0 of its row into dst, or STORE_ENOTFOUND; finalizes s. */
int store_step_text(sqlite3_stmt *s, char *dst, size_t n);

/* Migrations: brings the file to store_schema_version(). */
int store_migrate(struct store *st);
/* Runs migrations up to version `to` only (tests use it to build an older file). */
int store_migrate_to(struct store *st, int to);

/* The keyed hash a normalised phone number is found by (store_recall.c): the personal-ID
 * index key over "tel:" + number, so the two never collide. */
void store_phone_index(struct store *st, const char *phone10, char out[65]);
/* 1 when officer id is an enabled supervisor (store_officer's table). */
int store_is_supervisor(struct store *st, const char *id);

/* Raises the floor of new application ids to the store's newest id (store_clock.c), so ids
 * stay ordered across a restart on a clock that stepped back. */
int store_clock_seed_ids(struct store *st);

/* Appends an audit row inside the caller's transaction. */
int store_audit_in_txn(struct store *st, const char *actor, const char *action, const char *app_id,
                       const char *detail, int64_t now_ms);
/* 0 when audit row seq is the keyed row (its hash verifies under the audit key) that queued
 * application app_id with payload digest digest; STORE_EPAYLOAD when not, or the error. */
int store_audit_queued(struct store *st, int64_t seq, const char *app_id, const char *digest);
/* Records a status move with history inside the caller's transaction. */
int store_status_in_txn(struct store *st, const char *id, enum app_status to,
                        const char *reason_code, const char *reason, const char *actor,
                        int64_t now_ms);

#endif
