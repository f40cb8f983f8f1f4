/* face_check.h: the 1:1 face check as the camera worker runs it on each portrait taken: the
 * chip's photo (DG2, JPEG or JPEG 2000) decoded, the portrait's JPEG decoded, both handed to
 * drivers/camera/face_match.h, the verdict written as the application records it. Also the
 * chip's photo re-encoded as JPEG for the screens (SDL_image reads no JPEG 2000). */
#ifndef KIOSK_DEVICES_FACE_CHECK_H
#define KIOSK_DEVICES_FACE_CHECK_H

#include "kiosk/model/application.h"

struct face_checker;

/* A checker whose model is loaded from model_dir on the first check (the face network's
 * files; "" = the folder fixed at build time, KIOSK_FACE_MODEL_DIR). NULL when out of memory. */
struct face_checker *face_checker_new(const char *model_dir);
void face_checker_free(struct face_checker *c);

/* The helper's peak resident memory in KiB after its last comparison, or -1 when no helper was
 * started (tests show with it that the comparison ran outside the kiosk). */
long face_checker_helper_peak_kb(struct face_checker *c);

/* Compares portrait (JPEG) with chip_face (DG2 image bytes). Always fills *out: with no chip
 * photo the verdict is APP_FACE_NONE (nothing to compare with); when the model cannot be
 * loaded or a photo not decoded, APP_FACE_UNAVAILABLE (the policy then wants an approver). */
void face_checker_run(struct face_checker *c, const struct app_blob *chip_face,
                      const struct app_blob *portrait, struct app_face_check *out);

/* The chip's photo as JPEG (quality 90) in *view (replaced). 0, or -1 when it cannot be
 * decoded (view then empty). */
int face_chip_view(const struct app_blob *chip_face, struct app_blob *view);

#endif
