/* face_net.c: the face network's calls, forwarded to the kiosk-facenet module (OpenBLAS),
 * loaded on the first face_net_load(), which also reads the model files (see face_net.h). */
#include "drivers/camera/face_net.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "kiosk/base/file_read.h"
#include "kiosk/base/module.h"

/* The module's table, or NULL with the reason on stderr. */
static const struct face_net_module *facenet_load(void)
{
    char err[512];
    const struct face_net_module *m = module_table("facenet", err, sizeof(err));
    if (!m) {
        fprintf(stderr, "camera: %s\n", err);
        return NULL;
    }
    if (m->abi != FACE_NET_MODULE_ABI) {
        fprintf(stderr, "camera: module facenet has interface %d, this program %d\n", m->abi,
                FACE_NET_MODULE_ABI);
        return NULL;
    }
    return m;
}

static int read_model_file(const char *dir, const char *name, size_t max, unsigned char **data,
                           size_t *len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int rc = file_read_all(path, max, data, len);
    return rc == 0                  ? 0
           : rc == FILE_READ_ENOMEM ? FACE_NET_ERR_NOMEM
           : rc == FILE_READ_ENOENT ? FACE_NET_ERR_MISSING
                                    : FACE_NET_ERR_MODEL;
}

int face_net_load(const char *dir, struct face_net **out)
{
    unsigned char *man = NULL, *bin = NULL;
    size_t man_len = 0, bin_len = 0;
    if (!dir || !out)
        return FACE_NET_ERR_ARG;
    *out = NULL;
    int rc = read_model_file(dir, FACE_NET_MANIFEST, 1u << 20, &man, &man_len);
    if (rc == 0)
        rc = read_model_file(dir, FACE_NET_WEIGHTS, FACE_NET_MAX_FILE, &bin, &bin_len);
    const struct face_net_module *m = rc == 0 ? facenet_load() : NULL;
    if (rc == 0)
        rc = m ? m->load(man, man_len, bin, bin_len, out) : FACE_NET_ERR_MODULE;
    free(man);
    free(bin);
    return rc;
}

void face_net_free(struct face_net *net)
{
    /* A net exists only when the module is loaded, and a loaded module stays. */
    const struct face_net_module *m = net ? facenet_load() : NULL;
    if (m)
        m->free(net);
}

size_t face_net_weight_bytes(const struct face_net *net)
{
    const struct face_net_module *m = net ? facenet_load() : NULL;
    return m ? m->weight_bytes(net) : 0;
}

int face_net_describe(const struct face_net *net, const unsigned char *rgb, int stride,
                      float out[FACE_NET_DESCRIPTOR])
{
    const struct face_net_module *m = net ? facenet_load() : NULL;
    return m ? m->describe(net, rgb, stride, out) : FACE_NET_ERR_ARG;
}

double face_net_distance(const float a[FACE_NET_DESCRIPTOR], const float b[FACE_NET_DESCRIPTOR])
{
    double s = 0;
    for (int i = 0; i < FACE_NET_DESCRIPTOR; i++)
        s += ((double)a[i] - b[i]) * ((double)a[i] - b[i]);
    return sqrt(s);
}
