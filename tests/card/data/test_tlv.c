/* test_tlv.c: the BER-TLV cursor on good, nested, long-form and hostile inputs. */
#include "kiosk/messages/messages.h"
#include "drivers/card/tlv.h"
#include "tests/test.h"

TEST(short_and_nested)
{
    /* 61 09 5F1F 03 'A' 'B' 'C' 04 01 07 */
    static const uint8_t b[] = {0x61, 0x09, 0x5F, 0x1F, 0x03, 'A', 'B', 'C', 0x04, 0x01, 0x07};
    struct tlv t, u;
    struct tlv_cursor c;
    CHECK_INT(tlv_decode_one(b, sizeof b, 0x61, &t), TLV_OK);
    CHECK(t.constructed);
    CHECK_INT(t.len, 9);
    CHECK_INT(tlv_child(&t, &c), TLV_OK);
    CHECK_INT(c.depth, 1);
    CHECK_INT(tlv_next(&c, &u), TLV_OK);
    CHECK_INT(u.tag, 0x5F1F);
    CHECK_INT(u.len, 3);
    CHECK(memcmp(u.value, "ABC", 3) == 0);
    CHECK_INT(tlv_child(&u, &c), TLV_E_PRIMITIVE);
    CHECK_INT(tlv_child(&t, &c), TLV_OK);
    CHECK_INT(tlv_find(&c, 0x04, &u), TLV_OK);
    CHECK_INT(u.value[0], 7);
    CHECK_INT(tlv_find(&c, 0x05, &u), TLV_END);
    CHECK_INT(tlv_expect(&c, 0x04, &u), TLV_E_UNEXPECTED);
    CHECK_INT(tlv_expect(&c, 0x5F1F, &u), TLV_OK);
    CHECK_INT(tlv_expect(&c, 0x04, &u), TLV_OK);
    CHECK_INT(tlv_next(&c, &u), TLV_END);
    CHECK_INT(tlv_expect(&c, 0x04, &u), TLV_E_UNEXPECTED);
}

TEST(long_form_lengths)
{
    static uint8_t b[4 + 300];
    b[0] = 0x04;
    b[1] = 0x82;
    b[2] = 0x01;
    b[3] = 0x2C;
    struct tlv t;
    CHECK_INT(tlv_decode_one(b, sizeof b, 0x04, &t), TLV_OK);
    CHECK_INT(t.len, 300);
    CHECK(t.value == b + 4);
    CHECK_INT(tlv_decode_one(b, sizeof b - 1, 0x04, &t), TLV_E_TRUNCATED);
    uint32_t tag;
    size_t hl, vl;
    CHECK_INT(tlv_header(b, 4, &tag, &hl, &vl), TLV_OK);
    CHECK_INT(hl, 4);
    CHECK_INT(vl, 300);
    CHECK_INT(tlv_header(b, 3, &tag, &hl, &vl), TLV_E_TRUNCATED);
}

TEST(hostile_lengths)
{
    struct tlv t;
    static const uint8_t indefinite[] = {0x30, 0x80, 0x00, 0x00};
    CHECK_INT(tlv_decode_one(indefinite, sizeof indefinite, 0, &t), TLV_E_LENGTH);
    static const uint8_t five[] = {0x04, 0x85, 0, 0, 0, 0, 1, 0};
    CHECK_INT(tlv_decode_one(five, sizeof five, 0, &t), TLV_E_LENGTH);
    static const uint8_t huge[] = {0x04, 0x84, 0xFF, 0xFF, 0xFF, 0xFF, 0};
    CHECK_INT(tlv_decode_one(huge, sizeof huge, 0, &t), TLV_E_LENGTH);
    static const uint8_t lying[] = {0x04, 0x05, 1, 2};
    CHECK_INT(tlv_decode_one(lying, sizeof lying, 0, &t), TLV_E_TRUNCATED);
    CHECK(t.value == NULL);
    static const uint8_t trailing[] = {0x04, 0x01, 1, 0x00};
    CHECK_INT(tlv_decode_one(trailing, sizeof trailing, 0, &t), TLV_E_TRAILING);
    static const uint8_t cut_len[] = {0x04, 0x82, 0x01};
    CHECK_INT(tlv_decode_one(cut_len, sizeof cut_len, 0, &t), TLV_E_TRUNCATED);
    CHECK_INT(tlv_decode_one(NULL, 0, 0, &t), TLV_E_TRUNCATED);
}

TEST(hostile_tags)
{
    struct tlv t;
    static const uint8_t longtag[] = {0x5F, 0x81, 0x81, 0x01, 0x00};
    CHECK_INT(tlv_decode_one(longtag, sizeof longtag, 0, &t), TLV_E_TAG);
    static const uint8_t pad[] = {0x00, 0x00};
    CHECK_INT(tlv_decode_one(pad, sizeof pad, 0, &t), TLV_E_TAG);
    static const uint8_t cut[] = {0x5F};
    CHECK_INT(tlv_decode_one(cut, sizeof cut, 0, &t), TLV_E_TRUNCATED);
    static const uint8_t three[] = {0xBF, 0x81, 0x01, 0x00};
    CHECK_INT(tlv_decode_one(three, sizeof three, 0, &t), TLV_OK);
    CHECK_INT(t.tag, 0xBF8101);
}

TEST(depth_limit)
{
    uint8_t b[2 * (TLV_MAX_DEPTH + 3)];
    size_t n = sizeof b / 2;
    for (size_t i = 0; i < n; i++) {
        b[2 * i] = 0x30;
        b[2 * i + 1] = (uint8_t)(2 * (n - i - 1));
    }
    struct tlv t;
    struct tlv_cursor c;
    int rc = tlv_decode_one(b, sizeof b, 0x30, &t);
    CHECK_INT(rc, TLV_OK);
    int levels = 0;
    for (;;) {
        rc = tlv_child(&t, &c);
        if (rc)
            break;
        levels++;
        if (tlv_next(&c, &t) != 0)
            break;
    }
    CHECK_INT(rc, TLV_E_DEPTH);
    CHECK_INT(levels, TLV_MAX_DEPTH);
}

TEST(writer_roundtrip)
{
    uint8_t buf[600], big[300];
    struct tlv_writer w;
    memset(big, 0xAB, sizeof big);
    tlv_writer_init(&w, buf, sizeof buf);
    tlv_put_header(&w, 0x7F61, tlv_header_size(0x5F1F, 3) + 3 + tlv_header_size(0x04, 300) + 300);
    tlv_put(&w, 0x5F1F, "xyz", 3);
    tlv_put(&w, 0x04, big, sizeof big);
    CHECK_INT(w.err, 0);
    struct tlv t, u;
    struct tlv_cursor c;
    CHECK_INT(tlv_decode_one(buf, w.len, 0x7F61, &t), TLV_OK);
    CHECK_INT(tlv_child(&t, &c), TLV_OK);
    CHECK_INT(tlv_expect(&c, 0x5F1F, &u), TLV_OK);
    CHECK_INT(tlv_expect(&c, 0x04, &u), TLV_OK);
    CHECK_INT(u.len, 300);
    CHECK_INT(tlv_remaining(&c), 0);
    tlv_writer_init(&w, buf, 10);
    CHECK_INT(tlv_put(&w, 0x04, big, 20), TLV_E_OVERFLOW);
    CHECK_INT(tlv_put(&w, 0x04, big, 1), TLV_E_OVERFLOW); /* the first error sticks */
    tlv_writer_init(&w, buf, sizeof buf);
    CHECK_INT(tlv_put(&w, 0x1F, big, 1), TLV_E_ARG);
    CHECK_INT(tlv_header_size(0x5F1F, 0x10000), 2 + 4);
}

TEST(uint_values)
{
    static const uint8_t b[] = {0x02, 0x03, 0x01, 0x00, 0x01};
    struct tlv t;
    uint64_t v;
    CHECK_INT(tlv_decode_one(b, sizeof b, 0x02, &t), TLV_OK);
    CHECK_INT(tlv_to_uint(&t, &v), TLV_OK);
    CHECK_INT(v, 0x010001);
    CHECK(tlv_strerror(TLV_E_DEPTH)[0] != 0);
    CHECK(strstr(messages_text(MSGD_TLV, TLV_E_TRUNCATED, LANG_VI), "Chip") != NULL);
    CHECK(strstr(messages_text(MSGD_TLV, TLV_E_TRUNCATED, LANG_EN), "malformed") != NULL);
}

int main(void)
{
    RUN(short_and_nested);
    RUN(long_form_lengths);
    RUN(hostile_lengths);
    RUN(hostile_tags);
    RUN(depth_limit);
    RUN(writer_roundtrip);
    RUN(uint_values);
    return test_done();
}
