/* power.h: the kiosk's power (a mobile unit runs on battery or a UPS for the day): charge and
 * state read from the kernel's power-supply class (/sys/class/power_supply, or another root:
 * tests give a fake tree) and a level against the configured thresholds. What the kiosk does
 * at the critical level is kiosk/workflow/power_guard.h; the power-off request (logind's
 * PowerOff over D-Bus) is here.
 *
 * Reading: every entry of root whose type is Battery or UPS gives a capacity (%) and a status
 * (Charging, Discharging, Full, Not charging); Mains/USB entries say whether the kiosk is
 * plugged in (online). The kiosk is on battery when something discharges and no mains is
 * online; its charge is the lowest capacity. */
#ifndef KIOSK_POWER_H
#define KIOSK_POWER_H

#include <stdint.h>

enum power_level { POWER_NONE = 0, POWER_OK, POWER_WARN, POWER_CRITICAL };

struct power_state {
    int batteries;  /* Battery/UPS entries found (0: mains only, or no tree) */
    int percent;    /* the lowest capacity, -1 unknown */
    int on_battery; /* discharging with no mains online */
    int mains;      /* a mains/USB supply is online */
    int charging;
};
/* 0 (an empty or missing tree gives batteries 0), or -1 when root cannot be read at all. */
int power_read(const char *root, struct power_state *out);
/* POWER_NONE without a battery; WARN at or below warn_percent and CRITICAL at or below
 * critical_percent, while on battery; OK otherwise. */
enum power_level power_judge(const struct power_state *s, int warn_percent, int critical_percent);
const char *power_level_name(enum power_level l);

/* Asks logind to power off (org.freedesktop.login1.Manager.PowerOff); 0 or -errno. */
int power_poweroff_system(void *arg);

#endif
