/* upstream_admit.c: the reference upstream's admission control. A real upstream serving
 * thousands of kiosks is provisioned for some request rate; when a fleet comes back after an
 * outage it turns away what is over that rate with 503 and a Retry-After spread at random
 * over a window, rather than slowing every request down (the kiosk honours Retry-After:
 * sync/sync.c retry_after_wait). A token bucket holds one second's worth of requests and
 * fills at admit_per_s; a request finding it empty is shed. */
#include "tests/rigs/upstream/upstream_int.h"

void up_admit_init(struct upstream *u, const struct upstream_opts *o)
{
    u->admit_per_s = o->admit_per_s > 0 ? o->admit_per_s : 0;
    u->shed_min_s = o->shed_retry_min_s > 0 ? o->shed_retry_min_s : 1;
    u->shed_max_s = o->shed_retry_max_s > 0 ? o->shed_retry_max_s : 60;
    if (u->shed_max_s < u->shed_min_s)
        u->shed_max_s = u->shed_min_s;
    u->admit_tokens = u->admit_per_s;
    u->admit_at_us = up_now_us();
}

/* Whether request r may go on (0), or is shed (1: r answers 503 with r->retry_after_s).
 * Caller holds u->mu. */
int up_admit(struct upstream *u, struct req *r)
{
    if (u->admit_per_s <= 0)
        return 0;
    int64_t now = up_now_us();
    u->admit_tokens += (double)(now - u->admit_at_us) * u->admit_per_s / 1e6;
    u->admit_at_us = now;
    if (u->admit_tokens > u->admit_per_s)
        u->admit_tokens = u->admit_per_s;
    if (u->admit_tokens >= 1) {
        u->admit_tokens -= 1;
        return 0;
    }
    r->retry_after_s =
        u->shed_min_s + (int)(up_rng_next(u) % (uint64_t)(u->shed_max_s - u->shed_min_s + 1));
    u->stats.shed++;
    return 1;
}
