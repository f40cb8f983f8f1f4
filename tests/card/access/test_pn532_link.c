/* test_pn532_link.c: the PN532 link at its limit, through the real libnfc pn532_uart driver and
 * the emulated PN532 with a line-speed check (a host at the wrong rate is not understood): the
 * serial rate raised with SetSerialBaudRate and libnfc reopened at it; a rate the PN532 refuses
 * (the next slower one is taken); a PN532 that answers but does not switch (back to 115200);
 * the next session finding the PN532 still fast; the radio rate raised by PPS (InPSL) to 424
 * kbit/s when the card accepts, and the read going on at 106 when it refuses; nothing but APDUs
 * on the link from the first APDU to the last. */
#include <stdio.h>
#include <string.h>

#include "drivers/card/card.h"
#include "tests/rigs/card/chipsim_profile.h"
#include "tests/rigs/card/pn532emu.h"
#include "tests/test.h"

static char dir[256];

static int read_via(struct pn532emu *emu, const char *suffix, struct card_result *res)
{
    char trust[300], dev[400];
    struct card_access acc;
    chipsim_profile_trust(dir, trust, sizeof(trust));
    snprintf(dev, sizeof(dev), "%s%s", pn532emu_connstring(emu), suffix);
    if (card_access_from_id(&acc, "001099012345", "1999-01-01", "") != 0)
        return -100;
    struct card_options o = {.device = dev, .trust_dir = trust, .timeout_ms = 3000};
    return card_read(&o, &acc, res, NULL, NULL, NULL);
}

static int has(const char *json, const char *needle)
{
    return json && strstr(json, needle) != NULL;
}

static int start(const struct pn532emu_opts *eo, int ats_424, struct pn532emu **emu)
{
    struct chipsim_profile_opts o;
    chipsim_profile_defaults(&o);
    o.ats_424 = ats_424;
    o.dg2_len = 4000;
    if (chipsim_profile_tmpdir(dir, sizeof(dir)) || chipsim_profile_write(dir, &o))
        return -1;
    return pn532emu_start(dir, eo, emu);
}

TEST(serial_rate_raised_and_kept)
{
    struct pn532emu_opts eo = {.baud = 115200, .line_check = 1};
    struct pn532emu *emu = NULL;
    struct pn532emu_stats st;
    struct card_result res;
    CHECK_INT(start(&eo, 1, &emu), 0);
    int rc = read_via(emu, "#baud=921600", &res);
    pn532emu_get_stats(emu, &st);
    CHECK_INT(rc, 0);
    CHECK(res.identity.verdict == CHIP_GENUINE);
    card_result_wipe(&res);
    CHECK_INT(st.baud, 460800);
    /* The next session: the PN532 is still at 460800 and is opened there. */
    rc = read_via(emu, "#baud=921600", &res);
    pn532emu_get_stats(emu, &st);
    pn532emu_stop(emu);
    chipsim_profile_rmdir(dir);
    CHECK_INT(rc, 0);
    CHECK_INT(st.baud, 460800);
    card_result_wipe(&res);
}

TEST(refused_rate_takes_the_next)
{
    struct pn532emu_opts eo = {.baud = 115200, .line_check = 1, .max_baud = 230400};
    struct pn532emu *emu = NULL;
    struct pn532emu_stats st;
    struct card_result res;
    CHECK_INT(start(&eo, 1, &emu), 0);
    int rc = read_via(emu, "#baud=921600", &res);
    pn532emu_get_stats(emu, &st);
    pn532emu_stop(emu);
    chipsim_profile_rmdir(dir);
    CHECK_INT(rc, 0);
    CHECK_INT(st.baud, 230400);
    card_result_wipe(&res);
}

TEST(no_switch_falls_back_to_115200)
{
    struct pn532emu_opts eo = {.baud = 115200, .line_check = 1, .baud_no_switch = 1};
    struct pn532emu *emu = NULL;
    struct pn532emu_stats st;
    struct card_result res;
    CHECK_INT(start(&eo, 1, &emu), 0);
    int rc = read_via(emu, "#baud=921600", &res);
    pn532emu_get_stats(emu, &st);
    pn532emu_stop(emu);
    chipsim_profile_rmdir(dir);
    CHECK_INT(rc, 0);
    CHECK(res.identity.verdict == CHIP_GENUINE);
    CHECK_INT(st.baud, 115200);
    card_result_wipe(&res);
}

TEST(wrong_line_speed_is_not_understood)
{
    /* The rig's check itself: libnfc told to use 460800 while the PN532 is at 115200. */
    struct pn532emu_opts eo = {.baud = 115200, .line_check = 1};
    struct pn532emu *emu = NULL;
    struct card_result res;
    CHECK_INT(start(&eo, 1, &emu), 0);
    int rc = read_via(emu, ":460800", &res);
    pn532emu_stop(emu);
    chipsim_profile_rmdir(dir);
    CHECK_INT(rc, CARD_EREADER);
}

TEST(pps_accepted_and_refused)
{
    struct pn532emu_opts eo = {.baud = 0, .radio = 1};
    struct pn532emu *emu = NULL;
    struct pn532emu_stats st;
    struct card_result res;
    CHECK_INT(start(&eo, 1, &emu), 0);
    int rc = read_via(emu, "", &res);
    pn532emu_get_stats(emu, &st);
    pn532emu_stop(emu);
    chipsim_profile_rmdir(dir);
    CHECK_INT(rc, 0);
    CHECK(has(res.report_json, "\"kbps\":424"));
    CHECK_INT(st.kbps, 424);
    card_result_wipe(&res);

    eo.pps_refused = 1;
    CHECK_INT(start(&eo, 1, &emu), 0);
    rc = read_via(emu, "", &res);
    pn532emu_get_stats(emu, &st);
    pn532emu_stop(emu);
    chipsim_profile_rmdir(dir);
    CHECK_INT(rc, 0);
    CHECK(res.identity.verdict == CHIP_GENUINE);
    CHECK(has(res.report_json, "\"kbps\":106"));
    CHECK_INT(st.kbps, 106);
    card_result_wipe(&res);

    /* A card whose ATS offers only 106: no PPS tried. */
    eo.pps_refused = 0;
    CHECK_INT(start(&eo, 0, &emu), 0);
    rc = read_via(emu, "", &res);
    pn532emu_get_stats(emu, &st);
    pn532emu_stop(emu);
    chipsim_profile_rmdir(dir);
    CHECK_INT(rc, 0);
    CHECK(has(res.report_json, "\"kbps\":106"));
    card_result_wipe(&res);
}

/* Once the first APDU went, nothing but APDUs crosses the link until the last: the card found,
 * the serial rate and the radio rate settled (or refused) before it, no per-APDU settings. */
TEST(only_apdus_between_first_and_last)
{
    static const struct {
        const char *suffix;
        int pps_refused;
        int baud, kbps;
    } cases[] = {{"", 1, 115200, 106}, {"#baud=460800", 0, 460800, 424}};
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct pn532emu_opts eo = {
            .baud = 115200, .line_check = 1, .radio = 1, .pps_refused = cases[i].pps_refused};
        struct pn532emu *emu = NULL;
        struct pn532emu_stats st;
        struct card_result res;
        CHECK_INT(start(&eo, 1, &emu), 0);
        int rc = read_via(emu, cases[i].suffix, &res);
        pn532emu_get_stats(emu, &st);
        pn532emu_stop(emu);
        chipsim_profile_rmdir(dir);
        CHECK_INT(rc, 0);
        CHECK(res.identity.verdict == CHIP_GENUINE);
        CHECK_INT(st.baud, cases[i].baud);
        CHECK_INT(st.kbps, cases[i].kbps);
        CHECK(st.apdus > 20);
        CHECK_INT(st.frames_between_apdus, 0);
        card_result_wipe(&res);
    }
    /* The count sees such frames: a card lifted mid-read and put back brings InRelease and
     * InListPassiveTarget between two APDUs. */
    struct chipsim_profile_opts o;
    struct pn532emu_opts eo = {.baud = 0};
    struct pn532emu *emu = NULL;
    struct pn532emu_stats st;
    struct card_result res;
    chipsim_profile_defaults(&o);
    o.dg2_len = 4000;
    o.removed_after = 30;
    CHECK_INT(chipsim_profile_tmpdir(dir, sizeof(dir)), 0);
    CHECK_INT(chipsim_profile_write(dir, &o), 0);
    CHECK_INT(pn532emu_start(dir, &eo, &emu), 0);
    int rc = read_via(emu, "", &res);
    pn532emu_get_stats(emu, &st);
    pn532emu_stop(emu);
    chipsim_profile_rmdir(dir);
    CHECK_INT(rc, 0);
    CHECK(has(res.report_json, "\"resumes\":1"));
    CHECK(st.frames_between_apdus > 0);
    card_result_wipe(&res);
}

int main(void)
{
    RUN(serial_rate_raised_and_kept);
    RUN(refused_rate_takes_the_next);
    RUN(no_switch_falls_back_to_115200);
    RUN(wrong_line_speed_is_not_understood);
    RUN(pps_accepted_and_refused);
    RUN(only_apdus_between_first_and_last);
    return test_done();
}
