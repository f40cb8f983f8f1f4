/* report_rows.c: a report's rows, its columns and its totals.
 *
 * A report row is what Mẫu số 02 and the machine lists need of one application, taken from
 * the store or read back from a verified export (merge). The columns are the form's (STT,
 * Họ tên, Ngày sinh, HKTT, Số CCCD, Số điện thoại, Đã đăng ký định danh) then the kiosk's own.
 * Totals are kept per status, per officer, per site and per kiosk; groups are few (officers
 * of one station), so they are found by a linear search and capped at REPORT_GROUPS_MAX
 * (further keys fall into the last group, named so). */
#include <stdlib.h>
#include <string.h>

#include "kiosk/export/report.h"

const char *const report_col_header[REPORT_COLUMNS] = {
    EXPORT_FORM02_FIRST_COLUMNS,
    "Đã đăng ký định danh (Mức 1/Mức 2)",
    "Mã hồ sơ",
    "Trạng thái",
    "Lý do không đạt",
    "Thời gian tiếp nhận",
    "Cán bộ tiếp nhận",
    "Điểm tiếp nhận",
    "Mã máy",
};
const char *const report_col_key[REPORT_COLUMNS] = {
    "stt",        "ho_ten",        "ngay_sinh",           "hktt",
    "so_cccd",    "so_dien_thoai", "dinh_danh",           "ma_ho_so",
    "trang_thai", "ly_do",         "thoi_gian_tiep_nhan", "can_bo",
    "diem",       "may",
};

#define OTHER_GROUP "(khác)"

/* The application's site (a mobile unit's field session); "" counts for the station. */
static const char *report_row_site(const struct store_row *in)
{
    return in->site;
}

void report_row_from_store(struct report_row *out, const struct store_row *in, const char *kiosk)
{
    memset(out, 0, sizeof *out);
    snprintf(out->id, sizeof out->id, "%s", in->id);
    out->created_at = in->created_at;
    out->queued_at = in->queued_at;
    out->status = in->status;
    snprintf(out->officer, sizeof out->officer, "%s", in->officer);
    snprintf(out->kiosk, sizeof out->kiosk, "%s", kiosk ? kiosk : "");
    snprintf(out->site, sizeof out->site, "%s", report_row_site(in));
    out->purged = in->purged;
    if (!in->purged) {
        snprintf(out->name, sizeof out->name, "%s", in->identity.full_name);
        snprintf(out->dob, sizeof out->dob, "%s", in->identity.dob);
        snprintf(out->residence, sizeof out->residence, "%s", in->identity.residence);
        snprintf(out->pid, sizeof out->pid, "%s", in->identity.personal_id);
        snprintf(out->phone, sizeof out->phone, "%s", in->phone);
    }
    if (in->status == APP_REJECTED || in->status == APP_REDO)
        snprintf(out->reason, sizeof out->reason, "%s", in->reason[0] ? in->reason : "");
}

const char *report_level_label(enum app_status s)
{
    return s == APP_APPROVED ? EXPORT_LEVEL_LABEL : "";
}

int report_code_ok(const char *s, size_t max)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n >= max || s[0] == '.')
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-'))
            return 0;
    }
    return 1;
}

int report_totals_init(struct report_totals *t)
{
    memset(t, 0, sizeof *t);
    t->officers = calloc(REPORT_GROUPS_MAX, sizeof *t->officers);
    t->sites = calloc(REPORT_GROUPS_MAX, sizeof *t->sites);
    t->kiosks = calloc(REPORT_GROUPS_MAX, sizeof *t->kiosks);
    if (!t->officers || !t->sites || !t->kiosks) {
        report_totals_free(t);
        return EXPORT_ENOMEM;
    }
    return 0;
}

void report_totals_free(struct report_totals *t)
{
    free(t->officers);
    free(t->sites);
    free(t->kiosks);
    memset(t, 0, sizeof *t);
}

static void group_add(struct report_group *g, size_t *n, const char *key, enum app_status s)
{
    size_t i;
    for (i = 0; i < *n; i++)
        if (strcmp(g[i].key, key) == 0)
            break;
    if (i == *n) {
        if (*n == REPORT_GROUPS_MAX) {
            i = *n - 1;
            snprintf(g[i].key, sizeof g[i].key, "%s", OTHER_GROUP);
        } else {
            snprintf(g[i].key, sizeof g[i].key, "%s", key);
            (*n)++;
        }
    }
    g[i].counts[s]++;
    g[i].total++;
}

int report_totals_add(struct report_totals *t, const struct report_row *r, int64_t now_ms)
{
    if ((int)r->status < 0 || r->status >= APP_STATUS_COUNT)
        return EXPORT_EINVAL;
    t->counts[r->status]++;
    t->total++;
    group_add(t->officers, &t->n_officers, r->officer, r->status);
    group_add(t->sites, &t->n_sites, r->site, r->status);
    group_add(t->kiosks, &t->n_kiosks, r->kiosk, r->status);
    struct store_row sr;
    memset(&sr, 0, sizeof sr);
    sr.status = r->status;
    sr.created_at = r->created_at;
    sr.queued_at = r->queued_at;
    if (export_is_overdue(&sr, now_ms, NULL))
        t->overdue++;
    return 0;
}
