/* cli_receipt.c: `kiosk receipt WHAT`: prints (or reprints) an application's receipt on the
 * CUPS queue of [receipt] printer, rendered in memory: nothing is written to disk. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/cli/cli_after.h"
#include "kiosk/receipt/receipt.h"
#include "kiosk/model/timefmt.h"

int cli_receipt(struct cli_ctx *c, int argc, char **argv)
{
    const char *printer = c->cfg.receipt_printer, *paper_name = c->cfg.receipt_paper;
    if (argc < 2) {
    usage:
        fprintf(stderr, "usage: kiosk receipt WHAT [--printer QUEUE] [--paper a4|a5|80mm|58mm]\n");
        return 2;
    }
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--printer") == 0 && i + 1 < argc)
            printer = argv[++i];
        else if (strcmp(argv[i], "--paper") == 0 && i + 1 < argc)
            paper_name = argv[++i];
        else
            goto usage;
    }
    enum receipt_paper paper;
    if (receipt_paper_parse(paper_name, &paper) != 0)
        return cli_fail("paper %s: one of a4, a5, 80mm, 58mm", paper_name);
    char id[APP_ID_SIZE];
    if (cli_after_open(c, argv[1], id))
        return 1;
    struct application app;
    int rc = store_load(c->st, id, &app);
    if (rc)
        return cli_fail("%s", store_strerror(rc));
    int64_t delivered = 0;
    cli_after_delivered_at(c->st, id, &delivered);
    char officer_name[128] = "";
    struct store_officer o[64];
    int n = store_officer_list(c->st, o, 64);
    for (int i = 0; i < n; i++)
        if (strcmp(o[i].id, app.officer) == 0)
            snprintf(officer_name, sizeof officer_name, "%s", o[i].name);
    struct receipt_info r;
    receipt_info_from_app(&app, delivered, c->cfg.station_name, officer_name,
                          c->cfg.receipt_call_centre, &r);
    app_wipe(&app);
    unsigned char *pdf = NULL;
    size_t len = 0;
    rc = receipt_render_pdf(&r, paper, LANG_VI, &pdf, &len);
    explicit_bzero(&r, sizeof r);
    receipt_release(); /* one receipt per command */
    if (rc)
        return cli_fail("cannot render the receipt");
    char err[256], title[64];
    int job = 0;
    snprintf(title, sizeof title, "receipt-%.36s", id);
    rc = receipt_print(printer, pdf, len, title, &job, err, sizeof err);
    explicit_bzero(pdf, len);
    free(pdf);
    if (rc)
        return cli_failm(c, MSGD_CLI, CLI_T_NOT_PRINTED, "%s", err);
    store_audit(c->st, "cli", "receipt.print", id, NULL, time_now_ms());
    printf("%d\n", job);
    return 0;
}
