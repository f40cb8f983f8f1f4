/* test_sync_proto.c: the protocol documents: what the parsers accept, what they refuse,
 * and that random damage to valid answers never crashes them or yields out-of-range data
 * (a quick in-test fuzz; tests/fuzz/fuzz_sync_proto.c is the libFuzzer target). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sync/sync_proto.h"
#include "tests/test.h"

#define ID    "0190d5c4-7a2b-7c3d-8e4f-0123456789ab"
#define HEX64 "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"

static int parse(const char *s, struct sync_answer *a)
{
    return sync_proto_answer(s, strlen(s), ID, a);
}

TEST(answer_awaiting)
{
    struct sync_answer a;
    CHECK_INT(parse("{\"state\":\"awaiting_payload\",\"id\":\"" ID "\",\"upload_token\":\"ab12\","
                    "\"offset\":42}",
                    &a),
              0);
    CHECK_INT(a.kind, SYNC_ANS_AWAITING);
    CHECK_STR(a.token, "ab12");
    CHECK_INT(a.offset, 42);
}

TEST(answer_received)
{
    struct sync_answer a;
    const char *doc = "{\"state\":\"received\",\"id\":\"" ID "\",\"receipt\":\"R-1\","
                      "\"received_at\":\"2026-11-23T10:00:00Z\",\"digest\":\"" HEX64 "\"}";
    CHECK_INT(parse(doc, &a), 0);
    CHECK_INT(a.kind, SYNC_ANS_RECEIVED);
    CHECK_STR(a.digest, HEX64);
    CHECK(strstr(a.receipt, "\"R-1\"") != NULL);
}

TEST(answer_refused)
{
    struct sync_answer a;
    /* a receipt for another application */
    CHECK_INT(parse("{\"state\":\"received\",\"id\":\"other\",\"receipt\":\"R\",\"digest\":\"" HEX64
                    "\"}",
                    &a),
              -1);
    /* digest not 64 lowercase hex */
    CHECK_INT(
        parse("{\"state\":\"received\",\"id\":\"" ID "\",\"receipt\":\"R\",\"digest\":\"AB\"}", &a),
        -1);
    /* negative offset, token with a slash (it becomes a URL path) */
    CHECK_INT(parse("{\"state\":\"awaiting_payload\",\"offset\":-1}", &a), -1);
    CHECK_INT(parse("{\"state\":\"awaiting_payload\",\"upload_token\":\"../x\",\"offset\":0}", &a),
              -1);
    /* garbage, arrays, duplicate keys, unknown states */
    CHECK_INT(parse("<html>", &a), -1);
    CHECK_INT(parse("[]", &a), -1);
    CHECK_INT(parse("{\"state\":\"received\",\"state\":\"received\"}", &a), -1);
    CHECK_INT(parse("{\"state\":\"done\"}", &a), -1);
    CHECK_INT(sync_proto_answer("{\"state\":\"awaiting_payload\",\"offset\":1}", 10, ID, &a), -1);
}

TEST(answer_error)
{
    struct sync_answer a;
    CHECK_INT(parse("{\"error\":\"offset_mismatch\",\"offset\":1000}", &a), 0);
    CHECK_INT(a.kind, SYNC_ANS_ERROR);
    CHECK_STR(a.error, "offset_mismatch");
    CHECK_INT(a.offset, 1000);
    CHECK_INT(parse("{\"error\":\"conflict\",\"message\":\"id used\"}", &a), 0);
    CHECK_STR(a.message, "id used");
    CHECK_INT(a.offset, -1);
    CHECK_INT(parse("{\"error\":\"bad code!\"}", &a), -1);
}

static int n_seen;
static struct sync_change seen[4];

static int collect(const struct sync_change *c, void *arg)
{
    (void)arg;
    if (n_seen < 4)
        seen[n_seen] = *c;
    n_seen++;
    return 0;
}

TEST(status_page)
{
    const char *doc =
        "{\"changes\":[{\"seq\":\"7\",\"id\":\"" ID "\",\"status\":\"rejected\",\"at\":5,"
        "\"reason_code\":\"PHOTO\",\"reason\":\"Ảnh không đạt\"},"
        "{\"seq\":\"8\",\"id\":\"" ID "\",\"status\":\"approved\",\"at\":6}],"
        "\"cursor\":\"8\",\"more\":true}";
    char cursor[SYNC_CURSOR_SIZE];
    int more = 0;
    n_seen = 0;
    CHECK_INT(sync_proto_status(doc, strlen(doc), collect, NULL, cursor, &more), 0);
    CHECK_INT(n_seen, 2);
    CHECK_STR(cursor, "8");
    CHECK_INT(more, 1);
    CHECK_INT(seen[0].status, APP_REJECTED);
    CHECK_STR(seen[0].reason, "Ảnh không đạt");
    CHECK_STR(seen[0].seq, "7");
    CHECK_INT(seen[1].status, APP_APPROVED);
}

TEST(status_page_refused_whole)
{
    /* the second change is bad: no callback at all, so nothing half-applied */
    const char *doc = "{\"changes\":[{\"seq\":\"1\",\"id\":\"a\",\"status\":\"approved\",\"at\":1},"
                      "{\"seq\":\"2\",\"id\":\"b\",\"status\":\"queued\",\"at\":1}],"
                      "\"cursor\":\"2\",\"more\":false}";
    char cursor[SYNC_CURSOR_SIZE];
    int more = 1;
    n_seen = 0;
    CHECK_INT(sync_proto_status(doc, strlen(doc), collect, NULL, cursor, &more), -1);
    CHECK_INT(n_seen, 0);
    CHECK_STR(cursor, "");
    CHECK_INT(more, 0);
    const char *ctl = "{\"changes\":[{\"seq\":\"1\",\"id\":\"a\",\"status\":\"rejected\",\"at\":1,"
                      "\"reason\":\"a\\u0007b\"}],\"cursor\":\"1\"}";
    CHECK_INT(sync_proto_status(ctl, strlen(ctl), collect, NULL, cursor, &more), -1);
}

TEST(application_document)
{
    char *doc = sync_proto_application(ID, "CAX-1", "kiosk-001", "{\"id\":\"" ID "\"}", HEX64, 99);
    CHECK(doc != NULL);
    CHECK(strstr(doc, "\"payload_length\":99") != NULL);
    CHECK(strstr(doc, "\"envelope\":{\"id\"") != NULL);
    free(doc);
    CHECK(sync_proto_application(ID, "S", "K", "[1]", HEX64, 1) == NULL);
}

static uint64_t rng = 88172645463325252ULL;
static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static int count_cb(const struct sync_change *c, void *arg)
{
    (void)arg;
    return c->status < APP_SUBMITTED || c->status > APP_REJECTED || strlen(c->id) >= APP_ID_SIZE;
}

TEST(mutations_never_crash)
{
    static const char *seeds[] = {
        "{\"state\":\"received\",\"id\":\"" ID "\",\"receipt\":\"R-1\",\"digest\":\"" HEX64 "\"}",
        "{\"state\":\"awaiting_payload\",\"upload_token\":\"ab\",\"offset\":3}",
        "{\"error\":\"offset_mismatch\",\"offset\":12}",
        "{\"changes\":[{\"seq\":\"1\",\"id\":\"a\",\"status\":\"approved\",\"at\":1,"
        "\"reason\":\"x\"}],\"cursor\":\"1\",\"more\":false}",
    };
    char buf[512];
    for (int iter = 0; iter < 20000; iter++) {
        const char *s = seeds[iter % 4];
        size_t len = strlen(s);
        memcpy(buf, s, len);
        int edits = 1 + (int)(next() % 4);
        for (int e = 0; e < edits; e++) {
            size_t at = next() % len;
            switch (next() % 3) {
            case 0:
                buf[at] = (char)(next() & 0xff);
                break;
            case 1:
                len = at; /* truncate */
                break;
            default:
                buf[at] = "{}[]\":,0-9e\\"[next() % 12];
            }
            if (len == 0)
                break;
        }
        struct sync_answer a;
        if (sync_proto_answer(buf, len, ID, &a) == 0) {
            CHECK(a.kind >= SYNC_ANS_AWAITING && a.kind <= SYNC_ANS_ERROR);
            CHECK(strlen(a.token) < sizeof a.token && strchr(a.token, '/') == NULL);
            CHECK(a.kind != SYNC_ANS_AWAITING || a.offset >= 0);
        }
        char cursor[SYNC_CURSOR_SIZE];
        int more;
        int rc = sync_proto_status(buf, len, count_cb, NULL, cursor, &more);
        CHECK(rc == 0 || rc == -1);
    }
}

int main(void)
{
    RUN(answer_awaiting);
    RUN(answer_received);
    RUN(answer_refused);
    RUN(answer_error);
    RUN(status_page);
    RUN(status_page_refused_whole);
    RUN(application_document);
    RUN(mutations_never_crash);
    return test_done();
}
