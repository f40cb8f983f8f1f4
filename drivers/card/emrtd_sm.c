/* emrtd_sm.c: ICAO 9303-11 §9.8 secure messaging, both directions, and its primitives.
 *
 * Protected command:  CLA|0C INS P1 P2 Lc [DO'87'/'85' cryptogram] [DO'97' Le] DO'8E' MAC 00
 * Protected response: [DO'87'/'85' cryptogram] DO'99' SW DO'8E' MAC SW
 * MAC input: pad(SSC || pad(header) || DOs) for commands, pad(SSC || DOs) for responses.
 * IV: zero for 3DES (BAC), E(KSenc, SSC) for AES (ICAO 9303-11 §9.8.6.1).
 * Invariants: the SSC is incremented before each MAC, on both sides; a MAC mismatch returns
 * EMRTD_ESM and nothing decrypted leaves the function. Single DES is not in OpenSSL 3's default
 * provider, so MAC algorithm 3 runs as DES-CBC = 2-key 3DES with K1||K1, and its final
 * "decrypt K2, encrypt K1" step as one 3DES (K1,K2,K1) block encryption. */
#include "drivers/card/tlv.h"
#include "drivers/card/emrtd_sm.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <string.h>

#define SM_MAX_BUF EMRTD_MAX_EXT_RAPDU /* an extended READ BINARY answer */

static size_t sm_blk(enum emrtd_sm_alg alg)
{
    return alg == EMRTD_SM_AES ? 16 : 8;
}

size_t emrtd_sm_pad(uint8_t *buf, size_t n, size_t blk)
{
    buf[n++] = 0x80;
    while (n % blk)
        buf[n++] = 0x00;
    return n;
}

size_t emrtd_sm_unpad(const uint8_t *buf, size_t n, int *ok)
{
    *ok = 0;
    while (n > 0 && buf[n - 1] == 0x00)
        n--;
    if (n == 0 || buf[n - 1] != 0x80)
        return 0;
    *ok = 1;
    return n - 1;
}

static const EVP_CIPHER *sm_evp(enum emrtd_sm_alg alg, size_t key_len, int cbc)
{
    if (alg == EMRTD_SM_3DES)
        return key_len == 16 ? (cbc ? EVP_des_ede_cbc() : EVP_des_ede_ecb()) : NULL;
    switch (key_len) {
    case 16:
        return cbc ? EVP_aes_128_cbc() : EVP_aes_128_ecb();
    case 24:
        return cbc ? EVP_aes_192_cbc() : EVP_aes_192_ecb();
    case 32:
        return cbc ? EVP_aes_256_cbc() : EVP_aes_256_ecb();
    }
    return NULL;
}

int emrtd_sm_cipher(enum emrtd_sm_alg alg, const uint8_t *key, size_t key_len, const uint8_t *iv,
                    const uint8_t *in, size_t n, uint8_t *out, int encrypt)
{
    static const uint8_t zero[16];
    const EVP_CIPHER *c = sm_evp(alg, key_len, 1);
    EVP_CIPHER_CTX *ctx = NULL;
    int rc = EMRTD_ECRYPTO, l1 = 0, l2 = 0;

    if (!c || n % sm_blk(alg) || n > INT32_MAX)
        return EMRTD_EINVAL;
    if (!(ctx = EVP_CIPHER_CTX_new()))
        return EMRTD_ENOMEM;
    if (EVP_CipherInit_ex(ctx, c, NULL, key, iv ? iv : zero, encrypt) != 1 ||
        EVP_CIPHER_CTX_set_padding(ctx, 0) != 1 ||
        EVP_CipherUpdate(ctx, out, &l1, in, (int)n) != 1 ||
        EVP_CipherFinal_ex(ctx, out + l1, &l2) != 1 || (size_t)(l1 + l2) != n)
        goto out;
    rc = 0;
out:
    EVP_CIPHER_CTX_free(ctx);
    return rc;
}

/* ISO 9797-1 MAC algorithm 3 with DES, padded input. */
static int sm_mac3(const uint8_t *key, const uint8_t *in, size_t n, uint8_t mac[8])
{
    uint8_t k1k1[16], h[8] = {0}, last[8], tmp[SM_MAX_BUF + 64];
    int rc;

    if (n == 0 || n % 8 || n > sizeof(tmp))
        return EMRTD_EINVAL;
    memcpy(k1k1, key, 8);
    memcpy(k1k1 + 8, key, 8);
    if (n > 8) {
        rc = emrtd_sm_cipher(EMRTD_SM_3DES, k1k1, 16, NULL, in, n - 8, tmp, 1);
        if (rc)
            goto out;
        memcpy(h, tmp + n - 16, 8);
    }
    for (int i = 0; i < 8; i++)
        last[i] = in[n - 8 + i];
    /* E_K1(D_K2(E_K1(x ^ h))) is one 3DES block with IV h. */
    rc = emrtd_sm_cipher(EMRTD_SM_3DES, key, 16, h, last, 8, mac, 1);
out:
    explicit_bzero(k1k1, sizeof(k1k1));
    explicit_bzero(tmp, sizeof(tmp));
    return rc;
}

static int sm_cmac(const uint8_t *key, size_t key_len, const uint8_t *in, size_t n, uint8_t mac[8])
{
    const char *cname = key_len == 16   ? "AES-128-CBC"
                        : key_len == 24 ? "AES-192-CBC"
                                        : "AES-256-CBC";
    EVP_MAC *m = NULL;
    EVP_MAC_CTX *ctx = NULL;
    OSSL_PARAM params[2];
    uint8_t full[16];
    size_t outl = 0;
    int rc = EMRTD_ECRYPTO;

    params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER, (char *)cname, 0);
    params[1] = OSSL_PARAM_construct_end();
    if (!(m = EVP_MAC_fetch(NULL, "CMAC", NULL)) || !(ctx = EVP_MAC_CTX_new(m)))
        goto out;
    if (EVP_MAC_init(ctx, key, key_len, params) != 1 || EVP_MAC_update(ctx, in, n) != 1 ||
        EVP_MAC_final(ctx, full, &outl, sizeof(full)) != 1 || outl != 16)
        goto out;
    memcpy(mac, full, 8);
    rc = 0;
out:
    EVP_MAC_CTX_free(ctx);
    EVP_MAC_free(m);
    return rc;
}

int emrtd_sm_mac(enum emrtd_sm_alg alg, const uint8_t *key, size_t key_len, const uint8_t *in,
                 size_t n, uint8_t mac[8])
{
    if (alg == EMRTD_SM_3DES)
        return key_len == 16 ? sm_mac3(key, in, n, mac) : EMRTD_EINVAL;
    return sm_cmac(key, key_len, in, n, mac);
}

static void sm_des_parity(uint8_t *k, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint8_t b = k[i] & 0xFE;
        int ones = __builtin_popcount(b);
        k[i] = (uint8_t)(b | ((ones & 1) ? 0 : 1));
    }
}

int emrtd_sm_kdf(enum emrtd_sm_alg alg, size_t key_len, const uint8_t *secret, size_t slen,
                 uint32_t counter, uint8_t *out)
{
    uint8_t c[4] = {(uint8_t)(counter >> 24), (uint8_t)(counter >> 16), (uint8_t)(counter >> 8),
                    (uint8_t)counter};
    uint8_t md[EVP_MAX_MD_SIZE];
    unsigned mdl = 0;
    const EVP_MD *h = (alg == EMRTD_SM_AES && key_len > 16) ? EVP_sha256() : EVP_sha1();
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    int rc = EMRTD_ECRYPTO;

    if (!ctx)
        return EMRTD_ENOMEM;
    if (EVP_DigestInit_ex(ctx, h, NULL) != 1 || EVP_DigestUpdate(ctx, secret, slen) != 1 ||
        EVP_DigestUpdate(ctx, c, 4) != 1 || EVP_DigestFinal_ex(ctx, md, &mdl) != 1 || mdl < key_len)
        goto out;
    memcpy(out, md, key_len);
    if (alg == EMRTD_SM_3DES)
        sm_des_parity(out, key_len);
    rc = 0;
out:
    explicit_bzero(md, sizeof(md));
    EVP_MD_CTX_free(ctx);
    return rc;
}

int emrtd_sm_init(struct emrtd_sm *sm, enum emrtd_sm_alg alg, const uint8_t *kenc,
                  const uint8_t *kmac, size_t key_len, const uint8_t *ssc)
{
    memset(sm, 0, sizeof(*sm));
    if (key_len > sizeof(sm->kenc) || (alg == EMRTD_SM_3DES && (key_len != 16 || !ssc)))
        return EMRTD_EINVAL;
    sm->alg = alg;
    sm->key_len = key_len;
    memcpy(sm->kenc, kenc, key_len);
    memcpy(sm->kmac, kmac, key_len);
    sm->ssc_len = alg == EMRTD_SM_3DES ? 8 : 16;
    if (ssc)
        memcpy(sm->ssc, ssc, sm->ssc_len);
    return 0;
}

void emrtd_sm_wipe(struct emrtd_sm *sm)
{
    explicit_bzero(sm, sizeof(*sm));
}

static void sm_ssc_inc(struct emrtd_sm *sm)
{
    for (size_t i = sm->ssc_len; i-- > 0;)
        if (++sm->ssc[i] != 0)
            break;
}

static int sm_iv(const struct emrtd_sm *sm, uint8_t iv[16])
{
    memset(iv, 0, 16);
    if (sm->alg == EMRTD_SM_3DES)
        return 0;
    /* AES-ECB of one block = CBC with a zero IV. */
    return emrtd_sm_cipher(EMRTD_SM_AES, sm->kenc, sm->key_len, NULL, sm->ssc, 16, iv, 1);
}

/* MAC over pad(SSC || m). */
static int sm_mac_ssc(const struct emrtd_sm *sm, const uint8_t *m, size_t n, uint8_t mac[8])
{
    uint8_t buf[SM_MAX_BUF + 48];
    size_t l;
    int rc;

    if (n > SM_MAX_BUF)
        return EMRTD_EINVAL;
    memcpy(buf, sm->ssc, sm->ssc_len);
    memcpy(buf + sm->ssc_len, m, n);
    l = emrtd_sm_pad(buf, sm->ssc_len + n, sm_blk(sm->alg));
    rc = emrtd_sm_mac(sm->alg, sm->kmac, sm->key_len, buf, l, mac);
    explicit_bzero(buf, sizeof(buf));
    return rc;
}

/* Builds DO'87'/'85' with the encrypted, padded data at p. Returns its length or < 0. */
static int sm_crypto_do(const struct emrtd_sm *sm, int odd_ins, const uint8_t *data, size_t dlen,
                        uint8_t *p, size_t cap)
{
    uint8_t buf[SM_MAX_BUF], iv[16];
    size_t blk = sm_blk(sm->alg), pl, o = 0;
    int rc;

    if (dlen + blk > sizeof(buf) || dlen + blk + 8 > cap)
        return EMRTD_EINVAL;
    memcpy(buf, data, dlen);
    pl = emrtd_sm_pad(buf, dlen, blk);
    if ((rc = sm_iv(sm, iv)) != 0)
        goto out;
    p[o++] = odd_ins ? 0x85 : 0x87;
    o += tlv_encode_len(p + o, pl + (odd_ins ? 0 : 1));
    if (!odd_ins)
        p[o++] = 0x01; /* padding-content indicator: method 2 */
    if ((rc = emrtd_sm_cipher(sm->alg, sm->kenc, sm->key_len, iv, buf, pl, p + o, 1)) != 0)
        goto out;
    rc = (int)(o + pl);
out:
    explicit_bzero(buf, sizeof(buf));
    return rc;
}

/* Decrypts the value of a DO'87' (with indicator) or DO'85'. */
static int sm_decrypt_do(const struct emrtd_sm *sm, const struct tlv *t, uint8_t *out, size_t cap,
                         size_t *olen)
{
    uint8_t buf[SM_MAX_BUF], iv[16];
    const uint8_t *ct = t->value;
    size_t n = t->len;
    int rc, ok;

    if (t->tag == 0x87) {
        if (n < 1 || ct[0] != 0x01)
            return EMRTD_ESM;
        ct++;
        n--;
    }
    if (n == 0 || n % sm_blk(sm->alg) || n > sizeof(buf))
        return EMRTD_ESM;
    if ((rc = sm_iv(sm, iv)) != 0 ||
        (rc = emrtd_sm_cipher(sm->alg, sm->kenc, sm->key_len, iv, ct, n, buf, 0)) != 0)
        goto out;
    n = emrtd_sm_unpad(buf, n, &ok);
    if (!ok) {
        rc = EMRTD_ESM;
        goto out;
    }
    if (n > cap) {
        rc = EMRTD_EINVAL;
        goto out;
    }
    memcpy(out, buf, n);
    *olen = n;
    rc = 0;
out:
    explicit_bzero(buf, sizeof(buf));
    return rc;
}

int emrtd_sm_wrap_cmd(struct emrtd_sm *sm, const struct emrtd_apdu *a, uint8_t *out, size_t cap,
                      size_t *olen)
{
    uint8_t m[SM_MAX_BUF], mac[8];
    size_t blk = sm_blk(sm->alg), hl, body = 0, o = 0;
    int odd = a->ins & 1, rc;

    *olen = 0;
    if (a->lc > 255 || a->le > 65536 || (a->lc && !a->data))
        return EMRTD_EINVAL;
    int ext = a->le > 256; /* extended Le: DO'97' of two bytes, the APDU extended too */
    sm_ssc_inc(sm);
    m[0] = (uint8_t)(a->cla | 0x0C);
    m[1] = a->ins;
    m[2] = a->p1;
    m[3] = a->p2;
    hl = emrtd_sm_pad(m, 4, blk);
    body = hl;
    if (a->lc) {
        rc = sm_crypto_do(sm, odd, a->data, a->lc, m + body, sizeof(m) - body - 16);
        if (rc < 0)
            goto out;
        body += (size_t)rc;
    }
    if (a->le && ext) {
        m[body++] = 0x97;
        m[body++] = 0x02;
        m[body++] = (uint8_t)(a->le == 65536 ? 0 : a->le >> 8);
        m[body++] = (uint8_t)a->le;
    } else if (a->le) {
        m[body++] = 0x97;
        m[body++] = 0x01;
        m[body++] = (uint8_t)(a->le == 256 ? 0 : a->le);
    }
    if ((rc = sm_mac_ssc(sm, m, body, mac)) != 0)
        goto out;
    /* APDU: header, Lc, DOs (without the padded header), DO'8E', Le 00 (00 00 extended). */
    size_t dos = body - hl + 10;
    if (dos > 255 || 4 + 1 + dos + 1 + (ext ? 3 : 0) > cap) {
        rc = EMRTD_EINVAL;
        goto out;
    }
    memcpy(out, m, 4);
    o = 4;
    if (ext) {
        out[o++] = 0x00;
        out[o++] = 0x00;
    }
    out[o++] = (uint8_t)dos;
    memcpy(out + o, m + hl, body - hl);
    o += body - hl;
    out[o++] = 0x8E;
    out[o++] = 0x08;
    memcpy(out + o, mac, 8);
    o += 8;
    out[o++] = 0x00;
    if (ext)
        out[o++] = 0x00;
    *olen = o;
    rc = 0;
out:
    explicit_bzero(m, sizeof(m));
    return rc;
}

/* The MAC data object (tag 8E, 8 bytes) into got, once per message; EMRTD_ESM otherwise. */
static int sm_take_mac(const struct tlv *t, uint8_t got[8], int *have8e)
{
    if (t->len != 8)
        return EMRTD_ESM;
    *have8e = 1;
    memcpy(got, t->value, 8);
    return 0;
}

int emrtd_sm_unwrap_resp(struct emrtd_sm *sm, const uint8_t *r, size_t rlen, uint8_t *data,
                         size_t cap, size_t *dlen, uint16_t *sw)
{
    struct tlv t, crypt = {0};
    struct tlv_cursor dos;
    size_t mac_start = 0, mac_end = 0;
    int have99 = 0, have8e = 0, rc;
    uint8_t mac[8], got[8];
    uint16_t sw99 = 0;

    *dlen = 0;
    *sw = 0;
    if (rlen < 2)
        return EMRTD_EPROTO;
    *sw = (uint16_t)(r[rlen - 2] << 8 | r[rlen - 1]);
    rlen -= 2;
    sm_ssc_inc(sm);
    if (rlen == 0)
        return EMRTD_ESM; /* plain error: the chip has left secure messaging */
    tlv_cursor_init(&dos, r, rlen);
    while (tlv_remaining(&dos)) {
        if (tlv_next(&dos, &t) != 0)
            return EMRTD_ESM;
        if (have8e)
            return EMRTD_ESM; /* nothing may follow the MAC */
        switch (t.tag) {
        case 0x85:
        case 0x87:
            if (crypt.value || have99)
                return EMRTD_ESM;
            crypt = t;
            break;
        case 0x99:
            if (have99 || t.len != 2)
                return EMRTD_ESM;
            have99 = 1;
            sw99 = (uint16_t)(t.value[0] << 8 | t.value[1]);
            break;
        case 0x8E:
            if ((rc = sm_take_mac(&t, got, &have8e)) != 0)
                return rc;
            mac_end = (size_t)(t.raw - r); /* the MAC covers what precedes DO'8E' */
            break;
        default:
            return EMRTD_ESM;
        }
    }
    if (!have99 || !have8e)
        return EMRTD_ESM;
    if ((rc = sm_mac_ssc(sm, r + mac_start, mac_end - mac_start, mac)) != 0)
        return rc;
    if (CRYPTO_memcmp(mac, got, 8) != 0)
        return EMRTD_ESM;
    *sw = sw99;
    if (crypt.value)
        return sm_decrypt_do(sm, &crypt, data, cap, dlen);
    return 0;
}

int emrtd_sm_unwrap_cmd(struct emrtd_sm *sm, const uint8_t *c, size_t clen, struct emrtd_apdu *a,
                        uint8_t *buf, size_t cap)
{
    struct tlv t, crypt = {0};
    uint8_t m[SM_MAX_BUF], mac[8], got[8];
    struct tlv_cursor dos;
    size_t lc, blk = sm_blk(sm->alg), hl, body;
    int have8e = 0, rc;

    memset(a, 0, sizeof(*a));
    if (clen < 6 || (c[0] & 0x0C) != 0x0C)
        return EMRTD_ESM;
    size_t start = 5; /* the DOs: after a short Lc, or an extended one (00 xx xx) */
    lc = c[4];
    if (lc == 0 && clen >= 8) {
        lc = (size_t)(c[5] << 8 | c[6]);
        start = 7;
        if (lc == 0 || start + lc > clen || (clen != start + lc && clen != start + lc + 2))
            return EMRTD_ESM;
    } else if (lc == 0 || 5 + lc > clen || clen > 5 + lc + 1) {
        return EMRTD_ESM;
    }
    sm_ssc_inc(sm);
    memcpy(m, c, 4);
    hl = emrtd_sm_pad(m, 4, blk);
    body = hl;
    a->cla = (uint8_t)(c[0] & ~0x0C);
    a->ins = c[1];
    a->p1 = c[2];
    a->p2 = c[3];
    tlv_cursor_init(&dos, c + start, lc);
    while (tlv_remaining(&dos)) {
        if (tlv_next(&dos, &t) != 0 || have8e)
            return EMRTD_ESM;
        switch (t.tag) {
        case 0x85:
        case 0x87:
            if (crypt.value || a->le)
                return EMRTD_ESM;
            crypt = t;
            break;
        case 0x97:
            if (a->le || (t.len != 1 && t.len != 2))
                return EMRTD_ESM;
            if (t.len == 1)
                a->le = t.value[0] ? t.value[0] : 256;
            else
                a->le =
                    (t.value[0] << 8 | t.value[1]) ? (size_t)(t.value[0] << 8 | t.value[1]) : 65536;
            break;
        case 0x8E:
            if ((rc = sm_take_mac(&t, got, &have8e)) != 0)
                return rc;
            break;
        default:
            return EMRTD_ESM;
        }
        if (t.tag != 0x8E) {
            if (body + t.raw_len > sizeof(m) - 16)
                return EMRTD_ESM;
            memcpy(m + body, t.raw, t.raw_len);
            body += t.raw_len;
        }
    }
    if (!have8e)
        return EMRTD_ESM;
    if ((rc = sm_mac_ssc(sm, m, body, mac)) != 0)
        return rc;
    if (CRYPTO_memcmp(mac, got, 8) != 0)
        return EMRTD_ESM;
    if (crypt.value) {
        size_t dl = 0;
        if ((rc = sm_decrypt_do(sm, &crypt, buf, cap, &dl)) != 0 || dl > 255)
            return rc ? rc : EMRTD_ESM;
        a->data = buf;
        a->lc = dl;
    }
    return 0;
}

int emrtd_sm_wrap_resp(struct emrtd_sm *sm, const uint8_t *data, size_t dlen, uint16_t sw,
                       int odd_ins, uint8_t *out, size_t cap, size_t *olen)
{
    uint8_t mac[8];
    size_t o = 0;
    int rc;

    *olen = 0;
    sm_ssc_inc(sm);
    if (dlen) {
        rc = sm_crypto_do(sm, odd_ins, data, dlen, out, cap);
        if (rc < 0)
            return rc;
        o = (size_t)rc;
    }
    if (o + 4 + 10 + 2 > cap)
        return EMRTD_EINVAL;
    out[o++] = 0x99;
    out[o++] = 0x02;
    out[o++] = (uint8_t)(sw >> 8);
    out[o++] = (uint8_t)sw;
    if ((rc = sm_mac_ssc(sm, out, o, mac)) != 0)
        return rc;
    out[o++] = 0x8E;
    out[o++] = 0x08;
    memcpy(out + o, mac, 8);
    o += 8;
    out[o++] = (uint8_t)(sw >> 8);
    out[o++] = (uint8_t)sw;
    *olen = o;
    return 0;
}
