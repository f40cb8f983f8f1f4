/* reader.h: the contactless reader interface (one ops table per backend, like libnfc drivers).
 *
 * A reader is opened from a device string: "sim:<card profile dir>" hosts the software chip
 * in-process (reader_sim.c); "pcsc:" or "pcsc:<part of a reader name>" is a PC/SC reader
 * through pcscd (reader_pcsc.c); "auto:" takes the first PC/SC reader, else libnfc's default
 * device; anything else is a libnfc connstring ("pn532_uart:/dev/ttyUSB0",
 * "pn532_uart:/dev/ttyS0:460800", "pn53x_usb:", ...) handled by reader_pn532.c. Backends are
 * listed in one const array and chosen by prefix. The configuration is translated into such a
 * string outside drivers/ (kiosk/config).
 *
 * Every call returns 0 or a negative enum reader_err whose name says what to do next.
 * Ownership: reader_open() gives a struct reader the caller ends with reader_close().
 * A reader is used by one thread at a time; abort() is the one call another thread may make. */
#ifndef DRIVERS_CARD_READER_H
#define DRIVERS_CARD_READER_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/base/code_list.h"

#define READER_CODES(X)                                                                            \
    X(READER_OK, 0)                                                                                \
    X(READER_ENOMEM, -1)     /* allocation failed */                                               \
    X(READER_EINVAL, -2)     /* bad device string or argument: fix the configuration */            \
    X(READER_EOPEN, -3)      /* device could not be opened: check the cable / connstring */        \
    X(READER_ENOCARD, -4)    /* no card in the field before the timeout: keep waiting */           \
    X(READER_EREMOVED, -5)   /* the card left the field: ask for it back, then resume */           \
    X(READER_EIO, -6)        /* the reader stopped answering: check the cable, reopen */           \
    X(READER_ECANCELLED, -7) /* the caller cancelled */                                            \
    X(READER_EOVERFLOW, -8)  /* the answer does not fit the caller's buffer */                     \
    X(READER_ENOSERVICE, -9) /* the smart-card service (pcscd) is not running: start it */         \
    X(READER_ENOREADER, -10) /* no reader connected (or not the one named): plug it in */          \
    X(READER_EBUSY, -11)     /* another program holds the reader: close it */
enum reader_err { READER_CODES(MSG_CODE_ENUM) };

enum reader_card_type { READER_CARD_A = 1, READER_CARD_B = 2 };

/* What the reader learnt about the card when it found it. */
struct reader_card {
    enum reader_card_type type;
    uint8_t uid[10]; /* UID (type A) or PUPI (type B) */
    size_t uid_len;
    int kbps;         /* bit rate in use: 106, 212 or 424; 0 when the reader negotiates it
                         unseen (PC/SC) */
    int iso_dep;      /* the card speaks ISO 14443-4 (takes APDUs) */
    size_t max_capdu; /* largest C-APDU this reader can send in one exchange */
    size_t max_rapdu; /* largest R-APDU (data + SW) it can receive */
};

struct reader;

struct reader_ops {
    const char *name; /* "pn532" (libnfc), "pcsc", "sim" */
    /* conn is the part of the device string the backend takes (after "sim:"; all of it for
     * libnfc). */
    int (*open)(const char *conn, void **priv);
    /* Waits up to timeout_ms for a card (polling A then B), selects it (ISO-DEP), at 424 kbps
     * when reader and card both allow it. *cancel (may be NULL) set to non-zero stops it. */
    int (*wait_card)(void *priv, int timeout_ms, const atomic_int *cancel,
                     struct reader_card *card);
    /* One APDU exchange with the selected card. */
    int (*transceive)(void *priv, const uint8_t *capdu, size_t clen, uint8_t *rapdu, size_t rcap,
                      size_t *rlen, int timeout_ms);
    /* Releases the card and turns the field off (safe to call with no card). */
    void (*release)(void *priv);
    /* Asks a blocking call in another thread to return early (best effort). */
    void (*abort)(void *priv);
    void (*close)(void *priv);
};

extern const struct reader_ops reader_pn532;
extern const struct reader_ops reader_pcsc;
extern const struct reader_ops reader_sim;

struct reader {
    const struct reader_ops *ops;
    void *priv;
};

/* Opens the reader named by device ("sim:DIR" or a libnfc connstring). */
int reader_open(const char *device, struct reader **out);
/* Closes and frees r (NULL is fine). */
void reader_close(struct reader *r);

const char *reader_strerror(int code); /* English, for logs */

#endif
