/* config.c: loads config/kiosk.conf (INI, parsed by Debian's inih) into struct config.
 *
 * One table row per key: section, name, type, where it goes, bounds. Anything not in the
 * table is refused, as is a value out of bounds, with "file:line: message" for the first
 * problem. Every key is documented in config/KEYS.md; tests/kiosk/test_config.c fails when
 * one is not. */
#include "kiosk/config/config.h"

#include <errno.h>
#include <ini.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum key_type { K_STR, K_INT, K_UNIT, K_LANG, K_FINGERS, K_READER, K_KIND };

struct key {
    const char *section, *name;
    enum key_type type;
    size_t off, size;
    int min, max;
};

#define STR(sec, name, field)                                                                      \
    {                                                                                              \
        sec, name, K_STR, offsetof(struct config, field), sizeof(((struct config *)0)->field), 0,  \
            0                                                                                      \
    }
#define INT(sec, name, field, lo, hi)                                                              \
    {                                                                                              \
        sec, name, K_INT, offsetof(struct config, field), sizeof(int), lo, hi                      \
    }

static const struct key keys[] = {
    STR("station", "code", station_code),
    STR("station", "name", station_name),
    {"station", "unit", K_UNIT, offsetof(struct config, unit), 0, 0, 0},
    STR("station", "kiosk_id", kiosk_id),
    STR("station", "run_as", run_as),
    STR("storage", "data_dir", data_dir),
    INT("storage", "retention_days", retention_days, 0, 3650),
    INT("storage", "disk_margin_mb", disk_margin_mb, 1, 65536),
    STR("power", "supply_root", power_supply_root),
    INT("power", "warn_percent", power_warn_percent, 0, 100),
    INT("power", "critical_percent", power_critical_percent, 0, 100),
    {"storage", "kind", K_KIND, offsetof(struct config, store_kind), 0, 0, 0},
    STR("upstream", "url", upstream_url),
    STR("upstream", "ca", upstream_ca),
    STR("upstream", "client_cert", client_cert),
    STR("upstream", "client_key", client_key),
    STR("upstream", "seal_key", upstream_seal_key),
    INT("upstream", "sync_interval_seconds", sync_interval_seconds, 1, 86400),
    INT("upstream", "backoff_max_seconds", sync_backoff_max_seconds, 1, 86400),
    INT("upstream", "recovery_seconds", sync_recovery_seconds, 0, 86400),
    INT("upstream", "recovery_pace_seconds", sync_recovery_pace_seconds, 1, 3600),
    STR("devices", "card", card_device),
    STR("devices", "camera", camera_device),
    STR("devices", "fingerprint", fingerprint_device),
    STR("devices", "qr", qr_device),
    STR("devices", "sim_dir", sim_dir),
    STR("card", "trust_dir", trust_dir),
    STR("card", "masterlist_root", masterlist_root),
    INT("card", "timeout_seconds", card_timeout_seconds, 1, 600),
    {"card", "reader", K_READER, offsetof(struct config, card_reader),
     sizeof(((struct config *)0)->card_reader), 0, 0},
    STR("card", "reader_name", card_reader_name),
    INT("card", "serial_baud", card_serial_baud, 0, 921600),
    INT("camera", "width", camera_width, 160, 8192),
    INT("camera", "height", camera_height, 120, 8192),
    INT("camera", "fps", camera_fps, 5, 60),
    INT("camera", "portrait_width", portrait_width, 300, 4000),
    INT("camera", "portrait_height", portrait_height, 400, 5400),
    STR("camera", "face_model_dir", face_model_dir),
    {"fingerprint", "fingers", K_FINGERS, offsetof(struct config, fingers), 0, 1, 10},
    INT("fingerprint", "min_minutiae", fp_min_minutiae, 0, 500),
    INT("fingerprint", "max_attempts", fp_max_attempts, 1, 10),
    INT("fingerprint", "timeout_seconds", fp_timeout_seconds, 1, 600),
    {"ui", "lang", K_LANG, offsetof(struct config, lang), sizeof(((struct config *)0)->lang), 0, 0},
    INT("ui", "inactivity_seconds", inactivity_seconds, 10, 3600),
    INT("ui", "officer_idle_seconds", officer_idle_seconds, 30, 86400),
    STR("ui", "font", font),
    STR("receipt", "printer", receipt_printer),
    STR("receipt", "paper", receipt_paper),
    STR("receipt", "call_centre", receipt_call_centre),
};
#define NKEYS ((int)(sizeof(keys) / sizeof(keys[0])))

const char *config_key_name(int i)
{
    static char buf[NKEYS][64];
    if (i < 0 || i >= NKEYS)
        return NULL;
    snprintf(buf[i], sizeof(buf[i]), "%s.%s", keys[i].section, keys[i].name);
    return buf[i];
}

void config_defaults(struct config *cfg)
{
    char err[256];
    memset(cfg, 0, sizeof(*cfg));
    /* The embedded demo.conf is the default; it is tested to load, so this cannot fail. */
    if (config_load_string(cfg, config_demo_text, "demo.conf", err, sizeof(err)) != 0) {
        fprintf(stderr, "kiosk: embedded demo.conf: %s\n", err);
        abort();
    }
}

struct load_ctx {
    struct config *cfg;
    char msg[200];
    int failed;
};

static int parse_int(const char *v, long *out)
{
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno || end == v || *end != '\0')
        return -1;
    *out = n;
    return 0;
}

static int parse_fingers(const char *v, struct config *cfg, char *msg, size_t n)
{
    char buf[256];
    enum finger list[APP_MAX_FINGERS];
    int count = 0;
    if (strlen(v) >= sizeof(buf)) {
        snprintf(msg, n, "fingers: list too long");
        return -1;
    }
    strcpy(buf, v);
    for (char *save = NULL, *tok = strtok_r(buf, ", ", &save); tok;
         tok = strtok_r(NULL, ", ", &save)) {
        enum finger f;
        if (app_finger_parse(tok, &f) != 0) {
            snprintf(msg, n, "fingers: unknown finger '%.40s' (left-index, right-thumb...)", tok);
            return -1;
        }
        for (int i = 0; i < count; i++) {
            if (list[i] == f) {
                snprintf(msg, n, "fingers: '%.40s' listed twice", tok);
                return -1;
            }
        }
        if (count == APP_MAX_FINGERS) {
            snprintf(msg, n, "fingers: at most 10");
            return -1;
        }
        list[count++] = f;
    }
    if (count == 0) {
        snprintf(msg, n, "fingers: at least one finger");
        return -1;
    }
    memcpy(cfg->fingers, list, sizeof(list[0]) * (size_t)count);
    cfg->n_fingers = count;
    return 0;
}

static int on_key(void *user, const char *section, const char *name, const char *value)
{
    struct load_ctx *c = user;
    const struct key *k = NULL;
    if (c->failed)
        return 1; /* keep the first message */
    for (int i = 0; i < NKEYS; i++)
        if (strcmp(keys[i].section, section) == 0 && strcmp(keys[i].name, name) == 0)
            k = &keys[i];
    if (!k) {
        snprintf(c->msg, sizeof(c->msg), "unknown key '%.40s' in section [%.40s]", name, section);
        goto bad;
    }
    char *field = (char *)c->cfg + k->off;
    long n;
    switch (k->type) {
    case K_STR:
        if (strlen(value) >= k->size) {
            snprintf(c->msg, sizeof(c->msg), "%s: value longer than %zu bytes", name, k->size - 1);
            goto bad;
        }
        strcpy(field, value);
        break;
    case K_INT:
        if (parse_int(value, &n) != 0 || n < k->min || n > k->max) {
            snprintf(c->msg, sizeof(c->msg), "%s: '%.40s' is not a whole number from %d to %d",
                     name, value, k->min, k->max);
            goto bad;
        }
        *(int *)field = (int)n;
        break;
    case K_UNIT:
        if (strcmp(value, "counter") == 0)
            c->cfg->unit = UNIT_COUNTER;
        else if (strcmp(value, "mobile") == 0)
            c->cfg->unit = UNIT_MOBILE;
        else {
            snprintf(c->msg, sizeof(c->msg), "unit: '%.40s' is not counter or mobile", value);
            goto bad;
        }
        break;
    case K_KIND:
        if (strcmp(value, "station") == 0)
            c->cfg->store_kind = STORE_KIND_STATION;
        else if (strcmp(value, "demo") == 0)
            c->cfg->store_kind = STORE_KIND_DEMO;
        else {
            snprintf(c->msg, sizeof(c->msg), "kind: '%.40s' is not station or demo", value);
            goto bad;
        }
        break;
    case K_LANG:
        if (strcmp(value, "vi") != 0 && strcmp(value, "en") != 0) {
            snprintf(c->msg, sizeof(c->msg), "lang: '%.40s' is not vi or en", value);
            goto bad;
        }
        strcpy(field, value);
        break;
    case K_FINGERS:
        if (parse_fingers(value, c->cfg, c->msg, sizeof(c->msg)) != 0)
            goto bad;
        break;
    case K_READER:
        if (strcmp(value, "libnfc") != 0 && strcmp(value, "pcsc") != 0 &&
            strcmp(value, "auto") != 0) {
            snprintf(c->msg, sizeof(c->msg), "reader: '%.40s' is not libnfc, pcsc or auto", value);
            goto bad;
        }
        strcpy(field, value);
        break;
    }
    return 1;
bad:
    c->failed = 1;
    return 0;
}

/* The card reader settings become the reader's own open string (drivers never read the
 * configuration): "pcsc:<name>", "auto:", or the libnfc connstring of devices.card with the
 * serial rate to try ("pn532_uart:/dev/ttyUSB0#baud=921600"). */
static int card_reader_device(struct config *cfg, char *msg, size_t n)
{
    char dev[sizeof(cfg->card_device)];
    int w = 0;
    char *hash = strchr(cfg->card_device, '#');
    if (hash)
        *hash = '\0'; /* a previous translation (defaults, then the file) */
    if (!strcmp(cfg->card_reader, "pcsc"))
        w = snprintf(dev, sizeof(dev), "pcsc:%s", cfg->card_reader_name);
    else if (!strcmp(cfg->card_reader, "auto"))
        w = snprintf(dev, sizeof(dev), "auto:");
    else if (cfg->card_serial_baud > 115200 && !strncmp(cfg->card_device, "pn532_uart:", 11))
        w = snprintf(dev, sizeof(dev), "%s#baud=%d", cfg->card_device, cfg->card_serial_baud);
    else
        return 0;
    if (w < 0 || (size_t)w >= sizeof(dev)) {
        snprintf(msg, n, "reader_name: too long");
        return -1;
    }
    memcpy(cfg->card_device, dev, (size_t)w + 1);
    return 0;
}

static int finish(struct load_ctx *c, int rc, const char *name, char *err, size_t errlen)
{
    if (rc == 0 && !c->failed) {
        if (card_reader_device(c->cfg, c->msg, sizeof(c->msg)) == 0)
            return 0;
        snprintf(err, errlen, "%s: %s", name, c->msg);
        return -1;
    }
    if (rc < 0)
        snprintf(err, errlen, "%s: cannot read: %s", name, rc == -1 ? strerror(errno) : "memory");
    else if (c->failed)
        snprintf(err, errlen, "%s:%d: %s", name, rc, c->msg);
    else
        snprintf(err, errlen, "%s:%d: syntax error (expected [section] or key = value)", name, rc);
    return -1;
}

int config_load_file(struct config *cfg, const char *path, char *err, size_t errlen)
{
    struct load_ctx c = {.cfg = cfg};
    /* The embedded defaults are the demo's; a file is a station's unless it says demo. */
    cfg->store_kind = STORE_KIND_STATION;
    int rc = ini_parse(path, on_key, &c);
    return finish(&c, rc, path, err, errlen);
}

int config_load_string(struct config *cfg, const char *text, const char *name, char *err,
                       size_t errlen)
{
    struct load_ctx c = {.cfg = cfg};
    int rc = ini_parse_string(text, on_key, &c);
    return finish(&c, rc, name, err, errlen);
}
