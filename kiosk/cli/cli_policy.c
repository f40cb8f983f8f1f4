/* cli_policy.c: `kiosk policy [--markdown]`: prints the enrolment policy table (every rule,
 * the step where it is checked, its outcome and reason codes, the evidence it looks at) as
 * the workflow uses it; --markdown gives the table the README shows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/cli/cli.h"
#include "kiosk/workflow/policy.h"

int cli_policy(struct cli_ctx *c, int argc, char **argv)
{
    (void)c;
    int md = argc == 2 && strcmp(argv[1], "--markdown") == 0;
    if (argc > 2 || (argc == 2 && !md)) {
        fprintf(stderr, "usage: kiosk policy [--markdown]\n");
        return 2;
    }
    size_t n = pol_table_format(NULL, 0, md) + 1;
    char *buf = malloc(n);
    if (!buf)
        return cli_fail("out of memory");
    pol_table_format(buf, n, md);
    fputs(buf, stdout);
    free(buf);
    return 0;
}
