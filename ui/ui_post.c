/* ui_post.c: how other threads reach the UI loop: SDL_PushEvent (thread-safe) of an
 * SDL_USEREVENT whose code says what data1 carries. Whatever cannot be queued is freed
 * here, so a post never leaks and never blocks. */
#include <stdlib.h>
#include <string.h>

#include "ui/ui_app_int.h"

static int ui_push(int code, void *data)
{
    if (!SDL_WasInit(SDL_INIT_EVENTS))
        return -1;
    SDL_Event e;
    memset(&e, 0, sizeof(e));
    e.type = SDL_USEREVENT;
    e.user.code = code;
    e.user.data1 = data;
    return SDL_PushEvent(&e) == 1 ? 0 : -1;
}

int ui_post_sync_status(const struct ui_sync_status *s)
{
    struct ui_sync_status *copy = malloc(sizeof(*copy));
    if (!copy)
        return -1;
    *copy = *s;
    if (ui_push(UI_EV_SYNC, copy) != 0) {
        free(copy);
        return -1;
    }
    return 0;
}

int ui_post_print_done(struct ui_app *tag)
{
    return ui_push(UI_EV_PRINT, tag);
}

void ui_post_store_done(void *arg)
{
    (void)arg; /* lost when SDL's queue is full: the next tick collects the result anyway */
    ui_push(UI_EV_STORE, NULL);
}

void ui_post_device_event(struct dev_event *ev, void *arg)
{
    (void)arg;
    if (ev && ui_push(UI_EV_DEVICE, ev) != 0)
        dev_event_free(ev);
}

/* Frees what the user events still queued carry (at shutdown). */
void ui_post_drain(void)
{
    SDL_Event e;
    while (SDL_PeepEvents(&e, 1, SDL_GETEVENT, SDL_USEREVENT, SDL_USEREVENT) == 1) {
        if (e.user.code == UI_EV_DEVICE)
            dev_event_free(e.user.data1);
        else if (e.user.code == UI_EV_SYNC)
            free(e.user.data1);
    }
}
