/* cli_read_card.c: `kiosk read-card`, reading one card from the command line.
 *
 *   kiosk read-card [--device CONN] [--can DIGITS | --qr TEXT] [--id DIGITS12]
 *                   [--dob YYYY-MM-DD] [--issue YYYY-MM-DD] [--json] [--photo FILE]
 *
 * Prints the identity, the verdict with its reasons and the timing per step (or one JSON
 * object with --json), and writes the DG2 image with --photo. With --qr the access data come
 * from the card's QR code; when no chip answers, the QR identity is printed with source "qr".
 * Exit status as every command's (cli.h): 0 read (genuine or unverified), 1 the card could
 * not be read or its chip is not genuine (one line on stderr saying why and what to do),
 * 2 usage.
 * Personal data go to stdout only (what the officer asked for), never to stderr or logs. */
#include "kiosk/cli/commands.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/card/card.h"
#include "drivers/card/cccd_qr.h"
#include "drivers/card/reader.h"
#include "kiosk/devices/devices.h"
#include "kiosk/messages/messages.h"

static void cli_usage(void)
{
    fprintf(stderr, "usage: kiosk read-card [--device CONN] [--can DIGITS | --qr TEXT] "
                    "[--id DIGITS12] [--dob YYYY-MM-DD] [--issue YYYY-MM-DD] [--json] "
                    "[--photo FILE]\n");
}

static json_t *cli_identity_json(const struct app_identity *id)
{
    json_t *o = json_object();
    char sex[2] = {id->sex, 0};
    json_object_set_new(o, "personal_id", json_string(id->personal_id));
    json_object_set_new(o, "old_id", json_string(id->old_id));
    json_object_set_new(o, "full_name", json_string(id->full_name));
    json_object_set_new(o, "dob", json_string(id->dob));
    json_object_set_new(o, "sex", json_string(sex));
    json_object_set_new(o, "nationality", json_string(id->nationality));
    json_object_set_new(o, "ethnicity", json_string(id->ethnicity));
    json_object_set_new(o, "religion", json_string(id->religion));
    json_object_set_new(o, "place_of_origin", json_string(id->place_of_origin));
    json_object_set_new(o, "residence", json_string(id->residence));
    json_object_set_new(o, "issue_date", json_string(id->issue_date));
    json_object_set_new(o, "expiry_date", json_string(id->expiry_date));
    json_object_set_new(o, "no_expiry", json_boolean(id->no_expiry));
    json_object_set_new(o, "source", json_string(app_source_name(id->source)));
    json_object_set_new(o, "verdict", json_string(app_verdict_name(id->verdict)));
    return o;
}

static void cli_print_identity(const struct app_identity *id)
{
    printf("source:        %s\n", app_source_name(id->source));
    printf("verdict:       %s\n", app_verdict_name(id->verdict));
    printf("personal id:   %s\n", id->personal_id);
    if (id->old_id[0])
        printf("old id:        %s\n", id->old_id);
    printf("full name:     %s\n", id->full_name);
    printf("date of birth: %s\n", id->dob);
    printf("sex:           %c\n", id->sex ? id->sex : '-');
    if (id->residence[0])
        printf("residence:     %s\n", id->residence);
    if (id->issue_date[0])
        printf("issued:        %s\n", id->issue_date);
    printf("expiry:        %s\n", id->no_expiry ? "none" : id->expiry_date);
}

/* The chip's and the QR's identities disagree on a field: listed, not hidden. */
static json_t *cli_compare(const struct app_identity *chip, const struct app_identity *qr)
{
    json_t *d = json_array();
    if (strcmp(chip->personal_id, qr->personal_id))
        json_array_append_new(d, json_string("personal_id"));
    if (strcmp(chip->dob, qr->dob))
        json_array_append_new(d, json_string("dob"));
    if (strcmp(chip->full_name, qr->full_name))
        json_array_append_new(d, json_string("full_name"));
    if (chip->sex != qr->sex)
        json_array_append_new(d, json_string("sex"));
    if (qr->issue_date[0] && strcmp(chip->issue_date, qr->issue_date))
        json_array_append_new(d, json_string("issue_date"));
    return d;
}

/* The command line: what to read with and how to print it. */
struct read_card_args {
    const char *device, *can, *qr, *id, *dob, *issue, *photo;
    int json;
};

/* Parses argv into a; 0, or 2 (usage) with the usage printed. */
static int read_card_parse(int argc, char **argv, struct read_card_args *a)
{
    static const struct option longopts[] = {{"device", required_argument, NULL, 'd'},
                                             {"can", required_argument, NULL, 'c'},
                                             {"qr", required_argument, NULL, 'q'},
                                             {"id", required_argument, NULL, 'i'},
                                             {"dob", required_argument, NULL, 'b'},
                                             {"issue", required_argument, NULL, 's'},
                                             {"json", no_argument, NULL, 'j'},
                                             {"photo", required_argument, NULL, 'p'},
                                             {NULL, 0, NULL, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case 'd':
            a->device = optarg;
            break;
        case 'c':
            a->can = optarg;
            break;
        case 'q':
            a->qr = optarg;
            break;
        case 'i':
            a->id = optarg;
            break;
        case 'b':
            a->dob = optarg;
            break;
        case 's':
            a->issue = optarg;
            break;
        case 'j':
            a->json = 1;
            break;
        case 'p':
            a->photo = optarg;
            break;
        default:
            cli_usage();
            return 2;
        }
    }
    if (optind != argc || (a->can && a->qr) || (!a->can && !a->qr && !a->id)) {
        cli_usage();
        return 2;
    }
    return 0;
}

/* The chip's access data from the QR text (then qr_id holds its identity), the ID typed or
 * the CAN. 0, or the exit status (1 a bad QR code, 2 usage) with one line on stderr. */
static int read_card_access(const struct read_card_args *a, struct card_access *acc,
                            struct app_identity *qr_id)
{
    memset(acc, 0, sizeof(*acc));
    if (a->qr) {
        int q = cccd_qr_parse(a->qr, strlen(a->qr), qr_id, NULL);
        if (q != 0) {
            fprintf(stderr, "read-card: the QR text is not a CCCD QR code (%d)\n", q);
            return 1;
        }
        if (card_access_from_id(acc, qr_id->personal_id, qr_id->dob, qr_id->issue_date) != 0) {
            fprintf(stderr, "read-card: the QR code carries no usable ID number\n");
            return 1;
        }
    } else if (a->id) {
        if (card_access_from_id(acc, a->id, a->dob, a->issue) != 0) {
            fprintf(stderr, "read-card: --id needs 12 digits, --dob/--issue YYYY-MM-DD\n");
            return 2;
        }
    }
    if (a->can) {
        if (strlen(a->can) != 6 || strspn(a->can, "0123456789") != 6) {
            fprintf(stderr, "read-card: --can needs 6 digits\n");
            return 2;
        }
        memcpy(acc->can, a->can, 7);
    }
    return 0;
}

static void print_json(json_t *out)
{
    char *s = json_dumps(out, JSON_INDENT(2));
    if (s)
        puts(s);
    free(s);
}

/* QR-only path: the identity printed on the card, unverified by any chip. */
static void print_qr_only(const struct read_card_args *a, struct app_identity *qr_id, int rc)
{
    qr_id->source = ID_SOURCE_QR;
    qr_id->verdict = CHIP_VERDICT_NONE;
    if (a->json) {
        json_t *out = json_object();
        json_object_set_new(out, "identity", cli_identity_json(qr_id));
        json_object_set_new(out, "chip", json_string(card_strerror(rc)));
        print_json(out);
        json_decref(out);
    } else {
        cli_print_identity(qr_id);
        printf("chip:          not read (%s)\n", card_strerror(rc));
    }
}

/* The chip's photo (DG2) into path; 0 or 1 with the reason on stderr. */
static int write_photo(const char *path, const struct app_blob *face)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(face->data, 1, face->len, f) != face->len) {
        fprintf(stderr, "read-card: cannot write %s\n", path);
        if (f)
            fclose(f);
        return 1;
    }
    return fclose(f) != 0 ? 1 : 0;
}

/* The identity, the verdict's reasons, the access figures and the steps, as text. */
static void print_text(const struct read_card_args *a, const struct card_result *res,
                       const struct app_identity *qr_id, json_t *report)
{
    cli_print_identity(&res->identity);
    json_t *reasons = report ? json_object_get(report, "reasons") : NULL;
    size_t i;
    json_t *v;
    json_array_foreach(reasons, i, v)
    {
        /* each reason is {key, dg}: its key and the officer's sentence for it */
        const char *key = json_string_value(json_object_get(v, "key"));
        printf("reason:        %s: %s\n", key ? key : "?", messages_verify_reason(key, LANG_EN));
    }
    if (report)
        printf("access:        %s at %lld kbps, %lld APDUs, %lld bytes out, %lld bytes in, "
               "%lld-byte reads, %lld resumes\n",
               json_string_value(json_object_get(report, "access")),
               json_integer_value(json_object_get(report, "kbps")),
               json_integer_value(json_object_get(report, "apdus")),
               json_integer_value(json_object_get(report, "bytes_out")),
               json_integer_value(json_object_get(report, "bytes_in")),
               json_integer_value(json_object_get(report, "chunk")),
               json_integer_value(json_object_get(report, "resumes")));
    json_t *steps = report ? json_object_get(report, "steps") : NULL;
    json_array_foreach(steps, i, v) printf(
        "  %-14s %8.1f ms %4lld APDUs\n", json_string_value(json_object_get(v, "step")),
        json_real_value(json_object_get(v, "ms")), json_integer_value(json_object_get(v, "apdus")));
    if (a->qr) {
        json_t *d = cli_compare(&res->identity, qr_id);
        json_array_foreach(d, i, v) printf("QR differs:    %s\n", json_string_value(v));
        json_decref(d);
    }
}

/* The identity, the report and the QR's disagreements as one JSON object. */
static void print_result_json(const struct read_card_args *a, const struct card_result *res,
                              const struct app_identity *qr_id, json_t *report)
{
    json_t *out = json_object();
    json_object_set_new(out, "identity", cli_identity_json(&res->identity));
    if (report)
        json_object_set(out, "report", report);
    if (a->qr)
        json_object_set_new(out, "qr_disagreements", cli_compare(&res->identity, qr_id));
    print_json(out);
    json_decref(out);
}

int cli_read_card(struct cli_ctx *ctx, int argc, char **argv)
{
    const struct config *cfg = &ctx->cfg;
    struct read_card_args a = {.device = cfg->card_device, .dob = "", .issue = ""};
    int rc, status;
    char dev[CONFIG_PATH_SIZE + 64];
    struct card_access acc;
    struct card_result res;
    struct app_identity qr_id;
    json_t *report = NULL;

    memset(&res, 0, sizeof(res));
    memset(&qr_id, 0, sizeof(qr_id));
    if ((status = read_card_parse(argc, argv, &a)) != 0)
        return status;
    if ((status = read_card_access(&a, &acc, &qr_id)) != 0)
        goto out;
    if (devices_device_string(cfg, DEV_CLASS_CARD, a.device, dev, sizeof(dev)) != 0) {
        fprintf(stderr, "read-card: device name too long\n");
        status = 2;
        goto out;
    }
    struct card_options opts = {
        .device = dev,
        .trust_dir = cfg->trust_dir[0] ? cfg->trust_dir : NULL,
        .timeout_ms = cfg->card_timeout_seconds > 0 ? cfg->card_timeout_seconds * 1000 : 20000};
    rc = card_read(&opts, &acc, &res, NULL, NULL, NULL);
    if (rc != 0 && rc != CARD_EFORGED) {
        if (a.qr && (rc == CARD_ENOCARD || rc == CARD_EREADER || rc == CARD_ENO_CHIP)) {
            print_qr_only(&a, &qr_id, rc);
            status = 0;
            goto out;
        }
        fprintf(stderr, "read-card: %s\n",
                rc == CARD_EREADER && res.reader_error
                    ? messages_text(MSGD_READER, res.reader_error, LANG_EN)
                    : messages_text(MSGD_CARD, rc, LANG_EN));
        status = 1;
        goto out;
    }
    json_error_t jerr;
    report = res.report_json ? json_loads(res.report_json, 0, &jerr) : NULL;
    if (a.photo && res.face.len && (status = write_photo(a.photo, &res.face)) != 0)
        goto out;
    if (a.json)
        print_result_json(&a, &res, &qr_id, report);
    else
        print_text(&a, &res, &qr_id, report);
    status = 0;
    if (rc == CARD_EFORGED) {
        fprintf(stderr, "read-card: the chip is not genuine (Chip không hợp lệ): refused\n");
        status = 1;
    }
out:
    json_decref(report);
    card_result_wipe(&res);
    explicit_bzero(&qr_id, sizeof(qr_id));
    explicit_bzero(&acc, sizeof(acc));
    return status;
}
