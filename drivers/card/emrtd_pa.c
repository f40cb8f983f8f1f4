/* emrtd_pa.c: trust store, master-list import and passive authentication (see emrtd_pa.h).
 *
 * Order of checks, each reported on its own so the verdict can name every failure:
 *   1. CMS signature over the signed attributes (messageDigest = hash of the
 *      LDSSecurityObject) with the DS certificate from the SOD — CMS_verify without chain;
 *   2. DS → CSCA chain with X509_verify_cert at `now`; when that fails on a date, the chain
 *      is checked again without time, so that an expired certificate never hides a bad
 *      signature or a missing issuer ("expired" only when everything else holds); and
 *      whether the store holds a CSCA of the DS issuer's country at all;
 *   3. hash of every data group given (whole file: tag, length, value) against the SOD.
 * Hash comparisons use CRYPTO_memcmp. */
#include "drivers/card/emrtd_pa.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include "drivers/card/tlv.h"

#define TRUST_MAX_FILES     4096        /* a master list holds a few hundred CSCAs */
#define TRUST_MAX_FILE_SIZE (64 * 1024) /* one certificate */
#define ML_MAX_FILE_SIZE    (16 * 1024 * 1024)

static int has_cert_ext(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot && (strcmp(dot, ".pem") == 0 || strcmp(dot, ".crt") == 0 ||
                   strcmp(dot, ".cer") == 0 || strcmp(dot, ".der") == 0);
}

/* Reads a whole small file into buf; returns its length or -1. */
static long read_file(const char *path, unsigned char *buf, size_t cap)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    size_t n = fread(buf, 1, cap, f);
    int more = fgetc(f) != EOF;
    fclose(f);
    return more ? -1 : (long)n;
}

/* Adds the certificates of one file (PEM with one or more, or DER). Returns count. */
static int add_file(X509_STORE *st, const char *path, unsigned char *buf, size_t cap)
{
    long n = read_file(path, buf, cap);
    int added = 0;
    if (n <= 0)
        return 0;
    BIO *b = BIO_new_mem_buf(buf, (int)n);
    X509 *x;
    while (b && (x = PEM_read_bio_X509(b, NULL, NULL, NULL)) != NULL) {
        if (X509_STORE_add_cert(st, x))
            added++;
        X509_free(x);
    }
    BIO_free(b);
    if (added == 0) {
        const unsigned char *p = buf;
        x = d2i_X509(NULL, &p, n);
        if (x && p == buf + n && X509_STORE_add_cert(st, x))
            added++;
        X509_free(x);
    }
    return added;
}

int emrtd_trust_load(const char *dir, struct emrtd_trust *out, int *n_bad)
{
    unsigned char *scratch = NULL;
    memset(out, 0, sizeof *out);
    if (n_bad)
        *n_bad = 0;
    X509_STORE *st = X509_STORE_new();
    if (!st)
        return PA_E_NOMEM;
    out->store = st;
    if (!dir || !dir[0])
        return PA_OK;
    DIR *d = opendir(dir);
    if (!d)
        return PA_OK; /* no trust store: every chip unverified, said in the report */
    scratch = OPENSSL_malloc(TRUST_MAX_FILE_SIZE);
    if (!scratch) {
        closedir(d);
        emrtd_trust_free(out);
        return PA_E_NOMEM;
    }
    struct dirent *e;
    int files = 0;
    while ((e = readdir(d)) != NULL && files < TRUST_MAX_FILES) {
        char path[1024];
        if (e->d_name[0] == '.' || !has_cert_ext(e->d_name))
            continue;
        if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >= sizeof path)
            continue;
        files++;
        int n = add_file(st, path, scratch, TRUST_MAX_FILE_SIZE);
        if (n == 0 && n_bad)
            (*n_bad)++;
        out->n_certs += n;
    }
    closedir(d);
    OPENSSL_free(scratch);
    return PA_OK;
}

void emrtd_trust_free(struct emrtd_trust *t)
{
    X509_STORE_free(t->store);
    memset(t, 0, sizeof *t);
}

static int write_pem(const char *dir, X509 *x)
{
    static const char hexd[] = "0123456789abcdef";
    unsigned char md[32];
    unsigned int mdl = 0;
    char path[1024], hex[17];
    if (!X509_digest(x, EVP_sha256(), md, &mdl) || mdl < 8)
        return PA_E_NOMEM;
    /* Named by the first 8 bytes of the certificate's SHA-256: re-importing the same list
     * rewrites the same files. */
    for (int i = 0; i < 8; i++) {
        hex[2 * i] = hexd[md[i] >> 4];
        hex[2 * i + 1] = hexd[md[i] & 15];
    }
    hex[16] = 0;
    int n = snprintf(path, sizeof path, "%s/csca-%s.pem", dir, hex);
    if (n < 0 || (size_t)n >= sizeof path)
        return PA_E_ARG;
    FILE *f = fopen(path, "w");
    if (!f)
        return PA_E_WRITE;
    int ok = PEM_write_X509(f, x);
    if (fclose(f) != 0 || !ok)
        return PA_E_WRITE;
    return PA_OK;
}

int emrtd_trust_import_master_list(const char *ml_path, const char *root_file, const char *dir,
                                   int *n_imported)
{
    static const uint8_t oid_ml[] = {0x67, 0x81, 0x08, 0x01, 0x01, 0x02}; /* 2.23.136.1.1.2 */
    int rc = PA_E_MASTER_LIST;
    unsigned char *buf = NULL;
    CMS_ContentInfo *cms = NULL;
    X509_STORE *roots = NULL;
    *n_imported = 0;
    if (!ml_path)
        return PA_E_ARG;
    if (!root_file || !*root_file)
        return PA_E_ML_ROOT;
    roots = X509_STORE_new();
    if (!roots)
        return PA_E_NOMEM;
    if (X509_STORE_load_file(roots, root_file) != 1) {
        X509_STORE_free(roots);
        return PA_E_ML_ROOT;
    }
    buf = OPENSSL_malloc(ML_MAX_FILE_SIZE);
    if (!buf)
        return PA_E_NOMEM;
    long n = read_file(ml_path, buf, ML_MAX_FILE_SIZE);
    if (n <= 0)
        goto out;
    const unsigned char *p = buf;
    cms = d2i_CMS_ContentInfo(NULL, &p, n);
    if (!cms || OBJ_obj2nid(CMS_get0_type(cms)) != NID_pkcs7_signed)
        goto out;
    const ASN1_OBJECT *ct = CMS_get0_eContentType(cms);
    if (!ct || OBJ_length(ct) != sizeof oid_ml ||
        memcmp(OBJ_get0_data(ct), oid_ml, sizeof oid_ml) != 0)
        goto out;
    /* Integrity of the list: its signature with the signer certificate it carries. */
    if (CMS_verify(cms, NULL, NULL, NULL, NULL, CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY) != 1)
        goto out;
    /* Authority: that signer chains to the configured root (any purpose: master list
     * signer certificates carry their own extended key usage) */
    X509_VERIFY_PARAM_set_purpose(X509_STORE_get0_param(roots), X509_PURPOSE_ANY);
    if (CMS_verify(cms, NULL, roots, NULL, NULL, CMS_BINARY) != 1) {
        rc = PA_E_ML_SIGNER;
        goto out;
    }
    ASN1_OCTET_STRING **content = CMS_get0_content(cms);
    if (!content || !*content)
        goto out;
    struct tlv t, e, set, c;
    struct tlv_cursor cur, sc;
    if (tlv_decode_one(ASN1_STRING_get0_data(*content), (size_t)ASN1_STRING_length(*content), 0x30,
                       &t) != 0 ||
        tlv_child(&t, &cur) != 0 || tlv_expect(&cur, 0x02, &e) != 0 ||
        tlv_expect(&cur, 0x31, &set) != 0 || tlv_child(&set, &sc) != 0)
        goto out;
    int trc;
    while ((trc = tlv_next(&sc, &c)) == 0) {
        const unsigned char *q = c.raw;
        X509 *x = d2i_X509(NULL, &q, (long)c.raw_len);
        if (!x || q != c.raw + c.raw_len) {
            X509_free(x);
            goto out;
        }
        int w = dir ? write_pem(dir, x) : PA_OK;
        X509_free(x);
        if (w != PA_OK) {
            rc = w;
            goto out;
        }
        (*n_imported)++;
    }
    rc = trc == TLV_END ? PA_OK : PA_E_MASTER_LIST;
out:
    CMS_ContentInfo_free(cms);
    X509_STORE_free(roots);
    OPENSSL_free(buf);
    return rc;
}

static void name_line(X509_NAME *n, char *out, size_t cap)
{
    out[0] = 0;
    if (n)
        X509_NAME_oneline(n, out, (int)cap);
}

static enum emrtd_pa_chain check_chain(X509 *ds, X509_STORE *st, time_t now, int *err, char *csca,
                                       size_t csca_cap)
{
    enum emrtd_pa_chain res = PA_CHAIN_UNTRUSTED;
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    *err = 0;
    if (!ctx || !X509_STORE_CTX_init(ctx, st, ds, NULL))
        goto out;
    X509_STORE_CTX_set_time(ctx, 0, now);
    if (X509_verify_cert(ctx) == 1) {
        res = PA_CHAIN_OK;
        STACK_OF(X509) *chain = X509_STORE_CTX_get0_chain(ctx);
        if (chain && sk_X509_num(chain) > 1)
            name_line(X509_get_subject_name(sk_X509_value(chain, sk_X509_num(chain) - 1)), csca,
                      csca_cap);
        goto out;
    }
    *err = X509_STORE_CTX_get_error(ctx);
    if (*err == X509_V_ERR_CERT_HAS_EXPIRED || *err == X509_V_ERR_CERT_NOT_YET_VALID) {
        /* dates aside, does the chain hold? OpenSSL stops at the first error, and the CSCA's
         * dates are checked before the DS's signature */
        X509_STORE_CTX_cleanup(ctx);
        if (!X509_STORE_CTX_init(ctx, st, ds, NULL)) {
            res = PA_CHAIN_INVALID;
            goto out;
        }
        X509_VERIFY_PARAM_set_flags(X509_STORE_CTX_get0_param(ctx), X509_V_FLAG_NO_CHECK_TIME);
        if (X509_verify_cert(ctx) == 1) {
            res = PA_CHAIN_EXPIRED;
            goto out;
        }
        *err = X509_STORE_CTX_get_error(ctx);
    }
    switch (*err) {
    case X509_V_ERR_CERT_HAS_EXPIRED:
    case X509_V_ERR_CERT_NOT_YET_VALID:
        res = PA_CHAIN_EXPIRED;
        break;
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
        res = PA_CHAIN_UNTRUSTED;
        break;
    default:
        res = PA_CHAIN_INVALID;
        break;
    }
out:
    X509_STORE_CTX_free(ctx);
    return res;
}

/* The country (C=) of name into out (3 bytes), "" when none. */
static void name_country(X509_NAME *n, char out[4])
{
    char c[8] = "";
    out[0] = 0;
    if (n && X509_NAME_get_text_by_NID(n, NID_countryName, c, sizeof c) == 2)
        memcpy(out, c, 3);
}

/* 1 when the store holds a CA certificate whose subject's country is state. */
static int store_has_state(X509_STORE *st, const char *state)
{
    STACK_OF(X509_OBJECT) *objs = st ? X509_STORE_get0_objects(st) : NULL;
    for (int i = 0; state[0] && objs && i < sk_X509_OBJECT_num(objs); i++) {
        X509 *x = X509_OBJECT_get0_X509(sk_X509_OBJECT_value(objs, i));
        char c[4];
        name_country(x ? X509_get_subject_name(x) : NULL, c);
        if (x && strcmp(c, state) == 0)
            return 1;
    }
    return 0;
}

int emrtd_pa_verify(const struct emrtd_sod *sod, const struct emrtd_pa_file *files, int n_files,
                    const struct emrtd_trust *trust, time_t now, struct emrtd_pa_result *out)
{
    memset(out, 0, sizeof *out);
    if (!sod || !sod->cms || !sod->ds_cert || (n_files > 0 && !files))
        return PA_E_ARG;
    if (now == 0)
        now = time(NULL);
    snprintf(out->hash_alg, sizeof out->hash_alg, "%s", sod->hash_alg);
    name_line(X509_get_subject_name(sod->ds_cert), out->ds_subject, sizeof out->ds_subject);
    const ASN1_TIME *na = X509_get0_notAfter(sod->ds_cert);
    if (na) {
        struct tm tm;
        if (ASN1_TIME_to_tm(na, &tm))
            strftime(out->ds_not_after, sizeof out->ds_not_after, "%Y-%m-%dT%H:%M:%SZ", &tm);
    }

    /* 1. signature */
    out->signature_ok =
        CMS_verify(sod->cms, NULL, NULL, NULL, NULL, CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY) == 1;

    /* 2. chain */
    out->listed = sod->listed;
    name_country(X509_get_issuer_name(sod->ds_cert), out->state);
    out->csca_for_state =
        trust && trust->store && trust->n_certs > 0 && store_has_state(trust->store, out->state);
    if (!trust || !trust->store || trust->n_certs == 0)
        out->chain = PA_CHAIN_NO_TRUST_STORE;
    else
        out->chain = check_chain(sod->ds_cert, trust->store, now, &out->x509_error,
                                 out->csca_subject, sizeof out->csca_subject);

    /* 3. hashes */
    EVP_MD *md = EVP_MD_fetch(NULL, sod->hash_alg, NULL);
    if (!md)
        return PA_E_NOMEM;
    int given = 0, bad = 0;
    for (int i = 0; i < n_files; i++) {
        int dg = files[i].dg;
        unsigned char h[EVP_MAX_MD_SIZE];
        unsigned int hl = 0;
        if (dg < 1 || dg > 16 || !files[i].data)
            continue;
        given++;
        const uint8_t *want = emrtd_sod_hash(sod, dg);
        if (!want) {
            out->dg[dg] = PA_DG_NOT_IN_SOD;
            bad++;
            continue;
        }
        if (!EVP_Digest(files[i].data, files[i].len, h, &hl, md, NULL) || hl != sod->hash_len) {
            EVP_MD_free(md);
            return PA_E_NOMEM;
        }
        if (CRYPTO_memcmp(h, want, hl) == 0) {
            out->dg[dg] = PA_DG_MATCH;
        } else {
            out->dg[dg] = PA_DG_MISMATCH;
            bad++;
        }
    }
    EVP_MD_free(md);
    out->hashes_ok = given > 0 && bad == 0;
    return PA_OK;
}

const char *emrtd_pa_chain_name(enum emrtd_pa_chain c)
{
    switch (c) {
    case PA_CHAIN_OK:
        return "ok";
    case PA_CHAIN_NO_TRUST_STORE:
        return "no_trust_store";
    case PA_CHAIN_UNTRUSTED:
        return "untrusted";
    case PA_CHAIN_EXPIRED:
        return "expired";
    case PA_CHAIN_INVALID:
        return "invalid";
    }
    return "unknown";
}

const char *emrtd_pa_strerror(int code)
{
    switch (code) {
    case PA_OK:
        return "ok";
    case PA_E_TRUST_DIR:
        return "trust directory unreadable";
    case PA_E_MASTER_LIST:
        return "not a valid CSCA master list";
    case PA_E_WRITE:
        return "cannot write into the trust directory";
    case PA_E_NOMEM:
        return "out of memory";
    case PA_E_ARG:
        return "invalid argument";
    case PA_E_ML_SIGNER:
        return "master list signer not trusted";
    case PA_E_ML_ROOT:
        return "no master list root";
    }
    return "unknown passive authentication error";
}
