/* cardf_photo.c: the test cards' DG2 portrait cut from a real face photo, so that the kiosk's
 * 1:1 face check has a face to find on the chip. By default the photo is the face rig's
 * astronaut (tests/rigs/camera/faces/astronaut.png, the citizen the simulated camera shows), cut as
 * an ICAO portrait (face half the width, eyes a little above the middle) under a light of
 * its own per card: the chip's photo and the live frame are the same person, never the same
 * pixels. Tests may set another person's photo, or none (the drawn head of cardf_portrait.c,
 * in which no detector finds a face). Test-only global state. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/camera/image_file.h"
#include "tests/rigs/card/cardf.h"
#include "tests/rigs/camera/faces.h"

/* The astronaut's face box (haarcascade_frontalface_alt2 on the 512x512 photo, faces.c). */
#define ASTRONAUT_FACE_X 179
#define ASTRONAUT_FACE_Y 69
#define ASTRONAUT_FACE_W 92

static struct {
    int set;   /* a call chose the photo (or none) */
    int drawn; /* no photo: the drawn head */
    struct cam_frame photo;
    int fx, fy, fw;
} g;

int cardf_face_photo(const struct cam_frame *photo, int face_x, int face_y, int face_w)
{
    cam_frame_free(&g.photo);
    memset(&g, 0, sizeof g);
    g.set = 1;
    if (!photo) {
        g.drawn = 1;
        return 0;
    }
    if (face_w <= 0 || cam_frame_alloc(&g.photo, photo->width, photo->height) != 0)
        return -1;
    for (int y = 0; y < photo->height; y++)
        memcpy(g.photo.rgb + (size_t)y * g.photo.stride, photo->rgb + (size_t)y * photo->stride,
               (size_t)photo->width * 3);
    g.fx = face_x;
    g.fy = face_y;
    g.fw = face_w;
    return 0;
}

static int ensure_photo(void)
{
    if (g.set)
        return g.drawn ? -1 : 0;
    g.set = 1;
    if (faces_load_source(&g.photo) != 0) {
        fprintf(stderr, "cardf: astronaut.png not found (FACES_DIR): drawn DG2 portraits\n");
        g.drawn = 1;
        return -1;
    }
    g.fx = ASTRONAUT_FACE_X;
    g.fy = ASTRONAUT_FACE_Y;
    g.fw = ASTRONAUT_FACE_W;
    return 0;
}

uint8_t *cardf_photo_pixels(int w, int h, unsigned seed)
{
    if (ensure_photo() != 0)
        return NULL;
    uint8_t *px = malloc((size_t)w * h * 3);
    if (!px)
        return NULL;
    /* ICAO framing: the face box half the portrait's width, its centre 45 % down */
    double scale = g.fw / (0.5 * w); /* photo pixels per portrait pixel */
    double cx = g.fx + g.fw / 2.0, cy = g.fy + g.fw / 2.0;
    double x0 = cx - scale * w / 2.0, y0 = cy - scale * h * 0.45;
    /* the card's own light: 80-105 % exposure and a slight warm or cool cast per card */
    double gain = 0.80 + 0.05 * (seed % 6), warm = ((int)(seed % 3) - 1) * 0.04;
    const double tint[3] = {1 + warm, 1, 1 - warm};
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            double sx = x0 + (x + 0.5) * scale - 0.5, sy = y0 + (y + 0.5) * scale - 0.5;
            int ix = (int)floor(sx), iy = (int)floor(sy);
            double ax = sx - ix, ay = sy - iy;
            for (int c = 0; c < 3; c++) {
                double acc = 0;
                for (int j = 0; j < 2; j++)
                    for (int i = 0; i < 2; i++) {
                        int xi = ix + i, yj = iy + j;
                        xi = xi < 0 ? 0 : xi >= g.photo.width ? g.photo.width - 1 : xi;
                        yj = yj < 0 ? 0 : yj >= g.photo.height ? g.photo.height - 1 : yj;
                        acc += (i ? ax : 1 - ax) * (j ? ay : 1 - ay) *
                               g.photo.rgb[(size_t)yj * g.photo.stride + (size_t)xi * 3 + c];
                    }
                double v = acc * gain * tint[c];
                px[((size_t)y * w + x) * 3 + c] = (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v + 0.5);
            }
        }
    return px;
}
