/* mrz.c: TD1 parsing, check digits, BAC inputs and expiry candidates (see mrz.h).
 *
 * The TD1 layout (ICAO 9303-5 §4.2.2), positions 1-based within each 30-character line:
 *   line 1: 1-2 code, 3-5 issuer, 6-14 doc number, 15 cd, 16-30 optional data
 *           (CCCD: 16-27 the 12-digit ID, 28-29 "<<", 30 cd of the ID)
 *   line 2: 1-6 DOB, 7 cd, 8 sex, 9-14 DOE, 15 cd, 16-18 nationality, 19-29 optional, 30 composite
 *   line 3: SURNAME<<GIVEN<NAMES
 * The composite check digit covers line 1 6-30, line 2 1-7, 9-15 and 19-29. */
#include "drivers/card/mrz.h"

#include <stdio.h>
#include <string.h>

#define TD1_LINE 30

static int mrz_char_ok(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '<';
}

int mrz_check_digit(const char *s, size_t n)
{
    static const int w[3] = {7, 3, 1};
    int sum = 0;
    for (size_t i = 0; i < n; i++) {
        int v;
        char c = s[i];
        if (c >= '0' && c <= '9')
            v = c - '0';
        else if (c >= 'A' && c <= 'Z')
            v = c - 'A' + 10;
        else if (c == '<')
            v = 0;
        else
            return -1;
        sum += v * w[i % 3];
    }
    return sum % 10;
}

/* c must be the check digit of s[0..n-1]. */
static int check_cd(const char *s, size_t n, char c)
{
    int cd = mrz_check_digit(s, n);
    if (cd < 0)
        return 0;
    /* '<' as the check digit of an all-filler field means 0 (ICAO 9303-3 §4.9). */
    return c == '0' + cd || (cd == 0 && c == '<');
}

static int check_field(const char *s, size_t n)
{
    return check_cd(s, n, s[n]);
}

int mrz_date_valid(int y, int m, int d)
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1)
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int max = mdays[m - 1] + (m == 2 && leap);
    return d <= max;
}

static int digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

static int two(const char *s)
{
    return (s[0] - '0') * 10 + (s[1] - '0');
}

/* A YYMMDD field of a TD1: digits forming a date (year 2000+YY checked loosely with
 * both centuries: Feb 29 must exist in one of them), or unknown parts as "<<". */
static int yymmdd_ok(const char *s, int allow_open)
{
    if (allow_open && memcmp(s, "<<<<<<", 6) == 0)
        return 1;
    if (!digits(s, 2))
        return 0;
    if (memcmp(s + 2, "<<", 2) == 0 && memcmp(s + 4, "<<", 2) == 0)
        return 1;
    if (!digits(s + 2, 4))
        return memcmp(s + 4, "<<", 2) == 0 && digits(s + 2, 2) && two(s + 2) >= 1 &&
               two(s + 2) <= 12;
    int yy = two(s), m = two(s + 2), d = two(s + 4);
    return mrz_date_valid(1900 + yy, m, d) || mrz_date_valid(2000 + yy, m, d);
}

static void copy_name(char *dst, size_t cap, const char *src, size_t n)
{
    size_t o = 0;
    while (n > 0 && src[n - 1] == '<')
        n--;
    for (size_t i = 0; i < n && o + 1 < cap; i++)
        dst[o++] = src[i] == '<' ? ' ' : src[i];
    dst[o] = 0;
}

int mrz_td1_parse(const char *text, size_t len, struct mrz_td1 *out)
{
    char z[3 * TD1_LINE];
    size_t n = 0;
    int rc = MRZ_OK;
    memset(out, 0, sizeof *out);
    if (!text)
        return MRZ_E_ARG;
    /* Accept 90 characters, or three lines separated by '\n' / "\r\n" with an optional
     * final newline; anything else is not a TD1. */
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (c == '\r' || c == '\n') {
            if (n % TD1_LINE != 0 || n == 0)
                return MRZ_E_FORMAT;
            continue;
        }
        if (n >= sizeof z || !mrz_char_ok(c))
            return MRZ_E_FORMAT;
        z[n++] = c;
    }
    if (n != sizeof z)
        return MRZ_E_FORMAT;
    const char *l1 = z, *l2 = z + TD1_LINE, *l3 = z + 2 * TD1_LINE;
    if (l1[0] != 'I' && l1[0] != 'A' && l1[0] != 'C')
        return MRZ_E_FORMAT;
    if (l2[7] != 'M' && l2[7] != 'F' && l2[7] != '<')
        return MRZ_E_FORMAT;

    memcpy(out->doc_code, l1, 2);
    memcpy(out->issuer, l1 + 2, 3);
    memcpy(out->doc_number, l1 + 5, 9);
    memcpy(out->optional1, l1 + 15, 15);
    memcpy(out->dob, l2, 6);
    out->sex = l2[7];
    memcpy(out->doe, l2 + 8, 6);
    memcpy(out->nationality, l2 + 15, 3);
    memcpy(out->optional2, l2 + 18, 11);

    const char *sep = NULL;
    for (size_t i = 0; i + 1 < TD1_LINE; i++)
        if (l3[i] == '<' && l3[i + 1] == '<') {
            sep = l3 + i;
            break;
        }
    if (sep) {
        copy_name(out->surname, sizeof out->surname, l3, (size_t)(sep - l3));
        const char *g = sep + 2;
        copy_name(out->given_names, sizeof out->given_names, g, (size_t)(l3 + TD1_LINE - g));
    } else {
        copy_name(out->surname, sizeof out->surname, l3, TD1_LINE);
    }

    if (!yymmdd_ok(out->dob, 0) || !yymmdd_ok(out->doe, 1)) {
        rc = MRZ_E_DATE;
        goto out;
    }
    if (!check_field(l1 + 5, 9)) {
        rc = MRZ_E_CHECK_DOC;
        goto out;
    }
    if (!check_field(l2, 6)) {
        rc = MRZ_E_CHECK_DOB;
        goto out;
    }
    if (!check_field(l2 + 8, 6)) {
        rc = MRZ_E_CHECK_DOE;
        goto out;
    }
    /* CCCD: the 12-digit ID in 16-27 whose check digit is at 30; its last 9 digits are the
     * document number. */
    if (digits(l1 + 15, 12) && l1[27] == '<' && l1[28] == '<') {
        if (!check_cd(l1 + 15, 12, l1[29])) {
            rc = MRZ_E_CHECK_ID;
            goto out;
        }
        memcpy(out->personal_id, l1 + 15, 12);
    }
    char comp[25 + 7 + 7 + 11];
    memcpy(comp, l1 + 5, 25);
    memcpy(comp + 25, l2, 7);
    memcpy(comp + 32, l2 + 8, 7);
    memcpy(comp + 39, l2 + 18, 11);
    if (!check_cd(comp, sizeof comp, l2[29])) {
        rc = MRZ_E_CHECK_COMPOSITE;
        goto out;
    }
out:
    if (rc != MRZ_OK) {
        memset(out, 0, sizeof *out);
    }
    explicit_bzero(z, sizeof z);
    return rc;
}

int mrz_bac_info(const char *doc9, const char *dob, const char *doe, char out[25])
{
    memset(out, 0, 25);
    if (!doc9 || !dob || !doe || strlen(doc9) != 9 || strlen(dob) != 6 || strlen(doe) != 6)
        return MRZ_E_ARG;
    int a = mrz_check_digit(doc9, 9), b = mrz_check_digit(dob, 6), c = mrz_check_digit(doe, 6);
    if (a < 0 || b < 0 || c < 0)
        return MRZ_E_FORMAT;
    snprintf(out, 25, "%s%c%s%c%s%c", doc9, '0' + a, dob, '0' + b, doe, '0' + c);
    return MRZ_OK;
}

static int id12_ok(const char *id)
{
    return id && strlen(id) == 12 && digits(id, 12);
}

/* The last n digits of a 12-digit personal ID into out (n + 1 bytes, NUL-terminated). */
static int id_tail(const char *personal_id, char *out, size_t n)
{
    memset(out, 0, n + 1);
    if (!id12_ok(personal_id))
        return MRZ_E_FORMAT;
    memcpy(out, personal_id + 12 - n, n);
    return MRZ_OK;
}

int mrz_doc_number_from_id(const char *personal_id, char out[10])
{
    return id_tail(personal_id, out, 9);
}

int mrz_can_from_id(const char *personal_id, char out[7])
{
    return id_tail(personal_id, out, 6);
}

static int parse_iso(const char *s, int *y, int *m, int *d)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 4) || !digits(s + 5, 2) ||
        !digits(s + 8, 2))
        return MRZ_E_FORMAT;
    *y = two(s) * 100 + two(s + 2);
    *m = two(s + 5);
    *d = two(s + 8);
    return mrz_date_valid(*y, *m, *d) ? MRZ_OK : MRZ_E_DATE;
}

/* Compares dates as yyyymmdd integers. */
static long ymd(int y, int m, int d)
{
    return (long)y * 10000 + m * 100 + d;
}

/* The renewal ages of Law 26/2023 art. 21 §1; a card issued within RENEW_GRACE_YEARS before
 * one stays valid until the next (§2); issued at 58 or later, it never expires. */
static const int renew_ages[] = {14, 25, 40, 60};
#define RENEW_GRACE_YEARS 2

/* The age-th birthday; a 29 February birth falls on 28 February (or 1 March when mar1) in a
 * common year. */
static void birthday(int by, int bm, int bd, int age, int mar1, int *y, int *m, int *d)
{
    *y = by + age;
    *m = bm;
    *d = bd;
    if (bm == 2 && bd == 29 && !mrz_date_valid(*y, 2, 29)) {
        if (mar1) {
            *m = 3;
            *d = 1;
        } else {
            *d = 28;
        }
    }
}

/* The renewal age the card expires at, or 0 for no expiry. */
static int expiry_age(int by, int bm, int bd, int iy, int im, int id)
{
    for (size_t i = 0; i < sizeof renew_ages / sizeof renew_ages[0]; i++) {
        int y, m, d;
        birthday(by, bm, bd, renew_ages[i] - RENEW_GRACE_YEARS, 1, &y, &m, &d);
        if (ymd(iy, im, id) < ymd(y, m, d))
            return renew_ages[i];
    }
    return 0;
}

/* Fixed-width date writers (values already validated, so no truncation can occur). */
static void put2(char *o, int v)
{
    o[0] = (char)('0' + (v / 10) % 10);
    o[1] = (char)('0' + v % 10);
}

static void fmt_iso(char out[11], int y, int m, int d)
{
    put2(out, y / 100);
    put2(out + 2, y % 100);
    out[4] = '-';
    put2(out + 5, m);
    out[7] = '-';
    put2(out + 8, d);
    out[10] = 0;
}

static void fmt_yymmdd(char out[7], int y, int m, int d)
{
    put2(out, y % 100);
    put2(out + 2, m);
    put2(out + 4, d);
    out[6] = 0;
}

/* The birth date (by, bm, bd) and the age at which a card issued on issue_iso to someone
 * born on dob_iso expires (0: it does not). MRZ_OK, or why the dates cannot be used. */
static int issue_expiry_age(const char *dob_iso, const char *issue_iso, int *by, int *bm, int *bd,
                            int *age)
{
    int iy, im, id, rc;
    if ((rc = parse_iso(dob_iso, by, bm, bd)) != 0 ||
        (rc = parse_iso(issue_iso, &iy, &im, &id)) != 0)
        return rc;
    if (ymd(iy, im, id) < ymd(*by, *bm, *bd))
        return MRZ_E_DATE;
    *age = expiry_age(*by, *bm, *bd, iy, im, id);
    return MRZ_OK;
}

int mrz_expiry_from_issue(const char *dob_iso, const char *issue_iso, char out[11], int *no_expiry)
{
    int by, bm, bd, age, rc;
    memset(out, 0, 11);
    *no_expiry = 0;
    if ((rc = issue_expiry_age(dob_iso, issue_iso, &by, &bm, &bd, &age)) != MRZ_OK)
        return rc;
    if (age == 0) {
        *no_expiry = 1;
        return MRZ_OK;
    }
    int y, m, d;
    birthday(by, bm, bd, age, 0, &y, &m, &d);
    fmt_iso(out, y, m, d);
    return MRZ_OK;
}

int mrz_doe_candidates(const char *dob_iso, const char *issue_iso,
                       char out[MRZ_MAX_DOE_CANDIDATES][7])
{
    int by, bm, bd, age, rc, n = 0;
    memset(out, 0, MRZ_MAX_DOE_CANDIDATES * 7);
    if ((rc = issue_expiry_age(dob_iso, issue_iso, &by, &bm, &bd, &age)) != MRZ_OK)
        return rc;
    if (age) {
        for (int mar1 = 0; mar1 <= 1; mar1++) {
            int y, m, d;
            birthday(by, bm, bd, age, mar1, &y, &m, &d);
            if (mar1 && m == bm)
                break; /* not a 29 February case: one candidate */
            fmt_yymmdd(out[n++], y, m, d);
        }
    }
    memcpy(out[n++], "991231", 7);
    memcpy(out[n++], "<<<<<<", 7);
    return n;
}

int mrz_date_to_iso(const char *s, int max_year, char out[11])
{
    memset(out, 0, 11);
    if (!s || strlen(s) != 6 || !digits(s, 6))
        return MRZ_E_FORMAT;
    int yy = two(s), m = two(s + 2), d = two(s + 4);
    int y = (max_year / 100) * 100 + yy;
    if (y > max_year)
        y -= 100;
    if (!mrz_date_valid(y, m, d))
        return MRZ_E_DATE;
    fmt_iso(out, y, m, d);
    return MRZ_OK;
}

int mrz_date_from_iso(const char *iso, char out[7])
{
    int y, m, d;
    memset(out, 0, 7);
    int rc = parse_iso(iso, &y, &m, &d);
    if (rc)
        return rc;
    fmt_yymmdd(out, y, m, d);
    return MRZ_OK;
}

const char *mrz_strerror(int code)
{
    switch (code) {
    case MRZ_OK:
        return "ok";
    case MRZ_E_FORMAT:
        return "not a TD1 machine-readable zone";
    case MRZ_E_CHECK_DOC:
        return "MRZ document number check digit wrong";
    case MRZ_E_CHECK_DOB:
        return "MRZ date of birth check digit wrong";
    case MRZ_E_CHECK_DOE:
        return "MRZ date of expiry check digit wrong";
    case MRZ_E_CHECK_COMPOSITE:
        return "MRZ composite check digit wrong";
    case MRZ_E_CHECK_ID:
        return "MRZ personal ID check digit wrong";
    case MRZ_E_DATE:
        return "MRZ date does not exist";
    case MRZ_E_ARG:
        return "invalid MRZ argument";
    }
    return "unknown MRZ error";
}
