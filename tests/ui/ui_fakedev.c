/* ui_fakedev.c: see ui_fakedev.h. Results are heap dev_events, owned by whoever receives
 * them (dev_event_free), exactly like the real workers'. */
#include "tests/ui/ui_fakedev.h"

#include <SDL2/SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/card/card.h"
#include "tests/ui/ui_rig.h"
#include "kiosk/process/process.h"

unsigned char *ui_fake_jpeg(int w, int h, int seed, size_t *len)
{
    *len = 0;
    SDL_Surface *s = ui_rig_surface(w, h, seed);
    if (!s)
        return NULL;
    size_t cap = (size_t)w * h * 3 + 4096;
    unsigned char *buf = malloc(cap);
    SDL_RWops *rw = buf ? SDL_RWFromMem(buf, (int)cap) : NULL;
    if (rw && IMG_SaveJPG_RW(s, rw, 0, 85) == 0) {
        *len = (size_t)SDL_RWtell(rw);
    } else {
        free(buf);
        buf = NULL;
    }
    if (rw)
        SDL_RWclose(rw);
    SDL_FreeSurface(s);
    return buf;
}

static struct dev_event *ui_fake_event(enum dev_event_type t)
{
    struct dev_event *ev = calloc(1, sizeof(*ev));
    if (ev)
        ev->type = t;
    return ev;
}

static void ui_fake_card_read(void *dev, const struct dev_card_request *req)
{
    struct ui_fakedev *f = dev;
    f->card_reads++;
    f->card_id = req->req_id;
    snprintf(f->last_pid, sizeof(f->last_pid), "%s", req->personal_id);
    f->last_qr = req->qr_only ? 2 : req->qr_text[0] != 0;
    if (!req->personal_id[0] && !req->qr_text[0]) {
        /* as the real worker: nothing to open the chip with */
        struct dev_event *no = ui_fake_event(DEV_CARD_FAILED);
        if (no) {
            no->domain = MSGD_CARD;
            no->code = CARD_EINVAL;
            no->req_id = f->card_id;
        }
        process_post_device(no, f->proc);
        return;
    }
    if (f->mode == UI_FAKE_SILENT)
        return;
    struct dev_event *p = ui_fake_event(DEV_CARD_PROGRESS);
    if (p) {
        p->req_id = f->card_id;
        p->percent = 50;
        snprintf(p->step, sizeof(p->step), "%s", "dg13");
    }
    process_post_device(p, f->proc);
    struct dev_event *ev = ui_fake_event(DEV_CARD_DONE);
    if (!ev)
        return;
    ev->app = calloc(1, sizeof(*ev->app));
    if (!ev->app) {
        free(ev);
        return;
    }
    ev->req_id = f->card_id;
    ui_rig_identity(ev->app);
    if (f->dob) {
        snprintf(ev->app->identity.personal_id, sizeof(ev->app->identity.personal_id), "%s",
                 req->personal_id);
        snprintf(ev->app->identity.dob, sizeof(ev->app->identity.dob), "%s", f->dob);
    }
    ev->app->id[0] = 0;
    ev->app->phone[0] = ev->app->email[0] = 0;
    size_t len = 0;
    unsigned char *jpg = ui_fake_jpeg(240, 320, 7, &len);
    if (jpg) {
        app_blob_set(&ev->app->chip_face, jpg, len);
        free(jpg);
    }
    process_post_device(ev, f->proc);
}

static void ui_fake_card_cancel(void *dev)
{
    ((struct ui_fakedev *)dev)->card_cancels++;
}

static void ui_fake_camera_start(void *dev, uint32_t req_id, const struct app_blob *chip_face)
{
    (void)chip_face;
    struct ui_fakedev *f = dev;
    f->camera_starts++;
    f->camera_id = req_id;
    if (f->mode != UI_FAKE_ANSWER)
        return;
    struct dev_event *ev = ui_fake_event(DEV_PREVIEW);
    if (!ev)
        return;
    ev->req_id = req_id;
    ev->frame = calloc(1, sizeof(*ev->frame));
    if (ev->frame) {
        ev->frame->width = 640;
        ev->frame->height = 480;
        ev->frame->stride = 640 * 3;
        ev->frame->rgb = ui_rig_rgb(640, 480, 3);
        ev->frame->all_pass = 1;
    }
    process_post_device(ev, f->proc);
}

static void ui_fake_camera_stop(void *dev)
{
    ((struct ui_fakedev *)dev)->camera_stops++;
}

void ui_fakedev_capture(void *dev, int officer_override)
{
    struct ui_fakedev *f = dev;
    f->captures++;
    f->overrides += officer_override != 0;
    if (f->mode != UI_FAKE_ANSWER)
        return;
    struct dev_event *ev = ui_fake_event(DEV_PORTRAIT_DONE);
    if (!ev)
        return;
    ev->req_id = f->camera_id;
    ev->app = calloc(1, sizeof(*ev->app));
    if (ev->app) {
        size_t len = 0;
        unsigned char *jpg = ui_fake_jpeg(600, 800, 11, &len);
        if (jpg) {
            app_blob_set(&ev->app->portrait, jpg, len);
            free(jpg);
        }
        app_str_set(&ev->app->portrait_quality_json, "{\"all_pass\":true}");
        ev->app->portrait_override = officer_override != 0;
    }
    process_post_device(ev, f->proc);
}

static void ui_fake_finger_capture(void *dev, enum finger fi, uint32_t req_id)
{
    struct ui_fakedev *f = dev;
    f->finger_captures++;
    f->finger_id = req_id;
    f->last_finger = fi;
    if (f->mode == UI_FAKE_SILENT)
        return;
    struct dev_event *st = ui_fake_event(DEV_FINGER_STATE);
    if (st) {
        st->req_id = req_id;
        st->state = 1;
        st->percent = 50;
        st->finger = fi;
    }
    process_post_device(st, f->proc);
    struct dev_event *ev = ui_fake_event(DEV_FINGER_DONE);
    if (!ev)
        return;
    ev->finger = fi;
    ev->req_id = req_id;
    ev->fingerp = calloc(1, sizeof(*ev->fingerp));
    if (ev->fingerp) {
        unsigned char img[64 * 64];
        for (int i = 0; i < 64 * 64; i++)
            img[i] = (unsigned char)((i * 7 + fi * 13) & 0xFF);
        ev->fingerp->position = fi;
        ev->fingerp->width = ev->fingerp->height = 64;
        ev->fingerp->ppi = 500;
        app_blob_set(&ev->fingerp->image, img, sizeof(img));
        app_str_set(&ev->fingerp->quality_json, "{\"minutiae\":42}");
        ev->fingerp->attempts = 1;
    }
    process_post_device(ev, f->proc);
}

static void ui_fake_finger_cancel(void *dev)
{
    ((struct ui_fakedev *)dev)->finger_cancels++;
}

const struct runner_dev_ops ui_fakedev_ops = {
    .card_read = ui_fake_card_read,
    .card_cancel = ui_fake_card_cancel,
    .camera_start = ui_fake_camera_start,
    .camera_stop = ui_fake_camera_stop,
    .finger_capture = ui_fake_finger_capture,
    .finger_cancel = ui_fake_finger_cancel,
};
