/* cli_read_card.h: `kiosk read-card`, reading one card from the command line.
 *
 *   kiosk read-card [--device CONN] [--can DIGITS | --qr TEXT] [--id DIGITS12]
 *                   [--dob YYYY-MM-DD] [--issue YYYY-MM-DD] [--json] [--photo FILE]
 *
 * Prints the identity, the verdict with its reasons and the timing per step (or one JSON
 * object with --json), and writes the DG2 image with --photo. With --qr the access data come
 * from the card's QR code; when no chip answers, the QR identity is printed with source "qr".
 * Exit status: 0 read (genuine or unverified), 1 usage, 2 the card could not be read (one line
 * on stderr saying why and what to do), 3 forged. */
#ifndef DRIVERS_CARD_CARD_CLI_H
#define DRIVERS_CARD_CARD_CLI_H

#include <stddef.h>

#include "kiosk/config/config.h"

int card_cli_read_card(int argc, char **argv, const struct config *cfg);

/* The card_read() device string for the configured card device, as kiosk/devices/devices.c maps
 * it: "sim" → "sim:<sim_dir>/cards/ngoc-2021" (the factory's first card), "sim:NAME" →
 * "sim:<sim_dir>/cards/NAME" when NAME has no '/', anything else unchanged. 0, or -1 when it
 * does not fit. */
int card_cli_device(const struct config *cfg, const char *device, char *out, size_t cap);

#endif
