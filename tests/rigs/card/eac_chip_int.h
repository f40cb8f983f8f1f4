/* eac_chip_int.h: the OpenPACE chip's state, shared by eac_chip.c (profile, files, dispatch,
 * secure messaging) and eac_chip_auth.c (PACE and Chip Authentication). Private to them. */
#ifndef TESTS_RIGS_EAC_CHIP_INT_H
#define TESTS_RIGS_EAC_CHIP_INT_H

#include <eac/eac.h>
#include <eac/pace.h>
#include <pthread.h>

#include "tests/rigs/card/eac_chip.h"

#define EAC_CHIP_NFILES   8
#define EAC_CHIP_MAX_DATA 65536

struct eac_chip_file {
    uint16_t fid;
    uint8_t sfi;
    const char *name;
    int open_access; /* EF.CardAccess: readable before PACE */
    uint8_t *data;   /* NULL: not on the chip */
    size_t len;
};

/* A command after SM unwrapping (or as sent, when plain). */
struct eac_cmd {
    uint8_t cla, ins, p1, p2;
    const uint8_t *data;
    size_t lc;
    size_t le; /* 0: none; up to 65536 */
};

/* A response being built: data + SW. */
struct eac_resp {
    uint8_t data[EAC_CHIP_MAX_DATA];
    size_t len;
    uint16_t sw;
};

struct eac_chip {
    /* profile */
    char can[7];
    char mrz[91]; /* DG1's MRZ (TD1, 90 characters): the PACE-MRZ password */
    int ca;
    uint8_t *ca_key_der; /* the chip's CA private key, DER (for CA_set_key) */
    size_t ca_key_der_len;
    size_t max_le;
    unsigned long removed_after; /* card.ini removed_after_apdus: leaves the field once */
    struct eac_chip_file files[EAC_CHIP_NFILES];

    /* field */
    unsigned long apdus;
    int removed_done;

    /* session */
    EAC_CTX *ctx;     /* OpenPACE: PACE, CA and the SM keys and SSC */
    PACE_SEC *sec;    /* the password of the PACE run under way */
    int pace_step;    /* 0 idle, 1 after MSE, 2 nonce sent, 3 mapped, 4 keys agreed */
    BUF_MEM *pcd_eph; /* the terminal's ephemeral key (its token is over ours, ours over it) */
    int sm_on, authenticated, app_selected, cur;
    int ca_ready;  /* MSE:Set AT for CA accepted */
    int ca_switch; /* CA done: switch to its keys once this answer is wrapped */

    struct eac_resp resp; /* the answer being built */
    pthread_mutex_t mu;   /* guards stats */
    struct eac_chip_stats stats;
};

/* eac_chip_auth.c */
void eac_chip_auth_reset(struct eac_chip *c);
void eac_chip_mse(struct eac_chip *c, const struct eac_cmd *a, struct eac_resp *r);
void eac_chip_general_auth(struct eac_chip *c, const struct eac_cmd *a, struct eac_resp *r);
/* After the CA answer went out under the PACE keys: SM moves to CA's keys (SSC 0). */
int eac_chip_ca_switch(struct eac_chip *c);

/* eac_chip.c */
void eac_chip_count(struct eac_chip *c, unsigned long *counter);
/* One BER-TLV at p (tag 1-2 bytes, length 1-3 bytes): 0, or -1. */
int eac_chip_tlv(const uint8_t *p, size_t n, unsigned *tag, const uint8_t **val, size_t *vlen,
                 size_t *total);
/* Finds tag among the TLVs in [p, p+n): 0 and the value, or -1. */
int eac_chip_tlv_find(const uint8_t *p, size_t n, unsigned tag, const uint8_t **val, size_t *vlen);

#endif
