/* upstream_evidence.c: the reference upstream re-verifies a chip's evidence (see
 * upstream_evidence.h). OpenSSL for the cryptography (CMS_verify, EVP), a DER walk of its
 * own for the structures, jansson for the documents, libunistring for NFC. */
#include "tests/rigs/upstream/upstream_evidence.h"

#include <dirent.h>
#include <jansson.h>
#include <openssl/bn.h>
#include <openssl/cms.h>
#include <openssl/crypto.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <uninorm.h>

#define AA_LABEL "kiosk-aa-challenge/v1" /* PROTOCOL.md §2.4, the kiosk's card_evidence.h */

struct upev_trust {
    X509_STORE *store;
    int n;
};

static int load_pem(struct upev_trust *t, const char *path)
{
    FILE *f = fopen(path, "r");
    X509 *c;
    if (!f)
        return -1;
    while ((c = PEM_read_X509(f, NULL, NULL, NULL)) != NULL) {
        if (X509_STORE_add_cert(t->store, c) == 1)
            t->n++;
        X509_free(c);
    }
    fclose(f);
    return 0;
}

int upev_trust_load(const char *path, struct upev_trust **out, char *err, size_t errlen)
{
    struct stat st;
    struct upev_trust *t = calloc(1, sizeof *t);
    *out = NULL;
    if (!t || !(t->store = X509_STORE_new())) {
        free(t);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        struct dirent *e;
        while (d && (e = readdir(d)) != NULL) {
            size_t n = strlen(e->d_name);
            if (n > 4 && strcmp(e->d_name + n - 4, ".pem") == 0) {
                char p[1024];
                snprintf(p, sizeof p, "%s/%s", path, e->d_name);
                load_pem(t, p);
            }
        }
        if (d)
            closedir(d);
    } else {
        load_pem(t, path);
    }
    if (t->n == 0) {
        snprintf(err, errlen, "%s: no CSCA certificate", path);
        upev_trust_free(t);
        return -1;
    }
    *out = t;
    return 0;
}

void upev_trust_free(struct upev_trust *t)
{
    if (!t)
        return;
    X509_STORE_free(t->store);
    free(t);
}

/* --- DER ---------------------------------------------------------------------------------- */

struct der {
    const uint8_t *p;
    size_t n;
};

/* The next element of c: tag (one or two bytes), its value. 0 or -1. */
static int der_next(struct der *c, unsigned *tag, struct der *val)
{
    size_t i = 0, len = 0;
    if (c->n < 2)
        return -1;
    unsigned t = c->p[i++];
    if ((t & 0x1F) == 0x1F) {
        if (c->n < 3 || (c->p[i] & 0x80))
            return -1;
        t = (t << 8) | c->p[i++];
    }
    uint8_t l = c->p[i++];
    if (l < 0x80) {
        len = l;
    } else {
        int k = l & 0x7F;
        if (k == 0 || k > 3 || c->n < i + (size_t)k)
            return -1;
        while (k--)
            len = (len << 8) | c->p[i++];
    }
    if (len > c->n - i)
        return -1;
    *tag = t;
    val->p = c->p + i;
    val->n = len;
    c->p += i + len;
    c->n -= i + len;
    return 0;
}

/* The value of an element of the tag wanted, which must come next. */
static int der_expect(struct der *c, unsigned want, struct der *val)
{
    unsigned tag;
    return der_next(c, &tag, val) == 0 && tag == want ? 0 : -1;
}

static int der_small_int(const struct der *v, long *out)
{
    if (v->n == 0 || v->n > 3)
        return -1;
    long x = 0;
    for (size_t i = 0; i < v->n; i++)
        x = (x << 8) | v->p[i];
    *out = x;
    return 0;
}

/* --- EF.SOD ------------------------------------------------------------------------------- */

#define MAX_DG 16

struct lds {
    const EVP_MD *md;
    uint8_t hash[MAX_DG + 1][EVP_MAX_MD_SIZE];
    size_t hash_len[MAX_DG + 1]; /* 0: not listed */
};

/* LDSSecurityObject ::= SEQUENCE { version, hashAlgorithm AlgorithmIdentifier,
 *   dataGroupHashValues SEQUENCE OF SEQUENCE { INTEGER, OCTET STRING }, ... } */
static int lds_parse(const uint8_t *p, size_t n, struct lds *out)
{
    struct der all = {p, n}, seq, v, alg, list, item, num, h;
    long dg;
    memset(out, 0, sizeof *out);
    if (der_expect(&all, 0x30, &seq) || der_expect(&seq, 0x02, &v))
        return -1;
    const uint8_t *alg_start = seq.p;
    if (der_expect(&seq, 0x30, &alg))
        return -1;
    const unsigned char *ap = alg_start;
    X509_ALGOR *a = d2i_X509_ALGOR(NULL, &ap, (long)(alg.p + alg.n - alg_start));
    if (!a)
        return -1;
    const ASN1_OBJECT *obj;
    X509_ALGOR_get0(&obj, NULL, NULL, a);
    out->md = EVP_get_digestbyobj(obj);
    X509_ALGOR_free(a);
    if (!out->md || der_expect(&seq, 0x30, &list))
        return -1;
    while (list.n) {
        if (der_expect(&list, 0x30, &item) || der_expect(&item, 0x02, &num) ||
            der_small_int(&num, &dg) || der_expect(&item, 0x04, &h) || dg < 1 || dg > MAX_DG ||
            h.n != (size_t)EVP_MD_get_size(out->md) || out->hash_len[dg])
            return -1;
        memcpy(out->hash[dg], h.p, h.n);
        out->hash_len[dg] = h.n;
    }
    return 0;
}

/* EF.SOD = 77 { ContentInfo SignedData }: the signature checked with CMS_verify (with the
 * CSCA chain when chain is set, else the embedded document signer alone), the signed
 * LDSSecurityObject parsed. 0, or -1 signature / chain refused, -2 malformed. */
static int sod_verify(const struct upev_trust *t, const uint8_t *sod, size_t n, int chain,
                      struct lds *out)
{
    struct der c = {sod, n}, ci;
    if (der_expect(&c, 0x77, &ci))
        return -2;
    const unsigned char *p = ci.p;
    CMS_ContentInfo *cms = d2i_CMS_ContentInfo(NULL, &p, (long)ci.n);
    if (!cms)
        return -2;
    /* the signed content must say it is an LDS security object (id-icao-ldsSecurityObject) */
    char oid[32] = "";
    const ASN1_OBJECT *ct = CMS_get0_eContentType(cms);
    if (!ct || OBJ_obj2txt(oid, sizeof oid, ct, 1) <= 0 || strcmp(oid, "2.23.136.1.1.1") != 0) {
        CMS_ContentInfo_free(cms);
        return -2;
    }
    BIO *mem = BIO_new(BIO_s_mem());
    int rc = -1;
    unsigned flags = CMS_BINARY | (chain ? 0 : CMS_NO_SIGNER_CERT_VERIFY);
    if (mem && CMS_verify(cms, NULL, t->store, NULL, mem, flags) == 1) {
        char *content;
        long len = BIO_get_mem_data(mem, &content);
        rc = len > 0 && lds_parse((const uint8_t *)content, (size_t)len, out) == 0 ? 0 : -2;
    }
    BIO_free(mem);
    CMS_ContentInfo_free(cms);
    return rc;
}

/* --- DG1, DG13 ---------------------------------------------------------------------------- */

struct claim {
    const char *personal_id, *full_name, *dob, *sex, *residence, *issue_date, *expiry_date;
    int no_expiry;
};

/* DG1 = 61 { 5F1F <90 MRZ characters> } (TD1). */
static int dg1_parse(const uint8_t *p, size_t n, char mrz[91])
{
    struct der c = {p, n}, in, m;
    if (der_expect(&c, 0x61, &in) || der_expect(&in, 0x5F1F, &m) || m.n != 90)
        return -1;
    memcpy(mrz, m.p, 90);
    mrz[90] = 0;
    return 0;
}

#define DG13_FIELDS 16

/* DG13 = 6D { 30 { INTEGER, OID, 31 { 30 { INTEGER n, <string> ... } ... } } }: the first
 * string of fields 1..15 (NUL-terminated copies, caller frees). */
static int dg13_parse(const uint8_t *p, size_t n, char *field[DG13_FIELDS])
{
    struct der c = {p, n}, top, seq, v, set, f, ix, val;
    unsigned tag;
    long no;
    memset(field, 0, sizeof(char *) * DG13_FIELDS);
    if (der_expect(&c, 0x6D, &top) || der_expect(&top, 0x30, &seq) || der_expect(&seq, 0x02, &v) ||
        der_expect(&seq, 0x06, &v) || der_expect(&seq, 0x31, &set))
        return -1;
    while (set.n) {
        if (der_expect(&set, 0x30, &f) || der_expect(&f, 0x02, &ix) || der_small_int(&ix, &no))
            return -1;
        if (no < 1 || no >= DG13_FIELDS || der_next(&f, &tag, &val))
            continue; /* parents, spouse (constructed) and fields without a value */
        if (tag != 0x0C && tag != 0x13 && tag != 0x16 && tag != 0x12)
            continue;
        if (field[no])
            return -1; /* the same field twice: which one would be true? */
        if (!(field[no] = malloc(val.n + 1)))
            return -1;
        memcpy(field[no], val.p, val.n);
        field[no][val.n] = 0;
    }
    return 0;
}

/* a and b equal in Unicode NFC. */
static int nfc_equal(const char *a, const char *b)
{
    size_t la = 0, lb = 0;
    uint8_t *na = u8_normalize(UNINORM_NFC, (const uint8_t *)a, strlen(a), NULL, &la);
    uint8_t *nb = u8_normalize(UNINORM_NFC, (const uint8_t *)b, strlen(b), NULL, &lb);
    int eq = na && nb && la == lb && memcmp(na, nb, la) == 0;
    free(na);
    free(nb);
    return eq;
}

/* "dd/mm/yyyy" to "yyyy-mm-dd"; "" when it is not a date. */
static void dmy_to_iso(const char *dmy, char iso[11])
{
    iso[0] = 0;
    if (!dmy || strlen(dmy) != 10 || dmy[2] != '/' || dmy[5] != '/')
        return;
    snprintf(iso, 11, "%.4s-%.2s-%.2s", dmy + 6, dmy + 3, dmy);
}

/* The claimed identity against DG13 and DG1; NULL when they agree, else what differs. */
static const char *identity_differs(const struct claim *cl, char *const f[DG13_FIELDS],
                                    const char mrz[91])
{
    char iso[11];
    const char *l1 = mrz, *l2 = mrz + 30;
    if (!f[1] || strcmp(f[1], cl->personal_id) != 0)
        return "số định danh cá nhân (DG13)";
    if (strlen(cl->personal_id) != 12 || memcmp(l1 + 5, cl->personal_id + 3, 9) != 0)
        return "số định danh cá nhân (DG1)";
    if (!f[2] || !nfc_equal(f[2], cl->full_name))
        return "họ, chữ đệm và tên (DG13)";
    dmy_to_iso(f[3], iso);
    if (!iso[0] || strcmp(iso, cl->dob) != 0)
        return "ngày sinh (DG13)";
    if (strlen(cl->dob) != 10 || memcmp(l2, cl->dob + 2, 2) != 0 ||
        memcmp(l2 + 2, cl->dob + 5, 2) != 0 || memcmp(l2 + 4, cl->dob + 8, 2) != 0)
        return "ngày sinh (DG1)";
    char sex = !f[4] ? 0 : !strcmp(f[4], "Nam") ? 'M' : !strcmp(f[4], "N\xe1\xbb\xaf") ? 'F' : 0;
    if (!sex || !cl->sex[0] || cl->sex[0] != sex || (l2[7] != '<' && l2[7] != sex))
        return "giới tính";
    if (cl->residence[0] && (!f[9] || !nfc_equal(f[9], cl->residence)))
        return "nơi thường trú (DG13)";
    dmy_to_iso(f[11], iso);
    if (cl->issue_date[0] && strcmp(iso, cl->issue_date) != 0)
        return "ngày cấp (DG13)";
    dmy_to_iso(f[12], iso);
    if (cl->no_expiry ? iso[0] != 0 : strcmp(iso, cl->expiry_date) != 0)
        return "ngày hết hạn (DG13)";
    return NULL;
}

/* --- Active Authentication ---------------------------------------------------------------- */

/* ISO/IEC 9796-2 scheme 1 with message recovery: s^e mod n = 6A || M1 || H(M1 || chal) ||
 * BC (SHA-1) or <hash id> CC. */
static int aa_rsa(EVP_PKEY *key, const uint8_t *chal, size_t clen, const uint8_t *sig, size_t slen)
{
    uint8_t m[1024], h[EVP_MAX_MD_SIZE];
    size_t ml = sizeof m;
    unsigned hl = 0;
    int ok = 0;
    EVP_PKEY_CTX *pc = EVP_PKEY_CTX_new(key, NULL);
    if (pc && slen == (size_t)EVP_PKEY_get_size(key) && EVP_PKEY_verify_recover_init(pc) == 1 &&
        EVP_PKEY_CTX_set_rsa_padding(pc, RSA_NO_PADDING) == 1 &&
        EVP_PKEY_verify_recover(pc, m, &ml, sig, slen) == 1 && ml >= 32 && m[0] == 0x6A) {
        const EVP_MD *md = NULL;
        size_t tl = 0;
        if (m[ml - 1] == 0xBC) {
            md = EVP_sha1();
            tl = 1;
        } else if (m[ml - 1] == 0xCC) {
            tl = 2;
            md = m[ml - 2] == 0x33   ? EVP_sha1()
                 : m[ml - 2] == 0x34 ? EVP_sha256()
                 : m[ml - 2] == 0x35 ? EVP_sha512()
                 : m[ml - 2] == 0x36 ? EVP_sha384()
                 : m[ml - 2] == 0x38 ? EVP_sha224()
                                     : NULL;
        }
        size_t dl = md ? (size_t)EVP_MD_get_size(md) : 0;
        if (md && ml >= 2 + dl + tl) {
            size_t m1 = ml - 1 - dl - tl;
            EVP_MD_CTX *mc = EVP_MD_CTX_new();
            ok = mc && EVP_DigestInit_ex(mc, md, NULL) == 1 &&
                 EVP_DigestUpdate(mc, m + 1, m1) == 1 && EVP_DigestUpdate(mc, chal, clen) == 1 &&
                 EVP_DigestFinal_ex(mc, h, &hl) == 1 && hl == dl &&
                 CRYPTO_memcmp(h, m + 1 + m1, dl) == 0;
            EVP_MD_CTX_free(mc);
        }
    }
    OPENSSL_cleanse(m, sizeof m);
    EVP_PKEY_CTX_free(pc);
    return ok;
}

/* ECDSA, signature as plain r || s (BSI TR-03111); the hash is the one DG14 names, which
 * this check does not parse: any of the SHA-2 family or SHA-1 that verifies. */
static int aa_ec(EVP_PKEY *key, const uint8_t *chal, size_t clen, const uint8_t *sig, size_t slen)
{
    const EVP_MD *mds[] = {EVP_sha256(), EVP_sha384(), EVP_sha512(), EVP_sha224(), EVP_sha1()};
    if (slen == 0 || slen % 2 || slen > 132)
        return 0;
    ECDSA_SIG *es = ECDSA_SIG_new();
    BIGNUM *r = BN_bin2bn(sig, (int)(slen / 2), NULL),
           *s = BN_bin2bn(sig + slen / 2, (int)(slen / 2), NULL);
    unsigned char *der = NULL;
    int dl = -1, ok = 0;
    if (es && r && s && ECDSA_SIG_set0(es, r, s) == 1) {
        r = s = NULL;
        dl = i2d_ECDSA_SIG(es, &der);
    }
    for (size_t i = 0; dl > 0 && !ok && i < sizeof mds / sizeof mds[0]; i++) {
        EVP_MD_CTX *mc = EVP_MD_CTX_new();
        ok = mc && EVP_DigestVerifyInit(mc, NULL, mds[i], NULL, key) == 1 &&
             EVP_DigestVerify(mc, der, (size_t)dl, chal, clen) == 1;
        EVP_MD_CTX_free(mc);
    }
    OPENSSL_free(der);
    BN_free(r);
    BN_free(s);
    ECDSA_SIG_free(es);
    return ok;
}

/* DG15 = 6F { SubjectPublicKeyInfo }. */
static EVP_PKEY *dg15_key(const uint8_t *p, size_t n)
{
    struct der c = {p, n}, v;
    if (der_expect(&c, 0x6F, &v))
        return NULL;
    const unsigned char *q = v.p;
    EVP_PKEY *k = d2i_PUBKEY(NULL, &q, (long)v.n);
    if (k && q != v.p + v.n) {
        EVP_PKEY_free(k);
        k = NULL;
    }
    return k;
}

/* --- the check ---------------------------------------------------------------------------- */

struct blob {
    uint8_t *p;
    size_t n;
};

static int b64_member(json_t *o, const char *key, struct blob *out)
{
    json_t *v = json_object_get(o, key);
    out->p = NULL;
    out->n = 0;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_string(v))
        return -1;
    size_t sl = json_string_length(v), cap = sl / 4 * 3 + 3;
    if (!(out->p = malloc(cap)))
        return -1;
    if (sodium_base642bin(out->p, cap, json_string_value(v), sl, NULL, &out->n, NULL,
                          sodium_base64_VARIANT_ORIGINAL) != 0) {
        free(out->p);
        out->p = NULL;
        return -1;
    }
    return 0;
}

static int reject(struct upev_result *res, const char *code, const char *fmt, ...)
{
    va_list ap;
    snprintf(res->code, sizeof res->code, "%s", code);
    va_start(ap, fmt);
    vsnprintf(res->reason, sizeof res->reason, fmt, ap);
    va_end(ap);
    return 1;
}

static const char *jstr(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

/* A data group sent against EF.SOD's list: 0 it matches, 1 it does not, -1 not listed. */
static int dg_matches(const struct lds *l, int dg, const struct blob *b)
{
    uint8_t h[EVP_MAX_MD_SIZE];
    unsigned hl = 0;
    if (!l->hash_len[dg])
        return -1;
    if (EVP_Digest(b->p, b->n, h, &hl, l->md, NULL) != 1 || hl != l->hash_len[dg])
        return 1;
    return CRYPTO_memcmp(h, l->hash[dg], hl) == 0 ? 0 : 1;
}

enum { B_SOD, B_DG1, B_DG13, B_DG14, B_DG15, B_CHAL, B_SIG, B_N };

static int check(const struct upev_trust *t, const char *app_id, json_t *env, json_t *pay,
                 struct upev_result *res)
{
    static const char *const names[B_N] = {"sod", "dg1", "dg13", "dg14", "dg15"};
    json_t *id = json_object_get(env, "identity");
    const char *verdict = jstr(id, "verdict"), *source = jstr(id, "source");
    int genuine = !strcmp(verdict, "genuine"), unverified = !strcmp(verdict, "unverified");
    int none = !strcmp(verdict, "none") || !verdict[0];
    /* the only pairs the kiosk makes: a source says as much as the verdict */
    int consistent = genuine      ? !strcmp(source, "chip-verified")
                     : unverified ? !strcmp(source, "chip-unverified")
                     : none       ? strncmp(source, "chip-", 5) != 0
                                  : 0;
    if (!consistent)
        return reject(res, "EVIDENCE_VERDICT",
                      "Nguồn thông tin '%.16s' và kết luận chip '%.16s' không đi cùng nhau.",
                      source, verdict);
    if (none)
        return 0; /* QR code or typed: no chip claimed */
    json_t *ev = json_object_get(pay, "chip_evidence");
    if (!json_is_object(ev))
        return reject(res, "EVIDENCE_MISSING", "Hồ sơ khai chip %s nhưng không kèm dữ liệu chip.",
                      verdict);
    struct blob b[B_N];
    char *f13[DG13_FIELDS] = {0};
    struct lds lds;
    EVP_PKEY *key = NULL;
    int rc = 0;
    memset(b, 0, sizeof b);
    json_t *aa = json_object_get(ev, "aa"), *ca = json_object_get(ev, "ca");
    for (int i = 0; i < B_DG15 + 1; i++)
        if (b64_member(ev, names[i], &b[i]) != 0) {
            rc = reject(res, "EVIDENCE_MALFORMED", "Trường %s của dữ liệu chip không đọc được.",
                        names[i]);
            goto out;
        }
    if (b64_member(aa, "challenge", &b[B_CHAL]) || b64_member(aa, "signature", &b[B_SIG])) {
        rc = reject(res, "EVIDENCE_MALFORMED", "Bản ghi xác thực chủ động không đọc được.");
        goto out;
    }
    if (!b[B_SOD].n || !b[B_DG1].n || !b[B_DG13].n) {
        rc = reject(res, "EVIDENCE_MISSING", "Thiếu %s trong dữ liệu chip.",
                    !b[B_SOD].n   ? "EF.SOD"
                    : !b[B_DG1].n ? "DG1"
                                  : "DG13");
        goto out;
    }
    int sv = sod_verify(t, b[B_SOD].p, b[B_SOD].n, genuine, &lds);
    if (sv == -2) {
        rc = reject(res, "EVIDENCE_MALFORMED", "EF.SOD không đúng cấu trúc.");
        goto out;
    }
    if (sv != 0) {
        rc = reject(res, "EVIDENCE_SIGNATURE",
                    genuine ? "Chữ ký EF.SOD không xác minh được với chứng thư CSCA tin cậy."
                            : "Chữ ký EF.SOD không đúng.");
        goto out;
    }
    static const int dg_of[B_N] = {0, 1, 13, 14, 15};
    for (int i = B_DG1; i <= B_DG15; i++) {
        if (!b[i].n)
            continue;
        int m = dg_matches(&lds, dg_of[i], &b[i]);
        if (m != 0) {
            rc = reject(res, "EVIDENCE_SOD_MISMATCH",
                        m > 0 ? "DG%d không khớp với giá trị băm trong EF.SOD."
                              : "DG%d không có trong EF.SOD.",
                        dg_of[i]);
            goto out;
        }
    }
    json_t *h2 = json_object_get(ev, "dg2_sha256");
    if (lds.hash_len[2]) {
        uint8_t want[32];
        size_t wl = 0;
        const char *hex = json_string_value(h2);
        if (!hex) {
            rc = reject(res, "EVIDENCE_MISSING", "EF.SOD có DG2 nhưng hồ sơ không kèm băm DG2.");
            goto out;
        }
        if (lds.md != EVP_sha256() && EVP_MD_get_type(lds.md) != NID_sha256) {
            rc = reject(res, "EVIDENCE_SOD_MISMATCH", "EF.SOD không băm bằng SHA-256.");
            goto out;
        }
        if (sodium_hex2bin(want, sizeof want, hex, strlen(hex), NULL, &wl, NULL) != 0 || wl != 32 ||
            lds.hash_len[2] != 32 || CRYPTO_memcmp(want, lds.hash[2], 32) != 0) {
            rc = reject(res, "EVIDENCE_SOD_MISMATCH",
                        "DG2 không khớp với giá trị băm trong EF.SOD.");
            goto out;
        }
    }
    if ((lds.hash_len[14] && !b[B_DG14].n) || (lds.hash_len[15] && !b[B_DG15].n)) {
        rc = reject(res, "EVIDENCE_MISSING", "EF.SOD có DG%d nhưng hồ sơ không kèm nó.",
                    lds.hash_len[14] && !b[B_DG14].n ? 14 : 15);
        goto out;
    }
    char mrz[91];
    if (dg1_parse(b[B_DG1].p, b[B_DG1].n, mrz) != 0 ||
        dg13_parse(b[B_DG13].p, b[B_DG13].n, f13) != 0) {
        rc = reject(res, "EVIDENCE_MALFORMED", "DG1 hoặc DG13 không đúng cấu trúc.");
        goto out;
    }
    char sex[2] = {0, 0};
    snprintf(sex, sizeof sex, "%s", jstr(id, "sex"));
    struct claim cl = {jstr(id, "personal_id"), jstr(id, "full_name"),
                       jstr(id, "dob"),         sex,
                       jstr(id, "residence"),   jstr(id, "issue_date"),
                       jstr(id, "expiry_date"), json_is_true(json_object_get(id, "no_expiry"))};
    const char *what = identity_differs(&cl, f13, mrz);
    OPENSSL_cleanse(mrz, sizeof mrz);
    if (what) {
        rc = reject(res, "EVIDENCE_IDENTITY", "Thông tin khai không khớp dữ liệu chip: %s.", what);
        goto out;
    }
    const char *ca_out = jstr(ca, "outcome");
    if (genuine && (!strcmp(ca_out, "failed") || !strcmp(ca_out, "refused"))) {
        rc = reject(res, "EVIDENCE_AA", "Chip không qua xác thực chip (CA: %s).", ca_out);
        goto out;
    }
    if (b[B_DG15].n) {
        uint8_t h[32], want[8];
        unsigned hl = 0;
        EVP_MD_CTX *mc = EVP_MD_CTX_new();
        int ok = mc && EVP_DigestInit_ex(mc, EVP_sha256(), NULL) == 1 &&
                 EVP_DigestUpdate(mc, AA_LABEL, sizeof AA_LABEL) == 1 &&
                 EVP_DigestUpdate(mc, app_id, strlen(app_id)) == 1 &&
                 EVP_DigestFinal_ex(mc, h, &hl) == 1;
        EVP_MD_CTX_free(mc);
        if (!ok) {
            rc = -1;
            goto out;
        }
        memcpy(want, h, 8);
        if (strcmp(jstr(aa, "outcome"), "ok") != 0 || !b[B_SIG].n) {
            rc = reject(res, "EVIDENCE_AA", "Có DG15 nhưng không kèm xác thực chủ động (AA: %s).",
                        jstr(aa, "outcome"));
            goto out;
        }
        if (b[B_CHAL].n != 8 || CRYPTO_memcmp(b[B_CHAL].p, want, 8) != 0) {
            rc = reject(res, "EVIDENCE_AA",
                        "Thử thách xác thực chủ động không phải của hồ sơ này (bản ghi dùng lại).");
            goto out;
        }
        key = dg15_key(b[B_DG15].p, b[B_DG15].n);
        int good = key && (EVP_PKEY_get_base_id(key) == EVP_PKEY_RSA
                               ? aa_rsa(key, want, 8, b[B_SIG].p, b[B_SIG].n)
                               : aa_ec(key, want, 8, b[B_SIG].p, b[B_SIG].n));
        if (!good) {
            rc = reject(res, "EVIDENCE_AA", "Chữ ký xác thực chủ động không đúng với khóa DG15.");
            goto out;
        }
    }
out:
    EVP_PKEY_free(key);
    for (int i = 0; i < DG13_FIELDS; i++)
        if (f13[i]) {
            OPENSSL_cleanse(f13[i], strlen(f13[i]));
            free(f13[i]);
        }
    for (int i = 0; i < B_N; i++)
        if (b[i].p) {
            OPENSSL_cleanse(b[i].p, b[i].n);
            free(b[i].p);
        }
    return rc;
}

/* Zeroes every string of j before it is freed: the payload holds biometrics and the chip's
 * personal data groups, which must not linger in freed memory. */
static void wipe_strings(json_t *j)
{
    const char *k;
    json_t *v;
    size_t i;
    if (json_is_string(j))
        OPENSSL_cleanse((void *)json_string_value(j), json_string_length(j));
    else if (json_is_object(j))
        json_object_foreach(j, k, v) wipe_strings(v);
    else if (json_is_array(j))
        json_array_foreach(j, i, v) wipe_strings(v);
}

int upev_verify(const struct upev_trust *t, const char *app_id, const char *envelope_json,
                const char *payload, size_t payload_len, struct upev_result *res)
{
    json_error_t je;
    memset(res, 0, sizeof *res);
    json_t *env = json_loads(envelope_json, 0, &je);
    json_t *pay = json_loadb(payload, payload_len, 0, &je);
    int rc;
    if (!json_is_object(env) || !json_is_object(pay))
        rc = reject(res, "EVIDENCE_MALFORMED", "Hồ sơ không đọc được.");
    else
        rc = check(t, app_id, env, pay, res);
    wipe_strings(env);
    wipe_strings(pay);
    json_decref(env);
    json_decref(pay);
    return rc;
}
