/* bench_bundle.c: hand-over by USB stick (kiosk/field/bundle.h) of BENCH_BUNDLE_N (default
 * 1,000) applications of ~150 KB: the export to the stick, then the import by another kiosk
 * of the station to the reference upstream on loopback (mutual TLS, verification of the
 * whole bundle included). Targets: <= 10 s each. The floor in the same run: the stick's own
 * write speed, the same number of bytes written with plain write() and one fsync() into the
 * same directory. The stick is BENCH_STICK_DIR (a mounted USB stick), else a folder on the
 * disk the test directory is on. */
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench/bench_sync_common.h"
#include "kiosk/field/bundle.h"

/* Writes bytes with write() in 1 MiB blocks and one fsync(); ms, or -1. */
static long long plain_write_ms(const char *dir, long long bytes)
{
    char path[600];
    snprintf(path, sizeof path, "%s/floor.bin", dir);
    static unsigned char block[1 << 20];
    memset(block, 0x5a, sizeof block);
    int64_t t0 = time_mono_ms();
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        return -1;
    for (long long left = bytes; left > 0;) {
        size_t n = left < (long long)sizeof block ? (size_t)left : sizeof block;
        ssize_t w = write(fd, block, n);
        if (w <= 0) {
            close(fd);
            return -1;
        }
        left -= w;
    }
    if (fsync(fd) != 0) {
        close(fd);
        return -1;
    }
    close(fd);
    long long ms = time_mono_ms() - t0;
    unlink(path);
    return ms;
}

int main(void)
{
    int n = bench_sync_env("BENCH_BUNDLE_N", 1000);
    struct upstream_fixture f;
    struct store *st = NULL, *sb = NULL;
    struct seal_keys kb;
    int rc = 1;
    char stick[400], keydir[CONFIG_PATH_SIZE + 8], err[600];
    if (upstream_fixture_setup(&f, NULL) != 0)
        return 1;
    const char *env = getenv("BENCH_STICK_DIR");
    snprintf(stick, sizeof stick, "%s", env && *env ? env : f.dir);
    strncat(stick, "/bench-usb", sizeof stick - strlen(stick) - 1);
    mkdir(stick, 0700);
    if (store_open(f.cfg.data_dir, &f.keys, &st) != 0 || bench_sync_queue(st, n) != 0)
        goto out;

    static struct bundle_export_result ex;
    int64_t t0 = time_mono_ms();
    if (bundle_export(st, &f.cfg, stick, NULL, time_now_ms(), &ex, err, sizeof err) != 0) {
        fprintf(stderr, "bench_bundle: export: %s\n", err);
        goto out;
    }
    long long export_ms = time_mono_ms() - t0;
    long long floor_ms = plain_write_ms(stick, ex.bytes);

    /* the station kiosk: same certificate (the upstream keys uploads by station), its own store */
    struct config cb = f.cfg;
    snprintf(cb.data_dir, sizeof cb.data_dir, "%s/data-station", f.dir);
    mkdir(cb.data_dir, 0700);
    snprintf(keydir, sizeof keydir, "%s/keys", cb.data_dir);
    if (seal_keys_load(keydir, cb.upstream_seal_key, &kb) != 0 ||
        store_open(cb.data_dir, &kb, &sb) != 0)
        goto out;
    static struct report_keyring kr;
    memset(&kr, 0, sizeof kr);
    report_keyring_add(&kr, f.keys.sign_pk, f.cfg.station_code, f.cfg.kiosk_id);
    struct sync_opts o;
    sync_opts_default(&o);
    struct bundle_import_result res;
    t0 = time_mono_ms();
    int irc = bundle_import(sb, &cb, &o, ex.dir, &kr, &res, err, sizeof err);
    long long import_ms = time_mono_ms() - t0;
    if (irc != 0 || upstream_count(f.up) != n) {
        fprintf(stderr, "bench_bundle: import: %s (%ld held)\n", err, upstream_count(f.up));
        goto out;
    }
    double mb = (double)ex.bytes / 1e6;
    printf("# %d applications, %.1f MB bundle, stick %s\n", n, mb, stick);
    printf("# stick floor: plain write+fsync of the same bytes %lld ms (%.1f MB/s); export "
           "%.2fx the floor\n",
           floor_ms, floor_ms > 0 ? mb * 1000.0 / (double)floor_ms : 0.0,
           floor_ms > 0 ? (double)export_ms / (double)floor_ms : 0.0);
    printf("bench: bundle_stick_floor_%d %.2f s target <= 10 %s\n", n, floor_ms / 1000.0,
           floor_ms >= 0 && floor_ms <= 10000 ? "MET" : "MISSED");
    printf("bench: bundle_export_%d %.2f s target <= 10 %s\n", n, export_ms / 1000.0,
           export_ms <= 10000 ? "MET" : "MISSED");
    printf("bench: bundle_import_%d %.2f s target <= 10 %s\n", n, import_ms / 1000.0,
           import_ms <= 10000 ? "MET" : "MISSED");
    rc = 0;
out:
    if (sb)
        store_close(sb);
    if (st)
        store_close(st);
    upstream_fixture_teardown(&f);
    return rc;
}
