/* application.h: the level-2 e-identity application (đăng ký định danh điện tử mức độ 2).
 *
 * One struct holds everything an application carries from the counter to the upstream: the
 * citizen's identity as read with its source and chip verdict, the portrait and fingerprints
 * with their quality reports, the contact data, the consent and the status with its reason.
 * The module knows no screen, device, store or network.
 *
 * Ownership: a struct application owns every pointer in it (blobs, JSON strings); app_wipe()
 * zeroes and frees them all. Strings are UTF-8 in NFC, NUL-terminated. */
#ifndef KIOSK_APPLICATION_H
#define KIOSK_APPLICATION_H

#include <stddef.h>
#include <stdint.h>

#define APP_ID_SIZE       37 /* UUIDv7 text form + NUL */
#define APP_OFFICER_SIZE  32
#define APP_MAX_FINGERS   10
#define APP_SHORT_NO_SIZE 24
#define APP_MAX_APPROVALS 8

/* Status of an application. draft → queued → uploading → submitted → processing →
 * approved | rejected(reason); a rejected one recalled for a new attempt becomes redo. */
enum app_status {
    APP_DRAFT = 0,
    APP_QUEUED,
    APP_UPLOADING,
    APP_SUBMITTED,
    APP_PROCESSING,
    APP_APPROVED,
    APP_REJECTED,
    APP_REDO,
    APP_STATUS_COUNT
};

/* Where the identity came from. */
enum id_source {
    ID_SOURCE_NONE = 0,
    ID_SOURCE_CHIP_VERIFIED,   /* chip read, verdict genuine */
    ID_SOURCE_CHIP_UNVERIFIED, /* chip read, verdict unverified (supervisor acknowledged) */
    ID_SOURCE_QR,              /* QR code on the card only */
    ID_SOURCE_MANUAL,          /* typed by the officer (supervisor approved) */
};

/* The chip's authenticity verdict (see drivers/card). */
enum chip_verdict {
    CHIP_VERDICT_NONE = 0, /* no chip read */
    CHIP_GENUINE,
    CHIP_UNVERIFIED,
    CHIP_FORGED,
};

/* Finger positions, ISO/IEC 19794-4 finger codes. */
enum finger {
    FINGER_NONE = 0,
    FINGER_R_THUMB = 1,
    FINGER_R_INDEX,
    FINGER_R_MIDDLE,
    FINGER_R_RING,
    FINGER_R_LITTLE,
    FINGER_L_THUMB,
    FINGER_L_INDEX,
    FINGER_L_MIDDLE,
    FINGER_L_RING,
    FINGER_L_LITTLE,
};

/* Why a finger was not captured. */
enum finger_exception {
    FINGER_CAPTURED = 0,
    FINGER_MISSING, /* amputated or absent */
    FINGER_BANDAGED,
    FINGER_SCARRED,
    FINGER_UNREADABLE, /* tried and failed 3 times */
};

struct app_blob {
    unsigned char *data;
    size_t len;
};

/* The 1:1 face check's verdict: the live portrait against the chip's photo (DG2). */
enum app_face_verdict {
    APP_FACE_NONE = 0,     /* not checked: no chip photo (identity from the QR code or typed) */
    APP_FACE_SAME,         /* distance within the threshold */
    APP_FACE_DIFFERENT,    /* distance beyond the threshold */
    APP_FACE_NO_FACE_LIVE, /* no face found in the live portrait */
    APP_FACE_NO_FACE_CHIP, /* no face found in the chip's photo */
    APP_FACE_UNAVAILABLE,  /* a chip photo, but the check could not run (model, decoding) */
};

/* What the face check found, as recorded and sent upstream: the descriptors' distance (the
 * score; lower is closer), the threshold it was judged against and the model that made the
 * descriptors. */
struct app_face_check {
    enum app_face_verdict verdict;
    double distance;  /* valid for SAME and DIFFERENT */
    double threshold; /* 0 when not checked */
    char model[80];
};

/* The citizen's identity as read from the chip (DG13 + DG1), the QR code or typed in.
 * Dates are ISO "YYYY-MM-DD"; "" when unknown. */
struct app_identity {
    char personal_id[13]; /* số định danh cá nhân, 12 digits */
    char old_id[16];      /* số CMND cũ, 9 or 12 digits, may be empty */
    char full_name[160];  /* họ, chữ đệm và tên, with diacritics */
    char dob[11];
    char sex; /* 'M' (Nam), 'F' (Nữ), 0 unknown */
    char nationality[64];
    char ethnicity[64];
    char religion[64];
    char place_of_origin[320]; /* quê quán / nơi đăng ký khai sinh */
    char residence[512];       /* nơi thường trú / nơi cư trú (HKTT) */
    char issue_date[11];
    char expiry_date[11]; /* "" with no_expiry set: "Không thời hạn" */
    int no_expiry;
    enum id_source source;
    enum chip_verdict verdict;
};

struct app_finger {
    enum finger position;
    enum finger_exception exception; /* FINGER_CAPTURED when an image is here */
    int width, height, ppi;          /* the image: 8-bit grey, row-major, lossless */
    struct app_blob image;
    char *quality_json; /* the capture's quality report (minutiae, contrast, area...) */
    int attempts;
};

/* One approval of an exception the policy (kiosk/workflow/policy.h) put to an approver: who
 * approved which rule, with which reason code, what the rule had found, and when. */
struct app_approval {
    char by[APP_OFFICER_SIZE]; /* the approver (Lãnh đạo đơn vị), never the enrolling officer */
    char rule[32];             /* the policy rule's id, e.g. "fingers.fewer" */
    char reason[32];           /* the reason code, e.g. "chip_damaged" */
    char detail[256];          /* what the rule found, e.g. "left-index:bandaged" */
    int64_t at;                /* ms UTC */
};

/* The chip's own signed data, kept so that the upstream re-verifies the chip verdict on its
 * own (sync/PROTOCOL.md §2.4): the raw EF.SOD, DG1 and DG13 (DG14 and DG15 when read), the
 * SHA-256 of DG2 (the payload carries the portrait already) and the Active Authentication
 * transcript. It travels only inside the payload sealed to the upstream, never in the
 * envelope, and is kept at rest only inside that sealed payload. Empty blobs: not read. */
struct app_chip_evidence {
    struct app_blob sod, dg1, dg13, dg14, dg15;
    unsigned char dg2_sha256[32];
    int has_dg2;
    /* INTERNAL AUTHENTICATE: the 8-byte challenge (derived from the application id, see
     * card_evidence.h) and the chip's signature; empty when AA did not run */
    struct app_blob aa_challenge, aa_signature;
    char aa[16]; /* Active Authentication outcome: ok, failed, refused, not_supported, not_done */
    char ca[16]; /* Chip Authentication outcome, same names (no transferable proof: a claim) */
};

/* Where a mobile unit enrolled (a field session, kiosk/store/store_field.h): the site's name,
 * its kind and the commune it belongs to. An empty name: at the station itself. No personal
 * data: a place. */
#define APP_SITE_NAME_SIZE 96
struct app_site {
    char name[APP_SITE_NAME_SIZE];
    char kind[24]; /* app_site_kinds: thon_ap, to_dan_pho, co_quan_doanh_nghiep, truong_hoc, khac */
    char commune[APP_SITE_NAME_SIZE];
};
/* The kinds of site, NULL-terminated (their words: messages_site_kind() of kiosk/messages). */
extern const char *const app_site_kinds[];
/* 1 when kind is one of app_site_kinds. */
int app_site_kind_valid(const char *kind);

struct application {
    char id[APP_ID_SIZE]; /* time-ordered UUIDv7 */
    char station[16];
    char officer[APP_OFFICER_SIZE];
    int64_t created_at; /* ms since the epoch, UTC */

    struct app_identity identity;
    char *chip_report_json;    /* the chip verification report, NULL when no chip read */
    struct app_blob chip_face; /* DG2 facial image as stored on the chip (JPEG or JP2) */
    struct app_chip_evidence chip_evidence; /* the chip's raw signed data (sealed payload) */
    struct app_approval approvals[APP_MAX_APPROVALS]; /* every exception approved */
    int n_approvals;

    struct app_blob portrait;    /* JPEG */
    char *portrait_quality_json; /* per-check pass/fail and measured values */
    int portrait_override;       /* officer took a portrait that did not pass every check */
    struct app_face_check face;  /* the portrait against the chip's photo */
    /* The chip's photo re-encoded as JPEG for screens (SDL_image reads no JPEG 2000); made
     * by the card worker, never stored nor sent (chip_face is what the chip holds). */
    struct app_blob chip_face_view;

    struct app_finger fingers[APP_MAX_FINGERS];
    int n_fingers;

    char phone[11];      /* normalised 10-digit mobile number, "" if none */
    char email[255];     /* "" if none */
    int no_mobile_phone; /* the citizen said they have no mobile phone (e-mail only) */

    int64_t consent_at; /* ms UTC; 0 = no consent yet */
    char consent_officer[APP_OFFICER_SIZE];

    enum app_status status;
    char status_reason[256]; /* rejection reason text (from upstream) */
    char reason_code[32];

    /* Given by the store when queued: the number read aloud at the counter and printed on
     * the receipt, "<station>-<ddmm>-<seq>" (shortno.h); "" before. */
    char short_no[APP_SHORT_NO_SIZE];
    /* The rejected application this one redoes ("" for a first visit): queuing this one
     * moves that one to redo and takes it off the recall worklist. */
    char redo_of[APP_ID_SIZE];
    /* The field session's site when a mobile unit enrolled away from the station. */
    struct app_site site;
    /* The format of its biometric payload (kiosk/model/app_payload.h): 2, the binary
     * container, for every application queued since schema 9; 0 or 1, the JSON of the first
     * protocol, for those queued before. Said in the envelope (payload_format) when 2. */
    int payload_format;
    /* How the kiosk knew the time it was made at: the source of its last trusted time
     * ("ntp", "upstream", "supervisor"), "" when it never had one (kiosk/store/store_clock.h) */
    char time_source[16];
};

/* Wipes and frees what ev owns; ev is then empty. */
void app_evidence_wipe(struct app_chip_evidence *ev);
/* 1 when ev holds anything read from a chip. */
int app_evidence_present(const struct app_chip_evidence *ev);

/* Zeroes *app; the application then owns nothing. */
void app_init(struct application *app);

/* Wipes every byte of citizen data (explicit_bzero) and frees what app owns. */
void app_wipe(struct application *app);

/* Replaces *dst's blob with a copy of len bytes. 0, or -1 on allocation failure. */
int app_blob_set(struct app_blob *dst, const void *data, size_t len);
void app_blob_wipe(struct app_blob *b);

/* Replaces *dst with a copy of s (NULL clears). 0, or -1 on allocation failure. */
int app_str_set(char **dst, const char *s);

/* Fills id with a new time-ordered UUIDv7 for time now_ms. Monotonic within the process:
 * in the same millisecond, or when the clock stepped back behind the newest id, the id takes
 * the newest id's time and the next count of a 12-bit sequence, so ids stay in the order
 * they were made. */
void app_new_id(char id[APP_ID_SIZE], int64_t now_ms);
/* 1 when id has a UUID's text form (36 characters: hex digits, dashes at 8, 13, 18, 23), as
 * every application id does; what came from outside is checked with it before it is used. */
int app_id_valid(const char *id);
/* Raises the floor of the next ids' time to ms (the store calls it with its newest id). */
void app_id_seen(int64_t ms);
/* The millisecond time in a UUIDv7's first 48 bits, or -1. */
int64_t app_id_ms(const char *id);

/* 1 when the card is a thẻ Căn cước of the 2024 law (issued from 1 July 2024), whose labels are
 * "Nơi đăng ký khai sinh" and "Nơi cư trú" instead of "Quê quán" and "Nơi thường trú". */
int app_identity_card_2024(const struct app_identity *id);
const char *app_status_name(enum app_status s);
/* 0 and *out set, or -1 for an unknown name. */
int app_status_parse(const char *name, enum app_status *out);
/* 1 when the lifecycle allows from → to. */
int app_status_allowed(enum app_status from, enum app_status to);

const char *app_source_name(enum id_source s);
int app_source_parse(const char *name, enum id_source *out);
const char *app_verdict_name(enum chip_verdict v);
int app_verdict_parse(const char *name, enum chip_verdict *out);

const char *app_face_verdict_name(enum app_face_verdict v);
int app_face_verdict_parse(const char *name, enum app_face_verdict *out);

const char *app_finger_name(enum finger f);
int app_finger_parse(const char *name, enum finger *out);
const char *app_finger_exception_name(enum finger_exception e);
int app_finger_exception_parse(const char *name, enum finger_exception *out);

/* The finger offered next on the same hand when f cannot be captured (index → middle →
 * ring → little → thumb), skipping the ones in used[] (n_used entries). FINGER_NONE when
 * the hand has none left. */
enum finger app_finger_fallback(enum finger f, const enum finger *used, int n_used);

#endif
