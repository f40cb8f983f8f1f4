/* camera.h: the kiosk's camera: a preview stream for the portrait checks and a full-size
 * still for the capture, from a V4L2 webcam (through libv4l2) or a simulated folder of images.
 *
 * A backend is one const struct camera_ops (camera_v4l2.c, camera_sim.c); camera_open() picks
 * it by the device string:
 *   "sim:<dir>"            images (PNG/JPEG) from <dir>, played in name order, looping
 *   "v4l2:/dev/videoN"     a V4L2 capture device through libv4l2
 *   "/dev/videoN"          same as v4l2:/dev/videoN
 *   "auto" or ""           the first V4L2 capture device found
 *
 * Guarantees: no call blocks longer than the timeout it is given (or CAMERA_IO_TIMEOUT_MS for
 * calls without one); frames are always RGB24 (3 bytes per pixel, R first). Every function that
 * can fail returns 0 or a negative enum camera_err whose comment says what to do next. */
#ifndef DRIVERS_CAMERA_CAMERA_H
#define DRIVERS_CAMERA_CAMERA_H

#include <stddef.h>
#include <stdint.h>

#include "kiosk/base/code_list.h"

#define CAMERA_CODES(X)                                                                            \
    X(CAM_OK, 0)                                                                                   \
    X(CAM_ERR_ARG, -1)         /* bad argument or call order: a bug in the caller */               \
    X(CAM_ERR_NOMEM, -2)       /* out of memory: close, reopen later */                            \
    X(CAM_ERR_NO_DEVICE, -3)   /* no camera there, or it was unplugged: plug it in, reopen */      \
    X(CAM_ERR_BUSY, -4)        /* another program holds the camera: close it, then reopen */       \
    X(CAM_ERR_TIMEOUT, -5)     /* no frame in time: retry; if it keeps happening, reopen */        \
    X(CAM_ERR_IO, -6)          /* the device failed while streaming: close and reopen */           \
    X(CAM_ERR_FORMAT, -7)      /* the camera offers no usable size/format: use another camera */   \
    X(CAM_ERR_UNSUPPORTED, -8) /* this camera has no such control: carry on without it */          \
    X(CAM_ERR_DATA, -9)        /* simulated images missing or unreadable: fix the folder */        \
    X(CAM_ERR_BACKEND, -10)    /* unknown device string in the configuration: fix the config */
enum camera_err { CAMERA_CODES(MSG_CODE_ENUM) };

/* One RGB24 image. Frames returned by the camera are views owned by the camera: valid until the
 * next call on the same camera of the same kind (next_frame or still), stop or close. */
struct cam_frame {
    int width, height, stride; /* stride in bytes, >= 3 * width */
    unsigned char *rgb;
    int64_t t_ms; /* CLOCK_MONOTONIC time the frame was taken, in ms */
};

/* One capture size a camera offers (frame sizes are converted to RGB24 whatever it streams). */
struct cam_mode {
    int width, height;
    uint32_t fourcc; /* the camera's own pixel format (V4L2 fourcc), 0 for the simulator */
};

#define CAMERA_MAX_MODES     32
#define CAMERA_IO_TIMEOUT_MS 2000

struct camera_options {
    int preview_width, preview_height; /* preview wanted; 0 → 640×480 */
    int still_width, still_height;     /* largest still wanted; 0 → 1920×1440 */
    int fps; /* frame rate: the simulator's (0 → 15), asked of a V4L2 camera (0 → 30) */
};

enum cam_control {
    CAM_CTRL_EXPOSURE_AUTO = 0, /* value 1 = automatic, 0 = manual */
    CAM_CTRL_EXPOSURE,          /* absolute exposure, in the camera's units (100 µs for UVC) */
    CAM_CTRL_WB_AUTO,           /* value 1 = automatic white balance */
    CAM_CTRL_WB_TEMPERATURE,    /* kelvin */
    CAM_CTRL_BRIGHTNESS,
    CAM_CTRL_COUNT
};

/* A backend. st is the backend's own state, created by open and freed by close. */
struct camera_ops {
    const char *name; /* prefix in the device string: "v4l2", "sim" */
    int (*open)(const char *path, const struct camera_options *opt, void **st);
    int (*list_modes)(void *st, struct cam_mode *modes, int max, int *n);
    int (*start)(void *st, int width, int height);
    int (*next_frame)(void *st, struct cam_frame *out, int timeout_ms);
    int (*still)(void *st, int width, int height, struct cam_frame *out, int timeout_ms);
    void (*still_release)(void *st); /* frees the last still's buffer */
    int (*set_control)(void *st, enum cam_control ctrl, int value);
    void (*stop)(void *st);
    void (*close)(void *st);
};

extern const struct camera_ops camera_v4l2_ops;
extern const struct camera_ops camera_sim_ops;

struct camera;

/* Opens the camera named by device (see top) and starts the preview at the largest mode not
 * above opt's preview size. opt may be NULL (defaults). On success *out is the caller's, to
 * camera_close(). */
int camera_open(const char *device, const struct camera_options *opt, struct camera **out);
/* The next preview frame, waiting at most timeout_ms (0 = only if one is ready). Never hangs:
 * an unplugged or stuck camera gives CAM_ERR_NO_DEVICE/CAM_ERR_IO/CAM_ERR_TIMEOUT. */
int camera_next_frame(struct camera *cam, struct cam_frame *out, int timeout_ms);
/* A still at the largest mode not above opt's still size, then the preview resumes. The frame
 * is valid until the next camera_still() or camera_close(). */
int camera_still(struct camera *cam, struct cam_frame *out);
/* Frees the last still's buffer now (up to 1920x1440 RGB, 8 MB) instead of at the next still or
 * the close: the frame camera_still() gave is no longer valid. */
void camera_still_release(struct camera *cam);
/* The modes the camera offers, largest first; *n set to how many were written. */
int camera_list_modes(struct camera *cam, struct cam_mode *modes, int max, int *n);
/* The preview size in use. */
void camera_preview_size(const struct camera *cam, int *width, int *height);
/* Sets a control when the camera offers it (CAM_ERR_UNSUPPORTED otherwise). */
int camera_set_control(struct camera *cam, enum cam_control ctrl, int value);
/* The backend name in use ("v4l2", "sim"). */
const char *camera_backend(const struct camera *cam);
void camera_close(struct camera *cam);

/* Finds V4L2 capture devices among /dev/video0..63: writes up to max paths into paths (each
 * CAMERA_PATH_SIZE bytes) and returns how many, or a negative code. */
#define CAMERA_PATH_SIZE 64
int camera_list_devices(char (*paths)[CAMERA_PATH_SIZE], int max);

/* A short name for a code, for logs ("timeout"). */
const char *camera_strerror(int err);

/* Frame helpers shared by the backends and the tests. */
/* Allocates an RGB24 frame of w×h (stride 3w); caller frees with cam_frame_free(). */
int cam_frame_alloc(struct cam_frame *f, int width, int height);
/* Wipes (a portrait is personal data) and frees the pixels; *f zeroed. */
void cam_frame_free(struct cam_frame *f);
/* Copies src into dst (allocated to src's size). */
int cam_frame_copy(struct cam_frame *dst, const struct cam_frame *src);
/* Bilinear resize of src into dst (allocated by the call to w×h). */
int cam_frame_resize(struct cam_frame *dst, const struct cam_frame *src, int width, int height);
/* CLOCK_MONOTONIC in ms. */
int64_t cam_now_ms(void);

#endif
