/* cli_phonefix.c: `kiosk phone-fix`: a correction of a citizen's phone number after the
 * application was sent, approved by a Lãnh đạo đơn vị, delivered upstream by the sync. */
#include <stdio.h>
#include <string.h>

#include "kiosk/cli/cli_after.h"
#include "kiosk/messages/messages.h"
#include "kiosk/model/timefmt.h"
#include "kiosk/model/validate.h"
#include "kiosk/store/store_phonefix.h"
#include "kiosk/store/store_recall.h"
#include "kiosk/workflow/approval.h"

int cli_phone_fix(struct cli_ctx *c, int argc, char **argv)
{
    const char *reason = NULL, *officer = NULL, *sup = NULL, *pin_file = NULL, *sup_pin = NULL;
    if (argc < 3) {
    usage:
        fprintf(stderr, "usage: kiosk phone-fix WHAT NEW-PHONE --reason TEXT --officer ID "
                        "[--pin-file F] --supervisor ID [--supervisor-pin-file F]\n");
        return 2;
    }
    for (int i = 3; i < argc; i++)
        if (!cli_opt(argc, argv, &i, "--reason", &reason) &&
            !cli_opt(argc, argv, &i, "--officer", &officer) &&
            !cli_opt(argc, argv, &i, "--supervisor", &sup) &&
            !cli_opt(argc, argv, &i, "--pin-file", &pin_file) &&
            !cli_opt(argc, argv, &i, "--supervisor-pin-file", &sup_pin))
            goto usage;
    char phone[11];
    enum msg_id m = val_phone(argv[2], phone);
    if (m != MSG_NONE)
        return cli_fail("%s", msg_text(m, c->lang));
    if (!reason || !reason[0])
        return cli_fail("%s", cli_text(c, CLI_T_FIX_NEEDS_REASON));
    char id[APP_ID_SIZE], fix[APP_ID_SIZE];
    if (cli_after_open(c, argv[1], id))
        return 1;
    if (cli_after_check_officer(c, officer, pin_file))
        return 1;
    /* the approver, by the rules every approval follows (kiosk/workflow/approval.h) */
    char pin[32] = "";
    enum msg_id am = approval_precheck(sup, officer, NULL);
    if (am == MSG_NONE && cli_read_pin(sup_pin, "Supervisor PIN: ", pin, sizeof pin) != 0)
        return cli_fail("cannot read the supervisor's PIN");
    if (am == MSG_NONE)
        am = approval_check(c->st, sup, pin, officer, id, time_now_ms());
    else
        approval_refused(c->st, sup, id, am, time_now_ms());
    explicit_bzero(pin, sizeof pin);
    if (am != MSG_NONE)
        return cli_fail("%s", msg_text(am, c->lang));
    struct application app;
    if (store_load(c->st, id, &app) == 0) {
        long others = 0;
        char line[300];
        if (store_phone_other_citizens(c->st, phone, app.identity.personal_id, &others) == 0 &&
            others > 0)
            fprintf(stderr, "kiosk: %s\n",
                    messages_format(line, sizeof line, MSGD_CLI, CLI_T_FIX_PHONE_SHARED, c->lang,
                                    "%s%ld", phone, others));
        app_wipe(&app);
    }
    int rc = store_phonefix_add(c->st, id, phone, reason, officer, sup, time_now_ms(), fix);
    if (rc == STORE_EINVAL)
        return cli_fail("%s", cli_text(c, CLI_T_FIX_REFUSED));
    if (rc == STORE_EROLE)
        return cli_fail("%s", msg_text(MSG_OFFICER_NOT_SUPERVISOR, c->lang));
    if (rc)
        return cli_fail("%s", store_strerror(rc));
    printf("%s\n", fix);
    return 0;
}
