/* messages.c: looks (domain, code) up in the table of the language asked (see messages.h). */
#include "kiosk/messages/messages.h"

#include <stdio.h>
#include <string.h>

#include "kiosk/messages/catalogue.h"
#include "kiosk/model/application.h"

/* status_label() reads the screens' status labels, in the order of enum app_status. */
_Static_assert(UI_S_STATUS_REDO - UI_S_STATUS_DRAFT == APP_REDO - APP_DRAFT &&
                   APP_REDO + 1 == APP_STATUS_COUNT,
               "the status labels follow enum app_status");

static const struct catalogue_row *find(enum msg_domain d, int code, enum msg_lang lang,
                                        const struct catalogue_domain **dom)
{
    *dom = NULL;
    if ((unsigned)d >= MSGD_COUNT || d == MSGD_NONE)
        return NULL;
    *dom = lang == LANG_EN ? &catalogue_en[d] : &catalogue_vi[d];
    const struct catalogue_row *rows = (*dom)->rows;
    size_t n = (*dom)->n;
    if (n == 0)
        return NULL;
    /* Tables written in their list's order find a code at its offset from the first: the
     * screens look labels up every frame. Any other order still works, by the scan. */
    size_t at = (size_t)((long)code - (long)rows[0].code);
    if (at < n && rows[at].code == code)
        return rows[at].text ? &rows[at] : NULL;
    for (size_t i = 0; i < n; i++)
        if (rows[i].code == code && rows[i].text)
            return &rows[i];
    return NULL;
}

const char *messages_text(enum msg_domain d, int code, enum msg_lang lang)
{
    const struct catalogue_domain *dom;
    const struct catalogue_row *r = find(d, code, lang, &dom);
    if (r)
        return r->text;
    return dom && dom->fallback ? dom->fallback : "";
}

const char *msg_text(enum msg_id id, enum msg_lang lang)
{
    return messages_text(MSGD_CORE, (int)id, lang);
}

int messages_has_text(enum msg_domain d, int code, enum msg_lang lang)
{
    const struct catalogue_domain *dom;
    const struct catalogue_row *r = find(d, code, lang, &dom);
    return r && r->text && r->text[0];
}

const char *messages_domain_key(enum msg_domain d)
{
#define DOMAIN_KEY(dom, key, codes)                                                                \
    if (d == dom)                                                                                  \
        return key;
    MESSAGE_DOMAINS(DOMAIN_KEY)
#undef DOMAIN_KEY
    return "?";
}

const char *messages_verify_reason(const char *key, enum msg_lang lang)
{
    return messages_text(MSGD_VERIFY_REASON, key ? emrtd_verify_reason_code(key) : -1, lang);
}

const char *messages_disagreement(const struct card_disagreement *d, enum msg_lang lang, char *buf,
                                  size_t size)
{
    const char *format = messages_text(MSGD_FORMAT, MSG_FORMAT_DISAGREEMENT, lang);
    snprintf(buf, size, format, messages_text(MSGD_CARD_FIELD, (int)d->field, lang),
             messages_text(MSGD_CARD_SOURCE, (int)d->a, lang),
             messages_text(MSGD_CARD_SOURCE, (int)d->b, lang));
    return buf;
}

const char *messages_portrait_hint(const struct portrait_report *r, enum msg_lang lang)
{
    for (int i = 0; i < r->n && i < PC_COUNT; i++)
        if (!r->checks[i].pass)
            return messages_text(MSGD_PORTRAIT, i, lang);
    return NULL;
}

struct reason_text reason_lookup(const char *code, const char *upstream_text, enum msg_lang lang)
{
    enum reason r = reason_parse(code);
    struct reason_text t = {messages_text(MSGD_REASON, (int)r, lang),
                            messages_text(MSGD_REASON_NEXT, (int)r, lang), reason_redo(r)};
    if (r == REASON_GENERAL && upstream_text && upstream_text[0])
        t.what = upstream_text;
    return t;
}

const char *status_label(int status, enum msg_lang lang)
{
    if (status < 0 || status >= APP_STATUS_COUNT)
        return "";
    return messages_text(MSGD_UI, UI_S_STATUS_DRAFT + status, lang);
}

const char *pol_reason_text(const char *code, enum msg_lang lang)
{
    enum approval_reason r = approval_reason_parse(code);
    if (r == APPROVAL_NONE)
        return code ? code : "";
    return messages_text(MSGD_APPROVAL_REASON, (int)r, lang);
}

void messages_conversions(const char *s, char *out, size_t size)
{
    size_t n = 0;
    if (size)
        out[0] = 0;
    for (; s && *s; s++) {
        if (*s != '%')
            continue;
        if (s[1] == '%') {
            s++;
            continue;
        }
        const char *start = s++;
        while (*s && strchr("#0- +'.123456789*hlLqjzt", *s))
            s++;
        if (!*s)
            break;
        size_t len = (size_t)(s - start) + 1;
        if (n + len + 1 > size)
            break;
        memcpy(out + n, start, len);
        n += len;
        out[n] = 0;
    }
}

const char *messages_vformat(char *buf, size_t size, enum msg_domain d, int code,
                             enum msg_lang lang, const char *proto, va_list ap)
{
    if (!buf || size == 0)
        return buf;
    const char *text = messages_text(d, code, lang);
    char want[64], have[64];
    messages_conversions(proto, want, sizeof want);
    messages_conversions(text, have, sizeof have);
    if (strcmp(want, have) == 0) {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
        vsnprintf(buf, size, text, ap);
#pragma GCC diagnostic pop
        return buf;
    }
    int n = snprintf(buf, size, "%s.%d: ", messages_domain_key(d), code);
    if (n >= 0 && (size_t)n < size)
        vsnprintf(buf + n, size - (size_t)n, proto, ap);
    return buf;
}

const char *messages_format(char *buf, size_t size, enum msg_domain d, int code, enum msg_lang lang,
                            const char *proto, ...)
{
    va_list ap;
    va_start(ap, proto);
    messages_vformat(buf, size, d, code, lang, proto, ap);
    va_end(ap);
    return buf;
}

const char *messages_site_kind(const char *kind, enum msg_lang lang)
{
    for (int i = 0; kind && app_site_kinds[i]; i++)
        if (strcmp(kind, app_site_kinds[i]) == 0)
            return messages_text(MSGD_SITE_KIND, i, lang);
    return "";
}
