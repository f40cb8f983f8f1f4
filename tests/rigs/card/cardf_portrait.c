/* cardf_portrait.c: synthetic portraits for test cards — a head-and-shoulders shape over a
 * textured background, deterministic for a seed, encoded as JPEG (libjpeg-turbo) or JPEG 2000
 * (OpenJPEG). Texture keeps the file near the 15-25 kB of a real DG2. */
#include "tests/rigs/card/cardf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <openjpeg.h>

static unsigned lcg(unsigned *s)
{
    *s = *s * 1103515245u + 12345u;
    return (*s >> 16) & 0x7FFF;
}

static uint8_t *pixels(int w, int h, unsigned seed)
{
    uint8_t *px = malloc((size_t)w * h * 3);
    if (!px)
        return NULL;
    unsigned s = seed ? seed : 1;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            double fx = (x - w / 2.0) / (w * 0.28), fy = (y - h * 0.42) / (h * 0.3);
            double sx = (x - w / 2.0) / (w * 0.55), sy = (y - h * 1.05) / (h * 0.4);
            int face = fx * fx + fy * fy < 1.0, body = sx * sx + sy * sy < 1.0;
            int n = (int)(lcg(&s) % 24) - 12;
            uint8_t *p = px + ((size_t)y * w + x) * 3;
            int r, g, b;
            if (face) {
                r = 224, g = 180, b = 150;
            } else if (body) {
                r = 40, g = 60, b = 110;
            } else {
                r = 200 + (y * 30) / h, g = 210, b = 230;
            }
            p[0] = (uint8_t)(r + n < 0 ? 0 : r + n > 255 ? 255 : r + n);
            p[1] = (uint8_t)(g + n < 0 ? 0 : g + n > 255 ? 255 : g + n);
            p[2] = (uint8_t)(b + n < 0 ? 0 : b + n > 255 ? 255 : b + n);
        }
    return px;
}

static int encode_jpeg(const uint8_t *px, int w, int h, int q, struct cardf_buf *out)
{
    struct jpeg_compress_struct c;
    struct jpeg_error_mgr err;
    unsigned char *mem = NULL;
    unsigned long size = 0;
    c.err = jpeg_std_error(&err);
    jpeg_create_compress(&c);
    jpeg_mem_dest(&c, &mem, &size);
    c.image_width = (JDIMENSION)w;
    c.image_height = (JDIMENSION)h;
    c.input_components = 3;
    c.in_color_space = JCS_RGB;
    jpeg_set_defaults(&c);
    jpeg_set_quality(&c, q, TRUE);
    jpeg_start_compress(&c, TRUE);
    while (c.next_scanline < c.image_height) {
        JSAMPROW row = (JSAMPROW)(px + (size_t)c.next_scanline * w * 3);
        jpeg_write_scanlines(&c, &row, 1);
    }
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    int rc = cardf_raw(out, mem, size);
    free(mem);
    return rc;
}

struct wstream {
    struct cardf_buf *b;
    size_t off;
};

static OPJ_SIZE_T ws_write(void *buf, OPJ_SIZE_T n, void *user)
{
    struct wstream *w = user;
    if (w->off + n > w->b->len) {
        size_t grow = w->off + n - w->b->len;
        uint8_t zero[256] = {0};
        while (grow) {
            size_t k = grow > sizeof zero ? sizeof zero : grow;
            if (cardf_raw(w->b, zero, k) != 0)
                return (OPJ_SIZE_T)-1;
            grow -= k;
        }
    }
    memcpy(w->b->p + w->off, buf, n);
    w->off += n;
    return n;
}

static OPJ_OFF_T ws_skip(OPJ_OFF_T n, void *user)
{
    struct wstream *w = user;
    w->off += (size_t)n;
    return n;
}

static OPJ_BOOL ws_seek(OPJ_OFF_T n, void *user)
{
    struct wstream *w = user;
    w->off = (size_t)n;
    return OPJ_TRUE;
}

static int encode_jp2(const uint8_t *px, int w, int h, struct cardf_buf *out)
{
    opj_cparameters_t prm;
    opj_image_cmptparm_t cp[3];
    int rc = -1;
    opj_set_default_encoder_parameters(&prm);
    prm.tcp_numlayers = 1;
    prm.tcp_rates[0] = 20; /* compression ratio: ~20 kB for 320x240 RGB */
    prm.cp_disto_alloc = 1;
    memset(cp, 0, sizeof cp);
    for (int i = 0; i < 3; i++) {
        cp[i].dx = cp[i].dy = 1;
        cp[i].w = (OPJ_UINT32)w;
        cp[i].h = (OPJ_UINT32)h;
        cp[i].prec = 8;
    }
    opj_image_t *im = opj_image_create(3, cp, OPJ_CLRSPC_SRGB);
    opj_codec_t *codec = opj_create_compress(OPJ_CODEC_JP2);
    opj_stream_t *st = opj_stream_create(OPJ_J2K_STREAM_CHUNK_SIZE, OPJ_FALSE);
    struct wstream ws = {out, out->len};
    if (!im || !codec || !st)
        goto out;
    im->x1 = (OPJ_UINT32)w;
    im->y1 = (OPJ_UINT32)h;
    for (size_t i = 0; i < (size_t)w * h; i++)
        for (int c = 0; c < 3; c++)
            im->comps[c].data[i] = px[i * 3 + c];
    opj_stream_set_user_data(st, &ws, NULL);
    opj_stream_set_write_function(st, ws_write);
    opj_stream_set_skip_function(st, ws_skip);
    opj_stream_set_seek_function(st, ws_seek);
    if (!opj_setup_encoder(codec, &prm, im) || !opj_start_compress(codec, im, st) ||
        !opj_encode(codec, st) || !opj_end_compress(codec, st))
        goto out;
    rc = out->err ? -1 : 0;
out:
    if (st)
        opj_stream_destroy(st);
    if (codec)
        opj_destroy_codec(codec);
    if (im)
        opj_image_destroy(im);
    return rc;
}

int cardf_portrait(int w, int h, int q, int jp2, unsigned seed, struct cardf_buf *out)
{
    memset(out, 0, sizeof *out);
    uint8_t *px = cardf_photo_pixels(w, h, seed);
    if (!px)
        px = pixels(w, h, seed);
    if (!px)
        return -1;
    int rc = jp2 ? encode_jp2(px, w, h, out) : encode_jpeg(px, w, h, q, out);
    free(px);
    return rc;
}
