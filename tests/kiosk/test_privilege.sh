#!/bin/sh
# test_privilege.sh: `kiosk selftest` started as root with [station] run_as set drops root
# for that user (here "nobody", which every Debian system has), gives it the data directory,
# reports it, and runs with no core dumps. make check runs as root; elsewhere this fails.
set -u
K=${KIOSK_BIN:-build/kiosk}
fails=0
passes=0
check() {
    name=$1
    shift
    if "$@"; then echo "ok - $name"; passes=$((passes + 1)); else echo "FAIL - $name"; fails=$((fails + 1)); fi
}
if [ "$(id -u)" != 0 ]; then
    echo "FAIL - must run as root (make check does): root is what is dropped"
    echo "# passed 0 failed 1"
    exit 1
fi
K=$(readlink -f "$K")
T=$(mktemp -d /tmp/kiosk-priv-XXXXXX)
trap 'rm -rf "$T"' EXIT
chmod 755 "$T"
cat >"$T/kiosk.conf" <<CONF
[station]
run_as = nobody
[storage]
data_dir = $T/data
CONF
"$K" --config "$T/kiosk.conf" selftest >"$T/out" 2>&1
check "selftest reports the dropped privileges" grep -q '^privileges .*ok .*dropped root: running as nobody (uid 65534' "$T/out"
check "and no core dumps" grep -q 'no core dumps' "$T/out"
check "the data directory belongs to the user" test "$(stat -c %U "$T/data")" = nobody
check "the keys belong to the user" test "$(stat -c %U "$T/data/keys/store.key")" = nobody
check "the store belongs to the user" test "$(stat -c %U:%a "$T/data/kiosk.db")" = nobody:600
check "the keys are private" test "$(stat -c %a "$T/data/keys")" = 700

# a second start finds everything its own (no root needed any more for it)
"$K" --config "$T/kiosk.conf" selftest >"$T/out2" 2>&1
check "second start drops again" grep -q 'running as nobody' "$T/out2"

# a user that does not exist: root is kept and selftest says it failed
sed 's/run_as = nobody/run_as = no-such-user-kiosk/' "$T/kiosk.conf" >"$T/bad.conf"
"$K" --config "$T/bad.conf" selftest >"$T/out3" 2>&1
check "missing user reported" grep -q "^privileges .*FAILED .*does not exist" "$T/out3"

# a link planted in the data directory is not followed when the directory is given away
touch "$T/outside"
ln -s "$T/outside" "$T/data/planted"
"$K" --config "$T/kiosk.conf" selftest >/dev/null 2>&1
check "a planted link is not followed" test "$(stat -c %U "$T/outside")" = root

echo "# passed $passes failed $fails"
[ "$fails" -eq 0 ]
