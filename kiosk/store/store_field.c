/* store_field.c: the field session and the sites a mobile kiosk knows (store_field.h). */
#include "kiosk/store/store_field.h"

#include <stdio.h>
#include <string.h>

#include "kiosk/store/store_internal.h"

#define KV_SESSION "field.session" /* "<name>\t<kind>\t<commune>", "" when closed */

static int text_ok(const char *s, size_t size, int required)
{
    size_t n = strlen(s);
    if (n >= size || (required && n == 0))
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
            return 0;
    return 1;
}

int store_field_open(struct store *st, const struct app_site *site, const char *officer,
                     int64_t now_ms)
{
    char v[3 * APP_SITE_NAME_SIZE];
    sqlite3_stmt *s = NULL;
    if (!text_ok(site->name, sizeof site->name, 1) || !app_site_kind_valid(site->kind) ||
        !text_ok(site->commune, sizeof site->commune, 0))
        return STORE_EINVAL;
    snprintf(v, sizeof v, "%s\t%s\t%s", site->name, site->kind, site->commune);
    int rc = store_begin(st);
    if (rc)
        return rc;
    if ((rc = store_prepare(st,
                            "INSERT INTO field_sites (name, kind, commune, last_used) VALUES (?1, "
                            "?2, ?3, ?4) ON CONFLICT (name) DO UPDATE SET kind = ?2, commune = ?3, "
                            "last_used = ?4",
                            &s)) != 0)
        goto fail;
    sqlite3_bind_text(s, 1, site->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, site->kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, site->commune, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 4, now_ms);
    rc = store_map_rc(sqlite3_step(s));
    sqlite3_finalize(s);
    if (rc || (rc = store_kv_set(st, KV_SESSION, v)) != 0 ||
        (rc = store_audit_in_txn(st, officer, "field.open", NULL, site->name, now_ms)) != 0 ||
        (rc = store_commit(st)) != 0)
        goto fail;
    return 0;
fail:
    store_rollback(st);
    return rc;
}

int store_field_close(struct store *st, const char *officer, int64_t now_ms)
{
    struct app_site cur;
    int rc = store_field_current(st, &cur);
    if (rc <= 0)
        return rc;
    if ((rc = store_begin(st)) != 0)
        return rc;
    if ((rc = store_kv_set(st, KV_SESSION, "")) != 0 ||
        (rc = store_audit_in_txn(st, officer, "field.close", NULL, cur.name, now_ms)) != 0 ||
        (rc = store_commit(st)) != 0) {
        store_rollback(st);
        return rc;
    }
    return 0;
}

int store_field_current(struct store *st, struct app_site *out)
{
    char v[3 * APP_SITE_NAME_SIZE];
    memset(out, 0, sizeof *out);
    int rc = store_kv_get(st, KV_SESSION, v, sizeof v);
    if (rc == STORE_ENOTFOUND || (rc == 0 && !v[0]))
        return 0;
    if (rc)
        return rc;
    char *kind = strchr(v, '\t'), *commune = kind ? strchr(kind + 1, '\t') : NULL;
    if (!commune)
        return STORE_ECORRUPT;
    *kind++ = '\0';
    *commune++ = '\0';
    snprintf(out->name, sizeof out->name, "%.95s", v);
    snprintf(out->kind, sizeof out->kind, "%.23s", kind);
    snprintf(out->commune, sizeof out->commune, "%.95s", commune);
    return 1;
}

int store_field_sites(struct store *st, struct app_site *out, int max)
{
    sqlite3_stmt *s;
    int n = 0;
    int rc = store_prepare(st,
                           "SELECT name, kind, commune FROM field_sites ORDER BY last_used DESC, "
                           "name LIMIT ?",
                           &s);
    if (rc)
        return rc;
    sqlite3_bind_int(s, 1, max);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW && n < max) {
        store_col_text(s, 0, out[n].name, sizeof out[n].name);
        store_col_text(s, 1, out[n].kind, sizeof out[n].kind);
        store_col_text(s, 2, out[n].commune, sizeof out[n].commune);
        n++;
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? n : store_map_rc(rc);
}
