/* v4l2shim.h: a fake UVC-like camera under the real libv4l2/libv4lconvert, for fast tests.
 *
 * libv4l2 does all device I/O through syscall(SYS_openat/ioctl/mmap/munmap/close) (rigs.md
 * 2c), so defining syscall() in the test program interposes on it: calls on the shim's device
 * path and fd are answered here, everything else goes to the C library's syscall(). The camera
 * streams YUYV at 1280×960 and 640×480 (libv4lconvert turns it into RGB24), has brightness and
 * exposure controls, and can be made busy, stalled (never a frame) or unplugged (ENODEV after
 * N frames). Its fd is an eventfd, readable when a frame is ready, so poll() behaves.
 *
 * Rig state is process-global (the interposed syscall() cannot take a context); tests enable
 * it, run single-threaded against it, and disable it. */
#ifndef TESTS_RIGS_V4L2SHIM_H
#define TESTS_RIGS_V4L2SHIM_H

#include "drivers/camera/camera.h"

struct v4l2shim_config {
    const char *path; /* device path answered, e.g. "/dev/video0" */
    int busy;         /* open fails with EBUSY */
    int stall;        /* streams but never delivers a frame */
    int unplug_after; /* > 0: DQBUF fails with ENODEV after this many frames */
};

/* Starts answering for cfg->path with frames made from image (copied; scaled to the mode). */
int v4l2shim_enable(const struct v4l2shim_config *cfg, const struct cam_frame *image);
/* Stops answering (closes a device left open). */
void v4l2shim_disable(void);
/* Frames delivered since enable. */
int v4l2shim_frames(void);
/* The frame rate last asked with VIDIOC_S_PARM (0 if never). */
int v4l2shim_requested_fps(void);
/* The brightness control's current value (default 128). */
int v4l2shim_brightness(void);

#endif
