/* chip_sim_int.h: the software chip's state, shared by chip_sim.c (profile, files, dispatch)
 * and chip_sim_auth.c (BAC, PACE, AA). Private to those two files. */
#ifndef DRIVERS_CARD_CHIP_SIM_INT_H
#define DRIVERS_CARD_CHIP_SIM_INT_H

#include <openssl/evp.h>

#include "drivers/card/chip_sim.h"
#include "drivers/card/emrtd_apdu.h"
#include "drivers/card/emrtd_pace.h"
#include "drivers/card/emrtd_sm.h"

#define CHIP_SIM_NFILES 9

struct chip_sim_file {
    uint16_t fid;
    uint8_t sfi;
    const char *name; /* file name in the profile directory */
    int open_access;  /* readable without BAC/PACE (EF.CardAccess) */
    int eac;          /* needs terminal authentication: always refused (DG3) */
    uint8_t *data;    /* NULL: not on the chip */
    size_t len;
};

struct chip_sim_pace {
    int step; /* 0 idle, 1 after MSE, 2 nonce sent, 3 mapped, 4 keys agreed */
    int pw_type;
    uint8_t s[16];
    EC_GROUP *g;
    BIGNUM *sk_map, *sk_eph;
    EC_POINT *gen;
    uint8_t pk_eph_pcd[140], pk_eph_ic[140];
    size_t pk_eph_pcd_len, pk_eph_ic_len;
    uint8_t kenc[32], kmac[32];
};

struct chip_sim {
    /* profile */
    char name[64];
    uint8_t uid[10];
    size_t uid_len;
    int type_b, pace, bac, aa, ats_424, iso_dep, emrtd_app;
    int sfi; /* READ BINARY by short EF id taken; 0: answered 6A86 (incorrect P1-P2) */
    char can[7], doc_number[10], dob[7], doe[7];
    size_t max_le; /* READ BINARY Le limit; above 256 the chip takes extended Le */
    int atr_info;  /* EF.ATR/INFO announces the extended length limits */
    unsigned long removed_after;
    unsigned long more_forever_after; /* a hostile chip: from this APDU on, "61 10" for ever */
    struct chip_sim_file files[CHIP_SIM_NFILES];
    struct emrtd_pace_info pace_info;
    int pace_ok; /* EF.CardAccess announces a PACEInfo we run */
    EVP_PKEY *aa_key;
    int ca;
    EVP_PKEY *ca_key;

    /* field */
    unsigned long apdus;
    int removed_done;
    int absent_polls;

    /* session */
    int app_selected;
    int cur; /* index into files, -1 none */
    int authenticated;
    int sm_on;
    struct emrtd_sm sm;
    uint8_t rnd_icc[8];
    int challenge;
    struct chip_sim_pace pc;
    size_t ca_key_len; /* after MSE:Set AT for CA; 0 otherwise */
    int sm_switch;     /* CA done: switch to sm_next once this answer is wrapped */
    struct emrtd_sm sm_next;

    /* A response longer than a short R-APDU, served by GET RESPONSE (61xx chaining). */
    uint8_t pending[640];
    size_t pending_len, pending_off;
};

/* A response being built: data + SW. */
struct chip_sim_resp {
    uint8_t data[EMRTD_MAX_EXT_CHUNK + 64];
    size_t len;
    uint16_t sw;
};

void chip_sim_auth_reset(struct chip_sim *c);
void chip_sim_get_challenge(struct chip_sim *c, const struct emrtd_apdu *a,
                            struct chip_sim_resp *r);
void chip_sim_mutual_auth(struct chip_sim *c, const struct emrtd_apdu *a, struct chip_sim_resp *r);
void chip_sim_mse(struct chip_sim *c, const struct emrtd_apdu *a, struct chip_sim_resp *r);
void chip_sim_general_auth(struct chip_sim *c, const struct emrtd_apdu *a, struct chip_sim_resp *r);
void chip_sim_internal_auth(struct chip_sim *c, const struct emrtd_apdu *a,
                            struct chip_sim_resp *r);

#endif
