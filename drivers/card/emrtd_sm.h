/* emrtd_sm.h: ICAO 9303-11 §9.8 secure messaging (3DES from BAC, AES from PACE) and the
 * symmetric primitives both need, all through OpenSSL 3 (no cipher of our own).
 *
 * Both sides are here: the terminal wraps commands and unwraps responses; the software chip
 * (chip_sim) unwraps commands and wraps responses with the same code, so each direction is
 * checked against the other and against the ICAO worked example (Appendix D.4).
 *
 * Send sequence counter: incremented before every wrap and every unwrap, on both sides, also
 * when the response carries an error status. A failed MAC leaves the session unusable
 * (emrtd_sm_wipe and re-authenticate). Keys live only inside struct emrtd_sm and are wiped by
 * emrtd_sm_wipe(). */
#ifndef DRIVERS_CARD_EMRTD_SM_H
#define DRIVERS_CARD_EMRTD_SM_H

#include <stddef.h>
#include <stdint.h>

#include "drivers/card/emrtd_apdu.h"

enum emrtd_sm_alg { EMRTD_SM_3DES = 1, EMRTD_SM_AES = 2 };

struct emrtd_sm {
    enum emrtd_sm_alg alg;
    size_t key_len; /* 16 (3DES two-key, AES-128), 24 or 32 (AES) */
    uint8_t kenc[32];
    uint8_t kmac[32];
    uint8_t ssc[16];
    size_t ssc_len; /* 8 (3DES) or 16 (AES) */
};

/* Starts a session with the given keys and initial SSC (8 bytes for 3DES; for AES ssc may be
 * NULL: 16 zero bytes). */
int emrtd_sm_init(struct emrtd_sm *sm, enum emrtd_sm_alg alg, const uint8_t *kenc,
                  const uint8_t *kmac, size_t key_len, const uint8_t *ssc);
void emrtd_sm_wipe(struct emrtd_sm *sm);

/* Terminal side: wraps a plain command into a protected APDU (short; extended when Le > 256:
 * DO'97' of two bytes, Lc 00 xx xx, Le 00 00). */
int emrtd_sm_wrap_cmd(struct emrtd_sm *sm, const struct emrtd_apdu *a, uint8_t *out, size_t cap,
                      size_t *olen);
/* Terminal side: checks and decrypts a protected response (data objects + SW). A plain error
 * response without DO'8E' gives EMRTD_ESM (the chip dropped the session), with *sw set. */
int emrtd_sm_unwrap_resp(struct emrtd_sm *sm, const uint8_t *r, size_t rlen, uint8_t *data,
                         size_t cap, size_t *dlen, uint16_t *sw);

/* Chip side: checks and decrypts a protected command. *a points into buf (the plain data). */
int emrtd_sm_unwrap_cmd(struct emrtd_sm *sm, const uint8_t *c, size_t clen, struct emrtd_apdu *a,
                        uint8_t *buf, size_t cap);
/* Chip side: wraps response data + SW (odd_ins: data goes in DO'85'). */
int emrtd_sm_wrap_resp(struct emrtd_sm *sm, const uint8_t *data, size_t dlen, uint16_t sw,
                       int odd_ins, uint8_t *out, size_t cap, size_t *olen);

/* Primitives. CBC without padding (n a multiple of the block), IV given (NULL = zero). */
int emrtd_sm_cipher(enum emrtd_sm_alg alg, const uint8_t *key, size_t key_len, const uint8_t *iv,
                    const uint8_t *in, size_t n, uint8_t *out, int encrypt);
/* The 8-byte MAC over already padded input: ISO 9797-1 MAC algorithm 3 (3DES) or AES-CMAC
 * truncated to 8 bytes. */
int emrtd_sm_mac(enum emrtd_sm_alg alg, const uint8_t *key, size_t key_len, const uint8_t *in,
                 size_t n, uint8_t mac[8]);
/* ISO 9797-1 padding method 2 in place: appends 80 00.. to a multiple of blk. buf must hold
 * n + blk bytes. Returns the padded length. */
size_t emrtd_sm_pad(uint8_t *buf, size_t n, size_t blk);
/* Length of the data before method-2 padding, or 0 (and *ok 0) when the padding is bad. */
size_t emrtd_sm_unpad(const uint8_t *buf, size_t n, int *ok);
/* ICAO 9303-11 §9.7.1 KDF: H(secret || counter32)[..key_len], SHA-1 for 3DES/AES-128,
 * SHA-256 for AES-192/256; 3DES keys get DES parity. */
int emrtd_sm_kdf(enum emrtd_sm_alg alg, size_t key_len, const uint8_t *secret, size_t slen,
                 uint32_t counter, uint8_t *out);

#endif
