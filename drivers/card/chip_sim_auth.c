/* chip_sim_auth.c: the software chip's side of BAC, PACE-ECDH-GM and Active Authentication.
 *
 * Uses the same primitives as the terminal (emrtd_bac, emrtd_pace, emrtd_sm), so the handshake
 * is only correct when both sides compute the same values: the tests then check the terminal
 * against ICAO vectors separately. PACE states: 0 idle → 1 MSE:Set AT accepted → 2 nonce sent
 * → 3 generator mapped → 4 keys agreed → SM on (token ok) or back to 0 with 6300 (wrong
 * password). Any error resets the PACE state. AA: RSA signs with ISO 9796-2 scheme 1 (SHA-1,
 * trailer BC), EC keys sign with ECDSA-SHA-256 in plain r||s (BSI TR-03111). */
#include <openssl/core_names.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <string.h>

#include "drivers/card/chip_sim_int.h"
#include "drivers/card/emrtd_bac.h"
#include "drivers/card/emrtd_ca.h"
#include "drivers/card/tlv.h"

static void auth_sw(struct chip_sim_resp *r, uint16_t sw)
{
    r->len = 0;
    r->sw = sw;
}

static void auth_pace_clear(struct chip_sim_pace *p)
{
    BN_clear_free(p->sk_map);
    BN_clear_free(p->sk_eph);
    EC_POINT_clear_free(p->gen);
    EC_GROUP_free(p->g);
    explicit_bzero(p, sizeof(*p));
}

void chip_sim_auth_reset(struct chip_sim *c)
{
    auth_pace_clear(&c->pc);
    emrtd_sm_wipe(&c->sm);
    c->sm_on = 0;
    c->authenticated = 0;
    c->challenge = 0;
    c->ca_key_len = 0;
    c->sm_switch = 0;
    emrtd_sm_wipe(&c->sm_next);
    explicit_bzero(c->rnd_icc, sizeof(c->rnd_icc));
}

/* MSE:Set AT for Chip Authentication (41 A4), under SM only. */
static void auth_ca_mse(struct chip_sim *c, const struct emrtd_apdu *a, struct chip_sim_resp *r)
{
    struct tlv oid;
    c->ca_key_len = 0;
    if (!c->ca || !c->ca_key || !c->sm_on) {
        auth_sw(r, c->sm_on ? 0x6A80 : EMRTD_SW_SEC_STATUS);
        return;
    }
    if (tlv_find_in(a->data, a->lc, 0x80, &oid) != 0 ||
        !(c->ca_key_len = emrtd_ca_key_len(oid.value, oid.len))) {
        auth_sw(r, 0x6A80);
        return;
    }
    auth_sw(r, EMRTD_SW_OK);
}

/* GENERAL AUTHENTICATE for CA: 7C{80 PK_eph} → 7C 00, keys switch after this answer. */
static void auth_ca_ga(struct chip_sim *c, const struct emrtd_apdu *a, struct chip_sim_resp *r)
{
    struct tlv dyn, v;
    size_t kl = c->ca_key_len;
    c->ca_key_len = 0;
    if (tlv_first(a->data, a->lc, &dyn) != 0 || dyn.tag != 0x7C ||
        tlv_find_in(dyn.value, dyn.len, 0x80, &v) != 0 ||
        emrtd_ca_session(c->ca_key, v.value, v.len, kl, &c->sm_next) != 0) {
        auth_sw(r, 0x6A80);
        return;
    }
    c->sm_switch = 1;
    r->data[0] = 0x7C;
    r->data[1] = 0x00;
    r->len = 2;
    r->sw = EMRTD_SW_OK;
}

void chip_sim_get_challenge(struct chip_sim *c, const struct emrtd_apdu *a, struct chip_sim_resp *r)
{
    if (!c->bac) {
        auth_sw(r, EMRTD_SW_INS_UNSUPPORTED);
        return;
    }
    if (a->le != 8) {
        auth_sw(r, EMRTD_SW_WRONG_LENGTH);
        return;
    }
    if (RAND_bytes(c->rnd_icc, 8) != 1) {
        auth_sw(r, 0x6F00);
        return;
    }
    c->challenge = 1;
    memcpy(r->data, c->rnd_icc, 8);
    r->len = 8;
    r->sw = EMRTD_SW_OK;
}

void chip_sim_mutual_auth(struct chip_sim *c, const struct emrtd_apdu *a, struct chip_sim_resp *r)
{
    char info[EMRTD_MRZ_INFO_SIZE];
    uint8_t kenc[16], kmac[16], kicc[16];
    struct emrtd_sm sm;

    if (!c->bac) {
        auth_sw(r, EMRTD_SW_INS_UNSUPPORTED);
        return;
    }
    if (!c->challenge || a->lc != 40) {
        auth_sw(r, c->challenge ? EMRTD_SW_WRONG_LENGTH : 0x6985);
        return;
    }
    c->challenge = 0;
    auth_sw(r, EMRTD_SW_AUTH_FAILED);
    if (emrtd_bac_mrz_info(c->doc_number, c->dob, c->doe, info) != 0 ||
        emrtd_bac_keys(info, kenc, kmac) != 0 || RAND_bytes(kicc, 16) != 1)
        goto out;
    if (emrtd_bac_chip_answer(kenc, kmac, c->rnd_icc, kicc, a->data, r->data, &sm) != 0)
        goto out;
    r->len = 40;
    r->sw = EMRTD_SW_OK;
    c->sm = sm;
    c->sm_on = 1;
    c->authenticated = 1;
out:
    explicit_bzero(info, sizeof(info));
    explicit_bzero(kenc, sizeof(kenc));
    explicit_bzero(kmac, sizeof(kmac));
    explicit_bzero(kicc, sizeof(kicc));
    explicit_bzero(&sm, sizeof(sm));
}

void chip_sim_mse(struct chip_sim *c, const struct emrtd_apdu *a, struct chip_sim_resp *r)
{
    struct tlv oid, pw, prm;

    if (a->p1 == 0x41 && a->p2 == 0xA4) {
        auth_ca_mse(c, a, r);
        return;
    }
    auth_pace_clear(&c->pc);
    if (!c->pace || !c->pace_ok) {
        auth_sw(r, EMRTD_SW_INS_UNSUPPORTED);
        return;
    }
    if (a->p1 != 0xC1 || a->p2 != 0xA4) {
        auth_sw(r, EMRTD_SW_WRONG_P1P2);
        return;
    }
    if (tlv_find_in(a->data, a->lc, 0x80, &oid) != 0 ||
        tlv_find_in(a->data, a->lc, 0x83, &pw) != 0 || pw.len != 1 ||
        oid.len != c->pace_info.oid_len || memcmp(oid.value, c->pace_info.oid, oid.len) != 0) {
        auth_sw(r, 0x6A80);
        return;
    }
    if (tlv_find_in(a->data, a->lc, 0x84, &prm) == 0 &&
        (prm.len != 1 || prm.value[0] != c->pace_info.param_id)) {
        auth_sw(r, 0x6A80);
        return;
    }
    if ((pw.value[0] == EMRTD_PACE_PW_CAN && c->can[0]) ||
        (pw.value[0] == EMRTD_PACE_PW_MRZ && c->doc_number[0])) {
        c->pc.pw_type = pw.value[0];
        c->pc.step = 1;
        auth_sw(r, EMRTD_SW_OK);
        return;
    }
    auth_sw(r, 0x6A88); /* referenced password not available */
}

/* Writes 7C{tag value} into r. */
static void auth_dyn(struct chip_sim_resp *r, unsigned tag, const uint8_t *v, size_t vl)
{
    size_t o = 0, inner = 2 + (vl >= 0x80) + vl;
    r->data[o++] = 0x7C;
    if (inner >= 0x80)
        r->data[o++] = 0x81;
    r->data[o++] = (uint8_t)inner;
    r->data[o++] = (uint8_t)tag;
    if (vl >= 0x80)
        r->data[o++] = 0x81;
    r->data[o++] = (uint8_t)vl;
    memcpy(r->data + o, v, vl);
    r->len = o + vl;
    r->sw = EMRTD_SW_OK;
}

void chip_sim_general_auth(struct chip_sim *c, const struct emrtd_apdu *a, struct chip_sim_resp *r)
{
    struct chip_sim_pace *p = &c->pc;
    struct tlv dyn, v;
    BN_CTX *ctx = BN_CTX_secure_new();
    BIGNUM *sk = NULL;
    EC_POINT *pk = NULL, *other = NULL;
    uint8_t kpi[32], z[16], pt[140], t[8];
    size_t ptl = 0;
    uint16_t fail = EMRTD_SW_OK;

    if (c->ca_key_len && c->sm_on) {
        BN_CTX_free(ctx);
        auth_ca_ga(c, a, r);
        return;
    }
    if (!ctx || p->step == 0 || tlv_first(a->data, a->lc, &dyn) != 0 || dyn.tag != 0x7C) {
        fail = p->step == 0 ? 0x6985 : 0x6A80;
        goto out;
    }
    switch (p->step) {
    case 1: /* encrypted nonce */
        if (dyn.len != 0 || RAND_bytes(p->s, 16) != 1 ||
            emrtd_pace_kpi(&c->pace_info, p->pw_type, p->pw_type == EMRTD_PACE_PW_CAN ? c->can : "",
                           kpi) != 0) {
            fail = 0x6A80;
            goto out;
        }
        if (p->pw_type == EMRTD_PACE_PW_MRZ) {
            char info[EMRTD_MRZ_INFO_SIZE];
            if (emrtd_bac_mrz_info(c->doc_number, c->dob, c->doe, info) != 0 ||
                emrtd_pace_kpi(&c->pace_info, p->pw_type, info, kpi) != 0) {
                fail = 0x6A80;
                goto out;
            }
        }
        if (emrtd_sm_cipher(EMRTD_SM_AES, kpi, c->pace_info.key_len, NULL, p->s, 16, z, 1) != 0) {
            fail = 0x6F00;
            goto out;
        }
        auth_dyn(r, 0x80, z, 16);
        p->step = 2;
        break;
    case 2: /* mapping */
        if (tlv_find_in(dyn.value, dyn.len, 0x81, &v) != 0 ||
            !(p->g = EC_GROUP_new_by_curve_name(c->pace_info.curve_nid)) ||
            emrtd_pace_point_decode(p->g, v.value, v.len, &other, ctx) != 0 ||
            emrtd_pace_keypair(p->g, EC_GROUP_get0_generator(p->g), &sk, &pk, ctx) != 0 ||
            !(p->gen = EC_POINT_new(p->g)) ||
            emrtd_pace_gm_map(p->g, p->s, 16, sk, other, p->gen, ctx) != 0 ||
            emrtd_pace_point_encode(p->g, pk, pt, sizeof(pt), &ptl, ctx) != 0) {
            fail = 0x6A80;
            goto out;
        }
        auth_dyn(r, 0x82, pt, ptl);
        p->step = 3;
        break;
    case 3: /* key agreement */
        if (tlv_find_in(dyn.value, dyn.len, 0x83, &v) != 0 || v.len > sizeof(p->pk_eph_pcd) ||
            emrtd_pace_point_decode(p->g, v.value, v.len, &other, ctx) != 0 ||
            emrtd_pace_keypair(p->g, p->gen, &p->sk_eph, &pk, ctx) != 0 ||
            emrtd_pace_point_encode(p->g, pk, p->pk_eph_ic, sizeof(p->pk_eph_ic), &p->pk_eph_ic_len,
                                    ctx) != 0 ||
            (v.len == p->pk_eph_ic_len && memcmp(v.value, p->pk_eph_ic, v.len) == 0) ||
            emrtd_pace_session_keys(&c->pace_info, p->g, p->sk_eph, other, p->kenc, p->kmac, ctx) !=
                0) {
            fail = 0x6A80;
            goto out;
        }
        memcpy(p->pk_eph_pcd, v.value, v.len);
        p->pk_eph_pcd_len = v.len;
        auth_dyn(r, 0x84, p->pk_eph_ic, p->pk_eph_ic_len);
        p->step = 4;
        break;
    case 4: /* tokens */
        if (tlv_find_in(dyn.value, dyn.len, 0x85, &v) != 0 || v.len != 8 ||
            emrtd_pace_token(&c->pace_info, p->kmac, p->pk_eph_ic, p->pk_eph_ic_len, t) != 0 ||
            CRYPTO_memcmp(t, v.value, 8) != 0) {
            fail = EMRTD_SW_AUTH_FAILED; /* wrong password: the mapped generators differ */
            goto out;
        }
        if (emrtd_pace_token(&c->pace_info, p->kmac, p->pk_eph_pcd, p->pk_eph_pcd_len, t) != 0 ||
            emrtd_sm_init(&c->sm, EMRTD_SM_AES, p->kenc, p->kmac, c->pace_info.key_len, NULL) !=
                0) {
            fail = 0x6F00;
            goto out;
        }
        auth_dyn(r, 0x86, t, 8);
        auth_pace_clear(p);
        c->sm_on = 1;
        c->authenticated = 1;
        break;
    }
out:
    if (fail != EMRTD_SW_OK) {
        auth_pace_clear(p);
        auth_sw(r, fail);
    }
    explicit_bzero(kpi, sizeof(kpi));
    BN_clear_free(sk);
    EC_POINT_free(pk);
    EC_POINT_free(other);
    BN_CTX_free(ctx);
}

/* ISO 9796-2 scheme 1 signature with SHA-1: 6A || M1 || H(M1 || M2) || BC, raw RSA. */
static int auth_rsa_sign(EVP_PKEY *key, const uint8_t *m2, size_t m2l, uint8_t *sig, size_t *sl)
{
    size_t k = (size_t)EVP_PKEY_get_size(key), o = 0;
    uint8_t f[512], h[20];
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    EVP_PKEY_CTX *pc = NULL;
    int rc = -1;

    if (!md || k < 64 || k > sizeof(f))
        goto out;
    f[o++] = 0x6A;
    if (RAND_bytes(f + o, (int)(k - 22)) != 1)
        goto out;
    if (EVP_DigestInit_ex(md, EVP_sha1(), NULL) != 1 || EVP_DigestUpdate(md, f + 1, k - 22) != 1 ||
        EVP_DigestUpdate(md, m2, m2l) != 1 || EVP_DigestFinal_ex(md, h, NULL) != 1)
        goto out;
    o += k - 22;
    memcpy(f + o, h, 20);
    o += 20;
    f[o++] = 0xBC;
    if (!(pc = EVP_PKEY_CTX_new(key, NULL)) || EVP_PKEY_sign_init(pc) != 1 ||
        EVP_PKEY_CTX_set_rsa_padding(pc, RSA_NO_PADDING) != 1)
        goto out;
    *sl = 512;
    if (EVP_PKEY_sign(pc, sig, sl, f, k) != 1)
        goto out;
    rc = 0;
out:
    explicit_bzero(f, sizeof(f));
    EVP_PKEY_CTX_free(pc);
    EVP_MD_CTX_free(md);
    return rc;
}

/* ECDSA-SHA-256 as plain r || s. */
static int auth_ec_sign(EVP_PKEY *key, const uint8_t *m, size_t ml, uint8_t *sig, size_t *sl)
{
    uint8_t der[160];
    size_t dl = sizeof(der);
    const unsigned char *p = der;
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    ECDSA_SIG *es = NULL;
    int flen = (EVP_PKEY_get_bits(key) + 7) / 8, rc = -1;

    if (!md || flen <= 0 || flen > 66)
        goto out;
    if (EVP_DigestSignInit(md, NULL, EVP_sha256(), NULL, key) != 1 ||
        EVP_DigestSign(md, der, &dl, m, ml) != 1 || !(es = d2i_ECDSA_SIG(NULL, &p, (long)dl)))
        goto out;
    if (BN_bn2binpad(ECDSA_SIG_get0_r(es), sig, flen) != flen ||
        BN_bn2binpad(ECDSA_SIG_get0_s(es), sig + flen, flen) != flen)
        goto out;
    *sl = 2 * (size_t)flen;
    rc = 0;
out:
    ECDSA_SIG_free(es);
    EVP_MD_CTX_free(md);
    return rc;
}

void chip_sim_internal_auth(struct chip_sim *c, const struct emrtd_apdu *a, struct chip_sim_resp *r)
{
    uint8_t sig[512];
    size_t sl = 0;
    int rc;

    if (!c->aa || !c->aa_key) {
        auth_sw(r, EMRTD_SW_INS_UNSUPPORTED);
        return;
    }
    if (!c->authenticated) {
        auth_sw(r, EMRTD_SW_SEC_STATUS);
        return;
    }
    if (a->lc != 8) {
        auth_sw(r, EMRTD_SW_WRONG_LENGTH);
        return;
    }
    if (EVP_PKEY_get_base_id(c->aa_key) == EVP_PKEY_RSA)
        rc = auth_rsa_sign(c->aa_key, a->data, a->lc, sig, &sl);
    else
        rc = auth_ec_sign(c->aa_key, a->data, a->lc, sig, &sl);
    if (rc != 0 || sl > sizeof(r->data)) {
        auth_sw(r, 0x6F00);
        return;
    }
    memcpy(r->data, sig, sl);
    r->len = sl;
    r->sw = EMRTD_SW_OK;
}
