/* face_check_helper.c: one comparison of a chip photo with a portrait, as the face check
 * helper runs it (see face_check_helper.h). */
#include "kiosk/devices/face_check_helper.h"

#include <stdio.h>
#include <string.h>

#include "drivers/camera/camera.h"
#include "drivers/camera/image_file.h"

#define CASCADE_DIR "/usr/share/opencv4/haarcascades"

int face_check_load(const char *model_dir, struct face_matcher **m)
{
    int rc = face_matcher_new(model_dir, CASCADE_DIR, m);
    if (rc != 0)
        fprintf(stderr, "face check: model not loadable from %s (%d): run tools/fetch-face-model\n",
                model_dir, rc);
    return rc == 0 ? 0 : -1;
}

int face_check_compare(struct face_matcher *m, const unsigned char *chip_rgb, int cw, int ch,
                       const unsigned char *jpeg, size_t jpeg_len, struct face_match_result *r)
{
    struct cam_frame live = {0};
    if (camimg_decode_jpeg(jpeg, jpeg_len, &live) != 0)
        return -1;
    struct face_image li = {live.rgb, live.width, live.height, live.stride};
    struct face_image ci = {chip_rgb, cw, ch, cw * 3};
    int rc = face_match(m, &li, &ci, 0, r);
    explicit_bzero(live.rgb, (size_t)live.stride * (size_t)live.height);
    cam_frame_free(&live);
    return rc == 0 ? 0 : -1;
}
