/* app_payload.c: the biometric payload's binary container (format 2, app_payload.h).
 *
 * Written in one buffer: the small JSON header, then each image's bytes copied once. The
 * chip evidence in the header is the same JSON object format 1 carries, so both formats
 * share its encoder and parser (app_json.c). Parsing checks every length against what is
 * there before touching the bytes. */
#include "kiosk/model/app_payload.h"

#include <jansson.h>
#include <stdarg.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/model/app_json.h"

#define PREFIX_BYTES 8 /* the magic and the header's length */

/* The media type of the chip's photo, by its first bytes (ICAO 9303 allows JPEG and
 * JPEG 2000, as a JP2 file or a bare codestream). */
static const char *chip_face_type(const struct app_blob *b)
{
    static const unsigned char jp2[] = {0, 0, 0, 0x0c, 'j', 'P', ' ', ' '};
    static const unsigned char j2k[] = {0xff, 0x4f, 0xff, 0x51};
    if (b->len >= 2 && b->data[0] == 0xff && b->data[1] == 0xd8)
        return "image/jpeg";
    if (b->len >= sizeof jp2 && memcmp(b->data, jp2, sizeof jp2) == 0)
        return "image/jp2";
    if (b->len >= sizeof j2k && memcmp(b->data, j2k, sizeof j2k) == 0)
        return "image/j2k";
    return "application/octet-stream";
}

/* Appends a formatted entry to the parts list; a list that would not fit is marked full
 * (*pn == size), which the caller refuses. */
__attribute__((format(printf, 4, 5))) static void add_part(char *parts, size_t size, size_t *pn,
                                                           const char *fmt, ...)
{
    va_list ap;
    if (*pn >= size)
        return;
    va_start(ap, fmt);
    int n = vsnprintf(parts + *pn, size - *pn, fmt, ap);
    va_end(ap);
    *pn = n < 0 || (size_t)n >= size - *pn ? size : *pn + (size_t)n;
}

static int has(const struct app_blob *b)
{
    return b->data && b->len;
}

unsigned char *app_payload_to_binary(const struct application *app, size_t *len)
{
    unsigned char *buf = NULL;
    size_t cap = 0;
    return app_payload_write_binary(app, &buf, &cap, len) == 0 ? buf : NULL;
}

int app_payload_write_binary(const struct application *app, unsigned char **out, size_t *cap,
                             size_t *len)
{
    *len = 0;
    char *evidence = app_evidence_to_json(&app->chip_evidence);
    if (!evidence)
        return -1;
    /* the parts list: a few entries of under 160 bytes each */
    char parts[160 * (2 + APP_MAX_FINGERS)];
    size_t pn = 0, body = 0;
    if (has(&app->portrait)) {
        add_part(parts, sizeof parts, &pn,
                 "{\"name\":\"portrait\",\"type\":\"image/jpeg\",\"length\":%zu}",
                 app->portrait.len);
        body += app->portrait.len;
    }
    if (has(&app->chip_face)) {
        add_part(parts, sizeof parts, &pn,
                 "%s{\"name\":\"chip_face\",\"type\":\"%s\",\"length\":%zu}", pn ? "," : "",
                 chip_face_type(&app->chip_face), app->chip_face.len);
        body += app->chip_face.len;
    }
    for (int i = 0; i < app->n_fingers && i < APP_MAX_FINGERS; i++) {
        const struct app_finger *f = &app->fingers[i];
        if (f->exception != FINGER_CAPTURED || !has(&f->image))
            continue;
        add_part(parts, sizeof parts, &pn,
                 "%s{\"name\":\"finger\",\"position\":\"%s\",\"width\":%d,"
                 "\"height\":%d,\"ppi\":%d,\"type\":\"image/x-gray8\","
                 "\"length\":%zu}",
                 pn ? "," : "", app_finger_name(f->position), f->width, f->height, f->ppi,
                 f->image.len);
        body += f->image.len;
    }
    size_t evn = strlen(evidence);
    /* {"v":2,"id":"<id>","parts":[<parts>],"chip_evidence":<evidence>} */
    size_t hlen = 64 + strlen(app->id) + pn + evn, need = PREFIX_BYTES + hlen + body;
    unsigned char *buf = *out;
    if (pn >= sizeof parts || need > *cap) {
        buf = pn < sizeof parts ? malloc(need) : NULL;
        if (!buf) {
            sodium_memzero(evidence, evn);
            free(evidence);
            return -1;
        }
        if (*out) {
            sodium_memzero(*out, *cap);
            free(*out);
        }
        *out = buf;
        *cap = need;
    }
    char *h = (char *)buf + PREFIX_BYTES;
    int n = snprintf(h, hlen, "{\"v\":2,\"id\":\"%s\",\"parts\":[%.*s],\"chip_evidence\":", app->id,
                     (int)pn, parts);
    size_t at = (size_t)n;
    memcpy(h + at, evidence, evn);
    at += evn;
    h[at++] = '}';
    sodium_memzero(evidence, evn);
    free(evidence);
    memcpy(buf, APP_PAYLOAD_MAGIC, 4);
    buf[4] = (unsigned char)(at >> 24);
    buf[5] = (unsigned char)(at >> 16);
    buf[6] = (unsigned char)(at >> 8);
    buf[7] = (unsigned char)at;
    unsigned char *p = buf + PREFIX_BYTES + at;
    if (has(&app->portrait)) {
        memcpy(p, app->portrait.data, app->portrait.len);
        p += app->portrait.len;
    }
    if (has(&app->chip_face)) {
        memcpy(p, app->chip_face.data, app->chip_face.len);
        p += app->chip_face.len;
    }
    for (int i = 0; i < app->n_fingers && i < APP_MAX_FINGERS; i++) {
        const struct app_finger *f = &app->fingers[i];
        if (f->exception != FINGER_CAPTURED || !has(&f->image))
            continue;
        memcpy(p, f->image.data, f->image.len);
        p += f->image.len;
    }
    *len = (size_t)(p - buf);
    return 0;
}

/* --- parsing --------------------------------------------------------------------------- */

static int fail(char *err, size_t errlen, const char *what)
{
    if (err && errlen)
        snprintf(err, errlen, "payload: %s", what);
    return -1;
}

static int int_member(json_t *o, const char *key, json_int_t lo, json_int_t hi, json_int_t *out)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi)
        return -1;
    *out = json_integer_value(v);
    return 0;
}

/* The finger of *app at position p, added when absent; NULL when there is no room. */
static struct app_finger *finger_at(struct application *app, enum finger p)
{
    for (int k = 0; k < app->n_fingers; k++)
        if (app->fingers[k].position == p)
            return &app->fingers[k];
    if (app->n_fingers >= APP_MAX_FINGERS)
        return NULL;
    struct app_finger *f = &app->fingers[app->n_fingers++];
    f->position = p;
    return f;
}

/* One part of the header's list, its bytes at p (length already checked). */
static int take_part(json_t *part, const unsigned char *p, size_t n, struct application *app,
                     int *seen, char *err, size_t errlen)
{
    const char *name = json_string_value(json_object_get(part, "name"));
    if (!name)
        return fail(err, errlen, "a part without a name");
    if (strcmp(name, "portrait") == 0 || strcmp(name, "chip_face") == 0) {
        int bit = name[0] == 'p' ? 1 : 2;
        if (*seen & bit)
            return fail(err, errlen, "an image listed twice");
        *seen |= bit;
        return app_blob_set(bit == 1 ? &app->portrait : &app->chip_face, p, n) == 0
                   ? 0
                   : fail(err, errlen, "out of memory");
    }
    if (strcmp(name, "finger") != 0)
        return fail(err, errlen, "unknown part");
    const char *pos = json_string_value(json_object_get(part, "position"));
    enum finger fp;
    json_int_t w, h, ppi;
    if (!pos || app_finger_parse(pos, &fp) != 0)
        return fail(err, errlen, "unknown finger");
    if (int_member(part, "width", 1, 5000, &w) || int_member(part, "height", 1, 5000, &h) ||
        int_member(part, "ppi", 0, 5000, &ppi))
        return fail(err, errlen, "finger size out of range");
    if ((size_t)(w * h) != n)
        return fail(err, errlen, "finger image size does not match width x height");
    if (*seen & (4 << fp))
        return fail(err, errlen, "a finger listed twice");
    *seen |= 4 << fp;
    struct app_finger *f = finger_at(app, fp);
    if (!f)
        return fail(err, errlen, "too many fingers");
    f->width = (int)w;
    f->height = (int)h;
    f->ppi = (int)ppi;
    return app_blob_set(&f->image, p, n) == 0 ? 0 : fail(err, errlen, "out of memory");
}

int app_payload_from_binary(const unsigned char *p, size_t len, struct application *app, char *err,
                            size_t errlen)
{
    if (len < PREFIX_BYTES || memcmp(p, APP_PAYLOAD_MAGIC, 4) != 0)
        return fail(err, errlen, "not a format 2 container");
    size_t n = (size_t)p[4] << 24 | (size_t)p[5] << 16 | (size_t)p[6] << 8 | p[7];
    if (n > (size_t)APP_PAYLOAD_HEADER_MAX || n > len - PREFIX_BYTES)
        return fail(err, errlen, "header length out of range");
    char *h = malloc(n + 1);
    if (!h)
        return fail(err, errlen, "out of memory");
    memcpy(h, p + PREFIX_BYTES, n);
    h[n] = '\0';
    int rc = -1;
    json_error_t je;
    json_t *o = json_loadb(h, n, JSON_REJECT_DUPLICATES, &je), *parts, *part;
    const char *id;
    json_int_t v;
    if (!json_is_object(o) || int_member(o, "v", 2, 2, &v) != 0) {
        fail(err, errlen, "header is not a format 2 object");
        goto out;
    }
    if (!(id = json_string_value(json_object_get(o, "id"))) || !app_id_valid(id) ||
        (app->id[0] && strcmp(id, app->id) != 0)) {
        fail(err, errlen, "header names another application");
        goto out;
    }
    /* images travel as parts only: a member of format 1 in the header is a mix-up */
    if (json_object_get(o, "portrait") || json_object_get(o, "chip_face") ||
        json_object_get(o, "fingers") || !json_is_array(parts = json_object_get(o, "parts"))) {
        fail(err, errlen, "header without its parts list");
        goto out;
    }
    if (app_payload_from_json(h, app, err, errlen) != 0) /* the chip evidence */
        goto out;
    snprintf(app->id, sizeof app->id, "%s", id);
    size_t at = PREFIX_BYTES + n, i;
    int seen = 0;
    json_array_foreach(parts, i, part)
    {
        json_int_t plen;
        if (!json_is_object(part) ||
            int_member(part, "length", 0, (json_int_t)(len - at), &plen) != 0) {
            fail(err, errlen, "a part's length goes past the end");
            goto out;
        }
        if (take_part(part, p + at, (size_t)plen, app, &seen, err, errlen) != 0)
            goto out;
        at += (size_t)plen;
    }
    if (at != len) {
        fail(err, errlen, "bytes after the last part");
        goto out;
    }
    rc = 0;
out:
    json_decref(o);
    sodium_memzero(h, n);
    free(h);
    return rc;
}
