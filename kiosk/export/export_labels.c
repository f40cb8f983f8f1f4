/* export_labels.c: the fixed words of the export: error texts, status labels, file names.
 *
 * Status labels are the ones citizens see in VNeID ("Đã gửi xử lý hồ sơ", "Hồ sơ không đạt",
 * "Hồ sơ được phê duyệt") and, for the kiosk-side states, plain Vietnamese. */
#include <stdio.h>
#include <string.h>

#include "kiosk/export/export.h"

const char *export_strerror(int err)
{
    switch (err) {
    case EXPORT_OK:
        return "ok";
    case EXPORT_EINVAL:
        return "invalid argument";
    case EXPORT_EEXISTS:
        return "directory holds the export of another day";
    case EXPORT_EIO:
        return "cannot write or read the export files";
    case EXPORT_ESTORE:
        return "store error while listing";
    case EXPORT_ENOMEM:
        return "out of memory";
    case EXPORT_EMISSING:
        return "a file of the export is missing";
    case EXPORT_ETAMPERED:
        return "a file of the export was modified";
    case EXPORT_EBADSIG:
        return "the manifest signature does not verify";
    case EXPORT_EFORMAT:
        return "not a kiosk export manifest";
    }
    return "unknown export error";
}

const char *export_status_label(enum app_status s)
{
    switch (s) {
    case APP_DRAFT:
        return "Đang lập";
    case APP_QUEUED:
        return "Chờ gửi";
    case APP_UPLOADING:
        return "Đang gửi";
    case APP_SUBMITTED:
        return "Đã gửi xử lý hồ sơ";
    case APP_PROCESSING:
        return "Đang xử lý";
    case APP_APPROVED:
        return "Hồ sơ được phê duyệt";
    case APP_REJECTED:
        return "Hồ sơ không đạt";
    case APP_REDO:
        return "Đã tạo lại hồ sơ";
    case APP_STATUS_COUNT:
        break;
    }
    return "?";
}

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int export_day_valid(const char *day)
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (day == NULL || strlen(day) != 10 || day[4] != '-' || day[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (day[i] < '0' || day[i] > '9'))
            return 0;
    int y = (day[0] - '0') * 1000 + (day[1] - '0') * 100 + (day[2] - '0') * 10 + (day[3] - '0');
    int m = (day[5] - '0') * 10 + (day[6] - '0');
    int d = (day[8] - '0') * 10 + (day[9] - '0');
    if (y < 1970 || m < 1 || m > 12 || d < 1)
        return 0;
    int max = mdays[m - 1] + (m == 2 && is_leap(y));
    return d <= max;
}

void export_list_name(const char *day, int json, char out[EXPORT_NAME_SIZE])
{
    snprintf(out, EXPORT_NAME_SIZE, "danh-sach-%.10s.%s", day, json ? "json" : "csv");
}

void export_summary_name(const char *day, char out[EXPORT_NAME_SIZE])
{
    snprintf(out, EXPORT_NAME_SIZE, "tong-hop-%.10s.txt", day);
}
