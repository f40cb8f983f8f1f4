/* cli_trust.c: `kiosk trust import-masterlist | list` managing the CSCA trust store ([card]
 * trust_dir). Prints only certificate subjects, dates and fingerprints: no personal data. Exit
 * status as every command's (cli.h): 0 done, 1 refused or failed, 2 usage. An import changes which
 * chips the kiosk calls genuine: it needs a supervisor's PIN, the list's signer must chain to
 * [card] masterlist_root, and its audit row (who, how many certificates, the file's SHA-256) is
 * written before any certificate is: no row, no import. */
#include "kiosk/cli/commands.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "drivers/card/emrtd_pa.h"
#include "kiosk/messages/messages.h"
#include "kiosk/model/timefmt.h"

static int usage(void)
{
    fprintf(stderr, "usage: kiosk trust import-masterlist FILE --supervisor ID [--pin-file F] "
                    "[--trust-dir DIR] [--root FILE]\n"
                    "       kiosk trust list [--trust-dir DIR]\n");
    return 2;
}

static int list(const char *dir)
{
    struct emrtd_trust t;
    int bad = 0;
    if (emrtd_trust_load(dir, &t, &bad) != PA_OK) {
        fprintf(stderr, "trust: %s\n", messages_text(MSGD_PA, PA_E_NOMEM, LANG_EN));
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

/* The file's SHA-256, hex, for the audit row. 0 or -1. */
static int file_sha256(const char *path, char hex[65])
{
    unsigned char md[32];
    unsigned int mdl = 0;
    FILE *f = fopen(path, "rbe");
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    int ok = f && ctx && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) == 1;
    unsigned char buf[8192];
    size_t n;
    while (ok && (n = fread(buf, 1, sizeof buf, f)) > 0)
        ok = EVP_DigestUpdate(ctx, buf, n) == 1;
    ok = ok && EVP_DigestFinal_ex(ctx, md, &mdl) == 1 && mdl == 32;
    if (f)
        fclose(f);
    EVP_MD_CTX_free(ctx);
    for (unsigned i = 0; ok && i < 32; i++)
        snprintf(hex + 2 * i, 3, "%02x", md[i]);
    return ok ? 0 : -1;
}

int cli_trust(struct cli_ctx *c, int argc, char **argv)
{
    const char *dir = c->cfg.trust_dir, *cmd = NULL, *file = NULL;
    const char *root = c->cfg.masterlist_root, *sup = NULL, *pin_file = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--trust-dir") == 0 && i + 1 < argc)
            dir = argv[++i];
        else if (strcmp(argv[i], "--root") == 0 && i + 1 < argc)
            root = argv[++i];
        else if (strcmp(argv[i], "--supervisor") == 0 && i + 1 < argc)
            sup = argv[++i];
        else if (strcmp(argv[i], "--pin-file") == 0 && i + 1 < argc)
            pin_file = argv[++i];
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
    /* who: a supervisor, by PIN (the attempt itself is audited) */
    if (cli_open_store(c) || cli_check_supervisor(c, sup, pin_file))
        return 1;
    /* what: a list signed under the configured root, checked before anything is written */
    int n = 0, rc = emrtd_trust_import_master_list(file, root, NULL, &n);
    char hex[65], detail[128];
    if (rc == PA_OK && file_sha256(file, hex) != 0)
        rc = PA_E_MASTER_LIST;
    snprintf(detail, sizeof detail, "%s certs=%d sha256=%.64s", rc == PA_OK ? "ok" : "refused", n,
             rc == PA_OK ? hex : "-");
    if (store_audit(c->st, sup, "trust.import_masterlist", NULL, detail, time_now_ms()) != 0) {
        fprintf(stderr, "trust: %s\n", store_strerror(STORE_EAUDIT));
        return 1;
    }
    if (rc != PA_OK) {
        fprintf(stderr, "trust: %s\n", messages_text(MSGD_PA, rc, c->lang));
        return 1;
    }
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "trust: %s (%s)\n", messages_text(MSGD_PA, PA_E_WRITE, c->lang), dir);
        return 1;
    }
    rc = emrtd_trust_import_master_list(file, root, dir, &n);
    if (rc != PA_OK) {
        fprintf(stderr, "trust: %s\n", messages_text(MSGD_PA, rc, c->lang));
        return 1;
    }
    printf("%d CSCA certificate(s) imported into %s\n", n, dir);
    return 0;
}
