/* privilege.c: no core dumps, and root dropped for an unprivileged user (see privilege.h). */
#include "kiosk/base/privilege.h"

#include <errno.h>
#include <ftw.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

int priv_no_core_dumps(struct priv_state *s)
{
    struct rlimit none = {0, 0};
    int ok = setrlimit(RLIMIT_CORE, &none) == 0 && prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0;
    if (s)
        s->no_core_dumps = ok;
    return ok ? 0 : -1;
}

static uid_t own_uid;
static gid_t own_gid;

static int give(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)ftw;
    if (flag == FTW_SL || flag == FTW_SLN)
        return 0; /* a link planted in the data directory is not followed nor given */
    if (sb->st_uid == own_uid && sb->st_gid == own_gid)
        return 0;
    return lchown(path, own_uid, own_gid) == 0 ? 0 : -1;
}

int priv_drop(const char *user, const char *own_dir, struct priv_state *s)
{
    s->was_root = geteuid() == 0;
    s->dropped = 0;
    s->uid = geteuid();
    s->gid = getegid();
    snprintf(s->user, sizeof s->user, "%s", user ? user : "");
    s->why[0] = '\0';
    if (!s->was_root)
        return 0;
    if (!user || !*user) {
        snprintf(s->why, sizeof s->why, "no run_as user configured");
        return 0;
    }
    struct passwd *pw = getpwnam(user);
    if (!pw) {
        snprintf(s->why, sizeof s->why, "user '%.31s' does not exist", user);
        return 0;
    }
    if (pw->pw_uid == 0) {
        snprintf(s->why, sizeof s->why, "user '%.31s' is root", user);
        return 0;
    }
    own_uid = pw->pw_uid;
    own_gid = pw->pw_gid;
    if (own_dir && access(own_dir, F_OK) == 0 && nftw(own_dir, give, 16, FTW_PHYS) != 0) {
        snprintf(s->why, sizeof s->why, "cannot give %.120s to %.31s: %s", own_dir, user,
                 strerror(errno));
        return -1;
    }
    if (initgroups(pw->pw_name, pw->pw_gid) != 0 || setgid(pw->pw_gid) != 0 ||
        setuid(pw->pw_uid) != 0) {
        snprintf(s->why, sizeof s->why, "cannot become %.31s: %s", user, strerror(errno));
        return -1;
    }
    if (setuid(0) == 0 || seteuid(0) == 0) {
        snprintf(s->why, sizeof s->why, "root could be regained");
        return -1;
    }
    /* setuid makes the process dumpable again on some kernels: off once more */
    priv_no_core_dumps(s);
    s->dropped = 1;
    s->uid = getuid();
    s->gid = getgid();
    return 0;
}

void priv_describe(const struct priv_state *s, char *out, size_t size)
{
    if (s->dropped)
        snprintf(out, size, "dropped root: running as %s (uid %ld, gid %ld)%s", s->user,
                 (long)s->uid, (long)s->gid, s->no_core_dumps ? "; no core dumps" : "");
    else if (s->was_root)
        snprintf(out, size, "running as root: %s", s->why[0] ? s->why : "not dropped");
    else
        snprintf(out, size, "not root (uid %ld)%s", (long)geteuid(),
                 s->no_core_dumps ? "; no core dumps" : "");
}
