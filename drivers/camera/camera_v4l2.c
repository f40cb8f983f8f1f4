/* camera_v4l2.c: a V4L2 capture device (any UVC webcam) through libv4l2, which converts
 * whatever the camera streams (MJPEG, YUYV...) to RGB24. mmap streaming with V4L2_NBUFS
 * buffers; each frame is copied out and its buffer queued again at once, so the driver never
 * runs dry while the caller analyses a frame.
 *
 * States: CLOSED -open-> OPEN -start-> STREAMING -stop-> OPEN -close-> CLOSED; start() at a
 * new size stops first. Guarantees: next_frame() waits with poll() bounded by its timeout and
 * never calls a blocking ioctl (the fd is O_NONBLOCK); an unplugged camera gives
 * CAM_ERR_NO_DEVICE (ENODEV) and a failing one CAM_ERR_IO. */
#include "drivers/camera/camera.h"

#include <errno.h>
#include <fcntl.h>
#include <libv4l2.h>
#include <linux/videodev2.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define V4L2_NBUFS 4
/* Frames thrown away before a still, so auto exposure settles after the mode change. */
#define V4L2_STILL_SKIP  2
#define V4L2_MAX_DEVICES 64
/* Preview rate asked for when the options give none: twice the 15 fps the UI needs. */
#define V4L2_DEFAULT_FPS 30

struct v4l2_buf {
    void *start;
    size_t len;
};

struct v4l2cam {
    int fd;
    int streaming;
    int width, height, bytesperline;
    int fps; /* frame rate asked for (the camera may give less) */
    struct v4l2_buf bufs[V4L2_NBUFS];
    int nbufs;
    struct cam_frame frame, still;
};

static int xioctl(int fd, unsigned long req, void *arg)
{
    int r;
    do
        r = v4l2_ioctl(fd, req, arg);
    while (r == -1 && errno == EINTR);
    return r;
}

static int errno_code(int e)
{
    switch (e) {
    case ENOENT:
    case ENODEV:
    case ENXIO:
    case EACCES:
    case EPERM:
        return CAM_ERR_NO_DEVICE;
    case EBUSY:
        return CAM_ERR_BUSY;
    case ENOMEM:
        return CAM_ERR_NOMEM;
    case EAGAIN:
        return CAM_ERR_TIMEOUT;
    }
    return CAM_ERR_IO;
}

static int is_capture(int fd)
{
    struct v4l2_capability cap;
    memset(&cap, 0, sizeof cap);
    if (xioctl(fd, VIDIOC_QUERYCAP, &cap) != 0)
        return 0;
    uint32_t caps = (cap.capabilities & V4L2_CAP_DEVICE_CAPS) ? cap.device_caps : cap.capabilities;
    return (caps & V4L2_CAP_VIDEO_CAPTURE) && (caps & V4L2_CAP_STREAMING);
}

int camera_list_devices(char (*paths)[CAMERA_PATH_SIZE], int max)
{
    int n = 0;
    for (int i = 0; i < V4L2_MAX_DEVICES && n < max; i++) {
        char p[CAMERA_PATH_SIZE];
        snprintf(p, sizeof p, "/dev/video%d", i);
        int fd = v4l2_open(p, O_RDWR | O_NONBLOCK);
        if (fd < 0)
            continue;
        if (is_capture(fd))
            snprintf(paths[n++], CAMERA_PATH_SIZE, "%s", p);
        v4l2_close(fd);
    }
    return n;
}

static void v4lcam_stop(void *vs)
{
    struct v4l2cam *c = vs;
    enum v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    struct v4l2_requestbuffers req;
    if (c->streaming)
        xioctl(c->fd, VIDIOC_STREAMOFF, &type);
    c->streaming = 0;
    for (int i = 0; i < c->nbufs; i++)
        if (c->bufs[i].start != NULL && c->bufs[i].start != MAP_FAILED)
            v4l2_munmap(c->bufs[i].start, c->bufs[i].len);
    if (c->nbufs > 0) {
        memset(&req, 0, sizeof req);
        req.count = 0;
        req.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        req.memory = V4L2_MEMORY_MMAP;
        xioctl(c->fd, VIDIOC_REQBUFS, &req);
    }
    memset(c->bufs, 0, sizeof c->bufs);
    c->nbufs = 0;
}

static void v4lcam_close(void *vs)
{
    struct v4l2cam *c = vs;
    if (c == NULL)
        return;
    v4lcam_stop(c);
    if (c->fd >= 0)
        v4l2_close(c->fd);
    cam_frame_free(&c->frame);
    cam_frame_free(&c->still);
    free(c);
}

static int v4lcam_open(const char *path, const struct camera_options *opt, void **st)
{
    struct v4l2cam *c;
    *st = NULL;
    c = calloc(1, sizeof *c);
    if (c == NULL)
        return CAM_ERR_NOMEM;
    c->fps = opt && opt->fps > 0 ? opt->fps : V4L2_DEFAULT_FPS;
    c->fd = v4l2_open(path, O_RDWR | O_NONBLOCK);
    if (c->fd < 0) {
        int rc = errno_code(errno);
        free(c);
        return rc;
    }
    if (!is_capture(c->fd)) {
        v4lcam_close(c);
        return CAM_ERR_FORMAT;
    }
    *st = c;
    return 0;
}

static void add_mode(struct cam_mode *m, int max, int *n, int w, int h, uint32_t fourcc)
{
    for (int i = 0; i < *n; i++)
        if (m[i].width == w && m[i].height == h)
            return;
    if (*n < max && w > 0 && h > 0) {
        m[*n].width = w;
        m[*n].height = h;
        m[*n].fourcc = fourcc;
        (*n)++;
    }
}

static int cmp_mode_desc(const void *a, const void *b)
{
    const struct cam_mode *x = a, *y = b;
    long ax = (long)x->width * x->height, ay = (long)y->width * y->height;
    return ax < ay ? 1 : ax > ay ? -1 : 0;
}

static int v4lcam_list_modes(void *vs, struct cam_mode *modes, int max, int *n)
{
    struct v4l2cam *c = vs;
    struct v4l2_fmtdesc fd;
    *n = 0;
    for (uint32_t fi = 0; fi < 64; fi++) {
        memset(&fd, 0, sizeof fd);
        fd.index = fi;
        fd.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        if (xioctl(c->fd, VIDIOC_ENUM_FMT, &fd) != 0)
            break;
        /* libv4l2 may list only the formats it converts to (flag EMULATED), hiding the
         * camera's own; their sizes are the camera's either way. */
        for (uint32_t si = 0; si < 64; si++) {
            struct v4l2_frmsizeenum fs;
            memset(&fs, 0, sizeof fs);
            fs.index = si;
            fs.pixel_format = fd.pixelformat;
            if (xioctl(c->fd, VIDIOC_ENUM_FRAMESIZES, &fs) != 0)
                break;
            if (fs.type == V4L2_FRMSIZE_TYPE_DISCRETE) {
                add_mode(modes, max, n, (int)fs.discrete.width, (int)fs.discrete.height,
                         fd.pixelformat);
            } else {
                /* Stepwise/continuous: offer the usual 4:3 sizes inside the range. */
                static const int std[][2] = {{1920, 1440}, {1280, 960}, {640, 480}, {320, 240}};
                for (size_t k = 0; k < sizeof std / sizeof std[0]; k++)
                    if ((uint32_t)std[k][0] >= fs.stepwise.min_width &&
                        (uint32_t)std[k][0] <= fs.stepwise.max_width &&
                        (uint32_t)std[k][1] >= fs.stepwise.min_height &&
                        (uint32_t)std[k][1] <= fs.stepwise.max_height)
                        add_mode(modes, max, n, std[k][0], std[k][1], fd.pixelformat);
                break;
            }
        }
    }
    if (*n == 0) {
        /* Some drivers enumerate no sizes: take the current format's. */
        struct v4l2_format f;
        memset(&f, 0, sizeof f);
        f.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        if (xioctl(c->fd, VIDIOC_G_FMT, &f) == 0)
            add_mode(modes, max, n, (int)f.fmt.pix.width, (int)f.fmt.pix.height,
                     f.fmt.pix.pixelformat);
    }
    qsort(modes, (size_t)*n, sizeof *modes, cmp_mode_desc);
    return *n > 0 ? 0 : CAM_ERR_FORMAT;
}

static int v4lcam_start(void *vs, int width, int height)
{
    struct v4l2cam *c = vs;
    struct v4l2_format f;
    struct v4l2_requestbuffers req;
    enum v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    int rc;

    if (c->streaming && c->width == width && c->height == height)
        return 0;
    v4lcam_stop(c);
    memset(&f, 0, sizeof f);
    f.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    f.fmt.pix.width = (uint32_t)width;
    f.fmt.pix.height = (uint32_t)height;
    f.fmt.pix.pixelformat = V4L2_PIX_FMT_RGB24;
    f.fmt.pix.field = V4L2_FIELD_NONE;
    if (xioctl(c->fd, VIDIOC_S_FMT, &f) != 0)
        return errno == EBUSY ? CAM_ERR_BUSY : errno_code(errno);
    if (f.fmt.pix.pixelformat != V4L2_PIX_FMT_RGB24 || f.fmt.pix.width == 0 ||
        f.fmt.pix.height == 0 || f.fmt.pix.width > 16384 || f.fmt.pix.height > 16384)
        return CAM_ERR_FORMAT;
    c->width = (int)f.fmt.pix.width;
    c->height = (int)f.fmt.pix.height;
    c->bytesperline =
        f.fmt.pix.bytesperline >= f.fmt.pix.width * 3 ? (int)f.fmt.pix.bytesperline : c->width * 3;
    {
        /* Many UVC cameras default to a slow rate; ask for ours. Not every driver can set it:
         * a refusal is not an error. */
        struct v4l2_streamparm parm;
        memset(&parm, 0, sizeof parm);
        parm.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        if (xioctl(c->fd, VIDIOC_G_PARM, &parm) == 0 &&
            (parm.parm.capture.capability & V4L2_CAP_TIMEPERFRAME)) {
            parm.parm.capture.timeperframe.numerator = 1;
            parm.parm.capture.timeperframe.denominator = (uint32_t)c->fps;
            xioctl(c->fd, VIDIOC_S_PARM, &parm);
        }
    }
    memset(&req, 0, sizeof req);
    req.count = V4L2_NBUFS;
    req.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    req.memory = V4L2_MEMORY_MMAP;
    if (xioctl(c->fd, VIDIOC_REQBUFS, &req) != 0)
        return errno_code(errno);
    if (req.count < 1 || req.count > V4L2_NBUFS)
        return CAM_ERR_FORMAT;
    c->nbufs = (int)req.count;
    for (int i = 0; i < c->nbufs; i++) {
        struct v4l2_buffer b;
        memset(&b, 0, sizeof b);
        b.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        b.memory = V4L2_MEMORY_MMAP;
        b.index = (uint32_t)i;
        if (xioctl(c->fd, VIDIOC_QUERYBUF, &b) != 0) {
            rc = errno_code(errno);
            goto fail;
        }
        c->bufs[i].len = b.length;
        c->bufs[i].start =
            v4l2_mmap(NULL, b.length, PROT_READ | PROT_WRITE, MAP_SHARED, c->fd, b.m.offset);
        if (c->bufs[i].start == MAP_FAILED) {
            c->bufs[i].start = NULL;
            rc = errno_code(errno);
            goto fail;
        }
        if (xioctl(c->fd, VIDIOC_QBUF, &b) != 0) {
            rc = errno_code(errno);
            goto fail;
        }
    }
    if (xioctl(c->fd, VIDIOC_STREAMON, &type) != 0) {
        rc = errno_code(errno);
        goto fail;
    }
    c->streaming = 1;
    if (c->frame.width != c->width || c->frame.height != c->height) {
        cam_frame_free(&c->frame);
        if ((rc = cam_frame_alloc(&c->frame, c->width, c->height)) != 0)
            goto fail;
    }
    return 0;
fail:
    v4lcam_stop(c);
    return rc;
}

/* Waits for one frame and copies it into dst (sized to the stream). */
static int grab(struct v4l2cam *c, struct cam_frame *dst, int timeout_ms)
{
    int64_t deadline = cam_now_ms() + timeout_ms;
    if (!c->streaming)
        return CAM_ERR_ARG;
    for (;;) {
        struct pollfd p = {.fd = c->fd, .events = POLLIN};
        int64_t left = deadline - cam_now_ms();
        int r = poll(&p, 1, left > 0 ? (int)left : 0);
        if (r < 0 && errno != EINTR)
            return CAM_ERR_IO;
        if (r > 0 && (p.revents & (POLLERR | POLLHUP | POLLNVAL)))
            return CAM_ERR_NO_DEVICE;
        if (r > 0) {
            struct v4l2_buffer b;
            memset(&b, 0, sizeof b);
            b.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
            b.memory = V4L2_MEMORY_MMAP;
            if (xioctl(c->fd, VIDIOC_DQBUF, &b) == 0) {
                int ok = b.index < (uint32_t)c->nbufs &&
                         b.bytesused >= (uint32_t)c->bytesperline * (uint32_t)(c->height - 1) +
                                            (uint32_t)c->width * 3 &&
                         !(b.flags & V4L2_BUF_FLAG_ERROR);
                if (ok) {
                    const unsigned char *src = c->bufs[b.index].start;
                    for (int y = 0; y < c->height; y++)
                        memcpy(dst->rgb + (size_t)y * dst->stride,
                               src + (size_t)y * c->bytesperline, (size_t)c->width * 3);
                    dst->t_ms = cam_now_ms();
                }
                if (xioctl(c->fd, VIDIOC_QBUF, &b) != 0)
                    return errno_code(errno);
                if (ok)
                    return 0;
                /* A corrupt frame: wait for the next one. */
            } else if (errno != EAGAIN) {
                return errno == ENODEV ? CAM_ERR_NO_DEVICE : CAM_ERR_IO;
            }
        }
        if (cam_now_ms() >= deadline)
            return CAM_ERR_TIMEOUT;
    }
}

static int v4lcam_next_frame(void *vs, struct cam_frame *out, int timeout_ms)
{
    struct v4l2cam *c = vs;
    int rc = grab(c, &c->frame, timeout_ms);
    if (rc == 0)
        *out = c->frame;
    return rc;
}

static int v4lcam_still(void *vs, int width, int height, struct cam_frame *out, int timeout_ms)
{
    struct v4l2cam *c = vs;
    int rc;
    if ((rc = v4lcam_start(c, width, height)) != 0)
        return rc;
    if (c->still.width != c->width || c->still.height != c->height) {
        cam_frame_free(&c->still);
        if ((rc = cam_frame_alloc(&c->still, c->width, c->height)) != 0)
            return rc;
    }
    for (int i = 0; i <= V4L2_STILL_SKIP; i++)
        if ((rc = grab(c, &c->still, timeout_ms)) != 0)
            return rc;
    *out = c->still;
    return 0;
}

static void v4lcam_still_release(void *vs)
{
    struct v4l2cam *c = vs;
    cam_frame_free(&c->still);
}

static int v4lcam_set_control(void *vs, enum cam_control ctrl, int value)
{
    struct v4l2cam *c = vs;
    static const uint32_t ids[CAM_CTRL_COUNT] = {
        [CAM_CTRL_EXPOSURE_AUTO] = V4L2_CID_EXPOSURE_AUTO,
        [CAM_CTRL_EXPOSURE] = V4L2_CID_EXPOSURE_ABSOLUTE,
        [CAM_CTRL_WB_AUTO] = V4L2_CID_AUTO_WHITE_BALANCE,
        [CAM_CTRL_WB_TEMPERATURE] = V4L2_CID_WHITE_BALANCE_TEMPERATURE,
        [CAM_CTRL_BRIGHTNESS] = V4L2_CID_BRIGHTNESS,
    };
    struct v4l2_queryctrl q;
    struct v4l2_control s;
    memset(&q, 0, sizeof q);
    q.id = ids[ctrl];
    if (xioctl(c->fd, VIDIOC_QUERYCTRL, &q) != 0 || (q.flags & V4L2_CTRL_FLAG_DISABLED))
        return errno == ENODEV ? CAM_ERR_NO_DEVICE : CAM_ERR_UNSUPPORTED;
    if (ctrl == CAM_CTRL_EXPOSURE_AUTO)
        value = value ? V4L2_EXPOSURE_APERTURE_PRIORITY : V4L2_EXPOSURE_MANUAL;
    if (value < q.minimum)
        value = q.minimum;
    if (value > q.maximum)
        value = q.maximum;
    memset(&s, 0, sizeof s);
    s.id = ids[ctrl];
    s.value = value;
    if (xioctl(c->fd, VIDIOC_S_CTRL, &s) != 0)
        return errno == ENODEV                                         ? CAM_ERR_NO_DEVICE
               : errno == EINVAL || errno == ERANGE || errno == EACCES ? CAM_ERR_UNSUPPORTED
                                                                       : CAM_ERR_IO;
    return 0;
}

const struct camera_ops camera_v4l2_ops = {
    .name = "v4l2",
    .open = v4lcam_open,
    .list_modes = v4lcam_list_modes,
    .start = v4lcam_start,
    .next_frame = v4lcam_next_frame,
    .still = v4lcam_still,
    .still_release = v4lcam_still_release,
    .set_control = v4lcam_set_control,
    .stop = v4lcam_stop,
    .close = v4lcam_close,
};
