/* export_list.c: the supervisor's list "Mẫu số 02", one row per application, CSV or JSON.
 *
 * Columns of the official list (STT, Họ tên, Ngày sinh dd/mm/yyyy, HKTT, Số CCCD, Số điện
 * thoại, Đã đăng ký định danh) then the kiosk's own (application id, status label, the
 * reason of a rejection "CODE: text", time queued dd/mm/yyyy HH:MM local, officer). CSV: UTF-8 with
 * a BOM so spreadsheet programs show the diacritics, CRLF line ends (RFC 4180). JSON: an array of
 * objects, one per line. Rows are written straight to the stream in the order given; STT counts
 * from 1. A purged row (personal data deleted after retention) keeps its id, status and times. */
#include <string.h>

#include "kiosk/export/export.h"
#include "kiosk/model/timefmt.h"

static const char *const list_header[] = {
    EXPORT_FORM02_FIRST_COLUMNS, "Đã đăng ký định danh", "Mã hồ sơ", "Trạng thái", "Lý do",
    "Thời gian tiếp nhận",       "Cán bộ tiếp nhận",
};
static const char *const list_keys[] = {
    "stt",        "ho_ten",        "ngay_sinh",           "hktt",
    "so_cccd",    "so_dien_thoai", "dang_ky_dinh_danh",   "ma_ho_so",
    "trang_thai", "ly_do",         "thoi_gian_tiep_nhan", "can_bo",
};
#define LIST_COLUMNS (sizeof list_header / sizeof list_header[0])
#define PURGED_NAME  "(đã xóa dữ liệu cá nhân theo thời hạn lưu trữ)"

int export_list_begin(struct export_list *l, FILE *f, int json)
{
    memset(l, 0, sizeof *l);
    l->f = f;
    l->json = json;
    if (json)
        return fputs("[", f) < 0 ? EXPORT_EIO : 0;
    if (fputs("\xEF\xBB\xBF", f) < 0)
        return EXPORT_EIO;
    for (size_t i = 0; i < LIST_COLUMNS; i++) {
        if ((i > 0 && fputc(',', f) == EOF) || export_csv_cell(f, list_header[i]) != 0)
            return EXPORT_EIO;
    }
    return fputs("\r\n", f) < 0 ? EXPORT_EIO : 0;
}

int export_list_row(struct export_list *l, const struct store_row *row)
{
    char stt[24], dob[11] = "", queued[17] = "",
                  reason[sizeof row->reason_code + 2 + sizeof row->reason];
    const char *cells[LIST_COLUMNS];
    int rc = 0;

    snprintf(stt, sizeof stt, "%ld", l->n + 1);
    if (row->identity.dob[0])
        time_iso_to_vn(row->identity.dob, dob);
    if (row->queued_at > 0)
        time_local_display(row->queued_at, queued);
    cells[0] = stt;
    cells[1] = row->purged ? PURGED_NAME : row->identity.full_name;
    cells[2] = dob;
    cells[3] = row->identity.residence;
    cells[4] = row->identity.personal_id;
    cells[5] = row->phone;
    cells[6] = EXPORT_LEVEL_LABEL;
    cells[7] = row->id;
    cells[8] = export_status_label(row->status);
    snprintf(reason, sizeof reason, "%s%s%s", row->reason_code,
             row->reason_code[0] && row->reason[0] ? ": " : "", row->reason);
    cells[9] = reason;
    cells[10] = queued;
    cells[11] = row->officer;

    if (l->json) {
        if (fputs(l->n == 0 ? "\n{" : ",\n{", l->f) < 0)
            return EXPORT_EIO;
        for (size_t i = 0; i < LIST_COLUMNS && rc == 0; i++) {
            if (i > 0 && fputc(',', l->f) == EOF)
                return EXPORT_EIO;
            if (fprintf(l->f, "\"%s\":", list_keys[i]) < 0)
                return EXPORT_EIO;
            rc = i == 0 ? (fputs(stt, l->f) < 0 ? EXPORT_EIO : 0)
                        : export_json_string(l->f, cells[i]);
        }
        if (rc == 0 && fputc('}', l->f) == EOF)
            rc = EXPORT_EIO;
    } else {
        for (size_t i = 0; i < LIST_COLUMNS && rc == 0; i++) {
            if (i > 0 && fputc(',', l->f) == EOF)
                return EXPORT_EIO;
            rc = export_csv_cell(l->f, cells[i]);
        }
        if (rc == 0 && fputs("\r\n", l->f) < 0)
            rc = EXPORT_EIO;
    }
    explicit_bzero(dob, sizeof dob);
    if (rc == 0)
        l->n++;
    return rc;
}

int export_list_end(struct export_list *l)
{
    if (l->json)
        return fputs(l->n == 0 ? "]\n" : "\n]\n", l->f) < 0 ? EXPORT_EIO : 0;
    return 0;
}
