/* emrtd_dg2.c: DG2, the facial image (ICAO 9303-10 §4.7.2; ISO/IEC 19794-5:2005 record in
 * an ISO/IEC 7816-11 biometric information template).
 *
 *   75 { 7F61 { 02 count, 7F60 { A1 {header}, 5F2E|7F2E biometric data block } ... } }
 *   data block = facial record header (14: "FAC\0" "010\0" length4 faces2)
 *              + facial information (20: block length4, feature points2, ...)
 *              + feature points (8 each) + image information (12: type, data type, w2, h2..)
 *              + image bytes (to the end of the facial record block)
 * Every count and length is checked against what is left before use; the image is then
 * sniffed (JPEG SOI FFD8FF, JP2 signature box, J2K codestream FF4FFF51) and fully decoded, so
 * a photo that cannot be shown is refused here, not at the review screen.
 *
 * The image bytes come from a card anyone can make, and libjpeg/OpenJPEG are large decoders:
 * the decoding runs in a confined child (kiosk/base/confine.h: seccomp, no files, memory and
 * time limits), after the declared and the header dimensions are checked against
 * EMRTD_DG2_MAX_PIXELS. A decoder that crashes, loops or runs out of memory makes the image
 * "not decodable" (DG_E_IMAGE); the kiosk goes on. */
#include "drivers/card/emrtd_dg.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jerror.h>
#include <jpeglib.h>
#include <openjpeg.h>

#include "drivers/card/tlv.h"
#include "drivers/card/card_decoder.h"
#include "kiosk/base/confine.h"
#include "kiosk/base/worker.h"

/* ISO/IEC 19794-5 §5.4-5.7 block sizes. */
#define FAC_HEADER_LEN     14
#define FAC_INFO_LEN       20
#define FAC_POINT_LEN      8
#define FAC_IMAGE_INFO_LEN 12

/* A bounded big-endian byte reader over the biometric data block. */
struct bytes {
    const uint8_t *p;
    size_t len, off;
};

static int take(struct bytes *b, size_t n, const uint8_t **out)
{
    if (n > b->len - b->off)
        return -1;
    *out = b->p + b->off;
    b->off += n;
    return 0;
}

static uint32_t be(const uint8_t *p, int n)
{
    uint32_t v = 0;
    for (int i = 0; i < n; i++)
        v = (v << 8) | p[i];
    return v;
}

/* Where decoded pixels go: a buffer the caller lends for this thread's decode (the helper's
 * answer area: no allocation, no copy), else the heap. */
static _Thread_local struct {
    uint8_t *p;
    size_t cap;
} lent;

static uint8_t *px_alloc(size_t n)
{
    return lent.p && n <= lent.cap ? lent.p : malloc(n);
}

static void px_free(uint8_t *p)
{
    if (p != lent.p)
        free(p);
}

/* ---- JPEG (libjpeg-turbo) ---- */
struct jpeg_err {
    struct jpeg_error_mgr mgr;
    jmp_buf jb;
    int truncated; /* the data ended before the image: libjpeg would fill the rest with grey */
};

static void jpeg_fail(j_common_ptr cinfo)
{
    struct jpeg_err *e = (struct jpeg_err *)cinfo->err;
    longjmp(e->jb, 1);
}

static void jpeg_quiet(j_common_ptr cinfo, int level)
{
    struct jpeg_err *e = (struct jpeg_err *)cinfo->err;
    if (level < 0 && cinfo->err->msg_code == JWRN_JPEG_EOF)
        e->truncated = 1;
}

/* Decodes a JPEG fully (to check it); with rgb non-NULL also returns its pixels. */
static int probe_jpeg(const uint8_t *img, size_t len, int *w, int *h, uint8_t **rgb)
{
    struct jpeg_decompress_struct cinfo;
    struct jpeg_err err;
    JSAMPARRAY row = NULL;
    uint8_t *volatile px = NULL;
    volatile int rc = DG_E_IMAGE;
    memset(&cinfo, 0, sizeof cinfo);
    memset(&err, 0, sizeof err);
    cinfo.err = jpeg_std_error(&err.mgr);
    err.mgr.error_exit = jpeg_fail;
    err.mgr.emit_message = jpeg_quiet;
    if (setjmp(err.jb)) {
        jpeg_destroy_decompress(&cinfo);
        px_free(px);
        return DG_E_IMAGE;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, img, (unsigned long)len);
    if (jpeg_read_header(&cinfo, TRUE) != JPEG_HEADER_OK)
        goto out;
    if (cinfo.image_width == 0 || cinfo.image_height == 0 ||
        (uint64_t)cinfo.image_width * cinfo.image_height > EMRTD_DG2_MAX_PIXELS)
        goto out;
    if (rgb) {
        cinfo.out_color_space = JCS_RGB;
        px = px_alloc((size_t)cinfo.image_width * cinfo.image_height * 3);
        if (!px) {
            rc = DG_E_NOMEM;
            goto out;
        }
    }
    jpeg_start_decompress(&cinfo);
    row = (*cinfo.mem->alloc_sarray)((j_common_ptr)&cinfo, JPOOL_IMAGE,
                                     cinfo.output_width * cinfo.output_components, 1);
    while (cinfo.output_scanline < cinfo.output_height) {
        JDIMENSION y = cinfo.output_scanline;
        jpeg_read_scanlines(&cinfo, row, 1);
        if (px && cinfo.output_components == 3 && cinfo.output_width == cinfo.image_width)
            memcpy(px + (size_t)y * cinfo.image_width * 3, row[0], (size_t)cinfo.image_width * 3);
    }
    jpeg_finish_decompress(&cinfo);
    if (err.truncated)
        goto out; /* a cut image is not the citizen's portrait */
    *w = (int)cinfo.image_width;
    *h = (int)cinfo.image_height;
    if (rgb) {
        *rgb = px;
        px = NULL;
    }
    rc = DG_OK;
out:
    jpeg_destroy_decompress(&cinfo);
    px_free(px);
    return rc;
}

/* ---- JPEG 2000 (OpenJPEG) from memory ---- */
struct mem_stream {
    const uint8_t *p;
    size_t len, off;
};

static OPJ_SIZE_T ms_read(void *buf, OPJ_SIZE_T n, void *user)
{
    struct mem_stream *m = user;
    size_t left = m->len - m->off;
    if (left == 0)
        return (OPJ_SIZE_T)-1;
    if (n > left)
        n = left;
    memcpy(buf, m->p + m->off, n);
    m->off += n;
    return n;
}

static OPJ_OFF_T ms_skip(OPJ_OFF_T n, void *user)
{
    struct mem_stream *m = user;
    if (n < 0)
        return -1;
    size_t left = m->len - m->off;
    if ((uint64_t)n > left)
        n = (OPJ_OFF_T)left;
    m->off += (size_t)n;
    return n;
}

static OPJ_BOOL ms_seek(OPJ_OFF_T n, void *user)
{
    struct mem_stream *m = user;
    if (n < 0 || (uint64_t)n > m->len)
        return OPJ_FALSE;
    m->off = (size_t)n;
    return OPJ_TRUE;
}

static void opj_quiet(const char *msg, void *user)
{
    (void)msg;
    (void)user;
}

/* 8-bit RGB from the decoded components (grey replicated; deeper samples shifted). */
static uint8_t *jp2_rgb(const opj_image_t *im, uint64_t w, uint64_t h)
{
    int nc = im->numcomps >= 3 ? 3 : 1;
    for (int c = 0; c < nc; c++)
        if (im->comps[c].w != w || im->comps[c].h != h || !im->comps[c].data ||
            im->comps[c].prec < 1 || im->comps[c].prec > 16)
            return NULL; /* subsampled components: not produced by eMRTD encoders */
    uint8_t *px = px_alloc((size_t)(w * h * 3));
    if (!px)
        return NULL;
    for (size_t i = 0; i < w * h; i++)
        for (int c = 0; c < 3; c++) {
            const opj_image_comp_t *k = &im->comps[nc == 3 ? c : 0];
            int v = k->data[i] + (k->sgnd ? 1 << (k->prec - 1) : 0);
            if (k->prec > 8)
                v >>= k->prec - 8;
            px[i * 3 + c] = (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
        }
    return px;
}

static int probe_jp2(const uint8_t *img, size_t len, int j2k, int *w, int *h, uint8_t **rgb)
{
    struct mem_stream ms = {img, len, 0};
    opj_codec_t *codec = opj_create_decompress(j2k ? OPJ_CODEC_J2K : OPJ_CODEC_JP2);
    opj_stream_t *st = opj_stream_create(OPJ_J2K_STREAM_CHUNK_SIZE, OPJ_TRUE);
    opj_image_t *im = NULL;
    opj_dparameters_t prm;
    int rc = DG_E_IMAGE;
    if (!codec || !st) {
        rc = DG_E_NOMEM;
        goto out;
    }
    opj_set_info_handler(codec, opj_quiet, NULL);
    opj_set_warning_handler(codec, opj_quiet, NULL);
    opj_set_error_handler(codec, opj_quiet, NULL);
    opj_stream_set_user_data(st, &ms, NULL);
    opj_stream_set_user_data_length(st, len);
    opj_stream_set_read_function(st, ms_read);
    opj_stream_set_skip_function(st, ms_skip);
    opj_stream_set_seek_function(st, ms_seek);
    opj_set_default_decoder_parameters(&prm);
    if (!opj_setup_decoder(codec, &prm) || !opj_read_header(st, codec, &im) || !im)
        goto out;
    uint64_t iw = im->x1 - im->x0, ih = im->y1 - im->y0;
    if (im->x1 <= im->x0 || im->y1 <= im->y0 || iw * ih > EMRTD_DG2_MAX_PIXELS ||
        im->numcomps == 0 || im->numcomps > 4)
        goto out;
    if (!opj_decode(codec, st, im) || !opj_end_decompress(codec, st))
        goto out;
    if (rgb && (*rgb = jp2_rgb(im, iw, ih)) == NULL)
        goto out;
    *w = (int)iw;
    *h = (int)ih;
    rc = DG_OK;
out:
    if (im)
        opj_image_destroy(im);
    if (st)
        opj_stream_destroy(st);
    if (codec)
        opj_destroy_codec(codec);
    return rc;
}

static int decode(const uint8_t *img, size_t len, enum emrtd_image_format *fmt, int *w, int *h,
                  uint8_t **rgb)
{
    static const uint8_t jp2_sig[] = {0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20};
    static const uint8_t j2k_soc[] = {0xFF, 0x4F, 0xFF, 0x51};
    *fmt = EMRTD_IMG_NONE;
    *w = *h = 0;
    if (!img || len < 8)
        return DG_E_IMAGE;
    if (img[0] == 0xFF && img[1] == 0xD8 && img[2] == 0xFF) {
        *fmt = EMRTD_IMG_JPEG;
        return probe_jpeg(img, len, w, h, rgb);
    }
    if (memcmp(img, jp2_sig, sizeof jp2_sig) == 0 || memcmp(img, j2k_soc, sizeof j2k_soc) == 0) {
        *fmt = EMRTD_IMG_JP2;
        return probe_jp2(img, len, img[0] == 0xFF, w, h, rgb);
    }
    return DG_E_IMAGE;
}

/* ---- the confined helper ---- */
static int confined = 1;
static int deadline_ms = 5000;
static struct worker decoder = WORKER_INIT(CARD_DECODER_PROGRAM, CARD_DECODER_ROLE_IMAGE);

void emrtd_image_confine(int on)
{
    confined = on;
}

void emrtd_image_set_deadline_ms(int ms)
{
    deadline_ms = ms > 0 ? ms : 5000;
}

int emrtd_image_decoder_busy_pid(void)
{
    return (int)decoder.busy;
}

unsigned emrtd_image_decoder_starts(void)
{
    return decoder.starts;
}

long emrtd_image_last_peak_kb(void)
{
    return decoder.peak_kb;
}

int emrtd_image_decode_here(const uint8_t *img, size_t len, enum emrtd_image_format *fmt, int *w,
                            int *h, uint8_t **rgb, uint8_t *into, size_t into_cap)
{
    lent.p = into;
    lent.cap = into ? into_cap : 0;
    int rc = decode(img, len, fmt, w, h, rgb);
    lent.p = NULL;
    lent.cap = 0;
    return rc;
}

static int decode_confined(const uint8_t *img, size_t len, enum emrtd_image_format *fmt, int *w,
                           int *h, uint8_t **rgb)
{
    struct worker_answer_head head;
    unsigned char *ans = NULL;
    *fmt = EMRTD_IMG_NONE;
    *w = *h = 0;
    if (!img || len < 8 || len > WORKER_MAX_REQUEST)
        return DG_E_IMAGE;
    struct worker_piece in = {img, len};
    size_t max = rgb ? (size_t)EMRTD_DG2_MAX_PIXELS * 3 : 0;
    int rc = worker_call(&decoder, rgb ? CARD_DECODER_IMAGE_RGB : CARD_DECODER_IMAGE_PROBE, &in, 1,
                         deadline_ms, max, &head, &ans);
    if (rc == CONFINE_EFAILED) {
        free(ans);
        /* the helper's own refusal; anything it might say but a data-group code is "image" */
        return head.status < 0 && head.status > -100 && head.status != DG_E_NOMEM ? head.status
                                                                                  : DG_E_IMAGE;
    }
    if (rc == CONFINE_ESTART)
        fprintf(stderr, "card: the confined image decoder cannot be started\n");
    if (rc != CONFINE_OK)
        return DG_E_IMAGE; /* crashed, killed, too slow, garbled: not decodable */
    /* the answer is checked as the untrusted bytes it is */
    uint64_t pixels = (uint64_t)head.b * head.c;
    if ((head.a != EMRTD_IMG_JPEG && head.a != EMRTD_IMG_JP2) || head.b == 0 || head.c == 0 ||
        head.b > 65535 || head.c > 65535 || pixels > EMRTD_DG2_MAX_PIXELS ||
        head.len != (rgb ? pixels * 3 : 0)) {
        if (ans)
            explicit_bzero(ans, head.len);
        free(ans);
        worker_stop(&decoder);
        return DG_E_IMAGE;
    }
    *fmt = (enum emrtd_image_format)head.a;
    *w = (int)head.b;
    *h = (int)head.c;
    if (rgb)
        *rgb = ans; /* exactly width * height * 3 bytes */
    else
        free(ans);
    return DG_OK;
}

int emrtd_image_probe(const uint8_t *img, size_t len, enum emrtd_image_format *fmt, int *w, int *h)
{
    if (confined)
        return decode_confined(img, len, fmt, w, h, NULL);
    return decode(img, len, fmt, w, h, NULL);
}

int emrtd_image_decode_rgb(const uint8_t *img, size_t len, uint8_t **rgb, int *w, int *h)
{
    enum emrtd_image_format fmt;
    *rgb = NULL;
    if (confined)
        return decode_confined(img, len, &fmt, w, h, rgb);
    return decode(img, len, &fmt, w, h, rgb);
}

/* Walks the ISO 19794-5 biometric data block to the first image. */
static int parse_bdb(const uint8_t *p, size_t len, struct emrtd_face *out)
{
    struct bytes b = {p, len, 0};
    const uint8_t *h, *fi, *pts, *ii, *img;
    if (take(&b, FAC_HEADER_LEN, &h) != 0 || memcmp(h, "FAC\0", 4) != 0)
        return DG_E_STRUCTURE;
    uint32_t rec_len = be(h + 8, 4), faces = be(h + 12, 2);
    if (rec_len < FAC_HEADER_LEN || rec_len > len || faces < 1)
        return DG_E_STRUCTURE;
    b.len = rec_len; /* nothing past the declared record is read */
    size_t block_start = b.off;
    if (take(&b, FAC_INFO_LEN, &fi) != 0)
        return DG_E_STRUCTURE;
    uint32_t block_len = be(fi, 4), npts = be(fi + 4, 2);
    if (block_len > b.len - block_start ||
        block_len < FAC_INFO_LEN + FAC_IMAGE_INFO_LEN + (size_t)npts * FAC_POINT_LEN)
        return DG_E_STRUCTURE;
    if (take(&b, (size_t)npts * FAC_POINT_LEN, &pts) != 0 || take(&b, FAC_IMAGE_INFO_LEN, &ii) != 0)
        return DG_E_STRUCTURE;
    (void)pts;
    out->declared_width = (int)be(ii + 2, 2);
    out->declared_height = (int)be(ii + 4, 2);
    /* a portrait declared larger than any the kiosk decodes is refused before decoding */
    if ((uint64_t)out->declared_width * (uint64_t)out->declared_height > EMRTD_DG2_MAX_PIXELS)
        return DG_E_IMAGE;
    size_t img_len = block_start + block_len - b.off;
    if (img_len == 0 || take(&b, img_len, &img) != 0)
        return DG_E_IMAGE;
    out->image = img;
    out->image_len = img_len;
    return DG_OK;
}

int emrtd_dg2_parse(const uint8_t *buf, size_t len, struct emrtd_face *out)
{
    struct tlv t, bit, e, bdb;
    struct tlv_cursor c, g, inst;
    uint64_t count = 0;
    int rc;
    memset(out, 0, sizeof *out);
    if (tlv_decode_one(buf, len, 0, &t) != 0)
        return DG_E_TLV;
    if (t.tag != EMRTD_TAG_DG2)
        return DG_E_TAG;
    if (tlv_child(&t, &c) != 0 || tlv_expect(&c, 0x7F61, &bit) != 0 || tlv_child(&bit, &g) != 0 ||
        tlv_expect(&g, 0x02, &e) != 0 || tlv_to_uint(&e, &count) != 0 || count < 1) {
        rc = DG_E_STRUCTURE;
        goto out;
    }
    if (tlv_expect(&g, 0x7F60, &e) != 0 || tlv_child(&e, &inst) != 0 ||
        tlv_expect(&inst, 0xA1, &e) != 0) {
        rc = DG_E_STRUCTURE;
        goto out;
    }
    if (tlv_next(&inst, &bdb) != 0 || (bdb.tag != 0x5F2E && bdb.tag != 0x7F2E)) {
        rc = DG_E_STRUCTURE;
        goto out;
    }
    if ((rc = parse_bdb(bdb.value, bdb.len, out)) != 0)
        goto out;
    out->n_images = count > 16 ? 16 : (int)count;
    rc = emrtd_image_probe(out->image, out->image_len, &out->format, &out->width, &out->height);
out:
    if (rc != DG_OK)
        memset(out, 0, sizeof *out);
    return rc;
}
