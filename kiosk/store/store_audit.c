/* store_audit.c: the audit trail, a keyed hash chain of officer and system actions.
 *
 * Row n's hash is BLAKE2b keyed with audit.key (a key file beside the others, never in the
 * database) over row n-1's hash and row n's fields, each length-prefixed so that no two
 * different rows encode alike. Without the key nobody can edit a row and chain the rest
 * again. The head (last seq and hash) is also kept in the kv table, in the same transaction.
 *
 * Removing the newest rows and fixing the head needs no key, so the head is anchored outside
 * the database: every sync request carries it upstream, which refuses a chain that went
 * backwards, and the last head sent (or exported) is kept in <keydir>/audit.anchor, which
 * verification checks the trail still reaches. Details never hold personal data. */
#include "kiosk/store/store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#define AUDIT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

struct chain_hash {
    int keyed;
    crypto_generichash_state b2;
    crypto_hash_sha256_state sha;
};

static void feed_bytes(struct chain_hash *h, const void *p, size_t n)
{
    if (h->keyed)
        crypto_generichash_update(&h->b2, p, n);
    else
        crypto_hash_sha256_update(&h->sha, p, n);
}

static void feed(struct chain_hash *h, const char *s)
{
    uint32_t n = s ? (uint32_t)strlen(s) : 0xffffffffu;
    unsigned char len[4] = {(unsigned char)(n >> 24), (unsigned char)(n >> 16),
                            (unsigned char)(n >> 8), (unsigned char)n};
    feed_bytes(h, len, 4);
    if (s)
        feed_bytes(h, s, strlen(s));
}

/* key NULL: the first, unkeyed SHA-256 chain (read only to migrate an older file) */
static void row_hash(const unsigned char *key, const char *prev, long long seq, long long at,
                     const char *actor, const char *action, const char *app_id, const char *detail,
                     char out[65])
{
    struct chain_hash h = {.keyed = key != NULL};
    unsigned char d[32];
    char num[48];
    if (key)
        crypto_generichash_init(&h.b2, key, SEAL_KEY_BYTES, sizeof(d));
    else
        crypto_hash_sha256_init(&h.sha);
    feed(&h, prev);
    snprintf(num, sizeof(num), "%lld/%lld", seq, at);
    feed(&h, num);
    feed(&h, actor);
    feed(&h, action);
    feed(&h, app_id);
    feed(&h, detail);
    if (key)
        crypto_generichash_final(&h.b2, d, sizeof(d));
    else
        crypto_hash_sha256_final(&h.sha, d);
    seal_to_hex(d, sizeof(d), out);
}

int store_audit_in_txn(struct store *st, const char *actor, const char *action, const char *app_id,
                       const char *detail, int64_t now_ms)
{
    sqlite3_stmt *s;
    char prev[65] = AUDIT_GENESIS, hash[65], head[100];
    long long seq = 1;
    int rc = store_cached(st, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", &s);
    if (rc)
        return rc;
    if (sqlite3_step(s) == SQLITE_ROW) {
        seq = sqlite3_column_int64(s, 0) + 1;
        store_col_text(s, 1, prev, sizeof(prev));
    }
    store_release(st, s);
    if (!actor || !*actor)
        actor = "system";
    row_hash(st->keys.audit_key, prev, seq, now_ms, actor, action, app_id, detail, hash);
    rc = store_cached(st,
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
    store_release(st, s);
    if (rc)
        return rc;
    snprintf(head, sizeof(head), "%lld:%s", seq, hash);
    return store_kv_set(st, "audit.head", head);
}

int store_audit_queued(struct store *st, int64_t seq, const char *app_id, const char *digest)
{
    sqlite3_stmt *s;
    char hash[65];
    int rc = store_cached(st,
                          "SELECT at, actor, action, app_id, detail, prev_hash, hash FROM audit "
                          "WHERE seq = ?",
                          &s);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, seq);
    rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        store_release(st, s);
        return rc == SQLITE_DONE ? STORE_EPAYLOAD : store_map_rc(rc);
    }
    const char *actor = (const char *)sqlite3_column_text(s, 1),
               *action = (const char *)sqlite3_column_text(s, 2),
               *row_app = (const char *)sqlite3_column_text(s, 3),
               *detail = (const char *)sqlite3_column_text(s, 4),
               *prev = (const char *)sqlite3_column_text(s, 5),
               *stored = (const char *)sqlite3_column_text(s, 6);
    rc = STORE_EPAYLOAD;
    if (action && strcmp(action, "app.queue") == 0 && row_app && strcmp(row_app, app_id) == 0 &&
        detail && strcmp(detail, digest) == 0 && prev && stored) {
        row_hash(st->keys.audit_key, prev, (long long)seq, sqlite3_column_int64(s, 0), actor,
                 action, row_app, detail, hash);
        if (sodium_memcmp(hash, stored, 64) == 0 && strlen(stored) == 64)
            rc = 0;
    }
    store_release(st, s);
    return rc;
}

int store_audit(struct store *st, const char *actor, const char *action, const char *app_id,
                const char *detail, int64_t now_ms)
{
    int rc = store_begin(st);
    if (rc)
        return rc;
    rc = store_audit_in_txn(st, actor, action, app_id, detail, now_ms);
    return store_end(st, rc);
}

static const char *col(sqlite3_stmt *s, int i)
{
    return (const char *)sqlite3_column_text(s, i);
}

/* Walks the chain under key (NULL: the first, unkeyed format). With rehash, each row's
 * hashes are rewritten under the audit key as it goes (migration). */
static int walk(struct store *st, const unsigned char *key, int rehash, long *rows, long *bad_seq,
                char last[100])
{
    sqlite3_stmt *s, *u = NULL;
    char prev[65] = AUDIT_GENESIS, hash[65], newprev[65] = AUDIT_GENESIS, newhash[65];
    long long expect = 1;
    *rows = 0;
    *bad_seq = 0;
    last[0] = '\0';
    int rc = store_prepare(st,
                           "SELECT seq, at, actor, action, app_id, detail, prev_hash, hash FROM "
                           "audit ORDER BY seq",
                           &s);
    if (rc)
        return rc;
    if (rehash &&
        (rc = store_prepare(st, "UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?", &u))) {
        sqlite3_finalize(s);
        return rc;
    }
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        long long seq = sqlite3_column_int64(s, 0);
        row_hash(key, prev, seq, sqlite3_column_int64(s, 1), col(s, 2), col(s, 3), col(s, 4),
                 col(s, 5), hash);
        if (!*bad_seq && (seq != expect || !col(s, 6) || strcmp(col(s, 6), prev) != 0 ||
                          !col(s, 7) || strcmp(col(s, 7), hash) != 0)) {
            *bad_seq = (long)(seq != expect && seq > expect ? expect : seq);
            if (!rehash)
                break;
        }
        if (rehash) {
            /* the stored fields as they are, chained under the key from here on */
            row_hash(st->keys.audit_key, newprev, seq, sqlite3_column_int64(s, 1), col(s, 2),
                     col(s, 3), col(s, 4), col(s, 5), newhash);
            sqlite3_reset(u);
            sqlite3_bind_text(u, 1, newprev, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(u, 2, newhash, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(u, 3, seq);
            if ((rc = store_map_rc(sqlite3_step(u))) != 0)
                break;
            memcpy(newprev, newhash, sizeof(newprev));
            snprintf(last, 100, "%lld:%s", seq, newhash);
        } else {
            snprintf(last, 100, "%lld:%s", seq, hash);
        }
        snprintf(prev, sizeof(prev), "%s", col(s, 7) && rehash ? col(s, 7) : hash);
        expect = seq + 1;
        (*rows)++;
        rc = SQLITE_ROW;
    }
    sqlite3_finalize(s);
    sqlite3_finalize(u);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return store_map_rc(rc);
    return *bad_seq ? STORE_ECORRUPT : 0;
}

int store_audit_rekey(struct store *st)
{
    long rows, bad;
    char last[100], detail[64];
    int rc = walk(st, NULL, 1, &rows, &bad, last);
    if (rc && rc != STORE_ECORRUPT)
        return rc;
    if (rows == 0)
        return 0;
    if ((rc = store_kv_set(st, "audit.head", last)) != 0)
        return rc;
    /* what the unkeyed trail looked like when it was chained under the key */
    if (bad)
        snprintf(detail, sizeof(detail), "rows=%ld unkeyed_broken_at=%ld", rows, bad);
    else
        snprintf(detail, sizeof(detail), "rows=%ld unkeyed_intact", rows);
    return store_audit_in_txn(st, "system", "audit.keyed", NULL, detail,
                              (int64_t)time(NULL) * 1000);
}

/* --- the anchor ------------------------------------------------------------------------ */

static void anchor_path(struct store *st, char *path, size_t n)
{
    snprintf(path, n, "%s/audit.anchor", st->keys.dir);
}

int store_audit_last_anchor(struct store *st, long long *seq, char hash[65])
{
    char path[400], buf[128] = "";
    *seq = 0;
    memcpy(hash, AUDIT_GENESIS, 65);
    anchor_path(st, path, sizeof(path));
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return errno == ENOENT ? 0 : STORE_EIO;
    ssize_t n = read(fd, buf, sizeof(buf) - 1);
    close(fd);
    if (n <= 0)
        return STORE_ECORRUPT;
    buf[n] = '\0';
    if (sscanf(buf, "%lld %64s", seq, hash) != 2 || *seq < 0 || strlen(hash) != 64)
        return STORE_ECORRUPT;
    return 0;
}

/* The hash of row seq, or STORE_ENOTFOUND. */
static int row_hash_of(struct store *st, long long seq, char hash[65])
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT hash FROM audit WHERE seq = ?", &s);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, seq);
    return store_step_text(s, hash, 65);
}

/* 0 when the trail still holds the last anchor's row unchanged; *anchor_seq gets its seq. */
static int reaches_anchor(struct store *st, long long *anchor_seq)
{
    char want[65], have[65];
    int rc = store_audit_last_anchor(st, anchor_seq, want);
    if (rc || *anchor_seq == 0)
        return rc;
    rc = row_hash_of(st, *anchor_seq, have);
    if (rc == STORE_ENOTFOUND || (rc == 0 && strcmp(have, want) != 0))
        return STORE_ECORRUPT;
    return rc;
}

static int anchor_locked(struct store *st, long long *seq, char hash[65])
{
    char path[400], tmp[440], line[100];
    long long old;
    int rc = reaches_anchor(st, &old);
    if (rc)
        return rc;
    if ((rc = store_audit_head(st, seq, hash)) != 0)
        return rc;
    if (*seq <= old)
        return 0;
    anchor_path(st, path, sizeof(path));
    snprintf(tmp, sizeof(tmp), "%s.%ld.tmp", path, (long)getpid());
    unlink(tmp);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0)
        return STORE_EIO;
    int n = snprintf(line, sizeof(line), "%lld %s\n", *seq, hash);
    int ok = write(fd, line, (size_t)n) == n && fsync(fd) == 0;
    close(fd);
    if (!ok || rename(tmp, path) != 0) {
        unlink(tmp);
        return STORE_EIO;
    }
    return 0;
}

int store_audit_anchor(struct store *st, long long *seq, char hash[65])
{
    char lock[420];
    /* one writer at a time (the sync thread, an export), so the anchor never moves back */
    snprintf(lock, sizeof(lock), "%s/audit.anchor.lock", st->keys.dir);
    int fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0)
        return STORE_EIO;
    if (flock(fd, LOCK_EX) != 0) {
        close(fd);
        return STORE_EIO;
    }
    int rc = anchor_locked(st, seq, hash);
    close(fd);
    return rc;
}

int store_audit_check(struct store *st, struct audit_check *out)
{
    char head[100], expect_head[100];
    memset(out, 0, sizeof(*out));
    int rc = walk(st, st->keys.audit_key, 0, &out->rows, &out->bad_seq, expect_head);
    if (rc == STORE_ECORRUPT)
        out->why = AUDIT_ROW_CHANGED;
    if (rc)
        return rc;
    rc = store_kv_get(st, "audit.head", head, sizeof(head));
    if (rc == STORE_ENOTFOUND)
        head[0] = '\0';
    else if (rc)
        return rc;
    if (strcmp(head, expect_head) != 0) {
        out->bad_seq = out->rows + 1; /* rows after the last one present were removed */
        out->why = AUDIT_END_REMOVED;
        return STORE_ECORRUPT;
    }
    rc = reaches_anchor(st, &out->anchor_seq);
    if (rc == STORE_ECORRUPT) {
        /* the anchor's row gone (removed from the end) or chained again with the key */
        int gone = out->anchor_seq > out->rows;
        out->bad_seq = (long)(gone ? out->rows + 1 : out->anchor_seq);
        out->why = gone ? AUDIT_END_REMOVED : AUDIT_ROW_CHANGED;
    }
    return rc;
}

int store_audit_verify(struct store *st, long *rows, long *bad_seq)
{
    struct audit_check c;
    int rc = store_audit_check(st, &c);
    *rows = c.rows;
    *bad_seq = c.bad_seq;
    return rc;
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
