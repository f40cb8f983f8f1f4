/* emrtd_aa.c: Active Authentication, terminal side (ICAO 9303-11 §6.1, ISO/IEC 9796-2 §9).
 *
 * RSA: m' = s^e mod n must be 6A || M1 || H(M1 || RND.IFD) || trailer; every byte of the
 * recovered message is checked (header, trailer, hash), compared in constant time.
 * ECDSA: r||s (each the size of the order) converted to DER for OpenSSL. */
#include "drivers/card/emrtd_aa.h"
#include "drivers/card/tlv.h"

#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <string.h>

int emrtd_aa_key_from_dg15(const uint8_t *dg15, size_t n, EVP_PKEY **out)
{
    struct tlv t;
    const unsigned char *p;

    *out = NULL;
    if (tlv_first(dg15, n, &t) != 0 || t.tag != 0x6F || t.len > 4096)
        return EMRTD_EPROTO;
    p = t.value;
    if (!(*out = d2i_PUBKEY(NULL, &p, (long)t.len)) || p != t.value + t.len) {
        EVP_PKEY_free(*out);
        *out = NULL;
        return EMRTD_EPROTO;
    }
    return 0;
}

const EVP_MD *emrtd_aa_ecdsa_md(const uint8_t *alg_oid, size_t len)
{
    /* 1.2.840.10045.4.1 (SHA-1) and 1.2.840.10045.4.3.1-4 (SHA-224/256/384/512), RFC 5758 */
    static const uint8_t sha1[7] = {0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x01};
    static const uint8_t sha2[7] = {0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03};
    if (len == 7 && !memcmp(alg_oid, sha1, 7))
        return EVP_sha1();
    if (len == 8 && !memcmp(alg_oid, sha2, 7)) {
        switch (alg_oid[7]) {
        case 1:
            return EVP_sha224();
        case 2:
            return EVP_sha256();
        case 3:
            return EVP_sha384();
        case 4:
            return EVP_sha512();
        }
    }
    return NULL;
}

static const EVP_MD *aa_trailer_md(uint8_t id)
{
    switch (id) {
    case 0x33:
        return EVP_sha1();
    case 0x34:
        return EVP_sha256();
    case 0x35:
        return EVP_sha512();
    case 0x36:
        return EVP_sha384();
    case 0x38:
        return EVP_sha224();
    }
    return NULL;
}

static int aa_verify_rsa(EVP_PKEY *pub, const uint8_t *chal, size_t clen, const uint8_t *sig,
                         size_t slen)
{
    uint8_t m[1024], h[EVP_MAX_MD_SIZE];
    size_t ml = sizeof(m), tl;
    unsigned hl = 0;
    const EVP_MD *md;
    EVP_PKEY_CTX *pc = EVP_PKEY_CTX_new(pub, NULL);
    EVP_MD_CTX *mc = EVP_MD_CTX_new();
    int rc = EMRTD_EAUTH;

    if (!pc || !mc) {
        rc = EMRTD_ENOMEM;
        goto out;
    }
    if (slen != (size_t)EVP_PKEY_get_size(pub) || EVP_PKEY_verify_recover_init(pc) != 1 ||
        EVP_PKEY_CTX_set_rsa_padding(pc, RSA_NO_PADDING) != 1 ||
        EVP_PKEY_verify_recover(pc, m, &ml, sig, slen) != 1)
        goto out;
    if (ml < 32 || m[0] != 0x6A)
        goto out;
    if (m[ml - 1] == 0xBC) {
        md = EVP_sha1();
        tl = 1;
    } else if (m[ml - 1] == 0xCC && (md = aa_trailer_md(m[ml - 2])) != NULL) {
        tl = 2;
    } else {
        goto out;
    }
    size_t dl = (size_t)EVP_MD_get_size(md);
    if (ml < 1 + dl + tl + 1)
        goto out;
    size_t m1l = ml - 1 - dl - tl;
    if (EVP_DigestInit_ex(mc, md, NULL) != 1 || EVP_DigestUpdate(mc, m + 1, m1l) != 1 ||
        EVP_DigestUpdate(mc, chal, clen) != 1 || EVP_DigestFinal_ex(mc, h, &hl) != 1 || hl != dl)
        goto out;
    if (CRYPTO_memcmp(h, m + 1 + m1l, dl) == 0)
        rc = 0;
out:
    explicit_bzero(m, sizeof(m));
    EVP_MD_CTX_free(mc);
    EVP_PKEY_CTX_free(pc);
    return rc;
}

static int aa_verify_ec(EVP_PKEY *pub, const uint8_t *chal, size_t clen, const uint8_t *sig,
                        size_t slen, const EVP_MD *md)
{
    ECDSA_SIG *es = ECDSA_SIG_new();
    BIGNUM *r = NULL, *s = NULL;
    unsigned char *der = NULL;
    EVP_MD_CTX *mc = EVP_MD_CTX_new();
    int dl, rc = EMRTD_EAUTH;

    if (!es || !mc) {
        rc = EMRTD_ENOMEM;
        goto out;
    }
    if (slen == 0 || slen % 2 || slen > 132)
        goto out;
    r = BN_bin2bn(sig, (int)(slen / 2), NULL);
    s = BN_bin2bn(sig + slen / 2, (int)(slen / 2), NULL);
    if (!r || !s || !ECDSA_SIG_set0(es, r, s))
        goto out;
    r = s = NULL;
    if ((dl = i2d_ECDSA_SIG(es, &der)) <= 0)
        goto out;
    if (EVP_DigestVerifyInit(mc, NULL, md ? md : EVP_sha256(), NULL, pub) == 1 &&
        EVP_DigestVerify(mc, der, (size_t)dl, chal, clen) == 1)
        rc = 0;
out:
    OPENSSL_free(der);
    BN_free(r);
    BN_free(s);
    ECDSA_SIG_free(es);
    EVP_MD_CTX_free(mc);
    return rc;
}

int emrtd_aa_verify(EVP_PKEY *pub, const uint8_t *challenge, size_t clen, const uint8_t *sig,
                    size_t slen, const EVP_MD *ec_md)
{
    switch (EVP_PKEY_get_base_id(pub)) {
    case EVP_PKEY_RSA:
        return aa_verify_rsa(pub, challenge, clen, sig, slen);
    case EVP_PKEY_EC:
        return aa_verify_ec(pub, challenge, clen, sig, slen, ec_md);
    }
    return EMRTD_ENOTSUP;
}

int emrtd_aa_run(struct emrtd_chan *ch, EVP_PKEY *pub, const EVP_MD *ec_md,
                 const uint8_t *challenge, struct emrtd_aa_transcript *tr)
{
    uint8_t chal[8], sig[EMRTD_MAX_CHAINED];
    size_t sl = 0;
    uint16_t sw = 0;
    int rc;

    if (challenge)
        memcpy(chal, challenge, sizeof(chal));
    else if (RAND_bytes(chal, sizeof(chal)) != 1)
        return EMRTD_ECRYPTO;
    if (tr) {
        memcpy(tr->challenge, chal, sizeof(chal));
        tr->sig_len = 0;
    }
    struct emrtd_apdu a = {0x00, 0x88, 0x00, 0x00, chal, sizeof(chal), 256};
    if ((rc = emrtd_transmit(ch, &a, sig, sizeof(sig), &sl, &sw)) != 0)
        return rc;
    if (sw == EMRTD_SW_INS_UNSUPPORTED)
        return EMRTD_ENOTSUP;
    if (sw != EMRTD_SW_OK)
        return EMRTD_EAUTH;
    if (tr && sl <= sizeof(tr->sig)) {
        memcpy(tr->sig, sig, sl);
        tr->sig_len = sl;
    }
    return emrtd_aa_verify(pub, chal, sizeof(chal), sig, sl, ec_md);
}
