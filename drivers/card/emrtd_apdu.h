/* emrtd_apdu.h: ISO 7816-4 short APDUs to an eMRTD chip through a reader, plain or under
 * secure messaging, with the chip protocol layer's one error enum (used by emrtd_sm, emrtd_bac,
 * emrtd_pace, emrtd_aa, emrtd_read).
 *
 * A channel (struct emrtd_chan) is a selected card on a reader plus, once BAC or PACE has run,
 * its secure-messaging session. emrtd_transmit() sends one APDU, wraps/unwraps it when SM is
 * on, and counts APDUs and bytes for the benchmarks and the report. Every command is short
 * (Lc ≤ 255); Le may be extended (READ BINARY when reader and chip allow it). Every APDU is
 * checked against the reader's frame limits before it is sent. The structures the access
 * layer reads itself (SM data objects, PACE dynamic authentication data, EF.CardAccess, file
 * length headers, the software chip's commands) are walked with tlv.h's bounded cursor. */
#ifndef DRIVERS_CARD_EMRTD_APDU_H
#define DRIVERS_CARD_EMRTD_APDU_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "drivers/card/reader.h"

enum emrtd_err {
    EMRTD_OK = 0,
    EMRTD_ENOMEM = -1,     /* allocation failed: abort the read */
    EMRTD_EINVAL = -2,     /* caller error (a bug): abort */
    EMRTD_ECARD_GONE = -3, /* the card left the field: wait for it, re-authenticate, resume */
    EMRTD_EREADER = -4,    /* the reader failed or was unplugged: check cable, reopen */
    EMRTD_ETIMEOUT = -5,   /* no card in time: keep waiting or ask for the card */
    EMRTD_ECANCELLED = -6, /* the caller cancelled */
    EMRTD_EPROTO = -7,     /* the chip's answer is malformed: not an eMRTD or damaged */
    EMRTD_ESM = -8,        /* secure messaging broke (MAC, format): re-authenticate */
    EMRTD_EACCESS = -9,    /* access key refused (wrong CAN or MRZ data): ask again */
    EMRTD_ENOTFOUND = -10, /* the application or file is not on the chip */
    EMRTD_EDENIED = -11,   /* security status not satisfied (e.g. DG3 needs EAC): skip */
    EMRTD_ESW = -12,       /* another error status word: report it */
    EMRTD_ENOTSUP = -13,   /* the chip offers no protocol this reader supports */
    EMRTD_ECRYPTO = -14,   /* the crypto library failed: abort */
    EMRTD_EAUTH = -15,     /* chip authentication (AA) failed: possible clone */
    EMRTD_ETOOBIG = -16,   /* a file is larger than the hard cap: treat as hostile */
};

const char *emrtd_strerror(int code);

/* Status words (ISO 7816-4 §5.1.3). */
#define EMRTD_SW_OK              0x9000
#define EMRTD_SW_EOF_WARNING     0x6282 /* end of file reached before Le bytes */
#define EMRTD_SW_WRONG_LENGTH    0x6700
#define EMRTD_SW_AUTH_FAILED     0x6300
#define EMRTD_SW_SEC_STATUS      0x6982
#define EMRTD_SW_SM_MISSING      0x6987
#define EMRTD_SW_SM_WRONG        0x6988
#define EMRTD_SW_NOT_FOUND       0x6A82
#define EMRTD_SW_WRONG_P1P2      0x6B00
#define EMRTD_SW_INCORRECT_P1P2  0x6A86 /* incorrect parameters P1-P2 */
#define EMRTD_SW_INS_UNSUPPORTED 0x6D00

/* Largest APDU buffers this layer handles. Commands are short (Lc ≤ 255); a response may be
 * extended (Le > 256) when reader and chip take it: READ BINARY asks at most
 * EMRTD_MAX_EXT_CHUNK bytes at once. */
#define EMRTD_MAX_CAPDU     261  /* 4 header + 1 Lc + 255 data + 1 Le */
#define EMRTD_MAX_RAPDU     258  /* 256 data + SW */
#define EMRTD_MAX_CHAINED   1024 /* a response reassembled from 61xx parts (RSA-2048 AA) */
#define EMRTD_MAX_EXT_CHUNK 4096 /* most data one extended READ BINARY asks for */
#define EMRTD_MAX_EXT_RAPDU (EMRTD_MAX_EXT_CHUNK + 64) /* its answer under SM, with SW */

struct emrtd_apdu {
    uint8_t cla, ins, p1, p2;
    const uint8_t *data; /* NULL when lc == 0 */
    size_t lc;           /* 0..255 */
    size_t le;           /* 0 = no Le field, 1..256 short (256 is sent as 00), 257..65536
                            extended (ISO 7816-4 §5.1: Lc 00 xx xx, Le xx xx) */
};

/* Counters for the report and the benchmarks. */
struct emrtd_stats {
    unsigned long apdus;
    unsigned long bytes_out; /* C-APDU bytes as sent over the air (after SM wrapping) */
    unsigned long bytes_in;  /* R-APDU bytes received */
};

struct emrtd_sm;

struct emrtd_chan {
    struct reader *rd;
    struct reader_card card;
    struct emrtd_sm *sm; /* NULL: plain APDUs; owned by the caller */
    int timeout_ms;      /* per exchange */
    struct emrtd_stats stats;
    int reader_rc; /* the reader's own error (enum reader_err) of the last failed exchange */

    /* checked before every exchange (GET RESPONSE included): set by another thread, the next
     * one is not sent (EMRTD_ECANCELLED); past deadline_ms (CLOCK_MONOTONIC ms, 0 = none)
     * neither (EMRTD_ETIMEOUT). May be NULL / 0. */
    const atomic_int *cancel;
    int64_t deadline_ms;
};

/* GET RESPONSEs one command may take (ISO 7816-4 §7.6.1): a chip that answers 61xx for ever
 * gets EMRTD_EPROTO after this many. The largest response we accept (EMRTD_MAX_CHAINED) is
 * a few frames; a chip that needs more is not a CCCD. */
#define EMRTD_MAX_GET_RESPONSE 16

/* CLOCK_MONOTONIC in ms (the clock of deadline_ms). */
int64_t emrtd_now_ms(void);

/* Encodes a as a C-APDU into out: short, or extended when le > 256. */
int emrtd_apdu_encode(const struct emrtd_apdu *a, uint8_t *out, size_t cap, size_t *olen);

/* Sends a, wrapping it when ch->sm is set. On 0, resp holds the response data (after SM
 * unwrapping and MAC check) and *sw the status word; any SW is a success of the exchange.
 * resp may be NULL when cap is 0. */
int emrtd_transmit(struct emrtd_chan *ch, const struct emrtd_apdu *a, uint8_t *resp, size_t cap,
                   size_t *rlen, uint16_t *sw);

/* Maps an error status word to the enum (0 for 9000 and 6282). */
int emrtd_sw_to_err(uint16_t sw);

#endif
