/* test_trust_cli.c: `kiosk trust import-masterlist | list` through cli_trust(): an
 * import needs a supervisor's PIN, a list whose signer chains to [card] masterlist_root, and
 * writes its audit row; a list signed by anyone else imports nothing. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "drivers/card/emrtd_pa.h"
#include "kiosk/cli/commands.h"
#include "kiosk/model/timefmt.h"
#include "tests/rigs/card/cardf.h"
#include "tests/test.h"

static char tmp[64];

static int run(struct cli_ctx *c, int argc, const char *const *argv)
{
    fflush(stdout);
    return cli_trust(c, argc, (char **)argv);
}

static long audit_rows(struct cli_ctx *c, const char *detail_like)
{
    sqlite3 *db;
    sqlite3_stmt *s;
    char path[160];
    long n = -1;
    snprintf(path, sizeof path, "%s/data/kiosk.db", tmp);
    if (sqlite3_open(path, &db) != SQLITE_OK)
        return -1;
    if (sqlite3_prepare_v2(db,
                           "SELECT count(*) FROM audit WHERE action = 'trust.import_masterlist' "
                           "AND actor = 'sv01' AND detail LIKE ?",
                           -1, &s, NULL) == SQLITE_OK) {
        sqlite3_bind_text(s, 1, detail_like, -1, SQLITE_STATIC);
        if (sqlite3_step(s) == SQLITE_ROW)
            n = sqlite3_column_int64(s, 0);
        sqlite3_finalize(s);
    }
    sqlite3_close(db);
    (void)c;
    return n;
}

TEST(import_and_list)
{
    struct cardf_pki a, b;
    struct cardf_buf ml, self;
    struct cli_ctx c;
    char dir[128], file[128], root[128], pin[128], wrong[128], selff[128];
    CHECK_INT(cardf_pki_new(&a, "CSCA CLI A", 1, -10, 100), 0);
    CHECK_INT(cardf_pki_new(&b, "CSCA CLI B", 1, -10, 100), 0);
    X509 *certs[2] = {a.csca, b.csca};
    CHECK_INT(cardf_master_list(a.ds, a.ds_key, certs, 2, &ml), 0);
    CHECK_INT(cardf_write_file(tmp, "ml.der", ml.p, ml.len), 0);
    CHECK_INT(cardf_master_list(b.csca, b.csca_key, certs, 2, &self), 0);
    CHECK_INT(cardf_write_file(tmp, "self.der", self.p, self.len), 0);
    snprintf(dir, sizeof dir, "%s/trust", tmp);
    snprintf(file, sizeof file, "%s/ml.der", tmp);
    snprintf(selff, sizeof selff, "%s/self.der", tmp);
    snprintf(root, sizeof root, "%s/ml-root.pem", tmp);
    CHECK_INT(cardf_write_pem_cert(root, a.csca), 0);
    CHECK_INT(cardf_write_file(tmp, "sv.pin", "730195\n", 7), 0);
    CHECK_INT(cardf_write_file(tmp, "wrong.pin", "000000\n", 7), 0);
    snprintf(pin, sizeof pin, "%s/sv.pin", tmp);
    snprintf(wrong, sizeof wrong, "%s/wrong.pin", tmp);

    memset(&c, 0, sizeof c);
    config_defaults(&c.cfg);
    snprintf(c.cfg.trust_dir, sizeof c.cfg.trust_dir, "%s", dir);
    snprintf(c.cfg.masterlist_root, sizeof c.cfg.masterlist_root, "%s", root);
    snprintf(c.cfg.data_dir, sizeof c.cfg.data_dir, "%s/data", tmp);
    c.lang = LANG_EN;
    CHECK_INT(cli_open_store(&c), 0);
    CHECK_INT(store_officer_init(c.st, "sv01", "Vũ Thị Lan", "730195", time_now_ms()), 0);

    /* without a supervisor, or with a wrong PIN: nothing */
    const char *nosup[] = {"trust", "import-masterlist", file};
    CHECK_INT(run(&c, 3, nosup), 1);
    const char *bad_pin[] = {"trust", "import-masterlist", file, "--supervisor",
                             "sv01",  "--pin-file",        wrong};
    CHECK_INT(run(&c, 7, bad_pin), 1);
    struct emrtd_trust t;
    CHECK_INT(emrtd_trust_load(dir, &t, NULL), PA_OK);
    CHECK_INT(t.n_certs, 0);
    emrtd_trust_free(&t);
    /* a list its maker signed itself: refused, audited as refused */
    const char *selfsigned[] = {"trust", "import-masterlist", selff, "--supervisor",
                                "sv01",  "--pin-file",        pin};
    CHECK_INT(run(&c, 7, selfsigned), 1);
    CHECK_INT(audit_rows(&c, "refused%"), 1);
    CHECK_INT(emrtd_trust_load(dir, &t, NULL), PA_OK);
    CHECK_INT(t.n_certs, 0);
    emrtd_trust_free(&t);
    /* the real one */
    const char *imp[] = {"trust", "import-masterlist", file, "--supervisor",
                         "sv01",  "--pin-file",        pin};
    CHECK_INT(run(&c, 7, imp), 0);
    CHECK_INT(audit_rows(&c, "ok certs=2 sha256=%"), 1);
    CHECK_INT(emrtd_trust_load(dir, &t, NULL), PA_OK);
    CHECK_INT(t.n_certs, 2);
    emrtd_trust_free(&t);
    const char *ls[] = {"trust", "list", "--trust-dir", dir};
    CHECK_INT(run(&c, 4, ls), 0);
    ml.p[ml.len / 2] ^= 0xFF;
    CHECK_INT(cardf_write_file(tmp, "bad.der", ml.p, ml.len), 0);
    snprintf(file, sizeof file, "%s/bad.der", tmp);
    const char *bad[] = {"trust", "import-masterlist", file, "--supervisor",
                         "sv01",  "--pin-file",        pin};
    CHECK_INT(run(&c, 7, bad), 1);
    const char *u1[] = {"trust"};
    CHECK_INT(run(&c, 1, u1), 2);
    const char *u2[] = {"trust", "frobnicate"};
    CHECK_INT(run(&c, 2, u2), 2);
    cli_close(&c);
    cardf_buf_free(&ml);
    cardf_buf_free(&self);
    cardf_pki_free(&a);
    cardf_pki_free(&b);
}

int main(void)
{
    if (test_fresh_dir(tmp, sizeof tmp) != 0)
        return 1;
    RUN(import_and_list);
    return test_done();
}
