/* fpr_reader.c: the fingerprint module's front (fingerprint.h): picks a backend, runs the
 * attempts of one finger and keeps the best, and answers "same finger twice?".
 *
 * Per finger:  PLACE -> (capture) -> READING -> QUALITY --passed--> DONE
 *                 ^                                 `--poor--> RETRY --attempts left--> PLACE
 *                 `-- reader asked to retry (counts as an attempt)      `--none left--> DONE
 * A timeout, cancel, device error or unplug ends the finger at once with out cleared.
 * Guarantees: an attempt's image that is not kept is wiped before it is freed; nothing about
 * the citizen (image, quality, finger) is logged. */
#include "drivers/fingerprint/fpr_internal.h"

#include <stdlib.h>
#include <string.h>

#define DEFAULT_ATTEMPTS   3
#define MAX_ATTEMPTS       10
#define DEFAULT_TIMEOUT_MS 20000
#define SAME_MIN_SCORE     0.55 /* synthetic: genuine pairs >= 0.89, others <= 0.33 */
#define SAME_MIN_PAIRED    15

struct fpr_reader {
    const struct fpr_ops *ops;
    void *state;
    int min_minutiae, max_attempts, timeout_ms;
};

static const struct {
    const char *prefix; /* matched at the start of the device string */
    const struct fpr_ops *ops;
} fpr_backends[] = {
    {"sim", &fpr_sim_ops},
    {"", &fpr_libfprint_ops}, /* anything else is a libfprint driver id, or "" */
};

int fpr_open(const struct fpr_options *opt, struct fpr_reader **out)
{
    if (!out)
        return FPR_ERR_ARG;
    *out = NULL;
    if (!opt || opt->min_minutiae < 0 || opt->max_attempts < 0 ||
        opt->max_attempts > MAX_ATTEMPTS || opt->timeout_ms < 0)
        return FPR_ERR_ARG;
    const char *dev = opt->device ? opt->device : "";
    struct fpr_reader *r = calloc(1, sizeof(*r));
    if (!r)
        return FPR_ERR_NOMEM;
    for (size_t i = 0; i < sizeof(fpr_backends) / sizeof(fpr_backends[0]); i++) {
        size_t n = strlen(fpr_backends[i].prefix);
        if (strncmp(dev, fpr_backends[i].prefix, n) == 0 &&
            (n == 0 || dev[n] == 0 || dev[n] == ':')) {
            r->ops = fpr_backends[i].ops;
            break;
        }
    }
    r->min_minutiae = opt->min_minutiae;
    r->max_attempts = opt->max_attempts ? opt->max_attempts : DEFAULT_ATTEMPTS;
    r->timeout_ms = opt->timeout_ms ? opt->timeout_ms : DEFAULT_TIMEOUT_MS;
    int rc = r->ops->open(dev, &r->state);
    if (rc != 0) {
        free(r);
        return rc;
    }
    *out = r;
    return 0;
}

void fpr_cancel(struct fpr_reader *r)
{
    if (r)
        r->ops->cancel(r->state);
}

void fpr_close(struct fpr_reader *r)
{
    if (!r)
        return;
    r->ops->close(r->state);
    free(r);
}

static void image_wipe(struct fpr_image *img)
{
    if (img->data)
        explicit_bzero(img->data, (size_t)img->width * img->height);
    free(img->data);
    free(img->xy);
    memset(img, 0, sizeof(*img));
}

void fpr_finger_clear(struct app_finger *f)
{
    if (!f)
        return;
    if (f->image.data)
        explicit_bzero(f->image.data, f->image.len);
    free(f->image.data);
    if (f->quality_json)
        explicit_bzero(f->quality_json, strlen(f->quality_json));
    free(f->quality_json);
    memset(f, 0, sizeof(*f));
}

/* Passed beats not passed; then more minutiae; then more area. */
static int better(const struct fpr_quality *a, const struct fpr_quality *b)
{
    if (a->passed != b->passed)
        return a->passed > b->passed;
    if (a->minutiae != b->minutiae)
        return a->minutiae > b->minutiae;
    return a->area > b->area;
}

int fpr_capture_finger(struct fpr_reader *r, enum finger f, struct app_finger *out,
                       void (*state_cb)(int state, const struct fpr_quality *q, void *ctx),
                       void *ctx, const atomic_int *cancel)
{
    if (!out)
        return FPR_ERR_ARG;
    memset(out, 0, sizeof(*out));
    if (!r || f < FINGER_R_THUMB || f > FINGER_L_LITTLE)
        return FPR_ERR_ARG;
    struct fpr_image best = {0}, img = {0};
    struct fpr_quality best_q = {0}, q;
    int best_attempt = 0, attempt, rc = FPR_OK;
    int *xy = NULL, n = 0;
    for (attempt = 1; attempt <= r->max_attempts; attempt++) {
        if (cancel && *cancel) {
            rc = FPR_ERR_CANCELLED;
            goto out;
        }
        if (state_cb)
            state_cb(FPR_STATE_PLACE, NULL, ctx);
        rc = r->ops->capture(r->state, f, r->timeout_ms, cancel, &img);
        if (rc == FPR_ERR_POOR) { /* the reader itself wants another touch */
            if (attempt < r->max_attempts && state_cb)
                state_cb(FPR_STATE_RETRY, NULL, ctx);
            continue;
        }
        if (rc != 0)
            goto out;
        if (state_cb)
            state_cb(FPR_STATE_READING, NULL, ctx);
        if (img.xy) {
            fpr_quality_measure(img.data, img.width, img.height, img.ppi, img.xy, img.n_minutiae,
                                r->min_minutiae, &q);
        } else {
            if ((rc = fpr_detect_minutiae(img.data, img.width, img.height, &xy, &n)) != 0)
                goto out;
            fpr_quality_measure(img.data, img.width, img.height, img.ppi, xy, n, r->min_minutiae,
                                &q);
            free(xy);
            xy = NULL;
        }
        if (state_cb)
            state_cb(FPR_STATE_QUALITY, &q, ctx);
        if (!best.data || better(&q, &best_q)) {
            image_wipe(&best);
            best = img;
            best_q = q;
            best_attempt = attempt;
            memset(&img, 0, sizeof(img));
        } else {
            image_wipe(&img);
        }
        if (q.passed)
            break;
        if (attempt < r->max_attempts && state_cb)
            state_cb(FPR_STATE_RETRY, &q, ctx);
    }
    if (attempt > r->max_attempts)
        attempt = r->max_attempts;
    out->position = f;
    out->attempts = attempt;
    if (!best.data) {
        out->exception = FINGER_UNREADABLE;
        rc = FPR_ERR_POOR;
        goto out;
    }
    out->quality_json = fpr_quality_json(&best_q, best_attempt, attempt);
    if (!out->quality_json) {
        rc = FPR_ERR_NOMEM;
        goto out;
    }
    out->exception = FINGER_CAPTURED;
    out->width = best.width;
    out->height = best.height;
    out->ppi = best.ppi;
    out->image.data = best.data;
    out->image.len = (size_t)best.width * best.height;
    free(best.xy);
    memset(&best, 0, sizeof(best));
    rc = best_q.passed ? FPR_OK : FPR_ERR_POOR;
out:
    free(xy);
    image_wipe(&img);
    image_wipe(&best);
    if (rc != FPR_OK && rc != FPR_ERR_POOR)
        fpr_finger_clear(out);
    if (state_cb)
        state_cb(FPR_STATE_DONE, out->image.data ? &best_q : NULL, ctx);
    return rc;
}

int fpr_same_finger(const struct app_finger *a, const struct app_finger *b, int *same)
{
    if (!same)
        return FPR_ERR_ARG;
    *same = 0;
    if (!a || !b || !a->image.data || !b->image.data ||
        a->image.len != (size_t)a->width * a->height ||
        b->image.len != (size_t)b->width * b->height)
        return FPR_ERR_IMAGE;
    int *pa = NULL, *pb = NULL, na = 0, nb = 0, paired = 0;
    int rc = fpr_detect_minutiae(a->image.data, a->width, a->height, &pa, &na);
    if (rc == 0)
        rc = fpr_detect_minutiae(b->image.data, b->width, b->height, &pb, &nb);
    if (rc == 0) {
        na = fpr_minutiae_in_print(a->image.data, a->width, a->height, pa, na);
        nb = fpr_minutiae_in_print(b->image.data, b->width, b->height, pb, nb);
        double score = fpr_match_points(pa, na, pb, nb, &paired);
        *same = score >= SAME_MIN_SCORE && paired >= SAME_MIN_PAIRED;
    }
    free(pa);
    free(pb);
    return rc;
}

const char *fpr_strerror(int err)
{
    switch (err) {
    case FPR_OK:
        return "ok";
    case FPR_ERR_ARG:
        return "invalid argument";
    case FPR_ERR_NO_DEVICE:
        return "no fingerprint reader";
    case FPR_ERR_OPEN:
        return "reader would not open";
    case FPR_ERR_TIMEOUT:
        return "timed out waiting for the finger";
    case FPR_ERR_DEVICE:
        return "reader failed";
    case FPR_ERR_GONE:
        return "reader unplugged";
    case FPR_ERR_CANCELLED:
        return "cancelled";
    case FPR_ERR_POOR:
        return "no capture met the quality bar";
    case FPR_ERR_NOMEM:
        return "out of memory";
    case FPR_ERR_IMAGE:
        return "unusable image";
    case FPR_ERR_MODULE:
        return "the fingerprint module cannot be loaded";
    default:
        return "unknown fingerprint error";
    }
}
