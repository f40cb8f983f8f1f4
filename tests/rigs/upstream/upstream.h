/* upstream.h: the reference upstream, a small HTTPS server implementing sync/PROTOCOL.md.
 *
 * libmicrohttpd with GnuTLS on 127.0.0.1 (random port unless one is asked for), mutual TLS
 * (the client certificate must chain to ca.pem and its CN must equal the X-Kiosk-Id header),
 * its own SQLite file, and the X25519 key pair (libsodium crypto_box_keypair) the kiosk seals
 * biometrics to: a completed upload is only accepted when its SHA-256 matches the announced
 * digest and the sealed box opens.
 *
 * For the tests and the demo it also approves/rejects on command and injects faults on
 * command, either scripted (the next request gets this fault) or at random with a
 * probability. It can shape its own link (a shared byte rate for request bodies and a delay
 * per request) to stand in for a 3G link where tc netem is not available.
 *
 * Thread-safety: every function may be called from any thread while the server runs; the
 * server's state is behind one mutex. Not a product component: it lives in librigs.a. */
#ifndef RIGS_UPSTREAM_H
#define RIGS_UPSTREAM_H

#include <stddef.h>
#include <stdint.h>

enum upstream_fault {
    UPSTREAM_FAULT_NONE = 0,
    UPSTREAM_FAULT_REFUSE,       /* the connection is closed as soon as it is accepted */
    UPSTREAM_FAULT_500,          /* 500 Internal Server Error */
    UPSTREAM_FAULT_503,          /* 503 Service Unavailable, Retry-After: 1 */
    UPSTREAM_FAULT_STALL,        /* no answer for stall_ms, then the connection is closed */
    UPSTREAM_FAULT_CUT_REQUEST,  /* the connection is closed half-way through the request body */
    UPSTREAM_FAULT_CUT_RESPONSE, /* the response body stops half-way (Content-Length not met) */
    UPSTREAM_FAULT_GARBAGE,      /* 200 with a body that is not the protocol's JSON */
    UPSTREAM_FAULT_SLOW,         /* the right answer, after slow_ms */
    UPSTREAM_FAULT_COUNT
};
const char *upstream_fault_name(enum upstream_fault f);
/* 0 and *out set, or -1 for an unknown name ("none", "refuse", "500", "503", "stall",
 * "cut-request", "cut-response", "garbage", "slow"). */
int upstream_fault_parse(const char *name, enum upstream_fault *out);

struct upstream_opts {
    const char
        *pki_dir; /* holds ca.pem and the server certificate (tests/rigs/upstream/mkcerts.sh) */
    const char *cert_name; /* server certificate base name in pki_dir; NULL = "server" */
    const char *db_path;   /* the server's SQLite file (created) */
    unsigned port;         /* 0 = a random free port */
    long rate_bytes_per_s; /* 0 = unshaped; else request bodies share this rate */
    int latency_ms;        /* added before every answer (shaping): the link's round trip */
    /* What a new connection costs on the shaped link (0 = nothing), the same for every
     * client: conn_setup_rtts round trips before its first request (TCP's handshake, 1, plus
     * TLS 1.3's, 1), and TCP slow start: a fresh connection's body may fill at most
     * slow_start_iw bytes in its first round trip (RFC 6928: 10 segments = 14,600 bytes),
     * twice as many in each next one, until the shared rate is the limit. A connection kept
     * alive pays both once. */
    int conn_setup_rtts;
    long slow_start_iw;
    int stall_ms;                 /* UPSTREAM_FAULT_STALL duration; 0 = 30000 */
    int slow_ms;                  /* UPSTREAM_FAULT_SLOW delay; 0 = 1500 */
    const unsigned char *seal_sk; /* 32-byte X25519 secret key, or NULL to generate a pair */
    const char *csca; /* trusted CSCA certificates (a PEM file or a directory of them): with
                         it, every completed application's chip claims are checked against
                         the chip evidence in its payload (PROTOCOL.md §2.4) and one not
                         supported is rejected with its reason code; NULL: not checked */
    /* Loss on the shaped link (tc netem is not available): a share of requests lose their
     * connection while the body arrives (after half of its first piece; a body-less
     * request before its answer): the client sees the connection drop, the bytes that
     * arrived before it count. Another share have their answer held
     * loss_stall_ms (a retransmission timeout), then answered normally. Drawn per request,
     * from the same seeded generator as the faults. */
    double loss_reset_p;
    double loss_stall_p;
    int loss_stall_ms; /* 0 = 1000 */
    int retry_after_s; /* Retry-After of a fault's 503; 0 = 1 */
    /* Admission control, as a real upstream sheds load when a fleet comes back at once: at
     * most admit_per_s requests a second are let through (a token bucket holding one
     * second's worth); one over it is answered 503 at once, before it takes effect, with a
     * Retry-After drawn uniformly in [shed_retry_min_s, shed_retry_max_s], so the kiosks
     * turned away come back spread over that window. 0 = no ceiling. */
    int admit_per_s;
    int shed_retry_min_s, shed_retry_max_s; /* 0, 0 = 1 s to 60 s */
    int behind_proxy; /* plain HTTP on loopback behind a TLS front (nginx, HTTP/2) that has
                         verified the client certificate: the identity comes from its
                         X-Client-Verify: SUCCESS and X-Client-DN (…CN=<kiosk id>…) headers,
                         the protocol from X-Client-Proto, the connection from X-Client-Conn */
};

struct upstream_stats {
    long requests;
    long faults[UPSTREAM_FAULT_COUNT];
    long received;          /* applications completed (digest checked, box opened) */
    long replays;           /* repeated POSTs answered from the stored result */
    long conflicts;         /* POSTs refused with 409 (same id, other digest) */
    long bad_payloads;      /* completed uploads refused (digest or box) */
    long payload_v2;        /* of those received, in payload format 2 (binary, PROTOCOL.md §2.5) */
    long forbidden;         /* requests refused for the client certificate */
    long bytes_in;          /* payload bytes accepted (a byte accepted twice counts twice) */
    long bytes_held;        /* payload bytes of the applications received */
    long h2_requests;       /* behind a proxy: requests that came as HTTP/2.0 */
    long connections;       /* behind a proxy: distinct client connections seen (up to 64) */
    long audit_rollbacks;   /* requests refused because the kiosk's audit head went backwards */
    long evidence_checked;  /* applications whose chip evidence was re-verified (csca set) */
    long evidence_rejected; /* of which rejected for a claim the evidence does not support */
    long max_in_flight;     /* the most requests under way at once (all kiosks together) */
    long resets;            /* connections dropped by loss_p (upstream_opts) */
    long stalls;            /* answers held back by loss_p */
    long shed;              /* requests answered 503 by the admission control (admit_per_s);
                               counted in requests too: they are load */
};

struct upstream;

/* Starts the server. 0, or -1 with a short reason in err. */
int upstream_start(const struct upstream_opts *opts, struct upstream **out, char *err,
                   size_t errlen);
/* Stops the server (waits for its threads) and frees it. NULL is a no-op. */
void upstream_stop(struct upstream *u);
unsigned upstream_port(const struct upstream *u);
/* "https://127.0.0.1:PORT" */
void upstream_url(const struct upstream *u, char *out, size_t size);
/* The public key the kiosk seals to. */
void upstream_public_key(const struct upstream *u, unsigned char pk[32]);

/* Faults: the next requests take the scripted faults in order; after_processing makes a
 * 500/503/stall/cut-response/garbage happen after the request took effect (so the client
 * cannot know that it did). With none scripted, each request (each new connection for
 * REFUSE) draws a fault with probability p (0 disables), uniformly among every kind. */
void upstream_fault_push(struct upstream *u, enum upstream_fault f, int after_processing);
void upstream_fault_random(struct upstream *u, double p, uint64_t seed);
void upstream_fault_clear(struct upstream *u);

/* Adds a status change ("processing", "approved", "rejected") for an application it holds.
 * reason_code/reason may be NULL. 0, or -1 when the id is unknown or not yet received. */
int upstream_decide(struct upstream *u, const char *id, const char *status, const char *reason_code,
                    const char *reason);

/* What the server holds for one application: 1 when received (digest filled, deliveries =
 * how many uploads completed for it, always 1 unless the idempotency is broken), 0 when
 * unknown or incomplete, -1 on error. */
int upstream_lookup(struct upstream *u, const char *id, char digest[65], long *deliveries);
/* SHA-256 hex of the plaintext the upstream holds for id (it opens the sealed box): what the
 * kiosk's app_payload_to_json() produced, if nothing was lost or changed. 0 or -1. */
int upstream_plain_digest(struct upstream *u, const char *id, char digest[65]);
/* The phone corrections (POST /v1/corrections) recorded for application app_id: their count
 * (each correction id once, whatever the retries), the last one's phone and approver; -1 on
 * error. */
int upstream_corrections(struct upstream *u, const char *app_id, char phone[11], char *approver,
                         size_t approver_size);
/* What reached the upstream for one received application before anything was decrypted:
 * the application document as its POST body carried it (*doc, *doc_len) and the sealed
 * payload (*sealed, *sealed_len); both malloc'ed (caller frees). 0, or -1 when not
 * received. */
int upstream_received_bytes(struct upstream *u, const char *id, char **doc, size_t *doc_len,
                            unsigned char **sealed, size_t *sealed_len);
/* Applications received. */
long upstream_count(struct upstream *u);
/* Requests seen since the start (cheap: a counter, for sampling a request rate). */
long upstream_requests(struct upstream *u);
void upstream_get_stats(struct upstream *u, struct upstream_stats *out);
/* The last audit head a kiosk sent (X-Audit-Head, PROTOCOL.md §1): 1 with *seq and hash,
 * 0 when none yet, -1 on error. */
int upstream_audit_head(struct upstream *u, const char *kiosk, long long *seq, char hash[65]);
/* Incidents reported for a kiosk (an audit trail that went backwards), newest first, each
 * "<at ms> <what>"; returns how many were filled. */
int upstream_incidents(struct upstream *u, const char *kiosk, char lines[][160], int max);

#endif
