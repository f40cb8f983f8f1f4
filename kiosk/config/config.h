/* config.h: the kiosk's configuration (config/kiosk.conf, INI).
 *
 * Every key is one row of the table in config.c, documented in config/KEYS.md (a test fails on
 * an undocumented key). Unknown sections or keys and bad values are refused with
 * "file:line: message". The struct is read-only once loaded: the one global state the brief
 * allows. config/demo.conf is also compiled in as the embedded default. */
#ifndef KIOSK_CONFIG_H
#define KIOSK_CONFIG_H

#include "kiosk/model/application.h"

#define CONFIG_PATH_SIZE 256

enum unit_kind { UNIT_COUNTER = 0, UNIT_MOBILE };
/* What a data directory is for, fixed when its store is made (see cli_open_store): a demo
 * store allows the scripted side doors (the headless demo, approvals from PIN files); a
 * station store never does, whatever a configuration later says. */
enum store_kind { STORE_KIND_STATION = 0, STORE_KIND_DEMO };

struct config {
    /* [station] */
    char station_code[16];
    char station_name[128];
    enum unit_kind unit;
    char kiosk_id[32];
    char run_as[32]; /* started as root: the user to become ("" = stay as started) */

    /* [storage] */
    char data_dir[CONFIG_PATH_SIZE];
    int retention_days;         /* days personal data is kept after the upstream has it */
    int disk_margin_mb;         /* free space kept for the store's own needs (WAL, checkpoints) */
    enum store_kind store_kind; /* storage.kind; a configuration file must say demo itself */

    /* [power] */
    char power_supply_root[CONFIG_PATH_SIZE]; /* /sys/class/power_supply */
    int power_warn_percent, power_critical_percent;

    /* [upstream] */
    char upstream_url[CONFIG_PATH_SIZE];
    char upstream_ca[CONFIG_PATH_SIZE];       /* CA certificate pinned for the upstream */
    char client_cert[CONFIG_PATH_SIZE];       /* this kiosk's client certificate (PEM) */
    char client_key[CONFIG_PATH_SIZE];        /* its private key (PEM) */
    char upstream_seal_key[CONFIG_PATH_SIZE]; /* file with the upstream's X25519 public key */
    int sync_interval_seconds;
    int sync_backoff_max_seconds;
    int sync_recovery_seconds;      /* after an outage: how long the sync ramps up (0 = not) */
    int sync_recovery_pace_seconds; /* the time between two uploads while it does */

    /* [devices] "sim" or a real device string per class */
    char card_device[CONFIG_PATH_SIZE];
    char camera_device[CONFIG_PATH_SIZE];
    char fingerprint_device[CONFIG_PATH_SIZE];
    char qr_device[CONFIG_PATH_SIZE]; /* "camera", "none" or a serial 2D scanner path */
    char sim_dir[CONFIG_PATH_SIZE];   /* simulated devices' data (cards, photos, prints) */

    /* [card] */
    char trust_dir[CONFIG_PATH_SIZE];       /* CSCA certificates for passive authentication */
    char masterlist_root[CONFIG_PATH_SIZE]; /* PEM root the master list signer chains to */
    int card_timeout_seconds;
    char card_reader[16];                    /* "" or "libnfc": devices.card; "pcsc"; "auto" */
    char card_reader_name[CONFIG_PATH_SIZE]; /* pcsc: part of the reader's name, "" = first */
    int card_serial_baud; /* PN532 on a UART: the fastest serial rate to switch to (0: keep) */

    /* [camera] */
    int camera_width, camera_height;       /* largest capture mode wanted */
    int camera_fps;                        /* the live preview's rate asked of the camera */
    int portrait_width, portrait_height;   /* stored portrait size (3:4) */
    char face_model_dir[CONFIG_PATH_SIZE]; /* the face network's files, "" = the build's */

    /* [fingerprint] */
    enum finger fingers[APP_MAX_FINGERS]; /* in capture order */
    int n_fingers;
    int fp_min_minutiae;
    int fp_max_attempts;
    int fp_timeout_seconds;

    /* [ui] */
    char lang[3];             /* "vi" or "en" */
    int inactivity_seconds;   /* enrolment wiped after this long without input */
    int officer_idle_seconds; /* officer logged out after this long */
    char font[CONFIG_PATH_SIZE];

    /* [receipt] */
    char receipt_printer[128];    /* CUPS queue, "" = CUPS's default destination */
    char receipt_paper[8];        /* "a4", "a5", "80mm", "58mm" */
    char receipt_call_centre[32]; /* printed on the receipt */
};

/* Fills *cfg with the built-in defaults (config/demo.conf's values). */
void config_defaults(struct config *cfg);

/* Loads an INI file over *cfg. 0, or -1 with "file:line: message" in err. */
int config_load_file(struct config *cfg, const char *path, char *err, size_t errlen);
/* Same with the text in memory; name is used in messages. */
int config_load_string(struct config *cfg, const char *text, const char *name, char *err,
                       size_t errlen);

/* The embedded demo configuration text (config/demo.conf at build time). */
extern const char config_demo_text[];

/* Key table access, for the documentation test: NULL past the end. */
const char *config_key_name(int i); /* "section.key" */

#endif
