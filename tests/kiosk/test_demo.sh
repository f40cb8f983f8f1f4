#!/bin/sh
# test_demo.sh: the whole kiosk on its simulated devices, headless: the test card factory's
# cards read through the card driver and the software chip, faces through the portrait
# checks, synthetic prints through the real libfprint, the applications queued in a fresh
# store; the forged card refused; then a supervisor's export of the day verifies.
B="${BUILD:-build/san}"
K=$(readlink -f "${KIOSK_BIN:-$B/kiosk}")
T=$(mktemp -d /tmp/kiosk-demo-XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
check() { name=$1; shift; if "$@"; then pass=$((pass + 1)); echo "ok - $name"; else fail=$((fail + 1)); echo "FAIL - $name"; fi; }

mkdir -p "$T/sim/faces-all" "$T/sim/faces"
"$B/tests/rigs/cardf_main" "$T/sim/cards" >/dev/null
"$B/tests/rigs/faces_gen" "$T/sim/faces-all" 2 >/dev/null
cp "$T/sim/faces-all"/good_*.png "$T/sim/faces/"
openssl rand -hex 32 >"$T/seal.pub"
cat >"$T/kiosk.conf" <<CONF
[storage]
data_dir = $T/data
kind = demo
[upstream]
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
check "no supervisor is asked to wave a forged card through" sh -c "! sed -n '/card hash-mismatch/,/^demo:/p' '$T/out' | grep -q 'supervisor'"
check "an unverified chip needs the supervisor" sh -c "sed -n '/card no-aa-no-ca/,/^citizen/p' '$T/out' | grep -q 'supervisor sv-demo approves'"
check "the elderly citizen's bandaged finger is an exception" sh -c "sed -n '/card luu-elderly/,/^citizen/p' '$T/out' | grep -q 'right-index: bandaged'"
check "and her fallback finger is captured" sh -c "sed -n '/card luu-elderly/,/^citizen/p' '$T/out' | grep -q 'right-middle: captured'"
check "previews went through the quality checks" sh -c "grep -Eq '[1-9][0-9]* preview frames checked' '$T/out'"
n=$("$K" --config "$T/kiosk.conf" queue --json | grep -c '"status": "queued"')
check "the store holds what the demo queued" test "$n" -eq "$(grep -c 'queued as' "$T/out")"
check "audit trail intact after the demo" sh -c "'$K' --config '$T/kiosk.conf' audit verify >/dev/null"
echo "# passed $pass failed $fail"
[ $fail -eq 0 ]
