/* cli_field.c: a mobile unit's field session (kiosk/store/store_field.h).
 *
 *   kiosk field [status]
 *       the open session's site, and the sites this kiosk knows
 *   kiosk field open --site NAME --kind KIND [--commune NAME] --officer ID
 *       opens a session (mobile units only: station.unit = mobile); KIND is thon_ap,
 *       to_dan_pho, co_quan_doanh_nghiep, truong_hoc or khac; audited
 *   kiosk field close --officer ID
 * Every application queued while a session is open records its site (lists, reports,
 * upstream). The status ends with the waiting banner (cli_print_waiting, also under
 * `kiosk queue`): what waits, what is late unless delivered or handed over today, and each
 * application handed over on a stick and not yet confirmed. */
#include <stdio.h>
#include <string.h>

#include "kiosk/cli/commands.h"
#include "kiosk/messages/messages.h"
#include "kiosk/export/export_waiting.h"
#include "kiosk/model/timefmt.h"
#include "kiosk/store/store_field.h"
#include "kiosk/workflow/clock_guard.h"

static int field_usage(void)
{
    fprintf(stderr, "usage: kiosk field [status]\n"
                    "       kiosk field open --site NAME --kind thon_ap|to_dan_pho|"
                    "co_quan_doanh_nghiep|truong_hoc|khac [--commune NAME] --officer ID\n"
                    "       kiosk field close --officer ID\n");
    return 2;
}

static int officer_ok(struct cli_ctx *c, const char *id)
{
    struct store_officer of[64];
    int n = store_officer_list(c->st, of, 64);
    for (int i = 0; i < n; i++)
        if (strcmp(of[i].id, id) == 0 && !of[i].disabled)
            return 1;
    return 0;
}

static void print_items(const struct cli_ctx *c, const struct export_waiting_item *it, int n,
                        long total, int handed)
{
    char line[160];
    for (int i = 0; i < n; i++) {
        char when[17];
        time_local_display(handed ? it[i].handed_at : it[i].since_ms, when);
        if (handed)
            printf("  %-16s  %s  %s\n", it[i].short_no, when, it[i].bundle);
        else
            printf("  %-16s  %s  %s\n", it[i].short_no, when,
                   messages_format(line, sizeof line, MSGD_CLI, CLI_T_WORKING_DAYS, c->lang, "%d",
                                   it[i].working_days));
    }
    if (total > n)
        printf("  %s\n", messages_format(line, sizeof line, MSGD_CLI, CLI_T_AND_MORE, c->lang,
                                         "%ld", total - n));
}

int cli_print_waiting(struct cli_ctx *c, int list_handed)
{
    struct export_waiting w;
    int trusted = 0;
    int64_t now = clock_guard_trusted_now(c->st, clock_source_system(), &trusted);
    int rc = export_waiting(c->st, now, &w);
    if (rc != 0)
        return cli_failm(c, MSGD_CLI, CLI_T_STORE_UNREADABLE_WHY, "%s", store_strerror(rc));
    char when[17], age[48], line[300];
    time_local_display(now, when);
    fputs(messages_format(line, sizeof line, MSGD_CLI, CLI_T_WAITING, c->lang, "%ld", w.waiting),
          stdout);
    if (w.waiting > 0) {
        export_waiting_age(w.oldest_ms, now, c->lang == LANG_EN, age, sizeof age);
        fputs(messages_format(line, sizeof line, MSGD_CLI, CLI_T_OLDEST, c->lang, "%s", age),
              stdout);
    }
    printf(" — %s %s\n", cli_text(c, trusted ? CLI_T_TIME_TRUSTED : CLI_T_TIME_UNCONFIRMED), when);
    if (w.due_today + w.overdue > 0) {
        puts(messages_format(line, sizeof line, MSGD_CLI, CLI_T_LATE, c->lang, "%ld%ld",
                             w.due_today, w.overdue));
        print_items(c, w.late, w.n_late, w.due_today + w.overdue, 0);
    }
    puts(
        messages_format(line, sizeof line, MSGD_CLI, CLI_T_HANDED_COUNT, c->lang, "%ld", w.handed));
    if (list_handed)
        print_items(c, w.handed_list, w.n_handed, w.handed, 1);
    return 0;
}

static int do_status(struct cli_ctx *c)
{
    struct app_site cur, known[32];
    int rc = store_field_current(c->st, &cur);
    int n = store_field_sites(c->st, known, 32);
    if (rc < 0 || n < 0)
        return cli_fail("%s", cli_text(c, CLI_T_STORE_UNREADABLE));
    char line[300];
    if (rc == 1)
        printf(
            "%s — %s%s%s\n",
            messages_format(line, sizeof line, MSGD_CLI, CLI_T_FIELD_AT, c->lang, "%s", cur.name),
            messages_site_kind(cur.kind, c->lang), cur.commune[0] ? ", " : "", cur.commune);
    else
        puts(cli_text(c, CLI_T_FIELD_NONE));
    for (int i = 0; i < n; i++)
        printf("  %s — %s%s%s\n", known[i].name, messages_site_kind(known[i].kind, c->lang),
               known[i].commune[0] ? ", " : "", known[i].commune);
    return cli_print_waiting(c, 1);
}

int cli_field(struct cli_ctx *c, int argc, char **argv)
{
    if (argc < 2 || (strcmp(argv[1], "status") == 0 && argc == 2)) {
        if (cli_open_store(c) != 0)
            return 1;
        return do_status(c);
    }
    int open = strcmp(argv[1], "open") == 0;
    if (!open && strcmp(argv[1], "close") != 0)
        return field_usage();
    struct app_site site;
    const char *officer = NULL;
    memset(&site, 0, sizeof site);
    for (int i = 2; i < argc; i++) {
        if (open && strcmp(argv[i], "--site") == 0 && i + 1 < argc)
            snprintf(site.name, sizeof site.name, "%s", argv[++i]);
        else if (open && strcmp(argv[i], "--kind") == 0 && i + 1 < argc)
            snprintf(site.kind, sizeof site.kind, "%s", argv[++i]);
        else if (open && strcmp(argv[i], "--commune") == 0 && i + 1 < argc)
            snprintf(site.commune, sizeof site.commune, "%s", argv[++i]);
        else if (strcmp(argv[i], "--officer") == 0 && i + 1 < argc)
            officer = argv[++i];
        else
            return field_usage();
    }
    if (!officer || (open && (!site.name[0] || !site.kind[0])))
        return field_usage();
    if (open && c->cfg.unit != UNIT_MOBILE)
        return cli_fail("%s", cli_text(c, CLI_T_FIELD_COUNTER));
    if (cli_open_store(c) != 0)
        return 1;
    if (!officer_ok(c, officer))
        return cli_failm(c, MSGD_CLI, CLI_T_FIELD_OFFICER, "%s", officer);
    int rc = open ? store_field_open(c->st, &site, officer, time_now_ms())
                  : store_field_close(c->st, officer, time_now_ms());
    if (rc == STORE_EINVAL)
        return cli_failm(c, MSGD_CLI, CLI_T_FIELD_SITE, "%d", APP_SITE_NAME_SIZE - 1);
    if (rc != 0)
        return cli_failm(c, MSGD_CLI, CLI_T_STORE_UNWRITABLE, "%s", store_strerror(rc));
    return do_status(c);
}
