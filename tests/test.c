/* test.c: the harness behind test.h (counts cases, prints the closing line). */
#include "tests/test.h"

#include <stdarg.h>

int test_case_failed_;
int test_passed_;
int test_failed_;
static const char *current_;

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

void test_run_(const char *name, void (*fn)(void))
{
    current_ = name;
    test_case_failed_ = 0;
    fn();
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
