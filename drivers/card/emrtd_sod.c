/* emrtd_sod.c: decoding EF.SOD (see emrtd_sod.h).
 *
 * The 77 wrapper is read with the TLV cursor; the CMS is decoded by OpenSSL
 * (d2i_CMS_ContentInfo, which must consume the value exactly); the LDSSecurityObject inside
 * is read again with the TLV cursor:
 *   SEQUENCE { INTEGER version, AlgorithmIdentifier { OID, params? },
 *              SEQUENCE OF SEQUENCE { INTEGER dg, OCTET STRING hash }, ldsVersionInfo? }
 * Guarantee: on success, every listed hash has the digest's exact length, DG numbers are
 * 1..16 and unique, and there is exactly one signer with its certificate present. */
#include "drivers/card/emrtd_sod.h"

#include <string.h>

#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include "drivers/card/tlv.h"

/* Digest OIDs (DER content bytes) allowed for DG hashes (ICAO 9303-12 §4.4.1). */
static const struct {
    uint8_t oid[9];
    size_t len;
    const char *name;
    size_t md_len;
} hash_algs[] = {
    {{0x2B, 0x0E, 0x03, 0x02, 0x1A}, 5, "SHA1", 20},
    {{0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x04}, 9, "SHA224", 28},
    {{0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01}, 9, "SHA256", 32},
    {{0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02}, 9, "SHA384", 48},
    {{0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03}, 9, "SHA512", 64},
};

static const uint8_t oid_lds_so[] = {0x67, 0x81, 0x08, 0x01, 0x01, 0x01}; /* 2.23.136.1.1.1 */

void emrtd_sod_free(struct emrtd_sod *sod)
{
    CMS_ContentInfo_free(sod->cms);
    X509_free(sod->ds_cert);
    memset(sod, 0, sizeof *sod);
}

const uint8_t *emrtd_sod_hash(const struct emrtd_sod *sod, int dg)
{
    if (dg < 1 || dg > 16 || !(sod->listed & (1u << dg)))
        return NULL;
    return sod->hash[dg];
}

static int parse_lds_so(const uint8_t *p, size_t len, struct emrtd_sod *out)
{
    struct tlv t, e, alg, list, item, n, h;
    struct tlv_cursor c, a, l, ic;
    uint64_t v;
    if (tlv_decode_one(p, len, 0x30, &t) != 0 || tlv_child(&t, &c) != 0 ||
        tlv_expect(&c, 0x02, &e) != 0 || tlv_to_uint(&e, &v) != 0 || v > 1)
        return SOD_E_CONTENT;
    out->lds_version = (int)v;
    if (tlv_expect(&c, 0x30, &alg) != 0 || tlv_child(&alg, &a) != 0 ||
        tlv_expect(&a, 0x06, &e) != 0)
        return SOD_E_CONTENT;
    int found = 0;
    for (size_t i = 0; i < sizeof hash_algs / sizeof hash_algs[0]; i++)
        if (e.len == hash_algs[i].len && memcmp(e.value, hash_algs[i].oid, e.len) == 0) {
            strcpy(out->hash_alg, hash_algs[i].name);
            out->hash_len = hash_algs[i].md_len;
            found = 1;
        }
    if (!found)
        return SOD_E_HASH_ALG;
    if (tlv_expect(&c, 0x30, &list) != 0 || tlv_child(&list, &l) != 0)
        return SOD_E_CONTENT;
    int rc, count = 0;
    while ((rc = tlv_next(&l, &item)) == 0) {
        if (item.tag != 0x30 || tlv_child(&item, &ic) != 0 || tlv_expect(&ic, 0x02, &n) != 0 ||
            tlv_to_uint(&n, &v) != 0 || v < 1 || v > 16 || tlv_expect(&ic, 0x04, &h) != 0 ||
            h.len != out->hash_len || tlv_remaining(&ic) != 0)
            return SOD_E_CONTENT;
        if (out->listed & (1u << v))
            return SOD_E_CONTENT; /* a DG hashed twice */
        out->listed |= 1u << v;
        memcpy(out->hash[v], h.value, h.len);
        count++;
    }
    if (rc != TLV_END || count == 0)
        return SOD_E_CONTENT;
    return SOD_OK;
}

int emrtd_sod_parse(const uint8_t *buf, size_t len, struct emrtd_sod *out)
{
    struct tlv t;
    int rc;
    STACK_OF(X509) *certs = NULL;
    memset(out, 0, sizeof *out);
    /* Some chips wrap the SOD in an indefinite length 77 80 ... 00 00 (a known eMRTD quirk);
     * the TLV cursor refuses that form, so it is unwrapped here, bounded: the content is
     * everything between the header and the final end-of-contents octets, and the CMS
     * decoder must consume it exactly. */
    if (len >= 4 && buf && buf[0] == 0x77 && buf[1] == 0x80) {
        if (buf[len - 2] != 0 || buf[len - 1] != 0)
            return SOD_E_TLV;
        memset(&t, 0, sizeof t);
        t.tag = 0x77;
        t.value = buf + 2;
        t.len = len - 4;
    } else if (tlv_decode_one(buf, len, 0x77, &t) != 0) {
        return SOD_E_TLV;
    }
    const unsigned char *p = t.value;
    CMS_ContentInfo *cms = d2i_CMS_ContentInfo(NULL, &p, (long)t.len);
    if (!cms || p != t.value + t.len || OBJ_obj2nid(CMS_get0_type(cms)) != NID_pkcs7_signed) {
        CMS_ContentInfo_free(cms);
        return SOD_E_CMS;
    }
    out->cms = cms;
    const ASN1_OBJECT *ct = CMS_get0_eContentType(cms);
    if (!ct || OBJ_length(ct) != sizeof oid_lds_so ||
        memcmp(OBJ_get0_data(ct), oid_lds_so, sizeof oid_lds_so) != 0) {
        rc = SOD_E_CONTENT;
        goto out;
    }
    ASN1_OCTET_STRING **content = CMS_get0_content(cms);
    if (!content || !*content) {
        rc = SOD_E_CONTENT;
        goto out;
    }
    if ((rc = parse_lds_so(ASN1_STRING_get0_data(*content), (size_t)ASN1_STRING_length(*content),
                           out)) != 0)
        goto out;
    STACK_OF(CMS_SignerInfo) *si = CMS_get0_SignerInfos(cms);
    certs = CMS_get1_certs(cms);
    if (!si || sk_CMS_SignerInfo_num(si) != 1 || !certs || sk_X509_num(certs) < 1) {
        rc = SOD_E_NO_DS_CERT;
        goto out;
    }
    CMS_SignerInfo *s = sk_CMS_SignerInfo_value(si, 0);
    for (int i = 0; i < sk_X509_num(certs); i++) {
        X509 *x = sk_X509_value(certs, i);
        if (CMS_SignerInfo_cert_cmp(s, x) == 0) {
            if (!X509_up_ref(x)) {
                rc = SOD_E_NOMEM;
                goto out;
            }
            out->ds_cert = x;
            break;
        }
    }
    rc = out->ds_cert ? SOD_OK : SOD_E_NO_DS_CERT;
out:
    sk_X509_pop_free(certs, X509_free);
    if (rc != SOD_OK)
        emrtd_sod_free(out);
    return rc;
}

const char *emrtd_sod_strerror(int code)
{
    switch (code) {
    case SOD_OK:
        return "ok";
    case SOD_E_TLV:
        return "EF.SOD wrapper is not well-formed";
    case SOD_E_CMS:
        return "EF.SOD is not a CMS SignedData";
    case SOD_E_CONTENT:
        return "EF.SOD content is not a valid LDSSecurityObject";
    case SOD_E_HASH_ALG:
        return "EF.SOD uses an unknown hash algorithm";
    case SOD_E_NO_DS_CERT:
        return "EF.SOD has no single signer with its certificate";
    case SOD_E_NOMEM:
        return "out of memory";
    }
    return "unknown SOD error";
}
