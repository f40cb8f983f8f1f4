/* report_export.c: a period's report from the store (`kiosk export`, the supervisor screen).
 *
 * Order, fail-closed: the supervisor's full name is looked up (a report is signed by a named
 * person, not a login id); the audit row "export.report" is appended (no row, no export);
 * the audit head after it is bound into the manifest; then the period's applications are
 * listed oldest first through the day index (day_from..day_to), streamed into the writer, and
 * the cumulative counts since a date are counted by the status index. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/export/report.h"

int report_audit_head(struct store *st, char *out, size_t size)
{
    /* The plain chain's head as the store keeps it; the keyed head replaces this call. */
    int rc = store_kv_get(st, "audit.head", out, size);
    if (rc == STORE_ENOTFOUND) {
        snprintf(out, size, "0:-");
        return 0;
    }
    return rc;
}

static int officer_name(struct store *st, const char *id, char *out, size_t size)
{
    struct store_officer of[64];
    int n = store_officer_list(st, of, 64);
    out[0] = '\0';
    for (int i = 0; i < n; i++)
        if (strcmp(of[i].id, id) == 0) {
            snprintf(out, size, "%s", of[i].name);
            return 0;
        }
    return n < 0 ? n : STORE_ENOTFOUND;
}

struct feed {
    struct report_writer *w;
    const char *kiosk;
    int rc;
};

static int on_row(const struct store_row *row, void *arg)
{
    struct feed *f = arg;
    struct report_row r;
    report_row_from_store(&r, row, f->kiosk);
    f->rc = report_writer_row(f->w, &r);
    explicit_bzero(&r, sizeof r);
    return f->rc != 0;
}

int report_export(struct store *st, const struct report_request *rq, int64_t now_ms,
                  char *final_dir, size_t final_len, char *err, size_t errlen)
{
    struct report_ident id;
    struct report_writer *w = NULL;
    char detail[800], period[EXPORT_NAME_SIZE];
    int rc;

    if (err && errlen)
        err[0] = '\0';
    memset(&id, 0, sizeof id);
    if (st == NULL || rq == NULL || rq->supervisor_id == NULL)
        return export_msg(err, errlen, EXPORT_EINVAL, MSGD_EXPORT, EXPORT_M_NO_SIGNER);
    snprintf(id.station_code, sizeof id.station_code, "%s",
             rq->station_code ? rq->station_code : "");
    snprintf(id.station_name, sizeof id.station_name, "%s",
             rq->station_name ? rq->station_name : "");
    snprintf(id.kiosk, sizeof id.kiosk, "%s", rq->kiosk_id ? rq->kiosk_id : "");
    snprintf(id.supervisor_id, sizeof id.supervisor_id, "%s", rq->supervisor_id);
    if (officer_name(st, rq->supervisor_id, id.supervisor_name, sizeof id.supervisor_name) != 0 ||
        !id.supervisor_name[0])
        return export_msgf(err, errlen, EXPORT_EINVAL, MSGD_EXPORT, EXPORT_M_SIGNER_NAME, "%s",
                           rq->supervisor_id);
    if (rq->preparer_id && rq->preparer_id[0] &&
        officer_name(st, rq->preparer_id, id.preparer_name, sizeof id.preparer_name) != 0)
        return export_msgf(err, errlen, EXPORT_EINVAL, MSGD_EXPORT, EXPORT_M_PREPARER, "%s",
                           rq->preparer_id);
    const char *site = NULL; /* the rows' site value the cut keeps */
    if (rq->site) {
        if (!rq->site[0] || strlen(rq->site) >= sizeof id.site || strchr(rq->site, '\n') ||
            strchr(rq->site, '\r'))
            return export_msg(err, errlen, EXPORT_EINVAL, MSGD_EXPORT, EXPORT_M_SITE);
        snprintf(id.site, sizeof id.site, "%s", rq->site);
        site = strcmp(rq->site, REPORT_SITE_STATION) == 0 ? "" : rq->site;
    }
    if (rq->since && !site) {
        if (!export_day_valid(rq->since) || strcmp(rq->since, rq->period.to) > 0)
            return export_msg(err, errlen, EXPORT_EINVAL, MSGD_EXPORT, EXPORT_M_SINCE);
        memcpy(id.since, rq->since, 11);
    }
    report_period_name(&rq->period, period);
    snprintf(detail, sizeof detail, "period=%s station=%s kiosk=%s%s%.100s", period,
             id.station_code, id.kiosk, site ? " site=" : "", site ? id.site : "");
    if ((rc = store_audit(st, rq->supervisor_id, "export.report", NULL, detail, now_ms)) != 0)
        return export_msgf(err, errlen, EXPORT_ESTORE, MSGD_EXPORT, EXPORT_M_AUDIT_WRITE, "%s",
                           store_strerror(rc));
    if ((rc = report_audit_head(st, id.audit_head, sizeof id.audit_head)) != 0)
        return export_msgf(err, errlen, EXPORT_ESTORE, MSGD_EXPORT, EXPORT_M_AUDIT_READ, "%s",
                           store_strerror(rc));

    if ((rc = report_writer_open(&w, rq->root, &id, &rq->period, 0, now_ms, err, errlen)) != 0)
        return rc;
    struct store_query q;
    memset(&q, 0, sizeof q);
    q.status = -1;
    q.day_from = rq->period.from;
    q.day_to = rq->period.to;
    q.site = site; /* NULL: every site */
    struct feed f = {.w = w, .kiosk = id.kiosk};
    rc = store_list(st, &q, on_row, &f);
    if (f.rc != 0) { /* a write failed: finish says which way, and commits nothing */
        rc = report_writer_finish(w, store_keys(st), NULL, 0, err, errlen);
        if (rc == 0)
            rc = report_io_err_part(err, errlen, EIO, EXPORT_P_LIST);
        goto out;
    }
    if (rc != 0) {
        rc = export_msgf(err, errlen, EXPORT_ESTORE, MSGD_EXPORT, EXPORT_M_STORE_READ, "%s",
                         store_strerror(rc));
        goto out;
    }
    if (rq->since && !site) {
        long counts[APP_STATUS_COUNT];
        if ((rc = store_count_range(st, rq->since, rq->period.to, counts)) != 0) {
            rc = export_msgf(err, errlen, EXPORT_ESTORE, MSGD_EXPORT, EXPORT_M_TOTALS, "%s",
                             store_strerror(rc));
            goto out;
        }
        report_writer_cumulative(w, counts);
    }
    rc = report_writer_finish(w, store_keys(st), final_dir, final_len, err, errlen);
out:
    report_writer_free(w);
    return rc;
}
