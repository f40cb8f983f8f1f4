/* ui_main.c: ui_run(): the window, the device workers, and the main loop (ui.h).
 *
 *   loop: wait for an SDL event (up to the next tick or frame) → hand it and every other
 *         queued event to the controller → tick the clock (4 Hz) → render → present.
 *
 * The loop never blocks on a device (workers post results as events) or on the network
 * (the sync thread posts its status). Shutdown stops the workers first, then frees what
 * they posted that was not handled. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/base/service_notify.h"
#include "kiosk/workflow/runner.h"
#include "kiosk/model/timefmt.h"
#include "ui/ui_app.h"

#define UI_TICK_MS  250
#define UI_FRAME_MS 16

static void ui_dev_camera_capture(void *d, int officer_override)
{
    devices_camera_capture(d, officer_override);
}

static int ui_sim_in_use(const struct config *cfg)
{
    return strncmp(cfg->card_device, "sim", 3) == 0 || strncmp(cfg->camera_device, "sim", 3) == 0 ||
           strncmp(cfg->fingerprint_device, "sim", 3) == 0;
}

int ui_run_with(const struct config *cfg, struct store *st, ui_export_fn export_fn, int argc,
                char **argv)
{
    int w = 1280, h = 800, fullscreen = 0, rc = 1;
    for (int i = 1; i < argc; i++) {
        if (sscanf(argv[i], "--size=%dx%d", &w, &h) == 2)
            continue;
        if (strcmp(argv[i], "--fullscreen") == 0)
            fullscreen = 1;
    }
    if (w < 320 || h < 240 || w > 8192 || h > 8192) {
        w = 1280;
        h = 800;
    }
    SDL_Window *win = NULL;
    SDL_Renderer *ren = NULL;
    struct devices *dev = NULL;
    struct ui_app *app = NULL;
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0"); /* touches come as finger events only */
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        fprintf(stderr, "kiosk run: cannot start SDL: %s\n", SDL_GetError());
        return 1;
    }
    win = SDL_CreateWindow(cfg->station_name, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h,
                           fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : SDL_WINDOW_RESIZABLE);
    if (!win) {
        fprintf(stderr, "kiosk run: cannot open a window: %s\n", SDL_GetError());
        goto out;
    }
    ren = SDL_CreateRenderer(win, -1, 0);
    if (!ren)
        ren = SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE);
    if (!ren) {
        fprintf(stderr, "kiosk run: no renderer: %s\n", SDL_GetError());
        goto out;
    }
    SDL_GetRendererOutputSize(ren, &w, &h);
    float dpi = 0;
    if (SDL_GetDisplayDPI(SDL_GetWindowDisplayIndex(win), &dpi, NULL, NULL) != 0)
        dpi = 0;
    char err[256] = "";
    if (devices_start(cfg, ui_post_device_event, NULL, &dev, err, sizeof(err)) != 0) {
        fprintf(stderr, "kiosk run: devices: %s\n", err);
        goto out;
    }
    struct ui_app_opts o = {.cfg = cfg,
                            .st = st,
                            .ren = ren,
                            .w = w,
                            .h = h,
                            .dpi = dpi,
                            .ops = &devices_runner_ops,
                            .dev = dev,
                            .camera_capture = ui_dev_camera_capture,
                            .sim_devices = ui_sim_in_use(cfg),
                            .export_fn = export_fn};
    int arc = ui_app_new(&o, &app);
    if (arc != 0) {
        fprintf(stderr, "kiosk run: %s\n", ui_app_strerror(arc));
        goto out;
    }
    int64_t next_tick = 0;
    service_ready("touchscreen up");
    for (;;) {
        /* every pass feeds the unit's watchdog: a loop stuck anywhere below stops feeding */
        service_alive();
        int64_t now = time_now_ms();
        int timeout = next_tick > now ? (int)(next_tick - now) : 0;
        SDL_Event e;
        int quit = 0;
        if (SDL_WaitEventTimeout(&e, timeout > UI_TICK_MS ? UI_TICK_MS : timeout)) {
            do {
                if (e.type == SDL_QUIT)
                    quit = 1;
                else
                    ui_app_event(app, &e, time_now_ms());
            } while (SDL_PollEvent(&e));
        }
        if (quit)
            break;
        now = time_now_ms();
        if (now >= next_tick) {
            ui_app_tick(app, now);
            next_tick = now + UI_TICK_MS;
        }
        ui_app_render(app);
        SDL_RenderPresent(ren);
        if (ui_app_power_off(app))
            break;
    }
    rc = ui_app_power_off(app) ? UI_RUN_POWEROFF : 0;
out:
    if (dev)
        devices_stop(dev);
    ui_post_drain();
    ui_app_free(app);
    if (ren)
        SDL_DestroyRenderer(ren);
    if (win)
        SDL_DestroyWindow(win);
    SDL_Quit();
    return rc;
}

int ui_run(const struct config *cfg, struct store *st, int argc, char **argv)
{
    return ui_run_with(cfg, st, NULL, argc, argv);
}
