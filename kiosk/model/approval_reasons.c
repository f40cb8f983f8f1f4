/* approval_reasons.c: the keys of the approval reasons (approval_reasons.h). */
#include "kiosk/model/approval_reasons.h"

#include <strings.h>

#define APPROVAL_KEY(name, value) [value] = #name + sizeof "APPROVAL",
static const char *const keys[APPROVAL_REASON_COUNT] = {APPROVAL_REASON_CODES(APPROVAL_KEY)};
#undef APPROVAL_KEY

enum approval_reason approval_reason_parse(const char *key)
{
    for (int r = APPROVAL_NONE + 1; key && r < APPROVAL_REASON_COUNT; r++)
        if (strcasecmp(key, keys[r]) == 0)
            return (enum approval_reason)r;
    return APPROVAL_NONE;
}
