/* test_clock.c: the kiosk's clock in the field (kiosk/model/clockcheck.h,
 * kiosk/workflow/clock_guard.h) on a fake clock.
 *
 * - judge: back a day, forward a year (same boot), a year after a reboot, before the build,
 *   a plausible drift;
 * - ids stay in the order they were made when the clock steps back;
 * - the runner: with the clock stepped back a day and forward a year, an enrolment does not
 *   start (the policy row clock.implausible, its Vietnamese and English message, audited);
 *   after a supervisor sets the clock (audited "clock.set", the system clock set through the
 *   source), it starts. */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/model/timefmt.h"
#include "kiosk/messages/messages.h"
#include "kiosk/store/store_clock.h"
#include "kiosk/store/store_internal.h"
#include "kiosk/workflow/clock_guard.h"
#include "kiosk/workflow/runner.h"
#include "tests/rigs/harness/app_fixture.h"
#include "tests/test.h"

#define DAY  (24 * 3600 * 1000LL)
#define YEAR (365 * DAY)

/* --- the fake clock --------------------------------------------------------------------- */
static int64_t fake_wall, fake_mono;
static int set_calls;
static int64_t f_wall(void *a)
{
    (void)a;
    return fake_wall;
}
static int64_t f_mono(void *a)
{
    (void)a;
    return fake_mono;
}
static int f_ntp(void *a)
{
    (void)a;
    return 0;
}
static int f_set(void *a, int64_t ms)
{
    (void)a;
    set_calls++;
    fake_wall = ms;
    return 0;
}
static void f_boot(void *a, char out[40])
{
    (void)a;
    snprintf(out, 40, "boot-1");
}
static const struct clock_source fake = {f_wall, f_mono, f_ntp, f_set, f_boot, NULL};

/* time passes on both clocks */
static void advance(int64_t ms)
{
    fake_wall += ms;
    fake_mono += ms;
}

TEST(judge)
{
    int64_t t = 1796000000000LL; /* 2026-12 */
    char d[96];
    struct clock_facts f = {.now_ms = t,
                            .mono_ms = 1000000,
                            .build_ms = t - 30 * DAY,
                            .recorded_ms = t - 60000,
                            .trusted_ms = t - 3600000,
                            .trusted_mono_ms = 1000000 - 3600000};
    snprintf(f.boot_id, sizeof f.boot_id, "b1");
    snprintf(f.trusted_boot, sizeof f.trusted_boot, "b1");
    CHECK_INT(clock_judge(&f, d, sizeof d), CLOCK_OK);
    struct clock_facts g = f;
    g.now_ms = t - DAY; /* stepped back a day */
    CHECK_INT(clock_judge(&g, d, sizeof d), CLOCK_BEHIND);
    CHECK(strstr(d, "86") != NULL);
    g = f;
    g.now_ms = t + YEAR; /* forward a year: the monotonic clock saw an hour go by */
    CHECK_INT(clock_judge(&g, d, sizeof d), CLOCK_DRIFTED);
    CHECK(strstr(d, "ahead") != NULL);
    g = f;
    g.now_ms = t + 4 * 60000; /* within the tolerance */
    CHECK_INT(clock_judge(&g, d, sizeof d), CLOCK_OK);
    g = f;
    snprintf(g.boot_id, sizeof g.boot_id, "b2"); /* after a reboot: a year is too long */
    g.now_ms = t + YEAR;
    CHECK_INT(clock_judge(&g, d, sizeof d), CLOCK_UNTRUSTED_TOO_LONG);
    g.now_ms = t + 30 * DAY; /* a month in the field is not */
    CHECK_INT(clock_judge(&g, d, sizeof d), CLOCK_OK);
    g = f;
    g.now_ms = t - 60 * DAY; /* an RTC reset to before this version */
    g.recorded_ms = g.trusted_ms = 0;
    CHECK_INT(clock_judge(&g, d, sizeof d), CLOCK_BEFORE_BUILD);
    CHECK_STR(clock_verdict_name(CLOCK_DRIFTED), "drifted");
}

TEST(ids_stay_ordered)
{
    int64_t t = time_now_ms() + 10 * YEAR; /* above every id this process made */
    char a[APP_ID_SIZE], b[APP_ID_SIZE], c[APP_ID_SIZE], e[APP_ID_SIZE];
    app_new_id(a, t);
    app_new_id(b, t - DAY); /* the clock stepped back a day */
    app_new_id(c, t - DAY);
    app_new_id(e, t + 5);
    CHECK(strcmp(a, b) < 0);
    CHECK(strcmp(b, c) < 0);
    CHECK(strcmp(c, e) < 0);
    CHECK(app_id_ms(b) == t); /* the newest id's time, the next count */
    CHECK(app_id_ms(e) == t + 5);
}

/* --- the runner ----------------------------------------------------------------------------- */
static int notes;
static char last_note_vi[400], last_note_en[400];
static void on_note(const struct runner_note *n, void *arg)
{
    (void)arg;
    notes++;
    snprintf(last_note_vi, sizeof last_note_vi, "%s", msg_text(n->msg, LANG_VI));
    snprintf(last_note_en, sizeof last_note_en, "%s", msg_text(n->msg, LANG_EN));
}

static long audit_rows(struct store *st, const char *action, const char *like)
{
    sqlite3_stmt *s;
    long n = -1;
    if (store_prepare(st, "SELECT count(*) FROM audit WHERE action = ? AND detail LIKE ?", &s))
        return -1;
    sqlite3_bind_text(s, 1, action, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, like, -1, SQLITE_STATIC);
    if (sqlite3_step(s) == SQLITE_ROW)
        n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return n;
}

static void start(struct runner *r)
{
    struct wf_event ev = {.type = WF_EV_START, .now_ms = fake_wall};
    runner_event(r, &ev);
}

static void cancel(struct runner *r)
{
    struct wf_event ev = {.type = WF_EV_CANCEL, .now_ms = fake_wall};
    runner_event(r, &ev);
}

TEST(refused_until_a_supervisor_sets_it)
{
    char dir[64], keydir[128];
    struct seal_keys keys;
    struct store *st = NULL;
    struct config cfg;
    snprintf(dir, sizeof dir, "%s", test_tmpdir());
    snprintf(keydir, sizeof keydir, "%s/keys", dir);
    CHECK_INT(seal_keys_load(keydir, NULL, &keys), 0);
    fixture_upstream_key(&keys, NULL);
    CHECK_INT(store_open(dir, &keys, &st), 0);
    config_defaults(&cfg);
    struct runner *r = runner_new(&cfg, st, NULL, NULL, on_note, NULL);
    CHECK(r != NULL);
    runner_set_clock(r, &fake);
    runner_set_officer(r, "cb01");
    fake_wall = time_now_ms();
    fake_mono = 5000000;

    /* the time is known (the upstream's answer), the enrolment starts */
    int64_t trusted_at = fake_wall;
    CHECK_INT(clock_guard_trust(st, &fake, fake_wall, "upstream"), 0);
    start(r);
    CHECK_INT(wf_state(runner_wf(r)), WF_CARD);
    cancel(r);
    advance(10 * 60000);

    /* stepped back a day: refused, with the words, audited */
    fake_wall -= DAY;
    notes = 0;
    start(r);
    CHECK_INT(wf_state(runner_wf(r)), WF_IDLE);
    CHECK_INT(notes, 1);
    CHECK(strstr(last_note_vi, "Đồng hồ của máy không đúng") != NULL);
    CHECK(strstr(last_note_vi, "kiosk clock set") != NULL);
    CHECK(strstr(last_note_en, "clock is wrong") != NULL);
    /* behind the recorded time (or before the build, when this one is under a day old) */
    CHECK_INT(audit_rows(st, "enrol.refused", "clock.implausible: %"), 1);
    /* the deadlines' time is the trusted one plus the monotonic time since, not the wall's */
    int trusted = 0;
    CHECK(clock_guard_trusted_now(st, &fake, &trusted) == trusted_at + 10 * 60000);
    CHECK_INT(trusted, 1);

    /* forward a year: refused */
    fake_wall += DAY + YEAR;
    advance(60000);
    start(r);
    CHECK_INT(wf_state(runner_wf(r)), WF_IDLE);
    CHECK_INT(audit_rows(st, "enrol.refused", "clock.implausible: ahead of the trusted time%"), 1);
    CHECK_INT(audit_rows(st, "enrol.refused", "clock.implausible: %"), 2);
    CHECK(clock_guard_trusted_now(st, &fake, &trusted) == trusted_at + 11 * 60000);

    /* a supervisor sets the clock: the system clock is set, the time trusted, audited */
    int64_t right = fake_wall - YEAR;
    CHECK_INT(clock_guard_set(st, &fake, "sv01", right), 0);
    CHECK_INT(set_calls, 1);
    CHECK(fake_wall == right);
    CHECK_INT(audit_rows(st, "clock.set", "from %"), 1);
    advance(1000);
    start(r);
    CHECK_INT(wf_state(runner_wf(r)), WF_CARD);
    cancel(r);

    /* the clock runs on with the monotonic one: still plausible a day later */
    advance(DAY);
    start(r);
    CHECK_INT(wf_state(runner_wf(r)), WF_CARD);
    cancel(r);
    struct store_clock sc;
    CHECK_INT(store_clock_get(st, &sc), 0);
    CHECK_STR(sc.source, "supervisor");
    CHECK(sc.recorded_ms >= right);

    runner_free(r);
    store_close(st);
    seal_keys_wipe(&keys);
}

int main(void)
{
    RUN(judge);
    RUN(ids_stay_ordered);
    RUN(refused_until_a_supervisor_sets_it);
    return test_done();
}
