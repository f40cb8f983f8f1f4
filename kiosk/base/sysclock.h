/* sysclock.h: the boot's clocks, as the clock checks need them (kiosk/model/clockcheck.h):
 * the monotonic time since boot, suspend included (CLOCK_BOOTTIME), and the boot's id, which
 * says whether two monotonic readings can be compared. */
#ifndef KIOSK_SYSCLOCK_H
#define KIOSK_SYSCLOCK_H

#include <stdint.h>

int64_t sysclock_boot_ms(void);
/* /proc/sys/kernel/random/boot_id, "" when unreadable. */
void sysclock_boot_id(char out[40]);

#endif
