/* emrtd_dg_keys.c: SecurityInfos (EF.CardAccess, DG14) and public keys (DG14, DG15).
 *
 * SecurityInfo ::= SEQUENCE { protocol OID, requiredData ANY, optionalData ANY OPTIONAL }
 * (ICAO 9303-11 §9.2). Known protocols are recognised by their OID prefix: id-PACE, id-CA,
 * id-PK, id-TA under bsi-de 0.4.0.127.0.7.2.2, and id-icao-mrtd-security-aaProtocolObject
 * 2.23.136.1.1.5. Unknown infos are kept as EMRTD_INFO_OTHER. Public keys are decoded from the
 * SubjectPublicKeyInfo DER with OpenSSL (d2i_PUBKEY), requiring it to fill its element
 * exactly. On failure every key decoded so far is freed. */
#include "drivers/card/emrtd_dg.h"

#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "drivers/card/tlv.h"

static const uint8_t oid_bsi_proto[] = {0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02}; /* ..2.2 */
static const uint8_t oid_aa[] = {0x67, 0x81, 0x08, 0x01, 0x01, 0x05};

static enum emrtd_info_kind classify(const uint8_t *oid, size_t len)
{
    if (len == sizeof oid_aa && memcmp(oid, oid_aa, len) == 0)
        return EMRTD_INFO_AA;
    if (len < sizeof oid_bsi_proto + 1 || memcmp(oid, oid_bsi_proto, sizeof oid_bsi_proto) != 0)
        return EMRTD_INFO_OTHER;
    uint8_t arc = oid[sizeof oid_bsi_proto];
    size_t extra = len - sizeof oid_bsi_proto; /* arcs after 2.2, one byte each here */
    if (arc == 4 && extra == 3)
        return EMRTD_INFO_PACE; /* id-PACE.mapping.cipher */
    if (arc == 3 && extra == 3)
        return EMRTD_INFO_CA; /* id-CA.kind.cipher */
    if (arc == 1 && extra == 2)
        return EMRTD_INFO_CA_PUBKEY; /* id-PK-DH / id-PK-ECDH */
    if (arc == 2 && extra == 1)
        return EMRTD_INFO_TA;
    return EMRTD_INFO_OTHER;
}

static int get_int(const struct tlv *t, long *out)
{
    uint64_t v;
    if (t->tag != 0x02 || t->len == 0 || t->len > 4 || tlv_to_uint(t, &v) != 0)
        return -1;
    *out = (long)v;
    return 0;
}

static int decode_spki(const struct tlv *t, void **pkey)
{
    const unsigned char *p = t->raw;
    EVP_PKEY *k = d2i_PUBKEY(NULL, &p, (long)t->raw_len);
    if (!k)
        return DG_E_KEY;
    if ((size_t)(p - t->raw) != t->raw_len) {
        EVP_PKEY_free(k);
        return DG_E_KEY;
    }
    *pkey = k;
    return DG_OK;
}

static int parse_info(const struct tlv *seq, int want_keys, struct emrtd_security_info *si)
{
    struct tlv_cursor c;
    struct tlv oid, a, b;
    memset(si, 0, sizeof *si);
    si->version = -1;
    si->parameter_id = -1;
    if (seq->tag != 0x30 || tlv_child(seq, &c) != 0 || tlv_expect(&c, 0x06, &oid) != 0 ||
        oid.len == 0 || oid.len > EMRTD_MAX_OID)
        return DG_E_STRUCTURE;
    memcpy(si->oid, oid.value, oid.len);
    si->oid_len = oid.len;
    si->kind = classify(oid.value, oid.len);
    if (tlv_next(&c, &a) != 0)
        return DG_E_STRUCTURE; /* requiredData is required */
    int has_b = tlv_next(&c, &b) == 0;
    switch (si->kind) {
    case EMRTD_INFO_PACE:
    case EMRTD_INFO_CA:
    case EMRTD_INFO_TA:
        if (get_int(&a, &si->version) != 0 || (has_b && get_int(&b, &si->parameter_id) != 0))
            return DG_E_STRUCTURE;
        break;
    case EMRTD_INFO_AA:
        if (get_int(&a, &si->version) != 0)
            return DG_E_STRUCTURE;
        if (has_b) {
            if (b.tag != 0x06 || b.len == 0 || b.len > EMRTD_MAX_OID)
                return DG_E_STRUCTURE;
            memcpy(si->alg_oid, b.value, b.len);
            si->alg_oid_len = b.len;
        }
        break;
    case EMRTD_INFO_CA_PUBKEY:
        if (a.tag != 0x30 || (has_b && get_int(&b, &si->parameter_id) != 0))
            return DG_E_STRUCTURE;
        if (want_keys)
            return decode_spki(&a, &si->pubkey);
        break;
    default:
        break;
    }
    return DG_OK;
}

void emrtd_security_infos_free(struct emrtd_security_infos *s)
{
    for (int i = 0; i < s->n && i < EMRTD_MAX_INFOS; i++)
        EVP_PKEY_free(s->info[i].pubkey);
    memset(s, 0, sizeof *s);
}

static int parse_set(const struct tlv *set, int want_keys, struct emrtd_security_infos *out)
{
    struct tlv_cursor c;
    struct tlv e;
    int rc;
    if (set->tag != 0x31 || tlv_child(set, &c) != 0)
        return DG_E_STRUCTURE;
    while ((rc = tlv_next(&c, &e)) == 0) {
        if (out->n >= EMRTD_MAX_INFOS)
            return DG_E_STRUCTURE;
        if ((rc = parse_info(&e, want_keys, &out->info[out->n])) != 0) {
            EVP_PKEY_free(out->info[out->n].pubkey);
            out->info[out->n].pubkey = NULL;
            return rc;
        }
        out->n++;
    }
    if (rc != TLV_END)
        return DG_E_TLV;
    return out->n > 0 ? DG_OK : DG_E_STRUCTURE;
}

int emrtd_card_access_parse(const uint8_t *buf, size_t len, struct emrtd_security_infos *out)
{
    struct tlv t;
    memset(out, 0, sizeof *out);
    if (tlv_decode_one(buf, len, 0, &t) != 0)
        return DG_E_TLV;
    if (t.tag != 0x31)
        return DG_E_TAG;
    int rc = parse_set(&t, 0, out);
    if (rc != DG_OK)
        emrtd_security_infos_free(out);
    return rc;
}

int emrtd_dg14_parse(const uint8_t *buf, size_t len, struct emrtd_security_infos *out)
{
    struct tlv t, set;
    struct tlv_cursor c;
    int rc;
    memset(out, 0, sizeof *out);
    if (tlv_decode_one(buf, len, 0, &t) != 0)
        return DG_E_TLV;
    if (t.tag != EMRTD_TAG_DG14)
        return DG_E_TAG;
    if (tlv_child(&t, &c) != 0 || tlv_expect(&c, 0x31, &set) != 0 || tlv_remaining(&c) != 0)
        return DG_E_STRUCTURE;
    rc = parse_set(&set, 1, out);
    if (rc != DG_OK)
        emrtd_security_infos_free(out);
    return rc;
}

const struct emrtd_security_info *emrtd_security_infos_find(const struct emrtd_security_infos *s,
                                                            enum emrtd_info_kind kind)
{
    for (int i = 0; i < s->n && i < EMRTD_MAX_INFOS; i++)
        if (s->info[i].kind == kind)
            return &s->info[i];
    return NULL;
}

int emrtd_dg15_parse(const uint8_t *buf, size_t len, void **pkey)
{
    struct tlv t, spki;
    struct tlv_cursor c;
    *pkey = NULL;
    if (tlv_decode_one(buf, len, 0, &t) != 0)
        return DG_E_TLV;
    if (t.tag != EMRTD_TAG_DG15)
        return DG_E_TAG;
    if (tlv_child(&t, &c) != 0 || tlv_expect(&c, 0x30, &spki) != 0 || tlv_remaining(&c) != 0)
        return DG_E_STRUCTURE;
    return decode_spki(&spki, pkey);
}

int emrtd_oid_text(const uint8_t *oid, size_t len, char *out, size_t cap)
{
    size_t o = 0;
    uint64_t v = 0;
    int first = 1, n;
    if (cap == 0)
        return DG_E_ARG;
    out[0] = 0;
    for (size_t i = 0; i < len; i++) {
        if (v > (UINT64_MAX >> 7))
            return DG_E_STRUCTURE;
        v = (v << 7) | (oid[i] & 0x7F);
        if (oid[i] & 0x80)
            continue;
        if (first) {
            unsigned a = v < 40 ? 0 : v < 80 ? 1 : 2;
            n = snprintf(out + o, cap - o, "%u.%llu", a, (unsigned long long)(v - 40 * a));
            first = 0;
        } else {
            n = snprintf(out + o, cap - o, ".%llu", (unsigned long long)v);
        }
        if (n < 0 || (size_t)n >= cap - o) {
            out[0] = 0;
            return DG_E_ARG;
        }
        o += (size_t)n;
        v = 0;
    }
    if (len == 0 || (oid[len - 1] & 0x80)) {
        out[0] = 0;
        return DG_E_STRUCTURE;
    }
    return DG_OK;
}
