/* application.c: the application model's life cycle, names and rules.
 *
 * Invariants: every pointer in a struct application is owned by it; app_wipe() leaves no
 * citizen byte behind in memory it frees. The status lifecycle table below is the only
 * place that says which status moves are allowed. */
#include "kiosk/model/application.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

void app_init(struct application *app)
{
    memset(app, 0, sizeof(*app));
}

void app_blob_wipe(struct app_blob *b)
{
    if (b->data) {
        sodium_memzero(b->data, b->len);
        free(b->data);
    }
    b->data = NULL;
    b->len = 0;
}

int app_blob_set(struct app_blob *dst, const void *data, size_t len)
{
    unsigned char *p = NULL;
    if (len > 0) {
        p = malloc(len);
        if (!p)
            return -1;
        memcpy(p, data, len);
    }
    app_blob_wipe(dst);
    dst->data = p;
    dst->len = len;
    return 0;
}

static void str_wipe(char **s)
{
    if (*s) {
        sodium_memzero(*s, strlen(*s));
        free(*s);
    }
    *s = NULL;
}

int app_str_set(char **dst, const char *s)
{
    char *copy = NULL;
    if (s) {
        copy = strdup(s);
        if (!copy)
            return -1;
    }
    str_wipe(dst);
    *dst = copy;
    return 0;
}

void app_evidence_wipe(struct app_chip_evidence *ev)
{
    struct app_blob *blobs[] = {&ev->sod,  &ev->dg1,          &ev->dg13,        &ev->dg14,
                                &ev->dg15, &ev->aa_challenge, &ev->aa_signature};
    for (size_t i = 0; i < sizeof(blobs) / sizeof(blobs[0]); i++)
        app_blob_wipe(blobs[i]);
    sodium_memzero(ev, sizeof(*ev));
}

int app_evidence_present(const struct app_chip_evidence *ev)
{
    return ev->sod.len || ev->dg1.len || ev->dg13.len || ev->dg14.len || ev->dg15.len ||
           ev->has_dg2 || ev->aa_signature.len || ev->aa[0] || ev->ca[0];
}

void app_wipe(struct application *app)
{
    app_evidence_wipe(&app->chip_evidence);
    str_wipe(&app->chip_report_json);
    str_wipe(&app->portrait_quality_json);
    app_blob_wipe(&app->chip_face);
    app_blob_wipe(&app->chip_face_view);
    app_blob_wipe(&app->portrait);
    for (int i = 0; i < APP_MAX_FINGERS; i++) {
        app_blob_wipe(&app->fingers[i].image);
        str_wipe(&app->fingers[i].quality_json);
    }
    sodium_memzero(app, sizeof(*app));
}

/* The newest id's time and sequence, (ms << 12) | seq: ids never go back with the clock
 * (RFC 9562 §6.2 method 1, a 12-bit counter in rand_a): an id made in the same millisecond as
 * the last one, or on a clock stepped back behind it, takes the last one's time and the next
 * count, so ids stay in the order they were made (a full counter moves on to the next ms). */
static int64_t id_last;

void app_id_seen(int64_t ms)
{
    int64_t floor = (ms << 12) | 0xfff, cur = __atomic_load_n(&id_last, __ATOMIC_RELAXED);
    while (floor > cur && !__atomic_compare_exchange_n(&id_last, &cur, floor, 0, __ATOMIC_RELAXED,
                                                       __ATOMIC_RELAXED))
        ;
}

int64_t app_id_ms(const char *id)
{
    int64_t ms = 0;
    for (int i = 0, n = 0; id[i] && n < 12; i++) {
        char c = id[i];
        if (c == '-')
            continue;
        int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (v < 0)
            return -1;
        ms = ms * 16 + v;
        n++;
    }
    return ms;
}

int app_id_valid(const char *id)
{
    for (int i = 0; i < APP_ID_SIZE - 1; i++) {
        int dash = i == 8 || i == 13 || i == 18 || i == 23;
        char c = id[i];
        int hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (dash ? c != '-' : !hex)
            return 0;
    }
    return id[APP_ID_SIZE - 1] == '\0';
}

/* UUIDv7 (RFC 9562 §5.7): 48-bit ms timestamp, version 7, a 12-bit sequence (above), 62
 * random bits. */
void app_new_id(char id[APP_ID_SIZE], int64_t now_ms)
{
    unsigned char b[16];
    static const char hex[] = "0123456789abcdef";
    int64_t cur = __atomic_load_n(&id_last, __ATOMIC_RELAXED), next;
    do
        next = (now_ms << 12) > cur ? now_ms << 12 : cur + 1;
    while (
        !__atomic_compare_exchange_n(&id_last, &cur, next, 0, __ATOMIC_RELAXED, __ATOMIC_RELAXED));
    unsigned seq = (unsigned)(next & 0xfff);
    next >>= 12;
    uint64_t ms = (uint64_t)next;
    randombytes_buf(b, sizeof(b));
    for (int i = 0; i < 6; i++)
        b[i] = (unsigned char)(ms >> (40 - 8 * i));
    b[6] = (unsigned char)(0x70 | (seq >> 8));
    b[7] = (unsigned char)(seq & 0xff);
    b[8] = (unsigned char)(0x80 | (b[8] & 0x3f));
    int o = 0;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            id[o++] = '-';
        id[o++] = hex[b[i] >> 4];
        id[o++] = hex[b[i] & 15];
    }
    id[o] = '\0';
}

static const char *const status_names[APP_STATUS_COUNT] = {
    [APP_DRAFT] = "draft",           [APP_QUEUED] = "queued",
    [APP_UPLOADING] = "uploading",   [APP_SUBMITTED] = "submitted",
    [APP_PROCESSING] = "processing", [APP_APPROVED] = "approved",
    [APP_REJECTED] = "rejected",     [APP_REDO] = "redo",
};

/* The lifecycle: row = from, bit = to. uploading may fall back to queued (a delivery that
 * failed and will be retried); the upstream may report any result once it has the
 * application, in any order its processing gives. */
#define B(s) (1u << (s))
static const unsigned status_moves[APP_STATUS_COUNT] = {
    [APP_DRAFT] = B(APP_QUEUED),
    [APP_QUEUED] = B(APP_UPLOADING) | B(APP_SUBMITTED),
    [APP_UPLOADING] = B(APP_QUEUED) | B(APP_SUBMITTED),
    [APP_SUBMITTED] = B(APP_PROCESSING) | B(APP_APPROVED) | B(APP_REJECTED),
    [APP_PROCESSING] = B(APP_APPROVED) | B(APP_REJECTED),
    [APP_APPROVED] = 0,
    [APP_REJECTED] = B(APP_REDO),
    [APP_REDO] = 0,
};
#undef B

const char *app_status_name(enum app_status s)
{
    return (unsigned)s < APP_STATUS_COUNT ? status_names[s] : "?";
}

int app_status_parse(const char *name, enum app_status *out)
{
    for (int i = 0; i < APP_STATUS_COUNT; i++) {
        if (name && strcmp(name, status_names[i]) == 0) {
            *out = (enum app_status)i;
            return 0;
        }
    }
    return -1;
}

int app_status_allowed(enum app_status from, enum app_status to)
{
    if ((unsigned)from >= APP_STATUS_COUNT || (unsigned)to >= APP_STATUS_COUNT)
        return 0;
    return (status_moves[from] >> to) & 1u;
}

static int parse_name(const char *const *names, int n, const char *name, int *out)
{
    for (int i = 0; i < n; i++) {
        if (names[i] && name && strcmp(name, names[i]) == 0) {
            *out = i;
            return 0;
        }
    }
    return -1;
}

static const char *const source_names[] = {"none", "chip-verified", "chip-unverified", "qr",
                                           "manual"};
static const char *const verdict_names[] = {"none", "genuine", "unverified", "forged"};
static const char *const finger_names[] = {
    "none",       "right-thumb", "right-index", "right-middle", "right-ring", "right-little",
    "left-thumb", "left-index",  "left-middle", "left-ring",    "left-little"};
static const char *const exception_names[] = {"captured", "missing", "bandaged", "scarred",
                                              "unreadable"};
#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

const char *app_source_name(enum id_source s)
{
    return (unsigned)s < (unsigned)N(source_names) ? source_names[s] : "?";
}

int app_source_parse(const char *name, enum id_source *out)
{
    int v;
    if (parse_name(source_names, N(source_names), name, &v) != 0)
        return -1;
    *out = (enum id_source)v;
    return 0;
}

const char *app_verdict_name(enum chip_verdict v)
{
    return (unsigned)v < (unsigned)N(verdict_names) ? verdict_names[v] : "?";
}

int app_verdict_parse(const char *name, enum chip_verdict *out)
{
    int v;
    if (parse_name(verdict_names, N(verdict_names), name, &v) != 0)
        return -1;
    *out = (enum chip_verdict)v;
    return 0;
}

static const char *const face_verdict_names[] = {"none",         "same",         "different",
                                                 "no_face_live", "no_face_chip", "unavailable"};

const char *app_face_verdict_name(enum app_face_verdict v)
{
    return (unsigned)v < (unsigned)N(face_verdict_names) ? face_verdict_names[v] : "?";
}

int app_face_verdict_parse(const char *name, enum app_face_verdict *out)
{
    int v;
    if (parse_name(face_verdict_names, N(face_verdict_names), name, &v) != 0)
        return -1;
    *out = (enum app_face_verdict)v;
    return 0;
}

const char *app_finger_name(enum finger f)
{
    return (unsigned)f < (unsigned)N(finger_names) ? finger_names[f] : "?";
}

int app_finger_parse(const char *name, enum finger *out)
{
    int v;
    if (parse_name(finger_names, N(finger_names), name, &v) != 0 || v == FINGER_NONE)
        return -1;
    *out = (enum finger)v;
    return 0;
}

const char *app_finger_exception_name(enum finger_exception e)
{
    return (unsigned)e < (unsigned)N(exception_names) ? exception_names[e] : "?";
}

int app_finger_exception_parse(const char *name, enum finger_exception *out)
{
    int v;
    if (parse_name(exception_names, N(exception_names), name, &v) != 0)
        return -1;
    *out = (enum finger_exception)v;
    return 0;
}

/* Fallback order on one hand: the fingers most often usable for matching come first. */
enum finger app_finger_fallback(enum finger f, const enum finger *used, int n_used)
{
    static const int order[] = {2, 3, 4, 5, 1}; /* index, middle, ring, little, thumb */
    if (f < FINGER_R_THUMB || f > FINGER_L_LITTLE)
        return FINGER_NONE;
    int base = f >= FINGER_L_THUMB ? 5 : 0;
    for (int i = 0; i < N(order); i++) {
        enum finger cand = (enum finger)(base + order[i]);
        int taken = cand == f;
        for (int j = 0; j < n_used && !taken; j++)
            taken = used[j] == cand;
        if (!taken)
            return cand;
    }
    return FINGER_NONE;
}

int app_identity_card_2024(const struct app_identity *id)
{
    /* ISO dates compare as strings; Luật Căn cước 2023 took effect on 2024-07-01 */
    return id->issue_date[0] && strcmp(id->issue_date, "2024-07-01") >= 0;
}

const char *const app_site_kinds[] = {"thon_ap",    "to_dan_pho", "co_quan_doanh_nghiep",
                                      "truong_hoc", "khac",       NULL};

int app_site_kind_valid(const char *kind)
{
    for (int i = 0; kind && app_site_kinds[i]; i++)
        if (strcmp(kind, app_site_kinds[i]) == 0)
            return 1;
    return 0;
}
