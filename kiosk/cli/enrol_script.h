/* enrol_script.h: running one enrolment from a JSON description (see cli_enrol.c), shared by
 * `kiosk enrol` and `kiosk demo`. */
#ifndef KIOSK_ENROL_SCRIPT_H
#define KIOSK_ENROL_SCRIPT_H

#include "kiosk/cli/cli.h"

/* Drives one enrolment from the file at path. 0 with the queued id, or 1 (message printed). */
int enrol_run_script(struct cli_ctx *c, const char *path, char id_out[APP_ID_SIZE]);
/* Reads a whole file (at most 16 MiB). Caller frees *data. 0 or -1. */
int enrol_read_file(const char *path, unsigned char **data, size_t *len);
/* Reads an 8-bit binary PGM into f's image, width and height. 0 or -1. */
int enrol_read_pgm(const char *path, struct app_finger *f);

#endif
