/* emrtd_sod.h: EF.SOD, the document security object (ICAO 9303-10 §4.6.2): a CMS SignedData
 * (RFC 5652) whose content (eContentType id-icao-mrtd-security-ldsSecurityObject
 * 2.23.136.1.1.1) lists a hash for every data group, signed by the document signer (DS)
 * whose certificate travels in the CMS.
 *
 * emrtd_sod_parse() only decodes and checks the structure; the signature, the chain and the
 * hashes are checked by emrtd_pa_verify() (emrtd_pa.h).
 *
 * Ownership: struct emrtd_sod owns the decoded CMS and the DS certificate;
 * emrtd_sod_free() releases them. */
#ifndef CARD_EMRTD_SOD_H
#define CARD_EMRTD_SOD_H

#include <stddef.h>
#include <stdint.h>

#include "kiosk/base/code_list.h"

#define SOD_CODES(X)                                                                               \
    X(SOD_OK, 0)                                                                                   \
    X(SOD_E_TLV, -1)        /* the 77 wrapper is malformed: re-read once, else forged */           \
    X(SOD_E_CMS, -2)        /* not a CMS SignedData: forged or damaged */                          \
    X(SOD_E_CONTENT, -3)    /* not an LDSSecurityObject, or malformed one */                       \
    X(SOD_E_HASH_ALG, -4)   /* hash algorithm unknown or not allowed */                            \
    X(SOD_E_NO_DS_CERT, -5) /* no document signer certificate inside (or several signers) */       \
    X(SOD_E_NOMEM, -6)
enum emrtd_sod_error { SOD_CODES(MSG_CODE_ENUM) };

#define EMRTD_SOD_MAX_HASH 64 /* SHA-512 */

struct emrtd_sod {
    char hash_alg[16]; /* "SHA256" ... (OpenSSL digest name) */
    size_t hash_len;
    int lds_version; /* LDSSecurityObject version (0 or 1) */
    uint32_t listed; /* bit n set when DGn has a hash */
    uint8_t hash[17][EMRTD_SOD_MAX_HASH];
    void *cms;     /* CMS_ContentInfo * */
    void *ds_cert; /* X509 * */
};

int emrtd_sod_parse(const uint8_t *buf, size_t len, struct emrtd_sod *out);
void emrtd_sod_free(struct emrtd_sod *sod);
/* The hash of DGn in the SOD, or NULL when not listed. */
const uint8_t *emrtd_sod_hash(const struct emrtd_sod *sod, int dg);

const char *emrtd_sod_strerror(int code);

#endif
