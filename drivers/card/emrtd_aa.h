/* emrtd_aa.h: Active Authentication (ICAO 9303-11 §6.1): INTERNAL AUTHENTICATE with a fresh
 * 8-byte challenge, the signature checked against the DG15 public key: RSA with ISO 9796-2
 * scheme 1 message recovery (trailer BC = SHA-1, or xxCC with the hash named), or ECDSA with
 * the signature as plain r||s (BSI TR-03111). A chip copied without its private key fails.
 *
 * Ownership: emrtd_aa_key_from_dg15() gives an EVP_PKEY the caller frees. */
#ifndef DRIVERS_CARD_EMRTD_AA_H
#define DRIVERS_CARD_EMRTD_AA_H

#include <openssl/evp.h>
#include <stddef.h>
#include <stdint.h>

#include "drivers/card/emrtd_apdu.h"

/* DG15 = 6F L SubjectPublicKeyInfo. EMRTD_EPROTO when malformed. */
int emrtd_aa_key_from_dg15(const uint8_t *dg15, size_t n, EVP_PKEY **out);
/* Checks sig over challenge. ec_md: hash for ECDSA (NULL = SHA-256). 0 or EMRTD_EAUTH. */
int emrtd_aa_verify(EVP_PKEY *pub, const uint8_t *challenge, size_t clen, const uint8_t *sig,
                    size_t slen, const EVP_MD *ec_md);
/* The ECDSA hash named by DG14's ActiveAuthenticationInfo signatureAlgorithm (DER contents of
 * ecdsa-with-SHA1/224/256/384/512), NULL when unknown (then SHA-256 is used). */
const EVP_MD *emrtd_aa_ecdsa_md(const uint8_t *alg_oid, size_t len);
#define EMRTD_AA_MAX_SIG 512 /* RSA-4096; ECDSA P-521 r||s is 132 */

/* What was asked and answered, kept for the upstream to check again (card_evidence.h). */
struct emrtd_aa_transcript {
    uint8_t challenge[8];
    uint8_t sig[EMRTD_AA_MAX_SIG];
    size_t sig_len; /* 0 when the chip gave no signature */
};

/* Sends INTERNAL AUTHENTICATE on ch (under SM) and verifies the answer. challenge: 8 bytes to
 * send, or NULL for fresh random ones. tr (may be NULL) gets the challenge and the signature.
 * 0, EMRTD_EAUTH (wrong signature: possible clone), EMRTD_ENOTSUP (the chip has no AA) or a
 * transport error. */
int emrtd_aa_run(struct emrtd_chan *ch, EVP_PKEY *pub, const EVP_MD *ec_md,
                 const uint8_t *challenge, struct emrtd_aa_transcript *tr);

#endif
