/* export_msg_text.c: the sentence of a refused or failed export or hand-over, taken from the
 * message catalogue (export.h: export_msg, export_msgf). */
#include <stdarg.h>

#include "kiosk/export/export.h"
#include "kiosk/messages/messages.h"

int export_msg(char *err, size_t errlen, int rc, enum msg_domain d, int code)
{
    if (err && errlen)
        snprintf(err, errlen, "%s", messages_text(d, code, LANG_VI));
    return rc;
}

int export_msgf(char *err, size_t errlen, int rc, enum msg_domain d, int code, const char *proto,
                ...)
{
    if (err && errlen) {
        va_list ap;
        va_start(ap, proto);
        messages_vformat(err, errlen, d, code, LANG_VI, proto, ap);
        va_end(ap);
    }
    return rc;
}
