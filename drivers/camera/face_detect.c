/* face_detect.c: the face detector's calls, forwarded to the kiosk-facedet module (OpenCV),
 * loaded on the first facedet_new() (see face_detect.h). */
#include "drivers/camera/face_detect.h"

#include <stdio.h>

#include "kiosk/base/module.h"

/* The module's table, or NULL with the reason on stderr (no personal data in it). */
static const struct facedet_module *facedet_load(void)
{
    char err[512];
    const struct facedet_module *m = module_table("facedet", err, sizeof(err));
    if (!m) {
        fprintf(stderr, "camera: %s\n", err);
        return NULL;
    }
    if (m->abi != FACEDET_MODULE_ABI) {
        fprintf(stderr, "camera: module facedet has interface %d, this program %d\n", m->abi,
                FACEDET_MODULE_ABI);
        return NULL;
    }
    return m;
}

int facedet_new(const char *cascade_dir, struct facedet **out)
{
    const struct facedet_module *m = facedet_load();
    if (!m) {
        *out = NULL;
        return -3;
    }
    return m->create(cascade_dir, out);
}

void facedet_free(struct facedet *d)
{
    /* A detector exists only when the module is loaded, and a loaded module stays. */
    const struct facedet_module *m = d ? facedet_load() : NULL;
    if (m)
        m->destroy(d);
}

int facedet_find(struct facedet *d, enum facedet_kind kind, const unsigned char *grey, int width,
                 int height, int stride, struct facedet_rect roi, int min_size, int max_size,
                 struct facedet_rect *out, int max)
{
    const struct facedet_module *m = d ? facedet_load() : NULL;
    if (!m)
        return -1;
    return m->find(d, kind, grey, width, height, stride, roi, min_size, max_size, out, max);
}
