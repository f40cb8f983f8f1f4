/* emrtd_read.h: reading an elementary file from the chip in chunks that fit the reader, and
 * going on from where a read stopped after the card came back.
 *
 * The first chunk is read by short EF id (READ BINARY with SFI: no SELECT round trip), later
 * ones after SELECT by FID (never the MF). The file length comes from its TLV header in the
 * first chunk. 6282 takes what came, 6Cxx retries with the chip's length, 6700/6B00 shrink the
 * chunk (and it stays shrunk for later files), offsets above 32767 use READ BINARY B1 with
 * DO'54'. A file that ends before its TLV length says is kept with truncated set.
 *
 * Ownership: struct emrtd_file owns data (emrtd_file_wipe zeroes and frees it). */
#ifndef DRIVERS_CARD_EMRTD_READ_H
#define DRIVERS_CARD_EMRTD_READ_H

#include <stddef.h>
#include <stdint.h>

#include "drivers/card/emrtd_apdu.h"

#define EMRTD_MAX_FILE (512u * 1024u) /* hard cap on one file; a CCCD DG2 is ~20-25 kB */

struct emrtd_file {
    uint16_t fid;
    uint8_t sfi;
    uint8_t *data;
    size_t len;   /* bytes read so far */
    size_t total; /* length from the TLV header, 0 before the first chunk */
    int done;
    int truncated; /* the chip's file is shorter than its TLV header says */
};

struct emrtd_read_ctx {
    size_t chunk; /* current READ BINARY payload size; 0 = derive from the reader and SM */
    unsigned long shrinks;
};

/* Reads f to its end, or continues from f->len. EMRTD_ECARD_GONE / EMRTD_ESM leave f as it is
 * for a later call after re-authentication. EMRTD_ENOTFOUND / EMRTD_EDENIED: not readable. */
int emrtd_read_file(struct emrtd_chan *ch, struct emrtd_read_ctx *rctx, struct emrtd_file *f);
void emrtd_file_wipe(struct emrtd_file *f);

/* Largest READ BINARY payload whose (protected) response fits the reader's frame. */
size_t emrtd_read_max_chunk(const struct emrtd_chan *ch);

#endif
