/* cli_clock.c: the kiosk's clock from the command line (kiosk/workflow/clock_guard.h).
 *
 *   kiosk clock [status]
 *       the clock, whether enrolment takes it (and why not), the last trusted time and its source
 *   kiosk clock set [--time YYYY-MM-DDTHH:MM:SSZ] --supervisor ID [--pin-file F]
 *       a Lãnh đạo đơn vị sets the system clock (needs the right to: CAP_SYS_TIME) or, without
 *       --time, confirms the clock as it is; the time becomes trusted, audited ("clock.set") */
#include <stdio.h>
#include <string.h>

#include "kiosk/cli/commands.h"
#include "kiosk/messages/messages.h"
#include "kiosk/model/timefmt.h"
#include "kiosk/store/store_clock.h"
#include "kiosk/workflow/clock_guard.h"

static int clock_usage(void)
{
    fprintf(stderr, "usage: kiosk clock [status]\n"
                    "       kiosk clock set [--time YYYY-MM-DDTHH:MM:SSZ] --supervisor ID "
                    "[--pin-file F]\n");
    return 2;
}

static int do_status(struct cli_ctx *c)
{
    const struct clock_source *src = clock_source_system();
    char detail[96], now[21], trusted[21] = "-";
    struct store_clock sc;
    if (cli_open_store(c) != 0)
        return 1;
    int64_t t = src->wall_ms(src->arg);
    enum clock_verdict v = clock_guard_check(c->st, src, t, detail, sizeof detail);
    if (store_clock_get(c->st, &sc) != 0)
        return cli_fail("%s", cli_text(c, CLI_T_STORE_UNREADABLE));
    time_iso_utc(t, now);
    if (sc.trusted_ms > 0)
        time_iso_utc(sc.trusted_ms, trusted);
    char line[600];
    puts(messages_format(line, sizeof line, MSGD_CLI, CLI_T_CLOCK, c->lang, "%s%s%s%s", now,
                         cli_text(c, v == CLOCK_OK ? CLI_T_CLOCK_OK : CLI_T_CLOCK_BAD),
                         detail[0] ? ": " : "", detail));
    puts(messages_format(line, sizeof line, MSGD_CLI, CLI_T_CLOCK_TRUSTED, c->lang, "%s%s", trusted,
                         sc.source[0] ? sc.source : "-"));
    return v == CLOCK_OK ? 0 : 1;
}

static int do_set(struct cli_ctx *c, int argc, char **argv)
{
    const char *sup = NULL, *pin_file = NULL, *when = NULL;
    int64_t ms = 0;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--supervisor") == 0 && i + 1 < argc)
            sup = argv[++i];
        else if (strcmp(argv[i], "--pin-file") == 0 && i + 1 < argc)
            pin_file = argv[++i];
        else if (strcmp(argv[i], "--time") == 0 && i + 1 < argc)
            when = argv[++i];
        else
            return clock_usage();
    }
    if (!sup || (when && time_parse_iso_utc(when, &ms) != 0))
        return clock_usage();
    if (cli_open_store(c) || cli_check_supervisor(c, sup, pin_file))
        return 1;
    int rc = clock_guard_set(c->st, clock_source_system(), sup, ms);
    if (rc < 0 && rc > -4096)
        return cli_failm(c, MSGD_CLI, CLI_T_CLOCK_CANNOT_SET, "%s", strerror(-rc));
    if (rc != 0)
        return cli_failm(c, MSGD_CLI, CLI_T_STORE_UNWRITABLE, "%s", store_strerror(rc));
    char now[21];
    time_iso_utc(ms ? ms : clock_source_system()->wall_ms(NULL), now);
    char line[300];
    puts(messages_format(line, sizeof line, MSGD_CLI, CLI_T_CLOCK_SET, c->lang, "%s%s", now, sup));
    return 0;
}

int cli_clock(struct cli_ctx *c, int argc, char **argv)
{
    if (argc < 2 || (strcmp(argv[1], "status") == 0 && argc == 2))
        return do_status(c);
    if (strcmp(argv[1], "set") == 0)
        return do_set(c, argc, argv);
    return clock_usage();
}
