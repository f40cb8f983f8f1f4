/* log.c: log lines with priorities (see log.h). */
#include "kiosk/base/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

int log_to_journal(void)
{
    const char *js = getenv("JOURNAL_STREAM");
    unsigned long long dev, ino;
    struct stat st;
    if (!js || sscanf(js, "%llu:%llu", &dev, &ino) != 2 || fstat(STDERR_FILENO, &st) != 0)
        return 0;
    return (unsigned long long)st.st_dev == dev && (unsigned long long)st.st_ino == ino;
}

void log_line(int prio, const char *fmt, ...)
{
    char line[1024];
    int n = 0;
    if (log_to_journal())
        n = snprintf(line, sizeof(line), "<%d>", prio & 7);
    n += snprintf(line + n, sizeof(line) - (size_t)n, "kiosk: ");
    va_list ap;
    va_start(ap, fmt);
    int m = vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
    va_end(ap);
    size_t len = m < 0 ? (size_t)n : (size_t)n + (size_t)m;
    if (len > sizeof(line) - 2)
        len = sizeof(line) - 2;
    line[len++] = '\n';
    /* one write: lines of different threads never interleave */
    ssize_t w = write(STDERR_FILENO, line, len);
    (void)w;
}
