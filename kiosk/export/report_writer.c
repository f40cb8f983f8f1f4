/* report_writer.c: every file of one report, from rows given one by one.
 *
 * Rows stream straight into the CSV, the JSON and the workbook (no heap copy of personal
 * data; the stdio buffers are ours and wiped at close) and into the totals. finish writes the
 * summary, the signed manifest, fsyncs and renames the directory into place (report_dir.c).
 * Until then everything is in the hidden temporary directory, removed on any failure. */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kiosk/export/report.h"
#include "kiosk/model/timefmt.h"

#define BUF_SIZE (64 * 1024)

struct out_file {
    FILE *f;
    char *buf;
    char name[EXPORT_FILE_NAME_MAX + 1];
};

struct report_writer {
    struct report_dir dir;
    struct report_ident id;
    struct report_period period;
    int merged;
    int64_t now_ms;
    struct out_file csv, json, sum;
    struct report_xlsx *xlsx;
    char xlsx_name[EXPORT_FILE_NAME_MAX + 1];
    struct report_totals totals;
    long rows;
    int failed; /* errno of the first write failure, or -1 */
};

static int out_open(struct report_writer *w, struct out_file *o, const char *name)
{
    int fd;
    snprintf(o->name, sizeof o->name, "%s", name);
    if ((o->buf = malloc(BUF_SIZE)) == NULL)
        return -ENOMEM;
    int rc = report_dir_create(&w->dir, name, &fd);
    if (rc != 0)
        return rc;
    if ((o->f = fdopen(fd, "w")) == NULL) {
        close(fd);
        return -errno;
    }
    setvbuf(o->f, o->buf, _IOFBF, BUF_SIZE);
    return 0;
}

/* Flushes, fsyncs and closes: 0 or -errno. */
static int out_close(struct out_file *o)
{
    int rc = 0;
    if (o->f) {
        if (fflush(o->f) != 0 || fsync(fileno(o->f)) != 0)
            rc = -errno;
        if (fclose(o->f) != 0 && rc == 0)
            rc = -errno;
        o->f = NULL;
    }
    if (o->buf) {
        explicit_bzero(o->buf, BUF_SIZE);
        free(o->buf);
        o->buf = NULL;
    }
    return rc;
}

void report_site_suffix(const char *site, char out[16])
{
    unsigned char sum[crypto_hash_sha256_BYTES];
    out[0] = '\0';
    if (!site || !site[0])
        return;
    crypto_hash_sha256(sum, (const unsigned char *)site, strlen(site));
    snprintf(out, 16, "_dd-%02x%02x%02x%02x", sum[0], sum[1], sum[2], sum[3]);
}

static void file_name(char *out, const char *prefix, const struct report_ident *id,
                      const char *kiosk, const char *period, const char *ext)
{
    snprintf(out, EXPORT_FILE_NAME_MAX + 1, "%.10s_%.15s_%.31s_%.40s.%.5s", prefix,
             id->station_code, kiosk, period, ext);
}

/* A name for file or manifest lines: no control characters. */
static int name_ok(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return 0;
    return 1;
}

int report_writer_open(struct report_writer **out, const char *root, const struct report_ident *id,
                       const struct report_period *p, int merged, int64_t now_ms, char *err,
                       size_t errlen)
{
    char period[EXPORT_NAME_SIZE], final[EXPORT_NAME_SIZE + 16], name[EXPORT_FILE_NAME_MAX + 1];
    const char *kiosk = merged ? "toan-tram" : id->kiosk;
    int rc;

    *out = NULL;
    if (!report_code_ok(id->station_code, sizeof id->station_code) ||
        (!merged && !report_code_ok(id->kiosk, 32)))
        return export_msg(err, errlen, EXPORT_EINVAL, MSGD_EXPORT, EXPORT_M_IDENT_CHARS);
    if (!name_ok(id->supervisor_name) || !id->supervisor_name[0] || !name_ok(id->preparer_name) ||
        !name_ok(id->station_name) || !report_code_ok(id->supervisor_id, APP_OFFICER_SIZE))
        return export_msg(err, errlen, EXPORT_EINVAL, MSGD_EXPORT, EXPORT_M_SIGNER_NO_NAME);
    struct report_writer *w = calloc(1, sizeof *w);
    if (w == NULL)
        return export_msg(err, errlen, EXPORT_ENOMEM, MSGD_EXPORT, EXPORT_M_NOMEM_RETRY);
    w->id = *id;
    w->period = *p;
    w->merged = merged;
    w->now_ms = now_ms;
    w->failed = -1;
    w->dir.station_fd = w->dir.tmp_fd = -1;
    if (report_totals_init(&w->totals) != 0) {
        free(w);
        return export_msg(err, errlen, EXPORT_ENOMEM, MSGD_EXPORT, EXPORT_M_NOMEM_RETRY);
    }
    report_period_name(p, period);
    char cut[16];
    report_site_suffix(id->site, cut);
    snprintf(final, sizeof final, "%s%.40s%s", merged ? "toan-tram-" : "", period, cut);
    if ((rc = report_dir_open(&w->dir, root, id->station_code, final, err, errlen)) != 0) {
        report_totals_free(&w->totals);
        free(w);
        return rc;
    }
    file_name(name, "danh-sach", id, kiosk, period, "csv");
    if ((rc = out_open(w, &w->csv, name)) != 0)
        goto io;
    file_name(name, "danh-sach", id, kiosk, period, "json");
    if ((rc = out_open(w, &w->json, name)) != 0)
        goto io;
    file_name(w->xlsx_name, "mau-so-02", id, kiosk, period, "xlsx");
    int fd;
    if ((rc = report_dir_create(&w->dir, w->xlsx_name, &fd)) != 0)
        goto io;
    close(fd);
    char xpath[8400];
    snprintf(xpath, sizeof xpath, "%s/%s/%s", w->dir.station_path, w->dir.tmp_name, w->xlsx_name);
    if (report_xlsx_open(&w->xlsx, xpath, NULL, id, p, now_ms) != 0) {
        rc = -EIO;
        goto io;
    }
    /* the CSV: BOM (spreadsheets then read UTF-8), header */
    fputs("\xEF\xBB\xBF", w->csv.f);
    for (int i = 0; i < REPORT_COLUMNS; i++) {
        if (i)
            fputc(',', w->csv.f);
        export_csv_cell(w->csv.f, report_col_header[i]);
    }
    fputs("\r\n", w->csv.f);
    fputs("{\"station\":", w->json.f);
    export_json_string(w->json.f, id->station_code);
    fputs(",\"kiosk\":", w->json.f);
    export_json_string(w->json.f, id->kiosk);
    fprintf(w->json.f, ",\"period\":\"%s\",\"from\":\"%s\",\"to\":\"%s\",\"rows\":[",
            report_kind_name(p->kind), p->from, p->to);
    *out = w;
    return 0;
io:
    rc = report_io_err_part(err, errlen, -rc, EXPORT_P_REPORT);
    report_writer_free(w);
    return rc;
}

/* An ID or phone: a spreadsheet opening the CSV would drop the leading zero of a number, so
 * a cell of digits is written as the text formula ="0…" (digits only: nothing to inject). */
static void csv_text_cell(FILE *f, const char *s)
{
    size_t n = strlen(s);
    int digits = n > 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            digits = 0;
    if (digits)
        fprintf(f, "\"=\"\"%s\"\"\"", s);
    else
        export_csv_cell(f, s);
}

static void json_field(FILE *f, const char *key, const char *val)
{
    fprintf(f, ",\"%s\":", key);
    export_json_string(f, val);
}

int report_writer_row(struct report_writer *w, const struct report_row *r)
{
    char stt[24], dob[11] = "", when[17] = "";
    const char *name = r->purged ? "(đã xóa dữ liệu cá nhân theo thời hạn lưu trữ)" : r->name;
    int64_t t = r->queued_at > 0 ? r->queued_at : r->created_at;
    long n = w->rows + 1;
    int rc;

    if ((rc = report_totals_add(&w->totals, r, w->now_ms)) != 0)
        return rc;
    snprintf(stt, sizeof stt, "%ld", n);
    if (r->dob[0])
        time_iso_to_vn(r->dob, dob);
    if (t > 0)
        time_local_display(t, when);
    const char *cells[REPORT_COLUMNS] = {
        stt,
        name,
        dob,
        r->residence,
        r->pid,
        r->phone,
        report_level_label(r->status),
        r->id,
        export_status_label(r->status),
        r->reason,
        when,
        r->officer,
        r->site[0] ? r->site : "Tại trụ sở",
        r->kiosk,
    };
    FILE *f = w->csv.f;
    for (int i = 0; i < REPORT_COLUMNS; i++) {
        if (i)
            fputc(',', f);
        if (i == 4 || i == 5)
            csv_text_cell(f, cells[i]);
        else
            export_csv_cell(f, cells[i]);
    }
    fputs("\r\n", f);

    f = w->json.f;
    fprintf(f, "%s\n{\"stt\":%ld", w->rows ? "," : "", n);
    json_field(f, "id", r->id);
    json_field(f, "status", app_status_name(r->status));
    json_field(f, "trang_thai", export_status_label(r->status));
    json_field(f, "dinh_danh", report_level_label(r->status));
    fprintf(f, ",\"created_at\":%lld,\"queued_at\":%lld", (long long)r->created_at,
            (long long)r->queued_at);
    json_field(f, "officer", r->officer);
    json_field(f, "kiosk", r->kiosk);
    json_field(f, "site", r->site);
    json_field(f, "ho_ten", r->purged ? "" : r->name);
    json_field(f, "ngay_sinh", r->dob);
    json_field(f, "hktt", r->residence);
    json_field(f, "so_cccd", r->pid);
    json_field(f, "so_dien_thoai", r->phone);
    json_field(f, "ly_do", r->reason);
    fprintf(f, ",\"purged\":%s}", r->purged ? "true" : "false");

    if (report_xlsx_row(w->xlsx, n, r) != 0 && w->failed < 0)
        w->failed = errno ? errno : EIO;
    explicit_bzero(dob, sizeof dob);
    if ((ferror(w->csv.f) || ferror(w->json.f)) && w->failed < 0)
        w->failed = errno ? errno : EIO;
    w->rows = n;
    return w->failed >= 0 ? EXPORT_EIO : 0;
}

void report_writer_cumulative(struct report_writer *w, const long counts[APP_STATUS_COUNT])
{
    w->totals.has_cumulative = 1;
    w->totals.cumulative_total = 0;
    for (int i = 0; i < APP_STATUS_COUNT; i++) {
        w->totals.cumulative[i] = counts[i];
        w->totals.cumulative_total += counts[i];
    }
}

long report_writer_rows(const struct report_writer *w)
{
    return w->rows;
}

static void write_counts(FILE *f, const long counts[APP_STATUS_COUNT], long total)
{
    for (int s = 0; s < APP_STATUS_COUNT; s++)
        if (counts[s] || s == APP_QUEUED || s == APP_SUBMITTED || s == APP_APPROVED ||
            s == APP_REJECTED)
            fprintf(f, "   %s: %ld\r\n", export_status_label((enum app_status)s), counts[s]);
    fprintf(f, "   Tổng cộng: %ld\r\n", total);
}

static void write_groups(FILE *f, const struct report_group *g, size_t n, const char *empty_name)
{
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "   %s: %ld (", g[i].key[0] ? g[i].key : empty_name, g[i].total);
        int first = 1;
        for (int s = 0; s < APP_STATUS_COUNT; s++) {
            if (!g[i].counts[s])
                continue;
            fprintf(f, "%s%s %ld", first ? "" : ", ", export_status_label((enum app_status)s),
                    g[i].counts[s]);
            first = 0;
        }
        fputs(")\r\n", f);
    }
    if (n == 0)
        fputs("   Không có.\r\n", f);
}

static void write_summary(struct report_writer *w, FILE *f)
{
    char label[80], made[17], since[11];
    const struct report_totals *t = &w->totals;
    report_period_label(&w->period, label);
    time_local_display(w->now_ms, made);
    fprintf(f,
            "%s\r\nMã đơn vị: %s · Máy: %s\r\n\r\n"
            "TỔNG HỢP KẾT QUẢ TIẾP NHẬN HỒ SƠ ĐĂNG KÝ TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ MỨC ĐỘ 2\r\n"
            "%s\r\nLập lúc: %s\r\n\r\n1. Số hồ sơ theo trạng thái\r\n",
            w->id.station_name, w->id.station_code, w->id.kiosk, label, made);
    if (w->id.site[0]) /* a cut: says so before any figure */
        fprintf(f, "Chỉ gồm hồ sơ tiếp nhận tại: %s\r\n\r\n",
                strcmp(w->id.site, REPORT_SITE_STATION) == 0 ? "Tại trụ sở" : w->id.site);
    write_counts(f, t->counts, t->total);
    fputs("\r\n2. Theo cán bộ tiếp nhận\r\n", f);
    write_groups(f, t->officers, t->n_officers, "(không rõ)");
    fputs("\r\n3. Theo điểm tiếp nhận\r\n", f);
    write_groups(f, t->sites, t->n_sites, "Tại trụ sở");
    fputs("\r\n4. Theo máy\r\n", f);
    write_groups(f, t->kiosks, t->n_kiosks, "(không rõ)");
    if (t->has_cumulative) {
        time_iso_to_vn(w->id.since, since);
        fprintf(f, "\r\n5. Lũy kế từ ngày %s đến hết kỳ báo cáo\r\n", since);
        write_counts(f, t->cumulative, t->cumulative_total);
    }
    fprintf(f,
            "\r\n%d. Hồ sơ trong kỳ quá %d ngày làm việc chưa có kết quả: %ld\r\n"
            "   Hồ sơ không đạt, cần mời công dân tạo lại hồ sơ: %ld\r\n",
            t->has_cumulative ? 6 : 5, EXPORT_DEADLINE_WORKING_DAYS, t->overdue,
            t->counts[APP_REJECTED]);
    fprintf(f, "\r\nNGƯỜI LẬP BIỂU: %s\r\nLÃNH ĐẠO ĐƠN VỊ: %s\r\n",
            w->id.preparer_name[0] ? w->id.preparer_name : w->id.supervisor_name,
            w->id.supervisor_name);
}

int report_writer_finish(struct report_writer *w, const struct seal_keys *keys, char *final_dir,
                         size_t final_len, char *err, size_t errlen)
{
    char period[EXPORT_NAME_SIZE], sum_name[EXPORT_FILE_NAME_MAX + 1];
    int rc;

    if (w->failed >= 0)
        return report_io_err_part(err, errlen, w->failed, EXPORT_P_LIST);
    fputs(w->rows ? "\n]}\n" : "]}\n", w->json.f);
    if ((rc = out_close(&w->csv)) != 0 || (rc = out_close(&w->json)) != 0)
        return report_io_err_part(err, errlen, -rc, EXPORT_P_LIST);
    if (w->failed >= 0)
        return report_io_err_part(err, errlen, w->failed, EXPORT_P_LIST);
    rc = report_xlsx_close(w->xlsx, w->rows);
    w->xlsx = NULL;
    if (rc != 0)
        return report_io_err_part(err, errlen, EIO, EXPORT_P_FORM02);
    /* libxlsxwriter closed the workbook without fsync: do it here */
    int xfd = report_open_regular(w->dir.tmp_fd, w->xlsx_name);
    if (xfd < 0 || fsync(xfd) != 0) {
        if (xfd >= 0)
            close(xfd);
        return report_io_err_part(err, errlen, EIO, EXPORT_P_FORM02);
    }
    close(xfd);

    report_period_name(&w->period, period);
    file_name(sum_name, "tong-hop", &w->id, w->merged ? "toan-tram" : w->id.kiosk, period, "txt");
    if ((rc = out_open(w, &w->sum, sum_name)) != 0)
        return report_io_err_part(err, errlen, -rc, EXPORT_P_SUMMARY);
    write_summary(w, w->sum.f);
    if ((rc = out_close(&w->sum)) != 0)
        return report_io_err_part(err, errlen, -rc, EXPORT_P_SUMMARY);

    const char *files[4] = {w->xlsx_name, w->csv.name, w->json.name, sum_name};
    if ((rc = report_manifest_write(&w->dir, &w->id, &w->period, w->merged, w->now_ms, keys, files,
                                    4, err, errlen)) != 0)
        return rc;
    return report_dir_commit(&w->dir, final_dir, final_len, err, errlen);
}

void report_writer_free(struct report_writer *w)
{
    if (w == NULL)
        return;
    out_close(&w->csv);
    out_close(&w->json);
    out_close(&w->sum);
    if (w->xlsx)
        report_xlsx_close(w->xlsx, w->rows);
    report_dir_close(&w->dir);
    report_totals_free(&w->totals);
    explicit_bzero(w, sizeof *w);
    free(w);
}
