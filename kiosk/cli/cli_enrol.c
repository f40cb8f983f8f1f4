/* cli_enrol.c: `kiosk enrol --from FILE.json`: one application from a JSON description of
 * what the devices and the officer would supply, driven through the same runner and
 * workflow as the touchscreen, so every check and refusal is the same. The test and
 * scripting path.
 *
 *   {"officer": "cb01",
 *    "card": {"sim": "cards/ngoc-2021", "personal_id": "...", "dob": "YYYY-MM-DD"},
 *    (or, without a chip: "identity": {"personal_id": "...", "full_name": "...", ...,
 *                                      "source": "qr" | "manual"}),
 *    "supervisor": "sv01", "supervisor_pin_file": "pin.txt", "approval_reason": "chip_damaged",
 *    "portrait": {"file": "portrait.jpg", "quality": {...}, "override": false},
 *    "fingers": [{"position": "left-index", "pgm": "li.pgm", "ppi": 500, "quality": {...}},
 *                {"position": "right-index", "exception": "bandaged"}],
 *    "contact": {"phone": "0912345678", "email": "", "no_mobile_phone": false},
 *    "consent": true}
 *
 * The chip is read and verified by the kiosk itself (the card driver, the configured trust
 * store): a script never states a verdict. The officer must be an active officer of this
 * kiosk. Whatever the policy puts to an approver (kiosk policy) is approved, at the step that
 * asks, by "supervisor" with the PIN typed at the terminal, or on a demo store
 * (storage.kind = demo) read from "supervisor_pin_file", through the one approval
 * operation (runner_approve); "approval_reason" is the reason code where the rule offers a
 * choice. File names are relative to the JSON file's folder. Fingerprint images are 8-bit binary
 * PGM (P5). A front end of the composition root (kiosk/process/process.h) without device
 * workers: the script's data come in as workflow events. */
#include <errno.h>
#include <jansson.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/card/card.h"
#include "kiosk/model/app_json.h"
#include "kiosk/cli/cli.h"
#include "kiosk/cli/enrol_script.h"
#include "kiosk/messages/messages.h"
#include "kiosk/base/file_read.h"
#include "kiosk/base/log.h"
#include "kiosk/model/timefmt.h"
#include "kiosk/process/process.h"
#include "kiosk/workflow/runner.h"

#define ENROL_MAX_FILE (16 * 1024 * 1024)

struct enrol_out {
    enum msg_lang lang;
    char last[200];
};

static void on_note(const struct runner_note *n, void *arg)
{
    struct enrol_out *o = arg;
    const char *text =
        n->domain ? messages_text(n->domain, n->code, o->lang) : msg_text(n->msg, o->lang);
    snprintf(o->last, sizeof(o->last), "%s", text);
    if (n->msg != MSG_WF_QUEUED)
        log_line(LOG_NOTICE, "%s", text);
}

int enrol_read_file(const char *path, unsigned char **data, size_t *len)
{
    if (file_read_all(path, ENROL_MAX_FILE, data, len) != FILE_READ_OK || *len == 0) {
        free(*data);
        *data = NULL;
        *len = 0;
        return -1;
    }
    return 0;
}

/* An 8-bit binary PGM: "P5 <w> <h> 255\n" then w*h bytes. */
int enrol_read_pgm(const char *path, struct app_finger *f)
{
    unsigned char *d;
    size_t n, pos = 2;
    long v[3];
    if (enrol_read_file(path, &d, &n) != 0)
        return -1;
    if (n < 2 || d[0] != 'P' || d[1] != '5')
        goto bad;
    for (int k = 0; k < 3; k++) {
        while (pos < n && (d[pos] == ' ' || d[pos] == '\n' || d[pos] == '\r' || d[pos] == '\t' ||
                           d[pos] == '#')) {
            if (d[pos] == '#')
                while (pos < n && d[pos] != '\n')
                    pos++;
            else
                pos++;
        }
        v[k] = 0;
        int digits = 0;
        while (pos < n && d[pos] >= '0' && d[pos] <= '9' && digits < 6) {
            v[k] = v[k] * 10 + (d[pos++] - '0');
            digits++;
        }
        if (digits == 0)
            goto bad;
    }
    pos++; /* the single white space after maxval */
    if (v[0] < 1 || v[0] > 5000 || v[1] < 1 || v[1] > 5000 || v[2] != 255 || pos > n ||
        n - pos < (size_t)(v[0] * v[1]))
        goto bad;
    f->width = (int)v[0];
    f->height = (int)v[1];
    if (app_blob_set(&f->image, d + pos, (size_t)(v[0] * v[1])) != 0)
        goto bad;
    free(d);
    return 0;
bad:
    free(d);
    return -1;
}

static int path_in(const char *dir, const char *name, char *out, size_t size)
{
    if (!name || !*name)
        return -1;
    if (name[0] == '/')
        snprintf(out, size, "%s", name);
    else
        snprintf(out, size, "%s/%s", dir, name);
    return 0;
}

static char *dump_or_null(json_t *v)
{
    return v && !json_is_null(v) ? json_dumps(v, JSON_COMPACT) : NULL;
}

/* When the policy wants an approver at this step: the script's supervisor approves with
 * their PIN through runner_approve. 0 when nothing is pending or the approval went through. */
static int approve_if_needed(struct cli_ctx *c, struct runner *r, json_t *doc, const char *dir,
                             struct enrol_out *o)
{
    if (!wf_needs_supervisor(runner_wf(r)))
        return 0;
    const char *sup = json_string_value(json_object_get(doc, "supervisor"));
    const char *pinf = json_string_value(json_object_get(doc, "supervisor_pin_file"));
    const char *reason = json_string_value(json_object_get(doc, "approval_reason"));
    char pinpath[CONFIG_PATH_SIZE * 2], pin[32];
    if (!sup)
        return cli_fail("refused: %s",
                        o->last[0] ? o->last : msg_text(MSG_POL_NOTHING_TO_APPROVE, c->lang));
    /* A PIN from a file is an approval nobody is present for: the demo's, never a station's
     * (there the supervisor types it). */
    if (pinf && c->cfg.store_kind != STORE_KIND_DEMO)
        return cli_fail("%s", cli_text(c, CLI_T_PIN_FILE_DEMO_ONLY));
    if (pinf)
        path_in(dir, pinf, pinpath, sizeof(pinpath));
    if (cli_read_pin(pinf ? pinpath : NULL, "Supervisor PIN: ", pin, sizeof(pin)) != 0)
        return cli_fail("cannot read the supervisor's PIN");
    enum msg_id m = runner_approve(r, sup, pin, reason);
    explicit_bzero(pin, sizeof(pin));
    if (m != MSG_NONE)
        return cli_fail("approval refused: %s", msg_text(m, c->lang));
    return 0;
}

/* The enrolling officer must be one of this kiosk's, and active: a script names who did the
 * work, and the audit trail and the upstream believe it. */
static int officer_refused(struct cli_ctx *c, const char *id)
{
    static struct store_officer all[512];
    int n = id && *id ? store_officer_list(c->st, all, 512) : 0;
    for (int i = 0; i < n; i++)
        if (strcmp(all[i].id, id) == 0) {
            if (!all[i].disabled)
                return 0;
            return cli_failm(c, MSGD_CLI, CLI_T_OFFICER_DISABLED, "%s", id);
        }
    return cli_failm(c, MSGD_CLI, CLI_T_NO_OFFICER, "%s", id ? id : "");
}

/* The identity of a script: the chip is read and verified here, from a simulated card's
 * files ("card": {"sim": DIR, "personal_id": ..., "dob": ..., "issue_date": ...}) through the
 * same card driver and trust store as the reader; or an identity from the QR code or typed
 * ("identity" with source "qr" or "manual"), which the policy puts to an approver. A script
 * never states a chip verdict itself. */
static int card_step(struct cli_ctx *c, json_t *doc, const char *dir, const char *path,
                     const char *app_id, struct application *card)
{
    char err[160], file[CONFIG_PATH_SIZE * 2], device[CONFIG_PATH_SIZE * 2 + 8];
    json_t *cj = json_object_get(doc, "card");
    if (cj) {
        struct card_access access;
        struct card_result res;
        const char *sim = json_string_value(json_object_get(cj, "sim"));
        if (!sim || path_in(dir, sim, file, sizeof(file)) != 0)
            return cli_fail("%s: card.sim: the simulated card's folder is missing", path);
        if (card_access_from_id(&access, json_string_value(json_object_get(cj, "personal_id")),
                                json_string_value(json_object_get(cj, "dob")),
                                json_string_value(json_object_get(cj, "issue_date"))) != 0)
            return cli_fail("%s: card: %s", path, messages_text(MSGD_CARD, CARD_EINVAL, c->lang));
        snprintf(device, sizeof(device), "sim:%s", file);
        access.bind_id = app_id; /* the AA challenge is this application's (card_evidence.h) */
        struct card_options opt = {.device = device,
                                   .trust_dir = c->cfg.trust_dir,
                                   .timeout_ms = c->cfg.card_timeout_seconds * 1000};
        int rc = card_read(&opt, &access, &res, NULL, NULL, NULL);
        explicit_bzero(&access, sizeof(access));
        if (rc != 0 && rc != CARD_EFORGED)
            return cli_fail("%s: card: %s", path, messages_text(MSGD_CARD, rc, c->lang));
        /* a forged verdict goes on to the workflow, which refuses it and records why */
        card->identity = res.identity;
        card->chip_report_json = res.report_json;
        card->chip_face = res.face;
        card->chip_evidence = res.evidence;
        memset(&res.evidence, 0, sizeof(res.evidence)); /* moved, not copied */
        res.report_json = NULL;
        res.face.data = NULL;
        res.face.len = 0;
        card_result_wipe(&res);
        return 0;
    }
    char *idjson = dump_or_null(json_object_get(doc, "identity"));
    int have_id = idjson != NULL;
    int bad_id = !have_id || app_identity_from_json(idjson, &card->identity, err, sizeof(err)) != 0;
    free(idjson);
    if (bad_id)
        return cli_fail("%s: identity: %s", path,
                        have_id ? err : "missing (give \"card\" or \"identity\")");
    if ((card->identity.source != ID_SOURCE_QR && card->identity.source != ID_SOURCE_MANUAL) ||
        card->identity.verdict != CHIP_VERDICT_NONE)
        return cli_failm(c, MSGD_CLI, CLI_T_SCRIPT_VERDICT, "%s", path);
    return 0;
}

/* Feeds one event; a refusal ends the enrolment with the workflow's reason. */
static int feed(struct runner *r, struct wf_event *ev, struct enrol_out *o, const char *step)
{
    if (runner_event(r, ev) < 0)
        return cli_fail("%s refused: %s", step, o->last);
    return 0;
}

/* The card step: the chip read and verified here, or what the QR code or the officer gave;
 * then the review, with an approval where the policy asks for one. */
static int enrol_card(struct cli_ctx *c, struct runner *r, json_t *doc, const char *dir,
                      const char *path, struct enrol_out *out, struct application *card)
{
    if (card_step(c, doc, dir, path, wf_app(runner_wf(r))->id, card) != 0)
        return 1;
    struct wf_event ev = {.type = WF_EV_CARD_OK, .now_ms = time_now_ms(), .app_data = card};
    if (feed(r, &ev, out, "card"))
        return 1;
    if (approve_if_needed(c, r, doc, dir, out))
        return 1;
    ev = (struct wf_event){.type = WF_EV_CONFIRM, .now_ms = time_now_ms()};
    return feed(r, &ev, out, "review");
}

/* The portrait: the image file with its quality report and override flag. */
static int enrol_portrait(struct runner *r, json_t *doc, const char *dir, const char *path,
                          struct enrol_out *out, struct application *portrait)
{
    char file[CONFIG_PATH_SIZE * 2];
    json_t *p = json_object_get(doc, "portrait");
    const char *pf = json_string_value(json_object_get(p, "file"));
    if (!pf || path_in(dir, pf, file, sizeof(file)) != 0 ||
        enrol_read_file(file, &portrait->portrait.data, &portrait->portrait.len) != 0)
        return cli_fail("%s: portrait.file missing or unreadable", path);
    portrait->portrait_quality_json = dump_or_null(json_object_get(p, "quality"));
    portrait->portrait_override = json_is_true(json_object_get(p, "override"));
    struct wf_event ev = {.type = WF_EV_PORTRAIT_OK, .now_ms = time_now_ms(), .app_data = portrait};
    return feed(r, &ev, out, "portrait");
}

/* The script's entry for finger want into af: an exception, or the PGM image with its ppi and
 * quality report. 0, or 1 with the reason told. */
static int finger_from_script(json_t *f, enum finger want, const char *dir, const char *path,
                              struct app_finger *af)
{
    char file[CONFIG_PATH_SIZE * 2];
    memset(af, 0, sizeof(*af));
    af->position = want;
    af->attempts = 1;
    const char *exc = json_string_value(json_object_get(f, "exception"));
    if (exc) {
        if (app_finger_exception_parse(exc, &af->exception) != 0 ||
            af->exception == FINGER_CAPTURED)
            return cli_fail("%s: %s: unknown exception %s (missing, bandaged, scarred, "
                            "unreadable)",
                            path, app_finger_name(want), exc);
        return 0;
    }
    const char *pgm = json_string_value(json_object_get(f, "pgm"));
    if (!pgm || path_in(dir, pgm, file, sizeof(file)) != 0 || enrol_read_pgm(file, af) != 0)
        return cli_fail("%s: %s: pgm missing or not an 8-bit binary PGM", path,
                        app_finger_name(want));
    json_t *ppi = json_object_get(f, "ppi");
    af->ppi = json_is_integer(ppi) ? (int)json_integer_value(ppi) : 500;
    af->quality_json = dump_or_null(json_object_get(f, "quality"));
    return 0;
}

/* The fingers, in the order the workflow asks for them. */
static int enrol_fingers(struct runner *r, json_t *doc, const char *dir, const char *path,
                         struct enrol_out *out)
{
    json_t *fingers = json_object_get(doc, "fingers");
    while (wf_state(runner_wf(r)) == WF_FINGERS) {
        enum finger want = wf_current_finger(runner_wf(r));
        json_t *f = NULL, *v;
        size_t i;
        json_array_foreach(fingers, i, v)
        {
            enum finger pos;
            if (app_finger_parse(json_string_value(json_object_get(v, "position")), &pos) == 0 &&
                pos == want)
                f = v;
        }
        if (!f)
            return cli_fail("%s: the workflow asks for %s and the file has no such finger", path,
                            app_finger_name(want));
        struct app_finger af;
        if (finger_from_script(f, want, dir, path, &af) != 0)
            return 1;
        struct wf_event ev = {.type = af.exception != FINGER_CAPTURED ? WF_EV_FINGER_EXCEPTION
                                                                      : WF_EV_FINGER_OK,
                              .now_ms = time_now_ms(),
                              .finger = &af};
        int frc = feed(r, &ev, out, "finger");
        app_blob_wipe(&af.image);
        app_str_set(&af.quality_json, NULL);
        if (frc)
            return 1;
    }
    return 0;
}

/* The contact, then the citizen's consent (with an approval where the policy asks). */
static int enrol_contact_and_consent(struct cli_ctx *c, struct runner *r, json_t *doc,
                                     const char *dir, struct enrol_out *out)
{
    json_t *contact = json_object_get(doc, "contact");
    struct wf_event ev = {.type = WF_EV_CONTACT,
                          .now_ms = time_now_ms(),
                          .text1 = json_string_value(json_object_get(contact, "phone")),
                          .text2 = json_string_value(json_object_get(contact, "email")),
                          .no_mobile = json_is_true(json_object_get(contact, "no_mobile_phone"))};
    if (feed(r, &ev, out, "contact"))
        return 1;
    if (!json_is_true(json_object_get(doc, "consent")))
        return cli_fail("%s", msg_text(MSG_WF_NO_CONSENT, c->lang));
    if (approve_if_needed(c, r, doc, dir, out))
        return 1;
    ev = (struct wf_event){.type = WF_EV_CONSENT, .now_ms = time_now_ms()};
    return feed(r, &ev, out, "consent");
}

int enrol_run_script(struct cli_ctx *c, const char *path, char id_out[APP_ID_SIZE])
{
    json_error_t je;
    char dir[CONFIG_PATH_SIZE];
    struct enrol_out out = {.lang = c->lang};
    struct application card, portrait;
    struct runner *r = NULL;
    struct kiosk_process *proc = NULL;
    int rc = 1;

    id_out[0] = '\0';
    app_init(&card);
    app_init(&portrait);
    json_t *doc = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    if (!doc)
        return cli_fail("%s:%d: %s", path, je.line, je.text);
    char pathcopy[CONFIG_PATH_SIZE];
    snprintf(pathcopy, sizeof(pathcopy), "%s", path);
    snprintf(dir, sizeof(dir), "%s", dirname(pathcopy));
    if (cli_open_store(c))
        goto out;
    struct process_opts po = {.front = {.note = on_note, .arg = &out}, .no_devices = 1};
    char err[200];
    if (process_start(&c->cfg, c->st, &po, &proc, err, sizeof err) != 0) {
        cli_fail("%s", err);
        goto out;
    }
    r = process_runner(proc);
    const char *officer = json_string_value(json_object_get(doc, "officer"));
    if (officer_refused(c, officer))
        goto out;
    runner_set_officer(r, officer);
    struct wf_event ev = {.type = WF_EV_START, .now_ms = time_now_ms()};
    if (feed(r, &ev, &out, "start"))
        goto out;

    if (enrol_card(c, r, doc, dir, path, &out, &card) != 0 ||
        enrol_portrait(r, doc, dir, path, &out, &portrait) != 0 ||
        enrol_fingers(r, doc, dir, path, &out) != 0 ||
        enrol_contact_and_consent(c, r, doc, dir, &out) != 0)
        goto out;
    if (wf_state(runner_wf(r)) != WF_QUEUED) {
        cli_fail("not queued: %s", out.last);
        goto out;
    }
    snprintf(id_out, APP_ID_SIZE, "%s", runner_last_queued(r));
    rc = 0;
out:
    process_stop(proc);
    app_wipe(&card);
    app_wipe(&portrait);
    json_decref(doc);
    return rc;
}

int cli_enrol(struct cli_ctx *c, int argc, char **argv)
{
    char id[APP_ID_SIZE];
    if (argc != 3 || strcmp(argv[1], "--from") != 0) {
        fprintf(stderr, "usage: kiosk enrol --from FILE.json\n");
        return 2;
    }
    if (enrol_run_script(c, argv[2], id) != 0)
        return 1;
    printf("%s\n", id);
    return 0;
}
