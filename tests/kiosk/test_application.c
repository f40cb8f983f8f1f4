/* test_application.c: the application model: ids, names, lifecycle, fallback fingers, and
 * the JSON codec's round trip and refusals. */
#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/model/app_json.h"
#include "kiosk/model/app_payload.h"
#include "kiosk/store/seal.h"
#include "tests/rigs/harness/app_fixture.h"
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
    CHECK(app_id_valid(a));
    CHECK(app_id_valid("01900000-0000-7000-8000-0000000000AF"));
    CHECK(!app_id_valid("01900000-0000-7000-8000-00000000000"));   /* short */
    CHECK(!app_id_valid("01900000-0000-7000-8000-0000000000000")); /* long */
    CHECK(!app_id_valid("0190d5c4-7a2b-7c3d-8e4f-01234567890\b")); /* a control character */
    CHECK(!app_id_valid("01900000x0000-7000-8000-000000000000"));  /* no dash */
    CHECK(!app_id_valid("0190000g-0000-7000-8000-000000000000"));  /* not hex */
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
    strcpy(a.site.name, "Công ty May Đức Giang");
    strcpy(a.site.kind, "co_quan_doanh_nghiep");
    strcpy(a.site.commune, "Phường Đức Giang");
    strcpy(a.time_source, "upstream");
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
    CHECK_STR(b.site.name, "Công ty May Đức Giang");
    CHECK_STR(b.site.kind, "co_quan_doanh_nghiep");
    CHECK_STR(b.site.commune, "Phường Đức Giang");
    CHECK_STR(b.time_source, "upstream");
    /* a site of no known kind is refused */
    char *bad = strstr(json, "co_quan_doanh_nghiep");
    CHECK(bad != NULL);
    memcpy(bad, "co_quan_doanh_nghiex", 20);
    app_wipe(&b);
    app_init(&b);
    CHECK(app_envelope_from_json(json, &b, err, sizeof(err)) != 0);
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

/* Format 2 (app_payload.h): the images as their own bytes after a JSON header that lists
 * them with their lengths and types; the chip evidence in the header as in format 1; the
 * envelope says the format. Round trip, then every way a container can lie is refused. */
TEST(binary_payload_round_trip_and_refusals)
{
    struct application a, b;
    char err[128];
    fixture_app(&a, "001099012345", "A", 1700000000000LL);
    static const unsigned char jp2[] = {0, 0, 0, 0x0c, 'j', 'P', ' ', ' ', 0x0d, 0x0a};
    CHECK_INT(app_blob_set(&a.chip_face, jp2, sizeof jp2), 0);
    CHECK_INT(app_blob_set(&a.chip_evidence.sod, "SOD-BYTES-0123", 14), 0);
    snprintf(a.chip_evidence.aa, sizeof a.chip_evidence.aa, "not_supported");
    size_t n = 0;
    unsigned char *p = app_payload_to_binary(&a, &n);
    CHECK(p != NULL);
    /* no base64: the container is its images plus a header of a few hundred bytes */
    size_t images = a.portrait.len + a.chip_face.len + a.fingers[0].image.len;
    CHECK(n > images && n < images + 600);
    CHECK(memcmp(p, "KPL2", 4) == 0);
    size_t h = (size_t)p[4] << 24 | (size_t)p[5] << 16 | (size_t)p[6] << 8 | p[7];
    json_t *hdr = json_loadb((const char *)p + 8, h, 0, NULL);
    CHECK(hdr != NULL);
    CHECK_INT(json_integer_value(json_object_get(hdr, "v")), 2);
    json_t *parts = json_object_get(hdr, "parts");
    CHECK_INT(json_array_size(parts), 3); /* portrait, chip face, the one finger taken */
    CHECK_STR(json_string_value(json_object_get(json_array_get(parts, 1), "type")), "image/jp2");
    CHECK_STR(json_string_value(json_object_get(json_array_get(parts, 2), "position")),
              app_finger_name(a.fingers[0].position));
    CHECK(json_is_object(json_object_get(hdr, "chip_evidence")));
    json_decref(hdr);
    /* the portrait's bytes as they are, right after the header */
    CHECK(memcmp(p + 8 + h, a.portrait.data, a.portrait.len) == 0);
    app_init(&b);
    snprintf(b.id, sizeof b.id, "%s", a.id);
    CHECK_INT(app_payload_from_binary(p, n, &b, err, sizeof err), 0);
    CHECK(b.portrait.len == a.portrait.len &&
          memcmp(b.portrait.data, a.portrait.data, a.portrait.len) == 0);
    CHECK(b.chip_face.len == sizeof jp2 && memcmp(b.chip_face.data, jp2, sizeof jp2) == 0);
    CHECK_INT(b.fingers[0].image.len, 64 * 64);
    CHECK(memcmp(b.fingers[0].image.data, a.fingers[0].image.data, 64 * 64) == 0);
    CHECK_INT(b.fingers[0].width, 64);
    CHECK(b.chip_evidence.sod.len == 14 && !memcmp(b.chip_evidence.sod.data, "SOD-BYTES-0123", 14));
    app_wipe(&b);

    /* refused: truncated, one byte more, another application's, a wrong magic, a header
     * length past the end */
    size_t cuts[] = {n - 1, 7, 0};
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        app_init(&b);
        CHECK(app_payload_from_binary(p, cuts[i], &b, err, sizeof err) != 0);
        app_wipe(&b);
    }
    unsigned char *longer = malloc(n + 1);
    memcpy(longer, p, n);
    longer[n] = 0;
    app_init(&b);
    CHECK(app_payload_from_binary(longer, n + 1, &b, err, sizeof err) != 0);
    CHECK(strstr(err, "after the last part") != NULL);
    app_wipe(&b);
    free(longer);
    app_init(&b);
    snprintf(b.id, sizeof b.id, "01900000-0000-7000-8000-000000000000");
    CHECK(app_payload_from_binary(p, n, &b, err, sizeof err) != 0);
    CHECK(strstr(err, "another application") != NULL);
    app_wipe(&b);
    p[3] = '1';
    app_init(&b);
    CHECK(app_payload_from_binary(p, n, &b, err, sizeof err) != 0);
    app_wipe(&b);
    /* a header whose id is no application id (found by fuzz_app_payload: a control character
     * taken in, then written out raw, made a container that does not read back) */
    p[3] = '2';
    char *at = memmem(p, n, a.id, strlen(a.id));
    CHECK(at != NULL);
    char saved[2] = {at[34], at[35]};
    at[34] = '\\'; /* the id's last character written as the JSON escape of a backspace */
    at[35] = 'b';
    app_init(&b);
    CHECK(app_payload_from_binary(p, n, &b, err, sizeof err) != 0);
    CHECK(strstr(err, "another application") != NULL);
    app_wipe(&b);
    at[34] = saved[0];
    at[35] = saved[1];
    p[3] = '2';
    p[4] = 0x7f;
    app_init(&b);
    CHECK(app_payload_from_binary(p, n, &b, err, sizeof err) != 0);
    app_wipe(&b);
    free(p);

    /* the envelope says the format once the store set it; the first format says nothing */
    char *env = app_envelope_to_json(&a);
    CHECK(env && strstr(env, "payload_format") == NULL);
    free(env);
    a.payload_format = APP_PAYLOAD_BINARY;
    env = app_envelope_to_json(&a);
    CHECK(env && strstr(env, "\"payload_format\":2") != NULL);
    app_init(&b);
    CHECK_INT(app_envelope_from_json(env, &b, err, sizeof err), 0);
    CHECK_INT(b.payload_format, APP_PAYLOAD_BINARY);
    app_wipe(&b);
    free(env);
    app_wipe(&a);
}

/* The chip evidence travels in the payload (sealed), never in the envelope; a QR-only
 * application's payload says null. */
TEST(chip_evidence_only_in_the_payload)
{
    struct application a, b;
    char err[128];
    fixture_app(&a, "001099012345", "A", 1700000000000LL);
    char *pay0 = app_payload_to_json(&a);
    CHECK(pay0 && strstr(pay0, "\"chip_evidence\":null") != NULL);
    free(pay0);
    struct app_chip_evidence *ev = &a.chip_evidence;
    app_blob_set(&ev->sod, "SOD-BYTES-0123", 14);
    app_blob_set(&ev->dg1, "DG1-MRZ-ZYXW", 12);
    app_blob_set(&ev->dg13, "DG13-NAME", 9);
    app_blob_set(&ev->dg15, "DG15-KEY", 8);
    app_blob_set(&ev->aa_challenge, "12345678", 8);
    app_blob_set(&ev->aa_signature, "SIGNATURE!", 10);
    memset(ev->dg2_sha256, 0xAB, 32);
    ev->has_dg2 = 1;
    snprintf(ev->aa, sizeof ev->aa, "ok");
    snprintf(ev->ca, sizeof ev->ca, "not_supported");
    char *env = app_envelope_to_json(&a), *pay = app_payload_to_json(&a);
    CHECK(env && pay);
    /* base64 of "SOD-BYTES-0123" and "DG1-MRZ-ZYXW" */
    CHECK(strstr(env, "chip_evidence") == NULL && strstr(env, "U09ELUJZVEVTLTAxMjM=") == NULL &&
          strstr(env, "REcxLU1SWi1aWVhX") == NULL);
    CHECK(strstr(pay, "U09ELUJZVEVTLTAxMjM=") != NULL && strstr(pay, "REcxLU1SWi1aWVhX") != NULL);
    app_init(&b);
    CHECK_INT(app_payload_from_json(pay, &b, err, sizeof(err)), 0);
    CHECK(b.chip_evidence.sod.len == 14 && !memcmp(b.chip_evidence.sod.data, "SOD-BYTES-0123", 14));
    CHECK(b.chip_evidence.dg13.len == 9 && b.chip_evidence.dg14.len == 0);
    CHECK(b.chip_evidence.aa_signature.len == 10 && b.chip_evidence.has_dg2 &&
          b.chip_evidence.dg2_sha256[31] == 0xAB);
    CHECK_STR(b.chip_evidence.aa, "ok");
    CHECK_STR(b.chip_evidence.ca, "not_supported");
    free(env);
    free(pay);
    app_wipe(&a);
    app_wipe(&b);
    CHECK(!app_evidence_present(&a.chip_evidence));
}

/* The payload is written without jansson (it was a fifth of the queue commit): its base64 must be
 * the standard one for every length modulo 3, and the document valid JSON with the members in their
 * order. */
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

/* The face check's evidence goes out in the envelope and comes back the same; a face check
 * that is not one is refused, and an application without one keeps none. */
TEST(envelope_carries_the_face_check)
{
    struct application a, b;
    app_init(&a);
    app_init(&b);
    strcpy(a.id, "0190d5c4-0000-7000-8000-000000000001");
    strcpy(a.identity.personal_id, "001099012345");
    strcpy(a.identity.full_name, "Nguyễn Văn A");
    char *none = app_envelope_to_json(&a);
    CHECK(none && !strstr(none, "face_check"));
    a.face = (struct app_face_check){APP_FACE_DIFFERENT, 0.734, 0.5, "face-api test model"};
    char *j = app_envelope_to_json(&a);
    json_t *env = j ? json_loads(j, 0, NULL) : NULL, *fc = json_object_get(env, "face_check");
    CHECK_STR(json_string_value(json_object_get(fc, "verdict")), "different");
    CHECK(json_real_value(json_object_get(fc, "score")) == 0.734);
    CHECK(json_real_value(json_object_get(fc, "threshold")) == 0.5);
    CHECK_STR(json_string_value(json_object_get(fc, "model")), "face-api test model");
    json_decref(env);
    CHECK_INT(app_envelope_from_json(j, &b, NULL, 0), 0);
    CHECK_INT(b.face.verdict, APP_FACE_DIFFERENT);
    CHECK(b.face.distance == 0.734 && b.face.threshold == 0.5);
    CHECK_STR(b.face.model, "face-api test model");
    app_wipe(&b);
    app_init(&b);
    CHECK_INT(app_envelope_from_json(none, &b, NULL, 0), 0);
    CHECK_INT(b.face.verdict, APP_FACE_NONE);
    /* no face: no score */
    a.face = (struct app_face_check){APP_FACE_NO_FACE_CHIP, 0, 0.5, "m"};
    free(j);
    j = app_envelope_to_json(&a);
    env = j ? json_loads(j, 0, NULL) : NULL;
    fc = json_object_get(env, "face_check");
    CHECK_STR(json_string_value(json_object_get(fc, "verdict")), "no_face_chip");
    CHECK(json_is_null(json_object_get(fc, "score")));
    json_decref(env);
    free(j);
    free(none);
#define ID "{\"id\":\"x\",\"identity\":{\"personal_id\":\"001099012345\",\"full_name\":\"A\"},"
    CHECK(refused(ID "\"face_check\":{\"verdict\":\"lookalike\",\"threshold\":0.5}}"));
    CHECK(refused(ID "\"face_check\":{\"verdict\":\"same\",\"threshold\":\"0.5\"}}"));
    CHECK(refused(ID "\"face_check\":{\"verdict\":\"same\",\"score\":\"low\",\"threshold\":0.5}}"));
    CHECK(refused(ID "\"face_check\":[]}"));
#undef ID
    app_wipe(&a);
    app_wipe(&b);
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
    RUN(binary_payload_round_trip_and_refusals);
    RUN(chip_evidence_only_in_the_payload);
    RUN(payload_base64_every_tail_length);
    RUN(envelope_parser_refuses_hostile_input);
    RUN(envelope_carries_the_face_check);
    RUN(payload_parser_refuses_mismatched_image);
    RUN(wipe_clears_everything);
    return test_done();
}
