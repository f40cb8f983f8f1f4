/* sync_module.c: the sync module's one export, the table sync_door.c calls through. */
#include "sync/sync.h"

const struct sync_module sync_module = {SYNC_MODULE_ABI, sync_strerror,   sync_opts_default,
                                        sync_once_opts,  sync_start_opts, sync_stop};
