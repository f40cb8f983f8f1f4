/* emrtd_pace.h: PACE (ICAO 9303-11 §4.4) with ECDH generic mapping and AES secure messaging,
 * terminal side, plus the EC helpers the software chip shares. OpenSSL 3 does every curve
 * operation; the standardized domain parameter ids 8-18 (NIST and Brainpool curves, 9303-11
 * §9.5.1) are supported, with AES-128/192/256 CBC+CMAC.
 *
 * A successful run leaves an AES session (SSC 0) in *sm; the caller owns and wipes it. Every
 * secret (K_pi, nonce, private keys, shared secret) is wiped before return. */
#ifndef DRIVERS_CARD_EMRTD_PACE_H
#define DRIVERS_CARD_EMRTD_PACE_H

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <stddef.h>
#include <stdint.h>

#include "drivers/card/emrtd_apdu.h"
#include "drivers/card/emrtd_sm.h"

#define EMRTD_PACE_OID_MAX 16

/* A PACEInfo we can run (from EF.CardAccess). */
struct emrtd_pace_info {
    uint8_t oid[EMRTD_PACE_OID_MAX]; /* DER contents of the protocol OID */
    size_t oid_len;
    int version;
    int param_id;     /* standardized domain parameters */
    int has_param_id; /* the PACEInfo named it (then MSE:Set AT sends DO'84') */
    int curve_nid;
    enum emrtd_sm_alg alg; /* always AES here */
    size_t key_len;        /* 16, 24, 32 */
};

enum emrtd_pace_pw { EMRTD_PACE_PW_MRZ = 1, EMRTD_PACE_PW_CAN = 2 };

/* Picks the first supported PACEInfo of EF.CardAccess (a SET of SecurityInfos).
 * EMRTD_ENOTSUP when there is none we support, EMRTD_EPROTO when malformed. */
int emrtd_pace_parse_card_access(const uint8_t *p, size_t n, struct emrtd_pace_info *out);
/* Fills the cipher fields of info from its OID and param id (0 or EMRTD_ENOTSUP). */
int emrtd_pace_info_from_oid(struct emrtd_pace_info *info);
/* OpenSSL curve NID for a standardized parameter id, 0 when unsupported. */
int emrtd_pace_curve_nid(int param_id);

/* K_pi = KDF(pi, 3): pi is the CAN digits, or SHA-1(MRZ_information) for the MRZ. */
int emrtd_pace_kpi(const struct emrtd_pace_info *info, enum emrtd_pace_pw pw_type, const char *pw,
                   uint8_t kpi[32]);

/* Runs PACE on ch. EMRTD_EACCESS: the chip refused the password (wrong CAN/MRZ). */
int emrtd_pace_run(struct emrtd_chan *ch, const struct emrtd_pace_info *info,
                   enum emrtd_pace_pw pw_type, const char *pw, struct emrtd_sm *sm);

/* Shared EC helpers (terminal and chip). */
/* A fresh key pair on generator gen: *sk in [1, n-1], *pk = sk * gen. Caller frees both. */
int emrtd_pace_keypair(const EC_GROUP *g, const EC_POINT *gen, BIGNUM **sk, EC_POINT **pk,
                       BN_CTX *ctx);
/* Generic mapping: gen_out = s * G + sk_map * pk_map_other (9303-11 §4.4.3.3.1). */
int emrtd_pace_gm_map(const EC_GROUP *g, const uint8_t *s, size_t slen, const BIGNUM *sk_map,
                      const EC_POINT *pk_map_other, EC_POINT *gen_out, BN_CTX *ctx);
/* Decodes an uncompressed point and checks it is on the curve and not infinity. */
int emrtd_pace_point_decode(const EC_GROUP *g, const uint8_t *p, size_t n, EC_POINT **out,
                            BN_CTX *ctx);
/* Encodes a point uncompressed (04 || x || y). */
int emrtd_pace_point_encode(const EC_GROUP *g, const EC_POINT *pt, uint8_t *out, size_t cap,
                            size_t *olen, BN_CTX *ctx);
/* Session keys from x(sk * pk_other): kenc = KDF(x, 1), kmac = KDF(x, 2). */
int emrtd_pace_session_keys(const struct emrtd_pace_info *info, const EC_GROUP *g, const BIGNUM *sk,
                            const EC_POINT *pk_other, uint8_t kenc[32], uint8_t kmac[32],
                            BN_CTX *ctx);
/* Authentication token MAC(kmac, 7F49 {06 oid, 86 pk}) (9303-11 §4.4.3.4). */
int emrtd_pace_token(const struct emrtd_pace_info *info, const uint8_t *kmac, const uint8_t *pk,
                     size_t pk_len, uint8_t t[8]);

#endif
