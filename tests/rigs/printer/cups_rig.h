/* cups_rig.h: a real CUPS server for the tests that print: cupsd (Debian cups-daemon) started
 * in the foreground on its own socket under a directory of the test, with one cups-pdf
 * virtual printer (Debian printer-driver-cups-pdf) whose PDFs go to <dir>/out. Starting it
 * points libcups at that socket (CUPS_SERVER), so the kiosk's own printing code reaches it
 * unchanged. The PDFs that come out are read back as text with pdftotext (poppler-utils).
 *
 * cups-pdf reads its settings from /etc/cups/cups-pdf-<instance>.conf: the rig writes one
 * named after the test's pid and removes it when stopped (so it needs to run as root, like
 * cupsd's filters that run as lp: the directory is made world-readable). */
#ifndef CUPS_RIG_H
#define CUPS_RIG_H

#include <stddef.h>
#include <sys/types.h>

struct cups_rig {
    char dir[128];      /* the test's directory (etc, spool, out... under it) */
    char printer[32];   /* the queue's name */
    char socket[160];   /* <dir>/cups.sock, also in CUPS_SERVER */
    char inst_conf[96]; /* /etc/cups/cups-pdf-<instance>.conf */
    pid_t pid;          /* cupsd, -1 when stopped */
};

/* Starts cupsd under dir (an existing directory of the test's) with the virtual PDF printer named
 * printer, and sets CUPS_SERVER. 0, or -1 with the reason on stderr. */
int cups_rig_start(struct cups_rig *r, const char *dir, const char *printer);
/* Stops cupsd (waits for it) and removes the cups-pdf settings file. Idempotent. */
void cups_rig_stop(struct cups_rig *r);
/* Waits up to timeout_s for a PDF in <dir>/out written to the end (it stops growing), and
 * returns its text (pdftotext -raw, whitespace runs folded to one space; caller frees), then
 * deletes that PDF, so that the next call finds the next job's. NULL on timeout or error. */
char *cups_rig_take_pdf_text(struct cups_rig *r, int timeout_s);
/* 1 when a receipt was left behind: a PDF anywhere under dir but out/, or a job document
 * (d<job>-<doc>) in CUPS's spool (PreserveJobFiles No); 0 when none. */
int cups_rig_leftovers(const struct cups_rig *r);

/* The text of the PDF file at path, as cups_rig_take_pdf_text gives it; caller frees. */
char *cups_rig_pdf_file_text(const char *path);

#endif
