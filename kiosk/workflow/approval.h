/* approval.h: the rules every approval by a Lãnh đạo đơn vị follows, wherever one is asked
 * for: an enrolment's exception (runner_approve, for the touchscreen, the demo and `enrol
 * --from`) and a phone number corrected after the visit (the touchscreen's correction screen,
 * `kiosk phone-fix`). The approver is named, is never the officer doing the work (nor the one
 * signed in), signs in with their PIN (counted and audited by the store) and holds the
 * supervisor role; every refusal is audited under the approver's name. */
#ifndef KIOSK_WORKFLOW_APPROVAL_H
#define KIOSK_WORKFLOW_APPROVAL_H

#include <stdint.h>

#include "kiosk/model/msg.h"
#include "kiosk/store/store.h"

/* Before the PIN is tried: MSG_OFFICER_UNKNOWN when no approver is named,
 * MSG_POL_SELF_APPROVAL when the approver is officer or signed_in (either may be NULL), else
 * MSG_NONE. */
enum msg_id approval_precheck(const char *approver, const char *officer, const char *signed_in);

/* After the approver's PIN was checked (store_officer_login's result and the role it gave):
 * MSG_NONE, or why the approval is refused. */
enum msg_id approval_verdict(int login_rc, enum officer_role role);

/* A refusal (m) recorded in the audit trail under the approver's name, for the application
 * id (NULL: none). Nothing when no approver is named or there is no store. */
void approval_refused(struct store *st, const char *approver, const char *id, enum msg_id m,
                      int64_t now_ms);

/* The whole check on the caller's thread (the command line): precheck, PIN, role; a refusal
 * is audited. MSG_NONE or why not. */
enum msg_id approval_check(struct store *st, const char *approver, const char *pin,
                           const char *officer, const char *id, int64_t now_ms);

#endif
