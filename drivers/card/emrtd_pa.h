/* emrtd_pa.h: passive authentication (ICAO 9303-11 §5.1) against a CSCA trust store.
 *
 * The trust store is a directory (config/trust/ by default) of CSCA certificates, PEM or DER
 * (*.pem, *.crt, *.cer, *.der), loaded once. ICAO CSCA master lists (CMS-signed
 * CscaMasterList, 2.23.136.1.1.2) are imported into that directory with
 * emrtd_trust_import_master_list(): each certificate becomes one PEM file named by its
 * SHA-256 fingerprint. The master list's CMS signature is verified and its signer
 * certificate must chain to a configured root (the master list signer's CSCA: config
 * [card] masterlist_root); a self-signed or otherwise signed list is refused. A supervisor's
 * PIN and an audit row go with every import (kiosk/cli/cli_trust.c).
 *
 * emrtd_pa_verify() checks, and reports separately: the SOD's CMS signature with the DS
 * certificate inside it; the DS chaining to a CSCA of the store (with dates at `now`); and
 * every data group given against its hash in the SOD. It never decides the verdict
 * (emrtd_verify.h does).
 *
 * Ownership: struct emrtd_trust owns its X509_STORE (emrtd_trust_free). Files passed to
 * emrtd_pa_verify() are borrowed. */
#ifndef CARD_EMRTD_PA_H
#define CARD_EMRTD_PA_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "drivers/card/emrtd_sod.h"
#include "kiosk/base/code_list.h"

#define PA_CODES(X)                                                                                \
    X(PA_OK, 0)                                                                                    \
    X(PA_E_TRUST_DIR, -1) /* the trust directory cannot be read: check config [card] trust_dir */  \
    X(PA_E_MASTER_LIST, -2) /* not a valid CSCA master list file */                                \
    X(PA_E_WRITE, -3)       /* cannot write into the trust directory: check permissions/disk */    \
    X(PA_E_NOMEM, -4)                                                                              \
    X(PA_E_ARG, -5)                                                                                \
    X(PA_E_ML_SIGNER, -6) /* the master list's signer does not chain to the configured root */     \
    X(PA_E_ML_ROOT, -7)   /* no master list root configured, or it cannot be read */
enum emrtd_pa_error { PA_CODES(MSG_CODE_ENUM) };

struct emrtd_trust {
    void *store; /* X509_STORE * */
    int n_certs;
};

/* Loads every certificate file of dir (not recursive). A missing or empty dir gives an empty
 * store (n_certs 0: every chip will be "unverified"), not an error; an unreadable certificate
 * file is skipped and counted in *n_bad (may be NULL). */
int emrtd_trust_load(const char *dir, struct emrtd_trust *out, int *n_bad);
void emrtd_trust_free(struct emrtd_trust *t);

/* Imports the CSCA certificates of an ICAO master list file (DER CMS) into dir, once its
 * signature verifies and its signer chains to a certificate of root_file (PEM, one or
 * more). With dir NULL nothing is written (verification only). *n_imported counts the
 * certificates (written, or that would be). */
int emrtd_trust_import_master_list(const char *ml_path, const char *root_file, const char *dir,
                                   int *n_imported);

/* A file read from the chip: dg = 1..16 (EF.COM and EF.CardAccess are not hashed). */
struct emrtd_pa_file {
    int dg;
    const uint8_t *data;
    size_t len;
};

enum emrtd_pa_dg_state {
    PA_DG_NOT_READ = 0, /* not given */
    PA_DG_MATCH,
    PA_DG_MISMATCH,
    PA_DG_NOT_IN_SOD, /* read from the chip but the SOD has no hash for it */
};

enum emrtd_pa_chain {
    PA_CHAIN_OK = 0,
    PA_CHAIN_NO_TRUST_STORE, /* the store is empty */
    PA_CHAIN_UNTRUSTED,      /* DS does not chain to any CSCA of the store */
    PA_CHAIN_EXPIRED,        /* chains, but DS or CSCA is expired or not yet valid at now */
    PA_CHAIN_INVALID,        /* chains by name but a signature/extension is wrong */
};

struct emrtd_pa_result {
    int signature_ok; /* CMS signature (and messageDigest) verified with the DS key */
    enum emrtd_pa_chain chain;
    int x509_error; /* OpenSSL X509_V_ERR_* of the chain check, 0 when ok */
    enum emrtd_pa_dg_state dg[17];
    int hashes_ok;   /* every DG given is in the SOD and matches; at least one given */
    uint32_t listed; /* bit n set when the SOD has a hash for DGn */
    /* the store holds a CSCA of the DS issuer's country (C=): a DS that does not chain to
     * it is not "unknown issuer" but a signer the state never certified */
    int csca_for_state;
    char state[4]; /* the DS issuer's country code, "" when it has none */
    char hash_alg[16];
    char ds_subject[256];   /* DS certificate subject (one line) */
    char csca_subject[256]; /* matching CSCA subject, "" when none */
    char ds_not_after[32];
};

/* Runs passive authentication; 0 with *out filled (whatever the outcome), or a negative
 * PA_E_* for an internal failure. now = 0 means the current time. */
int emrtd_pa_verify(const struct emrtd_sod *sod, const struct emrtd_pa_file *files, int n_files,
                    const struct emrtd_trust *trust, time_t now, struct emrtd_pa_result *out);

const char *emrtd_pa_chain_name(enum emrtd_pa_chain c);
const char *emrtd_pa_strerror(int code);

#endif
