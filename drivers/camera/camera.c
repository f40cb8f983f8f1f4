/* camera.c: the camera front end: picks the backend from the device string, keeps the preview
 * and still sizes, and gives codes their messages.
 *
 * Invariants: cam->st is the backend's state from ops->open until ops->close; the preview is
 * streaming between a successful camera_open() and camera_close() except inside
 * camera_still(), which restarts it before returning (even on failure). */
#include "drivers/camera/camera.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DEFAULT_PREVIEW_W 640
#define DEFAULT_PREVIEW_H 480
#define DEFAULT_STILL_W   1920
#define DEFAULT_STILL_H   1440

static const struct camera_ops *const camera_backends[] = {&camera_v4l2_ops, &camera_sim_ops};

struct camera {
    const struct camera_ops *ops;
    void *st;
    struct camera_options opt;
    int preview_w, preview_h;
    int still_w, still_h;
};

int64_t cam_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Largest mode not above (w, h); the smallest mode when none fits. 0 when there are none. */
static int pick_mode(const struct cam_mode *m, int n, int w, int h, int *pw, int *ph)
{
    int best = -1, smallest = -1;
    for (int i = 0; i < n; i++) {
        long area = (long)m[i].width * m[i].height;
        if (smallest < 0 || area < (long)m[smallest].width * m[smallest].height)
            smallest = i;
        if (m[i].width <= w && m[i].height <= h &&
            (best < 0 || area > (long)m[best].width * m[best].height))
            best = i;
    }
    if (best < 0)
        best = smallest;
    if (best < 0)
        return CAM_ERR_FORMAT;
    *pw = m[best].width;
    *ph = m[best].height;
    return 0;
}

static int resolve(const char *device, const struct camera_ops **ops, const char **path,
                   char *autopath)
{
    if (device == NULL || device[0] == '\0' || strcmp(device, "auto") == 0) {
        char found[1][CAMERA_PATH_SIZE];
        int n = camera_list_devices(found, 1);
        if (n < 0)
            return n;
        if (n == 0)
            return CAM_ERR_NO_DEVICE;
        snprintf(autopath, CAMERA_PATH_SIZE, "%s", found[0]);
        *ops = &camera_v4l2_ops;
        *path = autopath;
        return 0;
    }
    for (size_t i = 0; i < sizeof camera_backends / sizeof camera_backends[0]; i++) {
        size_t len = strlen(camera_backends[i]->name);
        if (strncmp(device, camera_backends[i]->name, len) == 0 && device[len] == ':') {
            *ops = camera_backends[i];
            *path = device + len + 1;
            return 0;
        }
    }
    if (strncmp(device, "/dev/", 5) == 0) {
        *ops = &camera_v4l2_ops;
        *path = device;
        return 0;
    }
    return CAM_ERR_BACKEND;
}

int camera_open(const char *device, const struct camera_options *opt, struct camera **out)
{
    struct camera *cam = NULL;
    const struct camera_ops *ops = NULL;
    const char *path = NULL;
    char autopath[CAMERA_PATH_SIZE];
    struct cam_mode modes[CAMERA_MAX_MODES];
    int n = 0, rc;

    if (out == NULL)
        return CAM_ERR_ARG;
    *out = NULL;
    if ((rc = resolve(device, &ops, &path, autopath)) != 0)
        return rc;
    cam = calloc(1, sizeof *cam);
    if (cam == NULL)
        return CAM_ERR_NOMEM;
    cam->ops = ops;
    if (opt != NULL)
        cam->opt = *opt;
    if (cam->opt.preview_width <= 0 || cam->opt.preview_height <= 0) {
        cam->opt.preview_width = DEFAULT_PREVIEW_W;
        cam->opt.preview_height = DEFAULT_PREVIEW_H;
    }
    if (cam->opt.still_width <= 0 || cam->opt.still_height <= 0) {
        cam->opt.still_width = DEFAULT_STILL_W;
        cam->opt.still_height = DEFAULT_STILL_H;
    }
    if ((rc = ops->open(path, &cam->opt, &cam->st)) != 0)
        goto out;
    if ((rc = ops->list_modes(cam->st, modes, CAMERA_MAX_MODES, &n)) != 0)
        goto out;
    if ((rc = pick_mode(modes, n, cam->opt.preview_width, cam->opt.preview_height, &cam->preview_w,
                        &cam->preview_h)) != 0)
        goto out;
    if ((rc = pick_mode(modes, n, cam->opt.still_width, cam->opt.still_height, &cam->still_w,
                        &cam->still_h)) != 0)
        goto out;
    rc = ops->start(cam->st, cam->preview_w, cam->preview_h);
out:
    if (rc != 0) {
        if (cam->st != NULL)
            ops->close(cam->st);
        free(cam);
        return rc;
    }
    *out = cam;
    return 0;
}

int camera_next_frame(struct camera *cam, struct cam_frame *out, int timeout_ms)
{
    if (out != NULL)
        memset(out, 0, sizeof *out);
    if (cam == NULL || out == NULL || timeout_ms < 0)
        return CAM_ERR_ARG;
    return cam->ops->next_frame(cam->st, out, timeout_ms);
}

int camera_still(struct camera *cam, struct cam_frame *out)
{
    int rc, rc2;
    if (out != NULL)
        memset(out, 0, sizeof *out);
    if (cam == NULL || out == NULL)
        return CAM_ERR_ARG;
    rc = cam->ops->still(cam->st, cam->still_w, cam->still_h, out, CAMERA_IO_TIMEOUT_MS);
    /* The preview must come back whatever happened to the still. */
    rc2 = cam->ops->start(cam->st, cam->preview_w, cam->preview_h);
    if (rc == 0 && rc2 != 0) {
        memset(out, 0, sizeof *out);
        rc = rc2;
    }
    return rc;
}

void camera_still_release(struct camera *cam)
{
    if (cam != NULL)
        cam->ops->still_release(cam->st);
}

int camera_list_modes(struct camera *cam, struct cam_mode *modes, int max, int *n)
{
    if (n != NULL)
        *n = 0;
    if (cam == NULL || modes == NULL || n == NULL || max < 0)
        return CAM_ERR_ARG;
    return cam->ops->list_modes(cam->st, modes, max, n);
}

void camera_preview_size(const struct camera *cam, int *width, int *height)
{
    *width = cam ? cam->preview_w : 0;
    *height = cam ? cam->preview_h : 0;
}

int camera_set_control(struct camera *cam, enum cam_control ctrl, int value)
{
    if (cam == NULL || (int)ctrl < 0 || ctrl >= CAM_CTRL_COUNT)
        return CAM_ERR_ARG;
    return cam->ops->set_control(cam->st, ctrl, value);
}

const char *camera_backend(const struct camera *cam)
{
    return cam ? cam->ops->name : "";
}

void camera_close(struct camera *cam)
{
    if (cam == NULL)
        return;
    cam->ops->stop(cam->st);
    cam->ops->close(cam->st);
    free(cam);
}

const char *camera_strerror(int err)
{
    switch (err) {
    case CAM_OK:
        return "ok";
    case CAM_ERR_ARG:
        return "bad argument";
    case CAM_ERR_NOMEM:
        return "out of memory";
    case CAM_ERR_NO_DEVICE:
        return "no camera";
    case CAM_ERR_BUSY:
        return "camera busy";
    case CAM_ERR_TIMEOUT:
        return "timeout";
    case CAM_ERR_IO:
        return "camera i/o error";
    case CAM_ERR_FORMAT:
        return "no usable format";
    case CAM_ERR_UNSUPPORTED:
        return "control not supported";
    case CAM_ERR_DATA:
        return "simulated images unreadable";
    case CAM_ERR_BACKEND:
        return "unknown camera device string";
    }
    return "unknown error";
}

int cam_frame_alloc(struct cam_frame *f, int width, int height)
{
    memset(f, 0, sizeof *f);
    if (width <= 0 || height <= 0 || width > 16384 || height > 16384)
        return CAM_ERR_ARG;
    f->rgb = malloc((size_t)width * height * 3);
    if (f->rgb == NULL)
        return CAM_ERR_NOMEM;
    f->width = width;
    f->height = height;
    f->stride = width * 3;
    return 0;
}

void cam_frame_free(struct cam_frame *f)
{
    if (f == NULL)
        return;
    if (f->rgb != NULL) {
        explicit_bzero(f->rgb, (size_t)f->stride * f->height);
        free(f->rgb);
    }
    memset(f, 0, sizeof *f);
}

int cam_frame_copy(struct cam_frame *dst, const struct cam_frame *src)
{
    int rc = cam_frame_alloc(dst, src->width, src->height);
    if (rc != 0)
        return rc;
    for (int y = 0; y < src->height; y++)
        memcpy(dst->rgb + (size_t)y * dst->stride, src->rgb + (size_t)y * src->stride,
               (size_t)src->width * 3);
    dst->t_ms = src->t_ms;
    return 0;
}

int cam_frame_resize(struct cam_frame *dst, const struct cam_frame *src, int width, int height)
{
    int rc = cam_frame_alloc(dst, width, height);
    if (rc != 0)
        return rc;
    dst->t_ms = src->t_ms;
    double sx = (double)src->width / width, sy = (double)src->height / height;
    for (int y = 0; y < height; y++) {
        double fy = (y + 0.5) * sy - 0.5;
        if (fy < 0)
            fy = 0;
        int y0 = (int)fy, y1 = y0 + 1 < src->height ? y0 + 1 : y0;
        double wy = fy - y0;
        const unsigned char *r0 = src->rgb + (size_t)y0 * src->stride;
        const unsigned char *r1 = src->rgb + (size_t)y1 * src->stride;
        unsigned char *d = dst->rgb + (size_t)y * dst->stride;
        for (int x = 0; x < width; x++) {
            double fx = (x + 0.5) * sx - 0.5;
            if (fx < 0)
                fx = 0;
            int x0 = (int)fx, x1 = x0 + 1 < src->width ? x0 + 1 : x0;
            double wx = fx - x0;
            for (int c = 0; c < 3; c++) {
                double top = r0[x0 * 3 + c] * (1 - wx) + r0[x1 * 3 + c] * wx;
                double bot = r1[x0 * 3 + c] * (1 - wx) + r1[x1 * 3 + c] * wx;
                d[x * 3 + c] = (unsigned char)(top * (1 - wy) + bot * wy + 0.5);
            }
        }
    }
    return 0;
}
