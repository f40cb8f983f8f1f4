/* eac_chip.h: a CCCD chip whose PACE, Chip Authentication and secure messaging are computed
 * by OpenPACE (Debian libeac), so the kiosk's protocol code (drivers/card/emrtd_pace,
 * emrtd_ca, emrtd_sm) is checked against an implementation it shares nothing with.
 *
 * It serves a card profile directory as chipsim_profile writes it (card.ini: can, ca,
 * removed_after_apdus;
 * EF.CardAccess, EF.COM, EF.SOD, DG1, DG2, DG13, DG14, DG15, ca_key.pem) and answers:
 * SELECT (AID, EF by FID; no MF), READ BINARY (B0 by SFI or offset, B1 with DO'54', short or
 * extended Le up to max_le, default 4096), MSE:Set AT + GENERAL AUTHENTICATE for
 * PACE-ECDH-GM with the CAN or the MRZ (OpenPACE's PACE_STEP1..3D on the card side, the MRZ
 * password from DG1), MSE:Set AT + GENERAL
 * AUTHENTICATE for Chip Authentication ECDH-AES (CA_STEP4 and OpenPACE's key derivation;
 * keys switch after the answer), and ICAO 9303-11 secure messaging with OpenPACE's keys, SSC,
 * cipher and MAC (EAC_encrypt / EAC_decrypt / EAC_authenticate). The wire format of the SM data
 * objects (DO'85'/'87'/'97'/'99'/'8E') is written here, separately from emrtd_sm.c. No BAC, no
 * Active Authentication (INTERNAL AUTHENTICATE: 6D00): profiles for it have aa=0.
 *
 * Ownership: eac_chip_open() returns a chip freed with eac_chip_free(). One thread at a time
 * (the counters may be read from another). */
#ifndef TESTS_RIGS_EAC_CHIP_H
#define TESTS_RIGS_EAC_CHIP_H

#include <stddef.h>
#include <stdint.h>

#include "tests/rigs/card/vpcd_card.h"

struct eac_chip;

/* What OpenPACE did, for the tests to check it really ran. */
struct eac_chip_stats {
    unsigned long pace_ok;     /* PACE runs whose token verified (SM started) */
    unsigned long pace_failed; /* PACE runs refused (wrong password) */
    unsigned long ca_ok;       /* Chip Authentications answered (keys switched) */
    unsigned long sm_ok;       /* protected commands whose MAC OpenPACE verified */
    unsigned long sm_bad;      /* protected commands refused (MAC or format) */
    size_t largest_read;       /* most bytes one READ BINARY returned */
};

/* 0, or -1 (profile unreadable, OpenPACE failed to start). max_le 0: 4096 (≤ 65000). */
int eac_chip_open(const char *dir, size_t max_le, struct eac_chip **out);
void eac_chip_free(struct eac_chip *c);
/* Put on the reader: every session state starts anew. */
void eac_chip_power_on(struct eac_chip *c);
/* One C-APDU: 0 with the R-APDU in r (rcap ≥ max_le + 40), VPCD_CHIP_GONE once after
 * card.ini's removed_after_apdus, or -1. */
int eac_chip_apdu(struct eac_chip *c, const uint8_t *cmd, size_t clen, uint8_t *r, size_t rcap,
                  size_t *rlen);
void eac_chip_get_stats(struct eac_chip *c, struct eac_chip_stats *s);
/* The chip as vpcd_card's card (the rig frees it). */
struct vpcd_chip eac_chip_vpcd(struct eac_chip *c);

#endif
