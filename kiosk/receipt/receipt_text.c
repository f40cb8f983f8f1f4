/* receipt_text.c: what the receipt says, apart from how it is drawn: its fields from an
 * application, the expected result date, the approval SMS. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/model/timefmt.h"
#include "kiosk/model/validate.h"
#include "kiosk/receipt/receipt.h"

static const char *const paper_names[] = {"a4", "a5", "80mm", "58mm"};

int receipt_paper_parse(const char *name, enum receipt_paper *out)
{
    for (int i = 0; i < 4; i++)
        if (strcmp(name, paper_names[i]) == 0) {
            *out = (enum receipt_paper)i;
            return 0;
        }
    return -1;
}

const char *receipt_paper_name(enum receipt_paper p)
{
    return (unsigned)p < 4 ? paper_names[p] : "";
}

void receipt_info_from_app(const struct application *app, int64_t delivered_at,
                           const char *station_name, const char *officer_name,
                           const char *call_centre, struct receipt_info *out)
{
    memset(out, 0, sizeof *out);
    snprintf(out->short_no, sizeof out->short_no, "%s", app->short_no);
    snprintf(out->app_id, sizeof out->app_id, "%s", app->id);
    snprintf(out->full_name, sizeof out->full_name, "%s", app->identity.full_name);
    snprintf(out->personal_id, sizeof out->personal_id, "%s", app->identity.personal_id);
    snprintf(out->phone, sizeof out->phone, "%s", app->phone);
    snprintf(out->email, sizeof out->email, "%s", app->email);
    snprintf(out->station_name, sizeof out->station_name, "%s", station_name ? station_name : "");
    snprintf(out->officer_name, sizeof out->officer_name, "%s",
             officer_name && officer_name[0] ? officer_name : app->officer);
    snprintf(out->call_centre, sizeof out->call_centre, "%s", call_centre ? call_centre : "");
    out->queued_at = app->created_at;
    out->delivered_at = delivered_at;
    out->redo = app->redo_of[0] != '\0';
}

void receipt_add_working_days(int64_t from_ms, int n, char out[11])
{
    int64_t t = from_ms;
    /* at most n working days plus every weekend and Tết in between: a month is plenty */
    for (int i = 0; i < 40 && time_working_days_between(from_ms, t) < n; i++)
        t += 86400000LL;
    time_day(t, out);
}

void receipt_sms_text(const char *full_name, char *out, size_t outlen)
{
    char folded[160];
    val_fold(full_name, folded, sizeof folded);
    for (char *p = folded; *p; p++)
        *p = (char)toupper((unsigned char)*p);
    snprintf(out, outlen,
             "Cục Cảnh sát QLHC về TTXH thông báo: Hồ sơ đăng ký tài khoản định danh điện tử "
             "của công dân %s đã được phê duyệt. Đề nghị truy cập ứng dụng VNeID hoặc địa chỉ "
             "https://vneid.gov.vn để kích hoạt tài khoản.",
             folded);
}
