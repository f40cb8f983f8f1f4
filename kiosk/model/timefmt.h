/* timefmt.h: times and days as the kiosk shows and files them.
 *
 * Times are kept as milliseconds since the epoch, UTC. Days and the times shown are in
 * Asia/Ho_Chi_Minh, which is UTC+7 all year (Vietnam has no daylight saving time). */
#ifndef KIOSK_TIMEFMT_H
#define KIOSK_TIMEFMT_H

#include <stdint.h>

#define TIME_VN_OFFSET_MS (7LL * 3600 * 1000)

int64_t time_now_ms(void);
/* Monotonic milliseconds, for timeouts. */
int64_t time_mono_ms(void);

/* "YYYY-MM-DD" of the local day of t. */
void time_day(int64_t t_ms, char out[11]);
/* "YYYY-MM-DDTHH:MM:SSZ" (UTC). */
void time_iso_utc(int64_t t_ms, char out[21]);
/* "dd/mm/yyyy HH:MM" local. */
void time_local_display(int64_t t_ms, char out[17]);
/* "YYYY-MM-DD" → "dd/mm/yyyy"; "" stays "". */
void time_iso_to_vn(const char *iso, char out[11]);
/* "dd/mm/yyyy" or "ddmmyyyy" → "YYYY-MM-DD". 0, or -1 when not of that form. */
int time_vn_to_iso(const char *vn, char out[11]);
/* Start of a local day "YYYY-MM-DD" in ms UTC; -1 for a bad day. */
int64_t time_day_start(const char *day);
/* Parses "YYYY-MM-DDTHH:MM:SSZ" (or with .mmm). 0 or -1. */
int time_parse_iso_utc(const char *s, int64_t *t_ms);

/* Whole years between two ISO dates (exact birthday arithmetic). */
int time_years_between(const char *from_iso, const char *to_iso);

/* Working days (Mon-Fri, not a Vietnamese public holiday) strictly after the local day of
 * from_ms up to and including the local day of to_ms. */
int time_working_days_between(int64_t from_ms, int64_t to_ms);
/* 1 when the local day "YYYY-MM-DD" is a public holiday (table in timefmt.c). */
int time_is_holiday(const char *day);

#endif
