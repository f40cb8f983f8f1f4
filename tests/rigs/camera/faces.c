/* faces.c: makes the portrait test frames (see faces.h). Every frame is the source photo drawn
 * through one similarity transform (scale, tilt, shift) onto a 640×480 canvas of the wall's
 * colour; faults that sit on the face (glasses, mask, covered eyes) are painted on a copy of
 * the source first, at positions measured once on that photo (FACE_* below). Deterministic: the
 * same variant (and seed) always gives the same pixels. */
#include "tests/rigs/camera/faces.h"

#include "drivers/camera/image_file.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Measured on astronaut.png (512×512) with haarcascade_frontalface_alt2 / haarcascade_eye. */
#define FACE_X  179
#define FACE_Y  69
#define FACE_W  92
#define EYE_LX  202
#define EYE_RX  247
#define EYE_Y   101
#define FACE_CX (FACE_X + FACE_W / 2.0)
#define FACE_CY (FACE_Y + FACE_W / 2.0)
/* The base framing: face centred at (320, 190) at 1.6× (face about 150 px, 23 % of the width). */
#define BASE_SCALE 1.6
#define BASE_CX    320.0
#define BASE_CY    190.0

static const char *const variant_names[FACES_VARIANT_COUNT] = {
    [FACES_GOOD] = "good",
    [FACES_DARK] = "dark",
    [FACES_BRIGHT] = "bright",
    [FACES_BLUR] = "blur",
    [FACES_EYES_COVERED] = "eyes_covered",
    [FACES_MASK] = "mask",
    [FACES_DARK_GLASSES] = "dark_glasses",
    [FACES_ROTATED] = "rotated",
    [FACES_OFF_CENTRE] = "off_centre",
    [FACES_NO_FACE] = "no_face",
    [FACES_TWO_FACES] = "two_faces",
    [FACES_FAR] = "far",
    [FACES_SIDE_LIT] = "side_lit",
    [FACES_BUSY_BACKGROUND] = "busy_background",
    [FACES_CLEAR_GLASSES] = "clear_glasses",
    [FACES_TOO_CLOSE] = "too_close",
};

const char *faces_variant_name(enum faces_variant v)
{
    return (unsigned)v < FACES_VARIANT_COUNT ? variant_names[v] : "?";
}

int faces_load_source(struct cam_frame *out)
{
    const char *dir = getenv("FACES_DIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/astronaut.png", dir && *dir ? dir : "tests/rigs/camera/faces");
    return camimg_load(path, out);
}

static unsigned char clamp255(double v)
{
    return v < 0 ? 0 : v > 255 ? 255 : (unsigned char)(v + 0.5);
}

static void wall_colour(const struct cam_frame *src, unsigned char rgb[3])
{
    /* A patch of the plain wall left of the head. */
    double sum[3] = {0, 0, 0};
    int n = 0;
    for (int y = 20; y < 60; y++)
        for (int x = 110; x < 150; x++, n++)
            for (int c = 0; c < 3; c++)
                sum[c] += src->rgb[(size_t)y * src->stride + x * 3 + c];
    for (int c = 0; c < 3; c++)
        rgb[c] = (unsigned char)(sum[c] / n);
}

/* Draws src onto dst (whose pixels in the columns [x0, x1) are replaced): the source point
 * (pcx, pcy) lands on (dcx, dcy), scaled by s and turned by deg degrees. */
static void draw(struct cam_frame *dst, const struct cam_frame *src, double pcx, double pcy,
                 double dcx, double dcy, double s, double deg, int x0, int x1,
                 const unsigned char bg[3])
{
    double a = deg * M_PI / 180.0, ca = cos(a), sa = sin(a);
    for (int y = 0; y < dst->height; y++) {
        unsigned char *d = dst->rgb + (size_t)y * dst->stride;
        for (int x = x0; x < x1; x++) {
            double dx = x - dcx, dy = y - dcy;
            double sx = (ca * dx + sa * dy) / s + pcx, sy = (-sa * dx + ca * dy) / s + pcy;
            int ix = (int)floor(sx), iy = (int)floor(sy);
            if (ix < 0 || iy < 0 || ix + 1 >= src->width || iy + 1 >= src->height) {
                memcpy(d + x * 3, bg, 3);
                continue;
            }
            double fx = sx - ix, fy = sy - iy;
            const unsigned char *p = src->rgb + (size_t)iy * src->stride + ix * 3;
            const unsigned char *q = p + src->stride;
            for (int c = 0; c < 3; c++)
                d[x * 3 + c] = clamp255((p[c] * (1 - fx) + p[3 + c] * fx) * (1 - fy) +
                                        (q[c] * (1 - fx) + q[3 + c] * fx) * fy);
        }
    }
}

static void fill_ellipse(struct cam_frame *f, double cx, double cy, double rx, double ry,
                         const unsigned char rgb[3])
{
    for (int y = (int)(cy - ry); y <= (int)(cy + ry); y++)
        for (int x = (int)(cx - rx); x <= (int)(cx + rx); x++) {
            double u = (x - cx) / rx, v = (y - cy) / ry;
            if (x >= 0 && y >= 0 && x < f->width && y < f->height && u * u + v * v <= 1)
                memcpy(f->rgb + (size_t)y * f->stride + x * 3, rgb, 3);
        }
}

static void fill_rect(struct cam_frame *f, int x0, int y0, int x1, int y1,
                      const unsigned char rgb[3])
{
    for (int y = y0 < 0 ? 0 : y0; y < y1 && y < f->height; y++)
        for (int x = x0 < 0 ? 0 : x0; x < x1 && x < f->width; x++)
            memcpy(f->rgb + (size_t)y * f->stride + x * 3, rgb, 3);
}

static void mean_patch(const struct cam_frame *f, int x0, int y0, int x1, int y1,
                       unsigned char rgb[3])
{
    double sum[3] = {0, 0, 0};
    int n = 0;
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++, n++)
            for (int c = 0; c < 3; c++)
                sum[c] += f->rgb[(size_t)y * f->stride + x * 3 + c];
    for (int c = 0; c < 3; c++)
        rgb[c] = (unsigned char)(sum[c] / (n ? n : 1));
}

/* Paints the fault of v on the source copy f (source coordinates). */
static void paint_on_face(enum faces_variant v, struct cam_frame *f)
{
    if (v == FACES_EYES_COVERED) {
        /* Lids of skin over each eye with a lash line along their lower edge: shut eyes. */
        static const unsigned char lash[3] = {60, 40, 35};
        unsigned char skin[3];
        mean_patch(f, EYE_LX - 6, EYE_Y + 16, EYE_LX + 6, EYE_Y + 24, skin);
        for (int e = 0; e < 2; e++) {
            int cx = e ? EYE_RX : EYE_LX;
            /* The lid is shaded, darker towards the lashes, as in an eye socket. */
            for (int y = EYE_Y - 8; y <= EYE_Y + 9; y++)
                for (int x = cx - 14; x <= cx + 14; x++) {
                    double u = (x - cx) / 14.0, w = (y - EYE_Y - 1) / 8.5;
                    if (u * u + w * w > 1)
                        continue;
                    double shade = 0.78 - 0.12 * (w + 1) / 2;
                    for (int c = 0; c < 3; c++)
                        f->rgb[(size_t)y * f->stride + x * 3 + c] =
                            (unsigned char)(skin[c] * shade);
                }
            for (int x = cx - 12; x <= cx + 12; x++) {
                double u = (x - cx) / 13.0;
                int y = EYE_Y + 2 + (int)(4 * sqrt(1 - u * u));
                fill_rect(f, x, y, x + 1, y + 2, lash);
            }
        }
    } else if (v == FACES_DARK_GLASSES) {
        static const unsigned char lens[3] = {22, 24, 30};
        fill_ellipse(f, EYE_LX, EYE_Y, 17, 12, lens);
        fill_ellipse(f, EYE_RX, EYE_Y + 1, 17, 12, lens);
        fill_rect(f, EYE_LX + 15, EYE_Y - 3, EYE_RX - 15, EYE_Y, lens);
        fill_rect(f, FACE_X + 2, EYE_Y - 4, EYE_LX - 15, EYE_Y - 1, lens);
        fill_rect(f, EYE_RX + 15, EYE_Y - 3, FACE_X + FACE_W - 2, EYE_Y, lens);
    } else if (v == FACES_CLEAR_GLASSES) {
        /* Rims 2 px wide around each eye, the bridge and the arms; the lenses stay clear. */
        static const unsigned char frame[3] = {45, 38, 36};
        for (int e = 0; e < 2; e++) {
            int cx = e ? EYE_RX : EYE_LX;
            for (int y = EYE_Y - 14; y <= EYE_Y + 14; y++)
                for (int x = cx - 19; x <= cx + 19; x++) {
                    double u = (x - cx) / 18.0, w = (y - EYE_Y) / 13.0, d = u * u + w * w;
                    if (d >= 0.80 && d <= 1.0)
                        fill_rect(f, x, y, x + 1, y + 1, frame);
                }
        }
        fill_rect(f, EYE_LX + 17, EYE_Y - 4, EYE_RX - 17, EYE_Y - 2, frame);
        fill_rect(f, FACE_X + 2, EYE_Y - 4, EYE_LX - 17, EYE_Y - 2, frame);
        fill_rect(f, EYE_RX + 17, EYE_Y - 4, FACE_X + FACE_W - 2, EYE_Y - 2, frame);
    } else if (v == FACES_MASK) {
        static const unsigned char mask[3] = {150, 190, 220};
        /* From the bridge of the nose to under the chin, ear to ear. */
        double top = FACE_Y + 0.46 * FACE_W, bottom = FACE_Y + 1.12 * FACE_W;
        fill_rect(f, FACE_X + 4, (int)top, FACE_X + FACE_W - 4, (int)(bottom - 20), mask);
        fill_ellipse(f, FACE_CX, bottom - 22, FACE_W / 2.0 - 6, 22, mask);
    }
}

static void stripes(struct cam_frame *f, int x0, int x1, int y0, int y1)
{
    static const unsigned char dark[3] = {40, 40, 60}, light[3] = {235, 225, 200};
    for (int y = y0 < 0 ? 0 : y0; y < y1 && y < f->height; y++)
        for (int x = x0 < 0 ? 0 : x0; x < x1 && x < f->width; x++)
            memcpy(f->rgb + (size_t)y * f->stride + x * 3, ((x / 6 + y / 6) & 1) ? dark : light, 3);
}

static unsigned lcg(unsigned *s)
{
    *s = *s * 1103515245u + 12345u;
    return (*s >> 16) & 0x7fff;
}

static double urand(unsigned *s, double lo, double hi)
{
    return lo + (hi - lo) * lcg(s) / 32767.0;
}

static void scale_light(struct cam_frame *f, double gain, double offset)
{
    for (int y = 0; y < f->height; y++)
        for (int x = 0; x < f->width * 3; x++) {
            unsigned char *p = f->rgb + (size_t)y * f->stride + x;
            *p = clamp255(*p * gain + offset);
        }
}

static int motion_blur(struct cam_frame *f, int len)
{
    struct cam_frame t;
    int rc = cam_frame_copy(&t, f);
    if (rc != 0)
        return rc;
    for (int y = 0; y < f->height; y++)
        for (int x = 0; x < f->width; x++)
            for (int c = 0; c < 3; c++) {
                int sum = 0, n = 0;
                for (int k = -len / 2; k <= len / 2; k++) {
                    int xx = x + k;
                    if (xx >= 0 && xx < f->width) {
                        sum += t.rgb[(size_t)y * t.stride + xx * 3 + c];
                        n++;
                    }
                }
                f->rgb[(size_t)y * f->stride + x * 3 + c] = (unsigned char)(sum / n);
            }
    cam_frame_free(&t);
    return 0;
}

int faces_make(enum faces_variant v, const struct cam_frame *src, struct cam_frame *out)
{
    struct cam_frame face = {0};
    unsigned char bg[3];
    int rc;

    memset(out, 0, sizeof *out);
    if ((unsigned)v >= FACES_VARIANT_COUNT)
        return CAM_ERR_ARG;
    if ((rc = cam_frame_alloc(out, FACES_WIDTH, FACES_HEIGHT)) != 0)
        return rc;
    if ((rc = cam_frame_copy(&face, src)) != 0)
        goto out;
    wall_colour(src, bg);
    paint_on_face(v, &face);
    switch (v) {
    case FACES_ROTATED:
        draw(out, &face, FACE_CX, FACE_CY, BASE_CX, BASE_CY, BASE_SCALE, 25, 0, FACES_WIDTH, bg);
        break;
    case FACES_OFF_CENTRE:
        draw(out, &face, FACE_CX, FACE_CY, 520, BASE_CY, BASE_SCALE, 0, 0, FACES_WIDTH, bg);
        break;
    case FACES_NO_FACE:
        /* The helmet and the suit, below the face. */
        draw(out, &face, 380, 420, 320, 240, 2.0, 0, 0, FACES_WIDTH, bg);
        break;
    case FACES_TWO_FACES:
        draw(out, &face, FACE_CX, FACE_CY, 160, 200, 1.3, 0, 0, 320, bg);
        draw(out, &face, FACE_CX, FACE_CY, 480, 200, 1.3, 0, 320, FACES_WIDTH, bg);
        break;
    case FACES_TOO_CLOSE:
        draw(out, &face, FACE_CX, FACE_CY, BASE_CX, 220, 3.0, 0, 0, FACES_WIDTH, bg);
        break;
    case FACES_FAR:
        draw(out, &face, FACE_CX, FACE_CY, BASE_CX, 170, 0.8, 0, 0, FACES_WIDTH, bg);
        break;
    default:
        draw(out, &face, FACE_CX, FACE_CY, BASE_CX, BASE_CY, BASE_SCALE, 0, 0, FACES_WIDTH, bg);
    }
    switch (v) {
    case FACES_DARK:
        scale_light(out, 0.2, 0);
        break;
    case FACES_BRIGHT:
        scale_light(out, 2.0, 60);
        break;
    case FACES_BLUR:
        rc = motion_blur(out, 25);
        break;
    case FACES_SIDE_LIT: {
        /* Light falls off across the face: full on the left cheek, a third on the right. */
        double fx0 = BASE_CX - FACE_W * BASE_SCALE / 2, fw = FACE_W * BASE_SCALE;
        for (int y = 0; y < out->height; y++)
            for (int x = 0; x < out->width; x++) {
                double t = (x - fx0) / fw;
                double g = t < 0.3 ? 1.0 : t > 0.7 ? 0.33 : 1.0 - (t - 0.3) / 0.4 * 0.67;
                for (int c = 0; c < 3; c++) {
                    unsigned char *p = out->rgb + (size_t)y * out->stride + x * 3 + c;
                    *p = clamp255(*p * g);
                }
            }
        break;
    }
    case FACES_BUSY_BACKGROUND: {
        double fw = FACE_W * BASE_SCALE, fx0 = BASE_CX - fw / 2;
        stripes(out, 0, (int)(fx0 - 0.25 * fw), 0, (int)(BASE_CY + fw * 0.6));
        stripes(out, (int)(fx0 + 1.25 * fw), FACES_WIDTH, 0, (int)(BASE_CY + fw * 0.6));
        break;
    }
    default:
        break;
    }
out:
    cam_frame_free(&face);
    if (rc != 0)
        cam_frame_free(out);
    return rc;
}

int faces_make_good(unsigned seed, const struct cam_frame *src, struct cam_frame *out)
{
    unsigned s = seed * 2654435761u + 1;
    unsigned char bg[3];
    int rc;

    memset(out, 0, sizeof *out);
    if ((rc = cam_frame_alloc(out, FACES_WIDTH, FACES_HEIGHT)) != 0)
        return rc;
    wall_colour(src, bg);
    double scale = BASE_SCALE * urand(&s, 0.94, 1.06);
    double dx = urand(&s, -20, 20), dy = urand(&s, -20, 20), deg = urand(&s, -4, 4);
    double gain = urand(&s, 0.85, 1.15);
    draw(out, src, FACE_CX, FACE_CY, BASE_CX + dx, BASE_CY + dy, scale, deg, 0, FACES_WIDTH, bg);
    scale_light(out, gain, 0);
    /* Sensor noise, about ±3 levels. */
    for (int y = 0; y < out->height; y++)
        for (int x = 0; x < out->width * 3; x++) {
            unsigned char *p = out->rgb + (size_t)y * out->stride + x;
            *p = clamp255(*p + (int)(lcg(&s) % 7) - 3);
        }
    return 0;
}
