/* fpr_internal.h: what the fingerprint module's files share and nothing outside uses.
 *
 * The backend ops table (one per fpr_<backend>.c, like libnfc drivers), minutiae detection
 * through libfprint outside any device, and the point-set matcher. */
#ifndef DRIVERS_FPR_INTERNAL_H
#define DRIVERS_FPR_INTERNAL_H

#include <stdatomic.h>

#include "drivers/fingerprint/fingerprint.h"

/* One captured image, owned by the caller of capture (free data and xy with free()). */
struct fpr_image {
    unsigned char *data;
    int width, height, ppi; /* ppi 0 when the device does not say */
    int *xy;                /* minutiae libfprint already found (2 ints each), or NULL */
    int n_minutiae;
};

/* A backend. capture() makes one attempt: 0 and *img filled, or a negative enum fpr_err;
 * FPR_ERR_POOR here means the reader itself asked for a retry (too short, centre finger).
 * cancel() may be called from any thread while capture() runs. */
struct fpr_ops {
    const char *name;
    int (*open)(const char *device, void **state);
    int (*capture)(void *state, enum finger f, int timeout_ms, const atomic_int *cancel,
                   struct fpr_image *img);
    void (*cancel)(void *state);
    void (*close)(void *state);
};

extern const struct fpr_ops fpr_libfprint_ops;
extern const struct fpr_ops fpr_sim_ops;

/* Minutiae coordinates from libfprint's detector (NBIS mindtct) on an 8-bit grey image.
 * 0 and *xy (malloc'd, 2 ints per minutia, caller frees) with *n set; *n may be 0. */
int fpr_detect_minutiae(const unsigned char *img, int width, int height, int **xy, int *n);

/* Matching score of two minutiae sets: the most points brought within tolerance by one
 * rotation + translation, over the smaller set's size; *paired gets that count. */
double fpr_match_points(const int *a, int na, const int *b, int nb, int *paired);

/* Fills q from an image whose minutiae are already known (xy, n); xy is reordered so that
 * its first q->minutiae entries are the ones on the print. */
void fpr_quality_measure(const unsigned char *img, int width, int height, int ppi, int *xy, int n,
                         int min_minutiae, struct fpr_quality *q);

/* Moves the minutiae lying on the print to the front of xy; returns how many. */
int fpr_minutiae_in_print(const unsigned char *img, int width, int height, int *xy, int n);

/* Writes q as a JSON object (malloc'd string, caller frees), NULL on allocation failure. */
char *fpr_quality_json(const struct fpr_quality *q, int attempt, int attempts);

#endif
