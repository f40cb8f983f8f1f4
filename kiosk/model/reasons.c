/* reasons.c: the catalogue of the upstream's rejection reasons (reasons.h).
 *
 * The sentences follow the seeds: the portrait rules the app tells citizens (không nhắm
 * mắt, không đeo kính, không đeo khẩu trang, đủ ánh sáng), "Hồ sơ không đạt" → "Tạo lại hồ
 * sơ", and data that differ from the Cơ sở dữ liệu quốc gia về dân cư are corrected at the
 * police of the place of residence first. */
#include "kiosk/model/reasons.h"

#include <stddef.h>
#include <strings.h>
#include <string.h>

struct reason_entry {
    const char *code;
    const char *what_vi, *next_vi, *what_en, *next_en;
    int redo;
};

static const struct reason_entry catalogue[] = {
    {"PHOTO_QUALITY", "Ảnh chân dung không đủ tiêu chuẩn.",
     "Mời công dân đến tạo lại hồ sơ và chụp lại ảnh chân dung: không nhắm mắt, không đeo kính, "
     "không đeo khẩu trang, đủ ánh sáng.",
     "The portrait does not meet the standard.",
     "Ask the citizen to come back for a new application and retake the portrait: eyes open, no "
     "glasses, no mask, enough light.",
     1},
    {"PHOTO_MISMATCH", "Ảnh chân dung không khớp với ảnh trong Cơ sở dữ liệu căn cước.",
     "Mời công dân đến tạo lại hồ sơ và chụp lại ảnh chân dung; nếu vẫn không khớp, hướng dẫn "
     "công dân làm thủ tục cấp đổi thẻ Căn cước.",
     "The portrait does not match the photo in the identity card database.",
     "Ask the citizen to come back for a new application with a new portrait; if it still does "
     "not match, guide the citizen to renew the card.",
     1},
    {"FINGERPRINT_QUALITY", "Vân tay thu nhận không đủ chất lượng.",
     "Mời công dân đến tạo lại hồ sơ và thu nhận lại vân tay (lau sạch mặt máy đọc vân tay, "
     "ngón tay khô, đặt đúng giữa).",
     "The fingerprints taken are not of sufficient quality.",
     "Ask the citizen to come back for a new application and retake the fingerprints (clean "
     "reader, dry finger, placed in the middle).",
     1},
    {"FINGERPRINT_MISMATCH", "Vân tay không khớp với vân tay trong Cơ sở dữ liệu căn cước.",
     "Mời công dân đến tạo lại hồ sơ và thu nhận lại vân tay đúng các ngón đã đăng ký khi làm "
     "thẻ.",
     "The fingerprints do not match those in the identity card database.",
     "Ask the citizen to come back for a new application and retake the fingers registered for "
     "the card.",
     1},
    {"DATA_MISMATCH", "Thông tin công dân không khớp với Cơ sở dữ liệu quốc gia về dân cư.",
     "Hướng dẫn công dân đến Công an xã/phường nơi cư trú để cập nhật thông tin vào Cơ sở dữ "
     "liệu quốc gia về dân cư, sau đó tạo lại hồ sơ.",
     "The citizen's data do not match the national population database.",
     "Send the citizen to the police of the place of residence to update the national population "
     "database, then make a new application.",
     1},
    {"CARD_INVALID",
     "Thẻ Căn cước không còn giá trị sử dụng (hết hạn, bị thu hồi hoặc đã cấp đổi).",
     "Hướng dẫn công dân làm thủ tục cấp thẻ; tài khoản định danh điện tử mức độ 2 được cấp "
     "cùng với thẻ mới.",
     "The card is no longer valid (expired, revoked or replaced).",
     "Guide the citizen through the card procedure; the level-2 account is issued with the new "
     "card.",
     0},
    {"ACCOUNT_EXISTS", "Công dân đã có tài khoản định danh điện tử mức độ 2.",
     "Không cần tạo lại hồ sơ. Hướng dẫn công dân kích hoạt tài khoản trên ứng dụng VNeID; quá 7 "
     "ngày thì liên hệ tổng đài.",
     "The citizen already has a level-2 electronic identity account.",
     "No new application is needed. Help the citizen activate it in the VNeID app; after 7 days, "
     "through the call centre.",
     0},
    {"PHONE_NOT_OWNER", "Số điện thoại không phải số chính chủ của công dân.",
     "Gọi công dân để lấy số điện thoại di động chính chủ và lập yêu cầu sửa số điện thoại, "
     "hoặc mời công dân đến tạo lại hồ sơ.",
     "The phone number is not registered in the citizen's own name.",
     "Call the citizen for a number in their own name and file a phone correction, or ask them "
     "to come back for a new application.",
     1},
    {"PHONE_IN_USE", "Số điện thoại đã được dùng cho tài khoản của công dân khác.",
     "Gọi công dân để lấy số điện thoại di động chính chủ khác và lập yêu cầu sửa số điện thoại.",
     "The phone number is already used by another citizen's account.",
     "Call the citizen for another number in their own name and file a phone correction.", 0},
    {"UNDER_AGE", "Công dân chưa đủ 14 tuổi.",
     "Hướng dẫn cha, mẹ hoặc người giám hộ đăng ký cho trẻ theo tài khoản định danh điện tử của "
     "mình; không tạo lại hồ sơ.",
     "The citizen is under 14.",
     "Guide the parent or guardian to register the child under their own account; no new "
     "application.",
     0},
    /* The upstream's own check of the chip evidence (sync/PROTOCOL.md §2.4) found that the
     * application claims more than the chip's signed data support. */
    {"EVIDENCE_MISSING",
     "Hồ sơ ghi chip đã được đọc nhưng thiếu dữ liệu chip để cơ quan tiếp nhận kiểm tra lại.",
     "Mời công dân đến tạo lại hồ sơ và đọc lại chip thẻ Căn cước; nếu vẫn không đạt, báo Lãnh "
     "đạo đơn vị để kiểm tra máy tiếp nhận.",
     "The application says the chip was read but lacks the chip data for the upstream to check "
     "again.",
     "Ask the citizen to come back for a new application and read the card's chip again; if it "
     "fails again, tell the Lãnh đạo đơn vị so the kiosk is checked.",
     1},
    {"EVIDENCE_MALFORMED", "Dữ liệu chip gửi kèm hồ sơ không đọc được.",
     "Mời công dân đến tạo lại hồ sơ và đọc lại chip thẻ Căn cước; nếu vẫn không đạt, báo Lãnh "
     "đạo đơn vị để kiểm tra máy tiếp nhận.",
     "The chip data sent with the application cannot be read.",
     "Ask the citizen to come back for a new application and read the card's chip again; if it "
     "fails again, tell the Lãnh đạo đơn vị so the kiosk is checked.",
     1},
    {"EVIDENCE_SIGNATURE", "Chữ ký số của cơ quan cấp thẻ trên dữ liệu chip không xác minh được.",
     "Mời công dân đến tạo lại hồ sơ và đọc lại chip; nếu vẫn không đạt, chip không hợp lệ: báo "
     "Lãnh đạo đơn vị và hướng dẫn công dân làm thủ tục cấp đổi thẻ Căn cước.",
     "The card issuer's digital signature on the chip data cannot be verified.",
     "Ask the citizen to come back for a new application and read the chip again; if it fails "
     "again, the chip is not valid: tell the Lãnh đạo đơn vị and guide the citizen to renew the "
     "card.",
     1},
    {"EVIDENCE_SOD_MISMATCH",
     "Dữ liệu chip gửi kèm hồ sơ không khớp với phần dữ liệu có chữ ký số của cơ quan cấp thẻ.",
     "Mời công dân đến tạo lại hồ sơ và đọc lại chip ngay tại quầy; báo Lãnh đạo đơn vị để kiểm "
     "tra máy tiếp nhận và thẻ.",
     "The chip data sent with the application do not match the part the card issuer signed.",
     "Ask the citizen to come back for a new application and read the chip again at the "
     "counter; tell the Lãnh đạo đơn vị so the kiosk and the card are checked.",
     1},
    {"EVIDENCE_IDENTITY",
     "Thông tin công dân trong hồ sơ khác với thông tin trong chip thẻ Căn cước.",
     "Mời công dân đến tạo lại hồ sơ và đọc lại chip; không sửa tay thông tin đã đọc từ chip. Báo "
     "Lãnh đạo đơn vị.",
     "The citizen's data in the application differ from those in the card's chip.",
     "Ask the citizen to come back for a new application and read the chip again; do not edit "
     "data read from the chip by hand. Tell the Lãnh đạo đơn vị.",
     1},
    {"EVIDENCE_AA",
     "Chip không chứng minh được là chip gốc của thẻ (xác thực chip không đạt hoặc không thuộc hồ "
     "sơ này).",
     "Mời công dân đến tạo lại hồ sơ và đọc lại chip ngay tại quầy; nếu vẫn không đạt, chip không "
     "hợp lệ: báo Lãnh đạo đơn vị và hướng dẫn công dân làm thủ tục cấp đổi thẻ Căn cước.",
     "The chip did not prove it is the card's original chip (chip authentication failed or "
     "belongs to another application).",
     "Ask the citizen to come back for a new application and read the chip again at the "
     "counter; if it fails again, the chip is not valid: tell the Lãnh đạo đơn vị and guide the "
     "citizen to renew the card.",
     1},
    {"EVIDENCE_VERDICT", "Hồ sơ mang kết luận về chip mà cơ quan tiếp nhận không chấp nhận.",
     "Báo Lãnh đạo đơn vị để kiểm tra máy tiếp nhận; mời công dân đến tạo lại hồ sơ.",
     "The application carries a chip verdict the upstream does not accept.",
     "Tell the Lãnh đạo đơn vị so the kiosk is checked; ask the citizen to come back for a new "
     "application.",
     1},
};

static const struct reason_entry general = {
    "",
    "Hồ sơ không đạt.",
    "Gọi công dân để báo kết quả và mời đến tạo lại hồ sơ; nếu chưa rõ lý do, hỏi Lãnh đạo đơn vị.",
    "The application was rejected.",
    "Call the citizen with the result and ask them to come back for a new application; if the "
    "reason is unclear, ask the Lãnh đạo đơn vị.",
    1};

static const struct reason_entry *find(const char *code)
{
    if (!code || !code[0])
        return NULL;
    for (size_t i = 0; i < sizeof catalogue / sizeof catalogue[0]; i++) {
        size_t n = strlen(catalogue[i].code);
        if (strncasecmp(code, catalogue[i].code, n) == 0 && (code[n] == '\0' || code[n] == '.'))
            return &catalogue[i];
    }
    return NULL;
}

int reason_known(const char *code)
{
    return find(code) != NULL;
}

struct reason_text reason_lookup(const char *code, const char *upstream_text, enum msg_lang lang)
{
    const struct reason_entry *e = find(code);
    struct reason_text t;
    const struct reason_entry *g = e ? e : &general;
    t.what = lang == LANG_EN ? g->what_en : g->what_vi;
    t.next = lang == LANG_EN ? g->next_en : g->next_vi;
    t.redo = g->redo;
    if (!e && upstream_text && upstream_text[0])
        t.what = upstream_text;
    return t;
}

const char *status_label(int status, enum msg_lang lang)
{
    static const char *const vi[] = {"Đang lập",           "Chờ gửi",
                                     "Đang gửi",           "Đã gửi xử lý hồ sơ",
                                     "Đã gửi xử lý hồ sơ", "Hồ sơ được phê duyệt",
                                     "Hồ sơ không đạt",    "Đã tạo lại hồ sơ"};
    static const char *const en[] = {"Being filled in", "Waiting to send", "Sending",  "Submitted",
                                     "Being processed", "Approved",        "Rejected", "Redone"};
    if (status < 0 || status >= (int)(sizeof vi / sizeof vi[0]))
        return "";
    return lang == LANG_EN ? en[status] : vi[status];
}
