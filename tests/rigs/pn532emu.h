/* pn532emu.h: an emulated PN532 on a pseudo-terminal, speaking the PN532 HSU frame protocol
 * and hosting the software chip (chip_sim) on a card profile directory, so tests, benchmarks
 * and `make demo` drive the real, untouched libnfc pn532_uart driver
 * (connstring "pn532_uart:/dev/pts/N").
 *
 * It answers what libnfc 1.8.0 sends (shared/rigs.md §3, shared/cccd-chip.md §6.1): wake-up +
 * SAMConfiguration, Diagnose, GetFirmwareVersion (PN532 v1.6), Set/Read/WriteRegister,
 * RFConfiguration, InListPassiveTarget (106 kbps A with UID/ATS, or B), InPSL (424 kbps when the
 * card's ATS allows it), InDataExchange (APDUs to the chip; RF timeout status once the card
 * left the field), InRelease/InDeselect/PowerDown; anything else gets an empty answer. With a
 * baud rate set it delays every frame by its transfer time at that rate (10 bits a byte), in
 * both directions, to model the UART of a real pn532_uart reader.
 *
 * Ownership: pn532emu_start() returns an emulator running on its own thread; pn532emu_stop()
 * ends the thread, closes the pty and frees everything. */
#ifndef TESTS_RIGS_PN532EMU_H
#define TESTS_RIGS_PN532EMU_H

#include <stddef.h>

struct pn532emu_opts {
    int baud;                         /* 0: no delay; 115200 models a real HSU link */
    unsigned long unplug_after_apdus; /* 0: never; else the reader vanishes (pty hangs up) */
};

struct pn532emu_stats {
    unsigned long frames_in, bytes_in, bytes_out, apdus;
};

struct pn532emu;

/* 0, or -1 when the profile cannot be loaded or the pty/thread cannot be made. */
int pn532emu_start(const char *profile_dir, const struct pn532emu_opts *o, struct pn532emu **out);
/* "pn532_uart:/dev/pts/N", valid until stop. */
const char *pn532emu_connstring(const struct pn532emu *e);
/* 0: no card on the reader; 1: the profile's card is there (the default). */
void pn532emu_set_card(struct pn532emu *e, int present);
void pn532emu_get_stats(struct pn532emu *e, struct pn532emu_stats *s);
void pn532emu_stop(struct pn532emu *e);

#endif
