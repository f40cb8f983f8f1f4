/* test_config.c: the configuration: defaults, the shipped files, refusals with file:line,
 * and that every key is documented in config/KEYS.md. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/config/config.h"
#include "tests/test.h"

static int load(const char *text, char *err, size_t n)
{
    struct config c;
    config_defaults(&c);
    return config_load_string(&c, text, "t.conf", err, n);
}

TEST(defaults_are_the_demo)
{
    struct config c;
    config_defaults(&c);
    CHECK_STR(c.card_device, "sim");
    CHECK_STR(c.lang, "vi");
    CHECK_INT(c.unit, UNIT_COUNTER);
    CHECK_INT(c.n_fingers, 2);
    CHECK_INT(c.fingers[0], FINGER_L_INDEX);
    CHECK_INT(c.fingers[1], FINGER_R_INDEX);
    CHECK_INT(c.retention_days, 30);
    CHECK(strstr(c.station_name, "Phúc Xá") != NULL);
}

TEST(shipped_files_load)
{
    struct config c;
    char err[256];
    config_defaults(&c);
    CHECK_INT(config_load_file(&c, "config/kiosk.conf", err, sizeof(err)), 0);
    CHECK_STR(c.camera_device, "/dev/video0");
    CHECK_INT(c.fp_min_minutiae, 60);
    config_defaults(&c);
    CHECK_INT(config_load_file(&c, "config/demo.conf", err, sizeof(err)), 0);
}

TEST(refusals_name_file_and_line)
{
    char err[256];
    CHECK(load("[station]\ncode = X\ncolour = blue\n", err, sizeof(err)) != 0);
    CHECK_STR(err, "t.conf:3: unknown key 'colour' in section [station]");
    CHECK(load("[nowhere]\nkey = 1\n", err, sizeof(err)) != 0);
    CHECK(strncmp(err, "t.conf:2: unknown key", 21) == 0);
    CHECK(load("[storage]\nretention_days = -3\n", err, sizeof(err)) != 0);
    CHECK(strstr(err, "t.conf:2: retention_days") != NULL);
    CHECK(load("[storage]\nretention_days = 12abc\n", err, sizeof(err)) != 0);
    CHECK(load("[station]\nunit = van\n", err, sizeof(err)) != 0);
    CHECK_STR(err, "t.conf:2: unit: 'van' is not counter or mobile");
    CHECK(load("[ui]\nlang = fr\n", err, sizeof(err)) != 0);
    CHECK(load("[fingerprint]\nfingers = left-index, left-index\n", err, sizeof(err)) != 0);
    CHECK(strstr(err, "listed twice") != NULL);
    CHECK(load("[fingerprint]\nfingers = left-toe\n", err, sizeof(err)) != 0);
    CHECK(load("[fingerprint]\nfingers = \n", err, sizeof(err)) != 0);
    CHECK(load("[station]\nthis is not ini\n", err, sizeof(err)) != 0);
    CHECK(strstr(err, "t.conf:2: syntax error") != NULL);
    char longv[400] = "[station]\ncode = ";
    memset(longv + strlen(longv), 'A', 300);
    CHECK(load(longv, err, sizeof(err)) != 0);
    CHECK(strstr(err, "longer than") != NULL);
}

TEST(good_values_apply)
{
    struct config c;
    char err[256];
    config_defaults(&c);
    CHECK_INT(
        config_load_string(&c,
                           "[station]\nunit = mobile\n[fingerprint]\n"
                           "fingers = right-thumb, left-thumb, right-index\n[ui]\nlang = en\n",
                           "t.conf", err, sizeof(err)),
        0);
    CHECK_INT(c.unit, UNIT_MOBILE);
    CHECK_INT(c.n_fingers, 3);
    CHECK_INT(c.fingers[0], FINGER_R_THUMB);
    CHECK_STR(c.lang, "en");
}

TEST(missing_file_is_refused)
{
    struct config c;
    char err[256];
    config_defaults(&c);
    CHECK(config_load_file(&c, "/nonexistent/kiosk.conf", err, sizeof(err)) != 0);
    CHECK(strstr(err, "/nonexistent/kiosk.conf") != NULL);
}

TEST(every_key_is_documented)
{
    FILE *f = fopen("config/KEYS.md", "r");
    CHECK(f != NULL);
    static char doc[65536];
    size_t n = fread(doc, 1, sizeof(doc) - 1, f);
    fclose(f);
    doc[n] = '\0';
    int keys = 0;
    for (int i = 0; config_key_name(i); i++) {
        char needle[80];
        snprintf(needle, sizeof(needle), "| `%s` |", config_key_name(i));
        if (!strstr(doc, needle))
            test_fail_(__FILE__, __LINE__, "config key %s is not in config/KEYS.md",
                       config_key_name(i));
        keys++;
    }
    CHECK(keys > 25);
}

/* The card reader settings become the reader's own device string (drivers never read the
 * configuration). */
TEST(card_reader_becomes_a_device_string)
{
    struct config c;
    char err[256];
    config_defaults(&c);
    CHECK_INT(config_load_string(&c, "[card]\nreader = pcsc\nreader_name = ACR1252\n", "t.conf",
                                 err, sizeof(err)),
              0);
    CHECK_STR(c.card_device, "pcsc:ACR1252");
    config_defaults(&c);
    CHECK_INT(config_load_string(&c, "[card]\nreader = auto\n", "t.conf", err, sizeof(err)), 0);
    CHECK_STR(c.card_device, "auto:");
    config_defaults(&c);
    CHECK_INT(config_load_string(&c,
                                 "[devices]\ncard = pn532_uart:/dev/ttyUSB0\n[card]\n"
                                 "serial_baud = 921600\n",
                                 "t.conf", err, sizeof(err)),
              0);
    CHECK_STR(c.card_device, "pn532_uart:/dev/ttyUSB0#baud=921600");
    /* loaded again over itself: not doubled */
    CHECK_INT(config_load_string(&c, "[card]\ntimeout_seconds = 5\n", "t.conf", err, sizeof(err)),
              0);
    CHECK_STR(c.card_device, "pn532_uart:/dev/ttyUSB0#baud=921600");
    config_defaults(&c);
    CHECK(config_load_string(&c, "[card]\nreader = usb\n", "t.conf", err, sizeof(err)) != 0);
    CHECK(strstr(err, "t.conf:2") != NULL);
}

int main(void)
{
    RUN(defaults_are_the_demo);
    RUN(shipped_files_load);
    RUN(refusals_name_file_and_line);
    RUN(good_values_apply);
    RUN(missing_file_is_refused);
    RUN(every_key_is_documented);
    RUN(card_reader_becomes_a_device_string);
    return test_done();
}
