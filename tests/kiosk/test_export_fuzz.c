/* test_export_fuzz.c: the export manifest's fuzz target (tests/fuzz/fuzz_export_manifest.c,
 * built for libFuzzer by `make fuzz`) run on deterministic mutations of the golden manifests
 * (bit flips, byte edits, cuts, duplicated lines) with a fixed seed, KIOSK_FUZZ_ITER times
 * (default 200,000), under ASan/UBSan. */
#include "tests/fuzz/fuzz_export_manifest.c"

#include "tests/kiosk/test_export_fixture.h"
#include "tests/test.h"

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint32_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 16);
}

static size_t mutate(char *buf, size_t len, size_t cap)
{
    static const char alphabet[] = " \n0123456789abcdef./-_:SHA256filedayformat";
    int edits = 1 + (int)(rng() % 4);
    for (int e = 0; e < edits; e++) {
        size_t pos = len ? rng() % len : 0;
        switch (rng() % 7) {
        case 0: /* flip a bit */
            if (len)
                buf[pos] ^= (char)(1u << (rng() % 8));
            break;
        case 1: /* replace a byte */
            if (len)
                buf[pos] = alphabet[rng() % (sizeof alphabet - 1)];
            break;
        case 2: /* insert a byte */
            if (len < cap) {
                memmove(buf + pos + 1, buf + pos, len - pos);
                buf[pos] = alphabet[rng() % (sizeof alphabet - 1)];
                len++;
            }
            break;
        case 3: /* delete a byte */
            if (len) {
                memmove(buf + pos, buf + pos + 1, len - pos - 1);
                len--;
            }
            break;
        case 4: /* cut the end */
            len = pos;
            break;
        case 5: { /* duplicate the line holding pos at the end */
            size_t a = pos, b = pos;
            while (a > 0 && buf[a - 1] != '\n')
                a--;
            while (b < len && buf[b] != '\n')
                b++;
            if (b < len)
                b++;
            if (len + (b - a) <= cap) {
                memcpy(buf + len, buf + a, b - a);
                len += b - a;
            }
            break;
        }
        default: /* a NUL inside */
            if (len)
                buf[pos] = '\0';
            break;
        }
    }
    return len;
}

static char *golden_manifest(const char *format, size_t *len)
{
    char p[4096];
    const char *src = getenv("KIOSK_SRCDIR");
    snprintf(p, sizeof p, "%s/tests/kiosk/golden/export/%s/%s", src && *src ? src : ".", format,
             EXPORT_MANIFEST);
    return fx_read(p, len);
}

TEST(golden_manifests_parse)
{
    static struct export_manifest m;
    size_t len;
    char *csv = golden_manifest("csv", &len);
    CHECK(csv != NULL);
    int rc = export_manifest_parse(csv, len, &m);
    free(csv);
    CHECK_INT(rc, 0);
    CHECK_STR(m.info.day, FX_DAY);
    CHECK_STR(m.info.actor, FX_ACTOR);
    CHECK_INT(m.n_files, 2);
    CHECK_STR(m.files[0].name, "danh-sach-2026-11-20.csv");
    CHECK_STR(m.files[1].name, "tong-hop-2026-11-20.txt");
    CHECK(m.files[0].size > 0);
    char *json = golden_manifest("json", &len);
    CHECK(json != NULL);
    rc = export_manifest_parse(json, len, &m);
    free(json);
    CHECK_INT(rc, 0);
    CHECK_STR(m.info.format, "json");
}

TEST(mutated_manifests_never_crash)
{
    const char *env = getenv("KIOSK_FUZZ_ITER");
    long iters = env ? atol(env) : 200000, accepted = 0;
    size_t lens[2], cap = 4096;
    char *seeds[2] = {golden_manifest("csv", &lens[0]), golden_manifest("json", &lens[1])};
    char *buf = malloc(cap);
    CHECK(seeds[0] && seeds[1] && buf);
    for (long i = 0; i < iters; i++) {
        int s = (int)(i & 1);
        size_t len = lens[s] < cap ? lens[s] : cap;
        memcpy(buf, seeds[s], len);
        len = mutate(buf, len, cap);
        /* An exact-size heap copy, so that ASan sees any read past the end. */
        char *in = malloc(len ? len : 1);
        if (in == NULL)
            break;
        memcpy(in, buf, len);
        struct export_manifest *m = malloc(sizeof *m);
        int rc = m ? export_manifest_parse(in, len, m) : -100;
        int ok = (rc == EXPORT_EFORMAT) || (rc == 0 && accepted_ok(m));
        accepted += rc == 0;
        free(m);
        free(in);
        if (!ok) {
            free(buf);
            free(seeds[0]);
            free(seeds[1]);
            CHECK(ok);
        }
    }
    free(buf);
    free(seeds[0]);
    free(seeds[1]);
    printf("# %ld mutations, %ld accepted\n", iters, accepted);
    CHECK(accepted < iters); /* the mutations did reach the refusals */
}

int main(void)
{
    RUN(golden_manifests_parse);
    RUN(mutated_manifests_never_crash);
    return test_done();
}
