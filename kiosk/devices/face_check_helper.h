/* face_check_helper.h: what the kiosk and its face check helper (kiosk-facecheck,
 * face_check_main.c) share: the request and answer of one comparison, and the comparison
 * itself, which the helper runs (and the kiosk too when the helper cannot be started).
 *
 * The request (kiosk/base/worker.h framing), op FACE_CHECK_COMPARE: struct face_check_size,
 * the chip photo's RGB pixels (width * height * 3, already decoded by the confined decoder),
 * then the portrait's JPEG (the kiosk's own). The answer: struct face_check_answer. */
#ifndef KIOSK_DEVICES_FACE_CHECK_HELPER_H
#define KIOSK_DEVICES_FACE_CHECK_HELPER_H

#include <stddef.h>
#include <stdint.h>

#include "drivers/camera/face_match.h"

#define FACE_CHECK_PROGRAM     "facecheck" /* kiosk-facecheck, found like the modules */
#define FACE_CHECK_COMPARE     1
#define FACE_CHECK_DEADLINE_MS 20000 /* ~0.1 s a photo; only a hung helper reaches it */
#define FACE_CHECK_MEM_BYTES   (1024u * 1024u * 1024u) /* address space the helper may add */
#define FACE_CHECK_CPU_S       600 /* then the helper retires and the next one starts */

struct face_check_size {
    uint32_t width, height;
};

struct face_check_answer {
    uint32_t verdict, reserved; /* enum face_match_verdict */
    double distance, threshold;
};

/* Loads the matcher (the model from model_dir, OpenCV's cascades); 0 or -1 with the reason on
 * stderr. */
int face_check_load(const char *model_dir, struct face_matcher **m);

/* Compares the chip's photo (RGB, width cw, height ch) with the portrait (JPEG). 0 with *r, or
 * -1 when the portrait cannot be decoded. */
int face_check_compare(struct face_matcher *m, const unsigned char *chip_rgb, int cw, int ch,
                       const unsigned char *jpeg, size_t jpeg_len, struct face_match_result *r);

#endif
