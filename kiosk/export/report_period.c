/* report_period.c: the periods a report covers and their names on the stick.
 *
 * Days are local (Asia/Ho_Chi_Minh) "YYYY-MM-DD". The reporting week runs Wednesday..Tuesday:
 * the weekly list is due before 10:00 on Wednesday (S4), so the list sent on a Wednesday
 * covers the seven days that ended the evening before. Day arithmetic is done on the
 * proleptic Gregorian calendar through days since the epoch (no time zone involved). */
#include <stdio.h>
#include <string.h>

#include "kiosk/export/report.h"

static int two(const char *s)
{
    return (s[0] - '0') * 10 + (s[1] - '0');
}

/* Days since 1970-01-01 of y-m-d (H. Hinnant's days_from_civil). */
static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

static long day_number(const char *d)
{
    int y = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + two(d + 2);
    return days_from_civil(y, two(d + 5), two(d + 8));
}

static void day_string(long n, char out[11])
{
    int y, m, d;
    civil_from_days(n, &y, &m, &d);
    char buf[32];
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    memcpy(out, buf, 10);
    out[10] = '\0';
}

int report_day_add(const char *d, int delta, char out[11])
{
    if (!export_day_valid(d))
        return EXPORT_EINVAL;
    day_string(day_number(d) + delta, out);
    return 0;
}

static int set(struct report_period *p, enum report_kind k, const char *from, const char *to)
{
    memset(p, 0, sizeof *p);
    if (!export_day_valid(from) || !export_day_valid(to) || strcmp(from, to) > 0)
        return EXPORT_EINVAL;
    p->kind = k;
    memcpy(p->from, from, 11);
    memcpy(p->to, to, 11);
    return 0;
}

int report_period_day(const char *day, struct report_period *p)
{
    return set(p, REPORT_DAY, day, day);
}

/* 1970-01-01 was a Thursday: (n + 3) % 7 is 0 on Monday, 2 on Wednesday. */
static int weekday_mon0(long n)
{
    long w = (n + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

int report_period_week(const char *day, struct report_period *p)
{
    char from[11], to[11];
    memset(p, 0, sizeof *p);
    if (!export_day_valid(day))
        return EXPORT_EINVAL;
    long n = day_number(day);
    long start = n - ((weekday_mon0(n) - 2 + 7) % 7); /* back to Wednesday */
    day_string(start, from);
    day_string(start + 6, to);
    return set(p, REPORT_WEEK, from, to);
}

int report_period_last_week(const char *day, struct report_period *p)
{
    char prev[11];
    memset(p, 0, sizeof *p);
    if (!export_day_valid(day))
        return EXPORT_EINVAL;
    long n = day_number(day);
    long start = n - ((weekday_mon0(n) - 2 + 7) % 7);
    day_string(start - 1, prev);
    return report_period_week(prev, p);
}

int report_period_month(const char *ym, struct report_period *p)
{
    char from[11], to[11];
    memset(p, 0, sizeof *p);
    if (ym == NULL || strlen(ym) != 7)
        return EXPORT_EINVAL;
    snprintf(from, sizeof from, "%.7s-01", ym);
    if (!export_day_valid(from))
        return EXPORT_EINVAL;
    int y = (from[0] - '0') * 1000 + (from[1] - '0') * 100 + two(from + 2), m = two(from + 5);
    long next = m == 12 ? days_from_civil(y + 1, 1, 1) : days_from_civil(y, m + 1, 1);
    day_string(next - 1, to);
    return set(p, REPORT_MONTH, from, to);
}

int report_period_range(const char *from, const char *to, struct report_period *p)
{
    return set(p, REPORT_RANGE, from, to);
}

void report_period_name(const struct report_period *p, char out[EXPORT_NAME_SIZE])
{
    switch (p->kind) {
    case REPORT_DAY:
        snprintf(out, EXPORT_NAME_SIZE, "%.10s", p->from);
        return;
    case REPORT_WEEK:
        snprintf(out, EXPORT_NAME_SIZE, "tuan-%.10s_%.10s", p->from, p->to);
        return;
    case REPORT_MONTH:
        snprintf(out, EXPORT_NAME_SIZE, "thang-%.7s", p->from);
        return;
    case REPORT_RANGE:
        snprintf(out, EXPORT_NAME_SIZE, "khoang-%.10s_%.10s", p->from, p->to);
        return;
    }
    out[0] = '\0';
}

int report_period_parse_name(const char *name, struct report_period *p)
{
    char a[11] = "", b[11] = "";
    struct report_period q;
    memset(p, 0, sizeof *p);
    if (name == NULL)
        return EXPORT_EINVAL;
    if (strncmp(name, "toan-tram-", 10) == 0)
        name += 10;
    size_t n = strlen(name);
    int rc = EXPORT_EINVAL;
    if (n == 10)
        rc = report_period_day(name, &q);
    else if (n == 5 + 21 && strncmp(name, "tuan-", 5) == 0 && name[15] == '_') {
        memcpy(a, name + 5, 10);
        memcpy(b, name + 16, 10);
        rc = report_period_week(a, &q);
        if (rc == 0 && (strcmp(q.from, a) != 0 || strcmp(q.to, b) != 0))
            rc = EXPORT_EINVAL;
    } else if (n == 13 && strncmp(name, "thang-", 6) == 0)
        rc = report_period_month(name + 6, &q);
    else if (n == 7 + 21 && strncmp(name, "khoang-", 7) == 0 && name[17] == '_') {
        memcpy(a, name + 7, 10);
        memcpy(b, name + 18, 10);
        rc = report_period_range(a, b, &q);
    }
    if (rc == 0)
        *p = q;
    return rc;
}

const char *report_kind_name(enum report_kind k)
{
    switch (k) {
    case REPORT_DAY:
        return "day";
    case REPORT_WEEK:
        return "week";
    case REPORT_MONTH:
        return "month";
    case REPORT_RANGE:
        return "range";
    }
    return "?";
}

int report_kind_parse(const char *s, enum report_kind *k)
{
    for (int i = REPORT_DAY; i <= REPORT_RANGE; i++)
        if (s && strcmp(s, report_kind_name((enum report_kind)i)) == 0) {
            *k = (enum report_kind)i;
            return 0;
        }
    return EXPORT_EFORMAT;
}

static void vn(const char *iso, char out[11])
{
    snprintf(out, 11, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
}

void report_period_label(const struct report_period *p, char out[80])
{
    char a[11], b[11];
    vn(p->from, a);
    vn(p->to, b);
    if (strcmp(p->from, p->to) == 0)
        snprintf(out, 80, "Ngày %s", a);
    else
        snprintf(out, 80, "Từ ngày %s đến ngày %s", a, b);
}
