/* test.h: the tiny test harness every test program uses.
 * A program defines cases with TEST(name), runs them with RUN(name) from main() and returns
 * test_done(). Each case prints "ok - name" or "FAIL - name: file:line: what"; the last line is
 * "# passed N failed M", which tests/run-tests adds up. A CHECK that fails ends its case.
 *
 * One case alone: `test_x -k NAME` (or TEST_ONLY=NAME) runs only the cases whose name
 * contains NAME; the others are neither run nor counted.
 * Temporary files: test_tmpdir() gives the running case its own fresh directory under
 * $TMPDIR (or /tmp), removed with everything in it when the case ends, passed or failed;
 * test_suite_tmpdir() one for what the cases of a program share (made in main), removed when
 * the program exits; test_fresh_dir() a new directory in one of them each time a fixture's
 * setup asks (the one it had is removed first). No test makes or deletes its own. */
#ifndef KIOSK_TEST_H
#define KIOSK_TEST_H

#include <stdio.h>
#include <string.h>

extern int test_case_failed_;
extern int test_passed_;
extern int test_failed_;

void test_fail_(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void test_run_(const char *name, void (*fn)(void));
int test_done(void);

/* The running case's private directory (made on first call, removed when the case ends);
 * NULL when it cannot be made. */
const char *test_tmpdir(void);
/* The program's shared directory (made on first call, removed at exit); NULL on failure. */
const char *test_suite_tmpdir(void);
/* Removes the directory dir names (when it is one test_fresh_dir made) and makes a new
 * empty one in test_tmpdir() (inside a case) or test_suite_tmpdir() (outside), its path
 * into dir. 0, or -1 with dir "". */
int test_fresh_dir(char *dir, size_t size);
/* Writes len bytes (or strlen(data) when len < 0) to name inside test_tmpdir(); returns the
 * file's path (static storage, valid until the next call) or NULL. */
const char *test_tmpfile(const char *name, const char *data, long len);
/* Removes path and everything under it without following symbolic links. 0 or -1. */
int test_rmtree(const char *path);

#define TEST(name) static void name(void)
#define RUN(name)  test_run_(#name, name)

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            test_fail_(__FILE__, __LINE__, "%s", #cond);                                           \
            return;                                                                                \
        }                                                                                          \
    } while (0)

#define CHECK_INT(a, b)                                                                            \
    do {                                                                                           \
        long long a_ = (long long)(a), b_ = (long long)(b);                                        \
        if (a_ != b_) {                                                                            \
            test_fail_(__FILE__, __LINE__, "%s == %lld, expected %s == %lld", #a, a_, #b, b_);     \
            return;                                                                                \
        }                                                                                          \
    } while (0)

#define CHECK_STR(a, b)                                                                            \
    do {                                                                                           \
        const char *a_ = (a), *b_ = (b);                                                           \
        if (a_ == NULL || b_ == NULL || strcmp(a_, b_) != 0) {                                     \
            test_fail_(__FILE__, __LINE__, "%s == \"%s\", expected \"%s\"", #a,                    \
                       a_ ? a_ : "(null)", b_ ? b_ : "(null)");                                    \
            return;                                                                                \
        }                                                                                          \
    } while (0)

#endif
