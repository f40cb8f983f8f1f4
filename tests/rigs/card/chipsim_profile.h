/* chipsim_profile.h: writes small card profile directories for card-access's tests until (and
 * besides) card-data's factory: synthetic identity, EF.CardAccess as a CCCD announces it
 * (PACE-ECDH-GM-AES-128, brainpoolP256r1), TD1 DG1 with the given ID/DOB/DOE, DG13 and a JPEG
 * DG2 near a chosen size built with card-data's factory (cardf), DG15 with a fresh RSA-1024 or
 * EC P-256 AA key, DG14 with a Chip Authentication key when asked, EF.SOD signed by a fresh test DS
 * whose CSCA is written to dir/trust. The data are synthetic, never a real person's.
 *
 * chipsim_profile_tmpdir() makes a private directory in the test harness's own (test.h), which
 * removes it when the case ends; chipsim_profile_rmdir() removes it earlier. */
#ifndef TESTS_RIGS_CHIPSIM_PROFILE_H
#define TESTS_RIGS_CHIPSIM_PROFILE_H

#include <stddef.h>

struct chipsim_profile_opts {
    const char *personal_id; /* 12 digits; NULL: 001099012345 */
    const char *dob;         /* YYMMDD; NULL: 990101 */
    const char *doe;         /* YYMMDD or 991231 or <<<<<<; NULL: 240101 */
    int pace, bac, aa, aa_ec, type_b, ats_424;
    int clone;                   /* DG15 names another key than the chip holds */
    int no_card_access;          /* no EF.CardAccess file */
    size_t max_le;               /* 0: default 231; above 256 the chip takes extended Le */
    int atr_info;                /* EF.ATR/INFO announces the extended length limits */
    unsigned long removed_after; /* removed_after_apdus */
    size_t dg2_len;              /* DG2 size to approach from below; 0: 20000 */
    int truncate_dg1;            /* DG1 ends before its TLV length */
    int no_iso_dep;              /* a memory card: no ISO 14443-4 (card.ini iso_dep=0) */
    int no_emrtd_app;            /* a chip without the eMRTD application (emrtd_app=0) */
    int ca;                      /* Chip Authentication: DG14 with an ECDH brainpoolP256r1 key
                                    (id-CA-ECDH-AES-CBC-CMAC-128), ca_key.pem, ca=1 */
    int ca_clone;                /* with ca: the chip holds another key than DG14's */
    int no_sfi;                  /* READ BINARY by short EF id refused with 6A86 (sfi=0) */
};

/* Fills o with the defaults (PACE+BAC+AA RSA, type A, 424 kbps). */
void chipsim_profile_defaults(struct chipsim_profile_opts *o);
/* Writes the profile into the existing directory dir. 0 or -1. */
int chipsim_profile_write(const char *dir, const struct chipsim_profile_opts *o);
/* The profile's trust directory (its test CSCA): dir/trust. */
void chipsim_profile_trust(const char *dir, char *buf, size_t cap);
/* Creates a new private directory into buf (≥ 64 bytes) with the harness's test_fresh_dir():
 * removed when the case (or, outside a case, the program) ends. 0 or -1. */
int chipsim_profile_tmpdir(char *buf, size_t cap);
/* Removes dir and the files in it (one level). */
void chipsim_profile_rmdir(const char *dir);

#endif
