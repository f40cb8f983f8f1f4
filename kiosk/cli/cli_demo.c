/* cli_demo.c: `kiosk demo [--citizens FILE]`: enrols the sample citizens of
 * config/demo-citizens.json headless, through the same runner, workflow, device workers and
 * store as the touchscreen: the simulated card reader (software chip behind the card
 * driver), the simulated camera (face images through the portrait checks) and the
 * simulated fingerprint reader (synthetic prints through the real libfprint). It plays the
 * officer: types the personal ID, confirms, waits for the devices, enters the contact data
 * and records consent. What the policy puts to an approver is approved by the demo
 * supervisor with the demo supervisor's PIN through the one approval operation
 * (runner_approve), exactly as on the touchscreen. One line per step on stdout. */
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kiosk/cli/cli.h"
#include "kiosk/devices/devices.h"
#include "kiosk/messages/messages.h"
#include "kiosk/workflow/runner.h"
#include "kiosk/model/timefmt.h"

#define DEMO_QUEUE   64
#define DEMO_WAIT_MS 30000

/* Device results cross from the worker threads to this one through a small queue. */
struct evq {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    struct dev_event *items[DEMO_QUEUE];
    int head, n;
    long previews;
};

static void demo_post(struct dev_event *ev, void *arg)
{
    struct evq *q = arg;
    pthread_mutex_lock(&q->mu);
    if (ev->type == DEV_PREVIEW || ev->type == DEV_CARD_PROGRESS || q->n == DEMO_QUEUE) {
        /* headless: nobody looks at previews or progress; count them and let them go */
        q->previews += ev->type == DEV_PREVIEW;
        pthread_mutex_unlock(&q->mu);
        dev_event_free(ev);
        return;
    }
    q->items[(q->head + q->n++) % DEMO_QUEUE] = ev;
    pthread_cond_signal(&q->cv);
    pthread_mutex_unlock(&q->mu);
}

static struct dev_event *demo_wait(struct evq *q, int timeout_ms)
{
    struct timespec ts;
    struct dev_event *ev = NULL;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += timeout_ms / 1000;
    ts.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&q->mu);
    while (q->n == 0)
        if (pthread_cond_timedwait(&q->cv, &q->mu, &ts) != 0)
            break;
    if (q->n > 0) {
        ev = q->items[q->head];
        q->head = (q->head + 1) % DEMO_QUEUE;
        q->n--;
    }
    pthread_mutex_unlock(&q->mu);
    return ev;
}

struct demo {
    struct cli_ctx *c;
    const char *supervisor_pin;
    struct runner *r;
    struct devices *dev;
    struct evq q;
    char last[200];
};

static void demo_note(const struct runner_note *n, void *arg)
{
    struct demo *d = arg;
    const char *text =
        n->domain ? messages_text(n->domain, n->code, d->c->lang) : msg_text(n->msg, d->c->lang);
    snprintf(d->last, sizeof(d->last), "%s", text);
    printf("      %s %s\n", n->is_error ? "!" : "·", text);
}

static void event(struct demo *d, enum wf_event_type t)
{
    struct wf_event ev = {.type = t, .now_ms = time_now_ms()};
    runner_event(d->r, &ev);
}

/* Feeds device results while the workflow stays in state s on the same finger (or gives
 * up after too many device failures, each retried). */
static int until_leaves(struct demo *d, enum wf_state s, int failures_allowed)
{
    int failures = 0;
    enum finger f = wf_current_finger(runner_wf(d->r));
    while (wf_state(runner_wf(d->r)) == s && wf_current_finger(runner_wf(d->r)) == f) {
        struct dev_event *ev = demo_wait(&d->q, DEMO_WAIT_MS);
        if (!ev) {
            printf("      ! no answer from the device in %d s\n", DEMO_WAIT_MS / 1000);
            return -1;
        }
        int failed = ev->type == DEV_CARD_FAILED || ev->type == DEV_CAMERA_FAILED ||
                     ev->type == DEV_FINGER_FAILED;
        runner_device_event(d->r, ev, NULL);
        if (failed && ++failures > failures_allowed)
            return -1;
        if (failed)
            event(d, WF_EV_RETRY);
    }
    return 0;
}

static void except_fingers(struct demo *d, json_t *exceptions)
{
    while (wf_state(runner_wf(d->r)) == WF_FINGERS) {
        enum finger f = wf_current_finger(runner_wf(d->r));
        const char *why = json_string_value(json_object_get(exceptions, app_finger_name(f)));
        struct app_finger af;
        if (!why || app_finger_exception_parse(why, &af.exception) != 0)
            return;
        memset(&af, 0, sizeof(af));
        af.position = f;
        app_finger_exception_parse(why, &af.exception);
        printf("    finger %s: %s\n", app_finger_name(f), why);
        devices_finger_cancel(d->dev);
        struct wf_event ev = {
            .type = WF_EV_FINGER_EXCEPTION, .now_ms = time_now_ms(), .finger = &af};
        runner_event(d->r, &ev);
    }
}

/* The demo supervisor approves what the policy put to an approver at this step. 0 when
 * nothing was pending or the approval went through. */
static int approve_if_needed(struct demo *d, json_t *cit, const char *supervisor)
{
    const struct pol_rule *rule = wf_pending_rule(runner_wf(d->r));
    if (!rule)
        return 0;
    const char *reason = json_string_value(json_object_get(cit, "approval_reason"));
    printf("    supervisor %s approves: %s\n", supervisor, pol_rule_id(rule));
    return runner_approve(d->r, supervisor, d->supervisor_pin, reason) == MSG_NONE ? 0 : -1;
}

static int enrol_one(struct demo *d, json_t *cit, const char *supervisor)
{
    const char *card = json_string_value(json_object_get(cit, "card"));
    const char *pid = json_string_value(json_object_get(cit, "personal_id"));
    struct dev_card_request req;
    memset(&req, 0, sizeof(req));
    int by_qr = json_is_true(json_object_get(cit, "scan_qr"));
    if (!card || (!pid && !by_qr))
        return -1;
    char named[80];
    snprintf(named, sizeof(named), "sim:%.60s", card);
    if (devices_device_string(&d->c->cfg, DEV_CLASS_CARD, named, req.device, sizeof(req.device)))
        return -1;
    if (pid)
        snprintf(req.personal_id, sizeof(req.personal_id), "%s", pid);
    else
        req.scan_qr = 1; /* the officer shows the card's QR code to the camera */
    runner_card_read(d->r, &req);
    explicit_bzero(&req, sizeof(req));

    printf("  card %s: %s\n", card,
           by_qr && !pid ? "QR code read by the camera, then the chip" : "reading the chip");
    event(d, WF_EV_START);
    if (until_leaves(d, WF_CARD, 0) != 0)
        goto cancel;
    const struct application *a = wf_app(runner_wf(d->r));
    printf("    %s, born %s: source %s, chip %s\n", a->identity.full_name, a->identity.dob,
           app_source_name(a->identity.source), app_verdict_name(a->identity.verdict));
    event(d, WF_EV_CONFIRM);
    /* a refusal (a forged chip...) asks no approver: the policy has nothing pending then */
    if (wf_state(runner_wf(d->r)) == WF_REVIEW) {
        if (approve_if_needed(d, cit, supervisor) != 0)
            goto cancel;
        event(d, WF_EV_CONFIRM);
    }
    if (wf_state(runner_wf(d->r)) != WF_PORTRAIT)
        goto cancel;
    printf("    portrait: camera on, waiting for every check to pass\n");
    if (until_leaves(d, WF_PORTRAIT, 2) != 0)
        goto cancel;
    a = wf_app(runner_wf(d->r));
    printf("    portrait taken: %zu bytes JPEG\n", a->portrait.len);
    except_fingers(d, json_object_get(cit, "exceptions"));
    while (wf_state(runner_wf(d->r)) == WF_FINGERS) {
        enum finger f = wf_current_finger(runner_wf(d->r));
        if (until_leaves(d, WF_FINGERS, 2) != 0)
            goto cancel;
        const struct application *fa = wf_app(runner_wf(d->r));
        printf("    finger %s: captured\n", app_finger_name(f));
        (void)fa;
        except_fingers(d, json_object_get(cit, "exceptions"));
    }
    struct wf_event contact = {.type = WF_EV_CONTACT,
                               .now_ms = time_now_ms(),
                               .text1 = json_string_value(json_object_get(cit, "phone")),
                               .text2 = json_string_value(json_object_get(cit, "email")),
                               .no_mobile = json_is_true(json_object_get(cit, "no_mobile_phone"))};
    runner_event(d->r, &contact);
    if (wf_state(runner_wf(d->r)) != WF_CONSENT)
        goto cancel;
    if (approve_if_needed(d, cit, supervisor) != 0)
        goto cancel;
    event(d, WF_EV_CONSENT);
    if (wf_state(runner_wf(d->r)) != WF_QUEUED)
        goto cancel;
    printf("    queued as %s\n", runner_last_queued(d->r));
    event(d, WF_EV_CONFIRM);
    return 0;
cancel:
    printf("    not enrolled (%s)\n", wf_state_name(wf_state(runner_wf(d->r))));
    event(d, WF_EV_CANCEL);
    /* drop what the devices still send for this citizen */
    for (struct dev_event *ev; (ev = demo_wait(&d->q, 300)) != NULL;)
        dev_event_free(ev);
    return -1;
}

/* The demo's officer and supervisor, created with the demo PINs when the store has none of
 * that name (the README and config/demo-citizens.json give them). */
static int demo_officers(struct cli_ctx *c, const char *officer, const char *supervisor,
                         const char *sup_pin)
{
    struct store_officer list[64];
    int n = store_officer_list(c->st, list, 64), have_o = 0, have_s = 0;
    for (int i = 0; i < n; i++) {
        have_o |= strcmp(list[i].id, officer) == 0;
        have_s |= strcmp(list[i].id, supervisor) == 0;
    }
    int64_t now = time_now_ms();
    if (!have_s && store_officer_add(c->st, supervisor, "Lãnh đạo đơn vị (demo)", ROLE_SUPERVISOR,
                                     sup_pin ? sup_pin : "472913", "demo", now) != 0)
        return cli_fail("cannot create the demo supervisor %s", supervisor);
    if (!have_o && store_officer_add(c->st, officer, "Cán bộ tiếp nhận (demo)", ROLE_OFFICER,
                                     "538206", "demo", now) != 0)
        return cli_fail("cannot create the demo officer %s", officer);
    return 0;
}

int cli_demo(struct cli_ctx *c, int argc, char **argv)
{
    const char *file = "config/demo-citizens.json";
    static struct demo d;
    json_error_t je;
    char err[200];
    int queued = 0, refused = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--citizens") == 0 && i + 1 < argc) {
            file = argv[++i];
        } else {
            fprintf(stderr, "usage: kiosk demo [--citizens FILE]\n");
            return 2;
        }
    }
    json_t *doc = json_load_file(file, JSON_REJECT_DUPLICATES, &je);
    if (!doc)
        return cli_fail("%s:%d: %s", file, je.line, je.text);
    if (cli_open_store(c)) {
        json_decref(doc);
        return 1;
    }
    /* The demo plays the officer and approves with the demo supervisor's PIN: on a demo store
     * only (storage.kind), never on a station's data. */
    if (c->cfg.store_kind != STORE_KIND_DEMO) {
        json_decref(doc);
        return cli_fail(c->lang == LANG_VI
                            ? "kiosk demo chỉ chạy trên kho demo (storage.kind = demo); thư mục "
                              "%s là kho của trạm"
                            : "kiosk demo runs on a demo store only (storage.kind = demo); %s "
                              "is a station store",
                        c->cfg.data_dir);
    }
    d.c = c;
    pthread_mutex_init(&d.q.mu, NULL);
    pthread_cond_init(&d.q.cv, NULL);
    if (devices_start(&c->cfg, demo_post, &d.q, &d.dev, err, sizeof(err)) != 0) {
        json_decref(doc);
        return cli_fail("devices: %s", err);
    }
    d.r = runner_new(&c->cfg, c->st, &devices_runner_ops, d.dev, demo_note, &d);
    const char *officer = json_string_value(json_object_get(doc, "officer"));
    const char *supervisor = json_string_value(json_object_get(doc, "supervisor"));
    d.supervisor_pin = json_string_value(json_object_get(doc, "supervisor_pin"));
    if (!d.supervisor_pin)
        d.supervisor_pin = "472913"; /* the demo supervisor's PIN (tools/run-demo) */
    if (demo_officers(c, officer ? officer : "cb-demo", supervisor ? supervisor : "sv-demo",
                      d.supervisor_pin) != 0) {
        json_decref(doc);
        return 1;
    }
    runner_set_officer(d.r, officer ? officer : "cb-demo");
    printf("kiosk demo: %s — %s\n", c->cfg.station_name, devices_describe(d.dev));
    json_t *cit;
    size_t i;
    json_array_foreach(json_object_get(doc, "citizens"), i, cit)
    {
        printf("citizen %zu\n", i + 1);
        if (enrol_one(&d, cit, supervisor ? supervisor : "sv-demo") == 0)
            queued++;
        else
            refused++;
    }
    runner_free(d.r);
    devices_stop(d.dev);
    long pending = 0;
    store_outbox_pending(c->st, &pending);
    printf("demo: %d queued, %d not enrolled; %ld waiting for upload; %ld preview frames "
           "checked\n",
           queued, refused, pending, d.q.previews);
    for (struct dev_event *ev; (ev = demo_wait(&d.q, 0)) != NULL;)
        dev_event_free(ev);
    json_decref(doc);
    return queued > 0 ? 0 : 1;
}
