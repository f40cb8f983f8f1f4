/* shortno.h: the short application number read aloud at the counter and typed back.
 *
 * "<station>-<ddmm>-<seq>", e.g. "HN0101-0212-017": the station part is the station code
 * without its unit prefix ("CAX-HN-0101" → "HN0101"), then the local day and month the
 * application was queued (dd/mm, as Vietnamese dates are read), then its number that day at
 * this station, three digits (four past 999). The store gives each one when it queues the
 * application (kiosk/store/store_recall.h); the number of a day goes on where the same day
 * of an earlier year stopped, so a number is never given twice at a station. */
#ifndef KIOSK_SHORTNO_H
#define KIOSK_SHORTNO_H

#include "kiosk/model/application.h"

#define SHORTNO_PREFIX_SIZE 12

/* The station part for a station code: letters and digits after the first '-' (the whole
 * code when it has none), upper-case, at most 8; "K" when nothing is left. */
void shortno_prefix(const char *station_code, char out[SHORTNO_PREFIX_SIZE]);
/* "<prefix>-<ddmm>-" for a local day "YYYY-MM-DD" (the range every number of that day at
 * that station starts with). 0, or -1 for a bad day. */
int shortno_day_stem(const char *prefix, const char *day, char out[APP_SHORT_NO_SIZE]);
/* The number itself: stem + seq (at least three digits). */
void shortno_format(const char *stem, int seq, char out[APP_SHORT_NO_SIZE]);
/* A number as an officer types it ("hn0101 0212 17", "HN0101-0212-017") to its stored form.
 * 0, or -1 when it is not a short number. */
int shortno_normalise(const char *in, char out[APP_SHORT_NO_SIZE]);

#endif
