/* store_officer.c: officers, their roles and PINs.
 *
 * PINs are stored only as Argon2id hashes (libsodium crypto_pwhash_str). After
 * OFFICER_MAX_FAILURES wrong PINs in a row an officer is locked for OFFICER_LOCK_MS; a good
 * PIN resets the count. Every attempt, good or bad, is in the audit trail. */
#include "kiosk/store/store_internal.h"

#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* Argon2id cost for PINs. A 4-12 digit PIN is a small space whatever the cost: what protects
 * it is the lockout after OFFICER_MAX_FAILURES and the root-only database. The memory cost
 * is kept at 16 MiB (libsodium's interactive default is 64 MiB) so that a login fits the
 * appliance's 80 MB budget; more passes keep the time near the interactive default (~0.1 s).
 * The parameters are stored in each hash, so older hashes still verify. */
#define PIN_OPSLIMIT 4
#define PIN_MEMLIMIT (16u * 1024u * 1024u)

static int pin_ok(const char *pin)
{
    size_t n = strlen(pin);
    if (n < 4 || n > 12)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)pin[i]))
            return 0;
    return 1;
}

static int id_ok(const char *id)
{
    size_t n = strlen(id);
    if (n == 0 || n >= APP_OFFICER_SIZE)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)id[i]) && id[i] != '-' && id[i] != '_' && id[i] != '.')
            return 0;
    return 1;
}

int store_officer_add(struct store *st, const char *id, const char *name, enum officer_role role,
                      const char *pin, const char *actor, int64_t now_ms)
{
    char hash[crypto_pwhash_STRBYTES];
    sqlite3_stmt *s;
    if (!id_ok(id) || !name || !*name || strlen(name) >= 128 || !pin_ok(pin))
        return STORE_EINVAL;
    if (crypto_pwhash_str(hash, pin, strlen(pin), PIN_OPSLIMIT, PIN_MEMLIMIT) != 0)
        return STORE_ENOMEM;
    int rc = store_begin(st);
    if (rc)
        return rc;
    rc = store_prepare(st,
                       "INSERT INTO officers (id, name, role, pin_hash, created_at) VALUES (?, "
                       "?, ?, ?, ?)",
                       &s);
    if (rc)
        goto fail;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, role == ROLE_SUPERVISOR ? "supervisor" : "officer", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, hash, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 5, now_ms);
    rc = store_map_rc(sqlite3_step(s));
    sqlite3_finalize(s);
    if (rc || (rc = store_audit_in_txn(st, actor, "officer.add", NULL, id, now_ms)) != 0 ||
        (rc = store_commit(st)) != 0)
        goto fail;
    return 0;
fail:
    store_rollback(st);
    return rc;
}

int store_officer_disable(struct store *st, const char *id, const char *actor, int64_t now_ms)
{
    sqlite3_stmt *s;
    int rc = store_begin(st);
    if (rc)
        return rc;
    rc = store_prepare(st, "UPDATE officers SET disabled = 1 WHERE id = ?", &s);
    if (rc)
        goto fail;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    rc = store_map_rc(sqlite3_step(s));
    sqlite3_finalize(s);
    if (rc)
        goto fail;
    if (sqlite3_changes(st->db) == 0) {
        rc = STORE_ENOTFOUND;
        goto fail;
    }
    if ((rc = store_audit_in_txn(st, actor, "officer.disable", NULL, id, now_ms)) != 0 ||
        (rc = store_commit(st)) != 0)
        goto fail;
    return 0;
fail:
    store_rollback(st);
    return rc;
}

int store_officer_list(struct store *st, struct store_officer *out, int max)
{
    sqlite3_stmt *s;
    int n = 0;
    int rc = store_prepare(st,
                           "SELECT id, name, role, disabled, failures, locked_until FROM officers "
                           "ORDER BY role DESC, name",
                           &s);
    if (rc)
        return rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW && n < max) {
        char role[16];
        memset(&out[n], 0, sizeof(out[n]));
        store_col_text(s, 0, out[n].id, sizeof(out[n].id));
        store_col_text(s, 1, out[n].name, sizeof(out[n].name));
        store_col_text(s, 2, role, sizeof(role));
        out[n].role = strcmp(role, "supervisor") == 0 ? ROLE_SUPERVISOR : ROLE_OFFICER;
        out[n].disabled = sqlite3_column_int(s, 3);
        out[n].failures = sqlite3_column_int(s, 4);
        out[n].locked_until = sqlite3_column_int64(s, 5);
        n++;
    }
    sqlite3_finalize(s);
    rc = store_map_rc(rc);
    return rc ? rc : n;
}

int store_officer_login(struct store *st, const char *id, const char *pin, int64_t now_ms,
                        enum officer_role *role)
{
    sqlite3_stmt *s;
    char hash[crypto_pwhash_STRBYTES], rolename[16];
    int disabled, failures, rc, result;
    int64_t locked_until;
    *role = ROLE_OFFICER;
    rc = store_prepare(st,
                       "SELECT pin_hash, role, disabled, failures, locked_until FROM officers "
                       "WHERE id = ?",
                       &s);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        sqlite3_finalize(s);
        if (rc != SQLITE_DONE)
            return store_map_rc(rc);
        store_audit(st, "unknown", "officer.login_unknown", NULL, NULL, now_ms);
        return STORE_ENOTFOUND;
    }
    store_col_text(s, 0, hash, sizeof(hash));
    store_col_text(s, 1, rolename, sizeof(rolename));
    disabled = sqlite3_column_int(s, 2);
    failures = sqlite3_column_int(s, 3);
    locked_until = sqlite3_column_int64(s, 4);
    sqlite3_finalize(s);

    if (disabled)
        result = STORE_EDISABLED;
    else if (locked_until > now_ms)
        result = STORE_ELOCKED;
    else if (pin && crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0)
        result = 0;
    else
        result = failures + 1 >= OFFICER_MAX_FAILURES ? STORE_ELOCKED : STORE_EAUTH;

    if ((rc = store_begin(st)) != 0)
        return rc;
    rc =
        store_prepare(st, "UPDATE officers SET failures = ?2, locked_until = ?3 WHERE id = ?1", &s);
    if (rc)
        goto fail;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    if (result == 0) {
        sqlite3_bind_int(s, 2, 0);
        sqlite3_bind_int64(s, 3, 0);
    } else if (result == STORE_EAUTH || (result == STORE_ELOCKED && locked_until <= now_ms)) {
        /* a wrong PIN: counted; the fifth locks */
        sqlite3_bind_int(s, 2, result == STORE_ELOCKED ? 0 : failures + 1);
        sqlite3_bind_int64(s, 3, result == STORE_ELOCKED ? now_ms + OFFICER_LOCK_MS : 0);
    } else {
        sqlite3_bind_int(s, 2, failures);
        sqlite3_bind_int64(s, 3, locked_until);
    }
    rc = store_map_rc(sqlite3_step(s));
    sqlite3_finalize(s);
    if (rc)
        goto fail;
    const char *action = result == 0               ? "officer.login"
                         : result == STORE_EAUTH   ? "officer.login_bad_pin"
                         : result == STORE_ELOCKED ? "officer.login_locked"
                                                   : "officer.login_disabled";
    if ((rc = store_audit_in_txn(st, id, action, NULL, NULL, now_ms)) != 0 ||
        (rc = store_commit(st)) != 0)
        goto fail;
    if (result == 0)
        *role = strcmp(rolename, "supervisor") == 0 ? ROLE_SUPERVISOR : ROLE_OFFICER;
    return result;
fail:
    store_rollback(st);
    return rc;
}
