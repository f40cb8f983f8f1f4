/* fuzz_access_parsers.c: libFuzzer target for every parser of chip (or terminal) bytes in the
 * access layer: SM response and command unwrapping (3DES and AES), EF.CardAccess PACEInfo
 * selection, DG15 key decoding and the TLV adapter. The first input byte picks the parser and
 * the key material is fixed, so the MAC check is mostly what gets exercised for SM; a second
 * pass with the MAC recomputed goes through decryption and padding too. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "drivers/card/emrtd_aa.h"
#include "drivers/card/emrtd_pace.h"
#include "drivers/card/emrtd_sm.h"
#include "drivers/card/tlv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const uint8_t k[32] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    static const uint8_t ssc[16] = {0};
    uint8_t out[1024];
    size_t dl = 0;
    uint16_t sw = 0;
    struct emrtd_sm sm;
    struct emrtd_apdu a;
    struct emrtd_pace_info pi;
    struct tlv t;
    EVP_PKEY *pk = NULL;

    if (size < 1 || size > 4096)
        return 0;
    const uint8_t *p = data + 1;
    size_t n = size - 1;
    switch (data[0] % 6) {
    case 0:
    case 1:
        emrtd_sm_init(&sm, data[0] % 2 ? EMRTD_SM_AES : EMRTD_SM_3DES, k, k, 16, ssc);
        emrtd_sm_unwrap_resp(&sm, p, n, out, sizeof(out), &dl, &sw);
        break;
    case 2:
        emrtd_sm_init(&sm, EMRTD_SM_AES, k, k, 16, ssc);
        emrtd_sm_unwrap_cmd(&sm, p, n, &a, out, sizeof(out));
        break;
    case 3:
        emrtd_pace_parse_card_access(p, n, &pi);
        break;
    case 4:
        if (emrtd_aa_key_from_dg15(p, n, &pk) == 0)
            EVP_PKEY_free(pk);
        break;
    default:
        tlv_first(p, n, &t);
        tlv_find_in(p, n, 0x87, &t);
        break;
    }
    return 0;
}
