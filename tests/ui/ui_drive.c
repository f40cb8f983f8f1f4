/* ui_drive.c: see ui_drive.h. */
#include "tests/ui/ui_drive.h"

#include "kiosk/model/timefmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The monotonic clock in milliseconds, with sub-millisecond resolution. */
static double ui_drive_mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

void ui_drive_note_pass(struct ui_drive *d, double started_ms)
{
    double took = ui_drive_mono_ms() - started_ms;
    if (getenv("UI_DRIVE_SLOW") && took > atof(getenv("UI_DRIVE_SLOW")))
        fprintf(stderr, "# slow pass %.1f ms on %s\n", took,
                ui_screen_name(ui_app_view(d->app)->screen));
    if (took > d->longest_pass_ms) {
        d->longest_pass_ms = took;
        d->longest_pass_screen = ui_app_view(d->app)->screen;
    }
}

double ui_drive_clock_ms(void)
{
    return ui_drive_mono_ms();
}

struct ui_app *ui_drive_start_opts(const struct config *cfg, struct store *st,
                                   struct ui_fakedev *fake, struct process_opts *po,
                                   struct ui_app_opts *o)
{
    char err[256] = "";
    struct kiosk_process *p = NULL;
    po->store_worker = 1;
    if (fake) {
        po->dev_ops = &ui_fakedev_ops;
        po->dev = fake;
        po->camera_capture = ui_fakedev_capture;
    }
    if (process_start(cfg, st, po, &p, err, sizeof err) != 0) {
        fprintf(stderr, "process: %s\n", err);
        return NULL;
    }
    if (fake)
        fake->proc = p;
    o->proc = p;
    struct ui_app *a = NULL;
    int rc = ui_app_new(o, &a);
    if (rc != 0) {
        fprintf(stderr, "ui_app_new: %s\n", ui_app_strerror(rc));
        process_stop(p);
        return NULL;
    }
    return a;
}

struct ui_app *ui_drive_start(const struct config *cfg, struct store *st, struct ui_fakedev *fake,
                              struct ui_app_opts *o)
{
    struct process_opts po = {0};
    return ui_drive_start_opts(cfg, st, fake, &po, o);
}

void ui_drive_stop(struct ui_app *a)
{
    if (!a)
        return;
    struct kiosk_process *p = ui_app_process(a);
    ui_app_free(a);
    process_stop(p);
}

int ui_drive_pump(struct ui_drive *d)
{
    double started = ui_drive_mono_ms();
    SDL_Event e;
    /* SDL_PollEvent stops at its sentinel: what is posted while handling others (device
     * results to the process's loop, whose wake-up is an SDL event) comes in the next round,
     * as in the real loop's next iteration */
    for (int round = 0; round < 20; round++) {
        while (SDL_PollEvent(&e))
            ui_app_event(d->app, &e, d->now);
        ui_app_dispatch(d->app);
        if (SDL_PeepEvents(NULL, 0, SDL_PEEKEVENT, SDL_FIRSTEVENT, SDL_LASTEVENT) <= 0)
            break;
    }
    ui_app_tick(d->app, d->now);
    ui_app_render(d->app);
    ui_app_before_sleep(d->app);
    ui_drive_note_pass(d, started);
    if (!d->check)
        return 0;
    char why[400];
    const struct ui_metrics *m = ui_draw_metrics(ui_app_draw(d->app));
    if (ui_frame_check(ui_app_frame(d->app), d->rig->w, d->rig->h, m->target, why, sizeof(why)) !=
        0) {
        fprintf(stderr, "layout on %s: %s\n", ui_screen_name(ui_app_view(d->app)->screen), why);
        return -1;
    }
    return 0;
}

int ui_drive_tap(struct ui_drive *d, int action, int arg)
{
    if (ui_drive_pump(d) != 0)
        return -1;
    const struct ui_frame *fr = ui_app_frame(d->app);
    int i = ui_frame_find(fr, action, arg);
    if (i < 0) {
        fprintf(stderr, "no widget for action %d/%d on %s (note: %s)\n", action, arg,
                ui_screen_name(ui_app_view(d->app)->screen), ui_app_view(d->app)->note);
        return -1;
    }
    SDL_Rect r = fr->w[i].r;
    SDL_Event e;
    memset(&e, 0, sizeof(e));
    e.type = SDL_FINGERDOWN;
    e.tfinger.touchId = 1;
    e.tfinger.x = (float)(r.x + r.w / 2) / (float)d->rig->w;
    e.tfinger.y = (float)(r.y + r.h / 2) / (float)d->rig->h;
    e.tfinger.pressure = 1;
    SDL_PushEvent(&e);
    e.type = SDL_FINGERUP;
    SDL_PushEvent(&e);
    d->now += 300;
    return ui_drive_pump(d);
}

int ui_drive_type(struct ui_drive *d, const char *s)
{
    for (; *s; s++)
        if (ui_drive_tap(d, UI_A_KEY, (unsigned char)*s) != 0)
            return -1;
    return 0;
}

int ui_drive_login(struct ui_drive *d, const char *officer_id, const char *pin)
{
    if (ui_drive_pump(d) != 0)
        return -1;
    const struct ui_view *v = ui_app_view(d->app);
    int officer = -1;
    for (int i = 0; i < v->n_officers; i++)
        if (strcmp(v->officers[i].id, officer_id) == 0)
            officer = i;
    if (officer < 0 || ui_drive_tap(d, UI_A_OFFICER, officer) != 0)
        return -1;
    for (; *pin; pin++)
        if (ui_drive_tap(d, UI_A_PIN_DIGIT, *pin - '0') != 0)
            return -1;
    if (ui_drive_tap(d, UI_A_PIN_OK, 0) != 0)
        return -1;
    return ui_drive_settle(d, UI_DRIVE_STORE_MS);
}

int ui_drive_settle(struct ui_drive *d, int timeout_ms)
{
    int64_t end = time_now_ms() + timeout_ms;
    const struct ui_view *v = ui_app_view(d->app);
    while (v->pin_checking || v->queuing || v->exporting) {
        if (time_now_ms() >= end) {
            fprintf(stderr, "timed out waiting for the store worker (on %s, note: %s)\n",
                    ui_screen_name(v->screen), v->note);
            return -1;
        }
        SDL_WaitEventTimeout(NULL, 20); /* NULL: wait for one, leave it queued */
        if (ui_drive_pump(d) != 0)
            return -1;
    }
    return 0;
}

int ui_drive_wait(struct ui_drive *d, enum ui_screen want, const int *flag, int timeout_ms)
{
    int64_t end = time_now_ms() + timeout_ms;
    const struct ui_view *v = ui_app_view(d->app);
    while (time_now_ms() < end) {
        SDL_WaitEventTimeout(NULL, 20); /* NULL: wait for one, leave it queued */
        d->now = time_now_ms();
        if (ui_drive_pump(d) != 0)
            return -1;
        if (v->screen == want && (!flag || *flag))
            return 0;
    }
    fprintf(stderr, "timed out waiting for %s (on %s, note: %s)\n", ui_screen_name(want),
            ui_screen_name(v->screen), v->note);
    return -1;
}

int ui_drive_wait_printed(struct ui_drive *d, int timeout_ms)
{
    int64_t end = time_now_ms() + timeout_ms;
    const struct ui_view *v = ui_app_view(d->app);
    while (time_now_ms() < end) {
        SDL_WaitEventTimeout(NULL, 20); /* NULL: wait for one, leave it queued */
        if (ui_drive_pump(d) != 0)
            return -1;
        if (!v->printing)
            return 0;
    }
    fprintf(stderr, "timed out waiting for the receipt to print (on %s)\n",
            ui_screen_name(v->screen));
    return -1;
}
