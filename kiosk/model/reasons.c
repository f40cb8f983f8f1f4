/* reasons.c: the upstream's rejection reason codes (reasons.h): parsing the protocol's code
 * and whether a reason asks for a new application. Their sentences are in the message
 * catalogue (kiosk/messages). */
#include "kiosk/model/reasons.h"

#include <string.h>
#include <strings.h>

/* The protocol's code is the code list's name without its "REASON_" prefix. */
#define REASON_NAME(name, value) [value] = #name + sizeof "REASON",
static const char *const names[REASON_COUNT] = {REASON_CODES(REASON_NAME)};
#undef REASON_NAME

enum reason reason_parse(const char *code)
{
    if (!code || !code[0])
        return REASON_GENERAL;
    for (int r = REASON_GENERAL + 1; r < REASON_COUNT; r++) {
        size_t n = strlen(names[r]);
        if (strncasecmp(code, names[r], n) == 0 && (code[n] == '\0' || code[n] == '.'))
            return (enum reason)r;
    }
    return REASON_GENERAL;
}

int reason_known(const char *code)
{
    return reason_parse(code) != REASON_GENERAL;
}

const char *reason_code(enum reason r)
{
    return (int)r > REASON_GENERAL && r < REASON_COUNT ? names[r] : "";
}

int reason_redo(enum reason r)
{
    switch (r) {
    case REASON_CARD_INVALID:
    case REASON_ACCOUNT_EXISTS:
    case REASON_PHONE_IN_USE:
    case REASON_UNDER_AGE:
        return 0; /* nothing to redo: the card, the account or the guardian is the way */
    default:
        return 1;
    }
}
