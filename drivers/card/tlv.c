/* tlv.c: the bounded BER-TLV cursor and writer (see tlv.h).
 *
 * Invariant: c->off <= c->len at all times; every read checks the count it needs against
 * c->len - c->off before touching a byte, and lengths are capped at TLV_MAX_VALUE_LEN before
 * any addition, so no size_t arithmetic can wrap. */
#include "drivers/card/tlv.h"

#include <string.h>

void tlv_cursor_init(struct tlv_cursor *c, const uint8_t *buf, size_t len)
{
    c->buf = buf;
    c->len = buf ? len : 0;
    c->off = 0;
    c->depth = 0;
}

size_t tlv_remaining(const struct tlv_cursor *c)
{
    return c->len - c->off;
}

/* Parses a tag at p (n bytes available). */
static int parse_tag(const uint8_t *p, size_t n, uint32_t *tag, size_t *used)
{
    if (n < 1)
        return TLV_E_TRUNCATED;
    /* ISO/IEC 7816-4 §5.2.2.1: '00' and 'FF' are not valid first tag bytes (padding). */
    if (p[0] == 0x00 || p[0] == 0xFF)
        return TLV_E_TAG;
    uint32_t t = p[0];
    size_t i = 1;
    if ((p[0] & 0x1F) == 0x1F) {
        for (;;) {
            if (i >= n)
                return TLV_E_TRUNCATED;
            if (i >= TLV_MAX_TAG_BYTES)
                return TLV_E_TAG;
            /* X.690 §8.1.2.4.2 c): the first subsequent byte is not 0x80. */
            if (i == 1 && p[1] == 0x80)
                return TLV_E_TAG;
            t = (t << 8) | p[i];
            if (!(p[i++] & 0x80))
                break;
        }
    }
    *tag = t;
    *used = i;
    return TLV_OK;
}

static int parse_len(const uint8_t *p, size_t n, size_t *len, size_t *used)
{
    if (n < 1)
        return TLV_E_TRUNCATED;
    if (p[0] < 0x80) {
        *len = p[0];
        *used = 1;
        return TLV_OK;
    }
    size_t nb = p[0] & 0x7F;
    if (nb == 0 || nb > TLV_MAX_LEN_BYTES)
        return TLV_E_LENGTH; /* indefinite form or absurd size */
    if (n < 1 + nb)
        return TLV_E_TRUNCATED;
    uint64_t v = 0;
    for (size_t i = 1; i <= nb; i++)
        v = (v << 8) | p[i];
    if (v > TLV_MAX_VALUE_LEN)
        return TLV_E_LENGTH;
    *len = (size_t)v;
    *used = 1 + nb;
    return TLV_OK;
}

int tlv_header(const uint8_t *buf, size_t len, uint32_t *tag, size_t *hdr_len, size_t *value_len)
{
    uint32_t t = 0;
    size_t tn = 0, ln = 0, vl = 0;
    int rc;
    if (tag)
        *tag = 0;
    if (hdr_len)
        *hdr_len = 0;
    if (value_len)
        *value_len = 0;
    if (!buf && len)
        return TLV_E_ARG;
    if ((rc = parse_tag(buf, len, &t, &tn)) != 0)
        return rc;
    if ((rc = parse_len(buf + tn, len - tn, &vl, &ln)) != 0)
        return rc;
    if (tag)
        *tag = t;
    if (hdr_len)
        *hdr_len = tn + ln;
    if (value_len)
        *value_len = vl;
    return TLV_OK;
}

int tlv_peek(const struct tlv_cursor *c, struct tlv *out)
{
    memset(out, 0, sizeof *out);
    size_t left = c->len - c->off;
    if (left == 0)
        return TLV_END;
    const uint8_t *p = c->buf + c->off;
    uint32_t tag;
    size_t hdr, vlen;
    int rc = tlv_header(p, left, &tag, &hdr, &vlen);
    if (rc != 0)
        return rc;
    if (vlen > left - hdr)
        return TLV_E_TRUNCATED;
    out->tag = tag;
    out->constructed = (p[0] & 0x20) != 0;
    out->value = p + hdr;
    out->len = vlen;
    out->raw = p;
    out->raw_len = hdr + vlen;
    out->depth = c->depth;
    return TLV_OK;
}

int tlv_next(struct tlv_cursor *c, struct tlv *out)
{
    int rc = tlv_peek(c, out);
    if (rc == 0)
        c->off += out->raw_len;
    return rc;
}

int tlv_expect(struct tlv_cursor *c, uint32_t tag, struct tlv *out)
{
    struct tlv t;
    int rc = tlv_peek(c, &t);
    memset(out, 0, sizeof *out);
    if (rc == TLV_END)
        return TLV_E_UNEXPECTED;
    if (rc != 0)
        return rc;
    if (t.tag != tag)
        return TLV_E_UNEXPECTED;
    c->off += t.raw_len;
    *out = t;
    return TLV_OK;
}

int tlv_find(const struct tlv_cursor *c, uint32_t tag, struct tlv *out)
{
    struct tlv_cursor it = *c;
    struct tlv t;
    int rc;
    memset(out, 0, sizeof *out);
    while ((rc = tlv_next(&it, &t)) == 0) {
        if (t.tag == tag) {
            *out = t;
            return TLV_OK;
        }
    }
    return rc;
}

int tlv_child(const struct tlv *t, struct tlv_cursor *child)
{
    memset(child, 0, sizeof *child);
    if (!t->constructed)
        return TLV_E_PRIMITIVE;
    if (t->depth + 1 > TLV_MAX_DEPTH)
        return TLV_E_DEPTH;
    child->buf = t->value;
    child->len = t->len;
    child->off = 0;
    child->depth = t->depth + 1;
    return TLV_OK;
}

int tlv_first(const uint8_t *buf, size_t len, struct tlv *out)
{
    struct tlv_cursor c;
    tlv_cursor_init(&c, buf, buf ? len : 0);
    return tlv_next(&c, out);
}

int tlv_find_in(const uint8_t *buf, size_t len, uint32_t tag, struct tlv *out)
{
    struct tlv_cursor c;
    tlv_cursor_init(&c, buf, buf ? len : 0);
    return tlv_find(&c, tag, out);
}

int tlv_decode_one(const uint8_t *buf, size_t len, uint32_t tag, struct tlv *out)
{
    struct tlv_cursor c;
    tlv_cursor_init(&c, buf, len);
    int rc = tlv_next(&c, out);
    if (rc == TLV_END)
        rc = TLV_E_TRUNCATED;
    if (rc != 0)
        goto out;
    if (tag != 0 && out->tag != tag) {
        rc = TLV_E_UNEXPECTED;
        goto out;
    }
    if (tlv_remaining(&c) != 0)
        rc = TLV_E_TRAILING;
out:
    if (rc != 0)
        memset(out, 0, sizeof *out);
    return rc;
}

int tlv_to_uint(const struct tlv *t, uint64_t *out)
{
    *out = 0;
    if (t->len > 8)
        return TLV_E_OVERFLOW;
    uint64_t v = 0;
    for (size_t i = 0; i < t->len; i++)
        v = (v << 8) | t->value[i];
    *out = v;
    return TLV_OK;
}

/* Bytes a valid tag takes, 0 when the value is not a well-formed tag. */
static size_t tag_size(uint32_t tag)
{
    if (tag == 0)
        return 0;
    if (tag <= 0xFF)
        return (tag & 0x1F) != 0x1F && tag != 0xFF ? 1 : 0;
    if (tag <= 0xFFFF) {
        uint8_t a = tag >> 8, b = tag & 0xFF;
        return (a & 0x1F) == 0x1F && a != 0xFF && !(b & 0x80) ? 2 : 0;
    }
    if (tag <= 0xFFFFFF) {
        uint8_t a = tag >> 16, b = (tag >> 8) & 0xFF, d = tag & 0xFF;
        return (a & 0x1F) == 0x1F && a != 0xFF && (b & 0x80) && b != 0x80 && !(d & 0x80) ? 3 : 0;
    }
    return 0;
}

static size_t len_size(size_t len)
{
    if (len > TLV_MAX_VALUE_LEN)
        return 0;
    if (len < 0x80)
        return 1;
    if (len <= 0xFF)
        return 2;
    if (len <= 0xFFFF)
        return 3;
    return 4;
}

size_t tlv_encode_len(uint8_t *out, size_t len)
{
    size_t ls = len_size(len);
    if (ls == 1) {
        out[0] = (uint8_t)len;
    } else if (ls > 1) {
        out[0] = (uint8_t)(0x80 | (ls - 1));
        for (size_t i = ls - 1, k = 1; i-- > 0;)
            out[k++] = (uint8_t)(len >> (8 * i));
    }
    return ls;
}

size_t tlv_header_size(uint32_t tag, size_t len)
{
    size_t a = tag_size(tag), b = len_size(len);
    return a && b ? a + b : 0;
}

void tlv_writer_init(struct tlv_writer *w, uint8_t *buf, size_t cap)
{
    w->buf = buf;
    w->cap = buf ? cap : 0;
    w->len = 0;
    w->err = 0;
}

int tlv_put_raw(struct tlv_writer *w, const void *data, size_t len)
{
    if (w->err)
        return w->err;
    if (len > w->cap - w->len) {
        w->err = TLV_E_OVERFLOW;
        return w->err;
    }
    if (len)
        memcpy(w->buf + w->len, data, len);
    w->len += len;
    return TLV_OK;
}

int tlv_put_header(struct tlv_writer *w, uint32_t tag, size_t len)
{
    uint8_t h[TLV_MAX_TAG_BYTES + 1 + TLV_MAX_LEN_BYTES];
    size_t ts = tag_size(tag), ls = len_size(len), n = 0;
    if (w->err)
        return w->err;
    if (!ts || !ls) {
        w->err = TLV_E_ARG;
        return w->err;
    }
    for (size_t i = ts; i-- > 0;)
        h[n++] = (uint8_t)(tag >> (8 * i));
    n += tlv_encode_len(h + n, len);
    return tlv_put_raw(w, h, n);
}

int tlv_put(struct tlv_writer *w, uint32_t tag, const void *value, size_t len)
{
    int rc = tlv_put_header(w, tag, len);
    return rc ? rc : tlv_put_raw(w, value, len);
}

const char *tlv_strerror(int code)
{
    switch (code) {
    case TLV_OK:
        return "ok";
    case TLV_END:
        return "end of data";
    case TLV_E_TRUNCATED:
        return "TLV runs past the end of the data";
    case TLV_E_TAG:
        return "malformed or too long TLV tag";
    case TLV_E_LENGTH:
        return "invalid or too large TLV length";
    case TLV_E_DEPTH:
        return "TLV nesting too deep";
    case TLV_E_UNEXPECTED:
        return "unexpected or missing TLV tag";
    case TLV_E_PRIMITIVE:
        return "primitive TLV where a constructed one was needed";
    case TLV_E_TRAILING:
        return "bytes after the last TLV";
    case TLV_E_OVERFLOW:
        return "TLV output too small or integer too large";
    case TLV_E_ARG:
        return "invalid TLV argument";
    }
    return "unknown TLV error";
}
