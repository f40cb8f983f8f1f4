/* ui_vnkey.c: Vietnamese typing (ui_vnkey.h). Works on the last word decomposed (NFD, with
 * libunistring): base letters followed by their combining marks, so placing a mark is
 * inserting one code point after the right base letter; the result is composed back (NFC).
 * The input is our own keyboard's, but every edit still checks sizes and UTF-8 first. */
#include "ui/ui_vnkey.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <uninorm.h>
#include <unistr.h>

#define VN_MAX 256 /* code points in a text we edit (a full name is far shorter) */

/* Combining marks: tones (U+0301 sắc, U+0300 huyền, U+0309 hỏi, U+0303 ngã, U+0323 nặng) and
 * the vowel marks (U+0302 circumflex, U+0306 breve, U+031B horn). */
static const uint32_t vn_tone_cp[6] = {0, 0x0301, 0x0300, 0x0309, 0x0303, 0x0323};
static const uint32_t vn_mark_cp[4] = {0, 0x0302, 0x0306, 0x031B};

static int vn_is_tone(uint32_t c)
{
    for (int i = 1; i < 6; i++)
        if (vn_tone_cp[i] == c)
            return 1;
    return 0;
}

static int vn_is_mark(uint32_t c)
{
    return c == 0x0302 || c == 0x0306 || c == 0x031B;
}

static int vn_is_combining(uint32_t c)
{
    return c >= 0x0300 && c <= 0x036F;
}

static uint32_t vn_lower(uint32_t c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int vn_is_vowel(uint32_t c)
{
    c = vn_lower(c);
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

/* Decomposes buf into cp (n code points). 0 or an error. */
static int vn_load(const char *buf, uint32_t *cp, size_t *n)
{
    size_t len = strlen(buf);
    if (u8_check((const uint8_t *)buf, len) != NULL)
        return UI_VNKEY_ETEXT;
    size_t out = VN_MAX;
    uint32_t tmp[VN_MAX];
    size_t tn = VN_MAX;
    uint32_t *t = u8_to_u32((const uint8_t *)buf, len, tmp, &tn);
    if (!t)
        return UI_VNKEY_EFULL;
    uint32_t *d = u32_normalize(UNINORM_NFD, t, tn, cp, &out);
    if (t != tmp)
        free(t);
    if (!d)
        return UI_VNKEY_EFULL;
    if (d != cp) { /* did not fit in VN_MAX */
        free(d);
        return UI_VNKEY_EFULL;
    }
    *n = out;
    return 0;
}

/* Composes cp back into buf. 0, or UI_VNKEY_EFULL with buf unchanged. */
static int vn_store(char *buf, size_t size, const uint32_t *cp, size_t n)
{
    uint32_t tmp[VN_MAX];
    size_t cn = VN_MAX;
    uint32_t *c = u32_normalize(UNINORM_NFC, cp, n, tmp, &cn);
    if (!c)
        return UI_VNKEY_EFULL;
    uint8_t out[VN_MAX * 4];
    size_t on = sizeof(out);
    uint8_t *o = u32_to_u8(c, cn, out, &on);
    if (c != tmp)
        free(c);
    int rc = UI_VNKEY_EFULL;
    if (o && on + 1 <= size) {
        memcpy(buf, o, on);
        buf[on] = 0;
        rc = 0;
    }
    if (o && o != out)
        free(o);
    return rc;
}

static size_t vn_word_start(const uint32_t *cp, size_t n)
{
    size_t s = n;
    while (s > 0 && cp[s - 1] != ' ')
        s--;
    return s;
}

static int vn_append(char *buf, size_t size, uint32_t c)
{
    uint32_t cp[VN_MAX + 1];
    size_t n = 0;
    int rc = vn_load(buf, cp, &n);
    if (rc != 0)
        return rc;
    if (n >= VN_MAX)
        return UI_VNKEY_EFULL;
    cp[n++] = c;
    return vn_store(buf, size, cp, n);
}

int ui_vnkey_letter(char *buf, size_t size, char letter)
{
    if (letter < 'a' || letter > 'z')
        return UI_VNKEY_ENONE;
    size_t len = strlen(buf);
    int word_start = len == 0 || buf[len - 1] == ' ';
    return vn_append(buf, size, (uint32_t)(word_start ? letter - 32 : letter));
}

int ui_vnkey_dd(char *buf, size_t size)
{
    size_t len = strlen(buf);
    int word_start = len == 0 || buf[len - 1] == ' ';
    return vn_append(buf, size, word_start ? 0x0110 : 0x0111);
}

int ui_vnkey_space(char *buf, size_t size)
{
    size_t len = strlen(buf);
    if (len == 0 || buf[len - 1] == ' ')
        return UI_VNKEY_ENONE;
    return vn_append(buf, size, ' ');
}

/* Index of the base letter after which a mark goes, or -1. */
static long vn_mark_target(const uint32_t *cp, size_t ws, size_t n, enum ui_vn_mark m)
{
    for (size_t i = n; i-- > ws;) {
        uint32_t c = vn_lower(cp[i]);
        if (m == UI_VN_HAT && (c == 'a' || c == 'e' || c == 'o'))
            return (long)i;
        if (m == UI_VN_BREVE && c == 'a')
            return (long)i;
    }
    if (m != UI_VN_HORN)
        return -1;
    /* ơ: the last o; else ư: the first u of the last vowel group (ưu, ưa, ưi) */
    for (size_t i = n; i-- > ws;)
        if (vn_lower(cp[i]) == 'o')
            return (long)i;
    long u = -1;
    for (size_t i = n; i-- > ws;) {
        if (vn_is_combining(cp[i]))
            continue;
        if (vn_lower(cp[i]) == 'u')
            u = (long)i;
        else if (!vn_is_vowel(cp[i]) && u >= 0)
            break;
    }
    return u;
}

/* cp[i] already carries one of the vowel marks. */
static int vn_has_mark(const uint32_t *cp, size_t n, size_t i)
{
    for (size_t j = i + 1; j < n && vn_is_combining(cp[j]); j++)
        if (vn_is_mark(cp[j]))
            return 1;
    return 0;
}

static int vn_insert(uint32_t *cp, size_t *n, size_t at, uint32_t c)
{
    if (*n >= VN_MAX)
        return UI_VNKEY_EFULL;
    memmove(cp + at + 1, cp + at, (*n - at) * sizeof(cp[0]));
    cp[at] = c;
    (*n)++;
    return 0;
}

/* Just after base letter i and its combining marks. */
static size_t vn_after_marks(const uint32_t *cp, size_t n, size_t i)
{
    size_t j = i + 1;
    while (j < n && vn_is_combining(cp[j]))
        j++;
    return j;
}

int ui_vnkey_mark(char *buf, size_t size, enum ui_vn_mark m)
{
    uint32_t cp[VN_MAX + 2];
    size_t n = 0;
    int rc = vn_load(buf, cp, &n);
    if (rc != 0)
        return rc;
    if (m < UI_VN_HAT || m > UI_VN_HORN)
        return UI_VNKEY_ENONE;
    size_t ws = vn_word_start(cp, n);
    long t = vn_mark_target(cp, ws, n, m);
    if (t < 0 || vn_has_mark(cp, n, (size_t)t))
        return UI_VNKEY_ENONE;
    /* "uo" takes the horn on both: ươ (Trường, Phương) */
    if (m == UI_VN_HORN && vn_lower(cp[t]) == 'o' && t > (long)ws && vn_lower(cp[t - 1]) == 'u') {
        if ((rc = vn_insert(cp, &n, (size_t)t, vn_mark_cp[m])) != 0)
            return rc;
        t++; /* the o moved one on */
    }
    /* right after the letter, before a tone: â + ngã composes to ẫ, ã + hat would not */
    if ((rc = vn_insert(cp, &n, (size_t)t + 1, vn_mark_cp[m])) != 0)
        return rc;
    return vn_store(buf, size, cp, n);
}

int ui_vnkey_tone(char *buf, size_t size, enum ui_vn_tone tone)
{
    uint32_t cp[VN_MAX + 2];
    size_t n = 0;
    int rc = vn_load(buf, cp, &n);
    if (rc != 0)
        return rc;
    if (tone < UI_VN_SAC || tone > UI_VN_NANG)
        return UI_VNKEY_ENONE;
    size_t ws = vn_word_start(cp, n);
    /* drop the word's old tone */
    size_t k = ws;
    for (size_t i = ws; i < n; i++)
        if (!vn_is_tone(cp[i]))
            cp[k++] = cp[i];
    n = k;
    /* the vowels of the word, after a leading "qu" or "gi" */
    size_t from = ws;
    if (n - ws >= 3) {
        uint32_t c0 = vn_lower(cp[ws]), c1 = vn_lower(cp[ws + 1]);
        if ((c0 == 'q' && c1 == 'u') || (c0 == 'g' && c1 == 'i'))
            from = ws + 2;
    }
    long vowels[16];
    int nv = 0;
    long marked = -1;
    for (size_t i = from; i < n; i++) {
        if (!vn_is_vowel(cp[i]))
            continue;
        if (nv < 16)
            vowels[nv++] = (long)i;
        if (vn_has_mark(cp, n, i))
            marked = (long)i;
    }
    if (nv == 0)
        return UI_VNKEY_ENONE;
    long t;
    size_t last_base = n;
    while (last_base > ws && vn_is_combining(cp[last_base - 1]))
        last_base--;
    int ends_with_consonant = last_base > ws && !vn_is_vowel(cp[last_base - 1]);
    if (marked >= 0)
        t = marked;
    else if (ends_with_consonant || nv == 1)
        t = vowels[nv - 1];
    else
        t = vowels[nv - 2];
    if ((rc = vn_insert(cp, &n, vn_after_marks(cp, n, (size_t)t), vn_tone_cp[tone])) != 0)
        return rc;
    return vn_store(buf, size, cp, n);
}

void ui_vnkey_delete(char *buf)
{
    size_t len = strlen(buf);
    if (len == 0)
        return;
    /* back to the start of the last UTF-8 sequence (NFC: a letter with its marks is one) */
    size_t i = len - 1;
    while (i > 0 && ((unsigned char)buf[i] & 0xC0) == 0x80)
        i--;
    explicit_bzero(buf + i, len - i);
}
