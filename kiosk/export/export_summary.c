/* export_summary.c: the summary beside the daily list (tong-hop-YYYY-MM-DD.txt).
 *
 * Three parts, UTF-8 text with CRLF line ends: the number of the day's applications per
 * status (rows given to export_summary_count); then, among the rows given to
 * export_summary_open (the open applications of every day: a list made at the end of a day
 * holds nothing overdue yet), those still without a result (queued, uploading, submitted,
 * processing) more than EXPORT_DEADLINE_WORKING_DAYS working days after they were queued
 * (decree 59/2022: level 2 within 3 working days), and the rejected ones the station must call
 * back to redo, with the reason, both oldest first. Only what the summary prints is kept;
 * every kept item is wiped before it is freed. The result depends only on the rows and
 * now_ms. */
#include <stdlib.h>
#include <string.h>

#include "kiosk/export/export.h"
#include "kiosk/model/timefmt.h"

void export_summary_init(struct export_summary *s, int64_t now_ms)
{
    memset(s, 0, sizeof *s);
    s->now_ms = now_ms;
}

static void items_wipe(struct export_summary_item *it, size_t n, size_t cap)
{
    (void)n;
    if (it == NULL)
        return;
    explicit_bzero(it, cap * sizeof *it);
    free(it);
}

void export_summary_wipe(struct export_summary *s)
{
    items_wipe(s->overdue, s->n_overdue, s->cap_overdue);
    items_wipe(s->rejected, s->n_rejected, s->cap_rejected);
    explicit_bzero(s, sizeof *s);
}

/* Grows by copying so that no stale copy of personal data is left behind by realloc. */
static int items_push(struct export_summary_item **items, size_t *n, size_t *cap,
                      struct export_summary_item **slot)
{
    if (*n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 16;
        if (ncap > SIZE_MAX / sizeof **items)
            return EXPORT_ENOMEM;
        struct export_summary_item *grown = calloc(ncap, sizeof *grown);
        if (grown == NULL)
            return EXPORT_ENOMEM;
        if (*items) {
            memcpy(grown, *items, *n * sizeof *grown);
            items_wipe(*items, *n, *cap);
        }
        *items = grown;
        *cap = ncap;
    }
    *slot = &(*items)[(*n)++];
    memset(*slot, 0, sizeof **slot);
    return 0;
}

static int64_t row_since(const struct store_row *row)
{
    return row->queued_at > 0 ? row->queued_at : row->created_at;
}

int export_is_overdue(const struct store_row *row, int64_t now_ms, int *working_days)
{
    int wd = time_working_days_between(row_since(row), now_ms);
    if (working_days)
        *working_days = wd;
    switch (row->status) {
    case APP_QUEUED:
    case APP_UPLOADING:
    case APP_SUBMITTED:
    case APP_PROCESSING:
        return wd > EXPORT_DEADLINE_WORKING_DAYS;
    default:
        return 0;
    }
}

static void item_fill(struct export_summary_item *it, const struct store_row *row, int wd)
{
    snprintf(it->id, sizeof it->id, "%s", row->id);
    snprintf(it->name, sizeof it->name, "%s", row->identity.full_name);
    snprintf(it->phone, sizeof it->phone, "%s", row->phone);
    it->status = row->status;
    it->since = row_since(row);
    it->working_days = wd;
    snprintf(it->reason, sizeof it->reason, "%s", row->reason[0] ? row->reason : row->reason_code);
}

int export_summary_count(struct export_summary *s, const struct store_row *row)
{
    if ((int)row->status < 0 || row->status >= APP_STATUS_COUNT)
        return EXPORT_EINVAL;
    s->counts[row->status]++;
    s->total++;
    return 0;
}

int export_summary_open(struct export_summary *s, const struct store_row *row)
{
    struct export_summary_item *it;
    int wd, rc;

    if ((int)row->status < 0 || row->status >= APP_STATUS_COUNT)
        return EXPORT_EINVAL;
    if (export_is_overdue(row, s->now_ms, &wd)) {
        if ((rc = items_push(&s->overdue, &s->n_overdue, &s->cap_overdue, &it)) != 0)
            return rc;
        item_fill(it, row, wd);
    }
    if (row->status == APP_REJECTED) {
        if ((rc = items_push(&s->rejected, &s->n_rejected, &s->cap_rejected, &it)) != 0)
            return rc;
        item_fill(it, row, wd);
    }
    return 0;
}

int64_t export_overdue_cutoff(int64_t now_ms)
{
    char today[11];
    time_day(now_ms, today);
    /* More than EXPORT_DEADLINE_WORKING_DAYS working days need at least that many + 1
     * calendar days after the local day queued. */
    return time_day_start(today) - (int64_t)EXPORT_DEADLINE_WORKING_DAYS * 86400000LL;
}

static int item_cmp(const void *a, const void *b)
{
    const struct export_summary_item *x = a, *y = b;
    if (x->since != y->since)
        return x->since < y->since ? -1 : 1;
    return strcmp(x->id, y->id);
}

void export_summary_sort(struct export_summary *s)
{
    if (s->n_overdue > 1)
        qsort(s->overdue, s->n_overdue, sizeof *s->overdue, item_cmp);
    if (s->n_rejected > 1)
        qsort(s->rejected, s->n_rejected, sizeof *s->rejected, item_cmp);
}

/* Free text on one line: control characters become spaces. */
static int put_line_text(FILE *f, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (fputc(*p < 0x20 || *p == 0x7f ? ' ' : *p, f) == EOF)
            return EXPORT_EIO;
    return 0;
}

static int write_item(FILE *f, const struct export_summary_item *it, int rejected)
{
    char since[17];
    time_local_display(it->since, since);
    if (fprintf(f, "   - %s | ", it->id) < 0 || put_line_text(f, it->name) != 0)
        return EXPORT_EIO;
    if (rejected) {
        if (fprintf(f, " | tiếp nhận %s | SĐT: %s | Lý do: ", since,
                    it->phone[0] ? it->phone : "(không có)") < 0 ||
            put_line_text(f, it->reason[0] ? it->reason : "(không ghi)") != 0)
            return EXPORT_EIO;
    } else if (fprintf(f, " | %s | tiếp nhận %s | %d ngày làm việc",
                       export_status_label(it->status), since, it->working_days) < 0) {
        return EXPORT_EIO;
    }
    return fputs("\r\n", f) < 0 ? EXPORT_EIO : 0;
}

int export_summary_write(const struct export_summary *s, FILE *f, const char *day,
                         const char *actor)
{
    char vnday[11], made[17];
    time_iso_to_vn(day, vnday);
    time_local_display(s->now_ms, made);

    if (fprintf(f,
                "TỔNG HỢP ĐĂNG KÝ ĐỊNH DANH ĐIỆN TỬ MỨC 2\r\n"
                "Ngày tiếp nhận: %s\r\n"
                "Lập lúc: %s, người lập: ",
                vnday, made) < 0 ||
        put_line_text(f, actor) != 0 || fputs("\r\n\r\n1. Số hồ sơ theo trạng thái\r\n", f) < 0)
        return EXPORT_EIO;
    for (int st = 0; st < APP_STATUS_COUNT; st++)
        if (fprintf(f, "   %s: %ld\r\n", export_status_label((enum app_status)st), s->counts[st]) <
            0)
            return EXPORT_EIO;
    if (fprintf(f, "   Tổng cộng: %ld\r\n\r\n", s->total) < 0)
        return EXPORT_EIO;

    if (fprintf(f, "2. Hồ sơ quá %d ngày làm việc chưa có kết quả (mọi ngày tiếp nhận): %zu\r\n",
                EXPORT_DEADLINE_WORKING_DAYS, s->n_overdue) < 0)
        return EXPORT_EIO;
    for (size_t i = 0; i < s->n_overdue; i++)
        if (write_item(f, &s->overdue[i], 0) != 0)
            return EXPORT_EIO;
    if (s->n_overdue == 0 && fputs("   Không có.\r\n", f) < 0)
        return EXPORT_EIO;

    if (fprintf(
            f,
            "\r\n3. Hồ sơ không đạt, cần mời công dân tạo lại hồ sơ (mọi ngày tiếp nhận): %zu\r\n",
            s->n_rejected) < 0)
        return EXPORT_EIO;
    for (size_t i = 0; i < s->n_rejected; i++)
        if (write_item(f, &s->rejected[i], 1) != 0)
            return EXPORT_EIO;
    if (s->n_rejected == 0 && fputs("   Không có.\r\n", f) < 0)
        return EXPORT_EIO;
    return 0;
}
