#!/bin/sh
# test_confine_service.sh: the confined decoder helper (kiosk-decoder) still confines itself
# and decodes when the kiosk runs under the service's own system-call filter, which refuses
# the seccomp() call (systemd's @system-service does not list it): the portrait and QR tests
# run whole under such a filter (tests/rigs/confine/outer_filter_main.c). A helper that could not
# confine itself would exit before decoding anything, and these tests would fail.
. "$(dirname "$0")/fixture.sh"
B=${BUILD:-build/san}
F="$B/tests/rigs/confine/outer_filter_main"

"$F" /bin/sh -c 'exit 0'
check "the outer filter loads" test $? -eq 0
"$F" "$B/tests/card/data/test_dg2_hostile" >"$T/dg2.out" 2>&1
check "hostile portraits handled in the helper under the outer filter" \
    grep -Eq '^# passed [1-9][0-9]* failed 0$' "$T/dg2.out"
"$F" "$B/tests/card/data/test_qr" >"$T/qr.out" 2>&1
check "QR frames decoded in the helper under the outer filter" \
    grep -Eq '^# passed [1-9][0-9]* failed 0$' "$T/qr.out"
done_tests
