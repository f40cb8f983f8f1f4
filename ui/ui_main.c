/* ui_main.c: ui_run(): the window and the main loop (ui.h), which is also the loop of the
 * process `kiosk run` started (kiosk/process/process.h): one loop, on SDL's thread.
 *
 *   loop: wait for an SDL event, no longer than the next tick (4 Hz) or the process's next
 *         timer → hand it and every other queued event to the controller → run the process's
 *         timers due and the work posted to it (device results, store results, sync reports)
 *         → tick the clock when due → render → present → the process's before-sleep hooks
 *         (the store's commits handed to its worker, the watchdog fed) → wait again.
 *
 * Work posted to the process from another thread (a device worker, the store worker, the
 * sync thread) pushes an SDL event (ui_post_loop_wake) that ends the wait at once. The loop
 * never blocks on a device, the disk or the network. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/base/service_notify.h"
#include "kiosk/model/timefmt.h"
#include "ui/ui_app.h"

#define UI_TICK_MS 250

int ui_app_run(struct ui_app *app, SDL_Renderer *ren)
{
    int64_t next_tick = 0, timer_in = 0;
    for (;;) {
        int64_t now = time_now_ms();
        int64_t wait = next_tick > now ? next_tick - now : 0;
        if (timer_in < wait)
            wait = timer_in;
        /* the process's before-sleep hooks: this is where the thread sleeps; a loop stuck
         * anywhere below stops feeding the watchdog */
        ui_app_before_sleep(app);
        SDL_Event e;
        int quit = 0;
        if (SDL_WaitEventTimeout(&e, (int)(wait > UI_TICK_MS ? UI_TICK_MS : wait))) {
            do {
                if (e.type == SDL_QUIT)
                    quit = 1;
                else
                    ui_app_event(app, &e, time_now_ms());
            } while (SDL_PollEvent(&e));
        }
        if (quit)
            break;
        timer_in = ui_app_dispatch(app);
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
    return ui_app_power_off(app);
}

int ui_run(struct kiosk_process *p, ui_export_fn export_fn, int argc, char **argv)
{
    const struct config *cfg = process_config(p);
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
    struct ui_app_opts o = {
        .proc = p, .ren = ren, .w = w, .h = h, .dpi = dpi, .export_fn = export_fn};
    int arc = ui_app_new(&o, &app);
    if (arc != 0) {
        fprintf(stderr, "kiosk run: %s\n", ui_app_strerror(arc));
        goto out;
    }
    service_ready("touchscreen up");
    ui_app_run(app, ren);
    rc = ui_app_power_off(app) ? UI_RUN_POWEROFF : 0;
out:
    ui_app_free(app); /* the process goes on: kiosk run stops it */
    if (ren)
        SDL_DestroyRenderer(ren);
    if (win)
        SDL_DestroyWindow(win);
    SDL_Quit();
    return rc;
}
