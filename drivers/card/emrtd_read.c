/* emrtd_read.c: chunked, resumable READ BINARY (ICAO 9303-10 §3.6, ISO 7816-4 §11.3.3).
 *
 * Invariants: f->data holds exactly f->len bytes, all from the chip at offsets [0, f->len);
 * nothing is appended unless it came with 9000/6282 (and, under SM, a good MAC); the buffer
 * is allocated once from the TLV length, capped at EMRTD_MAX_FILE. */
#include "drivers/card/emrtd_read.h"

#include <stdlib.h>
#include <string.h>

#include "drivers/card/emrtd_sm.h"
#include "drivers/card/tlv.h"

#define READ_MIN_CHUNK  16
#define READ_B0_MAX_OFF 0x7FFF /* 15-bit offset in P1-P2 */

size_t emrtd_read_max_chunk(const struct emrtd_chan *ch)
{
    size_t max_r = ch->card.max_rapdu ? ch->card.max_rapdu : EMRTD_MAX_RAPDU;
    if (max_r > EMRTD_MAX_EXT_RAPDU)
        max_r = EMRTD_MAX_EXT_RAPDU;
    if (!ch->sm)
        return max_r - 2 > EMRTD_MAX_EXT_CHUNK ? EMRTD_MAX_EXT_CHUNK : max_r - 2;
    /* DO'87' 87 L 01 (L on 1-3 bytes) + padded data, DO'99' (4), DO'8E' (10), SW (2). */
    size_t blk = ch->sm->alg == EMRTD_SM_AES ? 16 : 8;
    size_t do87 = max_r > EMRTD_MAX_RAPDU ? 5 : 4;
    size_t room = max_r - do87 - 16;
    return room / blk * blk - 1;
}

/* The largest chunk in a short R-APDU: the size an extended read falls back to. */
static size_t read_short_chunk(const struct emrtd_chan *ch)
{
    struct emrtd_chan c = *ch;
    if (!c.card.max_rapdu || c.card.max_rapdu > EMRTD_MAX_RAPDU)
        c.card.max_rapdu = EMRTD_MAX_RAPDU;
    return emrtd_read_max_chunk(&c);
}

void emrtd_file_wipe(struct emrtd_file *f)
{
    if (f->data)
        explicit_bzero(f->data, f->len);
    free(f->data);
    f->data = NULL;
    f->len = f->total = 0;
    f->done = f->truncated = 0;
}

/* The sizes chips are known to accept (shared/cccd-chip.md §3.4): 231 = a full 3DES short
 * response, 223 AES, 160 the common "reliable" size, then smaller. */
static size_t read_shrink(size_t chunk)
{
    if (chunk > 231)
        return 231;
    if (chunk > 223)
        return 223;
    if (chunk > 160)
        return 160;
    if (chunk > 100)
        return 100;
    return chunk / 2;
}

/* One READ BINARY of want bytes at off. */
static int read_chunk(struct emrtd_chan *ch, const struct emrtd_file *f, int use_sfi, size_t off,
                      size_t want, uint8_t *buf, size_t cap, size_t *got, uint16_t *sw)
{
    uint8_t do54[5];
    struct emrtd_apdu a = {0x00, 0xB0, 0, 0, NULL, 0, want};

    if (use_sfi) {
        a.p1 = (uint8_t)(0x80 | f->sfi);
        a.p2 = (uint8_t)off;
    } else if (off <= READ_B0_MAX_OFF) {
        a.p1 = (uint8_t)(off >> 8);
        a.p2 = (uint8_t)off;
    } else {
        size_t n = off > 0xFFFF ? 3 : 2;
        do54[0] = 0x54;
        do54[1] = (uint8_t)n;
        for (size_t i = 0; i < n; i++)
            do54[2 + i] = (uint8_t)(off >> (8 * (n - 1 - i)));
        a.ins = 0xB1;
        a.data = do54;
        a.lc = 2 + n;
        a.le = want + (want < 0x80 ? 2 : want < 0x100 ? 3 : 4); /* DO'53' around the bytes */
    }
    return emrtd_transmit(ch, &a, buf, cap, got, sw);
}

static int read_select(struct emrtd_chan *ch, const struct emrtd_file *f)
{
    uint8_t fid[2] = {(uint8_t)(f->fid >> 8), (uint8_t)f->fid};
    struct emrtd_apdu a = {0x00, 0xA4, 0x02, 0x0C, fid, 2, 0};
    uint16_t sw = 0;
    size_t rl = 0;
    int rc = emrtd_transmit(ch, &a, NULL, 0, &rl, &sw);
    if (rc)
        return rc;
    return emrtd_sw_to_err(sw);
}

/* Takes the payload of a B1 answer (DO'53') or the plain bytes of a B0 answer. */
static int read_payload(int b1, const uint8_t *buf, size_t n, const uint8_t **p, size_t *pl)
{
    struct tlv t;
    if (!b1) {
        *p = buf;
        *pl = n;
        return 0;
    }
    if (tlv_first(buf, n, &t) != 0 || t.tag != 0x53)
        return EMRTD_EPROTO;
    *p = t.value;
    *pl = t.len;
    return 0;
}

int emrtd_read_file(struct emrtd_chan *ch, struct emrtd_read_ctx *rctx, struct emrtd_file *f)
{
    uint8_t buf[EMRTD_MAX_EXT_RAPDU + 16];
    size_t max_chunk = emrtd_read_max_chunk(ch);
    int use_sfi = f->len == 0 && f->sfi != 0 && !rctx->sfi_off, rc;

    if (f->done)
        return 0;
    if (rctx->ext_off)
        max_chunk = read_short_chunk(ch);
    if (rctx->chunk == 0 || rctx->chunk > max_chunk)
        rctx->chunk = max_chunk;
    if (!use_sfi && (rc = read_select(ch, f)) != 0)
        return rc;
    for (;;) {
        size_t off = f->len, want = rctx->chunk, got = 0, pl = 0;
        const uint8_t *p = NULL;
        uint16_t sw = 0;
        int b1 = !use_sfi && off > READ_B0_MAX_OFF;

        if (f->total) {
            if (off >= f->total)
                break;
            if (want > f->total - off)
                want = f->total - off;
        }
        if (b1 && want + 4 > rctx->chunk)
            want = rctx->chunk - 4;
        rc = read_chunk(ch, f, use_sfi, off, want, buf, sizeof(buf), &got, &sw);
        if (rc) {
            if (want > EMRTD_MAX_RAPDU - 2 && !rctx->ext_proven &&
                (rc == EMRTD_ECARD_GONE || rc == EMRTD_EREADER || rc == EMRTD_EPROTO)) {
                rctx->ext_off = 1; /* the first extended exchange failed: short from now on */
                rctx->chunk = read_short_chunk(ch);
                rctx->shrinks++;
            }
            goto out;
        }
        if (want > EMRTD_MAX_RAPDU - 2 && !rctx->ext_proven && sw == EMRTD_SW_WRONG_LENGTH) {
            rctx->ext_off = 1; /* the chip takes short Le only */
            rctx->chunk = read_short_chunk(ch);
            rctx->shrinks++;
            continue;
        }
        if (want > EMRTD_MAX_RAPDU - 2)
            rctx->ext_proven = 1;
        if ((sw & 0xFF00) == 0x6C00 && (sw & 0xFF) && (sw & 0xFF) < want) {
            rctx->chunk = sw & 0xFF; /* the chip tells the exact length */
            rctx->shrinks++;
            continue;
        }
        if (use_sfi && (sw == EMRTD_SW_WRONG_P1P2 || sw == EMRTD_SW_INCORRECT_P1P2)) {
            /* SFI not supported by this chip: select by FID instead, here and for the
             * files after this one. */
            use_sfi = 0;
            rctx->sfi_off = 1;
            if ((rc = read_select(ch, f)) != 0)
                goto out;
            continue;
        }
        if (sw == EMRTD_SW_WRONG_LENGTH ||
            (sw == EMRTD_SW_WRONG_P1P2 && (!f->total || off < f->total))) {
            size_t next = read_shrink(rctx->chunk);
            if (next < READ_MIN_CHUNK) {
                rc = EMRTD_EPROTO;
                goto out;
            }
            rctx->chunk = next;
            rctx->shrinks++;
            continue;
        }
        if (sw != EMRTD_SW_OK && sw != EMRTD_SW_EOF_WARNING) {
            rc = emrtd_sw_to_err(sw);
            goto out;
        }
        if ((rc = read_payload(b1, buf, got, &p, &pl)) != 0)
            goto out;
        if (pl > want) {
            rc = EMRTD_EPROTO;
            goto out;
        }
        if (!f->total) {
            /* the first chunk's header alone tells the file's length */
            uint32_t tag = 0;
            size_t hl = 0, vl = 0;
            if ((rc = tlv_header(p, pl, &tag, &hl, &vl)) != TLV_OK) {
                rc = rc == TLV_E_LENGTH ? EMRTD_ETOOBIG : EMRTD_EPROTO;
                goto out;
            }
            if (hl + vl > EMRTD_MAX_FILE) {
                rc = EMRTD_ETOOBIG;
                goto out;
            }
            f->total = hl + vl;
            if (!(f->data = malloc(f->total))) {
                rc = EMRTD_ENOMEM;
                goto out;
            }
        }
        if (pl > f->total - off)
            pl = f->total - off;
        memcpy(f->data + off, p, pl);
        f->len += pl;
        use_sfi = 0; /* an SFI read selects the file: later chunks use B0/B1 */
        if (pl == 0 || (sw == EMRTD_SW_EOF_WARNING && f->len < f->total)) {
            f->truncated = f->len < f->total;
            break;
        }
    }
    f->done = 1;
    rc = 0;
out:
    explicit_bzero(buf, sizeof(buf));
    return rc;
}

/* ISO 7816-4 §12.7.1: DO'7F66' { INTEGER max C-APDU bytes, INTEGER max R-APDU bytes }. */
int emrtd_atr_info_limits(const uint8_t *p, size_t n, size_t *max_capdu, size_t *max_rapdu)
{
    struct tlv info, num;
    struct tlv_cursor c;
    size_t v[2] = {0, 0};

    if (tlv_find_in(p, n, 0x7F66, &info) != 0)
        return EMRTD_ENOTFOUND;
    tlv_cursor_init(&c, info.value, info.len);
    for (int i = 0; i < 2; i++) {
        if (tlv_next(&c, &num) != 0 || num.tag != 0x02 || num.len < 1 || num.len > 3)
            return EMRTD_ENOTFOUND;
        for (size_t k = 0; k < num.len; k++)
            v[i] = v[i] << 8 | num.value[k];
    }
    *max_capdu = v[0];
    *max_rapdu = v[1];
    return 0;
}

int emrtd_read_atr_info(struct emrtd_chan *ch, size_t *max_rapdu)
{
    uint8_t buf[EMRTD_MAX_RAPDU + 16];
    struct emrtd_apdu a = {0x00, 0xB0, 0x81, 0x00, NULL, 0, 256}; /* SFI 01, offset 0 */
    size_t got = 0, max_c = 0;
    uint16_t sw = 0;

    *max_rapdu = 0;
    int rc = emrtd_transmit(ch, &a, buf, sizeof(buf), &got, &sw);
    if (rc)
        return rc;
    if (sw != EMRTD_SW_OK && sw != EMRTD_SW_EOF_WARNING)
        return EMRTD_ENOTFOUND;
    if (emrtd_atr_info_limits(buf, got, &max_c, max_rapdu) != 0)
        *max_rapdu = 0;
    explicit_bzero(buf, sizeof(buf));
    return 0;
}
