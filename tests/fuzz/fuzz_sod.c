/* fuzz_sod.c: libFuzzer target for EF.SOD (CMS SignedData + LDSSecurityObject), passive
 * authentication against an empty trust store, and the verdict. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "drivers/card/emrtd_verify.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct emrtd_sod sod;
    struct emrtd_pa_result r;
    struct emrtd_verdict v;
    struct emrtd_pa_file f = {1, data, size > 16 ? 16 : size};
    if (emrtd_sod_parse(data, size, &sod) == SOD_OK) {
        (void)emrtd_pa_verify(&sod, &f, 1, NULL, 1, &r);
        emrtd_sod_free(&sod);
    }
    struct emrtd_verify_input in;
    memset(&in, 0, sizeof in);
    in.files = &f;
    in.n_files = 1;
    in.sod = data;
    in.sod_len = size;
    in.now = 1;
    in.aa = AUTH_OK;
    if (emrtd_verify(&in, &v) == VERIFY_OK)
        emrtd_verdict_free(&v);
    return 0;
}
