/* test_workflow.c: drives the enrolment workflow through every transition, with no device,
 * store or screen: events in, actions checked. */
#include <stdlib.h>
#include <string.h>

#include "kiosk/workflow/workflow.h"
#include "tests/test.h"

static struct wf *wf;
static struct wf_actions acts;
static int64_t now = 1700000000000LL;

static struct wf *fresh(void)
{
    struct wf_settings s = {.station = "ST-1",
                            .fingers = {FINGER_L_INDEX, FINGER_R_INDEX},
                            .n_fingers = 2,
                            .inactivity_ms = 60000};
    wf_free(wf);
    wf = wf_new(&s);
    return wf;
}

static int send(enum wf_event_type t)
{
    struct wf_event ev = {.type = t, .now_ms = ++now, .officer = "cb01"};
    return wf_handle(wf, &ev, &acts);
}

static int has(enum wf_action_type t)
{
    for (int i = 0; i < acts.n; i++)
        if (acts.a[i].type == t)
            return 1;
    return 0;
}

static const struct wf_action *find(enum wf_action_type t)
{
    for (int i = 0; i < acts.n; i++)
        if (acts.a[i].type == t)
            return &acts.a[i];
    return NULL;
}

static int notice_is(enum msg_id m)
{
    for (int i = 0; i < acts.n; i++)
        if (acts.a[i].type == WF_ACT_NOTICE && acts.a[i].msg == m)
            return 1;
    return 0;
}

/* A valid identity as the card reader gives it: Hà Nội (001), male born 1999; report is the
 * chip report's JSON (the reasons the policy reads). */
static int card_report(enum id_source src, enum chip_verdict v, const char *report)
{
    struct application a;
    app_init(&a);
    strcpy(a.identity.personal_id, "001099012345");
    strcpy(a.identity.full_name, "Nguyễn Văn An");
    strcpy(a.identity.dob, "1999-01-01");
    a.identity.sex = 'M';
    strcpy(a.identity.expiry_date, "2039-01-01");
    a.identity.source = src;
    a.identity.verdict = v;
    app_str_set(&a.chip_report_json, report);
    app_blob_set(&a.chip_face, "\xff\xd8\xff", 3);
    if (v != CHIP_VERDICT_NONE) { /* the chip's signed data, for the upstream */
        app_blob_set(&a.chip_evidence.sod, "\x77\x01\x00", 3);
        snprintf(a.chip_evidence.aa, sizeof a.chip_evidence.aa, "%s", "ok");
    }
    struct wf_event ev = {.type = WF_EV_CARD_OK, .now_ms = ++now, .app_data = &a};
    int rc = wf_handle(wf, &ev, &acts);
    app_wipe(&a);
    return rc;
}

static int card_ok(enum id_source src, enum chip_verdict v)
{
    return card_report(
        src, v,
        v == CHIP_UNVERIFIED
            ? "{\"verdict\":\"unverified\",\"reasons\":[{\"key\":\"no_trust_store\"}]}"
        : v == CHIP_VERDICT_NONE ? NULL
                                 : "{\"verdict\":\"x\",\"reasons\":[]}");
}

/* An approval as runner_approve sends it once PIN and role are checked. */
static int approve(const char *by, const char *reason)
{
    struct wf_event ev = {
        .type = WF_EV_SUPERVISOR_OK, .now_ms = ++now, .officer = by, .text1 = reason};
    return wf_handle(wf, &ev, &acts);
}

static int portrait_ok(int override)
{
    struct application a;
    app_init(&a);
    app_blob_set(&a.portrait, "\xff\xd8\xff\xe0", 4);
    app_str_set(&a.portrait_quality_json, "{\"all_pass\":true}");
    a.portrait_override = override;
    struct wf_event ev = {.type = WF_EV_PORTRAIT_OK, .now_ms = ++now, .app_data = &a};
    int rc = wf_handle(wf, &ev, &acts);
    app_wipe(&a);
    return rc;
}

static int finger(enum finger f, enum finger_exception ex)
{
    struct app_finger af;
    memset(&af, 0, sizeof(af));
    af.position = f;
    af.exception = ex;
    if (ex == FINGER_CAPTURED) {
        af.width = af.height = 2;
        af.ppi = 500;
        app_blob_set(&af.image, "\x10\x20\x30\x40", 4);
    }
    struct wf_event ev = {.type = ex == FINGER_CAPTURED ? WF_EV_FINGER_OK : WF_EV_FINGER_EXCEPTION,
                          .now_ms = ++now,
                          .finger = &af};
    int rc = wf_handle(wf, &ev, &acts);
    app_blob_wipe(&af.image);
    return rc;
}

static int contact(const char *phone, const char *email)
{
    struct wf_event ev = {.type = WF_EV_CONTACT, .now_ms = ++now, .text1 = phone, .text2 = email};
    return wf_handle(wf, &ev, &acts);
}

/* A fresh workflow walked along the happy path until it stands in target. */
static void walk_to(enum wf_state target)
{
    fresh();
    send(WF_EV_START);
    if (target >= WF_REVIEW)
        card_ok(ID_SOURCE_CHIP_VERIFIED, CHIP_GENUINE);
    if (target >= WF_PORTRAIT)
        send(WF_EV_CONFIRM);
    if (target >= WF_FINGERS)
        portrait_ok(0);
    if (target >= WF_CONTACT) {
        finger(FINGER_L_INDEX, FINGER_CAPTURED);
        finger(FINGER_R_INDEX, FINGER_CAPTURED);
    }
    if (target >= WF_CONSENT)
        contact("0912345678", "");
    if (target >= WF_QUEUED) {
        send(WF_EV_CONSENT);
        struct wf_event ok = {.type = WF_EV_QUEUE_DONE, .now_ms = ++now, .rc = 0};
        wf_handle(wf, &ok, &acts);
    }
}

/* Walks from idle to the consent screen along the happy path. */
static void to_consent(void)
{
    walk_to(WF_CONSENT);
}

TEST(happy_path_reaches_queued)
{
    fresh();
    CHECK_INT(wf_state(wf), WF_IDLE);
    CHECK_INT(send(WF_EV_START), 0);
    CHECK_INT(wf_state(wf), WF_CARD);
    CHECK(has(WF_ACT_CARD_READ));
    CHECK(strlen(wf_app(wf)->id) == 36);
    CHECK_STR(wf_app(wf)->officer, "cb01");
    CHECK_STR(wf_app(wf)->station, "ST-1");
    CHECK_INT(card_ok(ID_SOURCE_CHIP_VERIFIED, CHIP_GENUINE), 0);
    CHECK_INT(wf_state(wf), WF_REVIEW);
    CHECK(has(WF_ACT_DUP_CHECK));
    CHECK_STR(wf_app(wf)->identity.full_name, "Nguyễn Văn An");
    CHECK_INT(wf_app(wf)->chip_face.len, 3);
    CHECK_INT(send(WF_EV_CONFIRM), 0);
    CHECK_INT(wf_state(wf), WF_PORTRAIT);
    CHECK(has(WF_ACT_CAMERA_START));
    CHECK_INT(portrait_ok(0), 0);
    CHECK_INT(wf_state(wf), WF_FINGERS);
    CHECK(has(WF_ACT_CAMERA_STOP));
    CHECK_INT(find(WF_ACT_FINGER_CAPTURE)->finger, FINGER_L_INDEX);
    CHECK_INT(wf_current_finger(wf), FINGER_L_INDEX);
    CHECK_INT(finger(FINGER_L_INDEX, FINGER_CAPTURED), 0);
    CHECK_INT(find(WF_ACT_FINGER_CAPTURE)->finger, FINGER_R_INDEX);
    CHECK_INT(finger(FINGER_R_INDEX, FINGER_CAPTURED), 0);
    CHECK_INT(wf_state(wf), WF_CONTACT);
    CHECK_INT(contact("+84 912.345.678", "an@example.vn"), 0);
    CHECK_INT(wf_state(wf), WF_CONSENT);
    CHECK_STR(wf_app(wf)->phone, "0912345678");
    CHECK_STR(wf_app(wf)->email, "an@example.vn");
    CHECK_INT(send(WF_EV_CONSENT), 0);
    CHECK(has(WF_ACT_QUEUE));
    CHECK(wf_app(wf)->consent_at > 0);
    CHECK_STR(wf_app(wf)->consent_officer, "cb01");
    CHECK_INT(wf_state(wf), WF_CONSENT);
    struct wf_event done = {.type = WF_EV_QUEUE_DONE, .now_ms = ++now, .rc = 0};
    CHECK_INT(wf_handle(wf, &done, &acts), 0);
    CHECK_INT(wf_state(wf), WF_QUEUED);
    CHECK(notice_is(MSG_WF_QUEUED));
    CHECK_INT(wf_app(wf)->n_fingers, 2);
    CHECK_INT(send(WF_EV_CONFIRM), 0);
    CHECK_INT(wf_state(wf), WF_IDLE);
    CHECK(has(WF_ACT_WIPE));
    CHECK_STR(wf_app(wf)->identity.full_name, "");
}

TEST(start_needs_an_officer)
{
    fresh();
    struct wf_event ev = {.type = WF_EV_START, .now_ms = ++now, .officer = ""};
    CHECK(wf_handle(wf, &ev, &acts) < 0);
    CHECK(notice_is(MSG_WF_NO_OFFICER));
    CHECK_INT(wf_state(wf), WF_IDLE);
}

TEST(events_out_of_place_are_refused_and_change_nothing)
{
    fresh();
    CHECK(send(WF_EV_CONFIRM) < 0);
    CHECK(send(WF_EV_CONSENT) < 0);
    CHECK(portrait_ok(0) < 0);
    CHECK_INT(wf_state(wf), WF_IDLE);
    send(WF_EV_START);
    CHECK(send(WF_EV_CONSENT) < 0);
    CHECK(notice_is(MSG_WF_NOT_NOW));
    CHECK(finger(FINGER_L_INDEX, FINGER_CAPTURED) < 0);
    CHECK_INT(wf_state(wf), WF_CARD);
    card_ok(ID_SOURCE_CHIP_VERIFIED, CHIP_GENUINE);
    send(WF_EV_CONFIRM);
    portrait_ok(0);
    /* a capture of another finger than the one asked for */
    CHECK(finger(FINGER_R_THUMB, FINGER_CAPTURED) < 0);
    CHECK_INT(wf_current_finger(wf), FINGER_L_INDEX);
}

TEST(card_failure_retry_and_back)
{
    fresh();
    send(WF_EV_START);
    struct wf_event ev = {.type = WF_EV_CARD_FAIL, .now_ms = ++now, .msg = MSG_WF_DEVICE_FAILED};
    CHECK_INT(wf_handle(wf, &ev, &acts), 0);
    CHECK_INT(wf_state(wf), WF_CARD);
    CHECK(notice_is(MSG_WF_DEVICE_FAILED));
    CHECK_INT(send(WF_EV_RETRY), 0);
    CHECK(has(WF_ACT_CARD_READ));
    CHECK_INT(send(WF_EV_BACK), 0);
    CHECK_INT(wf_state(wf), WF_IDLE);
    CHECK(has(WF_ACT_CARD_CANCEL));
    CHECK(has(WF_ACT_WIPE));
}

TEST(forged_chip_cannot_enrol)
{
    fresh();
    send(WF_EV_START);
    card_ok(ID_SOURCE_CHIP_UNVERIFIED, CHIP_FORGED);
    CHECK(notice_is(MSG_WF_CHIP_FORGED));
    CHECK(send(WF_EV_CONFIRM) < 0);
    CHECK_INT(wf_state(wf), WF_REVIEW);
    /* not even a supervisor can wave it through */
    struct wf_event sup = {.type = WF_EV_SUPERVISOR_OK, .now_ms = ++now, .officer = "sv01"};
    wf_handle(wf, &sup, &acts);
    CHECK(send(WF_EV_CONFIRM) < 0);
    CHECK_INT(wf_state(wf), WF_REVIEW);
}

TEST(unverified_chip_needs_supervisor)
{
    fresh();
    send(WF_EV_START);
    card_ok(ID_SOURCE_CHIP_UNVERIFIED, CHIP_UNVERIFIED);
    CHECK(wf_needs_supervisor(wf));
    CHECK(send(WF_EV_CONFIRM) < 0);
    CHECK_INT(find(WF_ACT_NEED_SUPERVISOR)->msg, MSG_WF_NEED_SUPERVISOR_UNVERIFIED);
    CHECK_INT(approve("sv01", NULL), 0);
    CHECK_STR(find(WF_ACT_AUDIT)->audit, "approval");
    CHECK_STR(find(WF_ACT_AUDIT)->detail, "rule=chip.no_csca reason=no_csca_for_state by=sv01");
    CHECK(!wf_needs_supervisor(wf));
    CHECK_INT(send(WF_EV_CONFIRM), 0);
    CHECK_INT(wf_state(wf), WF_PORTRAIT);
    CHECK_INT(wf_app(wf)->n_approvals, 1);
    CHECK_STR(wf_app(wf)->approvals[0].by, "sv01");
    CHECK_STR(wf_app(wf)->approvals[0].rule, "chip.no_csca");
    CHECK(wf_app(wf)->approvals[0].at == now - 1);
}

TEST(manual_entry_needs_supervisor)
{
    fresh();
    send(WF_EV_START);
    card_ok(ID_SOURCE_MANUAL, CHIP_VERDICT_NONE);
    CHECK(send(WF_EV_CONFIRM) < 0);
    CHECK_INT(find(WF_ACT_NEED_SUPERVISOR)->msg, MSG_WF_NEED_SUPERVISOR_MANUAL);
}

TEST(supervisor_ok_refused_when_not_needed)
{
    fresh();
    send(WF_EV_START);
    card_ok(ID_SOURCE_CHIP_VERIFIED, CHIP_GENUINE);
    CHECK_INT(approve("sv01", NULL), -MSG_POL_NOTHING_TO_APPROVE);
    CHECK_INT(wf_app(wf)->n_approvals, 0);
    CHECK_INT(send(WF_EV_CONFIRM), 0);
}

/* Defeat: an identity from the unsigned QR code went on with nobody approving. */
TEST(qr_only_identity_needs_an_approver_with_a_reason)
{
    fresh();
    send(WF_EV_START);
    card_ok(ID_SOURCE_QR, CHIP_VERDICT_NONE);
    CHECK(wf_needs_supervisor(wf));
    CHECK_INT(send(WF_EV_CONFIRM), -MSG_POL_QR_ONLY);
    CHECK_STR(find(WF_ACT_NEED_SUPERVISOR)->detail, "identity.qr_only");
    CHECK_INT(wf_state(wf), WF_REVIEW);
    /* a reason from the fixed list is required */
    CHECK_INT(approve("sv01", NULL), -MSG_POL_REASON_NEEDED);
    CHECK_INT(approve("sv01", "because"), -MSG_POL_REASON_NEEDED);
    CHECK_INT(wf_app(wf)->n_approvals, 0);
    CHECK_INT(approve("sv01", "chip_damaged"), 0);
    CHECK_STR(wf_app(wf)->approvals[0].reason, "chip_damaged");
    CHECK_INT(send(WF_EV_CONFIRM), 0);
    CHECK_INT(wf_state(wf), WF_PORTRAIT);
}

/* Defeat: after a chip judged forged, Back and "QR code only" (or typing) went through. */
TEST(no_qr_or_typed_identity_after_a_forged_chip)
{
    fresh();
    send(WF_EV_START);
    card_ok(ID_SOURCE_CHIP_UNVERIFIED, CHIP_FORGED);
    CHECK(has(WF_ACT_INCIDENT));
    CHECK(wf_forged_seen(wf));
    CHECK_INT(send(WF_EV_BACK), 0);
    CHECK_INT(wf_state(wf), WF_CARD);
    card_ok(ID_SOURCE_QR, CHIP_VERDICT_NONE);
    CHECK(notice_is(MSG_POL_AFTER_FORGED));
    CHECK(!wf_needs_supervisor(wf));
    CHECK_INT(approve("sv01", "chip_damaged"), -MSG_POL_AFTER_FORGED);
    CHECK_INT(send(WF_EV_CONFIRM), -MSG_POL_AFTER_FORGED);
    CHECK_INT(send(WF_EV_BACK), 0);
    card_ok(ID_SOURCE_MANUAL, CHIP_VERDICT_NONE);
    CHECK_INT(send(WF_EV_CONFIRM), -MSG_POL_AFTER_FORGED);
    CHECK_INT(wf_state(wf), WF_REVIEW);
    /* the next citizen starts clean */
    send(WF_EV_CANCEL);
    send(WF_EV_START);
    CHECK(!wf_forged_seen(wf));
}

/* Defeat: a supervisor approved their own enrolment. */
TEST(the_enrolling_officer_cannot_approve)
{
    fresh();
    send(WF_EV_START); /* officer cb01 */
    card_ok(ID_SOURCE_CHIP_UNVERIFIED, CHIP_UNVERIFIED);
    CHECK_INT(approve("cb01", NULL), -MSG_POL_SELF_APPROVAL);
    CHECK(notice_is(MSG_POL_SELF_APPROVAL));
    CHECK_INT(wf_app(wf)->n_approvals, 0);
    CHECK(wf_needs_supervisor(wf));
    CHECK(send(WF_EV_CONFIRM) < 0);
    CHECK_INT(approve("", NULL), -MSG_WF_NO_OFFICER);
    CHECK_INT(approve("sv01", NULL), 0);
    CHECK_INT(send(WF_EV_CONFIRM), 0);
}

/* Walks a genuine chip to the fingers; f1/f2 are the two configured fingers' outcome. */
static void to_contact_with(int override, enum finger_exception f1, enum finger_exception f2)
{
    fresh();
    send(WF_EV_START);
    card_ok(ID_SOURCE_CHIP_VERIFIED, CHIP_GENUINE);
    send(WF_EV_CONFIRM);
    portrait_ok(override);
    /* every finger the workflow offers gets f1 (left hand) or f2 (right hand) */
    while (wf_state(wf) == WF_FINGERS) {
        enum finger f = wf_current_finger(wf);
        finger(f, f >= FINGER_L_THUMB ? f1 : f2);
    }
}

/* Defeat: every finger "unreadable" queued silently. */
TEST(no_fingerprints_needs_an_approver_with_each_fingers_reason)
{
    to_contact_with(0, FINGER_UNREADABLE, FINGER_UNREADABLE);
    CHECK_INT(wf_state(wf), WF_CONTACT);
    CHECK_INT(contact("0912345678", ""), 0);
    CHECK(wf_needs_supervisor(wf));
    CHECK_INT(send(WF_EV_CONSENT), -MSG_POL_NO_FINGERS);
    CHECK(!has(WF_ACT_QUEUE));
    CHECK_INT(approve("sv01", NULL), 0);
    const struct app_approval *ap = &wf_app(wf)->approvals[0];
    CHECK_STR(ap->rule, "fingers.none");
    CHECK(strstr(ap->detail, "left-index:unreadable") != NULL);
    CHECK(strstr(ap->detail, "right-thumb:unreadable") != NULL);
    CHECK_INT(send(WF_EV_CONSENT), 0);
    CHECK(has(WF_ACT_QUEUE));
}

TEST(fewer_fingers_and_an_approval_that_no_longer_matches)
{
    fresh();
    send(WF_EV_START);
    card_ok(ID_SOURCE_CHIP_VERIFIED, CHIP_GENUINE);
    send(WF_EV_CONFIRM);
    portrait_ok(0);
    finger(FINGER_L_INDEX, FINGER_CAPTURED);
    /* the right hand: every finger missing */
    while (wf_state(wf) == WF_FINGERS)
        finger(wf_current_finger(wf), FINGER_MISSING);
    contact("0912345678", "");
    CHECK_INT(send(WF_EV_CONSENT), -MSG_POL_FEWER_FINGERS);
    CHECK_INT(approve("sv01", NULL), 0);
    CHECK_STR(wf_app(wf)->approvals[0].rule, "fingers.fewer");
    /* back to the last finger, which is now bandaged instead: the approval is stale */
    send(WF_EV_BACK);
    send(WF_EV_BACK);
    finger(wf_current_finger(wf), FINGER_BANDAGED);
    contact("0912345678", "");
    CHECK(wf_needs_supervisor(wf));
    CHECK(send(WF_EV_CONSENT) < 0);
    CHECK_INT(approve("sv01", NULL), 0);
    CHECK_INT(wf_app(wf)->n_approvals, 1); /* the stale one is gone */
    CHECK_INT(send(WF_EV_CONSENT), 0);
}

/* Defeat: a portrait override queued silently. */
TEST(portrait_override_needs_an_approver)
{
    to_contact_with(1, FINGER_CAPTURED, FINGER_CAPTURED);
    contact("0912345678", "");
    CHECK_INT(send(WF_EV_CONSENT), -MSG_POL_PORTRAIT_OVERRIDE);
    CHECK_INT(approve("cb01", NULL), -MSG_POL_SELF_APPROVAL);
    CHECK_INT(approve("sv01", NULL), 0);
    CHECK_STR(wf_app(wf)->approvals[0].rule, "portrait.override");
    CHECK_INT(send(WF_EV_CONSENT), 0);
}

/* The face check comes in with the portrait, stays in the application and is judged at the
 * consent: a mismatch waits for an approver, whose approval covers that score only; a
 * retaken portrait's check replaces it. */
TEST(face_mismatch_needs_an_approver_and_a_retake_is_new_evidence)
{
    walk_to(WF_PORTRAIT);
    struct application a;
    app_init(&a);
    app_blob_set(&a.portrait, "\xff\xd8\xff\xe0", 4);
    a.face = (struct app_face_check){APP_FACE_DIFFERENT, 0.734, 0.5, "m"};
    struct wf_event ev = {.type = WF_EV_PORTRAIT_OK, .now_ms = ++now, .app_data = &a};
    CHECK_INT(wf_handle(wf, &ev, &acts), 0);
    app_wipe(&a);
    CHECK_INT(wf_app(wf)->face.verdict, APP_FACE_DIFFERENT);
    CHECK(wf_app(wf)->face.distance == 0.734);
    finger(FINGER_L_INDEX, FINGER_CAPTURED);
    finger(FINGER_R_INDEX, FINGER_CAPTURED);
    contact("0912345678", "");
    CHECK_INT(send(WF_EV_CONSENT), -MSG_POL_FACE_MISMATCH);
    CHECK(find(WF_ACT_NEED_SUPERVISOR) &&
          strcmp(find(WF_ACT_NEED_SUPERVISOR)->detail, "face.mismatch") == 0);
    /* the leader must say why, and is told what the reason is for */
    CHECK_INT(approve("sv01", NULL), -MSG_POL_FACE_REASON);
    CHECK(notice_is(MSG_POL_FACE_REASON));
    CHECK_INT(approve("sv01", "appearance_changed"), 0);
    CHECK_STR(wf_app(wf)->approvals[0].rule, "face.mismatch");
    CHECK_STR(wf_app(wf)->approvals[0].reason, "appearance_changed");
    CHECK_STR(wf_app(wf)->approvals[0].detail, "distance=0.734 threshold=0.500");
    /* back to the portrait, retaken: the new check is what counts */
    send(WF_EV_BACK);
    send(WF_EV_BACK);
    send(WF_EV_BACK);
    send(WF_EV_BACK);
    CHECK_INT(wf_state(wf), WF_PORTRAIT);
    send(WF_EV_RETRY);
    CHECK_INT(wf_app(wf)->face.verdict, APP_FACE_NONE);
    app_init(&a);
    app_blob_set(&a.portrait, "\xff\xd8\xff\xe0", 4);
    a.face = (struct app_face_check){APP_FACE_DIFFERENT, 0.702, 0.5, "m"};
    ev.now_ms = ++now;
    ev.app_data = &a;
    CHECK_INT(wf_handle(wf, &ev, &acts), 0);
    app_wipe(&a);
    finger(FINGER_L_INDEX, FINGER_CAPTURED);
    finger(FINGER_R_INDEX, FINGER_CAPTURED);
    contact("0912345678", "");
    /* the approval was for 0.734: asked again */
    CHECK_INT(send(WF_EV_CONSENT), -MSG_POL_FACE_MISMATCH);
    CHECK_INT(approve("sv01", "leader_compared_in_person"), 0);
    CHECK_INT(send(WF_EV_CONSENT), 0);
    CHECK_INT(wf_app(wf)->n_approvals, 1);
    CHECK_STR(wf_app(wf)->approvals[0].detail, "distance=0.702 threshold=0.500");
}

/* Defeat: e-mail only queued silently. */
TEST(email_only_needs_the_no_mobile_phone_answer)
{
    to_contact_with(0, FINGER_CAPTURED, FINGER_CAPTURED);
    CHECK_INT(contact("", "an@example.vn"), -MSG_POL_ASK_NO_MOBILE);
    CHECK_INT(wf_state(wf), WF_CONTACT);
    CHECK_STR(wf_app(wf)->email, "");
    struct wf_event ev = {.type = WF_EV_CONTACT,
                          .now_ms = ++now,
                          .text1 = "",
                          .text2 = "an@example.vn",
                          .no_mobile = 1};
    CHECK_INT(wf_handle(wf, &ev, &acts), 0);
    CHECK_INT(wf_state(wf), WF_CONSENT);
    CHECK(notice_is(MSG_POL_NO_MOBILE_SMS));
    CHECK(wf_app(wf)->no_mobile_phone);
    CHECK_INT(send(WF_EV_CONSENT), 0);
}

TEST(duplicate_is_shown_and_needs_supervisor)
{
    fresh();
    send(WF_EV_START);
    card_ok(ID_SOURCE_CHIP_VERIFIED, CHIP_GENUINE);
    struct wf_event dup = {.type = WF_EV_DUPLICATE,
                           .now_ms = ++now,
                           .other_id = "0190aaaa-0000-7000-8000-000000000001"};
    CHECK_INT(wf_handle(wf, &dup, &acts), 0);
    CHECK(notice_is(MSG_WF_DUPLICATE));
    CHECK_STR(wf_duplicate_of(wf), "0190aaaa-0000-7000-8000-000000000001");
    CHECK(send(WF_EV_CONFIRM) < 0);
    CHECK_INT(find(WF_ACT_NEED_SUPERVISOR)->msg, MSG_WF_NEED_SUPERVISOR_DUPLICATE);
    CHECK_INT(wf_state(wf), WF_REVIEW);
}

/* Defeat: an expired card queued silently. */
TEST(expired_card_refused)
{
    struct application a;
    fresh();
    send(WF_EV_START);
    app_init(&a);
    strcpy(a.identity.personal_id, "001099012345");
    strcpy(a.identity.full_name, "Trần Thị B");
    strcpy(a.identity.expiry_date, "2020-01-01");
    a.identity.source = ID_SOURCE_CHIP_VERIFIED;
    a.identity.verdict = CHIP_GENUINE;
    struct wf_event ev = {.type = WF_EV_CARD_OK, .now_ms = ++now, .app_data = &a};
    CHECK_INT(wf_handle(wf, &ev, &acts), 0);
    app_wipe(&a);
    CHECK(notice_is(MSG_WF_CARD_EXPIRED));
    CHECK(!wf_needs_supervisor(wf));
    CHECK_INT(send(WF_EV_CONFIRM), -MSG_WF_CARD_EXPIRED);
    CHECK_INT(approve("sv01", NULL), -MSG_WF_CARD_EXPIRED);
    CHECK_INT(wf_state(wf), WF_REVIEW);
}

TEST(review_identity_with_bad_personal_id_is_refused)
{
    struct application a;
    fresh();
    send(WF_EV_START);
    app_init(&a);
    strcpy(a.identity.personal_id, "999099012345"); /* no province 999 */
    strcpy(a.identity.full_name, "Lê Văn C");
    a.identity.source = ID_SOURCE_QR;
    struct wf_event ev = {.type = WF_EV_CARD_OK, .now_ms = ++now, .app_data = &a};
    wf_handle(wf, &ev, &acts);
    app_wipe(&a);
    CHECK(send(WF_EV_CONFIRM) < 0);
    CHECK(notice_is(MSG_PID_PROVINCE));
    CHECK_INT(wf_state(wf), WF_REVIEW);
}

TEST(identity_text_becomes_nfc_and_names_are_checked)
{
    struct application a;
    fresh();
    send(WF_EV_START);
    app_init(&a);
    strcpy(a.identity.personal_id, "001099012345");
    /* "Nguyễn" decomposed: e + U+0302 + U+0303 */
    strcpy(a.identity.full_name, "Nguye\xcc\x82\xcc\x83n Va\xcc\x86n An");
    strcpy(a.identity.residence, "Ha\xcc\x80 No\xcc\xa3i");
    a.identity.source = ID_SOURCE_CHIP_VERIFIED;
    a.identity.verdict = CHIP_GENUINE;
    struct wf_event ev = {.type = WF_EV_CARD_OK, .now_ms = ++now, .app_data = &a};
    CHECK_INT(wf_handle(wf, &ev, &acts), 0);
    app_wipe(&a);
    CHECK_STR(wf_app(wf)->identity.full_name, "Nguyễn Văn An");
    CHECK_INT(send(WF_EV_CONFIRM), 0);

    fresh();
    send(WF_EV_START);
    app_init(&a);
    strcpy(a.identity.personal_id, "001099012345");
    strcpy(a.identity.full_name, "An\x01<script>");
    a.identity.source = ID_SOURCE_QR;
    ev.app_data = &a;
    ev.now_ms = ++now;
    wf_handle(wf, &ev, &acts);
    app_wipe(&a);
    CHECK(send(WF_EV_CONFIRM) < 0);
    CHECK_INT(wf_state(wf), WF_REVIEW);
}

TEST(review_back_reads_again)
{
    fresh();
    send(WF_EV_START);
    card_ok(ID_SOURCE_CHIP_VERIFIED, CHIP_GENUINE);
    /* the chip evidence moved into the application with the identity */
    CHECK(wf_app(wf)->chip_evidence.sod.len == 3 && !strcmp(wf_app(wf)->chip_evidence.aa, "ok"));
    CHECK_INT(send(WF_EV_BACK), 0);
    CHECK_INT(wf_state(wf), WF_CARD);
    CHECK(has(WF_ACT_CARD_READ));
    CHECK_STR(wf_app(wf)->identity.personal_id, "");
    CHECK(wf_app(wf)->chip_face.data == NULL);
    CHECK(!app_evidence_present(&wf_app(wf)->chip_evidence)); /* and left with it */
    /* a QR-only identity read next brings no chip evidence along */
    card_ok(ID_SOURCE_QR, CHIP_VERDICT_NONE);
    CHECK(!app_evidence_present(&wf_app(wf)->chip_evidence));
}

TEST(portrait_fail_retry_back_and_override)
{
    fresh();
    send(WF_EV_START);
    card_ok(ID_SOURCE_CHIP_VERIFIED, CHIP_GENUINE);
    send(WF_EV_CONFIRM);
    struct wf_event ev = {.type = WF_EV_PORTRAIT_FAIL, .now_ms = ++now, .msg = MSG_NONE};
    CHECK_INT(wf_handle(wf, &ev, &acts), 0);
    CHECK(!has(WF_ACT_NOTICE)); /* the camera's own message was shown */
    ev.msg = MSG_WF_DEVICE_FAILED;
    CHECK_INT(wf_handle(wf, &ev, &acts), 0);
    CHECK(notice_is(MSG_WF_DEVICE_FAILED));
    CHECK_INT(send(WF_EV_RETRY), 0);
    CHECK(has(WF_ACT_CAMERA_START));
    CHECK_INT(send(WF_EV_BACK), 0);
    CHECK_INT(wf_state(wf), WF_REVIEW);
    CHECK(has(WF_ACT_CAMERA_STOP));
    send(WF_EV_CONFIRM);
    CHECK_INT(portrait_ok(1), 0);
    CHECK(wf_app(wf)->portrait_override);
    CHECK_STR(find(WF_ACT_AUDIT)->audit, "portrait.override");
}

TEST(finger_exception_offers_fallback)
{
    fresh();
    send(WF_EV_START);
    card_ok(ID_SOURCE_CHIP_VERIFIED, CHIP_GENUINE);
    send(WF_EV_CONFIRM);
    portrait_ok(0);
    CHECK_INT(finger(FINGER_L_INDEX, FINGER_BANDAGED), 0);
    /* the left hand's next finger is offered before the right index */
    CHECK_INT(find(WF_ACT_FINGER_CAPTURE)->finger, FINGER_L_MIDDLE);
    CHECK_INT(finger(FINGER_L_MIDDLE, FINGER_CAPTURED), 0);
    CHECK_INT(find(WF_ACT_FINGER_CAPTURE)->finger, FINGER_R_INDEX);
    CHECK_INT(finger(FINGER_R_INDEX, FINGER_CAPTURED), 0);
    CHECK_INT(wf_state(wf), WF_CONTACT);
    const struct application *a = wf_app(wf);
    CHECK_INT(a->n_fingers, 3);
    CHECK_INT(a->fingers[0].exception, FINGER_BANDAGED);
    CHECK(a->fingers[0].image.data == NULL);
    CHECK_INT(a->fingers[1].position, FINGER_L_MIDDLE);
    CHECK_INT(a->fingers[1].exception, FINGER_CAPTURED);
}

TEST(whole_hand_missing_runs_out_of_fallbacks)
{
    fresh();
    send(WF_EV_START);
    card_ok(ID_SOURCE_CHIP_VERIFIED, CHIP_GENUINE);
    send(WF_EV_CONFIRM);
    portrait_ok(0);
    enum finger left[] = {FINGER_L_INDEX, FINGER_L_MIDDLE, FINGER_L_RING, FINGER_L_LITTLE,
                          FINGER_L_THUMB};
    for (int i = 0; i < 5; i++) {
        CHECK_INT(wf_current_finger(wf), left[i]);
        CHECK_INT(finger(left[i], FINGER_MISSING), 0);
    }
    CHECK_INT(wf_current_finger(wf), FINGER_R_INDEX);
    CHECK_INT(finger(FINGER_R_INDEX, FINGER_CAPTURED), 0);
    CHECK_INT(wf_state(wf), WF_CONTACT);
    CHECK_INT(wf_app(wf)->n_fingers, 6);
}

TEST(finger_fail_retry_and_back)
{
    fresh();
    send(WF_EV_START);
    card_ok(ID_SOURCE_CHIP_VERIFIED, CHIP_GENUINE);
    send(WF_EV_CONFIRM);
    portrait_ok(0);
    struct wf_event ev = {.type = WF_EV_FINGER_FAIL, .now_ms = ++now, .msg = MSG_WF_SAME_FINGER};
    CHECK_INT(wf_handle(wf, &ev, &acts), 0);
    CHECK(notice_is(MSG_WF_SAME_FINGER));
    CHECK_INT(send(WF_EV_RETRY), 0);
    CHECK_INT(find(WF_ACT_FINGER_CAPTURE)->finger, FINGER_L_INDEX);
    finger(FINGER_L_INDEX, FINGER_CAPTURED);
    /* back: the left index again */
    CHECK_INT(send(WF_EV_BACK), 0);
    CHECK_INT(find(WF_ACT_FINGER_CAPTURE)->finger, FINGER_L_INDEX);
    CHECK_INT(wf_app(wf)->n_fingers, 0);
    /* back again: to the portrait */
    CHECK_INT(send(WF_EV_BACK), 0);
    CHECK_INT(wf_state(wf), WF_PORTRAIT);
    CHECK(has(WF_ACT_CAMERA_START));
}

TEST(back_over_an_exception_drops_its_fallback)
{
    fresh();
    send(WF_EV_START);
    card_ok(ID_SOURCE_CHIP_VERIFIED, CHIP_GENUINE);
    send(WF_EV_CONFIRM);
    portrait_ok(0);
    finger(FINGER_L_INDEX, FINGER_SCARRED);
    CHECK_INT(wf_current_finger(wf), FINGER_L_MIDDLE);
    send(WF_EV_BACK);
    CHECK_INT(wf_current_finger(wf), FINGER_L_INDEX);
    finger(FINGER_L_INDEX, FINGER_CAPTURED);
    CHECK_INT(wf_current_finger(wf), FINGER_R_INDEX);
}

TEST(contact_validation)
{
    fresh();
    send(WF_EV_START);
    card_ok(ID_SOURCE_CHIP_VERIFIED, CHIP_GENUINE);
    send(WF_EV_CONFIRM);
    portrait_ok(0);
    finger(FINGER_L_INDEX, FINGER_CAPTURED);
    finger(FINGER_R_INDEX, FINGER_CAPTURED);
    CHECK(contact("", "") < 0);
    CHECK(notice_is(MSG_CONTACT_NONE));
    CHECK(contact("01234567890", "") < 0);
    CHECK(notice_is(MSG_PHONE_OLD_11_DIGITS));
    CHECK(contact("0243 826 1234", "") < 0);
    CHECK(notice_is(MSG_PHONE_LANDLINE));
    CHECK(contact("0912345678", "not-an-email") < 0);
    CHECK_INT(wf_state(wf), WF_CONTACT);
    struct wf_event em = {.type = WF_EV_CONTACT,
                          .now_ms = ++now,
                          .text1 = "",
                          .text2 = "an@example.vn",
                          .no_mobile = 1};
    CHECK_INT(wf_handle(wf, &em, &acts), 0);
    CHECK_INT(wf_state(wf), WF_CONSENT);
    CHECK_STR(wf_app(wf)->phone, "");
    /* back from consent, then back from contact: the last finger again */
    CHECK_INT(send(WF_EV_BACK), 0);
    CHECK_INT(wf_state(wf), WF_CONTACT);
    CHECK_INT(send(WF_EV_BACK), 0);
    CHECK_INT(wf_state(wf), WF_FINGERS);
    CHECK_INT(wf_current_finger(wf), FINGER_R_INDEX);
    CHECK_INT(wf_app(wf)->n_fingers, 1);
}

TEST(queue_failure_keeps_everything_and_retries)
{
    to_consent();
    CHECK_INT(wf_state(wf), WF_CONSENT);
    send(WF_EV_CONSENT);
    CHECK(has(WF_ACT_QUEUE));
    /* a second consent while queuing is refused: no double queue */
    CHECK(send(WF_EV_CONSENT) < 0);
    struct wf_event fail = {
        .type = WF_EV_QUEUE_DONE, .now_ms = ++now, .rc = -2, .msg = MSG_STORE_FULL};
    CHECK_INT(wf_handle(wf, &fail, &acts), 0);
    CHECK(notice_is(MSG_STORE_FULL));
    CHECK_INT(wf_state(wf), WF_CONSENT);
    CHECK_STR(wf_app(wf)->identity.full_name, "Nguyễn Văn An");
    CHECK_INT(wf_app(wf)->n_fingers, 2);
    CHECK_INT(send(WF_EV_RETRY), 0);
    CHECK(has(WF_ACT_QUEUE));
    struct wf_event ok = {.type = WF_EV_QUEUE_DONE, .now_ms = ++now, .rc = 0};
    CHECK_INT(wf_handle(wf, &ok, &acts), 0);
    CHECK_INT(wf_state(wf), WF_QUEUED);
}

TEST(retry_in_consent_before_consent_is_refused)
{
    to_consent();
    CHECK(send(WF_EV_RETRY) < 0);
    CHECK(!has(WF_ACT_QUEUE));
}

TEST(cancel_from_every_state_wipes)
{
    for (int target = WF_CARD; target <= WF_CONSENT; target++) {
        walk_to((enum wf_state)target);
        CHECK_INT(wf_state(wf), target);
        CHECK_INT(send(WF_EV_CANCEL), 0);
        CHECK_INT(wf_state(wf), WF_IDLE);
        CHECK(has(WF_ACT_WIPE));
        CHECK_STR(find(WF_ACT_AUDIT)->audit, "enrol.cancel");
        CHECK_STR(wf_app(wf)->identity.personal_id, "");
        CHECK(wf_app(wf)->portrait.data == NULL);
        CHECK_INT(wf_app(wf)->n_fingers, 0);
        if (target == WF_CARD)
            CHECK(has(WF_ACT_CARD_CANCEL));
        if (target == WF_PORTRAIT)
            CHECK(has(WF_ACT_CAMERA_STOP));
        if (target == WF_FINGERS)
            CHECK(has(WF_ACT_FINGER_CANCEL));
    }
}

TEST(inactivity_timeout_wipes_in_every_state)
{
    for (int target = WF_CARD; target <= WF_QUEUED; target++) {
        walk_to((enum wf_state)target);
        CHECK_INT(wf_state(wf), target);
        /* just before the limit nothing happens */
        struct wf_event tick = {.type = WF_EV_TICK, .now_ms = now + 59999};
        CHECK_INT(wf_handle(wf, &tick, &acts), 0);
        CHECK_INT(acts.n, 0);
        CHECK_INT(wf_state(wf), target);
        tick.now_ms = now + 60000;
        CHECK_INT(wf_handle(wf, &tick, &acts), 0);
        CHECK_INT(wf_state(wf), WF_IDLE);
        CHECK(has(WF_ACT_WIPE));
        CHECK(notice_is(MSG_WF_TIMEOUT));
        CHECK_STR(wf_app(wf)->identity.full_name, "");
        now += 60000;
    }
}

TEST(activity_resets_the_timeout)
{
    fresh();
    send(WF_EV_START);
    struct wf_event tick = {.type = WF_EV_TICK, .now_ms = now + 50000};
    wf_handle(wf, &tick, &acts);
    now += 50000;
    send(WF_EV_RETRY); /* the officer touched something */
    tick.now_ms = now + 50000;
    wf_handle(wf, &tick, &acts);
    CHECK_INT(wf_state(wf), WF_CARD);
    tick.now_ms = now + 60000;
    wf_handle(wf, &tick, &acts);
    CHECK_INT(wf_state(wf), WF_IDLE);
    now += 60000;
}

TEST(idle_tick_does_nothing)
{
    fresh();
    struct wf_event tick = {.type = WF_EV_TICK, .now_ms = now + 10000000};
    CHECK_INT(wf_handle(wf, &tick, &acts), 0);
    CHECK_INT(acts.n, 0);
}

TEST(queued_start_begins_a_new_enrolment)
{
    to_consent();
    send(WF_EV_CONSENT);
    struct wf_event ok = {.type = WF_EV_QUEUE_DONE, .now_ms = ++now, .rc = 0};
    wf_handle(wf, &ok, &acts);
    char old[APP_ID_SIZE];
    strcpy(old, wf_app(wf)->id);
    CHECK_INT(send(WF_EV_START), 0);
    CHECK_INT(wf_state(wf), WF_CARD);
    CHECK(has(WF_ACT_WIPE));
    CHECK(strcmp(old, wf_app(wf)->id) != 0);
    CHECK_INT(wf_app(wf)->n_fingers, 0);
}

TEST(state_names)
{
    CHECK_STR(wf_state_name(WF_IDLE), "idle");
    CHECK_STR(wf_state_name(WF_QUEUED), "queued");
    CHECK_STR(wf_state_name((enum wf_state)99), "?");
}

int main(void)
{
    RUN(happy_path_reaches_queued);
    RUN(start_needs_an_officer);
    RUN(events_out_of_place_are_refused_and_change_nothing);
    RUN(card_failure_retry_and_back);
    RUN(forged_chip_cannot_enrol);
    RUN(unverified_chip_needs_supervisor);
    RUN(manual_entry_needs_supervisor);
    RUN(supervisor_ok_refused_when_not_needed);
    RUN(duplicate_is_shown_and_needs_supervisor);
    RUN(expired_card_refused);
    RUN(qr_only_identity_needs_an_approver_with_a_reason);
    RUN(no_qr_or_typed_identity_after_a_forged_chip);
    RUN(the_enrolling_officer_cannot_approve);
    RUN(no_fingerprints_needs_an_approver_with_each_fingers_reason);
    RUN(fewer_fingers_and_an_approval_that_no_longer_matches);
    RUN(portrait_override_needs_an_approver);
    RUN(face_mismatch_needs_an_approver_and_a_retake_is_new_evidence);
    RUN(email_only_needs_the_no_mobile_phone_answer);
    RUN(review_identity_with_bad_personal_id_is_refused);
    RUN(identity_text_becomes_nfc_and_names_are_checked);
    RUN(review_back_reads_again);
    RUN(portrait_fail_retry_back_and_override);
    RUN(finger_exception_offers_fallback);
    RUN(whole_hand_missing_runs_out_of_fallbacks);
    RUN(finger_fail_retry_and_back);
    RUN(back_over_an_exception_drops_its_fallback);
    RUN(contact_validation);
    RUN(queue_failure_keeps_everything_and_retries);
    RUN(retry_in_consent_before_consent_is_refused);
    RUN(cancel_from_every_state_wipes);
    RUN(inactivity_timeout_wipes_in_every_state);
    RUN(activity_resets_the_timeout);
    RUN(idle_tick_does_nothing);
    RUN(queued_start_begins_a_new_enrolment);
    RUN(state_names);
    wf_free(wf);
    return test_done();
}
