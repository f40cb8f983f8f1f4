/* log.h: the kiosk's log lines on stderr, each with a syslog priority.
 *
 * Under systemd (stderr connected to the journal: JOURNAL_STREAM names stderr's device and
 * inode) each line starts with "<N>" (sd-daemon(3)), which the journal reads as the line's
 * priority; on a terminal or in a test the line is plain. Log lines never carry personal data
 * (names, ID numbers, phones, addresses): application ids and counts only. */
#ifndef KIOSK_LOG_H
#define KIOSK_LOG_H

#include <syslog.h> /* LOG_ERR, LOG_WARNING, LOG_NOTICE, LOG_INFO, LOG_DEBUG */

/* One line "kiosk: <text>" at priority prio. Thread-safe (one write per line). */
void log_line(int prio, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* 1 when stderr is the journal. */
int log_to_journal(void);

#endif
