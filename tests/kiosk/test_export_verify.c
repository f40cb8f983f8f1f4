/* test_export_verify.c: export_verify() on good and damaged exports, and export_write_dir()'s
 * refusals (another day's export, bad arguments, a failing source). */
#include "tests/test.h"
#include "tests/kiosk/test_export_fixture.h"

struct fx_export {
    char dir[64];
    char list[EXPORT_NAME_SIZE];
    char sum[EXPORT_NAME_SIZE];
};

static int make_export(struct fx_export *x, const char *format)
{
    struct store_row rows[FX_ROWS];
    struct seal_keys keys;
    struct fx_src src;
    char err[256];
    fx_rows(rows);
    fx_keys(&keys);
    src = (struct fx_src){rows, FX_ROWS, 0};
    if (fx_tmpdir(x->dir) == NULL)
        return -1;
    export_list_name(FX_DAY, strcmp(format, "json") == 0, x->list);
    export_summary_name(FX_DAY, x->sum);
    return export_write_dir(x->dir, FX_DAY, format, FX_ACTOR, FX_NOW, &keys, fx_each, NULL, &src,
                            NULL, err, sizeof err);
}

static int count_is_empty(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    if (d == NULL)
        return 0;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            n++;
    closedir(d);
    return n == 0;
}

static void path_of(char out[4200], const struct fx_export *x, const char *name)
{
    snprintf(out, 4200, "%s/%s", x->dir, name);
}

/* Rewrites a file of the export with f applied to its bytes. */
static int edit_file(const struct fx_export *x, const char *name, void (*f)(char *, size_t *))
{
    char p[4200];
    size_t len;
    path_of(p, x, name);
    char *buf = fx_read(p, &len);
    if (buf == NULL)
        return -1;
    char *big = realloc(buf, len + 64);
    if (big == NULL) {
        free(buf);
        return -1;
    }
    f(big, &len);
    int rc = fx_write(p, big, len);
    free(big);
    return rc;
}

static void flip_last_digit(char *b, size_t *len)
{
    /* "0912345678" → "0912345679" somewhere in the middle of the list */
    char *p = strstr(b, "0912345678");
    if (p)
        p[9] = '9';
    (void)len;
}
static void truncate_one(char *b, size_t *len)
{
    (void)b;
    if (*len)
        (*len)--;
}
static void append_line(char *b, size_t *len)
{
    memcpy(b + *len, "x\r\n", 3);
    *len += 3;
}
static void change_day(char *b, size_t *len)
{
    char *p = strstr(b, "day 2026-11-20");
    if (p)
        p[13] = '1';
    (void)len;
}

TEST(fresh_export_verifies)
{
    struct fx_export x;
    struct export_info info;
    char err[256];
    CHECK_INT(make_export(&x, "csv"), 0);
    int rc = export_verify_info(x.dir, &info, err, sizeof err);
    fx_rmdir(x.dir);
    CHECK_INT(rc, 0);
    CHECK_STR(err, "");
    CHECK_STR(info.day, FX_DAY);
    CHECK_STR(info.format, "csv");
    CHECK_STR(info.actor, FX_ACTOR);
    CHECK_STR(info.created, "2026-11-26T01:30:00Z");
    CHECK_INT(info.files, 2);
    CHECK(strncmp(info.fingerprint, "SHA256:", 7) == 0 && strlen(info.fingerprint) == 71);
}

TEST(files_are_private)
{
    struct store_row rows[FX_ROWS];
    struct seal_keys keys;
    struct fx_src src;
    struct stat sl, sd;
    char base[64], dir[128], p[4200], err[256];
    fx_rows(rows);
    fx_keys(&keys);
    src = (struct fx_src){rows, FX_ROWS, 0};
    CHECK(fx_tmpdir(base) != NULL);
    snprintf(dir, sizeof dir, "%s/out", base);
    int rc = export_write_dir(dir, FX_DAY, "csv", FX_ACTOR, FX_NOW, &keys, fx_each, NULL, &src,
                              NULL, err, sizeof err);
    snprintf(p, sizeof p, "%s/danh-sach-%s.csv", dir, FX_DAY);
    int s1 = stat(p, &sl), s2 = stat(dir, &sd);
    fx_rmdir(dir);
    fx_rmdir(base);
    CHECK_INT(rc, 0);
    CHECK_INT(s1, 0);
    CHECK_INT(s2, 0);
    CHECK_INT(sl.st_mode & 077, 0);
    CHECK_INT(sd.st_mode & 077, 0);
}

TEST(tampered_list_detected)
{
    struct fx_export x;
    char err[256];
    CHECK_INT(make_export(&x, "csv"), 0);
    CHECK_INT(edit_file(&x, x.list, flip_last_digit), 0);
    int rc = export_verify(x.dir, err, sizeof err);
    fx_rmdir(x.dir);
    CHECK_INT(rc, EXPORT_ETAMPERED);
    CHECK(strstr(err, "danh-sach-2026-11-20.csv") != NULL);
    CHECK(strstr(err, "modified") != NULL);
}

TEST(truncated_or_extended_summary_detected)
{
    struct fx_export x;
    char err[256];
    CHECK_INT(make_export(&x, "json"), 0);
    CHECK_INT(edit_file(&x, x.sum, truncate_one), 0);
    int rc1 = export_verify(x.dir, err, sizeof err);
    fx_rmdir(x.dir);
    CHECK_INT(rc1, EXPORT_ETAMPERED);
    CHECK_INT(make_export(&x, "json"), 0);
    CHECK_INT(edit_file(&x, x.list, append_line), 0);
    int rc2 = export_verify(x.dir, err, sizeof err);
    fx_rmdir(x.dir);
    CHECK_INT(rc2, EXPORT_ETAMPERED);
}

TEST(missing_files_detected)
{
    struct fx_export x;
    char err[256], p[4200];
    const char *which[] = {NULL, NULL, EXPORT_MANIFEST, EXPORT_SIGNATURE, EXPORT_PUBKEY};
    for (int i = 0; i < 5; i++) {
        CHECK_INT(make_export(&x, "csv"), 0);
        path_of(p, &x, i == 0 ? x.list : i == 1 ? x.sum : which[i]);
        CHECK_INT(unlink(p), 0);
        int rc = export_verify(x.dir, err, sizeof err);
        fx_rmdir(x.dir);
        CHECK_INT(rc, EXPORT_EMISSING);
        CHECK(strstr(err, "missing") != NULL);
    }
}

TEST(edited_manifest_fails_signature)
{
    struct fx_export x;
    char err[256];
    CHECK_INT(make_export(&x, "csv"), 0);
    CHECK_INT(edit_file(&x, EXPORT_MANIFEST, change_day), 0);
    int rc = export_verify(x.dir, err, sizeof err);
    fx_rmdir(x.dir);
    CHECK_INT(rc, EXPORT_EBADSIG);
    CHECK(strstr(err, "signature") != NULL);
}

TEST(other_key_fails_signature)
{
    struct fx_export x;
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
    char hex[2 * crypto_sign_PUBLICKEYBYTES + 2], p[4200], err[256];
    CHECK_INT(make_export(&x, "csv"), 0);
    crypto_sign_keypair(pk, sk);
    sodium_bin2hex(hex, sizeof hex, pk, sizeof pk);
    strcat(hex, "\n");
    path_of(p, &x, EXPORT_PUBKEY);
    CHECK_INT(fx_write(p, hex, strlen(hex)), 0);
    int rc = export_verify(x.dir, err, sizeof err);
    /* A garbled key or signature file is a bad signature too. */
    CHECK_INT(fx_write(p, "zz\n", 3), 0);
    int rc2 = export_verify(x.dir, err, sizeof err);
    fx_rmdir(x.dir);
    CHECK_INT(rc, EXPORT_EBADSIG);
    CHECK_INT(rc2, EXPORT_EBADSIG);
}

/* A manifest re-signed by someone else's key with that key beside it: the signature holds but
 * the fingerprint written in the manifest gives it away unless edited too; then only the
 * fingerprint the supervisor compares does. Both cases are checked. */
TEST(resigned_manifest_changes_fingerprint)
{
    struct fx_export x;
    struct export_info good, bad;
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
    unsigned char sig[crypto_sign_BYTES];
    char hex[2 * crypto_sign_BYTES + 2], p[4200], err[256];
    size_t len;
    CHECK_INT(make_export(&x, "csv"), 0);
    CHECK_INT(export_verify_info(x.dir, &good, err, sizeof err), 0);
    crypto_sign_keypair(pk, sk);
    path_of(p, &x, EXPORT_MANIFEST);
    char *m = fx_read(p, &len);
    CHECK(m != NULL);
    crypto_sign_detached(sig, NULL, (unsigned char *)m, len, sk);
    sodium_bin2hex(hex, sizeof hex, sig, sizeof sig);
    strcat(hex, "\n");
    path_of(p, &x, EXPORT_SIGNATURE);
    fx_write(p, hex, strlen(hex));
    sodium_bin2hex(hex, sizeof hex, pk, sizeof pk);
    strcat(hex, "\n");
    path_of(p, &x, EXPORT_PUBKEY);
    fx_write(p, hex, strlen(hex));
    int rc1 = export_verify(x.dir, err, sizeof err);
    int fpr_err = strstr(err, "fingerprint") != NULL;

    /* Now also rewrite the fingerprint line. */
    unsigned char h[32];
    char fhex[65];
    crypto_hash_sha256(h, pk, sizeof pk);
    sodium_bin2hex(fhex, sizeof fhex, h, sizeof h);
    char *f = strstr(m, "fingerprint SHA256:");
    if (f)
        memcpy(f + 19, fhex, 64);
    path_of(p, &x, EXPORT_MANIFEST);
    fx_write(p, m, len);
    crypto_sign_detached(sig, NULL, (unsigned char *)m, len, sk);
    sodium_bin2hex(hex, sizeof hex, sig, sizeof sig);
    strcat(hex, "\n");
    path_of(p, &x, EXPORT_SIGNATURE);
    fx_write(p, hex, strlen(hex));
    free(m);
    int rc2 = export_verify_info(x.dir, &bad, err, sizeof err);
    fx_rmdir(x.dir);
    CHECK(f != NULL);
    CHECK_INT(rc1, EXPORT_EBADSIG);
    CHECK(fpr_err);
    CHECK_INT(rc2, 0);
    CHECK(strcmp(good.fingerprint, bad.fingerprint) != 0);
}

/* Manifests correctly signed but malformed: refused without touching files outside dir. */
static int verify_signed_manifest(const char *text)
{
    struct fx_export x;
    struct seal_keys keys;
    unsigned char sig[crypto_sign_BYTES];
    char hex[2 * crypto_sign_BYTES + 2], p[4200], err[256];
    fx_keys(&keys);
    if (make_export(&x, "csv") != 0)
        return 1;
    path_of(p, &x, EXPORT_MANIFEST);
    fx_write(p, text, strlen(text));
    crypto_sign_detached(sig, NULL, (const unsigned char *)text, strlen(text), keys.sign_sk);
    sodium_bin2hex(hex, sizeof hex, sig, sizeof sig);
    strcat(hex, "\n");
    path_of(p, &x, EXPORT_SIGNATURE);
    fx_write(p, hex, strlen(hex));
    int rc = export_verify(x.dir, err, sizeof err);
    fx_rmdir(x.dir);
    return rc;
}

#define FX_HDR                                                                                     \
    "kiosk-export 1\nday 2026-11-20\nformat csv\ncreated 2026-11-26T01:30:00Z\nactor gs.tran\n"    \
    "fingerprint SHA256:a18112b0b7b4225ff30527e0f7cf7a1e3742f632b03b65f4542703c3a5654dc9\n"
#define FX_H64 "0000000000000000000000000000000000000000000000000000000000000000"

TEST(malformed_signed_manifests_refused)
{
    CHECK_INT(verify_signed_manifest(""), EXPORT_EFORMAT);
    CHECK_INT(verify_signed_manifest("kiosk-export 2\n"), EXPORT_EFORMAT);
    CHECK_INT(verify_signed_manifest(FX_HDR), EXPORT_EFORMAT); /* no file */
    CHECK_INT(verify_signed_manifest(FX_HDR "file " FX_H64 " 10 ../../etc/passwd\n"),
              EXPORT_EFORMAT);
    CHECK_INT(verify_signed_manifest(FX_HDR "file " FX_H64 " 10 /etc/passwd\n"), EXPORT_EFORMAT);
    CHECK_INT(verify_signed_manifest(FX_HDR "file " FX_H64 " 10 .hidden\n"), EXPORT_EFORMAT);
    CHECK_INT(verify_signed_manifest(FX_HDR "file " FX_H64 " -1 manifest.sig\n"), EXPORT_EFORMAT);
    CHECK_INT(verify_signed_manifest(FX_HDR "file " FX_H64 " 99999999999999999999 a\n"),
              EXPORT_EFORMAT);
    CHECK_INT(verify_signed_manifest(FX_HDR "file " FX_H64 "  a\n"), EXPORT_EFORMAT);
    CHECK_INT(verify_signed_manifest(FX_HDR "file XYZ 1 a\n"), EXPORT_EFORMAT);
    CHECK_INT(verify_signed_manifest(FX_HDR "file " FX_H64 " 1 a"), EXPORT_EFORMAT); /* no LF */
    CHECK_INT(verify_signed_manifest(FX_HDR "bogus line\n"), EXPORT_EFORMAT);
    /* Well formed but the listed file's hash differs. */
    CHECK_INT(verify_signed_manifest(FX_HDR "file " FX_H64 " 65 sign.pub\n"), EXPORT_ETAMPERED);
    CHECK_INT(verify_signed_manifest(FX_HDR "file " FX_H64 " 1 nothere.csv\n"), EXPORT_EMISSING);
}

TEST(other_day_refused_same_day_replaced)
{
    struct fx_export x;
    struct store_row rows[FX_ROWS];
    struct seal_keys keys;
    struct fx_src src;
    char err[256], p[4200];
    struct stat sb;
    fx_rows(rows);
    fx_keys(&keys);
    src = (struct fx_src){rows, FX_ROWS, 0};
    CHECK_INT(make_export(&x, "csv"), 0);
    int other = export_write_dir(x.dir, "2026-11-21", "csv", FX_ACTOR, FX_NOW, &keys, fx_each, NULL,
                                 &src, NULL, err, sizeof err);
    int other_msg = strstr(err, "2026-11-20") != NULL;
    path_of(p, &x, "danh-sach-2026-11-21.csv");
    int other_absent = stat(p, &sb) != 0;
    int still = export_verify(x.dir, err, sizeof err);
    /* The same day again, now as JSON: replaces the CSV. */
    int again = export_write_dir(x.dir, FX_DAY, "json", FX_ACTOR, FX_NOW + 1000, &keys, fx_each,
                                 NULL, &src, NULL, err, sizeof err);
    path_of(p, &x, x.list);
    int csv_gone = stat(p, &sb) != 0;
    struct export_info info;
    int after = export_verify_info(x.dir, &info, err, sizeof err);
    fx_rmdir(x.dir);
    CHECK_INT(other, EXPORT_EEXISTS);
    CHECK(other_msg);
    CHECK(other_absent);
    CHECK_INT(still, 0);
    CHECK_INT(again, 0);
    CHECK(csv_gone);
    CHECK_INT(after, 0);
    CHECK_STR(info.format, "json");
}

TEST(bad_arguments_refused)
{
    struct store_row rows[FX_ROWS];
    struct seal_keys keys;
    struct fx_src src;
    char dir[64], err[256];
    fx_rows(rows);
    fx_keys(&keys);
    src = (struct fx_src){rows, FX_ROWS, 0};
    CHECK(fx_tmpdir(dir) != NULL);
    int r1 = export_write_dir(dir, "20/11/2026", "csv", FX_ACTOR, FX_NOW, &keys, fx_each, NULL,
                              &src, NULL, err, sizeof err);
    int r2 = export_write_dir(dir, FX_DAY, "xlsx", FX_ACTOR, FX_NOW, &keys, fx_each, NULL, &src,
                              NULL, err, sizeof err);
    int r3 = export_write_dir(dir, FX_DAY, "csv", "bad actor\n", FX_NOW, &keys, fx_each, NULL, &src,
                              NULL, err, sizeof err);
    int r4 = export_write_dir(dir, FX_DAY, "csv", "", FX_NOW, &keys, fx_each, NULL, &src, NULL, err,
                              sizeof err);
    int r5 = export_write_dir("", FX_DAY, "csv", FX_ACTOR, FX_NOW, &keys, fx_each, NULL, &src, NULL,
                              err, sizeof err);
    int r6 = export_write_dir("/nonexistent-dir-xyz/sub", FX_DAY, "csv", FX_ACTOR, FX_NOW, &keys,
                              fx_each, NULL, &src, NULL, err, sizeof err);
    int r7 = export_verify("", err, sizeof err);
    int empty = count_is_empty(dir);
    fx_rmdir(dir);
    CHECK_INT(r1, EXPORT_EINVAL);
    CHECK_INT(r2, EXPORT_EINVAL);
    CHECK_INT(r3, EXPORT_EINVAL);
    CHECK_INT(r4, EXPORT_EINVAL);
    CHECK_INT(r5, EXPORT_EINVAL);
    CHECK_INT(r6, EXPORT_EIO);
    CHECK_INT(r7, EXPORT_EINVAL);
    CHECK(empty);
}

TEST(failing_source_writes_no_manifest)
{
    struct store_row rows[FX_ROWS];
    struct seal_keys keys;
    struct fx_src src;
    char dir[64], err[256];
    fx_rows(rows);
    fx_keys(&keys);
    src = (struct fx_src){rows, FX_ROWS, 3};
    CHECK(fx_tmpdir(dir) != NULL);
    int rc = export_write_dir(dir, FX_DAY, "csv", FX_ACTOR, FX_NOW, &keys, fx_each, NULL, &src,
                              NULL, err, sizeof err);
    int empty = count_is_empty(dir);
    fx_rmdir(dir);
    CHECK_INT(rc, EXPORT_ESTORE);
    CHECK(empty); /* not even the temporary file is left */
}

TEST(failed_replacement_reads_incomplete_not_tampered)
{
    struct fx_export x;
    struct store_row rows[FX_ROWS];
    struct seal_keys keys;
    struct fx_src src;
    char err[256];
    fx_rows(rows);
    fx_keys(&keys);
    src = (struct fx_src){rows, FX_ROWS, 2};
    CHECK_INT(make_export(&x, "csv"), 0);
    int rc = export_write_dir(x.dir, FX_DAY, "csv", FX_ACTOR, FX_NOW, &keys, fx_each, NULL, &src,
                              NULL, err, sizeof err);
    int vr = export_verify(x.dir, err, sizeof err);
    int names_manifest = strstr(err, EXPORT_MANIFEST) != NULL;
    /* A later, complete export of the same day repairs it. */
    src.fail_after = 0;
    int again = export_write_dir(x.dir, FX_DAY, "csv", FX_ACTOR, FX_NOW, &keys, fx_each, NULL, &src,
                                 NULL, err, sizeof err);
    int vr2 = export_verify(x.dir, err, sizeof err);
    fx_rmdir(x.dir);
    CHECK_INT(rc, EXPORT_ESTORE);
    CHECK_INT(vr, EXPORT_EMISSING);
    CHECK(names_manifest);
    CHECK_INT(again, 0);
    CHECK_INT(vr2, 0);
}

TEST(empty_day_exports_and_verifies)
{
    struct seal_keys keys;
    struct fx_src src = {NULL, 0, 0};
    char dir[64], err[256], p[4200];
    long n = -1;
    size_t len;
    fx_keys(&keys);
    CHECK(fx_tmpdir(dir) != NULL);
    int rc = export_write_dir(dir, FX_DAY, "csv", FX_ACTOR, FX_NOW, &keys, fx_each, NULL, &src, &n,
                              err, sizeof err);
    int vr = export_verify(dir, err, sizeof err);
    snprintf(p, sizeof p, "%s/danh-sach-%s.csv", dir, FX_DAY);
    char *csv = fx_read(p, &len);
    int only_header = csv && len > 3 && strchr(csv, '\n') == csv + len - 1;
    free(csv);
    fx_rmdir(dir);
    CHECK_INT(rc, 0);
    CHECK_INT(n, 0);
    CHECK_INT(vr, 0);
    CHECK(only_header);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    RUN(fresh_export_verifies);
    RUN(files_are_private);
    RUN(tampered_list_detected);
    RUN(truncated_or_extended_summary_detected);
    RUN(missing_files_detected);
    RUN(edited_manifest_fails_signature);
    RUN(other_key_fails_signature);
    RUN(resigned_manifest_changes_fingerprint);
    RUN(malformed_signed_manifests_refused);
    RUN(other_day_refused_same_day_replaced);
    RUN(bad_arguments_refused);
    RUN(failing_source_writes_no_manifest);
    RUN(failed_replacement_reads_incomplete_not_tampered);
    RUN(empty_day_exports_and_verifies);
    return test_done();
}
