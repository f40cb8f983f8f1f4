/* ui.h: the touchscreen UI's public entry points, for kiosk/cli/cli_run.c.
 *
 * The UI is the shared module kiosk-ui.so (kiosk/base/module.h): `kiosk run` loads it and
 * calls it through struct ui_module, so no other command maps SDL2. Tests and benchmarks
 * link the same code directly (build/.../libui.a).
 *
 *   ui_display_available()  whether a display (or a forced SDL video driver) is there;
 *                           without one `kiosk run` falls back to the headless demo.
 *   ui_run()                opens the window and runs the main loop until the window is
 *                           closed, as a front end of the process `kiosk run` started
 *                           (kiosk/process/process.h): its devices, store worker, sync thread
 *                           and runner.
 *
 * The main loop (ui_main.c) is the process's loop too: it waits for an SDL event no longer
 * than the next tick or the process's next timer (work posted to the process from another
 * thread pushes an SDL event that ends the wait), passes input to the screen, runs the
 * process's posted work (device results, store results, sync reports) and timers, ticks the
 * clock (WF_EV_TICK), renders, and runs the process's before-sleep hooks (the store's commits
 * handed to its worker, the watchdog fed) before waiting again. It never waits on a device,
 * the disk or the network. */
#ifndef UI_H
#define UI_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "kiosk/process/process.h"
#include "kiosk/store/store.h"

/* The supervisor export of the period "day" or "week" (the reporting week holding day) into
 * dir/<station>/<period>/ by actor: 0 with out naming the folder written, or an error with
 * out holding the supervisor's message (what happened, what to do next). */
typedef int (*ui_export_fn)(struct store *st, const char *day, const char *dir, const char *period,
                            const char *actor, char *out, size_t outlen);

/* 1 when DISPLAY, WAYLAND_DISPLAY or SDL_VIDEODRIVER is set, else 0. Needs no SDL, so the
 * command can fall back to the headless demo without loading the UI. */
static inline int ui_display_available(void)
{
    const char *vars[] = {"DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER"};
    for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            return 1;
    }
    return 0;
}

/* Runs the UI as a front end of p until the window closes. argv may hold "--size=WxH" and
 * "--fullscreen". export_fn (NULL: the export button says it is not available) runs on the
 * process's store worker. Returns 0, or 1 with a message on stderr when SDL or the fonts
 * cannot start. */
int ui_run(struct kiosk_process *p, ui_export_fn export_fn, int argc, char **argv);
/* ui_run's answer when the battery reached the critical level (kiosk/devices/power.h): the
 * enrolment is parked; the caller stops the process, closes the store and asks the system
 * to power off. */
#define UI_RUN_POWEROFF 3

/* What the module exports (as the symbol ui_module). */
#define UI_MODULE_ABI 2
struct ui_module {
    int abi; /* UI_MODULE_ABI */
    int (*run)(struct kiosk_process *p, ui_export_fn export_fn, int argc, char **argv);
};

#endif
