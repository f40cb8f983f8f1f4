/* cli_export.c: `kiosk export --day YYYY-MM-DD --out DIR [--format csv|json] --supervisor ID
 * [--pin-file F]` writes the supervisor's daily list, summary and signed manifest;
 * `kiosk export verify DIR` checks one. Exporting needs a supervisor's PIN. */
#include <stdio.h>
#include <string.h>

#include "kiosk/cli/cli.h"
#include "kiosk/export/export.h"
#include "kiosk/model/timefmt.h"

static int export_usage(void)
{
    fprintf(stderr, "usage: kiosk export --day YYYY-MM-DD --out DIR [--format csv|json] "
                    "--supervisor ID [--pin-file F]\n"
                    "       kiosk export verify DIR\n");
    return 2;
}

int cli_export(struct cli_ctx *c, int argc, char **argv)
{
    const char *day = NULL, *out = NULL, *format = "csv", *sup = NULL, *pin_file = NULL;
    char err[256];
    if (argc == 3 && strcmp(argv[1], "verify") == 0) {
        struct export_info info;
        if (export_verify_info(argv[2], &info, err, sizeof(err)) != 0)
            return cli_fail("export %s: %s", argv[2], err);
        printf("export of %s intact: %d files, signed by %s (%s, %s)\n", info.day, info.files,
               info.fingerprint, info.actor, info.created);
        return 0;
    }
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--day") == 0 && i + 1 < argc)
            day = argv[++i];
        else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
            out = argv[++i];
        else if (strcmp(argv[i], "--format") == 0 && i + 1 < argc)
            format = argv[++i];
        else if (strcmp(argv[i], "--supervisor") == 0 && i + 1 < argc)
            sup = argv[++i];
        else if (strcmp(argv[i], "--pin-file") == 0 && i + 1 < argc)
            pin_file = argv[++i];
        else
            return export_usage();
    }
    if (!day || !out)
        return export_usage();
    if (!export_day_valid(day))
        return cli_fail("--day %s: not a date YYYY-MM-DD", day);
    if (strcmp(format, "csv") != 0 && strcmp(format, "json") != 0)
        return cli_fail("--format %s: csv or json", format);
    if (cli_open_store(c) || cli_check_supervisor(c, sup, pin_file))
        return 1;
    if (export_day(c->st, day, out, format, sup, time_now_ms(), err, sizeof(err)) != 0)
        return cli_fail("export of %s: %s", day, err);
    printf("exported %s to %s\n", day, out);
    return 0;
}
