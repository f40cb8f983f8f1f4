/* report_merge.c: one station report from several kiosks' reports of one period.
 *
 * Every source is verified against the keyring first (report_verify: a key known in advance,
 * registered for the station and kiosk the source names); then all must be of one station and
 * one period, no kiosk may come twice, no application may appear twice, and every kiosk the
 * keyring registers for the station must be there (a missing kiosk's day would make the
 * station's totals silently short). Rows are read back from each source's JSON list, merged
 * oldest first, and written as a new report (report_writer) named "toan-tram-<period>", its
 * manifest naming every kiosk, signed by the merging kiosk. Nothing is written when a check
 * fails. */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kiosk/base/file_read.h"
#include "kiosk/export/report.h"

#define MERGE_MAX_SOURCES 64
#define MERGE_MAX_ROWS    (1L << 20)

struct rows {
    struct report_row *v;
    size_t n, cap;
};

static int rows_push(struct rows *r, struct report_row **slot)
{
    if (r->n == r->cap) {
        size_t ncap = r->cap ? r->cap * 2 : 256;
        if (ncap > (size_t)MERGE_MAX_ROWS)
            return EXPORT_ENOMEM;
        struct report_row *g = calloc(ncap, sizeof *g);
        if (g == NULL)
            return EXPORT_ENOMEM;
        if (r->v) {
            memcpy(g, r->v, r->n * sizeof *g);
            explicit_bzero(r->v, r->cap * sizeof *g);
            free(r->v);
        }
        r->v = g;
        r->cap = ncap;
    }
    *slot = &r->v[r->n++];
    memset(*slot, 0, sizeof **slot);
    return 0;
}

static void copy_str(json_t *o, const char *key, char *out, size_t size)
{
    const char *s = json_string_value(json_object_get(o, key));
    snprintf(out, size, "%s", s ? s : "");
}

/* A source's JSON list is refused beyond this (a day of one kiosk is a few MB). */
#define REPORT_LIST_MAX_BYTES (256u << 20)

/* Reads the rows of one verified source's JSON list. */
static int read_rows(const char *dir, const struct report_info *in, struct rows *rows, char *err,
                     size_t errlen)
{
    const char *name = NULL;
    for (int i = 0; i < in->n_files; i++) {
        size_t n = strlen(in->files[i]);
        if (n > 5 && strcmp(in->files[i] + n - 5, ".json") == 0)
            name = in->files[i];
    }
    if (name == NULL)
        return export_msgf(err, errlen, EXPORT_EFORMAT, MSGD_EXPORT, EXPORT_M_MERGE_NO_JSON, "%s",
                           dir);
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int fd = dfd < 0 ? -1 : report_open_regular(dfd, name);
    if (dfd >= 0)
        close(dfd);
    if (fd < 0)
        return export_msgf(err, errlen, EXPORT_EIO, MSGD_EXPORT, EXPORT_M_MERGE_UNREADABLE, "%s%s",
                           dir, name);
    /* Read whole, then parsed: jansson's json_loadfd reads one byte a system call (2 s of a
     * ten-kiosk merge went into read()). */
    json_error_t je;
    unsigned char *text = NULL;
    size_t len = 0;
    int fr = file_read_fd(fd, REPORT_LIST_MAX_BYTES, &text, &len);
    close(fd);
    if (fr != FILE_READ_OK)
        return export_msgf(err, errlen, fr == FILE_READ_EBIG ? EXPORT_EFORMAT : EXPORT_EIO,
                           MSGD_EXPORT, EXPORT_M_MERGE_UNREADABLE, "%s%s", dir, name);
    json_t *root = json_loadb((const char *)text, len, 0, &je);
    free(text);
    json_t *arr = root ? json_object_get(root, "rows") : NULL;
    if (!json_is_array(arr)) {
        json_decref(root);
        return export_msgf(err, errlen, EXPORT_EFORMAT, MSGD_EXPORT, EXPORT_M_MERGE_FORMAT, "%s%s",
                           dir, name);
    }
    int rc = 0;
    size_t i;
    json_t *o;
    json_array_foreach(arr, i, o)
    {
        struct report_row *r;
        const char *status = json_string_value(json_object_get(o, "status"));
        if ((rc = rows_push(rows, &r)) != 0)
            break;
        if (status == NULL || app_status_parse(status, &r->status) != 0) {
            rc = export_msgf(err, errlen, EXPORT_EFORMAT, MSGD_EXPORT, EXPORT_M_MERGE_NO_STATUS,
                             "%s%s%zu", dir, name, i + 1);
            break;
        }
        copy_str(o, "id", r->id, sizeof r->id);
        r->created_at = (int64_t)json_integer_value(json_object_get(o, "created_at"));
        r->queued_at = (int64_t)json_integer_value(json_object_get(o, "queued_at"));
        copy_str(o, "officer", r->officer, sizeof r->officer);
        copy_str(o, "kiosk", r->kiosk, sizeof r->kiosk);
        copy_str(o, "site", r->site, sizeof r->site);
        copy_str(o, "ho_ten", r->name, sizeof r->name);
        copy_str(o, "ngay_sinh", r->dob, sizeof r->dob);
        copy_str(o, "hktt", r->residence, sizeof r->residence);
        copy_str(o, "so_cccd", r->pid, sizeof r->pid);
        copy_str(o, "so_dien_thoai", r->phone, sizeof r->phone);
        copy_str(o, "ly_do", r->reason, sizeof r->reason);
        r->purged = json_is_true(json_object_get(o, "purged"));
        if (strcmp(r->kiosk, in->ident.kiosk) != 0) {
            rc = export_msgf(err, errlen, EXPORT_EFORMAT, MSGD_EXPORT, EXPORT_M_MERGE_ROW_KIOSK,
                             "%s%s", dir, r->id);
            break;
        }
    }
    json_decref(root); /* jansson frees its strings without wiping: see README */
    return rc;
}

static int by_id(const void *a, const void *b)
{
    return strcmp(((const struct report_row *)a)->id, ((const struct report_row *)b)->id);
}

static int by_time(const void *a, const void *b)
{
    const struct report_row *x = a, *y = b;
    if (x->created_at != y->created_at)
        return x->created_at < y->created_at ? -1 : 1;
    return strcmp(x->id, y->id);
}

static int by_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int report_merge(const char *const *dirs, int n_dirs, const struct report_keyring *kr,
                 const char *out_root, const struct report_ident *by, const struct seal_keys *keys,
                 int64_t now_ms, char *final_dir, size_t final_len, char *err, size_t errlen)
{
    struct report_info *info = NULL;
    struct rows rows = {0};
    struct report_writer *w = NULL;
    struct report_ident id;
    int rc = 0;

    if (n_dirs < 1 || n_dirs > MERGE_MAX_SOURCES || by == NULL)
        return export_msgf(err, errlen, EXPORT_EINVAL, MSGD_EXPORT, EXPORT_M_MERGE_COUNT, "%d",
                           MERGE_MAX_SOURCES);
    if ((info = calloc((size_t)n_dirs, sizeof *info)) == NULL)
        return export_msg(err, errlen, EXPORT_ENOMEM, MSGD_EXPORT, EXPORT_M_NOMEM);
    for (int i = 0; i < n_dirs; i++) {
        char e[400];
        if ((rc = report_verify(dirs[i], kr, &info[i], e, sizeof e)) != 0) {
            rc = export_msgf(err, errlen, rc, MSGD_EXPORT, EXPORT_M_MERGE_UNVERIFIED, "%s%s",
                             dirs[i], e);
            goto out;
        }
        if (info[i].merged) {
            rc = export_msgf(err, errlen, EXPORT_EINVAL, MSGD_EXPORT, EXPORT_M_MERGE_ALREADY, "%s",
                             dirs[i]);
            goto out;
        }
        if (strcmp(info[i].ident.station_code, info[0].ident.station_code) != 0 ||
            info[i].period.kind != info[0].period.kind ||
            strcmp(info[i].period.from, info[0].period.from) != 0 ||
            strcmp(info[i].period.to, info[0].period.to) != 0) {
            char a[80], b[80];
            report_period_label(&info[0].period, a);
            report_period_label(&info[i].period, b);
            rc = export_msgf(err, errlen, EXPORT_EINVAL, MSGD_EXPORT, EXPORT_M_MERGE_OTHER_UNIT,
                             "%s%s%s%s%s", dirs[i], info[i].ident.station_code, b,
                             info[0].ident.station_code, a);
            goto out;
        }
        for (int j = 0; j < i; j++)
            if (strcmp(info[i].ident.kiosk, info[j].ident.kiosk) == 0) {
                rc = export_msgf(err, errlen, EXPORT_EEXISTS, MSGD_EXPORT, EXPORT_M_MERGE_TWICE,
                                 "%s%s%s", info[i].ident.kiosk, dirs[j], dirs[i]);
                goto out;
            }
    }
    for (int k = 0; k < kr->n; k++) {
        if (strcmp(kr->keys[k].station, info[0].ident.station_code) != 0)
            continue;
        int found = 0;
        for (int i = 0; i < n_dirs && !found; i++)
            found = strcmp(info[i].ident.kiosk, kr->keys[k].kiosk) == 0;
        if (!found) {
            char a[80];
            report_period_label(&info[0].period, a);
            rc = export_msgf(err, errlen, EXPORT_EMISSING, MSGD_EXPORT,
                             EXPORT_M_MERGE_MISSING_KIOSK, "%s%s", kr->keys[k].kiosk, a);
            goto out;
        }
    }
    for (int i = 0; i < n_dirs; i++)
        if ((rc = read_rows(dirs[i], &info[i], &rows, err, errlen)) != 0)
            goto out;
    qsort(rows.v, rows.n, sizeof *rows.v, by_id);
    for (size_t i = 1; i < rows.n; i++)
        if (strcmp(rows.v[i].id, rows.v[i - 1].id) == 0) {
            rc = export_msgf(err, errlen, EXPORT_EEXISTS, MSGD_EXPORT, EXPORT_M_MERGE_ROW_TWICE,
                             "%s%s%s", rows.v[i].id, rows.v[i - 1].kiosk, rows.v[i].kiosk);
            goto out;
        }
    qsort(rows.v, rows.n, sizeof *rows.v, by_time);

    id = *by;
    snprintf(id.station_code, sizeof id.station_code, "%s", info[0].ident.station_code);
    {
        const char *names[MERGE_MAX_SOURCES];
        size_t off = 0;
        for (int i = 0; i < n_dirs; i++)
            names[i] = info[i].ident.kiosk;
        qsort(names, (size_t)n_dirs, sizeof names[0], by_str);
        id.kiosk[0] = '\0';
        for (int i = 0; i < n_dirs; i++) {
            int n = snprintf(id.kiosk + off, sizeof id.kiosk - off, "%s%s", i ? "," : "", names[i]);
            if (n < 0 || (size_t)n >= sizeof id.kiosk - off) {
                rc = export_msg(err, errlen, EXPORT_EINVAL, MSGD_EXPORT, EXPORT_M_MERGE_TOO_MANY);
                goto out;
            }
            off += (size_t)n;
        }
    }
    if ((rc = report_writer_open(&w, out_root, &id, &info[0].period, 1, now_ms, err, errlen)) != 0)
        goto out;
    for (size_t i = 0; i < rows.n; i++)
        if ((rc = report_writer_row(w, &rows.v[i])) != 0) {
            rc = report_io_err_part(err, errlen, EIO, EXPORT_P_STATION_REPORT);
            goto out;
        }
    rc = report_writer_finish(w, keys, final_dir, final_len, err, errlen);
out:
    report_writer_free(w);
    if (rows.v) {
        explicit_bzero(rows.v, rows.cap * sizeof *rows.v);
        free(rows.v);
    }
    free(info);
    return rc;
}
