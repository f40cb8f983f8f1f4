/* validate_text.c: text fields — UTF-8 in NFC, personal names, accent folding, ISO dates.
 *
 * Every string the kiosk keeps is valid UTF-8 (no overlongs, no surrogates: u8_check) in
 * Unicode NFC (UAX #15, libunistring u8_normalize), so that "Nguyễn" typed on a keyboard that
 * sends decomposed marks and "Nguyễn" read from the chip compare equal byte for byte.
 * Inputs are bounded before any work (TEXT_MAX_INPUT); temporary copies of personal data are
 * wiped before they are freed. Outputs are always NUL-terminated and "" on refusal. No state. */
#include "kiosk/model/validate.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

/* No field of the application is longer than this; larger inputs are refused unread. */
#define TEXT_MAX_INPUT (64 * 1024)

static void wipe_free(uint8_t *p, size_t n)
{
    if (p != NULL) {
        explicit_bzero(p, n);
        free(p);
    }
}

/* NFC of in into a malloc'd buffer (*out, *outn bytes, not NUL-terminated). */
static enum msg_id nfc_alloc(const char *in, uint8_t **out, size_t *outn)
{
    size_t n;

    *out = NULL;
    *outn = 0;
    n = strnlen(in, TEXT_MAX_INPUT + 1);
    if (n > TEXT_MAX_INPUT)
        return MSG_TEXT_TOO_LONG;
    if (u8_check((const uint8_t *)in, n) != NULL)
        return MSG_TEXT_INVALID_UTF8;
    if (n == 0)
        return MSG_NONE;
    *out = u8_normalize(UNINORM_NFC, (const uint8_t *)in, n, NULL, outn);
    if (*out == NULL) {
        *outn = 0;
        return MSG_TEXT_TOO_LONG; /* only on allocation failure */
    }
    return MSG_NONE;
}

enum msg_id val_nfc(const char *in, char *out, size_t outlen)
{
    uint8_t *nfc = NULL;
    size_t n = 0;
    enum msg_id m;

    if (out == NULL || outlen == 0)
        return MSG_TEXT_TOO_LONG;
    out[0] = '\0';
    if (in == NULL)
        return MSG_NONE;
    if ((m = nfc_alloc(in, &nfc, &n)) != MSG_NONE)
        goto out;
    if (n >= outlen) {
        m = MSG_TEXT_TOO_LONG;
        goto out;
    }
    if (n > 0)
        memcpy(out, nfc, n);
    out[n] = '\0';
out:
    wipe_free(nfc, n);
    return m;
}

static int is_name_separator(ucs4_t c)
{
    return c == ' ' || c == '-' || c == '\'' || c == 0x2019; /* RIGHT SINGLE QUOTATION MARK */
}

enum msg_id val_name(const char *in, size_t max_bytes)
{
    uint8_t *nfc = NULL;
    size_t n = 0;
    const uint8_t *p, *end;
    int prev_sep = 1; /* a name opens with a letter */
    enum msg_id m;

    if (in == NULL || in[strspn(in, " ")] == '\0')
        return MSG_NAME_EMPTY;
    if ((m = nfc_alloc(in, &nfc, &n)) != MSG_NONE)
        goto out;
    if (n > max_bytes) {
        m = MSG_TEXT_TOO_LONG;
        goto out;
    }
    m = MSG_NAME_INVALID;
    p = nfc;
    end = nfc + n;
    while (p < end) {
        ucs4_t c;
        p += u8_mbtouc(&c, p, end - p);
        if (uc_is_general_category(c, UC_CATEGORY_L)) {
            prev_sep = 0;
        } else if (uc_is_general_category(c, UC_CATEGORY_M)) {
            if (prev_sep)
                goto out; /* a mark must follow a letter */
        } else if (is_name_separator(c)) {
            if (prev_sep)
                goto out; /* leading or doubled separator */
            prev_sep = 1;
        } else {
            goto out; /* digit, symbol, control, punctuation */
        }
    }
    if (!prev_sep)
        m = MSG_NONE; /* else a trailing separator */
out:
    wipe_free(nfc, n);
    return m;
}

/* Appends the UTF-8 of c to out if it fits whole (leaving room for the NUL). */
static void put_uc(char *out, size_t outlen, size_t *pos, ucs4_t c)
{
    uint8_t buf[6];
    int len = u8_uctomb(buf, c, sizeof buf);
    if (len <= 0 || *pos + (size_t)len >= outlen)
        return;
    memcpy(out + *pos, buf, (size_t)len);
    *pos += (size_t)len;
}

void val_fold(const char *in, char *out, size_t outlen)
{
    uint8_t *nfd = NULL;
    size_t n = 0, pos = 0, inlen;
    const uint8_t *p, *end;

    if (out == NULL || outlen == 0)
        return;
    out[0] = '\0';
    if (in == NULL)
        return;
    inlen = strnlen(in, TEXT_MAX_INPUT + 1);
    if (inlen > TEXT_MAX_INPUT || u8_check((const uint8_t *)in, inlen) != NULL || inlen == 0)
        return;
    nfd = u8_normalize(UNINORM_NFD, (const uint8_t *)in, inlen, NULL, &n);
    if (nfd == NULL)
        return;
    p = nfd;
    end = nfd + n;
    while (p < end) {
        ucs4_t c;
        int len = u8_mbtouc(&c, p, end - p);
        p += len;
        if (uc_is_general_category(c, UC_CATEGORY_Mn))
            continue;                   /* the accents and tone marks NFD split off */
        if (c == 0x0110 || c == 0x0111) /* Đ đ have no decomposition */
            c = 'd';
        put_uc(out, outlen, &pos, uc_tolower(c));
    }
    out[pos] = '\0';
    wipe_free(nfd, n);
}

static int days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return days[m - 1];
}

/* 1 when s is exactly "YYYY-MM-DD" naming a day that exists (years 0001-9999). */
static int iso_date_ok(const char *s)
{
    int y, m, d;

    if (s == NULL || strnlen(s, 11) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    m = (s[5] - '0') * 10 + (s[6] - '0');
    d = (s[8] - '0') * 10 + (s[9] - '0');
    return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

enum msg_id val_date(const char *iso, const char *today)
{
    if (!iso_date_ok(iso))
        return MSG_DATE_INVALID;
    if (today != NULL) {
        if (!iso_date_ok(today))
            return MSG_DATE_INVALID;
        if (strcmp(iso, today) > 0) /* same fixed-width form: text order is date order */
            return MSG_DOB_FUTURE;
    }
    return MSG_NONE;
}
