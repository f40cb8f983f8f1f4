/* test_runner.c: the runner between the workflow, the devices and the store, with fake
 * device operations that record what they were asked: queuing reaches the store, a
 * duplicate is found there, the same finger twice is refused, device failures show the
 * device's own message once, and every step is in the audit trail. */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/workflow/runner.h"
#include "kiosk/messages/messages.h"
#include "kiosk/export/report.h"
#include "kiosk/store/store_field.h"
#include "kiosk/workflow/approval.h"
#include "kiosk/workflow/clock_guard.h"
#include "kiosk/store/store_internal.h"
#include "kiosk/model/timefmt.h"
#include "tests/rigs/harness/app_fixture.h"
#include "tests/test.h"

static char dir[64];
static struct config cfg;
static struct seal_keys keys;
static struct store *st;

struct fake {
    int card_reads, camera_starts, camera_stops, finger_captures, finger_cancels;
    uint32_t card_id, camera_id, finger_id; /* the last request of each device */
    enum finger last_finger;
    int same; /* what same_finger answers */
};
static struct fake fk;
static int notes, errors;
static char last_note[160];

static void f_card_read(void *d, const struct dev_card_request *r)
{
    (void)d;
    fk.card_reads++;
    fk.card_id = r->req_id;
}
static void f_noop(void *d)
{
    (void)d;
}
static void f_cam_start(void *d, uint32_t id, const struct app_blob *chip_face)
{
    (void)d;
    (void)chip_face;
    fk.camera_starts++;
    fk.camera_id = id;
}
static void f_cam_stop(void *d)
{
    (void)d;
    fk.camera_stops++;
}
static void f_finger(void *d, enum finger f, uint32_t id)
{
    (void)d;
    fk.finger_captures++;
    fk.last_finger = f;
    fk.finger_id = id;
}
static void f_finger_cancel(void *d)
{
    (void)d;
    fk.finger_cancels++;
}
static int f_same(void *d, const struct app_finger *a, const struct app_finger *b)
{
    (void)d;
    (void)a;
    (void)b;
    return fk.same;
}
static const struct runner_dev_ops fake_ops = {
    f_card_read, f_noop, f_cam_start, f_cam_stop, f_finger, f_finger_cancel, f_same, NULL};

static void on_note(const struct runner_note *n, void *arg)
{
    (void)arg;
    notes++;
    errors += n->is_error;
    snprintf(last_note, sizeof(last_note), "%s",
             n->domain ? messages_text(n->domain, n->code, LANG_EN) : msg_text(n->msg, LANG_EN));
}

static void setup(void)
{
    char keydir[128];
    if (st)
        store_close(st);
    strcpy(dir, "/tmp/kiosk-runner-XXXXXX");
    if (!mkdtemp(dir))
        abort();
    snprintf(keydir, sizeof(keydir), "%s/keys", dir);
    if (seal_keys_load(keydir, NULL, &keys) != 0)
        abort();
    fixture_upstream_key(&keys, NULL);
    if (store_open(dir, &keys, &st) != 0)
        abort();
    config_defaults(&cfg);
    memset(&fk, 0, sizeof(fk));
    notes = errors = 0;
}

/* A device result answering the last request of its device, as the workers stamp it. */
static struct dev_event *dev(enum dev_event_type t)
{
    struct dev_event *ev = calloc(1, sizeof(*ev));
    ev->type = t;
    ev->req_id = t == DEV_CARD_PROGRESS || t == DEV_CARD_DONE || t == DEV_CARD_FAILED ? fk.card_id
                 : t == DEV_PREVIEW || t == DEV_PORTRAIT_DONE || t == DEV_CAMERA_FAILED
                     ? fk.camera_id
                     : fk.finger_id;
    return ev;
}

/* The officer types the personal ID: the chip read starts. */
static void type_id(struct runner *r, const char *pid)
{
    struct dev_card_request req;
    memset(&req, 0, sizeof(req));
    snprintf(req.personal_id, sizeof(req.personal_id), "%s", pid);
    runner_card_read(r, &req);
}

static void send(struct runner *r, enum wf_event_type t)
{
    struct wf_event ev = {.type = t, .now_ms = time_now_ms()};
    runner_event(r, &ev);
}

static void card_done(struct runner *r, const char *pid)
{
    if (!runner_request_id(r, RUNNER_CARD))
        type_id(r, pid);
    struct dev_event *ev = dev(DEV_CARD_DONE);
    struct application fx;
    fixture_app(&fx, pid, "Nguyễn Văn An", time_now_ms());
    ev->app = calloc(1, sizeof(*ev->app));
    ev->app->identity = fx.identity;
    app_wipe(&fx);
    runner_device_event(r, ev, NULL);
}

static void portrait_done(struct runner *r)
{
    struct dev_event *ev = dev(DEV_PORTRAIT_DONE);
    ev->app = calloc(1, sizeof(*ev->app));
    app_blob_set(&ev->app->portrait, "\xff\xd8", 2);
    runner_device_event(r, ev, NULL);
}

static void finger_done(struct runner *r, enum finger f)
{
    struct dev_event *ev = dev(DEV_FINGER_DONE);
    ev->fingerp = calloc(1, sizeof(*ev->fingerp));
    ev->fingerp->position = f;
    ev->fingerp->width = ev->fingerp->height = 2;
    app_blob_set(&ev->fingerp->image, "abcd", 4);
    runner_device_event(r, ev, NULL);
}

static long audit_count(const char *action)
{
    sqlite3_stmt *s;
    long n = -1;
    sqlite3_prepare_v2(st->db, "SELECT count(*) FROM audit WHERE action = ?", -1, &s, NULL);
    sqlite3_bind_text(s, 1, action, -1, SQLITE_STATIC);
    if (sqlite3_step(s) == SQLITE_ROW)
        n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return n;
}

/* From the review confirmed to the contact given: the portrait, both index fingers, a phone. */
static void review_to_consent(struct runner *r)
{
    send(r, WF_EV_CONFIRM);
    portrait_done(r);
    finger_done(r, FINGER_L_INDEX);
    finger_done(r, FINGER_R_INDEX);
    struct wf_event c = {.type = WF_EV_CONTACT, .now_ms = time_now_ms(), .text1 = "0912345678"};
    runner_event(r, &c);
}

/* Walks one citizen to the queue; returns the runner's final state. */
static enum wf_state walk(struct runner *r, const char *pid)
{
    struct dev_card_request req;
    send(r, WF_EV_START);
    memset(&req, 0, sizeof(req));
    snprintf(req.personal_id, sizeof(req.personal_id), "%s", pid);
    runner_card_read(r, &req); /* the officer types the ID */
    card_done(r, pid);
    review_to_consent(r);
    send(r, WF_EV_CONSENT);
    return wf_state(runner_wf(r));
}

TEST(walk_queues_in_the_store_with_audit)
{
    setup();
    struct runner *r = runner_new(&cfg, st, &fake_ops, NULL, on_note, NULL);
    runner_set_officer(r, "cb01");
    CHECK_INT(walk(r, "001099012345"), WF_QUEUED);
    CHECK_INT(fk.card_reads, 1);
    CHECK_INT(fk.camera_starts, 1);
    CHECK_INT(fk.camera_stops, 1);
    CHECK_INT(fk.finger_captures, 2);
    struct application a;
    CHECK_INT(store_load(st, runner_last_queued(r), &a), 0);
    CHECK_STR(a.identity.full_name, "Nguyễn Văn An");
    CHECK_STR(a.officer, "cb01");
    CHECK_INT(a.n_fingers, 2);
    app_wipe(&a);
    CHECK_INT(audit_count("enrol.start"), 1);
    CHECK_INT(audit_count("card.read"), 1);
    CHECK_INT(audit_count("identity.confirm"), 1);
    CHECK_INT(audit_count("portrait.capture"), 1);
    CHECK_INT(audit_count("finger.capture"), 2);
    CHECK_INT(audit_count("contact.enter"), 1);
    CHECK_INT(audit_count("consent.record"), 1);
    CHECK_INT(audit_count("app.queue"), 1);
    long rows, bad;
    CHECK_INT(store_audit_verify(st, &rows, &bad), 0);
    runner_free(r);
}

TEST(second_application_is_a_duplicate)
{
    setup();
    struct runner *r = runner_new(&cfg, st, &fake_ops, NULL, on_note, NULL);
    runner_set_officer(r, "cb01");
    CHECK_INT(walk(r, "001099012345"), WF_QUEUED);
    char first[APP_ID_SIZE];
    strcpy(first, runner_last_queued(r));
    send(r, WF_EV_CONFIRM);
    send(r, WF_EV_START);
    card_done(r, "001099012345");
    CHECK_STR(wf_duplicate_of(runner_wf(r)), first);
    send(r, WF_EV_CONFIRM);
    CHECK_INT(wf_state(runner_wf(r)), WF_REVIEW);
    CHECK(wf_needs_supervisor(runner_wf(r)));
    runner_free(r);
}

TEST(same_finger_twice_is_refused)
{
    setup();
    struct runner *r = runner_new(&cfg, st, &fake_ops, NULL, on_note, NULL);
    runner_set_officer(r, "cb01");
    send(r, WF_EV_START);
    card_done(r, "001099012345");
    send(r, WF_EV_CONFIRM);
    portrait_done(r);
    finger_done(r, FINGER_L_INDEX);
    fk.same = 1;
    errors = 0;
    finger_done(r, FINGER_R_INDEX);
    CHECK_INT(wf_state(runner_wf(r)), WF_FINGERS);
    CHECK_INT(wf_current_finger(runner_wf(r)), FINGER_R_INDEX);
    CHECK_INT(wf_app(runner_wf(r))->n_fingers, 1);
    CHECK_INT(errors, 1);
    CHECK_STR(last_note, msg_text(MSG_WF_SAME_FINGER, LANG_EN));
    send(r, WF_EV_RETRY);
    CHECK_INT(fk.last_finger, FINGER_R_INDEX);
    fk.same = 0;
    finger_done(r, FINGER_R_INDEX);
    CHECK_INT(wf_state(runner_wf(r)), WF_CONTACT);
    runner_free(r);
}

static int unlike_calls, unlike_earlier;
static void f_finger_unlike(void *d, enum finger f, uint32_t id, const struct app_finger *earlier,
                            int n)
{
    f_finger(d, f, id);
    unlike_calls++;
    unlike_earlier = 0;
    for (int i = 0; i < n; i++)
        unlike_earlier += earlier[i].exception == FINGER_CAPTURED;
}
static const struct runner_dev_ops worker_compares_ops = {.card_read = f_card_read,
                                                          .card_cancel = f_noop,
                                                          .camera_start = f_cam_start,
                                                          .camera_stop = f_cam_stop,
                                                          .finger_capture = f_finger,
                                                          .finger_cancel = f_finger_cancel,
                                                          .same_finger = f_same,
                                                          .finger_capture_unlike = f_finger_unlike};

/* The worker's comparison (ev->same_as) as it came back with the capture. */
static void finger_done_compared(struct runner *r, enum finger f, enum finger same_as)
{
    struct dev_event *ev = dev(DEV_FINGER_DONE);
    ev->fingerp = calloc(1, sizeof(*ev->fingerp));
    ev->fingerp->position = f;
    ev->fingerp->width = ev->fingerp->height = 2;
    app_blob_set(&ev->fingerp->image, "abcd", 4);
    ev->same_checked = 1;
    ev->same_as = same_as;
    runner_device_event(r, ev, NULL);
}

/* With a worker that compares the captures itself (off the UI thread), the runner gives it
 * the earlier captures with each request and decides from its answer; same_finger is not
 * called on the runner's thread. */
TEST(same_finger_compared_by_the_worker_is_refused)
{
    setup();
    unlike_calls = 0;
    struct runner *r = runner_new(&cfg, st, &worker_compares_ops, NULL, on_note, NULL);
    runner_set_officer(r, "cb01");
    send(r, WF_EV_START);
    card_done(r, "001099012345");
    send(r, WF_EV_CONFIRM);
    portrait_done(r);
    CHECK_INT(unlike_calls, 1);
    CHECK_INT(unlike_earlier, 0);
    finger_done_compared(r, FINGER_L_INDEX, FINGER_NONE);
    CHECK_INT(unlike_calls, 2);
    CHECK_INT(unlike_earlier, 1); /* the left index goes with the right's request */
    fk.same = 1;                  /* what same_finger would say: not asked */
    finger_done_compared(r, FINGER_R_INDEX, FINGER_L_INDEX);
    CHECK_INT(wf_state(runner_wf(r)), WF_FINGERS);
    CHECK_INT(wf_app(runner_wf(r))->n_fingers, 1);
    CHECK_STR(last_note, msg_text(MSG_WF_SAME_FINGER, LANG_EN));
    send(r, WF_EV_RETRY);
    finger_done_compared(r, FINGER_R_INDEX, FINGER_NONE);
    CHECK_INT(wf_state(runner_wf(r)), WF_CONTACT);
    fk.same = 0;
    runner_free(r);
}

TEST(device_failure_is_told_once)
{
    setup();
    struct runner *r = runner_new(&cfg, st, &fake_ops, NULL, on_note, NULL);
    runner_set_officer(r, "cb01");
    send(r, WF_EV_START);
    type_id(r, "001099012345");
    notes = 0;
    struct dev_event *ev = dev(DEV_CARD_FAILED);
    ev->domain = MSGD_CARD;
    ev->code = CARD_EREMOVED;
    runner_device_event(r, ev, NULL);
    CHECK_INT(notes, 1);
    CHECK_STR(last_note, "The card was lifted. Put it back on the reader to continue.");
    CHECK_INT(wf_state(runner_wf(r)), WF_CARD);
    runner_free(r);
}

TEST(card_read_waits_for_access_data_and_forgets_it)
{
    setup();
    struct runner *r = runner_new(&cfg, st, &fake_ops, NULL, on_note, NULL);
    runner_set_officer(r, "cb01");
    send(r, WF_EV_START);
    CHECK_INT(fk.card_reads, 0); /* no ID typed, no QR scanned: nothing to read with */
    struct dev_card_request req;
    memset(&req, 0, sizeof(req));
    strcpy(req.personal_id, "001099012345");
    runner_card_read(r, &req);
    CHECK_INT(fk.card_reads, 1);
    send(r, WF_EV_CANCEL);
    send(r, WF_EV_START); /* the next citizen: the last ID is gone */
    CHECK_INT(fk.card_reads, 1);
    runner_free(r);
}

TEST(an_action_whose_audit_row_fails_is_not_done)
{
    setup();
    struct runner *r = runner_new(&cfg, st, &fake_ops, NULL, on_note, NULL);
    runner_set_officer(r, "cb01");
    send(r, WF_EV_START);
    struct dev_card_request req;
    memset(&req, 0, sizeof(req));
    strcpy(req.personal_id, "001099012345");
    runner_card_read(r, &req);
    CHECK_INT(fk.card_reads, 1);
    card_done(r, "001099012345");
    /* the audit trail can no longer be written (disk full, damaged file...) */
    CHECK_INT(sqlite3_exec(st->db,
                           "CREATE TRIGGER audit_full BEFORE INSERT ON audit BEGIN SELECT "
                           "RAISE(ABORT, 'disk full'); END",
                           NULL, NULL, NULL),
              SQLITE_OK);
    errors = 0;
    struct wf_event ev = {.type = WF_EV_CONFIRM, .now_ms = time_now_ms()};
    CHECK_INT(runner_event(r, &ev), STORE_EAUDIT);
    CHECK_INT(fk.camera_starts, 0); /* the portrait step does not start unrecorded */
    CHECK(errors >= 1);
    CHECK_STR(last_note, msg_text(MSG_AUDIT_FAILED, LANG_EN));
    /* a cancel still wipes the citizen, even unrecorded */
    send(r, WF_EV_CANCEL);
    CHECK_STR(wf_app(runner_wf(r))->identity.full_name, "");
    runner_free(r);
}

/* The approver's rules, as every approval applies them (enrolment, phone correction): never
 * the officer doing the work, the PIN checked, the supervisor role held; each refusal audited
 * under the approver's name. */
TEST(approval_rules_refuse_self_wrong_pin_and_officer_role)
{
    setup();
    int64_t now = time_now_ms();
    CHECK_INT(store_officer_add(st, "cb01", "Trần Văn Bình", ROLE_OFFICER, "482915", "t", now), 0);
    CHECK_INT(store_officer_add(st, "cb02", "Lê Thị Hoa", ROLE_OFFICER, "591824", "t", now), 0);
    CHECK_INT(store_officer_add(st, "gs01", "Phạm Quốc Đạt", ROLE_SUPERVISOR, "730195", "t", now),
              0);
    CHECK_INT(approval_precheck("", "cb01", NULL), MSG_OFFICER_UNKNOWN);
    CHECK_INT(approval_precheck("cb01", NULL, "cb01"), MSG_POL_SELF_APPROVAL);
    CHECK_INT(approval_check(st, "gs01", "730195", "gs01", "A1", now), MSG_POL_SELF_APPROVAL);
    CHECK_INT(approval_check(st, "gs01", "000000", "cb01", "A1", now), MSG_OFFICER_BAD_PIN);
    CHECK_INT(approval_check(st, "cb02", "591824", "cb01", "A1", now), MSG_OFFICER_NOT_SUPERVISOR);
    CHECK_INT(audit_count("approval.refused"), 3);
    CHECK_INT(approval_check(st, "gs01", "730195", "cb01", "A1", now), MSG_NONE);
    CHECK_INT(audit_count("approval.refused"), 3);
}

TEST(logout_wipes_the_enrolment)
{
    setup();
    struct runner *r = runner_new(&cfg, st, &fake_ops, NULL, on_note, NULL);
    runner_set_officer(r, "cb01");
    send(r, WF_EV_START);
    card_done(r, "001099012345");
    runner_set_officer(r, NULL);
    CHECK_INT(wf_state(runner_wf(r)), WF_IDLE);
    CHECK_STR(wf_app(runner_wf(r))->identity.full_name, "");
    CHECK_INT(audit_count("enrol.cancel"), 1);
    runner_free(r);
}

static void card_done_as(struct runner *r, const char *pid, enum id_source src, enum chip_verdict v,
                         const char *report)
{
    if (!runner_request_id(r, RUNNER_CARD))
        type_id(r, pid);
    struct dev_event *ev = dev(DEV_CARD_DONE);
    struct application fx;
    fixture_app(&fx, pid, "Nguyễn Văn An", time_now_ms());
    ev->app = calloc(1, sizeof(*ev->app));
    ev->app->identity = fx.identity;
    ev->app->identity.source = src;
    ev->app->identity.verdict = v;
    app_str_set(&ev->app->chip_report_json, report);
    app_wipe(&fx);
    runner_device_event(r, ev, NULL);
}

/* The one approval operation: PIN, role, never the enrolling officer; every refusal and the
 * approval audited; the approval in the stored application. */
TEST(approval_checks_pin_role_and_self_and_is_stored)
{
    setup();
    int64_t t = time_now_ms();
    CHECK_INT(store_officer_add(st, "sv01", "Vũ Thị Lan", ROLE_SUPERVISOR, "730195", "t", t), 0);
    CHECK_INT(store_officer_add(st, "sv02", "Lê Văn Hải", ROLE_SUPERVISOR, "864219", "t", t), 0);
    CHECK_INT(store_officer_add(st, "cb02", "Hoàng Văn Bình", ROLE_OFFICER, "482915", "t", t), 0);
    struct runner *r = runner_new(&cfg, st, &fake_ops, NULL, on_note, NULL);
    runner_set_officer(r, "sv02"); /* a supervisor enrolling a citizen */
    send(r, WF_EV_START);
    card_done_as(r, "001099012345", ID_SOURCE_CHIP_UNVERIFIED, CHIP_UNVERIFIED,
                 "{\"reasons\":[\"no_trust_store\"]}");
    CHECK(wf_needs_supervisor(runner_wf(r)));
    CHECK_INT(runner_approve(r, "sv02", "864219", NULL), MSG_POL_SELF_APPROVAL);
    CHECK_INT(runner_approve(r, "cb02", "482915", NULL), MSG_OFFICER_NOT_SUPERVISOR);
    CHECK_INT(runner_approve(r, "sv01", "0000", NULL), MSG_OFFICER_BAD_PIN);
    CHECK_INT(runner_approve(r, "nobody", "0000", NULL), MSG_OFFICER_UNKNOWN);
    CHECK(wf_needs_supervisor(runner_wf(r)));
    CHECK_INT(audit_count("approval.refused"), 4);
    CHECK_INT(runner_approve(r, "sv01", "730195", NULL), MSG_NONE);
    CHECK_INT(audit_count("approval"), 1);
    CHECK(!wf_needs_supervisor(runner_wf(r)));
    CHECK_INT(runner_approve(r, "sv01", "730195", NULL), MSG_POL_NOTHING_TO_APPROVE);
    review_to_consent(r);
    send(r, WF_EV_CONSENT);
    CHECK_INT(wf_state(runner_wf(r)), WF_QUEUED);
    struct application a;
    CHECK_INT(store_load(st, runner_last_queued(r), &a), 0);
    CHECK_INT(a.n_approvals, 1);
    CHECK_STR(a.approvals[0].by, "sv01");
    CHECK_STR(a.approvals[0].rule, "chip.no_csca");
    CHECK_STR(a.approvals[0].reason, "no_csca_for_state");
    CHECK(a.approvals[0].at > 0);
    app_wipe(&a);
    runner_free(r);
}

static int g_wakes;
static void count_wake(void *arg)
{
    (void)arg;
    __atomic_add_fetch(&g_wakes, 1, __ATOMIC_SEQ_CST);
}

/* With a store worker the approver's PIN check and the queue commit run on its thread: the
 * runner answers at once that it is checking, and nothing moves (not even on the clock)
 * until the result is collected on the runner's thread; then the runner decides, as without
 * a worker. An event that cannot wait (cancel) first takes the result in. */
TEST(store_worker_runs_pin_check_and_commit_off_the_thread)
{
    setup();
    int64_t t = time_now_ms();
    CHECK_INT(store_officer_add(st, "sv01", "Vũ Thị Lan", ROLE_SUPERVISOR, "730195", "t", t), 0);
    struct store_worker *w = NULL;
    g_wakes = 0;
    CHECK_INT(store_worker_start(st, count_wake, NULL, &w), 0);
    struct runner *r = runner_new(&cfg, st, &fake_ops, NULL, on_note, NULL);
    runner_set_store_worker(r, w);
    runner_set_officer(r, "cb01");
    send(r, WF_EV_START);
    card_done_as(r, "001099012345", ID_SOURCE_CHIP_UNVERIFIED, CHIP_UNVERIFIED,
                 "{\"reasons\":[\"no_trust_store\"]}");
    /* a wrong PIN: refused once the worker answers, and audited */
    CHECK_INT(runner_approve(r, "sv01", "000000", NULL), MSG_PIN_CHECKING);
    CHECK(runner_store_busy(r));
    CHECK_INT(runner_approval_result(r), MSG_PIN_CHECKING);
    struct wf_event tick = {.type = WF_EV_TICK, .now_ms = time_now_ms() + 3600000};
    CHECK_INT(runner_event(r, &tick), 0); /* dropped: an hour's inactivity wipes nothing */
    while (runner_store_busy(r))
        store_worker_collect(w);
    CHECK_INT(runner_approval_result(r), MSG_OFFICER_BAD_PIN);
    CHECK(wf_needs_supervisor(runner_wf(r)));
    CHECK_INT(audit_count("approval.refused"), 1);
    /* the right PIN: approved once collected */
    CHECK_INT(runner_approve(r, "sv01", "730195", NULL), MSG_PIN_CHECKING);
    CHECK(wf_needs_supervisor(runner_wf(r)));
    while (runner_store_busy(r))
        store_worker_collect(w);
    CHECK_INT(runner_approval_result(r), MSG_NONE);
    CHECK(!wf_needs_supervisor(runner_wf(r)));
    review_to_consent(r);
    send(r, WF_EV_CONSENT);
    /* the commit is the worker's: still consenting here, whatever the worker has done */
    CHECK_INT(wf_state(runner_wf(r)), WF_CONSENT);
    CHECK(runner_store_busy(r));
    CHECK_STR(runner_last_queued(r), "");
    /* a cancel cannot wait: the commit's result is taken in first, then the cancel */
    send(r, WF_EV_CANCEL);
    CHECK(!runner_store_busy(r));
    CHECK(runner_last_queued(r)[0] != 0);
    CHECK_INT(wf_state(runner_wf(r)), WF_IDLE);
    struct application a;
    CHECK_INT(store_load(st, runner_last_queued(r), &a), 0);
    CHECK_INT(a.status, APP_QUEUED);
    CHECK_INT(a.n_approvals, 1);
    app_wipe(&a);
    runner_free(r);
    store_worker_stop(w); /* joined: every wake-up the worker made has been counted */
    CHECK_INT(__atomic_load_n(&g_wakes, __ATOMIC_SEQ_CST), 3); /* two PIN checks, one commit */
}

/* A forged chip leaves an incident the supervisor sees, with no personal data in it. */
TEST(forged_chip_is_an_incident)
{
    setup();
    struct runner *r = runner_new(&cfg, st, &fake_ops, NULL, on_note, NULL);
    runner_set_officer(r, "cb01");
    send(r, WF_EV_START);
    card_done_as(r, "001099012345", ID_SOURCE_CHIP_UNVERIFIED, CHIP_FORGED,
                 "{\"reasons\":[\"dg_hash_mismatch\"]}");
    struct store_notice n[4];
    CHECK_INT(store_notices(st, n, 4), 1);
    CHECK_STR(n[0].kind, "incident");
    CHECK(strstr(n[0].text, "dg_hash_mismatch") != NULL);
    CHECK(strstr(n[0].text, "cb01") != NULL);
    CHECK(strstr(n[0].text, "001099012345") == NULL);
    /* the supervisor gets the card's personal ID, encrypted at rest and bound to its row */
    CHECK_STR(n[0].personal_id, "001099012345");
    sqlite3_stmt *q;
    CHECK_INT(sqlite3_prepare_v2(st->db, "SELECT sealed FROM notices", -1, &q, NULL), SQLITE_OK);
    CHECK_INT(sqlite3_step(q), SQLITE_ROW);
    CHECK(sqlite3_column_bytes(q, 0) > 12);
    CHECK(memmem(sqlite3_column_blob(q, 0), (size_t)sqlite3_column_bytes(q, 0), "001099012345",
                 12) == NULL);
    sqlite3_finalize(q);
    CHECK_INT(sqlite3_exec(st->db, "UPDATE notices SET id = id + 100", NULL, NULL, NULL),
              SQLITE_OK);
    CHECK_INT(store_notices(st, n, 4), 1);
    CHECK_STR(n[0].personal_id, ""); /* moved to another row: it no longer decrypts */
    CHECK_INT(audit_count("chip.forged"), 1);
    runner_free(r);
}

/* Defeat: a cancelled card read that finished late was taken as the next citizen's
 * identity. Results carry their request's id; one for another request is dropped. */
TEST(late_card_result_after_cancel_is_dropped)
{
    setup();
    struct runner *r = runner_new(&cfg, st, &fake_ops, NULL, on_note, NULL);
    runner_set_officer(r, "cb01");
    send(r, WF_EV_START);
    type_id(r, "001099012345"); /* citizen A's card */
    uint32_t stale = fk.card_id;
    CHECK(stale != 0);
    send(r, WF_EV_CANCEL);
    CHECK_INT(runner_request_id(r, RUNNER_CARD), 0);
    send(r, WF_EV_START);
    type_id(r, "001099054321"); /* citizen B's */
    CHECK(fk.card_id != stale);
    /* A's read finishes now */
    struct dev_event *ev = dev(DEV_CARD_DONE);
    struct application fx;
    fixture_app(&fx, "001099012345", "Nguyễn Văn An", time_now_ms());
    ev->app = calloc(1, sizeof(*ev->app));
    ev->app->identity = fx.identity;
    app_wipe(&fx);
    ev->req_id = stale;
    CHECK_INT(runner_device_event(r, ev, NULL), 0);
    CHECK_INT(wf_state(runner_wf(r)), WF_CARD);
    CHECK_STR(wf_app(runner_wf(r))->identity.personal_id, "");
    /* so does a late failure of A's read: nothing is told */
    notes = 0;
    ev = dev(DEV_CARD_FAILED);
    ev->req_id = stale;
    runner_device_event(r, ev, NULL);
    CHECK_INT(notes, 0);
    /* an unstamped result answers nothing */
    ev = dev(DEV_CARD_DONE);
    ev->req_id = 0;
    runner_device_event(r, ev, NULL);
    CHECK_INT(wf_state(runner_wf(r)), WF_CARD);
    /* B's own result is taken */
    card_done(r, "001099054321");
    CHECK_INT(wf_state(runner_wf(r)), WF_REVIEW);
    CHECK_STR(wf_app(runner_wf(r))->identity.personal_id, "001099054321");
    /* a late finger of a capture that was cancelled does not count either */
    send(r, WF_EV_CONFIRM);
    portrait_done(r);
    uint32_t fid = fk.finger_id;
    send(r, WF_EV_BACK); /* back to the portrait: the capture is cancelled */
    CHECK_INT(wf_state(runner_wf(r)), WF_PORTRAIT);
    portrait_done(r);
    ev = dev(DEV_FINGER_DONE);
    ev->req_id = fid;
    ev->fingerp = calloc(1, sizeof(*ev->fingerp));
    ev->fingerp->position = FINGER_L_INDEX;
    app_blob_set(&ev->fingerp->image, "abcd", 4);
    runner_device_event(r, ev, NULL);
    CHECK_INT(wf_app(runner_wf(r))->n_fingers, 0);
    runner_free(r);
}

TEST(preview_frames_are_handed_back)
{
    setup();
    struct runner *r = runner_new(&cfg, st, &fake_ops, NULL, on_note, NULL);
    runner_set_officer(r, "cb01");
    send(r, WF_EV_START);
    card_done(r, "001099012345");
    send(r, WF_EV_CONFIRM); /* the camera starts */
    struct dev_event *ev = dev(DEV_PREVIEW), *back = NULL;
    runner_device_event(r, ev, &back);
    CHECK(back == ev);
    dev_event_free(back);
    /* a frame of a camera run that was stopped is not shown */
    send(r, WF_EV_BACK);
    ev = dev(DEV_PREVIEW);
    back = NULL;
    runner_device_event(r, ev, &back);
    CHECK(back == NULL);
    runner_free(r);
}

static int count_row(const struct store_row *row, void *arg)
{
    (void)row;
    (*(long *)arg)++;
    return 0;
}

static int site_of_row(const struct store_row *row, void *arg)
{
    struct report_row rr;
    report_row_from_store(&rr, row, "kiosk-001");
    snprintf(arg, APP_SITE_NAME_SIZE, "%s", rr.site);
    return 1;
}

/* A mobile unit's field session: each application queued records the site (the application,
 * its envelope sent upstream, the lists and the reports' rows); closed, none. */
TEST(field_session_site_on_each_application)
{
    setup();
    struct app_site bad = {.name = "Nhà văn hóa thôn Đông", .kind = "cho", .commune = ""};
    CHECK_INT(store_field_open(st, &bad, "cb01", time_now_ms()), STORE_EINVAL);
    struct app_site site = {
        .name = "Nhà văn hóa thôn Đông", .kind = "thon_ap", .commune = "Xã Phù Đổng"};
    CHECK_INT(store_field_open(st, &site, "cb01", time_now_ms()), 0);
    CHECK_INT(clock_guard_trust(st, clock_source_system(), time_now_ms(), "upstream"), 0);
    struct runner *r = runner_new(&cfg, st, &fake_ops, NULL, on_note, NULL);
    runner_set_officer(r, "cb01");
    CHECK_INT(walk(r, "001099012345"), WF_QUEUED);
    struct application a;
    CHECK_INT(store_load(st, runner_last_queued(r), &a), 0);
    CHECK_STR(a.site.name, "Nhà văn hóa thôn Đông");
    CHECK_STR(a.site.kind, "thon_ap");
    CHECK_STR(a.site.commune, "Xã Phù Đổng");
    CHECK_STR(a.time_source, "upstream"); /* how its time was known */
    app_wipe(&a);
    struct outbox_item it;
    CHECK_INT(store_outbox_get(st, runner_last_queued(r), &it), 0);
    CHECK(strstr(it.envelope_json,
                 "\"site\":{\"name\":\"Nhà văn hóa thôn Đông\",\"kind\":\"thon_ap\"") != NULL);
    outbox_item_wipe(&it);
    char got[APP_SITE_NAME_SIZE] = "";
    struct store_query q = {.status = -1, .newest_first = 1};
    CHECK_INT(store_list(st, &q, site_of_row, got), 0);
    CHECK_STR(got, "Nhà văn hóa thôn Đông");
    CHECK_INT(audit_count("field.open"), 1);

    /* closed: the next one is the station's */
    CHECK_INT(store_field_close(st, "cb01", time_now_ms()), 0);
    send(r, WF_EV_START); /* from the done screen: a new citizen */
    send(r, WF_EV_CANCEL);
    CHECK_INT(walk(r, "001099054321"), WF_QUEUED);
    CHECK_INT(store_load(st, runner_last_queued(r), &a), 0);
    CHECK_STR(a.site.name, "");
    app_wipe(&a);
    /* the lists cut per site: one at the hamlet, one at the station */
    long n_site = 0, n_station = 0;
    q.site = "Nhà văn hóa thôn Đông";
    CHECK_INT(store_list(st, &q, count_row, &n_site), 0);
    q.site = "";
    CHECK_INT(store_list(st, &q, count_row, &n_station), 0);
    CHECK_INT(n_site, 1);
    CHECK_INT(n_station, 1);
    struct app_site known[4];
    CHECK_INT(store_field_sites(st, known, 4), 1);
    CHECK_STR(known[0].commune, "Xã Phù Đổng");
    runner_free(r);
}

int main(void)
{
    if (seal_init() != 0)
        return 1;
    RUN(field_session_site_on_each_application);
    RUN(walk_queues_in_the_store_with_audit);
    RUN(second_application_is_a_duplicate);
    RUN(same_finger_twice_is_refused);
    RUN(same_finger_compared_by_the_worker_is_refused);
    RUN(device_failure_is_told_once);
    RUN(card_read_waits_for_access_data_and_forgets_it);
    RUN(an_action_whose_audit_row_fails_is_not_done);
    RUN(logout_wipes_the_enrolment);
    RUN(approval_checks_pin_role_and_self_and_is_stored);
    RUN(store_worker_runs_pin_check_and_commit_off_the_thread);
    RUN(forged_chip_is_an_incident);
    RUN(late_card_result_after_cancel_is_dropped);
    RUN(preview_frames_are_handed_back);
    RUN(approval_rules_refuse_self_wrong_pin_and_officer_role);
    store_close(st);
    return test_done();
}
