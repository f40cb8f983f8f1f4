/* bundle_export.c: the mobile kiosk writes its waiting applications to a USB stick
 * (bundle.h). */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kiosk/base/fd_write.h"
#include "kiosk/field/bundle.h"
#include "kiosk/model/timefmt.h"
#include "kiosk/store/store_handover.h"

/* Closes fd after fsync; the first errno, or 0. */
static int sync_close(int fd)
{
    int e = fsync(fd) != 0 ? errno : 0;
    if (close(fd) != 0 && e == 0)
        e = errno;
    return e;
}

/* Writes one application (document, then payload) to the data file and its line to the
 * index. 0, an errno (the stick), or -1 (the store: err set). */
static int put_item(struct store *st, const struct config *cfg, const char *id, int dat, FILE *idx,
                    long long *at, char *err, size_t errlen)
{
    struct outbox_item it;
    int rc = store_outbox_get(st, id, &it);
    if (rc != 0) {
        export_msgf(err, errlen, EXPORT_ESTORE, MSGD_FIELD, FIELD_M_READ_WAITING, "%s",
                    store_strerror(rc));
        return -1;
    }
    char *doc = sync_proto_application(it.id, cfg->station_code, cfg->kiosk_id, it.envelope_json,
                                       it.digest, it.payload_len);
    if (!doc) {
        outbox_item_wipe(&it);
        export_msg(err, errlen, EXPORT_ENOMEM, MSGD_FIELD, FIELD_M_NOMEM_ITEM);
        return -1;
    }
    size_t doc_len = strlen(doc);
    int e = fd_write_all(dat, doc, doc_len);
    if (e == 0)
        e = fd_write_all(dat, it.payload, it.payload_len);
    if (e == 0 && fprintf(idx, "%s %s %lld %zu %lld %zu\n", it.id, it.digest, *at, doc_len,
                          *at + (long long)doc_len, it.payload_len) < 0)
        e = EIO;
    *at += (long long)(doc_len + it.payload_len);
    sodium_memzero(doc, doc_len); /* the envelope holds personal data */
    free(doc);
    outbox_item_wipe(&it);
    return e;
}

int bundle_export(struct store *st, const struct config *cfg, const char *root, const char *officer,
                  int64_t now_ms, struct bundle_export_result *res, char *err, size_t errlen)
{
    struct report_dir d;
    struct report_ident ident;
    struct report_period period;
    char *ids = NULL, *idx_text = NULL, day[11], stamp[21], anchor_line[110];
    size_t idx_len = 0;
    long n = 0;
    long long at = 0;
    int rc, e = 0, dat = -1, fd;
    FILE *idx = NULL;
    long long aseq;
    char ahash[65];

    memset(res, 0, sizeof *res);
    if (!report_code_ok(cfg->kiosk_id, 32) || !report_code_ok(cfg->station_code, 16))
        return export_msg(err, errlen, EXPORT_EINVAL, MSGD_FIELD, FIELD_M_IDENT);
    if ((rc = store_outbox_pending_ids(st, &ids, &n)) != 0)
        return export_msgf(err, errlen, EXPORT_ESTORE, MSGD_FIELD, FIELD_M_READ_QUEUE, "%s",
                           store_strerror(rc));
    if (n == 0) {
        free(ids);
        return export_msg(err, errlen, EXPORT_EINVAL, MSGD_FIELD, FIELD_M_NOTHING);
    }
    /* the anchor goes upward with the bundle, as with every sync request (PROTOCOL.md §1);
     * a trail edited anywhere (not only cut short of the anchor) hands nothing over: the
     * station would take the applications on the word of a kiosk that lost its record */
    struct audit_check chk;
    if ((rc = store_audit_check(st, &chk)) != 0 ||
        (rc = store_audit_anchor(st, &aseq, ahash)) != 0) {
        free(ids);
        return export_msgf(err, errlen, EXPORT_ESTORE, MSGD_FIELD, FIELD_M_AUDIT_BROKEN, "%s",
                           store_strerror(rc));
    }
    time_iso_utc(now_ms, stamp); /* YYYY-MM-DDTHH:MM:SSZ */
    snprintf(res->name, sizeof res->name, "%s%s_%.4s%.2s%.2s-%.2s%.2s%.2s", BUNDLE_PREFIX,
             cfg->kiosk_id, stamp, stamp + 5, stamp + 8, stamp + 11, stamp + 14, stamp + 17);
    snprintf(res->anchor, sizeof res->anchor, "%lld:%s", aseq, ahash);
    if ((rc = report_dir_open(&d, root, cfg->station_code, res->name, err, errlen)) != 0) {
        free(ids);
        return rc;
    }
    idx = open_memstream(&idx_text, &idx_len);
    if (!idx) {
        rc = export_msg(err, errlen, EXPORT_ENOMEM, MSGD_EXPORT, EXPORT_M_NOMEM_RETRY);
        goto out;
    }
    fprintf(idx, "%s\n", BUNDLE_MAGIC);
    if ((e = -report_dir_create(&d, BUNDLE_DATA, &dat)) != 0)
        goto io;
    for (long i = 0; i < n; i++) {
        int r = put_item(st, cfg, ids + i * APP_ID_SIZE, dat, idx, &at, err, errlen);
        if (r < 0) {
            rc = EXPORT_ESTORE;
            goto out;
        }
        if ((e = r) != 0)
            goto io;
    }
    e = sync_close(dat);
    dat = -1;
    if (e != 0)
        goto io;
    if (fclose(idx) != 0) {
        idx = NULL;
        rc = export_msg(err, errlen, EXPORT_ENOMEM, MSGD_EXPORT, EXPORT_M_NOMEM_RETRY);
        goto out;
    }
    idx = NULL;
    if ((e = -report_dir_create(&d, BUNDLE_INDEX, &fd)) != 0)
        goto io;
    if ((e = fd_write_all(fd, idx_text, idx_len)) != 0) {
        close(fd);
        goto io;
    }
    if ((e = sync_close(fd)) != 0)
        goto io;
    snprintf(anchor_line, sizeof anchor_line, "%s\n", res->anchor);
    if ((e = -report_dir_create(&d, BUNDLE_ANCHOR, &fd)) != 0)
        goto io;
    if ((e = fd_write_all(fd, anchor_line, strlen(anchor_line))) != 0) {
        close(fd);
        goto io;
    }
    if ((e = sync_close(fd)) != 0)
        goto io;

    memset(&ident, 0, sizeof ident);
    snprintf(ident.station_code, sizeof ident.station_code, "%s", cfg->station_code);
    snprintf(ident.station_name, sizeof ident.station_name, "%s", cfg->station_name);
    snprintf(ident.kiosk, sizeof ident.kiosk, "%s", cfg->kiosk_id);
    snprintf(ident.signer, sizeof ident.signer, "%s", cfg->kiosk_id);
    snprintf(ident.supervisor_id, sizeof ident.supervisor_id, "%s",
             officer && *officer ? officer : "-");
    snprintf(ident.audit_head, sizeof ident.audit_head, "%s", res->anchor);
    time_day(now_ms, day);
    report_period_day(day, &period);
    static const char *const files[] = {BUNDLE_INDEX, BUNDLE_DATA, BUNDLE_ANCHOR};
    if ((rc = report_manifest_write(&d, &ident, &period, 0, now_ms, store_keys(st), files, 3, err,
                                    errlen)) != 0)
        goto out;
    if ((rc = report_dir_commit(&d, res->dir, sizeof res->dir, err, errlen)) != 0)
        goto out;
    res->count = n;
    res->bytes = at;
    /* only now, with the bundle whole on the stick: handed over, not yet confirmed */
    if ((rc = store_handover_mark(st, ids, n, res->name, now_ms)) != 0) {
        rc = export_msgf(err, errlen, EXPORT_ESTORE, MSGD_FIELD, FIELD_M_NOT_RECORDED, "%s%s",
                         res->name, store_strerror(rc));
        goto out;
    }
    rc = 0;
    goto out;
io:
    rc = report_io_err_part(err, errlen, e, EXPORT_P_BUNDLE);
out:
    if (dat >= 0)
        close(dat);
    if (idx)
        fclose(idx);
    free(idx_text);
    free(ids);
    report_dir_close(&d);
    return rc;
}
