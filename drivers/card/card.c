/* card.c: card_read(), the chip read the kiosk runs (see card.h).
 *
 * State machine (one session = the card in the field once):
 *
 *   OPEN ──reader_open──> WAIT ──wait_card──> AUTH ──PACE/BAC ok──> READ ──all files──> AA ──> DONE
 *                          ^                   │                      │                 │
 *                          └──── card gone / SM broken (resume ≤ CARD_MAX_RESUMES) ─────┘
 *   any state ──error──> FAIL (reader released, keys wiped)
 *
 * AUTH reads EF.CardAccess once (plain), tries PACE-CAN when offered and a CAN is known, else
 * (or when the CAN is refused and MRZ data is known) BAC over the DOE candidates. After a
 * resume the method and key that worked are reused. READ keeps every file's bytes and offset
 * across sessions (emrtd_read continues at f->len). Cleanup states always run: SM keys wiped,
 * card released, reader closed, file buffers wiped. */
#include "drivers/card/card.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "drivers/card/card_evidence.h"
#include "drivers/card/card_identity.h"
#include "drivers/card/emrtd_aa.h"
#include "drivers/card/emrtd_apdu.h"
#include "drivers/card/emrtd_ca.h"
#include "drivers/card/emrtd_bac.h"
#include "drivers/card/emrtd_dg.h"
#include "drivers/card/emrtd_pace.h"
#include "drivers/card/emrtd_read.h"
#include "drivers/card/emrtd_sm.h"
#include "drivers/card/emrtd_sod.h"
#include "drivers/card/emrtd_verify.h"
#include "drivers/card/mrz.h"
#include "drivers/card/reader.h"

#define CARD_MAX_RESUMES     5
#define CARD_DEFAULT_TIMEOUT 30000
#define CARD_READ_BUDGET     30000 /* a whole CCCD read takes 1-3 s; this is room for resumes */
#define CARD_APDU_TIMEOUT    3000
#define CARD_MAX_STEPS       48
#define CARD_NFILES          7

/* Reading order: text first, photo last (the officer sees the text while the photo comes).
 * EF.SOD before EF.COM, DG14 and DG15, so that its list of data groups is known when they are
 * asked for: EF.COM only when that list leaves DG14 or DG15 open (card_com_needed), each of
 * them only when a list names it (card_dg_unlisted). Weights drive the progress percentage. */
static const struct {
    const char *name;
    uint16_t fid;
    uint8_t sfi;
    int weight;
} card_files[CARD_NFILES] = {
    {"DG1", 0x0101, 0x01, 4},    {"DG13", 0x010D, 0x0D, 8}, {"EF.SOD", 0x011D, 0x1D, 10},
    {"EF.COM", 0x011E, 0x1E, 2}, {"DG14", 0x010E, 0x0E, 3}, {"DG15", 0x010F, 0x0F, 3},
    {"DG2", 0x0102, 0x02, 55},
};
enum { F_DG1, F_DG13, F_SOD, F_COM, F_DG14, F_DG15, F_DG2 };
#define CARD_NOT_LISTED "not_listed" /* fstatus of a DG14/DG15 not asked for */
#define CARD_NOT_NEEDED "not_needed" /* fstatus of an EF.COM not asked for */

static int card_this_year(void);
struct card_sess;
static int card_file_ok(const struct card_sess *s, int i);

static const uint8_t card_aid[7] = {0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01};

enum card_auth_outcome {
    CARD_AUTH_NOT_DONE,
    CARD_AUTH_NOT_SUPPORTED, /* the chip's files offer none */
    CARD_AUTH_OK,
    CARD_AUTH_FAILED,
    CARD_AUTH_REFUSED /* offered by DG14/DG15, refused by the chip */
};

struct card_step {
    const char *name;
    double ms;
    unsigned long apdus; /* exchanged during the step (GET RESPONSEs included) */
};

struct card_sess {
    const struct card_options *opts;
    const struct card_access *acc;
    card_progress_fn progress;
    void *arg;
    const atomic_int *cancel;
    struct reader *rd;
    struct emrtd_chan ch;
    struct emrtd_sm sm;
    struct emrtd_read_ctx rctx;
    struct emrtd_file ef_ca; /* EF.CardAccess */
    int ca_read;
    int atr_read;         /* EF.ATR/INFO asked (only when the reader carries extended frames) */
    size_t atr_max_rapdu; /* the chip's largest R-APDU by EF.ATR/INFO; 0 = not said */
    struct emrtd_pace_info pace;
    int pace_ok;
    int can_refused;
    const char *method; /* "PACE-CAN", "PACE-MRZ", "BAC" */
    char doe_used[7];
    struct emrtd_file files[CARD_NFILES];
    const char *fstatus[CARD_NFILES];
    int sod_looked, sod_parsed; /* EF.SOD's list of DGs looked for, and found */
    uint32_t sod_listed;        /* bit n: DGn listed by EF.SOD (when sod_parsed) */
    int resumes;
    enum card_auth_outcome aa, ca;
    const char *aa_detail, *ca_detail;
    struct emrtd_aa_transcript aa_tr; /* what INTERNAL AUTHENTICATE asked and got */
    struct card_step steps[CARD_MAX_STEPS];
    int nsteps;
    struct timespec t_step;
    unsigned long step_apdus; /* the APDU count when the step began */
};

static double card_ms_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) * 1e3 + (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

static void card_step_begin(struct card_sess *s)
{
    clock_gettime(CLOCK_MONOTONIC, &s->t_step);
    s->step_apdus = s->ch.stats.apdus;
}

static void card_step_end(struct card_sess *s, const char *name)
{
    if (s->nsteps < CARD_MAX_STEPS) {
        s->steps[s->nsteps].name = name;
        s->steps[s->nsteps].ms = card_ms_since(&s->t_step);
        s->steps[s->nsteps].apdus = s->ch.stats.apdus - s->step_apdus;
        s->nsteps++;
    }
}

static void card_progress(struct card_sess *s, const char *step, int pct)
{
    if (s->progress)
        s->progress(step, pct, s->arg);
}

const char *card_strerror(int code)
{
    switch (code) {
    case CARD_OK:
        return "ok";
    case CARD_ENOCARD:
        return "no card on the reader";
    case CARD_EWRONG_CAN:
        return "the chip refused the access key (CAN or MRZ data)";
    case CARD_ENOT_CCCD:
        return "the chip has no ICAO eMRTD application (not a CCCD)";
    case CARD_ENO_CHIP:
        return "the card has no contactless chip that answers";
    case CARD_EREMOVED:
        return "the card was removed and not put back";
    case CARD_EREADER:
        return "the card reader cannot be used (unplugged or wrong device)";
    case CARD_EFORGED:
        return "the chip failed an authenticity check";
    case CARD_ECANCELLED:
        return "cancelled";
    case CARD_ENEED_MRZ:
        return "the chip needs BAC: date of birth and ID number required";
    case CARD_EINVAL:
        return "invalid card read options";
    case CARD_ENOMEM:
        return "out of memory";
    case CARD_ECHIP:
        return "the chip's answers are malformed";
    case CARD_EDATA:
        return "the chip's data are invalid";
    case CARD_ETIMEOUT:
        return "the card read passed its deadline";
    }
    return "unknown card error";
}

int card_access_from_id(struct card_access *access, const char *personal_id, const char *dob_iso,
                        const char *issue_iso)
{
    memset(access, 0, sizeof(*access));
    if (!personal_id || mrz_can_from_id(personal_id, access->can) != 0 ||
        mrz_doc_number_from_id(personal_id, access->doc_number) != 0) {
        memset(access, 0, sizeof(*access));
        return CARD_EINVAL;
    }
    if (dob_iso && *dob_iso && mrz_date_from_iso(dob_iso, access->dob) != 0)
        return CARD_EINVAL;
    if (issue_iso && *issue_iso) {
        if (strlen(issue_iso) != 10)
            return CARD_EINVAL;
        memcpy(access->issue_date, issue_iso, 10);
    }
    return 0;
}

/* Maps a protocol error to what card_read returns; ECARD_GONE/ESM are handled by the caller. */
static int card_map(int rc)
{
    switch (rc) {
    case EMRTD_OK:
        return CARD_OK;
    case EMRTD_ENOMEM:
        return CARD_ENOMEM;
    case EMRTD_EREADER:
        return CARD_EREADER;
    case EMRTD_ETIMEOUT:
        return CARD_ENOCARD;
    case EMRTD_ECANCELLED:
        return CARD_ECANCELLED;
    case EMRTD_EACCESS:
        return CARD_EWRONG_CAN;
    case EMRTD_ENOTFOUND:
        return CARD_ENOT_CCCD;
    case EMRTD_ECARD_GONE:
        return CARD_EREMOVED;
    case EMRTD_EAUTH:
        return CARD_EFORGED;
    }
    return CARD_ECHIP;
}

static int card_select_aid(struct card_sess *s)
{
    struct emrtd_apdu a = {0x00, 0xA4, 0x04, 0x0C, card_aid, sizeof(card_aid), 0};
    uint16_t sw = 0;
    size_t rl = 0;
    int rc = emrtd_transmit(&s->ch, &a, NULL, 0, &rl, &sw);
    if (rc)
        return rc;
    if (sw == EMRTD_SW_NOT_FOUND || sw == EMRTD_SW_INS_UNSUPPORTED || sw == 0x6A86)
        return EMRTD_ENOTFOUND;
    return emrtd_sw_to_err(sw);
}

/* DOE candidates: the one that worked before, the one given, or the computed renewal date
 * (card-data's 14/25/40/60 rule) then the no-expiry forms. */
static int card_doe_candidates(struct card_sess *s, char cands[][7])
{
    int n = 0;
    if (s->doe_used[0]) {
        memcpy(cands[n++], s->doe_used, 7);
        return n;
    }
    if (s->acc->doe[0]) {
        memcpy(cands[n++], s->acc->doe, 7);
        return n;
    }
    char dob_iso[11];
    if (s->acc->issue_date[0] && mrz_date_to_iso(s->acc->dob, card_this_year(), dob_iso) == 0) {
        char c[MRZ_MAX_DOE_CANDIDATES][7];
        int k = mrz_doe_candidates(dob_iso, s->acc->issue_date, c);
        for (int i = 0; i < k; i++)
            memcpy(cands[n++], c[i], 7);
    }
    if (n == 0) { /* no issue date: only the no-expiry forms can be guessed */
        memcpy(cands[n++], "991231", 7);
        memcpy(cands[n++], "<<<<<<", 7);
    }
    return n;
}

static int card_bac(struct card_sess *s)
{
    char cands[MRZ_MAX_DOE_CANDIDATES + 3][7];
    char info[EMRTD_MRZ_INFO_SIZE];
    int n, rc;

    /* The application first: a chip without it (and without PACE) is not a CCCD, whatever
     * data we have. A PACE chip keeps PACE before any SELECT when BAC cannot run anyway. */
    if (!s->pace_ok || (s->acc->doc_number[0] && s->acc->dob[0])) {
        if ((rc = card_select_aid(s)) != 0)
            return rc;
    }
    if (!s->acc->doc_number[0] || !s->acc->dob[0])
        return EMRTD_ENOTSUP;
    n = card_doe_candidates(s, cands);
    rc = EMRTD_EACCESS;
    for (int i = 0; i < n; i++) {
        if (emrtd_bac_mrz_info(s->acc->doc_number, s->acc->dob, cands[i], info) != 0)
            continue;
        rc = emrtd_bac_run(&s->ch, info, &s->sm);
        explicit_bzero(info, sizeof(info));
        if (rc == 0) {
            memcpy(s->doe_used, cands[i], 7);
            s->method = "BAC";
            return 0;
        }
        if (rc != EMRTD_EACCESS)
            return rc;
    }
    return rc;
}

/* PACE with the MRZ password, for a PACE-only chip when no CAN is known (or it was refused). */
static int card_pace_mrz(struct card_sess *s)
{
    char cands[MRZ_MAX_DOE_CANDIDATES + 3][7];
    char info[EMRTD_MRZ_INFO_SIZE];
    int n, rc = EMRTD_EACCESS;

    if (!s->pace_ok || !s->acc->doc_number[0] || !s->acc->dob[0])
        return EMRTD_ENOTSUP;
    n = card_doe_candidates(s, cands);
    for (int i = 0; i < n; i++) {
        if (emrtd_bac_mrz_info(s->acc->doc_number, s->acc->dob, cands[i], info) != 0)
            continue;
        rc = emrtd_pace_run(&s->ch, &s->pace, EMRTD_PACE_PW_MRZ, info, &s->sm);
        explicit_bzero(info, sizeof(info));
        if (rc == 0) {
            memcpy(s->doe_used, cands[i], 7);
            s->method = "PACE-MRZ";
            s->ch.sm = &s->sm;
            return card_select_aid(s);
        }
        if (rc != EMRTD_EACCESS)
            return rc;
    }
    return rc;
}

static int card_auth(struct card_sess *s)
{
    int rc;

    /* Extended length: asked of the chip once, only when the reader carries such frames (a
     * PN532 never does: no APDU spent there). Without an answer the first read tries it. Before
     * EF.CardAccess, so that read keeps to the limit too. */
    if (!s->atr_read && s->ch.card.max_rapdu > EMRTD_MAX_RAPDU) {
        rc = emrtd_read_atr_info(&s->ch, &s->atr_max_rapdu);
        if (rc == EMRTD_ECARD_GONE || rc == EMRTD_EREADER)
            return rc;
        s->atr_read = 1;
    }
    if (s->atr_max_rapdu && s->ch.card.max_rapdu > s->atr_max_rapdu)
        s->ch.card.max_rapdu =
            s->atr_max_rapdu > EMRTD_MAX_RAPDU ? s->atr_max_rapdu : EMRTD_MAX_RAPDU;
    if (!s->ca_read) {
        card_step_begin(s);
        rc = emrtd_read_file(&s->ch, &s->rctx, &s->ef_ca);
        card_step_end(s, "card_access");
        if (rc == EMRTD_ECARD_GONE || rc == EMRTD_EREADER)
            return rc;
        s->ca_read = 1;
        if (rc == 0 && emrtd_pace_parse_card_access(s->ef_ca.data, s->ef_ca.len, &s->pace) == 0)
            s->pace_ok = 1;
    }
    card_step_begin(s);
    if (s->pace_ok && s->acc->can[0] && !s->can_refused &&
        (!s->method || !strcmp(s->method, "PACE-CAN"))) {
        rc = emrtd_pace_run(&s->ch, &s->pace, EMRTD_PACE_PW_CAN, s->acc->can, &s->sm);
        if (rc == 0) {
            s->ch.sm = &s->sm;
            s->method = "PACE-CAN";
            rc = card_select_aid(s);
            card_step_end(s, "pace");
            return rc;
        }
        if (rc == EMRTD_ECARD_GONE || rc == EMRTD_EREADER || rc == EMRTD_ENOMEM)
            return rc;
        if (rc == EMRTD_EACCESS)
            s->can_refused = 1;
    }
    rc = EMRTD_ENOTSUP;
    if (!s->method || !strcmp(s->method, "BAC")) {
        rc = card_bac(s);
        if (rc == 0)
            s->ch.sm = &s->sm;
        card_step_end(s, "bac");
    }
    if (rc == EMRTD_ENOTSUP && (!s->method || !strcmp(s->method, "PACE-MRZ"))) {
        card_step_begin(s);
        rc = card_pace_mrz(s);
        card_step_end(s, "pace_mrz");
    }
    if (rc == EMRTD_ENOTSUP)
        return s->can_refused ? EMRTD_EACCESS : EMRTD_ENOTSUP;
    return rc;
}

/* EF.SOD's list of data groups, parsed once (its CMS: a fraction of a millisecond) when the
 * file was read whole. */
static void card_sod_look(struct card_sess *s)
{
    struct emrtd_sod sod;
    if (s->sod_looked || !card_file_ok(s, F_SOD))
        return;
    s->sod_looked = 1;
    if (emrtd_sod_parse(s->files[F_SOD].data, s->files[F_SOD].len, &sod) == SOD_OK) {
        s->sod_parsed = 1;
        s->sod_listed = sod.listed;
        emrtd_sod_free(&sod);
    }
}

/* 1 when DGn (14 or 15) need not be asked for: EF.COM and EF.SOD were both read and parsed
 * and neither lists it. DG14 and DG15 are optional (a chip holds them when it offers Chip or
 * Active Authentication); a DG the SOD lists is always asked for, so a chip that withholds
 * one is still dg_listed_missing. One the SOD does not list could only be an unsigned
 * addition, which a cloner can leave out at will, so not reading it takes no evidence away;
 * it spares an APDU on every chip without it (a BAC chip without CA: no DG14). When either
 * list is missing or malformed the DG is asked for, as any other. */
static int card_dg_unlisted(struct card_sess *s, int dg)
{
    struct emrtd_com com;

    if (!card_file_ok(s, F_COM) || !card_file_ok(s, F_SOD) ||
        emrtd_com_parse(s->files[F_COM].data, s->files[F_COM].len, &com) != DG_OK ||
        (com.present >> dg & 1u))
        return 0;
    card_sod_look(s);
    return s->sod_parsed && !(s->sod_listed >> dg & 1u);
}

/* 1 when EF.COM is to be read: its list only decides whether DG14 and DG15 are asked for
 * (card_dg_unlisted), and a DG the signed list names is asked for whatever EF.COM says. So
 * when EF.SOD was read, parses and lists both, EF.COM changes nothing and is not read (one
 * APDU less on a CCCD, whose SOD lists both); else it is read, as before, and the choice is
 * the same as with it read first. */
static int card_com_needed(struct card_sess *s)
{
    card_sod_look(s);
    return !s->sod_parsed || !(s->sod_listed >> 14 & 1u) || !(s->sod_listed >> 15 & 1u);
}

static int card_read_files(struct card_sess *s)
{
    int pct = 12;
    for (int i = 0; i < CARD_NFILES; i++) {
        struct emrtd_file *f = &s->files[i];
        pct += card_files[i].weight;
        if (f->done || s->fstatus[i])
            continue;
        if (i == F_COM && !card_com_needed(s)) {
            s->fstatus[i] = CARD_NOT_NEEDED;
            continue;
        }
        if ((i == F_DG14 || i == F_DG15) && card_dg_unlisted(s, i == F_DG14 ? 14 : 15)) {
            s->fstatus[i] = CARD_NOT_LISTED;
            continue;
        }
        card_progress(s, card_files[i].name, pct - card_files[i].weight);
        card_step_begin(s);
        int rc = emrtd_read_file(&s->ch, &s->rctx, f);
        card_step_end(s, card_files[i].name);
        switch (rc) {
        case 0:
            s->fstatus[i] = f->truncated ? "truncated" : "ok";
            break;
        case EMRTD_ENOTFOUND:
            s->fstatus[i] = "absent";
            break;
        case EMRTD_EDENIED:
            s->fstatus[i] = "denied";
            break;
        case EMRTD_EPROTO:
        case EMRTD_ETOOBIG:
        case EMRTD_ESW:
            s->fstatus[i] = "malformed";
            break;
        default:
            return rc; /* card gone, SM broken, reader, memory */
        }
    }
    card_progress(s, "read", 97);
    return 0;
}

/* Chip Authentication when DG14 offers it (ECDH-AES): the SM session moves to the new keys. */
static int card_chip_auth(struct card_sess *s)
{
    struct emrtd_security_infos infos;
    const struct emrtd_security_info *ca, *pk;
    int rc;

    if (s->ca != CARD_AUTH_NOT_DONE)
        return 0;
    memset(&infos, 0, sizeof(infos));
    if (!s->fstatus[F_DG14] || strcmp(s->fstatus[F_DG14], "ok") != 0 ||
        emrtd_dg14_parse(s->files[F_DG14].data, s->files[F_DG14].len, &infos) != 0 ||
        !(ca = emrtd_security_infos_find(&infos, EMRTD_INFO_CA)) ||
        !(pk = emrtd_security_infos_find(&infos, EMRTD_INFO_CA_PUBKEY)) || !pk->pubkey ||
        !emrtd_ca_key_len(ca->oid, ca->oid_len)) {
        s->ca = CARD_AUTH_NOT_SUPPORTED;
        s->ca_detail = "no ECDH-AES chip authentication in DG14";
        emrtd_security_infos_free(&infos);
        return 0;
    }
    card_step_begin(s);
    rc = emrtd_ca_run(&s->ch, ca->oid, ca->oid_len, ca->parameter_id, pk->pubkey, &s->sm);
    card_step_end(s, "chip_auth");
    emrtd_security_infos_free(&infos);
    switch (rc) {
    case 0:
        s->ca = CARD_AUTH_OK;
        s->ca_detail = "chip proved the DG14 private key";
        return 0;
    case EMRTD_EAUTH:
        s->ca = CARD_AUTH_FAILED;
        s->ca_detail = "chip could not use the DG14 key (clone?)";
        return EMRTD_ESM; /* the session is dead either way: re-authenticate for AA */
    case EMRTD_ENOTSUP:
        /* DG14 offers ECDH-AES chip authentication, which we run: the chip refused it */
        s->ca = CARD_AUTH_REFUSED;
        s->ca_detail = "DG14 offers chip authentication but the chip refuses it";
        return 0;
    }
    return rc;
}

static int card_active_auth(struct card_sess *s)
{
    struct emrtd_file *f = &s->files[F_DG15];
    EVP_PKEY *pub = NULL;
    int rc;

    if (s->aa != CARD_AUTH_NOT_DONE)
        return 0;
    if (!s->fstatus[F_DG15] || strcmp(s->fstatus[F_DG15], "ok") != 0) {
        s->aa = CARD_AUTH_NOT_SUPPORTED;
        s->aa_detail = s->fstatus[F_DG15] && !strcmp(s->fstatus[F_DG15], CARD_NOT_LISTED)
                           ? "DG15 listed neither in EF.COM nor in EF.SOD"
                           : "no DG15 on the chip";
        return 0;
    }
    if (emrtd_aa_key_from_dg15(f->data, f->len, &pub) != 0) {
        s->aa = CARD_AUTH_FAILED;
        s->aa_detail = "DG15 public key malformed";
        return 0;
    }
    const EVP_MD *md = NULL;
    if (card_file_ok(s, F_DG14)) {
        struct emrtd_security_infos infos;
        const struct emrtd_security_info *ai;
        memset(&infos, 0, sizeof(infos));
        if (emrtd_dg14_parse(s->files[F_DG14].data, s->files[F_DG14].len, &infos) == 0 &&
            (ai = emrtd_security_infos_find(&infos, EMRTD_INFO_AA)) != NULL)
            md = emrtd_aa_ecdsa_md(ai->alg_oid, ai->alg_oid_len);
        emrtd_security_infos_free(&infos);
    }
    uint8_t bound[8]; /* the challenge derived from the application id, when known */
    int have_bound = card_evidence_challenge(s->acc->bind_id, bound) == 0;
    card_step_begin(s);
    rc = emrtd_aa_run(&s->ch, pub, md, have_bound ? bound : NULL, &s->aa_tr);
    card_step_end(s, "active_auth");
    EVP_PKEY_free(pub);
    switch (rc) {
    case 0:
        s->aa = CARD_AUTH_OK;
        s->aa_detail = "signature verified with the DG15 key";
        return 0;
    case EMRTD_EAUTH:
        s->aa = CARD_AUTH_FAILED;
        s->aa_detail = "signature does not verify with the DG15 key (clone?)";
        return 0;
    case EMRTD_ENOTSUP:
        s->aa = CARD_AUTH_REFUSED;
        s->aa_detail = "DG15 present but the chip refuses INTERNAL AUTHENTICATE";
        return 0;
    }
    return rc;
}

/* Dates of birth are in the past: the century is chosen so the year is not after this one. */
static int card_this_year(void)
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    return tm.tm_year + 1900;
}

static int card_file_ok(const struct card_sess *s, int i)
{
    return s->fstatus[i] && !strcmp(s->fstatus[i], "ok");
}

/* Identity from DG1 + DG13 (card-data's card_identity). CARD_EDATA when a file read whole
 * does not parse, or when a file the chip lists is truncated. */
static int card_identity(struct card_sess *s, struct app_identity *id, json_t *report)
{
    int dg_err = 0, rc;
    for (int i = 0; i < CARD_NFILES; i++)
        if (s->fstatus[i] && !strcmp(s->fstatus[i], "truncated")) {
            json_object_set_new(report, "data_error",
                                json_sprintf("%s truncated", card_files[i].name));
            return CARD_EDATA;
        }
    rc = card_identity_from_files(card_file_ok(s, F_DG1) ? s->files[F_DG1].data : NULL,
                                  card_file_ok(s, F_DG1) ? s->files[F_DG1].len : 0,
                                  card_file_ok(s, F_DG13) ? s->files[F_DG13].data : NULL,
                                  card_file_ok(s, F_DG13) ? s->files[F_DG13].len : 0, id, &dg_err);
    if (rc != 0) {
        json_object_set_new(report, "data_error",
                            json_sprintf("%s: %s", card_identity_strerror(rc),
                                         dg_err ? emrtd_dg_strerror(dg_err) : "-"));
        return rc == CID_E_MISMATCH ? CARD_EFORGED : CARD_EDATA;
    }
    return 0;
}

/* DG1, DG13 and the QR code (when read) compared field by field: each disagreement is in
 * the report, and any makes the reason identity_mismatch (the policy then wants an
 * approver; an ID that differs between DG1 and DG13 is forged already). Names the fields and
 * sources only, never the values. */
static void card_agreement(struct card_sess *s, json_t *report)
{
    struct mrz_td1 m;
    struct emrtd_dg13 d;
    struct card_agreement ag;
    int have1 = card_file_ok(s, F_DG1) &&
                emrtd_dg1_parse(s->files[F_DG1].data, s->files[F_DG1].len, &m) == DG_OK;
    int have13 = card_file_ok(s, F_DG13) &&
                 emrtd_dg13_parse(s->files[F_DG13].data, s->files[F_DG13].len, &d) == DG_OK;
    int sources = have1 + have13 + (s->acc->qr != NULL);
    memset(&ag, 0, sizeof(ag));
    if (sources >= 2 &&
        card_identity_compare(have1 ? &m : NULL, have13 ? &d : NULL, s->acc->qr, &ag) > 0) {
        json_t *list = json_array();
        for (int i = 0; list && i < ag.n; i++)
            json_array_append_new(
                list, json_pack("{s:s, s:s, s:s}", "field", card_field_name(ag.d[i].field), "a",
                                card_source_name(ag.d[i].a), "b", card_source_name(ag.d[i].b)));
        json_object_set_new(report, "disagreements", list);
        json_array_append_new(json_object_get(report, "reasons"), json_string("identity_mismatch"));
    }
    json_object_set_new(
        report, "agreement_sources",
        json_pack("{s:b, s:b, s:b}", "DG1", have1, "DG13", have13, "QR", s->acc->qr != NULL));
    if (have1)
        explicit_bzero(&m, sizeof(m));
    if (have13)
        emrtd_dg13_wipe(&d);
}

static enum emrtd_auth_outcome card_aa_outcome(enum card_auth_outcome o)
{
    switch (o) {
    case CARD_AUTH_OK:
        return AUTH_OK;
    case CARD_AUTH_FAILED:
        return AUTH_FAILED;
    case CARD_AUTH_NOT_SUPPORTED:
        return AUTH_NOT_SUPPORTED;
    case CARD_AUTH_REFUSED:
        return AUTH_REFUSED;
    default:
        return AUTH_NOT_DONE;
    }
}

/* The verdict: card-data's emrtd_verify over the files read, the trust store and the AA and
 * CA outcomes. */
static int card_verdict(struct card_sess *s, json_t *report, enum chip_verdict *v)
{
    static const int dgs[] = {F_DG1, F_DG2, F_DG13, F_DG14, F_DG15};
    static const int dg_no[] = {1, 2, 13, 14, 15};
    struct emrtd_pa_file pf[5];
    struct emrtd_trust trust = {0};
    struct emrtd_verdict out;
    int n = 0, rc;

    uint32_t tried = 0;
    memset(&out, 0, sizeof(out));
    for (size_t i = 0; i < sizeof(dgs) / sizeof(dgs[0]); i++) {
        if (s->fstatus[dgs[i]] && strcmp(s->fstatus[dgs[i]], CARD_NOT_LISTED) != 0)
            tried |= 1u << dg_no[i]; /* asked for: read, absent, denied or malformed */
        if (card_file_ok(s, dgs[i])) {
            pf[n].dg = dg_no[i];
            pf[n].data = s->files[dgs[i]].data;
            pf[n].len = s->files[dgs[i]].len;
            n++;
        }
    }
    if (emrtd_trust_load(s->opts->trust_dir ? s->opts->trust_dir : "", &trust, NULL) != 0)
        memset(&trust, 0, sizeof(trust));
    struct emrtd_verify_input in = {
        .files = pf,
        .n_files = n,
        .sod = card_file_ok(s, F_SOD) ? s->files[F_SOD].data : NULL,
        .sod_len = card_file_ok(s, F_SOD) ? s->files[F_SOD].len : 0,
        .trust = &trust,
        .now = 0,
        .aa = card_aa_outcome(s->aa),
        .ca = card_aa_outcome(s->ca),
        .access = s->method && !strncmp(s->method, "PACE", 4) ? "PACE" : "BAC",
        .tried = tried,
    };
    rc = emrtd_verify(&in, &out);
    emrtd_trust_free(&trust);
    if (rc != 0)
        return rc == VERIFY_E_NOMEM ? CARD_ENOMEM : CARD_EINVAL;
    *v = out.verdict;
    json_t *reasons = json_array();
    for (int i = 0; i < out.n_reasons; i++)
        json_array_append_new(reasons, json_string(out.reasons[i]));
    json_object_set_new(report, "reasons", reasons);
    json_error_t jerr;
    json_t *vr = out.report_json ? json_loads(out.report_json, 0, &jerr) : NULL;
    if (vr)
        json_object_set_new(report, "verification", vr);
    emrtd_verdict_free(&out);
    return 0;
}

static const char *card_auth_name(enum card_auth_outcome o)
{
    switch (o) {
    case CARD_AUTH_OK:
        return "ok";
    case CARD_AUTH_FAILED:
        return "failed";
    case CARD_AUTH_NOT_SUPPORTED:
        return "not_supported";
    case CARD_AUTH_REFUSED:
        return "refused";
    default:
        return "not_done";
    }
}

static char *card_report(struct card_sess *s, enum chip_verdict v, json_t *root, double total_ms)
{
    json_t *steps = json_array(), *files = json_object();
    char *out;

    json_object_set_new(root, "verdict", json_string(app_verdict_name(v)));
    json_object_set_new(root, "access", json_string(s->method ? s->method : "none"));
    json_object_set_new(root, "card_type",
                        json_string(s->ch.card.type == READER_CARD_B ? "B" : "A"));
    json_object_set_new(root, "kbps", json_integer(s->ch.card.kbps));
    json_object_set_new(root, "active_auth", json_string(card_auth_name(s->aa)));
    if (s->aa_detail)
        json_object_set_new(root, "active_auth_detail", json_string(s->aa_detail));
    json_object_set_new(root, "chip_auth", json_string(card_auth_name(s->ca)));
    if (s->ca_detail)
        json_object_set_new(root, "chip_auth_detail", json_string(s->ca_detail));
    json_object_set_new(root, "apdus", json_integer((json_int_t)s->ch.stats.apdus));
    json_object_set_new(root, "bytes_out", json_integer((json_int_t)s->ch.stats.bytes_out));
    json_object_set_new(root, "bytes_in", json_integer((json_int_t)s->ch.stats.bytes_in));
    json_object_set_new(root, "chunk", json_integer((json_int_t)s->rctx.chunk));
    json_object_set_new(root, "resumes", json_integer(s->resumes));
    json_object_set_new(root, "total_ms", json_real(total_ms));
    for (int i = 0; i < s->nsteps; i++) {
        json_t *st = json_object();
        json_object_set_new(st, "step", json_string(s->steps[i].name));
        json_object_set_new(st, "ms", json_real(s->steps[i].ms));
        json_object_set_new(st, "apdus", json_integer((json_int_t)s->steps[i].apdus));
        json_array_append_new(steps, st);
    }
    json_object_set_new(root, "steps", steps);
    for (int i = 0; i < CARD_NFILES; i++) {
        json_t *f = json_object();
        json_object_set_new(f, "status", json_string(s->fstatus[i] ? s->fstatus[i] : "not_read"));
        json_object_set_new(f, "bytes", json_integer((json_int_t)s->files[i].len));
        json_object_set_new(files, card_files[i].name, f);
    }
    json_object_set_new(root, "files", files);
    out = json_dumps(root, JSON_COMPACT);
    return out;
}

void card_result_wipe(struct card_result *r)
{
    if (!r)
        return;
    if (r->report_json) {
        explicit_bzero(r->report_json, strlen(r->report_json));
        free(r->report_json);
    }
    app_blob_wipe(&r->face);
    app_evidence_wipe(&r->evidence);
    explicit_bzero(r, sizeof(*r));
}

/* The chip's signed data for the upstream: the files read whole move into ev, without a copy
 * (this runs last, when the verdict, identity and report no longer need them); DG2 is only
 * hashed. */
static int card_keep_evidence(struct card_sess *s, struct app_chip_evidence *ev)
{
    const struct {
        int file;
        struct app_blob *blob;
    } kept[] = {
        {F_SOD, &ev->sod},   {F_DG1, &ev->dg1},   {F_DG13, &ev->dg13},
        {F_DG14, &ev->dg14}, {F_DG15, &ev->dg15},
    };
    if (card_file_ok(s, F_DG2) &&
        card_evidence_dg2_hash(ev, s->files[F_DG2].data, s->files[F_DG2].len) != 0)
        return CARD_ENOMEM;
    for (size_t i = 0; i < sizeof(kept) / sizeof(kept[0]); i++)
        if (card_file_ok(s, kept[i].file))
            card_evidence_take(kept[i].blob, &s->files[kept[i].file]);
    snprintf(ev->ca, sizeof(ev->ca), "%s", card_auth_name(s->ca));
    if (card_evidence_aa(ev, card_auth_name(s->aa), s->aa_tr.sig_len ? &s->aa_tr : NULL) != 0)
        return CARD_ENOMEM;
    return 0;
}

static int card_session_loop(struct card_sess *s)
{
    int timeout = s->opts->timeout_ms > 0 ? s->opts->timeout_ms : CARD_DEFAULT_TIMEOUT;
    int rc;

    for (;;) {
        if (s->cancel && *s->cancel)
            return CARD_ECANCELLED;
        int64_t left = s->ch.deadline_ms - emrtd_now_ms();
        if (left <= 0)
            return CARD_ETIMEOUT;
        card_progress(s, s->resumes ? "put_card_back" : "wait_card", s->resumes ? -1 : 0);
        card_step_begin(s);
        struct emrtd_stats keep = s->ch.stats;
        rc = s->rd->ops->wait_card(s->rd->priv, left < timeout ? (int)left : timeout, s->cancel,
                                   &s->ch.card);
        card_step_end(s, "wait_card");
        if (rc == READER_ENOCARD)
            return s->resumes ? CARD_EREMOVED : CARD_ENOCARD;
        if (rc == READER_ECANCELLED)
            return CARD_ECANCELLED;
        if (rc) {
            s->ch.reader_rc = rc;
            return CARD_EREADER;
        }
        s->ch.stats = keep;
        if (!s->ch.card.iso_dep)
            return CARD_ENO_CHIP; /* a memory card (old ID, transport card): no APDUs */
        s->ch.sm = NULL;
        emrtd_sm_wipe(&s->sm);
        card_progress(s, "authenticate", 5);
        rc = card_auth(s);
        if (rc == 0)
            rc = card_read_files(s);
        if (rc == 0)
            rc = card_chip_auth(s);
        if (rc == 0)
            rc = card_active_auth(s);
        if (rc == 0)
            return 0;
        if (rc == EMRTD_ECANCELLED)
            return CARD_ECANCELLED;
        if (emrtd_now_ms() >= s->ch.deadline_ms)
            return CARD_ETIMEOUT; /* whatever the last exchange said: the time is up */
        if (rc == EMRTD_ECARD_GONE || rc == EMRTD_ESM) {
            /* A new session continues where this one stopped. */
            s->rd->ops->release(s->rd->priv);
            if (++s->resumes > CARD_MAX_RESUMES)
                return CARD_EREMOVED;
            continue;
        }
        if (rc == EMRTD_ENOTSUP) /* no protocol we can run with the data we were given */
            return (s->acc->doc_number[0] && s->acc->dob[0]) ? CARD_EINVAL : CARD_ENEED_MRZ;
        return card_map(rc);
    }
}

int card_read(const struct card_options *opts, const struct card_access *access,
              struct card_result *out, card_progress_fn progress, void *arg,
              const atomic_int *cancel)
{
    struct card_sess *s = NULL;
    struct timespec t0;
    json_t *report = NULL;
    enum chip_verdict v;
    int rc;

    if (out)
        memset(out, 0, sizeof(*out));
    if (!opts || !opts->device || !access || !out ||
        (!access->can[0] && !(access->doc_number[0] && access->dob[0])))
        return CARD_EINVAL;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (!(s = calloc(1, sizeof(*s))))
        return CARD_ENOMEM;
    s->opts = opts;
    s->acc = access;
    s->progress = progress;
    s->arg = arg;
    s->cancel = cancel;
    s->ch.timeout_ms = CARD_APDU_TIMEOUT;
    s->ch.cancel = cancel; /* honoured between APDUs, not only between sessions */
    s->ch.deadline_ms =
        emrtd_now_ms() +
        (opts->deadline_ms > 0
             ? opts->deadline_ms
             : (opts->timeout_ms > 0 ? opts->timeout_ms : CARD_DEFAULT_TIMEOUT) + CARD_READ_BUDGET);
    s->ef_ca.fid = 0x011C;
    s->ef_ca.sfi = 0x1C;
    for (int i = 0; i < CARD_NFILES; i++) {
        s->files[i].fid = card_files[i].fid;
        s->files[i].sfi = card_files[i].sfi;
    }
    card_step_begin(s);
    rc = reader_open(opts->device, &s->rd);
    card_step_end(s, "open_reader");
    if (rc) {
        s->ch.reader_rc = rc;
        rc = rc == READER_ENOMEM ? CARD_ENOMEM : rc == READER_EINVAL ? CARD_EINVAL : CARD_EREADER;
        goto out;
    }
    s->ch.rd = s->rd;
    if ((rc = card_session_loop(s)) != 0)
        goto out;
    card_progress(s, "verify", 98);
    if (!(report = json_object())) {
        rc = CARD_ENOMEM;
        goto out;
    }
    card_step_begin(s);
    v = CHIP_VERDICT_NONE;
    rc = card_verdict(s, report, &v);
    card_step_end(s, "verify");
    if (rc)
        goto out;
    rc = card_identity(s, &out->identity, report);
    if (rc == CARD_EFORGED)
        v = CHIP_FORGED;
    else if (rc)
        goto out;
    card_agreement(s, report);
    out->identity.verdict = v;
    out->identity.source = v == CHIP_GENUINE ? ID_SOURCE_CHIP_VERIFIED : ID_SOURCE_CHIP_UNVERIFIED;
    if (card_file_ok(s, F_DG2)) {
        struct emrtd_face face;
        if (emrtd_dg2_parse(s->files[F_DG2].data, s->files[F_DG2].len, &face) == 0) {
            if (app_blob_set(&out->face, face.image, face.image_len) != 0) {
                rc = CARD_ENOMEM;
                goto out;
            }
        } else {
            json_object_set_new(report, "face_error",
                                json_string("Ảnh chân dung trong chip: ảnh không đọc được / "
                                            "the portrait in the chip cannot be read"));
        }
    }
    out->report_json = card_report(s, v, report, card_ms_since(&t0));
    if (!out->report_json) {
        rc = CARD_ENOMEM;
        goto out;
    }
    if ((rc = card_keep_evidence(s, &out->evidence)) != 0)
        goto out;
    card_progress(s, "done", 100);
    rc = v == CHIP_FORGED ? CARD_EFORGED : 0;
out:
    if (rc != 0 && rc != CARD_EFORGED)
        card_result_wipe(out);
    if (rc == CARD_EREADER)
        out->reader_error = s->ch.reader_rc ? s->ch.reader_rc : READER_EIO;
    if (s->rd) {
        s->rd->ops->release(s->rd->priv);
        reader_close(s->rd);
    }
    json_decref(report);
    emrtd_sm_wipe(&s->sm);
    emrtd_file_wipe(&s->ef_ca);
    for (int i = 0; i < CARD_NFILES; i++)
        emrtd_file_wipe(&s->files[i]);
    explicit_bzero(s, sizeof(*s));
    free(s);
    return rc;
}
