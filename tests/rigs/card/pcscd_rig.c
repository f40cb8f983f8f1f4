/* pcscd_rig.c: a private pcscd with the vpcd reader (see pcscd_rig.h). */
#include "tests/rigs/card/pcscd_rig.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <winscard.h>

#include "tests/test.h"

#define PCSCD_RIG_WAIT_MS 8000

struct pcscd_rig {
    char dir[128], run[160], conf[160], entry[200], sock[200], log[160];
    int port;
    pid_t pid;
};

static void rig_sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

int pcscd_rig_prepare(struct pcscd_rig **out)
{
    struct pcscd_rig *r = calloc(1, sizeof(*r));
    const char *tmp = getenv("TMPDIR");

    *out = NULL;
    if (!r)
        return -1;
    snprintf(r->dir, sizeof(r->dir), "%s/kiosk-pcscd.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(r->dir)) {
        free(r);
        return -1;
    }
    snprintf(r->run, sizeof(r->run), "%s/run", r->dir);
    snprintf(r->conf, sizeof(r->conf), "%s/reader.conf.d", r->dir);
    snprintf(r->entry, sizeof(r->entry), "%s/vpcd", r->conf);
    snprintf(r->sock, sizeof(r->sock), "%s/pcscd/pcscd.comm", r->run);
    snprintf(r->log, sizeof(r->log), "%s/pcscd.log", r->dir);
    if (mkdir(r->run, 0755) != 0 || mkdir(r->conf, 0755) != 0) {
        pcscd_rig_stop(r);
        return -1;
    }
    setenv("PCSCLITE_CSOCK_NAME", r->sock, 1);
    *out = r;
    return 0;
}

static int rig_write_entry(struct pcscd_rig *r)
{
    FILE *f = fopen(r->entry, "w");
    if (!f)
        return -1;
    fprintf(f,
            "FRIENDLYNAME \"Virtual PCD\"\nDEVICENAME /dev/null:%d\n"
            "LIBPATH /usr/lib/pcsc/drivers/serial/libifdvpcd.so\n",
            r->port);
    return fclose(f);
}

/* Waits until pcscd answers and lists at least one reader (want = 1) or none (want = 0). */
static int rig_wait_readers(int want)
{
    for (int waited = 0; waited < PCSCD_RIG_WAIT_MS; waited += 50) {
        SCARDCONTEXT ctx;
        DWORD len = 0;
        if (SCardEstablishContext(SCARD_SCOPE_SYSTEM, NULL, NULL, &ctx) == SCARD_S_SUCCESS) {
            LONG rv = SCardListReaders(ctx, NULL, NULL, &len);
            SCardReleaseContext(ctx);
            int have = rv == SCARD_S_SUCCESS && len > 1;
            if (have == want && (have || rv == SCARD_E_NO_READERS_AVAILABLE || len <= 1))
                return 0;
        }
        rig_sleep_ms(50);
    }
    return -1;
}

static int rig_spawn(struct pcscd_rig *r, int with_reader)
{
    char stale[220];
    if (with_reader ? rig_write_entry(r) != 0 : (unlink(r->entry) != 0 && errno != ENOENT))
        return -1;
    /* A daemon that died leaves its socket and pid file; pcscd refuses to start over them. */
    snprintf(stale, sizeof(stale), "%s/pcscd/pcscd.comm", r->run);
    unlink(stale);
    snprintf(stale, sizeof(stale), "%s/pcscd/pcscd.pid", r->run);
    unlink(stale);
    r->pid = fork();
    if (r->pid < 0)
        return -1;
    if (r->pid == 0) {
        int fd = open(r->log, O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (fd >= 0) {
            dup2(fd, 1);
            dup2(fd, 2);
            close(fd);
        }
        /* pcscd select()s on its descriptors: give it only 0-2, so its own stay low. */
        int nul = open("/dev/null", O_RDONLY);
        if (nul >= 0 && nul != 0) {
            dup2(nul, 0);
            close(nul);
        }
        closefrom(3);
        execlp("unshare", "unshare", "-m", "sh", "-c",
               "mount --bind \"$0\" /run && exec pcscd --foreground --config \"$1\"", r->run,
               r->conf, (char *)NULL);
        _exit(127);
    }
    if (rig_wait_readers(with_reader) != 0) {
        fprintf(stderr, "pcscd_rig: pcscd did not come up %s the vpcd reader (log: %s)\n",
                with_reader ? "with" : "without", r->log);
        return -1;
    }
    return 0;
}

int pcscd_rig_start(struct pcscd_rig *r, int vpcd_port)
{
    r->port = vpcd_port;
    return rig_spawn(r, 1);
}

/* pcscd 1.9.9 cannot drop a reader.conf reader at run time (its re-check only refreshes the
 * readers it has), so the reader leaves the way pcscd sees a USB reader leave: the daemon
 * comes back without it. */
int pcscd_rig_unplug(struct pcscd_rig *r)
{
    pcscd_rig_kill(r);
    return rig_spawn(r, 0);
}

int pcscd_rig_replug(struct pcscd_rig *r)
{
    pcscd_rig_kill(r);
    return rig_spawn(r, 1);
}

void pcscd_rig_kill(struct pcscd_rig *r)
{
    if (!r || r->pid <= 0)
        return;
    kill(r->pid, SIGTERM);
    for (int i = 0; i < 100; i++) {
        if (waitpid(r->pid, NULL, WNOHANG) == r->pid) {
            r->pid = 0;
            return;
        }
        rig_sleep_ms(50);
    }
    kill(r->pid, SIGKILL);
    waitpid(r->pid, NULL, 0);
    r->pid = 0;
}

void pcscd_rig_stop(struct pcscd_rig *r)
{
    if (!r)
        return;
    pcscd_rig_kill(r);
    if (getenv("PCSCD_RIG_KEEP")) {
        fprintf(stderr, "pcscd_rig: kept %s\n", r->dir);
    } else {
        if (test_rmtree(r->dir) != 0)
            fprintf(stderr, "pcscd_rig: could not remove %s\n", r->dir);
    }
    free(r);
}
