/* emrtd_read.h: reading an elementary file from the chip in chunks that fit the reader, and
 * going on from where a read stopped after the card came back.
 *
 * The first chunk is read by short EF id (READ BINARY with SFI: no SELECT round trip), later
 * ones from the file it selected; a chip that refuses SFI reads (6B00, 6A86) gets SELECT by
 * FID (never the MF) for that file and, without a new try, for every later one. The file length
 * comes from its TLV header in the first chunk. The first try of a file is as large as the reader's
 * frame allows (extended length when the reader carries it: up to EMRTD_MAX_EXT_CHUNK, less when
 * EF.ATR/INFO says so). 6282 takes what came, 6Cxx retries with the chip's length, 6700/6B00 shrink
 * the chunk (an extended one straight to a short one; it stays shrunk for later files), offsets
 * above 32767 use READ BINARY B1 with DO'54'. A file that ends before its TLV length says is kept
 * with truncated set.
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
    /* Extended length (Le > 256), tried when the reader's frames allow it: proven once an
     * extended read came back; off for good once one was answered 6700 (the chunk shrinks to
     * a short one) or the exchange itself failed before any had worked (a reader or chip that
     * cannot carry it looks like a card gone: the next session reads short). */
    int ext_proven, ext_off;
    /* The chip refused a READ BINARY by short EF id (6B00 or 6A86): every later file of the
     * read is selected by FID first, without trying the SFI again (one APDU less a file). */
    int sfi_off;
};

/* Reads f to its end, or continues from f->len. EMRTD_ECARD_GONE / EMRTD_ESM leave f as it is
 * for a later call after re-authentication. EMRTD_ENOTFOUND / EMRTD_EDENIED: not readable. */
int emrtd_read_file(struct emrtd_chan *ch, struct emrtd_read_ctx *rctx, struct emrtd_file *f);
void emrtd_file_wipe(struct emrtd_file *f);

/* Largest READ BINARY payload whose (protected) response fits the reader's frame: at most
 * EMRTD_MAX_EXT_CHUNK with extended frames, 231 (3DES) / 223 (AES) / 256 (plain) short. */
size_t emrtd_read_max_chunk(const struct emrtd_chan *ch);

/* EF.ATR/INFO (ISO 7816-4 §12.7.1, in the MF: SFI 01), read once before any application is
 * selected: its extended length information DO'7F66' gives the largest C-APDU and R-APDU the
 * chip takes. 0 with *max_rapdu set (0 when the file has no DO'7F66'), EMRTD_ENOTFOUND when
 * the chip has no such file (or refuses it), another error when the exchange failed. One
 * short READ BINARY. */
int emrtd_read_atr_info(struct emrtd_chan *ch, size_t *max_rapdu);
/* The parser behind it (exposed for the tests): 0 with the limits, or EMRTD_ENOTFOUND. */
int emrtd_atr_info_limits(const uint8_t *p, size_t n, size_t *max_capdu, size_t *max_rapdu);

#endif
