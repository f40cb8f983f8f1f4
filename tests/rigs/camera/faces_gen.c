/* faces_gen.c: writes the portrait test frames as PNG files, to look at them or to fill a
 * "sim:<dir>" folder for the demo: faces_gen OUTDIR [GOOD_COUNT]. Files are <variant>.png and
 * good_<n>.png. */
#include "drivers/camera/image_file.h"
#include "tests/rigs/camera/faces.h"

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    struct cam_frame src, f;
    char path[4096];
    int ngood = argc > 2 ? atoi(argv[2]) : 0;
    if (argc < 2) {
        fprintf(stderr, "usage: faces_gen OUTDIR [GOOD_COUNT]\n");
        return 2;
    }
    if (faces_load_source(&src) != 0) {
        fprintf(stderr, "faces_gen: cannot read astronaut.png (set FACES_DIR)\n");
        return 1;
    }
    for (int v = 0; v < FACES_VARIANT_COUNT; v++) {
        if (faces_make((enum faces_variant)v, &src, &f) != 0)
            return 1;
        snprintf(path, sizeof path, "%s/%s.png", argv[1],
                 faces_variant_name((enum faces_variant)v));
        if (camimg_save_png(path, &f) != 0)
            return 1;
        cam_frame_free(&f);
    }
    for (int i = 0; i < ngood; i++) {
        if (faces_make_good((unsigned)i, &src, &f) != 0)
            return 1;
        snprintf(path, sizeof path, "%s/good_%02d.png", argv[1], i);
        if (camimg_save_png(path, &f) != 0)
            return 1;
        cam_frame_free(&f);
    }
    cam_frame_free(&src);
    return 0;
}
