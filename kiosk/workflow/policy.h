/* policy.h: the one enrolment policy: what the kiosk proved about a citizen (the evidence)
 * decides whether the application may go on, needs a named approver, or is refused.
 *
 * The rules are one table (policy.c), read top to bottom; `kiosk policy` prints it and the
 * README shows it. The workflow asks pol_evaluate() at each gate and nothing else decides:
 *
 *   gate        evidence known there
 *   start       the kiosk's clock (kiosk/model/clockcheck.h), the room left on its disk
 *   identity    source of the identity, chip verdict and its reasons, the card's expiry,
 *               DG1/DG13/QR agreement, an earlier application, a forged chip this session
 *   contact     + phone / e-mail / the citizen's explicit "no mobile phone" answer
 *   submit      + portrait override, the face check (portrait against the chip's photo),
 *               fingers captured vs configured (each missing finger's reason); every rule is
 *               checked again here, before the application is queued
 *
 * An outcome POL_APPROVE is satisfied by an approval of that rule (struct app_approval) whose
 * detail matches what the rule reports now: when the evidence changes (another finger
 * missing), the approval no longer covers it. The approver is never the officer running the
 * enrolment (the workflow refuses it).
 *
 * Adding a rule: one row in policy.c (id, gate, predicate, outcome, reason code(s), message,
 * the sentence `kiosk policy` prints) and one case in tests/kiosk/test_policy.c; that test
 * fails while a row has no case. The module knows no screen, device, store or network. */
#ifndef KIOSK_POLICY_H
#define KIOSK_POLICY_H

#include <stddef.h>
#include <stdint.h>

#include "kiosk/model/application.h"
#include "kiosk/model/msg.h"

enum pol_outcome {
    POL_ALLOW = 0, /* nothing to approve */
    POL_APPROVE,   /* a named approver (Lãnh đạo đơn vị) must approve, with a reason */
    POL_REFUSE,    /* the application cannot go on; msg says what to do instead */
};

/* start: before an enrolment begins (and, like every gate, again before queuing) */
enum pol_gate { POL_GATE_START = 0, POL_GATE_IDENTITY, POL_GATE_CONTACT, POL_GATE_SUBMIT };

/* What the chip check reported, as the policy reads it (from the report's reason keys). */
enum pol_chip_finding {
    POL_CHIP_NO_CSCA = 1u << 0,      /* no CSCA of the issuing state configured */
    POL_CHIP_NO_SELF_AUTH = 1u << 1, /* the chip offers neither AA nor CA (its SOD lists neither) */
    POL_CHIP_OTHER = 1u << 2,        /* any other reason for "unverified" */
    POL_CHIP_MISMATCH = 1u << 3,     /* DG1 / DG13 / QR disagree */
};

/* The evidence. Build it with pol_evidence_from_app(); tests fill it directly. */
struct pol_evidence {
    enum id_source source;
    enum chip_verdict verdict;
    unsigned chip;         /* enum pol_chip_finding bits */
    int forged_in_session; /* a chip was judged forged earlier for this citizen */
    int duplicate;         /* an earlier application with this personal ID is in progress */
    int card_expired;
    /* contact */
    int contact_known; /* the contact step is done */
    int phone, email, no_mobile_answer;
    /* biometrics */
    int biometrics_known; /* portrait and fingers are done */
    int portrait_override;
    struct app_face_check face; /* the portrait against the chip's photo */
    int fingers_wanted, fingers_captured;
    char missing_fingers[256]; /* "left-index:bandaged right-index:unreadable" */
    /* the age at the visit in whole years, -1 unknown (rows for minors may use it) */
    int age_years;
    /* the kiosk's clock: enum clock_verdict (0 plausible) and what was found */
    int clock_verdict;
    char clock_detail[96];
    /* the data directory's disk cannot take one more application (kiosk/store/store_room.h) */
    int disk_full;
    char disk_detail[96];
};

struct pol_rule;

/* One rule that applies to the evidence. */
struct pol_decision {
    const struct pol_rule *rule;
    enum pol_outcome outcome;
    char detail[256]; /* what the rule found, no personal data (e.g. missing fingers) */
};

#define POL_MAX_DECISIONS 16

struct pol_result {
    enum pol_outcome outcome; /* the strictest of the decisions */
    struct pol_decision d[POL_MAX_DECISIONS];
    int n;
};

/* Evaluates every rule whose gate is at or before gate. Fills *out (zeroed first). */
void pol_evaluate(const struct pol_evidence *ev, enum pol_gate gate, struct pol_result *out);

/* The evidence of an application at now_ms: what the workflow knows besides the application
 * (a forged chip earlier this session, a duplicate, whether contact and biometrics are in)
 * comes in as arguments. wanted = fingers configured. */
void pol_evidence_from_app(const struct application *app, int64_t now_ms, int forged_in_session,
                           int duplicate, int contact_known, int biometrics_known, int wanted,
                           struct pol_evidence *out);

/* The first decision of r with outcome POL_APPROVE that no approval in app covers (same
 * rule, same detail), or NULL. */
const struct pol_decision *pol_pending(const struct pol_result *r, const struct application *app);
/* The pending decision the approver must pick a reason for (its rule offers several), else
 * the first pending one (pol_pending), or NULL: what an approval screen asks about, so that
 * the reasons it offers are the ones the approval needs. */
const struct pol_decision *pol_pending_to_ask(const struct pol_result *r,
                                              const struct application *app);
/* The first decision with outcome POL_REFUSE, or NULL. */
const struct pol_decision *pol_refusal(const struct pol_result *r);

/* 0 when reason is acceptable for the rule (one of its reason codes), else -1. NULL or ""
 * is acceptable only for a rule with a single reason code. *code_out is the code recorded. */
int pol_reason_check(const struct pol_rule *rule, const char *reason, const char **code_out);

/* --- the table, for `kiosk policy`, the README and the tests --------------------------- */
int pol_rule_count(void);
const struct pol_rule *pol_rule_at(int i);
const struct pol_rule *pol_rule_find(const char *id);
const char *pol_rule_id(const struct pol_rule *r);
enum pol_gate pol_rule_gate(const struct pol_rule *r);
enum pol_outcome pol_rule_outcome(const struct pol_rule *r);
enum msg_id pol_rule_msg(const struct pol_rule *r);
/* What the approver is told when the rule needs a reason picked and none was (the rule's own
 * prompt, naming the exception). */
enum msg_id pol_rule_reason_msg(const struct pol_rule *r);
/* The evidence the rule looks at, in English, one sentence. */
const char *pol_rule_when(const struct pol_rule *r);
/* The reason codes, NULL-terminated: one fixed code, or the list the approver picks from. */
const char *const *pol_rule_reasons(const struct pol_rule *r);

const char *pol_outcome_name(enum pol_outcome o);
const char *pol_gate_name(enum pol_gate g);
/* The officer's words for a reason code are in the message catalogue: pol_reason_text() of
 * kiosk/messages/messages.h (the codes: kiosk/model/approval_reasons.h). */

/* Writes the table as aligned text (Markdown when markdown is set) to buf; returns the length
 * it needed (like snprintf). */
size_t pol_table_format(char *buf, size_t size, int markdown);

#endif
