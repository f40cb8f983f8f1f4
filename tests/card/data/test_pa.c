/* test_pa.c: EF.SOD decoding, passive authentication and the verdict, on factory-built cards:
 * genuine, hash mismatch, bad signature, untrusted CSCA, expired DS, clone (AA failed), no
 * AA/CA, missing and truncated SOD, empty trust store, master-list import. */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "kiosk/messages/messages.h"
#include "drivers/card/emrtd_verify.h"
#include "drivers/card/tlv.h"
#include "tests/rigs/card/cardf.h"
#include "tests/test.h"

static char tmpdir[64];

struct card {
    struct cardf_buf dg1, dg2, dg13, dg15, sod;
    struct emrtd_pa_file files[4];
};

static struct cardf_pki pki, other, expired, foreign;
static struct emrtd_trust trust, empty;

static int make_card(struct card *c, const struct cardf_pki *signer)
{
    struct cardf_buf img;
    const struct cardf_buf *dgs[17] = {0};
    EVP_PKEY *aa = cardf_key_ec("P-256");
    memset(c, 0, sizeof *c);
    if (!aa || cardf_dg1(&cardf_people[1], &c->dg1) || cardf_dg13(&cardf_people[1], &c->dg13) ||
        cardf_portrait(120, 160, 80, 0, 1, &img) || cardf_dg2(&img, 0, 120, 160, &c->dg2) ||
        cardf_dg15(aa, &c->dg15))
        return -1;
    cardf_buf_free(&img);
    EVP_PKEY_free(aa);
    dgs[1] = &c->dg1;
    dgs[2] = &c->dg2;
    dgs[13] = &c->dg13;
    dgs[15] = &c->dg15;
    if (cardf_sod(signer, dgs, &c->sod))
        return -1;
    c->files[0] = (struct emrtd_pa_file){1, c->dg1.p, c->dg1.len};
    c->files[1] = (struct emrtd_pa_file){2, c->dg2.p, c->dg2.len};
    c->files[2] = (struct emrtd_pa_file){13, c->dg13.p, c->dg13.len};
    c->files[3] = (struct emrtd_pa_file){15, c->dg15.p, c->dg15.len};
    return 0;
}

static void free_card(struct card *c)
{
    cardf_buf_free(&c->dg1);
    cardf_buf_free(&c->dg2);
    cardf_buf_free(&c->dg13);
    cardf_buf_free(&c->dg15);
    cardf_buf_free(&c->sod);
}

static int has_reason(const struct emrtd_verdict *v, const char *key)
{
    for (int i = 0; i < v->n_reasons; i++)
        if (strcmp(v->reasons[i], key) == 0)
            return 1;
    return 0;
}

static enum chip_verdict run(const struct card *c, const struct emrtd_trust *t,
                             enum emrtd_auth_outcome aa, enum emrtd_auth_outcome ca,
                             struct emrtd_verdict *v)
{
    struct emrtd_verify_input in = {
        .files = c->files,
        .n_files = 4,
        .sod = c->sod.p,
        .sod_len = c->sod.len,
        .trust = t,
        .aa = aa,
        .ca = ca,
        .access = "PACE",
    };
    if (emrtd_verify(&in, v) != VERIFY_OK)
        return (enum chip_verdict) - 1;
    return v->verdict;
}

TEST(sod_parse)
{
    struct card c;
    struct emrtd_sod s;
    CHECK_INT(make_card(&c, &pki), 0);
    CHECK_INT(emrtd_sod_parse(c.sod.p, c.sod.len, &s), SOD_OK);
    CHECK_STR(s.hash_alg, "SHA256");
    CHECK_INT(s.listed, (1u << 1) | (1u << 2) | (1u << 13) | (1u << 15));
    CHECK(emrtd_sod_hash(&s, 13) != NULL);
    CHECK(emrtd_sod_hash(&s, 14) == NULL);
    emrtd_sod_free(&s);
    CHECK_INT(emrtd_sod_parse(c.sod.p, c.sod.len - 10, &s), SOD_E_TLV);
    /* the indefinite-length wrapper quirk: 77 80 <ContentInfo> 00 00 */
    size_t hl, vl;
    CHECK_INT(tlv_header(c.sod.p, c.sod.len, NULL, &hl, &vl), TLV_OK);
    struct cardf_buf ind = {0};
    const uint8_t h[2] = {0x77, 0x80}, eoc[2] = {0, 0};
    cardf_raw(&ind, h, 2);
    cardf_raw(&ind, c.sod.p + hl, vl);
    cardf_raw(&ind, eoc, 2);
    CHECK_INT(emrtd_sod_parse(ind.p, ind.len, &s), SOD_OK);
    CHECK_INT(s.listed, (1u << 1) | (1u << 2) | (1u << 13) | (1u << 15));
    emrtd_sod_free(&s);
    CHECK_INT(emrtd_sod_parse(ind.p, ind.len - 1, &s), SOD_E_TLV);
    ind.len -= 3; /* one content byte short before the EOC: the CMS does not fill it */
    cardf_raw(&ind, eoc, 2);
    CHECK_INT(emrtd_sod_parse(ind.p, ind.len, &s), SOD_E_CMS);
    cardf_buf_free(&ind);
    CHECK_INT(emrtd_sod_parse(c.dg1.p, c.dg1.len, &s), SOD_E_TLV);
    free_card(&c);
}

TEST(genuine)
{
    struct card c;
    struct emrtd_verdict v;
    CHECK_INT(make_card(&c, &pki), 0);
    CHECK_INT(run(&c, &trust, AUTH_OK, AUTH_NOT_SUPPORTED, &v), CHIP_GENUINE);
    CHECK_INT(v.n_reasons, 0);
    CHECK_INT(v.pa.chain, PA_CHAIN_OK);
    CHECK_INT(v.pa.dg[13], PA_DG_MATCH);
    json_t *j = json_loads(v.report_json, 0, NULL);
    CHECK(j != NULL);
    CHECK_STR(json_string_value(json_object_get(j, "verdict")), "genuine");
    CHECK_STR(
        json_string_value(json_object_get(json_object_get(json_object_get(j, "pa"), "dg"), "DG13")),
        "match");
    /* no personal data in the report */
    CHECK(strstr(v.report_json, cardf_people[1].id) == NULL);
    json_decref(j);
    emrtd_verdict_free(&v);
    free_card(&c);
}

TEST(hash_mismatch_is_forged)
{
    struct card c;
    struct emrtd_verdict v;
    CHECK_INT(make_card(&c, &pki), 0);
    c.dg13.p[c.dg13.len - 2] ^= 0x01; /* one bit of DG13 after signing */
    CHECK_INT(run(&c, &trust, AUTH_OK, AUTH_NOT_SUPPORTED, &v), CHIP_FORGED);
    CHECK(has_reason(&v, "dg_hash_mismatch"));
    CHECK_INT(v.pa.dg[13], PA_DG_MISMATCH);
    CHECK_INT(v.pa.dg[1], PA_DG_MATCH);
    emrtd_verdict_free(&v);
    free_card(&c);
}

TEST(bad_signature_is_forged)
{
    struct card c;
    struct emrtd_verdict v;
    CHECK_INT(make_card(&c, &pki), 0);
    c.sod.p[c.sod.len - 3] ^= 0x01; /* inside the signature value */
    CHECK_INT(run(&c, &trust, AUTH_OK, AUTH_NOT_SUPPORTED, &v), CHIP_FORGED);
    CHECK(has_reason(&v, "sod_signature") || has_reason(&v, "sod_malformed"));
    emrtd_verdict_free(&v);
    free_card(&c);
}

/* A signer that does not chain to the configured CSCA of its own state (C=VN) is forged; a
 * signer of a state none of whose CSCAs is configured (C=LA) is unverified. */
TEST(signer_outside_the_states_csca)
{
    struct card c;
    struct emrtd_verdict v;
    CHECK_INT(make_card(&c, &other), 0);
    CHECK_INT(run(&c, &trust, AUTH_OK, AUTH_NOT_SUPPORTED, &v), CHIP_FORGED);
    CHECK(has_reason(&v, "csca_untrusted"));
    CHECK(v.pa.signature_ok);
    CHECK(v.pa.hashes_ok);
    CHECK(v.pa.csca_for_state);
    CHECK_STR(v.pa.state, "VN");
    emrtd_verdict_free(&v);
    free_card(&c);
    CHECK_INT(make_card(&c, &foreign), 0);
    CHECK_INT(run(&c, &trust, AUTH_OK, AUTH_NOT_SUPPORTED, &v), CHIP_UNVERIFIED);
    CHECK(has_reason(&v, "no_csca_for_state"));
    CHECK(!v.pa.csca_for_state);
    CHECK_STR(v.pa.state, "LA");
    emrtd_verdict_free(&v);
    CHECK_INT(run(&c, &empty, AUTH_OK, AUTH_NOT_SUPPORTED, &v), CHIP_UNVERIFIED);
    CHECK(has_reason(&v, "no_trust_store"));
    emrtd_verdict_free(&v);
    free_card(&c);
}

TEST(expired_ds_is_unverified)
{
    struct card c;
    struct emrtd_verdict v;
    CHECK_INT(make_card(&c, &expired), 0);
    struct emrtd_trust t;
    char dir[128];
    snprintf(dir, sizeof dir, "%s/exp", tmpdir);
    CHECK_INT(mkdir(dir, 0700), 0);
    char path[256];
    snprintf(path, sizeof path, "%s/csca.pem", dir);
    CHECK_INT(cardf_write_pem_cert(path, expired.csca), 0);
    CHECK_INT(emrtd_trust_load(dir, &t, NULL), PA_OK);
    CHECK_INT(run(&c, &t, AUTH_OK, AUTH_NOT_SUPPORTED, &v), CHIP_UNVERIFIED);
    CHECK(has_reason(&v, "ds_expired"));
    CHECK_INT(v.pa.chain, PA_CHAIN_EXPIRED);
    emrtd_verdict_free(&v);
    emrtd_trust_free(&t);
    free_card(&c);
}

TEST(chip_authentication_outcomes)
{
    struct card c;
    struct emrtd_verdict v;
    CHECK_INT(make_card(&c, &pki), 0);
    CHECK_INT(run(&c, &trust, AUTH_FAILED, AUTH_NOT_SUPPORTED, &v), CHIP_FORGED);
    CHECK(has_reason(&v, "aa_failed"));
    emrtd_verdict_free(&v);
    CHECK_INT(run(&c, &trust, AUTH_OK, AUTH_FAILED, &v), CHIP_FORGED);
    CHECK(has_reason(&v, "ca_failed"));
    emrtd_verdict_free(&v);
    /* DG15 was read: the chip offers AA, so "no authentication at all" is not its story */
    CHECK_INT(run(&c, &trust, AUTH_NOT_SUPPORTED, AUTH_NOT_SUPPORTED, &v), CHIP_UNVERIFIED);
    CHECK(has_reason(&v, "chip_auth_not_done"));
    emrtd_verdict_free(&v);
    /* refusing what its own files offer is a clone's answer */
    CHECK_INT(run(&c, &trust, AUTH_REFUSED, AUTH_NOT_SUPPORTED, &v), CHIP_FORGED);
    CHECK(has_reason(&v, "aa_refused"));
    emrtd_verdict_free(&v);
    CHECK_INT(run(&c, &trust, AUTH_NOT_SUPPORTED, AUTH_REFUSED, &v), CHIP_FORGED);
    CHECK(has_reason(&v, "ca_refused"));
    emrtd_verdict_free(&v);
    CHECK_INT(run(&c, &trust, AUTH_NOT_DONE, AUTH_NOT_DONE, &v), CHIP_UNVERIFIED);
    CHECK(has_reason(&v, "aa_not_done")); /* DG15 was read: say AA is the missing step */
    emrtd_verdict_free(&v);
    CHECK_INT(run(&c, &trust, AUTH_NOT_DONE, AUTH_OK, &v), CHIP_GENUINE);
    emrtd_verdict_free(&v);
    free_card(&c);
}

TEST(missing_and_truncated_sod)
{
    struct card c;
    struct emrtd_verdict v;
    CHECK_INT(make_card(&c, &pki), 0);
    size_t len = c.sod.len;
    c.sod.len = 0; /* withheld by a chip that opened with PACE */
    CHECK_INT(run(&c, &trust, AUTH_OK, AUTH_NOT_SUPPORTED, &v), CHIP_FORGED);
    CHECK(has_reason(&v, "sod_missing"));
    emrtd_verdict_free(&v);
    c.sod.len = len / 2;
    CHECK_INT(run(&c, &trust, AUTH_OK, AUTH_NOT_SUPPORTED, &v), CHIP_FORGED);
    CHECK(has_reason(&v, "sod_malformed"));
    emrtd_verdict_free(&v);
    c.sod.len = len;
    free_card(&c);
}

TEST(file_not_in_sod_is_forged)
{
    struct card c;
    struct emrtd_verdict v;
    CHECK_INT(make_card(&c, &pki), 0);
    c.files[3].dg = 14; /* a DG14 the SOD never signed */
    CHECK_INT(run(&c, &trust, AUTH_OK, AUTH_NOT_SUPPORTED, &v), CHIP_FORGED);
    CHECK(has_reason(&v, "dg_not_in_sod"));
    emrtd_verdict_free(&v);
    free_card(&c);
}

TEST(master_list_import)
{
    char dir[128], ml[160], root[160], other_root[160];
    struct cardf_buf b, self;
    int n = 0;
    X509 *certs[2] = {pki.csca, other.csca};
    snprintf(dir, sizeof dir, "%s/ml", tmpdir);
    snprintf(ml, sizeof ml, "%s/list.ml", tmpdir);
    snprintf(root, sizeof root, "%s/ml-root.pem", tmpdir);
    snprintf(other_root, sizeof other_root, "%s/other-root.pem", tmpdir);
    CHECK_INT(cardf_write_pem_cert(root, pki.csca), 0);
    CHECK_INT(cardf_write_pem_cert(other_root, other.csca), 0);
    CHECK_INT(mkdir(dir, 0700), 0);
    CHECK_INT(cardf_master_list(pki.ds, pki.ds_key, certs, 2, &b), 0);
    CHECK_INT(cardf_write_file(tmpdir, "list.ml", b.p, b.len), 0);
    /* no root configured, or a signer under another root: refused, nothing written */
    CHECK_INT(emrtd_trust_import_master_list(ml, NULL, dir, &n), PA_E_ML_ROOT);
    CHECK_INT(emrtd_trust_import_master_list(ml, other_root, dir, &n), PA_E_ML_SIGNER);
    CHECK_INT(n, 0);
    /* a list its maker signed with a self-signed certificate of its own */
    CHECK_INT(cardf_master_list(other.csca, other.csca_key, certs, 2, &self), 0);
    CHECK_INT(cardf_write_file(tmpdir, "self.ml", self.p, self.len), 0);
    char self_ml[160];
    snprintf(self_ml, sizeof self_ml, "%s/self.ml", tmpdir);
    CHECK_INT(emrtd_trust_import_master_list(self_ml, root, dir, &n), PA_E_ML_SIGNER);
    cardf_buf_free(&self);
    CHECK_INT(emrtd_trust_import_master_list(ml, root, dir, &n), PA_OK);
    CHECK_INT(n, 2);
    struct emrtd_trust t;
    CHECK_INT(emrtd_trust_load(dir, &t, NULL), PA_OK);
    CHECK_INT(t.n_certs, 2);
    emrtd_trust_free(&t);
    b.p[b.len - 5] ^= 1; /* tampered list */
    CHECK_INT(cardf_write_file(tmpdir, "bad.ml", b.p, b.len), 0);
    snprintf(ml, sizeof ml, "%s/bad.ml", tmpdir);
    CHECK_INT(emrtd_trust_import_master_list(ml, root, dir, &n), PA_E_MASTER_LIST);
    CHECK_INT(emrtd_trust_import_master_list("/nonexistent/x.ml", root, dir, &n), PA_E_MASTER_LIST);
    cardf_buf_free(&b);
}

TEST(messages)
{
    CHECK(strstr(messages_verify_reason("aa_failed", LANG_VI), "chip") != NULL);
    CHECK(strstr(messages_verify_reason("aa_failed", LANG_EN), "clone") != NULL);
    CHECK(messages_text(MSGD_SOD, SOD_E_CMS, LANG_VI)[0] != 0);
    CHECK(messages_text(MSGD_PA, PA_E_WRITE, LANG_EN)[0] != 0);
}

int main(void)
{
    char path[128];
    if (test_fresh_dir(tmpdir, sizeof tmpdir) != 0 ||
        cardf_pki_new(&pki, "CSCA VN TEST", 1, -30, 3650) ||
        cardf_pki_new(&other, "CSCA OTHER", 1, -30, 3650) ||
        cardf_pki_new(&foreign, "CSCA LA TEST", 1, -30, 3650) ||
        cardf_pki_new(&expired, "CSCA OLD", 1, -400, -10))
        return 1;
    snprintf(path, sizeof path, "%s/csca.pem", tmpdir);
    if (cardf_write_pem_cert(path, pki.csca) || emrtd_trust_load(tmpdir, &trust, NULL) ||
        emrtd_trust_load("/nonexistent-trust", &empty, NULL))
        return 1;
    RUN(sod_parse);
    RUN(genuine);
    RUN(hash_mismatch_is_forged);
    RUN(bad_signature_is_forged);
    RUN(signer_outside_the_states_csca);
    RUN(expired_ds_is_unverified);
    RUN(chip_authentication_outcomes);
    RUN(missing_and_truncated_sod);
    RUN(file_not_in_sod_is_forged);
    RUN(master_list_import);
    RUN(messages);
    emrtd_trust_free(&trust);
    emrtd_trust_free(&empty);
    cardf_pki_free(&pki);
    cardf_pki_free(&other);
    cardf_pki_free(&foreign);
    cardf_pki_free(&expired);
    return test_done();
}
