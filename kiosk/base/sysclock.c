/* sysclock.c: the boot's clocks (sysclock.h). */
#include "kiosk/base/sysclock.h"

#include <fcntl.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int64_t sysclock_boot_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_BOOTTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void sysclock_boot_id(char out[40])
{
    out[0] = '\0';
    int fd = open("/proc/sys/kernel/random/boot_id", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    ssize_t n = read(fd, out, 39);
    close(fd);
    out[n > 0 ? n : 0] = '\0';
    out[strcspn(out, "\n")] = '\0';
}
