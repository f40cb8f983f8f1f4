/* fingerprint.h: capturing one finger at a time through libfprint, checked for quality.
 *
 * A reader is opened on a backend chosen by name ("sim", "sim:<script>", a libfprint driver
 * id such as "virtual_image", or "" for the first imaging device libfprint finds). Each
 * fpr_capture_finger() makes up to max_attempts captures of one finger, measures each one
 * (minutiae count and spread from libfprint's NBIS detector, ridge contrast, ridge clarity,
 * foreground area) and keeps the best. fpr_same_finger() tells whether two captures of one
 * application are the same finger (the citizen gave the left index again as the right one).
 *
 * Threads: a reader is used by one thread at a time (the kiosk's device worker); only
 * fpr_cancel() may be called from another thread. Every wait is bounded by timeout_ms and by
 * the caller's cancel flag: no call blocks forever.
 * Ownership: the reader owns its libfprint context and device; fpr_close() frees them. A
 * struct app_finger filled here owns its image and quality_json (malloc'd): the application
 * frees them (app_wipe), or fpr_finger_clear() does. Logs carry no image and no quality. */
#ifndef DRIVERS_FINGERPRINT_H
#define DRIVERS_FINGERPRINT_H

#include <stdatomic.h>

#include "kiosk/model/application.h"
#include "kiosk/base/code_list.h"

/* Errors: each says what to do next. */
#define FPR_CODES(X)                                                                               \
    X(FPR_OK, 0)                                                                                   \
    X(FPR_ERR_ARG, -1)       /* bad argument or option: a programming or config error */           \
    X(FPR_ERR_NO_DEVICE, -2) /* no such reader: check the cable and the config, reopen */          \
    X(FPR_ERR_OPEN, -3)      /* the reader would not open: reopen later */                         \
    X(FPR_ERR_TIMEOUT, -4)   /* no finger/answer in time: ask again (same reader) */               \
    X(FPR_ERR_DEVICE, -5)    /* the reader failed: close, reopen, try again */                     \
    X(FPR_ERR_GONE, -6)      /* the reader was unplugged: close, plug in, reopen */                \
    X(FPR_ERR_CANCELLED, -7) /* cancelled by the caller */                                         \
    X(FPR_ERR_POOR, -8)      /* no attempt met the quality bar: best kept; retry or exception */   \
    X(FPR_ERR_NOMEM, -9)                                                                           \
    X(FPR_ERR_IMAGE, -10)  /* not an image this module can measure (size, blank) */                \
    X(FPR_ERR_MODULE, -11) /* the fingerprint module cannot be loaded: report to maintenance */
enum fpr_err { FPR_CODES(MSG_CODE_ENUM) };

/* Live states reported to the UI while a finger is captured. */
#define FPR_STATE_CODES(X)                                                                         \
    X(FPR_STATE_PLACE, 1)   /* waiting for the finger on the glass */                              \
    X(FPR_STATE_READING, 2) /* image received, measuring */                                        \
    X(FPR_STATE_QUALITY, 3) /* one attempt measured; q is set */                                   \
    X(FPR_STATE_RETRY, 4)   /* the attempt was poor or the reader asked to retry: lift, place */   \
    X(FPR_STATE_DONE, 5)    /* finished; q is the kept attempt's quality (or NULL) */
enum fpr_state { FPR_STATE_CODES(MSG_CODE_ENUM) };

/* Thresholds; the device workers fill them from the configuration (devices_fpr_options). */
struct fpr_options {
    const char *device; /* "sim", "sim:<script>", libfprint driver id, "" = first imaging */
    int min_minutiae;   /* national rule of thumb: 60 at >= 500 ppi; 0 = 60 */
    int max_attempts;   /* 0 = 3 */
    int timeout_ms;     /* per attempt, waiting for the finger; 0 = 20000 */
};

/* The measures of one capture. */
struct fpr_quality {
    int minutiae;          /* NBIS detector count on the print */
    int detected;          /* all it found, the empty glass's noise included */
    int min_minutiae;      /* the threshold it was held to */
    double spread;         /* share of the print's blocks (32 px) holding a minutia, 0..1 */
    double contrast;       /* mean ridge/valley grey difference in the print, 0..1 */
    double clarity;        /* mean orientation coherence of the print's blocks, 0..1 */
    double area;           /* share of the image covered by the print, 0..1 */
    int ppi;               /* resolution recorded (500 when the reader does not say) */
    int passed;            /* every measure met its threshold */
    const char *fail_what; /* first failed measure's key ("minutiae", "area"...), or NULL */
};

struct fpr_reader;
/* Opens the reader. 0 and *out set (caller closes), or a negative enum fpr_err. */
int fpr_open(const struct fpr_options *opt, struct fpr_reader **out);

/* Captures one finger: up to max_attempts, keeping the best. *out is cleared first, then
 * holds the kept image (8-bit grey, row-major), its size, ppi, quality_json and attempts.
 * Returns 0 when the kept capture passed; FPR_ERR_POOR when none did (out still holds the
 * best image if any attempt produced one: the workflow offers a retry or an exception);
 * FPR_ERR_TIMEOUT / DEVICE / GONE / CANCELLED with out cleared. state_cb (may be NULL) is
 * called on the calling thread. cancel (may be NULL) is polled every 50 ms. */
int fpr_capture_finger(struct fpr_reader *r, enum finger f, struct app_finger *out,
                       void (*state_cb)(int state, const struct fpr_quality *q, void *ctx),
                       void *ctx, const atomic_int *cancel);

/* Aborts a capture in progress from any thread; it returns FPR_ERR_CANCELLED. */
void fpr_cancel(struct fpr_reader *r);

/* Closes and frees (NULL is fine). */
void fpr_close(struct fpr_reader *r);

/* Measures an 8-bit grey image (no reader needed). 0 or a negative enum fpr_err. */
int fpr_measure(const unsigned char *img, int width, int height, int ppi, int min_minutiae,
                struct fpr_quality *q);

/* Same finger twice: 0 and *same = 1 when a and b (both captured) are the same finger.
 * Matching is this module's own minutiae point-set alignment (see README). */
int fpr_same_finger(const struct app_finger *a, const struct app_finger *b, int *same);

/* Wipes and frees what fpr_capture_finger() put in f, leaving it zeroed. */
void fpr_finger_clear(struct app_finger *f);

const char *fpr_strerror(int err);

/* The driver (with libfprint and GLib) is the shared module kiosk-fingerprint.so: the kiosk
 * program reaches these calls through fpr_door.c, which loads it on the first one
 * (kiosk/base/module.h); tests and benchmarks link the driver itself. The module exports
 * this table as the symbol fingerprint_module. */
#define FPR_MODULE_ABI 2
struct fpr_module {
    int abi; /* FPR_MODULE_ABI */
    int (*open)(const struct fpr_options *opt, struct fpr_reader **out);
    int (*capture_finger)(struct fpr_reader *r, enum finger f, struct app_finger *out,
                          void (*state_cb)(int state, const struct fpr_quality *q, void *ctx),
                          void *ctx, const atomic_int *cancel);
    void (*cancel)(struct fpr_reader *r);
    void (*close)(struct fpr_reader *r);
    int (*same_finger)(const struct app_finger *a, const struct app_finger *b, int *same);
    void (*finger_clear)(struct app_finger *f);
};

#endif
