/* test.c: the harness behind test.h (counts cases, picks single cases, temporary folders). */
#include "tests/test.h"

#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <unistd.h>

int test_case_failed_;
int test_passed_;
int test_failed_;
static const char *current_;
static char only_[128]; /* -k NAME / TEST_ONLY: run only the cases whose name contains it */
static char tmpdir_[PATH_MAX];
static char suitedir_[PATH_MAX];

/* Reads -k NAME from the program's own command line, so no test's main() has to pass argv
 * along. */
__attribute__((constructor)) static void test_pick_cases(void)
{
    const char *env = getenv("TEST_ONLY");
    if (env)
        snprintf(only_, sizeof(only_), "%s", env);
    int fd = open("/proc/self/cmdline", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    char buf[4096];
    ssize_t n = read(fd, buf, sizeof(buf) - 1);
    close(fd);
    if (n <= 0)
        return;
    buf[n] = '\0';
    for (char *a = buf; a < buf + n; a += strlen(a) + 1) {
        if (strcmp(a, "-k") == 0 && a + strlen(a) + 1 < buf + n) {
            snprintf(only_, sizeof(only_), "%s", a + strlen(a) + 1);
            return;
        }
    }
}

void test_fail_(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    test_case_failed_ = 1;
    printf("FAIL - %s: %s:%d: ", current_ ? current_ : "?", file, line);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    fflush(stdout);
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    return (flag == FTW_DP ? rmdir(path) : unlink(path)) == 0 ? 0 : -1;
}

int test_rmtree(const char *path)
{
    return nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS) == 0 ? 0 : -1;
}

static void tmpdir_teardown(void)
{
    if (tmpdir_[0]) {
        if (test_rmtree(tmpdir_) != 0)
            printf("# could not remove %s\n", tmpdir_);
        tmpdir_[0] = '\0';
    }
}

const char *test_tmpdir(void)
{
    if (tmpdir_[0])
        return tmpdir_;
    static int registered;
    if (!registered) {
        atexit(tmpdir_teardown);
        registered = 1;
    }
    const char *base = getenv("TMPDIR");
    snprintf(tmpdir_, sizeof(tmpdir_), "%s/kiosk-test-XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(tmpdir_)) {
        tmpdir_[0] = '\0';
        return NULL;
    }
    return tmpdir_;
}

static void suitedir_teardown(void)
{
    if (suitedir_[0] && test_rmtree(suitedir_) != 0)
        printf("# could not remove %s\n", suitedir_);
    suitedir_[0] = '\0';
}

const char *test_suite_tmpdir(void)
{
    if (suitedir_[0])
        return suitedir_;
    const char *base = getenv("TMPDIR");
    snprintf(suitedir_, sizeof(suitedir_), "%s/kiosk-suite-XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(suitedir_)) {
        suitedir_[0] = '\0';
        return NULL;
    }
    atexit(suitedir_teardown);
    return suitedir_;
}

/* 1 when path lies inside one of the harness's own directories (the only ones it removes). */
static int harness_owns(const char *path)
{
    const char *roots[] = {tmpdir_, suitedir_};
    for (size_t i = 0; i < 2; i++) {
        size_t n = strlen(roots[i]);
        if (n && strncmp(path, roots[i], n) == 0 && path[n] == '/')
            return 1;
    }
    return 0;
}

int test_fresh_dir(char *dir, size_t size)
{
    if (dir[0] && harness_owns(dir) && access(dir, F_OK) == 0 && test_rmtree(dir) != 0)
        return -1;
    dir[0] = '\0';
    const char *base = current_ ? test_tmpdir() : test_suite_tmpdir();
    if (!base || (size_t)snprintf(dir, size, "%s/d-XXXXXX", base) >= size || !mkdtemp(dir)) {
        dir[0] = '\0';
        return -1;
    }
    return 0;
}

const char *test_tmpfile(const char *name, const char *data, long len)
{
    static char path[PATH_MAX + 256];
    const char *dir = test_tmpdir();
    if (!dir)
        return NULL;
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        return NULL;
    size_t n = len < 0 ? strlen(data) : (size_t)len;
    int ok = fwrite(data, 1, n, f) == n;
    if (fclose(f) != 0 || !ok)
        return NULL;
    return path;
}

void test_run_(const char *name, void (*fn)(void))
{
    if (only_[0] && !strstr(name, only_))
        return;
    current_ = name;
    test_case_failed_ = 0;
    fn();
    tmpdir_teardown();
    if (test_case_failed_) {
        test_failed_++;
    } else {
        test_passed_++;
        printf("ok - %s\n", name);
    }
    fflush(stdout);
    current_ = NULL;
}

int test_done(void)
{
    printf("# passed %d failed %d\n", test_passed_, test_failed_);
    return test_failed_ ? 1 : 0;
}
