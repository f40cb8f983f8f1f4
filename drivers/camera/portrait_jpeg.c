/* portrait_jpeg.c: the stored portrait: a 3:4 head-and-shoulders crop around the face found by
 * the checks, scaled to the upstream's size and encoded with libjpeg-turbo.
 *
 * Framing (ICAO 9303-3 style, as the VNeID photos): the Haar face box (brows to chin) is
 * PORTRAIT_FACE_SHARE of the crop's width and its middle sits PORTRAIT_FACE_LEVEL down from
 * the top. A crop that would leave the frame is moved back in, then shrunk if it still does
 * not fit, so the output never contains invented pixels. */
#include "drivers/camera/image_file.h"
#include "drivers/camera/portrait.h"

#define PORTRAIT_FACE_SHARE   0.45
#define PORTRAIT_FACE_LEVEL   0.42
#define PORTRAIT_JPEG_QUALITY 90
#define PORTRAIT_DEFAULT_W    600
#define PORTRAIT_DEFAULT_H    800

int portrait_jpeg(const struct cam_frame *f, const struct portrait_report *r, int out_w, int out_h,
                  unsigned char **jpeg, size_t *len)
{
    struct cam_frame scaled = {0};
    int rc;

    if (jpeg != NULL)
        *jpeg = NULL;
    if (len != NULL)
        *len = 0;
    if (f == NULL || r == NULL || jpeg == NULL || len == NULL || f->rgb == NULL || r->face_w <= 0)
        return CAM_ERR_ARG;
    if (out_w <= 0 || out_h <= 0) {
        out_w = PORTRAIT_DEFAULT_W;
        out_h = PORTRAIT_DEFAULT_H;
    }
    if (out_w > 4096 || out_h > 4096)
        return CAM_ERR_ARG;
    double cw = r->face_w / PORTRAIT_FACE_SHARE, ch = cw * out_h / out_w;
    if (cw > f->width) {
        cw = f->width;
        ch = cw * out_h / out_w;
    }
    if (ch > f->height) {
        ch = f->height;
        cw = ch * out_w / out_h;
    }
    double cx = r->face_x + r->face_w / 2.0 - cw / 2;
    double cy = r->face_y + r->face_h / 2.0 - PORTRAIT_FACE_LEVEL * ch;
    cx = cx < 0 ? 0 : cx + cw > f->width ? f->width - cw : cx;
    cy = cy < 0 ? 0 : cy + ch > f->height ? f->height - ch : cy;
    int x0 = (int)cx, y0 = (int)cy, w = (int)cw, h = (int)ch;
    if (w < 8 || h < 8)
        return CAM_ERR_ARG;
    /* the crop is a view into the still (its rows keep the still's stride): scaled from there,
     * not copied first */
    struct cam_frame crop = {.rgb = f->rgb + (size_t)y0 * f->stride + (size_t)x0 * 3,
                             .width = w,
                             .height = h,
                             .stride = f->stride,
                             .t_ms = f->t_ms};
    if ((rc = cam_frame_resize(&scaled, &crop, out_w, out_h)) != 0)
        return rc;
    rc = camimg_encode_jpeg(&scaled, PORTRAIT_JPEG_QUALITY, jpeg, len);
    cam_frame_free(&scaled);
    return rc;
}
