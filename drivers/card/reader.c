/* reader.c: chooses a reader backend by device string and owns the struct reader; the reader
 * errors in the officer's words.
 *
 * "sim:<dir>" → reader_sim; "pcsc:[name]" → reader_pcsc; "auto:" → the first PC/SC reader, else
 * libnfc's default device; anything else is handed whole to reader_pn532 (libnfc connstring).
 * The backends are listed once, in reader_backends[]. */
#include "drivers/card/reader.h"

#include <stdlib.h>
#include <string.h>

struct reader_backend {
    const char *prefix; /* device string prefix, stripped before open ("" matches all) */
    int strip;
    const struct reader_ops *ops;
};

static const struct reader_backend reader_backends[] = {
    {"sim:", 1, &reader_sim},
    {"pcsc:", 1, &reader_pcsc},
    {"", 0, &reader_pn532},
};

const char *reader_strerror(int code)
{
    switch (code) {
    case READER_OK:
        return "ok";
    case READER_ENOMEM:
        return "out of memory";
    case READER_EINVAL:
        return "invalid reader device string";
    case READER_EOPEN:
        return "cannot open the reader";
    case READER_ENOCARD:
        return "no card on the reader";
    case READER_EREMOVED:
        return "the card was removed";
    case READER_EIO:
        return "the reader stopped answering";
    case READER_ECANCELLED:
        return "cancelled";
    case READER_EOVERFLOW:
        return "answer too long";
    case READER_ENOSERVICE:
        return "the smart-card service (pcscd) is not running";
    case READER_ENOREADER:
        return "no card reader connected";
    case READER_EBUSY:
        return "the card reader is used by another program";
    }
    return "unknown reader error";
}

/* "auto:": a PC/SC reader when pcscd has one (the desktop readers stations buy), else
 * whatever libnfc finds by itself (a PN53x on USB, or the device in libnfc.conf). */
static int reader_open_auto(struct reader *r)
{
    int rc = reader_pcsc.open("", &r->priv);
    if (rc == 0) {
        r->ops = &reader_pcsc;
        return 0;
    }
    if (rc == READER_ENOMEM)
        return rc;
    int rc2 = reader_pn532.open("", &r->priv);
    if (rc2 == 0) {
        r->ops = &reader_pn532;
        return 0;
    }
    return rc == READER_ENOSERVICE ? READER_ENOREADER : rc;
}

int reader_open(const char *device, struct reader **out)
{
    struct reader *r;
    int rc;

    *out = NULL;
    if (!device || !*device)
        return READER_EINVAL;
    if (!strcmp(device, "auto:") || !strcmp(device, "auto")) {
        if (!(r = calloc(1, sizeof(*r))))
            return READER_ENOMEM;
        if ((rc = reader_open_auto(r)) != 0) {
            free(r);
            return rc;
        }
        *out = r;
        return 0;
    }
    for (size_t i = 0; i < sizeof(reader_backends) / sizeof(reader_backends[0]); i++) {
        const struct reader_backend *b = &reader_backends[i];
        size_t pl = strlen(b->prefix);
        if (strncmp(device, b->prefix, pl) != 0)
            continue;
        if (!(r = calloc(1, sizeof(*r))))
            return READER_ENOMEM;
        r->ops = b->ops;
        if ((rc = b->ops->open(b->strip ? device + pl : device, &r->priv)) != 0) {
            free(r);
            return rc;
        }
        *out = r;
        return 0;
    }
    return READER_EINVAL;
}

void reader_close(struct reader *r)
{
    if (!r)
        return;
    r->ops->close(r->priv);
    free(r);
}
