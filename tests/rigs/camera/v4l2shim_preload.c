/* v4l2shim_preload.c: turns tests/rigs/camera/v4l2shim.c into an LD_PRELOAD library
 * (build/tests/rigs/camera/v4l2shim.so), so any program using libv4l2 (the kiosk, camera_probe,
 * v4l2-ctl through libv4l2) sees the fake camera:
 *   LD_PRELOAD=build/tests/rigs/camera/v4l2shim.so V4L2SHIM_IMAGE=face.png build/kiosk ...
 * Environment: V4L2SHIM_IMAGE (PNG/JPEG, required), V4L2SHIM_DEVICE (default /dev/video0),
 * V4L2SHIM_MODE = busy | stall | unplug:N. Without V4L2SHIM_IMAGE the library only forwards. */
#include "drivers/camera/image_file.h"
#include "tests/rigs/camera/v4l2shim.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((constructor)) static void v4l2shim_preload_init(void)
{
    const char *image = getenv("V4L2SHIM_IMAGE"), *dev = getenv("V4L2SHIM_DEVICE");
    const char *mode = getenv("V4L2SHIM_MODE");
    struct v4l2shim_config cfg = {.path = dev && *dev ? dev : "/dev/video0"};
    struct cam_frame f;
    if (image == NULL || *image == '\0')
        return;
    if (mode != NULL) {
        cfg.busy = strcmp(mode, "busy") == 0;
        cfg.stall = strcmp(mode, "stall") == 0;
        if (strncmp(mode, "unplug:", 7) == 0)
            cfg.unplug_after = atoi(mode + 7);
    }
    if (camimg_load(image, &f) != 0) {
        fprintf(stderr, "v4l2shim: cannot read V4L2SHIM_IMAGE\n");
        return;
    }
    v4l2shim_enable(&cfg, &f);
    cam_frame_free(&f);
}
