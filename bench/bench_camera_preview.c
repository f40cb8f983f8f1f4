/* bench_camera_preview.c: the preview loop as the camera worker runs it: a frame from the V4L2
 * backend (real libv4l2 + libv4lconvert, YUYV 640×480 from the syscall shim, so the camera
 * itself costs nothing) and the portrait checks on it. Target >= 15 frames/s, the
 * preview rate. Also the capture: a 1280×960 still, its checks, the 600×800 JPEG and the JSON
 * (target <= 500 ms, so the officer's press feels immediate: our own target). */
#include "drivers/camera/camera.h"
#include "drivers/camera/portrait.h"
#include "tests/rigs/camera/faces.h"
#include "tests/rigs/camera/v4l2shim.h"

#include <stdio.h>

#define FRAMES   60
#define CAPTURES 5

int main(void)
{
    struct cam_frame src, face, f;
    struct v4l2shim_config cfg = {.path = "/dev/video0"};
    struct camera_options opt = {.still_width = 1280, .still_height = 960};
    struct camera *cam = NULL;
    struct portrait_report r;
    struct portrait_analyzer *a = portrait_analyzer_new(NULL);
    int passed = 0, rc = 1;

    if (a == NULL || faces_load_source(&src) != 0 || faces_make(FACES_GOOD, &src, &face) != 0 ||
        v4l2shim_enable(&cfg, &face) != 0 || camera_open("/dev/video0", &opt, &cam) != 0) {
        fprintf(stderr, "bench_camera_preview: setup failed\n");
        goto out;
    }
    int64_t t0 = cam_now_ms();
    for (int i = 0; i < FRAMES; i++) {
        if (camera_next_frame(cam, &f, 1000) != 0 || portrait_analyze(a, &f, &r) != 0)
            goto out;
        passed += r.all_pass;
    }
    double fps = FRAMES * 1000.0 / (double)(cam_now_ms() - t0 + 1);
    printf("bench: preview_fps_with_checks_640x480 %.1f fps target >= 15 %s\n", fps,
           fps >= 15 ? "MET" : "MISSED");
    printf("bench: preview_frames_passing %.0f %% target >= 95 %s\n", 100.0 * passed / FRAMES,
           passed * 100 >= 95 * FRAMES ? "MET" : "MISSED");
    int64_t t1 = cam_now_ms();
    for (int i = 0; i < CAPTURES; i++) {
        struct portrait_capture pc;
        if (portrait_capture_take(cam, a, 0, 0, &pc) != 0)
            goto out;
        portrait_capture_free(&pc);
    }
    double ms = (double)(cam_now_ms() - t1) / CAPTURES;
    printf("bench: capture_still_to_jpeg_1280x960 %.0f ms target <= 500 %s\n", ms,
           ms <= 500 ? "MET" : "MISSED");
    rc = 0;
out:
    camera_close(cam);
    v4l2shim_disable();
    portrait_analyzer_free(a);
    cam_frame_free(&face);
    cam_frame_free(&src);
    return rc;
}
