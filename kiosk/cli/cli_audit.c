/* cli_audit.c: `kiosk audit verify`: walks the audit trail's keyed chain and checks that it
 * still reaches the last anchor (the head last sent upstream or exported), so rows removed
 * from its end are found too; `kiosk audit head`: prints the current head. */
#include <stdio.h>
#include <string.h>

#include "kiosk/cli/cli.h"
#include "kiosk/messages/messages.h"

int cli_audit(struct cli_ctx *c, int argc, char **argv)
{
    long rows, bad;
    long long seq, aseq;
    char hash[65];
    if (argc != 2 || (strcmp(argv[1], "verify") != 0 && strcmp(argv[1], "head") != 0)) {
        fprintf(stderr, "usage: kiosk audit verify | head\n");
        return 2;
    }
    if (cli_open_store(c))
        return 1;
    if (strcmp(argv[1], "head") == 0) {
        int rc = store_audit_head(c->st, &seq, hash);
        if (rc)
            return cli_fail("%s", store_strerror(rc));
        printf("%lld:%s\n", seq, hash);
        return 0;
    }
    struct audit_check chk;
    int rc = store_audit_check(c->st, &chk);
    rows = chk.rows;
    bad = chk.bad_seq;
    aseq = chk.anchor_seq;
    if (rc == STORE_ECORRUPT && chk.why == AUDIT_END_REMOVED)
        return cli_failm(c, MSGD_CLI, CLI_T_AUDIT_TRUNCATED, "%ld", bad);
    if (rc == STORE_ECORRUPT)
        return cli_failm(c, MSGD_CLI, CLI_T_AUDIT_BROKEN, "%ld", bad);
    if (rc)
        return cli_fail("%s", store_strerror(rc));
    if (aseq > 0)
        printf("audit trail intact: %ld rows (keyed chain; reaches the anchor at row %lld)\n", rows,
               aseq);
    else
        printf("audit trail intact: %ld rows (keyed chain; no anchor yet)\n", rows);
    return 0;
}
