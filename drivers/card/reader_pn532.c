/* reader_pn532.c: the libnfc reader backend (any libnfc connstring: pn532_uart, pn53x_usb,
 * acr122_usb...). ISO 14443 A and B; 424 kbps for type A when the card's ATS TA(1) allows it
 * both ways and the device lists it, else 106.
 *
 * libnfc facts this relies on (libnfc 1.8.0, shared/cccd-chip.md §4.3): InDataExchange
 * buffers cap a C-APDU near 262 bytes and an R-APDU at 263, so short APDUs only; infinite
 * select is switched off so a poll returns when no card is there; a card gone mid-exchange
 * shows as an RF/timeout error and a dead reader as NFC_EIO. The field is switched off on
 * release and close. */
#include <nfc/nfc.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

static int pn532_open(const char *conn, void **priv)
{
    struct pn532_reader *p = calloc(1, sizeof(*p));

    *priv = NULL;
    if (!p)
        return READER_ENOMEM;
    if (strlen(conn) >= NFC_BUFSIZE_CONNSTRING)
        goto fail_inval;
    nfc_init(&p->ctx);
    if (!p->ctx)
        goto fail;
    if (!(p->dev = nfc_open(p->ctx, *conn ? conn : NULL))) /* "": libnfc's default */
        goto fail;
    if (nfc_initiator_init(p->dev) < 0 ||
        nfc_device_set_property_bool(p->dev, NP_INFINITE_SELECT, false) < 0 ||
        nfc_device_set_property_bool(p->dev, NP_AUTO_ISO14443_4, true) < 0)
        goto fail;
    nfc_device_set_property_int(p->dev, NP_TIMEOUT_COM, PN532_RF_TIMEOUT_MS);
    *priv = p;
    return 0;
fail_inval:
    free(p);
    return READER_EINVAL;
fail:
    if (p->dev)
        nfc_close(p->dev);
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

static int pn532_wait_card(void *priv, int timeout_ms, const volatile int *cancel,
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
