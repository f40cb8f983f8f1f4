/* test_deadline.c: a chip cannot hold the card worker: through the real libnfc pn532_uart
 * driver and the emulated PN532, a chip that answers "61xx, more data" for ever ends the
 * read within its deadline with a clear message; a read whose deadline passes mid-read ends
 * with CARD_ETIMEOUT; a cancel set while files are being read stops the read at the next
 * APDU, not at the end of the card. */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kiosk/messages/messages.h"
#include "drivers/card/card.h"
#include "tests/rigs/card/chipsim_profile.h"
#include "tests/rigs/card/pn532emu.h"
#include "tests/test.h"

static char dir[256];
static struct pn532emu *emu;

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* A default profile, with extra card.ini lines, served by the emulated PN532 (at baud, 0
 * for no delay). */
static int setup_at(const char *extra_ini, int baud)
{
    struct pn532emu_opts eo = {.baud = baud};
    struct chipsim_profile_opts o;
    char path[300];
    chipsim_profile_defaults(&o);
    if (chipsim_profile_tmpdir(dir, sizeof(dir)) || chipsim_profile_write(dir, &o))
        return -1;
    snprintf(path, sizeof(path), "%s/card.ini", dir);
    FILE *f = fopen(path, "a");
    if (!f || fputs(extra_ini, f) < 0 || fclose(f) != 0)
        return -1;
    return pn532emu_start(dir, &eo, &emu);
}

static int setup(const char *extra_ini)
{
    return setup_at(extra_ini, 0);
}

static void teardown(void)
{
    pn532emu_stop(emu);
    emu = NULL;
    chipsim_profile_rmdir(dir);
}

static void access_default(struct card_access *acc)
{
    memset(acc, 0, sizeof(*acc));
    /* chipsim_profile_defaults: ID 001099012345, born 990101 */
    card_access_from_id(acc, "001099012345", "1999-01-01", NULL);
}

TEST(chip_answering_61xx_for_ever_ends_within_the_deadline)
{
    struct card_access acc;
    struct card_result res;
    CHECK_INT(setup("more_data_forever_after_apdus=1\n"), 0);
    access_default(&acc);
    struct card_options opt = {
        .device = pn532emu_connstring(emu), .timeout_ms = 2000, .deadline_ms = 4000};
    double t0 = now_s();
    int rc = card_read(&opt, &acc, &res, NULL, NULL, NULL);
    double took = now_s() - t0;
    teardown();
    if (rc != CARD_ECHIP && rc != CARD_ETIMEOUT)
        fprintf(stderr, "61xx for ever: rc %d (%s) after %.2f s\n", rc, card_strerror(rc), took);
    CHECK(rc == CARD_ECHIP || rc == CARD_ETIMEOUT);
    CHECK(took < 4.5);
    /* a message the officer can act on, in both languages */
    CHECK(strstr(messages_text(MSGD_CARD, rc, LANG_VI), "thẻ") != NULL);
    CHECK(strstr(messages_text(MSGD_CARD, rc, LANG_EN), "card") != NULL);
}

/* The whole read has a deadline, however the time goes (here: a slow link, 9600 baud, on
 * which the 20 KB portrait alone takes about 20 s). */
TEST(read_ends_at_its_overall_deadline)
{
    struct card_access acc;
    struct card_result res;
    CHECK_INT(setup_at("", 9600), 0);
    access_default(&acc);
    struct card_options opt = {
        .device = pn532emu_connstring(emu), .timeout_ms = 10000, .deadline_ms = 1500};
    double t0 = now_s();
    int rc = card_read(&opt, &acc, &res, NULL, NULL, NULL);
    double took = now_s() - t0;
    teardown();
    if (rc != CARD_ETIMEOUT)
        fprintf(stderr, "deadline: rc %d (%s) after %.2f s\n", rc, card_strerror(rc), took);
    CHECK_INT(rc, CARD_ETIMEOUT);
    CHECK(took < 3.0);
}

/* Cancel from the progress callback as the file reading begins: the read stops at the next
 * APDU (before DG2, the big file), not when the card is done. */
static atomic_int cancel_flag;
static int steps_after_cancel;
static void on_progress(const char *step, int pct, void *arg)
{
    (void)pct;
    (void)arg;
    if (cancel_flag)
        steps_after_cancel++;
    if (!strcmp(step, "DG1"))
        cancel_flag = 1;
}

TEST(cancel_is_honoured_between_apdus)
{
    struct card_access acc;
    struct card_result res;
    CHECK_INT(setup(""), 0);
    access_default(&acc);
    cancel_flag = 0;
    steps_after_cancel = 0;
    struct card_options opt = {.device = pn532emu_connstring(emu), .timeout_ms = 2000};
    int rc = card_read(&opt, &acc, &res, on_progress, NULL, &cancel_flag);
    teardown();
    CHECK_INT(rc, CARD_ECANCELLED);
    /* DG13, DG14, DG15, EF.SOD and DG2 were not even begun */
    CHECK(steps_after_cancel <= 1);
}

int main(void)
{
    RUN(chip_answering_61xx_for_ever_ends_within_the_deadline);
    RUN(read_ends_at_its_overall_deadline);
    RUN(cancel_is_honoured_between_apdus);
    return test_done();
}
