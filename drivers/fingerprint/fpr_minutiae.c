/* fpr_minutiae.c: libfprint's minutiae detector (NBIS mindtct) on any 8-bit grey image.
 *
 * libfprint only exposes detection as an asynchronous call on an FpImage; this file makes it
 * a plain blocking function by running the call on a private GMainContext, so it works on any
 * thread, with or without a device, and touches no global loop. Guarantees: the image bytes
 * are copied into a fresh FpImage whose buffer is zeroed before it is released (libfprint's
 * own intermediate buffers are freed by it unwiped: a known limit, see README). */
#include "drivers/fingerprint/fpr_internal.h"

#include <fprint.h>
#include <stdlib.h>
#include <string.h>

struct detect_wait {
    int done;
    gboolean ok;
};

static void detect_done(GObject *src, GAsyncResult *res, gpointer data)
{
    struct detect_wait *w = data;
    GError *err = NULL;
    w->ok = fp_image_detect_minutiae_finish(FP_IMAGE(src), res, &err);
    /* a blank or smooth image has no minutiae: that is a count of 0, not an error */
    g_clear_error(&err);
    w->done = 1;
}

int fpr_detect_minutiae(const unsigned char *img, int width, int height, int **xy, int *n)
{
    *xy = NULL;
    *n = 0;
    if (!img || width < 16 || height < 16 || width > 5000 || height > 5000)
        return FPR_ERR_IMAGE;
    int rc = FPR_ERR_NOMEM;
    GMainContext *ctx = g_main_context_new();
    g_main_context_push_thread_default(ctx);
    FpImage *fi = fp_image_new(width, height);
    gsize len = 0;
    /* const in the API; the buffer is the image's own, sized width*height */
    guchar *data = (guchar *)fp_image_get_data(fi, &len);
    if (len != (gsize)width * height) {
        rc = FPR_ERR_IMAGE;
        goto out;
    }
    memcpy(data, img, len);
    struct detect_wait w = {0, FALSE};
    fp_image_detect_minutiae(fi, NULL, detect_done, &w);
    while (!w.done)
        g_main_context_iteration(ctx, TRUE);
    GPtrArray *m = w.ok ? fp_image_get_minutiae(fi) : NULL;
    int count = m ? (int)m->len : 0;
    if (count > 0) {
        *xy = malloc(sizeof(int) * 2 * (size_t)count);
        if (!*xy)
            goto out;
        for (int i = 0; i < count; i++)
            fp_minutia_get_coords(g_ptr_array_index(m, i), &(*xy)[2 * i], &(*xy)[2 * i + 1]);
    }
    *n = count;
    rc = FPR_OK;
out:
    /* detection swaps the image's buffer for its own working copy: wipe the current one */
    data = (guchar *)fp_image_get_data(fi, &len);
    explicit_bzero(data, len);
    g_object_unref(fi);
    g_main_context_pop_thread_default(ctx);
    g_main_context_unref(ctx);
    return rc;
}
