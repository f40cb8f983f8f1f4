/* portrait.h: the portrait quality checks (what the level-2 rules reject: closed eyes, glasses,
 * a mask, bad light...), run on every preview frame, and the stored JPEG.
 *
 * portrait_analyze() measures one frame and fills a report: one entry per check, in the fixed
 * order of enum portrait_check_id, with its pass/fail, the measured value and the limit, so
 * supervisors can see why photos fail. Faces are found with OpenCV's Haar cascades
 * (face_detect.h); every measure on them is ours (portrait.c). */
#ifndef DRIVERS_CAMERA_PORTRAIT_H
#define DRIVERS_CAMERA_PORTRAIT_H

#include <stddef.h>

#include "drivers/camera/camera.h"
#include "kiosk/base/code_list.h"

/* The checks, in the order their hints are given (the first failing one is shown). */
#define PORTRAIT_CHECK_CODES(X)                                                                    \
    X(PC_DARK, 0)           /* face luma mean >= limit */                                          \
    X(PC_BRIGHT, 1)         /* share of burnt-out (>= 250) face pixels <= limit */                 \
    X(PC_FACE_FOUND, 2)     /* faces found >= 1 */                                                 \
    X(PC_ONE_FACE, 3)       /* faces found <= 1 */                                                 \
    X(PC_FACE_SIZE, 4)      /* face width / frame width >= limit */                                \
    X(PC_NOT_TOO_CLOSE, 5)  /* face width / frame width <= limit (room for the 3:4 crop) */        \
    X(PC_CENTRED, 6)        /* distance of the face from its place, share of the frame <= limit */ \
    X(PC_SHARP, 7)          /* variance of the Laplacian of the face >= limit */                   \
    X(PC_POSE, 8)           /* head roll (degrees) or turn, as degrees, <= limit */                \
    X(PC_GLASSES, 9)        /* share of dark pixels where the eyes are <= limit (tinted lenses) */ \
    X(PC_GLASSES_FRAME, 10) /* darkest row / typical row across the nose at eye level >= limit */  \
    X(PC_MASK, 11)          /* share of skin-coloured pixels over nose and mouth >= limit */       \
    X(PC_EYES_OPEN, 12)     /* open eyes found (0..2) >= limit */                                  \
    X(PC_EVEN_LIGHT, 13)    /* darker cheek / lighter cheek >= limit */                            \
    X(PC_PLAIN_BACKGROUND, 14) /* mean gradient of the wall beside the head <= limit */
enum portrait_check_id { PORTRAIT_CHECK_CODES(MSG_CODE_ENUM) PC_COUNT };

struct portrait_check {
    const char *name; /* stable key: "dark", "glasses"... */
    int pass;
    double value, limit;
};

struct portrait_report {
    int all_pass;
    int n; /* PC_COUNT */
    struct portrait_check checks[PC_COUNT];
    int face_x, face_y, face_w, face_h; /* the face judged (0 when none) */
};

/* The limits, all in the units of the check's value (see enum). */
struct portrait_limits {
    double limit[PC_COUNT];
};

/* The defaults, tuned on the face-image rig (see drivers/camera/README.md). */
void portrait_limits_default(struct portrait_limits *lim);
/* Sets one limit by its check's name ("glasses", "sharp"...), e.g. from a config key
 * "portrait.limit.glasses". 0, or CAM_ERR_ARG for an unknown name or a value that is not
 * finite. */
int portrait_limit_set(struct portrait_limits *lim, const char *check_name, double value);

struct portrait_analyzer;

/* Loads the cascades from cascade_dir (NULL: /usr/share/opencv4/haarcascades). NULL when they
 * cannot be read or memory is short. The caller frees with portrait_analyzer_free(). */
struct portrait_analyzer *portrait_analyzer_new(const char *cascade_dir);
void portrait_analyzer_free(struct portrait_analyzer *a);
/* Replaces the limits (copied). */
void portrait_set_limits(struct portrait_analyzer *a, const struct portrait_limits *lim);

/* Measures frame f and fills *r (zeroed first). 0, or CAM_ERR_ARG / CAM_ERR_NOMEM /
 * CAM_ERR_IO (the detector failed). A frame with no face is a valid report, not an error. */
int portrait_analyze(struct portrait_analyzer *a, const struct cam_frame *f,
                     struct portrait_report *r);

/* The report as JSON: {"all_pass":..,"face":{..},"checks":[{"name","pass","value","limit"}..]}.
 * malloc'd, caller frees; NULL when out of memory. */
char *portrait_report_json(const struct portrait_report *r);

/* The stored portrait: a 3:4 crop around the report's face (head and shoulders, the face
 * about half the width), scaled to out_w×out_h (0,0 → 600×800) and encoded at JPEG quality
 * 90. *jpeg is malloc'd, the caller frees it. CAM_ERR_ARG when the report has no face. */
int portrait_jpeg(const struct cam_frame *f, const struct portrait_report *r, int out_w, int out_h,
                  unsigned char **jpeg, size_t *len);

/* Auto-capture: take the picture once every check has passed on `needed` frames in a row. */
struct portrait_autocapture {
    int needed, streak;
};
void portrait_autocapture_init(struct portrait_autocapture *ac, int needed);
/* Feeds one report; 1 when the capture should be taken now (the streak then restarts). */
int portrait_autocapture_feed(struct portrait_autocapture *ac, const struct portrait_report *r);

/* The capture itself: a full-size still, judged again, cropped and encoded. */
struct portrait_capture {
    unsigned char *jpeg; /* out_w×out_h JPEG, malloc'd */
    size_t jpeg_len;
    char *quality_json; /* portrait_report_json() of the still, malloc'd */
    int all_pass;       /* every check passed on the still */
    struct portrait_report report;
};

/* Frees the analyser's working copies of the last frame (sized for the largest frame seen, a
 * still's: 2.8 MB at 1920x1440); the next analysis allocates them again at its own size. */
void portrait_analyzer_drop_scratch(struct portrait_analyzer *a);
/* Takes camera_still(), analyses it and stores it as portrait_jpeg() at out_w×out_h (0,0 →
 * 600×800). With no face in the still (an officer's override), the crop is taken from the
 * middle of the frame. *out is zeroed first; free it with portrait_capture_free(). Codes
 * from the camera (retry, reopen) or the analyser. */
int portrait_capture_take(struct camera *cam, struct portrait_analyzer *a, int out_w, int out_h,
                          struct portrait_capture *out);
/* Wipes (a face is personal data) and frees. */
void portrait_capture_free(struct portrait_capture *pc);

#endif
