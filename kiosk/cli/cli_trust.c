/* cli_trust.c: `kiosk trust`, managing the CSCA trust store from the command line.
 *
 *   kiosk trust import-masterlist FILE [--trust-dir DIR]   ICAO CSCA master list → PEM files
 *   kiosk trust list [--trust-dir DIR]                      one line per trusted CSCA
 *
 * DIR defaults to the configuration's [card] trust_dir. Exit status as every command's
 * (cli.h): 0 done, 1 failure (one line on stderr saying why and what to do), 2 usage.
 * Prints only certificate subjects, dates and fingerprints: no personal data. */
#include "kiosk/cli/commands.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "drivers/card/emrtd_pa.h"

static int usage(void)
{
    fprintf(stderr, "usage: kiosk trust import-masterlist FILE [--trust-dir DIR]\n"
                    "       kiosk trust list [--trust-dir DIR]\n");
    return 2;
}

static int list(const char *dir)
{
    struct emrtd_trust t;
    int bad = 0;
    if (emrtd_trust_load(dir, &t, &bad) != PA_OK) {
        fprintf(stderr, "trust: %s\n", emrtd_pa_message(PA_E_NOMEM, LANG_EN));
        return 1;
    }
    STACK_OF(X509_OBJECT) *objs = X509_STORE_get0_objects(t.store);
    for (int i = 0; i < sk_X509_OBJECT_num(objs); i++) {
        X509 *x = X509_OBJECT_get0_X509(sk_X509_OBJECT_value(objs, i));
        char subj[256], na[32] = "?";
        unsigned char md[32];
        unsigned int mdl = 0;
        struct tm tm;
        if (!x)
            continue;
        X509_NAME_oneline(X509_get_subject_name(x), subj, sizeof subj);
        if (ASN1_TIME_to_tm(X509_get0_notAfter(x), &tm))
            strftime(na, sizeof na, "%Y-%m-%d", &tm);
        X509_digest(x, EVP_sha256(), md, &mdl);
        printf("%s  until %s  sha256:", subj, na);
        for (unsigned j = 0; j < 8 && j < mdl; j++)
            printf("%02x", md[j]);
        printf("\n");
    }
    printf("%d CSCA certificate(s) in %s", t.n_certs, dir);
    if (bad)
        printf(", %d unreadable file(s) skipped", bad);
    printf("\n");
    emrtd_trust_free(&t);
    return 0;
}

int cli_trust(struct cli_ctx *c, int argc, char **argv)
{
    const char *dir = c ? c->cfg.trust_dir : "", *cmd = NULL, *file = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--trust-dir") == 0 && i + 1 < argc)
            dir = argv[++i];
        else if (!cmd)
            cmd = argv[i];
        else if (!file)
            file = argv[i];
        else
            return usage();
    }
    if (!cmd || !dir || !dir[0])
        return usage();
    if (strcmp(cmd, "list") == 0 && !file)
        return list(dir);
    if (strcmp(cmd, "import-masterlist") != 0 || !file)
        return usage();
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "trust: %s (%s)\n", emrtd_pa_message(PA_E_WRITE, LANG_EN), dir);
        return 1;
    }
    int n = 0, rc = emrtd_trust_import_master_list(file, dir, &n);
    if (rc != PA_OK) {
        fprintf(stderr, "trust: %s\n", emrtd_pa_message(rc, LANG_EN));
        return 1;
    }
    printf("%d CSCA certificate(s) imported into %s\n", n, dir);
    return 0;
}
