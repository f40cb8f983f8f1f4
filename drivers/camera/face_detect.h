/* face_detect.h: the C face of OpenCV's Haar cascades (face, eye), the only part of the portrait
 * checks a library does for us. Implemented in face_detect_opencv.cpp, the one C++ file of the
 * kiosk, built as the shared module kiosk-facedet.so (kiosk/base/module.h) so that only the
 * processes that check portraits map OpenCV; face_detect.c loads it on the first facedet_new(). No
 * C++ exception crosses this interface. A detector is not shared between threads. */
#ifndef DRIVERS_CAMERA_FACE_DETECT_H
#define DRIVERS_CAMERA_FACE_DETECT_H

#ifdef __cplusplus
extern "C" {
#endif

struct facedet_rect {
    int x, y, w, h;
};

enum facedet_kind {
    FACEDET_FACE = 0,  /* lbpcascade_frontalface.xml: fast, some false faces */
    FACEDET_FACE_HAAR, /* haarcascade_frontalface_alt2.xml: 3-4x slower, few false faces */
    FACEDET_EYE,       /* haarcascade_eye.xml */
    FACEDET_KINDS
};

struct facedet;

/* Loads the cascades from cascade_dir (e.g. /usr/share/opencv4/haarcascades; the LBP one from
 * its sibling lbpcascades/). 0, or -1 when a file is missing or unreadable, -2 out of memory,
 * -3 when the module cannot be loaded (the reason on stderr). *out is the caller's, to
 * facedet_free(). */
int facedet_new(const char *cascade_dir, struct facedet **out);
void facedet_free(struct facedet *d);

/* Finds objects of kind inside roi of an 8-bit grey image (contrast equalised first), between
 * min_size and max_size pixels wide (0 = no limit). Writes up to max boxes (image coordinates),
 * largest first, and returns how many were found, or -1 on failure. */
int facedet_find(struct facedet *d, enum facedet_kind kind, const unsigned char *grey, int width,
                 int height, int stride, struct facedet_rect roi, int min_size, int max_size,
                 struct facedet_rect *out, int max);

/* What the module exports (as the symbol facedet_module). */
#define FACEDET_MODULE_ABI 1
struct facedet_module {
    int abi; /* FACEDET_MODULE_ABI */
    int (*create)(const char *cascade_dir, struct facedet **out);
    void (*destroy)(struct facedet *d);
    int (*find)(struct facedet *d, enum facedet_kind kind, const unsigned char *grey, int width,
                int height, int stride, struct facedet_rect roi, int min_size, int max_size,
                struct facedet_rect *out, int max);
};

#ifdef __cplusplus
}
#endif

#endif
