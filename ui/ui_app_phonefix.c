/* ui_app_phonefix.c: the controller's part of a phone correction (the seeds put wrong and
 * shared numbers on the commune police): opens its screen for the application opened when it
 * was sent or approved, validates the number typed as at enrolment (val_phone) and counts the
 * other citizens here who have it (the store's keyed phone index, never the number itself),
 * takes a reason from the fixed list, and on the approval modal checks the Lãnh đạo đơn vị's
 * PIN and records the correction (store_phonefix_add: the new number, the reason, who asked,
 * who approved, a history note and the audit row, in one transaction). The sync thread then
 * delivers it upstream as its own message; the UI never talks to the network. */
#include <stdio.h>
#include <string.h>

#include "kiosk/model/validate.h"
#include "kiosk/messages/messages.h"
#include "kiosk/store/store_phonefix.h"
#include "kiosk/store/store_recall.h"
#include "kiosk/workflow/approval.h"
#include "ui/ui_app_int.h"

static void phone_groups(const char *p, char *out, size_t n)
{
    if (strlen(p) == 10)
        snprintf(out, n, "%.4s %.3s %.3s", p, p + 4, p + 7);
    else
        snprintf(out, n, "%.15s", p);
}

static void fix_clear(struct ui_after_view *av)
{
    explicit_bzero(av->fix_phone, sizeof av->fix_phone);
    av->fix_msg[0] = '\0';
    av->fix_phone_ok = 0;
    av->fix_shared = 0;
    av->fix_reason = -1;
}

void ui_app_phonefix_fill(struct ui_app *a)
{
    struct ui_after_view *av = &a->after;
    fix_clear(av);
    av->fix_allowed = !av->purged && (av->status == APP_SUBMITTED || av->status == APP_PROCESSING ||
                                      av->status == APP_APPROVED);
    av->fix_last[0] = '\0';
    struct phonefix list[8];
    int n = a->st ? store_phonefix_list(a->st, av->id, list, 8) : 0;
    if (n > 0) {
        const struct phonefix *last = &list[n - 1 < 8 ? n - 1 : 7];
        char grouped[16];
        phone_groups(last->new_phone, grouped, sizeof grouped);
        enum ui_after_str s = last->state == PHONEFIX_DELIVERED ? UI_AS_FIX_SENT
                              : last->state == PHONEFIX_FAILED  ? UI_AS_FIX_FAILED
                                                                : UI_AS_FIX_PENDING;
        snprintf(av->fix_last, sizeof av->fix_last, ui_astr(s, a->lang), grouped);
    }
    explicit_bzero(list, sizeof list);
}

void ui_app_phonefix_validate(struct ui_app *a)
{
    struct ui_after_view *av = &a->after;
    char norm[11] = "";
    enum msg_id m = av->fix_phone[0] ? val_phone(av->fix_phone, norm) : MSG_NONE;
    av->fix_phone_ok = av->fix_phone[0] && m == MSG_NONE;
    snprintf(av->fix_msg, sizeof av->fix_msg, "%s", m == MSG_NONE ? "" : msg_text(m, a->lang));
    av->fix_shared = 0;
    if (!av->fix_phone_ok)
        return;
    /* the number on the application, as shown in groups */
    char old[16] = "";
    size_t k = 0;
    for (const char *p = av->phone; *p && k + 1 < sizeof old; p++)
        if (*p != ' ')
            old[k++] = *p;
    old[k] = '\0';
    if (strcmp(old, norm) == 0) {
        av->fix_phone_ok = 0;
        snprintf(av->fix_msg, sizeof av->fix_msg, "%s", ui_astr(UI_AS_FIX_SAME, a->lang));
    } else if (a->st) {
        store_phone_other_citizens(a->st, norm, av->pid, &av->fix_shared);
    }
    explicit_bzero(norm, sizeof norm);
}

void ui_app_phonefix_action(struct ui_app *a, int action, int arg)
{
    struct ui_after_view *av = &a->after;
    switch (action) {
    case UI_A_PHONEFIX_OPEN:
        if (a->idle_screen == UI_SCR_APP && av->fix_allowed) {
            fix_clear(av);
            ui_app_note(a, MSG_NONE, NULL, 0);
            a->idle_screen = UI_SCR_PHONEFIX;
        }
        break;
    case UI_A_PHONEFIX_REASON:
        if (arg >= 0 && arg < UI_FIX_REASONS)
            av->fix_reason = arg;
        break;
    case UI_A_PHONEFIX_SUBMIT:
        if (a->idle_screen == UI_SCR_PHONEFIX && av->fix_phone_ok && av->fix_reason >= 0) {
            /* the approval modal every exception uses: a Lãnh đạo đơn vị's name and PIN */
            ui_app_load_officers(a, 1);
            a->approval_reason[0] = '\0';
            a->modal = UI_MODAL_SUPERVISOR_PIN;
            ui_app_note(a, MSG_NONE, ui_astr(UI_AS_FIX_APPROVE, a->lang), 0);
        }
        break;
    case UI_A_PHONEFIX_BACK:
        fix_clear(av);
        ui_app_note(a, MSG_NONE, NULL, 0);
        a->idle_screen = UI_SCR_APP;
        break;
    default:
        break;
    }
}

/* The approver's PIN came back from the store worker (or at once without one). */
static void phonefix_pin_checked(struct store_job *job)
{
    struct store_login_job *j = (struct store_login_job *)job;
    struct ui_app *a = job->owner;
    struct ui_after_view *av = &a->after;
    a->fix_pending = 0;
    if (!a->officer_id[0] || a->idle_screen != UI_SCR_PHONEFIX || !av->id[0])
        return; /* signed out or gone elsewhere meanwhile: the correction is not made */
    enum msg_id m = approval_verdict(j->rc, j->role);
    if (m != MSG_NONE) {
        approval_refused(a->st, j->officer, av->id, m, a->now_ms);
        ui_app_note(a, m, NULL, 1);
        return;
    }
    ui_app_phonefix_record(a, j->officer);
}

void ui_app_phonefix_approve(struct ui_app *a, const char *approver, const char *pin)
{
    struct ui_after_view *av = &a->after;
    enum msg_id m = MSG_NONE;
    if (!a->st)
        m = MSG_STORE_IO;
    else
        m = approval_precheck(approver, a->officer_id, NULL); /* before the PIN is tried */
    if (m != MSG_NONE) {
        approval_refused(a->st, approver, av->id, m, a->now_ms);
        ui_app_note(a, m, NULL, 1);
        return;
    }
    /* the PIN on the store worker (Argon2id): the pad waits for its answer */
    a->fix_pending = 1;
    ui_app_note(a, MSG_PIN_CHECKING, NULL, 0);
    store_login_job_init(&a->fix_job, approver, pin, a->now_ms, phonefix_pin_checked, a);
    store_worker_submit(a->worker, a->st, &a->fix_job.job);
}

void ui_app_phonefix_record(struct ui_app *a, const char *approver)
{
    struct ui_after_view *av = &a->after;
    /* the reason as the upstream and the audit read it: the Vietnamese words */
    char fix_id[APP_ID_SIZE];
    int rc =
        store_phonefix_add(a->st, av->id, av->fix_phone, ui_fix_reason(av->fix_reason, LANG_VI),
                           a->officer_id, approver, a->now_ms, fix_id);
    a->modal = UI_MODAL_NONE;
    if (rc != 0) {
        if (rc == STORE_EROLE)
            ui_app_note(a, MSG_OFFICER_NOT_SUPERVISOR, NULL, 1);
        else if (rc == STORE_EINVAL)
            ui_app_note(a, MSG_NONE, ui_astr(UI_AS_FIX_REFUSED, a->lang), 1);
        else
            ui_app_note(a, MSG_STORE_IO, NULL, 1);
        return;
    }
    /* the application again, with its new number and the correction waiting to be sent */
    char id[APP_ID_SIZE];
    snprintf(id, sizeof id, "%s", av->id);
    ui_app_open_app(a, id, a->back_screen);
    ui_app_note(a, MSG_NONE, ui_astr(UI_AS_FIX_DONE, a->lang), 0);
}
