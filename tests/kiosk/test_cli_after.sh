#!/bin/sh
# test_cli_after.sh: the commands for the visits after the first, end to end on a fresh data
# directory: enrol with a phone written with parentheses, `show` by short number, phone and
# personal ID, `queue --search` by phone and short number, a rejection on the recall list
# with its reason in plain words, a contact mark, closing by a supervisor only, phone-fix
# refused before delivery, a receipt to a printer that is not there refused in one line.
K="${KIOSK_BIN:-build/san/kiosk}"
K=$(readlink -f "$K")
T=$(mktemp -d /tmp/kiosk-cli-after-XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok - $1"; }
bad() { fail=$((fail + 1)); echo "FAIL - $1"; }
check() { name=$1; shift; if "$@"; then ok "$name"; else bad "$name"; fi; }

mkdir -p "$T/pki"
openssl rand -hex 32 >"$T/pki/upstream-seal.pub"
cat >"$T/kiosk.conf" <<CONF
[station]
code = CAX-HD-03
[storage]
data_dir = $T/data
[upstream]
seal_key = $T/pki/upstream-seal.pub
[receipt]
printer = no-such-printer
CONF
kk() { "$K" --config "$T/kiosk.conf" "$@"; }
printf '\377\330\377\340JFIF-test-portrait' >"$T/portrait.jpg"
{ printf 'P5\n# synthetic\n4 3\n255\n'; printf 'ABCDEFGHIJKL'; } >"$T/li.pgm"
echo 472913 >"$T/sv.pin"
echo 538206 >"$T/cb.pin"
B="${BUILD:-build/san}"
"$B/tests/rigs/card/cardf_main" "$T/cards" >/dev/null
printf '[card]\ntrust_dir = %s\n' "$T/cards/trust" >>"$T/kiosk.conf"
cat >"$T/good.json" <<JSON
{"officer": "cb01",
 "card": {"sim": "cards/ngoc-2021", "personal_id": "079303004567", "dob": "2003-03-15"},
 "portrait": {"file": "portrait.jpg", "quality": {"all_pass": true}},
 "fingers": [{"position": "left-index", "pgm": "li.pgm", "ppi": 500},
             {"position": "right-index", "pgm": "li.pgm", "ppi": 500}],
 "contact": {"phone": "(091) 234-5678"},
 "consent": true}
JSON
kk init sv01 "Vũ Thị Lan" --pin-file "$T/sv.pin" >/dev/null
kk officer add cb01 "Hoàng Văn Bình" --pin-file "$T/cb.pin" --by sv01 --by-pin-file "$T/sv.pin" >/dev/null
id=$(kk enrol --from "$T/good.json" 2>"$T/err")
check "enrol accepts a phone with parentheses" sh -c "echo '$id' | grep -Eq '^[0-9a-f]{8}-'"
dm=$(TZ=Asia/Ho_Chi_Minh date +%d%m)
sn="HD03-$dm-001"
kk show "$sn" >"$T/show" 2>"$T/err"
check "show by short number" grep -q "^Hồ sơ $sn" "$T/show"
check "show says the status as VNeID does" grep -q "Trạng thái: Chờ gửi" "$T/show"
check "show has the normalised phone and carrier" grep -q "0912345678 (VinaPhone)" "$T/show"
check "show by phone as written" sh -c "\"$K\" --config \"$T/kiosk.conf\" show '+84 912 345 678' | grep -q 'Trần Thị Bích Ngọc'"
check "show by personal ID" sh -c "\"$K\" --config \"$T/kiosk.conf\" show 079303004567 | grep -q '$sn'"
kk show nobody >/dev/null 2>"$T/err"; rc=$?
check "show of nothing: one line, exit 1" sh -c "test $rc -eq 1 && test \$(wc -l <'$T/err') -eq 1"
check "queue search by phone" sh -c "\"$K\" --config \"$T/kiosk.conf\" queue --search 0912.345.678 --json | grep -q '\"short_no\": \"$sn\"'"
check "queue search by short number typed loosely" sh -c "\"$K\" --config \"$T/kiosk.conf\" queue --search 'hd03 $dm 1' | grep -q 'Trần Thị Bích Ngọc'"

kk phone-fix "$sn" 0977111222 --reason "gõ nhầm" --officer cb01 --pin-file "$T/cb.pin" --supervisor sv01 --supervisor-pin-file "$T/sv.pin" >/dev/null 2>"$T/err"; rc=$?
check "phone-fix before delivery refused" sh -c "test $rc -eq 1 && grep -q 'đã gửi' '$T/err'"

# the upstream rejected it for its photo (as the sync would record it)
now=$(($(date +%s) * 1000))
sqlite3 "$T/data/kiosk.db" "UPDATE applications SET status = 'rejected', reason_code = 'PHOTO_QUALITY', reason = 'photo.quality: below standard', updated_at = $now WHERE id = '$id'; INSERT INTO status_history (app_id, status, at, actor, reason) VALUES ('$id', 'rejected', $now, 'sync', 'photo.quality: below standard')"
kk recall >"$T/recall"
check "recall list shows name, phone and the reason in plain words" sh -c "grep '$sn' '$T/recall' | grep 'Trần Thị Bích Ngọc' | grep '0912345678' | grep -q 'Ảnh chân dung không đủ tiêu chuẩn'"
check "recall list never shows the machine code" sh -c "! grep -q 'photo.quality' '$T/recall'"
kk show "$sn" >"$T/show"
check "show gives what to do next" grep -q "Việc cần làm: Mời công dân đến tạo lại hồ sơ" "$T/show"
check "mark: called" kk recall mark "$sn" called --officer cb01 --pin-file "$T/cb.pin"
kk recall mark "$sn" appointment --officer cb01 --pin-file "$T/cb.pin" >/dev/null 2>&1; rc=$?
check "appointment needs a day" test $rc -eq 1
check "list shows the mark" sh -c "\"$K\" --config \"$T/kiosk.conf\" recall | grep -q '\[đã gọi\]'"
kk recall close "$sn" --reason "chuyển nơi cư trú" --supervisor cb01 --pin-file "$T/cb.pin" >/dev/null 2>&1; rc=$?
check "an officer cannot close an entry" test $rc -eq 1
check "a supervisor closes it with a reason" kk recall close "$sn" --reason "chuyển nơi cư trú" --supervisor sv01 --pin-file "$T/sv.pin"
check "the list is empty" sh -c "\"$K\" --config \"$T/kiosk.conf\" recall | grep -q '^0 công dân'"
check "show says who closed it" sh -c "\"$K\" --config \"$T/kiosk.conf\" show '$sn' | grep -q 'sv01 (chuyển nơi cư trú)'"

CUPS_SERVER="$T/none.sock" kk receipt "$sn" >/dev/null 2>"$T/err"; rc=$?
check "receipt to a missing printer: one clear line" sh -c "test $rc -eq 1 && test \$(wc -l <'$T/err') -eq 1 && grep -q 'không in được giấy tiếp nhận' '$T/err'"
check "no receipt file written" sh -c "test -z \"\$(find '$T/data' -name '*.pdf' -o -name '*.png')\""
check "audit trail intact" sh -c "\"$K\" --config \"$T/kiosk.conf\" audit verify | grep -q intact"
echo "# passed $pass failed $fail"
[ $fail -eq 0 ]
