/* privilege.h: the kiosk process gives up what it does not need before it touches data.
 *
 * - No core dumps, ever (RLIMIT_CORE 0 and PR_SET_DUMPABLE 0): a dump holds the keys and
 *   the citizen on screen; not dumpable also keeps other processes of the same user from
 *   attaching to it.
 * - Started as root (a systemd unit, a technician's shell), it becomes an unprivileged user
 *   (`[station] run_as`, "kiosk" on a station) when that user exists: the data directory is
 *   given to that user (files only, links are not followed), then the supplementary groups,
 *   group and user are switched, and getting root back is checked to fail. Devices are then
 *   reached through that user's groups (dialout, video, plugdev), not through root. */
#ifndef KIOSK_PRIVILEGE_H
#define KIOSK_PRIVILEGE_H

#include <sys/types.h>

struct priv_state {
    int was_root;      /* started with euid 0 */
    int dropped;       /* now running as user, root cannot be regained */
    int no_core_dumps; /* RLIMIT_CORE 0 and not dumpable */
    uid_t uid;
    gid_t gid;
    char user[32];
    char why[200]; /* when root was kept: why */
};

/* Core dumps off. 0 or -1. */
int priv_no_core_dumps(struct priv_state *s);

/* Drops root as described above; a no-op when not root or when user is empty or unknown
 * (then s->why says so). own_dir may be NULL. 0, or -1 when a switch failed half-way (the
 * caller must stop). */
int priv_drop(const char *user, const char *own_dir, struct priv_state *s);

/* One line for `kiosk selftest`. */
void priv_describe(const struct priv_state *s, char *out, size_t size);

#endif
