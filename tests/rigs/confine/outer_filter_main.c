/* outer_filter_main.c: runs a program under a system-call filter like the one systemd puts
 * on the kiosk's service (debian/kiosk.service: SystemCallFilter=@system-service
 * ~@privileged ~@resources, SystemCallErrorNumber=EPERM), as far as the confinement cares:
 * seccomp() and setrlimit() fail with EPERM, everything else is allowed.
 *   outer_filter_main PROGRAM [ARG...] */
#include <errno.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <seccomp.h>

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: outer_filter_main PROGRAM [ARG...]\n");
        return 2;
    }
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
    if (!ctx || seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(seccomp), 0) != 0 ||
        seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(setrlimit), 0) != 0 ||
        prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 || seccomp_load(ctx) != 0) {
        fprintf(stderr, "outer_filter_main: cannot load the filter\n");
        return 1;
    }
    seccomp_release(ctx);
    execv(argv[1], argv + 1);
    perror(argv[1]);
    return 127;
}
