/* fpr_synth.h: synthetic fingerprints, since no Debian package ships any.
 *
 * A finger is a seed: the seed fixes the ridge pattern (core, ridge period, shape) and the
 * positions of its minutiae, so two renders of one seed are the same finger and two seeds are
 * different fingers. A render places that finger on the glass (rotation, shift) and spoils it
 * on request (noise, blur, low contrast, partial contact, or no finger at all). The image is
 * 8-bit grey, dark ridges on a light background, at 500 ppi (ridge period about 9 px).
 * Pure computation: no global state, same parameters give the same bytes. */
#ifndef DRIVERS_FPR_SYNTH_H
#define DRIVERS_FPR_SYNTH_H

#include <stdint.h>

#define FPR_SYNTH_PPI 500

struct fpr_synth_params {
    uint32_t finger_seed;  /* which finger */
    uint32_t capture_seed; /* which placement and noise */
    int width, height;     /* image size, 64..2000 */
    int minutiae;          /* ridge dislocations planted (each is one ending/bifurcation) */
    double rotate_deg;     /* placement on the glass */
    double shift_x, shift_y;
    double noise;    /* Gaussian noise sigma, grey levels */
    double blur;     /* blur radius in px (0 = sharp) */
    double contrast; /* 1 = full ridge/valley contrast */
    double partial;  /* share of the print kept (1 = whole, 0.3 = a strip) */
    int blank;       /* 1 = no finger: the empty glass */
};

/* Good-capture defaults for a finger: 320x384, 90 planted minutiae, slight noise. */
void fpr_synth_defaults(struct fpr_synth_params *p, uint32_t finger_seed);

/* Fills p with a second placement of the same finger: rotated up to 8 degrees, shifted up to
 * 12 px, different noise, chosen by capture_seed. */
void fpr_synth_replace(struct fpr_synth_params *p, uint32_t capture_seed);

/* Renders into out (width*height bytes). 0, or -1 for bad parameters. */
int fpr_synth_render(const struct fpr_synth_params *p, unsigned char *out);

#endif
