/* devices.c: the device workers: one thread per device class (card reader, camera,
 * fingerprint reader), each behind its driver's interface, each posting its results.
 *
 * A worker holds at most one request; a new request replaces a pending one, a cancel sets
 * the flag the driver polls (the card driver between APDUs). Every result carries the id of
 * the request it answers, so that the runner can drop one that comes too late. Drivers bound every
 * wait (card timeout, camera frame timeout, fingerprint timeout), so a stuck device ends in a
 * DEV_*_FAILED event, never a hung worker; and the caller's thread never waits on a worker at all
 * (devices_stop excepted).
 *
 * Device strings: "sim" stands for the simulated backend on the demo data under
 * config sim_dir (cards/<profile>, faces/); anything else goes to the driver as it is. */
#include "kiosk/devices/devices.h"

#include <malloc.h>
#include <stdatomic.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/camera/camera.h"
#include "drivers/camera/portrait.h"
#include "drivers/card/card.h"
#include "drivers/card/reader.h"
#include "drivers/card/cccd_qr.h"
#include "drivers/fingerprint/fingerprint.h"
#include "kiosk/devices/face_check.h"
#include "kiosk/workflow/runner.h"

_Static_assert(DEV_DEVICE_SIZE == CONFIG_PATH_SIZE,
               "a request's device string holds any configured one");

void devices_fpr_options(const struct config *cfg, struct fpr_options *opt)
{
    memset(opt, 0, sizeof(*opt));
    opt->device = cfg->fingerprint_device;
    opt->min_minutiae = cfg->fp_min_minutiae;
    opt->max_attempts = cfg->fp_max_attempts;
    opt->timeout_ms = cfg->fp_timeout_seconds > 0 && cfg->fp_timeout_seconds <= 600
                          ? cfg->fp_timeout_seconds * 1000
                          : 0;
}

/* Frames in a row that must pass every check before the portrait is taken. */
#define AUTOCAPTURE_FRAMES 5
#define DEMO_CARD_PROFILE  "ngoc-2021"

enum req {
    REQ_NONE = 0,
    REQ_CARD,
    REQ_CAMERA,         /* preview until capture or stop */
    REQ_CAMERA_RELEASE, /* close the camera, drop the portrait checks' cascades */
    REQ_FINGER,
    REQ_QUIT,
};

struct worker {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    enum req req;
    uint32_t want_id; /* the id of the request waiting (under mu) */
    uint32_t cur_id;  /* the id of the request being carried out (worker thread only) */
    atomic_int cancel;
    int started;
    struct devices *d;
};

struct devices {
    const struct config *cfg;
    dev_post_fn post;
    void *arg;
    struct worker card, camera, finger;
    char describe[900];

    struct dev_card_request card_req; /* card worker's */
    atomic_int capture_now, override; /* camera worker's */
    struct app_blob chip_face;        /* the camera's request: compare with (under mu) */
    struct face_checker *faces;       /* camera worker's */
    enum finger finger_req;           /* finger worker's */
    /* the finger request's earlier captures to compare with (copies, under finger.mu) */
    struct app_finger earlier[APP_MAX_FINGERS];
    int n_earlier;
    struct fpr_reader *fpr;
};

/* A result of the request w carries out now. */
static struct dev_event *ev_new(const struct worker *w, enum dev_event_type t)
{
    struct dev_event *ev = calloc(1, sizeof(*ev));
    if (ev) {
        ev->type = t;
        ev->req_id = w->cur_id;
    }
    return ev;
}

/* A failure goes out as its driver's code: the front end words it in its own language. */
static void post_failed(struct devices *d, enum dev_event_type t, enum msg_domain domain, int code)
{
    const struct worker *w = t == DEV_CARD_FAILED     ? &d->card
                             : t == DEV_CAMERA_FAILED ? &d->camera
                                                      : &d->finger;
    struct dev_event *ev = ev_new(w, t);
    if (!ev)
        return;
    ev->domain = domain;
    ev->code = code;
    d->post(ev, d->arg);
}

/* Waits for the next request; returns it (and clears it) or REQ_QUIT. */
static enum req next_request(struct worker *w)
{
    pthread_mutex_lock(&w->mu);
    while (w->req == REQ_NONE)
        pthread_cond_wait(&w->cv, &w->mu);
    enum req r = w->req;
    if (r != REQ_QUIT)
        w->req = REQ_NONE;
    w->cur_id = w->want_id;
    w->cancel = 0;
    pthread_mutex_unlock(&w->mu);
    return r;
}

/* Takes back a request not yet picked up (a stop right after a start). */
static void withdraw(struct worker *w, enum req r)
{
    pthread_mutex_lock(&w->mu);
    if (w->req == r)
        w->req = REQ_NONE;
    pthread_mutex_unlock(&w->mu);
}

static void request(struct worker *w, enum req r, uint32_t id)
{
    pthread_mutex_lock(&w->mu);
    if (w->req != REQ_QUIT) {
        w->req = r;
        w->want_id = id;
    }
    pthread_cond_signal(&w->cv);
    pthread_mutex_unlock(&w->mu);
}

/* --- card ----------------------------------------------------------------------------- */

int devices_device_string(const struct config *cfg, enum dev_class cls, const char *device,
                          char *out, size_t cap)
{
    /* what "sim" stands for, and the folder of the named simulated devices ("sim:NAME") */
    static const struct {
        const char *sim, *named;
    } sim[] = {[DEV_CLASS_CARD] = {"cards/" DEMO_CARD_PROFILE, "cards"},
               [DEV_CLASS_CAMERA] = {"faces", NULL}};
    int n;
    if (!device)
        device = "";
    if (strcmp(device, "sim") == 0)
        n = snprintf(out, cap, "sim:%s/%s", cfg->sim_dir, sim[cls].sim);
    else if (sim[cls].named && strncmp(device, "sim:", 4) == 0 && device[4] &&
             !strchr(device + 4, '/'))
        n = snprintf(out, cap, "sim:%s/%s/%s", cfg->sim_dir, sim[cls].named, device + 4);
    else
        n = snprintf(out, cap, "%s", device);
    return n < 0 || (size_t)n >= cap ? -1 : 0;
}

static void card_progress(const char *step, int percent, void *arg)
{
    struct devices *d = arg;
    struct dev_event *ev = ev_new(&d->card, DEV_CARD_PROGRESS);
    if (!ev)
        return;
    snprintf(ev->step, sizeof(ev->step), "%s", step);
    ev->percent = percent;
    d->post(ev, d->arg);
}

/* Reads the card's QR code with the camera: frames until zbar finds a code or the card
 * timeout passes. For a simulated card the camera is the card's own folder (its qr.png). */
static int scan_qr(struct devices *d, const char *card_device, char *text, size_t n)
{
    struct camera_options opt = {.preview_width = 640, .preview_height = 480};
    struct camera *cam = NULL;
    char device[CONFIG_PATH_SIZE + 32];
    int rc;
    if (strncmp(card_device, "sim:", 4) == 0)
        snprintf(device, sizeof(device), "%s", card_device);
    else
        devices_device_string(d->cfg, DEV_CLASS_CAMERA, d->cfg->camera_device, device,
                              sizeof(device));
    if ((rc = camera_open(device, &opt, &cam)) != 0)
        return rc;
    int64_t end = cam_now_ms() + (int64_t)d->cfg->card_timeout_seconds * 1000;
    unsigned char *gray = NULL;
    size_t gray_len = 0;
    rc = CAM_ERR_TIMEOUT;
    while (!d->card.cancel && cam_now_ms() < end) {
        struct cam_frame f;
        if (camera_next_frame(cam, &f, 500) != 0)
            continue;
        unsigned char *g = realloc(gray, (size_t)f.width * (size_t)f.height);
        if (!g)
            break;
        gray = g;
        gray_len = (size_t)f.width * (size_t)f.height;
        for (int y = 0; y < f.height; y++)
            for (int x = 0; x < f.width; x++) {
                const unsigned char *px = f.rgb + (size_t)y * (size_t)f.stride + (size_t)x * 3;
                gray[(size_t)y * (size_t)f.width + (size_t)x] =
                    (unsigned char)((77 * px[0] + 150 * px[1] + 29 * px[2]) >> 8);
            }
        if (cccd_qr_decode_image(gray, f.width, f.height, text, n) == 0) {
            rc = 0;
            break;
        }
    }
    if (gray)
        explicit_bzero(gray, gray_len); /* the frame shows the card: dropped at once */
    free(gray);
    camera_close(cam);
    return rc;
}

static void card_job(struct devices *d)
{
    struct dev_card_request req = d->card_req;
    struct card_access access;
    struct card_result res;
    struct app_identity qr; /* the card's QR code, compared with the chip's DG1 and DG13 */
    int have_qr = 0;
    char device[CONFIG_PATH_SIZE + 32];
    struct dev_event *ev;
    int rc;

    memset(&access, 0, sizeof(access));
    memset(&qr, 0, sizeof(qr));
    explicit_bzero(&d->card_req, sizeof(d->card_req));
    devices_device_string(d->cfg, DEV_CLASS_CARD, req.device[0] ? req.device : d->cfg->card_device,
                          device, sizeof(device));
    if (!req.personal_id[0] && !req.qr_text[0] && req.scan_qr) {
        card_progress("qr_camera", 0, d);
        if ((rc = scan_qr(d, device, req.qr_text, sizeof(req.qr_text))) != 0) {
            post_failed(d, DEV_CARD_FAILED, MSGD_CAMERA, rc);
            goto out;
        }
    }
    if (req.qr_text[0]) {
        rc = cccd_qr_parse(req.qr_text, strlen(req.qr_text), &qr, NULL);
        if (rc != 0) {
            post_failed(d, DEV_CARD_FAILED, MSGD_QR, rc);
            goto out;
        }
        if (req.qr_only) {
            ev = ev_new(&d->card, DEV_CARD_DONE);
            if (ev && (ev->app = calloc(1, sizeof(*ev->app))) != NULL) {
                ev->app->identity = qr;
                ev->app->identity.source = ID_SOURCE_QR;
                d->post(ev, d->arg);
            } else {
                free(ev);
            }
            explicit_bzero(&qr, sizeof(qr));
            goto out;
        }
        if (!req.personal_id[0])
            snprintf(req.personal_id, sizeof(req.personal_id), "%s", qr.personal_id);
        if (!req.dob[0])
            snprintf(req.dob, sizeof(req.dob), "%s", qr.dob);
        if (!req.issue_date[0])
            snprintf(req.issue_date, sizeof(req.issue_date), "%s", qr.issue_date);
        have_qr = 1;
    }
    if (!req.personal_id[0]) {
        /* nothing to open the chip with yet: the officer scans the QR or types the ID */
        post_failed(d, DEV_CARD_FAILED, MSGD_CARD, CARD_EINVAL);
        goto out;
    }
    if (card_access_from_id(&access, req.personal_id, req.dob, req.issue_date) != 0) {
        post_failed(d, DEV_CARD_FAILED, MSGD_CARD, CARD_EINVAL);
        goto out;
    }
    access.qr = have_qr ? &qr : NULL;
    access.bind_id = req.app_id;
    struct card_options opt = {.device = device,
                               .trust_dir = d->cfg->trust_dir,
                               .timeout_ms = d->cfg->card_timeout_seconds * 1000};
    rc = card_read(&opt, &access, &res, card_progress, d, &d->card.cancel);
    if (rc == 0 || rc == CARD_EFORGED) {
        ev = ev_new(&d->card, DEV_CARD_DONE);
        if (ev && (ev->app = calloc(1, sizeof(*ev->app))) != NULL) {
            ev->app->identity = res.identity;
            ev->app->chip_report_json = res.report_json;
            ev->app->chip_face = res.face;
            /* a JPEG 2000 photo shown on screens that read only JPEG/PNG */
            face_chip_view(&ev->app->chip_face, &ev->app->chip_face_view);
            ev->app->chip_evidence = res.evidence;
            res.report_json = NULL;
            res.face.data = NULL;
            res.face.len = 0;
            memset(&res.evidence, 0, sizeof(res.evidence)); /* moved, not copied */
            d->post(ev, d->arg);
        } else {
            free(ev);
        }
        card_result_wipe(&res);
    } else {
        /* a reader failure is told in the reader's own words (pcscd down, unplugged...) */
        if (rc == CARD_EREADER && res.reader_error)
            post_failed(d, DEV_CARD_FAILED, MSGD_READER, res.reader_error);
        else
            post_failed(d, DEV_CARD_FAILED, MSGD_CARD, rc);
    }
out:
    explicit_bzero(&req, sizeof(req));
    explicit_bzero(&access, sizeof(access));
    explicit_bzero(&qr, sizeof(qr));
}

/* --- camera --------------------------------------------------------------------------- */

static struct dev_frame *preview_copy(const struct cam_frame *f, const struct portrait_report *r)
{
    struct dev_frame *df = calloc(1, sizeof(*df));
    if (!df)
        return NULL;
    df->rgb = malloc((size_t)f->width * 3 * (size_t)f->height);
    if (!df->rgb) {
        free(df);
        return NULL;
    }
    for (int y = 0; y < f->height; y++)
        memcpy(df->rgb + (size_t)y * (size_t)f->width * 3, f->rgb + (size_t)y * (size_t)f->stride,
               (size_t)f->width * 3);
    df->width = f->width;
    df->height = f->height;
    df->stride = f->width * 3;
    df->all_pass = r->all_pass;
    df->hint_check = -1;
    for (int i = 0; i < r->n && i < PC_COUNT; i++)
        if (!r->checks[i].pass) {
            df->hint_check = i;
            break;
        }
    return df;
}

/* Takes the still, checks it and posts the portrait (or why not). */
static void take_portrait(struct devices *d, struct camera *cam, struct portrait_analyzer *pa,
                          int override)
{
    struct portrait_capture pc;
    int rc = portrait_capture_take(cam, pa, d->cfg->portrait_width, d->cfg->portrait_height, &pc);
    if (rc != 0) {
        post_failed(d, DEV_CAMERA_FAILED, MSGD_CAMERA, rc);
        return;
    }
    if (!pc.all_pass && !override) {
        /* the still differs from the previews that passed: keep previewing */
        portrait_capture_free(&pc);
        return;
    }
    struct dev_event *ev = ev_new(&d->camera, DEV_PORTRAIT_DONE);
    if (!ev || !(ev->app = calloc(1, sizeof(*ev->app)))) {
        free(ev);
        portrait_capture_free(&pc);
        return;
    }
    /* the JPEG and its report move to the event */
    ev->app->portrait.data = pc.jpeg;
    ev->app->portrait.len = pc.jpeg_len;
    ev->app->portrait_quality_json = pc.quality_json;
    ev->app->portrait_override = override && !pc.all_pass;
    /* the 1:1 check of this portrait against the chip's photo (runs here, on the camera's
     * thread: ~0.1 s a photo, never on the screen's) */
    struct app_blob chip = {0};
    pthread_mutex_lock(&d->camera.mu);
    int had_chip = d->chip_face.len > 0;
    int copied = app_blob_set(&chip, d->chip_face.data, d->chip_face.len);
    pthread_mutex_unlock(&d->camera.mu);
    face_checker_run(d->faces, copied == 0 ? &chip : NULL, &ev->app->portrait, &ev->app->face);
    if (copied != 0 && had_chip) /* no memory for the copy: not checked */
        ev->app->face.verdict = APP_FACE_UNAVAILABLE;
    app_blob_wipe(&chip);
    pc.jpeg = NULL;
    pc.jpeg_len = 0;
    pc.quality_json = NULL;
    portrait_capture_free(&pc);
    d->post(ev, d->arg);
    d->camera.cancel = 1; /* done: stop previewing */
}

static void camera_job(struct devices *d, struct camera **cam, struct portrait_analyzer **pa)
{
    char device[CONFIG_PATH_SIZE + 32];
    struct portrait_autocapture ac;
    int rc;
    if (!*pa && !(*pa = portrait_analyzer_new(NULL))) {
        post_failed(d, DEV_CAMERA_FAILED, MSGD_CAMERA, CAM_ERR_DATA);
        return;
    }
    if (!*cam) {
        struct camera_options opt = {.preview_width = 640,
                                     .preview_height = 480,
                                     .still_width = d->cfg->camera_width,
                                     .still_height = d->cfg->camera_height,
                                     .fps = d->cfg->camera_fps};
        devices_device_string(d->cfg, DEV_CLASS_CAMERA, d->cfg->camera_device, device,
                              sizeof(device));
        if ((rc = camera_open(device, &opt, cam)) != 0) {
            post_failed(d, DEV_CAMERA_FAILED, MSGD_CAMERA, rc);
            return;
        }
    }
    portrait_autocapture_init(&ac, AUTOCAPTURE_FRAMES);
    d->capture_now = 0;
    while (!d->camera.cancel) {
        struct cam_frame f;
        struct portrait_report rep;
        rc = camera_next_frame(*cam, &f, 1000);
        if (rc == CAM_ERR_TIMEOUT)
            continue;
        if (rc != 0) {
            post_failed(d, DEV_CAMERA_FAILED, MSGD_CAMERA, rc);
            camera_close(*cam); /* reopened at the next start */
            *cam = NULL;
            return;
        }
        if (portrait_analyze(*pa, &f, &rep) != 0)
            continue;
        struct dev_event *ev = ev_new(&d->camera, DEV_PREVIEW);
        if (ev && (ev->frame = preview_copy(&f, &rep)) != NULL)
            d->post(ev, d->arg);
        else
            free(ev);
        int ready = portrait_autocapture_feed(&ac, &rep);
        if (d->capture_now || ready) {
            int override = d->capture_now && d->override;
            d->capture_now = 0;
            take_portrait(d, *cam, *pa, override);
        }
    }
}

/* --- fingerprint ------------------------------------------------------------------------ */

static void finger_state(int state, const struct fpr_quality *q, void *ctx)
{
    struct devices *d = ctx;
    struct dev_event *ev = ev_new(&d->finger, DEV_FINGER_STATE);
    (void)q;
    if (!ev)
        return;
    ev->state = state;
    ev->finger = d->finger_req;
    d->post(ev, d->arg);
}

/* Forgets the earlier captures of the finger request (under finger.mu). */
static void earlier_wipe(struct devices *d)
{
    for (int i = 0; i < d->n_earlier; i++)
        app_blob_wipe(&d->earlier[i].image);
    memset(d->earlier, 0, sizeof d->earlier);
    d->n_earlier = 0;
}

/* The earlier captures of the request being carried out: a copy of the request's, taken when
 * the job starts (the next request may replace the request's meanwhile). -1: none asked. */
struct earlier_set {
    struct app_finger f[APP_MAX_FINGERS];
    int n;
};

static void earlier_take(struct devices *d, struct earlier_set *e)
{
    pthread_mutex_lock(&d->finger.mu);
    memcpy(e->f, d->earlier, sizeof e->f); /* the images move to e */
    e->n = d->n_earlier;
    memset(d->earlier, 0, sizeof d->earlier);
    d->n_earlier = -1;
    pthread_mutex_unlock(&d->finger.mu);
}

/* The capture f against the earlier captures (the minutiae of both: tens of milliseconds a
 * pair, here on the finger's thread rather than the screen's); e is wiped. */
static void compare_earlier(struct earlier_set *e, const struct app_finger *f, struct dev_event *ev)
{
    ev->same_checked = e->n >= 0;
    ev->same_as = FINGER_NONE;
    for (int i = 0; f->exception == FINGER_CAPTURED && f->image.data && i < e->n; i++) {
        int same = 0;
        if (fpr_same_finger(&e->f[i], f, &same) == 0 && same) {
            ev->same_as = e->f[i].position;
            break;
        }
    }
}

static void earlier_set_wipe(struct earlier_set *e)
{
    for (int i = 0; i < e->n; i++)
        app_blob_wipe(&e->f[i].image);
    e->n = -1;
}

static void finger_capture_job(struct devices *d, struct earlier_set *earlier)
{
    int rc;
    if (!d->fpr) {
        struct fpr_options opt;
        devices_fpr_options(d->cfg, &opt);
        if ((rc = fpr_open(&opt, &d->fpr)) != 0) {
            post_failed(d, DEV_FINGER_FAILED, MSGD_FPR, rc);
            return;
        }
    }
    struct app_finger *f = calloc(1, sizeof(*f));
    if (!f)
        return;
    rc = fpr_capture_finger(d->fpr, d->finger_req, f, finger_state, d, &d->finger.cancel);
    if (rc == FPR_ERR_POOR) {
        /* Three attempts, none good enough: the best one is kept (its quality report says
         * so); when no attempt gave an image at all, the finger is recorded unreadable and
         * the workflow offers the next finger of that hand. */
        if (!f->image.data) {
            fpr_finger_clear(f);
            f->position = d->finger_req;
            f->exception = FINGER_UNREADABLE;
        }
        rc = 0;
    }
    if (rc == 0) {
        struct dev_event *ev = ev_new(&d->finger, DEV_FINGER_DONE);
        if (ev) {
            ev->finger = f->position;
            ev->fingerp = f;
            compare_earlier(earlier, f, ev);
            d->post(ev, d->arg);
            return;
        }
    }
    fpr_finger_clear(f);
    free(f);
    if (rc == FPR_ERR_GONE || rc == FPR_ERR_DEVICE) {
        fpr_close(d->fpr);
        d->fpr = NULL;
    }
    if (rc != 0 && rc != FPR_ERR_CANCELLED)
        post_failed(d, DEV_FINGER_FAILED, MSGD_FPR, rc);
}

static void finger_job(struct devices *d)
{
    struct earlier_set earlier;
    earlier_take(d, &earlier);
    finger_capture_job(d, &earlier);
    earlier_set_wipe(&earlier);
}

/* --- the threads ------------------------------------------------------------------------ */

static void *card_main(void *arg)
{
    struct devices *d = arg;
    while (next_request(&d->card) == REQ_CARD)
        card_job(d);
    return NULL;
}

/* The camera and the portrait checks are released when the workflow stops the camera (the
 * portrait accepted, the step left, the enrolment over): the camera's frames, the cascades and
 * OpenCV's buffers are ~10-15 MB that nothing needs until the next portrait, and a camera left
 * streaming keeps its light on. A retake keeps them: the workflow stops the camera only when
 * the step is left. Reopening costs the next portrait the cascades' loading (~10 ms) and the
 * camera's open and stream start (bench/RESULTS.md). */
static void camera_release(struct camera **cam, struct portrait_analyzer **pa)
{
    if (!*cam && !*pa)
        return;
    camera_close(*cam);
    *cam = NULL;
    portrait_analyzer_free(*pa);
    *pa = NULL;
}

static void *camera_main(void *arg)
{
    struct devices *d = arg;
    struct camera *cam = NULL;
    struct portrait_analyzer *pa = NULL;
    enum req r;
    while ((r = next_request(&d->camera)) != REQ_QUIT) {
        if (r == REQ_CAMERA)
            camera_job(d, &cam, &pa);
        else if (r == REQ_CAMERA_RELEASE)
            camera_release(&cam, &pa);
    }
    camera_close(cam);
    portrait_analyzer_free(pa);
    face_checker_free(d->faces);
    d->faces = NULL;
    return NULL;
}

static void *finger_main(void *arg)
{
    struct devices *d = arg;
    while (next_request(&d->finger) == REQ_FINGER)
        finger_job(d);
    if (d->fpr)
        fpr_close(d->fpr);
    d->fpr = NULL;
    return NULL;
}

static int start_worker(struct devices *d, struct worker *w, void *(*fn)(void *))
{
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->cv, NULL);
    w->d = d;
    if (pthread_create(&w->thread, NULL, fn, d) != 0)
        return -1;
    w->started = 1;
    return 0;
}

static void stop_worker(struct worker *w)
{
    if (!w->started)
        return;
    w->cancel = 1;
    request(w, REQ_QUIT, 0);
    pthread_join(w->thread, NULL);
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->cv);
    w->started = 0;
}

/* The workers are threads, and glibc gives each thread that allocates its own malloc arena
 * (64 MB reserved, a few MB resident each that are seldom given back): one arena for the
 * process, and every buffer from 256 KiB up (camera frames, portraits, fingerprint images)
 * mapped on its own so that freeing it gives it back at once. With the Argon2id hashes and the
 * face comparison in helper processes this keeps the UI enrolment inside its 80 MB
 * (bench_ui_enrol's ui_enrolment_peak_rss; the figures per stage in bench/RESULTS.md). */
static void malloc_for_workers(void)
{
    mallopt(M_ARENA_MAX, 1);
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
}

int devices_start(const struct config *cfg, dev_post_fn post, void *arg, struct devices **out,
                  char *err, size_t errlen)
{
    malloc_for_workers();
    struct devices *d = calloc(1, sizeof(*d));
    *out = NULL;
    if (!d) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    d->cfg = cfg;
    d->post = post;
    d->arg = arg;
    if (!(d->faces = face_checker_new(cfg->face_model_dir))) {
        snprintf(err, errlen, "out of memory");
        free(d);
        return -1;
    }
    snprintf(d->describe, sizeof(d->describe), "card: %s%s, camera: %s%s, fingerprint: %s%s",
             cfg->card_device, strcmp(cfg->card_device, "sim") == 0 ? " (simulated)" : "",
             cfg->camera_device, strcmp(cfg->camera_device, "sim") == 0 ? " (simulated)" : "",
             cfg->fingerprint_device[0] ? cfg->fingerprint_device : "first reader",
             strncmp(cfg->fingerprint_device, "sim", 3) == 0 ? " (simulated)" : "");
    if (start_worker(d, &d->card, card_main) || start_worker(d, &d->camera, camera_main) ||
        start_worker(d, &d->finger, finger_main)) {
        snprintf(err, errlen, "cannot start the device threads");
        devices_stop(d);
        return -1;
    }
    *out = d;
    return 0;
}

void devices_stop(struct devices *d)
{
    if (!d)
        return;
    if (d->fpr)
        fpr_cancel(d->fpr);
    stop_worker(&d->card);
    stop_worker(&d->camera);
    stop_worker(&d->finger);
    explicit_bzero(&d->card_req, sizeof(d->card_req));
    app_blob_wipe(&d->chip_face);
    earlier_wipe(d);
    face_checker_free(d->faces); /* when the camera thread never started */
    free(d);
}

const char *devices_describe(const struct devices *d)
{
    return d->describe;
}

void devices_card_read(struct devices *d, const struct dev_card_request *req)
{
    pthread_mutex_lock(&d->card.mu);
    d->card_req = *req;
    pthread_mutex_unlock(&d->card.mu);
    request(&d->card, REQ_CARD, req->req_id);
}

void devices_card_cancel(struct devices *d)
{
    withdraw(&d->card, REQ_CARD);
    d->card.cancel = 1;
}

void devices_camera_start(struct devices *d, uint32_t req_id, const struct app_blob *chip_face)
{
    pthread_mutex_lock(&d->camera.mu);
    if (app_blob_set(&d->chip_face, chip_face ? chip_face->data : NULL,
                     chip_face ? chip_face->len : 0) != 0)
        app_blob_wipe(&d->chip_face);
    pthread_mutex_unlock(&d->camera.mu);
    d->camera.cancel = 0;
    request(&d->camera, REQ_CAMERA, req_id);
}

void devices_camera_capture(struct devices *d, int officer_override)
{
    d->override = officer_override;
    d->capture_now = 1;
}

void devices_camera_stop(struct devices *d)
{
    withdraw(&d->camera, REQ_CAMERA);
    d->camera.cancel = 1;
    request(&d->camera, REQ_CAMERA_RELEASE, 0); /* after the preview ends; a start replaces it */
}

void devices_finger_capture(struct devices *d, enum finger f, uint32_t req_id)
{
    pthread_mutex_lock(&d->finger.mu);
    earlier_wipe(d);
    d->n_earlier = -1; /* nothing to compare with: the event says not checked */
    pthread_mutex_unlock(&d->finger.mu);
    d->finger_req = f;
    request(&d->finger, REQ_FINGER, req_id);
}

void devices_finger_capture_unlike(struct devices *d, enum finger f, uint32_t req_id,
                                   const struct app_finger *earlier, int n_earlier)
{
    pthread_mutex_lock(&d->finger.mu);
    earlier_wipe(d);
    for (int i = 0; i < n_earlier && d->n_earlier < APP_MAX_FINGERS; i++) {
        const struct app_finger *e = &earlier[i];
        if (e->exception != FINGER_CAPTURED || !e->image.data)
            continue;
        struct app_finger *c = &d->earlier[d->n_earlier];
        c->position = e->position;
        c->exception = e->exception;
        c->width = e->width;
        c->height = e->height;
        c->ppi = e->ppi;
        if (app_blob_set(&c->image, e->image.data, e->image.len) == 0)
            d->n_earlier++;
    }
    pthread_mutex_unlock(&d->finger.mu);
    d->finger_req = f;
    request(&d->finger, REQ_FINGER, req_id);
}

void devices_finger_cancel(struct devices *d)
{
    withdraw(&d->finger, REQ_FINGER);
    d->finger.cancel = 1;
    if (d->fpr)
        fpr_cancel(d->fpr);
}

/* --- the runner's view ------------------------------------------------------------------ */

static void r_card_read(void *dev, const struct dev_card_request *req)
{
    devices_card_read(dev, req);
}
static void r_card_cancel(void *dev)
{
    devices_card_cancel(dev);
}
static void r_camera_start(void *dev, uint32_t req_id, const struct app_blob *chip_face)
{
    devices_camera_start(dev, req_id, chip_face);
}
static void r_camera_stop(void *dev)
{
    devices_camera_stop(dev);
}
static void r_finger_capture(void *dev, enum finger f, uint32_t req_id)
{
    devices_finger_capture(dev, f, req_id);
}
static void r_finger_capture_unlike(void *dev, enum finger f, uint32_t req_id,
                                    const struct app_finger *earlier, int n_earlier)
{
    devices_finger_capture_unlike(dev, f, req_id, earlier, n_earlier);
}
static void r_finger_cancel(void *dev)
{
    devices_finger_cancel(dev);
}
static int r_same_finger(void *dev, const struct app_finger *a, const struct app_finger *b)
{
    int same = 0;
    (void)dev;
    return fpr_same_finger(a, b, &same) == 0 && same;
}

const struct runner_dev_ops devices_runner_ops = {
    .card_read = r_card_read,
    .card_cancel = r_card_cancel,
    .camera_start = r_camera_start,
    .camera_stop = r_camera_stop,
    .finger_capture = r_finger_capture,
    .finger_cancel = r_finger_cancel,
    .same_finger = r_same_finger,
    .finger_capture_unlike = r_finger_capture_unlike,
};
