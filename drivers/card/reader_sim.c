/* reader_sim.c: the simulated reader, hosting the software chip (chip_sim) in-process on a card
 * profile directory. For `make demo` and fast tests; the libnfc path is tested through the
 * emulated PN532 instead.
 *
 * It reports the same frame limits as a PN532 through libnfc (C-APDU ≤ 261, R-APDU ≤ 258) so
 * the APDU layer chunks as it would on the real reader. A card that leaves the field
 * (removed_after_apdus in card.ini) makes transceive return READER_EREMOVED and is back on the
 * next poll but one. */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "drivers/card/chip_sim.h"
#include "drivers/card/reader.h"

struct sim_reader {
    struct chip_sim *chip;
    int selected;
    atomic_int aborted;
};

static int sim_open(const char *conn, void **priv)
{
    struct sim_reader *s = calloc(1, sizeof(*s));
    int rc;

    *priv = NULL;
    if (!s)
        return READER_ENOMEM;
    if ((rc = chip_sim_open(conn, &s->chip)) != 0) {
        free(s);
        return rc == CHIP_SIM_ENOMEM ? READER_ENOMEM : READER_EOPEN;
    }
    *priv = s;
    return 0;
}

static void sim_sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static int sim_wait_card(void *priv, int timeout_ms, const atomic_int *cancel,
                         struct reader_card *card)
{
    struct sim_reader *s = priv;
    struct chip_sim_info info;
    int waited = 0;

    s->aborted = 0;
    for (;;) {
        if ((cancel && *cancel) || s->aborted)
            return READER_ECANCELLED;
        if (chip_sim_poll(s->chip))
            break;
        if (waited >= timeout_ms)
            return READER_ENOCARD;
        sim_sleep_ms(10);
        waited += 10;
    }
    chip_sim_power_on(s->chip);
    chip_sim_get_info(s->chip, &info);
    card->type = info.type_b ? READER_CARD_B : READER_CARD_A;
    memcpy(card->uid, info.uid, info.uid_len);
    card->uid_len = info.uid_len;
    card->kbps = (!info.type_b && info.ats_424) ? 424 : 106;
    card->iso_dep = info.iso_dep;
    card->max_capdu = 261;
    card->max_rapdu = 258;
    s->selected = 1;
    return 0;
}

static int sim_transceive(void *priv, const uint8_t *capdu, size_t clen, uint8_t *rapdu,
                          size_t rcap, size_t *rlen, int timeout_ms)
{
    struct sim_reader *s = priv;
    uint8_t buf[300];
    size_t n = 0;
    int rc;

    (void)timeout_ms;
    *rlen = 0;
    if (!s->selected)
        return READER_EREMOVED;
    rc = chip_sim_apdu(s->chip, capdu, clen, buf, sizeof(buf), &n);
    if (rc == CHIP_SIM_EREMOVED) {
        s->selected = 0;
        return READER_EREMOVED;
    }
    if (rc)
        return READER_EIO;
    if (n > rcap)
        return READER_EOVERFLOW;
    memcpy(rapdu, buf, n);
    *rlen = n;
    return 0;
}

static void sim_release(void *priv)
{
    struct sim_reader *s = priv;
    s->selected = 0;
}

static void sim_abort(void *priv)
{
    struct sim_reader *s = priv;
    s->aborted = 1;
}

static void sim_close(void *priv)
{
    struct sim_reader *s = priv;
    if (!s)
        return;
    chip_sim_free(s->chip);
    free(s);
}

const struct reader_ops reader_sim = {
    .name = "sim",
    .open = sim_open,
    .wait_card = sim_wait_card,
    .transceive = sim_transceive,
    .release = sim_release,
    .abort = sim_abort,
    .close = sim_close,
};
