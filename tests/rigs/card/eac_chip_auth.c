/* eac_chip_auth.c: the OpenPACE chip's side of PACE-ECDH-GM (CAN or MRZ) and Chip Authentication
 * ECDH-AES. Every value the terminal must match (the encrypted nonce, the mapped generator,
 * the shared secret, the session keys, both tokens, the CA keys) is OpenPACE's.
 *
 * PACE states: 0 idle → 1 MSE:Set AT accepted → 2 nonce sent → 3 generator mapped → 4 keys
 * agreed → SM on (the terminal's token verified) or back to 0 with 6300. Any error resets it. */
#include <eac/ca.h>
#include <eac/objects.h>
#include <openssl/buffer.h>
#include <string.h>

#include "tests/rigs/card/eac_chip_int.h"

/* brainpoolP256r1 (BSI TR-03110-3 standardized domain parameter 13), the CCCD's curve. */
#define EAC_CHIP_CURVE 13

static void auth_sw(struct eac_resp *r, uint16_t sw)
{
    r->len = 0;
    r->sw = sw;
}

static BUF_MEM *auth_buf(const uint8_t *p, size_t n)
{
    BUF_MEM *b = BUF_MEM_new();
    if (b && n && !BUF_MEM_grow(b, n)) {
        BUF_MEM_free(b);
        return NULL;
    }
    if (b && n)
        memcpy(b->data, p, n);
    return b;
}

void eac_chip_auth_reset(struct eac_chip *c)
{
    PACE_SEC_clear_free(c->sec);
    c->sec = NULL;
    BUF_MEM_clear_free(c->pcd_eph);
    c->pcd_eph = NULL;
    EAC_CTX_clear_free(c->ctx);
    c->ctx = NULL;
    c->pace_step = 0;
    c->sm_on = 0;
    c->authenticated = 0;
    c->ca_ready = 0;
    c->ca_switch = 0;
}

/* 7C{tag value} into r. */
static void auth_dyn(struct eac_resp *r, unsigned tag, const BUF_MEM *v)
{
    size_t o = 0, vl = v->length, inner = 2 + (vl >= 0x80) + vl;
    r->data[o++] = 0x7C;
    if (inner >= 0x80)
        r->data[o++] = 0x81;
    r->data[o++] = (uint8_t)inner;
    r->data[o++] = (uint8_t)tag;
    if (vl >= 0x80)
        r->data[o++] = 0x81;
    r->data[o++] = (uint8_t)vl;
    memcpy(r->data + o, v->data, vl);
    r->len = o + vl;
    r->sw = 0x9000;
}

/* The PACE OID the terminal names must be one EF.CardAccess announces, which OpenPACE itself
 * reads (EAC_CTX_init_ef_cardaccess). */
static int auth_pace_start(struct eac_chip *c, const uint8_t *oid, size_t oid_len)
{
    const struct eac_chip_file *ca = &c->files[0];
    ASN1_OBJECT *obj = NULL;
    const unsigned char *p = oid;
    uint8_t der[32];

    if (!ca->data || oid_len + 2 > sizeof(der))
        return -1;
    der[0] = 0x06;
    der[1] = (uint8_t)oid_len;
    memcpy(der + 2, oid, oid_len);
    p = der;
    if (!d2i_ASN1_OBJECT(&obj, &p, (long)oid_len + 2))
        return -1;
    int nid = OBJ_obj2nid(obj);
    ASN1_OBJECT_free(obj);
    EAC_CTX_clear_free(c->ctx);
    if (!(c->ctx = EAC_CTX_new()) || !EAC_CTX_init_ef_cardaccess(ca->data, ca->len, c->ctx) ||
        !c->ctx->pace_ctx || c->ctx->pace_ctx->protocol != nid)
        return -1;
    return 0;
}

void eac_chip_mse(struct eac_chip *c, const struct eac_cmd *a, struct eac_resp *r)
{
    const uint8_t *oid, *pw, *kid;
    size_t oid_len, pw_len, kid_len;

    if (a->p1 == 0x41 && a->p2 == 0xA4) { /* Chip Authentication, under SM only */
        c->ca_ready = 0;
        if (!c->sm_on || !c->ca || !c->ca_key_der) {
            auth_sw(r, c->sm_on ? 0x6A80 : 0x6982);
            return;
        }
        if (eac_chip_tlv_find(a->data, a->lc, 0x80, &oid, &oid_len) != 0) {
            auth_sw(r, 0x6A80);
            return;
        }
        /* OpenPACE sets up CA for the protocol the terminal names, on the CCCD's curve. */
        ASN1_OBJECT *obj = NULL;
        uint8_t der[32];
        const unsigned char *p = der;
        if (oid_len + 2 > sizeof(der)) {
            auth_sw(r, 0x6A80);
            return;
        }
        der[0] = 0x06;
        der[1] = (uint8_t)oid_len;
        memcpy(der + 2, oid, oid_len);
        int nid = d2i_ASN1_OBJECT(&obj, &p, (long)oid_len + 2) ? OBJ_obj2nid(obj) : NID_undef;
        ASN1_OBJECT_free(obj);
        if ((nid != NID_id_CA_ECDH_AES_CBC_CMAC_128 && nid != NID_id_CA_ECDH_AES_CBC_CMAC_192 &&
             nid != NID_id_CA_ECDH_AES_CBC_CMAC_256) ||
            !EAC_CTX_init_ca(c->ctx, nid, EAC_CHIP_CURVE) ||
            !CA_set_key(c->ctx, c->ca_key_der, c->ca_key_der_len, NULL, 0)) {
            auth_sw(r, 0x6A80);
            return;
        }
        c->ca_ready = 1;
        auth_sw(r, 0x9000);
        return;
    }
    /* PACE: a new MSE ends any session and run under way. */
    eac_chip_auth_reset(c);
    if (a->p1 != 0xC1 || a->p2 != 0xA4) {
        auth_sw(r, 0x6B00);
        return;
    }
    if (eac_chip_tlv_find(a->data, a->lc, 0x80, &oid, &oid_len) != 0 ||
        eac_chip_tlv_find(a->data, a->lc, 0x83, &pw, &pw_len) != 0 || pw_len != 1 ||
        auth_pace_start(c, oid, oid_len) != 0) {
        auth_sw(r, 0x6A80);
        return;
    }
    if (eac_chip_tlv_find(a->data, a->lc, 0x84, &kid, &kid_len) == 0 &&
        (kid_len != 1 || kid[0] != EAC_CHIP_CURVE)) {
        auth_sw(r, 0x6A80);
        return;
    }
    /* The password: the CAN, or the MRZ (OpenPACE hashes document number, birth and expiry
     * dates with their check digits out of the TD1 text itself). */
    if (pw[0] == 0x02 && c->can[0])
        c->sec = PACE_SEC_new(c->can, strlen(c->can), PACE_CAN);
    else if (pw[0] == 0x01 && c->mrz[0])
        c->sec = PACE_SEC_new(c->mrz, strlen(c->mrz), PACE_MRZ);
    else {
        auth_sw(r, 0x6A88);
        return;
    }
    if (!c->sec) {
        auth_sw(r, 0x6F00);
        return;
    }
    c->pace_step = 1;
    auth_sw(r, 0x9000);
}

/* GENERAL AUTHENTICATE for CA: 7C{80 PK_eph(PCD)} → 7C 00. OpenPACE computes the shared
 * secret (CA_STEP4) and derives the session keys from it without a nonce (CA as ICAO 9303-11
 * §6.2 runs it, TR-03110 version 1): OpenPACE's public API derives nonce-less keys only through
 * PACE_STEP3C_derive_keys, so that step runs on the CA key agreement context. */
static void auth_ca_ga(struct eac_chip *c, const struct eac_cmd *a, struct eac_resp *r)
{
    const uint8_t *dyn, *pk;
    size_t dyn_len, pk_len;
    BUF_MEM *pub = NULL;

    c->ca_ready = 0;
    if (eac_chip_tlv_find(a->data, a->lc, 0x7C, &dyn, &dyn_len) != 0 ||
        eac_chip_tlv_find(dyn, dyn_len, 0x80, &pk, &pk_len) != 0 || !(pub = auth_buf(pk, pk_len)) ||
        !CA_STEP4_compute_shared_secret(c->ctx, pub)) {
        BUF_MEM_free(pub);
        auth_sw(r, 0x6A80);
        return;
    }
    BUF_MEM_free(pub);
    KA_CTX *pace_ka = c->ctx->pace_ctx->ka_ctx;
    c->ctx->pace_ctx->ka_ctx = c->ctx->ca_ctx->ka_ctx;
    int ok = PACE_STEP3C_derive_keys(c->ctx);
    c->ctx->pace_ctx->ka_ctx = pace_ka;
    if (!ok) {
        auth_sw(r, 0x6F00);
        return;
    }
    c->ca_switch = 1;
    r->data[0] = 0x7C;
    r->data[1] = 0x00;
    r->len = 2;
    r->sw = 0x9000;
}

int eac_chip_ca_switch(struct eac_chip *c)
{
    c->ca_switch = 0;
    if (!EAC_CTX_set_encryption_ctx(c->ctx, EAC_ID_CA))
        return -1;
    eac_chip_count(c, &c->stats.ca_ok);
    return 0;
}

void eac_chip_general_auth(struct eac_chip *c, const struct eac_cmd *a, struct eac_resp *r)
{
    const uint8_t *dyn, *v;
    size_t dyn_len, vl;
    BUF_MEM *in = NULL, *out = NULL;
    uint16_t fail = 0x9000;

    if (c->ca_ready && c->sm_on) {
        auth_ca_ga(c, a, r);
        return;
    }
    if (c->pace_step == 0) {
        auth_sw(r, 0x6985);
        return;
    }
    if (eac_chip_tlv_find(a->data, a->lc, 0x7C, &dyn, &dyn_len) != 0) {
        fail = 0x6A80;
        goto out;
    }
    switch (c->pace_step) {
    case 1: /* the nonce, encrypted with K_pi */
        if (dyn_len != 0 || !(out = PACE_STEP1_enc_nonce(c->ctx, c->sec))) {
            fail = 0x6A80;
            goto out;
        }
        auth_dyn(r, 0x80, out);
        c->pace_step = 2;
        break;
    case 2: /* generic mapping */
        if (eac_chip_tlv_find(dyn, dyn_len, 0x81, &v, &vl) != 0 || !(in = auth_buf(v, vl)) ||
            !(out = PACE_STEP3A_generate_mapping_data(c->ctx)) ||
            !PACE_STEP3A_map_generator(c->ctx, in)) {
            fail = 0x6A80;
            goto out;
        }
        auth_dyn(r, 0x82, out);
        c->pace_step = 3;
        break;
    case 3: /* key agreement on the mapped generator */
        if (eac_chip_tlv_find(dyn, dyn_len, 0x83, &v, &vl) != 0 || !(in = auth_buf(v, vl)) ||
            !(out = PACE_STEP3B_generate_ephemeral_key(c->ctx)) ||
            !PACE_STEP3B_compute_shared_secret(c->ctx, in) || !PACE_STEP3C_derive_keys(c->ctx)) {
            fail = 0x6A80;
            goto out;
        }
        BUF_MEM_clear_free(c->pcd_eph);
        c->pcd_eph = in;
        in = NULL;
        auth_dyn(r, 0x84, out);
        c->pace_step = 4;
        break;
    case 4: /* tokens: the terminal's over our key, ours over its */
        if (eac_chip_tlv_find(dyn, dyn_len, 0x85, &v, &vl) != 0 || !(in = auth_buf(v, vl))) {
            fail = 0x6A80;
            goto out;
        }
        if (PACE_STEP3D_verify_authentication_token(c->ctx, in) != 1) {
            fail = 0x6300; /* wrong password: the mapped generators differ */
            eac_chip_count(c, &c->stats.pace_failed);
            goto out;
        }
        if (!(out = PACE_STEP3D_compute_authentication_token(c->ctx, c->pcd_eph)) ||
            !EAC_CTX_set_encryption_ctx(c->ctx, EAC_ID_PACE)) {
            fail = 0x6F00;
            goto out;
        }
        auth_dyn(r, 0x86, out);
        c->pace_step = 0;
        c->sm_on = 1;
        c->authenticated = 1;
        eac_chip_count(c, &c->stats.pace_ok);
        break;
    }
out:
    if (fail != 0x9000) {
        eac_chip_auth_reset(c);
        auth_sw(r, fail);
    }
    BUF_MEM_clear_free(in);
    BUF_MEM_clear_free(out);
}
