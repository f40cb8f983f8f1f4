#!/bin/sh
# test_format.sh: every C/C++ source follows the project's .clang-format (one case per
# folder, failing with the files to run `make format` on).
pass=0
fail=0
command -v clang-format >/dev/null || { echo "FAIL - clang-format missing"; echo "# passed 0 failed 1"; exit 1; }
files=$(git ls-files '*.c' '*.h' '*.cpp' 2>/dev/null)
[ -n "$files" ] || { echo "FAIL - no sources found (not a git checkout?)"; echo "# passed 0 failed 1"; exit 1; }
for dir in $(echo "$files" | sed 's|/[^/]*$||' | sort -u); do
    bad=""
    for f in $(echo "$files" | grep "^$dir/[^/]*$"); do
        clang-format --dry-run -Werror "$f" >/dev/null 2>&1 || bad="$bad $f"
    done
    if [ -z "$bad" ]; then
        pass=$((pass + 1))
        echo "ok - formatted: $dir"
    else
        fail=$((fail + 1))
        echo "FAIL - not formatted (make format):$bad"
    fi
done
echo "# passed $pass failed $fail"
[ $fail -eq 0 ]
