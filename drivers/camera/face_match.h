/* face_match.h: is the person at the counter the card's holder? The live portrait and the
 * chip's photo (DG2) are each aligned (face found, eyes levelled, scaled to a fixed chip) and
 * described by the face network (face_net.h); the distance between the two descriptors against
 * a stated threshold gives the verdict. Offline, on the kiosk.
 *
 * What it proves: the two photos show faces the network places close together. What it does
 * not: that the face is alive (a printed photo of the holder matches), or anything when either
 * photo has no usable face; those are verdicts of their own, for the officer and the policy. */
#ifndef DRIVERS_CAMERA_FACE_MATCH_H
#define DRIVERS_CAMERA_FACE_MATCH_H

#include "drivers/camera/face_net.h"

/* dlib publishes 0.6 for this network (99.38 % on LFW). On the model package's own group
 * photos, two different women came as close as 0.535 (tests/camera/test_face_match.c measures
 * every pair), and the network is known to be weaker on Asian faces than on LFW's. A false
 * "match" lets an impostor through while a false "no match" only calls an approver, so the
 * kiosk uses 0.5 (face_match() takes another for tests; the configuration has no key). */
#define FACE_MATCH_THRESHOLD 0.5
/* The model, as recorded in the application and sent upstream. */
#define FACE_MATCH_MODEL "face-api 1.7.15 face_recognition_model (dlib ResNet-29)"

enum face_match_verdict {
    FACE_MATCH_SAME = 0,     /* distance <= threshold */
    FACE_MATCH_DIFFERENT,    /* distance > threshold */
    FACE_MATCH_NO_FACE_LIVE, /* no face found in the live portrait */
    FACE_MATCH_NO_FACE_CHIP, /* no face found in the chip's photo */
    FACE_MATCH_UNAVAILABLE,  /* the check could not run (no model, no chip photo) */
};

/* An RGB24 image (3 bytes per pixel, R first). */
struct face_image {
    const unsigned char *rgb;
    int width, height, stride;
};

/* One face found and aligned. */
struct face_aligned {
    int found;      /* 0: no face */
    int eyes_found; /* 1: both eyes found by the eye detector; 0: placed from the face box */
    int face_x, face_y, face_w, face_h;
    double eye_l[2], eye_r[2]; /* in the image (left = the image's left) */
    unsigned char chip[FACE_NET_INPUT * FACE_NET_INPUT * 3];
};

struct face_match_result {
    enum face_match_verdict verdict;
    double distance;  /* valid for SAME and DIFFERENT */
    double threshold; /* FACE_MATCH_THRESHOLD unless the caller set another */
    const char *model;
};

struct face_matcher;

/* model_dir holds the network's files (face_net_load); cascade_dir OpenCV's Haar cascades
 * (as for facedet_new). 0 or a negative enum face_net_err. */
int face_matcher_new(const char *model_dir, const char *cascade_dir, struct face_matcher **out);
void face_matcher_free(struct face_matcher *m);
const struct face_net *face_matcher_net(const struct face_matcher *m);

/* Finds the largest face and aligns it into out->chip: the eye centres land on fixed points
 * (eyes level, the distance between them fixed), as the network's training chips had them. */
int face_align(struct face_matcher *m, const struct face_image *img, struct face_aligned *out);
/* Every face of an image (largest first), each aligned: how many (0..max), or a negative enum
 * face_net_err. max is at most FACE_ALIGN_MAX. */
#define FACE_ALIGN_MAX 16
int face_align_all(struct face_matcher *m, const struct face_image *img, struct face_aligned *out,
                   int max);

/* The whole check: align both, describe both, compare. threshold <= 0 means
 * FACE_MATCH_THRESHOLD. 0, or a negative enum face_net_err when it could not run. */
int face_match(struct face_matcher *m, const struct face_image *live, const struct face_image *chip,
               double threshold, struct face_match_result *out);

/* The stable name of a verdict ("same", "different", "no_face_live", ...), for JSON. */
const char *face_match_verdict_name(enum face_match_verdict v);

#endif
