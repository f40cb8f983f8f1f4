/* approval.c: the approver's checks (see approval.h). */
#include "kiosk/workflow/approval.h"

#include <string.h>

enum msg_id approval_precheck(const char *approver, const char *officer, const char *signed_in)
{
    if (!approver || !*approver)
        return MSG_OFFICER_UNKNOWN;
    if ((officer && strcmp(approver, officer) == 0) ||
        (signed_in && strcmp(approver, signed_in) == 0))
        return MSG_POL_SELF_APPROVAL;
    return MSG_NONE;
}

enum msg_id approval_verdict(int login_rc, enum officer_role role)
{
    enum msg_id m = store_login_msg(login_rc);
    if (m == MSG_NONE && role != ROLE_SUPERVISOR)
        m = MSG_OFFICER_NOT_SUPERVISOR;
    return m;
}

void approval_refused(struct store *st, const char *approver, const char *id, enum msg_id m,
                      int64_t now_ms)
{
    if (st && approver && *approver)
        store_audit(st, approver, "approval.refused", id && *id ? id : NULL, msg_key(m), now_ms);
}

enum msg_id approval_check(struct store *st, const char *approver, const char *pin,
                           const char *officer, const char *id, int64_t now_ms)
{
    enum msg_id m = approval_precheck(approver, officer, NULL);
    if (m == MSG_NONE && !st)
        m = MSG_STORE_IO;
    if (m == MSG_NONE) {
        enum officer_role role = ROLE_OFFICER;
        int rc = store_officer_login(st, approver, pin, now_ms, &role);
        m = approval_verdict(rc, role);
    }
    if (m != MSG_NONE)
        approval_refused(st, approver, id, m, now_ms);
    return m;
}
