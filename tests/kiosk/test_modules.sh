#!/bin/sh
# test_modules.sh: the kiosk program maps the UI (SDL2), the image stacks (OpenCV, zbar), the
# fingerprint driver (libfprint, GLib) and the sync client (libcurl) only when a command
# needs them: the program itself does not link them, `selftest`,
# `version` and `queue` never load them, the modules sit beside the program and link them,
# and `kiosk run` loads the UI module and keeps its window open.
. "$(dirname "$0")/fixture.sh"
M=$(dirname "$K")/modules
heavy='libSDL2|libopencv|libzbar|libqrencode|libfprint|libglib|libcurl|libgnutls'

readelf -d "$K" | grep NEEDED >"$T/needed"
check "kiosk links no SDL2, OpenCV, zbar, libfprint, GLib, libcurl" sh -c "! grep -Eq '$heavy' '$T/needed'"
for m in ui facedet qrscan fingerprint sync; do
    check "module $m beside the program" test -r "$M/kiosk-$m.so"
done
check "the UI module links SDL2" sh -c "readelf -d '$M/kiosk-ui.so' | grep -q 'libSDL2-'"
check "the face module links OpenCV" sh -c "readelf -d '$M/kiosk-facedet.so' | grep -q libopencv_objdetect"
check "the QR module links zbar" sh -c "readelf -d '$M/kiosk-qrscan.so' | grep -q libzbar"
check "the fingerprint module links libfprint" sh -c "readelf -d '$M/kiosk-fingerprint.so' | grep -q libfprint"
check "the sync module links libcurl" sh -c "readelf -d '$M/kiosk-sync.so' | grep -q libcurl"
# the confined decoder is a program beside the modules, and links none of zbar (it loads the
# QR module itself, before it confines itself) nor anything else heavy
check "the confined decoder beside the modules" test -x "$M/kiosk-decoder"
check "the decoder links none of them" sh -c "! readelf -d '$M/kiosk-decoder' | grep NEEDED | grep -Eq '$heavy'"
"$K" --config "$T/kiosk.conf" selftest >"$T/selftest.out" 2>&1
check "selftest finds the confined decoder" grep -q "^confined decoder .*ok .*$M/kiosk-decoder" "$T/selftest.out"

# What the dynamic loader opens, command by command.
for cmd in selftest version queue; do
    LD_DEBUG=files "$K" --config "$T/kiosk.conf" $cmd >/dev/null 2>"$T/ld.$cmd"
    check "$cmd loads none of them" sh -c "! grep -Eq 'file=.*($heavy|kiosk-(ui|facedet|qrscan|fingerprint|sync))' '$T/ld.$cmd'"
done
check "the loader's trace was read" grep -q 'file=libsqlite3' "$T/ld.selftest"

# `kiosk run` with a display: loads the UI module and runs its loop until stopped.
SDL_VIDEODRIVER=dummy LD_DEBUG=files timeout -s INT 6 "$K" --config "$T/kiosk.conf" run \
    >"$T/run.out" 2>"$T/run.err"
rc=$?
check "run keeps the UI up until stopped" test $rc -eq 124 -o $rc -eq 0
check "run loaded the UI module" grep -q 'file=.*kiosk-ui.so' "$T/run.err"
check "run loaded SDL2 through it" grep -q 'file=libSDL2-' "$T/run.err"
check "run says no UI error" sh -c "! grep -q 'cannot start' '$T/run.err'"

# `kiosk sync --once` loads the sync module (and fails cleanly: no upstream configured).
LD_DEBUG=files "$K" --config "$T/kiosk.conf" sync --once >/dev/null 2>"$T/sync.err"
check "sync loads the sync module" grep -q 'file=.*kiosk-sync.so' "$T/sync.err"
check "sync loads libcurl through it" grep -q 'file=libcurl' "$T/sync.err"

done_tests
