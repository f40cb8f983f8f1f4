/* store_keys.c: which keys a store may start with.
 *
 * A lost key must never be replaced silently: a new store.key over rows written with the old
 * one makes every row unreadable, a new audit.key makes the trail unverifiable. So keys are
 * created only for a store that holds nothing yet (or, for a key this version introduced, one
 * that never recorded it), each key's id is recorded in the store on first use and compared
 * at every open, and the caller gets a refusal naming the key and saying how to restore it
 * (config/KEYS.md, "Restoring the keys"). */
#include "kiosk/store/store_internal.h"

#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const int all_keys[] = {SEAL_K_STORE, SEAL_K_INDEX, SEAL_K_SIGN, SEAL_K_AUDIT,
                               SEAL_K_PEPPER};
#define N_KEYS ((int)(sizeof(all_keys) / sizeof(all_keys[0])))

static int check_ids(struct store *st);

static void id_name(int bit, char *name, size_t n)
{
    snprintf(name, n, "key.%s", seal_key_file(bit));
}

int store_check_key_ids(struct store *st)
{
    int rc = store_begin(st); /* one transaction: one sync for the first recording */
    if (rc)
        return rc;
    rc = check_ids(st);
    return store_end(st, rc);
}

static int check_ids(struct store *st)
{
    for (int i = 0; i < N_KEYS; i++) {
        char name[48], want[9], have[16];
        id_name(all_keys[i], name, sizeof(name));
        seal_key_id(&st->keys, all_keys[i], want);
        int rc = store_kv_get(st, name, have, sizeof(have));
        if (rc == STORE_ENOTFOUND) {
            if ((rc = store_kv_set(st, name, want)) != 0)
                return rc;
        } else if (rc) {
            return rc;
        } else if (strcmp(have, want) != 0) {
            return STORE_EKEY;
        }
    }
    return 0;
}

/* What an existing database file holds: rows at all, and which key ids it recorded. */
static int peek_store(const char *db_path, int *has_rows, int *recorded)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *s = NULL;
    *has_rows = 0;
    *recorded = 0;
    if (access(db_path, F_OK) != 0)
        return 0;
    if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        sqlite3_close(db);
        return STORE_EIO;
    }
    sqlite3_busy_timeout(db, 5000);
    /* a file of an older schema has no key ids yet; a file without tables holds nothing */
    static const char *const counts[] = {"SELECT 1 FROM applications LIMIT 1",
                                         "SELECT 1 FROM officers LIMIT 1",
                                         "SELECT 1 FROM audit LIMIT 1"};
    for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
        if (sqlite3_prepare_v2(db, counts[i], -1, &s, NULL) == SQLITE_OK &&
            sqlite3_step(s) == SQLITE_ROW)
            *has_rows = 1;
        sqlite3_finalize(s);
        s = NULL;
    }
    if (sqlite3_prepare_v2(db, "SELECT key FROM kv WHERE key LIKE 'key.%'", -1, &s, NULL) ==
        SQLITE_OK) {
        while (sqlite3_step(s) == SQLITE_ROW) {
            const char *k = (const char *)sqlite3_column_text(s, 0);
            for (int i = 0; i < N_KEYS && k; i++) {
                char name[48];
                id_name(all_keys[i], name, sizeof(name));
                if (strcmp(k, name) == 0)
                    *recorded |= all_keys[i];
            }
        }
    }
    sqlite3_finalize(s);
    sqlite3_close(db);
    return 0;
}

int store_open_with_keys(const char *dir, const char *upstream_key_file, struct seal_keys *keys,
                         struct store **out, struct store_open_why *why)
{
    char db[600];
    int has_rows, recorded, missing = 0;
    *out = NULL;
    memset(why, 0, sizeof *why);
    snprintf(why->keydir, sizeof(why->keydir), "%s/keys", dir);
    snprintf(db, sizeof(db), "%s/kiosk.db", dir);
    int rc = peek_store(db, &has_rows, &recorded);
    if (rc) {
        snprintf(why->detail, sizeof(why->detail), "%s: %s", db, store_strerror(rc));
        return rc;
    }
    /* keys this store already used never come anew; nor the data keys once rows exist */
    int may_create = SEAL_K_ALL & ~recorded;
    if (has_rows)
        may_create &= ~(SEAL_K_STORE | SEAL_K_INDEX | SEAL_K_SIGN);
    rc = seal_keys_load_opts(why->keydir, upstream_key_file, may_create, keys, &missing);
    if (rc == SEAL_EMISSING) {
        for (int i = 0; i < N_KEYS; i++)
            if (missing & all_keys[i])
                snprintf(why->keys + strlen(why->keys), sizeof(why->keys) - strlen(why->keys),
                         "%s%s", why->keys[0] ? ", " : "", seal_key_file(all_keys[i]));
        why->msg = MSG_STORE_KEY_MISSING;
        return STORE_EKEY;
    }
    if (rc) {
        snprintf(why->detail, sizeof(why->detail), "%s: %s", why->keydir, seal_strerror(rc));
        return rc == SEAL_ENOMEM ? STORE_ENOMEM : STORE_EKEY;
    }
    rc = store_open(dir, keys, out);
    if (rc == STORE_EKEY)
        why->msg = MSG_STORE_KEY_WRONG;
    else if (rc)
        snprintf(why->detail, sizeof(why->detail), "store in %s: %s", dir, store_strerror(rc));
    if (rc)
        seal_keys_wipe(keys);
    return rc;
}

/* --- migration: fields of the first format re-encrypted bound to their row ------------- */

static int reseal_column(struct store *st, const char *select, const char *update,
                         const char *field)
{
    sqlite3_stmt *s, *u;
    int rc = store_prepare(st, select, &s);
    if (rc)
        return rc;
    if ((rc = store_prepare(st, update, &u)) != 0) {
        sqlite3_finalize(s);
        return rc;
    }
    int err = 0;
    while (!err && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        char id[APP_ID_SIZE];
        unsigned char *plain = NULL, *enc = NULL;
        size_t plen = 0, elen = 0;
        store_col_text(s, 0, id, sizeof(id));
        const unsigned char *blob = sqlite3_column_blob(s, 1);
        if (!blob)
            continue;
        if (seal_decrypt_legacy(&st->keys, blob, (size_t)sqlite3_column_bytes(s, 1), &plain,
                                &plen) != 0) {
            err = STORE_ECORRUPT;
            break;
        }
        err = store_encrypt_field(st, field, id, plain, plen, &enc, &elen);
        sodium_memzero(plain, plen);
        free(plain);
        if (err)
            break;
        sqlite3_reset(u);
        sqlite3_bind_blob(u, 1, enc, (int)elen, SQLITE_TRANSIENT);
        sqlite3_bind_text(u, 2, id, -1, SQLITE_TRANSIENT);
        err = store_map_rc(sqlite3_step(u));
        free(enc);
    }
    sqlite3_finalize(s);
    sqlite3_finalize(u);
    if (err)
        return err;
    return rc == SQLITE_DONE ? 0 : store_map_rc(rc);
}

int store_reseal_legacy(struct store *st)
{
    int rc;
    if ((rc = reseal_column(st, "SELECT id, personal FROM applications WHERE personal IS NOT NULL",
                            "UPDATE applications SET personal = ?1 WHERE id = ?2",
                            FIELD_PERSONAL)) != 0 ||
        (rc = reseal_column(st, "SELECT id, envelope FROM applications WHERE envelope IS NOT NULL",
                            "UPDATE applications SET envelope = ?1 WHERE id = ?2",
                            FIELD_ENVELOPE)) != 0)
        return rc;
    return reseal_column(st, "SELECT app_id, sealed FROM biometrics",
                         "UPDATE biometrics SET sealed = ?1 WHERE app_id = ?2", FIELD_BIOMETRICS);
}
