/* test_ui_process.c: the touchscreen is a front end of the composition root (kiosk/process):
 * the UI's main loop (ui_app_run, the loop of `kiosk run`) is the process's loop. While it
 * runs on this thread, with the process's sync thread delivering to the reference upstream:
 *   - the application queued before is delivered by the process's sync thread, and its report
 *     reaches the home screen's view through the loop (online, nothing waiting, a last
 *     delivery); the unit's STATUS= line says the same;
 *   - device results posted from another thread reach the process's loop and the UI on this
 *     thread;
 *   - the process's timers run on this thread;
 *   - the before-sleep hook run by the UI's loop feeds the systemd watchdog (WATCHDOG=1 on a
 *     notify socket of the test's).
 * Then the UI leaves (ui_app_free) and the process goes on without a front end until stopped. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "kiosk/model/timefmt.h"
#include "kiosk/process/process.h"
#include "kiosk/store/store.h"
#include "tests/rigs/upstream/upstream_fixture.h"
#include "tests/test.h"
#include "tests/ui/ui_drive.h"
#include "tests/ui/ui_fakedev.h"
#include "tests/ui/ui_rig.h"
#include "ui/ui_app.h"

#define DEADLINE_MS 60000 /* how long the loop may run before the test gives up */
#define PREVIEWS    5

static struct upstream_fixture g_f;
static struct store *g_st;
static struct ui_rig g_rig;

/* A datagram socket standing in for systemd's, bound in the case's directory. */
static int notify_socket(void)
{
    char path[200];
    snprintf(path, sizeof path, "%s/notify", test_tmpdir());
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    if (strlen(path) >= sizeof(a.sun_path))
        return -1;
    memcpy(a.sun_path, path, strlen(path) + 1);
    int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0)
        return -1;
    setenv("NOTIFY_SOCKET", path, 1);
    return fd;
}

/* What the loop's thread sees, checked by a process timer (on the loop's thread). */
struct watch {
    struct ui_app *a;
    pthread_t ui_thread;
    int64_t deadline;
    int timer_runs, timer_off_thread;
    long previews_seen;
    int sync_shown, quit_pushed;
};

static int64_t watch_timer(void *arg, int64_t now_ms)
{
    struct watch *w = arg;
    (void)now_ms;
    w->timer_runs++;
    if (!pthread_equal(pthread_self(), w->ui_thread))
        w->timer_off_thread++;
    const struct ui_view *v = ui_app_view(w->a);
    w->previews_seen = process_previews_handed(ui_app_process(w->a));
    w->sync_shown = v->sync.known && v->sync.online && v->sync.pending == 0 &&
                    v->sync.last_success[0] != '\0' && v->sync.last_error[0] == '\0';
    if ((w->sync_shown && w->previews_seen == PREVIEWS) || time_now_ms() > w->deadline) {
        SDL_Event e = {.type = SDL_QUIT};
        SDL_PushEvent(&e);
        w->quit_pushed = 1;
        return -1;
    }
    return 20;
}

/* Another thread's device results, as a device worker posts them. */
static void *post_previews(void *arg)
{
    for (int i = 0; i < PREVIEWS; i++) {
        struct dev_event *ev = calloc(1, sizeof *ev);
        if (ev)
            ev->type = DEV_PREVIEW;
        process_post_device(ev, arg);
        usleep(10000);
    }
    return NULL;
}

TEST(the_ui_loop_runs_the_process_its_devices_sync_and_watchdog)
{
    /* an application waiting for the upstream before the kiosk starts */
    struct application app;
    CHECK_INT(upstream_fixture_app(&app, 1, 4000, time_now_ms()), 0);
    char id[APP_ID_SIZE];
    snprintf(id, sizeof id, "%s", app.id);
    int rc = store_queue(g_st, &app, time_now_ms());
    app_wipe(&app);
    CHECK_INT(rc, 0);

    int fd = notify_socket();
    CHECK(fd >= 0);
    setenv("WATCHDOG_USEC", "400000", 1);
    char pid[16];
    snprintf(pid, sizeof pid, "%d", (int)getpid());
    setenv("WATCHDOG_PID", pid, 1);

    /* as `kiosk run`: the process with its store worker and sync thread, the UI its front end */
    struct ui_fakedev dev = {.mode = UI_FAKE_ANSWER};
    struct process_opts po = {.sync_keys = &g_f.keys};
    struct ui_app_opts o = {.ren = g_rig.ren, .w = g_rig.w, .h = g_rig.h};
    struct ui_app *a = ui_drive_start_opts(&g_f.cfg, g_st, &dev, &po, &o);
    CHECK(a != NULL);
    struct kiosk_process *p = ui_app_process(a);
    CHECK(process_syncing(p));

    struct watch w = {.a = a, .ui_thread = pthread_self(), .deadline = time_now_ms() + DEADLINE_MS};
    CHECK_INT(proc_loop_timer(process_loop(p), 20, watch_timer, &w), 0);
    pthread_t poster;
    CHECK_INT(pthread_create(&poster, NULL, post_previews, p), 0);
    int off = ui_app_run(a, g_rig.ren);
    pthread_join(poster, NULL);

    /* what the notify socket received while the loop ran */
    int watchdog = 0, status_online = 0;
    char buf[512];
    ssize_t n;
    while ((n = recv(fd, buf, sizeof buf - 1, 0)) > 0) {
        buf[n] = '\0';
        watchdog += strstr(buf, "WATCHDOG=1") != NULL;
        status_online += strstr(buf, "STATUS=sync online, 0 waiting") != NULL;
    }
    ui_app_free(a);
    /* without its front end the process goes on: a late device result goes to its runner */
    post_previews(p);
    proc_loop_dispatch(process_loop(p));
    long handed = process_previews_handed(p);
    process_stop(p);
    close(fd);
    unsetenv("NOTIFY_SOCKET");
    unsetenv("WATCHDOG_USEC");
    unsetenv("WATCHDOG_PID");

    CHECK_INT(off, 0);
    CHECK(w.quit_pushed);
    CHECK(w.timer_runs > 0);
    CHECK_INT(w.timer_off_thread, 0);
    CHECK_INT((int)w.previews_seen, PREVIEWS);
    CHECK(w.sync_shown);
    CHECK(watchdog > 0);
    CHECK(status_online > 0);
    CHECK_INT((int)handed, 2 * PREVIEWS);
    struct application back;
    app_init(&back);
    CHECK_INT(store_load(g_st, id, &back), 0);
    int status = back.status;
    app_wipe(&back);
    CHECK_INT(status, APP_SUBMITTED);
}

int main(void)
{
    if (ui_rig_sdl_init() != 0 || upstream_fixture_setup(&g_f, NULL) != 0 ||
        store_open(g_f.cfg.data_dir, &g_f.keys, &g_st) != 0 ||
        ui_rig_open(&g_rig, 1280, 800) != 0) {
        fprintf(stderr, "setup failed\n");
        return 1;
    }
    RUN(the_ui_loop_runs_the_process_its_devices_sync_and_watchdog);
    ui_rig_close(&g_rig);
    store_close(g_st);
    upstream_fixture_teardown(&g_f);
    SDL_Quit();
    return test_done();
}
