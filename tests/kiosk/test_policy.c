/* test_policy.c: the enrolment policy table, case by case: each case is evidence in, the rules
 * that apply and the outcome out. A rule of the table that no case expects fails the test
 * `every_rule_is_covered`, so a row cannot be added without its case. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/workflow/policy.h"
#include "kiosk/messages/messages.h"
#include "tests/test.h"

/* The evidence of a plain application: genuine chip, phone given, two fingers of two. */
static struct pol_evidence plain(void)
{
    struct pol_evidence e;
    memset(&e, 0, sizeof(e));
    e.source = ID_SOURCE_CHIP_VERIFIED;
    e.verdict = CHIP_GENUINE;
    e.contact_known = 1;
    e.phone = 1;
    e.biometrics_known = 1;
    e.fingers_wanted = 2;
    e.fingers_captured = 2;
    e.age_years = 30;
    return e;
}

struct pcase {
    const char *name;
    void (*set)(struct pol_evidence *e);
    enum pol_outcome outcome;
    const char *rules[4]; /* every rule expected to apply (NULL-terminated) */
};

static void c_plain(struct pol_evidence *e)
{
    (void)e;
}
static void c_forged(struct pol_evidence *e)
{
    e->source = ID_SOURCE_CHIP_UNVERIFIED;
    e->verdict = CHIP_FORGED;
}
static void c_qr(struct pol_evidence *e)
{
    e->source = ID_SOURCE_QR;
    e->verdict = CHIP_VERDICT_NONE;
}
static void c_qr_after_forged(struct pol_evidence *e)
{
    c_qr(e);
    e->forged_in_session = 1;
}
static void c_manual(struct pol_evidence *e)
{
    e->source = ID_SOURCE_MANUAL;
    e->verdict = CHIP_VERDICT_NONE;
}
static void c_manual_after_forged(struct pol_evidence *e)
{
    c_manual(e);
    e->forged_in_session = 1;
}
static void c_claims_verified(struct pol_evidence *e)
{
    e->source = ID_SOURCE_CHIP_VERIFIED;
    e->verdict = CHIP_VERDICT_NONE;
}
static void c_qr_claims_genuine(struct pol_evidence *e)
{
    e->source = ID_SOURCE_QR;
    e->verdict = CHIP_GENUINE;
}
static void c_no_csca(struct pol_evidence *e)
{
    e->source = ID_SOURCE_CHIP_UNVERIFIED;
    e->verdict = CHIP_UNVERIFIED;
    e->chip = POL_CHIP_NO_CSCA;
}
static void c_no_self_auth(struct pol_evidence *e)
{
    c_no_csca(e);
    e->chip = POL_CHIP_NO_SELF_AUTH;
}
static void c_unverified_other(struct pol_evidence *e)
{
    c_no_csca(e);
    e->chip = POL_CHIP_NO_CSCA | POL_CHIP_OTHER;
}
static void c_unverified_silent(struct pol_evidence *e)
{
    c_no_csca(e);
    e->chip = 0;
}
static void c_mismatch(struct pol_evidence *e)
{
    e->chip = POL_CHIP_MISMATCH;
}
static void c_expired(struct pol_evidence *e)
{
    e->card_expired = 1;
}
static void c_age_13(struct pol_evidence *e)
{
    e->age_years = 13;
}
static void c_age_14(struct pol_evidence *e)
{
    e->age_years = 14;
}
static void c_duplicate(struct pol_evidence *e)
{
    e->duplicate = 1;
}
static void c_email_only(struct pol_evidence *e)
{
    e->phone = 0;
    e->email = 1;
}
static void c_email_no_mobile(struct pol_evidence *e)
{
    c_email_only(e);
    e->no_mobile_answer = 1;
}
static void c_override(struct pol_evidence *e)
{
    e->portrait_override = 1;
}
static void c_no_fingers(struct pol_evidence *e)
{
    e->fingers_captured = 0;
    strcpy(e->missing_fingers, "left-index:unreadable right-index:unreadable");
}
static void c_one_finger(struct pol_evidence *e)
{
    e->fingers_captured = 1;
    strcpy(e->missing_fingers, "left-index:bandaged");
}
static void c_fallback_used(struct pol_evidence *e)
{
    /* one finger bandaged, its fallback captured: as many as configured */
    strcpy(e->missing_fingers, "left-index:bandaged");
}
static void c_face_same(struct pol_evidence *e)
{
    e->face = (struct app_face_check){APP_FACE_SAME, 0.312, 0.5, "m"};
}
static void c_face_different(struct pol_evidence *e)
{
    e->face = (struct app_face_check){APP_FACE_DIFFERENT, 0.734, 0.5, "m"};
}
static void c_face_none_live(struct pol_evidence *e)
{
    e->face = (struct app_face_check){APP_FACE_NO_FACE_LIVE, 0, 0.5, "m"};
}
static void c_face_none_chip(struct pol_evidence *e)
{
    e->face = (struct app_face_check){APP_FACE_NO_FACE_CHIP, 0, 0.5, "m"};
}
static void c_face_unchecked(struct pol_evidence *e)
{
    e->face = (struct app_face_check){APP_FACE_UNAVAILABLE, 0, 0.5, "m"};
}
static void c_clock(struct pol_evidence *e)
{
    e->clock_verdict = 2;
    snprintf(e->clock_detail, sizeof e->clock_detail, "behind the recorded time by 86400 s");
}
static void c_disk(struct pol_evidence *e)
{
    e->disk_full = 1;
    snprintf(e->disk_detail, sizeof e->disk_detail, "free 900 KB, margin 1024 KB");
}
static void c_many(struct pol_evidence *e)
{
    c_qr(e);
    c_override(e);
    c_one_finger(e);
}

static const struct pcase cases[] = {
    {"plain genuine chip", c_plain, POL_ALLOW, {"chip.genuine"}},
    {"forged chip", c_forged, POL_REFUSE, {"chip.forged"}},
    {"QR code alone", c_qr, POL_APPROVE, {"identity.qr_only"}},
    {"QR after a forged chip", c_qr_after_forged, POL_REFUSE, {"identity.after_forged"}},
    {"typed in", c_manual, POL_APPROVE, {"identity.manual"}},
    {"typed after a forged chip", c_manual_after_forged, POL_REFUSE, {"identity.after_forged"}},
    {"chip-verified claimed without verdict",
     c_claims_verified,
     POL_REFUSE,
     {"identity.inconsistent"}},
    {"QR claiming a genuine chip",
     c_qr_claims_genuine,
     POL_REFUSE,
     {"identity.inconsistent", "identity.qr_only"}},
    {"no CSCA of the state", c_no_csca, POL_APPROVE, {"chip.no_csca"}},
    {"chip without AA/CA", c_no_self_auth, POL_APPROVE, {"chip.no_self_auth"}},
    {"unverified for another reason", c_unverified_other, POL_REFUSE, {"chip.unverified"}},
    {"unverified without a reason", c_unverified_silent, POL_REFUSE, {"chip.unverified"}},
    {"DG1/DG13/QR disagree", c_mismatch, POL_APPROVE, {"chip.genuine", "identity.mismatch"}},
    {"expired card", c_expired, POL_REFUSE, {"chip.genuine", "card.expired"}},
    {"a 13-year-old's card", c_age_13, POL_REFUSE, {"chip.genuine", "identity.under_14"}},
    {"14 today", c_age_14, POL_ALLOW, {"chip.genuine"}},
    {"duplicate", c_duplicate, POL_APPROVE, {"chip.genuine", "identity.duplicate"}},
    {"e-mail only, not asked",
     c_email_only,
     POL_REFUSE,
     {"chip.genuine", "contact.no_mobile_unanswered"}},
    {"e-mail only, no mobile phone",
     c_email_no_mobile,
     POL_ALLOW,
     {"chip.genuine", "contact.no_mobile_phone"}},
    {"portrait override", c_override, POL_APPROVE, {"chip.genuine", "portrait.override"}},
    {"no fingerprints", c_no_fingers, POL_APPROVE, {"chip.genuine", "fingers.none"}},
    {"one finger of two", c_one_finger, POL_APPROVE, {"chip.genuine", "fingers.fewer"}},
    {"fallback finger captured", c_fallback_used, POL_ALLOW, {"chip.genuine"}},
    {"face matches the chip's photo", c_face_same, POL_ALLOW, {"chip.genuine", "face.match"}},
    {"face does not match", c_face_different, POL_APPROVE, {"chip.genuine", "face.mismatch"}},
    {"no face in the portrait", c_face_none_live, POL_APPROVE, {"chip.genuine", "face.not_found"}},
    {"no face in the chip's photo",
     c_face_none_chip,
     POL_APPROVE,
     {"chip.genuine", "face.not_found"}},
    {"face check could not run", c_face_unchecked, POL_APPROVE, {"chip.genuine", "face.unchecked"}},
    {"the kiosk's clock stepped back", c_clock, POL_REFUSE, {"chip.genuine", "clock.implausible"}},
    {"the disk cannot take one more", c_disk, POL_REFUSE, {"chip.genuine", "disk.full"}},
    {"several exceptions at once",
     c_many,
     POL_APPROVE,
     {"identity.qr_only", "portrait.override", "fingers.fewer"}},
};
#define N_CASES ((int)(sizeof(cases) / sizeof(cases[0])))

static int applies(const struct pol_result *r, const char *id)
{
    for (int i = 0; i < r->n; i++)
        if (strcmp(pol_rule_id(r->d[i].rule), id) == 0)
            return 1;
    return 0;
}

TEST(each_case_gives_its_rules_and_outcome)
{
    for (int c = 0; c < N_CASES; c++) {
        struct pol_evidence e = plain();
        struct pol_result r;
        cases[c].set(&e);
        pol_evaluate(&e, POL_GATE_SUBMIT, &r);
        int n = 0;
        for (; n < 4 && cases[c].rules[n]; n++) {
            if (!applies(&r, cases[c].rules[n])) {
                test_fail_(__FILE__, __LINE__, "%s: rule %s does not apply", cases[c].name,
                           cases[c].rules[n]);
                return;
            }
        }
        if (r.n != n || r.outcome != cases[c].outcome) {
            test_fail_(__FILE__, __LINE__, "%s: %d rules, outcome %s; expected %d, %s",
                       cases[c].name, r.n, pol_outcome_name(r.outcome), n,
                       pol_outcome_name(cases[c].outcome));
            return;
        }
    }
}

TEST(every_rule_is_covered)
{
    for (int i = 0; i < pol_rule_count(); i++) {
        const char *id = pol_rule_id(pol_rule_at(i));
        int hit = 0;
        for (int c = 0; c < N_CASES && !hit; c++)
            for (int k = 0; k < 4 && cases[c].rules[k] && !hit; k++)
                hit = strcmp(cases[c].rules[k], id) == 0;
        if (!hit) {
            test_fail_(__FILE__, __LINE__, "rule %s has no case in test_policy.c", id);
            return;
        }
    }
}

TEST(rules_are_checked_at_their_gate)
{
    struct pol_evidence e = plain();
    struct pol_result r;
    c_override(&e);
    c_email_only(&e);
    pol_evaluate(&e, POL_GATE_IDENTITY, &r);
    CHECK_INT(r.outcome, POL_ALLOW);
    pol_evaluate(&e, POL_GATE_CONTACT, &r);
    CHECK_INT(r.outcome, POL_REFUSE);
    CHECK(!applies(&r, "portrait.override"));
    pol_evaluate(&e, POL_GATE_SUBMIT, &r);
    CHECK(applies(&r, "portrait.override"));
}

TEST(missing_fingers_are_the_detail_an_approval_must_match)
{
    struct pol_evidence e = plain();
    struct pol_result r;
    struct application app;
    c_one_finger(&e);
    pol_evaluate(&e, POL_GATE_SUBMIT, &r);
    const struct pol_decision *d = pol_pending(&r, &(struct application){.officer = "cb01"});
    CHECK(d != NULL);
    CHECK_STR(pol_rule_id(d->rule), "fingers.fewer");
    CHECK_STR(d->detail, "1/2 left-index:bandaged");
    app_init(&app);
    strcpy(app.officer, "cb01");
    app.n_approvals = 1;
    strcpy(app.approvals[0].by, "sv01");
    strcpy(app.approvals[0].rule, "fingers.fewer");
    strcpy(app.approvals[0].detail, "1/2 left-index:bandaged");
    CHECK(pol_pending(&r, &app) == NULL);
    /* another finger missing now: the approval no longer covers it */
    strcpy(e.missing_fingers, "left-index:scarred");
    pol_evaluate(&e, POL_GATE_SUBMIT, &r);
    CHECK(pol_pending(&r, &app) != NULL);
    /* an approval by the enrolling officer covers nothing */
    strcpy(e.missing_fingers, "left-index:bandaged");
    pol_evaluate(&e, POL_GATE_SUBMIT, &r);
    strcpy(app.approvals[0].by, "cb01");
    CHECK(pol_pending(&r, &app) != NULL);
}

TEST(face_score_and_threshold_are_the_detail_an_approval_must_match)
{
    struct pol_evidence e = plain();
    struct pol_result r;
    c_face_different(&e);
    pol_evaluate(&e, POL_GATE_SUBMIT, &r);
    const struct pol_decision *d = pol_pending(&r, &(struct application){.officer = "cb01"});
    CHECK(d != NULL);
    CHECK_STR(pol_rule_id(d->rule), "face.mismatch");
    CHECK_STR(d->detail, "distance=0.734 threshold=0.500");
    struct application app;
    app_init(&app);
    strcpy(app.officer, "cb01");
    app.n_approvals = 1;
    strcpy(app.approvals[0].by, "sv01");
    strcpy(app.approvals[0].rule, "face.mismatch");
    strcpy(app.approvals[0].detail, d->detail);
    CHECK(pol_pending(&r, &app) == NULL);
    /* a retaken portrait is new evidence: the approval no longer covers it */
    e.face.distance = 0.701;
    pol_evaluate(&e, POL_GATE_SUBMIT, &r);
    CHECK(pol_pending(&r, &app) != NULL);
    /* the detail says which photo had no face */
    c_face_none_chip(&e);
    pol_evaluate(&e, POL_GATE_SUBMIT, &r);
    d = pol_pending(&r, &app);
    CHECK(d != NULL && strcmp(d->detail, "chip") == 0);
    /* not judged before the portrait is taken */
    e.biometrics_known = 0;
    pol_evaluate(&e, POL_GATE_SUBMIT, &r);
    CHECK(!applies(&r, "face.not_found"));
    app_wipe(&app);
}

TEST(reason_prompt_names_the_exception)
{
    /* the chip rules ask why the chip cannot be used; the others a reason of their own */
    CHECK_INT(pol_rule_reason_msg(pol_rule_find("identity.qr_only")), MSG_POL_REASON_NEEDED);
    CHECK_INT(pol_rule_reason_msg(pol_rule_find("identity.manual")), MSG_POL_REASON_NEEDED);
    CHECK_INT(pol_rule_reason_msg(pol_rule_find("face.mismatch")), MSG_POL_FACE_REASON);
    CHECK_INT(pol_rule_reason_msg(pol_rule_find("face.not_found")), MSG_POL_FACE_REASON);
    CHECK_INT(pol_rule_reason_msg(pol_rule_find("portrait.override")), MSG_POL_REASON_PICK);
    CHECK(strstr(msg_text(MSG_POL_REASON_NEEDED, LANG_VI), "chip") != NULL);
    CHECK(strstr(msg_text(MSG_POL_REASON_PICK, LANG_VI), "chip") == NULL);
}

/* The leader says why a face that was not found alike may go on, from a fixed list; an
 * approval screen asks about the rule that needs that choice, whatever else is pending. */
TEST(face_exceptions_need_the_leaders_reason)
{
    const char *code;
    const struct pol_rule *mm = pol_rule_find("face.mismatch");
    CHECK(pol_reason_check(mm, NULL, &code) < 0);
    CHECK(pol_reason_check(mm, "looked fine", &code) < 0);
    CHECK_INT(pol_reason_check(mm, "appearance_changed", &code), 0);
    CHECK(pol_reason_check(pol_rule_find("face.not_found"), "face_cannot_be_shown", &code) == 0);
    CHECK(pol_reason_check(mm, "face_cannot_be_shown", &code) < 0);
    struct pol_evidence e = plain();
    struct pol_result r;
    c_override(&e);
    c_face_none_live(&e);
    pol_evaluate(&e, POL_GATE_SUBMIT, &r);
    struct application app;
    app_init(&app);
    strcpy(app.officer, "cb01");
    CHECK_STR(pol_rule_id(pol_pending(&r, &app)->rule), "portrait.override");
    CHECK_STR(pol_rule_id(pol_pending_to_ask(&r, &app)->rule), "face.not_found");
    /* once the face is approved, the override is what is left to ask about */
    app.n_approvals = 1;
    strcpy(app.approvals[0].by, "sv01");
    strcpy(app.approvals[0].rule, "face.not_found");
    strcpy(app.approvals[0].detail, "portrait");
    CHECK_STR(pol_rule_id(pol_pending_to_ask(&r, &app)->rule), "portrait.override");
    app_wipe(&app);
}

TEST(reasons_come_from_the_fixed_list)
{
    const char *code;
    const struct pol_rule *qr = pol_rule_find("identity.qr_only");
    CHECK(qr != NULL);
    CHECK(pol_reason_check(qr, NULL, &code) < 0);
    CHECK(pol_reason_check(qr, "the officer was in a hurry", &code) < 0);
    CHECK_INT(pol_reason_check(qr, "chip_damaged", &code), 0);
    CHECK_STR(code, "chip_damaged");
    const struct pol_rule *ov = pol_rule_find("portrait.override");
    CHECK_INT(pol_reason_check(ov, NULL, &code), 0);
    CHECK_STR(code, "portrait_override");
    CHECK(pol_reason_check(ov, "chip_damaged", &code) < 0);
    /* every code has words in both languages */
    for (int i = 0; i < pol_rule_count(); i++) {
        const char *const *rs = pol_rule_reasons(pol_rule_at(i));
        CHECK(rs[0] != NULL);
        for (int k = 0; rs[k]; k++) {
            CHECK(strcmp(pol_reason_text(rs[k], LANG_VI), rs[k]) != 0);
            CHECK(strcmp(pol_reason_text(rs[k], LANG_EN), rs[k]) != 0);
        }
        CHECK(pol_rule_outcome(pol_rule_at(i)) == POL_ALLOW ||
              pol_rule_msg(pol_rule_at(i)) != MSG_NONE);
    }
}

TEST(evidence_from_an_application)
{
    struct application a;
    struct pol_evidence e;
    app_init(&a);
    strcpy(a.officer, "cb01");
    a.identity.source = ID_SOURCE_CHIP_UNVERIFIED;
    a.identity.verdict = CHIP_UNVERIFIED;
    strcpy(a.identity.dob, "2010-06-01");
    strcpy(a.identity.expiry_date, "2020-01-01");
    app_str_set(&a.chip_report_json,
                "{\"verdict\":\"unverified\",\"reasons\":[{\"key\":\"no_trust_store\"},"
                "{\"key\":\"no_chip_authentication\"}]}");
    a.n_fingers = 2;
    a.fingers[0].position = FINGER_L_INDEX;
    a.fingers[0].exception = FINGER_BANDAGED;
    a.fingers[1].position = FINGER_R_INDEX;
    a.fingers[1].exception = FINGER_CAPTURED;
    strcpy(a.email, "an@example.vn");
    a.no_mobile_phone = 1;
    /* 2024-06-02 00:00 UTC */
    pol_evidence_from_app(&a, 1717286400000LL, 0, 1, 1, 1, 2, &e);
    CHECK_INT(e.chip, POL_CHIP_NO_CSCA | POL_CHIP_NO_SELF_AUTH);
    CHECK(e.card_expired);
    CHECK_INT(e.age_years, 14);
    CHECK(e.duplicate);
    CHECK(!e.phone && e.email && e.no_mobile_answer);
    CHECK_INT(e.fingers_captured, 1);
    CHECK_STR(e.missing_fingers, "left-index:bandaged");
    CHECK_INT(e.face.verdict, APP_FACE_NONE);
    a.face = (struct app_face_check){APP_FACE_DIFFERENT, 0.61, 0.5, "m"};
    pol_evidence_from_app(&a, 1717286400000LL, 0, 1, 1, 1, 2, &e);
    CHECK_INT(e.face.verdict, APP_FACE_DIFFERENT);
    CHECK(e.face.distance > 0.6 && e.face.threshold == 0.5);
    app_str_set(&a.chip_report_json, "{\"reasons\":[\"no_trust_store\",\"identity_mismatch\"]}");
    pol_evidence_from_app(&a, 1717286400000LL, 0, 0, 1, 1, 2, &e);
    CHECK_INT(e.chip, POL_CHIP_NO_CSCA | POL_CHIP_MISMATCH);
    app_str_set(&a.chip_report_json, "{\"reasons\":[{\"key\":\"sod_missing\"}]}");
    pol_evidence_from_app(&a, 1717286400000LL, 0, 0, 1, 1, 2, &e);
    CHECK_INT(e.chip, POL_CHIP_OTHER);
    app_wipe(&a);
}

TEST(table_prints_every_rule)
{
    char buf[16384];
    size_t n = pol_table_format(buf, sizeof(buf), 1);
    CHECK(n < sizeof(buf));
    for (int i = 0; i < pol_rule_count(); i++)
        CHECK(strstr(buf, pol_rule_id(pol_rule_at(i))) != NULL);
    CHECK(strstr(buf, "| rule |") == buf);
    /* a buffer too small still ends in NUL and reports the length it needed */
    char small[32];
    CHECK_INT(pol_table_format(small, sizeof(small), 0), pol_table_format(NULL, 0, 0));
    CHECK_INT(strlen(small), sizeof(small) - 1);
}

int main(void)
{
    RUN(each_case_gives_its_rules_and_outcome);
    RUN(every_rule_is_covered);
    RUN(rules_are_checked_at_their_gate);
    RUN(missing_fingers_are_the_detail_an_approval_must_match);
    RUN(face_score_and_threshold_are_the_detail_an_approval_must_match);
    RUN(reason_prompt_names_the_exception);
    RUN(face_exceptions_need_the_leaders_reason);
    RUN(reasons_come_from_the_fixed_list);
    RUN(evidence_from_an_application);
    RUN(table_prints_every_rule);
    return test_done();
}
