/* upstream_int.h: what the reference upstream's files share (upstream.c the handler and its
 * life, upstream_reply.c faults, shaping, answers and SQLite, upstream_upload.c POST and PATCH
 * of applications, upstream_reads.c status and corrections): the server, one request's state,
 * and the functions one file lends the others. Not for the tests: they use upstream.h. */
#ifndef KIOSK_UPSTREAM_INT_H
#define KIOSK_UPSTREAM_INT_H

#include "kiosk/model/timefmt.h"
#include "tests/rigs/upstream/upstream.h"
#include "tests/rigs/upstream/upstream_evidence.h"

#include <stdatomic.h>
#include <arpa/inet.h>
#include <errno.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <jansson.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define UP_MAX_ENVELOPE (1024 * 1024)       /* POST body cap */
#define UP_MAX_PAYLOAD  (64L * 1024 * 1024) /* announced payload length cap */
#define UP_STATUS_LIMIT 500                 /* status changes per GET at most */
#define UP_SCRIPT_MAX   256
#define UP_FLUSH_BYTES  (1024 * 1024) /* PATCH bytes buffered before they are written */

struct upstream {
    struct MHD_Daemon *daemon;
    pthread_mutex_t mu;
    sqlite3 *db;
    unsigned char pk[crypto_box_PUBLICKEYBYTES], sk[crypto_box_SECRETKEYBYTES];
    char *cert_pem, *key_pem, *ca_pem;
    unsigned port;
    long rate;
    int latency_ms, stall_ms, slow_ms;
    int64_t link_free_us; /* shaping: when the shared link is next free */
    atomic_int stopping;
    /* faults */
    enum upstream_fault script[UP_SCRIPT_MAX];
    int script_after[UP_SCRIPT_MAX];
    int script_head, script_len;
    double fault_p;
    uint64_t rng;
    struct upstream_stats stats;
    int behind_proxy;
    long conn_ids[64];        /* behind a proxy: the front's connection numbers seen */
    struct upev_trust *trust; /* CSCAs: chip evidence re-verified when set */
    long in_flight;           /* requests under way */
    double loss_reset_p, loss_stall_p;
    int loss_stall_ms, retry_after_s;
    int conn_setup_rtts; /* upstream_opts: what a new connection costs */
    long slow_start_iw;
    /* admission control (upstream_admit.c) */
    int admit_per_s, shed_min_s, shed_max_s;
    double admit_tokens; /* requests that may still be let through now */
    int64_t admit_at_us; /* when the bucket was last filled */
};

/* A connection's state on the shaped link (its socket context). */
struct link_conn {
    int set_up;          /* its handshakes have been paid */
    int64_t ss_start_us; /* slow start: when its first round trip of body bytes began */
    int64_t body_bytes;  /* body bytes it has carried so far */
};

enum loss { LOSS_NONE, LOSS_RESET, LOSS_STALL };

enum route {
    R_NONE,
    R_POST_APP,
    R_PATCH,
    R_STATUS,
    R_NOTFOUND,
    R_FORBIDDEN,
    R_POST_CORRECTION,
    R_AUDIT_ROLLBACK
};

struct req {
    enum route route;
    enum upstream_fault fault;
    int after;
    char *body;
    size_t len, cap;
    int too_big;
    char token[40];
    int64_t pos, length, start; /* PATCH: where this request is, total, where it began */
    int bad_offset;             /* PATCH: Upload-Offset did not match (or upload unknown) */
    int64_t server_offset;
    int stale; /* PATCH: another request moved the offset under us */
    char kiosk[64], station[32];
    /* POST */
    size_t env_len;       /* Envelope-Length: the payload follows the document inline */
    int registered;       /* the document has been processed */
    unsigned post_status; /* and the answer it gets */
    char *post_out;
    enum loss loss; /* upstream_opts.loss_*: what the link does to this request */
    int inline_ok;  /* inline payload bytes go to the upload (at offset 0) */
    int64_t inline_bytes;
    char *buf; /* PATCH bytes not yet written (pos is where they start) */
    size_t buf_len, buf_cap;
    struct link_conn *lc; /* the connection it came on (shaping), or NULL */
    int retry_after_s;    /* shed: the Retry-After its 503 carries (0: the fault's) */
};

/* upstream_reply.c */
int64_t up_now_us(void);
void up_nap(struct upstream *u, int ms);
uint64_t up_rng_next(struct upstream *u);
enum upstream_fault up_draw_fault(struct upstream *u, int at_accept, int *after);
int up_db_exec(struct upstream *u, const char *sql);
sqlite3_stmt *up_db_prep(struct upstream *u, const char *sql);
void up_bind_text(sqlite3_stmt *s, int i, const char *v);
char *up_col_dup(sqlite3_stmt *s, int i);
enum MHD_Result up_answer(struct upstream *u, struct MHD_Connection *conn, struct req *r,
                          unsigned status, char *json);
char *up_jdump(json_t *j);
char *up_err_json(const char *code, const char *msg);
int up_peer_cn(struct MHD_Connection *conn, char *cn, size_t size);
int up_proxy_cn(struct upstream *u, struct MHD_Connection *conn, char *cn, size_t size);

/* upstream_admit.c */
void up_admit_init(struct upstream *u, const struct upstream_opts *o);
int up_admit(struct upstream *u, struct req *r);

/* upstream_upload.c */
enum MHD_Result up_post_app(struct upstream *u, struct MHD_Connection *conn, struct req *r);
int up_post_data(struct upstream *u, struct MHD_Connection *conn, struct req *r, const char *data,
                 size_t n);
void up_patch_begin(struct upstream *u, struct MHD_Connection *conn, struct req *r);
void up_patch_flush(struct upstream *u, struct req *r);
void up_patch_data(struct upstream *u, struct req *r, const char *data, size_t n);
enum MHD_Result up_patch_end(struct upstream *u, struct MHD_Connection *conn, struct req *r);

/* upstream_reads.c */
enum MHD_Result up_get_status(struct upstream *u, struct MHD_Connection *conn, struct req *r);
enum MHD_Result up_post_correction(struct upstream *u, struct MHD_Connection *conn, struct req *r);

#endif
