/* msg.c: the stable key of each core message and the language codes. The sentences, in
 * Vietnamese and English, are in the message catalogue (kiosk/messages, domain MSGD_CORE).
 * msg_key() never returns NULL, even for an id out of range (tests/kiosk/test_msg.c checks
 * every key is filled and unique). */
#include "kiosk/model/msg.h"

#include <string.h>

/* One stable key per enum msg_id (for JSON and logs); the sentences are kiosk/messages'. */
static const char *const keys[MSG_COUNT] = {
    [MSG_NONE] = "ok",
    [MSG_PID_LENGTH] = "pid.length",
    [MSG_PID_DIGITS] = "pid.digits",
    [MSG_PID_PROVINCE] = "pid.province",
    [MSG_PID_CENTURY] = "pid.century",
    [MSG_PID_YEAR_MISMATCH] = "pid.year_mismatch",
    [MSG_PID_SEX_MISMATCH] = "pid.sex_mismatch",
    [MSG_DATE_INVALID] = "date.invalid",
    [MSG_DOB_FUTURE] = "date.dob_future",
    [MSG_NAME_EMPTY] = "name.empty",
    [MSG_NAME_INVALID] = "name.invalid",
    [MSG_TEXT_INVALID_UTF8] = "text.invalid_utf8",
    [MSG_TEXT_TOO_LONG] = "text.too_long",
    [MSG_PHONE_EMPTY] = "phone.empty",
    [MSG_PHONE_CHARS] = "phone.chars",
    [MSG_PHONE_LENGTH] = "phone.length",
    [MSG_PHONE_OLD_11_DIGITS] = "phone.old_11_digits",
    [MSG_PHONE_LANDLINE] = "phone.landline",
    [MSG_PHONE_PREFIX] = "phone.prefix",
    [MSG_EMAIL_AT] = "email.at",
    [MSG_EMAIL_LOCAL] = "email.local",
    [MSG_EMAIL_DOMAIN] = "email.domain",
    [MSG_EMAIL_LENGTH] = "email.length",
    [MSG_EMAIL_SPACE] = "email.space",
    [MSG_CONTACT_NONE] = "contact.none",
    [MSG_WF_NOT_NOW] = "wf.not_now",
    [MSG_WF_NO_OFFICER] = "wf.no_officer",
    [MSG_WF_CHIP_FORGED] = "wf.chip_forged",
    [MSG_WF_NEED_SUPERVISOR_UNVERIFIED] = "wf.need_supervisor_unverified",
    [MSG_WF_NEED_SUPERVISOR_MANUAL] = "wf.need_supervisor_manual",
    [MSG_WF_NEED_SUPERVISOR_DUPLICATE] = "wf.need_supervisor_duplicate",
    [MSG_WF_DUPLICATE] = "wf.duplicate",
    [MSG_WF_CARD_EXPIRED] = "wf.card_expired",
    [MSG_WF_NO_PORTRAIT] = "wf.no_portrait",
    [MSG_WF_FINGERS_INCOMPLETE] = "wf.fingers_incomplete",
    [MSG_WF_SAME_FINGER] = "wf.same_finger",
    [MSG_WF_NO_FINGERS] = "wf.no_fingers",
    [MSG_WF_TIMEOUT] = "wf.timeout",
    [MSG_WF_CANCELLED] = "wf.cancelled",
    [MSG_WF_QUEUED] = "wf.queued",
    [MSG_WF_QUEUE_FAILED] = "wf.queue_failed",
    [MSG_WF_DEVICE_FAILED] = "wf.device_failed",
    [MSG_WF_NO_CONSENT] = "wf.no_consent",
    [MSG_POL_INCONSISTENT] = "pol.inconsistent",
    [MSG_POL_AFTER_FORGED] = "pol.after_forged",
    [MSG_POL_NO_SELF_AUTH] = "pol.no_self_auth",
    [MSG_POL_CHIP_UNVERIFIED] = "pol.chip_unverified",
    [MSG_POL_QR_ONLY] = "pol.qr_only",
    [MSG_POL_MISMATCH] = "pol.mismatch",
    [MSG_POL_ASK_NO_MOBILE] = "pol.ask_no_mobile",
    [MSG_POL_NO_MOBILE_SMS] = "pol.no_mobile_sms",
    [MSG_POL_PORTRAIT_OVERRIDE] = "pol.portrait_override",
    [MSG_POL_NO_FINGERS] = "pol.no_fingers",
    [MSG_POL_FEWER_FINGERS] = "pol.fewer_fingers",
    [MSG_POL_SELF_APPROVAL] = "pol.self_approval",
    [MSG_POL_REASON_NEEDED] = "pol.reason_needed",
    [MSG_POL_NOTHING_TO_APPROVE] = "pol.nothing_to_approve",
    [MSG_POL_APPROVED] = "pol.approved",
    [MSG_POL_UNDER_14] = "pol.under_14",
    [MSG_POL_CLOCK_IMPLAUSIBLE] = "pol.clock_implausible",
    [MSG_POL_DISK_FULL] = "pol.disk_full",
    [MSG_DISK_LOW] = "disk.low",
    [MSG_POWER_LOW] = "power.low",
    [MSG_POWER_CRITICAL] = "power.critical",
    [MSG_POL_FACE_MISMATCH] = "pol.face_mismatch",
    [MSG_POL_FACE_NOT_FOUND] = "pol.face_not_found",
    [MSG_POL_FACE_UNCHECKED] = "pol.face_unchecked",
    [MSG_POL_FACE_REASON] = "pol.face_reason",
    [MSG_POL_REASON_PICK] = "pol.reason_pick",
    [MSG_STORE_FULL] = "store.full",
    [MSG_STORE_IO] = "store.io",
    [MSG_STORE_CORRUPT] = "store.corrupt",
    [MSG_AUDIT_FAILED] = "audit.failed",
    [MSG_OFFICER_BAD_PIN] = "officer.bad_pin",
    [MSG_OFFICER_LOCKED] = "officer.locked",
    [MSG_OFFICER_UNKNOWN] = "officer.unknown",
    [MSG_OFFICER_DISABLED] = "officer.disabled",
    [MSG_OFFICER_NOT_SUPERVISOR] = "officer.not_supervisor",
    [MSG_PIN_CHECKING] = "officer.pin_checking",
    [MSG_STORE_KEY_MISSING] = "store.key_missing",
    [MSG_STORE_KEY_WRONG] = "store.key_wrong",
};

const char *msg_key(enum msg_id id)
{
    if ((unsigned)id >= MSG_COUNT || keys[id] == NULL)
        return "unknown";
    return keys[id];
}

enum msg_lang msg_lang_parse(const char *code)
{
    if (code != NULL && strcmp(code, "en") == 0)
        return LANG_EN;
    return LANG_VI;
}
