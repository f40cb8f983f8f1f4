/* app_json.c: the application's envelope and biometric payload as JSON (jansson).
 *
 * The envelope carries no image; the payload carries only images. Parsing is strict: a
 * field of the wrong type, a string too long for its field or an unknown enum name refuses
 * the whole document, and *app is then left partly filled (the caller wipes it). */
#include "kiosk/model/app_json.h"
#include "kiosk/model/app_payload.h"

#include <jansson.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ENVELOPE_VERSION 1

static json_t *json_str_or_null(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

/* A JSON text kept as a parsed value, or null when absent or unparsable. */
static json_t *json_embedded(const char *text)
{
    if (!text)
        return json_null();
    json_t *v = json_loads(text, JSON_DECODE_ANY, NULL);
    return v ? v : json_null();
}

static json_t *identity_json(const struct app_identity *id)
{
    char sex[2] = {id->sex, 0};
    return json_pack(
        "{s:s, s:o, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:b, s:s, "
        "s:s}",
        "personal_id", id->personal_id, "old_id", json_str_or_null(id->old_id), "full_name",
        id->full_name, "dob", json_str_or_null(id->dob), "sex", json_str_or_null(sex),
        "nationality", json_str_or_null(id->nationality), "ethnicity",
        json_str_or_null(id->ethnicity), "religion", json_str_or_null(id->religion),
        "place_of_origin", json_str_or_null(id->place_of_origin), "residence",
        json_str_or_null(id->residence), "issue_date", json_str_or_null(id->issue_date),
        "expiry_date", json_str_or_null(id->expiry_date), "no_expiry", id->no_expiry, "source",
        app_source_name(id->source), "verdict", app_verdict_name(id->verdict));
}

char *app_identity_to_json(const struct app_identity *id)
{
    json_t *j = identity_json(id);
    char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;
    json_decref(j);
    return s;
}

static json_t *approvals_json(const struct application *app)
{
    json_t *a = json_array();
    for (int i = 0; a && i < app->n_approvals && i < APP_MAX_APPROVALS; i++) {
        const struct app_approval *p = &app->approvals[i];
        if (json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s, s:I}", "by", p->by, "rule",
                                               p->rule, "reason", p->reason, "detail", p->detail,
                                               "at", (json_int_t)p->at)) != 0) {
            json_decref(a); /* never an approval left out */
            return NULL;
        }
    }
    return a;
}

/* The text of j, or NULL. Dumped into a buffer of the exact size (json_dumpb): under
 * allocation failure json_dumps could return text with a piece missing (a key lost: seen by
 * test_alloc_faults), which no reader takes back; this writer cannot lose a piece. */
static char *dump_exact(json_t *j)
{
    size_t n = j ? json_dumpb(j, NULL, 0, JSON_COMPACT) : 0;
    char *s = n ? malloc(n + 1) : NULL;
    if (s && json_dumpb(j, s, n, JSON_COMPACT) != n) {
        free(s);
        return NULL;
    }
    if (s)
        s[n] = '\0';
    return s;
}

char *app_envelope_to_json(const struct application *app)
{
    json_t *fingers = json_array();
    for (int i = 0; fingers && i < app->n_fingers; i++) {
        const struct app_finger *f = &app->fingers[i];
        if (json_array_append_new(
                fingers, json_pack("{s:s, s:s, s:i, s:i, s:i, s:i, s:o}", "position",
                                   app_finger_name(f->position), "status",
                                   app_finger_exception_name(f->exception), "width", f->width,
                                   "height", f->height, "ppi", f->ppi, "attempts", f->attempts,
                                   "quality", json_embedded(f->quality_json))) != 0) {
            json_decref(fingers); /* never a finger left out: the envelope is not made */
            fingers = NULL;
        }
    }
    json_t *j = json_pack(
        "{s:i, s:s, s:s, s:s, s:I, s:o, s:o, s:o, s:{s:o, s:b, s:I}, s:o, s:{s:o, s:o, s:b}, "
        "s:{s:I, s:o}, s:s, s:o, s:o}",
        "v", ENVELOPE_VERSION, "id", app->id, "station", app->station, "officer", app->officer,
        "created_at", (json_int_t)app->created_at, "identity", identity_json(&app->identity),
        "chip_report", json_embedded(app->chip_report_json), "approvals", approvals_json(app),
        "portrait", "quality", json_embedded(app->portrait_quality_json), "override",
        app->portrait_override, "bytes", (json_int_t)app->portrait.len, "fingers", fingers,
        "contact", "phone", json_str_or_null(app->phone), "email", json_str_or_null(app->email),
        "no_mobile_phone", app->no_mobile_phone, "consent", "at", (json_int_t)app->consent_at,
        "officer", json_str_or_null(app->consent_officer), "status", app_status_name(app->status),
        "reason_code", json_str_or_null(app->reason_code), "reason",
        json_str_or_null(app->status_reason));
    /* each optional member below is there or the envelope is not made (bad): a member lost
     * under allocation failure would be stored as if it never was */
    int bad = 0;
    /* the face check's evidence, when one was made (the score is the distance: lower is
     * closer; the verdict compares it with the threshold) */
    if (j && app->face.verdict != APP_FACE_NONE) {
        const struct app_face_check *f = &app->face;
        int scored = f->verdict == APP_FACE_SAME || f->verdict == APP_FACE_DIFFERENT;
        bad |= json_object_set_new(j, "face_check",
                                   json_pack("{s:s, s:o, s:f, s:s}", "verdict",
                                             app_face_verdict_name(f->verdict), "score",
                                             scored ? json_real(f->distance) : json_null(),
                                             "threshold", f->threshold, "model", f->model));
    }
    /* only a redo names the application it redoes: first visits keep their old form */
    if (j && app->redo_of[0])
        bad |= json_object_set_new(j, "redo_of", json_string(app->redo_of));
    /* the payload's format when it is not the first one (kiosk/model/app_payload.h) */
    if (j && app->payload_format > APP_PAYLOAD_JSON)
        bad |= json_object_set_new(j, "payload_format", json_integer(app->payload_format));
    if (j && app->time_source[0])
        bad |= json_object_set_new(j, "time_source", json_string(app->time_source));
    /* a mobile unit's field session names its site; at the station the member is absent */
    if (j && app->site.name[0])
        bad |= json_object_set_new(j, "site",
                                   json_pack("{s:s, s:s, s:s}", "name", app->site.name, "kind",
                                             app->site.kind, "commune", app->site.commune));
    char *s = bad ? NULL : dump_exact(j);
    json_decref(j);
    return s;
}

static json_t *b64(const struct app_blob *b)
{
    if (!b->data || b->len == 0)
        return json_null();
    size_t n = sodium_base64_ENCODED_LEN(b->len, sodium_base64_VARIANT_ORIGINAL);
    char *s = malloc(n);
    if (!s)
        return NULL;
    sodium_bin2base64(s, n, b->data, b->len, sodium_base64_VARIANT_ORIGINAL);
    json_t *j = json_string(s);
    free(s);
    return j;
}

/* The chip evidence (application.h), or null when no chip was read. Binary fields in
 * base64, the DG2 hash in hex (sync/PROTOCOL.md §2.4). */
static json_t *evidence_json(const struct app_chip_evidence *ev)
{
    if (!app_evidence_present(ev))
        return json_null();
    char hex[65];
    sodium_bin2hex(hex, sizeof hex, ev->dg2_sha256, sizeof ev->dg2_sha256);
    return json_pack(
        "{s:i, s:o, s:o, s:o, s:o, s:o, s:o, s:{s:s, s:o, s:o}, s:{s:s}}", "v", 1, "sod",
        b64(&ev->sod), "dg1", b64(&ev->dg1), "dg13", b64(&ev->dg13), "dg14", b64(&ev->dg14), "dg15",
        b64(&ev->dg15), "dg2_sha256", ev->has_dg2 ? json_string(hex) : json_null(), "aa", "outcome",
        ev->aa[0] ? ev->aa : "not_done", "challenge", b64(&ev->aa_challenge), "signature",
        b64(&ev->aa_signature), "ca", "outcome", ev->ca[0] ? ev->ca : "not_done");
}

/* The payload is written straight into one buffer: its images are most of its bytes and
 * go in as base64 once, without a jansson tree, its escaped copy and the copies of each
 * string (they were a fifth of store_queue's CPU time). The text is what
 * json_dumps(JSON_COMPACT) gave for the same members in the same order. Only the small
 * chip evidence goes through jansson. */
struct pbuf {
    char *p;
    size_t len, cap;
};

static void put(struct pbuf *b, const char *s, size_t n)
{
    if (b->len + n <= b->cap) {
        memcpy(b->p + b->len, s, n);
        b->len += n;
    } else {
        b->cap = 0; /* overflow: the size was mis-counted; refused below */
    }
}

static void put_str(struct pbuf *b, const char *s)
{
    put(b, s, strlen(s));
}

/* Base64 (RFC 4648, padded) of n bytes into out (4 * ceil(n / 3) chars, no NUL). A table
 * lookup, three bytes at a time: libsodium's sodium_bin2base64 is constant-time, char by
 * char, and took 0.8 ms of store_queue's 1.7 ms of CPU for 150 KB of images; the images'
 * encoding has no secret-dependent timing worth hiding on the kiosk (the bytes are sealed
 * right after, in the same process). */
static void base64_encode(char *out, const unsigned char *in, size_t n)
{
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t i = 0;
    for (; i + 3 <= n; i += 3) {
        uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
        out[0] = tab[v >> 18];
        out[1] = tab[(v >> 12) & 63];
        out[2] = tab[(v >> 6) & 63];
        out[3] = tab[v & 63];
        out += 4;
    }
    if (i < n) {
        uint32_t v = (uint32_t)in[i] << 16 | (i + 1 < n ? (uint32_t)in[i + 1] << 8 : 0);
        out[0] = tab[v >> 18];
        out[1] = tab[(v >> 12) & 63];
        out[2] = i + 1 < n ? tab[(v >> 6) & 63] : '=';
        out[3] = '=';
    }
}

static void put_b64(struct pbuf *b, const struct app_blob *blob)
{
    if (!blob->data || blob->len == 0) {
        put_str(b, "null");
        return;
    }
    size_t n = (blob->len + 2) / 3 * 4;
    if (b->len + n + 2 > b->cap) {
        b->cap = 0;
        return;
    }
    b->p[b->len++] = '"';
    base64_encode(b->p + b->len, blob->data, blob->len);
    b->len += n;
    b->p[b->len++] = '"';
}

static size_t b64_room(const struct app_blob *blob)
{
    return blob->data && blob->len
               ? sodium_base64_ENCODED_LEN(blob->len, sodium_base64_VARIANT_ORIGINAL) + 2
               : 5;
}

char *app_evidence_to_json(const struct app_chip_evidence *ev)
{
    json_t *j = evidence_json(ev);
    if (!j)
        return NULL;
    char *evidence = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
    /* neither the chip's personal data groups linger in jansson's freed buffers */
    const char *k1;
    json_t *v1;
    json_object_foreach(j, k1, v1)
    {
        if (json_is_string(v1))
            sodium_memzero((void *)json_string_value(v1), json_string_length(v1));
    }
    json_decref(j);
    return evidence;
}

char *app_payload_to_json(const struct application *app)
{
    char *evidence = app_evidence_to_json(&app->chip_evidence);
    if (!evidence)
        return NULL;

    size_t cap = 256 + strlen(app->id) + strlen(evidence) + b64_room(&app->portrait) +
                 b64_room(&app->chip_face);
    for (int i = 0; i < app->n_fingers; i++)
        cap += 128 + b64_room(&app->fingers[i].image);
    struct pbuf b = {malloc(cap), 0, cap};
    if (!b.p) {
        sodium_memzero(evidence, strlen(evidence));
        free(evidence);
        return NULL;
    }
    char num[96];
    snprintf(num, sizeof num, "{\"v\":%d,\"id\":\"", ENVELOPE_VERSION);
    put_str(&b, num);
    put_str(&b, app->id); /* a UUID: nothing to escape */
    put_str(&b, "\",\"portrait\":");
    put_b64(&b, &app->portrait);
    put_str(&b, ",\"chip_face\":");
    put_b64(&b, &app->chip_face);
    put_str(&b, ",\"fingers\":[");
    int first = 1;
    for (int i = 0; i < app->n_fingers; i++) {
        const struct app_finger *f = &app->fingers[i];
        if (f->exception != FINGER_CAPTURED)
            continue;
        snprintf(num, sizeof num,
                 "%s{\"position\":\"%s\",\"width\":%d,\"height\":%d,\"ppi\":%d,"
                 "\"image\":",
                 first ? "" : ",", app_finger_name(f->position), f->width, f->height, f->ppi);
        put_str(&b, num);
        put_b64(&b, &f->image);
        put_str(&b, "}");
        first = 0;
    }
    put_str(&b, "],\"chip_evidence\":");
    put_str(&b, evidence);
    put(&b, "}", 2); /* with the NUL */
    sodium_memzero(evidence, strlen(evidence));
    free(evidence);
    if (b.cap == 0) {
        sodium_memzero(b.p, cap);
        free(b.p);
        return NULL;
    }
    return b.p;
}

/* --- parsing --------------------------------------------------------------------------- */

struct jerr {
    char *buf;
    size_t len;
};

static int fail(struct jerr *e, const char *what, const char *key)
{
    if (e->buf && e->len)
        snprintf(e->buf, e->len, "%s: %s", key, what);
    return -1;
}

/* Copies an optional string member into dst (size n); null/absent gives "". */
static int get_str(json_t *o, const char *key, char *dst, size_t n, int required, struct jerr *e)
{
    json_t *v = json_object_get(o, key);
    dst[0] = '\0';
    if (!v || json_is_null(v))
        return required ? fail(e, "missing", key) : 0;
    if (!json_is_string(v))
        return fail(e, "not a string", key);
    size_t len = json_string_length(v);
    if (len >= n)
        return fail(e, "too long", key);
    if (memchr(json_string_value(v), '\0', len))
        return fail(e, "contains NUL", key);
    memcpy(dst, json_string_value(v), len + 1);
    return 0;
}

static int get_i64(json_t *o, const char *key, int64_t *dst, struct jerr *e)
{
    json_t *v = json_object_get(o, key);
    *dst = 0;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_integer(v))
        return fail(e, "not an integer", key);
    *dst = json_integer_value(v);
    return 0;
}

static int get_int(json_t *o, const char *key, int *dst, int lo, int hi, struct jerr *e)
{
    int64_t v;
    if (get_i64(o, key, &v, e))
        return -1;
    if (v < lo || v > hi)
        return fail(e, "out of range", key);
    *dst = (int)v;
    return 0;
}

static int get_embedded(json_t *o, const char *key, char **dst, struct jerr *e)
{
    json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v))
        return app_str_set(dst, NULL);
    char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
    if (!s)
        return fail(e, "cannot encode", key);
    int rc = app_str_set(dst, s);
    free(s);
    return rc;
}

static int face_check_from(json_t *o, struct app_face_check *f, struct jerr *e)
{
    char verdict[16];
    memset(f, 0, sizeof(*f));
    if (!o || json_is_null(o))
        return 0;
    if (!json_is_object(o))
        return fail(e, "not an object", "face_check");
    if (get_str(o, "verdict", verdict, sizeof(verdict), 1, e) ||
        get_str(o, "model", f->model, sizeof(f->model), 0, e))
        return -1;
    if (app_face_verdict_parse(verdict, &f->verdict) != 0)
        return fail(e, "unknown verdict", "face_check");
    json_t *score = json_object_get(o, "score"), *thr = json_object_get(o, "threshold");
    if ((score && !json_is_null(score) && !json_is_number(score)) || !json_is_number(thr))
        return fail(e, "not a number", "face_check");
    f->distance = json_is_number(score) ? json_number_value(score) : 0;
    f->threshold = json_number_value(thr);
    return 0;
}

static int identity_from(json_t *o, struct app_identity *id, struct jerr *e)
{
    char sex[4], src[24], verdict[16];
    if (!json_is_object(o))
        return fail(e, "not an object", "identity");
    if (get_str(o, "personal_id", id->personal_id, sizeof(id->personal_id), 1, e) ||
        get_str(o, "old_id", id->old_id, sizeof(id->old_id), 0, e) ||
        get_str(o, "full_name", id->full_name, sizeof(id->full_name), 1, e) ||
        get_str(o, "dob", id->dob, sizeof(id->dob), 0, e) ||
        get_str(o, "sex", sex, sizeof(sex), 0, e) ||
        get_str(o, "nationality", id->nationality, sizeof(id->nationality), 0, e) ||
        get_str(o, "ethnicity", id->ethnicity, sizeof(id->ethnicity), 0, e) ||
        get_str(o, "religion", id->religion, sizeof(id->religion), 0, e) ||
        get_str(o, "place_of_origin", id->place_of_origin, sizeof(id->place_of_origin), 0, e) ||
        get_str(o, "residence", id->residence, sizeof(id->residence), 0, e) ||
        get_str(o, "issue_date", id->issue_date, sizeof(id->issue_date), 0, e) ||
        get_str(o, "expiry_date", id->expiry_date, sizeof(id->expiry_date), 0, e) ||
        get_str(o, "source", src, sizeof(src), 0, e) ||
        get_str(o, "verdict", verdict, sizeof(verdict), 0, e))
        return -1;
    if (sex[0] && strcmp(sex, "M") != 0 && strcmp(sex, "F") != 0)
        return fail(e, "must be M or F", "sex");
    id->sex = sex[0];
    json_t *ne = json_object_get(o, "no_expiry");
    id->no_expiry = json_is_true(ne);
    if (src[0] && app_source_parse(src, &id->source) != 0)
        return fail(e, "unknown source", "source");
    if (verdict[0] && app_verdict_parse(verdict, &id->verdict) != 0)
        return fail(e, "unknown verdict", "verdict");
    return 0;
}

int app_identity_from_json(const char *json, struct app_identity *id, char *err, size_t errlen)
{
    struct jerr e = {err, errlen};
    json_error_t je;
    memset(id, 0, sizeof(*id));
    json_t *o = json_loads(json, JSON_REJECT_DUPLICATES, &je);
    if (!o)
        return fail(&e, je.text, "identity");
    int rc = identity_from(o, id, &e);
    json_decref(o);
    return rc;
}

static int approvals_from(json_t *arr, struct application *app, struct jerr *e)
{
    size_t i;
    json_t *v;
    app->n_approvals = 0;
    if (!arr || json_is_null(arr))
        return 0;
    if (!json_is_array(arr) || json_array_size(arr) > APP_MAX_APPROVALS)
        return fail(e, "not an array of at most 8", "approvals");
    json_array_foreach(arr, i, v)
    {
        struct app_approval *p = &app->approvals[i];
        if (!json_is_object(v) || get_str(v, "by", p->by, sizeof(p->by), 1, e) ||
            get_str(v, "rule", p->rule, sizeof(p->rule), 1, e) ||
            get_str(v, "reason", p->reason, sizeof(p->reason), 1, e) ||
            get_str(v, "detail", p->detail, sizeof(p->detail), 0, e) || get_i64(v, "at", &p->at, e))
            return -1;
        app->n_approvals = (int)i + 1;
    }
    return 0;
}

int app_envelope_from_json(const char *json, struct application *app, char *err, size_t errlen)
{
    struct jerr e = {err, errlen};
    json_error_t je;
    char status[16];
    int rc = -1;
    json_t *o = json_loads(json, JSON_REJECT_DUPLICATES, &je);
    if (!o)
        return fail(&e, je.text, "envelope");
    if (!json_is_object(o)) {
        fail(&e, "not an object", "envelope");
        goto out;
    }
    json_t *portrait = json_object_get(o, "portrait");
    json_t *contact = json_object_get(o, "contact");
    json_t *consent = json_object_get(o, "consent");
    json_t *fingers = json_object_get(o, "fingers");
    if (get_str(o, "id", app->id, sizeof(app->id), 1, &e) ||
        get_str(o, "station", app->station, sizeof(app->station), 0, &e) ||
        get_str(o, "officer", app->officer, sizeof(app->officer), 0, &e) ||
        get_i64(o, "created_at", &app->created_at, &e) ||
        identity_from(json_object_get(o, "identity"), &app->identity, &e) ||
        get_embedded(o, "chip_report", &app->chip_report_json, &e) ||
        approvals_from(json_object_get(o, "approvals"), app, &e) ||
        face_check_from(json_object_get(o, "face_check"), &app->face, &e) ||
        get_str(o, "status", status, sizeof(status), 0, &e) ||
        get_str(o, "reason_code", app->reason_code, sizeof(app->reason_code), 0, &e) ||
        get_str(o, "reason", app->status_reason, sizeof(app->status_reason), 0, &e) ||
        get_str(o, "redo_of", app->redo_of, sizeof(app->redo_of), 0, &e))
        goto out;
    if (get_str(o, "time_source", app->time_source, sizeof(app->time_source), 0, &e) ||
        get_int(o, "payload_format", &app->payload_format, 0, APP_PAYLOAD_BINARY, &e))
        goto out;
    json_t *site = json_object_get(o, "site");
    if (site && (!json_is_object(site) ||
                 get_str(site, "name", app->site.name, sizeof(app->site.name), 1, &e) ||
                 get_str(site, "kind", app->site.kind, sizeof(app->site.kind), 0, &e) ||
                 get_str(site, "commune", app->site.commune, sizeof(app->site.commune), 0, &e) ||
                 (app->site.kind[0] && !app_site_kind_valid(app->site.kind)))) {
        fail(&e, "bad site", "site");
        goto out;
    }
    if (status[0] && app_status_parse(status, &app->status) != 0) {
        fail(&e, "unknown status", "status");
        goto out;
    }
    if (json_is_object(portrait)) {
        if (get_embedded(portrait, "quality", &app->portrait_quality_json, &e))
            goto out;
        app->portrait_override = json_is_true(json_object_get(portrait, "override"));
    }
    if (json_is_object(contact) &&
        (get_str(contact, "phone", app->phone, sizeof(app->phone), 0, &e) ||
         get_str(contact, "email", app->email, sizeof(app->email), 0, &e)))
        goto out;
    if (json_is_object(contact))
        app->no_mobile_phone = json_is_true(json_object_get(contact, "no_mobile_phone"));
    if (json_is_object(consent) &&
        (get_i64(consent, "at", &app->consent_at, &e) ||
         get_str(consent, "officer", app->consent_officer, sizeof(app->consent_officer), 0, &e)))
        goto out;
    if (fingers && !json_is_null(fingers)) {
        if (!json_is_array(fingers) || json_array_size(fingers) > APP_MAX_FINGERS) {
            fail(&e, "not an array of at most 10", "fingers");
            goto out;
        }
        size_t i;
        json_t *f;
        json_array_foreach(fingers, i, f)
        {
            struct app_finger *af = &app->fingers[i];
            char pos[16], st[16];
            if (!json_is_object(f) || get_str(f, "position", pos, sizeof(pos), 1, &e) ||
                get_str(f, "status", st, sizeof(st), 0, &e) ||
                get_int(f, "width", &af->width, 0, 5000, &e) ||
                get_int(f, "height", &af->height, 0, 5000, &e) ||
                get_int(f, "ppi", &af->ppi, 0, 5000, &e) ||
                get_int(f, "attempts", &af->attempts, 0, 100, &e) ||
                get_embedded(f, "quality", &af->quality_json, &e))
                goto out;
            if (app_finger_parse(pos, &af->position) != 0) {
                fail(&e, "unknown finger", "position");
                goto out;
            }
            if (st[0] && app_finger_exception_parse(st, &af->exception) != 0) {
                fail(&e, "unknown finger status", "status");
                goto out;
            }
            app->n_fingers = (int)i + 1;
        }
    }
    rc = 0;
out:
    json_decref(o);
    return rc;
}

static int blob_from_b64(json_t *o, const char *key, struct app_blob *dst, struct jerr *e)
{
    json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_string(v))
        return fail(e, "not a string", key);
    size_t n = json_string_length(v);
    unsigned char *bin = malloc(n / 4 * 3 + 3);
    size_t binlen = 0;
    if (!bin)
        return fail(e, "out of memory", key);
    if (sodium_base642bin(bin, n / 4 * 3 + 3, json_string_value(v), n, NULL, &binlen, NULL,
                          sodium_base64_VARIANT_ORIGINAL) != 0) {
        free(bin);
        return fail(e, "bad base64", key);
    }
    app_blob_wipe(dst);
    dst->data = bin;
    dst->len = binlen;
    return 0;
}

static int evidence_from_json(json_t *o, struct app_chip_evidence *ev, struct jerr *e)
{
    json_t *v = json_object_get(o, "chip_evidence");
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_object(v))
        return fail(e, "not an object", "chip_evidence");
    json_t *aa = json_object_get(v, "aa"), *ca = json_object_get(v, "ca");
    if (blob_from_b64(v, "sod", &ev->sod, e) || blob_from_b64(v, "dg1", &ev->dg1, e) ||
        blob_from_b64(v, "dg13", &ev->dg13, e) || blob_from_b64(v, "dg14", &ev->dg14, e) ||
        blob_from_b64(v, "dg15", &ev->dg15, e))
        return -1;
    if (aa && (!json_is_object(aa) || get_str(aa, "outcome", ev->aa, sizeof ev->aa, 0, e) ||
               blob_from_b64(aa, "challenge", &ev->aa_challenge, e) ||
               blob_from_b64(aa, "signature", &ev->aa_signature, e)))
        return aa && !json_is_object(aa) ? fail(e, "not an object", "aa") : -1;
    if (ca && (!json_is_object(ca) || get_str(ca, "outcome", ev->ca, sizeof ev->ca, 0, e)))
        return json_is_object(ca) ? -1 : fail(e, "not an object", "ca");
    char hex[65];
    if (get_str(v, "dg2_sha256", hex, sizeof hex, 0, e))
        return -1;
    if (hex[0]) {
        size_t bl = 0;
        if (strlen(hex) != 64 ||
            sodium_hex2bin(ev->dg2_sha256, sizeof ev->dg2_sha256, hex, 64, NULL, &bl, NULL) != 0 ||
            bl != 32)
            return fail(e, "not 64 hex digits", "dg2_sha256");
        ev->has_dg2 = 1;
    }
    return 0;
}

int app_payload_from_json(const char *json, struct application *app, char *err, size_t errlen)
{
    struct jerr e = {err, errlen};
    json_error_t je;
    int rc = -1;
    json_t *o = json_loads(json, JSON_REJECT_DUPLICATES, &je);
    if (!o)
        return fail(&e, je.text, "payload");
    if (!json_is_object(o) || blob_from_b64(o, "portrait", &app->portrait, &e) ||
        blob_from_b64(o, "chip_face", &app->chip_face, &e) ||
        evidence_from_json(o, &app->chip_evidence, &e))
        goto out;
    json_t *fingers = json_object_get(o, "fingers");
    size_t i;
    json_t *f;
    if (fingers && !json_is_array(fingers)) {
        fail(&e, "not an array", "fingers");
        goto out;
    }
    json_array_foreach(fingers, i, f)
    {
        char pos[16];
        enum finger p;
        if (!json_is_object(f) || get_str(f, "position", pos, sizeof(pos), 1, &e))
            goto out;
        if (app_finger_parse(pos, &p) != 0) {
            fail(&e, "unknown finger", "position");
            goto out;
        }
        struct app_finger *af = NULL;
        for (int k = 0; k < app->n_fingers; k++)
            if (app->fingers[k].position == p)
                af = &app->fingers[k];
        if (!af) {
            if (app->n_fingers >= APP_MAX_FINGERS) {
                fail(&e, "too many", "fingers");
                goto out;
            }
            af = &app->fingers[app->n_fingers++];
            af->position = p;
        }
        if (get_int(f, "width", &af->width, 0, 5000, &e) ||
            get_int(f, "height", &af->height, 0, 5000, &e) ||
            get_int(f, "ppi", &af->ppi, 0, 5000, &e) || blob_from_b64(f, "image", &af->image, &e))
            goto out;
        if (af->image.len != (size_t)af->width * (size_t)af->height) {
            fail(&e, "image size does not match width x height", "fingers");
            goto out;
        }
    }
    rc = 0;
out:
    json_decref(o);
    return rc;
}
