/* pn532_hsu.h: the few PN532 High Speed UART exchanges the kiosk makes itself, before libnfc
 * opens the port: is the PN532 answering at a given line rate, and SetSerialBaudRate to move it
 * to a faster one (libnfc 1.8.0 never sends it, so a pn532_uart reader stays at 115200 baud).
 *
 * Frames (PN532 User Manual §6.2): host → `00 00 FF LEN LCS D4 CMD data DCS 00`, PN532 →
 * ACK `00 00 FF 00 FF 00` then `00 00 FF LEN LCS D5 CMD+1 data DCS 00`, or the error frame
 * `00 00 FF 01 FF 7F 81 00`. A PN532 that may be asleep is woken with 55 55 00.. first.
 * SetSerialBaudRate (§7.2.4) answers at the old rate and switches once the host has sent an
 * ACK frame back. The PN532 keeps the new rate until it loses power. */
#ifndef DRIVERS_CARD_PN532_HSU_H
#define DRIVERS_CARD_PN532_HSU_H

/* 0: a PN532 on port answers GetFirmwareVersion at baud; -1: nothing understood. */
int pn532_hsu_probe(const char *port, int baud);

/* Moves the PN532 from `from` to `to` baud. 0: answered and acknowledged (it is at `to` now,
 * if it keeps its word); -2: it refused the rate (error frame); -1: no answer at `from`, or the
 * host's serial port cannot be set to `to`. */
int pn532_hsu_set_baud(const char *port, int from, int to);

/* The serial rates tried, fastest first, ending with 115200; 0-terminated. */
extern const int pn532_hsu_rates[];

#endif
