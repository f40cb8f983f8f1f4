/* validate_phone.c: Vietnamese mobile numbers (số điện thoại di động chính chủ).
 *
 * Accepted forms: "0XXXXXXXXX", "+84XXXXXXXXX", "+84 (0)XXXXXXXXX", "84XXXXXXXXX", with
 * spaces, dots, dashes, slashes and parentheses anywhere between digits. The national number
 * (without 0 or +84) must be 9 digits whose first two are a network code in use today (since the
 * 2018 switch to 10 digits): Viettel 32-39, 86, 96-98; VinaPhone 81-85, 88, 91, 94; MobiFone 70,
 * 76-79, 89, 90, 93; Vietnamobile 52, 56, 58, 92; Gmobile 59, 99; virtual networks 55 (Reddi) and
 * 87 (Itelecom). Refused with their own message: 11-digit numbers 01X... retired in 2018, landlines
 * 02X... Guarantees: out is written ("" on refusal, the 10-digit form on success); at most
 * PHONE_MAX_INPUT bytes of input are read; no allocation; no state. */
#include "kiosk/model/validate.h"

#include <string.h>

#define PHONE_MAX_INPUT  64 /* longer than any honest spelling of a number */
#define PHONE_MAX_DIGITS 16
#define PHONE_NSN_LEN    9 /* national significant number of a mobile */

struct carrier_prefix {
    char prefix[3]; /* two digits after the leading 0 */
    const char *carrier;
};

static const struct carrier_prefix carrier_prefixes[] = {
    {"32", "Viettel"},      {"33", "Viettel"},      {"34", "Viettel"},      {"35", "Viettel"},
    {"36", "Viettel"},      {"37", "Viettel"},      {"38", "Viettel"},      {"39", "Viettel"},
    {"52", "Vietnamobile"}, {"55", "Reddi"},        {"56", "Vietnamobile"}, {"58", "Vietnamobile"},
    {"59", "Gmobile"},      {"70", "MobiFone"},     {"76", "MobiFone"},     {"77", "MobiFone"},
    {"78", "MobiFone"},     {"79", "MobiFone"},     {"81", "VinaPhone"},    {"82", "VinaPhone"},
    {"83", "VinaPhone"},    {"84", "VinaPhone"},    {"85", "VinaPhone"},    {"86", "Viettel"},
    {"87", "Itelecom"},     {"88", "VinaPhone"},    {"89", "MobiFone"},     {"90", "MobiFone"},
    {"91", "VinaPhone"},    {"92", "Vietnamobile"}, {"93", "MobiFone"},     {"94", "VinaPhone"},
    {"96", "Viettel"},      {"97", "Viettel"},      {"98", "Viettel"},      {"99", "Gmobile"},
};

static const char *carrier_of(const char *two)
{
    for (size_t i = 0; i < sizeof carrier_prefixes / sizeof carrier_prefixes[0]; i++)
        if (carrier_prefixes[i].prefix[0] == two[0] && carrier_prefixes[i].prefix[1] == two[1])
            return carrier_prefixes[i].carrier;
    return NULL;
}

/* What citizens write between digits: spaces, dots, dashes, slashes, and parentheses
 * around the network code or the trunk 0 ("(098) 765 4321", "+84 (0)98 765 4321"). */
static int is_separator(char c)
{
    return c == ' ' || c == '.' || c == '-' || c == '(' || c == ')' || c == '/' || c == '\t';
}

enum msg_id val_phone(const char *in, char out[11])
{
    char digits[PHONE_MAX_DIGITS + 1];
    size_t n = 0, len, i;
    int plus = 0;
    const char *nsn;
    size_t nsn_len;

    out[0] = '\0';
    if (in == NULL)
        return MSG_PHONE_EMPTY;
    len = strnlen(in, PHONE_MAX_INPUT + 1);
    if (len > PHONE_MAX_INPUT)
        return MSG_PHONE_LENGTH;
    i = 0;
    while (i < len && is_separator(in[i]))
        i++;
    if (i == len)
        return MSG_PHONE_EMPTY;
    if (in[i] == '+') {
        plus = 1;
        i++;
    }
    for (; i < len; i++) {
        char c = in[i];
        if (c >= '0' && c <= '9') {
            if (n == PHONE_MAX_DIGITS)
                return MSG_PHONE_LENGTH;
            digits[n++] = c;
        } else if (!is_separator(c)) {
            return MSG_PHONE_CHARS;
        }
    }
    digits[n] = '\0';
    if (n == 0)
        return MSG_PHONE_CHARS;

    if (plus) {
        /* An international number: only Vietnam's country code is a Vietnamese mobile. */
        if (n < 2 || digits[0] != '8' || digits[1] != '4')
            return MSG_PHONE_PREFIX;
        nsn = digits + 2;
        nsn_len = n - 2;
        if (nsn_len == PHONE_NSN_LEN + 1 && nsn[0] == '0') { /* "+84 (0)98…": the trunk 0 */
            nsn++;
            nsn_len--;
        }
    } else if (digits[0] == '0') {
        nsn = digits + 1;
        nsn_len = n - 1;
    } else if (n >= 11 && digits[0] == '8' && digits[1] == '4') {
        nsn = digits + 2;
        nsn_len = n - 2;
    } else {
        return MSG_PHONE_LENGTH;
    }

    if (nsn_len >= 1 && nsn[0] == '2')
        return MSG_PHONE_LANDLINE;
    if (nsn_len == PHONE_NSN_LEN + 1 && nsn[0] == '1')
        return MSG_PHONE_OLD_11_DIGITS;
    if (nsn_len != PHONE_NSN_LEN)
        return MSG_PHONE_LENGTH;
    if (carrier_of(nsn) == NULL)
        return MSG_PHONE_PREFIX;

    out[0] = '0';
    memcpy(out + 1, nsn, PHONE_NSN_LEN);
    out[10] = '\0';
    return MSG_NONE;
}

const char *val_phone_carrier(const char *normalised)
{
    if (normalised == NULL || strnlen(normalised, 11) != 10 || normalised[0] != '0')
        return NULL;
    for (int i = 1; i < 10; i++)
        if (normalised[i] < '0' || normalised[i] > '9')
            return NULL;
    return carrier_of(normalised + 1);
}
