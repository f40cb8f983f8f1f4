/* face_net_blas.c: the module kiosk-facenet.so: face-api's face recognition weights decoded
 * and the network run on CBLAS (see face_net.h; face_net.c loads this module). The graph mirrors
 * the package's FaceRecognitionNet.forwardInput(): a 7×7/2 convolution and a 3×3/2 max pool, then
 * residual blocks at 32, 64, 128 and 256 channels (each "down" block halves the size and adds a 2×2
 * average-pooled, zero-padded shortcut), a global mean and a 256→128 fully connected layer.
 * Convolutions are im2col + one sgemm each; every layer's bias and scale are folded into one
 * multiply-add. */
#include "drivers/camera/face_net.h"

#include <cblas.h>
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One convolution with its folded per-channel multiply-add. */
struct conv_layer {
    int k, cin, cout;
    /* [k][k][cin][cout], i.e. a (k·k·cin) × cout row-major matrix. Kept as the package ships
     * it (8-bit, value = q·scale + min) and widened layer by layer while running: the floats
     * would hold 21 MB for the whole network, the bytes hold 5.4 MB. */
    unsigned char *fq;
    double fscale, fmin;
    float *ff; /* the filters as floats where the package does not quantise them */
    float *mul, *add;
};

struct residual_block {
    struct conv_layer conv1, conv2;
    int down; /* conv1 is 3×3/2 "valid" and the shortcut is average-pooled */
};

#define FACE_NET_BLOCKS 14

struct face_net {
    struct conv_layer stem; /* conv32_down */
    struct residual_block block[FACE_NET_BLOCKS];
    float *fc; /* [256][128] */
    size_t weight_bytes;
};

static const struct {
    const char *name;
    int down;
} block_names[FACE_NET_BLOCKS] = {
    {"conv32_1", 0},  {"conv32_2", 0},         {"conv32_3", 0},     {"conv64_down", 1},
    {"conv64_1", 0},  {"conv64_2", 0},         {"conv64_3", 0},     {"conv128_down", 1},
    {"conv128_1", 0}, {"conv128_2", 0},        {"conv256_down", 1}, {"conv256_1", 0},
    {"conv256_2", 0}, {"conv256_down_out", 1},
};

/* ---- loading ---- */

/* One tensor of the manifest. An 8-bit tensor stays 8-bit until it is taken as floats: the
 * filters never are (they are widened layer by layer while running), so loading never holds
 * the whole network as floats (21 MB) at once. */
struct tensor {
    char name[64];
    int rank, shape[4];
    size_t count;
    float *data;       /* dequantised (NULL for an 8-bit tensor not taken as floats yet) */
    unsigned char *q;  /* the 8-bit values when the manifest quantises to uint8 */
    double scale, min; /* of q */
    int taken;         /* handed to the network */
};

struct weight_map {
    struct tensor *t;
    size_t n;
};

static void weight_map_free(struct weight_map *m)
{
    for (size_t i = 0; i < m->n; i++) {
        free(m->t[i].data);
        free(m->t[i].q);
    }
    free(m->t);
    m->t = NULL;
    m->n = 0;
}

/* Decodes one manifest entry from bin at *off (moved past it). */
static int decode_tensor(json_t *w, const unsigned char *bin, size_t bin_len, size_t *off,
                         struct tensor *t)
{
    const char *name = json_string_value(json_object_get(w, "name"));
    const char *dtype = json_string_value(json_object_get(w, "dtype"));
    json_t *shape = json_object_get(w, "shape");
    if (!name || strlen(name) >= sizeof t->name || !dtype || strcmp(dtype, "float32") != 0 ||
        !json_is_array(shape) || json_array_size(shape) > 4)
        return FACE_NET_ERR_MODEL;
    snprintf(t->name, sizeof t->name, "%s", name);
    t->rank = (int)json_array_size(shape);
    t->count = 1;
    for (int i = 0; i < t->rank; i++) {
        json_int_t d = json_integer_value(json_array_get(shape, (size_t)i));
        if (d <= 0 || d > 4096)
            return FACE_NET_ERR_MODEL;
        t->shape[i] = (int)d;
        t->count *= (size_t)d;
    }
    if (t->count > FACE_NET_MAX_FILE) /* no tensor larger than the file it comes from */
        return FACE_NET_ERR_MODEL;

    /* Stored as float32, or quantised to uint8/uint16 with value = q·scale + min. */
    json_t *q = json_object_get(w, "quantization");
    size_t elem = 4;
    double scale = 0, min = 0;
    if (q) {
        const char *qt = json_string_value(json_object_get(q, "dtype"));
        if (!qt)
            return FACE_NET_ERR_MODEL;
        if (strcmp(qt, "uint8") == 0)
            elem = 1;
        else if (strcmp(qt, "uint16") == 0)
            elem = 2;
        else
            return FACE_NET_ERR_MODEL;
        scale = json_number_value(json_object_get(q, "scale"));
        min = json_number_value(json_object_get(q, "min"));
        if (!isfinite(scale) || !isfinite(min))
            return FACE_NET_ERR_MODEL;
    }
    if (*off > bin_len || (bin_len - *off) / elem < t->count)
        return FACE_NET_ERR_MODEL;
    const unsigned char *p = bin + *off;
    if (elem == 1) {
        if (!(t->q = malloc(t->count)))
            return FACE_NET_ERR_NOMEM;
        memcpy(t->q, p, t->count);
        t->scale = scale;
        t->min = min;
        *off += t->count;
        return 0;
    }
    if (!(t->data = malloc(t->count * sizeof(float))))
        return FACE_NET_ERR_NOMEM;
    for (size_t i = 0; i < t->count; i++) {
        if (elem == 2) {
            uint16_t v = (uint16_t)(p[2 * i] | p[2 * i + 1] << 8); /* little-endian */
            t->data[i] = (float)(v * scale + min);
        } else {
            memcpy(&t->data[i], p + 4 * i, 4);
        }
    }
    *off += t->count * elem;
    return 0;
}

static int read_weight_map(const unsigned char *man, size_t man_len, const unsigned char *bin,
                           size_t bin_len, struct weight_map *m)
{
    json_t *root = NULL;
    int rc;

    rc = FACE_NET_ERR_MODEL;
    root = json_loadb((const char *)man, man_len, 0, NULL);
    /* One group whose one path is the weights file. */
    json_t *group = json_array_get(root, 0);
    json_t *weights = json_object_get(group, "weights");
    if (json_array_size(root) != 1 || !json_is_array(weights) || json_array_size(weights) > 512)
        goto out;
    if (!(m->t = calloc(json_array_size(weights), sizeof *m->t))) {
        rc = FACE_NET_ERR_NOMEM;
        goto out;
    }
    size_t off = 0;
    for (size_t i = 0; i < json_array_size(weights); i++) {
        if ((rc = decode_tensor(json_array_get(weights, i), bin, bin_len, &off, &m->t[i])) != 0)
            goto out;
        m->n++;
    }
    rc = off == bin_len ? 0 : FACE_NET_ERR_MODEL;
out:
    json_decref(root);
    if (rc)
        weight_map_free(m);
    return rc;
}

/* The tensor named prefix/suffix of the given rank, not yet taken. */
static struct tensor *find(struct weight_map *m, const char *prefix, const char *suffix, int rank)
{
    char name[64];
    snprintf(name, sizeof name, "%s%s%s", prefix, *prefix ? "/" : "", suffix);
    for (size_t i = 0; i < m->n; i++) {
        struct tensor *t = &m->t[i];
        if (!t->taken && t->rank == rank && strcmp(t->name, name) == 0)
            return t;
    }
    return NULL;
}

/* Takes the floats of prefix/suffix out of the map (the map no longer owns them). */
static float *take(struct weight_map *m, const char *prefix, const char *suffix, int rank,
                   int *shape)
{
    struct tensor *t = find(m, prefix, suffix, rank);
    if (!t)
        return NULL;
    if (!t->data && t->q) { /* an 8-bit tensor wanted as floats (biases, scales: small) */
        if (!(t->data = malloc(t->count * sizeof(float))))
            return NULL;
        for (size_t i = 0; i < t->count; i++)
            t->data[i] = (float)(t->q[i] * t->scale + t->min);
    }
    float *d = t->data;
    memcpy(shape, t->shape, sizeof t->shape);
    t->data = NULL;
    t->taken = 1;
    return d;
}

static int take_conv(struct weight_map *m, const char *prefix, struct conv_layer *c, size_t *bytes)
{
    int fs[4], bs[4], ws[4], as[4];
    float *bias = NULL, *sw = NULL, *sb = NULL;
    int rc = FACE_NET_ERR_MODEL;
    char p[64];
    snprintf(p, sizeof p, "%s/conv", prefix);
    struct tensor *f = find(m, p, "filters", 4);
    int have_filters = 0;
    if (f && f->q) { /* keep the bytes, never widened here */
        c->fq = f->q;
        c->fscale = f->scale;
        c->fmin = f->min;
        f->q = NULL;
        f->taken = 1;
        memcpy(fs, f->shape, sizeof f->shape);
        have_filters = 1;
    } else {
        c->ff = take(m, p, "filters", 4, fs);
        have_filters = c->ff != NULL;
    }
    bias = take(m, p, "bias", 1, bs);
    snprintf(p, sizeof p, "%s/scale", prefix);
    sw = take(m, p, "weights", 1, ws);
    sb = take(m, p, "biases", 1, as);
    if (!have_filters || !bias || !sw || !sb || fs[0] != fs[1] || bs[0] != fs[3] ||
        ws[0] != fs[3] || as[0] != fs[3])
        goto out;
    c->k = fs[0];
    c->cin = fs[2];
    c->cout = fs[3];
    /* (conv + bias)·w + b  ==  conv·w + (bias·w + b) */
    for (int i = 0; i < c->cout; i++)
        sb[i] += bias[i] * sw[i];
    c->mul = sw;
    c->add = sb;
    sw = sb = NULL;
    *bytes += (size_t)c->k * c->k * c->cin * c->cout * (c->fq ? 1 : sizeof(float)) +
              2 * c->cout * sizeof(float);
    rc = 0;
out:
    free(bias);
    free(sw);
    free(sb);
    return rc;
}

static void conv_free(struct conv_layer *c)
{
    free(c->fq);
    free(c->ff);
    free(c->mul);
    free(c->add);
}

static void net_free(struct face_net *net)
{
    if (!net)
        return;
    conv_free(&net->stem);
    for (int i = 0; i < FACE_NET_BLOCKS; i++) {
        conv_free(&net->block[i].conv1);
        conv_free(&net->block[i].conv2);
    }
    free(net->fc);
    free(net);
}

static int net_load(const unsigned char *manifest, size_t manifest_len,
                    const unsigned char *weights, size_t weights_len, struct face_net **out)
{
    struct weight_map m = {0};
    struct face_net *net;
    int rc;

    if (!manifest || !weights || !out)
        return FACE_NET_ERR_ARG;
    *out = NULL;
    if ((rc = read_weight_map(manifest, manifest_len, weights, weights_len, &m)) != 0)
        return rc;
    if (!(net = calloc(1, sizeof *net))) {
        weight_map_free(&m);
        return FACE_NET_ERR_NOMEM;
    }
    rc = take_conv(&m, "conv32_down", &net->stem, &net->weight_bytes);
    int chan = net->stem.cout;
    for (int i = 0; rc == 0 && i < FACE_NET_BLOCKS; i++) {
        struct residual_block *b = &net->block[i];
        char p[64];
        b->down = block_names[i].down;
        snprintf(p, sizeof p, "%s/conv1", block_names[i].name);
        if ((rc = take_conv(&m, p, &b->conv1, &net->weight_bytes)) != 0)
            break;
        snprintf(p, sizeof p, "%s/conv2", block_names[i].name);
        if ((rc = take_conv(&m, p, &b->conv2, &net->weight_bytes)) != 0)
            break;
        /* The shapes must chain, and a down block may at most double the channels (the
         * shortcut is padded with one copy of zeros). */
        if (b->conv1.cin != chan || b->conv2.cin != b->conv1.cout ||
            b->conv2.cout != b->conv1.cout ||
            (b->conv2.cout != chan && (!b->down || b->conv2.cout != 2 * chan)) || b->conv1.k != 3 ||
            b->conv2.k != 3)
            rc = FACE_NET_ERR_MODEL;
        chan = b->conv2.cout;
    }
    int fcs[4];
    if (rc == 0 && net->stem.cin != 3)
        rc = FACE_NET_ERR_MODEL;
    if (rc == 0 && (!(net->fc = take(&m, "", "fc", 2, fcs)) || fcs[0] != chan ||
                    fcs[1] != FACE_NET_DESCRIPTOR))
        rc = FACE_NET_ERR_MODEL;
    if (rc == 0)
        net->weight_bytes += (size_t)chan * FACE_NET_DESCRIPTOR * sizeof(float);
    weight_map_free(&m);
    if (rc) {
        net_free(net);
        return rc;
    }
    *out = net;
    return 0;
}

static size_t net_weight_bytes(const struct face_net *net)
{
    return net ? net->weight_bytes : 0;
}

/* ---- the forward pass ---- */

/* A feature map, NHWC with N = 1. */
struct fmap {
    int h, w, c;
    float *d;
};

static int fmap_alloc(struct fmap *f, int h, int w, int c)
{
    f->h = h;
    f->w = w;
    f->c = c;
    f->d = malloc((size_t)h * w * c * sizeof(float));
    return f->d ? 0 : FACE_NET_ERR_NOMEM;
}

/* TensorFlow's conv2d with "same" (stride 1) or "valid" padding, then the folded multiply-add
 * and optionally ReLU. out is allocated here. */
static int conv_run(const struct conv_layer *L, const struct fmap *in, int stride, int same,
                    int relu, struct fmap *out)
{
    int k = L->k, oh, ow, pad_t = 0, pad_l = 0;
    if (same) {
        oh = (in->h + stride - 1) / stride;
        ow = (in->w + stride - 1) / stride;
        int th = (oh - 1) * stride + k - in->h, tw = (ow - 1) * stride + k - in->w;
        pad_t = th > 0 ? th / 2 : 0;
        pad_l = tw > 0 ? tw / 2 : 0;
    } else {
        oh = (in->h - k) / stride + 1;
        ow = (in->w - k) / stride + 1;
    }
    if (oh <= 0 || ow <= 0 || fmap_alloc(out, oh, ow, L->cout))
        return FACE_NET_ERR_NOMEM;
    size_t kk = (size_t)k * k * L->cin, p = (size_t)oh * ow;
    float *cols = malloc(p * kk * sizeof(float));
    float *wide = L->fq ? malloc(kk * L->cout * sizeof(float)) : NULL;
    if (!cols || (L->fq && !wide)) {
        free(cols);
        free(wide);
        free(out->d);
        out->d = NULL;
        return FACE_NET_ERR_NOMEM;
    }
    for (size_t i = 0; wide && i < kk * L->cout; i++)
        wide[i] = (float)(L->fq[i] * L->fscale + L->fmin); /* as the package decodes */
    for (int oy = 0; oy < oh; oy++)
        for (int ox = 0; ox < ow; ox++) {
            float *row = cols + ((size_t)oy * ow + ox) * kk;
            for (int ky = 0; ky < k; ky++) {
                int iy = oy * stride + ky - pad_t;
                for (int kx = 0; kx < k; kx++) {
                    int ix = ox * stride + kx - pad_l;
                    float *dst = row + ((size_t)ky * k + kx) * L->cin;
                    if (iy < 0 || iy >= in->h || ix < 0 || ix >= in->w)
                        memset(dst, 0, (size_t)L->cin * sizeof(float));
                    else
                        memcpy(dst, in->d + ((size_t)iy * in->w + ix) * in->c,
                               (size_t)L->cin * sizeof(float));
                }
            }
        }
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)p, L->cout, (int)kk, 1.0f, cols,
                (int)kk, wide ? wide : L->ff, L->cout, 0.0f, out->d, L->cout);
    free(cols);
    free(wide);
    for (size_t i = 0; i < p; i++) {
        float *v = out->d + i * L->cout;
        for (int c = 0; c < L->cout; c++) {
            float x = v[c] * L->mul[c] + L->add[c];
            v[c] = relu && x < 0 ? 0 : x;
        }
    }
    return 0;
}

/* Max or average pooling, k×k with stride s, "valid". */
static int pool_run(const struct fmap *in, int k, int s, int average, struct fmap *out)
{
    int oh = (in->h - k) / s + 1, ow = (in->w - k) / s + 1;
    if (oh <= 0 || ow <= 0 || fmap_alloc(out, oh, ow, in->c))
        return FACE_NET_ERR_NOMEM;
    for (int oy = 0; oy < oh; oy++)
        for (int ox = 0; ox < ow; ox++)
            for (int c = 0; c < in->c; c++) {
                float acc = average ? 0 : -INFINITY;
                for (int y = 0; y < k; y++)
                    for (int x = 0; x < k; x++) {
                        float v = in->d[((size_t)(oy * s + y) * in->w + ox * s + x) * in->c + c];
                        acc = average ? acc + v : (v > acc ? v : acc);
                    }
                out->d[((size_t)oy * ow + ox) * in->c + c] = average ? acc / (float)(k * k) : acc;
            }
    return 0;
}

/* One residual block; *x is replaced by its output. */
static int block_run(const struct residual_block *b, struct fmap *x)
{
    struct fmap t = {0}, u = {0}, sc = {0};
    int rc = conv_run(&b->conv1, x, b->down ? 2 : 1, !b->down, 1, &t);
    if (rc == 0)
        rc = conv_run(&b->conv2, &t, 1, 1, 0, &u);
    free(t.d);
    if (rc == 0 && b->down)
        rc = pool_run(x, 2, 2, 1, &sc);
    if (rc) {
        free(u.d);
        return rc;
    }
    const struct fmap *s = b->down ? &sc : x;
    /* The sum is over the shortcut's size: the convolution's map is zero-padded at the end of
     * each axis where it is one smaller, the shortcut's channels past its own are zero. */
    struct fmap o;
    if (fmap_alloc(&o, s->h, s->w, u.c)) {
        free(u.d);
        free(sc.d);
        return FACE_NET_ERR_NOMEM;
    }
    for (int y = 0; y < o.h; y++)
        for (int xx = 0; xx < o.w; xx++)
            for (int c = 0; c < o.c; c++) {
                float v = 0;
                if (y < u.h && xx < u.w)
                    v = u.d[((size_t)y * u.w + xx) * u.c + c];
                if (c < s->c)
                    v += s->d[((size_t)y * s->w + xx) * s->c + c];
                o.d[((size_t)y * o.w + xx) * o.c + c] = v > 0 ? v : 0;
            }
    free(u.d);
    free(sc.d);
    free(x->d);
    *x = o;
    return 0;
}

static int net_describe(const struct face_net *net, const unsigned char *rgb, int stride,
                        float out[FACE_NET_DESCRIPTOR])
{
    static const float mean[3] = {122.782f, 117.001f, 104.298f};
    struct fmap in, x = {0}, y = {0};
    if (!net || !rgb || !out || stride < 3 * FACE_NET_INPUT)
        return FACE_NET_ERR_ARG;
    if (fmap_alloc(&in, FACE_NET_INPUT, FACE_NET_INPUT, 3))
        return FACE_NET_ERR_NOMEM;
    for (int r = 0; r < FACE_NET_INPUT; r++)
        for (int i = 0; i < 3 * FACE_NET_INPUT; i++)
            in.d[(size_t)r * 3 * FACE_NET_INPUT + i] =
                ((float)rgb[(size_t)r * stride + i] - mean[i % 3]) / 255.0f;
    int rc = conv_run(&net->stem, &in, 2, 0, 1, &x);
    free(in.d);
    if (rc == 0)
        rc = pool_run(&x, 3, 2, 0, &y);
    free(x.d);
    for (int i = 0; rc == 0 && i < FACE_NET_BLOCKS; i++)
        rc = block_run(&net->block[i], &y);
    if (rc) {
        free(y.d);
        return rc;
    }
    float g[512] = {0};
    int n = y.h * y.w;
    for (int p = 0; p < n; p++)
        for (int c = 0; c < y.c && c < 512; c++)
            g[c] += y.d[(size_t)p * y.c + c];
    for (int c = 0; c < y.c && c < 512; c++)
        g[c] /= (float)n;
    cblas_sgemv(CblasRowMajor, CblasTrans, y.c, FACE_NET_DESCRIPTOR, 1.0f, net->fc,
                FACE_NET_DESCRIPTOR, g, 1, 0.0f, out, 1);
    free(y.d);
    return 0;
}

const struct face_net_module facenet_module = {FACE_NET_MODULE_ABI, net_load, net_free,
                                               net_weight_bytes, net_describe};
