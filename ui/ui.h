/* ui.h: the touchscreen UI's public entry points, for kiosk/cli/main.c and the sync thread.
 *
 * The UI is the shared module kiosk-ui.so (kiosk/base/module.h): `kiosk run` loads it and
 * calls it through struct ui_module, so no other command maps SDL2. Tests and benchmarks
 * link the same code directly (build/.../libui.a).
 *
 *   ui_display_available()  whether a display (or a forced SDL video driver) is there;
 *                           without one `kiosk run` falls back to the headless demo.
 *   ui_run()                opens the window and runs the main loop until the window is
 *                           closed; starts the device workers and wires them to a runner.
 *   ui_post_sync_status()   thread-safe: the sync thread reports its state; the home screen
 *                           shows it. Callable before ui_run starts (then it is dropped).
 *   ui_post_device_event()  thread-safe dev_post_fn: device workers post their results; the
 *                           main loop hands them to the runner.
 *
 * The main loop (ui_main.c) waits for an SDL event with a timeout, passes input to the screen,
 * the screen's actions to the runner, device results to runner_device_event, the clock as
 * WF_EV_TICK, and renders once before sleeping. It never waits on a device or the network. */
#ifndef UI_H
#define UI_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "kiosk/config/config.h"
#include "kiosk/devices/devices.h"
#include "kiosk/store/store.h"

struct ui_sync_status {
    int online;
    long pending;
    int64_t last_success_ms; /* 0: never */
    char last_error[160];    /* plain words, no personal data; "" when none */
};

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

/* Runs the UI on st with cfg until the window closes. argv may hold "--size=WxH" and
 * "--fullscreen". Returns 0, or 1 with a message on stderr when SDL, the fonts or the
 * devices cannot start. */
int ui_run(const struct config *cfg, struct store *st, int argc, char **argv);
/* ui_run's answer when the battery reached the critical level (kiosk/devices/power.h): the
 * enrolment is parked; the caller closes the store and asks the system to power off. */
#define UI_RUN_POWEROFF 3

/* Like ui_run with the export function given (NULL: the export button says it is not
 * available in this build). */
int ui_run_with(const struct config *cfg, struct store *st, ui_export_fn export_fn, int argc,
                char **argv);

/* Thread-safe. 0, or -1 when the event could not be queued (SDL not running). */
int ui_post_sync_status(const struct ui_sync_status *s);
/* Thread-safe dev_post_fn; arg is unused. Frees ev when it cannot be queued. */
void ui_post_device_event(struct dev_event *ev, void *arg);

/* What the module exports (as the symbol ui_module). */
#define UI_MODULE_ABI 1
struct ui_module {
    int abi; /* UI_MODULE_ABI */
    int (*run_with)(const struct config *cfg, struct store *st, ui_export_fn export_fn, int argc,
                    char **argv);
    int (*post_sync_status)(const struct ui_sync_status *s);
};

#endif
