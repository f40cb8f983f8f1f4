/* app_fixture.c: complete, valid applications for tests and benchmarks. */
#include "tests/rigs/harness/app_fixture.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

void fixture_app_sized(struct application *app, const char *pid, const char *name,
                       int64_t created_ms, size_t portrait_bytes)
{
    static const char pixels[] = "FINGERPRINT-PIXELS";
    unsigned char img[64 * 64];
    app_init(app);
    app_new_id(app->id, created_ms);
    strcpy(app->station, "CAX-HN-0101");
    strcpy(app->officer, "cb01");
    app->created_at = created_ms;
    struct app_identity *id = &app->identity;
    snprintf(id->personal_id, sizeof(id->personal_id), "%s", pid);
    snprintf(id->full_name, sizeof(id->full_name), "%s", name);
    strcpy(id->dob, "1999-01-01");
    id->sex = 'M';
    strcpy(id->nationality, "Việt Nam");
    strcpy(id->ethnicity, "Kinh");
    strcpy(id->religion, "Không");
    strcpy(id->place_of_origin, "Xã Đông Ngạc, Huyện Từ Liêm, Hà Nội");
    strcpy(id->residence, "Số 1 Phố Huế, Phường Hàng Bài, Quận Hoàn Kiếm, Hà Nội");
    strcpy(id->issue_date, "2021-04-15");
    strcpy(id->expiry_date, "2039-01-01");
    id->source = ID_SOURCE_CHIP_VERIFIED;
    id->verdict = CHIP_GENUINE;
    app_str_set(&app->chip_report_json, "{\"verdict\":\"genuine\",\"reasons\":[]}");
    unsigned char *portrait = sodium_malloc(portrait_bytes + 16);
    memset(portrait, 0x5a, portrait_bytes + 16);
    memcpy(portrait, "JFIF-PORTRAIT", 13);
    app_blob_set(&app->portrait, portrait, portrait_bytes < 13 ? 13 : portrait_bytes);
    sodium_free(portrait);
    app_str_set(&app->portrait_quality_json, "{\"all_pass\":true,\"checks\":[]}");
    for (size_t i = 0; i < sizeof(img); i++)
        img[i] = (unsigned char)pixels[i % (sizeof(pixels) - 1)];
    struct app_finger *f = &app->fingers[0];
    f->position = FINGER_L_INDEX;
    f->exception = FINGER_CAPTURED;
    f->width = f->height = 64;
    f->ppi = 500;
    f->attempts = 1;
    app_blob_set(&f->image, img, sizeof(img));
    app_str_set(&f->quality_json, "{\"minutiae\":72}");
    app->fingers[1].position = FINGER_R_INDEX;
    app->fingers[1].exception = FINGER_BANDAGED;
    app->n_fingers = 2;
    strcpy(app->phone, "0912345678");
    app->consent_at = created_ms + 60000;
    strcpy(app->consent_officer, "cb01");
    app->status = APP_DRAFT;
}

void fixture_app(struct application *app, const char *pid, const char *name, int64_t created_ms)
{
    fixture_app_sized(app, pid, name, created_ms, 2048);
}

void fixture_upstream_key(struct seal_keys *keys, unsigned char sk[32])
{
    unsigned char secret[crypto_box_SECRETKEYBYTES];
    crypto_box_keypair(keys->upstream_pk, secret);
    keys->have_upstream_pk = 1;
    if (sk)
        memcpy(sk, secret, sizeof(secret));
    sodium_memzero(secret, sizeof(secret));
}
