#!/bin/sh
# test_cli.sh: the kiosk command line end to end, on a fresh data directory: officers,
# enrol --from JSON (good, refused, duplicate with a supervisor), queue listing, audit
# verify (intact, then tampered), selftest, exit codes and one-line errors.
. "$(dirname "$0")/fixture.sh"

# sample inputs: a portrait (any JPEG bytes) and an 8-bit PGM print
printf '\377\330\377\340JFIF-test-portrait' >"$T/portrait.jpg"
{ printf 'P5\n# synthetic\n4 3\n255\n'; printf 'ABCDEFGHIJKL'; } >"$T/li.pgm"
echo 472913 >"$T/sv.pin"
echo 538206 >"$T/cb.pin"
echo 123456 >"$T/trivial.pin"
B="${BUILD:-build/san}"
"$B/tests/rigs/card/cardf_main" "$T/cards" >/dev/null
# the enrolment scripts approve from PIN files: a demo store (storage.kind = demo)
printf '[storage]\nkind = demo\n[card]\ntrust_dir = %s\n' "$T/cards/trust" >>"$T/kiosk.conf"
script() { # script NAME CARD PID DOB PHONE: an enrolment script reading that simulated card
    cat >"$T/$1.json" <<JSON
{"officer": "cb01",
 "card": {"sim": "cards/$2", "personal_id": "$3", "dob": "$4"},
 "portrait": {"file": "portrait.jpg", "quality": {"all_pass": true}},
 "fingers": [{"position": "left-index", "pgm": "li.pgm", "ppi": 500},
             {"position": "right-index", "exception": "bandaged"},
             {"position": "right-middle", "pgm": "li.pgm"}],
 "contact": {"phone": "$5", "email": "an@example.vn"},
 "consent": true}
JSON
}
script good ngoc-2021 079303004567 2003-03-15 "+84 912 345 678"

check "version" sh -c "kk() { \"$K\" --config \"$T/kiosk.conf\" \"\$@\"; }; kk version | grep -q 'kiosk '"
kk nosuchcommand >/dev/null 2>&1; check "unknown command exits 2" test $? -eq 2
"$K" --config /nonexistent.conf version >/dev/null 2>"$T/err"; rc=$?
check "missing config refused" test $rc -eq 1
check "missing config message names the file" grep -q '/nonexistent.conf' "$T/err"

kk officer add sv01 "Vũ Thị Lan" --supervisor --pin-file "$T/sv.pin" >/dev/null 2>"$T/err"; rc=$?
check "no supervisor without a supervisor's PIN, even the first" sh -c "test $rc -eq 1 && grep -q 'kiosk init' '$T/err'"
kk init sv01 "Vũ Thị Lan" --pin-file "$T/trivial.pin" >/dev/null 2>"$T/err"; rc=$?
check "a trivial PIN is refused" sh -c "test $rc -eq 1 && grep -q 'dễ đoán' '$T/err'"
check "first supervisor by init" kk init sv01 "Vũ Thị Lan" --pin-file "$T/sv.pin"
kk init sv02 "Lê Văn Cường" --pin-file "$T/sv.pin" >/dev/null 2>"$T/err"; rc=$?
check "init only on an empty store" test $rc -eq 1
kk officer add cb01 "Hoàng Văn Bình" --pin-file "$T/cb.pin" >/dev/null 2>&1; rc=$?
check "adding an officer needs the supervisor" test $rc -eq 1
check "officer added by supervisor" kk officer add cb01 "Hoàng Văn Bình" --pin-file "$T/cb.pin" --by sv01 --by-pin-file "$T/sv.pin"
check "officer list" sh -c "\"$K\" --config \"$T/kiosk.conf\" officer list | grep -q 'cb01 .*officer .*active'"
kk officer disable sv01 --by sv01 --by-pin-file "$T/sv.pin" >/dev/null 2>"$T/err"; rc=$?
check "the last supervisor cannot be disabled" sh -c "test $rc -eq 1 && grep -q 'Lãnh đạo đơn vị cuối cùng' '$T/err'"
echo 000000 >"$T/wrong.pin"
for _ in 1 2 3 4 5; do
    kk export --day 2020-01-01 --out "$T/nowhere" --supervisor cb01 --pin-file "$T/wrong.pin" >/dev/null 2>&1
done
check "five wrong PINs lock" sh -c "\"$K\" --config \"$T/kiosk.conf\" officer list | grep -q 'cb01 .*officer .*locked'"
check "a supervisor unlocks" kk officer unlock cb01 --by sv01 --by-pin-file "$T/sv.pin"
check "unlocked" sh -c "\"$K\" --config \"$T/kiosk.conf\" officer list | grep -q 'cb01 .*officer .*active'"

id=$(kk enrol --from "$T/good.json" 2>"$T/err")
check "enrol queues and prints the id" sh -c "echo '$id' | grep -Eq '^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-'"
kk queue --json >"$T/q.json"
check "queue lists it queued" grep -q "\"status\": \"queued\"" "$T/q.json"
check "queue shows the name with diacritics" grep -q "Trần Thị Bích Ngọc" "$T/q.json"
script forged hash-mismatch 001085012345 1985-07-04 "0912 345 670"
kk enrol --from "$T/forged.json" >/dev/null 2>"$T/err"; rc=$?
check "the kiosk verifies the chip itself: an altered one is refused" sh -c "test $rc -eq 1 && grep -q 'Chip không hợp lệ' '$T/err'"
kk queue --status approved --json >"$T/q2.json"
check "status filter" grep -q '^\[\]$' "$T/q2.json"

# the same citizen again: a duplicate needs a supervisor
kk enrol --from "$T/good.json" >/dev/null 2>"$T/err"; rc=$?
check "duplicate refused" test $rc -eq 1
check "duplicate refusal is one clear line" test "$(grep -c 'refused' "$T/err")" -ge 1
sed 's|"officer": "cb01",|"officer": "cb01", "supervisor": "sv01", "supervisor_pin_file": "sv.pin",|' "$T/good.json" >"$T/dup.json"
check "duplicate accepted with a supervisor" sh -c "\"$K\" --config \"$T/kiosk.conf\" enrol --from \"$T/dup.json\" >/dev/null"

# refusals from the validators, in the officer's language
script landline hung-long-address 001085012345 1985-07-04 "0243 826 1234"
kk enrol --from "$T/landline.json" >/dev/null 2>"$T/err"; rc=$?
check "landline refused" test $rc -eq 1
check "landline message in Vietnamese" grep -q 'máy bàn' "$T/err"
sed 's|"card": {[^}]*}|"identity": {"personal_id": "079199012346", "full_name": "Lê Văn Nam", "dob": "1999-01-01", "sex": "M", "residence": "Số 1 Phố Huế, Hà Nội", "expiry_date": "2039-01-01", "source": "manual"}|' "$T/good.json" >"$T/sex.json"
kk enrol --from "$T/sex.json" >/dev/null 2>"$T/err"; rc=$?
check "ID/sex mismatch refused" test $rc -eq 1
script noconsent hoa-no-middle-name 048190000321 1990-12-01 "0912 345 679"
sed -i 's|"consent": true|"consent": false|' "$T/noconsent.json"
kk enrol --from "$T/noconsent.json" >/dev/null 2>&1; rc=$?
check "no consent, no queue" test $rc -eq 1
echo '{"officer": "cb01", "identity": ' >"$T/broken.json"
kk enrol --from "$T/broken.json" >/dev/null 2>"$T/err"; rc=$?
check "broken JSON refused with file:line" sh -c "test $rc -eq 1 && grep -q 'broken.json:' '$T/err'"

today=$(TZ=Asia/Ho_Chi_Minh date +%Y-%m-%d)
kk export --day "$today" --out "$T/usb" --supervisor cb01 --pin-file "$T/cb.pin" >/dev/null 2>&1; rc=$?
check "export needs a supervisor" test $rc -eq 1
check "export by a supervisor" sh -c "\"$K\" --config \"$T/kiosk.conf\" export --day $today --out \"$T/usb\" --supervisor sv01 --pin-file \"$T/sv.pin\" >/dev/null"
st=$(kk export key | head -n 1 | awk '{print $2}')
ki=$(kk export key | head -n 1 | awk '{print $3}')
R="$T/usb/$st/$today"
check "export lands in <station>/<day>/" test -f "$R/danh-sach_${st}_${ki}_$today.csv"
check "export list has the citizen" grep -q 'Trần Thị Bích Ngọc' "$R/danh-sach_${st}_${ki}_$today.csv"
check "export has Mẫu số 02 as .xlsx" test -s "$R/mau-so-02_${st}_${ki}_$today.xlsx"
check "export verify intact" sh -c "\"$K\" --config \"$T/kiosk.conf\" export verify \"$R\" | grep -q 'nguyên vẹn'"
check "a week on the same stick" sh -c "\"$K\" --config \"$T/kiosk.conf\" export --week $today --out \"$T/usb\" --supervisor sv01 --pin-file \"$T/sv.pin\" >/dev/null"
check "day and week side by side" sh -c "ls \"$T/usb/$st\" | grep -q '^tuan-' && test -d \"$R\""
kk export key >"$T/keyring"
check "selftest shows the signing fingerprint" sh -c "\"$K\" --config \"$T/kiosk.conf\" selftest | grep -q \"$(tail -n 1 "$T/keyring" | cut -c3-30)\""
check "verify against a station keyring" sh -c "\"$K\" --config \"$T/kiosk.conf\" export verify \"$R\" --keyring \"$T/keyring\" | grep -q 'nguyên vẹn'"
check "merge of the station's kiosks" sh -c "\"$K\" --config \"$T/kiosk.conf\" export merge \"$R\" --out \"$T/usb\" --keyring \"$T/keyring\" --supervisor sv01 --pin-file \"$T/sv.pin\" >/dev/null && test -d \"$T/usb/$st/toan-tram-$today\""
openssl rand -hex 32 | sed "s/\$/ $st other-kiosk/" >>"$T/keyring"
kk export merge "$R" --out "$T/usb" --keyring "$T/keyring" --supervisor sv01 --pin-file "$T/sv.pin" >/dev/null 2>"$T/err"; rc=$?
check "merge refused when a kiosk is missing" sh -c "test $rc -eq 1 && grep -q 'other-kiosk' '$T/err'"
sed -i 's/Ngọc/Ngoc/' "$R/danh-sach_${st}_${ki}_$today.csv"
kk export verify "$R" >/dev/null 2>"$T/err"; rc=$?
check "tampered export detected" sh -c "test $rc -eq 1 && grep -q 'danh-sach' '$T/err'"

kk queue --all >"$T/q.txt"
check "queue says what waits and how old" grep -Eq '^Chờ gửi: 2 hồ sơ, lâu nhất (dưới 1 giờ|[0-9]+ giờ)' "$T/q.txt"
check "nothing handed over" grep -q 'Đã bàn giao, chưa xác nhận: 0 hồ sơ' "$T/q.txt"
n=$(kk queue --all | tail -n 1)
check "two applications queued" sh -c "echo '$n' | grep -q '^2 application'"
check "audit verify intact" sh -c "\"$K\" --config \"$T/kiosk.conf\" audit verify | grep -q 'intact'"
check "selftest passes" sh -c "\"$K\" --config \"$T/kiosk.conf\" selftest >/dev/null"
actor2=$(sqlite3 "$T/data/kiosk.db" "SELECT actor FROM audit WHERE seq = 2")
sqlite3 "$T/data/kiosk.db" "UPDATE audit SET actor = 'x' WHERE seq = 2"
kk audit verify >/dev/null 2>"$T/err"; rc=$?
check "tampered audit detected" test $rc -eq 1
check "tampered row named" grep -q 'dòng 2' "$T/err"
check "an edited row is not called a truncation" sh -c "grep -q 'bị sửa tại dòng 2' '$T/err' && ! grep -q 'bị cắt' '$T/err'"
check "selftest fails on a broken audit trail" sh -c "! \"$K\" --config \"$T/kiosk.conf\" selftest >/dev/null"
kk bundle export --out "$T/stick" >/dev/null 2>"$T/err"; rc=$?
check "no hand-over from a kiosk whose audit trail was edited" sh -c "test $rc -eq 1 && grep -q 'Nhật ký của máy' '$T/err' && ! ls '$T/stick'/*/ban-giao_* >/dev/null 2>&1"
sqlite3 "$T/data/kiosk.db" "UPDATE audit SET actor = '$actor2' WHERE seq = 2"
check "the trail put back verifies" sh -c "\"$K\" --config \"$T/kiosk.conf\" audit verify | grep -q intact"
# handed over on a stick: field status counts and lists them until the upstream confirms
kk bundle export --out "$T/stick" >/dev/null 2>"$T/err"
check "bundle export" test $? -eq 0
kk field status >"$T/field.txt"
check "field status counts the handed over" grep -q 'Đã bàn giao, chưa xác nhận: 2 hồ sơ' "$T/field.txt"
check "field status lists each with its bundle" sh -c "test \$(grep -c ' ban-giao_' '$T/field.txt') -eq 2"
check "queue no longer counts them as waiting here" grep -q '^Chờ gửi: 0 hồ sơ' "$T/field.txt"
b=$(ls -d "$T/stick"/*/ban-giao_* | head -n 1)
kk bundle statuses "$b" --keyring "$T/keyring" >/dev/null 2>"$T/err"; rc=$?
check "statuses: a hand-over bundle holds no status bundle" sh -c "test $rc -eq 1 && grep -q 'không có trạng thái nào cho máy' '$T/err'"
cp -r "$b" "$T/stick/trang-thai_copy"
kk bundle statuses "$T/stick/trang-thai_copy" --keyring "$T/keyring" >/dev/null 2>"$T/err"; rc=$?
check "statuses: a hand-over bundle named as one is refused" sh -c "test $rc -eq 1 && grep -q 'không phải thư mục trạng thái' '$T/err'"
kk bundle statuses "$b" >/dev/null 2>&1; rc=$?
check "statuses: the keyring is required" test $rc -eq 2
# no side doors on a station store (storage.kind left out: a station's configuration)
cat >"$T/station.conf" <<CONF
[storage]
data_dir = $T/sdata
[upstream]
seal_key = $T/pki/upstream-seal.pub
[card]
trust_dir = $T/cards/trust
CONF
ks() { "$K" --config "$T/station.conf" "$@"; }
ks init sv01 "Vũ Thị Lan" --pin-file "$T/sv.pin" >/dev/null
ks officer add cb01 "Hoàng Văn Bình" --pin-file "$T/cb.pin" --by sv01 --by-pin-file "$T/sv.pin" >/dev/null
ks demo >"$T/out" 2>"$T/err"; rc=$?
check "station store: demo refused" sh -c "test $rc -eq 1 && grep -q 'kho demo' '$T/err' && ! grep -q 'queued as' '$T/out'"
env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER "$K" --config "$T/station.conf" run >"$T/out" 2>"$T/err"; rc=$?
check "station store: run without a display exits, no demo" sh -c "test $rc -eq 1 && grep -q 'màn hình' '$T/err' && ! grep -q 'queued as' '$T/out'"
sed 's|"officer": "cb01",|"officer": "cb01", "supervisor": "sv01", "supervisor_pin_file": "sv.pin", "approval_reason": "chip_damaged",|' "$T/sex.json" | sed 's|079199012346|079099012346|' >"$T/manual.json"
ks enrol --from "$T/manual.json" >/dev/null 2>"$T/err"; rc=$?
check "station store: no approval from a PIN file" sh -c "test $rc -eq 1 && grep -q 'supervisor_pin_file' '$T/err'"
kk enrol --from "$T/manual.json" >/dev/null 2>"$T/err"; rc=$?
check "demo store: the same approval from a PIN file goes through" test $rc -eq 0
sed 's|"source": "manual"|"source": "chip-verified", "verdict": "genuine"|' "$T/sex.json" | sed 's|"M"|"F"|' >"$T/claim.json"
ks enrol --from "$T/claim.json" >/dev/null 2>"$T/err"; rc=$?
check "a script cannot claim a chip verdict" sh -c "test $rc -eq 1 && grep -q 'card' '$T/err'"
sed 's|"officer": "cb01"|"officer": "cb99"|' "$T/good.json" >"$T/ghost.json"
ks enrol --from "$T/ghost.json" >/dev/null 2>"$T/err"; rc=$?
check "an unknown officer is refused" sh -c "test $rc -eq 1 && grep -q 'cb99' '$T/err'"
ks officer disable cb01 --by sv01 --by-pin-file "$T/sv.pin" >/dev/null
ks enrol --from "$T/good.json" >/dev/null 2>"$T/err"; rc=$?
check "a disabled officer is refused" sh -c "test $rc -eq 1 && grep -q 'cb01' '$T/err'"
printf '[storage]\nkind = demo\n' >>"$T/station.conf"
ks queue >/dev/null 2>"$T/err"; rc=$?
check "a station store cannot be reopened as a demo store" sh -c "test $rc -eq 1 && grep -q 'storage.kind' '$T/err'"
echo "# passed $pass failed $fail"
[ $fail -eq 0 ]
