/* cardf_pki.c: the factory's test PKI — a CSCA, a document signer, EF.SOD (CMS SignedData
 * over an LDSSecurityObject, ICAO 9303-10 §4.6.2) and a CSCA master list (ICAO 9303-12 §9),
 * all with OpenSSL 3; and the file writers. */
#include "tests/rigs/card/cardf.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <openssl/cms.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/sha.h>
#include <openssl/x509v3.h>

EVP_PKEY *cardf_key_ec(const char *curve)
{
    return EVP_EC_gen(curve);
}

EVP_PKEY *cardf_key_rsa(int bits)
{
    return EVP_RSA_gen((unsigned)bits);
}

static int add_ext(X509 *cert, X509 *issuer, int nid, const char *value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, NULL, NULL, 0);
    X509_EXTENSION *ex = X509V3_EXT_conf_nid(NULL, &ctx, nid, value);
    if (!ex)
        return -1;
    int ok = X509_add_ext(cert, ex, -1);
    X509_EXTENSION_free(ex);
    return ok ? 0 : -1;
}

static X509 *make_cert(const char *country, const char *cn, long serial, EVP_PKEY *key,
                       X509 *issuer, EVP_PKEY *issuer_key, long from_days, long to_days, int ca)
{
    X509 *c = X509_new();
    X509_NAME *n = X509_NAME_new();
    if (!c || !n)
        goto fail;
    X509_set_version(c, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(c), serial);
    X509_NAME_add_entry_by_txt(n, "C", MBSTRING_ASC, (const unsigned char *)country, -1, -1, 0);
    X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_ASC, (const unsigned char *)cn, -1, -1, 0);
    X509_set_subject_name(c, n);
    X509_set_issuer_name(c, issuer ? X509_get_subject_name(issuer) : n);
    X509_time_adj_ex(X509_getm_notBefore(c), (int)from_days, 0, NULL);
    X509_time_adj_ex(X509_getm_notAfter(c), (int)to_days, 0, NULL);
    X509_set_pubkey(c, key);
    X509 *iss = issuer ? issuer : c;
    if (add_ext(c, iss, NID_subject_key_identifier, "hash") != 0 ||
        add_ext(c, iss, NID_authority_key_identifier, "keyid:always") != 0)
        goto fail;
    if (ca) {
        if (add_ext(c, iss, NID_basic_constraints, "critical,CA:TRUE,pathlen:0") != 0 ||
            add_ext(c, iss, NID_key_usage, "critical,keyCertSign,cRLSign") != 0)
            goto fail;
    } else if (add_ext(c, iss, NID_key_usage, "critical,digitalSignature") != 0) {
        goto fail;
    }
    if (!X509_sign(c, issuer_key, EVP_sha256()))
        goto fail;
    X509_NAME_free(n);
    return c;
fail:
    X509_NAME_free(n);
    X509_free(c);
    return NULL;
}

void cardf_pki_free(struct cardf_pki *pki)
{
    EVP_PKEY_free(pki->csca_key);
    EVP_PKEY_free(pki->ds_key);
    X509_free(pki->csca);
    X509_free(pki->ds);
    memset(pki, 0, sizeof *pki);
}

int cardf_pki_new(struct cardf_pki *pki, const char *cn, int ec, long ds_from, long ds_to)
{
    char dscn[128];
    memset(pki, 0, sizeof *pki);
    pki->csca_key = ec ? cardf_key_ec("P-256") : cardf_key_rsa(2048);
    pki->ds_key = ec ? cardf_key_ec("P-256") : cardf_key_rsa(2048);
    if (!pki->csca_key || !pki->ds_key)
        goto fail;
    /* "CSCA XX ...": a CSCA of state XX; any other name: Viet Nam's */
    char country[3] = "VN";
    if (!strncmp(cn, "CSCA ", 5) && cn[5] >= 'A' && cn[5] <= 'Z' && cn[6] >= 'A' && cn[6] <= 'Z' &&
        cn[7] == ' ') {
        country[0] = cn[5];
        country[1] = cn[6];
    }
    pki->csca = make_cert(country, cn, 1, pki->csca_key, NULL, pki->csca_key, -365, 3650, 1);
    snprintf(dscn, sizeof dscn, "%s DS", cn);
    if (!pki->csca)
        goto fail;
    pki->ds = make_cert(country, dscn, 2, pki->ds_key, pki->csca, pki->csca_key, ds_from, ds_to, 0);
    if (!pki->ds)
        goto fail;
    return 0;
fail:
    cardf_pki_free(pki);
    return -1;
}

/* CMS SignedData with eContentType oid over content, DER in out. */
static int cms_sign(X509 *signer, EVP_PKEY *key, const char *oid, const struct cardf_buf *content,
                    struct cardf_buf *out)
{
    int rc = -1;
    BIO *in = BIO_new_mem_buf(content->p, (int)content->len);
    CMS_ContentInfo *cms = CMS_sign(NULL, NULL, NULL, NULL, CMS_PARTIAL | CMS_BINARY);
    ASN1_OBJECT *o = OBJ_txt2obj(oid, 1);
    unsigned char *der = NULL;
    if (!in || !cms || !o || !CMS_set1_eContentType(cms, o))
        goto out;
    if (!CMS_add1_signer(cms, signer, key, EVP_sha256(), CMS_BINARY | CMS_NOSMIMECAP))
        goto out;
    if (!CMS_final(cms, in, NULL, CMS_BINARY))
        goto out;
    int n = i2d_CMS_ContentInfo(cms, &der);
    if (n <= 0)
        goto out;
    rc = cardf_raw(out, der, (size_t)n);
out:
    OPENSSL_free(der);
    ASN1_OBJECT_free(o);
    CMS_ContentInfo_free(cms);
    BIO_free(in);
    return rc;
}

int cardf_sod(const struct cardf_pki *pki, const struct cardf_buf *const dgs[17],
              struct cardf_buf *out)
{
    struct cardf_buf lds = {0}, alg = {0}, list = {0}, h = {0};
    unsigned char md[32];
    memset(out, 0, sizeof *out);
    for (int i = 1; i <= 16; i++) {
        if (!dgs[i])
            continue;
        SHA256(dgs[i]->p, dgs[i]->len, md);
        cardf_put_int(&h, i);
        cardf_put(&h, 0x04, md, sizeof md);
        cardf_put_buf(&list, 0x30, &h);
        cardf_buf_free(&h);
    }
    cardf_put_oid(&alg, "2.16.840.1.101.3.4.2.1"); /* id-sha256 */
    cardf_put_int(&lds, 0);
    cardf_put_buf(&lds, 0x30, &alg);
    cardf_put_buf(&lds, 0x30, &list);
    cardf_wrap(&lds, 0x30);
    int rc = lds.err ? -1 : cms_sign(pki->ds, pki->ds_key, "2.23.136.1.1.1", &lds, out);
    if (rc == 0)
        rc = cardf_wrap(out, 0x77);
    cardf_buf_free(&lds);
    cardf_buf_free(&alg);
    cardf_buf_free(&list);
    return rc;
}

int cardf_master_list(X509 *signer, EVP_PKEY *key, X509 *const *certs, int n, struct cardf_buf *out)
{
    struct cardf_buf ml = {0}, set = {0};
    memset(out, 0, sizeof *out);
    for (int i = 0; i < n; i++) {
        unsigned char *der = NULL;
        int l = i2d_X509(certs[i], &der);
        if (l <= 0)
            set.err = -1;
        else
            cardf_raw(&set, der, (size_t)l);
        OPENSSL_free(der);
    }
    cardf_put_int(&ml, 0);
    cardf_put_buf(&ml, 0x31, &set);
    cardf_wrap(&ml, 0x30);
    int rc = ml.err ? -1 : cms_sign(signer, key, "2.23.136.1.1.2", &ml, out);
    cardf_buf_free(&ml);
    cardf_buf_free(&set);
    return rc;
}

int cardf_write_file(const char *dir, const char *name, const void *data, size_t n)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    int rc = fwrite(data, 1, n, f) == n ? 0 : -1;
    if (fclose(f) != 0)
        rc = -1;
    return rc;
}

int cardf_write_pem_cert(const char *path, X509 *cert)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    int rc = PEM_write_X509(f, cert) ? 0 : -1;
    if (fclose(f) != 0)
        rc = -1;
    return rc;
}

int cardf_write_pem_key(const char *path, EVP_PKEY *key)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    int rc = PEM_write_PrivateKey(f, key, NULL, NULL, 0, NULL, NULL) ? 0 : -1;
    if (fclose(f) != 0)
        rc = -1;
    return rc;
}
