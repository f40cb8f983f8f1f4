/* emrtd_ca.h: Chip Authentication with ECDH and AES (ICAO 9303-11 §6.2, id-CA-ECDH-AES-CBC-
 * CMAC-128/192/256), terminal side, plus the key agreement the software chip shares.
 *
 * Under the running SM session: MSE:Set AT (41 A4) {80 OID, [84 key id]}, then GENERAL
 * AUTHENTICATE {80 ephemeral public key} → 7C 00. Both sides derive new AES keys from
 * x(SK * PK) with the KDF and restart SM with SSC 0; the next protected exchange proves the chip
 * holds the private key of DG14 (anti-clone). Ownership: the caller owns the EVP_PKEYs. */
#ifndef DRIVERS_CARD_EMRTD_CA_H
#define DRIVERS_CARD_EMRTD_CA_H

#include <openssl/evp.h>
#include <stddef.h>
#include <stdint.h>

#include "drivers/card/emrtd_apdu.h"
#include "drivers/card/emrtd_sm.h"

/* AES key length for a CA OID (DER contents), 0 when not an ECDH-AES CA OID we run. */
size_t emrtd_ca_key_len(const uint8_t *oid, size_t oid_len);

/* Runs CA on ch (ch->sm must be on). key_id < 0: no DO'84'. On 0, *sm holds the new session
 * and ch->sm points to it, already checked by one protected SELECT of EF.COM. EMRTD_EAUTH when
 * the chip cannot use the new keys (no private key: a clone); EMRTD_ENOTSUP for a key or OID
 * this code does not run. */
int emrtd_ca_run(struct emrtd_chan *ch, const uint8_t *oid, size_t oid_len, long key_id,
                 EVP_PKEY *chip_pub, struct emrtd_sm *sm);

/* Both sides: new session keys from our private key and the other side's public point. */
int emrtd_ca_session(EVP_PKEY *own, const uint8_t *peer_point, size_t peer_len, size_t key_len,
                     struct emrtd_sm *sm);

#endif
