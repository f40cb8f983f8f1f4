#!/bin/sh
# test_face_reference.sh: the kiosk's face descriptors agree with face-api's own JavaScript
# implementation on the same aligned chips (every face of the package's sample photos).
set -u
build=${BUILD:-build}
pkg=$(cd "${FACE_MODEL_DIR:-build/face-model}" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=$("$build/tests/rigs/camera/face_chips" "$pkg/model" "$tmp" "$pkg"/demo/sample*.jpg) || {
    echo "FAIL - face_chips could not align the sample photos"; echo "# passed 0 failed 1"; exit 1; }
node "$(dirname "$0")/face_reference.mjs" "$pkg" "$tmp" "$n" 2>&1 | grep -E '^(ok|FAIL|#) '
