/* cli_recall.c: `kiosk recall`: the worklist of citizens to call back (rejected, or no
 * decision 3 working days after delivery), contact marks, and a supervisor's closing. */
#include <stdio.h>
#include <string.h>

#include "kiosk/cli/cli_after.h"
#include "kiosk/messages/messages.h"
#include "kiosk/model/timefmt.h"
#include "kiosk/store/store_recall.h"

int cli_after_check_officer(struct cli_ctx *c, const char *id, const char *pin_file)
{
    return cli_check_pin(c, id, pin_file, 0);
}

struct list_ctx {
    enum msg_lang lang;
    long n;
};

static int print_item(const struct recall_item *it, void *arg)
{
    struct list_ctx *l = arg;
    char mark[64] = "";
    l->n++;
    const char *why;
    if (it->overdue)
        why = messages_text(MSGD_UI_AFTER, UI_AS_OVERDUE, l->lang);
    else
        why = reason_lookup(it->reason_code, it->reason, l->lang).what;
    if (it->last_mark)
        snprintf(mark, sizeof mark, "%s%s%s", cli_after_mark_text(it->last_mark, l->lang),
                 it->appointment[0] ? " " : "", it->appointment);
    printf("%-16s  %-30s  %-10s  %3d %s  %s%s%s%s\n", it->short_no, it->name,
           it->phone[0] ? it->phone : "-", it->days_since,
           messages_text(MSGD_CLI, CLI_T_DAYS, l->lang), why, mark[0] ? "  [" : "", mark,
           mark[0] ? "]" : "");
    return 0;
}

static int usage(void)
{
    fprintf(stderr, "usage: kiosk recall [list]\n"
                    "       kiosk recall mark WHAT called|no_answer|appointment|returned "
                    "[--day YYYY-MM-DD] --officer ID [--pin-file F]\n"
                    "       kiosk recall close WHAT --reason TEXT --supervisor ID "
                    "[--pin-file F]\n");
    return 2;
}

int cli_recall(struct cli_ctx *c, int argc, char **argv)
{
    const char *sub = argc > 1 ? argv[1] : "list";
    if (strcmp(sub, "list") == 0) {
        if (argc > 2)
            return usage();
        if (cli_open_store(c))
            return 1;
        struct list_ctx l = {c->lang, 0};
        int rc = store_recall_list(c->st, time_now_ms(), print_item, &l);
        if (rc)
            return cli_fail("%s", store_strerror(rc));
        char line[160];
        puts(messages_format(line, sizeof line, MSGD_CLI, CLI_T_RECALL_COUNT, c->lang, "%ld", l.n));
        return 0;
    }
    if ((strcmp(sub, "mark") != 0 && strcmp(sub, "close") != 0) || argc < 3)
        return usage();
    const char *what = argv[2], *mark_name = NULL, *day = NULL, *officer = NULL, *sup = NULL,
               *pin_file = NULL, *reason = NULL;
    int i = 3;
    if (strcmp(sub, "mark") == 0) {
        if (argc < 4)
            return usage();
        mark_name = argv[3];
        i = 4;
    }
    for (; i < argc; i++)
        if (!cli_opt(argc, argv, &i, "--day", &day) &&
            !cli_opt(argc, argv, &i, "--officer", &officer) &&
            !cli_opt(argc, argv, &i, "--supervisor", &sup) &&
            !cli_opt(argc, argv, &i, "--pin-file", &pin_file) &&
            !cli_opt(argc, argv, &i, "--reason", &reason))
            return usage();
    char id[APP_ID_SIZE];
    if (cli_after_open(c, what, id))
        return 1;
    int rc;
    if (mark_name) {
        enum recall_mark m;
        if (recall_mark_parse(mark_name, &m) != 0)
            return usage();
        if (m == RECALL_MARK_APPOINTMENT && !day)
            return cli_fail("appointment: --day YYYY-MM-DD");
        if (cli_after_check_officer(c, officer, pin_file))
            return 1;
        rc = store_recall_mark(c->st, id, m, day, officer, time_now_ms());
    } else {
        if (!reason || !reason[0])
            return cli_fail("%s", cli_text(c, CLI_T_CLOSE_NEEDS_REASON));
        if (cli_check_supervisor(c, sup, pin_file))
            return 1;
        rc = store_recall_close(c->st, id, reason, sup, time_now_ms());
    }
    if (rc == STORE_ENOTFOUND)
        return cli_failm(c, MSGD_CLI, CLI_T_NOT_ON_RECALL, "%s", what);
    if (rc == STORE_EINVAL)
        return cli_fail("%s", store_strerror(rc));
    return rc ? cli_fail("%s", store_strerror(rc)) : 0;
}
