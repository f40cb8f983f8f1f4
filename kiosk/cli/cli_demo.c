/* cli_demo.c: `kiosk demo [--citizens FILE]`: enrols the sample citizens of
 * config/demo-citizens.json headless, through the same runner, workflow, device workers and
 * store as the touchscreen: the simulated card reader (software chip behind the card
 * driver), the simulated camera (face images through the portrait checks) and the
 * simulated fingerprint reader (synthetic prints through the real libfprint). It plays the
 * officer: types the personal ID, confirms, waits for the devices, enters the contact data
 * and records consent. What the policy puts to an approver is approved by the demo
 * supervisor with the demo supervisor's PIN through the one approval operation
 * (runner_approve), exactly as on the touchscreen. One line per step on stdout. It is a front
 * end of the composition root (kiosk/process/process.h): the process owns the devices, the
 * runner and the loop; the demo sends the officer's events and runs the loop until the
 * workflow moves on. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/cli/cli.h"
#include "kiosk/devices/devices.h"
#include "kiosk/messages/messages.h"
#include "kiosk/model/timefmt.h"
#include "kiosk/process/process.h"
#include "kiosk/workflow/runner.h"

#define DEMO_WAIT_MS 30000

struct demo {
    struct cli_ctx *c;
    const char *supervisor_pin;
    struct kiosk_process *p;
    struct runner *r;
    struct devices *dev;
    int failed; /* device failures seen so far */
    char last[200];
};

/* Each device result's type, before the runner gets it: the failures are retried. */
static void demo_device_seen(enum dev_event_type t, void *arg)
{
    struct demo *d = arg;
    d->failed += t == DEV_CARD_FAILED || t == DEV_CAMERA_FAILED || t == DEV_FINGER_FAILED;
}

/* What until_leaves waits for: the workflow left state s (or the finger f), or a device
 * failed. */
struct leave_wait {
    struct demo *d;
    enum wf_state s;
    enum finger f;
    int failed;
};

static int left_or_failed(void *arg)
{
    struct leave_wait *w = arg;
    const struct wf *wf = runner_wf(w->d->r);
    return wf_state(wf) != w->s || wf_current_finger(wf) != w->f || w->d->failed != w->failed;
}

static int never(void *arg)
{
    (void)arg;
    return 0;
}

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
        struct leave_wait w = {d, s, f, d->failed};
        if (proc_loop_run_until(process_loop(d->p), left_or_failed, &w, DEMO_WAIT_MS) != 0) {
            printf("      ! no answer from the device in %d s\n", DEMO_WAIT_MS / 1000);
            return -1;
        }
        if (d->failed != w.failed) {
            failures += d->failed - w.failed;
            if (failures > failures_allowed)
                return -1;
            event(d, WF_EV_RETRY);
        }
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
    /* a forged chip is refused on the card's reading, as the touchscreen shows it: the
     * officer does not press Confirm, and no approver is asked */
    if (wf_forged_seen(runner_wf(d->r)))
        goto cancel;
    event(d, WF_EV_CONFIRM);
    /* another refusal asks no approver either: the policy has nothing pending then */
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
    /* what the devices still send for this citizen reaches the runner, which drops it */
    proc_loop_run_until(process_loop(d->p), never, NULL, 300);
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
    struct process_opts po = {
        .front = {.note = demo_note, .device_seen = demo_device_seen, .arg = &d}, .headless = 1};
    if (process_start(&c->cfg, c->st, &po, &d.p, err, sizeof(err)) != 0) {
        json_decref(doc);
        return cli_fail("devices: %s", err);
    }
    d.r = process_runner(d.p);
    d.dev = process_devices(d.p);
    const char *officer = json_string_value(json_object_get(doc, "officer"));
    const char *supervisor = json_string_value(json_object_get(doc, "supervisor"));
    d.supervisor_pin = json_string_value(json_object_get(doc, "supervisor_pin"));
    if (!d.supervisor_pin)
        d.supervisor_pin = "472913"; /* the demo supervisor's PIN (tools/run-demo) */
    if (demo_officers(c, officer ? officer : "cb-demo", supervisor ? supervisor : "sv-demo",
                      d.supervisor_pin) != 0) {
        process_stop(d.p);
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
    long previews = process_previews_dropped(d.p);
    process_stop(d.p);
    long pending = 0;
    store_outbox_pending(c->st, &pending);
    printf("demo: %d queued, %d not enrolled; %ld waiting for upload; %ld preview frames "
           "checked\n",
           queued, refused, pending, previews);
    json_decref(doc);
    return queued > 0 ? 0 : 1;
}
