/* fpr_libfprint.c: the libfprint backend (exports fpr_libfprint_ops).
 *
 * Each operation is libfprint's asynchronous call plus a bounded wait: the calling thread
 * iterates the reader's private GMainContext; a 50 ms tick checks the caller's cancel flag and
 * the deadline and, when either fires, cancels the GCancellable. A driver must then finish the
 * operation; if it still has not after GRACE_MS the reader is marked broken (every later call
 * fails with FPR_ERR_DEVICE, the caller reopens) instead of hanging.
 *
 *   CLOSED --fpr_lf_open--> OPEN --capture--> CAPTURING --image/error--> OPEN
 *                             |                    `--timeout/cancel--> OPEN (driver finished)
 *                             |                                      `-> BROKEN (it did not)
 *                             `--fpr_lf_close--> CLOSED
 * Guarantees: a returned image is a copy (the FpImage is released); the copy is the caller's. */
#include "drivers/fingerprint/fpr_libfprint.h"

#include <fprint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define TICK_MS       50
#define GRACE_MS      3000 /* a driver gets this long to finish after a cancel */
#define OPEN_TIMEOUT  10000
#define CLOSE_TIMEOUT 5000
#define MM_PER_INCH   25.4
#define DEFAULT_PPI   500 /* NBIS's own assumption when a device states none */

struct fpr_lf {
    GMainContext *ctx;
    FpContext *fctx;
    FpDevice *dev;
    GMutex lock; /* guards cancellable, swapped per operation */
    GCancellable *cancellable;
    int broken;
    /* set by fpr_lf_cancel from any thread; the operation's own tick cancels, on the
     * reader's context, because libfprint's cancel handler attaches sources to the calling
     * thread's default context, where they would never run (and leak) */
    volatile gint cancel_requested;
};

struct lf_wait {
    int done;
    GAsyncResult *res;
};

static void lf_ready(GObject *src, GAsyncResult *res, gpointer data)
{
    (void)src;
    struct lf_wait *w = data;
    w->res = g_object_ref(res);
    w->done = 1;
}

struct lf_tick {
    struct fpr_lf *lf;
    const atomic_int *cancel;
    gint64 deadline, grace_end;
    int timed_out, cancelled;
};

static gboolean lf_on_tick(gpointer data)
{
    struct lf_tick *t = data;
    gint64 now = g_get_monotonic_time();
    int fire = 0;
    if (((t->cancel && *t->cancel) || g_atomic_int_get(&t->lf->cancel_requested)) &&
        !t->cancelled) {
        t->cancelled = 1;
        fire = 1;
    }
    if (t->deadline && now >= t->deadline && !t->timed_out && !t->cancelled) {
        t->timed_out = 1;
        fire = 1;
    }
    if (fire) {
        t->grace_end = now + (gint64)GRACE_MS * 1000;
        g_mutex_lock(&t->lf->lock);
        if (t->lf->cancellable)
            g_cancellable_cancel(t->lf->cancellable);
        g_mutex_unlock(&t->lf->lock);
    }
    return G_SOURCE_CONTINUE;
}

/* Runs the loop until w->done, bounded as the file comment says. 0, or FPR_ERR_TIMEOUT /
 * FPR_ERR_CANCELLED when the operation finished after being cancelled, or FPR_ERR_DEVICE
 * when it never finished (the reader is then broken). */
static int lf_wait_done(struct fpr_lf *lf, struct lf_wait *w, int timeout_ms,
                        const atomic_int *cancel)
{
    struct lf_tick t = {lf, cancel, 0, 0, 0, 0};
    g_atomic_int_set(&lf->cancel_requested, 0); /* a cancel belongs to one operation */
    if (timeout_ms > 0)
        t.deadline = g_get_monotonic_time() + (gint64)timeout_ms * 1000;
    GSource *tick = g_timeout_source_new(TICK_MS);
    g_source_set_callback(tick, lf_on_tick, &t, NULL);
    g_source_attach(tick, lf->ctx);
    while (!w->done) {
        if (t.grace_end && g_get_monotonic_time() >= t.grace_end)
            break;
        g_main_context_iteration(lf->ctx, TRUE);
    }
    g_source_destroy(tick);
    g_source_unref(tick);
    if (!w->done) {
        lf->broken = 1;
        return FPR_ERR_DEVICE;
    }
    return t.cancelled ? FPR_ERR_CANCELLED : t.timed_out ? FPR_ERR_TIMEOUT : FPR_OK;
}

static GCancellable *lf_new_cancellable(struct fpr_lf *lf)
{
    GCancellable *c = g_cancellable_new();
    g_mutex_lock(&lf->lock);
    if (lf->cancellable)
        g_object_unref(lf->cancellable);
    lf->cancellable = g_object_ref(c);
    g_mutex_unlock(&lf->lock);
    return c;
}

void fpr_lf_cancel(struct fpr_lf *lf)
{
    if (!lf)
        return;
    g_atomic_int_set(&lf->cancel_requested, 1);
    g_main_context_wakeup(lf->ctx);
}

static int lf_map_error(const GError *e)
{
    if (!e)
        return FPR_ERR_DEVICE;
    if (e->domain == FP_DEVICE_RETRY)
        return FPR_ERR_POOR;
    if (e->domain == FP_DEVICE_ERROR && e->code == FP_DEVICE_ERROR_REMOVED)
        return FPR_ERR_GONE;
    if (g_error_matches(e, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return FPR_ERR_CANCELLED;
    return FPR_ERR_DEVICE;
}

static FpDevice *lf_pick(FpContext *fctx, const char *device)
{
    GPtrArray *devs = fp_context_get_devices(fctx);
    for (guint i = 0; devs && i < devs->len; i++) {
        FpDevice *d = g_ptr_array_index(devs, i);
        if (device && *device ? strcmp(fp_device_get_driver(d), device) == 0
                              : fp_device_has_feature(d, FP_DEVICE_FEATURE_CAPTURE))
            return g_object_ref(d);
    }
    return NULL;
}

struct lf_made {
    int done;
    GObject *obj;
    GAsyncResult *res;
};

static void lf_made(GObject *src, GAsyncResult *res, gpointer data)
{
    struct lf_made *m = data;
    m->obj = g_object_ref(src);
    m->res = g_object_ref(res);
    m->done = 1;
}

/* A virtual device of the driver type_name made directly with its environment value (what
 * libfprint's enumeration would read from the variable), on lf's context. NULL on failure. */
static FpDevice *lf_make_virtual(struct fpr_lf *lf, const char *type_name, const char *environ)
{
    GType t = g_type_from_name(type_name); /* registered by fp_context_new() */
    if (!t || !g_type_is_a(t, FP_TYPE_DEVICE))
        return NULL;
    struct lf_made m = {0, NULL, NULL};
    g_async_initable_new_async(t, G_PRIORITY_DEFAULT, NULL, lf_made, &m, "fpi-environ", environ,
                               NULL);
    gint64 end = g_get_monotonic_time() + (gint64)OPEN_TIMEOUT * 1000;
    while (!m.done && g_get_monotonic_time() < end)
        g_main_context_iteration(lf->ctx, TRUE);
    FpDevice *dev = NULL;
    if (m.res) {
        GObject *o = g_async_initable_new_finish(G_ASYNC_INITABLE(m.obj), m.res, NULL);
        if (o)
            dev = FP_DEVICE(o);
        g_object_unref(m.res);
    }
    if (m.obj)
        g_object_unref(m.obj);
    return dev;
}

static int lf_open(const char *device, const char *virtual_type, const char *environ,
                   struct fpr_lf **out)
{
    *out = NULL;
    struct fpr_lf *lf = calloc(1, sizeof(*lf));
    if (!lf)
        return FPR_ERR_NOMEM;
    g_mutex_init(&lf->lock);
    lf->ctx = g_main_context_new();
    int rc = FPR_ERR_NO_DEVICE;
    /* enumeration iterates the global default context itself (fp_context_enumerate), so it
     * must run before our context becomes the thread default */
    lf->fctx = fp_context_new();
    if (!virtual_type)
        lf->dev = lf_pick(lf->fctx, device);
    g_main_context_push_thread_default(lf->ctx);
    if (virtual_type)
        lf->dev = lf_make_virtual(lf, virtual_type, environ);
    if (!lf->dev)
        goto out;
    if (!fp_device_has_feature(lf->dev, FP_DEVICE_FEATURE_CAPTURE))
        goto out;
    struct lf_wait w = {0, NULL};
    GCancellable *c = lf_new_cancellable(lf);
    fp_device_open(lf->dev, c, lf_ready, &w);
    g_object_unref(c);
    rc = lf_wait_done(lf, &w, OPEN_TIMEOUT, NULL);
    if (w.res) {
        GError *e = NULL;
        if (!fp_device_open_finish(lf->dev, w.res, &e) && rc == 0)
            rc = FPR_ERR_OPEN;
        g_clear_error(&e);
        g_object_unref(w.res);
    }
    if (rc == FPR_ERR_TIMEOUT || rc == FPR_ERR_CANCELLED)
        rc = FPR_ERR_OPEN;
out:
    g_main_context_pop_thread_default(lf->ctx);
    if (rc != 0) {
        fpr_lf_close(lf);
        return rc;
    }
    *out = lf;
    return 0;
}

int fpr_lf_open(const char *device, struct fpr_lf **out)
{
    return lf_open(device, NULL, NULL, out);
}

int fpr_lf_open_virtual_image(const char *socket_path, struct fpr_lf **out)
{
    if (!socket_path || !*socket_path)
        return FPR_ERR_ARG;
    return lf_open("virtual_image", "FpDeviceVirtualImage", socket_path, out);
}

int fpr_lf_capture(struct fpr_lf *lf, int timeout_ms, const atomic_int *cancel,
                   struct fpr_image *img)
{
    memset(img, 0, sizeof(*img));
    if (lf->broken)
        return FPR_ERR_DEVICE;
    g_main_context_push_thread_default(lf->ctx);
    struct lf_wait w = {0, NULL};
    GCancellable *c = lf_new_cancellable(lf);
    fp_device_capture(lf->dev, TRUE, c, lf_ready, &w);
    g_object_unref(c);
    int rc = lf_wait_done(lf, &w, timeout_ms, cancel);
    if (w.res) {
        GError *e = NULL;
        FpImage *fi = fp_device_capture_finish(lf->dev, w.res, &e);
        g_object_unref(w.res);
        if (fi && rc == 0) {
            gsize len = 0;
            const guchar *d = fp_image_get_data(fi, &len);
            int wd = (int)fp_image_get_width(fi), ht = (int)fp_image_get_height(fi);
            double ppmm = fp_image_get_ppmm(fi);
            if (wd <= 0 || ht <= 0 || len != (gsize)wd * ht) {
                rc = FPR_ERR_IMAGE;
            } else if (!(img->data = malloc(len))) {
                rc = FPR_ERR_NOMEM;
            } else {
                memcpy(img->data, d, len);
                /* image devices run the detector on every capture (a capture without
                 * minutiae comes back as a retry): reuse its result instead of a second run */
                GPtrArray *m = fp_image_get_minutiae(fi);
                if (m && m->len > 0 && (img->xy = malloc(sizeof(int) * 2 * m->len))) {
                    for (guint i = 0; i < m->len; i++)
                        fp_minutia_get_coords(g_ptr_array_index(m, i), &img->xy[2 * i],
                                              &img->xy[2 * i + 1]);
                    img->n_minutiae = (int)m->len;
                }
                img->width = wd;
                img->height = ht;
                img->ppi = ppmm > 0 ? (int)lround(ppmm * MM_PER_INCH) : 0;
            }
        } else if (rc == 0) {
            rc = lf_map_error(e);
        }
        if (fi)
            g_object_unref(fi);
        g_clear_error(&e);
    }
    g_main_context_pop_thread_default(lf->ctx);
    return rc;
}

void fpr_lf_close(struct fpr_lf *lf)
{
    if (!lf)
        return;
    g_main_context_push_thread_default(lf->ctx);
    if (lf->dev && !lf->broken && fp_device_is_open(lf->dev)) {
        struct lf_wait w = {0, NULL};
        fp_device_close(lf->dev, NULL, lf_ready, &w);
        lf_wait_done(lf, &w, CLOSE_TIMEOUT, NULL);
        if (w.res) {
            fp_device_close_finish(lf->dev, w.res, NULL);
            g_object_unref(w.res);
        }
    }
    if (lf->dev && !lf->broken)
        g_object_unref(lf->dev);
    /* a broken device may still call back into freed memory: leak it rather than risk that */
    if (lf->fctx && !lf->broken)
        g_object_unref(lf->fctx);
    /* let pending idle callbacks (device removal, socket teardown) run once */
    while (g_main_context_iteration(lf->ctx, FALSE))
        ;
    g_main_context_pop_thread_default(lf->ctx);
    if (lf->cancellable)
        g_object_unref(lf->cancellable);
    g_mutex_clear(&lf->lock);
    g_main_context_unref(lf->ctx);
    free(lf);
}

GMainContext *fpr_lf_context(struct fpr_lf *lf)
{
    return lf->ctx;
}

static int lf_open_op(const char *device, void **state)
{
    return fpr_lf_open(device, (struct fpr_lf **)state);
}

static int lf_capture_op(void *state, enum finger f, int timeout_ms, const atomic_int *cancel,
                         struct fpr_image *img)
{
    (void)f;
    int rc = fpr_lf_capture(state, timeout_ms, cancel, img);
    if (rc == 0 && img->ppi == 0)
        img->ppi = DEFAULT_PPI;
    return rc;
}

static void lf_cancel_op(void *state)
{
    fpr_lf_cancel(state);
}

static void lf_close_op(void *state)
{
    fpr_lf_close(state);
}

const struct fpr_ops fpr_libfprint_ops = {
    .name = "libfprint",
    .open = lf_open_op,
    .capture = lf_capture_op,
    .cancel = lf_cancel_op,
    .close = lf_close_op,
};
