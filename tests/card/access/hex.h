/* hex.h: hex helpers shared by the card-access tests (header-only, test code). */
#ifndef TESTS_CARD_ACCESS_HEX_H
#define TESTS_CARD_ACCESS_HEX_H

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Parses hex (spaces allowed) into out; returns the byte count or -1. */
static inline int hex_parse(const char *s, uint8_t *out, size_t cap)
{
    size_t n = 0;
    int hi = -1;
    for (; *s; s++) {
        int v;
        if (isspace((unsigned char)*s))
            continue;
        if (!isxdigit((unsigned char)*s))
            return -1;
        v = isdigit((unsigned char)*s) ? *s - '0' : (tolower((unsigned char)*s) - 'a' + 10);
        if (hi < 0) {
            hi = v;
        } else {
            if (n >= cap)
                return -1;
            out[n++] = (uint8_t)(hi << 4 | v);
            hi = -1;
        }
    }
    return hi < 0 ? (int)n : -1;
}

static inline const char *hex_of(const uint8_t *p, size_t n, char *buf, size_t cap)
{
    size_t o = 0;
    buf[0] = 0;
    for (size_t i = 0; i < n && o + 3 <= cap; i++)
        o += (size_t)snprintf(buf + o, cap - o, "%02X", p[i]);
    return buf;
}

#endif
