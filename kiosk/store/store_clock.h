/* store_clock.h: what the store remembers about time (kiosk/model/clockcheck.h): the last
 * trusted time (the wall time, the boot's monotonic time and boot id when it was trusted, and
 * where it came from: "ntp", "upstream", "supervisor") and the latest plausible time seen.
 * Key/value rows; a supervisor's setting is audited ("clock.set"). */
#ifndef KIOSK_STORE_CLOCK_H
#define KIOSK_STORE_CLOCK_H

#include "kiosk/store/store.h"

struct store_clock {
    int64_t trusted_ms, trusted_mono_ms;
    char trusted_boot[40];
    char source[16];
    int64_t recorded_ms; /* the latest plausible time seen (0 none) */
};
int store_clock_get(struct store *st, struct store_clock *out);
/* Records a trusted time from source; it becomes the latest plausible time, even below the
 * one recorded (that was seen on a clock running ahead). A supervisor's (actor) is audited
 * with the old and new time. */
int store_clock_trust(struct store *st, int64_t ms, int64_t mono_ms, const char *boot_id,
                      const char *source, const char *actor);
/* The clock was judged plausible at ms: the latest plausible time rises to it. */
int store_clock_seen(struct store *st, int64_t ms);

#endif
