#!/bin/sh
# upstream_demo.sh: the reference upstream alone, matching config/demo.conf (tools/run-demo
# does the same for `make demo`; this one runs in the foreground with the control port).
#
# Usage: tests/rigs/upstream/upstream_demo.sh [DATA_DIR]   (default data/demo; run from the repo root)
# Makes DATA_DIR/pki with tests/rigs/upstream/mkcerts.sh when missing or about to expire (the CA, the
# server certificate, and client.pem/client.key with CN=kiosk-demo-01), keeps the upstream's
# sealing secret key in DATA_DIR/pki/upstream-seal.key and writes the public one to
# DATA_DIR/pki/upstream-seal.pub (the kiosk's [upstream] seal_key), then runs the server in
# the foreground on https://127.0.0.1:8443 with its control port on http://127.0.0.1:8444
# (see tests/rigs/upstream/upstream_server.c) until SIGTERM. It prints one line
# "upstream: https://127.0.0.1:8443 control http://127.0.0.1:8444" once listening.
# Examples:  curl -s http://127.0.0.1:8444/stats
#            curl -s -X POST 'http://127.0.0.1:8444/decide?id=ID&status=rejected&code=PHOTO&reason=...'
#            curl -s -X POST 'http://127.0.0.1:8444/random?p=0.2&seed=1'
set -eu
dir=${1:-data/demo}
build=${BUILD:-build}
pki="$dir/pki"
mkdir -p "$dir"
if [ ! -f "$pki/ca.pem" ] || ! openssl x509 -checkend 3600 -noout -in "$pki/server.pem" >/dev/null 2>&1; then
    rm -f "$pki"/*.pem
    sh tests/rigs/upstream/mkcerts.sh "$pki" kiosk-demo-01
fi
# With the simulated cards' test CSCA (build/sim/cards/trust, made by tools/run-demo) it
# re-verifies every chip's evidence (sync/PROTOCOL.md §2.4); CSCA=PATH names another list.
csca=${CSCA:-$build/sim/cards/trust}
set -- --pki "$pki" --db "$dir/upstream.db" \
    --port "${UPSTREAM_PORT:-8443}" --control-port "${UPSTREAM_CONTROL_PORT:-8444}" \
    --key "$pki/upstream-seal.key" --pubkey-out "$pki/upstream-seal.pub"
[ -e "$csca" ] && set -- "$@" --csca "$csca"
exec "$build/tests/rigs/upstream/upstream_server" "$@"
