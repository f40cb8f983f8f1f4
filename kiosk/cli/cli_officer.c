/* cli_officer.c: `kiosk init` and `kiosk officer add|list|disable|unlock`: the station's
 * officers and supervisors.
 *
 * The first supervisor of a kiosk is created by `kiosk init` only, and only on a store with
 * no officer at all (checked by the store in the same transaction as the insert): no failed
 * listing and no disabled supervisor ever opens a way to create one without a PIN. Every
 * other change needs a supervisor's PIN. */
#include <stdio.h>
#include <string.h>

#include "kiosk/cli/cli.h"
#include "kiosk/messages/messages.h"
#include "kiosk/model/timefmt.h"

static int officer_usage(void)
{
    fprintf(stderr, "usage: kiosk officer add ID NAME [--supervisor] [--pin-file F] "
                    "[--birth-date YYYY-MM-DD] --by SUPERVISOR [--by-pin-file F]\n"
                    "       kiosk officer list\n"
                    "       kiosk officer disable ID --by SUPERVISOR [--by-pin-file F]\n"
                    "       kiosk officer unlock ID --by SUPERVISOR [--by-pin-file F]\n");
    return 2;
}

static int pin_refused(const struct cli_ctx *c, int verdict)
{
    switch (verdict) {
    case PIN_BAD_FORM:
        return cli_failm(c, MSGD_CLI, CLI_T_PIN_FORM, "%d%d", PIN_MIN_DIGITS, PIN_MAX_DIGITS);
    case PIN_TRIVIAL:
        return cli_fail("%s", cli_text(c, CLI_T_PIN_TRIVIAL));
    case PIN_BIRTH_DATE:
        return cli_fail("%s", cli_text(c, CLI_T_PIN_BIRTH));
    }
    return 0;
}

/* Reads a new PIN and checks it; 0 or 1 with a message. */
static int read_new_pin(const struct cli_ctx *c, const char *pin_file, const char *birth_date,
                        char *pin, size_t size)
{
    if (cli_read_pin(pin_file, "New PIN (6-12 digits): ", pin, size) != 0)
        return cli_fail("cannot read the PIN");
    int v = store_pin_check(pin, birth_date);
    if (v) {
        explicit_bzero(pin, size);
        return pin_refused(c, v);
    }
    return 0;
}

int cli_init(struct cli_ctx *c, int argc, char **argv)
{
    const char *pin_file = NULL, *birth = NULL, *pos[2] = {0};
    int npos = 0;
    char pin[32];
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--pin-file") == 0 && i + 1 < argc)
            pin_file = argv[++i];
        else if (strcmp(argv[i], "--birth-date") == 0 && i + 1 < argc)
            birth = argv[++i];
        else if (argv[i][0] != '-' && npos < 2)
            pos[npos++] = argv[i];
        else
            npos = 3;
    }
    if (npos != 2) {
        fprintf(stderr, "usage: kiosk init SUPERVISOR_ID NAME [--pin-file F] "
                        "[--birth-date YYYY-MM-DD]\n");
        return 2;
    }
    if (cli_open_store(c) || read_new_pin(c, pin_file, birth, pin, sizeof(pin)))
        return 1;
    int rc = store_officer_init(c->st, pos[0], pos[1], pin, time_now_ms());
    explicit_bzero(pin, sizeof(pin));
    if (rc == STORE_EROLE)
        return cli_fail("%s", cli_text(c, CLI_T_HAS_OFFICERS));
    if (rc == STORE_EINVAL)
        return cli_fail("officer %s: the ID must be letters, digits, - _ . (at most 31)", pos[0]);
    if (rc)
        return cli_fail("%s", store_strerror(rc));
    printf("supervisor %s created\n", pos[0]);
    return 0;
}

int cli_officer(struct cli_ctx *c, int argc, char **argv)
{
    const char *by = NULL, *by_pin = NULL, *pin_file = NULL, *birth = NULL;
    int supervisor = 0;
    const char *pos[3] = {0};
    int npos = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--supervisor") == 0)
            supervisor = 1;
        else if (strcmp(argv[i], "--pin-file") == 0 && i + 1 < argc)
            pin_file = argv[++i];
        else if (strcmp(argv[i], "--birth-date") == 0 && i + 1 < argc)
            birth = argv[++i];
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
    int add = strcmp(pos[0], "add") == 0 && npos == 3;
    int disable = strcmp(pos[0], "disable") == 0 && npos == 2;
    int unlock = strcmp(pos[0], "unlock") == 0 && npos == 2;
    if (!add && !disable && !unlock)
        return officer_usage();
    if (!by)
        return cli_fail("a supervisor must approve this: --by SUPERVISOR (the first supervisor "
                        "of a new kiosk is created by \"kiosk init\")");
    if (cli_check_supervisor(c, by, by_pin))
        return 1;
    int rc;
    if (add) {
        char pin[32];
        if (read_new_pin(c, pin_file, birth, pin, sizeof(pin)))
            return 1;
        rc = store_officer_add(c->st, pos[1], pos[2], supervisor ? ROLE_SUPERVISOR : ROLE_OFFICER,
                               pin, by, now);
        explicit_bzero(pin, sizeof(pin));
        if (rc == STORE_EINVAL)
            return cli_fail("officer %s: the ID must be letters, digits, - _ . (at most 31) and "
                            "not taken",
                            pos[1]);
    } else if (disable) {
        rc = store_officer_disable(c->st, pos[1], by, now);
        if (rc == STORE_ELASTSUP)
            return cli_fail("%s", cli_text(c, CLI_T_LAST_SUPERVISOR));
    } else {
        rc = store_officer_unlock(c->st, pos[1], by, now);
    }
    if (rc)
        return cli_fail("officer %s: %s", pos[1], store_strerror(rc));
    printf("officer %s %s\n", pos[1], add ? "added" : disable ? "disabled" : "unlocked");
    return 0;
}
