/* sync_door.c: the sync calls of the kiosk program, forwarded to the module kiosk-sync.so
 * (libcurl and its TLS stack), loaded on the first call, so the commands that do not sync
 * never map libcurl. Linked into the program only: tests and benchmarks link the client
 * itself (sync.h). */
#include <stdio.h>
#include <string.h>

#include "kiosk/base/module.h"
#include "sync/sync.h"

/* The module's table, or NULL with the reason on stderr once. */
static const struct sync_module *sync_load(void)
{
    static int said;
    char err[512];
    const struct sync_module *m = module_table("sync", err, sizeof(err));
    if (m && m->abi == SYNC_MODULE_ABI)
        return m;
    if (!said++)
        fprintf(stderr, "sync: %s\n", m ? "module sync has another interface" : err);
    return NULL;
}

const char *sync_strerror(int err)
{
    const struct sync_module *m = sync_load();
    return m ? m->strerror(err) : "the sync module cannot be loaded";
}

void sync_opts_default(struct sync_opts *o)
{
    const struct sync_module *m = sync_load();
    if (m)
        m->opts_default(o);
    else
        memset(o, 0, sizeof(*o));
}

int sync_once_opts(const struct config *cfg, const struct sync_opts *opts, struct store *st,
                   struct sync_status *out)
{
    const struct sync_module *m = sync_load();
    if (!m) {
        memset(out, 0, sizeof(*out));
        return SYNC_ECONFIG;
    }
    return m->once_opts(cfg, opts, st, out);
}

struct sync *sync_start_opts(const struct config *cfg, const struct sync_opts *opts,
                             const struct seal_keys *keys,
                             void (*notify)(const struct sync_status *, void *), void *arg)
{
    const struct sync_module *m = sync_load();
    return m ? m->start_opts(cfg, opts, keys, notify, arg) : NULL;
}

struct sync *sync_start(const struct config *cfg, const struct seal_keys *keys,
                        void (*notify)(const struct sync_status *, void *), void *arg)
{
    struct sync_opts o;
    sync_opts_default(&o);
    return sync_start_opts(cfg, &o, keys, notify, arg);
}

void sync_stop(struct sync *s)
{
    const struct sync_module *m = s ? sync_load() : NULL;
    if (m)
        m->stop(s);
}

int sync_deliver_handed(const struct config *cfg, const struct sync_opts *o, struct store *st,
                        const char *origin, const char *bundle,
                        int (*next)(void *arg, struct sync_handed *it), void *arg,
                        struct sync_handed_report *rep, char *err, size_t errlen)
{
    const struct sync_module *m = sync_load();
    if (!m) {
        if (rep)
            memset(rep, 0, sizeof(*rep));
        if (err && errlen)
            snprintf(err, errlen, "the sync module cannot be loaded");
        return SYNC_ECONFIG;
    }
    return m->deliver_handed(cfg, o, st, origin, bundle, next, arg, rep, err, errlen);
}

char *sync_proto_application(const char *id, const char *station, const char *kiosk,
                             const char *envelope_json, const char *digest, size_t payload_len)
{
    const struct sync_module *m = sync_load();
    return m ? m->proto_application(id, station, kiosk, envelope_json, digest, payload_len) : NULL;
}
