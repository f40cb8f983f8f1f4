/* fuzz_security_infos.c: libFuzzer target for EF.CardAccess, DG14, DG15 and EF.COM; the first
 * byte picks the parser. */
#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>

#include "drivers/card/emrtd_dg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct emrtd_security_infos si;
    struct emrtd_com com;
    void *k = NULL;
    char oid[128];
    if (size < 1)
        return 0;
    switch (data[0] & 3) {
    case 0:
        if (emrtd_card_access_parse(data + 1, size - 1, &si) == DG_OK) {
            for (int i = 0; i < si.n; i++)
                (void)emrtd_oid_text(si.info[i].oid, si.info[i].oid_len, oid, sizeof oid);
            emrtd_security_infos_free(&si);
        }
        break;
    case 1:
        if (emrtd_dg14_parse(data + 1, size - 1, &si) == DG_OK)
            emrtd_security_infos_free(&si);
        break;
    case 2:
        if (emrtd_dg15_parse(data + 1, size - 1, &k) == DG_OK)
            EVP_PKEY_free(k);
        break;
    default:
        (void)emrtd_com_parse(data + 1, size - 1, &com);
        (void)emrtd_oid_text(data + 1, size - 1, oid, sizeof oid);
        break;
    }
    return 0;
}
