/* fpr_sim.c: the simulated reader (exports fpr_sim_ops): the REAL libfprint, through its
 * virtual_image driver, fed with synthetic prints (fpr_synth.c).
 *
 * Device string: "sim" or "sim:STEP,STEP,...". Each capture attempt consumes one step; after
 * the script every attempt is "good". A STEP is one of
 *   good | poor | blur | noise | partial | lowcon | blank   an image of that kind
 *   retry | error | gone                                  the reader reports that
 *   hang                                                  the reader never answers
 * optionally followed by "@F" (render finger F's pattern: F is an ISO finger code, so
 * "good@7" on the right index is the left index given again), and "person=N" (no attempt)
 * which picks another citizen's fingers. Finger pattern seed = person * 16 + finger code.
 *
 * Protocol (libfprint 1.94 virtual_image): the driver is the server on the unix socket named
 * by FP_VIRTUAL_IMAGE; a message is two host-endian int32 then the payload: (w, h) + w*h grey
 * bytes; (-1, code) retry; (-2, code) error; (-5, 0) device removed. Pacing: exactly one
 * message per capture, written while the capture runs, from a source on the reader's own
 * GMainContext (non-blocking, so an image larger than the socket buffer is fine).
 * The socket's path goes to the driver as its environment value directly
 * (fpr_lf_open_virtual_image), never through setenv: setenv at run time races with getenv in
 * the kiosk's other threads (a crash in getenv was seen). The socket lives in a private
 * mkdtemp directory. */
#include "drivers/fingerprint/fpr_libfprint.h"
#include "drivers/fingerprint/fpr_synth.h"

#include <errno.h>
#include <glib-unix.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define SIM_MAX_STEPS     64
#define SIM_SCRIPT_MAX    512
#define VIMG_RETRY        (-1)
#define VIMG_ERROR        (-2)
#define VIMG_REMOVED      (-5)
#define STEP_POOR_PLANTED 25 /* dislocations in a "poor" print: 27-45 minutiae found */

enum sim_kind {
    SIM_GOOD = 0,
    SIM_POOR,
    SIM_BLUR,
    SIM_NOISE,
    SIM_PARTIAL,
    SIM_LOWCON,
    SIM_BLANK,
    SIM_RETRY,
    SIM_ERROR,
    SIM_GONE,
    SIM_HANG,
};

static const char *const sim_kind_names[] = {
    "good", "poor", "blur", "noise", "partial", "lowcon", "blank", "retry", "error", "gone", "hang",
};

struct sim_step {
    enum sim_kind kind;
    int as_finger; /* 0 = the finger asked for */
};

struct sim {
    struct fpr_lf *lf;
    char dir[64], path[96];
    int fd; /* connection to the driver, -1 when none */
    struct sim_step steps[SIM_MAX_STEPS];
    int n_steps, next_step;
    unsigned person;
    unsigned captures; /* placement seed: every capture lands a little differently */
    /* the message being written */
    unsigned char *msg;
    size_t msg_len, msg_off;
    GSource *writer;
};

static int sim_parse(struct sim *s, const char *script)
{
    char buf[SIM_SCRIPT_MAX];
    s->person = 1;
    if (!script || !*script)
        return 0;
    if (strlen(script) >= sizeof(buf))
        return FPR_ERR_ARG;
    strcpy(buf, script);
    char *save = NULL;
    for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (strncmp(tok, "person=", 7) == 0) {
            s->person = (unsigned)strtoul(tok + 7, NULL, 10);
            continue;
        }
        if (s->n_steps == SIM_MAX_STEPS)
            return FPR_ERR_ARG;
        struct sim_step *st = &s->steps[s->n_steps];
        char *at = strchr(tok, '@');
        if (at) {
            *at = 0;
            char *end;
            long f = strtol(at + 1, &end, 10);
            if (*end || f < FINGER_R_THUMB || f > FINGER_L_LITTLE)
                return FPR_ERR_ARG;
            st->as_finger = (int)f;
        }
        size_t k = 0;
        while (k < sizeof(sim_kind_names) / sizeof(sim_kind_names[0]) &&
               strcmp(tok, sim_kind_names[k]) != 0)
            k++;
        if (k == sizeof(sim_kind_names) / sizeof(sim_kind_names[0]))
            return FPR_ERR_ARG;
        st->kind = (enum sim_kind)k;
        s->n_steps++;
    }
    return 0;
}

static void sim_disconnect(struct sim *s)
{
    if (s->writer) {
        g_source_destroy(s->writer);
        g_source_unref(s->writer);
        s->writer = NULL;
    }
    if (s->fd >= 0)
        close(s->fd);
    s->fd = -1;
    if (s->msg)
        explicit_bzero(s->msg, s->msg_len);
    free(s->msg);
    s->msg = NULL;
}

static int sim_connect(struct sim *s)
{
    if (s->fd >= 0)
        return 0;
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    snprintf(a.sun_path, sizeof(a.sun_path), "%s", s->path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0)
        return FPR_ERR_DEVICE;
    if (connect(fd, (struct sockaddr *)&a, sizeof(a)) != 0) {
        close(fd);
        return FPR_ERR_DEVICE;
    }
    s->fd = fd;
    return 0;
}

static gboolean sim_on_writable(gint fd, GIOCondition cond, gpointer data)
{
    struct sim *s = data;
    (void)cond;
    while (s->msg_off < s->msg_len) {
        ssize_t n = send(fd, s->msg + s->msg_off, s->msg_len - s->msg_off, MSG_NOSIGNAL);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return G_SOURCE_CONTINUE;
        if (n <= 0)
            break; /* the driver went away: the capture will report it */
        s->msg_off += (size_t)n;
    }
    g_source_unref(s->writer);
    s->writer = NULL;
    return G_SOURCE_REMOVE;
}

/* Builds the message for one step into s->msg. */
static int sim_message(struct sim *s, const struct sim_step *st, enum finger f)
{
    int32_t hdr[2] = {0, 0};
    struct fpr_synth_params p;
    int finger = st->as_finger ? st->as_finger : (int)f;
    fpr_synth_defaults(&p, s->person * 16u + (unsigned)finger);
    fpr_synth_replace(&p, ++s->captures);
    switch (st->kind) {
    case SIM_POOR:
        p.minutiae = STEP_POOR_PLANTED;
        break;
    case SIM_BLUR:
        p.blur = 3;
        break;
    case SIM_NOISE:
        p.noise = 40;
        break;
    case SIM_PARTIAL:
        p.partial = 0.3;
        break;
    case SIM_LOWCON:
        p.contrast = 0.25;
        p.noise = 12;
        break;
    case SIM_BLANK:
        p.blank = 1;
        break;
    case SIM_RETRY:
        hdr[0] = VIMG_RETRY;
        break;
    case SIM_ERROR:
        hdr[0] = VIMG_ERROR;
        break;
    case SIM_GONE:
        hdr[0] = VIMG_REMOVED;
        break;
    default:
        break;
    }
    size_t px = hdr[0] < 0 ? 0 : (size_t)p.width * p.height;
    if (px) {
        hdr[0] = p.width;
        hdr[1] = p.height;
    }
    s->msg = malloc(sizeof(hdr) + px);
    if (!s->msg)
        return FPR_ERR_NOMEM;
    memcpy(s->msg, hdr, sizeof(hdr));
    if (px && fpr_synth_render(&p, s->msg + sizeof(hdr)) != 0)
        return FPR_ERR_IMAGE;
    s->msg_len = sizeof(hdr) + px;
    s->msg_off = 0;
    return 0;
}

static int sim_capture(void *state, enum finger f, int timeout_ms, const atomic_int *cancel,
                       struct fpr_image *img)
{
    struct sim *s = state;
    memset(img, 0, sizeof(*img));
    struct sim_step st = {SIM_GOOD, 0};
    if (s->next_step < s->n_steps)
        st = s->steps[s->next_step++];
    int rc = 0;
    if (st.kind != SIM_HANG) {
        if ((rc = sim_connect(s)) != 0 || (rc = sim_message(s, &st, f)) != 0)
            goto out;
        s->writer = g_unix_fd_source_new(s->fd, G_IO_OUT);
        g_source_set_callback(s->writer, (GSourceFunc)(void (*)(void))sim_on_writable, s, NULL);
        g_source_attach(s->writer, fpr_lf_context(s->lf));
    }
    rc = fpr_lf_capture(s->lf, timeout_ms, cancel, img);
    if (rc == 0)
        img->ppi = FPR_SYNTH_PPI;
out:
    if (s->writer)
        sim_disconnect(s); /* a half-written message must not reach the next capture */
    if (s->msg)
        explicit_bzero(s->msg, s->msg_len);
    free(s->msg);
    s->msg = NULL;
    return rc;
}

static void sim_close(void *state)
{
    struct sim *s = state;
    if (!s)
        return;
    sim_disconnect(s);
    fpr_lf_close(s->lf);
    unlink(s->path);
    rmdir(s->dir);
    free(s);
}

static int sim_open(const char *device, void **state)
{
    *state = NULL;
    struct sim *s = calloc(1, sizeof(*s));
    if (!s)
        return FPR_ERR_NOMEM;
    s->fd = -1;
    const char *script = strncmp(device, "sim:", 4) == 0 ? device + 4 : "";
    int rc = sim_parse(s, script);
    if (rc != 0)
        goto out;
    const char *tmp = getenv("TMPDIR");
    snprintf(s->dir, sizeof(s->dir), "%s/fpr-sim-XXXXXX",
             tmp && *tmp && strlen(tmp) < 40 ? tmp : "/tmp");
    rc = FPR_ERR_OPEN;
    if (!mkdtemp(s->dir))
        goto out;
    snprintf(s->path, sizeof(s->path), "%s/vimg", s->dir);
    rc = fpr_lf_open_virtual_image(s->path, &s->lf);
out:
    if (rc != 0) {
        if (s->dir[0])
            rmdir(s->dir);
        free(s);
        return rc;
    }
    *state = s;
    return 0;
}

static void sim_cancel(void *state)
{
    struct sim *s = state;
    fpr_lf_cancel(s->lf);
}

const struct fpr_ops fpr_sim_ops = {
    .name = "sim",
    .open = sim_open,
    .capture = sim_capture,
    .cancel = sim_cancel,
    .close = sim_close,
};
