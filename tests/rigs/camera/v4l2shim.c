/* v4l2shim.c: the fake camera behind v4l2shim.h. Answers the V4L2 ioctls libv4l2 and the
 * camera backend use (QUERYCAP, ENUM_FMT, ENUM_FRAMESIZES, ENUM_FRAMEINTERVALS, G/S/TRY_FMT,
 * G/S_PARM, REQBUFS, QUERYBUF, QBUF, DQBUF, STREAMON/OFF, QUERYCTRL, G/S_CTRL, inputs); any other
 * ioctl fails with ENOTTY, as a driver without it would. Frames are the configured image
 * scaled to the mode and converted to YUYV (BT.601, limited range), brightness added to Y. */
#include "tests/rigs/camera/v4l2shim.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/videodev2.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define SHIM_NBUFS 4
/* Buffer memory is never returned (a pool reused for the life of the process): libv4l2 may
 * munmap a buffer after the REQBUFS(0) or close that ended it, even after the rig was turned
 * off, and must never unmap memory that now holds something else. */
#define SHIM_POOL 16

static const int shim_sizes[][2] = {{1280, 960}, {640, 480}};

struct shim_buf {
    unsigned char *mem;
    size_t len;
    int queued;
};

struct shim_mem {
    unsigned char *mem;
    size_t cap;
    int in_use;
};

static struct {
    int enabled;
    struct v4l2shim_config cfg;
    char path[64];
    struct cam_frame image;
    int fd;
    int width, height;
    int streaming;
    struct shim_buf bufs[SHIM_NBUFS];
    int nbufs;
    int frames;
    int brightness, exposure_auto, exposure;
    int requested_fps;
    struct shim_mem pool[SHIM_POOL];
} shim = {.fd = -1};

typedef long (*syscall_fn)(long, ...);

static syscall_fn real_syscall(void)
{
    static syscall_fn fn;
    if (fn == NULL)
        fn = (syscall_fn)dlsym(RTLD_NEXT, "syscall");
    return fn;
}

static void free_bufs(void)
{
    for (int i = 0; i < SHIM_POOL; i++)
        shim.pool[i].in_use = 0;
    memset(shim.bufs, 0, sizeof shim.bufs);
    shim.nbufs = 0;
}

static unsigned char *pool_get(size_t len)
{
    int free_slot = -1;
    for (int i = 0; i < SHIM_POOL; i++) {
        if (!shim.pool[i].in_use && shim.pool[i].mem != NULL && shim.pool[i].cap >= len) {
            shim.pool[i].in_use = 1;
            return shim.pool[i].mem;
        }
        if (shim.pool[i].mem == NULL && free_slot < 0)
            free_slot = i;
    }
    if (free_slot < 0)
        return NULL;
    size_t cap = (len + 4095) / 4096 * 4096;
    long p = real_syscall()(SYS_mmap, 0L, (long)cap, (long)(PROT_READ | PROT_WRITE),
                            (long)(MAP_PRIVATE | MAP_ANONYMOUS), -1L, 0L);
    if (p == -1)
        return NULL;
    shim.pool[free_slot] = (struct shim_mem){(unsigned char *)p, cap, 1};
    return (unsigned char *)p;
}

static int pool_owns(const void *p)
{
    for (int i = 0; i < SHIM_POOL; i++)
        if (shim.pool[i].mem != NULL && (const unsigned char *)p == shim.pool[i].mem)
            return 1;
    return 0;
}

static void snap_size(uint32_t *w, uint32_t *h)
{
    /* The largest mode not above the request, else the smallest. */
    size_t n = sizeof shim_sizes / sizeof shim_sizes[0];
    for (size_t i = 0; i < n; i++)
        if ((uint32_t)shim_sizes[i][0] <= *w && (uint32_t)shim_sizes[i][1] <= *h) {
            *w = (uint32_t)shim_sizes[i][0];
            *h = (uint32_t)shim_sizes[i][1];
            return;
        }
    *w = (uint32_t)shim_sizes[n - 1][0];
    *h = (uint32_t)shim_sizes[n - 1][1];
}

static void fill_pix(struct v4l2_pix_format *p)
{
    snap_size(&p->width, &p->height);
    p->pixelformat = V4L2_PIX_FMT_YUYV;
    p->field = V4L2_FIELD_NONE;
    p->bytesperline = p->width * 2;
    p->sizeimage = p->bytesperline * p->height;
    p->colorspace = V4L2_COLORSPACE_SRGB;
}

static unsigned char clamp8(int v)
{
    return v < 0 ? 0 : v > 255 ? 255 : (unsigned char)v;
}

/* The image at the current mode, as YUYV, into dst. */
static void render(unsigned char *dst)
{
    const struct cam_frame *im = &shim.image;
    for (int y = 0; y < shim.height; y++) {
        const unsigned char *row = im->rgb + (size_t)(y * im->height / shim.height) * im->stride;
        unsigned char *d = dst + (size_t)y * shim.width * 2;
        for (int x = 0; x < shim.width; x += 2) {
            const unsigned char *p0 = row + (x * im->width / shim.width) * 3;
            const unsigned char *p1 = row + ((x + 1) * im->width / shim.width) * 3;
            int y0 = ((66 * p0[0] + 129 * p0[1] + 25 * p0[2] + 128) >> 8) + 16;
            int y1 = ((66 * p1[0] + 129 * p1[1] + 25 * p1[2] + 128) >> 8) + 16;
            int r = (p0[0] + p1[0]) / 2, g = (p0[1] + p1[1]) / 2, b = (p0[2] + p1[2]) / 2;
            int u = ((-38 * r - 74 * g + 112 * b + 128) >> 8) + 128;
            int v = ((112 * r - 94 * g - 18 * b + 128) >> 8) + 128;
            d[x * 2] = clamp8(y0 + shim.brightness - 128);
            d[x * 2 + 1] = clamp8(u);
            d[x * 2 + 2] = clamp8(y1 + shim.brightness - 128);
            d[x * 2 + 3] = clamp8(v);
        }
    }
}

static long fail(int e)
{
    errno = e;
    return -1;
}

static long shim_ioctl(unsigned long req, void *arg)
{
    switch (req) {
    case VIDIOC_QUERYCAP: {
        struct v4l2_capability *c = arg;
        memset(c, 0, sizeof *c);
        strcpy((char *)c->driver, "v4l2shim");
        strcpy((char *)c->card, "Shim Camera");
        strcpy((char *)c->bus_info, "usb-shim-1");
        c->version = 0x060100;
        c->device_caps = V4L2_CAP_VIDEO_CAPTURE | V4L2_CAP_STREAMING;
        c->capabilities = c->device_caps | V4L2_CAP_DEVICE_CAPS;
        return 0;
    }
    case VIDIOC_ENUM_FMT: {
        struct v4l2_fmtdesc *f = arg;
        if (f->type != V4L2_BUF_TYPE_VIDEO_CAPTURE || f->index != 0)
            return fail(EINVAL);
        f->flags = 0;
        f->pixelformat = V4L2_PIX_FMT_YUYV;
        strcpy((char *)f->description, "YUYV 4:2:2");
        return 0;
    }
    case VIDIOC_ENUM_FRAMESIZES: {
        struct v4l2_frmsizeenum *s = arg;
        if (s->pixel_format != V4L2_PIX_FMT_YUYV ||
            s->index >= sizeof shim_sizes / sizeof shim_sizes[0])
            return fail(EINVAL);
        s->type = V4L2_FRMSIZE_TYPE_DISCRETE;
        s->discrete.width = (uint32_t)shim_sizes[s->index][0];
        s->discrete.height = (uint32_t)shim_sizes[s->index][1];
        return 0;
    }
    case VIDIOC_ENUM_FRAMEINTERVALS: {
        struct v4l2_frmivalenum *i = arg;
        if (i->index != 0)
            return fail(EINVAL);
        i->type = V4L2_FRMIVAL_TYPE_DISCRETE;
        i->discrete.numerator = 1;
        i->discrete.denominator = 30;
        return 0;
    }
    case VIDIOC_G_FMT:
    case VIDIOC_S_FMT:
    case VIDIOC_TRY_FMT: {
        struct v4l2_format *f = arg;
        if (f->type != V4L2_BUF_TYPE_VIDEO_CAPTURE)
            return fail(EINVAL);
        if (req == VIDIOC_G_FMT) {
            f->fmt.pix.width = (uint32_t)shim.width;
            f->fmt.pix.height = (uint32_t)shim.height;
        }
        if (req == VIDIOC_S_FMT && (shim.streaming || shim.nbufs > 0))
            return fail(EBUSY);
        fill_pix(&f->fmt.pix);
        if (req == VIDIOC_S_FMT) {
            shim.width = (int)f->fmt.pix.width;
            shim.height = (int)f->fmt.pix.height;
        }
        return 0;
    }
    case VIDIOC_G_PARM:
    case VIDIOC_S_PARM: {
        struct v4l2_streamparm *p = arg;
        if (p->type != V4L2_BUF_TYPE_VIDEO_CAPTURE)
            return fail(EINVAL);
        if (req == VIDIOC_S_PARM && p->parm.capture.timeperframe.numerator > 0)
            shim.requested_fps = (int)(p->parm.capture.timeperframe.denominator /
                                       p->parm.capture.timeperframe.numerator);
        memset(&p->parm.capture, 0, sizeof p->parm.capture);
        p->parm.capture.capability = V4L2_CAP_TIMEPERFRAME;
        p->parm.capture.timeperframe.numerator = 1;
        p->parm.capture.timeperframe.denominator = 30;
        return 0;
    }
    case VIDIOC_REQBUFS: {
        struct v4l2_requestbuffers *r = arg;
        if (r->type != V4L2_BUF_TYPE_VIDEO_CAPTURE || r->memory != V4L2_MEMORY_MMAP)
            return fail(EINVAL);
        if (shim.streaming)
            return fail(EBUSY);
        free_bufs();
        if (r->count == 0)
            return 0;
        if (r->count > SHIM_NBUFS)
            r->count = SHIM_NBUFS;
        size_t len = (size_t)shim.width * shim.height * 2;
        for (uint32_t i = 0; i < r->count; i++) {
            shim.bufs[i].mem = pool_get(len);
            if (shim.bufs[i].mem == NULL) {
                free_bufs();
                return fail(ENOMEM);
            }
            shim.bufs[i].len = len;
            shim.nbufs++;
        }
        return 0;
    }
    case VIDIOC_QUERYBUF:
    case VIDIOC_QBUF: {
        struct v4l2_buffer *b = arg;
        if (b->type != V4L2_BUF_TYPE_VIDEO_CAPTURE || b->index >= (uint32_t)shim.nbufs)
            return fail(EINVAL);
        if (req == VIDIOC_QBUF) {
            shim.bufs[b->index].queued = 1;
            return 0;
        }
        b->memory = V4L2_MEMORY_MMAP;
        b->length = (uint32_t)shim.bufs[b->index].len;
        b->m.offset = b->index * 0x1000000u;
        b->flags = shim.bufs[b->index].queued ? V4L2_BUF_FLAG_QUEUED : 0;
        return 0;
    }
    case VIDIOC_DQBUF: {
        struct v4l2_buffer *b = arg;
        if (!shim.streaming)
            return fail(EINVAL);
        if (shim.cfg.unplug_after > 0 && shim.frames >= shim.cfg.unplug_after)
            return fail(ENODEV);
        if (shim.cfg.stall)
            return fail(EAGAIN);
        for (int i = 0; i < shim.nbufs; i++) {
            if (!shim.bufs[i].queued)
                continue;
            render(shim.bufs[i].mem);
            shim.bufs[i].queued = 0;
            memset(b, 0, sizeof *b);
            b->type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
            b->memory = V4L2_MEMORY_MMAP;
            b->index = (uint32_t)i;
            b->bytesused = (uint32_t)shim.bufs[i].len;
            b->length = (uint32_t)shim.bufs[i].len;
            b->field = V4L2_FIELD_NONE;
            b->sequence = (uint32_t)shim.frames++;
            b->flags = V4L2_BUF_FLAG_MAPPED;
            return 0;
        }
        return fail(EAGAIN);
    }
    case VIDIOC_STREAMON:
        if (shim.nbufs == 0)
            return fail(EINVAL);
        shim.streaming = 1;
        return 0;
    case VIDIOC_STREAMOFF:
        shim.streaming = 0;
        for (int i = 0; i < shim.nbufs; i++)
            shim.bufs[i].queued = 0;
        return 0;
    case VIDIOC_QUERYCTRL: {
        struct v4l2_queryctrl *q = arg;
        uint32_t id = q->id;
        if (id & V4L2_CTRL_FLAG_NEXT_CTRL)
            return fail(EINVAL); /* no enumeration: libv4l2 then asks by id */
        memset(q, 0, sizeof *q);
        q->id = id;
        if (id == V4L2_CID_BRIGHTNESS) {
            q->type = V4L2_CTRL_TYPE_INTEGER;
            strcpy((char *)q->name, "Brightness");
            q->maximum = 255;
            q->step = 1;
            q->default_value = 128;
        } else if (id == V4L2_CID_EXPOSURE_AUTO) {
            q->type = V4L2_CTRL_TYPE_MENU;
            strcpy((char *)q->name, "Auto Exposure");
            q->maximum = 3;
            q->step = 1;
            q->default_value = 3;
        } else if (id == V4L2_CID_EXPOSURE_ABSOLUTE) {
            q->type = V4L2_CTRL_TYPE_INTEGER;
            strcpy((char *)q->name, "Exposure Time, Absolute");
            q->minimum = 3;
            q->maximum = 2047;
            q->step = 1;
            q->default_value = 250;
        } else {
            return fail(EINVAL);
        }
        return 0;
    }
    case VIDIOC_G_CTRL:
    case VIDIOC_S_CTRL: {
        struct v4l2_control *c = arg;
        int *v = c->id == V4L2_CID_BRIGHTNESS          ? &shim.brightness
                 : c->id == V4L2_CID_EXPOSURE_AUTO     ? &shim.exposure_auto
                 : c->id == V4L2_CID_EXPOSURE_ABSOLUTE ? &shim.exposure
                                                       : NULL;
        if (v == NULL)
            return fail(EINVAL);
        if (req == VIDIOC_S_CTRL)
            *v = c->value;
        else
            c->value = *v;
        return 0;
    }
    case VIDIOC_G_INPUT:
        *(int *)arg = 0;
        return 0;
    case VIDIOC_S_INPUT:
        return *(int *)arg == 0 ? 0 : fail(EINVAL);
    case VIDIOC_ENUMINPUT: {
        struct v4l2_input *in = arg;
        if (in->index != 0)
            return fail(EINVAL);
        memset(in, 0, sizeof *in); /* status 0: not mounted upside down */
        strcpy((char *)in->name, "Camera 1");
        in->type = V4L2_INPUT_TYPE_CAMERA;
        return 0;
    }
    }
    return fail(ENOTTY);
}

static long shim_open(const char *path)
{
    if (shim.cfg.busy || shim.fd >= 0)
        return fail(EBUSY);
    long fd = real_syscall()(SYS_eventfd2, 1, EFD_NONBLOCK | EFD_CLOEXEC);
    if (fd < 0)
        return fd;
    (void)path;
    shim.fd = (int)fd;
    shim.width = shim_sizes[1][0];
    shim.height = shim_sizes[1][1];
    if (shim.cfg.stall) {
        /* Drain the counter: poll() then never reports a frame. */
        unsigned long long v;
        real_syscall()(SYS_read, fd, &v, sizeof v);
    }
    return fd;
}

long syscall(long nr, ...)
{
    va_list ap;
    long a[6];
    va_start(ap, nr);
    for (int i = 0; i < 6; i++)
        a[i] = va_arg(ap, long);
    va_end(ap);
    if (shim.enabled) {
        switch (nr) {
        case SYS_openat:
            if (strcmp((const char *)a[1], shim.path) == 0)
                return shim_open((const char *)a[1]);
            break;
        case SYS_open:
            if (strcmp((const char *)a[0], shim.path) == 0)
                return shim_open((const char *)a[0]);
            break;
        case SYS_ioctl:
            if (a[0] == shim.fd && shim.fd >= 0)
                return shim_ioctl((unsigned long)a[1], (void *)a[2]);
            break;
        case SYS_mmap:
            if ((int)a[4] == shim.fd && shim.fd >= 0) {
                unsigned long idx = (unsigned long)a[5] / 0x1000000u;
                if (idx >= (unsigned long)shim.nbufs)
                    return fail(EINVAL);
                return (long)shim.bufs[idx].mem;
            }
            break;
        case SYS_munmap:
            if (pool_owns((void *)a[0]))
                return 0; /* unmapped by v4l2shim_disable() */
            break;
        case SYS_close:
            if (a[0] == shim.fd && shim.fd >= 0) {
                shim.streaming = 0;
                free_bufs();
                shim.fd = -1;
            }
            break;
        case SYS_read:
        case SYS_write:
            if (a[0] == shim.fd && shim.fd >= 0)
                return fail(EINVAL);
            break;
        }
    }
    return real_syscall()(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
}

int v4l2shim_enable(const struct v4l2shim_config *cfg, const struct cam_frame *image)
{
    v4l2shim_disable();
    shim.cfg = *cfg;
    snprintf(shim.path, sizeof shim.path, "%s", cfg->path);
    shim.cfg.path = shim.path;
    shim.brightness = 128;
    shim.exposure_auto = 3;
    shim.exposure = 250;
    shim.frames = 0;
    shim.requested_fps = 0;
    if (cam_frame_copy(&shim.image, image) != 0)
        return -1;
    shim.enabled = 1;
    return 0;
}

void v4l2shim_disable(void)
{
    if (shim.fd >= 0)
        real_syscall()(SYS_close, shim.fd);
    shim.fd = -1;
    shim.streaming = 0;
    free_bufs();
    cam_frame_free(&shim.image);
    shim.enabled = 0;
}

int v4l2shim_frames(void)
{
    return shim.frames;
}

int v4l2shim_requested_fps(void)
{
    return shim.requested_fps;
}

int v4l2shim_brightness(void)
{
    return shim.brightness;
}
