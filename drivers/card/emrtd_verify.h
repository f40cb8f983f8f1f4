/* emrtd_verify.h: the one chip verdict, which a chip cannot talk down.
 *
 *   forged     any hash or signature mismatch; EF.SOD missing or malformed on a chip that
 *              opened with BAC/PACE; a data group the SOD lists absent, denied or malformed;
 *              AA or CA failed, or refused although DG15 / DG14 offers it; a document signer
 *              that does not chain to the configured CSCA of its own state
 *   unverified consistent, but no CSCA of the issuing state configured, or the DS out of its
 *              dates (everything else holding), or a chip that offers no authentication at
 *              all (its SOD lists neither DG14 nor DG15) — the reasons say which
 *   genuine    SOD signature valid, DS chains to a trusted CSCA, every file read matches its
 *              hash, and the chip authenticated itself (AA or CA OK)
 *
 * Inputs are the files read, the trust store and the outcome of AA and CA as card-access ran
 * them. The output carries the verdict, reason keys (stable identifiers; kiosk/messages
 * words each for the officer) and a JSON report without personal data.
 *
 * Ownership: emrtd_verdict owns report_json (emrtd_verdict_free). */
#ifndef CARD_EMRTD_VERIFY_H
#define CARD_EMRTD_VERIFY_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "drivers/card/emrtd_pa.h"
#include "kiosk/model/application.h"
#include "kiosk/base/code_list.h"

/* What card-access reports for Active Authentication and Chip Authentication. */
/* AUTH_NOT_SUPPORTED: the chip's files offer no such authentication; AUTH_REFUSED: they
 * offer it and the chip refused to run it (a clone that copied DG14/DG15 but has no key). */
enum emrtd_auth_outcome {
    AUTH_NOT_DONE = 0,
    AUTH_NOT_SUPPORTED,
    AUTH_OK,
    AUTH_FAILED,
    AUTH_REFUSED
};

/* The reasons a verdict gives, each with its stable key ("sod_missing"...). */
#define VERIFY_REASON_CODES(X)                                                                     \
    X(VR_SOD_MISSING, 0)                                                                           \
    X(VR_DG_LISTED_MISSING, 1)                                                                     \
    X(VR_SOD_MALFORMED, 2)                                                                         \
    X(VR_SOD_SIGNATURE, 3)                                                                         \
    X(VR_DG_HASH_MISMATCH, 4)                                                                      \
    X(VR_DG_NOT_IN_SOD, 5)                                                                         \
    X(VR_DS_CHAIN_INVALID, 6)                                                                      \
    X(VR_AA_FAILED, 7)                                                                             \
    X(VR_CA_FAILED, 8)                                                                             \
    X(VR_CA_REFUSED, 9)                                                                            \
    X(VR_AA_REFUSED, 10)                                                                           \
    X(VR_NO_TRUST_STORE, 11)                                                                       \
    X(VR_CSCA_UNTRUSTED, 12)                                                                       \
    X(VR_NO_CSCA_FOR_STATE, 13)                                                                    \
    X(VR_DS_EXPIRED, 14)                                                                           \
    X(VR_NO_CHIP_AUTHENTICATION, 15)                                                               \
    X(VR_CHIP_AUTH_NOT_DONE, 16)                                                                   \
    X(VR_AA_NOT_DONE, 17)
enum emrtd_verify_reason { VERIFY_REASON_CODES(MSG_CODE_ENUM) VR_COUNT };

enum emrtd_verify_error {
    VERIFY_OK = 0,
    VERIFY_E_NOMEM = -1,
    VERIFY_E_ARG = -2,
};

struct emrtd_verify_input {
    const struct emrtd_pa_file *files; /* DG1, DG2, DG13, DG14, DG15... as read (dg 1..16) */
    int n_files;
    const uint8_t *sod; /* EF.SOD as read; NULL when absent */
    size_t sod_len;
    const struct emrtd_trust *trust;
    time_t now; /* 0 = current time */
    enum emrtd_auth_outcome aa, ca;
    const char *access; /* "PACE" / "BAC", for the report (may be NULL) */
    /* bit n: the reader asked the chip for DGn, so a DGn the SOD lists and files[] lacks was
     * absent, denied or malformed (0: only what files[] holds is judged) */
    uint32_t tried;
};

#define EMRTD_MAX_REASONS 16

struct emrtd_verdict {
    enum chip_verdict verdict;
    const char *reasons[EMRTD_MAX_REASONS]; /* static reason keys, e.g. "dg_hash_mismatch" */
    int reason_dg[EMRTD_MAX_REASONS];       /* the DG concerned, 0 when none */
    int n_reasons;
    struct emrtd_pa_result pa;
    char *report_json; /* owned, NUL-terminated */
};

/* Runs the checks and fills *out. 0, or a negative VERIFY_E_* (then *out is empty). */
int emrtd_verify(const struct emrtd_verify_input *in, struct emrtd_verdict *out);
void emrtd_verdict_free(struct emrtd_verdict *v);

/* The officer's text for a reason key (never NULL). */
/* The enum emrtd_verify_reason of a reason key, or -1 for a key this driver never gives. */
int emrtd_verify_reason_code(const char *key);
const char *emrtd_auth_outcome_name(enum emrtd_auth_outcome o);
const char *emrtd_verify_strerror(int code);

#endif
