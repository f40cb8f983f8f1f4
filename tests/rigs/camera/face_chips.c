/* face_chips.c: writes the aligned face chips of pictures and the kiosk's descriptor of each,
 * for the test that runs the same chips through face-api's own JavaScript
 * (tests/camera/face_reference.mjs).
 *   face_chips MODEL_DIR OUT_DIR PICTURE...
 * OUT_DIR/chip-K.rgb: 150×150 RGB bytes; OUT_DIR/chip-K.txt: 128 descriptor values. */
#include <stdio.h>
#include <stdlib.h>

#include "drivers/camera/face_match.h"
#include "drivers/camera/image_file.h"

int main(int argc, char **argv)
{
    static struct face_aligned a[FACE_ALIGN_MAX];
    struct face_matcher *m;
    int k = 0;
    if (argc < 4) {
        fprintf(stderr, "usage: face_chips MODEL_DIR OUT_DIR PICTURE...\n");
        return 2;
    }
    if (face_matcher_new(argv[1], "/usr/share/opencv4/haarcascades", &m) != 0) {
        fprintf(stderr, "face_chips: cannot load the model from %s\n", argv[1]);
        return 1;
    }
    for (int i = 3; i < argc; i++) {
        struct cam_frame f;
        if (camimg_load(argv[i], &f) != 0) {
            fprintf(stderr, "face_chips: cannot read %s\n", argv[i]);
            return 1;
        }
        struct face_image im = {f.rgb, f.width, f.height, f.stride};
        int n = face_align_all(m, &im, a, FACE_ALIGN_MAX);
        for (int j = 0; j < n; j++, k++) {
            float d[FACE_NET_DESCRIPTOR];
            char p[4096];
            if (face_net_describe(face_matcher_net(m), a[j].chip, 3 * FACE_NET_INPUT, d) != 0)
                return 1;
            snprintf(p, sizeof p, "%s/chip-%d.rgb", argv[2], k);
            FILE *o = fopen(p, "wb");
            if (!o || fwrite(a[j].chip, sizeof a[j].chip, 1, o) != 1 || fclose(o) != 0)
                return 1;
            snprintf(p, sizeof p, "%s/chip-%d.txt", argv[2], k);
            if (!(o = fopen(p, "w")))
                return 1;
            for (int c = 0; c < FACE_NET_DESCRIPTOR; c++)
                fprintf(o, "%.9g\n", d[c]);
            if (fclose(o) != 0)
                return 1;
        }
        cam_frame_free(&f);
    }
    face_matcher_free(m);
    printf("%d\n", k);
    return 0;
}
