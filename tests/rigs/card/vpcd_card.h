/* vpcd_card.h: the software chip (chip_sim) as the card of Debian's vpcd virtual reader, so
 * the PC/SC backend is tested through the real pcsc-lite client, pcscd and its reader driver.
 *
 * vpcd's socket protocol (vsmartcard's vpcd.c): TCP, every message a 2-byte big-endian length
 * then the payload; a 1-byte payload is a control (00 power off, 01 power on, 02 reset,
 * 04 send the ATR), anything longer is a C-APDU answered with its R-APDU. The rig listens on an
 * ephemeral loopback port and vpcd connects to it (reader.conf DEVICENAME "127.0.0.1:PORT").
 * A card on the reader = an accepted connection; lifting it = closing the connection and the
 * listener (vpcd then finds nobody to connect to); putting it back = listening again.
 *
 * The card's ATR is the PC/SC part 3 one for an ISO 14443-4 card (3B 80 80 01 01), or a storage
 * card's when the profile has iso_dep=0.
 *
 * Ownership: vpcd_card_start() returns a rig serving on its own thread; vpcd_card_stop() ends
 * it and frees everything. */
#ifndef TESTS_RIGS_VPCD_CARD_H
#define TESTS_RIGS_VPCD_CARD_H

#include <stddef.h>
#include <stdint.h>

struct vpcd_card;

struct vpcd_card_opts {
    /* Called once on the rig thread when this many APDUs were answered (0: never), before
     * the next one is answered; then the rig waits for the next connection. Used to unplug the
     * reader mid-read. */
    unsigned long hook_after_apdus;
    void (*hook)(void *arg);
    void *hook_arg;
    /* After the chip leaves the field (card.ini removed_after_apdus): 0 = it stays away,
     * else it is put back after this many ms. */
    int back_after_ms;
};

/* The chip behind the virtual reader: the project's software chip (vpcd_card_start) or
 * another implementation (the OpenPACE chip, tests/rigs/card/eac_chip.h). */
#define VPCD_CHIP_GONE 1 /* apdu(): the card left the field during this APDU (no answer) */
struct vpcd_chip {
    void *chip;
    /* One C-APDU: 0 with the R-APDU in r (rcap ≥ VPCD_MAX_RAPDU), VPCD_CHIP_GONE, or
     * negative (the chip failed: answered 6F00). */
    int (*apdu)(void *chip, const uint8_t *cmd, size_t clen, uint8_t *r, size_t rcap, size_t *rlen);
    void (*power_on)(void *chip); /* put on the reader: every session state starts anew */
    void (*free)(void *chip);     /* called by vpcd_card_stop (and on a failed start) */
    int iso_dep;                  /* 0: a storage card's ATR */
};
#define VPCD_MAX_RAPDU 0xFFFF /* vpcd's 2-byte message length */

/* The software chip on profile_dir. 0, or -1 when the profile cannot be loaded or no port can
 * be bound. o may be NULL. */
int vpcd_card_start(const char *profile_dir, const struct vpcd_card_opts *o,
                    struct vpcd_card **out);
/* Any chip; the rig owns it from here (freed with chip->free, on failure too). */
int vpcd_card_start_chip(const struct vpcd_chip *chip, const struct vpcd_card_opts *o,
                         struct vpcd_card **out);
/* The port vpcd must listen on (slot 0). */
int vpcd_card_port(const struct vpcd_card *c);
/* 1: the card is on the reader (default); 0: lifted. */
void vpcd_card_set_present(struct vpcd_card *c, int present);
/* APDUs answered so far (controls not counted). */
unsigned long vpcd_card_apdus(struct vpcd_card *c);
void vpcd_card_stop(struct vpcd_card *c);

#endif
