/* ui_fakedev.h: scripted devices for the UI tests besides the simulated device workers: a
 * runner_dev_ops table, given to the process (process_opts.dev_ops), whose requests post
 * their results at once to the process's loop (process_post_device), as a worker thread
 * would, or never answer at all. */
#ifndef UI_FAKEDEV_H
#define UI_FAKEDEV_H

#include "kiosk/process/process.h"
#include "kiosk/workflow/runner.h"

enum ui_fake_mode {
    UI_FAKE_ANSWER = 0,  /* every request is answered */
    UI_FAKE_SILENT,      /* no request is ever answered */
    UI_FAKE_CAMERA_DEAD, /* the card and the fingers answer, the camera never does */
};

struct ui_fakedev {
    enum ui_fake_mode mode;
    struct kiosk_process *proc; /* where the results are posted (set by ui_drive_start) */
    int card_reads, card_cancels, camera_starts, camera_stops, captures, overrides;
    int finger_captures, finger_cancels;
    enum finger last_finger;
    char last_pid[13]; /* the last card request's personal ID */
    const char *dob;   /* when set, the card read carries the typed personal ID and this date of
                          birth ("YYYY-MM-DD") instead of the made-up citizen's */
    uint32_t card_id, camera_id, finger_id; /* the requests answered: their ids */
    int last_qr;                            /* 1 when it carried QR text, 2 when QR only */
};

extern const struct runner_dev_ops ui_fakedev_ops;
/* The camera capture entry (process_opts.camera_capture). */
void ui_fakedev_capture(void *dev, int officer_override);

/* A JPEG of a drawn picture, w x h; caller frees. NULL on failure. */
unsigned char *ui_fake_jpeg(int w, int h, int seed, size_t *len);

#endif
