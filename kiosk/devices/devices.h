/* devices.h: the device workers: card reader, camera, fingerprint reader, each on its own
 * thread behind its driver's interface (drivers/card, drivers/camera, drivers/fingerprint).
 *
 * Requests return at once; results come back as struct dev_event through the post callback,
 * which is called from the worker thread and must be thread-safe (SDL_PushEvent, a queue).
 * A worker never blocks another; a stuck device is cancelled after its timeout and reported
 * as a failure, never a hang. Which backend each class uses comes from the config
 * ("sim..." or a real device string). */
#ifndef KIOSK_DEVICES_H
#define KIOSK_DEVICES_H

#include "kiosk/config/config.h"
#include "kiosk/model/application.h"
#include "kiosk/workflow/dev_event.h"

struct devices;

/* The one mapping of a configured or requested device to the driver's device string:
 * "sim" → the simulated device on the demo data under sim_dir (the card "sim:<sim_dir>/cards/
 * ngoc-2021", the camera "sim:<sim_dir>/faces"); for a card "sim:NAME" (no '/') → "sim:
 * <sim_dir>/cards/NAME"; anything else, "" included (the driver's default device), as it is.
 * Used by the workers, `kiosk read-card` and the demo alike. 0, or -1 when out is too small. */
enum dev_class { DEV_CLASS_CARD, DEV_CLASS_CAMERA };
int devices_device_string(const struct config *cfg, enum dev_class cls, const char *device,
                          char *out, size_t cap);

/* Starts the workers. 0, or a negative value with a message in err. */
int devices_start(const struct config *cfg, dev_post_fn post, void *arg, struct devices **out,
                  char *err, size_t errlen);
void devices_stop(struct devices *d);

/* Card: read the chip with the access data (personal ID typed or from the QR, DOB for BAC
 * where needed), or parse QR text alone when qr_only is set (struct dev_card_request). */
void devices_card_read(struct devices *d, const struct dev_card_request *req);
void devices_card_cancel(struct devices *d);

/* Camera: preview frames with quality hints until a capture (auto when every check passes
 * for a moment, or forced by the officer's override). The portrait taken is compared with
 * chip_face (the chip's photo, copied; NULL or empty: no check) and the result posted with
 * it (struct application's face). */
void devices_camera_start(struct devices *d, uint32_t req_id, const struct app_blob *chip_face);
void devices_camera_capture(struct devices *d, int officer_override);
void devices_camera_stop(struct devices *d);

/* Fingerprint: capture one finger (up to the configured attempts, keeping the best). */
void devices_finger_capture(struct devices *d, enum finger f, uint32_t req_id);
/* As devices_finger_capture, and the capture is compared with the earlier captures given
 * (copied here; those with an image count) on the finger's thread: its DEV_FINGER_DONE says
 * which it matches (same_checked, same_as). */
void devices_finger_capture_unlike(struct devices *d, enum finger f, uint32_t req_id,
                                   const struct app_finger *earlier, int n_earlier);
void devices_finger_cancel(struct devices *d);

/* Human-readable names of the backends in use, e.g. "card: sim (simulated)". */
const char *devices_describe(const struct devices *d);

/* The fingerprint driver's options from the configuration ([devices] fingerprint,
 * [fingerprint] min_minutiae, max_attempts, timeout_seconds); opt->device points into cfg. */
struct fpr_options;
void devices_fpr_options(const struct config *cfg, struct fpr_options *opt);

/* The workers as the runner drives them (runner_new(cfg, st, &devices_runner_ops, d, ...)). */
struct runner_dev_ops;
extern const struct runner_dev_ops devices_runner_ops;

#endif
