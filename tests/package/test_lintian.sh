#!/bin/sh
# test_lintian.sh: lintian finds no error in the package (its warnings are listed).
. "$(dirname "$0")/lib.sh"
[ -s "$NEW_DEB" ] || die "NEW_DEB must name the package"
lintian --fail-on error "$NEW_DEB" >"$P/lintian.out" 2>&1
rc=$?
sed 's/^/#   /' "$P/lintian.out"
check "lintian reports no error" test $rc -eq 0
check "and lists none" sh -c "! grep -q '^E:' '$P/lintian.out'"
done_tests
