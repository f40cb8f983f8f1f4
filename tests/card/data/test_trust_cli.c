/* test_trust_cli.c: `kiosk trust import-masterlist | list` through cli_trust(), with the exit
 * codes of every command (0 done, 1 failed, 2 usage). */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "drivers/card/emrtd_pa.h"
#include "kiosk/cli/commands.h"
#include "tests/rigs/cardf.h"
#include "tests/test.h"

static char tmp[64];

static int run(int argc, const char *const *argv, const struct config *cfg)
{
    static struct cli_ctx c;
    memset(&c, 0, sizeof(c));
    if (cfg)
        c.cfg = *cfg;
    fflush(stdout);
    return cli_trust(&c, argc, (char **)argv);
}

TEST(import_and_list)
{
    struct cardf_pki a, b;
    struct cardf_buf ml;
    struct config cfg;
    char dir[128], file[128];
    CHECK_INT(cardf_pki_new(&a, "CSCA CLI A", 1, -10, 100), 0);
    CHECK_INT(cardf_pki_new(&b, "CSCA CLI B", 1, -10, 100), 0);
    X509 *certs[2] = {a.csca, b.csca};
    CHECK_INT(cardf_master_list(a.ds, a.ds_key, certs, 2, &ml), 0);
    CHECK_INT(cardf_write_file(tmp, "ml.der", ml.p, ml.len), 0);
    snprintf(dir, sizeof dir, "%s/trust", tmp);
    snprintf(file, sizeof file, "%s/ml.der", tmp);
    config_defaults(&cfg);
    snprintf(cfg.trust_dir, sizeof cfg.trust_dir, "%s", dir);
    const char *imp[] = {"trust", "import-masterlist", file};
    CHECK_INT(run(3, imp, &cfg), 0);
    struct emrtd_trust t;
    CHECK_INT(emrtd_trust_load(dir, &t, NULL), PA_OK);
    CHECK_INT(t.n_certs, 2);
    emrtd_trust_free(&t);
    const char *ls[] = {"trust", "list", "--trust-dir", dir};
    CHECK_INT(run(4, ls, NULL), 0);
    ml.p[ml.len / 2] ^= 0xFF;
    CHECK_INT(cardf_write_file(tmp, "bad.der", ml.p, ml.len), 0);
    snprintf(file, sizeof file, "%s/bad.der", tmp);
    const char *bad[] = {"trust", "import-masterlist", file};
    CHECK_INT(run(3, bad, &cfg), 1);
    const char *u1[] = {"trust"};
    CHECK_INT(run(1, u1, &cfg), 2);
    const char *u2[] = {"trust", "frobnicate"};
    CHECK_INT(run(2, u2, &cfg), 2);
    cardf_buf_free(&ml);
    cardf_pki_free(&a);
    cardf_pki_free(&b);
}

int main(void)
{
    snprintf(tmp, sizeof tmp, "/tmp/test_trust_cli.XXXXXX");
    if (!mkdtemp(tmp))
        return 1;
    RUN(import_and_list);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    if (system(cmd) != 0)
        return 1;
    return test_done();
}
