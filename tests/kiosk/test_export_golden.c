/* test_export_golden.c: the export of the fixed rows, byte for byte against
 * tests/kiosk/golden/export/{csv,json}/ (every file: list, summary, manifest, signature, key).
 *
 * KIOSK_UPDATE_GOLDEN=1 rewrites the golden files instead (then read the diff before
 * committing). KIOSK_SRCDIR points at the source tree when not run from its top. */
#include "tests/test.h"
#include "tests/kiosk/test_export_fixture.h"

static const char *golden_root(char buf[4096])
{
    const char *src = getenv("KIOSK_SRCDIR");
    snprintf(buf, 4096, "%s/tests/kiosk/golden/export", src && *src ? src : ".");
    return buf;
}

static int count_files(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    if (d == NULL)
        return -1;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.')
            n++;
    closedir(d);
    return n;
}

/* Exports the fixture in format to a fresh directory and compares every file with the golden
 * copy. Returns a message on mismatch, NULL when identical. */
static const char *export_and_compare(const char *format, char *msg, size_t msglen)
{
    struct store_row rows[FX_ROWS];
    struct seal_keys keys;
    struct fx_src src;
    char tmp[64], root[4096], gdir[4200], err[256], a[4200], b[4400];
    char list[EXPORT_NAME_SIZE], sum[EXPORT_NAME_SIZE];
    long n = 0;
    const char *res = NULL;
    int update = getenv("KIOSK_UPDATE_GOLDEN") && strcmp(getenv("KIOSK_UPDATE_GOLDEN"), "1") == 0;

    fx_rows(rows);
    fx_keys(&keys);
    src = (struct fx_src){rows, FX_ROWS, 0};
    if (fx_tmpdir(tmp) == NULL)
        return "mkdtemp failed";
    snprintf(gdir, sizeof gdir, "%s/%s", golden_root(root), format);
    int rc = export_write_dir(tmp, FX_DAY, format, FX_ACTOR, FX_NOW, &keys, fx_each, NULL, &src, &n,
                              err, sizeof err);
    if (rc != 0) {
        snprintf(msg, msglen, "export failed: %d %s", rc, err);
        res = msg;
        goto out;
    }
    if (n != FX_ROWS) {
        res = "wrong row count";
        goto out;
    }
    export_list_name(FX_DAY, strcmp(format, "json") == 0, list);
    export_summary_name(FX_DAY, sum);
    const char *names[] = {list, sum, EXPORT_MANIFEST, EXPORT_SIGNATURE, EXPORT_PUBKEY};
    if (count_files(tmp) != 5) {
        res = "the export holds other than 5 files";
        goto out;
    }
    if (update)
        mkdir(gdir, 0755);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        size_t la = 0, lb = 0;
        snprintf(a, sizeof a, "%s/%s", tmp, names[i]);
        snprintf(b, sizeof b, "%s/%s", gdir, names[i]);
        char *got = fx_read(a, &la);
        if (got && update)
            fx_write(b, got, la);
        char *want = fx_read(b, &lb);
        int same = got && want && la == lb && memcmp(got, want, la) == 0;
        free(got);
        free(want);
        if (!same) {
            snprintf(msg, msglen, "%s differs from %s", a, b);
            res = msg;
            goto out;
        }
    }
    if (count_files(gdir) != 5)
        res = "the golden directory holds other than 5 files";
out:
    fx_rmdir(tmp);
    return res;
}

TEST(golden_csv)
{
    char msg[9000];
    const char *r = export_and_compare("csv", msg, sizeof msg);
    CHECK_STR(r ? r : "identical", "identical");
}

TEST(golden_json)
{
    char msg[9000];
    const char *r = export_and_compare("json", msg, sizeof msg);
    CHECK_STR(r ? r : "identical", "identical");
}

/* The golden directories themselves verify (so do copies a supervisor receives). */
TEST(golden_dirs_verify)
{
    char root[4096], gdir[4200], err[256];
    struct export_info info;
    snprintf(gdir, sizeof gdir, "%s/csv", golden_root(root));
    CHECK_INT(export_verify_info(gdir, &info, err, sizeof err), 0);
    CHECK_STR(info.day, FX_DAY);
    CHECK_STR(info.format, "csv");
    CHECK_STR(info.actor, FX_ACTOR);
    CHECK_INT(info.files, 2);
    snprintf(gdir, sizeof gdir, "%s/json", golden_root(root));
    CHECK_INT(export_verify(gdir, err, sizeof err), 0);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    RUN(golden_csv);
    RUN(golden_json);
    RUN(golden_dirs_verify);
    return test_done();
}
