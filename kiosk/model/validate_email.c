/* validate_email.c: e-mail addresses, a practical subset of RFC 5322 addr-spec.
 *
 * Accepted: local "@" domain, where
 *   local  is a dot-atom (RFC 5322 §3.2.3: atext runs separated by single dots), ≤ 64 bytes
 *          (RFC 5321 §4.5.3.1.1); quoted strings and comments are refused;
 *   domain is ≥ 2 LDH labels (RFC 1035 §2.3.1: letters, digits, inner hyphens, 1-63 bytes),
 *          ≤ 253 bytes, with a top-level label that is not all digits; IP literals and
 *          non-ASCII (IDN, SMTPUTF8) are refused — an IDN domain must be typed in its
 *          xn-- form, since many SMS/e-mail gateways upstream do not speak SMTPUTF8;
 *   total  ≤ 254 bytes (RFC 3696 errata 1690).
 * The empty string is accepted: e-mail is optional. Nothing is trimmed or lower-cased: an
 * address with a space anywhere is refused, never silently fixed.
 * Guarantees: reads at most EMAIL_MAX + 1 bytes; no allocation; no state. */
#include "kiosk/model/validate.h"

#include <string.h>

#define EMAIL_MAX        254
#define EMAIL_LOCAL_MAX  64
#define EMAIL_DOMAIN_MAX 253
#define EMAIL_LABEL_MAX  63

static int is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* RFC 5322 §3.2.3 atext. */
static int is_atext(unsigned char c)
{
    return is_alpha(c) || is_digit(c) || (c != 0 && strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL);
}

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

static enum msg_id check_local(const char *s, size_t n)
{
    if (n == 0 || n > EMAIL_LOCAL_MAX)
        return MSG_EMAIL_LOCAL;
    if (s[0] == '.' || s[n - 1] == '.')
        return MSG_EMAIL_LOCAL;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '.') {
            if (s[i + 1] == '.')
                return MSG_EMAIL_LOCAL;
        } else if (!is_atext(c)) {
            return MSG_EMAIL_LOCAL;
        }
    }
    return MSG_NONE;
}

static enum msg_id check_domain(const char *s, size_t n)
{
    size_t label_start = 0, labels = 0;
    int all_digits = 1;

    if (n == 0 || n > EMAIL_DOMAIN_MAX)
        return MSG_EMAIL_DOMAIN;
    for (size_t i = 0; i <= n; i++) {
        unsigned char c = i < n ? (unsigned char)s[i] : '.';
        if (c == '.') {
            size_t len = i - label_start;
            if (len == 0 || len > EMAIL_LABEL_MAX)
                return MSG_EMAIL_DOMAIN;
            if (s[label_start] == '-' || s[i - 1] == '-')
                return MSG_EMAIL_DOMAIN;
            labels++;
            if (i == n && all_digits)
                return MSG_EMAIL_DOMAIN; /* numeric TLD: an IP address, not a domain */
            label_start = i + 1;
            all_digits = 1;
        } else if (is_alpha(c) || c == '-') {
            all_digits = 0;
        } else if (!is_digit(c)) {
            return MSG_EMAIL_DOMAIN;
        }
    }
    return labels >= 2 ? MSG_NONE : MSG_EMAIL_DOMAIN;
}

enum msg_id val_email(const char *in)
{
    size_t n, at = 0, ats = 0;
    enum msg_id m;

    if (in == NULL || in[0] == '\0')
        return MSG_NONE;
    n = strnlen(in, EMAIL_MAX + 1);
    for (size_t i = 0; i < n; i++)
        if (is_space((unsigned char)in[i]))
            return MSG_EMAIL_SPACE;
    if (n > EMAIL_MAX)
        return MSG_EMAIL_LENGTH;
    for (size_t i = 0; i < n; i++) {
        if (in[i] == '@') {
            ats++;
            at = i;
        }
    }
    if (ats != 1) {
        /* "a"@b or a\@b@c: a quoted or escaped local part, refused as such. */
        if (ats > 1 && (in[0] == '"' || strchr(in, '\\') != NULL))
            return MSG_EMAIL_LOCAL;
        return MSG_EMAIL_AT;
    }
    if ((m = check_local(in, at)) != MSG_NONE)
        return m;
    return check_domain(in + at + 1, n - at - 1);
}
