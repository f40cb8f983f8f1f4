#!/bin/sh
# test_vivid.sh: the V4L2 capture through the real kernel stack: one boot of Debian's kernel
# under QEMU with vivid (tests/rigs/camera/vivid_vm.sh), whose guest program checks through the
# kiosk's backend and the real libv4l2 that the frame injected into vivid's loopback comes back
# bit for bit (preview and still), plus device listing, modes, controls, a zero timeout.
# Prints the guest's "ok -"/"FAIL -" lines and one for the boot; "# passed N failed M".
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/test_vivid.XXXXXX)
trap 'rm -rf "$work"' EXIT
pass=0
fail=0
if ! sh "$root/tests/rigs/camera/vivid_vm.sh" "$work" >"$work/rig.log" 2>&1; then
    echo "FAIL - vivid_rig: $(tail -n 1 "$work/rig.log")"
    echo "# passed 0 failed 1"
    exit 1
fi
grep -aE '^(ok|FAIL) - ' "$work/guest.out" | tr -d '\r'
pass=$(grep -acE '^ok - ' "$work/guest.out")
fail=$(grep -acE '^FAIL - ' "$work/guest.out")
if grep -aq '^# guest done' "$work/guest.out" && [ "$pass" -gt 0 ]; then
    echo "ok - vivid_guest_ran_to_the_end"
    pass=$((pass + 1))
else
    echo "FAIL - vivid_guest_ran_to_the_end: guest output incomplete; console tail:"
    tail -n 5 "$work/console.log" 2>/dev/null | sed 's/^/#   /'
    fail=$((fail + 1))
fi
echo "# passed $pass failed $fail"
[ "$fail" -eq 0 ]
