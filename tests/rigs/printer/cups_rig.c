/* cups_rig.c: see cups_rig.h. */
#include "tests/rigs/printer/cups_rig.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static int write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fputs(text, f);
    return fclose(f);
}

static int make_dirs(const char *dir)
{
    char p[256];
    static const char *const sub[] = {"etc",   "etc/ppd", "spool", "tmp",    "cache",
                                      "state", "log",     "out",   "cpspool"};
    chmod(dir, 0755); /* the filters run as lp */
    for (size_t i = 0; i < sizeof sub / sizeof sub[0]; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, sub[i]);
        if (mkdir(p, 0755) != 0 && errno != EEXIST)
            return -1;
    }
    static const char *const open_dirs[] = {"tmp", "out", "cpspool"};
    for (size_t i = 0; i < sizeof open_dirs / sizeof open_dirs[0]; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, open_dirs[i]);
        chmod(p, 01777);
    }
    return 0;
}

static int write_confs(struct cups_rig *r)
{
    char p[256], conf[2048];
    snprintf(conf, sizeof conf,
             "ServerRoot %1$s/etc\nRequestRoot %1$s/spool\nTempDir %1$s/tmp\nCacheDir "
             "%1$s/cache\nStateDir %1$s/state\nErrorLog %1$s/log/error_log\nAccessLog "
             "%1$s/log/access_log\nPageLog %1$s/log/page_log\nPrintcap %1$s/printcap\n"
             "FileDevice No\nSystemGroup root\n",
             r->dir);
    snprintf(p, sizeof p, "%s/etc/cups-files.conf", r->dir);
    if (write_file(p, conf) != 0)
        return -1;
    snprintf(conf, sizeof conf,
             "Listen %s\nLogLevel info\nWebInterface No\nBrowsing No\n"
             "DefaultAuthType None\nPreserveJobFiles No\nPreserveJobHistory No\n"
             "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
             "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n",
             r->socket);
    snprintf(p, sizeof p, "%s/etc/cupsd.conf", r->dir);
    if (write_file(p, conf) != 0)
        return -1;
    /* cups-pdf reads its instance's settings from /etc/cups/cups-pdf-<instance>.conf */
    snprintf(r->inst_conf, sizeof r->inst_conf, "/etc/cups/cups-pdf-kiosktest%d.conf",
             (int)getpid());
    snprintf(conf, sizeof conf,
             "Out %1$s/out\nAnonDirName %1$s/out\nSpool %1$s/cpspool\nLog %1$s/log\n"
             "UserUMask 0077\nAnonUMask 0077\nLabel 0\n",
             r->dir);
    if (write_file(r->inst_conf, conf) != 0) {
        fprintf(stderr, "cups rig: cannot write %s: %s\n", r->inst_conf, strerror(errno));
        r->inst_conf[0] = '\0';
        return -1;
    }
    return 0;
}

int cups_rig_start(struct cups_rig *r, const char *dir, const char *printer)
{
    memset(r, 0, sizeof *r);
    r->pid = -1;
    snprintf(r->dir, sizeof r->dir, "%s", dir);
    snprintf(r->printer, sizeof r->printer, "%s", printer);
    snprintf(r->socket, sizeof r->socket, "%s/cups.sock", dir);
    if (make_dirs(dir) != 0 || write_confs(r) != 0) {
        fprintf(stderr, "cups rig: cannot prepare %s\n", dir);
        return -1;
    }
    char cfg_c[160], cfg_s[160];
    snprintf(cfg_c, sizeof cfg_c, "%s/etc/cupsd.conf", dir);
    snprintf(cfg_s, sizeof cfg_s, "%s/etc/cups-files.conf", dir);
    char *argv[] = {"cupsd", "-f", "-c", cfg_c, "-s", cfg_s, NULL};
    if (posix_spawnp(&r->pid, "cupsd", NULL, NULL, argv, environ) != 0) {
        r->pid = -1;
        fprintf(stderr, "cups rig: cannot start cupsd (Debian package cups-daemon)\n");
        return -1;
    }
    struct stat sb;
    for (int i = 0; i < 100 && stat(r->socket, &sb) != 0; i++)
        usleep(50000);
    if (stat(r->socket, &sb) != 0) {
        fprintf(stderr, "cups rig: cupsd made no socket (see %s/log/error_log)\n", dir);
        return -1;
    }
    setenv("CUPS_SERVER", r->socket, 1);
    /* the instance name after "cups-pdf:/" selects cups-pdf-<instance>.conf */
    char cmd[600];
    snprintf(cmd, sizeof cmd,
             "lpadmin -h %s -p %s -E -v cups-pdf:/kiosktest%d -P "
             "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd -o pdftops-renderer-default=pdftops "
             "2>/dev/null",
             r->socket, r->printer, (int)getpid());
    if (system(cmd) != 0) {
        fprintf(stderr, "cups rig: lpadmin failed (Debian package printer-driver-cups-pdf)\n");
        return -1;
    }
    return 0;
}

void cups_rig_stop(struct cups_rig *r)
{
    if (r->pid > 0) {
        kill(r->pid, SIGTERM);
        waitpid(r->pid, NULL, 0);
        r->pid = -1;
    }
    if (r->inst_conf[0]) {
        unlink(r->inst_conf);
        r->inst_conf[0] = '\0';
    }
}

char *cups_rig_pdf_file_text(const char *path)
{
    char cmd[400];
    snprintf(cmd, sizeof cmd, "pdftotext -raw -enc UTF-8 '%s' -", path);
    FILE *p = popen(cmd, "r");
    if (!p)
        return NULL;
    char *t = calloc(1, 65536);
    size_t n = t ? fread(t, 1, 65535, p) : 0;
    int rc = pclose(p);
    if (!t || rc != 0) {
        free(t);
        return NULL;
    }
    t[n] = '\0';
    char *w = t;
    for (char *c = t; *c; c++) {
        int sp = *c == ' ' || *c == '\n' || *c == '\r' || *c == '\f' || *c == '\t';
        if (sp && (w == t || w[-1] == ' '))
            continue;
        *w++ = sp ? ' ' : *c;
    }
    *w = '\0';
    return t;
}

/* The first PDF in out/ whose size stopped changing (ghostscript writes it as it goes). */
static int wait_pdf(const struct cups_rig *r, char *path, size_t n, int timeout_s)
{
    char out[160];
    snprintf(out, sizeof out, "%s/out", r->dir);
    for (int i = 0; i < timeout_s * 10; i++) {
        DIR *d = opendir(out);
        struct dirent *e;
        int found = 0;
        while (d && !found && (e = readdir(d)) != NULL) {
            size_t l = strlen(e->d_name);
            if (l > 4 && strcmp(e->d_name + l - 4, ".pdf") == 0) {
                snprintf(path, n, "%s/%.100s", out, e->d_name);
                found = 1;
            }
        }
        if (d)
            closedir(d);
        if (found) {
            off_t last = -1;
            struct stat sb;
            for (int k = 0; k < timeout_s * 4; k++) {
                usleep(250000);
                off_t now = stat(path, &sb) == 0 ? sb.st_size : -1;
                if (now > 0 && now == last)
                    return 0;
                last = now;
            }
            return -1;
        }
        usleep(100000);
    }
    return -1;
}

char *cups_rig_take_pdf_text(struct cups_rig *r, int timeout_s)
{
    char path[300];
    if (wait_pdf(r, path, sizeof path, timeout_s) != 0) {
        fprintf(stderr, "cups rig: no PDF from the virtual printer within %d s\n", timeout_s);
        return NULL;
    }
    char *t = cups_rig_pdf_file_text(path);
    unlink(path);
    return t;
}

int cups_rig_leftovers(const struct cups_rig *r)
{
    char cmd[500];
    snprintf(cmd, sizeof cmd,
             "test -z \"$(find %1$s -path %1$s/out -prune -o \\( -name '*.pdf' -o -name "
             "'d[0-9]*' \\) -print)\"",
             r->dir);
    return system(cmd) != 0;
}
