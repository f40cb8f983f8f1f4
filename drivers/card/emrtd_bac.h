/* emrtd_bac.h: Basic Access Control (ICAO 9303-11 §4.3, Appendix D.3), terminal and chip side.
 *
 * The key comes from the MRZ information: document number (for a CCCD the last 9 digits of the
 * personal ID), date of birth and date of expiry, each with its check digit. A successful run
 * leaves a 3DES secure-messaging session in *sm; the caller owns it and wipes it. Keys and
 * random challenges are wiped before return. */
#ifndef DRIVERS_CARD_EMRTD_BAC_H
#define DRIVERS_CARD_EMRTD_BAC_H

#include <stddef.h>
#include <stdint.h>

#include "drivers/card/emrtd_apdu.h"
#include "drivers/card/emrtd_sm.h"

#define EMRTD_MRZ_INFO_SIZE 25 /* 9+1 + 6+1 + 6+1 + NUL */

/* MRZ_information = doc(9, '<'-padded)+cd + dob+cd + doe+cd. doe may be "<<<<<<". */
int emrtd_bac_mrz_info(const char *doc, const char *dob, const char *doe,
                       char out[EMRTD_MRZ_INFO_SIZE]);
/* Kenc and Kmac from MRZ_information (also the PACE password when the MRZ is used). */
int emrtd_bac_keys(const char *mrz_info, uint8_t kenc[16], uint8_t kmac[16]);

/* Terminal: E_IFD || M_IFD for MUTUAL AUTHENTICATE. */
int emrtd_bac_build(const uint8_t kenc[16], const uint8_t kmac[16], const uint8_t rnd_icc[8],
                    const uint8_t rnd_ifd[8], const uint8_t k_ifd[16], uint8_t out[40]);
/* Terminal: checks the chip's answer and starts the session. EMRTD_EACCESS if it is not ours. */
int emrtd_bac_finish(const uint8_t kenc[16], const uint8_t kmac[16], const uint8_t resp[40],
                     const uint8_t rnd_icc[8], const uint8_t rnd_ifd[8], const uint8_t k_ifd[16],
                     struct emrtd_sm *sm);
/* Terminal: the whole protocol on ch (GET CHALLENGE, MUTUAL AUTHENTICATE). EMRTD_EACCESS when
 * the chip refuses the key (wrong MRZ data). */
int emrtd_bac_run(struct emrtd_chan *ch, const char *mrz_info, struct emrtd_sm *sm);

/* Chip: answers MUTUAL AUTHENTICATE data cmd (40 bytes) for challenge rnd_icc with key
 * share k_icc. EMRTD_EACCESS when the MAC or the challenge does not match. */
int emrtd_bac_chip_answer(const uint8_t kenc[16], const uint8_t kmac[16], const uint8_t rnd_icc[8],
                          const uint8_t k_icc[16], const uint8_t cmd[40], uint8_t resp[40],
                          struct emrtd_sm *sm);

#endif
