/* test_fpr_libfprint.c: the production backend (plain libfprint, no sim) on the real library:
 * the device is picked by libfprint's own enumeration ("" = first imaging device, or the
 * driver id), and a feeder thread (tests/rigs/fingerprint/fpfeed) plays the finger on the
 * virtual_image socket: image bytes arrive unchanged, the reader's retry, error and unplug answers
 * map to the right codes, and silence times out. */
#include "drivers/fingerprint/fingerprint.h"
#include "drivers/fingerprint/fpr_synth.h"
#include "tests/rigs/fingerprint/fpfeed.h"
#include "tests/test.h"

#include <stdlib.h>
#include <unistd.h>

static char sock_path[128];

/* What the finger does at each FPR_STATE_PLACE: an image, or a control message. */
struct play {
    struct fpfeed *feed;
    const unsigned char *img;
    int w, h;
    int ctl[4][2]; /* per attempt: {0,0} = the image, {-1,n} retry, {-2,n} error, {-5,0} */
    int attempt;
    int silent; /* send nothing */
};

static void on_state(int state, const struct fpr_quality *q, void *ctx)
{
    struct play *p = ctx;
    (void)q;
    if (state != FPR_STATE_PLACE || p->silent)
        return;
    int *c = p->ctl[p->attempt++ % 4];
    if (c[0] == 0)
        fpfeed_image(p->feed, p->img, p->w, p->h);
    else
        fpfeed_control(p->feed, c[0], c[1]);
}

static int run(const char *device, struct play *p, int timeout_ms, struct app_finger *out)
{
    struct fpr_options o = {device, 60, 3, timeout_ms};
    struct fpr_reader *r = NULL;
    int rc = fpr_open(&o, &r);
    if (rc != 0)
        return rc;
    if (fpfeed_start(sock_path, &p->feed) != 0) {
        fpr_close(r);
        return -100;
    }
    rc = fpr_capture_finger(r, FINGER_L_THUMB, out, on_state, p, NULL);
    fpfeed_stop(p->feed);
    fpr_close(r);
    return rc;
}

static unsigned char *good_image(int *w, int *h)
{
    struct fpr_synth_params sp;
    fpr_synth_defaults(&sp, 99);
    unsigned char *img = malloc((size_t)sp.width * sp.height);
    if (img)
        fpr_synth_render(&sp, img);
    *w = sp.width;
    *h = sp.height;
    return img;
}

TEST(first_imaging_device_gets_the_exact_image)
{
    struct play p = {0};
    unsigned char *img = good_image(&p.w, &p.h);
    CHECK(img != NULL);
    p.img = img;
    struct app_finger f;
    int rc = run("", &p, 5000, &f);
    CHECK_INT(rc, 0);
    CHECK_INT(f.width, p.w);
    CHECK_INT(f.height, p.h);
    CHECK_INT(f.ppi, 500); /* virtual images state no resolution: NBIS's 500 ppi assumed */
    CHECK(memcmp(f.image.data, img, f.image.len) == 0);
    CHECK(strstr(f.quality_json, "\"passed\":true") != NULL);
    free(img);
    fpr_finger_clear(&f);
}

TEST(reader_retry_then_image)
{
    struct play p = {.ctl = {{-1, 1}, {-1, 2}, {0, 0}}};
    unsigned char *img = good_image(&p.w, &p.h);
    CHECK(img != NULL);
    p.img = img;
    struct app_finger f;
    int rc = run("virtual_image", &p, 5000, &f);
    free(img);
    CHECK_INT(rc, 0);
    CHECK_INT(f.attempts, 3);
    fpr_finger_clear(&f);
}

TEST(reader_error_and_unplug)
{
    struct play p = {.ctl = {{-2, 0}}};
    struct app_finger f;
    CHECK_INT(run("virtual_image", &p, 5000, &f), FPR_ERR_DEVICE);
    CHECK(f.image.data == NULL);
    struct play g = {.ctl = {{-5, 0}}};
    CHECK_INT(run("virtual_image", &g, 5000, &f), FPR_ERR_GONE);
    CHECK(f.image.data == NULL);
}

TEST(silent_reader_times_out)
{
    struct play p = {.silent = 1};
    struct app_finger f;
    CHECK_INT(run("virtual_image", &p, 300, &f), FPR_ERR_TIMEOUT);
    CHECK(f.image.data == NULL && f.attempts == 0);
}

int main(void)
{
    char dir[] = "/tmp/fpr-lf-XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    snprintf(sock_path, sizeof(sock_path), "%s/vimg", dir);
    /* before any libfprint context exists: enumeration then lists the virtual_image device */
    setenv("FP_VIRTUAL_IMAGE", sock_path, 1);
    RUN(first_imaging_device_gets_the_exact_image);
    RUN(reader_retry_then_image);
    RUN(reader_error_and_unplug);
    RUN(silent_reader_times_out);
    unlink(sock_path);
    rmdir(dir);
    return test_done();
}
