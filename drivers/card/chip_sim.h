/* chip_sim.h: the software CCCD chip, an ICAO 9303 LDS1 applet in C that answers APDUs from a
 * card profile directory (format: /work/shared card contract; card.ini + raw files + keys).
 *
 * It implements what a reader meets on a real CCCD: SELECT by FID without the MF (SELECT MF
 * gives 6D00), EF.CardAccess readable before authentication, BAC and PACE-ECDH-GM (as the
 * profile enables), 3DES/AES secure messaging with every MAC checked, READ BINARY (B0, SFI,
 * B1 with DO'54'), a maximum Le (6700 above it; above 256 it takes extended Le, and with
 * atr_info=1 says so in EF.ATR/INFO), DG3 refused (6982), INTERNAL AUTHENTICATE
 * (RSA ISO 9796-2 / ECDSA) and a card that leaves the field once after N APDUs.
 *
 * Ownership: chip_sim_open() returns a chip the caller frees with chip_sim_free() (which wipes
 * keys and personal data). Two card.ini keys beyond the profile contract, for tests: iso_dep=0
 * (a card without an ISO 14443-4 chip) and emrtd_app=0 (a chip without the eMRTD application).
 * One thread at a time. Used by reader_sim (in-process) and by the
 * emulated PN532 rig. */
#ifndef DRIVERS_CARD_CHIP_SIM_H
#define DRIVERS_CARD_CHIP_SIM_H

#include <stddef.h>
#include <stdint.h>

enum chip_sim_err {
    CHIP_SIM_OK = 0,
    CHIP_SIM_ENOMEM = -1,
    CHIP_SIM_EPROFILE = -2, /* the profile directory is missing or card.ini is invalid */
    CHIP_SIM_EKEY = -3,     /* aa_key.pem unreadable while aa=1 */
    CHIP_SIM_EREMOVED = -4, /* the card left the field during this APDU (no answer) */
    CHIP_SIM_EINVAL = -5,
};

const char *chip_sim_strerror(int code);

/* What a reader sees when it activates the card. */
struct chip_sim_info {
    int type_b; /* 0: ISO 14443 A, 1: B */
    uint8_t uid[10];
    size_t uid_len;
    int ats_424; /* ATS TA(1) allows 424 kbps both ways */
    int iso_dep; /* ISO 14443-4 chip (SAK bit 6); 0: a memory card that takes no APDU */
    uint8_t ats[8];
    size_t ats_len; /* ATS bytes including TL */
};

struct chip_sim;

int chip_sim_open(const char *dir, struct chip_sim **out);
void chip_sim_free(struct chip_sim *c);
void chip_sim_get_info(const struct chip_sim *c, struct chip_sim_info *info);

/* The reader polls: 1 when the card is in the field (a card that just left is absent for
 * one poll), 0 otherwise. */
int chip_sim_poll(struct chip_sim *c);
/* Activation: every session state (selection, keys, SSC) starts anew. */
void chip_sim_power_on(struct chip_sim *c);
/* One APDU. 0 with the R-APDU in r (rcap ≥ 258 + 16; an extended command's answer is given
 * whole when rcap holds it, else chained), or CHIP_SIM_EREMOVED. */
int chip_sim_apdu(struct chip_sim *c, const uint8_t *cmd, size_t clen, uint8_t *r, size_t rcap,
                  size_t *rlen);
/* APDUs processed since open (for tests). */
unsigned long chip_sim_apdu_count(const struct chip_sim *c);

#endif
