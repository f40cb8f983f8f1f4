#!/bin/sh
# test_modules.sh: the kiosk program maps the UI (SDL2) and the image stacks (OpenCV, zbar)
# only when a command needs them: the program itself does not link them, `selftest`,
# `version` and `queue` never load them, the modules sit beside the program and link them,
# and `kiosk run` loads the UI module and keeps its window open.
K="${KIOSK_BIN:-build/san/kiosk}"
K=$(readlink -f "$K")
M=$(dirname "$K")/modules
T=$(mktemp -d /tmp/kiosk-modules-XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok - $1"; }
bad() { fail=$((fail + 1)); echo "FAIL - $1"; }
check() { name=$1; shift; if "$@"; then ok "$name"; else bad "$name"; fi; }
heavy='libSDL2|libopencv|libzbar|libqrencode'

mkdir -p "$T/pki"
openssl rand -hex 32 >"$T/pki/upstream-seal.pub"
cat >"$T/kiosk.conf" <<CONF
[storage]
data_dir = $T/data
[upstream]
seal_key = $T/pki/upstream-seal.pub
CONF

readelf -d "$K" | grep NEEDED >"$T/needed"
check "kiosk links no SDL2, OpenCV, zbar" sh -c "! grep -Eq '$heavy' '$T/needed'"
for m in ui facedet qrscan; do
    check "module $m beside the program" test -r "$M/kiosk-$m.so"
done
check "the UI module links SDL2" sh -c "readelf -d '$M/kiosk-ui.so' | grep -q 'libSDL2-'"
check "the face module links OpenCV" sh -c "readelf -d '$M/kiosk-facedet.so' | grep -q libopencv_objdetect"
check "the QR module links zbar" sh -c "readelf -d '$M/kiosk-qrscan.so' | grep -q libzbar"

# What the dynamic loader opens, command by command.
for cmd in selftest version queue; do
    LD_DEBUG=files "$K" --config "$T/kiosk.conf" $cmd >/dev/null 2>"$T/ld.$cmd"
    check "$cmd loads none of them" sh -c "! grep -Eq 'file=.*($heavy|kiosk-(ui|facedet|qrscan))' '$T/ld.$cmd'"
done
check "the loader's trace was read" grep -q 'file=libsqlite3' "$T/ld.selftest"

# `kiosk run` with a display: loads the UI module and runs its loop until stopped.
echo 2468 >"$T/sv.pin"
"$K" --config "$T/kiosk.conf" officer add sv01 "Vũ Thị Lan" --supervisor --pin-file "$T/sv.pin" >/dev/null
SDL_VIDEODRIVER=dummy LD_DEBUG=files timeout -s INT 6 "$K" --config "$T/kiosk.conf" run \
    >"$T/run.out" 2>"$T/run.err"
rc=$?
check "run keeps the UI up until stopped" test $rc -eq 124 -o $rc -eq 0
check "run loaded the UI module" grep -q 'file=.*kiosk-ui.so' "$T/run.err"
check "run loaded SDL2 through it" grep -q 'file=libSDL2-' "$T/run.err"
check "run says no UI error" sh -c "! grep -q 'cannot start' '$T/run.err'"

echo "# passed $pass failed $fail"
[ "$fail" -eq 0 ]
