/* test_cli.c: `kiosk read-card` (cli_read_card) on the software chip: text and JSON
 * output, --photo, --qr with a chip, --qr with no chip (identity with source qr), usage
 * errors, a card that cannot be read (exit 2, one line), a forged card (exit 3). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kiosk/cli/commands.h"
#include "kiosk/devices/devices.h"
#include "tests/rigs/card/cardf.h"
#include "tests/rigs/card/chipsim_profile.h"
#include "tests/test.h"

static char dir[200];
static struct config cfg;
static char outbuf[65536];

/* Runs the CLI with stdout captured into outbuf. */
static int run(int argc, const char **argv)
{
    char path[300];
    int rc, saved = dup(1);
    snprintf(path, sizeof(path), "%s/stdout.txt", dir);
    fflush(stdout);
    FILE *f = fopen(path, "w+");
    if (!f || saved < 0)
        return -100;
    dup2(fileno(f), 1);
    static struct cli_ctx c;
    memset(&c, 0, sizeof(c));
    c.cfg = cfg;
    rc = cli_read_card(&c, argc, (char **)argv);
    fflush(stdout);
    dup2(saved, 1);
    close(saved);
    rewind(f);
    size_t n = fread(outbuf, 1, sizeof(outbuf) - 1, f);
    outbuf[n] = 0;
    fclose(f);
    unlink(path);
    return rc;
}

static int setup(int clone)
{
    struct chipsim_profile_opts o;
    chipsim_profile_defaults(&o);
    o.clone = clone;
    if (chipsim_profile_tmpdir(dir, sizeof(dir)) || chipsim_profile_write(dir, &o))
        return -1;
    memset(&cfg, 0, sizeof(cfg));
    snprintf(cfg.card_device, sizeof(cfg.card_device), "sim:%s", dir);
    chipsim_profile_trust(dir, cfg.trust_dir, sizeof(cfg.trust_dir));
    cfg.card_timeout_seconds = 2;
    return 0;
}

TEST(text_json_photo)
{
    char photo[300];
    CHECK_INT(setup(0), 0);
    snprintf(photo, sizeof(photo), "%s/face.jpg", dir);
    const char *a1[] = {"read-card", "--can", "012345", NULL};
    int rc1 = run(3, a1);
    int t1 = strstr(outbuf, "verdict:       genuine") && strstr(outbuf, "001099012345") &&
             strstr(outbuf, "PACE-CAN") && strstr(outbuf, "DG2");
    const char *a2[] = {"read-card", "--id", "001099012345", "--json", "--photo", photo, NULL};
    int rc2 = run(6, a2);
    int t2 = strstr(outbuf, "\"verdict\": \"genuine\"") && strstr(outbuf, "\"steps\"");
    FILE *f = fopen(photo, "rb");
    unsigned char soi[2] = {0};
    if (f) {
        if (fread(soi, 1, 2, f) != 2)
            soi[0] = 0;
        fclose(f);
    }
    chipsim_profile_rmdir(dir);
    CHECK_INT(rc1, 0);
    CHECK(t1);
    CHECK_INT(rc2, 0);
    CHECK(t2);
    CHECK(soi[0] == 0xFF && soi[1] == 0xD8);
}

TEST(qr_with_and_without_chip)
{
    struct cardf_person p = cardf_people[0];
    char qr[1024];
    CHECK_INT(setup(0), 0);
    p.id = "001099012345";
    p.dob = "1999-01-01";
    CHECK(cardf_qr_text(&p, qr, sizeof(qr)) == 0);
    const char *a1[] = {"read-card", "--qr", qr, "--json", NULL};
    int rc1 = run(4, a1);
    int t1 = strstr(outbuf, "\"source\": \"chip-verified\"") != NULL &&
             strstr(outbuf, "qr_disagreements") != NULL;
    /* No chip answers: the QR identity alone. */
    snprintf(cfg.card_device, sizeof(cfg.card_device), "pn532_uart:/dev/nonexistent-reader");
    const char *a2[] = {"read-card", "--qr", qr, NULL};
    int rc2 = run(3, a2);
    int t2 = strstr(outbuf, "source:        qr") && strstr(outbuf, "001099012345");
    chipsim_profile_rmdir(dir);
    CHECK_INT(rc1, 0);
    CHECK(t1);
    CHECK_INT(rc2, 0);
    CHECK(t2);
}

TEST(usage_errors_and_failures)
{
    CHECK_INT(setup(1), 0);
    const char *a1[] = {"read-card", NULL};
    const char *a2[] = {"read-card", "--can", "12", NULL};
    const char *a3[] = {"read-card", "--can", "012345", "--qr", "x", NULL};
    const char *a4[] = {"read-card", "--qr", "not a cccd qr", NULL};
    const char *a5[] = {"read-card", "--can", "012345", NULL};
    const char *a6[] = {"read-card", "--can", "999999", NULL};
    int r1 = run(1, a1), r2 = run(3, a2), r3 = run(5, a3), r4 = run(3, a4);
    int r5 = run(3, a5); /* the clone */
    int t5 = strstr(outbuf, "forged") != NULL;
    int r6 = run(3, a6);
    char dev[400];
    snprintf(cfg.sim_dir, sizeof(cfg.sim_dir), "/srv/sim");
    /* The one device mapping the workers, the demo and this command share. */
    int d1 = devices_device_string(&cfg, DEV_CLASS_CARD, "sim", dev, sizeof(dev)) == 0 &&
             !strcmp(dev, "sim:/srv/sim/cards/ngoc-2021");
    int d2 = devices_device_string(&cfg, DEV_CLASS_CARD, "sim:type-b", dev, sizeof(dev)) == 0 &&
             !strcmp(dev, "sim:/srv/sim/cards/type-b");
    int d3 = devices_device_string(&cfg, DEV_CLASS_CARD, "pn532_uart:/dev/ttyUSB0", dev,
                                   sizeof(dev)) == 0 &&
             !strcmp(dev, "pn532_uart:/dev/ttyUSB0");
    /* No reader configured is the driver's default reader, never a simulated card. */
    int d4 =
        devices_device_string(&cfg, DEV_CLASS_CARD, "", dev, sizeof(dev)) == 0 && !strcmp(dev, "");
    int d5 = devices_device_string(&cfg, DEV_CLASS_CAMERA, "sim", dev, sizeof(dev)) == 0 &&
             !strcmp(dev, "sim:/srv/sim/faces");
    int d6 = devices_device_string(&cfg, DEV_CLASS_CARD, "sim", dev, 10) == -1;
    chipsim_profile_rmdir(dir);
    /* One exit-code convention for every command: 2 usage, 1 refused or failed. */
    CHECK_INT(r1, 2);
    CHECK_INT(r2, 2);
    CHECK_INT(r3, 2);
    CHECK_INT(r4, 1);
    CHECK_INT(r5, 1);
    CHECK(t5);
    CHECK_INT(r6, 1);
    CHECK(d1 && d2 && d3 && d4 && d5 && d6);
}

int main(void)
{
    RUN(text_json_photo);
    RUN(qr_with_and_without_chip);
    RUN(usage_errors_and_failures);
    return test_done();
}
