/* ui_app.h: the UI controller: turns SDL input and device results into runner events and
 * store queries, and the runner's state into the view the screens draw.
 *
 * It owns the drawing context and the display list, not the renderer; the store, the devices,
 * the runner and the config are the process's (kiosk/process/process.h), whose loop it drives
 * on SDL's thread. ui_main.c drives it from the real loop; the tests drive it with synthetic
 * events and a process on scripted or simulated devices. One thread (SDL's).
 *
 * Screen selection: no officer → login; an enrolment in progress → the workflow state's
 * screen; otherwise home, queue or supervisor as the officer chose. The citizen's data
 * shown (texts, textures, typed contact) is wiped when the workflow wipes. */
#ifndef UI_APP_H
#define UI_APP_H

#include <SDL2/SDL.h>

#include "kiosk/config/config.h"
#include "kiosk/process/process.h"
#include "kiosk/workflow/runner.h"
#include "kiosk/store/store.h"
#include "ui/ui.h"
#include "ui/ui_screens.h"

/* SDL_USEREVENT codes of what other threads push to SDL's queue. */
enum ui_user_event {
    UI_EV_LOOP = 1,  /* work was posted to the process's loop: run it (no data) */
    UI_EV_PRINT = 3, /* the receipt's print job ended; data1 tags the app that started it */
};

enum ui_app_err {
    UI_APP_OK = 0,
    UI_APP_ENOMEM = -1,
    UI_APP_EDRAW = -2,   /* drawing context: fonts missing or SDL failed */
    UI_APP_ERUNNER = -3, /* the runner could not be created */
};
const char *ui_app_strerror(int err);

struct ui_app_opts {
    /* the composition root the UI is a front end of: its configuration, store, store worker,
     * devices, runner and loop (the app attaches its callbacks and drives the loop) */
    struct kiosk_process *proc;
    SDL_Renderer *ren;
    int w, h;
    float dpi;               /* <= 0: unknown */
    ui_export_fn export_fn;  /* run on the process's store worker */
    const char *receipt_dir; /* NULL: <data_dir>/receipts */
    /* seconds without a device answer before the screen offers to cancel (0: 10) */
    int stuck_seconds;
};

struct ui_app;

/* Attaches the app to the process as its front end (its callbacks, the loop's wake hook). */
int ui_app_new(const struct ui_app_opts *o, struct ui_app **out);
/* Waits for the app's own store jobs, detaches it from the process (which goes on: the caller
 * stops it), frees it. */
void ui_app_free(struct ui_app *a);
/* 1 once the battery reached the critical level: the enrolment is parked; the main loop ends
 * and kiosk run closes the store and asks for the power-off (UI_RUN_POWEROFF). */
int ui_app_power_off(const struct ui_app *a);

/* One SDL event: touch, mouse, keys, window size, and the UI_EV_* user events (whose
 * payload it takes over). */
void ui_app_event(struct ui_app *a, const SDL_Event *e, int64_t now_ms);
/* The clock: workflow inactivity, officer idle logout, stuck devices. */
void ui_app_tick(struct ui_app *a, int64_t now_ms);
/* The process's loop on this thread (loop.h, a loop driven from SDL's): the timers due and
 * the work posted (device results, store results, sync reports). Returns the delay in ms
 * until its next timer (PROC_LOOP_NO_TIMER: none). */
int64_t ui_app_dispatch(struct ui_app *a);
/* Just before this thread waits for SDL's next event: the process's before-sleep hooks (the
 * store's commits handed to its worker, the watchdog fed). */
void ui_app_before_sleep(struct ui_app *a);
/* The main loop (ui_main.c), which is the process's loop too, on this thread: waits for SDL's
 * next event no longer than the next tick or the process's next timer, hands the events over,
 * dispatches the process's loop, ticks, renders and presents on ren, runs the before-sleep
 * hooks; until SDL_QUIT or the power-off. Returns ui_app_power_off. */
int ui_app_run(struct ui_app *a, SDL_Renderer *ren);
/* Lays out and draws the current screen (the caller presents). */
void ui_app_render(struct ui_app *a);
/* Carries out a screen action as if tapped. */
void ui_app_action(struct ui_app *a, int action, int arg, int64_t now_ms);

const struct ui_frame *ui_app_frame(const struct ui_app *a);
const struct ui_view *ui_app_view(const struct ui_app *a);
struct runner *ui_app_runner(struct ui_app *a);
struct kiosk_process *ui_app_process(struct ui_app *a);
/* The draw context (to read its metrics). */
struct ui_draw *ui_app_draw(struct ui_app *a);

/* The path of the last receipt written ("" if none). */
const char *ui_app_receipt_path(const struct ui_app *a);

#endif
