/* power.c: battery and UPS from the power-supply class, and the system's power-off
 * request (power.h). */
#include "kiosk/devices/power.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <systemd/sd-bus.h>
#include <unistd.h>

/* Reads <root>/<entry>/<name> (one short line) into out; 0 or -1. */
static int read_attr(int dirfd, const char *entry, const char *name, char *out, size_t size)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", entry, name);
    int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return -1;
    ssize_t n = read(fd, out, size - 1);
    close(fd);
    if (n <= 0)
        return -1;
    out[n] = '\0';
    out[strcspn(out, "\n")] = '\0';
    return 0;
}

int power_read(const char *root, struct power_state *out)
{
    memset(out, 0, sizeof *out);
    out->percent = -1;
    int dirfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirfd < 0)
        return errno == ENOENT ? 0 : -1;
    DIR *d = fdopendir(dirfd);
    if (!d) {
        close(dirfd);
        return -1;
    }
    int discharging = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        char type[32], v[32];
        if (e->d_name[0] == '.' || read_attr(dirfd, e->d_name, "type", type, sizeof type) != 0)
            continue;
        if (strcmp(type, "Mains") == 0 || strcmp(type, "USB") == 0) {
            if (read_attr(dirfd, e->d_name, "online", v, sizeof v) == 0 && atoi(v) == 1)
                out->mains = 1;
            continue;
        }
        if (strcmp(type, "Battery") != 0 && strcmp(type, "UPS") != 0)
            continue;
        out->batteries++;
        if (read_attr(dirfd, e->d_name, "capacity", v, sizeof v) == 0) {
            int pct = atoi(v);
            if (pct >= 0 && pct <= 100 && (out->percent < 0 || pct < out->percent))
                out->percent = pct;
        }
        if (read_attr(dirfd, e->d_name, "status", v, sizeof v) == 0) {
            discharging |= strcmp(v, "Discharging") == 0;
            out->charging |= strcmp(v, "Charging") == 0;
        }
    }
    closedir(d);
    out->on_battery = discharging && !out->mains;
    return 0;
}

enum power_level power_judge(const struct power_state *s, int warn_percent, int critical_percent)
{
    if (s->batteries == 0)
        return POWER_NONE;
    if (!s->on_battery || s->percent < 0)
        return POWER_OK;
    if (s->percent <= critical_percent)
        return POWER_CRITICAL;
    if (s->percent <= warn_percent)
        return POWER_WARN;
    return POWER_OK;
}

const char *power_level_name(enum power_level l)
{
    switch (l) {
    case POWER_NONE:
        return "none";
    case POWER_OK:
        return "ok";
    case POWER_WARN:
        return "warn";
    case POWER_CRITICAL:
        return "critical";
    }
    return "?";
}

int power_poweroff_system(void *arg)
{
    (void)arg;
    sd_bus *bus = NULL;
    sd_bus_error err = SD_BUS_ERROR_NULL;
    int rc = sd_bus_open_system(&bus);
    if (rc >= 0)
        rc = sd_bus_call_method(bus, "org.freedesktop.login1", "/org/freedesktop/login1",
                                "org.freedesktop.login1.Manager", "PowerOff", &err, NULL, "b", 0);
    sd_bus_error_free(&err);
    sd_bus_unref(bus);
    return rc < 0 ? rc : 0;
}
