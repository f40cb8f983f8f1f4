/* emrtd_pace.c: PACE-ECDH-GM with AES (ICAO 9303-11 §4.4, worked example Appendix G).
 *
 * Terminal steps (all APDUs plain, chained with CLA 10 except the last):
 *   MSE:Set AT  00 22 C1 A4 {80 OID, 83 password ref, [84 param id]}
 *   GA 1  7C{}            → 7C{80 z}          s = D(K_pi, z)
 *   GA 2  7C{81 PKmap}    → 7C{82 PKmap'}     G' = s*G + SKmap*PKmap'
 *   GA 3  7C{83 PKeph}    → 7C{84 PKeph'}     K = x(SKeph*PKeph'), KSenc/KSmac = KDF(K, 1/2)
 *   GA 4  7C{85 T_PCD}    → 7C{86 T_IC}       tokens over the other side's PKeph
 * Invariants: received points are checked on the curve and the chip's ephemeral key must
 * differ from ours; the chip's token is checked before the session is handed out; a 63xx on
 * the last step means the password was wrong (EMRTD_EACCESS). */
#include "drivers/card/tlv.h"
#include "drivers/card/emrtd_pace.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <string.h>

/* id-PACE = 0.4.0.127.0.7.2.2.4 (BSI TR-03110-3 A.1.1) */
static const uint8_t pace_oid_prefix[8] = {0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02, 0x04};
#define PACE_ECDH_GM 0x02

int emrtd_pace_curve_nid(int param_id)
{
    switch (param_id) {
    case 8:
        return NID_X9_62_prime192v1;
    case 9:
        return NID_brainpoolP192r1;
    case 10:
        return NID_secp224r1;
    case 11:
        return NID_brainpoolP224r1;
    case 12:
        return NID_X9_62_prime256v1;
    case 13:
        return NID_brainpoolP256r1;
    case 14:
        return NID_brainpoolP320r1;
    case 15:
        return NID_secp384r1;
    case 16:
        return NID_brainpoolP384r1;
    case 17:
        return NID_brainpoolP512r1;
    case 18:
        return NID_secp521r1;
    }
    return 0;
}

int emrtd_pace_info_from_oid(struct emrtd_pace_info *info)
{
    if (info->oid_len != 10 || memcmp(info->oid, pace_oid_prefix, 8) != 0 ||
        info->oid[8] != PACE_ECDH_GM)
        return EMRTD_ENOTSUP;
    switch (info->oid[9]) {
    case 2:
        info->key_len = 16;
        break;
    case 3:
        info->key_len = 24;
        break;
    case 4:
        info->key_len = 32;
        break;
    default:
        return EMRTD_ENOTSUP; /* 3DES PACE: not offered by the CCCD, not supported */
    }
    info->alg = EMRTD_SM_AES;
    if (!(info->curve_nid = emrtd_pace_curve_nid(info->param_id)))
        return EMRTD_ENOTSUP;
    return 0;
}

/* Reads a small non-negative INTEGER. */
static int pace_int(const struct tlv *t, int *out)
{
    int v = 0;
    if (t->tag != 0x02 || t->len == 0 || t->len > 3 || (t->value[0] & 0x80))
        return EMRTD_EPROTO;
    for (size_t i = 0; i < t->len; i++)
        v = v << 8 | t->value[i];
    *out = v;
    return 0;
}

int emrtd_pace_parse_card_access(const uint8_t *p, size_t n, struct emrtd_pace_info *out)
{
    struct tlv set, seq, oid, ver, prm;
    struct tlv_cursor infos, fields;
    int found = 0;

    memset(out, 0, sizeof(*out));
    if (tlv_first(p, n, &set) != 0 || set.tag != 0x31)
        return EMRTD_EPROTO;
    tlv_cursor_init(&infos, set.value, set.len);
    while (tlv_remaining(&infos)) {
        if (tlv_next(&infos, &seq) != 0 || seq.tag != 0x30)
            return EMRTD_EPROTO;
        tlv_cursor_init(&fields, seq.value, seq.len);
        if (tlv_next(&fields, &oid) != 0 || oid.tag != 0x06)
            return EMRTD_EPROTO;
        if (oid.len != 10 || memcmp(oid.value, pace_oid_prefix, 8) != 0 || found)
            continue; /* another SecurityInfo (CA, TA...) or a later PACEInfo */
        struct emrtd_pace_info cand = {0};
        if (tlv_next(&fields, &ver) != 0 || pace_int(&ver, &cand.version))
            return EMRTD_EPROTO;
        if (tlv_remaining(&fields)) {
            if (tlv_next(&fields, &prm) != 0)
                return EMRTD_EPROTO;
            if (prm.tag == 0x02) {
                if (pace_int(&prm, &cand.param_id))
                    return EMRTD_EPROTO;
                cand.has_param_id = 1;
            }
        }
        memcpy(cand.oid, oid.value, oid.len);
        cand.oid_len = oid.len;
        if (cand.version == 2 && cand.has_param_id && emrtd_pace_info_from_oid(&cand) == 0) {
            *out = cand;
            found = 1;
        }
    }
    return found ? 0 : EMRTD_ENOTSUP;
}

int emrtd_pace_kpi(const struct emrtd_pace_info *info, enum emrtd_pace_pw pw_type, const char *pw,
                   uint8_t kpi[32])
{
    uint8_t h[20];
    int rc;

    if (pw_type == EMRTD_PACE_PW_MRZ) {
        if (!EVP_Digest(pw, strlen(pw), h, NULL, EVP_sha1(), NULL))
            return EMRTD_ECRYPTO;
        rc = emrtd_sm_kdf(info->alg, info->key_len, h, sizeof(h), 3, kpi);
        explicit_bzero(h, sizeof(h));
        return rc;
    }
    return emrtd_sm_kdf(info->alg, info->key_len, (const uint8_t *)pw, strlen(pw), 3, kpi);
}

int emrtd_pace_keypair(const EC_GROUP *g, const EC_POINT *gen, BIGNUM **sk, EC_POINT **pk,
                       BN_CTX *ctx)
{
    const BIGNUM *order = EC_GROUP_get0_order(g);

    *sk = BN_secure_new();
    *pk = EC_POINT_new(g);
    if (!*sk || !*pk)
        goto fail;
    do {
        if (!BN_priv_rand_range(*sk, order))
            goto fail;
    } while (BN_is_zero(*sk));
    if (!EC_POINT_mul(g, *pk, NULL, gen, *sk, ctx))
        goto fail;
    return 0;
fail:
    BN_clear_free(*sk);
    EC_POINT_free(*pk);
    *sk = NULL;
    *pk = NULL;
    return EMRTD_ECRYPTO;
}

int emrtd_pace_gm_map(const EC_GROUP *g, const uint8_t *s, size_t slen, const BIGNUM *sk_map,
                      const EC_POINT *pk_map_other, EC_POINT *gen_out, BN_CTX *ctx)
{
    BIGNUM *bs = BN_bin2bn(s, (int)slen, NULL);
    EC_POINT *h = EC_POINT_new(g);
    int rc = EMRTD_ECRYPTO;

    if (!bs || !h)
        goto out;
    if (!EC_POINT_mul(g, h, NULL, pk_map_other, sk_map, ctx) || EC_POINT_is_at_infinity(g, h) ||
        !EC_POINT_mul(g, gen_out, bs, NULL, NULL, ctx) ||
        !EC_POINT_add(g, gen_out, gen_out, h, ctx) || EC_POINT_is_at_infinity(g, gen_out))
        goto out;
    rc = 0;
out:
    BN_clear_free(bs);
    EC_POINT_clear_free(h);
    return rc;
}

int emrtd_pace_point_decode(const EC_GROUP *g, const uint8_t *p, size_t n, EC_POINT **out,
                            BN_CTX *ctx)
{
    *out = EC_POINT_new(g);
    if (!*out)
        return EMRTD_ENOMEM;
    if (n < 3 || p[0] != 0x04 || !EC_POINT_oct2point(g, *out, p, n, ctx) ||
        EC_POINT_is_at_infinity(g, *out) || EC_POINT_is_on_curve(g, *out, ctx) != 1) {
        EC_POINT_free(*out);
        *out = NULL;
        return EMRTD_EPROTO;
    }
    return 0;
}

int emrtd_pace_point_encode(const EC_GROUP *g, const EC_POINT *pt, uint8_t *out, size_t cap,
                            size_t *olen, BN_CTX *ctx)
{
    size_t n = EC_POINT_point2oct(g, pt, POINT_CONVERSION_UNCOMPRESSED, out, cap, ctx);
    *olen = n;
    return n ? 0 : EMRTD_ECRYPTO;
}

int emrtd_pace_session_keys(const struct emrtd_pace_info *info, const EC_GROUP *g, const BIGNUM *sk,
                            const EC_POINT *pk_other, uint8_t kenc[32], uint8_t kmac[32],
                            BN_CTX *ctx)
{
    EC_POINT *k = EC_POINT_new(g);
    BIGNUM *x = BN_secure_new();
    uint8_t xb[80];
    int flen = (EC_GROUP_get_degree(g) + 7) / 8, rc = EMRTD_ECRYPTO;

    if (!k || !x || flen <= 0 || (size_t)flen > sizeof(xb))
        goto out;
    if (!EC_POINT_mul(g, k, NULL, pk_other, sk, ctx) || EC_POINT_is_at_infinity(g, k) ||
        !EC_POINT_get_affine_coordinates(g, k, x, NULL, ctx) || BN_bn2binpad(x, xb, flen) != flen)
        goto out;
    rc = emrtd_sm_kdf(info->alg, info->key_len, xb, (size_t)flen, 1, kenc);
    if (!rc)
        rc = emrtd_sm_kdf(info->alg, info->key_len, xb, (size_t)flen, 2, kmac);
out:
    explicit_bzero(xb, sizeof(xb));
    BN_clear_free(x);
    EC_POINT_clear_free(k);
    return rc;
}

int emrtd_pace_token(const struct emrtd_pace_info *info, const uint8_t *kmac, const uint8_t *pk,
                     size_t pk_len, uint8_t t[8])
{
    uint8_t in[300], inner[260];
    size_t il = 0, o = 0;

    if (pk_len > 200)
        return EMRTD_EINVAL;
    inner[il++] = 0x06;
    inner[il++] = (uint8_t)info->oid_len;
    memcpy(inner + il, info->oid, info->oid_len);
    il += info->oid_len;
    inner[il++] = 0x86;
    il += tlv_encode_len(inner + il, pk_len);
    memcpy(inner + il, pk, pk_len);
    il += pk_len;
    in[o++] = 0x7F;
    in[o++] = 0x49;
    o += tlv_encode_len(in + o, il);
    memcpy(in + o, inner, il);
    o += il;
    /* CMAC over the data object as it is (no padding: 9303-11 Appendix G gives
     * T_PCD = C2B0BD78D94BA866 for its example); only the 3DES MAC wants ISO 9797-1 padding. */
    if (info->alg == EMRTD_SM_3DES)
        o = emrtd_sm_pad(in, o, 8);
    return emrtd_sm_mac(info->alg, kmac, info->key_len, in, o, t);
}

/* Sends one GENERAL AUTHENTICATE with 7C{tag value} and returns the 7C{rtag ...} value. */
static int pace_ga(struct emrtd_chan *ch, int last, unsigned tag, const uint8_t *v, size_t vl,
                   unsigned rtag, uint8_t *resp, size_t cap, struct tlv *out, uint16_t *sw)
{
    uint8_t cmd[260];
    size_t o = 0, rl = 0;
    struct tlv dyn;
    int rc;

    if (vl > 200)
        return EMRTD_EINVAL;
    cmd[o++] = 0x7C;
    if (tag) {
        size_t inner = 1 + (vl < 0x80 ? 1 : vl < 0x100 ? 2 : 3) + vl;
        o += tlv_encode_len(cmd + o, inner);
        cmd[o++] = (uint8_t)tag;
        o += tlv_encode_len(cmd + o, vl);
        memcpy(cmd + o, v, vl);
        o += vl;
    } else {
        cmd[o++] = 0x00;
    }
    struct emrtd_apdu a = {last ? 0x00 : 0x10, 0x86, 0x00, 0x00, cmd, o, 256};
    if ((rc = emrtd_transmit(ch, &a, resp, cap, &rl, sw)) != 0)
        return rc;
    if (*sw != EMRTD_SW_OK)
        return (*sw == EMRTD_SW_AUTH_FAILED || (*sw & 0xFFF0) == 0x63C0 || *sw == 0x6982)
                   ? EMRTD_EACCESS
                   : emrtd_sw_to_err(*sw);
    if (tlv_first(resp, rl, &dyn) != 0 || dyn.tag != 0x7C ||
        tlv_find_in(dyn.value, dyn.len, rtag, out) != 0)
        return EMRTD_EPROTO;
    return 0;
}

int emrtd_pace_run(struct emrtd_chan *ch, const struct emrtd_pace_info *info,
                   enum emrtd_pace_pw pw_type, const char *pw, struct emrtd_sm *sm)
{
    EC_GROUP *g = NULL;
    BN_CTX *ctx = NULL;
    BIGNUM *sk_map = NULL, *sk_eph = NULL;
    EC_POINT *pk_map = NULL, *pk_eph = NULL, *pk_map_ic = NULL, *pk_eph_ic = NULL, *gen = NULL;
    uint8_t kpi[32], s[32], kenc[32], kmac[32], resp[260], mse[40], pt[140], pt_ic[140], t[8];
    size_t o = 0, rl = 0, ptl = 0, ptl_ic = 0, nonce_len = 0;
    struct tlv v;
    uint16_t sw = 0;
    int rc;

    memset(sm, 0, sizeof(*sm));
    if (!(g = EC_GROUP_new_by_curve_name(info->curve_nid)) || !(ctx = BN_CTX_secure_new()) ||
        !(gen = EC_POINT_new(g))) {
        rc = EMRTD_ECRYPTO;
        goto out;
    }
    if ((rc = emrtd_pace_kpi(info, pw_type, pw, kpi)) != 0)
        goto out;

    mse[o++] = 0x80;
    mse[o++] = (uint8_t)info->oid_len;
    memcpy(mse + o, info->oid, info->oid_len);
    o += info->oid_len;
    mse[o++] = 0x83;
    mse[o++] = 0x01;
    mse[o++] = (uint8_t)pw_type;
    if (info->has_param_id) {
        mse[o++] = 0x84;
        mse[o++] = 0x01;
        mse[o++] = (uint8_t)info->param_id;
    }
    struct emrtd_apdu a = {0x00, 0x22, 0xC1, 0xA4, mse, o, 0};
    if ((rc = emrtd_transmit(ch, &a, resp, sizeof(resp), &rl, &sw)) != 0)
        goto out;
    if (sw != EMRTD_SW_OK) {
        rc = sw == EMRTD_SW_INS_UNSUPPORTED ? EMRTD_ENOTSUP : emrtd_sw_to_err(sw);
        goto out;
    }

    /* 1: the encrypted nonce. */
    if ((rc = pace_ga(ch, 0, 0, NULL, 0, 0x80, resp, sizeof(resp), &v, &sw)) != 0)
        goto out;
    /* 16 bytes with AES-128; chips with longer keys may send a nonce as long as the key. */
    if (v.len == 0 || v.len % 16 || v.len > sizeof(s)) {
        rc = EMRTD_EPROTO;
        goto out;
    }
    if ((rc = emrtd_sm_cipher(info->alg, kpi, info->key_len, NULL, v.value, v.len, s, 0)) != 0)
        goto out;
    nonce_len = v.len;

    /* 2: mapping. */
    if ((rc = emrtd_pace_keypair(g, EC_GROUP_get0_generator(g), &sk_map, &pk_map, ctx)) != 0 ||
        (rc = emrtd_pace_point_encode(g, pk_map, pt, sizeof(pt), &ptl, ctx)) != 0)
        goto out;
    if ((rc = pace_ga(ch, 0, 0x81, pt, ptl, 0x82, resp, sizeof(resp), &v, &sw)) != 0)
        goto out;
    if ((rc = emrtd_pace_point_decode(g, v.value, v.len, &pk_map_ic, ctx)) != 0 ||
        (rc = emrtd_pace_gm_map(g, s, nonce_len, sk_map, pk_map_ic, gen, ctx)) != 0)
        goto out;

    /* 3: key agreement on the mapped generator. */
    if ((rc = emrtd_pace_keypair(g, gen, &sk_eph, &pk_eph, ctx)) != 0 ||
        (rc = emrtd_pace_point_encode(g, pk_eph, pt, sizeof(pt), &ptl, ctx)) != 0)
        goto out;
    if ((rc = pace_ga(ch, 0, 0x83, pt, ptl, 0x84, resp, sizeof(resp), &v, &sw)) != 0)
        goto out;
    if (v.len > sizeof(pt_ic) || (v.len == ptl && memcmp(v.value, pt, ptl) == 0)) {
        rc = EMRTD_EPROTO;
        goto out;
    }
    memcpy(pt_ic, v.value, v.len);
    ptl_ic = v.len;
    if ((rc = emrtd_pace_point_decode(g, pt_ic, ptl_ic, &pk_eph_ic, ctx)) != 0 ||
        (rc = emrtd_pace_session_keys(info, g, sk_eph, pk_eph_ic, kenc, kmac, ctx)) != 0)
        goto out;

    /* 4: mutual authentication by tokens. */
    if ((rc = emrtd_pace_token(info, kmac, pt_ic, ptl_ic, t)) != 0)
        goto out;
    if ((rc = pace_ga(ch, 1, 0x85, t, 8, 0x86, resp, sizeof(resp), &v, &sw)) != 0)
        goto out;
    if ((rc = emrtd_pace_token(info, kmac, pt, ptl, t)) != 0)
        goto out;
    if (v.len != 8 || CRYPTO_memcmp(v.value, t, 8) != 0) {
        rc = EMRTD_EAUTH;
        goto out;
    }
    rc = emrtd_sm_init(sm, EMRTD_SM_AES, kenc, kmac, info->key_len, NULL);
out:
    explicit_bzero(kpi, sizeof(kpi));
    explicit_bzero(s, sizeof(s));
    explicit_bzero(kenc, sizeof(kenc));
    explicit_bzero(kmac, sizeof(kmac));
    BN_clear_free(sk_map);
    BN_clear_free(sk_eph);
    EC_POINT_free(pk_map);
    EC_POINT_free(pk_eph);
    EC_POINT_free(pk_map_ic);
    EC_POINT_free(pk_eph_ic);
    EC_POINT_clear_free(gen);
    BN_CTX_free(ctx);
    EC_GROUP_free(g);
    return rc;
}
