#!/bin/sh
# run-fuzz-access.sh: builds and runs the access layer's libFuzzer target (clang) over its seed
# corpus for FUZZ_SECONDS (default 3), printing the test protocol. New inputs go to a temporary
# directory, never into the tree.
set -u
cd "$(dirname "$0")/../../.."
secs="${FUZZ_SECONDS:-3}"
if ! make --no-print-directory -s build/fuzz/access_fuzz_parsers >/dev/null 2>&1; then
    echo "FAIL - access_fuzz_build: make build/fuzz/access_fuzz_parsers failed"
    echo "# passed 0 failed 1"
    exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p build/fuzz/artifacts
if build/fuzz/access_fuzz_parsers -max_total_time="$secs" -timeout=10 -rss_limit_mb=1024 \
    -print_final_stats=0 -artifact_prefix=build/fuzz/artifacts/access_parsers- "$tmp" \
    tests/card/access/corpus/parsers >"$tmp/log" 2>&1; then
    echo "ok - access_fuzz_parsers (${secs}s)"
    echo "# passed 1 failed 0"
else
    echo "FAIL - access_fuzz_parsers: crash or leak; log tail:"
    tail -n 30 "$tmp/log" | sed 's/^/    /'
    echo "# passed 0 failed 1"
    exit 1
fi
