/* test_pcsc.c: the PC/SC reader backend through the real stack: libpcsclite → a private pcscd
 * (started here, in its own mount namespace) → Debian's vpcd reader driver → the software chip
 * on vpcd's socket (tests/rigs/card/vpcd_card). Read and verdicts (genuine, unverified without the
 * CSCA, forged with a data group altered), a card pulled mid-read and not put back (clear
 * message, nothing kept) or put back (read resumes), the reader unplugged mid-read (clear
 * message) and the read working again once it is back, no pcscd at all, a reader name that
 * matches nothing, a storage card, the automatic choice ("auto:"), extended-length reads
 * (EF.ATR/INFO, a first try, a chip of short Le only). */
#include <stdatomic.h>
#include <signal.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/messages/messages.h"
#include "drivers/card/card.h"
#include "drivers/card/reader.h"
#include "tests/rigs/card/chipsim_profile.h"
#include "tests/rigs/card/pcscd_rig.h"
#include "tests/rigs/card/vpcd_card.h"
#include "tests/test.h"

static struct pcscd_rig *rig;
static char dir[256];

static int has(const char *json, const char *needle)
{
    return json && strstr(json, needle) != NULL;
}

static int read_with(const char *device, const char *trust, struct card_result *res, int *rerr,
                     int timeout_ms)
{
    struct card_access acc;
    if (card_access_from_id(&acc, "001099012345", "1999-01-01", "") != 0)
        return -100;
    struct card_options o = {.device = device, .trust_dir = trust, .timeout_ms = timeout_ms};
    int rc = card_read(&o, &acc, res, NULL, NULL, NULL);
    if (rerr)
        *rerr = res->reader_error;
    return rc;
}

/* A card profile in dir, a vpcd card on it, pcscd started for it. */
static int setup(const struct chipsim_profile_opts *o, const struct vpcd_card_opts *vo,
                 struct vpcd_card **card)
{
    if (chipsim_profile_tmpdir(dir, sizeof(dir)) || chipsim_profile_write(dir, o))
        return -1;
    if (vpcd_card_start(dir, vo, card) != 0)
        return -2;
    if (pcscd_rig_start(rig, vpcd_card_port(*card)) != 0)
        return -3;
    return 0;
}

static void teardown(struct vpcd_card *card)
{
    pcscd_rig_kill(rig);
    vpcd_card_stop(card);
    chipsim_profile_rmdir(dir);
}

TEST(no_service_is_told_apart)
{
    struct card_result res;
    int rerr = 0;
    /* No pcscd on the private socket yet. */
    int rc = read_with("pcsc:", NULL, &res, &rerr, 500);
    CHECK_INT(rc, CARD_EREADER);
    CHECK_INT(rerr, READER_ENOSERVICE);
    CHECK(strstr(messages_text(MSGD_READER, rerr, LANG_VI), "pcscd") != NULL);
    CHECK(res.report_json == NULL);
}

TEST(read_and_verdicts)
{
    struct chipsim_profile_opts o;
    struct vpcd_card *card = NULL;
    struct card_result res;
    char trust[300], empty[256];
    int rerr = -1;

    chipsim_profile_defaults(&o);
    CHECK_INT(setup(&o, NULL, &card), 0);
    chipsim_profile_trust(dir, trust, sizeof(trust));

    /* genuine: the profile's CSCA trusted, AA proves the chip */
    int rc = read_with("pcsc:Virtual PCD 00 00", trust, &res, &rerr, 3000);
    if (rc != 0)
        teardown(card);
    CHECK_INT(rc, 0);
    CHECK_INT(rerr, 0);
    CHECK(res.identity.verdict == CHIP_GENUINE);
    CHECK_STR(res.identity.personal_id, "001099012345");
    CHECK(res.face.len > 1000);
    CHECK(has(res.report_json, "\"access\":\"PACE-CAN\""));
    CHECK(has(res.report_json, "\"DG2\":{\"status\":\"ok\""));
    CHECK(vpcd_card_apdus(card) > 50);
    card_result_wipe(&res);

    /* unverified: nothing trusted (an empty store) */
    CHECK_INT(chipsim_profile_tmpdir(empty, sizeof(empty)), 0);
    rc = read_with("pcsc:virtual pcd", empty, &res, &rerr, 3000);
    chipsim_profile_rmdir(empty);
    CHECK_INT(rc, 0);
    CHECK(res.identity.verdict == CHIP_UNVERIFIED);
    card_result_wipe(&res);
    teardown(card);

    /* forged: one byte of DG2 changed on the chip after the SOD was signed */
    chipsim_profile_defaults(&o);
    CHECK_INT(chipsim_profile_tmpdir(dir, sizeof(dir)), 0);
    CHECK_INT(chipsim_profile_write(dir, &o), 0);
    char p[400];
    snprintf(p, sizeof(p), "%s/DG2", dir);
    FILE *f = fopen(p, "r+b");
    CHECK(f != NULL);
    fseek(f, 0, SEEK_END);
    long mid = ftell(f) / 2;
    fseek(f, mid, SEEK_SET);
    int ch = fgetc(f);
    fseek(f, mid, SEEK_SET);
    fputc(ch ^ 0x01, f);
    fclose(f);
    CHECK_INT(vpcd_card_start(dir, NULL, &card), 0);
    CHECK_INT(pcscd_rig_start(rig, vpcd_card_port(card)), 0);
    chipsim_profile_trust(dir, trust, sizeof(trust));
    rc = read_with("pcsc:", trust, &res, &rerr, 3000);
    teardown(card);
    CHECK_INT(rc, CARD_EFORGED);
    CHECK(res.identity.verdict == CHIP_FORGED);
    CHECK(has(res.report_json, "\"verdict\":\"forged\""));
    card_result_wipe(&res);
}

TEST(card_pulled_mid_read)
{
    struct chipsim_profile_opts o;
    struct vpcd_card *card = NULL;
    struct card_result res;
    char trust[300];
    int rerr = -1;

    /* Lifted after 40 APDUs (inside DG2) and not put back. */
    chipsim_profile_defaults(&o);
    o.removed_after = 40;
    CHECK_INT(setup(&o, NULL, &card), 0);
    chipsim_profile_trust(dir, trust, sizeof(trust));
    int rc = read_with("pcsc:", trust, &res, &rerr, 1500);
    unsigned long served = vpcd_card_apdus(card);
    teardown(card);
    CHECK_INT(rc, CARD_EREMOVED);
    CHECK_INT(rerr, 0);
    CHECK(served >= 39);
    CHECK(res.report_json == NULL && res.face.data == NULL && res.identity.personal_id[0] == 0);
    CHECK(strstr(messages_text(MSGD_CARD, rc, LANG_VI), "Đặt lại thẻ") != NULL);

    /* Lifted and put back a second later, during PACE's first files (APDU 9) and inside DG2
     * (APDU 40): pcscd reports the lifted card as an exchange without an answer; that is a
     * card gone, not a malformed file. A new PACE runs (the chip starts afresh when put back,
     * so the old session's keys and counter would fail) and the read goes on where it
     * stopped: genuine, DG2 whole. */
    static const unsigned long points[] = {9, 40};
    for (size_t i = 0; i < sizeof(points) / sizeof(points[0]); i++) {
        struct vpcd_card_opts vo = {.back_after_ms = 1000};
        chipsim_profile_defaults(&o);
        o.removed_after = points[i];
        CHECK_INT(setup(&o, &vo, &card), 0);
        chipsim_profile_trust(dir, trust, sizeof(trust));
        rc = read_with("pcsc:", trust, &res, &rerr, 5000);
        teardown(card);
        if (rc != 0 || !has(res.report_json, "\"resumes\":1"))
            printf("# put back after %lu: rc %d report %s\n", points[i], rc,
                   res.report_json ? res.report_json : "-");
        int paces = 0;
        for (const char *q = res.report_json; q && (q = strstr(q, "\"step\":\"pace\"")); q++)
            paces++;
        int genuine = res.identity.verdict == CHIP_GENUINE;
        int dg2_ok = has(res.report_json, "\"DG2\":{\"status\":\"ok\"");
        int resumed = has(res.report_json, "\"resumes\":1");
        card_result_wipe(&res);
        CHECK_INT(rc, 0);
        CHECK(genuine && dg2_ok && resumed);
        /* lifted inside DG2, a whole PACE ran before and one after; at APDU 9 the first
         * may have been cut short */
        CHECK(points[i] < 40 ? paces >= 1 : paces == 2);
    }
}

/* The report's "name":N as a number (-1 when absent). */
static long report_num(const char *json, const char *name)
{
    char key[64];
    snprintf(key, sizeof(key), "\"%s\":", name);
    const char *p = json ? strstr(json, key) : NULL;
    return p ? strtol(p + strlen(key), NULL, 10) : -1;
}

/* Reads a default card whose chip takes Le up to max_le (EF.ATR/INFO saying so or not):
 * the verdict, APDUs and final chunk size. */
static int read_ext(size_t max_le, int atr_info, unsigned long removed_after, long *apdus,
                    long *chunk)
{
    struct chipsim_profile_opts o;
    struct vpcd_card *card = NULL;
    struct vpcd_card_opts vo = {.back_after_ms = 1000};
    struct card_result res;
    char trust[300];

    chipsim_profile_defaults(&o);
    o.max_le = max_le;
    o.atr_info = atr_info;
    o.removed_after = removed_after;
    if (setup(&o, &vo, &card) != 0)
        return -100;
    chipsim_profile_trust(dir, trust, sizeof(trust));
    int rc = read_with("pcsc:", trust, &res, NULL, 3000);
    teardown(card);
    *apdus = report_num(res.report_json, "apdus");
    *chunk = report_num(res.report_json, "chunk");
    if (rc == 0 && res.identity.verdict != CHIP_GENUINE)
        rc = -101;
    if (rc == 0 && report_num(res.report_json, "resumes") != (removed_after ? 1 : 0))
        rc = -102;
    if (rc != 0)
        printf("# max_le %zu atr_info %d: rc %d report %s\n", max_le, atr_info, rc,
               res.report_json ? res.report_json : "-");
    card_result_wipe(&res);
    return rc;
}

TEST(extended_length)
{
    long short_apdus, short_chunk, atr_apdus, atr_chunk, try_apdus, try_chunk, no_apdus, no_chunk;

    /* a chip of short Le only (231): the first extended try gets 6700, short reads follow */
    CHECK_INT(read_ext(231, 0, 0, &no_apdus, &no_chunk), 0);
    CHECK(no_chunk > 0 && no_chunk <= 231);
    /* EF.ATR/INFO says 1024: every file in chunks of about 1 kB at once */
    CHECK_INT(read_ext(1024, 1, 0, &atr_apdus, &atr_chunk), 0);
    CHECK(atr_chunk > 900 && atr_chunk <= 1024);
    /* no EF.ATR/INFO, a chip taking 4096: the first try says so */
    CHECK_INT(read_ext(4096, 0, 0, &try_apdus, &try_chunk), 0);
    CHECK(try_chunk > 3000);
    /* the same chip read short for comparison: the 20 kB DG2 alone needs ~90 short reads */
    short_apdus = no_apdus;
    short_chunk = no_chunk;
    printf("# APDUs: short %ld (chunk %ld), EF.ATR/INFO 1024 %ld (chunk %ld), first try 4096 %ld "
           "(chunk %ld)\n",
           short_apdus, short_chunk, atr_apdus, atr_chunk, try_apdus, try_chunk);
    CHECK(atr_apdus > 0 && atr_apdus * 2 < short_apdus);
    CHECK(try_apdus > 0 && try_apdus < atr_apdus);
    /* lifted during the 4096-byte reads of DG2 and put back: a new PACE, the read goes on
     * where it stopped, still in 4096-byte reads */
    long back_apdus, back_chunk;
    CHECK_INT(read_ext(4096, 0, 17, &back_apdus, &back_chunk), 0);
    CHECK(back_chunk > 3000 && back_apdus < 40);
}

static atomic_int unplugged;

static void unplug_hook(void *arg)
{
    (void)arg;
    unplugged = pcscd_rig_unplug(rig) == 0 ? 1 : -1;
}

TEST(reader_unplugged_and_back)
{
    struct chipsim_profile_opts o;
    struct vpcd_card *card = NULL;
    struct card_result res;
    char trust[300];
    int rerr = 0;

    chipsim_profile_defaults(&o);
    struct vpcd_card_opts vo = {.hook_after_apdus = 30, .hook = unplug_hook};
    CHECK_INT(setup(&o, &vo, &card), 0);
    chipsim_profile_trust(dir, trust, sizeof(trust));
    int rc = read_with("pcsc:", trust, &res, &rerr, 1500);
    if (rc != CARD_EREADER)
        teardown(card);
    CHECK_INT(rc, CARD_EREADER);
    if (rerr != READER_EIO && rerr != READER_ENOREADER)
        printf("# reader error %d: %s\n", rerr, reader_strerror(rerr));
    CHECK(rerr == READER_EIO || rerr == READER_ENOREADER);
    CHECK(strstr(messages_text(MSGD_READER, rerr, LANG_VI), "đầu đọc") != NULL);
    CHECK(res.report_json == NULL && res.face.data == NULL);

    /* While it is away (pcscd back without it): told so at once. */
    for (int i = 0; i < 200 && !unplugged; i++)
        usleep(50000);
    CHECK_INT(unplugged, 1);
    rc = read_with("pcsc:", trust, &res, &rerr, 1500);
    if (rc != CARD_EREADER)
        teardown(card);
    CHECK_INT(rc, CARD_EREADER);
    CHECK_INT(rerr, READER_ENOREADER);
    CHECK(strstr(messages_text(MSGD_READER, rerr, LANG_VI), "Không thấy đầu đọc thẻ") != NULL);

    /* Plugged back: the next read works. */
    rc = pcscd_rig_replug(rig);
    if (rc != 0)
        teardown(card);
    CHECK_INT(rc, 0);
    rc = read_with("pcsc:", trust, &res, &rerr, 3000);
    teardown(card);
    CHECK_INT(rc, 0);
    CHECK_INT(rerr, 0);
    CHECK(res.identity.verdict == CHIP_GENUINE);
    card_result_wipe(&res);
}

TEST(named_reader_missing_storage_card_and_auto)
{
    struct chipsim_profile_opts o;
    struct vpcd_card *card = NULL;
    struct card_result res;
    struct reader *r = NULL;
    int rerr = 0;

    chipsim_profile_defaults(&o);
    o.no_iso_dep = 1;
    CHECK_INT(setup(&o, NULL, &card), 0);
    int rc = read_with("pcsc:ACR1252", NULL, &res, &rerr, 500);
    int rc2 = read_with("pcsc:", NULL, &res, NULL, 2000);
    int rc3 = reader_open("auto:", &r);
    const char *name = r ? r->ops->name : "";
    char nm[16];
    snprintf(nm, sizeof(nm), "%s", name);
    reader_close(r);
    teardown(card);
    CHECK_INT(rc, CARD_EREADER);
    CHECK_INT(rerr, READER_ENOREADER);
    CHECK_INT(rc2, CARD_ENO_CHIP);
    CHECK_INT(rc3, 0);
    CHECK_STR(nm, "pcsc");
}

TEST(messages_in_both_languages)
{
    static const int codes[] = {READER_EOPEN, READER_ENOCARD,    READER_EREMOVED,
                                READER_EIO,   READER_ENOSERVICE, READER_ENOREADER,
                                READER_EBUSY, READER_EINVAL,     READER_EOVERFLOW};
    for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
        const char *vi = messages_text(MSGD_READER, codes[i], LANG_VI),
                   *en = messages_text(MSGD_READER, codes[i], LANG_EN);
        CHECK(vi && en && strcmp(vi, en) != 0);
        CHECK(strcmp(en, messages_text(MSGD_READER, -99, LANG_EN)) != 0);
    }
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    if (pcscd_rig_prepare(&rig) != 0) {
        printf("FAIL - pcscd_rig_prepare\n# passed 0 failed 1\n");
        return 1;
    }
    RUN(messages_in_both_languages);
    RUN(no_service_is_told_apart);
    RUN(read_and_verdicts);
    RUN(card_pulled_mid_read);
    RUN(extended_length);
    RUN(reader_unplugged_and_back);
    RUN(named_reader_missing_storage_card_and_auto);
    pcscd_rig_stop(rig);
    return test_done();
}
