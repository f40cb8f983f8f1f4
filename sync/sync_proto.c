/* sync_proto.c: builds the application document and parses the upstream's answers.
 *
 * jansson does the JSON syntax (and refuses invalid UTF-8); this file checks what the
 * protocol needs of each member before copying it into a fixed-size field. A status page is
 * checked whole before the first callback, so a malformed page changes nothing. */
#include "sync/sync_proto.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* Protocol status names (PROTOCOL.md §status) and the local statuses they map to. */
static const struct {
    const char *name;
    enum app_status status;
} proto_statuses[] = {
    {"submitted", APP_SUBMITTED},
    {"processing", APP_PROCESSING},
    {"approved", APP_APPROVED},
    {"rejected", APP_REJECTED},
};

char *sync_proto_application(const char *id, const char *station, const char *kiosk,
                             const char *envelope_json, const char *digest, size_t payload_len)
{
    json_error_t e;
    json_t *env = json_loads(envelope_json, 0, &e);
    if (!json_is_object(env)) {
        json_decref(env);
        return NULL;
    }
    json_t *doc = json_pack("{s:s,s:s,s:s,s:o,s:s,s:I}", "id", id, "station", station, "kiosk",
                            kiosk, "envelope", env, "payload_sha256", digest, "payload_length",
                            (json_int_t)payload_len);
    char *text = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
    json_decref(doc);
    return text;
}

/* Copies a string member that must be present, shorter than size and made only of chars
 * (NULL: any character but controls). 0 or -1. */
static int get_str(json_t *obj, const char *key, char *dst, size_t size, const char *chars)
{
    json_t *v = json_object_get(obj, key);
    if (!json_is_string(v))
        return -1;
    const char *s = json_string_value(v);
    size_t n = json_string_length(v);
    if (n >= size || strlen(s) != n) /* embedded NUL */
        return -1;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (chars ? strchr(chars, ch) == NULL || ch == 0 : ch < 0x20 || ch == 0x7f)
            return -1;
    }
    memcpy(dst, s, n + 1);
    return 0;
}

static const char token_chars[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~";
static const char hex_chars[] = "0123456789abcdef";
static const char code_chars[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
static const char printable_ascii[] =
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`"
    "abcdefghijklmnopqrstuvwxyz{|}~";

static int get_offset(json_t *obj, const char *key, int64_t *out)
{
    json_t *v = json_object_get(obj, key);
    if (!json_is_integer(v) || json_integer_value(v) < 0)
        return -1;
    *out = (int64_t)json_integer_value(v);
    return 0;
}

int sync_proto_answer(const char *text, size_t len, const char *id, struct sync_answer *out)
{
    memset(out, 0, sizeof *out);
    int rc = -1;
    json_error_t e;
    json_t *doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &e);
    if (!json_is_object(doc))
        goto out;
    json_t *err = json_object_get(doc, "error");
    if (err) {
        out->kind = SYNC_ANS_ERROR;
        if (get_str(doc, "error", out->error, sizeof out->error, code_chars) != 0)
            goto out;
        if (json_object_get(doc, "message") &&
            get_str(doc, "message", out->message, sizeof out->message, printable_ascii) != 0)
            out->message[0] = '\0'; /* words we cannot show are dropped, not fatal */
        out->offset = -1;
        if (json_object_get(doc, "offset") && get_offset(doc, "offset", &out->offset) != 0)
            goto out;
        rc = 0;
        goto out;
    }
    char state[32];
    if (get_str(doc, "state", state, sizeof state, code_chars) != 0)
        goto out;
    if (strcmp(state, "awaiting_payload") == 0) {
        out->kind = SYNC_ANS_AWAITING;
        if (get_offset(doc, "offset", &out->offset) != 0)
            goto out;
        if (json_object_get(doc, "upload_token") &&
            get_str(doc, "upload_token", out->token, sizeof out->token, token_chars) != 0)
            goto out;
        rc = 0;
    } else if (strcmp(state, "received") == 0) {
        char rid[APP_ID_SIZE], receipt[128];
        out->kind = SYNC_ANS_RECEIVED;
        if (get_str(doc, "id", rid, sizeof rid, NULL) != 0 || strcmp(rid, id) != 0 ||
            get_str(doc, "digest", out->digest, sizeof out->digest, hex_chars) != 0 ||
            strlen(out->digest) != 64 ||
            get_str(doc, "receipt", receipt, sizeof receipt, printable_ascii) != 0)
            goto out;
        char *compact = json_dumps(doc, JSON_COMPACT);
        if (!compact || strlen(compact) >= sizeof out->receipt) {
            free(compact);
            goto out;
        }
        memcpy(out->receipt, compact, strlen(compact) + 1);
        free(compact);
        rc = 0;
    }
out:
    json_decref(doc);
    if (rc != 0)
        memset(out, 0, sizeof *out);
    return rc;
}

int sync_proto_status(const char *text, size_t len, int (*cb)(const struct sync_change *, void *),
                      void *arg, char cursor[SYNC_CURSOR_SIZE], int *more)
{
    cursor[0] = '\0';
    *more = 0;
    int rc = -1;
    struct sync_change *ch = NULL;
    json_error_t e;
    json_t *doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &e);
    json_t *arr = json_is_object(doc) ? json_object_get(doc, "changes") : NULL;
    json_t *m = json_is_object(doc) ? json_object_get(doc, "more") : NULL;
    if (!json_is_array(arr) || json_array_size(arr) > SYNC_MAX_CHANGES ||
        (m && !json_is_boolean(m)))
        goto out;
    char cur[SYNC_CURSOR_SIZE];
    if (get_str(doc, "cursor", cur, sizeof cur, token_chars) != 0)
        goto out;
    size_t n = json_array_size(arr);
    ch = calloc(n ? n : 1, sizeof *ch);
    if (!ch)
        goto out;
    for (size_t i = 0; i < n; i++) {
        json_t *c = json_array_get(arr, i);
        char st[32];
        if (!json_is_object(c) || get_str(c, "seq", ch[i].seq, sizeof ch[i].seq, token_chars) ||
            get_str(c, "id", ch[i].id, sizeof ch[i].id, token_chars) ||
            get_str(c, "status", st, sizeof st, code_chars) || get_offset(c, "at", &ch[i].at))
            goto out;
        size_t k = 0, nk = sizeof proto_statuses / sizeof proto_statuses[0];
        while (k < nk && strcmp(st, proto_statuses[k].name) != 0)
            k++;
        if (k == nk)
            goto out;
        ch[i].status = proto_statuses[k].status;
        if (json_object_get(c, "reason_code") &&
            get_str(c, "reason_code", ch[i].reason_code, sizeof ch[i].reason_code, code_chars))
            goto out;
        if (json_object_get(c, "reason") &&
            get_str(c, "reason", ch[i].reason, sizeof ch[i].reason, NULL))
            goto out;
    }
    memcpy(cursor, cur, sizeof cur);
    *more = m && json_is_true(m);
    rc = 0;
    for (size_t i = 0; i < n; i++)
        if (cb(&ch[i], arg) != 0) {
            rc = 1;
            break;
        }
out:
    if (ch)
        free(ch);
    json_decref(doc);
    if (rc < 0) {
        cursor[0] = '\0';
        *more = 0;
    }
    return rc;
}
