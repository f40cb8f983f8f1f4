/* cardf_main.c: the test card factory's command line.
 *   cardf_main OUTDIR   writes OUTDIR/<variant>/ for every variant, OUTDIR/trust/csca.pem,
 *                       OUTDIR/trust-other/, OUTDIR/masterlist.ml and OUTDIR/variants.txt.
 * Identities are synthetic; keys are generated afresh on every run. */
#include <stdio.h>

#include "tests/rigs/card/cardf.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
        return 2;
    }
    int n = cardf_write_all(argv[1]);
    if (n < 0) {
        fprintf(stderr, "cardf_main: cannot write the card profiles under %s\n", argv[1]);
        return 1;
    }
    printf("%d card profiles written under %s\n", n, argv[1]);
    return 0;
}
