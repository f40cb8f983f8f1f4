#!/bin/sh
# test_camera_preload.sh: the fake camera as an LD_PRELOAD library (build/.../v4l2shim.so)
# under an unmodified program, tests/rigs/camera/camera_probe, through the real libv4l2: listing,
# modes, preview, still and portrait verdict; busy, stalled and unplugged cameras give their
# message and exit, never a hang. The fake device is /dev/video63 so a real camera on the
# machine is left alone.
set -u
B=${BUILD:-build}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 1
so=$root/$B/tests/rigs/camera/v4l2shim.so
probe=$B/tests/rigs/camera/camera_probe
gen=$B/tests/rigs/camera/faces_gen
work=$(mktemp -d /tmp/test_camera_preload.XXXXXX)
trap 'rm -rf "$work"' EXIT
pass=0
fail=0
check() { # name, condition result (0 = ok), detail
    if [ "$2" -eq 0 ]; then
        echo "ok - $1"
        pass=$((pass + 1))
    else
        echo "FAIL - $1: $3"
        fail=$((fail + 1))
    fi
}
# The probe may be built with ASan, the library is not: ASan must not insist on coming first.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0:detect_leaks=0"
run() { # mode, then probe arguments
    mode=$1
    shift
    LD_PRELOAD=$so V4L2SHIM_IMAGE=$work/good.png V4L2SHIM_DEVICE=/dev/video63 \
        V4L2SHIM_MODE=$mode timeout 30 "$probe" "$@" >"$work/out" 2>"$work/err"
}
if [ ! -f "$so" ] || [ ! -x "$probe" ] || ! "$gen" "$work" >/dev/null; then
    echo "FAIL - setup: $so, $probe or $gen missing"
    echo "# passed 0 failed 1"
    exit 1
fi

run none /dev/video63 "$work/frame.png"
rc=$?
out=$(cat "$work/out")
check preload_lists_and_opens "$( (echo "$out" | grep -q '^device: /dev/video63$' &&
    echo "$out" | grep -q '^backend: v4l2$') && echo 0 || echo 1)" "$out"
check preload_modes "$( (echo "$out" | grep -q '^mode: 1280x960' &&
    echo "$out" | grep -q '^mode: 640x480') && echo 0 || echo 1)" "$out"
check preload_frames_and_still "$( (echo "$out" | grep -q '^frames: 10 ' &&
    echo "$out" | grep -q '^preview: 640x480$' && echo "$out" | grep -q '^still: 1280x960$' &&
    [ $rc -eq 0 ] && [ -s "$work/frame.png" ]) && echo 0 || echo 1)" "$out"
check preload_portrait_passes "$(echo "$out" | grep -q '^portrait: all checks pass$' && echo 0 || echo 1)" "$out"

run busy /dev/video63
rc=$?
check preload_busy "$( ([ $rc -eq 1 ] && grep -q '^open: camera busy' "$work/out") && echo 0 || echo 1)" "$(cat "$work/out")"

start=$(date +%s)
run stall /dev/video63
rc=$?
secs=$(($(date +%s) - start))
check preload_stall_times_out "$( ([ $rc -eq 1 ] && grep -q '^frame: timeout$' "$work/out" && [ $secs -lt 20 ]) && echo 0 || echo 1)" "rc $rc after ${secs}s: $(cat "$work/out")"

run unplug:3 /dev/video63
rc=$?
check preload_unplugged "$( ([ $rc -eq 0 ] && grep -q '^frame: no camera$' "$work/out" &&
    grep -q '^frames: 3 ' "$work/out") && echo 0 || echo 1)" "$(cat "$work/out")"

timeout 30 "$probe" /dev/video63 >"$work/out" 2>&1
rc=$?
check without_preload_no_camera "$( ([ $rc -eq 1 ] && grep -q '^open: no camera' "$work/out") && echo 0 || echo 1)" "$(cat "$work/out")"

echo "# passed $pass failed $fail"
[ "$fail" -eq 0 ]
