/* cli_show.c: `kiosk show WHAT`: one application opened by its id, short number, personal ID
 * or phone: identity, status and its history, the reason in plain words with what to do next,
 * approvals, contact marks, phone corrections, the redo link and the receipt's dates. */
#include <stdio.h>
#include <string.h>

#include "kiosk/cli/cli.h"
#include "kiosk/cli/cli_after.h"
#include "kiosk/messages/messages.h"
#include "kiosk/model/timefmt.h"
#include "kiosk/model/validate.h"
#include "kiosk/receipt/receipt.h"
#include "kiosk/store/store_phonefix.h"
#include "kiosk/store/store_recall.h"
#include "kiosk/workflow/policy.h"

int cli_after_delivered_at(struct store *st, const char *id, int64_t *at)
{
    struct store_history h[64];
    int n = store_history(st, id, h, 64);
    *at = 0;
    if (n < 0)
        return n;
    for (int i = 0; i < n; i++)
        if (h[i].status == APP_SUBMITTED) {
            *at = h[i].at;
            break;
        }
    return 0;
}

int cli_after_open(struct cli_ctx *c, const char *what, char id[APP_ID_SIZE])
{
    if (cli_open_store(c))
        return 1;
    int rc = store_resolve(c->st, what, id);
    /* what was asked is not repeated: it may be a personal ID or a phone, and this line is
     * the journal's under systemd */
    if (rc == STORE_ENOTFOUND)
        return cli_fail("%s", cli_text(c, CLI_T_NOT_HERE));
    if (rc)
        return cli_fail("%s", store_strerror(rc));
    return 0;
}

/* The screens' label of the opened application (one thing, one name). */
static const char *label(enum msg_lang lang, enum ui_after_str id)
{
    return messages_text(MSGD_UI_AFTER, (int)id, lang);
}

/* A command's own words (kiosk/messages/labels.h, CLI_LABEL_CODES). */
static const char *words(enum msg_lang lang, enum cli_text id)
{
    return messages_text(MSGD_CLI, (int)id, lang);
}

const char *cli_after_mark_text(int mark, enum msg_lang lang)
{
    if (mark <= 0 || mark >= RECALL_MARK_COUNT)
        return "";
    return words(lang, (enum cli_text)(CLI_T_MARK_CALLED + mark - 1));
}

int cli_show(struct cli_ctx *c, int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: kiosk show ID|SHORT-NUMBER|PERSONAL-ID|PHONE\n");
        return 2;
    }
    char id[APP_ID_SIZE], when[17], dob[11];
    if (cli_after_open(c, argv[1], id))
        return 1;
    struct application app;
    int rc = store_load(c->st, id, &app);
    enum msg_lang L = c->lang;
    if (rc == STORE_ENOTFOUND) {
        /* purged after retention: only the status and history are left */
        printf("%s %s\n", label(L, UI_AS_APP_TITLE), id);
        printf("%s\n", label(L, UI_AS_PURGED));
    } else if (rc) {
        return cli_fail("%s", store_strerror(rc));
    } else {
        printf("%s %s   (%s)\n", label(L, UI_AS_APP_TITLE), app.short_no[0] ? app.short_no : "-",
               app.id);
        printf("%s: %s\n", label(L, UI_AS_L_STATUS), status_label(app.status, L));
        if (app.status == APP_REJECTED || app.reason_code[0]) {
            struct reason_text t = reason_lookup(app.reason_code, app.status_reason, L);
            printf("%s: %s\n", label(L, UI_AS_L_REASON), t.what);
            if (app.status == APP_REJECTED)
                printf("%s: %s\n", label(L, UI_AS_L_NEXT), t.next);
        }
        printf("%s: %s\n", label(L, UI_AS_L_NAME), app.identity.full_name);
        printf("%s: %s\n", label(L, UI_AS_L_PID), app.identity.personal_id);
        time_iso_to_vn(app.identity.dob, dob);
        printf("%s: %s\n", label(L, UI_AS_L_DOB), dob);
        if (app.phone[0]) {
            const char *carrier = val_phone_carrier(app.phone);
            printf("%s: %s%s%s%s\n", label(L, UI_AS_L_PHONE), app.phone, carrier ? " (" : "",
                   carrier ? carrier : "", carrier ? ")" : "");
            long others = 0;
            if (store_phone_other_citizens(c->st, app.phone, app.identity.personal_id, &others) ==
                    0 &&
                others > 0)
                printf("  %s %ld\n", words(L, CLI_T_PHONE_SHARED), others);
        }
        if (app.email[0])
            printf("%s: %s\n", label(L, UI_AS_L_EMAIL), app.email);
        time_local_display(app.created_at, when);
        printf("%s: %s, %s %s\n", label(L, UI_AS_L_RECEIVED), when, words(L, CLI_T_OFFICER),
               app.officer);
        for (int k = 0; k < app.n_approvals; k++) {
            const struct app_approval *ap = &app.approvals[k];
            time_local_display(ap->at, when);
            printf("%s: %s, %s (%s) %s\n", label(L, UI_AS_L_APPROVED_BY), ap->by,
                   pol_reason_text(ap->reason, L), ap->rule, when);
        }
        if (app.redo_of[0])
            printf("%s: %s\n", label(L, UI_AS_L_REDO_OF), app.redo_of);
        int64_t delivered = 0;
        cli_after_delivered_at(c->st, id, &delivered);
        if (delivered) {
            char day[11], vn[11];
            receipt_add_working_days(delivered, 3, day);
            time_iso_to_vn(day, vn);
            printf("%s: %s\n", label(L, UI_AS_L_EXPECTED), vn);
        }
        app_wipe(&app);
    }
    struct store_history h[64];
    int n = store_history(c->st, id, h, 64);
    printf("%s:\n", label(L, UI_AS_L_HISTORY));
    for (int i = 0; i < n; i++) {
        time_local_display(h[i].at, when);
        printf("  %s  %-22s %s%s%s\n", when, status_label(h[i].status, L), h[i].actor,
               h[i].reason[0] ? "  " : "", h[i].reason);
    }
    struct recall_mark_row marks[32];
    n = store_recall_marks(c->st, id, marks, 32);
    for (int i = 0; i < n; i++) {
        time_local_display(marks[i].at, when);
        printf("  %s  %s %s %s\n", when, words(L, CLI_T_CONTACT),
               cli_after_mark_text(marks[i].mark, L), marks[i].appointment);
    }
    char why[256], who[APP_OFFICER_SIZE], redo[APP_ID_SIZE];
    if (store_recall_closed(c->st, id, why, who, redo) == 0) {
        if (redo[0])
            printf("%s %s\n", words(L, CLI_T_REDONE_AS), redo);
        else
            printf("%s %s (%s)\n", words(L, CLI_T_CLOSED_BY), who, why);
    }
    struct phonefix fx[8];
    n = store_phonefix_list(c->st, id, fx, 8);
    for (int i = 0; i < n; i++) {
        time_local_display(fx[i].created_at, when);
        printf("  %s  %s %s → %s (%s; %s %s) %s\n", when, words(L, CLI_T_PHONE_FIXED),
               fx[i].old_phone, fx[i].new_phone, fx[i].reason, words(L, CLI_T_APPROVED_BY),
               fx[i].approver, phonefix_state_name(fx[i].state));
    }
    return 0;
}
