/* policy.c: the enrolment policy table (see policy.h) and its evaluation.
 *
 * Read the table `rules` below top to bottom: each row is one rule, from the evidence to the
 * outcome, with its reason code(s) and what the officer is told. Every row whose predicate
 * holds applies; the outcome of an evaluation is the strictest of them (refuse > approve >
 * allow). A row's predicate only reads struct pol_evidence; it writes what it found (never
 * personal data) into detail, which an approval must match.
 *
 * Guarantees: pol_evaluate() is pure (same evidence, same result); the table is const. */
#include "kiosk/workflow/policy.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/model/timefmt.h"

typedef int (*pol_when_fn)(const struct pol_evidence *e, char *detail, size_t n);

struct pol_rule {
    const char *id;
    enum pol_gate gate;
    pol_when_fn when;
    const char *when_text;
    enum pol_outcome outcome;
    const char *const *reasons; /* NULL-terminated; one code, or the approver's choice */
    enum msg_id msg;
    enum msg_id reason_msg; /* the prompt when a reason must be picked (MSG_NONE: generic) */
};

/* --- predicates, one per row ----------------------------------------------------------- */

static int not_from_chip(const struct pol_evidence *e)
{
    return e->source == ID_SOURCE_QR || e->source == ID_SOURCE_MANUAL;
}

static int w_forged(const struct pol_evidence *e, char *d, size_t n)
{
    (void)d;
    (void)n;
    return e->verdict == CHIP_FORGED;
}

static int w_inconsistent(const struct pol_evidence *e, char *d, size_t n)
{
    const char *why = NULL;
    if (e->source == ID_SOURCE_NONE)
        why = "no source";
    else if (e->source == ID_SOURCE_CHIP_VERIFIED && e->verdict != CHIP_GENUINE &&
             e->verdict != CHIP_FORGED)
        why = "chip-verified without a genuine verdict";
    else if (e->source == ID_SOURCE_CHIP_UNVERIFIED && e->verdict == CHIP_VERDICT_NONE)
        why = "chip source without a verdict";
    else if (not_from_chip(e) && e->verdict != CHIP_VERDICT_NONE && e->verdict != CHIP_FORGED)
        why = "chip verdict on an identity not from the chip";
    if (why)
        snprintf(d, n, "%s", why);
    return why != NULL;
}

static int w_after_forged(const struct pol_evidence *e, char *d, size_t n)
{
    (void)d;
    (void)n;
    return not_from_chip(e) && e->forged_in_session;
}

static int w_qr_only(const struct pol_evidence *e, char *d, size_t n)
{
    (void)d;
    (void)n;
    return e->source == ID_SOURCE_QR && !e->forged_in_session;
}

static int w_manual(const struct pol_evidence *e, char *d, size_t n)
{
    (void)d;
    (void)n;
    return e->source == ID_SOURCE_MANUAL && !e->forged_in_session;
}

static int w_genuine(const struct pol_evidence *e, char *d, size_t n)
{
    (void)d;
    (void)n;
    return e->verdict == CHIP_GENUINE && e->source == ID_SOURCE_CHIP_VERIFIED;
}

static int unverified_explained(const struct pol_evidence *e)
{
    return e->verdict == CHIP_UNVERIFIED && !(e->chip & POL_CHIP_OTHER) &&
           (e->chip & (POL_CHIP_NO_CSCA | POL_CHIP_NO_SELF_AUTH));
}

static int w_no_csca(const struct pol_evidence *e, char *d, size_t n)
{
    (void)d;
    (void)n;
    return unverified_explained(e) && (e->chip & POL_CHIP_NO_CSCA);
}

static int w_no_self_auth(const struct pol_evidence *e, char *d, size_t n)
{
    (void)d;
    (void)n;
    return unverified_explained(e) && (e->chip & POL_CHIP_NO_SELF_AUTH);
}

static int w_unverified_other(const struct pol_evidence *e, char *d, size_t n)
{
    (void)d;
    (void)n;
    return e->verdict == CHIP_UNVERIFIED && !unverified_explained(e);
}

static int w_mismatch(const struct pol_evidence *e, char *d, size_t n)
{
    (void)d;
    (void)n;
    return (e->chip & POL_CHIP_MISMATCH) != 0 && e->verdict != CHIP_FORGED;
}

static int w_expired(const struct pol_evidence *e, char *d, size_t n)
{
    (void)d;
    (void)n;
    return e->card_expired;
}

/* The seeds: citizens from 14 on have an account of their own; a child under 14 is
 * registered under a parent's or guardian's account. Age from the date of birth at the
 * visit; an unknown date of birth (-1) is not judged here. */
static int w_under_14(const struct pol_evidence *e, char *d, size_t n)
{
    if (e->age_years < 0 || e->age_years >= 14)
        return 0;
    snprintf(d, n, "age=%d", e->age_years);
    return 1;
}

/* The clock: no application is dated by a clock the kiosk cannot believe (clockcheck.h). */
static int w_clock(const struct pol_evidence *e, char *d, size_t n)
{
    if (e->clock_verdict == 0)
        return 0;
    snprintf(d, n, "%s", e->clock_detail);
    return 1;
}

static int w_disk_full(const struct pol_evidence *e, char *d, size_t n)
{
    if (!e->disk_full)
        return 0;
    snprintf(d, n, "%s", e->disk_detail);
    return 1;
}

static int w_duplicate(const struct pol_evidence *e, char *d, size_t n)
{
    (void)d;
    (void)n;
    return e->duplicate;
}

static int w_email_unanswered(const struct pol_evidence *e, char *d, size_t n)
{
    (void)d;
    (void)n;
    return e->contact_known && !e->phone && !e->no_mobile_answer;
}

static int w_no_mobile(const struct pol_evidence *e, char *d, size_t n)
{
    (void)d;
    (void)n;
    return e->contact_known && !e->phone && e->no_mobile_answer;
}

static int w_override(const struct pol_evidence *e, char *d, size_t n)
{
    (void)d;
    (void)n;
    return e->biometrics_known && e->portrait_override;
}

/* The face check: distance and threshold are the detail an approval must match (a retaken
 * portrait is new evidence). */
static int w_face_same(const struct pol_evidence *e, char *d, size_t n)
{
    if (!e->biometrics_known || e->face.verdict != APP_FACE_SAME)
        return 0;
    snprintf(d, n, "distance=%.3f threshold=%.3f", e->face.distance, e->face.threshold);
    return 1;
}

static int w_face_mismatch(const struct pol_evidence *e, char *d, size_t n)
{
    if (!e->biometrics_known || e->face.verdict != APP_FACE_DIFFERENT)
        return 0;
    snprintf(d, n, "distance=%.3f threshold=%.3f", e->face.distance, e->face.threshold);
    return 1;
}

static int w_face_not_found(const struct pol_evidence *e, char *d, size_t n)
{
    if (!e->biometrics_known ||
        (e->face.verdict != APP_FACE_NO_FACE_LIVE && e->face.verdict != APP_FACE_NO_FACE_CHIP))
        return 0;
    snprintf(d, n, "%s", e->face.verdict == APP_FACE_NO_FACE_LIVE ? "portrait" : "chip");
    return 1;
}

static int w_face_unchecked(const struct pol_evidence *e, char *d, size_t n)
{
    (void)d;
    (void)n;
    return e->biometrics_known && e->face.verdict == APP_FACE_UNAVAILABLE;
}

static int w_no_fingers(const struct pol_evidence *e, char *d, size_t n)
{
    if (!e->biometrics_known || e->fingers_captured > 0)
        return 0;
    snprintf(d, n, "%s", e->missing_fingers);
    return 1;
}

static int w_fewer_fingers(const struct pol_evidence *e, char *d, size_t n)
{
    if (!e->biometrics_known || e->fingers_captured == 0 ||
        e->fingers_captured >= e->fingers_wanted)
        return 0;
    snprintf(d, n, "%d/%d %s", e->fingers_captured, e->fingers_wanted, e->missing_fingers);
    return 1;
}

/* --- reason codes ---------------------------------------------------------------------- */

#define R(...) ((const char *const[]){__VA_ARGS__, NULL})

static const char *const no_chip_reasons[] = {"chip_unreadable", "chip_damaged",
                                              "card_without_chip", NULL};
/* Why the leader lets an application go on when the faces were not found alike: what they
 * saw, not that they were asked. */
static const char *const face_mismatch_reasons[] = {"leader_compared_in_person",
                                                    "appearance_changed", "chip_photo_poor", NULL};
static const char *const face_not_found_reasons[] = {"leader_compared_in_person", "chip_photo_poor",
                                                     "face_cannot_be_shown", NULL};

/* --- the table ------------------------------------------------------------------------- */

static const struct pol_rule rules[] = {
    /* start: the kiosk itself */
    {"clock.implausible", POL_GATE_START, w_clock,
     "the kiosk's clock is implausible: before the build, behind a time already recorded, or "
     "off the last trusted time by more than the time elapsed allows (until a supervisor sets "
     "it)",
     POL_REFUSE, R("clock_implausible"), MSG_POL_CLOCK_IMPLAUSIBLE, MSG_NONE},
    {"disk.full", POL_GATE_START, w_disk_full,
     "the data directory's disk cannot take one more application beside the margin kept for "
     "the store itself (storage.disk_margin_mb)",
     POL_REFUSE, R("disk_full"), MSG_POL_DISK_FULL, MSG_NONE},
    /* identity: where it came from and what the chip proved */
    {"identity.inconsistent", POL_GATE_IDENTITY, w_inconsistent,
     "the identity's source and the chip verdict contradict each other (e.g. chip-verified "
     "without a genuine verdict)",
     POL_REFUSE, R("evidence_inconsistent"), MSG_POL_INCONSISTENT, MSG_NONE},
    {"chip.forged", POL_GATE_IDENTITY, w_forged,
     "the chip was judged forged (a signature, hash, SOD or chip authentication check failed)",
     POL_REFUSE, R("chip_forged"), MSG_WF_CHIP_FORGED, MSG_NONE},
    {"identity.after_forged", POL_GATE_IDENTITY, w_after_forged,
     "QR code or typed identity for a citizen whose chip was judged forged in this session",
     POL_REFUSE, R("forged_earlier"), MSG_POL_AFTER_FORGED, MSG_NONE},
    {"chip.genuine", POL_GATE_IDENTITY, w_genuine,
     "the chip is genuine: signed data, trusted signer, chip authenticated itself", POL_ALLOW,
     R("chip_genuine"), MSG_NONE, MSG_NONE},
    {"chip.no_csca", POL_GATE_IDENTITY, w_no_csca,
     "chip unverified only because no CSCA of the issuing state is configured", POL_APPROVE,
     R("no_csca_for_state"), MSG_WF_NEED_SUPERVISOR_UNVERIFIED, MSG_NONE},
    {"chip.no_self_auth", POL_GATE_IDENTITY, w_no_self_auth,
     "chip unverified only because it offers no chip or active authentication (its SOD lists "
     "neither DG14 nor DG15)",
     POL_APPROVE, R("chip_cannot_authenticate"), MSG_POL_NO_SELF_AUTH, MSG_NONE},
    {"chip.unverified", POL_GATE_IDENTITY, w_unverified_other,
     "chip unverified for any other reason (signer expired, authentication not done...)",
     POL_REFUSE, R("chip_unverified"), MSG_POL_CHIP_UNVERIFIED, MSG_NONE},
    {"identity.qr_only", POL_GATE_IDENTITY, w_qr_only,
     "identity from the card's QR code alone (unsigned text)", POL_APPROVE, no_chip_reasons,
     MSG_POL_QR_ONLY, MSG_POL_REASON_NEEDED},
    {"identity.manual", POL_GATE_IDENTITY, w_manual, "identity typed in by the officer",
     POL_APPROVE, no_chip_reasons, MSG_WF_NEED_SUPERVISOR_MANUAL, MSG_POL_REASON_NEEDED},
    {"identity.mismatch", POL_GATE_IDENTITY, w_mismatch,
     "DG1, DG13 and the QR code do not agree on a field", POL_APPROVE, R("data_mismatch"),
     MSG_POL_MISMATCH, MSG_NONE},
    {"card.expired", POL_GATE_IDENTITY, w_expired, "the card's expiry date is past", POL_REFUSE,
     R("card_expired"), MSG_WF_CARD_EXPIRED, MSG_NONE},
    {"identity.under_14", POL_GATE_IDENTITY, w_under_14,
     "the citizen is under 14 at the visit (from the date of birth): not enrolled as an adult; "
     "registered under a parent's or guardian's account instead",
     POL_REFUSE, R("under_14"), MSG_POL_UNDER_14, MSG_NONE},
    {"identity.duplicate", POL_GATE_IDENTITY, w_duplicate,
     "an earlier application for this personal ID is queued or in progress", POL_APPROVE,
     R("duplicate"), MSG_WF_NEED_SUPERVISOR_DUPLICATE, MSG_NONE},
    /* contact */
    {"contact.no_mobile_unanswered", POL_GATE_CONTACT, w_email_unanswered,
     "no mobile phone given and the citizen was not asked (explicit \"no mobile phone\" "
     "answer missing)",
     POL_REFUSE, R("no_mobile_answer_missing"), MSG_POL_ASK_NO_MOBILE, MSG_NONE},
    {"contact.no_mobile_phone", POL_GATE_CONTACT, w_no_mobile,
     "e-mail only, with the citizen's explicit \"no mobile phone\" answer (recorded; activation "
     "needs an SMS)",
     POL_ALLOW, R("no_mobile_phone"), MSG_POL_NO_MOBILE_SMS, MSG_NONE},
    /* biometrics */
    {"portrait.override", POL_GATE_SUBMIT, w_override,
     "the officer took a portrait that did not pass every quality check", POL_APPROVE,
     R("portrait_override"), MSG_POL_PORTRAIT_OVERRIDE, MSG_NONE},
    {"face.match", POL_GATE_SUBMIT, w_face_same,
     "the portrait matches the chip's photo: descriptor distance within the threshold "
     "(distance, threshold and model recorded)",
     POL_ALLOW, R("face_match"), MSG_NONE, MSG_NONE},
    {"face.mismatch", POL_GATE_SUBMIT, w_face_mismatch,
     "the portrait does not match the chip's photo: descriptor distance beyond the threshold",
     POL_APPROVE, face_mismatch_reasons, MSG_POL_FACE_MISMATCH, MSG_POL_FACE_REASON},
    {"face.not_found", POL_GATE_SUBMIT, w_face_not_found,
     "no face found in the portrait or in the chip's photo, so they were not compared", POL_APPROVE,
     face_not_found_reasons, MSG_POL_FACE_NOT_FOUND, MSG_POL_FACE_REASON},
    {"face.unchecked", POL_GATE_SUBMIT, w_face_unchecked,
     "a chip photo was read but the face check could not run (model missing, photo not "
     "decodable)",
     POL_APPROVE, R("face_check_unavailable"), MSG_POL_FACE_UNCHECKED, MSG_NONE},
    {"fingers.none", POL_GATE_SUBMIT, w_no_fingers,
     "no fingerprint captured (each finger's reason recorded)", POL_APPROVE, R("no_fingerprints"),
     MSG_POL_NO_FINGERS, MSG_NONE},
    {"fingers.fewer", POL_GATE_SUBMIT, w_fewer_fingers,
     "fewer fingerprints captured than configured (each missing finger's reason recorded)",
     POL_APPROVE, R("fewer_fingerprints"), MSG_POL_FEWER_FINGERS, MSG_NONE},
};

#define N_RULES ((int)(sizeof(rules) / sizeof(rules[0])))

/* --- evaluation ------------------------------------------------------------------------ */

void pol_evaluate(const struct pol_evidence *ev, enum pol_gate gate, struct pol_result *out)
{
    memset(out, 0, sizeof(*out));
    for (int i = 0; i < N_RULES && out->n < POL_MAX_DECISIONS; i++) {
        const struct pol_rule *r = &rules[i];
        struct pol_decision *d = &out->d[out->n];
        if (r->gate > gate)
            continue;
        d->detail[0] = '\0';
        if (!r->when(ev, d->detail, sizeof(d->detail)))
            continue;
        d->rule = r;
        d->outcome = r->outcome;
        if (r->outcome > out->outcome)
            out->outcome = r->outcome;
        out->n++;
    }
}

static int approved(const struct application *app, const struct pol_decision *d)
{
    for (int i = 0; i < app->n_approvals; i++)
        if (strcmp(app->approvals[i].rule, d->rule->id) == 0 &&
            strcmp(app->approvals[i].detail, d->detail) == 0 && app->approvals[i].by[0] &&
            strcmp(app->approvals[i].by, app->officer) != 0)
            return 1;
    return 0;
}

const struct pol_decision *pol_pending(const struct pol_result *r, const struct application *app)
{
    for (int i = 0; i < r->n; i++)
        if (r->d[i].outcome == POL_APPROVE && !approved(app, &r->d[i]))
            return &r->d[i];
    return NULL;
}

const struct pol_decision *pol_pending_to_ask(const struct pol_result *r,
                                              const struct application *app)
{
    for (int i = 0; i < r->n; i++)
        if (r->d[i].outcome == POL_APPROVE && r->d[i].rule->reasons[0] &&
            r->d[i].rule->reasons[1] && !approved(app, &r->d[i]))
            return &r->d[i];
    return pol_pending(r, app);
}

const struct pol_decision *pol_refusal(const struct pol_result *r)
{
    for (int i = 0; i < r->n; i++)
        if (r->d[i].outcome == POL_REFUSE)
            return &r->d[i];
    return NULL;
}

int pol_reason_check(const struct pol_rule *rule, const char *reason, const char **code_out)
{
    *code_out = NULL;
    if (!rule || !rule->reasons[0])
        return -1;
    if (!reason || !*reason) {
        if (rule->reasons[1])
            return -1; /* the approver must pick one of several */
        *code_out = rule->reasons[0];
        return 0;
    }
    for (int i = 0; rule->reasons[i]; i++) {
        if (strcmp(rule->reasons[i], reason) == 0) {
            *code_out = rule->reasons[i];
            return 0;
        }
    }
    return -1;
}

/* The chip report's reason keys (drivers/card/card.c, emrtd_verify.c) as the policy reads
 * them; a key the policy does not know counts as "other". */
static unsigned chip_findings(const char *report)
{
    unsigned bits = 0;
    json_t *root = report ? json_loads(report, 0, NULL) : NULL;
    json_t *rs = json_object_get(root, "reasons"), *r;
    size_t i;
    json_array_foreach(rs, i, r)
    {
        /* the card driver's report lists keys; emrtd_verify's own report objects */
        const char *k =
            json_is_string(r) ? json_string_value(r) : json_string_value(json_object_get(r, "key"));
        if (!k)
            bits |= POL_CHIP_OTHER;
        else if (strcmp(k, "no_trust_store") == 0 || strcmp(k, "no_csca_for_state") == 0)
            bits |= POL_CHIP_NO_CSCA;
        else if (strcmp(k, "no_chip_authentication") == 0)
            bits |= POL_CHIP_NO_SELF_AUTH;
        else if (strcmp(k, "identity_mismatch") == 0)
            bits |= POL_CHIP_MISMATCH;
        else
            bits |= POL_CHIP_OTHER;
    }
    json_decref(root);
    return bits;
}

static int age_at(const char *dob, const char *today)
{
    int y, m, d, ty, tm, td;
    if (sscanf(dob, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
        sscanf(today, "%4d-%2d-%2d", &ty, &tm, &td) != 3)
        return -1;
    int age = ty - y - (tm < m || (tm == m && td < d));
    return age >= 0 ? age : -1;
}

void pol_evidence_from_app(const struct application *app, int64_t now_ms, int forged_in_session,
                           int duplicate, int contact_known, int biometrics_known, int wanted,
                           struct pol_evidence *out)
{
    char today[11];
    const struct app_identity *id = &app->identity;
    memset(out, 0, sizeof(*out));
    time_day(now_ms, today);
    out->source = id->source;
    out->verdict = id->verdict;
    out->chip = chip_findings(app->chip_report_json);
    out->forged_in_session = forged_in_session || id->verdict == CHIP_FORGED;
    out->duplicate = duplicate;
    out->card_expired = !id->no_expiry && id->expiry_date[0] && strcmp(id->expiry_date, today) < 0;
    out->age_years = id->dob[0] ? age_at(id->dob, today) : -1;
    out->contact_known = contact_known;
    out->phone = app->phone[0] != '\0';
    out->email = app->email[0] != '\0';
    out->no_mobile_answer = app->no_mobile_phone;
    out->biometrics_known = biometrics_known;
    out->portrait_override = app->portrait_override;
    out->face = app->face;
    out->fingers_wanted = wanted;
    size_t used = 0;
    for (int i = 0; i < app->n_fingers; i++) {
        const struct app_finger *f = &app->fingers[i];
        if (f->exception == FINGER_CAPTURED) {
            out->fingers_captured++;
            continue;
        }
        int w = snprintf(out->missing_fingers + used, sizeof(out->missing_fingers) - used,
                         "%s%s:%s", used ? " " : "", app_finger_name(f->position),
                         app_finger_exception_name(f->exception));
        if (w < 0 || (size_t)w >= sizeof(out->missing_fingers) - used)
            break;
        used += (size_t)w;
    }
}

/* --- the table as data ----------------------------------------------------------------- */

int pol_rule_count(void)
{
    return N_RULES;
}

const struct pol_rule *pol_rule_at(int i)
{
    return i >= 0 && i < N_RULES ? &rules[i] : NULL;
}

const struct pol_rule *pol_rule_find(const char *id)
{
    for (int i = 0; id && i < N_RULES; i++)
        if (strcmp(rules[i].id, id) == 0)
            return &rules[i];
    return NULL;
}

const char *pol_rule_id(const struct pol_rule *r)
{
    return r->id;
}

enum pol_gate pol_rule_gate(const struct pol_rule *r)
{
    return r->gate;
}

enum pol_outcome pol_rule_outcome(const struct pol_rule *r)
{
    return r->outcome;
}

enum msg_id pol_rule_msg(const struct pol_rule *r)
{
    return r->msg;
}

enum msg_id pol_rule_reason_msg(const struct pol_rule *r)
{
    return r->reason_msg != MSG_NONE ? r->reason_msg : MSG_POL_REASON_PICK;
}

const char *pol_rule_when(const struct pol_rule *r)
{
    return r->when_text;
}

const char *const *pol_rule_reasons(const struct pol_rule *r)
{
    return r->reasons;
}

const char *pol_outcome_name(enum pol_outcome o)
{
    switch (o) {
    case POL_ALLOW:
        return "allowed";
    case POL_APPROVE:
        return "approver";
    case POL_REFUSE:
        return "refused";
    }
    return "?";
}

const char *pol_gate_name(enum pol_gate g)
{
    switch (g) {
    case POL_GATE_START:
        return "start";
    case POL_GATE_IDENTITY:
        return "identity";
    case POL_GATE_CONTACT:
        return "contact";
    case POL_GATE_SUBMIT:
        return "submit";
    }
    return "?";
}

size_t pol_table_format(char *buf, size_t size, int markdown)
{
    size_t len = 0;
#define OUT(...)                                                                                   \
    do {                                                                                           \
        int w_ = snprintf(buf ? buf + (len < size ? len : size) : NULL,                            \
                          buf && len < size ? size - len : 0, __VA_ARGS__);                        \
        if (w_ > 0)                                                                                \
            len += (size_t)w_;                                                                     \
    } while (0)
    if (markdown) {
        OUT("| rule | gate | when | outcome | reason codes |\n|---|---|---|---|---|\n");
    } else {
        OUT("%-30s %-9s %-9s %s\n", "RULE", "GATE", "OUTCOME", "REASON CODES / WHEN");
    }
    for (int i = 0; i < N_RULES; i++) {
        const struct pol_rule *r = &rules[i];
        char codes[160] = "";
        size_t cl = 0;
        for (int k = 0; r->reasons[k]; k++) {
            int w = snprintf(codes + cl, sizeof(codes) - cl, "%s%s", k ? markdown ? ", " : "|" : "",
                             r->reasons[k]);
            if (w > 0 && (size_t)w < sizeof(codes) - cl)
                cl += (size_t)w;
        }
        if (markdown)
            OUT("| `%s` | %s | %s | %s | `%s` |\n", r->id, pol_gate_name(r->gate), r->when_text,
                pol_outcome_name(r->outcome), codes);
        else
            OUT("%-30s %-9s %-9s %s\n%-50s %s\n", r->id, pol_gate_name(r->gate),
                pol_outcome_name(r->outcome), codes, "", r->when_text);
    }
#undef OUT
    if (buf && size)
        buf[len < size ? len : size - 1] = '\0';
    return len;
}
