/* export_day.c: the supervisor's export of one day from the store (`kiosk export`).
 *
 * Lists the day's applications oldest first through store_list() for the list and the
 * counts; then, for the summary's follow-up parts, the open applications of every day: those
 * queued, uploading, submitted or processing created before export_overdue_cutoff() (each
 * status listed oldest first and left at the cutoff, so recent days cost nothing) and every
 * rejected one not yet redone. Writes the directory with export_write_dir() signed by the
 * store's Ed25519 key, then appends the audit row "export.day" (detail: day, format, row
 * count; no personal data). When the audit row cannot be written the export is reported
 * failed although its files are in place. */
#include <stdio.h>
#include <string.h>

#include "kiosk/export/export.h"

struct day_source {
    struct store *st;
    const char *day;
    int64_t cutoff;
    /* the caller's callback while listing open applications */
    int (*cb)(const struct store_row *row, void *arg);
    void *arg;
    int stopped; /* the caller's callback asked to stop */
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

/* Passes rows created before the cutoff on; stops the listing at the first one after it. */
static int before_cutoff(const struct store_row *row, void *arg)
{
    struct day_source *src = arg;
    if (row->created_at >= src->cutoff)
        return 1;
    if (src->cb(row, src->arg)) {
        src->stopped = 1;
        return 1;
    }
    return 0;
}

static int pass_on(const struct store_row *row, void *arg)
{
    struct day_source *src = arg;
    if (src->cb(row, src->arg)) {
        src->stopped = 1;
        return 1;
    }
    return 0;
}

static int open_each(void *ctx, int (*cb)(const struct store_row *row, void *arg), void *arg)
{
    static const enum app_status waiting[] = {APP_QUEUED, APP_UPLOADING, APP_SUBMITTED,
                                              APP_PROCESSING};
    struct day_source *src = ctx;
    struct store_query q;
    long counts[APP_STATUS_COUNT];
    int rc;

    src->cb = cb;
    src->arg = arg;
    src->stopped = 0;
    memset(&q, 0, sizeof q);
    /* Each listing reads the whole table: skip the statuses nobody is in (a count reads only
     * the status index). */
    if ((rc = store_count_by_status(src->st, NULL, counts)) != 0)
        return rc;
    for (size_t i = 0; i < sizeof waiting / sizeof waiting[0]; i++) {
        if (counts[waiting[i]] == 0)
            continue;
        q.status = (int)waiting[i];
        if ((rc = store_list(src->st, &q, before_cutoff, src)) != 0 || src->stopped)
            return rc;
    }
    if (counts[APP_REJECTED] == 0)
        return 0;
    q.status = APP_REJECTED;
    return store_list(src->st, &q, pass_on, src);
}

int export_day(struct store *st, const char *day, const char *dir, const char *format,
               const char *actor, int64_t now_ms, char *err, size_t errlen)
{
    struct day_source src;
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
    memset(&src, 0, sizeof src);
    src.st = st;
    src.day = day;
    src.cutoff = export_overdue_cutoff(now_ms);
    rc = export_write_dir(dir, day, format, actor, now_ms, store_keys(st), day_each, open_each,
                          &src, &rows, err, errlen);
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
