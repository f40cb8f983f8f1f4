/* test_msg.c: every core message exists in both languages, reads as its language, and has a
 * key of its own. */
#include "kiosk/model/msg.h"
#include "kiosk/messages/messages.h"
#include "kiosk/model/validate.h"
#include "tests/test.h"

#include <stdlib.h>

static int is_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return 0;
    return 1;
}

TEST(every_message_has_key_and_both_texts)
{
    for (int id = 0; id < MSG_COUNT; id++) {
        const char *vi = msg_text((enum msg_id)id, LANG_VI);
        const char *en = msg_text((enum msg_id)id, LANG_EN);
        const char *key = msg_key((enum msg_id)id);
        if (strcmp(key, "unknown") == 0) {
            test_fail_(__FILE__, __LINE__, "message %d has no row", id);
            return;
        }
        CHECK(vi[0] != '\0');
        CHECK(en[0] != '\0');
        CHECK(strcmp(vi, en) != 0);
        /* Every Vietnamese sentence carries diacritics; every English one is plain ASCII. */
        if (is_ascii(vi) || !is_ascii(en)) {
            test_fail_(__FILE__, __LINE__, "message %s: wrong language in a column", key);
            return;
        }
        CHECK(vi[strlen(vi) - 1] == '.');
        CHECK(en[strlen(en) - 1] == '.');
    }
}

TEST(vietnamese_texts_are_nfc)
{
    char buf[1024];
    for (int id = 0; id < MSG_COUNT; id++) {
        const char *vi = msg_text((enum msg_id)id, LANG_VI);
        CHECK_INT(val_nfc(vi, buf, sizeof buf), MSG_NONE);
        CHECK_STR(buf, vi);
    }
}

TEST(keys_and_texts_are_unique)
{
    for (int a = 0; a < MSG_COUNT; a++) {
        for (int b = a + 1; b < MSG_COUNT; b++) {
            CHECK(strcmp(msg_key((enum msg_id)a), msg_key((enum msg_id)b)) != 0);
            CHECK(strcmp(msg_text((enum msg_id)a, LANG_VI), msg_text((enum msg_id)b, LANG_VI)) !=
                  0);
            CHECK(strcmp(msg_text((enum msg_id)a, LANG_EN), msg_text((enum msg_id)b, LANG_EN)) !=
                  0);
        }
    }
}

TEST(keys_are_stable_identifiers)
{
    for (int id = 0; id < MSG_COUNT; id++) {
        const char *k = msg_key((enum msg_id)id);
        for (const char *p = k; *p; p++)
            CHECK((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' || *p == '_');
    }
    CHECK_STR(msg_key(MSG_PHONE_PREFIX), "phone.prefix");
    CHECK_STR(msg_key(MSG_NONE), "ok");
}

TEST(out_of_range_ids_never_null)
{
    CHECK(msg_text(MSG_COUNT, LANG_VI) != NULL);
    CHECK(msg_text((enum msg_id) - 1, LANG_EN) != NULL);
    CHECK(msg_text((enum msg_id)100000, LANG_EN) != NULL);
    CHECK_STR(msg_key(MSG_COUNT), "unknown");
    CHECK(msg_text(MSG_PID_LENGTH, (enum msg_lang)7) != NULL);
    CHECK_STR(msg_text(MSG_PID_LENGTH, (enum msg_lang)7), msg_text(MSG_PID_LENGTH, LANG_VI));
}

TEST(language_codes)
{
    CHECK_INT(msg_lang_parse("en"), LANG_EN);
    CHECK_INT(msg_lang_parse("vi"), LANG_VI);
    CHECK_INT(msg_lang_parse(NULL), LANG_VI);
    CHECK_INT(msg_lang_parse(""), LANG_VI);
    CHECK_INT(msg_lang_parse("EN-us"), LANG_VI);
    CHECK(strstr(msg_text(MSG_PHONE_LANDLINE, LANG_VI), "máy bàn") != NULL);
    CHECK(strstr(msg_text(MSG_PHONE_LANDLINE, LANG_EN), "landline") != NULL);
}

int main(void)
{
    RUN(every_message_has_key_and_both_texts);
    RUN(vietnamese_texts_are_nfc);
    RUN(keys_and_texts_are_unique);
    RUN(keys_are_stable_identifiers);
    RUN(out_of_range_ids_never_null);
    RUN(language_codes);
    return test_done();
}
