#!/bin/sh
# mkcerts.sh: generates the test PKI for the sync tests and the demo, at run time, with openssl.
#
# Usage: mkcerts.sh DIR [KIOSK_ID]
#        mkcerts.sh --client DIR KIOSK_ID   adds client-KIOSK_ID.pem/.key, signed by DIR's CA
#                                          (another kiosk of the station, for hand-over tests)
# Writes into DIR (created 0700):
#   ca.pem ca.key              the upstream's CA (pinned by the kiosk as upstream_ca; it also
#                              signs kiosk client certificates)
#   server.pem server.key      the reference upstream (SAN DNS:localhost, IP:127.0.0.1)
#   client.pem client.key      the kiosk (CN=KIOSK_ID, default kiosk-001)
#   rogue-ca.pem rogue-ca.key  another CA, never trusted
#   rogue-server.pem/.key      a server certificate signed by the rogue CA (unpinned server)
#   rogue-client.pem/.key      a client certificate signed by the rogue CA (wrong client)
# All keys are EC P-256; certificates are valid for 2 days. Nothing here is secret: the
# files exist only for tests and the demo.
set -eu
add_client=
if [ "${1:-}" = --client ]; then
    add_client=1
    shift
fi
dir=${1:?usage: mkcerts.sh DIR [KIOSK_ID]}
kiosk=${2:-kiosk-001}
mkdir -p "$dir"
chmod 700 "$dir"
cd "$dir"

key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; chmod 600 "$1"; }

ca() { # name subject
    key "$1.key"
    openssl req -x509 -new -key "$1.key" -subj "$2" -days 2 -sha256 \
        -addext "basicConstraints=critical,CA:TRUE" \
        -addext "keyUsage=critical,keyCertSign,cRLSign" -out "$1.pem" 2>/dev/null
}

leaf() { # name subject ca ext
    key "$1.key"
    openssl req -new -key "$1.key" -subj "$2" -out "$1.csr" 2>/dev/null
    printf '%s\n' "$4" >"$1.ext"
    openssl x509 -req -in "$1.csr" -CA "$3.pem" -CAkey "$3.key" -CAcreateserial -days 2 \
        -sha256 -extfile "$1.ext" -out "$1.pem" 2>/dev/null
    rm -f "$1.csr" "$1.ext"
}

server_ext='basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=DNS:localhost,IP:127.0.0.1'
client_ext='basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=clientAuth'

if [ -n "$add_client" ]; then
    leaf "client-$kiosk" "/O=Kiosk/CN=$kiosk" ca "$client_ext"
    rm -f ./*.srl
    exit 0
fi

ca ca "/O=Reference Upstream/CN=Reference Upstream Test CA"
ca rogue-ca "/O=Rogue/CN=Rogue Test CA"
leaf server "/O=Reference Upstream/CN=localhost" ca "$server_ext"
leaf client "/O=Kiosk/CN=$kiosk" ca "$client_ext"
leaf rogue-server "/O=Rogue/CN=localhost" rogue-ca "$server_ext"
leaf rogue-client "/O=Rogue/CN=$kiosk" rogue-ca "$client_ext"
rm -f ./*.srl
