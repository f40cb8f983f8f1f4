/* test_application.c: the application model: ids, names, lifecycle, fallback fingers, and
 * the JSON codec's round trip and refusals. */
#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/model/app_json.h"
#include "kiosk/store/seal.h"
#include "tests/rigs/app_fixture.h"
#include "tests/test.h"

TEST(ids_are_uuidv7_and_time_ordered)
{
    char a[APP_ID_SIZE], b[APP_ID_SIZE], c[APP_ID_SIZE];
    app_new_id(a, 1700000000000LL);
    app_new_id(b, 1700000000001LL);
    app_new_id(c, 1700000000001LL);
    CHECK_INT(strlen(a), 36);
    CHECK(a[14] == '7');                  /* version */
    CHECK(strchr("89ab", a[19]) != NULL); /* variant */
    CHECK(strcmp(a, b) < 0);
    CHECK(strcmp(b, c) != 0); /* same ms, still distinct */
    CHECK(strncmp(b, c, 13) == 0);
}

TEST(status_names_and_lifecycle)
{
    enum app_status s;
    for (int i = 0; i < APP_STATUS_COUNT; i++) {
        CHECK_INT(app_status_parse(app_status_name((enum app_status)i), &s), 0);
        CHECK_INT(s, i);
    }
    CHECK_INT(app_status_parse("done", &s), -1);
    CHECK(app_status_allowed(APP_DRAFT, APP_QUEUED));
    CHECK(app_status_allowed(APP_QUEUED, APP_UPLOADING));
    CHECK(app_status_allowed(APP_UPLOADING, APP_SUBMITTED));
    CHECK(app_status_allowed(APP_SUBMITTED, APP_PROCESSING));
    CHECK(app_status_allowed(APP_PROCESSING, APP_APPROVED));
    CHECK(app_status_allowed(APP_PROCESSING, APP_REJECTED));
    CHECK(app_status_allowed(APP_REJECTED, APP_REDO));
    CHECK(!app_status_allowed(APP_APPROVED, APP_REJECTED));
    CHECK(!app_status_allowed(APP_DRAFT, APP_SUBMITTED));
    CHECK(!app_status_allowed(APP_REDO, APP_QUEUED));
    CHECK(!app_status_allowed((enum app_status)42, APP_QUEUED));
}

TEST(finger_names_and_fallback)
{
    enum finger f;
    CHECK_INT(app_finger_parse("left-index", &f), 0);
    CHECK_INT(f, FINGER_L_INDEX);
    CHECK_INT(app_finger_parse("none", &f), -1);
    CHECK_INT(app_finger_parse("left index", &f), -1);
    enum finger used[] = {FINGER_L_INDEX, FINGER_R_INDEX};
    CHECK_INT(app_finger_fallback(FINGER_R_INDEX, used, 2), FINGER_R_MIDDLE);
    enum finger used2[] = {FINGER_R_INDEX, FINGER_R_MIDDLE, FINGER_R_RING, FINGER_R_LITTLE};
    CHECK_INT(app_finger_fallback(FINGER_R_LITTLE, used2, 4), FINGER_R_THUMB);
    enum finger used3[] = {FINGER_R_INDEX, FINGER_R_MIDDLE, FINGER_R_RING, FINGER_R_LITTLE,
                           FINGER_R_THUMB};
    CHECK_INT(app_finger_fallback(FINGER_R_THUMB, used3, 5), FINGER_NONE);
    CHECK_INT(app_finger_fallback(FINGER_NONE, NULL, 0), FINGER_NONE);
}

TEST(envelope_round_trip_keeps_everything_but_images)
{
    struct application a, b;
    char err[128];
    fixture_app(&a, "001099012345", "Nguyễn Thị Hường", 1700000000000LL);
    a.portrait_override = 1;
    strcpy(a.email, "huong@example.vn");
    char *json = app_envelope_to_json(&a);
    CHECK(json != NULL);
    CHECK(strstr(json, "JFIF") == NULL);
    CHECK(strstr(json, "FINGERPRINT") == NULL);
    app_init(&b);
    CHECK_INT(app_envelope_from_json(json, &b, err, sizeof(err)), 0);
    CHECK_STR(b.id, a.id);
    CHECK_STR(b.identity.full_name, "Nguyễn Thị Hường");
    CHECK_STR(b.identity.residence, a.identity.residence);
    CHECK_INT(b.identity.sex, 'M');
    CHECK_INT(b.identity.source, ID_SOURCE_CHIP_VERIFIED);
    CHECK_INT(b.identity.verdict, CHIP_GENUINE);
    CHECK_STR(b.chip_report_json, "{\"verdict\":\"genuine\",\"reasons\":[]}");
    CHECK(b.portrait_override);
    CHECK_INT(b.n_fingers, 2);
    CHECK_INT(b.fingers[0].position, FINGER_L_INDEX);
    CHECK_INT(b.fingers[0].width, 64);
    CHECK_INT(b.fingers[1].exception, FINGER_BANDAGED);
    CHECK_STR(b.phone, "0912345678");
    CHECK_STR(b.email, "huong@example.vn");
    CHECK_INT(b.consent_at, a.consent_at);
    CHECK_STR(b.consent_officer, "cb01");
    free(json);
    app_wipe(&a);
    app_wipe(&b);
}

TEST(payload_round_trip_carries_images)
{
    struct application a, b;
    char err[128];
    fixture_app(&a, "001099012345", "A", 1700000000000LL);
    char *env = app_envelope_to_json(&a);
    char *pay = app_payload_to_json(&a);
    app_init(&b);
    CHECK_INT(app_envelope_from_json(env, &b, err, sizeof(err)), 0);
    CHECK_INT(app_payload_from_json(pay, &b, err, sizeof(err)), 0);
    CHECK_INT(b.portrait.len, a.portrait.len);
    CHECK(memcmp(b.portrait.data, a.portrait.data, a.portrait.len) == 0);
    CHECK_INT(b.fingers[0].image.len, 64 * 64);
    CHECK(memcmp(b.fingers[0].image.data, a.fingers[0].image.data, 64 * 64) == 0);
    CHECK(b.fingers[1].image.data == NULL);
    free(env);
    free(pay);
    app_wipe(&a);
    app_wipe(&b);
}

/* The payload is written without jansson (issue 17): its base64 must be the standard one
 * for every length modulo 3, and the document valid JSON with the members in their order. */
TEST(payload_base64_every_tail_length)
{
    for (size_t len = 1; len <= 7; len++) {
        struct application a, b;
        unsigned char bytes[7] = {0x00, 0xff, 0x10, 0xfb, 0xef, 0xbe, 0x3e};
        char err[128], want[16];
        fixture_app(&a, "001099012345", "A", 1700000000000LL);
        CHECK_INT(app_blob_set(&a.portrait, bytes, len), 0);
        char *pay = app_payload_to_json(&a);
        CHECK(pay != NULL);
        sodium_bin2base64(want, sizeof want, bytes, len, sodium_base64_VARIANT_ORIGINAL);
        json_t *j = json_loads(pay, 0, NULL);
        CHECK(j != NULL);
        CHECK(strcmp(json_string_value(json_object_get(j, "portrait")), want) == 0);
        CHECK(strncmp(pay, "{\"v\":1,\"id\":\"", 13) == 0);
        CHECK(json_is_array(json_object_get(j, "fingers")));
        json_decref(j);
        app_init(&b);
        CHECK_INT(app_payload_from_json(pay, &b, err, sizeof(err)), 0);
        CHECK_INT(b.portrait.len, len);
        CHECK(memcmp(b.portrait.data, bytes, len) == 0);
        free(pay);
        app_wipe(&a);
        app_wipe(&b);
    }
}

static int refused(const char *json)
{
    struct application a;
    char err[128] = "";
    app_init(&a);
    int rc = app_envelope_from_json(json, &a, err, sizeof(err));
    app_wipe(&a);
    return rc != 0 && err[0] != '\0';
}

TEST(envelope_parser_refuses_hostile_input)
{
    CHECK(refused(""));
    CHECK(refused("[]"));
    CHECK(refused("{\"id\": 5}"));
    CHECK(refused("{\"id\":\"x\"}")); /* no identity */
    CHECK(refused("{\"id\":\"x\",\"identity\":{\"personal_id\":\"0010990123456789\","
                  "\"full_name\":\"A\"}}"));
    CHECK(refused("{\"id\":\"x\",\"identity\":{\"personal_id\":\"001099012345\","
                  "\"full_name\":\"A\",\"sex\":\"X\"}}"));
    CHECK(refused("{\"id\":\"x\",\"identity\":{\"personal_id\":\"001099012345\","
                  "\"full_name\":\"A\",\"source\":\"telepathy\"}}"));
    CHECK(refused("{\"id\":\"x\",\"identity\":{\"personal_id\":\"001099012345\","
                  "\"full_name\":\"A\"},\"status\":\"done\"}"));
    CHECK(refused("{\"id\":\"x\",\"identity\":{\"personal_id\":\"001099012345\","
                  "\"full_name\":\"A\"},\"fingers\":[{\"position\":\"left-toe\"}]}"));
    CHECK(refused("{\"id\":\"x\",\"identity\":{\"personal_id\":\"001099012345\","
                  "\"full_name\":\"A\"},\"fingers\":[{\"position\":\"left-index\","
                  "\"width\":99999}]}"));
    CHECK(refused("{\"id\":\"x\",\"id\":\"y\",\"identity\":{}}"));
    CHECK(refused("{\"id\":\"a\\u0000b\",\"identity\":{\"personal_id\":\"001099012345\","
                  "\"full_name\":\"A\"}}"));
    /* eleven fingers */
    char big[2048] = "{\"id\":\"x\",\"identity\":{\"personal_id\":\"001099012345\","
                     "\"full_name\":\"A\"},\"fingers\":[";
    for (int i = 0; i < 11; i++)
        strcat(big, i ? ",{\"position\":\"left-index\"}" : "{\"position\":\"left-index\"}");
    strcat(big, "]}");
    CHECK(refused(big));
}

TEST(payload_parser_refuses_mismatched_image)
{
    struct application a;
    char err[128];
    app_init(&a);
    CHECK(app_payload_from_json("{\"fingers\":[{\"position\":\"left-index\",\"width\":4,"
                                "\"height\":4,\"image\":\"AAAA\"}]}",
                                &a, err, sizeof(err)) != 0);
    CHECK(app_payload_from_json("{\"portrait\":\"!!notbase64\"}", &a, err, sizeof(err)) != 0);
    app_wipe(&a);
}

TEST(wipe_clears_everything)
{
    struct application a;
    fixture_app(&a, "001099012345", "A", 1);
    app_wipe(&a);
    CHECK(a.portrait.data == NULL);
    CHECK(a.chip_report_json == NULL);
    CHECK(a.fingers[0].image.data == NULL);
    CHECK_STR(a.identity.personal_id, "");
    CHECK_INT(a.n_fingers, 0);
}

int main(void)
{
    if (seal_init() != 0)
        return 1;
    RUN(ids_are_uuidv7_and_time_ordered);
    RUN(status_names_and_lifecycle);
    RUN(finger_names_and_fallback);
    RUN(envelope_round_trip_keeps_everything_but_images);
    RUN(payload_round_trip_carries_images);
    RUN(payload_base64_every_tail_length);
    RUN(envelope_parser_refuses_hostile_input);
    RUN(payload_parser_refuses_mismatched_image);
    RUN(wipe_clears_everything);
    return test_done();
}
