/* timefmt.c: times and days as the kiosk files and shows them, and Vietnamese working days.
 *
 * Times are int64 milliseconds since the epoch, UTC. The local day is Asia/Ho_Chi_Minh, a fixed
 * UTC+7 (no daylight saving since 1975), so no tz database is read and no call depends on the
 * process's TZ or locale. Calendar arithmetic is proleptic Gregorian on day numbers since
 * 1970-01-01 (days_from_civil / civil_from_days, H. Hinnant's public-domain algorithms).
 * Formatted years are 0001-9999; a time outside that range formats as "" (never a wrong date).
 *
 * Working days: Monday to Friday except public holidays (Labour Code 45/2019/QH14 art. 112):
 * 1/1; Tết Nguyên đán (5 days around lunar 1/1); Giỗ Tổ Hùng Vương (lunar 10/3); 30/4; 1/5;
 * Quốc khánh 2/9 plus the day before or after; a holiday on a Saturday or Sunday gives the
 * next working day off (art. 112(3)). The lunar dates below were computed with the Vietnamese
 * lunar calendar on UTC+7 (Hồ Ngọc Đức's algorithm); note Tết 2030 is 2 February in Vietnam
 * (3 February on China's UTC+8 calendar). 2024-2026 Tết and 2024-2025 bridge days are the
 * government's decisions for public servants; later years follow the law's default (Tết = New
 * Year's Eve + days 1-4; 2/9 paired with 1/9 when it is a Tuesday, else 3/9) and must be
 * checked against each year's decision (a one-line change here). Outside 2024-2030 only the
 * solar dates 1/1, 30/4, 1/5 and 2/9 are known. No state: everything is a pure function. */
#include "kiosk/model/timefmt.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kiosk/model/validate.h"

#define MS_PER_DAY     (86400LL * 1000)
#define TABLE_FIRST_YR 2024
#define TABLE_LAST_YR  2030
/* Day numbers of 0001-01-01 and 9999-12-31: the range every function here accepts. */
#define DN_MIN (-719162LL)
#define DN_MAX 2932896LL

/* Public holidays and days off, YYYYMMDD, sorted. */
static const int holidays[] = {
    /* 2024 */
    20240101, /* Mon Tết Dương lịch */
    20240208, /* Thu Tết Nguyên đán (decided) */
    20240209, /* Fri Tết Nguyên đán (decided) */
    20240210, /* Sat Tết Nguyên đán (decided) */
    20240211, /* Sun Tết Nguyên đán (decided) */
    20240212, /* Mon Tết Nguyên đán (decided) */
    20240213, /* Tue Tết Nguyên đán (decided) */
    20240214, /* Wed Tết Nguyên đán (decided) */
    20240418, /* Thu Giỗ Tổ Hùng Vương */
    20240429, /* Mon bridge day, Saturday 4/5 worked */
    20240430, /* Tue 30/4 and 1/5 */
    20240501, /* Wed 30/4 and 1/5 */
    20240902, /* Mon Quốc khánh */
    20240903, /* Tue Quốc khánh */
    /* 2025 */
    20250101, /* Wed Tết Dương lịch */
    20250125, /* Sat Tết Nguyên đán (decided) */
    20250126, /* Sun Tết Nguyên đán (decided) */
    20250127, /* Mon Tết Nguyên đán (decided) */
    20250128, /* Tue Tết Nguyên đán (decided) */
    20250129, /* Wed Tết Nguyên đán (decided) */
    20250130, /* Thu Tết Nguyên đán (decided) */
    20250131, /* Fri Tết Nguyên đán (decided) */
    20250201, /* Sat Tết Nguyên đán (decided) */
    20250202, /* Sun Tết Nguyên đán (decided) */
    20250407, /* Mon Giỗ Tổ Hùng Vương */
    20250430, /* Wed 30/4 and 1/5 */
    20250501, /* Thu 30/4 and 1/5 */
    20250502, /* Fri bridge day, Saturday 26/4 worked */
    20250901, /* Mon Quốc khánh */
    20250902, /* Tue Quốc khánh */
    /* 2026 */
    20260101, /* Thu Tết Dương lịch */
    20260214, /* Sat Tết Nguyên đán (decided) */
    20260215, /* Sun Tết Nguyên đán (decided) */
    20260216, /* Mon Tết Nguyên đán (decided) */
    20260217, /* Tue Tết Nguyên đán (decided) */
    20260218, /* Wed Tết Nguyên đán (decided) */
    20260219, /* Thu Tết Nguyên đán (decided) */
    20260220, /* Fri Tết Nguyên đán (decided) */
    20260221, /* Sat Tết Nguyên đán (decided) */
    20260222, /* Sun Tết Nguyên đán (decided) */
    20260426, /* Sun Giỗ Tổ Hùng Vương */
    20260427, /* Mon Giỗ Tổ Hùng Vương, compensatory */
    20260430, /* Thu 30/4 and 1/5 */
    20260501, /* Fri 30/4 and 1/5 */
    20260902, /* Wed Quốc khánh */
    20260903, /* Thu Quốc khánh */
    /* 2027 */
    20270101, /* Fri Tết Dương lịch */
    20270205, /* Fri Tết Nguyên đán */
    20270206, /* Sat Tết Nguyên đán */
    20270207, /* Sun Tết Nguyên đán */
    20270208, /* Mon Tết Nguyên đán */
    20270209, /* Tue Tết Nguyên đán */
    20270210, /* Wed Tết Nguyên đán, compensatory */
    20270211, /* Thu Tết Nguyên đán, compensatory */
    20270416, /* Fri Giỗ Tổ Hùng Vương */
    20270430, /* Fri 30/4 and 1/5 */
    20270501, /* Sat 30/4 and 1/5 */
    20270503, /* Mon 30/4 and 1/5, compensatory */
    20270902, /* Thu Quốc khánh */
    20270903, /* Fri Quốc khánh */
    /* 2028 */
    20280101, /* Sat Tết Dương lịch */
    20280103, /* Mon Tết Dương lịch, compensatory */
    20280125, /* Tue Tết Nguyên đán */
    20280126, /* Wed Tết Nguyên đán */
    20280127, /* Thu Tết Nguyên đán */
    20280128, /* Fri Tết Nguyên đán */
    20280129, /* Sat Tết Nguyên đán */
    20280131, /* Mon Tết Nguyên đán, compensatory */
    20280404, /* Tue Giỗ Tổ Hùng Vương */
    20280430, /* Sun 30/4 and 1/5 */
    20280501, /* Mon 30/4 and 1/5 */
    20280502, /* Tue 30/4 and 1/5, compensatory */
    20280902, /* Sat Quốc khánh */
    20280903, /* Sun Quốc khánh */
    20280904, /* Mon Quốc khánh, compensatory */
    20280905, /* Tue Quốc khánh, compensatory */
    /* 2029 */
    20290101, /* Mon Tết Dương lịch */
    20290212, /* Mon Tết Nguyên đán */
    20290213, /* Tue Tết Nguyên đán */
    20290214, /* Wed Tết Nguyên đán */
    20290215, /* Thu Tết Nguyên đán */
    20290216, /* Fri Tết Nguyên đán */
    20290423, /* Mon Giỗ Tổ Hùng Vương */
    20290430, /* Mon 30/4 and 1/5 */
    20290501, /* Tue 30/4 and 1/5 */
    20290902, /* Sun Quốc khánh */
    20290903, /* Mon Quốc khánh */
    20290904, /* Tue Quốc khánh, compensatory */
    /* 2030 */
    20300101, /* Tue Tết Dương lịch */
    20300201, /* Fri Tết Nguyên đán */
    20300202, /* Sat Tết Nguyên đán */
    20300203, /* Sun Tết Nguyên đán */
    20300204, /* Mon Tết Nguyên đán */
    20300205, /* Tue Tết Nguyên đán */
    20300206, /* Wed Tết Nguyên đán, compensatory */
    20300207, /* Thu Tết Nguyên đán, compensatory */
    20300412, /* Fri Giỗ Tổ Hùng Vương */
    20300430, /* Tue 30/4 and 1/5 */
    20300501, /* Wed 30/4 and 1/5 */
    20300902, /* Mon Quốc khánh */
    20300903, /* Tue Quốc khánh */
};

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static int64_t days_from_civil(int64_t y, int m, int d)
{
    int64_t era, yoe, doy, doe;
    y -= m <= 2;
    era = floor_div(y, 400);
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    int64_t era, doe, yoe, doy, mp;
    z += 719468;
    era = floor_div(z, 146097);
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* 0 = Sunday ... 6 = Saturday; day 0 (1970-01-01) was a Thursday. */
static int weekday(int64_t dn)
{
    return (int)(((dn % 7) + 11) % 7);
}

/* Splits t + offset_ms into a day number and the ms within that day, without overflow. */
static int64_t split(int64_t t_ms, int64_t offset_ms, int64_t *ms_of_day)
{
    int64_t r = t_ms % MS_PER_DAY, dn, rest;
    if (r < 0)
        r += MS_PER_DAY;
    dn = floor_div(t_ms, MS_PER_DAY);
    rest = r + offset_ms; /* 0 <= r < one day, so this cannot overflow */
    dn += floor_div(rest, MS_PER_DAY);
    *ms_of_day = rest - floor_div(rest, MS_PER_DAY) * MS_PER_DAY;
    return dn;
}

/* The local day number of t, clamped to just outside the formattable range. */
static int64_t local_day(int64_t t_ms)
{
    int64_t ms, dn = split(t_ms, TIME_VN_OFFSET_MS, &ms);
    return dn < DN_MIN ? DN_MIN - 1 : dn > DN_MAX ? DN_MAX + 1 : dn;
}

static void put_num(char *p, int v, int width)
{
    for (int i = width - 1; i >= 0; i--) {
        p[i] = (char)('0' + v % 10);
        v /= 10;
    }
}

static int num(const char *s, int width)
{
    int v = 0;
    for (int i = 0; i < width; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* "YYYY-MM-DD" that exists → its day number; 0 on success, -1 otherwise. */
static int parse_day(const char *iso, int64_t *dn)
{
    if (val_date(iso, NULL) != MSG_NONE)
        return -1;
    *dn = days_from_civil(num(iso, 4), num(iso + 5, 2), num(iso + 8, 2));
    return 0;
}

int64_t time_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t time_mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void format_day(int64_t dn, char out[11])
{
    int y, m, d;
    out[0] = '\0';
    if (dn < DN_MIN || dn > DN_MAX)
        return;
    civil_from_days(dn, &y, &m, &d);
    put_num(out, y, 4);
    out[4] = '-';
    put_num(out + 5, m, 2);
    out[7] = '-';
    put_num(out + 8, d, 2);
    out[10] = '\0';
}

void time_day(int64_t t_ms, char out[11])
{
    format_day(local_day(t_ms), out);
}

void time_iso_utc(int64_t t_ms, char out[21])
{
    int64_t ms, dn = split(t_ms, 0, &ms);
    int s = (int)(ms / 1000);

    out[0] = '\0';
    if (dn < DN_MIN || dn > DN_MAX)
        return;
    format_day(dn, out);
    out[10] = 'T';
    put_num(out + 11, s / 3600, 2);
    out[13] = ':';
    put_num(out + 14, s / 60 % 60, 2);
    out[16] = ':';
    put_num(out + 17, s % 60, 2);
    out[19] = 'Z';
    out[20] = '\0';
}

void time_local_display(int64_t t_ms, char out[17])
{
    int64_t ms, dn = split(t_ms, TIME_VN_OFFSET_MS, &ms);
    int y, m, d, s = (int)(ms / 1000);

    out[0] = '\0';
    if (dn < DN_MIN || dn > DN_MAX)
        return;
    civil_from_days(dn, &y, &m, &d);
    put_num(out, d, 2);
    out[2] = '/';
    put_num(out + 3, m, 2);
    out[5] = '/';
    put_num(out + 6, y, 4);
    out[10] = ' ';
    put_num(out + 11, s / 3600, 2);
    out[13] = ':';
    put_num(out + 14, s / 60 % 60, 2);
    out[16] = '\0';
}

void time_iso_to_vn(const char *iso, char out[11])
{
    out[0] = '\0';
    if (iso == NULL || val_date(iso, NULL) != MSG_NONE)
        return;
    memcpy(out, iso + 8, 2);
    out[2] = '/';
    memcpy(out + 3, iso + 5, 2);
    out[5] = '/';
    memcpy(out + 6, iso, 4);
    out[10] = '\0';
}

int time_vn_to_iso(const char *vn, char out[11])
{
    size_t n;
    const char *dd, *mm, *yyyy;

    out[0] = '\0';
    if (vn == NULL)
        return -1;
    n = strnlen(vn, 11);
    if (n == 10 && vn[2] == '/' && vn[5] == '/') {
        dd = vn;
        mm = vn + 3;
        yyyy = vn + 6;
    } else if (n == 8) {
        dd = vn;
        mm = vn + 2;
        yyyy = vn + 4;
    } else {
        return -1;
    }
    memcpy(out, yyyy, 4);
    out[4] = '-';
    memcpy(out + 5, mm, 2);
    out[7] = '-';
    memcpy(out + 8, dd, 2);
    out[10] = '\0';
    if (val_date(out, NULL) != MSG_NONE) {
        out[0] = '\0';
        return -1;
    }
    return 0;
}

int64_t time_day_start(const char *day)
{
    int64_t dn;
    if (parse_day(day, &dn) != 0)
        return -1;
    return dn * MS_PER_DAY - TIME_VN_OFFSET_MS;
}

int time_parse_iso_utc(const char *s, int64_t *t_ms)
{
    char day[11];
    int64_t dn;
    int h, mi, sec, ms = 0;
    size_t n;

    *t_ms = 0;
    if (s == NULL)
        return -1;
    n = strnlen(s, 25);
    if (n != 20 && n != 24)
        return -1;
    if (s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[n - 1] != 'Z')
        return -1;
    memcpy(day, s, 10);
    day[10] = '\0';
    if (parse_day(day, &dn) != 0)
        return -1;
    h = num(s + 11, 2);
    mi = num(s + 14, 2);
    sec = num(s + 17, 2);
    if (n == 24) {
        if (s[19] != '.' || (ms = num(s + 20, 3)) < 0)
            return -1;
    }
    if (h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59)
        return -1;
    *t_ms = dn * MS_PER_DAY + ((int64_t)h * 3600 + mi * 60 + sec) * 1000 + ms;
    return 0;
}

int time_years_between(const char *from_iso, const char *to_iso)
{
    int64_t a, b;
    int years;

    if (parse_day(from_iso, &a) != 0 || parse_day(to_iso, &b) != 0 || b < a)
        return -1;
    years = num(to_iso, 4) - num(from_iso, 4);
    /* Not yet the anniversary this year (a 29 February birthday counts from 1 March). */
    if (strcmp(to_iso + 5, from_iso + 5) < 0)
        years--;
    return years;
}

static int ymd_cmp(const void *key, const void *elem)
{
    int a = *(const int *)key, b = *(const int *)elem;
    return (a > b) - (a < b);
}

static int is_holiday_dn(int64_t dn)
{
    int y, m, d, ymd;

    civil_from_days(dn, &y, &m, &d);
    ymd = y * 10000 + m * 100 + d;
    if (y >= TABLE_FIRST_YR && y <= TABLE_LAST_YR)
        return bsearch(&ymd, holidays, sizeof holidays / sizeof holidays[0], sizeof holidays[0],
                       ymd_cmp) != NULL;
    return (m == 1 && d == 1) || (m == 4 && d == 30) || (m == 5 && d == 1) || (m == 9 && d == 2);
}

int time_is_holiday(const char *day)
{
    int64_t dn;
    if (parse_day(day, &dn) != 0)
        return 0;
    return is_holiday_dn(dn);
}

static int is_weekday(int64_t dn)
{
    int w = weekday(dn);
    return w >= 1 && w <= 5;
}

/* Holidays on a Monday-Friday in day numbers (a, b], counted date by date only where there can
 * be any: the table years, and four solar dates a year elsewhere. */
static int64_t weekday_holidays(int64_t a, int64_t b)
{
    static const int solar[4][2] = {{1, 1}, {4, 30}, {5, 1}, {9, 2}};
    int64_t count = 0;
    int ya, yb, m, d;

    civil_from_days(a + 1, &ya, &m, &d);
    civil_from_days(b, &yb, &m, &d);
    for (int y = ya; y <= yb; y++) {
        if (y >= TABLE_FIRST_YR && y <= TABLE_LAST_YR)
            continue;
        for (int i = 0; i < 4; i++) {
            int64_t dn = days_from_civil(y, solar[i][0], solar[i][1]);
            if (dn > a && dn <= b && is_weekday(dn))
                count++;
        }
    }
    for (size_t i = 0; i < sizeof holidays / sizeof holidays[0]; i++) {
        int64_t dn =
            days_from_civil(holidays[i] / 10000, holidays[i] / 100 % 100, holidays[i] % 100);
        if (dn > a && dn <= b && is_weekday(dn))
            count++;
    }
    return count;
}

int time_working_days_between(int64_t from_ms, int64_t to_ms)
{
    int64_t a = local_day(from_ms), b = local_day(to_ms), n, count;

    if (b <= a)
        return 0;
    n = b - a;
    count = n / 7 * 5;
    for (int64_t dn = a + 1 + n / 7 * 7; dn <= b; dn++)
        count += is_weekday(dn);
    count -= weekday_holidays(a, b);
    return count > 0x7fffffff ? 0x7fffffff : (int)count;
}
