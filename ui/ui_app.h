/* ui_app.h: the UI controller: turns SDL input and device results into runner events and
 * store queries, and the runner's state into the view the screens draw.
 *
 * It owns the drawing context and the display list, not the renderer, the store, the
 * devices or the config. ui_main.c drives it from the real loop; the tests drive it with
 * synthetic events and their own device ops. One thread (SDL's).
 *
 * Screen selection: no officer → login; an enrolment in progress → the workflow state's
 * screen; otherwise home, queue or supervisor as the officer chose. The citizen's data
 * shown (texts, textures, typed contact) is wiped when the workflow wipes. */
#ifndef UI_APP_H
#define UI_APP_H

#include <SDL2/SDL.h>

#include "kiosk/config/config.h"
#include "kiosk/workflow/runner.h"
#include "kiosk/store/store.h"
#include "ui/ui.h"
#include "ui/ui_screens.h"

/* SDL_USEREVENT codes of the events other threads post. */
enum ui_user_event {
    UI_EV_DEVICE = 1,
    UI_EV_SYNC = 2,
    UI_EV_PRINT = 3, /* the receipt's print job ended; data1 tags the app that started it */
    UI_EV_STORE = 4, /* a store job ended (sign-in, approval, queue commit); no data */
};

enum ui_app_err {
    UI_APP_OK = 0,
    UI_APP_ENOMEM = -1,
    UI_APP_EDRAW = -2,   /* drawing context: fonts missing or SDL failed */
    UI_APP_ERUNNER = -3, /* the runner could not be created */
};
const char *ui_app_strerror(int err);

struct ui_app_opts {
    const struct config *cfg;
    struct store *st;
    SDL_Renderer *ren;
    int w, h;
    float dpi; /* <= 0: unknown */
    /* the devices (ops may be NULL: nothing is captured) */
    const struct runner_dev_ops *ops;
    void *dev;
    void (*camera_capture)(void *dev, int officer_override);
    int sim_devices;
    ui_export_fn export_fn;
    const char *receipt_dir; /* NULL: <data_dir>/receipts */
    /* seconds without a device answer before the screen offers to cancel (0: 10) */
    int stuck_seconds;
};

struct ui_app;

int ui_app_new(const struct ui_app_opts *o, struct ui_app **out);
void ui_app_free(struct ui_app *a);
/* 1 once the battery reached the critical level: the enrolment is parked; the main loop ends
 * and kiosk run closes the store and asks for the power-off (UI_RUN_POWEROFF). */
int ui_app_power_off(const struct ui_app *a);

/* One SDL event: touch, mouse, keys, window size, and the UI_EV_* user events (whose
 * payload it takes over). */
void ui_app_event(struct ui_app *a, const SDL_Event *e, int64_t now_ms);
/* The clock: workflow inactivity, officer idle logout, stuck devices. */
void ui_app_tick(struct ui_app *a, int64_t now_ms);
/* Lays out and draws the current screen (the caller presents). */
void ui_app_render(struct ui_app *a);
/* Carries out a screen action as if tapped. */
void ui_app_action(struct ui_app *a, int action, int arg, int64_t now_ms);

const struct ui_frame *ui_app_frame(const struct ui_app *a);
const struct ui_view *ui_app_view(const struct ui_app *a);
struct runner *ui_app_runner(struct ui_app *a);
/* The draw context (to read its metrics). */
struct ui_draw *ui_app_draw(struct ui_app *a);
/* Frees the payloads of the UI_EV_* events still in SDL's queue (at shutdown). */
void ui_post_drain(void);

/* The path of the last receipt written ("" if none). */
const char *ui_app_receipt_path(const struct ui_app *a);

#endif
