/* test_camera_sim.c: the camera front end over the simulated backend: backend choice by device
 * string, modes, frames in name order at the set pace, the still, errors for missing or bad
 * folders, a stalled camera that times out instead of hanging, the still given back early;
 * PNG/JPEG in and out. */
#include "kiosk/messages/messages.h"
#include "drivers/camera/camera.h"
#include "drivers/camera/image_file.h"
#include "tests/test.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];

static int solid(struct cam_frame *f, int w, int h, unsigned char r, unsigned char g,
                 unsigned char b)
{
    int rc = cam_frame_alloc(f, w, h);
    for (int i = 0; rc == 0 && i < w * h; i++) {
        f->rgb[i * 3] = r;
        f->rgb[i * 3 + 1] = g;
        f->rgb[i * 3 + 2] = b;
    }
    return rc;
}

static int write_file(const char *name, const void *data, size_t len)
{
    char p[128];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *fp = fopen(p, "wb");
    if (fp == NULL)
        return -1;
    size_t n = fwrite(data, 1, len, fp);
    return fclose(fp) == 0 && n == len ? 0 : -1;
}

/* Three images: a.png red 800×600, b.jpg green 640×480, c.png blue 1024×1024 (cropped to 4:3). */
static int make_folder(void)
{
    struct cam_frame f;
    unsigned char *j;
    size_t len;
    char p[128];
    int rc = 0;
    snprintf(p, sizeof p, "%s/a.png", dir);
    rc |= solid(&f, 800, 600, 200, 10, 10) || camimg_save_png(p, &f);
    cam_frame_free(&f);
    rc |= solid(&f, 640, 480, 10, 200, 10) || camimg_encode_jpeg(&f, 95, &j, &len) ||
          write_file("b.jpg", j, len);
    free(j);
    cam_frame_free(&f);
    snprintf(p, sizeof p, "%s/c.png", dir);
    rc |= solid(&f, 1024, 1024, 10, 10, 200) || camimg_save_png(p, &f);
    cam_frame_free(&f);
    rc |= write_file("notes.txt", "not an image", 12);
    return rc;
}

static int dominant(const struct cam_frame *f)
{
    const unsigned char *p = f->rgb + (size_t)(f->height / 2) * f->stride + f->width / 2 * 3;
    return p[0] > 150 ? 0 : p[1] > 150 ? 1 : p[2] > 150 ? 2 : -1;
}

TEST(sim_frames_in_order_and_looping)
{
    struct camera *cam;
    struct cam_frame f;
    char dev[128];
    struct camera_options opt = {.fps = 50};
    snprintf(dev, sizeof dev, "sim:%s", dir);
    CHECK_INT(camera_open(dev, &opt, &cam), 0);
    CHECK_STR(camera_backend(cam), "sim");
    int w, h;
    camera_preview_size(cam, &w, &h);
    CHECK_INT(w, 640);
    CHECK_INT(h, 480);
    int64_t t0 = cam_now_ms(), last = 0;
    for (int i = 0; i < 7; i++) {
        int rc = camera_next_frame(cam, &f, 1000);
        if (rc != 0)
            camera_close(cam);
        CHECK_INT(rc, 0);
        CHECK_INT(f.width, 640);
        CHECK_INT(f.height, 480);
        CHECK_INT(dominant(&f), i % 3);
        CHECK(f.t_ms >= last);
        last = f.t_ms;
    }
    /* 50 fps: 7 frames take at least 6 frame periods. */
    CHECK(cam_now_ms() - t0 >= 6 * 20 - 5);
    camera_close(cam);
}

TEST(sim_modes_and_still)
{
    struct camera *cam;
    struct cam_frame f;
    struct cam_mode m[CAMERA_MAX_MODES];
    int n;
    char dev[128];
    struct camera_options opt = {.still_width = 1280, .still_height = 960, .fps = 100};
    snprintf(dev, sizeof dev, "sim:%s", dir);
    CHECK_INT(camera_open(dev, &opt, &cam), 0);
    CHECK_INT(camera_list_modes(cam, m, CAMERA_MAX_MODES, &n), 0);
    CHECK_INT(n, 3);
    CHECK_INT(m[0].width, 1920);
    CHECK_INT(m[2].width, 640);
    CHECK_INT(camera_next_frame(cam, &f, 1000), 0);
    CHECK_INT(camera_next_frame(cam, &f, 1000), 0);
    CHECK_INT(dominant(&f), 1);
    CHECK_INT(camera_still(cam, &f), 0);
    CHECK_INT(f.width, 1280);
    CHECK_INT(f.height, 960);
    CHECK_INT(dominant(&f), 1); /* the still is what the preview showed */
    /* The preview carries on at its own size. */
    CHECK_INT(camera_next_frame(cam, &f, 1000), 0);
    CHECK_INT(f.width, 640);
    CHECK_INT(dominant(&f), 2);
    /* The still's buffer given back early (twice is harmless): the preview goes on from the
     * image kept as it is (b.jpg is already 640×480) and the next still is whole again. */
    camera_still_release(cam);
    camera_still_release(cam);
    CHECK_INT(camera_next_frame(cam, &f, 1000), 0);
    CHECK_INT(dominant(&f), 0);
    CHECK_INT(camera_next_frame(cam, &f, 1000), 0);
    CHECK_INT(f.width, 640);
    CHECK_INT(f.height, 480);
    CHECK_INT(dominant(&f), 1);
    CHECK_INT(camera_still(cam, &f), 0);
    CHECK_INT(f.width, 1280);
    CHECK_INT(dominant(&f), 1);
    camera_still_release(cam);
    CHECK_INT(camera_set_control(cam, CAM_CTRL_EXPOSURE, 100), CAM_ERR_UNSUPPORTED);
    CHECK_INT(camera_set_control(cam, CAM_CTRL_COUNT, 1), CAM_ERR_ARG);
    camera_close(cam);
}

TEST(sim_stalled_camera_times_out)
{
    struct camera *cam;
    struct cam_frame f;
    char dev[128];
    CHECK_INT(write_file("stall", "", 0), 0);
    snprintf(dev, sizeof dev, "sim:%s", dir);
    int rc = camera_open(dev, NULL, &cam);
    char p[128];
    snprintf(p, sizeof p, "%s/stall", dir);
    unlink(p);
    CHECK_INT(rc, 0);
    int64_t t0 = cam_now_ms();
    rc = camera_next_frame(cam, &f, 150);
    int64_t dt = cam_now_ms() - t0;
    camera_close(cam);
    CHECK_INT(rc, CAM_ERR_TIMEOUT);
    CHECK(f.rgb == NULL);
    CHECK(dt >= 140 && dt < 1000);
}

TEST(open_errors)
{
    struct camera *cam = (struct camera *)1;
    char dev[128], empty[80];
    CHECK_INT(camera_open("sim:/nonexistent-folder", NULL, &cam), CAM_ERR_NO_DEVICE);
    CHECK(cam == NULL);
    CHECK_INT(camera_open("floppy:0", NULL, &cam), CAM_ERR_BACKEND);
    snprintf(empty, sizeof empty, "%s/empty", dir);
    CHECK_INT(mkdir(empty, 0700), 0);
    snprintf(dev, sizeof dev, "sim:%s", empty);
    CHECK_INT(camera_open(dev, NULL, &cam), CAM_ERR_DATA);
    /* A file named like an image that is not one. */
    char bad[128];
    snprintf(bad, sizeof bad, "%s/zz.png", empty);
    FILE *fp = fopen(bad, "wb");
    CHECK(fp != NULL);
    fputs("\x89PNG\r\n\x1a\n but truncated", fp);
    fclose(fp);
    CHECK_INT(camera_open(dev, NULL, &cam), CAM_ERR_DATA);
    unlink(bad);
    rmdir(empty);
    /* No V4L2 device on this machine, or one that is not a camera. */
    CHECK(camera_open("/dev/video99", NULL, &cam) == CAM_ERR_NO_DEVICE);
}

TEST(messages_for_every_code)
{
    for (int e = 0; e >= CAM_ERR_BACKEND; e--) {
        CHECK(camera_strerror(e)[0] != '\0');
        CHECK(strcmp(camera_strerror(e), "unknown error") != 0);
        CHECK(strcmp(messages_text(MSGD_CAMERA, e, LANG_VI),
                     messages_text(MSGD_CAMERA, e, LANG_EN)) != 0);
    }
    CHECK_STR(camera_strerror(-999), "unknown error");
}

TEST(jpeg_round_trip_and_garbage)
{
    struct cam_frame f, g;
    unsigned char *j;
    size_t len;
    CHECK_INT(solid(&f, 97, 61, 30, 120, 220), 0);
    CHECK_INT(camimg_encode_jpeg(&f, 95, &j, &len), 0);
    cam_frame_free(&f);
    CHECK_INT(camimg_decode_jpeg(j, len, &g), 0);
    CHECK_INT(g.width, 97);
    CHECK_INT(g.height, 61);
    CHECK(abs(g.rgb[0] - 30) < 6 && abs(g.rgb[1] - 120) < 6 && abs(g.rgb[2] - 220) < 6);
    cam_frame_free(&g);
    /* Truncated in the middle of the scan, then the header alone. */
    CHECK_INT(camimg_decode_jpeg(j, 20, &g), CAM_ERR_DATA);
    CHECK(g.rgb == NULL);
    static const unsigned char junk[] = {0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 5, 6};
    CHECK_INT(camimg_decode_jpeg(junk, sizeof junk, &g), CAM_ERR_DATA);
    free(j);
}

int main(void)
{
    if (test_fresh_dir(dir, sizeof dir) != 0 || make_folder() != 0) {
        printf("FAIL - setup\n# passed 0 failed 1\n");
        return 1;
    }
    RUN(sim_frames_in_order_and_looping);
    RUN(sim_modes_and_still);
    RUN(sim_stalled_camera_times_out);
    RUN(open_errors);
    RUN(messages_for_every_code);
    RUN(jpeg_round_trip_and_garbage);
    return test_done();
}
