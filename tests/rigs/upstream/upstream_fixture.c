/* upstream_fixture.c: temporary kiosk + PKI + reference upstream (see upstream_fixture.h). */
#include "tests/rigs/upstream/upstream_fixture.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kiosk/model/timefmt.h"
#include "tests/test.h"

static int start(struct upstream_fixture *f, const struct upstream_opts *opts)
{
    char err[256];
    if (opts)
        f->opts = *opts;
    f->opts.pki_dir = f->pki;
    f->opts.db_path = f->db;
    f->opts.seal_sk = f->sk;
    if (upstream_start(&f->opts, &f->up, err, sizeof err) != 0) {
        fprintf(stderr, "fixture: upstream: %s\n", err);
        return -1;
    }
    upstream_url(f->up, f->cfg.upstream_url, sizeof f->cfg.upstream_url);
    return 0;
}

int upstream_fixture_setup(struct upstream_fixture *f, const struct upstream_opts *opts)
{
    memset(f, 0, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/sync-test-XXXXXX");
    if (!mkdtemp(f->dir)) {
        perror("fixture: mkdtemp");
        return -1;
    }
    snprintf(f->pki, sizeof f->pki, "%s/pki", f->dir);
    snprintf(f->db, sizeof f->db, "%s/upstream.db", f->dir);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "sh tests/rigs/upstream/mkcerts.sh '%s' kiosk-001", f->pki);
    if (system(cmd) != 0) {
        fprintf(stderr, "fixture: mkcerts.sh failed (run from the repository root)\n");
        return -1;
    }
    if (seal_init() != 0)
        return -1;
    unsigned char pk0[32];
    crypto_box_keypair(pk0, f->sk);
    if (start(f, opts) != 0)
        return -1;
    struct config *c = &f->cfg;
    config_defaults(c);
    upstream_url(f->up, c->upstream_url, sizeof c->upstream_url);
    snprintf(c->station_code, sizeof c->station_code, "CAX-TEST-01");
    snprintf(c->kiosk_id, sizeof c->kiosk_id, "kiosk-001");
    snprintf(c->data_dir, sizeof c->data_dir, "%s/data", f->dir);
    snprintf(c->upstream_ca, sizeof c->upstream_ca, "%s/ca.pem", f->pki);
    snprintf(c->client_cert, sizeof c->client_cert, "%s/client.pem", f->pki);
    snprintf(c->client_key, sizeof c->client_key, "%s/client.key", f->pki);
    snprintf(c->upstream_seal_key, sizeof c->upstream_seal_key, "%s/upstream.pub", f->dir);
    c->sync_interval_seconds = 1;
    c->sync_backoff_max_seconds = 1;
    c->retention_days = 30;
    unsigned char pk[32];
    char hex[65];
    upstream_public_key(f->up, pk);
    sodium_bin2hex(hex, sizeof hex, pk, sizeof pk);
    FILE *fp = fopen(c->upstream_seal_key, "w");
    if (!fp || fprintf(fp, "%s\n", hex) < 0 || fclose(fp) != 0) {
        fprintf(stderr, "fixture: cannot write the sealing key\n");
        return -1;
    }
    mkdir(c->data_dir, 0700);
    char keydir[CONFIG_PATH_SIZE + 8];
    snprintf(keydir, sizeof keydir, "%s/keys", c->data_dir);
    int rc = seal_keys_load(keydir, c->upstream_seal_key, &f->keys);
    if (rc != 0 || !f->keys.have_upstream_pk) {
        fprintf(stderr, "fixture: keys: %s\n", seal_strerror(rc));
        return -1;
    }
    return 0;
}

int upstream_fixture_restart(struct upstream_fixture *f, const struct upstream_opts *opts)
{
    upstream_stop(f->up);
    f->up = NULL;
    return start(f, opts);
}

void upstream_fixture_teardown(struct upstream_fixture *f)
{
    upstream_stop(f->up);
    f->up = NULL;
    seal_keys_wipe(&f->keys);
    sodium_memzero(f->sk, sizeof f->sk);
    if (f->dir[0] && strncmp(f->dir, "/tmp/sync-test-", 15) == 0) {
        if (test_rmtree(f->dir) != 0)
            fprintf(stderr, "fixture: could not remove %s\n", f->dir);
    }
}

int upstream_fixture_app(struct application *app, int i, size_t image_bytes, int64_t now_ms)
{
    app_init(app);
    app_new_id(app->id, now_ms);
    snprintf(app->station, sizeof app->station, "CAX-TEST-01");
    snprintf(app->officer, sizeof app->officer, "officer-1");
    app->created_at = now_ms;
    struct app_identity *id = &app->identity;
    /* invented: 001 (Hà Nội) + sex/century digit + year + serial */
    snprintf(id->personal_id, sizeof id->personal_id, "0010900%05u", (unsigned)i % 100000u);
    snprintf(id->full_name, sizeof id->full_name, "Nguyễn Văn Thử %d", i);
    snprintf(id->dob, sizeof id->dob, "1990-01-01");
    id->sex = 'M';
    snprintf(id->nationality, sizeof id->nationality, "Việt Nam");
    snprintf(id->residence, sizeof id->residence, "Phường Thử, Hà Nội");
    id->source = ID_SOURCE_CHIP_VERIFIED;
    id->verdict = CHIP_GENUINE;
    snprintf(app->phone, sizeof app->phone, "0987%06u", (unsigned)i % 1000000u);
    app->consent_at = now_ms;
    snprintf(app->consent_officer, sizeof app->consent_officer, "officer-1");
    unsigned char *img = malloc(image_bytes ? image_bytes : 1);
    if (!img)
        return -1;
    unsigned char seed[randombytes_SEEDBYTES] = {0};
    memcpy(seed, &i, sizeof i);
    randombytes_buf_deterministic(img, image_bytes, seed);
    int rc = app_blob_set(&app->portrait, img, image_bytes);
    free(img);
    if (rc != 0 || app_str_set(&app->portrait_quality_json, "{\"sharpness\":0.9}") != 0)
        return -1;
    enum finger pos[2] = {FINGER_R_INDEX, FINGER_L_INDEX};
    for (int k = 0; k < 2; k++) {
        struct app_finger *fg = &app->fingers[k];
        unsigned char px[64];
        memset(px, 0x80 + k, sizeof px);
        fg->position = pos[k];
        fg->exception = FINGER_CAPTURED;
        fg->width = 8;
        fg->height = 8;
        fg->ppi = 500;
        fg->attempts = 1;
        if (app_blob_set(&fg->image, px, sizeof px) != 0 ||
            app_str_set(&fg->quality_json, "{\"minutiae\":40}") != 0)
            return -1;
    }
    app->n_fingers = 2;
    app->status = APP_DRAFT;
    return 0;
}

int upstream_fixture_queue(struct store *st, int i, size_t image_bytes)
{
    struct application app;
    int64_t now = time_now_ms();
    if (upstream_fixture_app(&app, i, image_bytes, now) != 0)
        return -1;
    int rc = store_queue(st, &app, now);
    app_wipe(&app);
    return rc;
}

void upstream_fixture_sibling(const char *argv0, const char *name, char *out, size_t size)
{
    const char *slash = strrchr(argv0, '/');
    if (!slash)
        snprintf(out, size, "./%s", name);
    else
        snprintf(out, size, "%.*s/%s", (int)(slash - argv0), argv0, name);
}

int upstream_fixture_write_config(const struct upstream_fixture *f, const char *path)
{
    const struct config *c = &f->cfg;
    FILE *fp = fopen(path, "w");
    if (!fp)
        return -1;
    fprintf(fp,
            "[station]\ncode = %s\nkiosk_id = %s\n\n[storage]\ndata_dir = %s\n"
            "retention_days = %d\n\n[upstream]\nurl = %s\nca = %s\nclient_cert = %s\n"
            "client_key = %s\nseal_key = %s\nsync_interval_seconds = %d\n"
            "backoff_max_seconds = %d\n",
            c->station_code, c->kiosk_id, c->data_dir, c->retention_days, c->upstream_url,
            c->upstream_ca, c->client_cert, c->client_key, c->upstream_seal_key,
            c->sync_interval_seconds, c->sync_backoff_max_seconds);
    return fclose(fp) == 0 ? 0 : -1;
}
