/* report_dash.c: the numbers of the supervisor's dashboard, from the store.
 *
 * Today and the reporting week (report_period_week) by status through the day index
 * (store_count_range); waiting to upload (queued + uploading) and the oldest of them; overdue
 * (no result after EXPORT_DEADLINE_WORKING_DAYS working days, export_is_overdue) and rejected
 * still open, over every day; per officer today and this week. Listings read no more than the
 * week and the open statuses; personal fields of the rows are not kept. */
#include <string.h>

#include "kiosk/export/report.h"
#include "kiosk/model/timefmt.h"

struct dash_ctx {
    struct report_dash *d;
    int64_t now_ms;
};

static int officer_slot(struct report_dash *d, const char *id)
{
    for (int i = 0; i < d->n_officers; i++)
        if (strcmp(d->officers[i].id, id) == 0)
            return i;
    if (d->n_officers == REPORT_DASH_OFFICERS)
        return -1;
    snprintf(d->officers[d->n_officers].id, sizeof d->officers[0].id, "%s", id);
    return d->n_officers++;
}

static int on_week_row(const struct store_row *row, void *arg)
{
    struct dash_ctx *c = arg;
    char day[11];
    int i = officer_slot(c->d, row->officer);
    if (i >= 0) {
        c->d->officers[i].week++;
        time_day(row->created_at, day);
        if (strcmp(day, c->d->today) == 0)
            c->d->officers[i].today++;
    }
    return 0;
}

static int on_open_row(const struct store_row *row, void *arg)
{
    struct dash_ctx *c = arg;
    if (export_is_overdue(row, c->now_ms, NULL))
        c->d->overdue++;
    if ((row->status == APP_QUEUED || row->status == APP_UPLOADING) &&
        (c->d->oldest_waiting == 0 || row->created_at < c->d->oldest_waiting))
        c->d->oldest_waiting = row->created_at;
    return 0;
}

int report_dash_load(struct store *st, int64_t now_ms, struct report_dash *d)
{
    static const enum app_status open_states[] = {APP_QUEUED, APP_UPLOADING, APP_SUBMITTED,
                                                  APP_PROCESSING};
    struct dash_ctx c = {.d = d, .now_ms = now_ms};
    struct store_query q;
    long all[APP_STATUS_COUNT];
    int rc;

    memset(d, 0, sizeof *d);
    time_day(now_ms, d->today);
    if ((rc = report_period_week(d->today, &d->week)) != 0)
        return rc;
    if ((rc = store_count_range(st, d->today, d->today, d->today_counts)) != 0 ||
        (rc = store_count_range(st, d->week.from, d->week.to, d->week_counts)) != 0 ||
        (rc = store_count_by_status(st, NULL, all)) != 0)
        return rc;
    for (int s = 0; s < APP_STATUS_COUNT; s++) {
        d->today_total += d->today_counts[s];
        d->week_total += d->week_counts[s];
    }
    d->waiting = all[APP_QUEUED] + all[APP_UPLOADING];
    d->rejected_open = all[APP_REJECTED];

    memset(&q, 0, sizeof q);
    q.status = -1;
    q.day_from = d->week.from;
    q.day_to = d->week.to;
    if ((rc = store_list(st, &q, on_week_row, &c)) != 0)
        return rc;
    for (size_t i = 0; i < sizeof open_states / sizeof open_states[0]; i++) {
        if (all[open_states[i]] == 0)
            continue;
        memset(&q, 0, sizeof q);
        q.status = (int)open_states[i];
        if ((rc = store_list(st, &q, on_open_row, &c)) != 0)
            return rc;
    }
    return 0;
}
