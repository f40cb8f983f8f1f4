/* pn532emu.h: an emulated PN532 on a pseudo-terminal, speaking the PN532 HSU frame protocol
 * and hosting the software chip (chip_sim) on a card profile directory, so tests, benchmarks
 * and `make demo` drive the real, untouched libnfc pn532_uart driver
 * (connstring "pn532_uart:/dev/pts/N").
 *
 * It answers what libnfc 1.8.0 sends (shared/rigs.md §3, shared/cccd-chip.md §6.1): wake-up +
 * SAMConfiguration, Diagnose, GetFirmwareVersion (PN532 v1.6), Set/Read/WriteRegister,
 * RFConfiguration, InListPassiveTarget (106 kbps A with UID/ATS, or B), InPSL (424 kbps when the
 * card's ATS allows it), InDataExchange (APDUs to the chip; RF timeout status once the card
 * left the field), InRelease/InDeselect/PowerDown, SetSerialBaudRate; anything else gets an
 * empty answer. With a baud rate set it delays every frame by its transfer time at that rate
 * (10 bits a byte), in both directions, to model the UART of a real pn532_uart reader, and
 * (line_check) it only understands bytes sent at its own rate: the host side's line speed is
 * read from the pty (the slave's termios), so a host at the wrong speed gets no answer, as on a
 * real UART. SetSerialBaudRate answers at the old rate and switches after the host's ACK (PN532
 * User Manual §7.2.4). With radio set, every exchange with the card also takes its ISO 14443
 * air time at the bit rate in use: 106 kbit/s, or 212/424 after an accepted InPSL (PPS).
 *
 * Ownership: pn532emu_start() returns an emulator running on its own thread; pn532emu_stop()
 * ends the thread, closes the pty and frees everything. */
#ifndef TESTS_RIGS_PN532EMU_H
#define TESTS_RIGS_PN532EMU_H

#include <stddef.h>

struct pn532emu_opts {
    int baud;                         /* 0: no delay; 115200 models a real HSU link */
    unsigned long unplug_after_apdus; /* 0: never; else the reader vanishes (pty hangs up) */
    int line_check;     /* bytes sent at another line speed than baud are not understood */
    int max_baud;       /* SetSerialBaudRate above this is refused (error frame); 0: 921600 */
    int baud_no_switch; /* SetSerialBaudRate is answered but the rate stays (flaky adapter) */
    int radio;          /* model the ISO 14443 air time of every exchange */
    int pps_refused;    /* the card advertises 424 in its ATS but refuses the PPS */
};

struct pn532emu_stats {
    unsigned long frames_in, bytes_in, bytes_out, apdus;
    int baud, kbps;          /* line rate and radio rate now */
    double first_apdu_ms;    /* CLOCK_MONOTONIC ms when the first APDU arrived */
    double last_apdu_ms;     /* ... and when the last R-APDU was sent */
    unsigned long air_bytes; /* APDU bytes over the air, both ways */
    /* the modelled link time of the APDU exchanges (UART both ways + air, with baud/radio
     * set): last_apdu_ms - first_apdu_ms less this is what the host and the emulator's own
     * scheduling added */
    double apdu_link_ms;
    /* PN532 commands other than InDataExchange between the first APDU and the last: what a
     * reader spends on the link besides its APDUs once reading began (0 for a read that goes
     * straight through; a resume's InRelease and InListPassiveTarget count) */
    unsigned long frames_between_apdus;
};

struct pn532emu;

/* 0, or -1 when the profile cannot be loaded or the pty/thread cannot be made. */
int pn532emu_start(const char *profile_dir, const struct pn532emu_opts *o, struct pn532emu **out);
/* "pn532_uart:/dev/pts/N", valid until stop. */
const char *pn532emu_connstring(const struct pn532emu *e);
/* 0: no card on the reader; 1: the profile's card is there (the default). */
void pn532emu_set_card(struct pn532emu *e, int present);
void pn532emu_get_stats(struct pn532emu *e, struct pn532emu_stats *s);
/* Zeroes the counters (not the rates). */
void pn532emu_reset_stats(struct pn532emu *e);
void pn532emu_stop(struct pn532emu *e);

#endif
