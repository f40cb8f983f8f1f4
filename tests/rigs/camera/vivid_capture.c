/* vivid_capture.c: the camera checks run inside the QEMU guest of tests/rigs/camera/vivid_vm.sh,
 * through the kiosk's V4L2 backend and the real libv4l2 on Debian's kernel and its vivid
 * driver, whose HDMI loopback plays back the frame the rig streams into /dev/video1.
 *
 *   vivid_capture make-frame OUT.rgb   (host) writes the rig's good portrait, 640×480 RGB24
 *   vivid_capture check IMG.rgb        (guest) runs the checks, "ok - name" / "FAIL - name"
 *                                      lines and "# passed N failed M" on stdout
 *
 * Built by the rig with cc directly (not part of the Makefile's programs): only the camera
 * sources and libv4l2/libpng/libjpeg, so the guest needs no OpenCV. */
#include "drivers/camera/camera.h"
#include "drivers/camera/image_file.h"
#include "tests/rigs/camera/faces.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define W            640
#define H            480
#define FRAMES_TRIED 15

static int passed, failed;

static void report(int ok, const char *name, const char *detail)
{
    printf("%s - %s%s%s\n", ok ? "ok" : "FAIL", name, detail[0] ? ": " : "", detail);
    fflush(stdout);
    if (ok)
        passed++;
    else
        failed++;
}

static long diff_bytes(const struct cam_frame *f, const unsigned char *img)
{
    long d = 0;
    if (f->width != W || f->height != H)
        return -1;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W * 3; x++)
            d += f->rgb[(size_t)y * f->stride + x] != img[(size_t)y * W * 3 + x];
    return d;
}

static int make_frame(const char *out)
{
    struct cam_frame src, f;
    FILE *fp;
    if (faces_load_source(&src) != 0 || faces_make(FACES_GOOD, &src, &f) != 0)
        return 1;
    fp = fopen(out, "wb");
    if (fp == NULL || fwrite(f.rgb, 1, (size_t)W * H * 3, fp) != (size_t)W * H * 3)
        return 1;
    return fclose(fp) != 0;
}

static int check(const char *imgpath)
{
    static unsigned char img[W * H * 3];
    char paths[8][CAMERA_PATH_SIZE], msg[160];
    struct camera *cam = NULL;
    struct cam_frame f;
    struct cam_mode modes[CAMERA_MAX_MODES];
    FILE *fp = fopen(imgpath, "rb");
    int rc, n;

    if (fp == NULL || fread(img, 1, sizeof img, fp) != sizeof img) {
        report(0, "vivid_injected_image", "cannot read it");
        goto out;
    }
    fclose(fp);

    n = camera_list_devices(paths, 8);
    snprintf(msg, sizeof msg, "%d capture device(s), first %s", n, n > 0 ? paths[0] : "-");
    /* video1 is vivid's output node: it must not be offered as a camera. */
    report(n == 1 && strcmp(paths[0], "/dev/video0") == 0, "vivid_listed_capture_only", msg);

    /* The HDMI timings fix the picture at 640×480: the still is taken at that size too. */
    struct camera_options opt = {
        .preview_width = W, .preview_height = H, .still_width = W, .still_height = H};
    rc = camera_open("auto", &opt, &cam);
    snprintf(msg, sizeof msg, "%s", camera_strerror(rc));
    report(rc == 0, "vivid_open_auto", msg);
    if (rc != 0)
        goto out;
    int w, h;
    camera_preview_size(cam, &w, &h);
    rc = camera_list_modes(cam, modes, CAMERA_MAX_MODES, &n);
    snprintf(msg, sizeof msg, "%d modes, preview %dx%d", n, w, h);
    report(rc == 0 && n >= 1 && w == W && h == H, "vivid_modes_preview_640x480", msg);

    long best = -1;
    int got = 0;
    for (int i = 0; i < FRAMES_TRIED && best != 0; i++) {
        if (camera_next_frame(cam, &f, 3000) != 0)
            continue;
        got++;
        long d = diff_bytes(&f, img);
        if (d >= 0 && (best < 0 || d < best))
            best = d;
    }
    snprintf(msg, sizeof msg, "%d frames, fewest differing bytes %ld", got, best);
    report(got > 0 && best == 0, "vivid_frame_is_the_injected_one", msg);

    rc = camera_still(cam, &f);
    long d = rc == 0 ? diff_bytes(&f, img) : -1;
    snprintf(msg, sizeof msg, "%s, %ld differing bytes", camera_strerror(rc), d);
    report(rc == 0 && d == 0, "vivid_still_is_the_injected_one", msg);

    rc = camera_next_frame(cam, &f, 3000);
    report(rc == 0 && f.width == W, "vivid_preview_after_still", camera_strerror(rc));

    rc = camera_set_control(cam, CAM_CTRL_BRIGHTNESS, 140);
    report(rc == 0, "vivid_brightness_control", camera_strerror(rc));

    /* A zero timeout returns at once whether or not a frame is ready. */
    int64_t t0 = cam_now_ms();
    rc = camera_next_frame(cam, &f, 0);
    snprintf(msg, sizeof msg, "%s after %lld ms", camera_strerror(rc),
             (long long)(cam_now_ms() - t0));
    report((rc == 0 || rc == CAM_ERR_TIMEOUT) && cam_now_ms() - t0 < 500, "vivid_zero_timeout",
           msg);
out:
    camera_close(cam);
    printf("# passed %d failed %d\n", passed, failed);
    fflush(stdout);
    return failed != 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "make-frame") == 0)
        return make_frame(argv[2]);
    if (argc == 3 && strcmp(argv[1], "check") == 0)
        return check(argv[2]);
    fprintf(stderr, "usage: vivid_capture make-frame OUT.rgb | check IMG.rgb\n");
    return 2;
}
