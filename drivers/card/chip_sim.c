/* chip_sim.c: the software chip's profile loading, file system and APDU dispatch.
 *
 * Dispatch: a command with CLA bits 0C is unwrapped with the session's SM (a bad MAC ends the
 * session: plain 6988); a plain command while SM is on also ends the session (ICAO 9303-11
 * §9.8.7), then runs unauthenticated. Answers to protected commands are wrapped, errors too.
 * Files: EF.CardAccess is readable at any time; the data groups and EF.COM/EF.SOD need an
 * authenticated session (6982 otherwise); DG3 is always refused (EAC). The chip never reads
 * the profile again after open: what it serves is fixed in memory. */
#include "drivers/card/chip_sim_int.h"
#include "drivers/card/tlv.h"
#include "kiosk/base/file_read.h"

#include <errno.h>
#include <ini.h>
#include <openssl/pem.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHIP_SIM_MAX_FILE       (1u << 20)
#define CHIP_SIM_DEFAULT_MAX_LE 231

static const uint8_t chip_sim_aid[7] = {0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01};

static const struct chip_sim_file chip_sim_layout[CHIP_SIM_NFILES] = {
    {0x011C, 0x1C, "EF.CardAccess", 1, 0, NULL, 0}, {0x011E, 0x1E, "EF.COM", 0, 0, NULL, 0},
    {0x011D, 0x1D, "EF.SOD", 0, 0, NULL, 0},        {0x0101, 0x01, "DG1", 0, 0, NULL, 0},
    {0x0102, 0x02, "DG2", 0, 0, NULL, 0},           {0x0103, 0x03, "DG3", 0, 1, NULL, 0},
    {0x010D, 0x0D, "DG13", 0, 0, NULL, 0},          {0x010E, 0x0E, "DG14", 0, 0, NULL, 0},
    {0x010F, 0x0F, "DG15", 0, 0, NULL, 0},
};

const char *chip_sim_strerror(int code)
{
    switch (code) {
    case CHIP_SIM_OK:
        return "ok";
    case CHIP_SIM_ENOMEM:
        return "out of memory";
    case CHIP_SIM_EPROFILE:
        return "card profile missing or invalid";
    case CHIP_SIM_EKEY:
        return "card profile key unreadable";
    case CHIP_SIM_EREMOVED:
        return "card removed from the field";
    case CHIP_SIM_EINVAL:
        return "invalid argument";
    }
    return "unknown error";
}

static int sim_hex(const char *s, uint8_t *out, size_t cap, size_t *n)
{
    size_t l = strlen(s);
    if (l % 2 || l / 2 > cap || l == 0)
        return -1;
    for (size_t i = 0; i < l / 2; i++) {
        unsigned v;
        if (sscanf(s + 2 * i, "%2x", &v) != 1)
            return -1;
        out[i] = (uint8_t)v;
    }
    *n = l / 2;
    return 0;
}

static int sim_copy(char *dst, size_t cap, const char *v)
{
    if (strlen(v) >= cap)
        return 0;
    strcpy(dst, v);
    return 1;
}

static int sim_ini(void *user, const char *section, const char *key, const char *v)
{
    struct chip_sim *c = user;

    if (strcmp(section, "card") != 0)
        return 1; /* other sections belong to the factory */
    if (!strcmp(key, "name"))
        return sim_copy(c->name, sizeof(c->name), v);
    if (!strcmp(key, "uid"))
        return sim_hex(v, c->uid, sizeof(c->uid), &c->uid_len) == 0 &&
               (c->uid_len == 4 || c->uid_len == 7);
    if (!strcmp(key, "type")) {
        c->type_b = (v[0] == 'B' || v[0] == 'b');
        return 1;
    }
    if (!strcmp(key, "pace"))
        c->pace = atoi(v);
    else if (!strcmp(key, "bac"))
        c->bac = atoi(v);
    else if (!strcmp(key, "aa"))
        c->aa = atoi(v);
    else if (!strcmp(key, "ca"))
        c->ca = atoi(v);
    else if (!strcmp(key, "iso_dep"))
        c->iso_dep = atoi(v);
    else if (!strcmp(key, "emrtd_app"))
        c->emrtd_app = atoi(v);
    else if (!strcmp(key, "sfi"))
        c->sfi = atoi(v);
    else if (!strcmp(key, "atr_ts_424"))
        c->ats_424 = atoi(v);
    else if (!strcmp(key, "can"))
        return sim_copy(c->can, sizeof(c->can), v);
    else if (!strcmp(key, "doc_number"))
        return sim_copy(c->doc_number, sizeof(c->doc_number), v);
    else if (!strcmp(key, "dob"))
        return sim_copy(c->dob, sizeof(c->dob), v);
    else if (!strcmp(key, "doe"))
        return sim_copy(c->doe, sizeof(c->doe), v);
    else if (!strcmp(key, "max_le")) {
        long n = atol(v);
        if (n < 1 || n > EMRTD_MAX_EXT_CHUNK)
            return 0;
        c->max_le = (size_t)n;
    } else if (!strcmp(key, "atr_info")) {
        c->atr_info = atoi(v);
    } else if (!strcmp(key, "removed_after_apdus"))
        c->removed_after = strtoul(v, NULL, 10);
    else if (!strcmp(key, "more_data_forever_after_apdus"))
        c->more_forever_after = strtoul(v, NULL, 10);
    return 1; /* unknown keys: ignored */
}

static int sim_read_file(const char *dir, const char *name, uint8_t **data, size_t *len)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    int rc = file_read_all(path, CHIP_SIM_MAX_FILE, data, len);
    if (rc == FILE_READ_ENOENT)
        return 0; /* a file the chip does not have */
    return rc == FILE_READ_OK ? 0 : rc == FILE_READ_ENOMEM ? CHIP_SIM_ENOMEM : CHIP_SIM_EPROFILE;
}

int chip_sim_open(const char *dir, struct chip_sim **out)
{
    struct chip_sim *c;
    char path[4096];
    int rc;

    *out = NULL;
    if (!dir)
        return CHIP_SIM_EINVAL;
    if (!(c = calloc(1, sizeof(*c))))
        return CHIP_SIM_ENOMEM;
    c->max_le = CHIP_SIM_DEFAULT_MAX_LE;
    c->bac = 1;
    c->iso_dep = 1;
    c->emrtd_app = 1;
    c->sfi = 1;
    memcpy(c->files, chip_sim_layout, sizeof(c->files));
    snprintf(path, sizeof(path), "%s/card.ini", dir);
    if (ini_parse(path, sim_ini, c) != 0) {
        rc = CHIP_SIM_EPROFILE;
        goto fail;
    }
    if (c->uid_len == 0) {
        static const uint8_t def_uid[7] = {0x04, 0xA1, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6};
        memcpy(c->uid, def_uid, 7);
        c->uid_len = 7;
    }
    for (int i = 0; i < CHIP_SIM_NFILES; i++)
        if ((rc = sim_read_file(dir, c->files[i].name, &c->files[i].data, &c->files[i].len)) != 0)
            goto fail;
    if (c->pace && c->files[0].data &&
        emrtd_pace_parse_card_access(c->files[0].data, c->files[0].len, &c->pace_info) == 0)
        c->pace_ok = 1;
    if (c->aa) {
        FILE *f;
        snprintf(path, sizeof(path), "%s/aa_key.pem", dir);
        if (!(f = fopen(path, "r"))) {
            rc = CHIP_SIM_EKEY;
            goto fail;
        }
        c->aa_key = PEM_read_PrivateKey(f, NULL, NULL, NULL);
        fclose(f);
        if (!c->aa_key) {
            rc = CHIP_SIM_EKEY;
            goto fail;
        }
    }
    if (c->ca) {
        FILE *f;
        snprintf(path, sizeof(path), "%s/ca_key.pem", dir);
        if (!(f = fopen(path, "r"))) {
            rc = CHIP_SIM_EKEY;
            goto fail;
        }
        c->ca_key = PEM_read_PrivateKey(f, NULL, NULL, NULL);
        fclose(f);
        if (!c->ca_key) {
            rc = CHIP_SIM_EKEY;
            goto fail;
        }
    }
    chip_sim_power_on(c);
    *out = c;
    return 0;
fail:
    chip_sim_free(c);
    return rc;
}

void chip_sim_free(struct chip_sim *c)
{
    if (!c)
        return;
    chip_sim_auth_reset(c);
    for (int i = 0; i < CHIP_SIM_NFILES; i++) {
        if (c->files[i].data)
            explicit_bzero(c->files[i].data, c->files[i].len);
        free(c->files[i].data);
    }
    EVP_PKEY_free(c->aa_key);
    EVP_PKEY_free(c->ca_key);
    explicit_bzero(c, sizeof(*c));
    free(c);
}

void chip_sim_get_info(const struct chip_sim *c, struct chip_sim_info *info)
{
    memset(info, 0, sizeof(*info));
    info->type_b = c->type_b;
    memcpy(info->uid, c->uid, c->uid_len);
    info->uid_len = c->uid_len;
    info->ats_424 = c->ats_424;
    info->iso_dep = c->iso_dep;
    /* TL=6, T0=78 (FSCI 8: 256-byte frames; TA, TB, TC follow), TA(1), TB(1)=81 (FWI 8),
     * TC(1)=02, one historical byte. TA(1)=0x22 declares DS=DR=424 kbps (ISO 14443-4 §5.2.4). */
    static const uint8_t ats[6] = {0x06, 0x78, 0x00, 0x81, 0x02, 0x80};
    memcpy(info->ats, ats, sizeof(ats));
    info->ats[2] = c->ats_424 ? 0x22 : 0x00;
    info->ats_len = sizeof(ats);
}

int chip_sim_poll(struct chip_sim *c)
{
    if (c->absent_polls > 0) {
        c->absent_polls--;
        return 0;
    }
    return 1;
}

void chip_sim_power_on(struct chip_sim *c)
{
    chip_sim_auth_reset(c);
    c->app_selected = 0;
    c->cur = -1;
}

unsigned long chip_sim_apdu_count(const struct chip_sim *c)
{
    return c->apdus;
}

static void sim_sw(struct chip_sim_resp *r, uint16_t sw)
{
    r->len = 0;
    r->sw = sw;
}

static int sim_find(const struct chip_sim *c, uint16_t fid, int by_sfi)
{
    for (int i = 0; i < CHIP_SIM_NFILES; i++)
        if (by_sfi ? c->files[i].sfi == fid : c->files[i].fid == fid)
            return i;
    return -1;
}

/* Checks a file may be selected now: 0 or the SW to answer. */
static uint16_t sim_file_access(const struct chip_sim *c, int i)
{
    if (i < 0)
        return EMRTD_SW_NOT_FOUND;
    const struct chip_sim_file *f = &c->files[i];
    if (!f->open_access && !c->app_selected)
        return EMRTD_SW_NOT_FOUND;
    if (f->eac)
        return EMRTD_SW_SEC_STATUS;
    if (!f->open_access && !c->authenticated)
        return EMRTD_SW_SEC_STATUS;
    if (!f->data)
        return EMRTD_SW_NOT_FOUND;
    return 0;
}

static void sim_select(struct chip_sim *c, const struct emrtd_apdu *a, struct chip_sim_resp *r)
{
    uint16_t sw;
    int i;

    if (a->p1 == 0x04) {
        if (c->emrtd_app && a->lc == sizeof(chip_sim_aid) &&
            memcmp(a->data, chip_sim_aid, a->lc) == 0) {
            c->app_selected = 1;
            c->cur = -1;
            sim_sw(r, EMRTD_SW_OK);
        } else {
            sim_sw(r, EMRTD_SW_NOT_FOUND);
        }
        return;
    }
    /* The CCCD refuses the MF (6D00), by P1=00 or by FID 3F00. */
    if (a->p1 == 0x00 || (a->lc == 2 && a->data[0] == 0x3F && a->data[1] == 0x00)) {
        sim_sw(r, EMRTD_SW_INS_UNSUPPORTED);
        return;
    }
    if (a->p1 != 0x02 || a->lc != 2) {
        sim_sw(r, EMRTD_SW_WRONG_P1P2);
        return;
    }
    i = sim_find(c, (uint16_t)(a->data[0] << 8 | a->data[1]), 0);
    if ((sw = sim_file_access(c, i)) != 0) {
        sim_sw(r, sw);
        return;
    }
    c->cur = i;
    sim_sw(r, EMRTD_SW_OK);
}

/* EF.ATR/INFO in the MF (SFI 01, before the application is selected): DO'7F66' with the
 * largest C-APDU (a short one) and R-APDU (max_le + SW) this chip takes. */
static void sim_read_atr_info(const struct chip_sim *c, const struct emrtd_apdu *a,
                              struct chip_sim_resp *r)
{
    size_t max_r = c->max_le + 2; /* Le bytes + SW: under SM the reader asks less data */
    const uint8_t info[] = {0x7F,          0x66, 0x08, 0x02, 0x02,
                            0x01,          0x05, 0x02, 0x02, (uint8_t)(max_r >> 8),
                            (uint8_t)max_r};
    size_t n = a->p2 < sizeof(info) ? sizeof(info) - a->p2 : 0;
    if (n > a->le)
        n = a->le;
    memcpy(r->data, info + a->p2, n);
    r->len = n;
    r->sw = n < a->le ? EMRTD_SW_EOF_WARNING : EMRTD_SW_OK;
}

static void sim_read(struct chip_sim *c, const struct emrtd_apdu *a, struct chip_sim_resp *r)
{
    size_t off, le = a->le, hdr = 0;
    uint16_t sw;

    if (a->ins == 0xB0 && a->p1 == 0x81 && c->atr_info && !c->app_selected) {
        sim_read_atr_info(c, a, r);
        return;
    }
    if (a->ins == 0xB0 && (a->p1 & 0x80)) {
        if (!c->sfi) { /* a chip that addresses files by FID only */
            sim_sw(r, EMRTD_SW_INCORRECT_P1P2);
            return;
        }
        int i = sim_find(c, a->p1 & 0x1F, 1);
        if ((sw = sim_file_access(c, i)) != 0) {
            sim_sw(r, sw);
            return;
        }
        c->cur = i;
        off = a->p2;
    } else if (a->ins == 0xB0) {
        off = (size_t)a->p1 << 8 | a->p2;
    } else {
        /* B1: offset in DO'54' (1-3 bytes). */
        struct tlv t;
        if (a->p1 != 0 || a->p2 != 0 || tlv_first(a->data, a->lc, &t) != 0 || t.tag != 0x54 ||
            t.len < 1 || t.len > 3) {
            sim_sw(r, EMRTD_SW_WRONG_P1P2);
            return;
        }
        off = 0;
        for (size_t k = 0; k < t.len; k++)
            off = off << 8 | t.value[k];
    }
    if (c->cur < 0) {
        sim_sw(r, 0x6986); /* no current EF */
        return;
    }
    if (le == 0 || le > c->max_le) {
        sim_sw(r, EMRTD_SW_WRONG_LENGTH);
        return;
    }
    const struct chip_sim_file *f = &c->files[c->cur];
    if (off > f->len) {
        sim_sw(r, EMRTD_SW_WRONG_P1P2);
        return;
    }
    if (a->ins == 0xB1) {
        hdr = le - 2 < 0x80 ? 2 : le - 3 < 0x100 ? 3 : 4;
        if (le <= hdr) {
            sim_sw(r, EMRTD_SW_WRONG_LENGTH);
            return;
        }
        le -= hdr;
    }
    size_t n = f->len - off < le ? f->len - off : le;
    size_t o = 0;
    if (a->ins == 0xB1) {
        r->data[o++] = 0x53;
        if (n >= 0x100) {
            r->data[o++] = 0x82;
            r->data[o++] = (uint8_t)(n >> 8);
        } else if (n >= 0x80) {
            r->data[o++] = 0x81;
        }
        r->data[o++] = (uint8_t)n;
    }
    memcpy(r->data + o, f->data + off, n);
    r->len = o + n;
    r->sw = n < le ? EMRTD_SW_EOF_WARNING : EMRTD_SW_OK;
}

static void sim_dispatch(struct chip_sim *c, const struct emrtd_apdu *a, struct chip_sim_resp *r)
{
    switch (a->ins) {
    case 0xA4:
        sim_select(c, a, r);
        return;
    case 0xB0:
    case 0xB1:
        sim_read(c, a, r);
        return;
    case 0x84:
        chip_sim_get_challenge(c, a, r);
        return;
    case 0x82:
        chip_sim_mutual_auth(c, a, r);
        return;
    case 0x22:
        chip_sim_mse(c, a, r);
        return;
    case 0x86:
        chip_sim_general_auth(c, a, r);
        return;
    case 0x88:
        chip_sim_internal_auth(c, a, r);
        return;
    }
    sim_sw(r, EMRTD_SW_INS_UNSUPPORTED);
}

/* Parses a plain C-APDU: short, or with an extended Le (Lc ≤ 255 either way). */
static int sim_parse_plain(const uint8_t *cmd, size_t clen, struct emrtd_apdu *a)
{
    memset(a, 0, sizeof(*a));
    if (clen < 4)
        return -1;
    a->cla = cmd[0];
    a->ins = cmd[1];
    a->p1 = cmd[2];
    a->p2 = cmd[3];
    if (clen == 4)
        return 0;
    if (clen == 5) {
        a->le = cmd[4] ? cmd[4] : 256;
        return 0;
    }
    if (cmd[4] == 0) { /* extended: 00 Le Le, or 00 Lc Lc data Le Le */
        if (clen == 7) {
            a->le = (size_t)(cmd[5] << 8 | cmd[6]);
            a->le = a->le ? a->le : 65536;
            return 0;
        }
        if (clen < 8 || cmd[5] != 0 || cmd[6] == 0)
            return -1;
        a->lc = cmd[6];
        a->data = cmd + 7;
        if (clen == 9 + a->lc) {
            a->le = (size_t)(cmd[7 + a->lc] << 8 | cmd[8 + a->lc]);
            a->le = a->le ? a->le : 65536;
        }
        return clen == 7 + a->lc || clen == 9 + a->lc ? 0 : -1;
    }
    a->lc = cmd[4];
    if (a->lc == 0 || clen < 5 + a->lc || clen > 6 + a->lc)
        return -1;
    a->data = cmd + 5;
    if (clen == 6 + a->lc)
        a->le = cmd[5 + a->lc] ? cmd[5 + a->lc] : 256;
    return 0;
}

/* Hands out the next part of a chained response: data + 61xx while more is left, else the
 * final part with its own SW. */
static int sim_get_response(struct chip_sim *c, size_t le, uint8_t *r, size_t *rlen)
{
    size_t left = c->pending_len - c->pending_off, n;

    if (left <= 258 && le >= left - 2) {
        memcpy(r, c->pending + c->pending_off, left);
        *rlen = left;
        c->pending_len = c->pending_off = 0;
        return 0;
    }
    n = le < left ? le : left;
    if (n > 256)
        n = 256;
    memcpy(r, c->pending + c->pending_off, n);
    c->pending_off += n;
    left -= n;
    r[n] = 0x61;
    r[n + 1] = (uint8_t)(left - 2 >= 256 ? 0 : left - 2);
    *rlen = n + 2;
    return 0;
}

/* Sends a response of any length: as is when it fits a short R-APDU (or the command was
 * extended and the caller's buffer holds it), else chained. */
static int sim_emit(struct chip_sim *c, const uint8_t *resp, size_t n, int ext, uint8_t *r,
                    size_t rcap, size_t *rlen)
{
    if (n <= EMRTD_MAX_RAPDU || (ext && n <= rcap)) {
        memcpy(r, resp, n);
        *rlen = n;
        return 0;
    }
    if (n > sizeof(c->pending))
        return CHIP_SIM_EINVAL;
    memcpy(c->pending, resp, n);
    c->pending_len = n;
    c->pending_off = 0;
    return sim_get_response(c, 256, r, rlen);
}

int chip_sim_apdu(struct chip_sim *c, const uint8_t *cmd, size_t clen, uint8_t *r, size_t rcap,
                  size_t *rlen)
{
    struct chip_sim_resp resp;
    struct emrtd_apdu a;
    uint8_t buf[300], wrapped[EMRTD_MAX_EXT_RAPDU + 64];
    int prot = 0, rc = 0;
    int ext = clen >= 7 && cmd[4] == 0; /* an extended command may get an extended answer */

    *rlen = 0;
    if (rcap < EMRTD_MAX_RAPDU + 16)
        return CHIP_SIM_EINVAL;
    c->apdus++;
    if (c->removed_after && !c->removed_done && c->apdus > c->removed_after) {
        c->removed_done = 1;
        c->absent_polls = 1;
        chip_sim_power_on(c);
        return CHIP_SIM_EREMOVED;
    }
    if (c->more_forever_after && c->apdus >= c->more_forever_after) {
        /* "more data waiting" to every command, GET RESPONSE included, and never any data */
        r[0] = 0x61;
        r[1] = 0x10;
        *rlen = 2;
        return 0;
    }
    if (clen >= 4 && cmd[0] == 0x00 && cmd[1] == 0xC0 && c->pending_len) {
        size_t le = clen >= 5 ? (cmd[4] ? cmd[4] : 256) : 256;
        return sim_get_response(c, le, r, rlen);
    }
    c->pending_len = c->pending_off = 0;
    memset(&resp, 0, sizeof(resp));
    if (clen >= 1 && (cmd[0] & 0x0C) == 0x0C) {
        if (!c->sm_on || emrtd_sm_unwrap_cmd(&c->sm, cmd, clen, &a, buf, sizeof(buf)) != 0) {
            chip_sim_auth_reset(c);
            resp.sw = EMRTD_SW_SM_WRONG;
            goto plain;
        }
        prot = 1;
    } else {
        if (c->sm_on)
            chip_sim_auth_reset(c);
        if (sim_parse_plain(cmd, clen, &a) != 0) {
            resp.sw = EMRTD_SW_WRONG_LENGTH;
            goto plain;
        }
    }
    sim_dispatch(c, &a, &resp);
    if (prot && c->sm_on) {
        size_t wl = 0;
        if (emrtd_sm_wrap_resp(&c->sm, resp.data, resp.len, resp.sw, a.ins & 1, wrapped,
                               sizeof(wrapped), &wl) != 0 ||
            sim_emit(c, wrapped, wl, ext, r, rcap, rlen) != 0)
            rc = CHIP_SIM_EINVAL;
        if (c->sm_switch) { /* CA: the answer went under the old keys, the rest the new */
            c->sm = c->sm_next;
            emrtd_sm_wipe(&c->sm_next);
            c->sm_switch = 0;
        }
        goto out;
    }
plain:
    if (resp.len + 2 > sizeof(wrapped)) {
        rc = CHIP_SIM_EINVAL;
        goto out;
    }
    memcpy(wrapped, resp.data, resp.len);
    wrapped[resp.len] = (uint8_t)(resp.sw >> 8);
    wrapped[resp.len + 1] = (uint8_t)resp.sw;
    if (sim_emit(c, wrapped, resp.len + 2, ext, r, rcap, rlen) != 0)
        rc = CHIP_SIM_EINVAL;
out:
    explicit_bzero(&resp, sizeof(resp));
    explicit_bzero(buf, sizeof(buf));
    explicit_bzero(wrapped, sizeof(wrapped));
    return rc;
}
