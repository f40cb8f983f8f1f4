/* export_csv.c: cell encoders for the export list: RFC 4180 CSV cells and JSON strings.
 *
 * CSV: a cell a spreadsheet would evaluate (first byte = + - @ TAB CR, OWASP "CSV injection")
 * gets a leading apostrophe so it stays text; a cell holding a comma, a quote, CR or LF is
 * quoted with inner quotes doubled. JSON: quote, backslash and control bytes escaped, every
 * other byte (UTF-8 included) written as is. Both write straight to the stream and return 0
 * or EXPORT_EIO. */
#include <string.h>

#include "kiosk/export/export.h"

static int csv_needs_guard(const char *s)
{
    return s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
}

int export_csv_cell(FILE *f, const char *s)
{
    if (s == NULL)
        s = "";
    int quote = strpbrk(s, ",\"\r\n") != NULL;
    if (quote && fputc('"', f) == EOF)
        return EXPORT_EIO;
    if (csv_needs_guard(s) && fputc('\'', f) == EOF)
        return EXPORT_EIO;
    for (const char *p = s; *p; p++) {
        if (*p == '"' && fputc('"', f) == EOF)
            return EXPORT_EIO;
        if (fputc((unsigned char)*p, f) == EOF)
            return EXPORT_EIO;
    }
    if (quote && fputc('"', f) == EOF)
        return EXPORT_EIO;
    return 0;
}

int export_json_string(FILE *f, const char *s)
{
    if (s == NULL)
        s = "";
    if (fputc('"', f) == EOF)
        return EXPORT_EIO;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        int r;
        switch (*p) {
        case '"':
            r = fputs("\\\"", f);
            break;
        case '\\':
            r = fputs("\\\\", f);
            break;
        case '\n':
            r = fputs("\\n", f);
            break;
        case '\r':
            r = fputs("\\r", f);
            break;
        case '\t':
            r = fputs("\\t", f);
            break;
        default:
            if (*p < 0x20 || *p == 0x7f)
                r = fprintf(f, "\\u%04x", *p);
            else
                r = fputc(*p, f);
            break;
        }
        if (r < 0)
            return EXPORT_EIO;
    }
    return fputc('"', f) == EOF ? EXPORT_EIO : 0;
}
