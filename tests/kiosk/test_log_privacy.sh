#!/bin/sh
# test_log_privacy.sh: what the kiosk writes to its log (stderr, which is the journal under
# systemd) during whole enrolments of simulated chip cards — one queued, one refused as a
# duplicate, one refused for its phone, one without consent — names no citizen: no full name, personal ID or phone
# number appears; and with stderr as the journal (JOURNAL_STREAM) the refusals carry
# priority err ("<3>"). The journal itself is searched in tests/package/test_install.sh.
. "$(dirname "$0")/fixture.sh"

printf '\377\330\377\340JFIF-test-portrait' >"$T/portrait.jpg"
{ printf 'P5\n# synthetic\n4 3\n255\n'; printf 'ABCDEFGHIJKL'; } >"$T/li.pgm"
echo 472913 >"$T/sv.pin"
echo 538206 >"$T/cb.pin"
"${BUILD:-build/san}/tests/rigs/card/cardf_main" "$T/cards" >/dev/null 2>&1
# enrolment scripts approve from PIN files on a demo store (storage.kind = demo)
printf '[storage]\nkind = demo\n[card]\ntrust_dir = %s\n' "$T/cards/trust" >>"$T/kiosk.conf"
script() { # script NAME CARD PID DOB PHONE CONSENT [SUPERVISOR]: reads that simulated card
    sup=""
    [ -n "${7:-}" ] && sup="\"supervisor\": \"$7\", \"supervisor_pin_file\": \"sv.pin\","
    cat >"$T/$1.json" <<JSON
{"officer": "cb01", $sup
 "card": {"sim": "cards/$2", "personal_id": "$3", "dob": "$4"},
 "portrait": {"file": "portrait.jpg", "quality": {"all_pass": true}},
 "fingers": [{"position": "left-index", "pgm": "li.pgm", "ppi": 500},
             {"position": "right-index", "pgm": "li.pgm", "ppi": 500}],
 "contact": {"phone": "$5", "email": "ngoc@example.vn"},
 "consent": $6}
JSON
}
script good ngoc-2021 079303004567 2003-03-15 0912345678 true sv01
script again ngoc-2021 079303004567 2003-03-15 0912345678 true
script landline hung-long-address 001085012345 1985-07-04 "0243 826 1234" true sv01
script noconsent hoa-no-middle-name 048190000321 1990-12-01 0987654321 false sv01

kk init sv01 "Vũ Thị Lan" --pin-file "$T/sv.pin" >/dev/null 2>&1
kk officer add cb01 "Hoàng Văn Bình" --pin-file "$T/cb.pin" --by sv01 --by-pin-file "$T/sv.pin" >/dev/null 2>&1

# stderr into one file that JOURNAL_STREAM names, as systemd does for a unit
: >"$T/log"
js=$(stat -c '%d:%i' "$T/log")
enrol() { JOURNAL_STREAM=$js kk enrol --from "$1" >>"$T/ids" 2>>"$T/log"; }
enrol "$T/good.json"
check "the good application is queued" test "$(grep -c . "$T/ids")" -eq 1
enrol "$T/again.json"
check "the duplicate without a supervisor is refused" test "$(grep -c . "$T/ids")" -eq 1
enrol "$T/landline.json"
enrol "$T/noconsent.json"
JOURNAL_STREAM=$js kk queue >/dev/null 2>>"$T/log"
JOURNAL_STREAM=$js kk show 079303004567 >/dev/null 2>>"$T/log"
JOURNAL_STREAM=$js kk show 001099099999 >/dev/null 2>>"$T/log"
check "an ID asked for and not found is not repeated in the log" sh -c "! grep -q 001099099999 '$T/log'"
echo "# $(wc -l <"$T/log") log lines:"
sed 's/^/#   /' "$T/log"
check "the log is not empty (refusals are logged)" test -s "$T/log"
check "the refusals carry priority err" grep -q '^<3>kiosk: .*refused' "$T/log"
check "every line carries a priority" sh -c "! grep -qv '^<[0-7]>kiosk: ' '$T/log'"
for pii in 079303004567 001085012345 048190000321 0912345678 "912 345 678" 0987654321 \
    "0243 826 1234" "Trần Thị Bích Ngọc" "Nguyễn Văn Hùng" "Lê Hoa" "Nguyễn Trãi" \
    ngoc@example.vn; do
    check "no \"$pii\" in the log" sh -c "! grep -qF '$pii' '$T/log'"
done
done_tests
