/* cli_bundle.c: hand-over by USB stick (kiosk/field/bundle.h) from the command line.
 *
 *   kiosk bundle export --out DIR [--officer ID]
 *       on the mobile kiosk: the applications waiting to go, signed, to DIR/<station>/ban-giao_…
 *   kiosk bundle import DIR --keyring FILE [--connect-timeout-ms N] [--stall-seconds N]
 *       on a connected kiosk of the station: verifies and delivers them upstream
 *       and writes the upstream's answers back on the stick (trang-thai_<bundle>/, signed)
 *   kiosk bundle statuses DIR --keyring FILE
 *       on the mobile kiosk: verifies that status bundle (DIR, or every one of this kiosk's on
 *       the stick DIR) and applies it exactly once
 *   kiosk bundle status
 *       handed over and not yet confirmed (mobile kiosk); imported, by state (station kiosk)
 * Messages are Vietnamese sentences with the next step; counts only, no personal data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/cli/commands.h"
#include "kiosk/messages/messages.h"
#include "kiosk/field/bundle.h"
#include "kiosk/model/timefmt.h"
#include "kiosk/store/store_handover.h"

static int bundle_usage(void)
{
    fprintf(stderr, "usage: kiosk bundle export --out DIR [--officer ID]\n"
                    "       kiosk bundle import DIR --keyring FILE [--connect-timeout-ms N] "
                    "[--stall-seconds N]\n"
                    "       kiosk bundle statuses DIR --keyring FILE\n"
                    "       kiosk bundle status\n");
    return 2;
}

static int do_export(struct cli_ctx *c, int argc, char **argv)
{
    const char *out = NULL, *officer = NULL;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
            out = argv[++i];
        else if (strcmp(argv[i], "--officer") == 0 && i + 1 < argc)
            officer = argv[++i];
        else
            return bundle_usage();
    }
    if (!out)
        return bundle_usage();
    if (cli_open_store(c) != 0)
        return 1;
    static struct bundle_export_result res;
    char err[600];
    if (bundle_export(c->st, &c->cfg, out, officer, time_now_ms(), &res, err, sizeof err) != 0)
        return cli_fail("%s", err);
    char line[1200];
    puts(messages_format(line, sizeof line, MSGD_CLI, CLI_T_BUNDLE_WRITTEN, c->lang, "%s%ld%lld%s",
                         res.dir, res.count, res.bytes, res.anchor));
    return 0;
}

static int do_import(struct cli_ctx *c, int argc, char **argv)
{
    const char *dir = NULL, *keyring = NULL;
    struct sync_opts o;
    sync_opts_default(&o);
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--keyring") == 0 && i + 1 < argc)
            keyring = argv[++i];
        else if (strcmp(argv[i], "--connect-timeout-ms") == 0 && i + 1 < argc)
            o.connect_timeout_ms = atol(argv[++i]);
        else if (strcmp(argv[i], "--stall-seconds") == 0 && i + 1 < argc)
            o.stall_seconds = atol(argv[++i]);
        else if (!dir && argv[i][0] != '-')
            dir = argv[i];
        else
            return bundle_usage();
    }
    if (!dir || !keyring || o.connect_timeout_ms <= 0 || o.stall_seconds <= 0)
        return bundle_usage();
    static struct report_keyring kr;
    char err[600];
    memset(&kr, 0, sizeof kr);
    if (report_keyring_load(&kr, keyring, err, sizeof err) != 0)
        return cli_fail("%s", err);
    if (cli_open_store(c) != 0)
        return 1;
    struct bundle_import_result res;
    int rc = bundle_import(c->st, &c->cfg, &o, dir, &kr, &res, err, sizeof err);
    char line[1200];
    puts(messages_format(line, sizeof line, MSGD_CLI, CLI_T_BUNDLE_IMPORTED, c->lang,
                         "%s%s%ld%ld%ld%ld", res.name[0] ? res.name : dir,
                         res.origin[0] ? res.origin : "?", res.rep.seen, res.rep.delivered,
                         res.rep.already, res.rep.failed + res.rep.refused));
    if (res.status_dir[0])
        puts(messages_format(line, sizeof line, MSGD_CLI, CLI_T_STATUS_WRITTEN, c->lang, "%s",
                             res.status_dir));
    else if (res.status_rc != 0)
        fprintf(stderr, "kiosk: %s\n",
                messages_format(line, sizeof line, MSGD_CLI, CLI_T_STATUS_NOT_WRITTEN, c->lang,
                                "%s", res.status_err));
    if (rc != 0)
        return cli_fail("%s", err);
    return 0;
}

static int do_statuses(struct cli_ctx *c, int argc, char **argv)
{
    const char *dir = NULL, *keyring = NULL;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--keyring") == 0 && i + 1 < argc)
            keyring = argv[++i];
        else if (!dir && argv[i][0] != '-')
            dir = argv[i];
        else
            return bundle_usage();
    }
    if (!dir || !keyring)
        return bundle_usage();
    static struct report_keyring kr;
    char err[800];
    memset(&kr, 0, sizeof kr);
    if (report_keyring_load(&kr, keyring, err, sizeof err) != 0)
        return cli_fail("%s", err);
    if (cli_open_store(c) != 0)
        return 1;
    /* the status directory, or the stick (its station folder): each of this kiosk's */
    static char dirs[32][4200];
    int n = bundle_status_find(dir, &c->cfg, dirs, 32);
    if (n < 0)
        return cli_failm(c, MSGD_CLI, CLI_T_CANNOT_READ, "%s", dir);
    if (n == 0)
        return cli_failm(c, MSGD_CLI, CLI_T_NO_STATUS, "%s%s", c->cfg.kiosk_id, dir);
    char line[1200];
    for (int i = 0; i < n; i++) {
        struct bundle_status_result res;
        if (bundle_status_apply(c->st, &c->cfg, dirs[i], &kr, time_now_ms(), &res, err,
                                sizeof err) != 0)
            return cli_fail("%s", err);
        if (res.replayed)
            puts(messages_format(line, sizeof line, MSGD_CLI, CLI_T_STATUS_REPLAYED, c->lang, "%s",
                                 res.bundle));
        else
            puts(messages_format(line, sizeof line, MSGD_CLI, CLI_T_STATUS_APPLIED, c->lang,
                                 "%s%s%ld%ld%ld%ld", res.bundle, res.by, res.items, res.applied,
                                 res.already, res.unknown));
    }
    return 0;
}

static int do_status(struct cli_ctx *c)
{
    long unconfirmed = 0, pending = 0, done = 0, failed = 0;
    if (cli_open_store(c) != 0)
        return 1;
    if (store_handover_unconfirmed(c->st, &unconfirmed) != 0 ||
        store_handin_count(c->st, NULL, HANDIN_PENDING, &pending) != 0 ||
        store_handin_count(c->st, NULL, HANDIN_DONE, &done) != 0 ||
        store_handin_count(c->st, NULL, HANDIN_FAILED, &failed) != 0)
        return cli_fail("%s", cli_text(c, CLI_T_STORE_UNREADABLE));
    char line[300];
    puts(messages_format(line, sizeof line, MSGD_CLI, CLI_T_HANDED_TOTAL, c->lang, "%ld",
                         unconfirmed));
    puts(messages_format(line, sizeof line, MSGD_CLI, CLI_T_HANDINS, c->lang, "%ld%ld%ld", done,
                         pending, failed));
    return 0;
}

int cli_bundle(struct cli_ctx *c, int argc, char **argv)
{
    if (argc < 2)
        return bundle_usage();
    if (strcmp(argv[1], "export") == 0)
        return do_export(c, argc, argv);
    if (strcmp(argv[1], "import") == 0)
        return do_import(c, argc, argv);
    if (strcmp(argv[1], "statuses") == 0)
        return do_statuses(c, argc, argv);
    if (strcmp(argv[1], "status") == 0 && argc == 2)
        return do_status(c);
    return bundle_usage();
}
