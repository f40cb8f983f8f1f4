/* upstream_evidence.h: the reference upstream's own check of an application's chip claims
 * against the chip evidence in its sealed payload (sync/PROTOCOL.md §2.4).
 *
 * Independent of the kiosk on purpose: OpenSSL's CMS_verify for EF.SOD's signature and
 * chain, and a small DER walk written here for the LDS security object, DG1, DG13 and the
 * AA signature — none of drivers/card's parsing or verification code. An application whose
 * identity says "genuine" (or "unverified") is accepted only when:
 *   - chip_evidence is there with EF.SOD, DG1 and DG13 (EVIDENCE_MISSING);
 *   - EF.SOD's content is an LDS security object (EVIDENCE_MALFORMED) and its signature
 *     verifies; for "genuine" its document signer also chains to a CSCA the upstream
 *     trusts, within validity (EVIDENCE_SIGNATURE);
 *   - every data group sent hashes to what EF.SOD lists, the DG2 hash too, and every one of
 *     DG1, DG2, DG13, DG14, DG15 that EF.SOD lists was sent (EVIDENCE_SOD_MISMATCH,
 *     EVIDENCE_MISSING);
 *   - the identity claimed (personal ID, name, date of birth, sex, residence, issue and
 *     expiry dates) is what DG13 and DG1 say (EVIDENCE_IDENTITY);
 *   - with DG15, Active Authentication was claimed ok, its challenge is the one derived from
 *     this application's id and the signature verifies with DG15's key; with "genuine", Chip
 *     Authentication was not refused or failed (EVIDENCE_AA).
 * Applications from the QR code or typed in (verdict "none") claim nothing about a chip. A
 * source that does not go with the verdict ("chip-verified" is "genuine", "chip-unverified"
 * is "unverified", "qr" and "manual" are "none") is EVIDENCE_VERDICT.
 *
 * Not a product component: it lives in librigs.a. Thread-safety: a struct upev_trust is
 * read-only once loaded and may be shared. */
#ifndef RIGS_UPSTREAM_EVIDENCE_H
#define RIGS_UPSTREAM_EVIDENCE_H

#include <stddef.h>

struct upev_trust;

/* Loads the trusted CSCA certificates from a PEM file (several certificates allowed) or
 * from every *.pem file of a directory. 0, or -1 with a reason in err. */
int upev_trust_load(const char *path, struct upev_trust **out, char *err, size_t errlen);
void upev_trust_free(struct upev_trust *t);

struct upev_result {
    char code[32];    /* reason code, "" when accepted */
    char reason[256]; /* the upstream's sentence (Vietnamese), no personal data */
};

/* Checks one application: its id, its envelope (JSON text) and its opened payload (JSON
 * text, payload_len bytes, need not end in NUL). 0 accepted, 1 rejected (res filled),
 * -1 out of memory. */
int upev_verify(const struct upev_trust *t, const char *app_id, const char *envelope_json,
                const char *payload, size_t payload_len, struct upev_result *res);

#endif
