/* pn532emu_main.c: serves one card profile on an emulated PN532 until killed, for libnfc's
 * own tools and manual runs of `kiosk read-card`.
 *
 *   pn532emu_main PROFILE_DIR [BAUD]
 *
 * Prints the libnfc connstring ("pn532_uart:/dev/pts/N") on stdout, then serves. SIGINT or
 * SIGTERM stops it cleanly. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "tests/rigs/card/pn532emu.h"

static volatile sig_atomic_t emu_stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    emu_stop_requested = 1;
}

int main(int argc, char **argv)
{
    struct pn532emu_opts o = {0};
    struct pn532emu *e = NULL;

    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: %s PROFILE_DIR [BAUD]\n", argv[0]);
        return 1;
    }
    if (argc == 3)
        o.baud = atoi(argv[2]);
    if (pn532emu_start(argv[1], &o, &e) != 0) {
        fprintf(stderr, "pn532emu: cannot serve %s\n", argv[1]);
        return 1;
    }
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    printf("%s\n", pn532emu_connstring(e));
    fflush(stdout);
    while (!emu_stop_requested)
        pause();
    pn532emu_stop(e);
    return 0;
}
