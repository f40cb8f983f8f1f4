/* test_module.c: loading the kiosk's shared modules (kiosk/base/module.h): found at the path
 * fixed at build time, loaded once, a missing one refused with the places tried, and the
 * modules' tables work through the drivers' doors (face detector, QR image decoder). */
#include "kiosk/messages/messages.h"
#include "drivers/camera/face_detect.h"
#include "drivers/card/cccd_qr.h"
#include "kiosk/base/module.h"
#include "tests/test.h"

#include <stdint.h>
#include <stdlib.h>

TEST(module_found_and_loaded_once)
{
    char err[1024] = "";
    const struct facedet_module *a = module_table("facedet", err, sizeof(err));
    if (!a)
        printf("# %s\n", err);
    CHECK(a != NULL);
    CHECK_INT(a->abi, FACEDET_MODULE_ABI);
    CHECK(module_table("facedet", err, sizeof(err)) == a);
    const struct qrscan_module *q = module_table("qrscan", err, sizeof(err));
    CHECK(q != NULL);
    CHECK_INT(q->abi, QRSCAN_MODULE_ABI);
}

TEST(missing_module_refused_with_the_places_tried)
{
    char err[1024] = "";
    CHECK(module_table("nosuch", err, sizeof(err)) == NULL);
    CHECK(strstr(err, "module nosuch cannot be loaded") != NULL);
    CHECK(strstr(err, "kiosk-nosuch.so: not there") != NULL);
    CHECK(strstr(err, module_build_dir()) != NULL);
    /* Still refused the second time, and the others still load. */
    CHECK(module_table("nosuch", err, sizeof(err)) == NULL);
    CHECK(module_table("qrscan", err, sizeof(err)) != NULL);
}

TEST(face_detector_through_the_module)
{
    struct facedet *d = NULL;
    CHECK_INT(facedet_new("/usr/share/opencv4/haarcascades", &d), 0);
    CHECK(d != NULL);
    /* A flat grey image holds no face: 0 found, not a failure. */
    enum { W = 160, H = 120 };
    static unsigned char grey[W * H];
    memset(grey, 128, sizeof(grey));
    struct facedet_rect roi = {0, 0, W, H}, out[4];
    int n = facedet_find(d, FACEDET_FACE, grey, W, H, W, roi, 20, 0, out, 4);
    facedet_free(d);
    CHECK_INT(n, 0);
    /* A missing cascade folder is the module's -1, not a crash. */
    CHECK_INT(facedet_new("/nonexistent", &d), -1);
}

TEST(qr_decoder_through_the_module)
{
    enum { W = 64, H = 64 };
    static uint8_t grey[W * H];
    memset(grey, 255, sizeof(grey));
    char text[64];
    CHECK_INT(cccd_qr_decode_image(grey, W, H, text, sizeof(text)), QR_E_NOT_FOUND);
    CHECK_INT(cccd_qr_decode_image(NULL, W, H, text, sizeof(text)), QR_E_ARG);
    CHECK(strstr(cccd_qr_strerror(QR_E_MODULE), "qrscan") != NULL);
    CHECK(strstr(messages_text(MSGD_QR, QR_E_MODULE, LANG_VI), "mã QR") != NULL);
}

int main(void)
{
    RUN(module_found_and_loaded_once);
    RUN(missing_module_refused_with_the_places_tried);
    RUN(face_detector_through_the_module);
    RUN(qr_decoder_through_the_module);
    return test_done();
}
