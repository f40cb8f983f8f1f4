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

int cli_read_card(struct cli_ctx *ctx, int argc, char **argv)
{
    const struct config *cfg = &ctx->cfg;
    static const struct option longopts[] = {{"device", required_argument, NULL, 'd'},
                                             {"can", required_argument, NULL, 'c'},
                                             {"qr", required_argument, NULL, 'q'},
                                             {"id", required_argument, NULL, 'i'},
                                             {"dob", required_argument, NULL, 'b'},
                                             {"issue", required_argument, NULL, 's'},
                                             {"json", no_argument, NULL, 'j'},
                                             {"photo", required_argument, NULL, 'p'},
                                             {NULL, 0, NULL, 0}};
    const char *device = cfg->card_device, *can = NULL, *qr = NULL, *id = NULL, *dob = "",
               *issue = "", *photo = NULL;
    int json = 0, c, rc, status = 1;
    char dev[CONFIG_PATH_SIZE + 64];
    struct card_access acc;
    struct card_result res;
    struct app_identity qr_id;
    json_t *out = NULL, *report = NULL;

    memset(&res, 0, sizeof(res));
    memset(&qr_id, 0, sizeof(qr_id));
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case 'd':
            device = optarg;
            break;
        case 'c':
            can = optarg;
            break;
        case 'q':
            qr = optarg;
            break;
        case 'i':
            id = optarg;
            break;
        case 'b':
            dob = optarg;
            break;
        case 's':
            issue = optarg;
            break;
        case 'j':
            json = 1;
            break;
        case 'p':
            photo = optarg;
            break;
        default:
            cli_usage();
            return 2;
        }
    }
    if (optind != argc || (can && qr) || (!can && !qr && !id)) {
        cli_usage();
        return 2;
    }
    memset(&acc, 0, sizeof(acc));
    if (qr) {
        int q = cccd_qr_parse(qr, strlen(qr), &qr_id, NULL);
        if (q != 0) {
            fprintf(stderr, "read-card: the QR text is not a CCCD QR code (%d)\n", q);
            return 1;
        }
        if (card_access_from_id(&acc, qr_id.personal_id, qr_id.dob, qr_id.issue_date) != 0) {
            fprintf(stderr, "read-card: the QR code carries no usable ID number\n");
            status = 1;
            goto out;
        }
    } else if (id) {
        if (card_access_from_id(&acc, id, dob, issue) != 0) {
            fprintf(stderr, "read-card: --id needs 12 digits, --dob/--issue YYYY-MM-DD\n");
            return 2;
        }
    }
    if (can) {
        if (strlen(can) != 6 || strspn(can, "0123456789") != 6) {
            fprintf(stderr, "read-card: --can needs 6 digits\n");
            return 2;
        }
        memcpy(acc.can, can, 7);
    }
    if (devices_device_string(cfg, DEV_CLASS_CARD, device, dev, sizeof(dev)) != 0) {
        fprintf(stderr, "read-card: device name too long\n");
        return 2;
    }
    struct card_options opts = {
        .device = dev,
        .trust_dir = cfg->trust_dir[0] ? cfg->trust_dir : NULL,
        .timeout_ms = cfg->card_timeout_seconds > 0 ? cfg->card_timeout_seconds * 1000 : 20000};
    rc = card_read(&opts, &acc, &res, NULL, NULL, NULL);
    if (rc != 0 && rc != CARD_EFORGED) {
        if (qr && (rc == CARD_ENOCARD || rc == CARD_EREADER || rc == CARD_ENO_CHIP)) {
            /* QR-only path: the identity printed on the card, unverified by any chip. */
            qr_id.source = ID_SOURCE_QR;
            qr_id.verdict = CHIP_VERDICT_NONE;
            if (json) {
                out = json_object();
                json_object_set_new(out, "identity", cli_identity_json(&qr_id));
                json_object_set_new(out, "chip", json_string(card_strerror(rc)));
                char *s = json_dumps(out, JSON_INDENT(2));
                if (s)
                    puts(s);
                free(s);
            } else {
                cli_print_identity(&qr_id);
                printf("chip:          not read (%s)\n", card_strerror(rc));
            }
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
    if (photo && res.face.len) {
        FILE *f = fopen(photo, "wb");
        if (!f || fwrite(res.face.data, 1, res.face.len, f) != res.face.len) {
            fprintf(stderr, "read-card: cannot write %s\n", photo);
            if (f)
                fclose(f);
            status = 1;
            goto out;
        }
        if (fclose(f) != 0) {
            status = 1;
            goto out;
        }
    }
    if (json) {
        out = json_object();
        json_object_set_new(out, "identity", cli_identity_json(&res.identity));
        if (report)
            json_object_set(out, "report", report);
        if (qr)
            json_object_set_new(out, "qr_disagreements", cli_compare(&res.identity, &qr_id));
        char *s = json_dumps(out, JSON_INDENT(2));
        if (s)
            puts(s);
        free(s);
    } else {
        cli_print_identity(&res.identity);
        json_t *reasons = report ? json_object_get(report, "reasons") : NULL;
        size_t i;
        json_t *v;
        json_array_foreach(reasons, i, v) printf("reason:        %s\n", json_string_value(v));
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
        json_array_foreach(steps, i, v)
            printf("  %-14s %8.1f ms %4lld APDUs\n", json_string_value(json_object_get(v, "step")),
                   json_real_value(json_object_get(v, "ms")),
                   json_integer_value(json_object_get(v, "apdus")));
        if (qr) {
            json_t *d = cli_compare(&res.identity, &qr_id);
            json_array_foreach(d, i, v) printf("QR differs:    %s\n", json_string_value(v));
            json_decref(d);
        }
    }
    status = 0;
    if (rc == CARD_EFORGED) {
        fprintf(stderr, "read-card: the chip is not genuine (Chip không hợp lệ): refused\n");
        status = 1;
    }
out:
    json_decref(out);
    json_decref(report);
    card_result_wipe(&res);
    explicit_bzero(&qr_id, sizeof(qr_id));
    explicit_bzero(&acc, sizeof(acc));
    return status;
}
