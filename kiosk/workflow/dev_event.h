/* dev_event.h: what passes between the runner and the device workers: the requests the
 * runner makes (struct dev_card_request) and the results the workers post back (struct
 * dev_event). The workflow's side of the device boundary: it names no driver, so the runner
 * and the front ends use it without knowing how a device is reached (kiosk/devices does). */
#ifndef KIOSK_DEV_EVENT_H
#define KIOSK_DEV_EVENT_H

#include <stdint.h>

#include "kiosk/model/application.h"
#include "kiosk/model/msg.h"

/* The longest device string (a path or a driver id), as config.h's CONFIG_PATH_SIZE. */
#define DEV_DEVICE_SIZE 256

enum dev_event_type {
    DEV_CARD_PROGRESS = 1, /* step, percent */
    DEV_CARD_DONE,         /* app: identity, chip report, chip face */
    DEV_CARD_FAILED,       /* domain, code */
    DEV_PREVIEW,           /* frame (RGB24) + the first failing quality check */
    DEV_PORTRAIT_DONE,     /* app: portrait, quality report, override flag */
    DEV_CAMERA_FAILED,
    DEV_FINGER_STATE, /* finger, state (0 waiting, 1 reading, 2 quality), percent */
    DEV_FINGER_DONE,  /* fingerp */
    DEV_FINGER_FAILED,
};

struct dev_frame {
    int width, height, stride;
    unsigned char *rgb;
    int all_pass;   /* every quality check passes */
    int hint_check; /* the first failing check (enum portrait_check_id), -1 if none; the
                       front end words it (kiosk/messages, domain MSGD_PORTRAIT) */
};

/* One result. The receiver owns app, fingerp and frame and frees them with
 * dev_event_free(). req_id is the id of the request it answers (the runner drops a result
 * whose id is not the request it is waiting for: a late answer to a cancelled read never
 * lands on the next citizen). */
struct dev_event {
    enum dev_event_type type;
    uint32_t req_id;
    /* a failure: the driver's code and its domain; the front end words it (kiosk/messages) */
    enum msg_domain domain;
    int code;
    char step[32];
    int percent;
    int state;
    enum finger finger;
    struct application *app;
    struct app_finger *fingerp;
    /* DEV_FINGER_DONE of a capture asked with earlier ones to compare (finger_capture_unlike):
     * same_checked = 1, and same_as the earlier finger it is, or FINGER_NONE */
    int same_checked;
    enum finger same_as;
    struct dev_frame *frame;
};

void dev_event_free(struct dev_event *ev);

typedef void (*dev_post_fn)(struct dev_event *ev, void *arg);

/* A card read: the chip with the access data (personal ID typed or from the QR, DOB for BAC
 * where needed), or parse QR text alone when qr_only is set. With scan_qr the QR code is
 * first read from the camera (config devices.qr = camera) and decoded with zbar. */
struct dev_card_request {
    uint32_t req_id;              /* echoed in every event of this read */
    char app_id[APP_ID_SIZE];     /* the application the read is for (binds the AA challenge) */
    char device[DEV_DEVICE_SIZE]; /* "" = the configured reader; else this device string */
    char personal_id[13];
    char dob[11];
    char issue_date[11];
    char qr_text[1024];
    int qr_only;
    int scan_qr; /* no ID typed: read the card's QR code with the camera first */
};
#endif
