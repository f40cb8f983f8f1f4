/* reader_pcsc.c: the PC/SC reader backend (pcsc-lite, talking to pcscd): the desktop
 * contactless and ID-card readers that present themselves as CCID devices (ACS ACR1252U /
 * ACR1281, HID Omnikey 5022 / 5427, ...).
 *
 * Device string after "pcsc:": empty (the first contactless-looking reader, else the first
 * reader) or part of a reader name ("ACR1252", "OMNIKEY 5427 CL"), matched without regard to
 * case. The reader does anticollision, ISO 14443-4 activation and bit-rate negotiation itself;
 * we see an ATR (PC/SC part 3 form for contactless cards) and exchange APDUs.
 *
 * What it reports: type A unless the ATR's historical bytes carry an ATQB (PC/SC part 3 does
 * not say more); the UID through the PC/SC part 3 pseudo-APDU FF CA 00 00 00 when the reader
 * knows it; kbps 0 (negotiated by the reader, not visible through PC/SC); a storage card
 * (PC/SC part 3 ATR with RID A0 00 00 03 06) as not ISO-DEP; extended-length frames up to the
 * buffer the reader declares (SCARD_ATTR_MAXINPUT), or when it declares none (the access layer
 * then tries them once).
 *
 * Errors are told apart so the officer gets the right next step: pcscd not running
 * (READER_ENOSERVICE), no reader or the named one missing (READER_ENOREADER), the reader held by
 * another program (READER_EBUSY), the card gone (READER_EREMOVED), the reader gone mid-read
 * (READER_EIO). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <winscard.h>
#include <reader.h>

#include "drivers/card/reader.h"

#define PCSC_SLICE_MS    100
#define PCSC_SHORT_CAPDU 261
#define PCSC_SHORT_RAPDU 258
#define PCSC_EXT_CAPDU   (4 + 3 + 65535 + 2)
#define PCSC_EXT_RAPDU   (65536 + 2)
#define PCSC_NAME_MAX    256
#define PCSC_STALE_MS    1000 /* pcscd polls presence every 400 ms */

struct pcsc_reader {
    SCARDCONTEXT ctx;
    SCARDHANDLE card;
    int connected;
    DWORD proto;
    char want[PCSC_NAME_MAX]; /* what the configuration asked for ("" = any) */
    char name[PCSC_NAME_MAX]; /* the reader in use */
    DWORD events;             /* pcscd's card event count when we connected */
    int stale;                /* the last exchange failed: the card may still look present */
};

/* Maps a PC/SC status to the reader interface. */
static int pcsc_map(LONG rv)
{
    switch (rv) {
    case SCARD_S_SUCCESS:
        return READER_OK;
    case SCARD_E_NO_MEMORY:
        return READER_ENOMEM;
    case SCARD_E_NO_SERVICE:
    case SCARD_E_SERVICE_STOPPED:
        return READER_ENOSERVICE;
    case SCARD_E_NO_READERS_AVAILABLE:
    case SCARD_E_UNKNOWN_READER:
        return READER_ENOREADER;
    case SCARD_E_READER_UNAVAILABLE:
    case SCARD_E_INVALID_HANDLE:
        return READER_EIO;
    case SCARD_E_SHARING_VIOLATION:
        return READER_EBUSY;
    case SCARD_E_CANCELLED:
        return READER_ECANCELLED;
    case SCARD_E_INSUFFICIENT_BUFFER:
        return READER_EOVERFLOW;
    case SCARD_E_TIMEOUT:
        return READER_ENOCARD;
    case SCARD_W_REMOVED_CARD:
    case SCARD_E_NO_SMARTCARD:
    case SCARD_W_RESET_CARD: /* another program reset it: the chip's session is gone too */
    case SCARD_W_UNPOWERED_CARD:
    case SCARD_W_UNRESPONSIVE_CARD:
    case SCARD_E_NOT_TRANSACTED:
    case SCARD_F_COMM_ERROR:
        return READER_EREMOVED;
    }
    /* anything else during an exchange: the card is taken for gone (the caller starts a new
     * session with it, never carries on with the old keys) */
    return READER_EREMOVED;
}

static int pcsc_ieq_contains(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    if (!n)
        return 1;
    for (; *hay; hay++) {
        size_t i = 0;
        while (i < n && hay[i] &&
               tolower((unsigned char)hay[i]) == tolower((unsigned char)needle[i]))
            i++;
        if (i == n)
            return 1;
    }
    return 0;
}

/* A multi-slot reader lists a contact or SAM slot beside the contactless one; prefer the
 * latter when nothing was named. */
static int pcsc_looks_contactless(const char *name)
{
    static const char *hints[] = {"PICC", "Contactless", " CL", "NFC", "Virtual PCD"};
    for (size_t i = 0; i < sizeof(hints) / sizeof(hints[0]); i++)
        if (pcsc_ieq_contains(name, hints[i]))
            return 1;
    return 0;
}

/* Finds the reader to use now (readers come and go: called on open and whenever the one in
 * use is gone). */
static int pcsc_pick(struct pcsc_reader *p)
{
    DWORD len = 0;
    char *list, *first = NULL, *best = NULL;
    LONG rv = SCardListReaders(p->ctx, NULL, NULL, &len);

    if (rv != SCARD_S_SUCCESS)
        return pcsc_map(rv);
    if (!(list = calloc(1, len + 1)))
        return READER_ENOMEM;
    if ((rv = SCardListReaders(p->ctx, NULL, list, &len)) != SCARD_S_SUCCESS) {
        free(list);
        return pcsc_map(rv);
    }
    for (char *r = list; *r; r += strlen(r) + 1) {
        if (p->want[0]) {
            if (!strcmp(r, p->want) || pcsc_ieq_contains(r, p->want)) {
                best = r;
                break;
            }
            continue;
        }
        if (!first)
            first = r;
        if (!best && pcsc_looks_contactless(r))
            best = r;
    }
    if (!best)
        best = first;
    int rc = READER_ENOREADER;
    if (best && strlen(best) < sizeof(p->name)) {
        memcpy(p->name, best, strlen(best) + 1);
        rc = 0;
    }
    free(list);
    return rc;
}

static int pcsc_open(const char *conn, void **priv)
{
    struct pcsc_reader *p = calloc(1, sizeof(*p));
    LONG rv;
    int rc;

    *priv = NULL;
    if (!p)
        return READER_ENOMEM;
    if (strlen(conn) >= sizeof(p->want)) {
        free(p);
        return READER_EINVAL;
    }
    memcpy(p->want, conn, strlen(conn) + 1);
    if ((rv = SCardEstablishContext(SCARD_SCOPE_SYSTEM, NULL, NULL, &p->ctx)) != SCARD_S_SUCCESS) {
        free(p);
        return rv == SCARD_E_NO_MEMORY ? READER_ENOMEM : READER_ENOSERVICE;
    }
    if ((rc = pcsc_pick(p)) != 0) {
        SCardReleaseContext(p->ctx);
        free(p);
        return rc;
    }
    *priv = p;
    return 0;
}

static long pcsc_ms_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (t.tv_sec - t0->tv_sec) * 1000L + (t.tv_nsec - t0->tv_nsec) / 1000000L;
}

/* PC/SC part 3 §3.1.3.2.3: 3B 8n 80 01 + historical bytes + TCK. A storage card (MIFARE,
 * memory cards) has historical bytes 80 4F 0C A0 00 00 03 06 ... and takes no APDU. */
static int pcsc_atr_storage_card(const uint8_t *atr, size_t n)
{
    static const uint8_t rid[] = {0x80, 0x4F, 0x0C, 0xA0, 0x00, 0x00, 0x03, 0x06};
    return n >= 4 + sizeof(rid) && atr[0] == 0x3B && (atr[1] & 0xF0) == 0x80 &&
           memcmp(atr + 4, rid, sizeof(rid)) == 0;
}

/* Type B cards show their ATQB application data + protocol info: 8 historical bytes, the
 * last of which holds the protocol type nibble, then TCK (PC/SC part 3 §3.1.3.2.3.2). Nothing
 * in the ATR says A for sure, so B is only claimed for that exact shape. */
static int pcsc_atr_type_b(const uint8_t *atr, size_t n)
{
    return n == 4 + 8 + 1 && atr[0] == 0x3B && atr[1] == 0x88 && atr[2] == 0x80 && atr[3] == 0x01 &&
           (atr[11] & 0x0F) == 0x01;
}

/* A reader that declares its buffer (SCARD_ATTR_MAXINPUT; libccid gives the CCID message
 * size) is held to it. One that declares nothing gets extended frames: pcsc-lite carries them,
 * and the access layer's first extended read tells whether reader and chip do (a failure
 * there turns extended length off for the rest of the read). */
static void pcsc_frame_limits(struct pcsc_reader *p, struct reader_card *card)
{
    uint8_t buf[8];
    DWORD len = sizeof(buf);
    card->max_capdu = PCSC_EXT_CAPDU;
    card->max_rapdu = PCSC_EXT_RAPDU;
    if (SCardGetAttrib(p->card, SCARD_ATTR_MAXINPUT, buf, &len) == SCARD_S_SUCCESS && len >= 4) {
        unsigned long max = (unsigned long)buf[0] | (unsigned long)buf[1] << 8 |
                            (unsigned long)buf[2] << 16 | (unsigned long)buf[3] << 24;
        card->max_capdu = max > PCSC_SHORT_CAPDU ? (max < PCSC_EXT_CAPDU ? max : PCSC_EXT_CAPDU)
                                                 : PCSC_SHORT_CAPDU;
        card->max_rapdu = max > PCSC_SHORT_RAPDU ? (max < PCSC_EXT_RAPDU ? max : PCSC_EXT_RAPDU)
                                                 : PCSC_SHORT_RAPDU;
    }
}

static void pcsc_read_uid(struct pcsc_reader *p, struct reader_card *card)
{
    static const uint8_t get_uid[] = {0xFF, 0xCA, 0x00, 0x00, 0x00};
    const SCARD_IO_REQUEST *pci = p->proto == SCARD_PROTOCOL_T0 ? SCARD_PCI_T0 : SCARD_PCI_T1;
    uint8_t r[258];
    DWORD rl = sizeof(r);
    card->uid_len = 0;
    if (SCardTransmit(p->card, pci, get_uid, sizeof(get_uid), NULL, r, &rl) == SCARD_S_SUCCESS &&
        rl >= 2 && rl - 2 <= sizeof(card->uid) && r[rl - 2] == 0x90 && r[rl - 1] == 0x00) {
        card->uid_len = rl - 2;
        memcpy(card->uid, r, card->uid_len);
    }
}

static int pcsc_connect(struct pcsc_reader *p, struct reader_card *card)
{
    uint8_t atr[MAX_ATR_SIZE];
    DWORD atr_len = sizeof(atr), state = 0, proto = 0, nlen = 0;
    LONG rv = SCardConnect(p->ctx, p->name, SCARD_SHARE_EXCLUSIVE,
                           SCARD_PROTOCOL_T1 | SCARD_PROTOCOL_T0, &p->card, &p->proto);
    if (rv != SCARD_S_SUCCESS)
        return rv == SCARD_W_UNRESPONSIVE_CARD || rv == SCARD_W_UNPOWERED_CARD ||
                       rv == SCARD_E_PROTO_MISMATCH
                   ? 1 /* a card that takes no APDU */
                   : pcsc_map(rv);
    p->connected = 1;
    rv = SCardStatus(p->card, NULL, &nlen, &state, &proto, atr, &atr_len);
    if (rv != SCARD_S_SUCCESS)
        return pcsc_map(rv);
    card->type = pcsc_atr_type_b(atr, atr_len) ? READER_CARD_B : READER_CARD_A;
    card->kbps = 0;
    card->iso_dep = !pcsc_atr_storage_card(atr, atr_len);
    pcsc_frame_limits(p, card);
    if (card->iso_dep)
        pcsc_read_uid(p, card);
    return 0;
}

static int pcsc_wait_card(void *priv, int timeout_ms, const atomic_int *cancel,
                          struct reader_card *card)
{
    struct pcsc_reader *p = priv;
    SCARD_READERSTATE rs;
    struct timespec t0;
    LONG rv;

    memset(card, 0, sizeof(*card));
    clock_gettime(CLOCK_MONOTONIC, &t0);
    memset(&rs, 0, sizeof(rs));
    rs.szReader = p->name;
    rs.dwCurrentState = SCARD_STATE_UNAWARE;
    for (;;) {
        if (cancel && *cancel)
            return READER_ECANCELLED;
        long left = timeout_ms - pcsc_ms_since(&t0);
        rv = SCardGetStatusChange(
            p->ctx, left < PCSC_SLICE_MS ? (left > 0 ? (DWORD)left : 0) : PCSC_SLICE_MS, &rs, 1);
        if (rv == SCARD_S_SUCCESS) {
            rs.dwCurrentState = rs.dwEventState & ~(DWORD)SCARD_STATE_CHANGED;
            if (rs.dwEventState & (SCARD_STATE_UNKNOWN | SCARD_STATE_UNAVAILABLE))
                return READER_EIO; /* the reader went away */
            /* After a failed exchange pcscd may still show the old card for one presence
             * poll: wait for its event count to move (lifted and put back), or a while. */
            int stale = p->stale && (rs.dwEventState >> 16) == p->events &&
                        pcsc_ms_since(&t0) < PCSC_STALE_MS;
            if ((rs.dwEventState & SCARD_STATE_PRESENT) &&
                !(rs.dwEventState & SCARD_STATE_EXCLUSIVE) && !stale) {
                p->stale = 0;
                p->events = rs.dwEventState >> 16;
                int rc = pcsc_connect(p, card);
                if (rc == 0)
                    return 0;
                if (rc == 1) { /* present but mute: report a card without a chip */
                    card->type = READER_CARD_A;
                    card->iso_dep = 0;
                    return 0;
                }
                if (rc != READER_EREMOVED)
                    return rc;
                /* lifted while we connected: keep waiting */
            } else if ((rs.dwEventState & SCARD_STATE_PRESENT) &&
                       (rs.dwEventState & SCARD_STATE_EXCLUSIVE) && !stale) {
                return READER_EBUSY;
            }
        } else if (rv != SCARD_E_TIMEOUT) {
            int rc = pcsc_map(rv);
            /* The service and the reader were there at open: whatever else went wrong, the
             * reader (or the stack under it) stopped answering. */
            return rc == READER_ECANCELLED || rc == READER_ENOMEM || rc == READER_EBUSY
                       ? rc
                       : READER_EIO;
        }
        if (pcsc_ms_since(&t0) >= timeout_ms)
            return READER_ENOCARD;
    }
}

/* After a failed exchange: was it the card or the reader that went? */
static int pcsc_classify(struct pcsc_reader *p, LONG rv)
{
    SCARD_READERSTATE rs;
    int rc = pcsc_map(rv);
    if (rc == READER_ENOSERVICE || rc == READER_ENOREADER)
        return READER_EIO;
    if (rc != READER_EREMOVED)
        return rc;
    memset(&rs, 0, sizeof(rs));
    rs.szReader = p->name;
    rs.dwCurrentState = SCARD_STATE_UNAWARE;
    LONG s = SCardGetStatusChange(p->ctx, 0, &rs, 1);
    /* the reader's state cannot be had (service, reader or handle gone), or it says so */
    if ((s != SCARD_S_SUCCESS && s != SCARD_E_TIMEOUT) ||
        (s == SCARD_S_SUCCESS && (rs.dwEventState & (SCARD_STATE_UNKNOWN | SCARD_STATE_IGNORE))))
        return READER_EIO;
    return READER_EREMOVED;
}

static int pcsc_transceive(void *priv, const uint8_t *capdu, size_t clen, uint8_t *rapdu,
                           size_t rcap, size_t *rlen, int timeout_ms)
{
    struct pcsc_reader *p = priv;
    const SCARD_IO_REQUEST *pci = p->proto == SCARD_PROTOCOL_T0 ? SCARD_PCI_T0 : SCARD_PCI_T1;
    DWORD rl = (DWORD)rcap;
    LONG rv;

    (void)timeout_ms; /* the reader's own waiting time extension rules apply */
    *rlen = 0;
    if (!p->connected)
        return READER_EREMOVED;
    rv = SCardTransmit(p->card, pci, capdu, (DWORD)clen, NULL, rapdu, &rl);
    /* A "successful" exchange without even a status word is no answer from the card: some
     * reader drivers (vpcd among them) report a card lifted mid-APDU that way. It is a card
     * gone, not a malformed answer (which would make the file being read look withheld and
     * the chip forged). */
    if (rv == SCARD_S_SUCCESS && rl < 2)
        rv = SCARD_E_NOT_TRANSACTED;
    if (rv != SCARD_S_SUCCESS) {
        int rc = pcsc_classify(p, rv);
        if (rc != READER_EOVERFLOW) {
            /* unpowered: a card put back quicker than pcscd's presence poll must not be taken
             * for the old one with its old session */
            SCardDisconnect(p->card, SCARD_UNPOWER_CARD);
            p->connected = 0;
            p->stale = 1;
        }
        return rc;
    }
    *rlen = rl;
    return 0;
}

static void pcsc_release(void *priv)
{
    struct pcsc_reader *p = priv;
    if (p->connected)
        SCardDisconnect(p->card, SCARD_UNPOWER_CARD);
    p->connected = 0;
}

static void pcsc_abort(void *priv)
{
    struct pcsc_reader *p = priv;
    SCardCancel(p->ctx);
}

static void pcsc_close(void *priv)
{
    struct pcsc_reader *p = priv;
    if (!p)
        return;
    pcsc_release(p);
    SCardReleaseContext(p->ctx);
    free(p);
}

const struct reader_ops reader_pcsc = {
    .name = "pcsc",
    .open = pcsc_open,
    .wait_card = pcsc_wait_card,
    .transceive = pcsc_transceive,
    .release = pcsc_release,
    .abort = pcsc_abort,
    .close = pcsc_close,
};
