# fixture.sh: sourced by the shell tests of the kiosk program. Gives K (the program), T (a
# fresh temporary folder, removed on exit) with T/kiosk.conf naming a data directory and an
# upstream sealing key, kk (the program on that configuration), and the test protocol:
# ok NAME, bad NAME, check NAME COMMAND..., done (the closing line and the exit status).
K=$(readlink -f "${KIOSK_BIN:-${BUILD:-build/san}/kiosk}")
T=$(mktemp -d "${TMPDIR:-/tmp}/kiosk-test-XXXXXX")
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok - $1"; }
bad() { fail=$((fail + 1)); echo "FAIL - $1"; }
check() { name=$1; shift; if "$@"; then ok "$name"; else bad "$name"; fi; }
done_tests() { echo "# passed $pass failed $fail"; [ "$fail" -eq 0 ]; }

mkdir -p "$T/pki"
openssl rand -hex 32 >"$T/pki/upstream-seal.pub"
cat >"$T/kiosk.conf" <<CONF
[storage]
data_dir = $T/data
[upstream]
seal_key = $T/pki/upstream-seal.pub
CONF
kk() { "$K" --config "$T/kiosk.conf" "$@"; }
