/* emrtd_verify.c: the chip verdict and its JSON report (see emrtd_verify.h).
 *
 * Reasons are collected for every check; the verdict is the worst class among them:
 *   forged   ← sod_missing, sod_malformed, sod_signature, dg_hash_mismatch, dg_not_in_sod,
 *              dg_listed_missing, ds_chain_invalid, csca_untrusted, aa_failed, aa_refused,
 *              ca_failed, ca_refused
 *   unverified ← no_trust_store, no_csca_for_state, ds_expired, no_chip_authentication,
 *              chip_auth_not_done, aa_not_done
 * A chip that opened with BAC/PACE and then has no EF.SOD is no card any state issues: a
 * chip that withholds its SOD, hides a file the SOD lists or refuses the authentication its
 * own files offer is judged forged, never "unverified". The report holds no personal data:
 * only verdict, reasons, algorithm names, certificate subjects and per-DG hash states. */
#include "drivers/card/emrtd_verify.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

struct reason_def {
    const char *key;
    enum chip_verdict cls;
};

/* Indexed by enum emrtd_verify_reason; kiosk/messages words each for the officer. */
static const struct reason_def reasons[VR_COUNT] = {
    [VR_SOD_MISSING] = {"sod_missing", CHIP_FORGED},
    [VR_DG_LISTED_MISSING] = {"dg_listed_missing", CHIP_FORGED},
    [VR_SOD_MALFORMED] = {"sod_malformed", CHIP_FORGED},
    [VR_SOD_SIGNATURE] = {"sod_signature", CHIP_FORGED},
    [VR_DG_HASH_MISMATCH] = {"dg_hash_mismatch", CHIP_FORGED},
    [VR_DG_NOT_IN_SOD] = {"dg_not_in_sod", CHIP_FORGED},
    [VR_DS_CHAIN_INVALID] = {"ds_chain_invalid", CHIP_FORGED},
    [VR_AA_FAILED] = {"aa_failed", CHIP_FORGED},
    [VR_CA_FAILED] = {"ca_failed", CHIP_FORGED},
    [VR_CA_REFUSED] = {"ca_refused", CHIP_FORGED},
    [VR_AA_REFUSED] = {"aa_refused", CHIP_FORGED},
    [VR_NO_TRUST_STORE] = {"no_trust_store", CHIP_UNVERIFIED},
    [VR_CSCA_UNTRUSTED] = {"csca_untrusted", CHIP_FORGED},
    [VR_NO_CSCA_FOR_STATE] = {"no_csca_for_state", CHIP_UNVERIFIED},
    [VR_DS_EXPIRED] = {"ds_expired", CHIP_UNVERIFIED},
    [VR_NO_CHIP_AUTHENTICATION] = {"no_chip_authentication", CHIP_UNVERIFIED},
    [VR_CHIP_AUTH_NOT_DONE] = {"chip_auth_not_done", CHIP_UNVERIFIED},
    [VR_AA_NOT_DONE] = {"aa_not_done", CHIP_UNVERIFIED},
};

int emrtd_verify_reason_code(const char *key)
{
    for (int i = 0; key && i < VR_COUNT; i++)
        if (strcmp(reasons[i].key, key) == 0)
            return i;
    return -1;
}

static const struct reason_def *find_reason(const char *key)
{
    int i = emrtd_verify_reason_code(key);
    return i < 0 ? NULL : &reasons[i];
}

const char *emrtd_auth_outcome_name(enum emrtd_auth_outcome o)
{
    switch (o) {
    case AUTH_NOT_DONE:
        return "not_done";
    case AUTH_NOT_SUPPORTED:
        return "not_supported";
    case AUTH_OK:
        return "ok";
    case AUTH_FAILED:
        return "failed";
    case AUTH_REFUSED:
        return "refused";
    }
    return "unknown";
}

const char *emrtd_verify_strerror(int code)
{
    switch (code) {
    case VERIFY_OK:
        return "ok";
    case VERIFY_E_NOMEM:
        return "out of memory";
    case VERIFY_E_ARG:
        return "invalid argument";
    }
    return "unknown verify error";
}

static void add(struct emrtd_verdict *v, const char *key, int dg)
{
    if (v->n_reasons >= EMRTD_MAX_REASONS)
        return;
    v->reasons[v->n_reasons] = key;
    v->reason_dg[v->n_reasons] = dg;
    v->n_reasons++;
}

static const char *dg_state_name(enum emrtd_pa_dg_state s)
{
    switch (s) {
    case PA_DG_MATCH:
        return "match";
    case PA_DG_MISMATCH:
        return "mismatch";
    case PA_DG_NOT_IN_SOD:
        return "not_in_sod";
    default:
        return "not_read";
    }
}

static int build_report(const struct emrtd_verify_input *in, int sod_state, struct emrtd_verdict *v)
{
    json_t *root = json_object(), *rs = json_array(), *pa = json_object(), *dgs = json_object();
    int rc = VERIFY_E_NOMEM;
    if (!root || !rs || !pa || !dgs)
        goto out;
    json_object_set_new(root, "verdict", json_string(app_verdict_name(v->verdict)));
    for (int i = 0; i < v->n_reasons; i++) {
        json_t *r = json_object();
        json_object_set_new(r, "key", json_string(v->reasons[i]));
        if (v->reason_dg[i])
            json_object_set_new(r, "dg", json_integer(v->reason_dg[i]));
        json_array_append_new(rs, r);
    }
    json_object_set_new(root, "reasons", rs);
    rs = NULL;
    static const char *sod_names[] = {"ok", "missing", "malformed"};
    json_object_set_new(pa, "sod", json_string(sod_names[sod_state]));
    if (sod_state == 0) {
        json_object_set_new(pa, "signature", json_boolean(v->pa.signature_ok));
        json_object_set_new(pa, "chain", json_string(emrtd_pa_chain_name(v->pa.chain)));
        if (v->pa.x509_error)
            json_object_set_new(pa, "x509_error", json_integer(v->pa.x509_error));
        json_object_set_new(pa, "hash_alg", json_string(v->pa.hash_alg));
        json_object_set_new(pa, "ds_subject", json_string(v->pa.ds_subject));
        json_object_set_new(pa, "ds_not_after", json_string(v->pa.ds_not_after));
        json_object_set_new(pa, "csca_subject", json_string(v->pa.csca_subject));
        json_object_set_new(pa, "state", json_string(v->pa.state));
        json_object_set_new(pa, "csca_for_state", json_boolean(v->pa.csca_for_state));
        for (int dg = 1; dg <= 16; dg++)
            if (v->pa.dg[dg] != PA_DG_NOT_READ || (v->pa.listed >> dg & 1u)) {
                char k[16];
                snprintf(k, sizeof k, "DG%d", dg);
                json_object_set_new(dgs, k,
                                    json_string(v->pa.dg[dg] != PA_DG_NOT_READ
                                                    ? dg_state_name(v->pa.dg[dg])
                                                : (in->tried >> dg & 1u) ? "listed_missing"
                                                                         : "listed_not_asked"));
            }
    }
    json_object_set_new(pa, "dg", dgs);
    dgs = NULL;
    json_object_set_new(root, "pa", pa);
    pa = NULL;
    json_object_set_new(root, "aa", json_string(emrtd_auth_outcome_name(in->aa)));
    json_object_set_new(root, "ca", json_string(emrtd_auth_outcome_name(in->ca)));
    if (in->access)
        json_object_set_new(root, "access", json_string(in->access));
    json_object_set_new(root, "trusted_cscas", json_integer(in->trust ? in->trust->n_certs : 0));
    v->report_json = json_dumps(root, JSON_COMPACT | JSON_SORT_KEYS);
    rc = v->report_json ? VERIFY_OK : VERIFY_E_NOMEM;
out:
    json_decref(root);
    json_decref(rs);
    json_decref(pa);
    json_decref(dgs);
    return rc;
}

int emrtd_verify(const struct emrtd_verify_input *in, struct emrtd_verdict *out)
{
    struct emrtd_sod sod;
    int sod_state = 0, rc;
    memset(out, 0, sizeof *out);
    memset(&sod, 0, sizeof sod);
    if (!in || (in->n_files > 0 && !in->files))
        return VERIFY_E_ARG;

    uint32_t listed = 0;
    if (!in->sod || in->sod_len == 0) {
        sod_state = 1;
        add(out, "sod_missing", 0);
    } else if ((rc = emrtd_sod_parse(in->sod, in->sod_len, &sod)) != SOD_OK) {
        if (rc == SOD_E_NOMEM)
            return VERIFY_E_NOMEM;
        sod_state = 2;
        add(out, "sod_malformed", 0);
    } else {
        rc = emrtd_pa_verify(&sod, in->files, in->n_files, in->trust, in->now, &out->pa);
        emrtd_sod_free(&sod);
        if (rc != PA_OK)
            return rc == PA_E_NOMEM ? VERIFY_E_NOMEM : VERIFY_E_ARG;
        listed = out->pa.listed;
        if (!out->pa.signature_ok)
            add(out, "sod_signature", 0);
        for (int dg = 1; dg <= 16; dg++) {
            if (out->pa.dg[dg] == PA_DG_MISMATCH)
                add(out, "dg_hash_mismatch", dg);
            else if (out->pa.dg[dg] == PA_DG_NOT_IN_SOD)
                add(out, "dg_not_in_sod", dg);
            else if (out->pa.dg[dg] == PA_DG_NOT_READ && (listed >> dg & 1u) &&
                     (in->tried >> dg & 1u))
                add(out, "dg_listed_missing", dg); /* listed, asked for, not given */
        }
        switch (out->pa.chain) {
        case PA_CHAIN_OK:
            break;
        case PA_CHAIN_NO_TRUST_STORE:
            add(out, "no_trust_store", 0);
            break;
        case PA_CHAIN_UNTRUSTED:
            /* the state's CSCA is here and did not certify this signer: forged; no CSCA of
             * that state configured at all: unverified */
            add(out, out->pa.csca_for_state ? "csca_untrusted" : "no_csca_for_state", 0);
            break;
        case PA_CHAIN_EXPIRED:
            add(out, "ds_expired", 0);
            break;
        case PA_CHAIN_INVALID:
            add(out, "ds_chain_invalid", 0);
            break;
        }
    }
    if (in->aa == AUTH_FAILED)
        add(out, "aa_failed", 15);
    if (in->aa == AUTH_REFUSED)
        add(out, "aa_refused", 15);
    if (in->ca == AUTH_FAILED)
        add(out, "ca_failed", 14);
    if (in->ca == AUTH_REFUSED)
        add(out, "ca_refused", 14);
    int proven = in->aa == AUTH_OK || in->ca == AUTH_OK;
    int failed = in->aa == AUTH_FAILED || in->ca == AUTH_FAILED || in->aa == AUTH_REFUSED ||
                 in->ca == AUTH_REFUSED;
    if (!proven && !failed) {
        /* Say which step is missing: the chip offers AA (DG15 read) but it was not run; its
         * SOD lists DG14/DG15 yet nothing ran; or it offers no way to authenticate at all. */
        int have15 = 0;
        for (int i = 0; i < in->n_files; i++)
            have15 |= in->files[i].dg == 15 && in->files[i].data != NULL;
        if (have15 && in->aa == AUTH_NOT_DONE)
            add(out, "aa_not_done", 15);
        else if (have15 || (listed & (1u << 14 | 1u << 15)))
            add(out, "chip_auth_not_done", have15 ? 15 : 14);
        else
            add(out, "no_chip_authentication", 0);
    }

    out->verdict = CHIP_GENUINE;
    for (int i = 0; i < out->n_reasons; i++) {
        const struct reason_def *r = find_reason(out->reasons[i]);
        if (r && r->cls == CHIP_FORGED)
            out->verdict = CHIP_FORGED;
        else if (out->verdict == CHIP_GENUINE)
            out->verdict = CHIP_UNVERIFIED;
    }
    rc = build_report(in, sod_state, out);
    if (rc != VERIFY_OK) {
        emrtd_verdict_free(out);
        return rc;
    }
    return VERIFY_OK;
}

void emrtd_verdict_free(struct emrtd_verdict *v)
{
    if (v->report_json) {
        explicit_bzero(v->report_json, strlen(v->report_json));
        free(v->report_json);
    }
    memset(v, 0, sizeof *v);
}
