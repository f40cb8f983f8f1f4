#!/bin/sh
# test_policy_table.sh: `kiosk policy` prints the enrolment policy table, and the README's
# copy of it is the same table (a rule added to policy.c and not to the README fails here).
B="${BUILD:-build/san}"
K=$(readlink -f "${KIOSK_BIN:-$B/kiosk}")
R="$(dirname "$0")/../../README.md"
T=$(mktemp -d /tmp/kiosk-policy-XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
check() { name=$1; shift; if "$@"; then pass=$((pass + 1)); echo "ok - $name"; else fail=$((fail + 1)); echo "FAIL - $name"; fi; }

"$K" policy >"$T/text"
check "kiosk policy exits 0" test $? -eq 0
"$K" policy --markdown >"$T/md"
check "kiosk policy --markdown exits 0" test $? -eq 0
check "the text table names the forged-chip refusal" grep -q '^chip.forged  *identity  *refused  *chip_forged' "$T/text"
check "the approver's reasons for a QR-only identity are listed" grep -q 'identity.qr_only.*chip_unreadable|chip_damaged|card_without_chip' "$T/text"
check "every rule has one row" test "$(grep -c '^| `' "$T/md")" -eq "$(grep -c '^[a-z][a-z_]*\.[a-z0-9_]* ' "$T/text")"
sed -n '/^<!-- policy table: kiosk policy --markdown -->$/,/^<!-- end of policy table -->$/p' "$R" | sed '1d;$d' >"$T/readme"
check "the README shows the table kiosk policy prints" cmp -s "$T/md" "$T/readme"
"$K" policy --bogus >/dev/null 2>&1
check "a bad option is a usage error" test $? -eq 2
echo "# passed $pass failed $fail"
[ $fail -eq 0 ]
