/* camera_probe.c: checks a camera the way the kiosk will use it, for installers and tests:
 *   camera_probe [DEVICE [OUT.png]]
 * lists the V4L2 capture devices, opens DEVICE (default "auto"), prints its modes, takes
 * 10 preview frames and a still, saves the last preview frame as OUT.png when asked, and runs
 * the portrait checks on it. Prints one "key: value" line per fact; exit 0 when the camera
 * delivered frames. */
#include "kiosk/messages/messages.h"
#include "drivers/camera/camera.h"
#include "drivers/camera/image_file.h"
#include "drivers/camera/portrait.h"

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    const char *dev = argc > 1 ? argv[1] : "auto";
    char paths[16][CAMERA_PATH_SIZE];
    struct cam_mode modes[CAMERA_MAX_MODES];
    struct camera *cam = NULL;
    struct cam_frame f, copy = {0};
    int n = camera_list_devices(paths, 16), rc, got = 0;

    for (int i = 0; i < n; i++)
        printf("device: %s\n", paths[i]);
    if ((rc = camera_open(dev, NULL, &cam)) != 0) {
        printf("open: %s (%s)\n", camera_strerror(rc), messages_text(MSGD_CAMERA, rc, LANG_EN));
        return 1;
    }
    printf("backend: %s\n", camera_backend(cam));
    if (camera_list_modes(cam, modes, CAMERA_MAX_MODES, &n) == 0)
        for (int i = 0; i < n; i++)
            printf("mode: %dx%d %.4s\n", modes[i].width, modes[i].height,
                   modes[i].fourcc ? (const char *)&modes[i].fourcc : "sim");
    int64_t t0 = cam_now_ms();
    for (int i = 0; i < 10; i++) {
        if ((rc = camera_next_frame(cam, &f, 2000)) != 0) {
            printf("frame: %s\n", camera_strerror(rc));
            break;
        }
        /* Kept: the camera's view is only valid until its next call. */
        cam_frame_free(&copy);
        if (cam_frame_copy(&copy, &f) != 0)
            break;
        got++;
    }
    printf("frames: %d in %lld ms\n", got, (long long)(cam_now_ms() - t0));
    if (got > 0)
        printf("preview: %dx%d\n", copy.width, copy.height);
    rc = camera_still(cam, &f);
    if (rc == 0)
        printf("still: %dx%d\n", f.width, f.height);
    else
        printf("still: %s\n", camera_strerror(rc));
    camera_close(cam);
    if (got > 0) {
        if (argc > 2 && camimg_save_png(argv[2], &copy) != 0)
            printf("save: failed\n");
        struct portrait_analyzer *a = portrait_analyzer_new(NULL);
        struct portrait_report r;
        if (a != NULL && portrait_analyze(a, &copy, &r) == 0) {
            const char *hint = messages_portrait_hint(&r, LANG_EN);
            printf("portrait: %s\n", hint ? hint : "all checks pass");
        }
        portrait_analyzer_free(a);
    }
    cam_frame_free(&copy);
    return got > 0 ? 0 : 1;
}
