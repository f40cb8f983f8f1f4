/* cli_trust.h: `kiosk trust`, managing the CSCA trust store from the command line.
 *
 *   kiosk trust import-masterlist FILE --supervisor ID [--pin-file F] [--trust-dir DIR]
 *         [--root FILE]     ICAO CSCA master list → PEM files, once its signer chains to
 *                           the root ([card] masterlist_root), with a supervisor's PIN and
 *                           an audit row
 *   kiosk trust list [--trust-dir DIR]                      one line per trusted CSCA
 *
 * DIR defaults to the configuration's [card] trust_dir. Exit status: 0 done, 1 usage,
 * 2 failure (one line on stderr saying why and what to do). */
#ifndef DRIVERS_CARD_EMRTD_PA_CLI_H
#define DRIVERS_CARD_EMRTD_PA_CLI_H

#include "kiosk/cli/cli.h"

/* argv[0] is "trust". */
int emrtd_pa_cli_trust(struct cli_ctx *c, int argc, char **argv);

#endif
