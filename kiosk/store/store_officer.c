/* store_officer.c: officers, their roles and PINs.
 *
 * PINs: at least 6 digits, trivial ones refused (store_pin_check). Stored only as Argon2id
 * hashes of the PIN keyed with the pepper (pin.pepper in the key directory, never in the
 * database), so a copy of the database alone gives up no PIN however long it is attacked.
 *
 * Lockout: every attempt is first counted in one transaction (BEGIN IMMEDIATE: parallel
 * logins serialise on the count), then the PIN is checked, then a second transaction
 * resets the count on success or locks on the OFFICER_MAX_FAILURES-th failure. So at most
 * OFFICER_MAX_FAILURES guesses are ever checked before a lock, whatever runs in parallel,
 * and a crash between the two only leaves an attempt counted. Locks escalate: 15 minutes,
 * then 1 hour, then until a supervisor unlocks (store_officer_unlock). Every attempt, good or
 * bad, is in the audit trail, in the same transaction as its effect. */
#include "kiosk/store/store_internal.h"

#include "kiosk/store/pin_hasher.h"

#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* Argon2id cost for PINs (config/KEYS.md gives the time measured on the appliance), computed
 * in the helper kiosk-pinhash (pin_hasher.h), so the 32 MiB are not the kiosk's own. The
 * pepper is what protects a stolen database; the cost slows guessing by someone who also
 * has the key directory. 32 MiB keeps a login inside the appliance's 80 MB budget. Each
 * stored hash carries its parameters: changing these rehashes a PIN at its next good login. */
#define PIN_OPSLIMIT 3
#define PIN_MEMLIMIT (32u * 1024u * 1024u)

static unsigned long long pin_opslimit = PIN_OPSLIMIT;
static size_t pin_memlimit = PIN_MEMLIMIT;

void store_pin_cost(unsigned long long *opslimit, size_t *memlimit)
{
    *opslimit = pin_opslimit;
    *memlimit = pin_memlimit;
}

void store_pin_set_cost(unsigned long long opslimit, size_t memlimit)
{
    pin_opslimit = opslimit ? opslimit : PIN_OPSLIMIT;
    pin_memlimit = memlimit ? memlimit : PIN_MEMLIMIT;
}
/* a stored hash of a peppered PIN starts with this (older hashes start with "$argon2") */
#define PEPPERED "pep1"

static int digits_only(const char *pin, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)pin[i]))
            return 0;
    return 1;
}

/* One of the forms a birth date "YYYY-MM-DD" is typed as a PIN. */
static int is_birth_date(const char *pin, const char *bd)
{
    char y[5], m[3], d[3], forms[6][16];
    if (!bd || strlen(bd) != 10 || bd[4] != '-' || bd[7] != '-')
        return 0;
    memcpy(y, bd, 4);
    y[4] = '\0';
    memcpy(m, bd + 5, 2);
    m[2] = '\0';
    memcpy(d, bd + 8, 2);
    d[2] = '\0';
    snprintf(forms[0], 16, "%s%s%s", d, m, y);
    snprintf(forms[1], 16, "%s%s%s", d, m, y + 2);
    snprintf(forms[2], 16, "%s%s%s", y, m, d);
    snprintf(forms[3], 16, "%s%s%s", m, d, y);
    snprintf(forms[4], 16, "%s%s%s", m, d, y + 2);
    snprintf(forms[5], 16, "%s%s%s", y + 2, m, d);
    for (int i = 0; i < 6; i++)
        if (strcmp(pin, forms[i]) == 0)
            return 1;
    return 0;
}

int store_pin_check(const char *pin, const char *birth_date)
{
    size_t n = pin ? strlen(pin) : 0;
    if (n < PIN_MIN_DIGITS || n > PIN_MAX_DIGITS || !digits_only(pin, n))
        return PIN_BAD_FORM;
    /* a short pattern repeated: 111111, 121212, 123123 */
    for (size_t p = 1; p <= 3; p++) {
        size_t i = p;
        while (i < n && pin[i] == pin[i - p])
            i++;
        if (i == n)
            return PIN_TRIVIAL;
    }
    /* digits in a constant step: 123456, 987654, 135791, 024680 */
    int step = (pin[1] - pin[0] + 10) % 10, i;
    for (i = 2; i < (int)n && (pin[i] - pin[i - 1] + 10) % 10 == step; i++)
        ;
    if (i == (int)n)
        return PIN_TRIVIAL;
    if (is_birth_date(pin, birth_date))
        return PIN_BIRTH_DATE;
    return 0;
}

/* The Argon2id input: the PIN keyed with the pepper, in hex. */
static void peppered(const struct store *st, const char *pin, char out[65])
{
    unsigned char h[32];
    crypto_generichash(h, sizeof(h), (const unsigned char *)pin, strlen(pin), st->keys.pin_pepper,
                       SEAL_KEY_BYTES);
    seal_to_hex(h, sizeof(h), out);
    sodium_memzero(h, sizeof(h));
}

static int pin_hash(const struct store *st, const char *pin, char out[crypto_pwhash_STRBYTES + 8])
{
    char in[65], hash[crypto_pwhash_STRBYTES];
    peppered(st, pin, in);
    int rc = pin_hasher_hash(in, 64, pin_opslimit, pin_memlimit, hash);
    sodium_memzero(in, sizeof(in));
    if (rc != 0)
        return STORE_ENOMEM;
    snprintf(out, crypto_pwhash_STRBYTES + 8, PEPPERED "%s", hash);
    return 0;
}

/* 1 when pin matches stored (peppered, or an older unpeppered hash). */
static int pin_matches(const struct store *st, const char *stored, const char *pin)
{
    if (!pin)
        return 0;
    if (strncmp(stored, PEPPERED, strlen(PEPPERED)) == 0) {
        char in[65];
        peppered(st, pin, in);
        int ok = pin_hasher_verify(stored + strlen(PEPPERED), in, 64);
        sodium_memzero(in, sizeof(in));
        return ok;
    }
    return pin_hasher_verify(stored, pin, strlen(pin));
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

static int count_officers(struct store *st, const char *where, long *n)
{
    sqlite3_stmt *s;
    char sql[160];
    snprintf(sql, sizeof(sql), "SELECT count(*) FROM officers%s%s", where ? " WHERE " : "",
             where ? where : "");
    int rc = store_prepare(st, sql, &s);
    if (rc)
        return rc;
    rc = sqlite3_step(s);
    *n = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? 0 : store_map_rc(rc);
}

static int officer_insert(struct store *st, const char *id, const char *name,
                          enum officer_role role, const char *pin, const char *actor,
                          int64_t now_ms, int only_first)
{
    char hash[crypto_pwhash_STRBYTES + 8];
    sqlite3_stmt *s;
    if (!id_ok(id) || !name || !*name || strlen(name) >= 128 || store_pin_check(pin, NULL) != 0)
        return STORE_EINVAL;
    int rc = pin_hash(st, pin, hash);
    if (rc)
        return rc;
    if ((rc = store_begin(st)) != 0)
        return rc;
    if (only_first) {
        long n;
        if ((rc = count_officers(st, NULL, &n)) != 0)
            goto fail;
        if (n > 0) {
            rc = STORE_EROLE;
            goto fail;
        }
    }
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
    if (rc == 0)
        rc = store_audit_in_txn(st, actor, only_first ? "officer.init" : "officer.add", NULL, id,
                                now_ms);
fail:
    return store_end(st, rc);
}

int store_officer_add(struct store *st, const char *id, const char *name, enum officer_role role,
                      const char *pin, const char *actor, int64_t now_ms)
{
    return officer_insert(st, id, name, role, pin, actor, now_ms, 0);
}

int store_officer_init(struct store *st, const char *id, const char *name, const char *pin,
                       int64_t now_ms)
{
    return officer_insert(st, id, name, ROLE_SUPERVISOR, pin, "init", now_ms, 1);
}

int store_officer_disable(struct store *st, const char *id, const char *actor, int64_t now_ms)
{
    sqlite3_stmt *s;
    long others;
    int rc = store_begin(st);
    if (rc)
        return rc;
    /* the last active supervisor stays: without one nobody could approve or add anyone */
    rc = store_prepare(st, "SELECT role = 'supervisor' AND disabled = 0 FROM officers WHERE id = ?",
                       &s);
    if (rc)
        goto fail;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    rc = sqlite3_step(s);
    int active_sup = rc == SQLITE_ROW && sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW) {
        rc = rc == SQLITE_DONE ? STORE_ENOTFOUND : store_map_rc(rc);
        goto fail;
    }
    if (active_sup) {
        if ((rc = count_officers(st, "role = 'supervisor' AND disabled = 0", &others)) != 0)
            goto fail;
        if (others <= 1) {
            rc = STORE_ELASTSUP;
            goto fail;
        }
    }
    rc = store_prepare(st, "UPDATE officers SET disabled = 1 WHERE id = ?", &s);
    if (rc)
        goto fail;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    rc = store_map_rc(sqlite3_step(s));
    sqlite3_finalize(s);
    if (rc)
        goto fail;
    rc = store_audit_in_txn(st, actor, "officer.disable", NULL, id, now_ms);
fail:
    return store_end(st, rc);
}

int store_officer_unlock(struct store *st, const char *id, const char *actor, int64_t now_ms)
{
    sqlite3_stmt *s;
    int rc = store_begin(st);
    if (rc)
        return rc;
    rc = store_prepare(st,
                       "UPDATE officers SET failures = 0, locked_until = 0, lock_count = 0 "
                       "WHERE id = ?",
                       &s);
    if (rc)
        goto fail;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    if ((rc = store_step_changed(st, s)) != 0)
        goto fail;
    rc = store_audit_in_txn(st, actor, "officer.unlock", NULL, id, now_ms);
fail:
    return store_end(st, rc);
}

int store_officer_list(struct store *st, struct store_officer *out, int max)
{
    sqlite3_stmt *s;
    int n = 0;
    int rc = store_prepare(st,
                           "SELECT id, name, role, disabled, failures, locked_until, lock_count "
                           "FROM officers ORDER BY role DESC, name",
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
        out[n].lock_count = sqlite3_column_int(s, 6);
        n++;
    }
    sqlite3_finalize(s);
    rc = store_map_rc(rc);
    return rc ? rc : n;
}

int64_t store_lock_ms(int lock_count)
{
    if (lock_count <= 1)
        return OFFICER_LOCK_MS;
    if (lock_count == 2)
        return 4 * OFFICER_LOCK_MS;
    return OFFICER_LOCKED_FOR_GOOD;
}

/* The first transaction of a login: refuses a disabled or locked officer, else counts the
 * attempt. Fills the hash and role for the check that follows. */
static int login_count(struct store *st, const char *id, int64_t now_ms, char *hash, size_t hn,
                       char *rolename, size_t rn)
{
    sqlite3_stmt *s;
    int rc = store_begin(st);
    if (rc)
        return rc;
    rc = store_prepare(st,
                       "SELECT pin_hash, role, disabled, failures, locked_until FROM officers "
                       "WHERE id = ?",
                       &s);
    if (rc)
        goto fail;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        sqlite3_finalize(s);
        if (rc != SQLITE_DONE) {
            rc = store_map_rc(rc);
            goto fail;
        }
        rc = STORE_ENOTFOUND;
        goto refuse;
    }
    store_col_text(s, 0, hash, hn);
    store_col_text(s, 1, rolename, rn);
    int disabled = sqlite3_column_int(s, 2);
    int failures = sqlite3_column_int(s, 3);
    int64_t locked_until = sqlite3_column_int64(s, 4);
    sqlite3_finalize(s);
    if (disabled) {
        rc = STORE_EDISABLED;
        goto refuse;
    }
    if (locked_until > now_ms || (locked_until == 0 && failures >= OFFICER_MAX_FAILURES)) {
        rc = STORE_ELOCKED; /* locked, or the attempts in flight already use up the count */
        goto refuse;
    }
    if (locked_until != 0)
        failures = 0; /* a lock that expired: a fresh count */
    rc = store_prepare(st, "UPDATE officers SET failures = ?2, locked_until = 0 WHERE id = ?1", &s);
    if (rc)
        goto fail;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 2, failures + 1);
    rc = store_map_rc(sqlite3_step(s));
    sqlite3_finalize(s);
    if (rc || (rc = store_commit(st)) != 0)
        goto fail;
    return 0;
refuse : {
    const char *action = rc == STORE_ENOTFOUND ? "officer.login_unknown"
                         : rc == STORE_ELOCKED ? "officer.login_locked"
                                               : "officer.login_disabled";
    int arc =
        store_audit_in_txn(st, rc == STORE_ENOTFOUND ? "unknown" : id, action, NULL, NULL, now_ms);
    if (arc == 0)
        arc = store_commit(st);
    if (arc) {
        store_rollback(st);
        return arc;
    }
    return rc;
}
fail:
    store_rollback(st);
    return rc;
}

int store_officer_login(struct store *st, const char *id, const char *pin, int64_t now_ms,
                        enum officer_role *role)
{
    sqlite3_stmt *s;
    char hash[crypto_pwhash_STRBYTES + 8], rolename[16], fresh[crypto_pwhash_STRBYTES + 8] = "";
    *role = ROLE_OFFICER;
    int rc = login_count(st, id, now_ms, hash, sizeof(hash), rolename, sizeof(rolename));
    if (rc)
        return rc;
    int good = pin_matches(st, hash, pin);
    /* an older hash (no pepper, or made with other Argon2id parameters: each hash carries its
     * own) is replaced by one with the pepper and today's parameters at the first good login */
    int legacy =
        strncmp(hash, PEPPERED, strlen(PEPPERED)) != 0 ||
        crypto_pwhash_str_needs_rehash(hash + strlen(PEPPERED), pin_opslimit, pin_memlimit) != 0;
    sodium_memzero(hash, sizeof(hash));
    if (good && legacy && pin_hash(st, pin, fresh) != 0)
        fresh[0] = '\0';
    int result = good ? 0 : STORE_EAUTH;
    if ((rc = store_begin(st)) != 0)
        return rc;
    if (good) {
        rc = store_prepare(st,
                           "UPDATE officers SET failures = 0, lock_count = 0, pin_hash = "
                           "coalesce(?2, pin_hash) WHERE id = ?1",
                           &s);
        if (rc)
            goto fail;
        sqlite3_bind_text(s, 2, fresh[0] ? fresh : NULL, -1, SQLITE_STATIC);
    } else {
        /* the attempt was counted already; the one that reaches the limit locks, once */
        rc = store_prepare(st,
                           "UPDATE officers SET lock_count = lock_count + 1, failures = 0, "
                           "locked_until = ?3 + CASE lock_count WHEN 0 THEN ?4 WHEN 1 THEN ?5 "
                           "ELSE ?6 END WHERE id = ?1 AND failures >= ?2 AND locked_until = 0",
                           &s);
        if (rc)
            goto fail;
        sqlite3_bind_int(s, 2, OFFICER_MAX_FAILURES);
        sqlite3_bind_int64(s, 3, now_ms);
        sqlite3_bind_int64(s, 4, store_lock_ms(1));
        sqlite3_bind_int64(s, 5, store_lock_ms(2));
        sqlite3_bind_int64(s, 6, OFFICER_LOCKED_FOR_GOOD - now_ms);
    }
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    rc = store_map_rc(sqlite3_step(s));
    int locked_now = !good && sqlite3_changes(st->db) > 0;
    sqlite3_finalize(s);
    if (rc)
        goto fail;
    if (locked_now)
        result = STORE_ELOCKED;
    const char *action = good         ? "officer.login"
                         : locked_now ? "officer.lock"
                                      : "officer.login_bad_pin";
    if ((rc = store_audit_in_txn(st, id, action, NULL, NULL, now_ms)) != 0 ||
        (rc = store_commit(st)) != 0)
        goto fail;
    if (good)
        *role = strcmp(rolename, "supervisor") == 0 ? ROLE_SUPERVISOR : ROLE_OFFICER;
    return result;
fail:
    store_rollback(st);
    return rc;
}

enum msg_id store_login_msg(int rc)
{
    switch (rc) {
    case 0:
        return MSG_NONE;
    case STORE_EAUTH:
        return MSG_OFFICER_BAD_PIN;
    case STORE_ELOCKED:
        return MSG_OFFICER_LOCKED;
    case STORE_ENOTFOUND:
        return MSG_OFFICER_UNKNOWN;
    case STORE_EDISABLED:
        return MSG_OFFICER_DISABLED;
    case STORE_EROLE:
        return MSG_OFFICER_NOT_SUPERVISOR;
    default:
        return MSG_STORE_IO;
    }
}
