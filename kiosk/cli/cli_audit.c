/* cli_audit.c: `kiosk audit verify`: walks the audit trail's hash chain. */
#include <stdio.h>
#include <string.h>

#include "kiosk/cli/cli.h"

int cli_audit(struct cli_ctx *c, int argc, char **argv)
{
    long rows, bad;
    if (argc != 2 || strcmp(argv[1], "verify") != 0) {
        fprintf(stderr, "usage: kiosk audit verify\n");
        return 2;
    }
    if (cli_open_store(c))
        return 1;
    int rc = store_audit_verify(c->st, &rows, &bad);
    if (rc == STORE_ECORRUPT)
        return cli_fail("audit trail broken at row %ld: a row was edited, deleted or inserted",
                        bad);
    if (rc)
        return cli_fail("%s", store_strerror(rc));
    printf("audit trail intact: %ld rows\n", rows);
    return 0;
}
