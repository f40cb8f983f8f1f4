/* report_xlsx.c: Mẫu số 02 as an .xlsx workbook (libxlsxwriter), for people to read and print.
 *
 * One sheet, laid out like the paper form:
 *   the unit in capitals and the station/kiosk codes (left), the national motto (right),
 *   "Mẫu số 02", the title (terms-vi.md: BÁO CÁO KẾT QUẢ TIẾP NHẬN HỒ SƠ ĐĂNG KÝ TÀI KHOẢN ĐỊNH
 *   DANH ĐIỆN TỬ MỨC ĐỘ 2), the period, the header row, one row per application, the total,
 *   then the place and date and two signature blocks, NGƯỜI LẬP BIỂU and LÃNH ĐẠO ĐƠN VỊ, with
 *   full names.
 * Cells: personal ID and phone are text cells with a text ("@") format, so their leading
 * zeros stay; the date of birth is a date cell shown dd/mm/yyyy, the time received a date-time
 * cell; STT a number. Print setup: A4 landscape, fit to one page wide, header row repeated on
 * every page, narrow margins. The workbook is written in constant-memory mode (rows streamed
 * to a temporary file in tmpdir), so 10 000 rows cost little memory. */
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <uninorm.h>
#include <xlsxwriter.h>

#include "kiosk/export/report.h"
#include "kiosk/model/timefmt.h"

#define PAPER_A4    9
#define FIRST_ROW   8 /* the header row; data follows */
#define LAST_COLUMN (REPORT_COLUMNS - 1)

struct report_xlsx {
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_format *text, *num, *date, *datetime, *head, *title, *bold, *center, *italic, *plain;
    struct report_ident id;
    struct report_period period;
    int64_t now_ms;
    char tmpdir[4096];
};

static const double col_width[REPORT_COLUMNS] = {5,  24, 11, 34, 14, 12, 12,
                                                 28, 18, 24, 16, 12, 14, 14};

static lxw_format *fmt(lxw_workbook *wb, int bold, int border, int align, const char *num,
                       double size, int wrap)
{
    lxw_format *f = workbook_add_format(wb);
    if (f == NULL)
        return NULL;
    format_set_font_name(f, "Times New Roman");
    format_set_font_size(f, size);
    if (bold)
        format_set_bold(f);
    if (border)
        format_set_border(f, LXW_BORDER_THIN);
    if (align)
        format_set_align(f, (uint8_t)align);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    if (num)
        format_set_num_format(f, num);
    if (wrap)
        format_set_text_wrap(f);
    return f;
}

/* The unit's name in capitals ("CÔNG AN PHƯỜNG …"), Unicode-aware. */
static void upper(const char *s, char *out, size_t size)
{
    size_t n = size - 1;
    uint8_t *r = u8_toupper((const uint8_t *)s, strlen(s), NULL, UNINORM_NFC, (uint8_t *)out, &n);
    if (r == NULL) {
        snprintf(out, size, "%s", s);
        return;
    }
    if (r != (uint8_t *)out) { /* did not fit: keep the text as given */
        free(r);
        snprintf(out, size, "%s", s);
        return;
    }
    out[n < size ? n : size - 1] = '\0';
}

int report_xlsx_open(struct report_xlsx **out, const char *path, const char *tmpdir,
                     const struct report_ident *id, const struct report_period *p, int64_t now_ms)
{
    struct report_xlsx *x = calloc(1, sizeof *x);
    char unit[256], codes[512], period[80];
    *out = NULL;
    if (x == NULL)
        return EXPORT_ENOMEM;
    x->id = *id;
    x->period = *p;
    x->now_ms = now_ms;
    snprintf(x->tmpdir, sizeof x->tmpdir, "%s", tmpdir ? tmpdir : "/tmp");
    lxw_workbook_options o = {.constant_memory = LXW_TRUE, .tmpdir = x->tmpdir};
    x->wb = workbook_new_opt(path, &o);
    if (x->wb == NULL) {
        free(x);
        return EXPORT_EIO;
    }
    x->ws = workbook_add_worksheet(x->wb, "Mẫu số 02");
    lxw_workbook *wb = x->wb;
    x->text = fmt(wb, 0, 1, LXW_ALIGN_LEFT, "@", 11, 1);
    x->plain = fmt(wb, 0, 1, LXW_ALIGN_LEFT, NULL, 11, 1);
    x->num = fmt(wb, 0, 1, LXW_ALIGN_CENTER, "0", 11, 0);
    x->date = fmt(wb, 0, 1, LXW_ALIGN_CENTER, "dd/mm/yyyy", 11, 0);
    x->datetime = fmt(wb, 0, 1, LXW_ALIGN_CENTER, "dd/mm/yyyy hh:mm", 11, 0);
    x->head = fmt(wb, 1, 1, LXW_ALIGN_CENTER, NULL, 11, 1);
    x->title = fmt(wb, 1, 0, LXW_ALIGN_CENTER, NULL, 14, 1);
    x->bold = fmt(wb, 1, 0, LXW_ALIGN_CENTER, NULL, 12, 0);
    x->center = fmt(wb, 0, 0, LXW_ALIGN_CENTER, NULL, 12, 0);
    x->italic = fmt(wb, 0, 0, LXW_ALIGN_CENTER, NULL, 12, 0);
    if (x->ws == NULL || !x->text || !x->plain || !x->num || !x->date || !x->datetime || !x->head ||
        !x->title || !x->bold || !x->center || !x->italic)
        goto fail;
    format_set_italic(x->italic);
    lxw_worksheet *ws = x->ws;

    for (int c = 0; c < REPORT_COLUMNS; c++)
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, col_width[c], NULL);
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, PAPER_A4);
    worksheet_set_margins(ws, 0.4, 0.4, 0.5, 0.5);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_center_horizontally(ws);
    worksheet_repeat_rows(ws, FIRST_ROW, FIRST_ROW);
    worksheet_set_footer(ws, "&CTrang &P/&N");
    worksheet_freeze_panes(ws, FIRST_ROW + 1, 0);

    upper(id->station_name, unit, sizeof unit);
    snprintf(codes, sizeof codes, "Mã đơn vị: %s · Máy: %s", id->station_code, id->kiosk);
    report_period_label(p, period);
    /* constant-memory mode: rows are written in order, a row's height just before it */
    if (worksheet_merge_range(ws, 0, 0, 0, 4, unit, x->bold) ||
        worksheet_merge_range(ws, 0, 7, 0, LAST_COLUMN, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                              x->bold) ||
        worksheet_merge_range(ws, 1, 0, 1, 4, codes, x->center) ||
        worksheet_merge_range(ws, 1, 7, 1, LAST_COLUMN, "Độc lập - Tự do - Hạnh phúc", x->bold) ||
        worksheet_merge_range(ws, 3, 0, 3, LAST_COLUMN, "Mẫu số 02", x->bold) ||
        worksheet_set_row(ws, 4, 36, NULL) ||
        worksheet_merge_range(ws, 4, 0, 4, LAST_COLUMN,
                              "BÁO CÁO KẾT QUẢ TIẾP NHẬN HỒ SƠ ĐĂNG KÝ TÀI KHOẢN ĐỊNH DANH ĐIỆN "
                              "TỬ MỨC ĐỘ 2",
                              x->title) ||
        worksheet_merge_range(ws, 5, 0, 5, LAST_COLUMN, period, x->italic))
        goto fail;
    worksheet_set_row(ws, FIRST_ROW, 42, NULL);
    for (int c = 0; c < REPORT_COLUMNS; c++)
        if (worksheet_write_string(ws, FIRST_ROW, (lxw_col_t)c, report_col_header[c], x->head))
            goto fail;
    *out = x;
    return 0;
fail:
    workbook_close(x->wb);
    free(x);
    return EXPORT_EIO;
}

static int put_text(struct report_xlsx *x, lxw_row_t r, int c, const char *s, lxw_format *f)
{
    if (s == NULL || s[0] == '\0')
        return worksheet_write_blank(x->ws, r, (lxw_col_t)c, f) != LXW_NO_ERROR;
    return worksheet_write_string(x->ws, r, (lxw_col_t)c, s, f) != LXW_NO_ERROR;
}

static void local_fields(int64_t t_ms, lxw_datetime *dt)
{
    char d[11], s[17];
    time_day(t_ms, d);
    time_local_display(t_ms, s); /* dd/mm/yyyy HH:MM */
    memset(dt, 0, sizeof *dt);
    dt->year = atoi(d);
    dt->month = atoi(d + 5);
    dt->day = atoi(d + 8);
    dt->hour = atoi(s + 11);
    dt->min = atoi(s + 14);
}

int report_xlsx_row(struct report_xlsx *x, long stt, const struct report_row *r)
{
    lxw_row_t row = (lxw_row_t)(FIRST_ROW + stt);
    int bad = worksheet_write_number(x->ws, row, 0, (double)stt, x->num) != LXW_NO_ERROR;
    bad |=
        put_text(x, row, 1, r->purged ? "(đã xóa dữ liệu cá nhân theo thời hạn lưu trữ)" : r->name,
                 x->plain);
    if (export_day_valid(r->dob)) {
        lxw_datetime dt = {
            .year = atoi(r->dob), .month = atoi(r->dob + 5), .day = atoi(r->dob + 8)};
        bad |= worksheet_write_datetime(x->ws, row, 2, &dt, x->date) != LXW_NO_ERROR;
    } else {
        bad |= put_text(x, row, 2, "", x->date);
    }
    bad |= put_text(x, row, 3, r->residence, x->plain);
    bad |= put_text(x, row, 4, r->pid, x->text);
    bad |= put_text(x, row, 5, r->phone, x->text);
    bad |= put_text(x, row, 6, report_level_label(r->status), x->plain);
    bad |= put_text(x, row, 7, r->id, x->text);
    bad |= put_text(x, row, 8, export_status_label(r->status), x->plain);
    bad |= put_text(x, row, 9, r->reason, x->plain);
    int64_t t = r->queued_at > 0 ? r->queued_at : r->created_at;
    if (t > 0) {
        lxw_datetime dt;
        local_fields(t, &dt);
        bad |= worksheet_write_datetime(x->ws, row, 10, &dt, x->datetime) != LXW_NO_ERROR;
    } else {
        bad |= put_text(x, row, 10, "", x->datetime);
    }
    bad |= put_text(x, row, 11, r->officer, x->text);
    bad |= put_text(x, row, 12, r->site[0] ? r->site : "Tại trụ sở", x->plain);
    bad |= put_text(x, row, 13, r->kiosk, x->text);
    return bad ? EXPORT_EIO : 0;
}

int report_xlsx_close(struct report_xlsx *x, long rows)
{
    char total[96], when[120], day[11];
    lxw_worksheet *ws = x->ws;
    lxw_row_t r = (lxw_row_t)(FIRST_ROW + rows + 2);
    int bad = 0;

    time_day(x->now_ms, day);
    snprintf(total, sizeof total, "Tổng cộng: %ld hồ sơ", rows);
    snprintf(when, sizeof when, "Ngày %.2s tháng %.2s năm %.4s", day + 8, day + 5, day);
    bad |= worksheet_merge_range(ws, r, 0, r, 4, total, x->bold) != LXW_NO_ERROR;
    bad |= worksheet_merge_range(ws, r + 2, 8, r + 2, LAST_COLUMN, when, x->italic) != LXW_NO_ERROR;
    bad |= worksheet_merge_range(ws, r + 3, 0, r + 3, 4, "NGƯỜI LẬP BIỂU", x->bold) != LXW_NO_ERROR;
    bad |= worksheet_merge_range(ws, r + 3, 8, r + 3, LAST_COLUMN, "LÃNH ĐẠO ĐƠN VỊ", x->bold) !=
           LXW_NO_ERROR;
    bad |= worksheet_merge_range(ws, r + 4, 0, r + 4, 4, "(Ký, ghi rõ họ tên)", x->italic) !=
           LXW_NO_ERROR;
    bad |= worksheet_merge_range(ws, r + 4, 8, r + 4, LAST_COLUMN, "(Ký, ghi rõ họ tên, đóng dấu)",
                                 x->italic) != LXW_NO_ERROR;
    const char *prep = x->id.preparer_name[0] ? x->id.preparer_name : x->id.supervisor_name;
    bad |= worksheet_merge_range(ws, r + 9, 0, r + 9, 4, prep, x->bold) != LXW_NO_ERROR;
    bad |= worksheet_merge_range(ws, r + 9, 8, r + 9, LAST_COLUMN, x->id.supervisor_name,
                                 x->bold) != LXW_NO_ERROR;
    bad |= worksheet_print_area(ws, 0, 0, r + 9, LAST_COLUMN) != LXW_NO_ERROR;
    lxw_error e = workbook_close(x->wb);
    free(x);
    return bad || e != LXW_NO_ERROR ? EXPORT_EIO : 0;
}
