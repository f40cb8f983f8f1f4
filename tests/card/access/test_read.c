/* test_read.c: the APDU layer and chunked reading against a scripted chip: short APDU encoding,
 * 6Cxx (exact length), 6700 and 6B00 (shrink), 6282 at the end and a file shorter than its TLV
 * length (truncated), a chip without SFI support (SELECT by FID instead, remembered for the
 * next files), 61xx chaining, frame limits, card removal mid-file and the continuation from the
 * same offset; extended-length encoding (plain and under SM) and EF.ATR/INFO's limits. */
#include <stdlib.h>
#include <string.h>

#include "drivers/card/emrtd_apdu.h"
#include "drivers/card/emrtd_read.h"
#include "drivers/card/emrtd_sm.h"
#include "tests/test.h"

/* A plain chip holding one file, with knobs. */
struct script {
    uint8_t file[3000];
    size_t file_len, claimed_len; /* claimed_len > file_len: truncated file */
    size_t max_le;                /* 6700 above */
    int answer_6c;                /* answer 6Cxx instead of 6700 */
    int no_sfi;                   /* 6B00 to READ BINARY with SFI */
    uint16_t no_sfi_sw;           /* with no_sfi: this status word instead (e.g. 6A86) */
    unsigned long sfi_tries;      /* READ BINARYs with SFI asked */
    int selected;
    unsigned long apdus, fail_at; /* the card leaves the field at APDU fail_at */
    size_t max_off;               /* largest offset asked */
};

static int sc_transceive(void *priv, const uint8_t *c, size_t cl, uint8_t *r, size_t rcap,
                         size_t *rl, int timeout)
{
    struct script *s = priv;
    (void)timeout;
    (void)rcap;
    s->apdus++;
    if (s->fail_at && s->apdus == s->fail_at)
        return READER_EREMOVED;
    *rl = 2;
    r[0] = 0x6D;
    r[1] = 0x00;
    if (cl >= 7 && c[1] == 0xA4 && c[2] == 0x02) {
        s->selected = 1;
        r[0] = 0x90;
        return 0;
    }
    if (cl != 5 || c[1] != 0xB0)
        return 0;
    size_t off, le = c[4] ? c[4] : 256;
    if (c[2] & 0x80) {
        s->sfi_tries++;
        if (s->no_sfi) {
            r[0] = s->no_sfi_sw ? (uint8_t)(s->no_sfi_sw >> 8) : 0x6B;
            r[1] = s->no_sfi_sw ? (uint8_t)s->no_sfi_sw : 0x00;
            return 0;
        }
        s->selected = 1;
        off = c[3];
    } else {
        if (!s->selected) {
            r[0] = 0x69;
            r[1] = 0x86;
            return 0;
        }
        off = (size_t)c[2] << 8 | c[3];
    }
    if (off > s->max_off)
        s->max_off = off;
    if (le > s->max_le) {
        r[0] = s->answer_6c ? 0x6C : 0x67;
        r[1] = s->answer_6c ? (uint8_t)s->max_le : 0x00;
        return 0;
    }
    size_t n = off < s->file_len ? s->file_len - off : 0;
    if (n > le)
        n = le;
    memcpy(r, s->file + off, n);
    r[n] = n < le ? 0x62 : 0x90;
    r[n + 1] = n < le ? 0x82 : 0x00;
    *rl = n + 2;
    return 0;
}
static void sc_nop(void *priv)
{
    (void)priv;
}
static const struct reader_ops sc_ops = {"script", NULL,   NULL,  sc_transceive,
                                         sc_nop,   sc_nop, sc_nop};

static void sc_init(struct script *s, size_t len)
{
    memset(s, 0, sizeof(*s));
    s->claimed_len = s->file_len = len;
    s->max_le = 256;
    for (size_t i = 0; i < len; i++)
        s->file[i] = (uint8_t)(i * 7 + 3);
    /* 75 82 LL LL: a DG2-like header claiming len - 4 value bytes */
    s->file[0] = 0x75;
    s->file[1] = 0x82;
    s->file[2] = (uint8_t)((len - 4) >> 8);
    s->file[3] = (uint8_t)(len - 4);
}

static int sc_read(struct script *s, struct emrtd_file *f, struct emrtd_read_ctx *rctx)
{
    struct reader rd = {&sc_ops, s};
    struct emrtd_chan ch = {0};
    ch.rd = &rd;
    ch.card.max_capdu = 261;
    ch.card.max_rapdu = 258;
    return emrtd_read_file(&ch, rctx, f);
}

TEST(encode_short_apdus)
{
    uint8_t out[300], d[255];
    size_t n;
    memset(d, 0xAB, sizeof(d));
    struct emrtd_apdu a = {0x00, 0xB0, 0x01, 0x02, NULL, 0, 256};
    CHECK_INT(emrtd_apdu_encode(&a, out, sizeof(out), &n), 0);
    CHECK_INT(n, 5);
    CHECK_INT(out[4], 0x00);
    struct emrtd_apdu b = {0x00, 0xA4, 0x02, 0x0C, d, 255, 0};
    CHECK_INT(emrtd_apdu_encode(&b, out, sizeof(out), &n), 0);
    CHECK_INT(n, 260);
    struct emrtd_apdu c = {0x00, 0xA4, 0x02, 0x0C, d, 256, 0};
    CHECK_INT(emrtd_apdu_encode(&c, out, sizeof(out), &n), EMRTD_EINVAL);
    CHECK_INT(emrtd_apdu_encode(&b, out, 100, &n), EMRTD_EINVAL);
    CHECK_INT(emrtd_sw_to_err(0x6982), EMRTD_EDENIED);
    CHECK_INT(emrtd_sw_to_err(0x63C2), EMRTD_EACCESS);
    CHECK_INT(emrtd_sw_to_err(0x6282), 0);
}

/* Extended Le (ISO 7816-4 §5.1), plain and under SM (DO'97' of two bytes), the chip side
 * reading it back; EF.ATR/INFO's extended length DO'7F66'. */
TEST(extended_length_encoding)
{
    uint8_t out[300], d[3] = {0x54, 0x01, 0x00};
    size_t n;
    struct emrtd_apdu a = {0x00, 0xB0, 0x00, 0x00, NULL, 0, 4096};
    CHECK_INT(emrtd_apdu_encode(&a, out, sizeof(out), &n), 0);
    CHECK_INT(n, 7);
    CHECK(out[4] == 0x00 && out[5] == 0x10 && out[6] == 0x00);
    struct emrtd_apdu b = {0x00, 0xB1, 0x00, 0x00, d, 3, 65536};
    CHECK_INT(emrtd_apdu_encode(&b, out, sizeof(out), &n), 0);
    CHECK_INT(n, 4 + 3 + 3 + 2);
    CHECK(out[4] == 0 && out[5] == 0 && out[6] == 3 && out[10] == 0 && out[11] == 0);
    struct emrtd_apdu c = {0x00, 0xB0, 0x00, 0x00, NULL, 0, 65537};
    CHECK_INT(emrtd_apdu_encode(&c, out, sizeof(out), &n), EMRTD_EINVAL);

    /* under SM: the terminal wraps Le 2000, the chip side finds it again */
    static const uint8_t kenc[16] = {1, 2, 3}, kmac[16] = {4, 5, 6};
    struct emrtd_sm t, chip;
    uint8_t buf[300];
    struct emrtd_apdu got;
    CHECK_INT(emrtd_sm_init(&t, EMRTD_SM_AES, kenc, kmac, 16, NULL), 0);
    CHECK_INT(emrtd_sm_init(&chip, EMRTD_SM_AES, kenc, kmac, 16, NULL), 0);
    struct emrtd_apdu e = {0x00, 0xB0, 0x01, 0x00, NULL, 0, 2000};
    CHECK_INT(emrtd_sm_wrap_cmd(&t, &e, out, sizeof(out), &n), 0);
    CHECK(out[4] == 0x00 && out[n - 2] == 0x00 && out[n - 1] == 0x00); /* Lc 00 xx xx, Le 00 00 */
    CHECK_INT(emrtd_sm_unwrap_cmd(&chip, out, n, &got, buf, sizeof(buf)), 0);
    CHECK_INT(got.le, 2000);
    CHECK_INT(got.ins, 0xB0);
    emrtd_sm_wipe(&t);
    emrtd_sm_wipe(&chip);

    /* EF.ATR/INFO: 43 01 80, then 7F66 { 02 02 01 05, 02 02 04 02 } */
    static const uint8_t info[] = {0x43, 0x01, 0x80, 0x7F, 0x66, 0x08, 0x02,
                                   0x02, 0x01, 0x05, 0x02, 0x02, 0x04, 0x02};
    size_t mc = 0, mr = 0;
    CHECK_INT(emrtd_atr_info_limits(info, sizeof(info), &mc, &mr), 0);
    CHECK_INT(mc, 261);
    CHECK_INT(mr, 1026);
    CHECK_INT(emrtd_atr_info_limits(info, 3, &mc, &mr), EMRTD_ENOTFOUND);
}

TEST(whole_file_plain_max_chunk)
{
    struct script s;
    struct emrtd_file f = {0x0102, 0x02, NULL, 0, 0, 0, 0};
    struct emrtd_read_ctx r = {0};
    sc_init(&s, 2000);
    CHECK_INT(sc_read(&s, &f, &r), 0);
    CHECK_INT(f.len, 2000);
    CHECK(memcmp(f.data, s.file, 2000) == 0);
    CHECK_INT(r.chunk, 256);
    CHECK_INT(s.apdus, 8); /* ceil(2000 / 256), first by SFI, no SELECT */
    emrtd_file_wipe(&f);
}

TEST(shrink_on_6700_and_exact_on_6cxx)
{
    struct script s;
    struct emrtd_file f = {0x0102, 0x02, NULL, 0, 0, 0, 0};
    struct emrtd_read_ctx r = {0};
    sc_init(&s, 1500);
    s.max_le = 150;
    CHECK_INT(sc_read(&s, &f, &r), 0);
    CHECK_INT(f.len, 1500);
    CHECK(memcmp(f.data, s.file, 1500) == 0);
    CHECK_INT(r.chunk, 100); /* 256 → 231 → 223 → 160 → 100 */
    emrtd_file_wipe(&f);

    sc_init(&s, 1500);
    s.max_le = 150;
    s.answer_6c = 1;
    memset(&r, 0, sizeof(r));
    CHECK_INT(sc_read(&s, &f, &r), 0);
    CHECK_INT(f.len, 1500);
    CHECK_INT(r.chunk, 150);
    CHECK(memcmp(f.data, s.file, 1500) == 0);
    emrtd_file_wipe(&f);
}

TEST(no_sfi_truncated_and_resume)
{
    struct script s;
    struct emrtd_file f = {0x0102, 0x02, NULL, 0, 0, 0, 0};
    struct emrtd_read_ctx r = {0};
    sc_init(&s, 1200);
    s.no_sfi = 1;
    CHECK_INT(sc_read(&s, &f, &r), 0);
    CHECK_INT(f.len, 1200);
    CHECK(memcmp(f.data, s.file, 1200) == 0);
    emrtd_file_wipe(&f);

    /* The header claims 1200 bytes, the chip has 700: kept, marked truncated. */
    sc_init(&s, 1200);
    s.file_len = 700;
    memset(&r, 0, sizeof(r));
    CHECK_INT(sc_read(&s, &f, &r), 0);
    CHECK(f.truncated);
    CHECK_INT(f.len, 700);
    emrtd_file_wipe(&f);

    /* Removed at the 3rd APDU: what was read stays; the next call continues at that offset. */
    sc_init(&s, 1200);
    s.fail_at = 3;
    memset(&r, 0, sizeof(r));
    CHECK_INT(sc_read(&s, &f, &r), EMRTD_ECARD_GONE);
    CHECK_INT(f.len, 512);
    CHECK(!f.done);
    s.selected = 0;
    s.max_off = 0;
    CHECK_INT(sc_read(&s, &f, &r), 0);
    CHECK_INT(f.len, 1200);
    CHECK(memcmp(f.data, s.file, 1200) == 0);
    emrtd_file_wipe(&f);
}

/* A chip that refuses READ BINARY by short EF id (6B00 or 6A86) is read through SELECT, and
 * the refusal is remembered: the next file of the same read is selected straight away, one
 * APDU less; a chip that takes SFI keeps getting it (no SELECT at all). */
TEST(sfi_refusal_remembered)
{
    static const uint16_t refusals[] = {0x6B00, 0x6A86};
    for (size_t k = 0; k < sizeof(refusals) / sizeof(refusals[0]); k++) {
        struct script s;
        struct emrtd_file f = {0x0102, 0x02, NULL, 0, 0, 0, 0};
        struct emrtd_file g = {0x010D, 0x0D, NULL, 0, 0, 0, 0};
        struct emrtd_read_ctx r = {0};
        sc_init(&s, 600);
        s.no_sfi = 1;
        s.no_sfi_sw = refusals[k];
        CHECK_INT(sc_read(&s, &f, &r), 0);
        CHECK_INT(f.len, 600);
        CHECK(memcmp(f.data, s.file, 600) == 0);
        CHECK_INT(s.sfi_tries, 1);
        CHECK_INT(s.apdus, 1 + 1 + 3); /* refused SFI read, SELECT, 3 chunks of 256 */
        CHECK(r.sfi_off);
        s.apdus = 0;
        s.selected = 0;
        CHECK_INT(sc_read(&s, &g, &r), 0);
        CHECK_INT(g.len, 600);
        CHECK(memcmp(g.data, s.file, 600) == 0);
        CHECK_INT(s.sfi_tries, 1); /* not asked again */
        CHECK_INT(s.apdus, 1 + 3); /* SELECT, 3 chunks */
        emrtd_file_wipe(&f);
        emrtd_file_wipe(&g);
    }
    /* A chip with SFI: the first chunk by SFI selects the file, no SELECT is sent. */
    struct script s;
    struct emrtd_file f = {0x0102, 0x02, NULL, 0, 0, 0, 0};
    struct emrtd_read_ctx r = {0};
    sc_init(&s, 600);
    CHECK_INT(sc_read(&s, &f, &r), 0);
    CHECK_INT(f.len, 600);
    CHECK_INT(s.sfi_tries, 1);
    CHECK_INT(s.apdus, 3);
    CHECK(!r.sfi_off);
    emrtd_file_wipe(&f);
}

/* A lying header (file claims more than the cap) is refused before any allocation. */
TEST(oversized_claim_refused)
{
    struct script s;
    struct emrtd_file f = {0x0102, 0x02, NULL, 0, 0, 0, 0};
    struct emrtd_read_ctx r = {0};
    sc_init(&s, 600);
    s.file[1] = 0x84; /* 4-byte length */
    s.file[2] = 0x7F;
    s.file[3] = 0xFF;
    s.file[4] = 0xFF;
    s.file[5] = 0xFF;
    int rc = sc_read(&s, &f, &r);
    CHECK(rc == EMRTD_ETOOBIG || rc == EMRTD_EPROTO);
    CHECK(f.data == NULL);
}

int main(void)
{
    RUN(encode_short_apdus);
    RUN(extended_length_encoding);
    RUN(whole_file_plain_max_chunk);
    RUN(shrink_on_6700_and_exact_on_6cxx);
    RUN(no_sfi_truncated_and_resume);
    RUN(sfi_refusal_remembered);
    RUN(oversized_claim_refused);
    return test_done();
}
