/* main.c: the kiosk's command line: `kiosk [--config FILE] COMMAND [ARGS]`.
 *
 * Loads the configuration (the embedded demo.conf, then FILE over it) and hands over to one
 * command. Exit status 0 on success, 1 when refused or failed (one clear line on stderr),
 * 2 for a usage error. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "kiosk/cli/cli.h"
#include "kiosk/cli/cli_after.h"
#include "kiosk/cli/commands.h"

#ifndef KIOSK_VERSION
#define KIOSK_VERSION "0.1.0"
#endif

static int cli_version(struct cli_ctx *c, int argc, char **argv)
{
    (void)c;
    (void)argc;
    (void)argv;
    printf("kiosk %s (level-2 e-identity enrolment; schema %d)\n", KIOSK_VERSION,
           store_schema_version());
    return 0;
}

static int usage(FILE *f)
{
    fprintf(f, "usage: kiosk [--config FILE] COMMAND [ARGS]\n\ncommands:\n");
    for (int i = 0; kiosk_commands[i].name; i++)
        fprintf(f, "  %-10s %s\n", kiosk_commands[i].name, kiosk_commands[i].help);
    return f == stdout ? 0 : 2;
}

const struct kiosk_command kiosk_commands[] = {
    {"run", "[--size=WxH] [--fullscreen]: the touchscreen UI (headless demo without a display)",
     cli_run},
    {"demo", "[--citizens FILE]: enrol sample citizens headless on the simulated devices",
     cli_demo},
    {"enrol", "--from FILE.json: one application from what devices and officer supply", cli_enrol},
    {"queue", "[--day YYYY-MM-DD] [--status S] [--search TEXT] [--json]: list applications",
     cli_queue},
    {"export", "--day YYYY-MM-DD --out DIR [--format csv|json] --supervisor ID | verify DIR",
     cli_export},
    {"init", "SUPERVISOR_ID NAME [--pin-file F]: the first supervisor of a new kiosk", cli_init},
    {"officer",
     "add ID NAME [--supervisor] [--pin-file F] --by SUP | list | disable ID --by SUP | unlock "
     "ID --by SUP",
     cli_officer},
    {"audit", "verify | head: check the audit trail's keyed chain against its last anchor",
     cli_audit},
    {"read-card", "[--device CONN] [--can DIGITS | --qr TEXT] [--json] [--photo FILE]",
     cli_read_card},
    {"trust",
     "list | import-masterlist FILE: the CSCA certificates trusted for passive "
     "authentication",
     cli_trust},
    {"sync", "[--once]: deliver queued applications and pull statuses", cli_sync},
    {"bundle",
     "export --out DIR | import DIR --keyring FILE | status: hand-over by USB stick (mobile "
     "units)",
     cli_bundle},
    {"clock", "[status] | set [--time ISO] --supervisor ID: the clock enrolment relies on",
     cli_clock},
    {"disk", "how many more applications the data directory's disk can take", cli_disk},
    {"field",
     "[status] | open --site NAME --kind K [--commune C] --officer ID | close: a mobile "
     "unit's field session",
     cli_field},
    {"show", "WHAT: one application (id, short number, personal ID or phone) in full", cli_show},
    {"recall", "[list] | mark WHAT MARK --officer ID | close WHAT --reason T --supervisor ID",
     cli_recall},
    {"phone-fix", "WHAT NEW-PHONE --reason T --officer ID --supervisor ID: correct a phone",
     cli_phone_fix},
    {"receipt", "WHAT [--printer QUEUE] [--paper a4|a5|80mm|58mm]: print the receipt again",
     cli_receipt},
    {"policy", "[--markdown]: the enrolment policy: every rule, its outcome and reason codes",
     cli_policy},
    {"selftest", "check configuration, keys, store and devices", cli_selftest},
    {"version", "print the version", cli_version},
    {NULL, NULL, NULL},
};

int main(int argc, char **argv)
{
    static struct cli_ctx ctx;
    char err[512];
    int i = 1;

    /* every file and directory the kiosk creates (store, keys, exports) is private from its
     * creation, whatever umask it was started with */
    umask(077);
    /* a peer that hangs up (upstream, serial reader) is an error to handle, not a death */
    signal(SIGPIPE, SIG_IGN);
    config_defaults(&ctx.cfg);
    while (i < argc && argv[i][0] == '-') {
        if (strcmp(argv[i], "--config") == 0 && i + 1 < argc) {
            ctx.config_path = argv[i + 1];
            i += 2;
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            return usage(stdout);
        } else {
            fprintf(stderr, "kiosk: unknown option %s\n", argv[i]);
            return usage(stderr);
        }
    }
    if (i >= argc)
        return usage(stderr);
    if (ctx.config_path && config_load_file(&ctx.cfg, ctx.config_path, err, sizeof(err)) != 0) {
        fprintf(stderr, "kiosk: %s\n", err);
        return 1;
    }
    ctx.lang = msg_lang_parse(ctx.cfg.lang);
    if (cli_drop_privileges(&ctx) != 0)
        return 1;
    for (int k = 0; kiosk_commands[k].name; k++) {
        if (strcmp(argv[i], kiosk_commands[k].name) == 0) {
            int rc = kiosk_commands[k].fn(&ctx, argc - i, argv + i);
            cli_close(&ctx);
            return rc;
        }
    }
    fprintf(stderr, "kiosk: unknown command %s\n", argv[i]);
    return usage(stderr);
}
