/* export_day.c: the supervisor's export of one day from the store (`kiosk export`).
 *
 * Lists the day's applications oldest first through store_list(), writes the directory with
 * export_write_dir() signed by the store's Ed25519 key, then appends the audit row
 * "export.day" (detail: day, format, row count; no personal data). When the audit row cannot
 * be written the export is reported failed although its files are in place. */
#include <stdio.h>
#include <string.h>

#include "kiosk/export.h"

struct day_source {
    struct store *st;
    const char *day;
};

static int day_each(void *ctx, int (*cb)(const struct store_row *row, void *arg), void *arg)
{
    const struct day_source *src = ctx;
    struct store_query q;
    memset(&q, 0, sizeof q);
    q.day = src->day;
    q.status = -1;
    return store_list(src->st, &q, cb, arg);
}

int export_day(struct store *st, const char *day, const char *dir, const char *format,
               const char *actor, int64_t now_ms, char *err, size_t errlen)
{
    struct day_source src = {st, day};
    char detail[96];
    long rows = 0;
    int rc;

    if (err && errlen)
        err[0] = '\0';
    if (st == NULL) {
        if (err && errlen)
            snprintf(err, errlen, "export: no store");
        return EXPORT_EINVAL;
    }
    rc = export_write_dir(dir, day, format, actor, now_ms, store_keys(st), day_each, &src, &rows,
                          err, errlen);
    if (rc != 0)
        return rc;
    snprintf(detail, sizeof detail, "day=%s format=%s rows=%ld", day, format, rows);
    rc = store_audit(st, actor, "export.day", NULL, detail, now_ms);
    if (rc != 0) {
        if (err && errlen)
            snprintf(err, errlen, "export: written, but the audit row failed: %s",
                     store_strerror(rc));
        return EXPORT_ESTORE;
    }
    return 0;
}
