/* image_file.c: PNG and JPEG in and out for RGB24 frames (libpng 1.6 simplified API,
 * libjpeg-turbo). libjpeg's default error handler exits the process, so every decoder call runs
 * under a setjmp-based handler that turns errors into CAM_ERR_DATA. */
#include "drivers/camera/image_file.h"

#include <stdio.h> /* before jpeglib.h, which uses FILE */

#include <jpeglib.h>
#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

struct jerr {
    struct jpeg_error_mgr pub;
    jmp_buf jb;
};

static void jerr_exit(j_common_ptr cinfo)
{
    struct jerr *e = (struct jerr *)cinfo->err;
    longjmp(e->jb, 1);
}

static void jerr_silent(j_common_ptr cinfo, int level)
{
    (void)cinfo;
    (void)level;
}

int camimg_decode_jpeg(const unsigned char *jpeg, size_t len, struct cam_frame *out)
{
    struct jpeg_decompress_struct cinfo;
    struct jerr err;
    volatile int rc = CAM_ERR_DATA;

    memset(out, 0, sizeof *out);
    if (jpeg == NULL || len == 0 || len > (size_t)1 << 30)
        return CAM_ERR_ARG;
    memset(&cinfo, 0, sizeof cinfo);
    cinfo.err = jpeg_std_error(&err.pub);
    err.pub.error_exit = jerr_exit;
    err.pub.emit_message = jerr_silent;
    if (setjmp(err.jb)) {
        cam_frame_free(out);
        goto out;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, jpeg, (unsigned long)len);
    jpeg_read_header(&cinfo, TRUE);
    cinfo.out_color_space = JCS_RGB;
    if (cinfo.image_width > CAMIMG_MAX_SIDE || cinfo.image_height > CAMIMG_MAX_SIDE)
        goto out;
    jpeg_start_decompress(&cinfo);
    if (cinfo.output_components != 3)
        goto out;
    if ((rc = cam_frame_alloc(out, (int)cinfo.output_width, (int)cinfo.output_height)) != 0)
        goto out;
    rc = CAM_ERR_DATA;
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW row = out->rgb + (size_t)cinfo.output_scanline * out->stride;
        jpeg_read_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_decompress(&cinfo);
    rc = 0;
out:
    jpeg_destroy_decompress(&cinfo);
    if (rc != 0)
        cam_frame_free(out);
    return rc;
}

int camimg_encode_jpeg(const struct cam_frame *f, int quality, unsigned char **jpeg, size_t *len)
{
    struct jpeg_compress_struct cinfo;
    struct jerr err;
    /* libjpeg updates buf through its address as the output grows, so after a longjmp it holds
     * the current allocation. */
    unsigned char *buf = NULL;
    unsigned long blen = 0;
    volatile int rc = CAM_ERR_IO;

    *jpeg = NULL;
    *len = 0;
    if (f == NULL || f->rgb == NULL || quality < 1 || quality > 100)
        return CAM_ERR_ARG;
    memset(&cinfo, 0, sizeof cinfo);
    cinfo.err = jpeg_std_error(&err.pub);
    err.pub.error_exit = jerr_exit;
    err.pub.emit_message = jerr_silent;
    if (setjmp(err.jb))
        goto out;
    jpeg_create_compress(&cinfo);
    jpeg_mem_dest(&cinfo, &buf, &blen);
    cinfo.image_width = (JDIMENSION)f->width;
    cinfo.image_height = (JDIMENSION)f->height;
    cinfo.input_components = 3;
    cinfo.in_color_space = JCS_RGB;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, quality, TRUE);
    jpeg_start_compress(&cinfo, TRUE);
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = f->rgb + (size_t)cinfo.next_scanline * f->stride;
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    *jpeg = buf;
    *len = blen;
    buf = NULL;
    rc = 0;
out:
    jpeg_destroy_compress(&cinfo);
    free(buf);
    return rc;
}

static int load_png(FILE *fp, struct cam_frame *out)
{
    png_image img;
    int rc;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_stdio(&img, fp))
        return CAM_ERR_DATA;
    if (img.width == 0 || img.height == 0 || img.width > CAMIMG_MAX_SIDE ||
        img.height > CAMIMG_MAX_SIDE) {
        png_image_free(&img);
        return CAM_ERR_DATA;
    }
    img.format = PNG_FORMAT_RGB;
    if ((rc = cam_frame_alloc(out, (int)img.width, (int)img.height)) != 0) {
        png_image_free(&img);
        return rc;
    }
    if (!png_image_finish_read(&img, NULL, out->rgb, out->stride, NULL)) {
        png_image_free(&img);
        cam_frame_free(out);
        return CAM_ERR_DATA;
    }
    return 0;
}

static int load_jpeg(FILE *fp, struct cam_frame *out)
{
    unsigned char *buf = NULL;
    size_t len = 0, cap = 0;
    int rc;
    for (;;) {
        if (len == cap) {
            size_t ncap = cap ? cap * 2 : 65536;
            unsigned char *nb;
            if (ncap > (size_t)64 << 20) {
                rc = CAM_ERR_DATA;
                goto out;
            }
            nb = realloc(buf, ncap);
            if (nb == NULL) {
                rc = CAM_ERR_NOMEM;
                goto out;
            }
            buf = nb;
            cap = ncap;
        }
        size_t got = fread(buf + len, 1, cap - len, fp);
        if (got == 0)
            break;
        len += got;
    }
    rc = camimg_decode_jpeg(buf, len, out);
out:
    free(buf);
    return rc;
}

int camimg_load(const char *path, struct cam_frame *out)
{
    unsigned char sig[8];
    FILE *fp;
    int rc;

    memset(out, 0, sizeof *out);
    fp = fopen(path, "rb");
    if (fp == NULL)
        return CAM_ERR_NO_DEVICE;
    if (fread(sig, 1, sizeof sig, fp) != sizeof sig) {
        rc = CAM_ERR_DATA;
        goto out;
    }
    rewind(fp);
    if (png_sig_cmp(sig, 0, sizeof sig) == 0)
        rc = load_png(fp, out);
    else if (sig[0] == 0xFF && sig[1] == 0xD8)
        rc = load_jpeg(fp, out);
    else
        rc = CAM_ERR_DATA;
out:
    fclose(fp);
    return rc;
}

int camimg_save_png(const char *path, const struct cam_frame *f)
{
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    img.width = (png_uint_32)f->width;
    img.height = (png_uint_32)f->height;
    img.format = PNG_FORMAT_RGB;
    if (!png_image_write_to_file(&img, path, 0, f->rgb, f->stride, NULL))
        return CAM_ERR_IO;
    return 0;
}
