/* ui_drive.h: drives a struct ui_app as a person would, through SDL's event queue: taps on
 * widgets (finger down and up at their centre), typing on the on-screen keyboard, signing in.
 * Used by the walk test and the benchmarks. */
#ifndef UI_DRIVE_H
#define UI_DRIVE_H

#include <stdint.h>

#include "tests/ui/ui_fakedev.h"
#include "tests/ui/ui_rig.h"
#include "ui/ui_app.h"

/* The UI as `kiosk run` has it: a process (kiosk/process/process.h) on cfg and st with its
 * store worker, on the scripted devices fake when non-NULL (fake->proc is set), else on the
 * device workers; then the app on it with o (o->proc is filled in). NULL when either cannot
 * start (nothing left running). */
struct ui_app *ui_drive_start(const struct config *cfg, struct store *st, struct ui_fakedev *fake,
                              struct ui_app_opts *o);
/* The same with the process's options given (sync, ...): store_worker and the devices as above. */
struct ui_app *ui_drive_start_opts(const struct config *cfg, struct store *st,
                                   struct ui_fakedev *fake, struct process_opts *po,
                                   struct ui_app_opts *o);
/* Frees the app, then stops its process. */
void ui_drive_stop(struct ui_app *a);

struct ui_drive {
    struct ui_app *app;
    struct ui_rig *rig;
    int64_t now; /* the clock given to the app; each tap advances it 300 ms */
    int check;   /* verify every frame's layout */
    /* the longest pass of the loop (events handled, tick, render) in real milliseconds, and
     * the screen it ended on: how long the UI thread stalled at worst */
    double longest_pass_ms;
    enum ui_screen longest_pass_screen;
};

/* Hands every queued event to the app and runs the process's loop (device results posted
 * meanwhile included), ticks, renders (and checks), runs the loop's before-sleep hooks, as a
 * pass of ui_main.c's loop. 0, or -1 with the layout problem on stderr. */
int ui_drive_pump(struct ui_drive *d);
/* The real monotonic clock in milliseconds (for timing a pass of the loop). */
double ui_drive_clock_ms(void);
/* A pass of the loop that began at started_ms (ui_drive_clock_ms) ended now: kept in
 * longest_pass_ms when it is the longest so far. ui_drive_pump notes its own passes. With
 * UI_DRIVE_SLOW=MS in the environment every pass longer than MS is said on stderr, with its
 * screen (to find a stall). */
void ui_drive_note_pass(struct ui_drive *d, double started_ms);
/* Taps the widget with action (and arg unless < 0). -1 when there is none. */
int ui_drive_tap(struct ui_drive *d, int action, int arg);
/* Types s on the on-screen keyboard. */
int ui_drive_type(struct ui_drive *d, const char *s);
/* Runs the loop on the real clock (d->now follows it) until the screen is want and, when
 * flag is non-NULL, *flag is set; or timeout_ms passes. 0, or -1 (said on stderr). */
int ui_drive_wait(struct ui_drive *d, enum ui_screen want, const int *flag, int timeout_ms);
/* Pumps (the app's clock left as it is) until no receipt is printing any more (the print
 * worker posted its end), or timeout_ms of real time pass. 0, or -1 (said on stderr). */
int ui_drive_wait_printed(struct ui_drive *d, int timeout_ms);
/* Picks the officer with this id and enters pin; returns once the PIN was checked (the store
 * worker posted its answer), whatever the answer. */
int ui_drive_login(struct ui_drive *d, const char *officer_id, const char *pin);
/* How long a store job (PIN check, queue commit) may take in the tests, in real time. */
#define UI_DRIVE_STORE_MS 30000
/* Pumps (the app's clock left as it is) until no PIN is being checked, no application queued
 * and no export written any more (the store worker posted its results), or timeout_ms of
 * real time pass.
 * 0, or -1 (said on stderr). */
int ui_drive_settle(struct ui_drive *d, int timeout_ms);

#endif
