/* reader_pn532.c: the libnfc reader backend (any libnfc connstring: pn532_uart, pn53x_usb,
 * acr122_usb...). ISO 14443 A and B; 424 kbps for type A when the card's ATS TA(1) allows it
 * both ways and the device lists it, else 106.
 *
 * libnfc facts this relies on (libnfc 1.8.0, shared/cccd-chip.md §4.3): InDataExchange
 * buffers cap a C-APDU near 262 bytes and an R-APDU at 263, so short APDUs only; infinite
 * select is switched off so a poll returns when no card is there; a card gone mid-exchange
 * shows as an RF/timeout error and a dead reader as NFC_EIO. The field is switched off on
 * release and close.
 *
 * The serial link: a device string "pn532_uart:PORT#baud=N" asks for the PN532's UART to run
 * at up to N baud. Before libnfc opens the port, the PN532 is found at 115200 (or at the rate
 * a previous session left it at) and moved with SetSerialBaudRate (pn532_hsu.h) to the fastest
 * rate ≤ N that it and the host accept, then libnfc opens "pn532_uart:PORT:RATE". Any failure
 * falls back: a refused rate → the next slower one; no answer after the switch → 115200. */
#include <nfc/nfc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "drivers/card/pn532_hsu.h"
#include "drivers/card/reader.h"

#define PN532_POLL_MS        60
#define PN532_MAX_CAPDU      261
#define PN532_MAX_RAPDU      258
#define PN532_RF_TIMEOUT_MS  1000 /* long enough for PACE/AA on slow chips */
#define ATS_T0_TA_PRESENT    0x10
#define SAK_ISO14443_4       0x20 /* ISO 14443-3 §6.4.3.4: compliant with -4 */
#define ATS_TA_424_BOTH_WAYS 0x22 /* ISO 14443-4 §5.2.4: DS=4 (b6) and DR=4 (b2) */

struct pn532_reader {
    nfc_context *ctx;
    nfc_device *dev;
    int selected;
    int baud; /* serial rate switched to (0: as the connstring says) */
};

static int pn532_map(int res)
{
    switch (res) {
    case NFC_EIO:
    case NFC_ENOTSUCHDEV:
        return READER_EIO;
    case NFC_EOVFLOW:
        return READER_EOVERFLOW;
    case NFC_EOPABORTED:
        return READER_ECANCELLED;
    }
    return READER_EREMOVED; /* RF error, timeout, target released: the card went away */
}

/* The rate each serial port's PN532 was left at by this process (it keeps it until power
 * off), so the next session opens there at once. */
static pthread_mutex_t pn532_rate_mu = PTHREAD_MUTEX_INITIALIZER;
static char pn532_rate_port[NFC_BUFSIZE_CONNSTRING];
static int pn532_rate_baud;

static int pn532_cached_rate(const char *port)
{
    int r = 0;
    pthread_mutex_lock(&pn532_rate_mu);
    if (!strcmp(port, pn532_rate_port))
        r = pn532_rate_baud;
    pthread_mutex_unlock(&pn532_rate_mu);
    return r;
}

static void pn532_cache_rate(const char *port, int baud)
{
    pthread_mutex_lock(&pn532_rate_mu);
    snprintf(pn532_rate_port, sizeof(pn532_rate_port), "%s", port);
    pn532_rate_baud = baud;
    pthread_mutex_unlock(&pn532_rate_mu);
}

/* Finds the PN532's current rate and raises it toward want. Returns the rate to open at. */
static int pn532_link_up(const char *port, int want)
{
    int cached = pn532_cached_rate(port);
    if (cached > 115200 && cached <= want && pn532_hsu_probe(port, cached) == 0)
        return cached;
    if (pn532_hsu_probe(port, 115200) == 0) {
        for (const int *r = pn532_hsu_rates; *r > 115200; r++) {
            if (*r > want)
                continue;
            int rc = pn532_hsu_set_baud(port, 115200, *r);
            if (rc == 0)
                return *r;
            if (rc == -1 && pn532_hsu_probe(port, 115200) != 0)
                break; /* it may have switched without a word: look for it below */
        }
        if (pn532_hsu_probe(port, 115200) == 0)
            return 115200;
    }
    /* Not at 115200: a faster rate from an earlier session (ours or another program's). */
    for (const int *r = pn532_hsu_rates; *r > 115200; r++)
        if (pn532_hsu_probe(port, *r) == 0)
            return *r;
    return 115200;
}

static int pn532_open_dev(struct pn532_reader *p, const char *conn)
{
    if (!(p->dev = nfc_open(p->ctx, *conn ? conn : NULL))) /* "": libnfc's default */
        return -1;
    if (nfc_initiator_init(p->dev) < 0 ||
        nfc_device_set_property_bool(p->dev, NP_INFINITE_SELECT, false) < 0 ||
        nfc_device_set_property_bool(p->dev, NP_AUTO_ISO14443_4, true) < 0) {
        nfc_close(p->dev);
        p->dev = NULL;
        return -1;
    }
    nfc_device_set_property_int(p->dev, NP_TIMEOUT_COM, PN532_RF_TIMEOUT_MS);
    return 0;
}

static int pn532_open(const char *conn, void **priv)
{
    struct pn532_reader *p = calloc(1, sizeof(*p));
    char base[NFC_BUFSIZE_CONNSTRING], port[NFC_BUFSIZE_CONNSTRING], cs[NFC_BUFSIZE_CONNSTRING];
    const char *opt;
    int want = 0;

    *priv = NULL;
    if (!p)
        return READER_ENOMEM;
    if (strlen(conn) >= NFC_BUFSIZE_CONNSTRING)
        goto fail_inval;
    snprintf(base, sizeof(base), "%s", conn);
    if ((opt = strchr(conn, '#')) != NULL) {
        base[opt - conn] = '\0';
        if (sscanf(opt, "#baud=%d", &want) != 1 || want < 0)
            goto fail_inval;
    }
    nfc_init(&p->ctx);
    if (!p->ctx)
        goto fail;
    /* pn532_uart:PORT without its own :SPEED, and a faster rate wanted */
    if (want > 115200 && !strncmp(base, "pn532_uart:", 11) && !strchr(base + 11, ':')) {
        snprintf(port, sizeof(port), "%s", base + 11);
        int rate = pn532_link_up(port, want);
        if (snprintf(cs, sizeof(cs), "pn532_uart:%.900s:%d", port, rate) >= (int)sizeof(cs))
            goto fail;
        if (pn532_open_dev(p, cs) == 0) {
            pn532_cache_rate(port, rate);
            p->baud = rate;
            *priv = p;
            return 0;
        }
        pn532_cache_rate(port, 0);
        if (rate == 115200)
            goto fail;
        snprintf(cs, sizeof(cs), "pn532_uart:%.900s:115200", port); /* it did not switch */
        if (pn532_open_dev(p, cs) != 0)
            goto fail;
        p->baud = 115200;
        *priv = p;
        return 0;
    }
    if (pn532_open_dev(p, base) != 0)
        goto fail;
    *priv = p;
    return 0;
fail_inval:
    free(p);
    return READER_EINVAL;
fail:
    if (p->ctx)
        nfc_exit(p->ctx);
    free(p);
    return READER_EOPEN;
}

static int pn532_supports_424(nfc_device *dev)
{
    const nfc_baud_rate *br = NULL;
    if (nfc_device_get_supported_baud_rate(dev, NMT_ISO14443A, &br) < 0 || !br)
        return 0;
    for (; *br; br++)
        if (*br == NBR_424)
            return 1;
    return 0;
}

static int pn532_ats_424(const nfc_iso14443a_info *a)
{
    return a->szAtsLen >= 2 && (a->abtAts[0] & ATS_T0_TA_PRESENT) &&
           (a->abtAts[1] & ATS_TA_424_BOTH_WAYS) == ATS_TA_424_BOTH_WAYS;
}

static void pn532_sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static int pn532_wait_card(void *priv, int timeout_ms, const atomic_int *cancel,
                           struct reader_card *card)
{
    struct pn532_reader *p = priv;
    const nfc_modulation a106 = {.nmt = NMT_ISO14443A, .nbr = NBR_106};
    const nfc_modulation a424 = {.nmt = NMT_ISO14443A, .nbr = NBR_424};
    const nfc_modulation b106 = {.nmt = NMT_ISO14443B, .nbr = NBR_106};
    struct timespec t0, t1;
    nfc_target nt;
    int res;

    memset(card, 0, sizeof(*card));
    p->selected = 0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (;;) {
        if (cancel && *cancel)
            return READER_ECANCELLED;
        memset(&nt, 0, sizeof(nt));
        res = nfc_initiator_select_passive_target(p->dev, a106, NULL, 0, &nt);
        if (res > 0) {
            card->type = READER_CARD_A;
            card->kbps = 106;
            if (pn532_ats_424(&nt.nti.nai) && pn532_supports_424(p->dev)) {
                nfc_target nt2;
                nfc_initiator_deselect_target(p->dev);
                if (nfc_initiator_select_passive_target(p->dev, a424, NULL, 0, &nt2) > 0) {
                    card->kbps = 424;
                    nt = nt2;
                } else if (nfc_initiator_select_passive_target(p->dev, a106, NULL, 0, &nt) <= 0) {
                    goto next;
                }
            }
            card->iso_dep = (nt.nti.nai.btSak & SAK_ISO14443_4) != 0;
            card->uid_len = nt.nti.nai.szUidLen <= sizeof(card->uid) ? nt.nti.nai.szUidLen : 0;
            memcpy(card->uid, nt.nti.nai.abtUid, card->uid_len);
            break;
        }
        if (res < 0 && res != NFC_ETIMEOUT && res != NFC_ECHIP && res != NFC_ERFTRANS)
            return pn532_map(res);
        res = nfc_initiator_select_passive_target(p->dev, b106, NULL, 0, &nt);
        if (res > 0) {
            card->type = READER_CARD_B;
            card->kbps = 106;
            card->iso_dep = (nt.nti.nbi.abtProtocolInfo[1] & 0x0F) == 0x01;
            card->uid_len = 4;
            memcpy(card->uid, nt.nti.nbi.abtPupi, 4);
            break;
        }
        if (res < 0 && res != NFC_ETIMEOUT && res != NFC_ECHIP && res != NFC_ERFTRANS)
            return pn532_map(res);
    next:
        clock_gettime(CLOCK_MONOTONIC, &t1);
        long el = (t1.tv_sec - t0.tv_sec) * 1000L + (t1.tv_nsec - t0.tv_nsec) / 1000000L;
        if (el >= timeout_ms)
            return READER_ENOCARD;
        pn532_sleep_ms(PN532_POLL_MS);
    }
    card->max_capdu = PN532_MAX_CAPDU;
    card->max_rapdu = PN532_MAX_RAPDU;
    p->selected = 1;
    return 0;
}

static int pn532_transceive(void *priv, const uint8_t *capdu, size_t clen, uint8_t *rapdu,
                            size_t rcap, size_t *rlen, int timeout_ms)
{
    struct pn532_reader *p = priv;
    int res;

    *rlen = 0;
    if (!p->selected)
        return READER_EREMOVED;
    if (clen > PN532_MAX_CAPDU)
        return READER_EOVERFLOW;
    res = nfc_initiator_transceive_bytes(p->dev, capdu, clen, rapdu, rcap, timeout_ms);
    if (res < 0) {
        p->selected = 0;
        return pn532_map(res);
    }
    *rlen = (size_t)res;
    return 0;
}

static void pn532_release(void *priv)
{
    struct pn532_reader *p = priv;
    if (p->selected)
        nfc_initiator_deselect_target(p->dev);
    p->selected = 0;
}

static void pn532_abort(void *priv)
{
    struct pn532_reader *p = priv;
    nfc_abort_command(p->dev);
}

static void pn532_close(void *priv)
{
    struct pn532_reader *p = priv;
    if (!p)
        return;
    pn532_release(p);
    nfc_device_set_property_bool(p->dev, NP_ACTIVATE_FIELD, false);
    nfc_close(p->dev);
    nfc_exit(p->ctx);
    free(p);
}

const struct reader_ops reader_pn532 = {
    .name = "pn532",
    .open = pn532_open,
    .wait_card = pn532_wait_card,
    .transceive = pn532_transceive,
    .release = pn532_release,
    .abort = pn532_abort,
    .close = pn532_close,
};
