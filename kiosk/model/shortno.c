/* shortno.c: the short application number (shortno.h). */
#include "kiosk/model/shortno.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

void shortno_prefix(const char *station_code, char out[SHORTNO_PREFIX_SIZE])
{
    const char *p = strchr(station_code, '-');
    p = p ? p + 1 : station_code;
    size_t n = 0;
    for (; *p && n < 8; p++)
        if (isalnum((unsigned char)*p))
            out[n++] = (char)toupper((unsigned char)*p);
    if (n == 0)
        out[n++] = 'K';
    out[n] = '\0';
}

int shortno_day_stem(const char *prefix, const char *day, char out[APP_SHORT_NO_SIZE])
{
    if (strlen(day) != 10 || day[4] != '-' || day[7] != '-')
        return -1;
    snprintf(out, APP_SHORT_NO_SIZE, "%.8s-%.2s%.2s-", prefix, day + 8, day + 5);
    return 0;
}

void shortno_format(const char *stem, int seq, char out[APP_SHORT_NO_SIZE])
{
    snprintf(out, APP_SHORT_NO_SIZE, "%.14s%03d", stem, seq % 100000);
}

int shortno_normalise(const char *in, char out[APP_SHORT_NO_SIZE])
{
    /* three groups of letters/digits separated by '-', ' ', '/' or '.' */
    char part[3][12];
    size_t len[3] = {0, 0, 0};
    int g = 0, ended = 0;
    out[0] = '\0';
    for (const char *p = in; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (isalnum(c)) {
            if (ended || len[g] >= sizeof part[g] - 1)
                return -1;
            part[g][len[g]++] = (char)toupper(c);
        } else if (c == '-' || c == ' ' || c == '/' || c == '.') {
            if (len[g] > 0) {
                if (g == 2)
                    ended = 1;
                else
                    g++;
            }
        } else {
            return -1;
        }
    }
    if (g != 2 || len[2] == 0)
        return -1;
    for (int i = 0; i < 3; i++)
        part[i][len[i]] = '\0';
    /* the station part has a letter; the day is ddmm; the number is 1-4 digits */
    int letter = 0;
    for (size_t i = 0; i < len[0]; i++)
        letter |= isalpha((unsigned char)part[0][i]) != 0;
    if (!letter || len[0] > 8 || len[1] != 4 || len[2] > 4)
        return -1;
    for (size_t i = 0; i < 4; i++)
        if (!isdigit((unsigned char)part[1][i]))
            return -1;
    int seq = 0;
    for (size_t i = 0; i < len[2]; i++) {
        if (!isdigit((unsigned char)part[2][i]))
            return -1;
        seq = seq * 10 + (part[2][i] - '0');
    }
    int dd = (part[1][0] - '0') * 10 + (part[1][1] - '0');
    int mm = (part[1][2] - '0') * 10 + (part[1][3] - '0');
    if (dd < 1 || dd > 31 || mm < 1 || mm > 12 || seq < 1)
        return -1;
    snprintf(out, APP_SHORT_NO_SIZE, "%.8s-%.4s-%03d", part[0], part[1], seq % 10000);
    return 0;
}
