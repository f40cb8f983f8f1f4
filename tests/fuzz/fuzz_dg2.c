/* fuzz_dg2.c: libFuzzer target for DG2 (CBEFF / ISO 19794-5 header and image decoding). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "drivers/card/emrtd_dg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct emrtd_face f;
    static int in_process;
    if (!in_process) {
        emrtd_image_confine(0); /* the parser is what is fuzzed; a child per input is slow */
        in_process = 1;
    }
    if (size > 256 * 1024)
        return 0;
    if (emrtd_dg2_parse(data, size, &f) == DG_OK) {
        uint8_t *rgb = NULL;
        int w, h;
        if (emrtd_image_decode_rgb(f.image, f.image_len, &rgb, &w, &h) == DG_OK)
            free(rgb);
    }
    return 0;
}
