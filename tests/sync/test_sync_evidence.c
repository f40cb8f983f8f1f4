/* test_sync_evidence.c: the reference upstream re-verifies the chip evidence on its own
 * (sync/PROTOCOL.md §2.4) and refuses what the evidence does not support, through the normal
 * status channel, with the reason shown on the kiosk.
 *
 * The chip is read by the kiosk's own card_read() on the software chip (sim reader), bound
 * to the application's id, exactly as the device worker does; the application goes through
 * the store, the sync client and the upstream. Then:
 *  - a genuine read is accepted after re-verification (submitted, never rejected);
 *  - verdict "genuine" with a DG1 that EF.SOD does not sign: EVIDENCE_SOD_MISMATCH, pulled
 *    back, and `kiosk show` prints the officer's sentence and what to do next;
 *  - a genuine AA transcript taken from another application: EVIDENCE_AA; a signature with
 *    one bit flipped: EVIDENCE_AA;
 *  - a name edited after the read: EVIDENCE_IDENTITY; "genuine" without any evidence:
 *    EVIDENCE_MISSING; a chip signed under a CSCA the upstream does not trust:
 *    EVIDENCE_SIGNATURE; a "chip-verified" source with no verdict: EVIDENCE_VERDICT; a QR
 *    identity, which claims no chip, is accepted;
 *  - "unverified" is accepted without a trusted chain, never with data EF.SOD did not sign;
 *  - the evidence is never in the clear: not in the document the upstream received, not in
 *    the sealed bytes before it opens them, not in the envelope the kiosk keeps. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <sodium.h>

#include "drivers/card/card.h"
#include "kiosk/model/app_json.h"
#include "kiosk/messages/messages.h"
#include "kiosk/model/timefmt.h"
#include "kiosk/store/store.h"
#include "sync/sync.h"
#include "tests/rigs/card/cardf.h"
#include "tests/rigs/card/chipsim_profile.h"
#include "tests/rigs/upstream/upstream_evidence.h"
#include "tests/rigs/upstream/upstream_fixture.h"
#include "tests/test.h"

static struct upstream_fixture g_f;
static struct store *g_st;
static struct sync_opts g_o;
static char g_card[256], g_other[256]; /* a chip under the trusted CSCA, one under another */
static char g_tool[512], g_conf[300];

static int setup(const char *argv0)
{
    struct chipsim_profile_opts o;
    chipsim_profile_defaults(&o);
    if (chipsim_profile_tmpdir(g_card, sizeof g_card) || chipsim_profile_write(g_card, &o) ||
        chipsim_profile_tmpdir(g_other, sizeof g_other) || chipsim_profile_write(g_other, &o))
        return -1;
    char trust[300];
    chipsim_profile_trust(g_card, trust, sizeof trust);
    struct upstream_opts uo = {.csca = trust};
    if (upstream_fixture_setup(&g_f, &uo) != 0)
        return -1;
    if (store_open(g_f.cfg.data_dir, &g_f.keys, &g_st) != 0)
        return -1;
    sync_opts_default(&g_o);
    g_o.backoff_base_ms = 1;
    g_o.connect_timeout_ms = 2000;
    g_o.stall_seconds = 2;
    upstream_fixture_sibling(argv0, "sync_tool", g_tool, sizeof g_tool);
    snprintf(g_conf, sizeof g_conf, "%s/kiosk.conf", g_f.dir);
    return upstream_fixture_write_config(&g_f, g_conf);
}

/* A complete application whose identity, chip portrait and evidence come from reading the
 * chip in profile dir for the application's own id (bind_id: the id whose AA challenge the
 * chip signs; NULL = this application's). */
static int app_from_chip(struct application *a, int i, const char *dir, const char *bind_id)
{
    if (upstream_fixture_app(a, i, 4000, time_now_ms()) != 0)
        return -1;
    struct card_access acc;
    struct card_result res;
    char trust[300], dev[300];
    chipsim_profile_trust(dir, trust, sizeof trust);
    snprintf(dev, sizeof dev, "sim:%s", dir);
    struct card_options opts = {.device = dev, .trust_dir = trust, .timeout_ms = 2000};
    if (card_access_from_id(&acc, "001099012345", "", "") != 0)
        return -1;
    acc.bind_id = bind_id ? bind_id : a->id;
    if (card_read(&opts, &acc, &res, NULL, NULL, NULL) != 0)
        return -1;
    a->identity = res.identity;
    app_blob_wipe(&a->chip_face);
    a->chip_face = res.face;
    a->chip_evidence = res.evidence;
    memset(&res.face, 0, sizeof res.face);
    memset(&res.evidence, 0, sizeof res.evidence);
    card_result_wipe(&res);
    return a->identity.verdict == CHIP_GENUINE ? 0 : -1;
}

/* Queues a, runs one sync pass (delivery and status pull), and gives the application as
 * the kiosk now holds it. */
static int deliver(struct application *a, struct application *back)
{
    char id[APP_ID_SIZE];
    snprintf(id, sizeof id, "%s", a->id);
    int rc = store_queue(g_st, a, time_now_ms());
    app_wipe(a);
    if (rc)
        return -1;
    struct sync_status s;
    if (sync_once_opts(&g_f.cfg, &g_o, g_st, &s) != 0)
        return -1;
    return store_load(g_st, id, back);
}

/* `kiosk show ID` output. */
static int show(const char *id, char *out, size_t size)
{
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "'%s' '%s' show '%s'", g_tool, g_conf, id);
    FILE *p = popen(cmd, "r");
    if (!p)
        return -1;
    size_t n = fread(out, 1, size - 1, p);
    out[n] = '\0';
    int st = pclose(p);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static int contains(const void *hay, size_t n, const void *needle, size_t m)
{
    return m && memmem(hay, n, needle, m) != NULL;
}

TEST(genuine_read_is_accepted_after_reverification)
{
    struct application a, back;
    struct upstream_stats st0, st1;
    upstream_get_stats(g_f.up, &st0);
    CHECK_INT(app_from_chip(&a, 1, g_card, NULL), 0);
    CHECK(a.chip_evidence.sod.len > 0 && a.chip_evidence.dg15.len > 0);
    CHECK_STR(a.chip_evidence.aa, "ok");

    /* what the kiosk keeps in the clear-at-the-counter envelope carries none of it */
    char *env = app_envelope_to_json(&a), *pay = app_payload_to_json(&a);
    size_t b64n =
        sodium_base64_ENCODED_LEN(a.chip_evidence.sod.len, sodium_base64_VARIANT_ORIGINAL);
    char *sod64 = malloc(b64n);
    CHECK(env && pay && sod64);
    sodium_bin2base64(sod64, b64n, a.chip_evidence.sod.data, a.chip_evidence.sod.len,
                      sodium_base64_VARIANT_ORIGINAL);
    CHECK(strstr(env, "chip_evidence") == NULL && strstr(env, sod64) == NULL);
    CHECK(strstr(pay, sod64) != NULL); /* the sealed payload does carry it */
    unsigned char *sod = malloc(a.chip_evidence.sod.len), *dg1 = malloc(a.chip_evidence.dg1.len);
    size_t sod_len = a.chip_evidence.sod.len, dg1_len = a.chip_evidence.dg1.len;
    memcpy(sod, a.chip_evidence.sod.data, sod_len);
    memcpy(dg1, a.chip_evidence.dg1.data, dg1_len);
    char id[APP_ID_SIZE];
    snprintf(id, sizeof id, "%s", a.id);

    CHECK_INT(deliver(&a, &back), 0);
    CHECK(back.status == APP_SUBMITTED);
    CHECK_STR(back.reason_code, "");
    upstream_get_stats(g_f.up, &st1);
    CHECK(st1.evidence_checked == st0.evidence_checked + 1);
    CHECK(st1.evidence_rejected == st0.evidence_rejected);

    /* the bytes the upstream received before it decrypted anything */
    char *doc = NULL;
    unsigned char *sealed = NULL;
    size_t doc_len = 0, sealed_len = 0;
    CHECK_INT(upstream_received_bytes(g_f.up, id, &doc, &doc_len, &sealed, &sealed_len), 0);
    CHECK(doc_len > 100 && sealed_len > 1000);
    CHECK(strstr(doc, "\"identity\"") != NULL); /* it is the document */
    CHECK(!contains(doc, doc_len, "chip_evidence", 13));
    CHECK(!contains(doc, doc_len, sod64, strlen(sod64)));
    CHECK(!contains(doc, doc_len, sod, sod_len) && !contains(doc, doc_len, dg1 + 5, dg1_len - 5));
    CHECK(!contains(sealed, sealed_len, sod64, strlen(sod64)));
    CHECK(!contains(sealed, sealed_len, sod, sod_len));
    CHECK(!contains(sealed, sealed_len, dg1 + 5, dg1_len - 5)); /* the MRZ */
    free(doc);
    free(sealed);
    free(sod);
    free(dg1);
    free(sod64);
    free(env);
    free(pay);
    app_wipe(&back);
}

/* Delivers a, expects the upstream's rejection with code, and the officer's sentence on
 * `kiosk show`. */
static void expect_rejected(struct application *a, const char *code)
{
    struct application back;
    char id[APP_ID_SIZE], out[8192];
    snprintf(id, sizeof id, "%s", a->id);
    CHECK_INT(deliver(a, &back), 0);
    CHECK(back.status == APP_REJECTED);
    CHECK_STR(back.reason_code, code);
    CHECK(reason_known(back.reason_code));
    app_wipe(&back);
    CHECK_INT(show(id, out, sizeof out), 0);
    struct reason_text t = reason_lookup(code, NULL, LANG_VI);
    CHECK(strstr(out, "Hồ sơ không đạt") != NULL);
    CHECK(strstr(out, t.what) != NULL);
    CHECK(strstr(out, t.next) != NULL);
    CHECK(strstr(out, code) == NULL); /* the officer reads words, not the code */
}

TEST(doctored_dg1_is_refused_with_sod_mismatch)
{
    struct application a;
    CHECK_INT(app_from_chip(&a, 2, g_card, NULL), 0);
    /* verdict genuine, but DG1 is another citizen's: EF.SOD does not sign it */
    struct cardf_buf other = {0};
    CHECK_INT(cardf_dg1(&cardf_people[1], &other), 0);
    CHECK_INT(app_blob_set(&a.chip_evidence.dg1, other.p, other.len), 0);
    cardf_buf_free(&other);
    CHECK(a.identity.verdict == CHIP_GENUINE);
    expect_rejected(&a, "EVIDENCE_SOD_MISMATCH");
}

TEST(aa_transcript_of_another_application_is_refused)
{
    struct application a;
    /* the chip signed the challenge of another application: replayed here */
    CHECK_INT(app_from_chip(&a, 3, g_card, "0190d5c4-0000-7000-8000-00000000beef"), 0);
    CHECK_STR(a.chip_evidence.aa, "ok"); /* it was a good signature, for that one */
    expect_rejected(&a, "EVIDENCE_AA");

    CHECK_INT(app_from_chip(&a, 4, g_card, NULL), 0);
    a.chip_evidence.aa_signature.data[a.chip_evidence.aa_signature.len / 2] ^= 0x01;
    expect_rejected(&a, "EVIDENCE_AA");
}

TEST(other_unsupported_claims_are_refused)
{
    struct application a;
    CHECK_INT(app_from_chip(&a, 5, g_card, NULL), 0);
    snprintf(a.identity.full_name, sizeof a.identity.full_name, "%s", "Nguyễn Văn Khác");
    expect_rejected(&a, "EVIDENCE_IDENTITY");

    CHECK_INT(app_from_chip(&a, 6, g_card, NULL), 0);
    app_evidence_wipe(&a.chip_evidence); /* "genuine", nothing to show for it */
    expect_rejected(&a, "EVIDENCE_MISSING");

    CHECK_INT(app_from_chip(&a, 7, g_other, NULL), 0); /* genuine for its own trust store */
    expect_rejected(&a, "EVIDENCE_SIGNATURE");

    /* a source that says "chip verified" with a verdict that says nothing */
    CHECK_INT(app_from_chip(&a, 11, g_card, NULL), 0);
    a.identity.verdict = CHIP_VERDICT_NONE;
    expect_rejected(&a, "EVIDENCE_VERDICT");
}

/* The QR code or typed data claim nothing about a chip: nothing to re-verify, accepted (the
 * approvals they needed travel in the envelope). */
TEST(qr_identity_claims_no_chip)
{
    struct application a, back;
    CHECK_INT(upstream_fixture_app(&a, 12, 4000, time_now_ms()), 0);
    a.identity.source = ID_SOURCE_QR;
    a.identity.verdict = CHIP_VERDICT_NONE;
    CHECK_INT(deliver(&a, &back), 0);
    CHECK(back.status == APP_SUBMITTED);
    CHECK_STR(back.reason_code, "");
    app_wipe(&back);
}

/* "unverified" claims less: EF.SOD must verify with its own document signer and everything
 * else must hold, but the signer need not chain to a CSCA the upstream trusts (the kiosk had
 * none for that state either; the policy asked an approver). */
TEST(unverified_claim_needs_no_trusted_chain)
{
    struct application a, back;
    CHECK_INT(app_from_chip(&a, 8, g_other, NULL), 0);
    a.identity.verdict = CHIP_UNVERIFIED;
    a.identity.source = ID_SOURCE_CHIP_UNVERIFIED;
    CHECK_INT(deliver(&a, &back), 0);
    CHECK(back.status == APP_SUBMITTED);
    CHECK_STR(back.reason_code, "");
    app_wipe(&back);

    /* but its data must still be what EF.SOD signed */
    CHECK_INT(app_from_chip(&a, 9, g_other, NULL), 0);
    a.identity.verdict = CHIP_UNVERIFIED;
    a.identity.source = ID_SOURCE_CHIP_UNVERIFIED;
    a.chip_evidence.dg13.data[a.chip_evidence.dg13.len - 1] ^= 0x01;
    expect_rejected(&a, "EVIDENCE_SOD_MISMATCH");
}

/* Every single-bit change to DG1, DG13, DG15, the AA challenge or the AA signature is
 * refused (a sample of the bits, each alone), and EF.SOD's bytes changed anywhere never crash
 * the check (ASan watches). The few EF.SOD flips OpenSSL's CMS_verify tolerates (about 1 %)
 * are all in bytes nothing signs and nothing reads: the CMS and SignerInfo version numbers,
 * the signatureAlgorithm identifier, the case of a letter in the signer's issuer name; every signed
 * byte (the LDS hashes, the signed attributes, the signature, the certificates) is refused when
 * changed. */
static int verify_doc(const struct upev_trust *t, struct application *a, struct upev_result *r)
{
    char *env = app_envelope_to_json(a), *pay = app_payload_to_json(a);
    int rc = env && pay ? upev_verify(t, a->id, env, pay, strlen(pay), r) : -1;
    free(env);
    free(pay);
    return rc;
}

TEST(any_changed_bit_is_refused)
{
    struct application a;
    struct upev_trust *t = NULL;
    struct upev_result r;
    char trust[300], err[256];
    chipsim_profile_trust(g_card, trust, sizeof trust);
    CHECK_INT(upev_trust_load(trust, &t, err, sizeof err), 0);
    CHECK_INT(app_from_chip(&a, 10, g_card, NULL), 0);
    a.portrait.len = a.portrait.len > 64 ? 64 : a.portrait.len; /* the images do not matter */
    CHECK_INT(verify_doc(t, &a, &r), 0);
    struct app_blob *must[] = {&a.chip_evidence.dg1, &a.chip_evidence.dg13, &a.chip_evidence.dg15,
                               &a.chip_evidence.aa_challenge, &a.chip_evidence.aa_signature};
    int tried = 0, refused = 0;
    for (size_t k = 0; k < sizeof must / sizeof must[0]; k++)
        for (size_t bit = k; bit < must[k]->len * 8; bit += 7) {
            must[k]->data[bit / 8] ^= (uint8_t)(1u << (bit % 8));
            tried++;
            refused += verify_doc(t, &a, &r) == 1 && r.code[0];
            must[k]->data[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        }
    CHECK(tried > 500);
    CHECK_INT(refused, tried);
    struct app_blob *sod = &a.chip_evidence.sod;
    int sod_tried = 0, sod_refused = 0;
    for (size_t bit = 3; bit < sod->len * 8; bit += 11) {
        sod->data[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        sod_tried++;
        int rc = verify_doc(t, &a, &r);
        CHECK(rc == 0 || rc == 1);
        sod_refused += rc == 1;
        sod->data[bit / 8] ^= (uint8_t)(1u << (bit % 8));
    }
    printf("# %d of %d single-bit changes to EF.SOD refused\n", sod_refused, sod_tried);
    CHECK(sod_refused >= sod_tried * 9 / 10);
    CHECK_INT(verify_doc(t, &a, &r), 0); /* and the untouched application still passes */
    app_wipe(&a);
    upev_trust_free(t);
}

int main(int argc, char **argv)
{
    (void)argc;
    if (setup(argv[0]) != 0) {
        fprintf(stderr, "setup failed\n");
        return 1;
    }
    RUN(genuine_read_is_accepted_after_reverification);
    RUN(doctored_dg1_is_refused_with_sod_mismatch);
    RUN(aa_transcript_of_another_application_is_refused);
    RUN(other_unsupported_claims_are_refused);
    RUN(unverified_claim_needs_no_trusted_chain);
    RUN(qr_identity_claims_no_chip);
    RUN(any_changed_bit_is_refused);
    store_close(g_st);
    upstream_fixture_teardown(&g_f);
    chipsim_profile_rmdir(g_card);
    chipsim_profile_rmdir(g_other);
    return test_done();
}
