/* face_match.c: aligning a face for the network and the 1:1 verdict (see face_match.h).
 *
 * Alignment: the largest face of OpenCV's Haar cascade, then the two eyes inside its upper
 * half (placed from the face box where the eye cascade finds no pair). A similarity transform
 * (rotation, scale, shift) puts the eye centres where dlib's chips have them: dlib's 5-point
 * template with 0.25 padding in a 150-pixel chip puts the eye centres at (47.7, 47.1) and
 * (100.3, 47.1). The chip is sampled bilinearly. */
#include "drivers/camera/face_match.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/camera/face_detect.h"

#define CHIP_EYE_L_X 47.7
#define CHIP_EYE_R_X 100.3
#define CHIP_EYE_Y   47.1

/* Where the eye centres sit in a Haar frontal face box when the eye cascade finds no pair
 * (measured on the face rig's frames: see drivers/camera/README.md). */
#define BOX_EYE_L_X 0.31
#define BOX_EYE_R_X 0.69
#define BOX_EYE_Y   0.40

struct face_matcher {
    struct face_net *net;
    struct facedet *det;
};

int face_matcher_new(const char *model_dir, const char *cascade_dir, struct face_matcher **out)
{
    struct face_matcher *m;
    int rc;
    if (!out)
        return FACE_NET_ERR_ARG;
    *out = NULL;
    if (!(m = calloc(1, sizeof *m)))
        return FACE_NET_ERR_NOMEM;
    if ((rc = face_net_load(model_dir, &m->net)) == 0) {
        rc = facedet_new(cascade_dir, &m->det);
        rc = rc == -2 ? FACE_NET_ERR_NOMEM : rc ? FACE_NET_ERR_MISSING : 0;
    }
    if (rc) {
        face_matcher_free(m);
        return rc;
    }
    *out = m;
    return 0;
}

void face_matcher_free(struct face_matcher *m)
{
    if (!m)
        return;
    face_net_free(m->net);
    facedet_free(m->det);
    free(m);
}

const struct face_net *face_matcher_net(const struct face_matcher *m)
{
    return m ? m->net : NULL;
}

static unsigned char *to_grey(const struct face_image *img)
{
    unsigned char *g = malloc((size_t)img->width * img->height);
    if (!g)
        return NULL;
    for (int y = 0; y < img->height; y++) {
        const unsigned char *p = img->rgb + (size_t)y * img->stride;
        for (int x = 0; x < img->width; x++, p += 3)
            g[(size_t)y * img->width + x] =
                (unsigned char)((77 * p[0] + 150 * p[1] + 29 * p[2]) >> 8);
    }
    return g;
}

/* The pair of eye boxes, one in each half of the face's upper part, largest first. 1 when
 * found. */
static int find_eyes(struct facedet *det, const unsigned char *grey, const struct face_image *img,
                     struct facedet_rect f, double l[2], double r[2])
{
    struct facedet_rect roi = {f.x, f.y + f.h / 8, f.w, f.h / 2}, e[8];
    int n = facedet_find(det, FACEDET_EYE, grey, img->width, img->height, img->width, roi, f.w / 8,
                         f.w / 3, e, 8);
    int li = -1, ri = -1;
    for (int i = 0; i < n; i++) {
        double cx = e[i].x + e[i].w / 2.0;
        if (cx < f.x + f.w / 2.0 && li < 0)
            li = i;
        else if (cx >= f.x + f.w / 2.0 && ri < 0)
            ri = i;
    }
    if (li < 0 || ri < 0)
        return 0;
    l[0] = e[li].x + e[li].w / 2.0;
    l[1] = e[li].y + e[li].h / 2.0;
    r[0] = e[ri].x + e[ri].w / 2.0;
    r[1] = e[ri].y + e[ri].h / 2.0;
    /* A pair too close, too far apart or too tilted is two false eyes. */
    double d = hypot(r[0] - l[0], r[1] - l[1]);
    return d > 0.25 * f.w && d < 0.65 * f.w && fabs(r[1] - l[1]) < 0.5 * d;
}

static void warp_chip(const struct face_image *img, const double l[2], const double r[2],
                      unsigned char *chip)
{
    /* Chip → image: p = s·R·(q − q_l) + l, with s and R from the two eye pairs. */
    double dx = r[0] - l[0], dy = r[1] - l[1];
    double s = hypot(dx, dy) / (CHIP_EYE_R_X - CHIP_EYE_L_X);
    double c = dx / hypot(dx, dy) * s, sn = dy / hypot(dx, dy) * s;
    for (int v = 0; v < FACE_NET_INPUT; v++)
        for (int u = 0; u < FACE_NET_INPUT; u++) {
            double qx = u - CHIP_EYE_L_X, qy = v - CHIP_EYE_Y;
            double x = l[0] + c * qx - sn * qy, y = l[1] + sn * qx + c * qy;
            unsigned char *o = chip + ((size_t)v * FACE_NET_INPUT + u) * 3;
            int x0 = (int)floor(x), y0 = (int)floor(y);
            double fx = x - x0, fy = y - y0;
            for (int k = 0; k < 3; k++) {
                double acc = 0;
                for (int j = 0; j < 2; j++)
                    for (int i = 0; i < 2; i++) {
                        int xi = x0 + i, yj = y0 + j;
                        /* Outside the image: the nearest edge pixel. */
                        xi = xi < 0 ? 0 : xi >= img->width ? img->width - 1 : xi;
                        yj = yj < 0 ? 0 : yj >= img->height ? img->height - 1 : yj;
                        double w = (i ? fx : 1 - fx) * (j ? fy : 1 - fy);
                        acc += w * img->rgb[(size_t)yj * img->stride + (size_t)xi * 3 + k];
                    }
                o[k] = (unsigned char)(acc + 0.5);
            }
        }
}

/* Faces are looked for in a copy at most DETECT_SIDE pixels on its longer side (the cascade's
 * cost grows with the area; a face of the sizes looked for stays well above its 24-pixel
 * window), eyes in the full-size picture. */
#define DETECT_SIDE 400

static int align_faces(struct face_matcher *m, const struct face_image *img, int min_share,
                       struct face_aligned *out, int max)
{
    if (!m || !img || !img->rgb || img->width < 16 || img->height < 16 ||
        img->stride < 3 * img->width || !out || max < 1 || max > FACE_ALIGN_MAX)
        return FACE_NET_ERR_ARG;
    unsigned char *grey = to_grey(img);
    if (!grey)
        return FACE_NET_ERR_NOMEM;
    int longer = img->width > img->height ? img->width : img->height;
    int k = (longer + DETECT_SIDE - 1) / DETECT_SIDE, sw = img->width / k, sh = img->height / k;
    unsigned char *small = k > 1 ? malloc((size_t)sw * sh) : grey;
    if (!small) {
        free(grey);
        return FACE_NET_ERR_NOMEM;
    }
    for (int y = 0; k > 1 && y < sh; y++)
        for (int x = 0; x < sw; x++) {
            unsigned sum = 0;
            for (int j = 0; j < k; j++)
                for (int i = 0; i < k; i++)
                    sum += grey[(size_t)(y * k + j) * img->width + x * k + i];
            small[(size_t)y * sw + x] = (unsigned char)(sum / (unsigned)(k * k));
        }
    struct facedet_rect all = {0, 0, sw, sh}, f[FACE_ALIGN_MAX];
    int minside = sw < sh ? sw : sh;
    int n = facedet_find(m->det, FACEDET_FACE_HAAR, small, sw, sh, sw, all, minside / min_share, 0,
                         f, max);
    if (n > max) /* the detector counts every face it found, writing max */
        n = max;
    for (int i = 0; i < n; i++) {
        struct face_aligned *a = &out[i];
        struct facedet_rect b = {f[i].x * k, f[i].y * k, f[i].w * k, f[i].h * k};
        memset(a, 0, sizeof *a);
        a->found = 1;
        a->face_x = b.x;
        a->face_y = b.y;
        a->face_w = b.w;
        a->face_h = b.h;
        a->eyes_found = find_eyes(m->det, grey, img, b, a->eye_l, a->eye_r);
        if (!a->eyes_found) {
            a->eye_l[0] = b.x + BOX_EYE_L_X * b.w;
            a->eye_r[0] = b.x + BOX_EYE_R_X * b.w;
            a->eye_l[1] = a->eye_r[1] = b.y + BOX_EYE_Y * b.h;
        }
        warp_chip(img, a->eye_l, a->eye_r, a->chip);
    }
    if (small != grey)
        free(small);
    free(grey);
    return n < 0 ? FACE_NET_ERR_NOMEM : n;
}

int face_align_all(struct face_matcher *m, const struct face_image *img, struct face_aligned *out,
                   int max)
{
    return align_faces(m, img, 16, out, max); /* group photos: faces down to 1/16 */
}

int face_align(struct face_matcher *m, const struct face_image *img, struct face_aligned *out)
{
    if (!out)
        return FACE_NET_ERR_ARG;
    memset(out, 0, sizeof *out);
    /* A portrait: the camera's framing (face_size check) and the chip's photo both have the
     * face wider than a sixth of the picture. */
    int n = align_faces(m, img, 6, out, 1);
    return n < 0 ? n : 0;
}

int face_match(struct face_matcher *m, const struct face_image *live, const struct face_image *chip,
               double threshold, struct face_match_result *out)
{
    if (!m || !out)
        return FACE_NET_ERR_ARG;
    memset(out, 0, sizeof *out);
    out->threshold = threshold > 0 ? threshold : FACE_MATCH_THRESHOLD;
    out->model = FACE_MATCH_MODEL;
    out->verdict = FACE_MATCH_UNAVAILABLE;
    struct face_aligned *a = malloc(2 * sizeof *a);
    if (!a)
        return FACE_NET_ERR_NOMEM;
    float d[2][FACE_NET_DESCRIPTOR];
    int rc = face_align(m, live, &a[0]);
    if (rc == 0)
        rc = face_align(m, chip, &a[1]);
    if (rc == 0 && !a[0].found)
        out->verdict = FACE_MATCH_NO_FACE_LIVE;
    else if (rc == 0 && !a[1].found)
        out->verdict = FACE_MATCH_NO_FACE_CHIP;
    else if (rc == 0) {
        for (int i = 0; rc == 0 && i < 2; i++)
            rc = face_net_describe(m->net, a[i].chip, 3 * FACE_NET_INPUT, d[i]);
        if (rc == 0) {
            out->distance = face_net_distance(d[0], d[1]);
            out->verdict = out->distance <= out->threshold ? FACE_MATCH_SAME : FACE_MATCH_DIFFERENT;
        }
    }
    free(a);
    return rc;
}

const char *face_match_verdict_name(enum face_match_verdict v)
{
    switch (v) {
    case FACE_MATCH_SAME:
        return "same";
    case FACE_MATCH_DIFFERENT:
        return "different";
    case FACE_MATCH_NO_FACE_LIVE:
        return "no_face_live";
    case FACE_MATCH_NO_FACE_CHIP:
        return "no_face_chip";
    case FACE_MATCH_UNAVAILABLE:
        break;
    }
    return "unavailable";
}
