/* fuzz_tlv.c: libFuzzer target for the BER-TLV cursor: walks every element, descending into
 * constructed ones, and reads headers and integers. */
#include <stddef.h>
#include <stdint.h>

#include "drivers/card/tlv.h"

static void walk(struct tlv_cursor *c)
{
    struct tlv t, u;
    struct tlv_cursor child;
    while (tlv_next(c, &t) == TLV_OK) {
        uint64_t v;
        (void)tlv_to_uint(&t, &v);
        (void)tlv_find(c, 0x30, &u);
        if (t.constructed && tlv_child(&t, &child) == TLV_OK)
            walk(&child);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct tlv_cursor c;
    struct tlv t;
    uint32_t tag;
    size_t hl, vl;
    tlv_cursor_init(&c, data, size);
    walk(&c);
    (void)tlv_decode_one(data, size, 0, &t);
    (void)tlv_header(data, size, &tag, &hl, &vl);
    return 0;
}
