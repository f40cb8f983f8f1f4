/* test_catalogue.c: every code of every driver and parser has a sentence in Vietnamese and in
 * English in the message catalogue (kiosk/messages), and the Vietnamese ones use the official
 * terms of terms-vi.md. The codes are walked through the drivers' own code lists
 * (MESSAGE_DOMAINS), so a code added to a driver without a sentence fails here. */
#include "kiosk/messages/catalogue.h"
#include "kiosk/messages/messages.h"
#include "kiosk/model/application.h"
#include "kiosk/model/validate.h"
#include "kiosk/workflow/policy.h"
#include "tests/test.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

struct code {
    enum msg_domain domain;
    int code;
    const char *name;
};

#define CODE_ROW(name, value)        {walk_domain, (value), #name},
#define DOMAIN_ROWS(dom, key, codes) {dom, -1000, key}, /* marks where a domain starts */
static const struct code domain_marks[] = {MESSAGE_DOMAINS(DOMAIN_ROWS)};
#undef DOMAIN_ROWS

static int n_walked;

/* Calls fn on every code of every domain. */
static void each_code(void (*fn)(const struct code *c))
{
#define WALK_DOMAIN(dom, key, codes)                                                               \
    {                                                                                              \
        const enum msg_domain walk_domain = dom;                                                   \
        const struct code rows[] = {codes(CODE_ROW)};                                              \
        for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)                                  \
            fn(&rows[i]);                                                                          \
    }
    MESSAGE_DOMAINS(WALK_DOMAIN)
#undef WALK_DOMAIN
}

/* The row of (d, code) in one language's table, NULL when it has none (or an empty one). */
static const char *row_text(const struct catalogue_domain *table, enum msg_domain d, int code)
{
    for (size_t i = 0; i < table[d].n; i++)
        if (table[d].rows[i].code == code && table[d].rows[i].text && table[d].rows[i].text[0])
            return table[d].rows[i].text;
    return NULL;
}

/* The check itself, over any pair of tables, so it can be shown failing on a doctored one. */
static const struct catalogue_domain *check_vi, *check_en;
static int n_missing;
static char first_missing[96];

static void has_both_texts(const struct code *c)
{
    n_walked++;
    int vi = row_text(check_vi, c->domain, c->code) != NULL;
    int en = row_text(check_en, c->domain, c->code) != NULL;
    if (vi && en)
        return;
    if (n_missing++ == 0)
        snprintf(first_missing, sizeof first_missing, "%s %s", c->name, !vi ? "vi" : "en");
}

static int missing_texts(const struct catalogue_domain *vi, const struct catalogue_domain *en)
{
    check_vi = vi;
    check_en = en;
    n_walked = n_missing = 0;
    first_missing[0] = 0;
    each_code(has_both_texts);
    return n_missing;
}

TEST(every_code_of_every_domain_has_text_in_both_languages)
{
    if (missing_texts(catalogue_vi, catalogue_en) != 0)
        test_fail_(__FILE__, __LINE__, "%d codes without text, first %s", n_missing, first_missing);
    /* the walk saw every domain's list (MSGD_NONE and the count excluded) */
    CHECK_INT((int)(sizeof domain_marks / sizeof domain_marks[0]), MSGD_COUNT - 1);
    CHECK(n_walked > 400);
    /* and the lookup the front ends use agrees */
    CHECK(messages_has_text(MSGD_UI, UI_S_APP_TITLE, LANG_EN));
    CHECK(!messages_has_text(MSGD_UI, UI_S_NONE, LANG_EN));
}

/* The check catches a code whose English text was left out: the real English table with one
 * label row dropped (a copy; the catalogue itself is untouched). */
TEST(a_code_missing_its_english_text_fails_the_check)
{
    struct catalogue_domain en[MSGD_COUNT];
    memcpy(en, catalogue_en, sizeof en);
    struct catalogue_row rows[UI_AS_COUNT];
    size_t n = 0;
    for (size_t i = 0; i < catalogue_en[MSGD_UI_AFTER].n; i++)
        if (catalogue_en[MSGD_UI_AFTER].rows[i].code != UI_AS_FIX_SENT)
            rows[n++] = catalogue_en[MSGD_UI_AFTER].rows[i];
    en[MSGD_UI_AFTER].rows = rows;
    en[MSGD_UI_AFTER].n = n;
    CHECK_INT(missing_texts(catalogue_vi, en), 1);
    CHECK_STR(first_missing, "UI_AS_FIX_SENT en");
    /* and a row with an empty text counts as missing too */
    rows[0].text = "";
    CHECK_INT(missing_texts(catalogue_vi, en), 2);
}

static int n_mismatched;

static void same_conversions(const struct code *c)
{
    char vi[64], en[64];
    messages_conversions(messages_text(c->domain, c->code, LANG_VI), vi, sizeof vi);
    messages_conversions(messages_text(c->domain, c->code, LANG_EN), en, sizeof en);
    if (strcmp(vi, en) != 0) {
        n_mismatched++;
        test_fail_(__FILE__, __LINE__, "%s: Vietnamese takes \"%s\", English \"%s\"", c->name, vi,
                   en);
    }
}

/* A text formatted with arguments takes the same conversions, in the same order, in both
 * languages: else snprintf would read the wrong argument in one of them. */
TEST(both_languages_take_the_same_printf_conversions)
{
    n_mismatched = 0;
    each_code(same_conversions);
    CHECK_INT(n_mismatched, 0);
    char a[64], b[64];
    messages_conversions(messages_text(MSGD_UI, UI_S_WAIT_LINE, LANG_VI), a, sizeof a);
    CHECK_STR(a, "%ld%s");
    messages_conversions("Pin: %d%% (%-5.2f), %s", b, sizeof b);
    CHECK_STR(b, "%d%-5.2f%s");
    /* what the check compares tells these apart */
    messages_conversions("%s đã gửi %ld", a, sizeof a);
    messages_conversions("%ld sent %s", b, sizeof b);
    CHECK(strcmp(a, b) != 0);
}

/* The tables hold no row for a code no driver declares (a stale row after a code was removed). */
static int declared(enum msg_domain d, int code)
{
#define FIND(dom, key, codes)                                                                      \
    if (d == dom) {                                                                                \
        const enum msg_domain walk_domain = dom;                                                   \
        const struct code rows[] = {codes(CODE_ROW)};                                              \
        for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)                                  \
            if (rows[i].code == code && rows[i].domain == walk_domain)                             \
                return 1;                                                                          \
    }
    MESSAGE_DOMAINS(FIND)
#undef FIND
    return 0;
}

TEST(no_row_for_a_code_no_driver_declares)
{
    for (int d = 1; d < MSGD_COUNT; d++)
        for (int l = 0; l < 2; l++) {
            const struct catalogue_domain *t = l ? &catalogue_en[d] : &catalogue_vi[d];
            CHECK(t->rows != NULL && t->fallback != NULL);
            for (size_t i = 0; i < t->n; i++)
                if (!declared((enum msg_domain)d, t->rows[i].code))
                    test_fail_(__FILE__, __LINE__, "%s row %d in %s: no such code",
                               messages_domain_key((enum msg_domain)d), t->rows[i].code,
                               l ? "en" : "vi");
        }
}

/* terms-vi.md: one thing, one name. */
static const char *const not_official[] = {
    "giám sát",    "Giám sát",     "nhân viên",    "xoá",         "Xoá",    "lấy vân tay",
    "Lấy vân tay", "Biên nhận",    "biên nhận",    "máy quét",    "Camera", "camera",
    "số CCCD",     "Chip giả mạo", "Đang kết nối", "Trang chính",
};

static void vietnamese_in_official_terms(const struct code *c)
{
    const char *vi = messages_text(c->domain, c->code, LANG_VI);
    const char *en = messages_text(c->domain, c->code, LANG_EN);
    for (size_t i = 0; i < sizeof not_official / sizeof not_official[0]; i++)
        if (strstr(vi, not_official[i]))
            test_fail_(__FILE__, __LINE__, "%s: \"%s\" is not the official term (terms-vi.md)",
                       c->name, not_official[i]);
    char nfc[1024];
    CHECK_INT(val_nfc(vi, nfc, sizeof nfc), MSG_NONE);
    if (strcmp(nfc, vi) != 0)
        test_fail_(__FILE__, __LINE__, "%s: Vietnamese text not in NFC", c->name);
    /* a sentence is translated (the chip's own names, e.g. "chip (MRZ)", may stay alike) */
    if (c->domain != MSGD_CARD_SOURCE && c->domain != MSGD_FORMAT && strcmp(vi, en) == 0)
        test_fail_(__FILE__, __LINE__, "%s: Vietnamese text is the English one", c->name);
}

TEST(vietnamese_texts_use_the_official_terms)
{
    each_code(vietnamese_in_official_terms);
    CHECK(strstr(messages_text(MSGD_CARD, CARD_EFORGED, LANG_VI), "Lãnh đạo đơn vị") != NULL);
    CHECK(strstr(messages_text(MSGD_DG, DG_E_MRZ, LANG_VI), "Lãnh đạo đơn vị") != NULL);
    CHECK_STR(messages_text(MSGD_FPR, FPR_OK, LANG_VI), "Đã thu nhận vân tay.");
}

TEST(unknown_codes_get_the_domains_general_sentence)
{
    CHECK_STR(messages_text(MSGD_CARD, -999, LANG_VI), "Lỗi đọc thẻ.");
    CHECK_STR(messages_text(MSGD_READER, -999, LANG_EN), "Card reader error.");
    CHECK_STR(messages_text(MSGD_FPR, -999, LANG_EN),
              messages_text(MSGD_FPR, FPR_ERR_DEVICE, LANG_EN));
    CHECK_STR(messages_text(MSGD_FPR_STATE, 99, LANG_EN), "");
    CHECK_STR(messages_text(MSGD_NONE, 0, LANG_VI), "");
    CHECK_STR(messages_text((enum msg_domain)MSGD_COUNT, 0, LANG_VI), "");
    CHECK(messages_text(MSGD_CARD, CARD_OK, (enum msg_lang)7)[0] != 0);
}

TEST(composed_and_keyed_sentences)
{
    struct card_disagreement d = {.field = CARD_F_DOB, .a = CARD_SRC_DG13, .b = CARD_SRC_QR};
    char line[128];
    CHECK_STR(messages_disagreement(&d, LANG_EN, line, sizeof line),
              "Date of birth: chip (DG13) differs from QR code");
    CHECK_STR(messages_disagreement(&d, LANG_VI, line, sizeof line),
              "Ngày sinh: chip (DG13) khác mã QR");
    CHECK(strstr(messages_verify_reason("aa_failed", LANG_EN), "clone") != NULL);
    CHECK_STR(messages_verify_reason("no_such_reason", LANG_VI), "Lý do không xác định.");
    CHECK_STR(messages_verify_reason(NULL, LANG_EN), "Unknown reason.");
    struct portrait_report r = {.n = PC_COUNT};
    for (int i = 0; i < PC_COUNT; i++)
        r.checks[i].pass = 1;
    CHECK(messages_portrait_hint(&r, LANG_VI) == NULL);
    r.checks[PC_EYES_OPEN].pass = 0;
    r.checks[PC_MASK].pass = 0;
    CHECK_STR(messages_portrait_hint(&r, LANG_VI), "Tháo khẩu trang");
    CHECK_STR(messages_portrait_hint(&r, LANG_EN), "Take off your mask");
}

/* The upstream's reasons: the protocol's code names its row, a family's suffix too, and the
 * statuses read the screens' labels. */
TEST(reasons_and_statuses_from_the_catalogue)
{
    for (int r = REASON_GENERAL + 1; r < REASON_COUNT; r++) {
        char lower[64], dotted[80];
        size_t n = strlen(reason_code((enum reason)r));
        CHECK(n > 0 && n < sizeof lower);
        for (size_t i = 0; i <= n; i++)
            lower[i] = (char)tolower((unsigned char)reason_code((enum reason)r)[i]);
        snprintf(dotted, sizeof dotted, "%s.detail", lower);
        CHECK_INT(reason_parse(reason_code((enum reason)r)), r);
        CHECK_INT(reason_parse(dotted), r);
        CHECK_STR(reason_lookup(dotted, "upstream", LANG_EN).what,
                  messages_text(MSGD_REASON, r, LANG_EN));
    }
    CHECK_INT(reason_parse("NO_SUCH_CODE"), REASON_GENERAL);
    CHECK_INT(reason_parse(NULL), REASON_GENERAL);
    CHECK_STR(reason_lookup("NO_SUCH_CODE", "upstream", LANG_VI).what, "upstream");
    CHECK_STR(reason_lookup("NO_SUCH_CODE", NULL, LANG_VI).what, "Hồ sơ không đạt.");
    CHECK_STR(reason_lookup("PHONE_IN_USE", NULL, LANG_EN).next,
              messages_text(MSGD_REASON_NEXT, REASON_PHONE_IN_USE, LANG_EN));
    CHECK_INT(reason_lookup("PHONE_IN_USE", NULL, LANG_EN).redo, 0);
    CHECK_STR(status_label(APP_REJECTED, LANG_VI), "Hồ sơ không đạt");
    CHECK_STR(status_label(APP_REDO, LANG_VI), "Đã tạo lại hồ sơ");
    CHECK_STR(status_label(APP_SUBMITTED, LANG_VI), "Đã gửi xử lý hồ sơ");
    CHECK_STR(status_label(APP_STATUS_COUNT, LANG_VI), "");
    CHECK_STR(status_label(-1, LANG_EN), "");
}

/* Every reason key the policy's rules record has a code, so a sentence in both languages; an
 * unknown key shows as itself (never an empty line). */
TEST(every_approval_reason_of_the_policy_is_worded)
{
    int n = 0;
    for (int i = 0; i < pol_rule_count(); i++)
        for (const char *const *rs = pol_rule_reasons(pol_rule_at(i)); *rs; rs++, n++)
            if (approval_reason_parse(*rs) == APPROVAL_NONE)
                test_fail_(__FILE__, __LINE__, "policy reason \"%s\" has no code", *rs);
    CHECK(n > 10);
    CHECK_STR(pol_reason_text("chip_damaged", LANG_VI), "Chip bị hỏng");
    CHECK_STR(pol_reason_text("CHIP_DAMAGED", LANG_EN), "The chip is damaged");
    CHECK_STR(pol_reason_text("no_such_reason", LANG_EN), "no_such_reason");
    CHECK_STR(pol_reason_text(NULL, LANG_EN), "");
}

/* A sentence with arguments: formatted from the catalogue when the caller's conversions are
 * the sentence's, else the code and the arguments by the caller's own format (never a read of
 * an argument that was not passed). */
TEST(sentences_with_arguments_are_formatted_from_the_catalogue)
{
    char buf[400];
    CHECK_STR(messages_format(buf, sizeof buf, MSGD_FIELD, FIELD_M_USB_PULLED, LANG_EN, "%ld", 3L),
              "The USB stick was pulled out midway: 3 applications sent. Plug it in again and "
              "import again; applications already sent are not sent twice.");
    CHECK(strstr(messages_format(buf, sizeof buf, MSGD_EXPORT, EXPORT_M_KEYRING_LINE, LANG_VI,
                                 "%s%d", "/k.txt", 7),
                 "Tệp khóa /k.txt, dòng 7:") == buf);
    CHECK_STR(messages_format(buf, sizeof buf, MSGD_FIELD, FIELD_M_USB_PULLED, LANG_VI, "%s", "x"),
              "field.13: x");
    CHECK_STR(messages_format(buf, 8, MSGD_EXPORT, EXPORT_M_NOMEM, LANG_EN, "%s", "x"), "export.");
    /* every sentence of the reports and the hand-over is worded with a next step or a fact */
    CHECK(strstr(messages_text(MSGD_FIELD, FIELD_M_REFUSED, LANG_VI), "Lãnh đạo đơn vị") != NULL);
}

/* The site kinds' words follow the model's keys, one by one. */
TEST(every_site_kind_is_worded)
{
    int n = 0;
    while (app_site_kinds[n])
        n++;
    CHECK_INT(n, SITE_KIND_COUNT);
    CHECK_STR(messages_site_kind("to_dan_pho", LANG_VI), "Tổ dân phố");
    CHECK_STR(messages_site_kind("khac", LANG_EN), "Other place");
    CHECK_STR(messages_site_kind("no_such_kind", LANG_EN), "");
    CHECK_STR(messages_site_kind(NULL, LANG_VI), "");
}

int main(void)
{
    RUN(every_code_of_every_domain_has_text_in_both_languages);
    RUN(a_code_missing_its_english_text_fails_the_check);
    RUN(both_languages_take_the_same_printf_conversions);
    RUN(no_row_for_a_code_no_driver_declares);
    RUN(vietnamese_texts_use_the_official_terms);
    RUN(unknown_codes_get_the_domains_general_sentence);
    RUN(composed_and_keyed_sentences);
    RUN(reasons_and_statuses_from_the_catalogue);
    RUN(every_approval_reason_of_the_policy_is_worded);
    RUN(sentences_with_arguments_are_formatted_from_the_catalogue);
    RUN(every_site_kind_is_worded);
    return test_done();
}
