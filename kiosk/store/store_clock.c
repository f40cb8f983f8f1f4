/* store_clock.c: the trusted time and the latest plausible time (store_clock.h). */
#include "kiosk/store/store_clock.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/store/store_internal.h"

#define KV_TRUSTED  "clock.trusted"  /* "<ms> <mono ms> <boot id> <source>" */
#define KV_RECORDED "clock.recorded" /* "<ms>" */

int store_clock_get(struct store *st, struct store_clock *out)
{
    char v[160];
    memset(out, 0, sizeof *out);
    int rc = store_kv_get(st, KV_TRUSTED, v, sizeof v);
    if (rc == 0) {
        long long ms = 0, mono = 0;
        if (sscanf(v, "%lld %lld %39s %15s", &ms, &mono, out->trusted_boot, out->source) == 4) {
            out->trusted_ms = ms;
            out->trusted_mono_ms = mono;
        }
    } else if (rc != STORE_ENOTFOUND) {
        return rc;
    }
    rc = store_kv_get(st, KV_RECORDED, v, sizeof v);
    if (rc == 0)
        out->recorded_ms = strtoll(v, NULL, 10);
    else if (rc != STORE_ENOTFOUND)
        return rc;
    /* applications made before any trusted time count as recorded times too (once a time
     * is trusted, the recorded time follows it and what is seen after: a supervisor who set
     * the clock back over applications made on a clock running ahead has the last word) */
    sqlite3_stmt *s;
    if ((rc = store_prepare(st, "SELECT max(created_at) FROM applications", &s)) != 0)
        return rc;
    if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL &&
        sqlite3_column_int64(s, 0) > out->recorded_ms && !out->trusted_ms)
        out->recorded_ms = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return 0;
}

static int set_ms(struct store *st, const char *key, int64_t ms)
{
    char v[32];
    snprintf(v, sizeof v, "%" PRId64, ms);
    return store_kv_set(st, key, v);
}

int store_clock_trust(struct store *st, int64_t ms, int64_t mono_ms, const char *boot_id,
                      const char *source, const char *actor)
{
    struct store_clock cur;
    char v[160], detail[160];
    int rc = store_clock_get(st, &cur);
    if (rc)
        return rc;
    snprintf(v, sizeof v, "%" PRId64 " %" PRId64 " %.39s %.15s", ms, mono_ms,
             boot_id && *boot_id ? boot_id : "-", source);
    int supervisor = actor && strcmp(source, "supervisor") == 0;
    if ((rc = store_begin(st)) != 0)
        return rc;
    /* a trusted time is the latest plausible one, even below what was recorded: that was
     * seen on a clock running ahead */
    if ((rc = store_kv_set(st, KV_TRUSTED, v)) != 0 || (rc = set_ms(st, KV_RECORDED, ms)) != 0)
        goto fail;
    if (supervisor) {
        snprintf(detail, sizeof detail, "from %" PRId64 " to %" PRId64, cur.recorded_ms, ms);
        if ((rc = store_audit_in_txn(st, actor, "clock.set", NULL, detail, ms)) != 0)
            goto fail;
    }
    if ((rc = store_commit(st)) != 0)
        goto fail;
    return 0;
fail:
    store_rollback(st);
    return rc;
}

int store_clock_seen(struct store *st, int64_t ms)
{
    struct store_clock cur;
    int rc = store_clock_get(st, &cur);
    if (rc || ms <= cur.recorded_ms)
        return rc;
    return set_ms(st, KV_RECORDED, ms);
}

int store_clock_seed_ids(struct store *st)
{
    sqlite3_stmt *s;
    char id[APP_ID_SIZE];
    int rc = store_prepare(st, "SELECT max(id) FROM applications", &s);
    if (rc)
        return rc;
    rc = store_step_text(s, id, sizeof id);
    if (rc == 0 && id[0] && app_id_ms(id) > 0)
        app_id_seen(app_id_ms(id));
    return rc == STORE_ENOTFOUND ? 0 : rc;
}
