/* store_audit.c: the audit trail, a hash chain of officer and system actions.
 *
 * Row n's hash is SHA-256 over row n-1's hash and row n's fields, each length-prefixed so
 * that no two different rows encode alike. The head (last seq and hash) is also kept in the
 * kv table, in the same transaction, so that deleting the newest rows is detected too.
 * Verification recomputes the chain: an edited, deleted, inserted or reordered row breaks
 * it. What it cannot detect is a rewrite of the whole chain by someone holding the file;
 * exports carry signed copies upward for that. Details never hold personal data. */
#include "kiosk/store/store_internal.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define AUDIT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

static void feed(crypto_hash_sha256_state *h, const char *s)
{
    uint32_t n = s ? (uint32_t)strlen(s) : 0xffffffffu;
    unsigned char len[4] = {(unsigned char)(n >> 24), (unsigned char)(n >> 16),
                            (unsigned char)(n >> 8), (unsigned char)n};
    crypto_hash_sha256_update(h, len, 4);
    if (s)
        crypto_hash_sha256_update(h, (const unsigned char *)s, strlen(s));
}

static void row_hash(const char *prev, long long seq, long long at, const char *actor,
                     const char *action, const char *app_id, const char *detail, char out[65])
{
    crypto_hash_sha256_state h;
    unsigned char d[crypto_hash_sha256_BYTES];
    char num[48];
    crypto_hash_sha256_init(&h);
    feed(&h, prev);
    snprintf(num, sizeof(num), "%lld/%lld", seq, at);
    feed(&h, num);
    feed(&h, actor);
    feed(&h, action);
    feed(&h, app_id);
    feed(&h, detail);
    crypto_hash_sha256_final(&h, d);
    seal_to_hex(d, sizeof(d), out);
}

int store_audit_in_txn(struct store *st, const char *actor, const char *action, const char *app_id,
                       const char *detail, int64_t now_ms)
{
    sqlite3_stmt *s;
    char prev[65] = AUDIT_GENESIS, hash[65], head[100];
    long long seq = 1;
    int rc = store_prepare(st, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", &s);
    if (rc)
        return rc;
    if (sqlite3_step(s) == SQLITE_ROW) {
        seq = sqlite3_column_int64(s, 0) + 1;
        store_col_text(s, 1, prev, sizeof(prev));
    }
    sqlite3_finalize(s);
    if (!actor || !*actor)
        actor = "system";
    row_hash(prev, seq, now_ms, actor, action, app_id, detail, hash);
    rc = store_prepare(st,
                       "INSERT INTO audit (seq, at, actor, action, app_id, detail, prev_hash, "
                       "hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       &s);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, seq);
    sqlite3_bind_int64(s, 2, now_ms);
    sqlite3_bind_text(s, 3, actor, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, action, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, app_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 6, detail, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 7, prev, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 8, hash, -1, SQLITE_STATIC);
    rc = store_map_rc(sqlite3_step(s));
    sqlite3_finalize(s);
    if (rc)
        return rc;
    snprintf(head, sizeof(head), "%lld:%s", seq, hash);
    return store_kv_set(st, "audit.head", head);
}

int store_audit(struct store *st, const char *actor, const char *action, const char *app_id,
                const char *detail, int64_t now_ms)
{
    int rc = store_begin(st);
    if (rc)
        return rc;
    if ((rc = store_audit_in_txn(st, actor, action, app_id, detail, now_ms)) != 0 ||
        (rc = store_commit(st)) != 0) {
        store_rollback(st);
        return rc;
    }
    return 0;
}

static const char *col(sqlite3_stmt *s, int i)
{
    return (const char *)sqlite3_column_text(s, i);
}

int store_audit_verify(struct store *st, long *rows, long *bad_seq)
{
    sqlite3_stmt *s;
    char prev[65] = AUDIT_GENESIS, hash[65], head[100], expect_head[100] = "";
    long long expect = 1;
    *rows = 0;
    *bad_seq = 0;
    int rc = store_prepare(st,
                           "SELECT seq, at, actor, action, app_id, detail, prev_hash, hash FROM "
                           "audit ORDER BY seq",
                           &s);
    if (rc)
        return rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        long long seq = sqlite3_column_int64(s, 0);
        row_hash(prev, seq, sqlite3_column_int64(s, 1), col(s, 2), col(s, 3), col(s, 4), col(s, 5),
                 hash);
        if (seq != expect || !col(s, 6) || strcmp(col(s, 6), prev) != 0 || !col(s, 7) ||
            strcmp(col(s, 7), hash) != 0) {
            *bad_seq = (long)(seq != expect && seq > expect ? expect : seq);
            sqlite3_finalize(s);
            return STORE_ECORRUPT;
        }
        memcpy(prev, hash, sizeof(prev));
        snprintf(expect_head, sizeof(expect_head), "%lld:%s", seq, hash);
        expect++;
        (*rows)++;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return store_map_rc(rc);
    rc = store_kv_get(st, "audit.head", head, sizeof(head));
    if (rc == STORE_ENOTFOUND)
        head[0] = '\0';
    else if (rc)
        return rc;
    if (strcmp(head, expect_head) != 0) {
        *bad_seq = (long)expect; /* rows after the last one present were removed */
        return STORE_ECORRUPT;
    }
    return 0;
}

int store_audit_head(struct store *st, long long *seq, char hash[65])
{
    sqlite3_stmt *s;
    *seq = 0;
    memcpy(hash, AUDIT_GENESIS, 65);
    int rc = store_prepare(st, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", &s);
    if (rc)
        return rc;
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *seq = sqlite3_column_int64(s, 0);
        store_col_text(s, 1, hash, 65);
        rc = SQLITE_DONE;
    }
    sqlite3_finalize(s);
    return store_map_rc(rc);
}
