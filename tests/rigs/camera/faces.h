/* faces.h: the face-image rig: known portraits and their faulty variants for the portrait tests
 * and benchmarks, all made in C from one public-domain photo (astronaut.png from Debian's
 * python3-skimage, NASA, committed under tests/rigs/camera/faces/). Each variant breaks one rule
 * the portrait checks enforce; the good variants perturb the photo within what the rules allow. */
#ifndef TESTS_RIGS_FACES_H
#define TESTS_RIGS_FACES_H

#include "drivers/camera/camera.h"

#define FACES_WIDTH  640
#define FACES_HEIGHT 480

enum faces_variant {
    FACES_GOOD = 0,
    FACES_DARK,            /* exposure cut to a fifth */
    FACES_BRIGHT,          /* over-exposed, highlights clipped */
    FACES_BLUR,            /* horizontal motion blur */
    FACES_EYES_COVERED,    /* a skin-coloured band over both eyes (as closed eyes) */
    FACES_MASK,            /* a light-blue mask over nose and mouth */
    FACES_DARK_GLASSES,    /* tinted lenses drawn over the eyes */
    FACES_ROTATED,         /* head tilted 25 degrees */
    FACES_OFF_CENTRE,      /* face near the right edge */
    FACES_NO_FACE,         /* the suit and helmet, no face */
    FACES_TWO_FACES,       /* two people side by side */
    FACES_FAR,             /* face too small in the frame */
    FACES_SIDE_LIT,        /* one half of the face in shadow */
    FACES_BUSY_BACKGROUND, /* stripes on the wall behind the head */
    FACES_CLEAR_GLASSES,   /* thin dark frames and bridge, untinted lenses */
    FACES_TOO_CLOSE,       /* face nearly half the frame's width */
    FACES_VARIANT_COUNT
};

/* A short name ("dark_glasses"). */
const char *faces_variant_name(enum faces_variant v);

/* Loads the astronaut photo: $FACES_DIR/astronaut.png, else tests/rigs/camera/faces/astronaut.png
 * from the current directory. 0 or a camera code. *out freed with cam_frame_free(). */
int faces_load_source(struct cam_frame *out);

/* Makes variant v of src as a FACES_WIDTH×FACES_HEIGHT frame (allocated; cam_frame_free()). */
int faces_make(enum faces_variant v, const struct cam_frame *src, struct cam_frame *out);

/* Makes good variant number seed: small random changes of light (±15 %), position (±20 px),
 * size (±6 %), tilt (±4°) and sensor noise, all inside what the portrait rules accept. */
int faces_make_good(unsigned seed, const struct cam_frame *src, struct cam_frame *out);

#endif
