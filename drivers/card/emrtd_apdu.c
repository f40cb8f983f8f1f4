/* emrtd_apdu.c: short APDUs through a reader, plain or under secure messaging; the bounded
 * TLV reader of the access layer.
 *
 * Guarantees: no C-APDU longer than the reader's frame is sent (EMRTD_EINVAL instead), no
 * response byte is copied past the caller's buffer, and under SM no response data reaches the
 * caller before its MAC has been checked. Reader errors map to what the caller does next: card
 * gone → wait and resume, reader error → reopen. */
#include "drivers/card/emrtd_apdu.h"

#include <string.h>
#include <time.h>

#include "drivers/card/emrtd_sm.h"

const char *emrtd_strerror(int code)
{
    switch (code) {
    case EMRTD_OK:
        return "ok";
    case EMRTD_ENOMEM:
        return "out of memory";
    case EMRTD_EINVAL:
        return "invalid argument";
    case EMRTD_ECARD_GONE:
        return "the card left the field";
    case EMRTD_EREADER:
        return "the reader failed";
    case EMRTD_ETIMEOUT:
        return "no card in time";
    case EMRTD_ECANCELLED:
        return "cancelled";
    case EMRTD_EPROTO:
        return "malformed answer from the chip";
    case EMRTD_ESM:
        return "secure messaging error";
    case EMRTD_EACCESS:
        return "access key refused by the chip";
    case EMRTD_ENOTFOUND:
        return "not found on the chip";
    case EMRTD_EDENIED:
        return "security status not satisfied";
    case EMRTD_ESW:
        return "unexpected status word";
    case EMRTD_ENOTSUP:
        return "no supported access protocol";
    case EMRTD_ECRYPTO:
        return "crypto library failure";
    case EMRTD_EAUTH:
        return "chip authentication failed";
    case EMRTD_ETOOBIG:
        return "file too large";
    }
    return "unknown error";
}

int emrtd_apdu_encode(const struct emrtd_apdu *a, uint8_t *out, size_t cap, size_t *olen)
{
    size_t o = 0;
    int ext = a->le > 256;

    *olen = 0;
    if (a->lc > 255 || a->le > 65536 || (a->lc && !a->data) ||
        cap < 4 + (a->lc ? (ext ? 3 : 1) + a->lc : 0) + (a->le ? (ext ? (a->lc ? 2 : 3) : 1) : 0))
        return EMRTD_EINVAL;
    out[o++] = a->cla;
    out[o++] = a->ins;
    out[o++] = a->p1;
    out[o++] = a->p2;
    if (a->lc) {
        if (ext) {
            out[o++] = 0x00;
            out[o++] = 0x00;
        }
        out[o++] = (uint8_t)a->lc;
        memcpy(out + o, a->data, a->lc);
        o += a->lc;
    }
    if (a->le && ext) {
        if (!a->lc)
            out[o++] = 0x00;
        out[o++] = (uint8_t)(a->le == 65536 ? 0 : a->le >> 8);
        out[o++] = (uint8_t)a->le;
    } else if (a->le) {
        out[o++] = (uint8_t)(a->le == 256 ? 0 : a->le);
    }
    *olen = o;
    return 0;
}

int emrtd_sw_to_err(uint16_t sw)
{
    if (sw == EMRTD_SW_OK || sw == EMRTD_SW_EOF_WARNING)
        return 0;
    switch (sw) {
    case EMRTD_SW_NOT_FOUND:
        return EMRTD_ENOTFOUND;
    case EMRTD_SW_SEC_STATUS:
        return EMRTD_EDENIED;
    case EMRTD_SW_SM_MISSING:
    case EMRTD_SW_SM_WRONG:
        return EMRTD_ESM;
    case EMRTD_SW_AUTH_FAILED:
        return EMRTD_EACCESS;
    }
    if ((sw & 0xFFF0) == 0x63C0)
        return EMRTD_EACCESS;
    return EMRTD_ESW;
}

static int apdu_reader_err(int rc)
{
    switch (rc) {
    case READER_EREMOVED:
    case READER_ENOCARD:
        return EMRTD_ECARD_GONE;
    case READER_ECANCELLED:
        return EMRTD_ECANCELLED;
    case READER_ENOMEM:
        return EMRTD_ENOMEM;
    case READER_EOVERFLOW:
        return EMRTD_EPROTO;
    }
    return EMRTD_EREADER;
}

int64_t emrtd_now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Before each exchange: cancelled, or the read's deadline passed. The per-exchange timeout
 * shrinks to what is left before the deadline. */
static int apdu_may_send(const struct emrtd_chan *ch, int *timeout_ms)
{
    *timeout_ms = ch->timeout_ms;
    if (ch->cancel && *ch->cancel)
        return EMRTD_ECANCELLED;
    if (ch->deadline_ms > 0) {
        int64_t left = ch->deadline_ms - emrtd_now_ms();
        if (left <= 0)
            return EMRTD_ETIMEOUT;
        if (*timeout_ms <= 0 || left < *timeout_ms)
            *timeout_ms = (int)left;
    }
    return 0;
}

int emrtd_transmit(struct emrtd_chan *ch, const struct emrtd_apdu *a, uint8_t *resp, size_t cap,
                   size_t *rlen, uint16_t *sw)
{
    uint8_t c[EMRTD_MAX_CAPDU + 16], r[EMRTD_MAX_EXT_RAPDU + 16];
    size_t cl = 0, rl = 0;
    size_t max_c = ch->card.max_capdu ? ch->card.max_capdu : EMRTD_MAX_CAPDU;
    size_t max_r = ch->card.max_rapdu ? ch->card.max_rapdu : EMRTD_MAX_RAPDU;
    int rc, tmo, more = 0;

    *rlen = 0;
    *sw = 0;
    if ((rc = apdu_may_send(ch, &tmo)) != 0)
        return rc;
    if (ch->sm)
        rc = emrtd_sm_wrap_cmd(ch->sm, a, c, sizeof(c), &cl);
    else
        rc = emrtd_apdu_encode(a, c, sizeof(c), &cl);
    if (rc)
        goto out;
    if (cl > max_c) {
        rc = EMRTD_EINVAL;
        goto out;
    }
    if (max_r > sizeof(r))
        max_r = sizeof(r);
    rc = ch->rd->ops->transceive(ch->rd->priv, c, cl, r, max_r, &rl, tmo);
    ch->stats.apdus++;
    ch->stats.bytes_out += cl;
    if (rc) {
        ch->reader_rc = rc;
        rc = apdu_reader_err(rc);
        goto out;
    }
    ch->stats.bytes_in += rl;
    if (rl < 2) {
        rc = EMRTD_EPROTO;
        goto out;
    }
    /* 61xx: more response bytes wait; GET RESPONSE (plain, ISO 7816-4 §7.6.1) until the last
     * part, then the whole response is unwrapped as one. Bounded: at most
     * EMRTD_MAX_GET_RESPONSE rounds, each bringing data, within the buffer and the deadline. */
    while (r[rl - 2] == 0x61) {
        uint8_t gr[5] = {0x00, 0xC0, 0x00, 0x00, r[rl - 1]};
        size_t part = 0;
        rl -= 2;
        if (++more > EMRTD_MAX_GET_RESPONSE || rl + EMRTD_MAX_RAPDU > sizeof(r)) {
            rc = EMRTD_EPROTO;
            goto out;
        }
        if ((rc = apdu_may_send(ch, &tmo)) != 0)
            goto out;
        /* a part asked with a short Le (at most 256 bytes + SW) */
        rc = ch->rd->ops->transceive(ch->rd->priv, gr, sizeof(gr), r + rl,
                                     max_r < sizeof(r) - rl ? max_r : sizeof(r) - rl, &part, tmo);
        ch->stats.apdus++;
        ch->stats.bytes_out += sizeof(gr);
        if (rc) {
            ch->reader_rc = rc;
            rc = apdu_reader_err(rc);
            goto out;
        }
        ch->stats.bytes_in += part;
        if (part < 2) {
            rc = EMRTD_EPROTO;
            goto out;
        }
        rl += part;
    }
    if (ch->sm) {
        rc = emrtd_sm_unwrap_resp(ch->sm, r, rl, resp, cap, rlen, sw);
        goto out;
    }
    *sw = (uint16_t)(r[rl - 2] << 8 | r[rl - 1]);
    if (rl - 2 > cap) {
        rc = EMRTD_EPROTO;
        goto out;
    }
    if (rl > 2)
        memcpy(resp, r, rl - 2);
    *rlen = rl - 2;
    rc = 0;
out:
    explicit_bzero(c, sizeof(c));
    explicit_bzero(r, sizeof(r));
    return rc;
}
