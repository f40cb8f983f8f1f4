/* test_timefmt.c: time formats, local days in UTC+7, Vietnamese holidays and working days.
 * The C library (gmtime_r, timegm) is the independent oracle for the calendar arithmetic. */
#include "kiosk/model/timefmt.h"
#include "tests/test.h"

#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#define HOUR_MS (3600LL * 1000)
#define DAY_MS  (24 * HOUR_MS)

/* ms of a UTC date-time, via the C library. */
static int64_t utc_ms(int y, int mo, int d, int h, int mi, int s)
{
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    return (int64_t)timegm(&tm) * 1000;
}

/* ms of a local (UTC+7) date-time. */
static int64_t vn_ms(int y, int mo, int d, int h, int mi)
{
    return utc_ms(y, mo, d, h, mi, 0) - TIME_VN_OFFSET_MS;
}

/* A small deterministic generator, so a failure can be replayed. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;
static uint64_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* Whole seconds before t (towards minus infinity, as time_t counts). */
static int64_t floor_s(int64_t t)
{
    return t / 1000 - (t % 1000 < 0);
}

TEST(clocks)
{
    int64_t a = time_mono_ms(), b;
    CHECK(time_now_ms() > utc_ms(2024, 1, 1, 0, 0, 0));
    b = time_mono_ms();
    CHECK(b >= a);
}

TEST(local_day_boundaries)
{
    char day[11];
    time_day(0, day);
    CHECK_STR(day, "1970-01-01");
    time_day(-1, day);
    CHECK_STR(day, "1970-01-01"); /* 06:59:59.999 local */
    time_day(-7 * HOUR_MS - 1, day);
    CHECK_STR(day, "1969-12-31");
    time_day(utc_ms(2026, 11, 23, 16, 59, 59) + 999, day);
    CHECK_STR(day, "2026-11-23");
    time_day(utc_ms(2026, 11, 23, 17, 0, 0), day);
    CHECK_STR(day, "2026-11-24");
    time_day(utc_ms(2024, 2, 28, 17, 0, 0), day);
    CHECK_STR(day, "2024-02-29");
    time_day(utc_ms(2023, 12, 31, 17, 0, 0), day);
    CHECK_STR(day, "2024-01-01");
}

TEST(formats)
{
    char iso[21], disp[17];
    int64_t t = 1700000000000LL; /* 2023-11-14T22:13:20Z */
    time_iso_utc(t, iso);
    CHECK_STR(iso, "2023-11-14T22:13:20Z");
    time_local_display(t, disp);
    CHECK_STR(disp, "15/11/2023 05:13");
    time_iso_utc(0, iso);
    CHECK_STR(iso, "1970-01-01T00:00:00Z");
    time_iso_utc(-1, iso);
    CHECK_STR(iso, "1969-12-31T23:59:59Z");
    time_local_display(-1, disp);
    CHECK_STR(disp, "01/01/1970 06:59");
    time_iso_utc(utc_ms(2024, 2, 29, 23, 59, 59) + 999, iso);
    CHECK_STR(iso, "2024-02-29T23:59:59Z");
}

TEST(formats_out_of_range)
{
    char iso[21], disp[17], day[11];
    time_iso_utc(INT64_MAX, iso);
    CHECK_STR(iso, "");
    time_iso_utc(INT64_MIN, iso);
    CHECK_STR(iso, "");
    time_local_display(INT64_MAX, disp);
    CHECK_STR(disp, "");
    time_local_display(INT64_MIN, disp);
    CHECK_STR(disp, "");
    time_day(INT64_MAX, day);
    CHECK_STR(day, "");
    time_day(INT64_MIN, day);
    CHECK_STR(day, "");
    time_iso_utc(utc_ms(9999, 12, 31, 23, 59, 59), iso);
    CHECK_STR(iso, "9999-12-31T23:59:59Z");
    time_iso_utc(utc_ms(9999, 12, 31, 23, 59, 59) + 1000, iso);
    CHECK_STR(iso, "");
}

TEST(against_libc_random)
{
    char iso[21], day[11], want[32];
    for (int i = 0; i < 20000; i++) {
        /* Uniform over 1800-2200. */
        int64_t lo = utc_ms(1800, 1, 1, 0, 0, 0), hi = utc_ms(2200, 1, 1, 0, 0, 0);
        int64_t t = lo + (int64_t)(rng() % (uint64_t)(hi - lo)), back;
        int64_t fs = floor_s(t);
        time_t secs = (time_t)fs, lsecs = (time_t)floor_s(t + TIME_VN_OFFSET_MS);
        struct tm tm;
        gmtime_r(&secs, &tm);
        strftime(want, sizeof want, "%Y-%m-%dT%H:%M:%SZ", &tm);
        time_iso_utc(t, iso);
        CHECK_STR(iso, want);
        CHECK_INT(time_parse_iso_utc(iso, &back), 0);
        CHECK_INT(back, fs * 1000);
        gmtime_r(&lsecs, &tm);
        strftime(want, sizeof want, "%Y-%m-%d", &tm);
        time_day(t, day);
        CHECK_STR(day, want);
        CHECK(time_day_start(day) <= t);
        CHECK(time_day_start(day) + DAY_MS > t);
    }
}

TEST(vn_dates)
{
    char out[11];
    time_iso_to_vn("1990-05-09", out);
    CHECK_STR(out, "09/05/1990");
    time_iso_to_vn("", out);
    CHECK_STR(out, "");
    time_iso_to_vn("1990-02-30", out);
    CHECK_STR(out, "");
    time_iso_to_vn(NULL, out);
    CHECK_STR(out, "");
    CHECK_INT(time_vn_to_iso("09/05/1990", out), 0);
    CHECK_STR(out, "1990-05-09");
    CHECK_INT(time_vn_to_iso("09051990", out), 0);
    CHECK_STR(out, "1990-05-09");
    CHECK_INT(time_vn_to_iso("29/02/2024", out), 0);
    CHECK_STR(out, "2024-02-29");
    CHECK_INT(time_vn_to_iso("29/02/2023", out), -1);
    CHECK_STR(out, "");
    CHECK_INT(time_vn_to_iso("29/02/1900", out), -1);
    CHECK_INT(time_vn_to_iso("29/02/2000", out), 0);
    CHECK_INT(time_vn_to_iso("31/04/2024", out), -1);
    CHECK_INT(time_vn_to_iso("9/5/1990", out), -1);
    CHECK_INT(time_vn_to_iso("09-05-1990", out), -1);
    CHECK_INT(time_vn_to_iso("09/05/90", out), -1);
    CHECK_INT(time_vn_to_iso("09/05/1990 ", out), -1);
    CHECK_INT(time_vn_to_iso("0905199O", out), -1);
    CHECK_INT(time_vn_to_iso("", out), -1);
    CHECK_INT(time_vn_to_iso(NULL, out), -1);
    CHECK_INT(time_vn_to_iso("05/13/1990", out), -1); /* month/day order is refused */
}

TEST(day_start)
{
    char day[11];
    CHECK_INT(time_day_start("1970-01-01"), -TIME_VN_OFFSET_MS);
    CHECK_INT(time_day_start("2026-11-23"), vn_ms(2026, 11, 23, 0, 0));
    time_day(time_day_start("2024-02-29"), day);
    CHECK_STR(day, "2024-02-29");
    time_day(time_day_start("2024-03-01") - 1, day);
    CHECK_STR(day, "2024-02-29");
    CHECK_INT(time_day_start("2023-02-29"), -1);
    CHECK_INT(time_day_start("2024-2-01"), -1);
    CHECK_INT(time_day_start(""), -1);
    CHECK_INT(time_day_start(NULL), -1);
}

TEST(parse_iso_utc)
{
    int64_t t;
    CHECK_INT(time_parse_iso_utc("2023-11-14T22:13:20Z", &t), 0);
    CHECK_INT(t, 1700000000000LL);
    CHECK_INT(time_parse_iso_utc("2023-11-14T22:13:20.123Z", &t), 0);
    CHECK_INT(t, 1700000000123LL);
    CHECK_INT(time_parse_iso_utc("1969-12-31T23:59:59.999Z", &t), 0);
    CHECK_INT(t, -1);
    CHECK_INT(time_parse_iso_utc("2023-11-14T24:00:00Z", &t), -1);
    CHECK_INT(t, 0);
    CHECK_INT(time_parse_iso_utc("2023-11-14T23:60:00Z", &t), -1);
    CHECK_INT(time_parse_iso_utc("2023-11-14T23:59:60Z", &t), -1);
    CHECK_INT(time_parse_iso_utc("2023-02-29T00:00:00Z", &t), -1);
    CHECK_INT(time_parse_iso_utc("2023-11-14T22:13:20", &t), -1);
    CHECK_INT(time_parse_iso_utc("2023-11-14T22:13:20z", &t), -1);
    CHECK_INT(time_parse_iso_utc("2023-11-14 22:13:20Z", &t), -1);
    CHECK_INT(time_parse_iso_utc("2023-11-14T22:13:20+07", &t), -1);
    CHECK_INT(time_parse_iso_utc("2023-11-14T22:13:20.12Z", &t), -1);
    CHECK_INT(time_parse_iso_utc("2023-11-14T22:13:20,123Z", &t), -1);
    CHECK_INT(time_parse_iso_utc("2023-11-14T2a:13:20Z", &t), -1);
    CHECK_INT(time_parse_iso_utc("2023-11-14T22:13:20.123ZZ", &t), -1);
    CHECK_INT(time_parse_iso_utc("", &t), -1);
    CHECK_INT(time_parse_iso_utc(NULL, &t), -1);
}

TEST(years_between)
{
    CHECK_INT(time_years_between("1990-05-09", "2026-05-08"), 35);
    CHECK_INT(time_years_between("1990-05-09", "2026-05-09"), 36);
    CHECK_INT(time_years_between("1990-05-09", "1990-05-09"), 0);
    CHECK_INT(time_years_between("2012-11-24", "2026-11-23"), 13);
    CHECK_INT(time_years_between("2012-11-23", "2026-11-23"), 14);
    CHECK_INT(time_years_between("2008-02-29", "2026-02-28"), 17);
    CHECK_INT(time_years_between("2008-02-29", "2026-03-01"), 18);
    CHECK_INT(time_years_between("2008-02-29", "2028-02-29"), 20);
    CHECK_INT(time_years_between("2026-05-09", "1990-05-09"), -1);
    CHECK_INT(time_years_between("1990-02-30", "2026-05-09"), -1);
    CHECK_INT(time_years_between("1990-05-09", NULL), -1);
}

TEST(holidays_fixed_and_lunar)
{
    /* Tết (lunar 1/1) and Giỗ Tổ Hùng Vương (lunar 10/3), Vietnamese calendar on UTC+7. */
    static const char *const lunar[] = {
        "2024-02-10", "2024-04-18", "2025-01-29", "2025-04-07", "2026-02-17",
        "2026-04-26", "2027-02-06", "2027-04-16", "2028-01-26", "2028-04-04",
        "2029-02-13", "2029-04-23", "2030-02-02", "2030-04-12",
    };
    char day[11];
    for (size_t i = 0; i < sizeof lunar / sizeof lunar[0]; i++)
        CHECK(time_is_holiday(lunar[i]));
    for (int y = 2020; y <= 2040; y++) {
        snprintf(day, sizeof day, "%04u-01-01", (unsigned)y % 10000);
        CHECK(time_is_holiday(day));
        snprintf(day, sizeof day, "%04u-04-30", (unsigned)y % 10000);
        CHECK(time_is_holiday(day));
        snprintf(day, sizeof day, "%04u-05-01", (unsigned)y % 10000);
        CHECK(time_is_holiday(day));
        snprintf(day, sizeof day, "%04u-09-02", (unsigned)y % 10000);
        CHECK(time_is_holiday(day));
        snprintf(day, sizeof day, "%04u-03-08", (unsigned)y % 10000);
        CHECK(!time_is_holiday(day));
    }
    /* The whole decided Tết 2026 break, and the days around it. */
    CHECK(!time_is_holiday("2026-02-13"));
    for (unsigned d = 14; d <= 22; d++) {
        snprintf(day, sizeof day, "2026-02-%02u", d % 100);
        CHECK(time_is_holiday(day));
    }
    CHECK(!time_is_holiday("2026-02-23"));
    /* Tết 2024 ran Thursday 8 to Wednesday 14 February. */
    CHECK(time_is_holiday("2024-02-08"));
    CHECK(time_is_holiday("2024-02-14"));
    CHECK(!time_is_holiday("2024-02-15"));
    CHECK(!time_is_holiday("2024-02-07"));
    /* National day pairs: 2024 with 3/9, 2025 with 1/9. */
    CHECK(time_is_holiday("2024-09-03"));
    CHECK(!time_is_holiday("2024-09-01") && !time_is_holiday("2024-09-04"));
    CHECK(time_is_holiday("2025-09-01"));
    CHECK(!time_is_holiday("2025-09-03"));
    /* Compensatory days: Hùng Vương 2026 on a Sunday, 1/1/2028 on a Saturday. */
    CHECK(time_is_holiday("2026-04-27"));
    CHECK(time_is_holiday("2028-01-03"));
    CHECK(!time_is_holiday("2028-01-04"));
    /* Tết 2030 is 2 February in Vietnam, and New Year's Eve is a holiday. */
    CHECK(time_is_holiday("2030-02-01"));
    CHECK(!time_is_holiday("2030-01-31"));
    /* Ordinary days, and bad input. */
    CHECK(!time_is_holiday("2026-11-23"));
    CHECK(!time_is_holiday("2026-02-30"));
    CHECK(!time_is_holiday("01/01/2026"));
    CHECK(!time_is_holiday(""));
    CHECK(!time_is_holiday(NULL));
}

TEST(working_days_examples)
{
    /* Friday 20/11/2026 → Monday 23/11/2026: only the Monday. */
    CHECK_INT(time_working_days_between(vn_ms(2026, 11, 20, 10, 0), vn_ms(2026, 11, 23, 9, 0)), 1);
    CHECK_INT(time_working_days_between(vn_ms(2026, 11, 23, 10, 0), vn_ms(2026, 11, 30, 9, 0)), 5);
    /* Same day, or backwards: none. */
    CHECK_INT(time_working_days_between(vn_ms(2026, 11, 23, 8, 0), vn_ms(2026, 11, 23, 17, 0)), 0);
    CHECK_INT(time_working_days_between(vn_ms(2026, 11, 30, 8, 0), vn_ms(2026, 11, 23, 17, 0)), 0);
    /* The local day decides: Friday 23:59 → Saturday 00:00 local is no working day. */
    CHECK_INT(
        time_working_days_between(utc_ms(2026, 11, 20, 16, 59, 0), utc_ms(2026, 11, 20, 17, 0, 0)),
        0);
    CHECK_INT(
        time_working_days_between(utc_ms(2026, 11, 20, 16, 59, 0), utc_ms(2026, 11, 22, 17, 0, 0)),
        1);
    /* Across Tết 2026: Friday 13/2 → Monday 23/2 is one working day. */
    CHECK_INT(time_working_days_between(vn_ms(2026, 2, 13, 9, 0), vn_ms(2026, 2, 23, 9, 0)), 1);
    /* 30/4 and 1/5/2026 (Thursday, Friday). */
    CHECK_INT(time_working_days_between(vn_ms(2026, 4, 29, 9, 0), vn_ms(2026, 5, 4, 9, 0)), 1);
    /* "Older than 3 working days": queued Thursday 27/8/2026, 2/9 and 3/9 are holidays. */
    CHECK_INT(time_working_days_between(vn_ms(2026, 8, 27, 9, 0), vn_ms(2026, 9, 4, 9, 0)), 4);
    /* A whole ordinary year outside the table: 261 weekdays of 2031 less 1/1, 30/4, 1/5, 2/9. */
    CHECK_INT(time_working_days_between(vn_ms(2030, 12, 31, 12, 0), vn_ms(2031, 12, 31, 12, 0)),
              261 - 4);
}

TEST(working_days_against_brute_force)
{
    char day[11];
    int64_t lo = vn_ms(2023, 6, 1, 0, 0), span = 9LL * 365 * DAY_MS;
    for (int i = 0; i < 300; i++) {
        int64_t a = lo + (int64_t)(rng() % (uint64_t)span);
        int64_t b = a + (int64_t)(rng() % (uint64_t)(800 * DAY_MS));
        int want = 0;
        /* Every local day after a's whose midnight is not after b; its weekday at noon. */
        int64_t start = time_day_start((time_day(a, day), day));
        for (int64_t t = start + DAY_MS; t <= b; t += DAY_MS) {
            time_t secs = (time_t)((t + 12 * HOUR_MS + TIME_VN_OFFSET_MS) / 1000);
            struct tm tm;
            gmtime_r(&secs, &tm);
            time_day(t, day);
            if (tm.tm_wday >= 1 && tm.tm_wday <= 5 && !time_is_holiday(day))
                want++;
        }
        CHECK_INT(time_working_days_between(a, b), want);
    }
}

TEST(working_days_hostile_range)
{
    int n = time_working_days_between(INT64_MIN, INT64_MAX);
    /* About 10,000 years of 260 working days; never negative, never a crash. */
    CHECK(n > 2500000 && n < 2700000);
    CHECK_INT(time_working_days_between(INT64_MAX, INT64_MIN), 0);
    CHECK_INT(time_working_days_between(INT64_MAX - 1, INT64_MAX), 0);
}

TEST(parsers_random_input)
{
    static const char alphabet[] = "0123456789/-:TZ.z +\xff";
    char in[32], out[11], iso[21], back[11];
    int64_t t;
    for (int i = 0; i < 100000; i++) {
        size_t n = rng() % 26;
        /* Mostly well-shaped strings with random digits, sometimes noise. */
        const char *shape = (i % 3 == 0)   ? "dd/dd/dddd"
                            : (i % 3 == 1) ? "dddd-dd-ddTdd:dd:ddZ"
                                           : "dddd-dd-ddTdd:dd:dd.dddZ";
        if (rng() % 4 == 0) {
            for (size_t k = 0; k < n; k++)
                in[k] = alphabet[rng() % (sizeof alphabet - 1)];
            in[n] = '\0';
        } else {
            size_t k;
            for (k = 0; shape[k]; k++)
                in[k] =
                    shape[k] == 'd' ? (char)('0' + rng() % (k < 2 || k == 5 ? 4 : 10)) : shape[k];
            in[k] = '\0';
        }
        if (time_vn_to_iso(in, out) == 0) {
            CHECK_INT(time_is_holiday(out) >= 0, 1);
            time_iso_to_vn(out, back);
            if (strlen(in) == 10)
                CHECK_STR(back, in);
            CHECK(time_day_start(out) != -1);
        } else {
            CHECK_STR(out, "");
        }
        if (time_parse_iso_utc(in, &t) == 0) {
            time_iso_utc(t, iso);
            CHECK(strncmp(iso, in, 19) == 0);
        } else {
            CHECK_INT(t, 0);
        }
    }
}

int main(void)
{
    RUN(clocks);
    RUN(local_day_boundaries);
    RUN(formats);
    RUN(formats_out_of_range);
    RUN(against_libc_random);
    RUN(vn_dates);
    RUN(day_start);
    RUN(parse_iso_utc);
    RUN(years_between);
    RUN(holidays_fixed_and_lunar);
    RUN(working_days_examples);
    RUN(working_days_against_brute_force);
    RUN(working_days_hostile_range);
    RUN(parsers_random_input);
    return test_done();
}
