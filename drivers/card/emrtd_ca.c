/* emrtd_ca.c: Chip Authentication, ECDH + AES (ICAO 9303-11 §6.2).
 *
 * The ephemeral key is made on the curve of the chip's DG14 key (named curves only; a key
 * with explicit parameters gives EMRTD_ENOTSUP). The shared secret is the x coordinate of
 * SK * PK, padded to the field size (BSI TR-03111 ECKA), as for PACE. After GENERAL
 * AUTHENTICATE both sides switch keys; a protected SELECT under the new keys must verify. */
#include "drivers/card/emrtd_ca.h"

#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/obj_mac.h>
#include <openssl/objects.h>
#include <string.h>

#include "drivers/card/emrtd_pace.h"

/* id-CA-ECDH = 0.4.0.127.0.7.2.2.3.2 (BSI TR-03110-3 A.1.1.2) */
static const uint8_t ca_ecdh_prefix[9] = {0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02, 0x03, 0x02};

size_t emrtd_ca_key_len(const uint8_t *oid, size_t oid_len)
{
    if (oid_len != 10 || memcmp(oid, ca_ecdh_prefix, 9) != 0)
        return 0;
    switch (oid[9]) {
    case 2:
        return 16;
    case 3:
        return 24;
    case 4:
        return 32;
    }
    return 0; /* 1 = 3DES: not run */
}

static EC_GROUP *ca_group(EVP_PKEY *k)
{
    char name[80];
    size_t nl = 0;
    int nid;
    if (EVP_PKEY_get_base_id(k) != EVP_PKEY_EC ||
        EVP_PKEY_get_utf8_string_param(k, OSSL_PKEY_PARAM_GROUP_NAME, name, sizeof(name), &nl) != 1)
        return NULL;
    if ((nid = OBJ_sn2nid(name)) == NID_undef && (nid = OBJ_txt2nid(name)) == NID_undef)
        return NULL;
    return EC_GROUP_new_by_curve_name(nid);
}

int emrtd_ca_session(EVP_PKEY *own, const uint8_t *peer_point, size_t peer_len, size_t key_len,
                     struct emrtd_sm *sm)
{
    EC_GROUP *g = ca_group(own);
    BN_CTX *ctx = BN_CTX_secure_new();
    BIGNUM *sk = NULL;
    EC_POINT *peer = NULL;
    uint8_t kenc[32], kmac[32];
    struct emrtd_pace_info info = {.alg = EMRTD_SM_AES, .key_len = key_len};
    int rc = EMRTD_ENOTSUP;

    if (!g || !ctx || !key_len)
        goto out;
    rc = EMRTD_ECRYPTO;
    if (EVP_PKEY_get_bn_param(own, OSSL_PKEY_PARAM_PRIV_KEY, &sk) != 1)
        goto out;
    peer = EC_POINT_new(g);
    if (!peer || !EC_POINT_oct2point(g, peer, peer_point, peer_len, ctx) ||
        EC_POINT_is_at_infinity(g, peer) || EC_POINT_is_on_curve(g, peer, ctx) != 1) {
        rc = EMRTD_EPROTO;
        goto out;
    }
    if ((rc = emrtd_pace_session_keys(&info, g, sk, peer, kenc, kmac, ctx)) != 0)
        goto out;
    rc = emrtd_sm_init(sm, EMRTD_SM_AES, kenc, kmac, key_len, NULL);
out:
    explicit_bzero(kenc, sizeof(kenc));
    explicit_bzero(kmac, sizeof(kmac));
    BN_clear_free(sk);
    EC_POINT_free(peer);
    BN_CTX_free(ctx);
    EC_GROUP_free(g);
    return rc;
}

int emrtd_ca_run(struct emrtd_chan *ch, const uint8_t *oid, size_t oid_len, long key_id,
                 EVP_PKEY *chip_pub, struct emrtd_sm *sm)
{
    size_t key_len = emrtd_ca_key_len(oid, oid_len), pl = 0, chip_pl = 0, rl = 0, o = 0;
    EC_GROUP *g = chip_pub ? ca_group(chip_pub) : NULL;
    BN_CTX *ctx = BN_CTX_new();
    BIGNUM *sk = NULL;
    EC_POINT *pk = NULL;
    uint8_t pt[140], chip_pt[140], mse[32], ga[160], resp[64];
    uint16_t sw = 0;
    struct emrtd_pace_info info = {.alg = EMRTD_SM_AES, .key_len = key_len};
    struct emrtd_sm next;
    int rc = EMRTD_ENOTSUP;

    memset(&next, 0, sizeof(next));
    if (!key_len || !g || !ctx || !ch->sm)
        goto out;
    rc = EMRTD_ECRYPTO;
    if (EVP_PKEY_get_octet_string_param(chip_pub, OSSL_PKEY_PARAM_PUB_KEY, chip_pt, sizeof(chip_pt),
                                        &chip_pl) != 1)
        goto out;
    if ((rc = emrtd_pace_keypair(g, EC_GROUP_get0_generator(g), &sk, &pk, ctx)) != 0 ||
        (rc = emrtd_pace_point_encode(g, pk, pt, sizeof(pt), &pl, ctx)) != 0)
        goto out;
    mse[o++] = 0x80;
    mse[o++] = (uint8_t)oid_len;
    memcpy(mse + o, oid, oid_len);
    o += oid_len;
    if (key_id >= 0 && key_id < 256) {
        mse[o++] = 0x84;
        mse[o++] = 0x01;
        mse[o++] = (uint8_t)key_id;
    }
    struct emrtd_apdu a = {0x00, 0x22, 0x41, 0xA4, mse, o, 0};
    if ((rc = emrtd_transmit(ch, &a, resp, sizeof(resp), &rl, &sw)) != 0)
        goto out;
    if (sw != EMRTD_SW_OK) {
        rc = sw == EMRTD_SW_INS_UNSUPPORTED || sw == 0x6A80 ? EMRTD_ENOTSUP : EMRTD_EAUTH;
        goto out;
    }
    o = 0;
    ga[o++] = 0x7C;
    ga[o++] = (uint8_t)(2 + pl);
    ga[o++] = 0x80;
    ga[o++] = (uint8_t)pl;
    memcpy(ga + o, pt, pl);
    o += pl;
    a = (struct emrtd_apdu){0x00, 0x86, 0x00, 0x00, ga, o, 256};
    if ((rc = emrtd_transmit(ch, &a, resp, sizeof(resp), &rl, &sw)) != 0)
        goto out;
    if (sw != EMRTD_SW_OK) {
        rc = EMRTD_EAUTH;
        goto out;
    }
    /* Our side of the agreement: SK_eph * PK_chip. */
    EC_POINT *chip_point = EC_POINT_new(g);
    if (!chip_point || !EC_POINT_oct2point(g, chip_point, chip_pt, chip_pl, ctx)) {
        EC_POINT_free(chip_point);
        rc = EMRTD_EPROTO;
        goto out;
    }
    uint8_t kenc[32], kmac[32];
    rc = emrtd_pace_session_keys(&info, g, sk, chip_point, kenc, kmac, ctx);
    EC_POINT_free(chip_point);
    if (!rc)
        rc = emrtd_sm_init(&next, EMRTD_SM_AES, kenc, kmac, key_len, NULL);
    explicit_bzero(kenc, sizeof(kenc));
    explicit_bzero(kmac, sizeof(kmac));
    if (rc)
        goto out;
    /* Proof: the chip answers under the new keys. */
    static const uint8_t com[2] = {0x01, 0x1E};
    *sm = next;
    ch->sm = sm;
    a = (struct emrtd_apdu){0x00, 0xA4, 0x02, 0x0C, com, 2, 0};
    rc = emrtd_transmit(ch, &a, NULL, 0, &rl, &sw);
    if (rc == EMRTD_ESM)
        rc = EMRTD_EAUTH;
out:
    emrtd_sm_wipe(&next);
    BN_clear_free(sk);
    EC_POINT_free(pk);
    BN_CTX_free(ctx);
    EC_GROUP_free(g);
    return rc;
}
