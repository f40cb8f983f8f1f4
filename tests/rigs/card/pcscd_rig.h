/* pcscd_rig.h: a private pcscd for tests: Debian's pcscd with the vpcd virtual reader driver,
 * started and stopped by the test itself, never the system service.
 *
 * pcscd's socket and pid file live in a compiled-in /run/pcscd, so the daemon runs in its own
 * mount namespace (util-linux `unshare -m`, root) where a temporary directory is bound over
 * /run; the test process reaches it through PCSCLITE_CSOCK_NAME (set here, read by
 * libpcsclite once per process: start the rig before the first PC/SC call and keep it). The
 * reader.conf directory is private too: one vpcd reader ("Virtual PCD 00 00") whose card
 * is the vpcd_card rig on the given port. Unplugging the reader = pcscd coming back without
 * it (pcscd 1.9.9 cannot drop a reader.conf reader at run time; a USB reader that leaves looks
 * the same to a client: its reader name is gone, its handles dead); plugging it back = pcscd
 * coming back with it.
 *
 * Ownership: pcscd_rig_start() returns a running daemon; pcscd_rig_stop() ends it and removes
 * the directory. */
#ifndef TESTS_RIGS_PCSCD_RIG_H
#define TESTS_RIGS_PCSCD_RIG_H

struct pcscd_rig;

/* Sets PCSCLITE_CSOCK_NAME for this process to a fresh private path (no daemon there yet).
 * Returns 0, or -1. */
int pcscd_rig_prepare(struct pcscd_rig **out);
/* Starts pcscd with one vpcd reader whose card listens on vpcd_port; waits until the reader
 * is listed. 0, or -1 (message on stderr). */
int pcscd_rig_start(struct pcscd_rig *r, int vpcd_port);
/* The reader leaves / comes back; 0 once pcscd lists (or no longer lists) it. */
int pcscd_rig_unplug(struct pcscd_rig *r);
int pcscd_rig_replug(struct pcscd_rig *r);
/* Stops the daemon (the directory stays, so it can start again). */
void pcscd_rig_kill(struct pcscd_rig *r);
/* Stops the daemon if running and removes everything. */
void pcscd_rig_stop(struct pcscd_rig *r);

#endif
