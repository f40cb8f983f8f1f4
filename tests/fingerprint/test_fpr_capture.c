/* test_fpr_capture.c: capturing fingers through the REAL libfprint (virtual_image driver fed
 * by the synthetic generator via the sim backend): good, poor, blank, retry, best kept,
 * device error, unplug, a reader that never answers (timeout), cancel, bad device names, and
 * the exception flow (unreadable finger, then the fallback finger). */
#include "kiosk/messages/messages.h"
#include "drivers/fingerprint/fingerprint.h"
#include "kiosk/config/config.h"
#include "kiosk/devices/devices.h"
#include "tests/test.h"

#include <stdatomic.h>
#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct seen {
    int n[FPR_STATE_DONE + 1];
    int last_minutiae;
};

static void on_state(int state, const struct fpr_quality *q, void *ctx)
{
    struct seen *s = ctx;
    if (state >= 0 && state <= FPR_STATE_DONE)
        s->n[state]++;
    if (q)
        s->last_minutiae = q->minutiae;
}

static int open_sim(const char *dev, int timeout_ms, struct fpr_reader **r)
{
    struct fpr_options o = {dev, 60, 3, timeout_ms};
    return fpr_open(&o, r);
}

/* The kept capture's quality report, parsed. */
static json_t *quality(const struct app_finger *f)
{
    return f->quality_json ? json_loads(f->quality_json, 0, NULL) : NULL;
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

TEST(good_first_attempt)
{
    struct fpr_reader *r = NULL;
    struct app_finger f;
    struct seen s = {0};
    CHECK_INT(open_sim("sim", 5000, &r), 0);
    int rc = fpr_capture_finger(r, FINGER_R_INDEX, &f, on_state, &s, NULL);
    fpr_close(r);
    CHECK_INT(rc, 0);
    CHECK_INT(f.position, FINGER_R_INDEX);
    CHECK_INT(f.exception, FINGER_CAPTURED);
    CHECK_INT(f.attempts, 1);
    CHECK_INT(f.width, 320);
    CHECK_INT(f.height, 384);
    CHECK_INT(f.ppi, 500);
    CHECK_INT(f.image.len, 320 * 384);
    json_t *q = quality(&f);
    CHECK(q != NULL);
    CHECK(json_is_true(json_object_get(q, "passed")));
    CHECK(json_integer_value(json_object_get(q, "minutiae")) >= 60);
    CHECK(json_real_value(json_object_get(q, "area")) > 0.4);
    json_decref(q);
    CHECK_INT(s.n[FPR_STATE_PLACE], 1);
    CHECK_INT(s.n[FPR_STATE_QUALITY], 1);
    CHECK_INT(s.n[FPR_STATE_RETRY], 0);
    CHECK_INT(s.n[FPR_STATE_DONE], 1);
    CHECK(s.last_minutiae >= 60);
    fpr_finger_clear(&f);
    CHECK(f.image.data == NULL && f.quality_json == NULL);
}

/* The simulated reader hands its socket to libfprint directly: opening and capturing leave
 * the process environment untouched (a setenv at run time races with getenv in the kiosk's
 * other threads), even with a stale FP_VIRTUAL_IMAGE in it. */
extern char **environ;
TEST(sim_reader_leaves_the_environment_alone)
{
    CHECK_INT(setenv("FP_VIRTUAL_IMAGE", "/nonexistent/stale-socket", 1), 0);
    char **before = environ;
    size_t n = 0;
    while (environ[n])
        n++;
    struct fpr_reader *r = NULL;
    struct app_finger f;
    CHECK_INT(open_sim("sim", 5000, &r), 0);
    int rc = fpr_capture_finger(r, FINGER_L_INDEX, &f, NULL, NULL, NULL);
    fpr_close(r);
    CHECK_INT(rc, 0);
    fpr_finger_clear(&f);
    CHECK(environ == before);
    size_t m = 0;
    while (environ[m])
        m++;
    CHECK(m == n);
    CHECK(getenv("FP_VIRTUAL_IMAGE") &&
          strcmp(getenv("FP_VIRTUAL_IMAGE"), "/nonexistent/stale-socket") == 0);
    unsetenv("FP_VIRTUAL_IMAGE");
}

TEST(poor_three_times_keeps_best)
{
    struct fpr_reader *r = NULL;
    struct app_finger f;
    struct seen s = {0};
    CHECK_INT(open_sim("sim:blank,partial,blank", 5000, &r), 0);
    int rc = fpr_capture_finger(r, FINGER_L_INDEX, &f, on_state, &s, NULL);
    fpr_close(r);
    CHECK_INT(rc, FPR_ERR_POOR);
    CHECK_INT(f.attempts, 3);
    CHECK_INT(f.exception, FINGER_CAPTURED); /* an image is kept: the workflow decides */
    CHECK(f.image.data != NULL);
    json_t *q = quality(&f);
    CHECK(q != NULL);
    CHECK(json_is_false(json_object_get(q, "passed")));
    CHECK_INT(json_integer_value(json_object_get(q, "attempt")), 2); /* the partial print */
    CHECK(json_integer_value(json_object_get(q, "minutiae")) > 0);
    CHECK_STR(json_string_value(json_object_get(q, "failed")), "area");
    json_decref(q);
    CHECK_INT(s.n[FPR_STATE_PLACE], 3);
    CHECK_INT(s.n[FPR_STATE_RETRY], 2);
    fpr_finger_clear(&f);
}

TEST(poor_print_fails_minutiae)
{
    struct fpr_reader *r = NULL;
    struct app_finger f;
    CHECK_INT(open_sim("sim:poor,poor,poor", 5000, &r), 0);
    int rc = fpr_capture_finger(r, FINGER_R_THUMB, &f, NULL, NULL, NULL);
    fpr_close(r);
    CHECK_INT(rc, FPR_ERR_POOR);
    json_t *q = quality(&f);
    CHECK(q != NULL);
    CHECK(json_integer_value(json_object_get(q, "minutiae")) < 60);
    CHECK_STR(json_string_value(json_object_get(q, "failed")), "minutiae");
    json_decref(q);
    fpr_finger_clear(&f);
}

TEST(blank_glass_is_refused)
{
    /* libfprint's image device runs the detector on each capture and turns an image with no
     * minutiae into a retry: the empty glass never becomes a kept image */
    struct fpr_reader *r = NULL;
    struct app_finger f;
    struct seen s = {0};
    CHECK_INT(open_sim("sim:blank,blank,blank", 5000, &r), 0);
    int rc = fpr_capture_finger(r, FINGER_R_INDEX, &f, on_state, &s, NULL);
    fpr_close(r);
    CHECK_INT(rc, FPR_ERR_POOR);
    CHECK_INT(f.exception, FINGER_UNREADABLE);
    CHECK(f.image.data == NULL && f.quality_json == NULL);
    CHECK_INT(f.attempts, 3);
    CHECK_INT(s.n[FPR_STATE_QUALITY], 0);
    CHECK_INT(s.n[FPR_STATE_RETRY], 2);
}

TEST(retry_after_poor_then_good)
{
    struct fpr_reader *r = NULL;
    struct app_finger f;
    struct seen s = {0};
    CHECK_INT(open_sim("sim:blur,good", 5000, &r), 0);
    int rc = fpr_capture_finger(r, FINGER_R_INDEX, &f, on_state, &s, NULL);
    CHECK_INT(rc, 0);
    CHECK_INT(f.attempts, 2);
    CHECK_INT(s.n[FPR_STATE_RETRY], 1);
    fpr_finger_clear(&f);
    /* the reader itself asks for a retry (swipe too short): one attempt used, then good */
    memset(&s, 0, sizeof(s));
    rc = fpr_capture_finger(r, FINGER_R_INDEX, &f, on_state, &s, NULL);
    CHECK_INT(rc, 0);
    CHECK_INT(f.attempts, 1);
    fpr_finger_clear(&f);
    fpr_close(r);
    CHECK_INT(open_sim("sim:retry,retry,good", 5000, &r), 0);
    memset(&s, 0, sizeof(s));
    rc = fpr_capture_finger(r, FINGER_R_INDEX, &f, on_state, &s, NULL);
    fpr_close(r);
    CHECK_INT(rc, 0);
    CHECK_INT(f.attempts, 3);
    CHECK_INT(s.n[FPR_STATE_RETRY], 2);
    fpr_finger_clear(&f);
}

TEST(reader_retries_only_is_unreadable)
{
    struct fpr_reader *r = NULL;
    struct app_finger f;
    CHECK_INT(open_sim("sim:retry,retry,retry", 5000, &r), 0);
    int rc = fpr_capture_finger(r, FINGER_R_INDEX, &f, NULL, NULL, NULL);
    fpr_close(r);
    CHECK_INT(rc, FPR_ERR_POOR);
    CHECK_INT(f.exception, FINGER_UNREADABLE);
    CHECK(f.image.data == NULL);
    CHECK_INT(f.attempts, 3);
}

TEST(device_error_then_retry_works)
{
    struct fpr_reader *r = NULL;
    struct app_finger f;
    CHECK_INT(open_sim("sim:error", 5000, &r), 0);
    int rc = fpr_capture_finger(r, FINGER_R_INDEX, &f, NULL, NULL, NULL);
    CHECK_INT(rc, FPR_ERR_DEVICE);
    CHECK(f.image.data == NULL && f.quality_json == NULL);
    rc = fpr_capture_finger(r, FINGER_R_INDEX, &f, NULL, NULL, NULL);
    fpr_close(r);
    CHECK_INT(rc, 0);
    fpr_finger_clear(&f);
}

TEST(unplugged_then_reopen)
{
    struct fpr_reader *r = NULL;
    struct app_finger f;
    CHECK_INT(open_sim("sim:gone", 3000, &r), 0);
    double t0 = now_ms();
    int rc = fpr_capture_finger(r, FINGER_R_INDEX, &f, NULL, NULL, NULL);
    CHECK(now_ms() - t0 < 6000);
    CHECK_INT(rc, FPR_ERR_GONE);
    CHECK(f.image.data == NULL);
    /* the unplugged reader keeps failing, quickly, until it is reopened */
    t0 = now_ms();
    rc = fpr_capture_finger(r, FINGER_R_INDEX, &f, NULL, NULL, NULL);
    CHECK(now_ms() - t0 < 6000);
    fpr_close(r);
    CHECK(rc == FPR_ERR_GONE || rc == FPR_ERR_DEVICE || rc == FPR_ERR_TIMEOUT);
    CHECK(f.image.data == NULL);
    CHECK_INT(open_sim("sim", 5000, &r), 0);
    rc = fpr_capture_finger(r, FINGER_R_INDEX, &f, NULL, NULL, NULL);
    fpr_close(r);
    CHECK_INT(rc, 0);
    fpr_finger_clear(&f);
}

TEST(hung_reader_times_out_then_works)
{
    struct fpr_reader *r = NULL;
    struct app_finger f;
    /* the timeout leaves the second, good capture room on a loaded machine under ASan */
    CHECK_INT(open_sim("sim:hang", 1500, &r), 0);
    double t0 = now_ms();
    int rc = fpr_capture_finger(r, FINGER_R_INDEX, &f, NULL, NULL, NULL);
    double took = now_ms() - t0;
    CHECK_INT(rc, FPR_ERR_TIMEOUT);
    CHECK(took >= 1450 && took < 6000);
    CHECK(f.image.data == NULL);
    rc = fpr_capture_finger(r, FINGER_R_INDEX, &f, NULL, NULL, NULL);
    fpr_close(r);
    CHECK_INT(rc, 0);
    fpr_finger_clear(&f);
}

struct canceller {
    atomic_int *flag;
    struct fpr_reader *r;
    int use_call;
};

static void *cancel_later(void *arg)
{
    struct canceller *c = arg;
    usleep(200 * 1000);
    if (c->use_call)
        fpr_cancel(c->r);
    else
        *c->flag = 1;
    return NULL;
}

TEST(cancel_flag_and_call)
{
    for (int use_call = 0; use_call < 2; use_call++) {
        struct fpr_reader *r = NULL;
        struct app_finger f;
        atomic_int flag = 0;
        CHECK_INT(open_sim("sim:hang", 20000, &r), 0);
        struct canceller c = {&flag, r, use_call};
        pthread_t th;
        double t0 = now_ms();
        CHECK_INT(pthread_create(&th, NULL, cancel_later, &c), 0);
        int rc = fpr_capture_finger(r, FINGER_R_INDEX, &f, NULL, NULL, &flag);
        pthread_join(th, NULL);
        fpr_close(r);
        CHECK_INT(rc, FPR_ERR_CANCELLED);
        CHECK(now_ms() - t0 < 4000);
    }
}

TEST(bad_devices_and_args)
{
    struct fpr_reader *r = NULL;
    struct fpr_options o = {"no_such_driver", 60, 3, 1000};
    CHECK_INT(fpr_open(&o, &r), FPR_ERR_NO_DEVICE);
    CHECK(r == NULL);
    o.device = "sim:bogus";
    CHECK_INT(fpr_open(&o, &r), FPR_ERR_ARG);
    static const char *const bad_scripts[] = {
        "sim:good@11", "sim:good@", "sim:good@0", "sim:good@2x", "sim:@2", "sim:GOOD", "simx",
    };
    for (size_t i = 0; i < sizeof(bad_scripts) / sizeof(bad_scripts[0]); i++) {
        o.device = bad_scripts[i];
        CHECK_INT(fpr_open(&o, &r), i < 6 ? FPR_ERR_ARG : FPR_ERR_NO_DEVICE);
    }
    char longs[700] = "sim:";
    for (int i = 0; i < 130; i++)
        strcat(longs, "good,");
    o.device = longs;
    CHECK_INT(fpr_open(&o, &r), FPR_ERR_ARG);
    o.device = "sim";
    o.max_attempts = 11;
    CHECK_INT(fpr_open(&o, &r), FPR_ERR_ARG);
    o.max_attempts = 3;
    CHECK_INT(fpr_open(&o, &r), 0);
    struct app_finger f;
    CHECK_INT(fpr_capture_finger(r, FINGER_NONE, &f, NULL, NULL, NULL), FPR_ERR_ARG);
    fpr_close(r);
    fpr_close(NULL);
}

/* The workflow's exception flow on top of this module: the right index cannot be read three
 * times, it is recorded as unreadable and the next finger of the fallback order (the right
 * middle) is captured instead. Options come from the demo config. */
TEST(exception_then_fallback_finger)
{
    struct config cfg;
    char err[160];
    config_defaults(&cfg);
    CHECK_INT(config_load_string(&cfg,
                                 "[devices]\nfingerprint = sim:retry,retry,retry,good\n"
                                 "[fingerprint]\nmin_minutiae = 60\nmax_attempts = 3\n"
                                 "timeout_seconds = 5\n",
                                 "test", err, sizeof(err)),
              0);
    struct fpr_options o;
    devices_fpr_options(&cfg, &o);
    CHECK_INT(o.timeout_ms, 5000);
    CHECK_INT(o.max_attempts, 3);
    struct fpr_reader *r = NULL;
    CHECK_INT(fpr_open(&o, &r), 0);
    struct app_finger first, next;
    int rc = fpr_capture_finger(r, FINGER_R_INDEX, &first, NULL, NULL, NULL);
    CHECK_INT(rc, FPR_ERR_POOR);
    CHECK_INT(first.exception, FINGER_UNREADABLE);
    enum finger used[] = {FINGER_R_INDEX};
    enum finger f = app_finger_fallback(FINGER_R_INDEX, used, 1);
    CHECK_INT(f, FINGER_R_MIDDLE);
    rc = fpr_capture_finger(r, f, &next, NULL, NULL, NULL);
    fpr_close(r);
    CHECK_INT(rc, 0);
    CHECK_INT(next.position, FINGER_R_MIDDLE);
    CHECK_INT(next.exception, FINGER_CAPTURED);
    fpr_finger_clear(&next);
}

TEST(messages)
{
    for (int e = FPR_OK; e >= FPR_ERR_IMAGE; e--) {
        CHECK(strlen(messages_text(MSGD_FPR, e, LANG_VI)) > 5);
        CHECK(strlen(messages_text(MSGD_FPR, e, LANG_EN)) > 5);
        CHECK(strcmp(fpr_strerror(e), "unknown fingerprint error") != 0);
    }
    CHECK_STR(messages_text(MSGD_FPR, FPR_ERR_GONE, LANG_VI),
              "Máy đọc vân tay đã bị rút ra. Cắm lại và thử lại.");
    CHECK_STR(messages_text(MSGD_FPR_STATE, FPR_STATE_PLACE, LANG_VI), "Đặt ngón tay lên máy đọc");
    CHECK_STR(messages_text(MSGD_FPR_STATE, 99, LANG_EN), "");
}

int main(void)
{
    RUN(good_first_attempt);
    RUN(sim_reader_leaves_the_environment_alone);
    RUN(poor_three_times_keeps_best);
    RUN(poor_print_fails_minutiae);
    RUN(blank_glass_is_refused);
    RUN(retry_after_poor_then_good);
    RUN(reader_retries_only_is_unreadable);
    RUN(device_error_then_retry_works);
    RUN(unplugged_then_reopen);
    RUN(hung_reader_times_out_then_works);
    RUN(cancel_flag_and_call);
    RUN(bad_devices_and_args);
    RUN(exception_then_fallback_finger);
    RUN(messages);
    return test_done();
}
