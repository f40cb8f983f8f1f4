/* test_variants.c: every card variant of the factory, run through the data side of a read —
 * identity from DG1 + DG13, passive authentication and the verdict — gives what
 * variants.txt says. The AA and CA outcomes a chip would give are stood in for here by
 * checking that aa_key.pem signs for DG15's key and ca_key.pem is DG14's key (the APDU
 * exchanges themselves are card-access's tests). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>

#include "drivers/card/card_identity.h"
#include "drivers/card/emrtd_dg.h"
#include "drivers/card/emrtd_verify.h"
#include "drivers/card/tlv.h"
#include "tests/rigs/card/cardf.h"
#include "tests/test.h"

static char out[64];
static struct emrtd_trust trust;

struct file {
    uint8_t *p;
    size_t len;
};

static struct file load(const char *dir, const char *name)
{
    char path[256];
    struct file f = {0};
    snprintf(path, sizeof path, "%s/%s/%s", out, dir, name);
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return f;
    f.p = malloc(1 << 20);
    f.len = fread(f.p, 1, 1 << 20, fp);
    fclose(fp);
    return f;
}

static EVP_PKEY *load_key(const char *dir, const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s/%s", out, dir, name);
    FILE *fp = fopen(path, "r");
    if (!fp)
        return NULL;
    EVP_PKEY *k = PEM_read_PrivateKey(fp, NULL, NULL, NULL);
    fclose(fp);
    return k;
}

/* Does priv sign something pub verifies? (stands in for INTERNAL AUTHENTICATE) */
static int signs_for(EVP_PKEY *priv, EVP_PKEY *pub)
{
    unsigned char msg[8], sig[512];
    size_t sl = sizeof sig;
    int ok = 0;
    RAND_bytes(msg, sizeof msg);
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    if (EVP_DigestSignInit(c, NULL, EVP_sha256(), NULL, priv) == 1 &&
        EVP_DigestSign(c, sig, &sl, msg, sizeof msg) == 1) {
        EVP_MD_CTX_reset(c);
        ok = EVP_DigestVerifyInit(c, NULL, EVP_sha256(), NULL, pub) == 1 &&
             EVP_DigestVerify(c, sig, sl, msg, sizeof msg) == 1;
    }
    EVP_MD_CTX_free(c);
    return ok;
}

/* What the read gives: "genuine"/"unverified"/"forged" or "error:<kind>". */
static const char *outcome(const struct cardf_variant_info *v, char *why, size_t whylen)
{
    static const char *names[] = {"none", "genuine", "unverified", "forged"};
    struct file dg1 = load(v->name, "DG1"), dg2 = load(v->name, "DG2"),
                dg13 = load(v->name, "DG13"), dg14 = load(v->name, "DG14"),
                dg15 = load(v->name, "DG15"), sod = load(v->name, "EF.SOD");
    const char *res = "error:internal";
    struct app_identity id;
    struct emrtd_face face;
    struct emrtd_verdict vd;
    int e = 0;
    why[0] = 0;
    memset(&vd, 0, sizeof vd);
    /* as the reader does: a file shorter than its own TLV header says is a truncated read */
    size_t hl, vl;
    if (tlv_header(dg2.p, dg2.len, NULL, &hl, &vl) != 0 || hl + vl != dg2.len) {
        res = "error:truncated";
        goto done;
    }
    int rc = card_identity_from_files(dg1.p, dg1.len, dg13.p, dg13.len, &id, &e);
    if (rc == CID_E_DG1) {
        res = "error:dg1";
        goto done;
    }
    if (rc == CID_E_DG13) {
        res = "error:dg13";
        goto done;
    }
    if (rc != CID_OK || strcmp(id.personal_id, cardf_people[v->person].id) != 0)
        goto done;
    if (emrtd_dg2_parse(dg2.p, dg2.len, &face) != DG_OK)
        goto done;
    enum emrtd_auth_outcome aa = AUTH_NOT_SUPPORTED, ca = AUTH_NOT_SUPPORTED;
    if (dg15.p && dg15.len) {
        void *pub = NULL;
        EVP_PKEY *priv = load_key(v->name, "aa_key.pem");
        aa = emrtd_dg15_parse(dg15.p, dg15.len, &pub) == DG_OK && priv && signs_for(priv, pub)
                 ? AUTH_OK
                 : AUTH_FAILED;
        EVP_PKEY_free(pub);
        EVP_PKEY_free(priv);
    }
    if (dg14.p && dg14.len && v->ca) {
        struct emrtd_security_infos si;
        EVP_PKEY *priv = load_key(v->name, "ca_key.pem");
        ca = AUTH_FAILED;
        if (emrtd_dg14_parse(dg14.p, dg14.len, &si) == DG_OK) {
            const struct emrtd_security_info *k =
                emrtd_security_infos_find(&si, EMRTD_INFO_CA_PUBKEY);
            if (k && priv && EVP_PKEY_eq(k->pubkey, priv) == 1)
                ca = AUTH_OK;
            emrtd_security_infos_free(&si);
        }
        EVP_PKEY_free(priv);
    }
    struct emrtd_pa_file files[5];
    int n = 0;
    files[n++] = (struct emrtd_pa_file){1, dg1.p, dg1.len};
    files[n++] = (struct emrtd_pa_file){2, dg2.p, dg2.len};
    files[n++] = (struct emrtd_pa_file){13, dg13.p, dg13.len};
    if (dg14.p)
        files[n++] = (struct emrtd_pa_file){14, dg14.p, dg14.len};
    if (dg15.p)
        files[n++] = (struct emrtd_pa_file){15, dg15.p, dg15.len};
    /* what card-access reports for a chip that refuses what its files offer */
    if (v->hostile == CARDF_CA_REFUSED)
        ca = AUTH_REFUSED;
    if (v->hostile == CARDF_AA_REFUSED)
        aa = AUTH_REFUSED;
    /* card-access asks for DG1, DG2, DG13, DG14 and DG15 */
    uint32_t tried = 1u << 1 | 1u << 2 | 1u << 13 | 1u << 14 | 1u << 15;
    struct emrtd_verify_input in = {.files = files,
                                    .n_files = n,
                                    .sod = sod.p,
                                    .sod_len = sod.len,
                                    .trust = &trust,
                                    .aa = aa,
                                    .ca = ca,
                                    .access = "PACE",
                                    .tried = tried};
    if (emrtd_verify(&in, &vd) != VERIFY_OK)
        goto done;
    res = names[vd.verdict];
    for (int i = 0; i < vd.n_reasons; i++)
        snprintf(why + strlen(why), whylen - strlen(why), "%s ", vd.reasons[i]);
done:
    emrtd_verdict_free(&vd);
    struct file *all[] = {&dg1, &dg2, &dg13, &dg14, &dg15, &sod};
    for (size_t i = 0; i < 6; i++)
        free(all[i]->p);
    return res;
}

TEST(every_variant)
{
    for (int i = 0; i < cardf_n_variants; i++) {
        char why[256];
        const char *got = outcome(&cardf_variants[i], why, sizeof why);
        if (strcmp(got, cardf_variants[i].expect) != 0) {
            test_fail_(__FILE__, __LINE__, "%s: got %s (%s), expected %s", cardf_variants[i].name,
                       got, why, cardf_variants[i].expect);
            return;
        }
        /* the reason named in the description is among the reasons */
        const char *paren = strchr(cardf_variants[i].what, '(');
        if (paren && strncmp(cardf_variants[i].expect, "error", 5) != 0 &&
            strcmp(cardf_variants[i].expect, "genuine") != 0) {
            char key[64];
            snprintf(key, sizeof key, "%.*s", (int)strcspn(paren + 1, ")"), paren + 1);
            if (!strstr(why, key)) {
                test_fail_(__FILE__, __LINE__, "%s: reasons \"%s\" lack %s", cardf_variants[i].name,
                           why, key);
                return;
            }
        }
    }
}

TEST(profiles_complete)
{
    char path[256];
    for (int i = 0; i < cardf_n_variants; i++) {
        const struct cardf_variant_info *v = &cardf_variants[i];
        snprintf(path, sizeof path, "%s/%s/card.ini", out, v->name);
        CHECK(access(path, R_OK) == 0);
        snprintf(path, sizeof path, "%s/%s/EF.CardAccess", out, v->name);
        CHECK_INT(access(path, R_OK) == 0, v->pace);
        snprintf(path, sizeof path, "%s/%s/aa_key.pem", out, v->name);
        CHECK_INT(access(path, R_OK) == 0, v->aa != 0);
    }
    snprintf(path, sizeof path, "%s/variants.txt", out);
    CHECK(access(path, R_OK) == 0);
}

TEST(master_list_gives_same_trust)
{
    char dir[128], ml[128], root[128];
    int n = 0;
    struct emrtd_trust t;
    snprintf(dir, sizeof dir, "%s/imported", out);
    snprintf(ml, sizeof ml, "%s/masterlist.ml", out);
    snprintf(root, sizeof root, "%s/trust/csca.pem", out); /* the list's signer's CSCA */
    CHECK_INT(mkdir(dir, 0700), 0);
    CHECK_INT(emrtd_trust_import_master_list(ml, root, dir, &n), PA_OK);
    CHECK_INT(n, 2);
    CHECK_INT(emrtd_trust_load(dir, &t, NULL), PA_OK);
    CHECK_INT(t.n_certs, trust.n_certs);
    emrtd_trust_free(&t);
}

int main(void)
{
    char dir[128];
    if (test_fresh_dir(out, sizeof out) != 0 || cardf_write_all(out) != cardf_n_variants)
        return 1;
    snprintf(dir, sizeof dir, "%s/trust", out);
    if (emrtd_trust_load(dir, &trust, NULL) != PA_OK || trust.n_certs != 2)
        return 1;
    RUN(profiles_complete);
    RUN(every_variant);
    RUN(master_list_gives_same_trust);
    emrtd_trust_free(&trust);
    return test_done();
}
