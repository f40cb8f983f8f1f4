/* face_net.h: the face recognition network that turns an aligned 150×150 face into a
 * 128-value descriptor, so two photos of one person can be compared by distance.
 *
 * The network is dlib's ResNet for faces (29 convolutions, reported at 99.38 % on LFW) as
 * ported by face-api (npm @vladmandic/face-api, MIT): its weights manifest
 * (face_recognition_model-weights_manifest.json) and weights file (face_recognition_model.bin,
 * 8-bit quantised) are read as the package ships them, and the forward pass is ours on CBLAS
 * (im2col + sgemm), the same arithmetic as the package's TensorFlow.js graph. The forward pass
 * is the shared module kiosk-facenet.so (face_net_blas.c; OpenBLAS starts its thread pool when
 * mapped, so only the processes that compare faces map it), loaded by the first
 * face_net_load() (face_net.c).
 *
 * A loaded net is read-only: one may be shared by threads, each with its own scratch. */
#ifndef DRIVERS_CAMERA_FACE_NET_H
#define DRIVERS_CAMERA_FACE_NET_H

#include <stddef.h>

#define FACE_NET_INPUT      150 /* the aligned face is FACE_NET_INPUT² RGB pixels */
#define FACE_NET_DESCRIPTOR 128

enum face_net_err {
    FACE_NET_OK = 0,
    FACE_NET_ERR_ARG = -1,     /* bad argument: a bug in the caller */
    FACE_NET_ERR_NOMEM = -2,   /* out of memory */
    FACE_NET_ERR_MISSING = -3, /* model files not there: run tools/fetch-face-model */
    FACE_NET_ERR_MODEL = -4,   /* model files there but not the expected network */
    FACE_NET_ERR_MODULE = -5,  /* the module kiosk-facenet.so cannot be loaded (on stderr) */
};

#define FACE_NET_MANIFEST "face_recognition_model-weights_manifest.json"
#define FACE_NET_WEIGHTS  "face_recognition_model.bin"
#define FACE_NET_MAX_FILE (64u << 20) /* the shipped weights are 6.2 MB */

struct face_net;

/* Loads the model from dir (the two files named above). 0 or a negative enum face_net_err;
 * *out is the caller's, to face_net_free(). */
int face_net_load(const char *dir, struct face_net **out);
void face_net_free(struct face_net *net);

/* Bytes held by the loaded weights (floats after dequantisation). */
size_t face_net_weight_bytes(const struct face_net *net);

/* The descriptor of one aligned face: rgb is FACE_NET_INPUT² pixels, 3 bytes each (R first),
 * rows stride bytes apart. 0, or FACE_NET_ERR_NOMEM. */
int face_net_describe(const struct face_net *net, const unsigned char *rgb, int stride,
                      float out[FACE_NET_DESCRIPTOR]);

/* Euclidean distance between two descriptors (the network was trained so that one person's
 * photos lie within 0.6 of each other). */
double face_net_distance(const float a[FACE_NET_DESCRIPTOR], const float b[FACE_NET_DESCRIPTOR]);

/* What the module exports (as the symbol facenet_module). */
#define FACE_NET_MODULE_ABI 1
struct face_net_module {
    int abi; /* FACE_NET_MODULE_ABI */
    int (*load)(const unsigned char *manifest, size_t manifest_len, const unsigned char *weights,
                size_t weights_len, struct face_net **out);
    void (*free)(struct face_net *net);
    size_t (*weight_bytes)(const struct face_net *net);
    int (*describe)(const struct face_net *net, const unsigned char *rgb, int stride,
                    float out[FACE_NET_DESCRIPTOR]);
};

#endif
