/* cli_officer.c: `kiosk officer add|list|disable`: the station's officers and supervisors.
 * Adding or disabling an officer needs a supervisor's PIN once a supervisor exists (the very
 * first supervisor of a new kiosk is created without one). */
#include <stdio.h>
#include <string.h>

#include "kiosk/cli/cli.h"
#include "kiosk/model/timefmt.h"

static int officer_usage(void)
{
    fprintf(stderr, "usage: kiosk officer add ID NAME [--supervisor] [--pin-file F] "
                    "[--by SUPERVISOR --by-pin-file F]\n"
                    "       kiosk officer list\n"
                    "       kiosk officer disable ID --by SUPERVISOR [--by-pin-file F]\n");
    return 2;
}

static int have_supervisor(struct cli_ctx *c)
{
    struct store_officer o[64];
    int n = store_officer_list(c->st, o, 64);
    for (int i = 0; i < n; i++)
        if (o[i].role == ROLE_SUPERVISOR && !o[i].disabled)
            return 1;
    return 0;
}

int cli_officer(struct cli_ctx *c, int argc, char **argv)
{
    const char *by = NULL, *by_pin = NULL, *pin_file = NULL;
    int supervisor = 0;
    const char *pos[3] = {0};
    int npos = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--supervisor") == 0)
            supervisor = 1;
        else if (strcmp(argv[i], "--pin-file") == 0 && i + 1 < argc)
            pin_file = argv[++i];
        else if (strcmp(argv[i], "--by") == 0 && i + 1 < argc)
            by = argv[++i];
        else if (strcmp(argv[i], "--by-pin-file") == 0 && i + 1 < argc)
            by_pin = argv[++i];
        else if (argv[i][0] != '-' && npos < 3)
            pos[npos++] = argv[i];
        else
            return officer_usage();
    }
    if (npos == 0)
        return officer_usage();
    if (cli_open_store(c))
        return 1;
    int64_t now = time_now_ms();
    if (strcmp(pos[0], "list") == 0) {
        struct store_officer o[256];
        int n = store_officer_list(c->st, o, 256);
        if (n < 0)
            return cli_fail("%s", store_strerror(n));
        for (int i = 0; i < n; i++)
            printf("%-16s %-10s %-9s %s\n", o[i].id,
                   o[i].role == ROLE_SUPERVISOR ? "supervisor" : "officer",
                   o[i].disabled             ? "disabled"
                   : o[i].locked_until > now ? "locked"
                                             : "active",
                   o[i].name);
        return 0;
    }
    int need_sup = have_supervisor(c);
    if (need_sup && cli_check_supervisor(c, by, by_pin))
        return 1;
    const char *actor = need_sup ? by : "setup";
    if (strcmp(pos[0], "add") == 0 && npos == 3) {
        char pin[32];
        if (!need_sup && !supervisor)
            return cli_fail("the first officer of a kiosk must be a supervisor (--supervisor)");
        if (cli_read_pin(pin_file, "New officer's PIN (4-12 digits): ", pin, sizeof(pin)) != 0)
            return cli_fail("cannot read the PIN");
        int rc = store_officer_add(c->st, pos[1], pos[2],
                                   supervisor ? ROLE_SUPERVISOR : ROLE_OFFICER, pin, actor, now);
        explicit_bzero(pin, sizeof(pin));
        if (rc == STORE_EINVAL)
            return cli_fail("officer %s: the ID must be letters, digits, - _ . (at most 31), "
                            "the PIN 4 to 12 digits, and the ID not taken",
                            pos[1]);
        if (rc)
            return cli_fail("%s", store_strerror(rc));
        printf("officer %s added\n", pos[1]);
        return 0;
    }
    if (strcmp(pos[0], "disable") == 0 && npos == 2) {
        int rc = store_officer_disable(c->st, pos[1], actor, now);
        if (rc)
            return cli_fail("officer %s: %s", pos[1], store_strerror(rc));
        printf("officer %s disabled\n", pos[1]);
        return 0;
    }
    return officer_usage();
}
