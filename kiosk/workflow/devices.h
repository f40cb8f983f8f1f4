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

#include <stdint.h>

#include "kiosk/model/application.h"
#include "kiosk/config/config.h"

enum dev_event_type {
    DEV_CARD_PROGRESS = 1, /* step, percent */
    DEV_CARD_DONE,         /* app: identity, chip report, chip face */
    DEV_CARD_FAILED,       /* code, text */
    DEV_PREVIEW,           /* frame (RGB24) + hint text of the quality checks */
    DEV_PORTRAIT_DONE,     /* app: portrait, quality report, override flag */
    DEV_CAMERA_FAILED,
    DEV_FINGER_STATE, /* finger, state (0 waiting, 1 reading, 2 quality), percent */
    DEV_FINGER_DONE,  /* fingerp */
    DEV_FINGER_FAILED,
};

struct dev_frame {
    int width, height, stride;
    unsigned char *rgb;
    int all_pass;  /* every quality check passes */
    char hint[96]; /* the first failing check's hint in the UI language, "" if none */
};

/* One result. The receiver owns app, fingerp and frame and frees them with
 * dev_event_free(). req_id is the id of the request it answers (the runner drops a result
 * whose id is not the request it is waiting for: a late answer to a cancelled read never
 * lands on the next citizen). */
struct dev_event {
    enum dev_event_type type;
    uint32_t req_id;
    int code;
    char text[160]; /* officer message in the UI language */
    char step[32];
    int percent;
    int state;
    enum finger finger;
    struct application *app;
    struct app_finger *fingerp;
    struct dev_frame *frame;
};

void dev_event_free(struct dev_event *ev);

typedef void (*dev_post_fn)(struct dev_event *ev, void *arg);

struct devices;

/* Starts the workers. 0, or a negative value with a message in err. */
int devices_start(const struct config *cfg, dev_post_fn post, void *arg, struct devices **out,
                  char *err, size_t errlen);
void devices_stop(struct devices *d);

/* Card: read the chip with the access data (personal ID typed or from the QR, DOB for BAC
 * where needed), or parse QR text alone when qr_only is set. With scan_qr the QR code is
 * first read from the camera (config devices.qr = camera) and decoded with zbar. */
struct dev_card_request {
    uint32_t req_id;               /* echoed in every event of this read */
    char device[CONFIG_PATH_SIZE]; /* "" = the configured reader; else this device string */
    char personal_id[13];
    char dob[11];
    char issue_date[11];
    char qr_text[1024];
    int qr_only;
    int scan_qr; /* no ID typed: read the card's QR code with the camera first */
};
void devices_card_read(struct devices *d, const struct dev_card_request *req);
void devices_card_cancel(struct devices *d);

/* Camera: preview frames with quality hints until a capture (auto when every check passes
 * for a moment, or forced by the officer's override). */
void devices_camera_start(struct devices *d, uint32_t req_id);
void devices_camera_capture(struct devices *d, int officer_override);
void devices_camera_stop(struct devices *d);

/* Fingerprint: capture one finger (up to the configured attempts, keeping the best). */
void devices_finger_capture(struct devices *d, enum finger f, uint32_t req_id);
void devices_finger_cancel(struct devices *d);

/* Human-readable names of the backends in use, e.g. "card: sim (simulated)". */
const char *devices_describe(const struct devices *d);

/* The workers as the runner drives them (runner_new(cfg, st, &devices_runner_ops, d, ...)). */
struct runner_dev_ops;
extern const struct runner_dev_ops devices_runner_ops;

#endif
