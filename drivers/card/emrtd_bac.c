/* emrtd_bac.c: Basic Access Control, ICAO 9303-11 §4.3 (worked example: Appendix D.3).
 *
 * S = RND.IFD || RND.ICC || K.IFD, E_IFD = 3DES-CBC(Kenc, S), M_IFD = MAC3(Kmac, pad(E_IFD)).
 * The chip answers R = RND.ICC || RND.IFD || K.ICC encrypted and MACed the same way. Session:
 * KSseed = K.IFD xor K.ICC, KSenc/KSmac = KDF(KSseed, 1/2), SSC = RND.ICC[4..8] || RND.IFD[4..8].
 * Guarantees: a MAC is checked before anything is decrypted; every secret is wiped on return. */
#include "drivers/card/mrz.h"
#include "drivers/card/emrtd_bac.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <string.h>

static int bac_field(char *out, const char *in, size_t n)
{
    size_t l = strlen(in);
    int cd;

    if (l > n)
        return EMRTD_EINVAL;
    memcpy(out, in, l);
    memset(out + l, '<', n - l);
    if ((cd = mrz_check_digit(out, n)) < 0)
        return EMRTD_EINVAL;
    out[n] = (char)('0' + cd);
    return 0;
}

int emrtd_bac_mrz_info(const char *doc, const char *dob, const char *doe,
                       char out[EMRTD_MRZ_INFO_SIZE])
{
    memset(out, 0, EMRTD_MRZ_INFO_SIZE);
    if (!doc || !dob || !doe || strlen(dob) != 6 || strlen(doe) != 6)
        return EMRTD_EINVAL;
    if (bac_field(out, doc, 9) || bac_field(out + 10, dob, 6) || bac_field(out + 17, doe, 6)) {
        memset(out, 0, EMRTD_MRZ_INFO_SIZE);
        return EMRTD_EINVAL;
    }
    return 0;
}

int emrtd_bac_keys(const char *mrz_info, uint8_t kenc[16], uint8_t kmac[16])
{
    uint8_t md[20];
    int rc;

    if (!EVP_Digest(mrz_info, strlen(mrz_info), md, NULL, EVP_sha1(), NULL))
        return EMRTD_ECRYPTO;
    rc = emrtd_sm_kdf(EMRTD_SM_3DES, 16, md, 16, 1, kenc);
    if (!rc)
        rc = emrtd_sm_kdf(EMRTD_SM_3DES, 16, md, 16, 2, kmac);
    explicit_bzero(md, sizeof(md));
    return rc;
}

/* Encrypts 32 bytes and MACs them: out = E || M. */
static int bac_seal(const uint8_t kenc[16], const uint8_t kmac[16], const uint8_t s[32],
                    uint8_t out[40])
{
    uint8_t buf[40];
    int rc;

    if ((rc = emrtd_sm_cipher(EMRTD_SM_3DES, kenc, 16, NULL, s, 32, out, 1)) != 0)
        return rc;
    memcpy(buf, out, 32);
    emrtd_sm_pad(buf, 32, 8);
    return emrtd_sm_mac(EMRTD_SM_3DES, kmac, 16, buf, 40, out + 32);
}

/* Checks the MAC of in = E || M and decrypts E into s. */
static int bac_open(const uint8_t kenc[16], const uint8_t kmac[16], const uint8_t in[40],
                    uint8_t s[32])
{
    uint8_t buf[40], mac[8];
    int rc;

    memcpy(buf, in, 32);
    emrtd_sm_pad(buf, 32, 8);
    if ((rc = emrtd_sm_mac(EMRTD_SM_3DES, kmac, 16, buf, 40, mac)) != 0)
        return rc;
    if (CRYPTO_memcmp(mac, in + 32, 8) != 0)
        return EMRTD_EACCESS;
    return emrtd_sm_cipher(EMRTD_SM_3DES, kenc, 16, NULL, in, 32, s, 0);
}

static int bac_session(const uint8_t k_a[16], const uint8_t k_b[16], const uint8_t rnd_icc[8],
                       const uint8_t rnd_ifd[8], struct emrtd_sm *sm)
{
    uint8_t seed[16], ksenc[16], ksmac[16], ssc[8];
    int rc;

    for (int i = 0; i < 16; i++)
        seed[i] = k_a[i] ^ k_b[i];
    memcpy(ssc, rnd_icc + 4, 4);
    memcpy(ssc + 4, rnd_ifd + 4, 4);
    rc = emrtd_sm_kdf(EMRTD_SM_3DES, 16, seed, 16, 1, ksenc);
    if (!rc)
        rc = emrtd_sm_kdf(EMRTD_SM_3DES, 16, seed, 16, 2, ksmac);
    if (!rc)
        rc = emrtd_sm_init(sm, EMRTD_SM_3DES, ksenc, ksmac, 16, ssc);
    explicit_bzero(seed, sizeof(seed));
    explicit_bzero(ksenc, sizeof(ksenc));
    explicit_bzero(ksmac, sizeof(ksmac));
    return rc;
}

int emrtd_bac_build(const uint8_t kenc[16], const uint8_t kmac[16], const uint8_t rnd_icc[8],
                    const uint8_t rnd_ifd[8], const uint8_t k_ifd[16], uint8_t out[40])
{
    uint8_t s[32];
    int rc;

    memcpy(s, rnd_ifd, 8);
    memcpy(s + 8, rnd_icc, 8);
    memcpy(s + 16, k_ifd, 16);
    rc = bac_seal(kenc, kmac, s, out);
    explicit_bzero(s, sizeof(s));
    return rc;
}

int emrtd_bac_finish(const uint8_t kenc[16], const uint8_t kmac[16], const uint8_t resp[40],
                     const uint8_t rnd_icc[8], const uint8_t rnd_ifd[8], const uint8_t k_ifd[16],
                     struct emrtd_sm *sm)
{
    uint8_t r[32];
    int rc;

    memset(sm, 0, sizeof(*sm));
    if ((rc = bac_open(kenc, kmac, resp, r)) != 0)
        goto out;
    if (CRYPTO_memcmp(r, rnd_icc, 8) != 0 || CRYPTO_memcmp(r + 8, rnd_ifd, 8) != 0) {
        rc = EMRTD_EACCESS;
        goto out;
    }
    rc = bac_session(k_ifd, r + 16, rnd_icc, rnd_ifd, sm);
out:
    explicit_bzero(r, sizeof(r));
    return rc;
}

int emrtd_bac_run(struct emrtd_chan *ch, const char *mrz_info, struct emrtd_sm *sm)
{
    uint8_t kenc[16], kmac[16], rnd_icc[8], rnd_ifd[8], k_ifd[16], cmd[40], resp[64];
    size_t rl = 0;
    uint16_t sw = 0;
    struct emrtd_apdu a = {0x00, 0x84, 0x00, 0x00, NULL, 0, 8};
    int rc;

    memset(sm, 0, sizeof(*sm));
    if ((rc = emrtd_bac_keys(mrz_info, kenc, kmac)) != 0)
        goto out;
    if ((rc = emrtd_transmit(ch, &a, resp, sizeof(resp), &rl, &sw)) != 0)
        goto out;
    if (sw != EMRTD_SW_OK || rl != 8) {
        rc = sw == EMRTD_SW_OK
                 ? EMRTD_EPROTO
                 : (sw == EMRTD_SW_INS_UNSUPPORTED ? EMRTD_ENOTSUP : emrtd_sw_to_err(sw));
        goto out;
    }
    memcpy(rnd_icc, resp, 8);
    if (RAND_bytes(rnd_ifd, 8) != 1 || RAND_bytes(k_ifd, 16) != 1) {
        rc = EMRTD_ECRYPTO;
        goto out;
    }
    if ((rc = emrtd_bac_build(kenc, kmac, rnd_icc, rnd_ifd, k_ifd, cmd)) != 0)
        goto out;
    a = (struct emrtd_apdu){0x00, 0x82, 0x00, 0x00, cmd, 40, 40};
    if ((rc = emrtd_transmit(ch, &a, resp, sizeof(resp), &rl, &sw)) != 0)
        goto out;
    if (sw != EMRTD_SW_OK) {
        rc = (sw == EMRTD_SW_AUTH_FAILED || sw == EMRTD_SW_SEC_STATUS || sw == 0x6985 ||
              (sw & 0xFFF0) == 0x63C0)
                 ? EMRTD_EACCESS
                 : emrtd_sw_to_err(sw);
        goto out;
    }
    if (rl != 40) {
        rc = EMRTD_EPROTO;
        goto out;
    }
    rc = emrtd_bac_finish(kenc, kmac, resp, rnd_icc, rnd_ifd, k_ifd, sm);
out:
    explicit_bzero(kenc, sizeof(kenc));
    explicit_bzero(kmac, sizeof(kmac));
    explicit_bzero(k_ifd, sizeof(k_ifd));
    explicit_bzero(resp, sizeof(resp));
    return rc;
}

int emrtd_bac_chip_answer(const uint8_t kenc[16], const uint8_t kmac[16], const uint8_t rnd_icc[8],
                          const uint8_t k_icc[16], const uint8_t cmd[40], uint8_t resp[40],
                          struct emrtd_sm *sm)
{
    uint8_t s[32], r[32];
    int rc;

    memset(sm, 0, sizeof(*sm));
    if ((rc = bac_open(kenc, kmac, cmd, s)) != 0)
        goto out;
    if (CRYPTO_memcmp(s + 8, rnd_icc, 8) != 0) {
        rc = EMRTD_EACCESS;
        goto out;
    }
    memcpy(r, rnd_icc, 8);
    memcpy(r + 8, s, 8);
    memcpy(r + 16, k_icc, 16);
    if ((rc = bac_seal(kenc, kmac, r, resp)) != 0)
        goto out;
    rc = bac_session(s + 16, k_icc, rnd_icc, s, sm);
out:
    explicit_bzero(s, sizeof(s));
    explicit_bzero(r, sizeof(r));
    return rc;
}
