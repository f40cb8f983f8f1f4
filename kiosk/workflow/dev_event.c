/* dev_event.c: freeing device results (whatever thread made them). */
#include <stdlib.h>

#include "kiosk/workflow/dev_event.h"

void dev_event_free(struct dev_event *ev)
{
    if (!ev)
        return;
    if (ev->app) {
        app_wipe(ev->app);
        free(ev->app);
    }
    if (ev->fingerp) {
        app_blob_wipe(&ev->fingerp->image);
        app_str_set(&ev->fingerp->quality_json, NULL);
        free(ev->fingerp);
    }
    if (ev->frame) {
        free(ev->frame->rgb);
        free(ev->frame);
    }
    free(ev);
}
