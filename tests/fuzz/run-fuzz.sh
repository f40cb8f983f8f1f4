#!/bin/sh
# run-fuzz.sh: builds every libFuzzer target (tests/fuzz/fuzz_*.c, clang) and runs each over
# its seed corpus (tests/fuzz/corpus/<target>/), printing the test protocol: one "ok"/"FAIL"
# line per target and "# passed N failed M". FUZZ_SECONDS (default 3) per target; `make fuzz`
# runs them 120 s. A target without seeds, or a source without a built target, is a failure.
# New inputs go to a temporary directory, never into the tree.
set -u
cd "$(dirname "$0")/../.."
secs="${FUZZ_SECONDS:-3}"
pass=0
fail=0
if ! make --no-print-directory -s fuzz-build >build-fuzz.log.$$ 2>&1; then
    echo "FAIL - fuzz_build: make fuzz-build failed"
    tail -n 20 build-fuzz.log.$$
    rm -f build-fuzz.log.$$
    echo "# passed 0 failed 1"
    exit 1
fi
rm -f build-fuzz.log.$$
mkdir -p build/fuzz/artifacts
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for src in tests/fuzz/fuzz_*.c; do
    t=$(basename "$src" .c)
    bin="build/fuzz/$t"
    seeds="tests/fuzz/corpus/${t#fuzz_}"
    if [ ! -x "$bin" ] || [ ! -d "$seeds" ]; then
        echo "FAIL - $t: no program $bin (FUZZ_TARGETS) or no seeds in $seeds"
        fail=$((fail + 1))
        continue
    fi
    mkdir -p "$tmp/$t"
    if "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=1024 -print_final_stats=0 \
        -artifact_prefix="build/fuzz/artifacts/$t-" "$tmp/$t" "$seeds" >"$tmp/$t.log" 2>&1; then
        echo "ok - $t ($(grep -c . "$tmp/$t.log" 2>/dev/null) log lines, ${secs}s)"
        pass=$((pass + 1))
    else
        echo "FAIL - $t: crash or leak; log tail:"
        tail -n 30 "$tmp/$t.log" | grep -v '^#' | sed 's/^/    /'
        ls "build/fuzz/artifacts/$t-"* 2>/dev/null | sed 's/^/    artifact: /'
        fail=$((fail + 1))
    fi
done
echo "# passed $pass failed $fail"
[ "$fail" -eq 0 ]
