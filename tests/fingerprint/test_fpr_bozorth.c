/* test_fpr_bozorth.c: the module's own same-finger matcher against libfprint's reference
 * matcher (NBIS bozorth3, reachable only through a device): a synthetic finger is enrolled on
 * the virtual_image device from 5 placements (so libfprint's enrolment works on synthetic
 * repeats), then verified with a 6th placement of the same finger (both matchers: same) and
 * with other fingers (the own matcher: never the same; bozorth3's answers are reported).
 * Pacing (libfprint 1.94): one image each time the device turns to "finger needed". */
#include "drivers/fingerprint/fingerprint.h"
#include "drivers/fingerprint/fpr_synth.h"
#include "tests/rigs/fingerprint/fpfeed.h"
#include "tests/test.h"

#include <fprint.h>
#include <stdlib.h>
#include <unistd.h>

#define ENROLL_PLACEMENTS 5
#define OTHER_FINGERS     6

static char sock_path[128];

struct pacer {
    struct fpfeed *feed;
    struct app_finger *imgs[ENROLL_PLACEMENTS];
    int n, next;
    FpFingerStatusFlags last;
};

static void on_finger_status(GObject *obj, GParamSpec *ps, gpointer data)
{
    struct pacer *p = data;
    (void)ps;
    FpFingerStatusFlags st = fp_device_get_finger_status(FP_DEVICE(obj));
    int needed = (st & FP_FINGER_STATUS_NEEDED) && !(st & FP_FINGER_STATUS_PRESENT);
    int was = (p->last & FP_FINGER_STATUS_NEEDED) && !(p->last & FP_FINGER_STATUS_PRESENT);
    p->last = st;
    if (needed && !was && p->next < p->n) {
        struct app_finger *f = p->imgs[p->next++];
        fpfeed_image(p->feed, f->image.data, f->width, f->height);
    }
}

static gboolean on_deadline(gpointer data)
{
    g_cancellable_cancel(data);
    return G_SOURCE_REMOVE;
}

static int synth(unsigned seed, unsigned placement, struct app_finger *f)
{
    struct fpr_synth_params p;
    memset(f, 0, sizeof(*f));
    fpr_synth_defaults(&p, seed);
    fpr_synth_replace(&p, placement);
    f->image.data = malloc((size_t)p.width * p.height);
    if (!f->image.data || fpr_synth_render(&p, f->image.data) != 0)
        return -1;
    f->image.len = (size_t)p.width * p.height;
    f->width = p.width;
    f->height = p.height;
    f->ppi = FPR_SYNTH_PPI;
    return 0;
}

TEST(own_matcher_vs_bozorth3)
{
    FpContext *ctx = fp_context_new();
    GPtrArray *devs = fp_context_get_devices(ctx);
    CHECK(devs && devs->len >= 1);
    FpDevice *dev = g_ptr_array_index(devs, 0);
    CHECK_STR(fp_device_get_driver(dev), "virtual_image");
    GCancellable *c = g_cancellable_new();
    guint deadline = g_timeout_add(90000, on_deadline, c); /* never a hung test */
    GError *err = NULL;
    CHECK(fp_device_open_sync(dev, c, &err));
    struct pacer p = {0};
    CHECK_INT(fpfeed_start(sock_path, &p.feed), 0);
    gulong sig = g_signal_connect(dev, "notify::finger-status", G_CALLBACK(on_finger_status), &p);

    struct app_finger enrol[ENROLL_PLACEMENTS], probe_same;
    for (int i = 0; i < ENROLL_PLACEMENTS; i++) {
        CHECK_INT(synth(77, 100 + i, &enrol[i]), 0);
        p.imgs[i] = &enrol[i];
    }
    CHECK_INT(synth(77, 200, &probe_same), 0);

    p.n = ENROLL_PLACEMENTS;
    FpPrint *tmpl = fp_print_new(dev);
    FpPrint *enrolled = fp_device_enroll_sync(dev, tmpl, c, NULL, NULL, &err);
    CHECK(enrolled != NULL);

    /* the same finger placed again: both matchers say so */
    gboolean lib_same = FALSE;
    p.imgs[0] = &probe_same;
    p.n = 1;
    p.next = 0;
    CHECK(fp_device_verify_sync(dev, enrolled, c, NULL, NULL, &lib_same, NULL, &err));
    int own = -1;
    CHECK_INT(fpr_same_finger(&enrol[0], &probe_same, &own), 0);
    CHECK(lib_same == TRUE);
    CHECK_INT(own, 1);

    /* other fingers: the own matcher never says "same"; bozorth3 at libfprint's threshold
     * accepts some of these dense synthetic whorls (reported, see README) */
    int lib_accepts = 0;
    for (unsigned k = 0; k < OTHER_FINGERS; k++) {
        struct app_finger o;
        CHECK_INT(synth(78 + k, 300 + k, &o), 0);
        p.imgs[0] = &o;
        p.next = 0;
        gboolean m = FALSE;
        int ok = fp_device_verify_sync(dev, enrolled, c, NULL, NULL, &m, NULL, &err);
        own = -1;
        int rc = fpr_same_finger(&enrol[0], &o, &own);
        fpr_finger_clear(&o);
        CHECK(ok);
        CHECK_INT(rc, 0);
        CHECK_INT(own, 0);
        lib_accepts += m;
    }
    printf("# bozorth3 accepted %d of %d other fingers; the own matcher 0\n", lib_accepts,
           OTHER_FINGERS);

    g_signal_handler_disconnect(dev, sig);
    fpfeed_stop(p.feed);
    fp_device_close_sync(dev, NULL, NULL);
    g_source_remove(deadline);
    g_object_unref(enrolled);
    g_object_unref(c);
    g_object_unref(ctx);
    for (int i = 0; i < ENROLL_PLACEMENTS; i++)
        fpr_finger_clear(&enrol[i]);
    fpr_finger_clear(&probe_same);
}

int main(void)
{
    char dir[] = "/tmp/fpr-bz-XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    snprintf(sock_path, sizeof(sock_path), "%s/vimg", dir);
    setenv("FP_VIRTUAL_IMAGE", sock_path, 1);
    RUN(own_matcher_vs_bozorth3);
    unlink(sock_path);
    rmdir(dir);
    return test_done();
}
