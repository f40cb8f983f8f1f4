/* camera_sim.c: the simulated camera, "sim:<dir>": plays the PNG/JPEG images of a folder, in
 * name order and looping, at opt->fps, as a 4:3 camera offering 640×480, 1280×960 and
 * 1920×1440 (each image centre-cropped to 4:3, then scaled). A file named "stall" in the folder
 * makes it a camera that never sends a frame (for the no-hang tests and the demo).
 *
 * Guarantees: next_frame() returns within its timeout; frames are views into buffers this
 * backend owns (see camera.h). At most SIM_MAX_IMAGES images are read. */
#include "drivers/camera/camera.h"
#include "drivers/camera/image_file.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SIM_MAX_IMAGES 64

static const struct cam_mode sim_modes[] = {
    {1920, 1440, 0},
    {1280, 960, 0},
    {640, 480, 0},
};

struct sim {
    struct cam_frame src[SIM_MAX_IMAGES];      /* as read, cropped to 4:3 */
    struct cam_frame view[SIM_MAX_IMAGES];     /* scaled to the preview size */
    unsigned char view_is_src[SIM_MAX_IMAGES]; /* already that size: the view is the image */
    int n, next, fps, stall, started;
    int64_t next_due_ms;
    struct cam_frame still;
};

static int has_image_ext(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot && (strcasecmp(dot, ".png") == 0 || strcasecmp(dot, ".jpg") == 0 ||
                   strcasecmp(dot, ".jpeg") == 0);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Centre crop to 4:3. */
static int crop_43(struct cam_frame *f)
{
    int w = f->width, h = f->height, cw = w, ch = h, x0 = 0, y0 = 0;
    struct cam_frame c;
    int rc;
    if ((long)w * 3 > (long)h * 4) {
        cw = h * 4 / 3;
        x0 = (w - cw) / 2;
    } else {
        ch = w * 3 / 4;
        y0 = (h - ch) / 2;
    }
    if (cw == w && ch == h)
        return 0;
    if ((rc = cam_frame_alloc(&c, cw, ch)) != 0)
        return rc;
    for (int y = 0; y < ch; y++)
        memcpy(c.rgb + (size_t)y * c.stride, f->rgb + (size_t)(y + y0) * f->stride + x0 * 3,
               (size_t)cw * 3);
    cam_frame_free(f);
    *f = c;
    return 0;
}

static void view_free(struct sim *s, int i)
{
    if (s->view_is_src[i])
        memset(&s->view[i], 0, sizeof s->view[i]);
    else
        cam_frame_free(&s->view[i]);
    s->view_is_src[i] = 0;
}

static void sim_close(void *vs)
{
    struct sim *s = vs;
    if (s == NULL)
        return;
    for (int i = 0; i < s->n; i++) {
        view_free(s, i);
        cam_frame_free(&s->src[i]);
    }
    cam_frame_free(&s->still);
    free(s);
}

static int sim_open(const char *path, const struct camera_options *opt, void **st)
{
    struct sim *s = NULL;
    DIR *d = NULL;
    struct dirent *e;
    char *names[SIM_MAX_IMAGES];
    int nn = 0, rc = 0;

    *st = NULL;
    d = opendir(path);
    if (d == NULL)
        return CAM_ERR_NO_DEVICE;
    s = calloc(1, sizeof *s);
    if (s == NULL) {
        rc = CAM_ERR_NOMEM;
        goto out;
    }
    s->fps = opt && opt->fps > 0 ? opt->fps : 15;
    while ((e = readdir(d)) != NULL && nn < SIM_MAX_IMAGES) {
        if (strcmp(e->d_name, "stall") == 0)
            s->stall = 1;
        if (!has_image_ext(e->d_name))
            continue;
        names[nn] = strdup(e->d_name);
        if (names[nn] == NULL) {
            rc = CAM_ERR_NOMEM;
            goto out;
        }
        nn++;
    }
    qsort(names, (size_t)nn, sizeof names[0], cmp_names);
    for (int i = 0; i < nn; i++) {
        char full[4096];
        if (snprintf(full, sizeof full, "%s/%s", path, names[i]) >= (int)sizeof full) {
            rc = CAM_ERR_DATA;
            goto out;
        }
        if ((rc = camimg_load(full, &s->src[s->n])) != 0) {
            rc = rc == CAM_ERR_NOMEM ? rc : CAM_ERR_DATA;
            goto out;
        }
        s->n++;
        if ((rc = crop_43(&s->src[s->n - 1])) != 0)
            goto out;
    }
    if (s->n == 0)
        rc = CAM_ERR_DATA;
out:
    for (int i = 0; i < nn; i++)
        free(names[i]);
    closedir(d);
    if (rc != 0) {
        sim_close(s);
        return rc;
    }
    *st = s;
    return 0;
}

static int sim_list_modes(void *vs, struct cam_mode *modes, int max, int *n)
{
    (void)vs;
    int k = 0;
    for (size_t i = 0; i < sizeof sim_modes / sizeof sim_modes[0] && k < max; i++)
        modes[k++] = sim_modes[i];
    *n = k;
    return 0;
}

static int sim_start(void *vs, int width, int height)
{
    struct sim *s = vs;
    int rc;
    if (s->started && s->view[0].width == width && s->view[0].height == height)
        return 0;
    for (int i = 0; i < s->n; i++) {
        view_free(s, i);
        if (s->src[i].width == width && s->src[i].height == height) {
            s->view[i] = s->src[i]; /* no copy of the same pixels */
            s->view_is_src[i] = 1;
        } else if ((rc = cam_frame_resize(&s->view[i], &s->src[i], width, height)) != 0) {
            return rc;
        }
    }
    s->started = 1;
    s->next_due_ms = cam_now_ms();
    return 0;
}

static void sleep_ms(int64_t ms)
{
    struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
    while (ms > 0 && nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

static int sim_next_frame(void *vs, struct cam_frame *out, int timeout_ms)
{
    struct sim *s = vs;
    int64_t now = cam_now_ms();
    if (!s->started)
        return CAM_ERR_ARG;
    if (s->stall || s->next_due_ms - now > timeout_ms) {
        sleep_ms(timeout_ms);
        return CAM_ERR_TIMEOUT;
    }
    if (s->next_due_ms > now)
        sleep_ms(s->next_due_ms - now);
    now = cam_now_ms();
    /* Like a real camera, frames missed while nobody asked are dropped, not queued. */
    s->next_due_ms = (s->next_due_ms > now - 1000 / s->fps ? s->next_due_ms : now) + 1000 / s->fps;
    *out = s->view[s->next];
    out->t_ms = now;
    s->next = (s->next + 1) % s->n;
    return 0;
}

static int sim_still(void *vs, int width, int height, struct cam_frame *out, int timeout_ms)
{
    struct sim *s = vs;
    int cur, rc;
    (void)timeout_ms;
    if (s->stall) {
        sleep_ms(timeout_ms);
        return CAM_ERR_TIMEOUT;
    }
    /* The still is the image the preview shows now. */
    cur = (s->next + s->n - 1) % s->n;
    cam_frame_free(&s->still);
    if ((rc = cam_frame_resize(&s->still, &s->src[cur], width, height)) != 0)
        return rc;
    s->still.t_ms = cam_now_ms();
    *out = s->still;
    return 0;
}

static void sim_still_release(void *vs)
{
    struct sim *s = vs;
    cam_frame_free(&s->still);
}

static int sim_set_control(void *vs, enum cam_control ctrl, int value)
{
    (void)vs;
    (void)ctrl;
    (void)value;
    return CAM_ERR_UNSUPPORTED;
}

static void sim_stop(void *vs)
{
    struct sim *s = vs;
    s->started = 0;
}

const struct camera_ops camera_sim_ops = {
    .name = "sim",
    .open = sim_open,
    .list_modes = sim_list_modes,
    .start = sim_start,
    .next_frame = sim_next_frame,
    .still = sim_still,
    .still_release = sim_still_release,
    .set_control = sim_set_control,
    .stop = sim_stop,
    .close = sim_close,
};
