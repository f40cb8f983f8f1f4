/* sync_module.c: the sync module's one export, the table sync_door.c calls through. */
#include "sync/sync.h"

const struct sync_module sync_module = {
    .abi = SYNC_MODULE_ABI,
    .strerror = sync_strerror,
    .opts_default = sync_opts_default,
    .once_opts = sync_once_opts,
    .start_opts = sync_start_opts,
    .stop = sync_stop,
    .deliver_handed = sync_deliver_handed,
    .proto_application = sync_proto_application,
};
