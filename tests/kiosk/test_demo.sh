#!/bin/sh
# test_demo.sh: the whole kiosk on its simulated devices, headless: the test card factory's
# cards read through the card driver and the software chip, faces through the portrait
# checks, synthetic prints through the real libfprint, the applications queued in a fresh
# store; the forged card refused; then one sync pass to the reference upstream, which
# re-verifies every chip's evidence against the factory's CSCA on its own and accepts them
# all (sync/PROTOCOL.md §2.4).
B="${BUILD:-build/san}"
K=$(readlink -f "${KIOSK_BIN:-$B/kiosk}")
T=$(mktemp -d /tmp/kiosk-demo-XXXXXX)
up=
trap '[ -n "$up" ] && kill "$up" 2>/dev/null; wait 2>/dev/null; rm -rf "$T"' EXIT
pass=0
fail=0
check() { name=$1; shift; if "$@"; then pass=$((pass + 1)); echo "ok - $name"; else fail=$((fail + 1)); echo "FAIL - $name"; fi; }

mkdir -p "$T/sim/faces-all" "$T/sim/faces"
"$B/tests/rigs/card/cardf_main" "$T/sim/cards" >/dev/null
"$B/tests/rigs/camera/faces_gen" "$T/sim/faces-all" 2 >/dev/null
cp "$T/sim/faces-all"/good_*.png "$T/sim/faces/"
sh tests/rigs/upstream/mkcerts.sh "$T/pki" kiosk-demo-01 >/dev/null 2>&1
"$B/tests/rigs/upstream/upstream_server" --pki "$T/pki" --db "$T/upstream.db" --port 0 --control-port 0 \
    --pubkey-out "$T/seal.pub" --csca "$T/sim/cards/trust" >"$T/upstream.out" 2>&1 &
up=$!
for _ in $(seq 100); do grep -q '^upstream: ' "$T/upstream.out" && break; sleep 0.1; done
url=$(sed -n 's/^upstream: \(https:[^ ]*\) control .*/\1/p' "$T/upstream.out")
control=$(sed -n 's/^upstream: .* control \(http:.*\)$/\1/p' "$T/upstream.out")
check "the reference upstream started with the factory's CSCA" test -n "$url"
cat >"$T/kiosk.conf" <<CONF
[station]
code = CAX-HN-0101
kiosk_id = kiosk-demo-01
[storage]
data_dir = $T/data
kind = demo
[upstream]
url = $url
ca = $T/pki/ca.pem
client_cert = $T/pki/client.pem
client_key = $T/pki/client.key
seal_key = $T/seal.pub
[devices]
sim_dir = $T/sim
[card]
trust_dir = $T/sim/cards/trust
CONF
"$K" --config "$T/kiosk.conf" demo >"$T/out" 2>&1
rc=$?
cat "$T/out"
check "demo exits 0" test $rc -eq 0
check "Ngọc's card read and queued" sh -c "grep -A12 'card ngoc-2021' '$T/out' | grep -q 'queued as'"
check "five citizens queued" test "$(grep -c 'queued as' "$T/out")" -eq 5
check "a card opened from its QR code read by the camera" sh -c "sed -n '/card bao-2024/,/^citizen/p' '$T/out' | grep -q 'Đặng Quốc Bảo.*chip genuine'"
check "a genuine chip is verified" sh -c "grep -A2 'card ngoc-2021' '$T/out' | grep -q 'chip genuine'"
check "the forged card is refused" sh -c "sed -n '/card hash-mismatch/,/^citizen\|^demo:/p' '$T/out' | grep -q 'chip forged'"
check "the forged card is not enrolled" sh -c "sed -n '/card hash-mismatch/,/^citizen\|^demo:/p' '$T/out' | grep -q 'not enrolled'"
check "the forged card's refusal is said once" test "$(sed -n '/card hash-mismatch/,/^citizen\|^demo:/p' "$T/out" | grep -c 'Chip không hợp lệ')" -eq 1
check "no supervisor is asked to wave a forged card through" sh -c "! sed -n '/card hash-mismatch/,/^demo:/p' '$T/out' | grep -q 'supervisor'"
check "an unverified chip needs the supervisor" sh -c "sed -n '/card no-aa-no-ca/,/^citizen/p' '$T/out' | grep -q 'supervisor sv-demo approves'"
check "the elderly citizen's bandaged finger is an exception" sh -c "sed -n '/card luu-elderly/,/^citizen/p' '$T/out' | grep -q 'right-index: bandaged'"
check "and her fallback finger is captured" sh -c "sed -n '/card luu-elderly/,/^citizen/p' '$T/out' | grep -q 'right-middle: captured'"
check "previews went through the quality checks" sh -c "grep -Eq '[1-9][0-9]* preview frames checked' '$T/out'"
# a scripted enrolment reads and verifies its chip itself, its AA bound to the application
printf '\377\330\377\340JFIF-test-portrait' >"$T/portrait.jpg"
{ printf 'P5\n4 3\n255\n'; printf 'ABCDEFGHIJKL'; } >"$T/f.pgm"
cat >"$T/script.json" <<JSON
{"officer": "cb-demo",
 "card": {"sim": "sim/cards/khoi-29feb-jp2", "personal_id": "082200004444", "dob": "2000-02-29"},
 "portrait": {"file": "portrait.jpg", "quality": {"all_pass": true}},
 "fingers": [{"position": "left-index", "pgm": "f.pgm"}, {"position": "right-index", "pgm": "f.pgm"}],
 "contact": {"phone": "0912 000 229"},
 "consent": true}
JSON
"$K" --config "$T/kiosk.conf" enrol --from "$T/script.json" >"$T/enrol.out" 2>&1
check "enrol --from reads the chip and queues" grep -Eq '^[0-9a-f]{8}-' "$T/enrol.out"
n=$("$K" --config "$T/kiosk.conf" queue --json | grep -c '"status": "queued"')
check "the store holds what the demo and the script queued" test "$n" -eq "$(($(grep -c 'queued as' "$T/out") + 1))"
check "audit trail intact after the demo" sh -c "'$K' --config '$T/kiosk.conf' audit verify >/dev/null"
# The whole path: the chips' evidence, sealed in the payloads, re-verified upstream.
"$K" --config "$T/kiosk.conf" sync --once >"$T/sync.out" 2>&1
cat "$T/sync.out"
"$K" --config "$T/kiosk.conf" sync --once >/dev/null 2>&1 # the status pull after delivery
stats=$(curl -s "$control/stats")
echo "upstream stats: $stats"
check "every application delivered" test "$("$K" --config "$T/kiosk.conf" queue --json | grep -c '"status": "submitted"')" -eq "$n"
check "the upstream re-verified every chip's evidence" sh -c "echo '$stats' | grep -q '\"evidence_checked\":$n,'"
check "and refused none" sh -c "echo '$stats' | grep -q '\"evidence_rejected\":0,'"
check "no application rejected" sh -c "! '$K' --config '$T/kiosk.conf' queue --json | grep -q '\"status\": \"rejected\"'"
echo "# passed $pass failed $fail"
[ $fail -eq 0 ]
