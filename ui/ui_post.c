/* ui_post.c: how other threads reach the UI's thread: SDL_PushEvent (thread-safe) of an
 * SDL_USEREVENT whose code says why. The process's loop wakes SDL's wait this way when work is
 * posted to it (UI_EV_LOOP: the work itself stays in the loop's queue, run by
 * ui_app_dispatch); the receipt's print worker says it ended (UI_EV_PRINT). A push that
 * fails (SDL's queue full) loses only the wake-up: the next pass, at most a tick later, runs
 * the loop anyway. */
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

int ui_post_print_done(struct ui_app *tag)
{
    return ui_push(UI_EV_PRINT, tag);
}

void ui_post_loop_wake(void *arg)
{
    (void)arg;
    ui_push(UI_EV_LOOP, NULL);
}
