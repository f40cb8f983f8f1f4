/* portrait.c: the portrait quality checks on one RGB24 frame.
 *
 * Pipeline: luma (BT.601) of the frame → a ~213 px wide copy for the face search → the face:
 * OpenCV's LBP frontal cascade confirmed by its Haar one, else (on a ~320 px copy) the Haar
 * cascade alone, then a pair of eyes (a mask hides the lower face the cascades need), else the
 * Haar cascade on the copy turned by ±15°/±30° (a tilted head) → the eyes, in the upper face
 * resampled to EYE_SEARCH_FACE px → our measures, on regions placed in fractions of the face
 * box's width (placed on Haar boxes of frontal faces).
 *
 * Guarantees: the report always holds PC_COUNT checks in enum order; checks that need a face
 * fail with value 0 when there is none. No state survives between frames except scratch
 * buffers, which hold no image after return (wiped: they are a citizen's face). */
#include "drivers/camera/portrait.h"

#include "drivers/camera/face_detect.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The face search runs on a copy at most this wide (a 640 px preview is searched at 213). */
#define DETECT_WIDTH 240
#define MAX_FACES    8
#define MAX_EYES     12
/* Width the face is brought to for the eye search (eyes then ~30 px, the cascade's sweet spot). */
#define EYE_SEARCH_FACE 120
/* Faces narrower than this share of the frame are not looked for (too far to matter). */
#define MIN_FACE_SHARE 0.10
/* The finer search (when the coarse one finds no face) runs on a copy at most this wide. */
#define MID_WIDTH 320
/* Inter-ocular distance / Haar face width, measured on frontal faces (0.46-0.49). */
#define EYE_SPAN_SHARE 0.47
/* Height of the eye line in a Haar face box. */
#define EYE_LINE_SHARE 0.38
/* A lens pixel: darker than this share of the cheek under the same eye (tinted lenses pass
 * well under 0.3; eyelashes and irises fill a quarter of the eye region on open eyes). */
#define LENS_DARK_RATIO 0.45
/* Skin: within this distance of the reference's (Cb, Cr), in 8-bit BT.601 units. */
#define SKIN_CHROMA_RADIUS 12.0
/* A burnt-out pixel (luma at or above). */
#define BURNT_LUMA 250
/* Tilts tried when no upright face is found. */
static const double tilt_search_deg[] = {15, -15, 30, -30};

static const char *const check_names[PC_COUNT] = {
    [PC_DARK] = "dark",
    [PC_BRIGHT] = "bright",
    [PC_FACE_FOUND] = "face_found",
    [PC_ONE_FACE] = "one_face",
    [PC_FACE_SIZE] = "face_size",
    [PC_NOT_TOO_CLOSE] = "not_too_close",
    [PC_CENTRED] = "centred",
    [PC_SHARP] = "sharp",
    [PC_POSE] = "pose",
    [PC_GLASSES] = "glasses",
    [PC_GLASSES_FRAME] = "glasses_frame",
    [PC_MASK] = "mask",
    [PC_EYES_OPEN] = "eyes_open",
    [PC_EVEN_LIGHT] = "even_light",
    [PC_PLAIN_BACKGROUND] = "plain_background",
};

/* 1 when the check passes with value >= limit, 0 when with value <= limit. */
static const unsigned char check_is_min[PC_COUNT] = {
    [PC_DARK] = 1,      [PC_FACE_FOUND] = 1, [PC_FACE_SIZE] = 1,  [PC_MASK] = 1,
    [PC_EYES_OPEN] = 1, [PC_SHARP] = 1,      [PC_EVEN_LIGHT] = 1, [PC_GLASSES_FRAME] = 1,
};

void portrait_limits_default(struct portrait_limits *lim)
{
    memset(lim, 0, sizeof *lim);
    lim->limit[PC_DARK] = 70;
    lim->limit[PC_BRIGHT] = 0.10;
    lim->limit[PC_FACE_FOUND] = 1;
    lim->limit[PC_ONE_FACE] = 1;
    lim->limit[PC_FACE_SIZE] = 0.18;
    /* The stored crop wants 2.2 face widths across and 3 down (portrait_jpeg.c); on a 4:3
     * frame a face up to a third of the width still fills at most 60 % of the portrait's
     * width (45 % wanted), beyond that the head is cut. */
    lim->limit[PC_NOT_TOO_CLOSE] = 0.34;
    lim->limit[PC_CENTRED] = 0.12;
    lim->limit[PC_POSE] = 10;
    lim->limit[PC_GLASSES] = 0.45;
    lim->limit[PC_GLASSES_FRAME] = 0.7;
    lim->limit[PC_MASK] = 0.2;
    lim->limit[PC_EYES_OPEN] = 2;
    lim->limit[PC_SHARP] = 50;
    lim->limit[PC_EVEN_LIGHT] = 0.7;
    lim->limit[PC_PLAIN_BACKGROUND] = 8;
}

int portrait_limit_set(struct portrait_limits *lim, const char *check_name, double value)
{
    if (lim == NULL || check_name == NULL || !isfinite(value))
        return CAM_ERR_ARG;
    for (int i = 0; i < PC_COUNT; i++)
        if (strcmp(check_names[i], check_name) == 0) {
            lim->limit[i] = value;
            return 0;
        }
    return CAM_ERR_ARG;
}

struct portrait_analyzer {
    struct facedet *det;
    struct portrait_limits lim;
    unsigned char *grey, *small, *turned;
    unsigned char band[EYE_SEARCH_FACE * EYE_SEARCH_FACE];
    size_t grey_cap, small_cap;
};

struct portrait_analyzer *portrait_analyzer_new(const char *cascade_dir)
{
    struct portrait_analyzer *a = calloc(1, sizeof *a);
    if (a == NULL)
        return NULL;
    if (facedet_new(cascade_dir ? cascade_dir : "/usr/share/opencv4/haarcascades", &a->det) != 0) {
        free(a);
        return NULL;
    }
    portrait_limits_default(&a->lim);
    return a;
}

void portrait_analyzer_free(struct portrait_analyzer *a)
{
    if (a == NULL)
        return;
    facedet_free(a->det);
    portrait_analyzer_drop_scratch(a);
    free(a);
}

void portrait_analyzer_drop_scratch(struct portrait_analyzer *a)
{
    if (a == NULL)
        return;
    free(a->grey);
    free(a->small);
    free(a->turned);
    a->grey = a->small = a->turned = NULL;
    a->grey_cap = a->small_cap = 0;
}

void portrait_set_limits(struct portrait_analyzer *a, const struct portrait_limits *lim)
{
    a->lim = *lim;
}

/* A grey image view. */
struct grey {
    const unsigned char *p;
    int w, h;
};

static int clampi(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* Region of the face box given as fractions of its width (x0, y0, x1, y1), clipped. */
struct region {
    int x0, y0, x1, y1;
};

static struct region face_region(const struct facedet_rect *fb, double x0, double y0, double x1,
                                 double y1, int w, int h)
{
    struct region r = {
        clampi(fb->x + (int)(x0 * fb->w), 0, w), clampi(fb->y + (int)(y0 * fb->w), 0, h),
        clampi(fb->x + (int)(x1 * fb->w), 0, w), clampi(fb->y + (int)(y1 * fb->w), 0, h)};
    return r;
}

static double mean_luma(const struct grey *g, struct region r, double *clipped)
{
    double sum = 0;
    long n = 0, clip = 0;
    for (int y = r.y0; y < r.y1; y++)
        for (int x = r.x0; x < r.x1; x++, n++) {
            sum += g->p[(size_t)y * g->w + x];
            clip += g->p[(size_t)y * g->w + x] >= BURNT_LUMA;
        }
    if (clipped)
        *clipped = n ? (double)clip / n : 0;
    return n ? sum / n : 0;
}

static void to_grey(const struct cam_frame *f, unsigned char *g)
{
    for (int y = 0; y < f->height; y++) {
        const unsigned char *p = f->rgb + (size_t)y * f->stride;
        unsigned char *d = g + (size_t)y * f->width;
        for (int x = 0; x < f->width; x++, p += 3)
            d[x] = (unsigned char)((77 * p[0] + 150 * p[1] + 29 * p[2]) >> 8);
    }
}

static void shrink(const struct grey *g, int k, unsigned char *out, int ow, int oh)
{
    for (int y = 0; y < oh; y++)
        for (int x = 0; x < ow; x++) {
            int s = 0;
            for (int j = 0; j < k; j++)
                for (int i = 0; i < k; i++)
                    s += g->p[(size_t)(y * k + j) * g->w + x * k + i];
            out[(size_t)y * ow + x] = (unsigned char)(s / (k * k));
        }
}

/* out = g turned by deg around its centre (nearest neighbour; outside filled grey). */
static void turn(const struct grey *g, double deg, unsigned char *out)
{
    double a = deg * M_PI / 180, ca = cos(a), sa = sin(a), cx = g->w / 2.0, cy = g->h / 2.0;
    for (int y = 0; y < g->h; y++)
        for (int x = 0; x < g->w; x++) {
            double dx = x - cx, dy = y - cy;
            int sx = (int)lround(ca * dx - sa * dy + cx), sy = (int)lround(sa * dx + ca * dy + cy);
            out[(size_t)y * g->w + x] =
                sx >= 0 && sy >= 0 && sx < g->w && sy < g->h ? g->p[(size_t)sy * g->w + sx] : 128;
        }
}

/* The coarse face search: the fast LBP cascade proposes, the Haar cascade confirms each
 * proposal in a box 1.6 times its size (LBP alone takes folds of clothing for faces). Writes
 * the Haar boxes, largest first; returns how many, or -1. */
static int find_faces(struct portrait_analyzer *a, const struct grey *s, int min_face,
                      struct facedet_rect *out, int max)
{
    struct facedet_rect cand[MAX_FACES], all = {0, 0, s->w, s->h};
    int n = facedet_find(a->det, FACEDET_FACE, s->p, s->w, s->h, s->w, all, min_face, 0, cand,
                         MAX_FACES);
    int kept = 0;
    if (n < 0)
        return -1;
    for (int i = 0; i < n && i < MAX_FACES; i++) {
        struct facedet_rect roi = {cand[i].x - cand[i].w * 3 / 10, cand[i].y - cand[i].h * 3 / 10,
                                   cand[i].w * 16 / 10, cand[i].h * 16 / 10};
        struct facedet_rect hit;
        int m = facedet_find(a->det, FACEDET_FACE_HAAR, s->p, s->w, s->h, s->w, roi,
                             cand[i].w * 7 / 10, cand[i].w * 15 / 10, &hit, 1);
        if (m < 0)
            return -1;
        if (m > 0 && kept < max)
            out[kept++] = hit;
    }
    /* Largest first, as the cascades give them. */
    for (int i = 1; i < kept; i++)
        for (int j = i; j > 0 && out[j].w > out[j - 1].w; j--) {
            struct facedet_rect t = out[j];
            out[j] = out[j - 1];
            out[j - 1] = t;
        }
    return kept;
}

/* When the coarse search finds nothing: the frontal cascade again, then a pair of eyes (a
 * mask hides the lower face the cascade needs), on a finer copy of g about MID_WIDTH wide.
 * Writes the face in full-size coordinates and returns how many faces (0 when none). */
static int fine_search(struct portrait_analyzer *a, const struct grey *g, struct facedet_rect *face)
{
    struct facedet_rect e[MAX_EYES];
    int k = (g->w + MID_WIDTH - 1) / MID_WIDTH, w = g->w / k, h = g->h / k;
    int min_face = (int)(w * MIN_FACE_SHARE), n;
    unsigned char *buf = malloc((size_t)w * h);
    if (buf == NULL)
        return 0;
    shrink(g, k, buf, w, h);
    struct facedet_rect all = {0, 0, w, h};
    n = facedet_find(a->det, FACEDET_FACE_HAAR, buf, w, h, w, all, min_face, 0, e, MAX_EYES);
    if (n > 0) {
        *face = (struct facedet_rect){e[0].x * k, e[0].y * k, e[0].w * k, e[0].h * k};
        explicit_bzero(buf, (size_t)w * h);
        free(buf);
        return n;
    }
    n = facedet_find(a->det, FACEDET_EYE, buf, w, h, w, all, 6, min_face, e, MAX_EYES);
    explicit_bzero(buf, (size_t)w * h);
    free(buf);
    double best = 0;
    int found = 0;
    if (n > MAX_EYES)
        n = MAX_EYES;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            double ci = e[i].x + e[i].w / 2.0, cj = e[j].x + e[j].w / 2.0;
            double yi = e[i].y + e[i].h / 2.0, yj = e[j].y + e[j].h / 2.0;
            double size = (e[i].w + e[j].w) / 2.0, span = cj - ci;
            /* Left then right eye, alike in size, level, 1.1 to 4 (Haar) eye boxes apart. */
            if (i == j || span < 1.1 * size || span > 4 * size || fabs(yi - yj) > 0.5 * size ||
                e[i].w > 1.5 * e[j].w || e[j].w > 1.5 * e[i].w)
                continue;
            double fw = span / EYE_SPAN_SHARE;
            if (fw < min_face || span * size <= best)
                continue;
            best = span * size;
            face->w = face->h = (int)fw * k;
            face->x = (int)((ci + cj) / 2 - fw / 2) * k;
            face->y = (int)((yi + yj) / 2 - EYE_LINE_SHARE * fw) * k;
            found = 1;
        }
    return found;
}

/* The eyes inside face fb (full-size grey): centres of the left and right one, how many. The
 * band of the face where eyes can be is resampled so the face is EYE_SEARCH_FACE px wide: the
 * eye cascade's cost grows with the pixels searched, not with what they show. */
static int find_eyes(struct portrait_analyzer *a, const struct grey *g,
                     const struct facedet_rect *fb, double ex[2], double ey[2])
{
    struct facedet_rect e[MAX_EYES];
    double best[2] = {0, 0};
    double s = fb->w > EYE_SEARCH_FACE ? (double)EYE_SEARCH_FACE / fb->w : 1.0;
    int x0 = fb->x, y0 = fb->y + fb->w * 12 / 100;
    int bw = (int)(fb->w * s), bh = (int)(fb->w * 0.48 * s);
    if (bw < 24 || bh < 12)
        return 0;
    for (int y = 0; y < bh; y++)
        for (int x = 0; x < bw; x++) {
            int sx = clampi(x0 + (int)(x / s), 0, g->w - 1),
                sy = clampi(y0 + (int)(y / s), 0, g->h - 1);
            a->band[(size_t)y * bw + x] = g->p[(size_t)sy * g->w + sx];
        }
    struct facedet_rect all = {0, 0, bw, bh};
    int n = facedet_find(a->det, FACEDET_EYE, a->band, bw, bh, bw, all, bw * 15 / 100,
                         bw * 40 / 100, e, MAX_EYES);
    explicit_bzero(a->band, (size_t)bw * bh);
    if (n > MAX_EYES)
        n = MAX_EYES;
    for (int i = 0; i < n; i++) {
        double cx = x0 + (e[i].x + e[i].w / 2.0) / s, cy = y0 + (e[i].y + e[i].h / 2.0) / s;
        int side = cx > fb->x + fb->w / 2.0;
        double rel_y = (cy - fb->y) / fb->w;
        if (rel_y < 0.2 || rel_y > 0.55 || e[i].w * e[i].h <= best[side])
            continue;
        best[side] = e[i].w * e[i].h;
        ex[side] = cx;
        ey[side] = cy;
    }
    return (best[0] > 0) + (best[1] > 0);
}

/* YCbCr chroma of an RGB pixel (BT.601). */
static void chroma(const unsigned char *p, double *cb, double *cr)
{
    *cb = 128 - 0.168736 * p[0] - 0.331264 * p[1] + 0.5 * p[2];
    *cr = 128 + 0.5 * p[0] - 0.418688 * p[1] - 0.081312 * p[2];
}

/* Share of pixels of r whose chroma is within SKIN_CHROMA_RADIUS of (cb0, cr0): skin like the
 * reference. */
static double skin_share(const struct cam_frame *f, struct region r, double cb0, double cr0)
{
    long n = 0, skin = 0;
    for (int y = r.y0; y < r.y1; y++)
        for (int x = r.x0; x < r.x1; x++, n++) {
            double cb, cr;
            chroma(f->rgb + (size_t)y * f->stride + x * 3, &cb, &cr);
            skin += (cb - cb0) * (cb - cb0) + (cr - cr0) * (cr - cr0) <=
                    SKIN_CHROMA_RADIUS * SKIN_CHROMA_RADIUS;
        }
    return n ? (double)skin / n : 0;
}

static void mean_chroma(const struct cam_frame *f, struct region r, double *cb0, double *cr0)
{
    double sb = 0, sr = 0;
    long n = 0;
    for (int y = r.y0; y < r.y1; y++)
        for (int x = r.x0; x < r.x1; x++, n++) {
            double cb, cr;
            chroma(f->rgb + (size_t)y * f->stride + x * 3, &cb, &cr);
            sb += cb;
            sr += cr;
        }
    *cb0 = n ? sb / n : 128;
    *cr0 = n ? sr / n : 128;
}

/* Share of pixels of r darker than `below`. */
static double dark_share(const struct grey *g, struct region r, double below)
{
    long n = 0, d = 0;
    for (int y = r.y0; y < r.y1; y++)
        for (int x = r.x0; x < r.x1; x++, n++)
            d += g->p[(size_t)y * g->w + x] < below;
    return n ? (double)d / n : 0;
}

/* Variance of the 4-neighbour Laplacian over r, sampled so the face is ~100 px wide whatever
 * its size (a large face is not "sharper" for having more pixels). */
static double laplacian_var(const struct grey *g, struct region r, int face_w)
{
    int step = face_w > 200 ? face_w / 100 : 1;
    double sum = 0, sum2 = 0;
    long n = 0;
    for (int y = r.y0 + step; y < r.y1 - step; y += step)
        for (int x = r.x0 + step; x < r.x1 - step; x += step) {
            const unsigned char *p = g->p + (size_t)y * g->w + x;
            double l =
                4.0 * p[0] - p[-step] - p[step] - p[-(long)step * g->w] - p[(long)step * g->w];
            sum += l;
            sum2 += l * l;
            n++;
        }
    if (n == 0)
        return 0;
    return sum2 / n - (sum / n) * (sum / n);
}

/* Mean absolute luma gradient over r. */
static double mean_gradient(const struct grey *g, struct region r, long *count)
{
    double sum = 0;
    long n = 0;
    for (int y = r.y0; y < r.y1 - 1; y++)
        for (int x = r.x0; x < r.x1 - 1; x++, n++) {
            const unsigned char *p = g->p + (size_t)y * g->w + x;
            sum += abs(p[1] - p[0]) + abs(p[g->w] - p[0]);
        }
    *count = n;
    return n ? sum / n : 0;
}

/* The bridge of a pair of glasses: across the nose at eye level a thin dark band. The
 * darkest row's mean luma over the median row's; bare skin there stays near 1. */
static double bridge_ratio(const struct grey *g, struct region r)
{
    double rows[256];
    int n = 0;
    for (int y = r.y0; y < r.y1 && n < 256; y++) {
        double sum = 0;
        for (int x = r.x0; x < r.x1; x++)
            sum += g->p[(size_t)y * g->w + x];
        if (r.x1 > r.x0)
            rows[n++] = sum / (r.x1 - r.x0);
    }
    if (n < 3)
        return 1;
    double lo = rows[0];
    for (int i = 1; i < n; i++)
        lo = fmin(lo, rows[i]);
    /* Median by insertion sort: n is a few dozen rows. */
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && rows[j] < rows[j - 1]; j--) {
            double t = rows[j];
            rows[j] = rows[j - 1];
            rows[j - 1] = t;
        }
    return rows[n / 2] > 0 ? lo / rows[n / 2] : 1;
}

static void set_check(struct portrait_report *r, const struct portrait_limits *lim,
                      enum portrait_check_id id, double value, int valid)
{
    struct portrait_check *c = &r->checks[id];
    c->name = check_names[id];
    c->value = valid ? value : 0;
    c->limit = lim->limit[id];
    c->pass = valid && (check_is_min[id] ? value >= c->limit : value <= c->limit);
}

/* What the face search found, in full-frame pixels. */
struct found_face {
    struct facedet_rect box; /* {0} when none */
    int n;                   /* faces found */
    int tilted;              /* found only on a turned copy (no eye search then) */
    int neyes;               /* 0..2; ex, ey hold their centres when 2 */
    double ex[2], ey[2];
    double roll;       /* head roll, degrees */
    double turn_share; /* the eyes' middle off the box's middle, share of its width */
};

/* Scratch buffers for a w x h frame searched on a sw x sh copy. */
static int scratch_reserve(struct portrait_analyzer *a, size_t need, int sw, int sh)
{
    if (a->grey_cap < need) {
        free(a->grey);
        a->grey = malloc(need);
        a->grey_cap = a->grey ? need : 0;
    }
    if (a->small_cap < (size_t)sw * sh) {
        free(a->small);
        free(a->turned);
        a->small = malloc((size_t)sw * sh);
        a->turned = malloc((size_t)sw * sh);
        a->small_cap = a->small && a->turned ? (size_t)sw * sh : 0;
    }
    return a->grey == NULL || a->small == NULL || a->turned == NULL ? CAM_ERR_NOMEM : 0;
}

/* The Haar cascade on the small copy turned by ±15°/±30° (a tilted head); the box is turned
 * back to the upright frame (its centre; its size kept). Faces found, 0 if none. */
static int tilted_search(struct portrait_analyzer *a, const struct grey *s, int min_face,
                         struct found_face *ff)
{
    struct facedet_rect faces[MAX_FACES], all = {0, 0, s->w, s->h};
    int sw = s->w, sh = s->h;
    for (size_t t = 0; t < sizeof tilt_search_deg / sizeof tilt_search_deg[0]; t++) {
        struct grey tg = {a->turned, sw, sh};
        turn(s, tilt_search_deg[t], a->turned);
        int n = facedet_find(a->det, FACEDET_FACE_HAAR, tg.p, sw, sh, sw, all, min_face, 0, faces,
                             MAX_FACES);
        if (n <= 0)
            continue;
        double d = tilt_search_deg[t] * M_PI / 180, cx = faces[0].x + faces[0].w / 2.0 - sw / 2.0,
               cy = faces[0].y + faces[0].h / 2.0 - sh / 2.0;
        double ux = cos(d) * cx - sin(d) * cy + sw / 2.0, uy = sin(d) * cx + cos(d) * cy + sh / 2.0;
        ff->box = faces[0];
        ff->box.x = (int)(ux - ff->box.w / 2.0);
        ff->box.y = (int)(uy - ff->box.h / 2.0);
        ff->roll = tilt_search_deg[t];
        ff->tilted = 1;
        return n;
    }
    return 0;
}

/* The face (the pipeline at the top of this file): coarse search on the small copy s, else
 * the finer one on g, else the tilted one; then its eyes. -1 when the detector fails. */
static int locate_face(struct portrait_analyzer *a, const struct grey *g, const struct grey *s,
                       int k, struct found_face *ff)
{
    struct facedet_rect faces[MAX_FACES];
    int min_face = (int)(s->w * MIN_FACE_SHARE), scaled = 0;
    memset(ff, 0, sizeof *ff);
    ff->n = find_faces(a, s, min_face, faces, MAX_FACES);
    if (ff->n < 0)
        return -1;
    if (ff->n > 0)
        ff->box = faces[0];
    else if ((ff->n = fine_search(a, g, &ff->box)) > 0)
        scaled = 1;
    else
        ff->n = tilted_search(a, s, min_face, ff);
    if (ff->n <= 0)
        return 0;
    if (!scaled) {
        ff->box.x *= k;
        ff->box.y *= k;
        ff->box.w *= k;
        ff->box.h *= k;
    }
    if (!ff->tilted) {
        ff->neyes = find_eyes(a, g, &ff->box, ff->ex, ff->ey);
        if (ff->neyes == 2) {
            ff->roll = atan2(ff->ey[1] - ff->ey[0], ff->ex[1] - ff->ex[0]) * 180 / M_PI;
            ff->turn_share =
                ((ff->ex[0] + ff->ex[1]) / 2 - (ff->box.x + ff->box.w / 2.0)) / ff->box.w;
        }
    }
    return 0;
}

/* Light: on the face when there is one, else on the middle of the frame. */
static void check_light(struct portrait_report *r, const struct portrait_limits *lim,
                        const struct grey *g, const struct found_face *ff)
{
    double clipped = 0, luma;
    if (ff->n > 0)
        luma = mean_luma(g, face_region(&ff->box, 0.2, 0.25, 0.8, 0.95, g->w, g->h), &clipped);
    else
        luma =
            mean_luma(g, (struct region){g->w / 4, g->h / 8, g->w * 3 / 4, g->h * 7 / 8}, &clipped);
    set_check(r, lim, PC_DARK, luma, 1);
    set_check(r, lim, PC_BRIGHT, clipped, 1);
    if (ff->n <= 0) {
        /* With no face in sight, only a scene too dark to find one in is blamed on the light
         * (a dark jacket filling the frame is not a dark portrait). */
        r->checks[PC_DARK].limit = lim->limit[PC_DARK] / 2;
        r->checks[PC_DARK].pass = luma >= r->checks[PC_DARK].limit;
    }
}

/* How many faces, their size, place and pose. */
static void check_framing(struct portrait_report *r, const struct portrait_limits *lim,
                          const struct cam_frame *f, const struct found_face *ff)
{
    const struct facedet_rect *face = &ff->box;
    int has_face = ff->n > 0;
    set_check(r, lim, PC_FACE_FOUND, ff->n, 1);
    set_check(r, lim, PC_ONE_FACE, ff->n, 1);
    set_check(r, lim, PC_FACE_SIZE, (double)face->w / f->width, has_face);
    set_check(r, lim, PC_NOT_TOO_CLOSE, (double)face->w / f->width, has_face);
    /* The face's place: centred across, its middle between 30 % and 50 % of the height. */
    double cx = face->x + face->w / 2.0, cy = face->y + face->h / 2.0;
    double off_x = fabs(cx - f->width / 2.0) / f->width;
    double off_y = cy < 0.3 * f->height   ? (0.3 * f->height - cy) / f->height
                   : cy > 0.5 * f->height ? (cy - 0.5 * f->height) / f->height
                                          : 0;
    set_check(r, lim, PC_CENTRED, off_x > off_y ? off_x : off_y, has_face);
    /* A turn of the head moves the eyes off the box's middle; as degrees, asin(2·share). */
    double turn_deg = asin(fmin(1.0, 2 * fabs(ff->turn_share))) * 180 / M_PI;
    set_check(r, lim, PC_POSE, fmax(fabs(ff->roll), turn_deg), has_face);
}

/* Tinted lenses and heavy frames. */
static void check_glasses(struct portrait_report *r, const struct portrait_limits *lim,
                          const struct grey *g, const struct found_face *ff)
{
    const struct facedet_rect *face = &ff->box;
    int has_face = ff->n > 0;
    /* Lenses are dark against the cheek under the same eye, whatever the light does. */
    double share = 0;
    for (int e = 0; e < 2 && has_face; e++) {
        double cx = ff->neyes == 2 ? (ff->ex[e] - face->x) / face->w : (e ? 0.72 : 0.28);
        double cy = ff->neyes == 2 ? (ff->ey[e] - face->y) / face->w : EYE_LINE_SHARE;
        double cheek = mean_luma(
            g, face_region(face, cx - 0.08, cy + 0.12, cx + 0.08, cy + 0.2, g->w, g->h), NULL);
        share +=
            dark_share(g, face_region(face, cx - 0.1, cy - 0.05, cx + 0.1, cy + 0.05, g->w, g->h),
                       LENS_DARK_RATIO * cheek) /
            2;
    }
    set_check(r, lim, PC_GLASSES, share, has_face);
    double eye_line =
        ff->neyes == 2 ? ((ff->ey[0] + ff->ey[1]) / 2 - face->y) / face->w : EYE_LINE_SHARE;
    set_check(r, lim, PC_GLASSES_FRAME,
              has_face ? bridge_ratio(g, face_region(face, 0.44, eye_line - 0.08, 0.56,
                                                     eye_line + 0.04, g->w, g->h))
                       : 0,
              has_face);
}

/* The mask, open eyes, sharpness, even light on the cheeks and a plain wall beside the head. */
static void check_face_and_wall(struct portrait_report *r, const struct portrait_limits *lim,
                                const struct cam_frame *f, const struct grey *g,
                                const struct found_face *ff)
{
    const struct facedet_rect *face = &ff->box;
    int has_face = ff->n > 0;
    double cb0 = 128, cr0 = 128;
    if (has_face) /* between the eyes: skin on every face, lenses or not */
        mean_chroma(f, face_region(face, 0.42, 0.28, 0.58, 0.42, g->w, g->h), &cb0, &cr0);
    set_check(
        r, lim, PC_MASK,
        has_face ? skin_share(f, face_region(face, 0.3, 0.62, 0.7, 0.88, g->w, g->h), cb0, cr0) : 0,
        has_face);
    set_check(r, lim, PC_EYES_OPEN, ff->neyes, has_face && !ff->tilted);
    set_check(r, lim, PC_SHARP,
              has_face
                  ? laplacian_var(g, face_region(face, 0.15, 0.2, 0.85, 0.9, g->w, g->h), face->w)
                  : 0,
              has_face);
    double lc = mean_luma(g, face_region(face, 0.15, 0.45, 0.4, 0.7, g->w, g->h), NULL);
    double rcl = mean_luma(g, face_region(face, 0.6, 0.45, 0.85, 0.7, g->w, g->h), NULL);
    double hi = fmax(lc, rcl);
    set_check(r, lim, PC_EVEN_LIGHT, hi > 0 ? fmin(lc, rcl) / hi : 0, has_face);
    long n1 = 0, n2 = 0;
    double g1 = mean_gradient(g, face_region(face, -0.8, -0.3, -0.3, 1.0, g->w, g->h), &n1);
    double g2 = mean_gradient(g, face_region(face, 1.3, -0.3, 1.8, 1.0, g->w, g->h), &n2);
    /* Only the wall that is in the picture counts; none at all passes. */
    set_check(r, lim, PC_PLAIN_BACKGROUND, n1 + n2 ? (g1 * n1 + g2 * n2) / (n1 + n2) : 0, has_face);
}

int portrait_analyze(struct portrait_analyzer *a, const struct cam_frame *f,
                     struct portrait_report *r)
{
    struct found_face ff;
    int rc;

    if (r != NULL)
        memset(r, 0, sizeof *r);
    if (a == NULL || f == NULL || r == NULL || f->rgb == NULL || f->width < 64 || f->height < 48 ||
        f->width > 16384 || f->height > 16384)
        return CAM_ERR_ARG;
    size_t need = (size_t)f->width * f->height;
    int k = (f->width + DETECT_WIDTH - 1) / DETECT_WIDTH, sw = f->width / k, sh = f->height / k;
    if ((rc = scratch_reserve(a, need, sw, sh)) != 0)
        return rc;
    to_grey(f, a->grey);
    struct grey g = {a->grey, f->width, f->height}, s = {a->small, sw, sh};
    shrink(&g, k, a->small, sw, sh);
    if (locate_face(a, &g, &s, k, &ff) != 0) {
        rc = CAM_ERR_IO;
    } else {
        if (ff.n > 0) {
            r->face_x = ff.box.x;
            r->face_y = ff.box.y;
            r->face_w = ff.box.w;
            r->face_h = ff.box.h;
        }
        check_light(r, &a->lim, &g, &ff);
        check_framing(r, &a->lim, f, &ff);
        check_glasses(r, &a->lim, &g, &ff);
        check_face_and_wall(r, &a->lim, f, &g, &ff);
        r->n = PC_COUNT;
        r->all_pass = 1;
        for (int i = 0; i < PC_COUNT; i++)
            r->all_pass &= r->checks[i].pass;
    }
    explicit_bzero(a->grey, need);
    explicit_bzero(a->small, (size_t)sw * sh);
    explicit_bzero(a->turned, (size_t)sw * sh);
    if (rc != 0)
        memset(r, 0, sizeof *r);
    return rc;
}

void portrait_autocapture_init(struct portrait_autocapture *ac, int needed)
{
    ac->needed = needed > 0 ? needed : 1;
    ac->streak = 0;
}

int portrait_autocapture_feed(struct portrait_autocapture *ac, const struct portrait_report *r)
{
    if (r == NULL || !r->all_pass) {
        ac->streak = 0;
        return 0;
    }
    if (++ac->streak >= ac->needed) {
        ac->streak = 0;
        return 1;
    }
    return 0;
}
