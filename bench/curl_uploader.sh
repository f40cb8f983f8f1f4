#!/bin/sh
# curl_uploader.sh: the simplest uploader an integrator would write without the kiosk's sync
# client, the peer of bench/bench_sync_3g.c: for each queued application, in turn, one
# `curl` POST of its application document with the sealed payload inline
# (sync/PROTOCOL.md §2.1, Envelope-Length), mutual TLS, retried by curl on any error. When
# the answer is not the receipt (a connection cut mid-body left part of the payload at the
# server, so a repeated POST's inline bytes are ignored) it sends the rest with a PATCH from
# the offset the server gives (§2.2), as the protocol requires; without that step a plain
# uploader reports success for applications the upstream never completed.
#
# usage: curl_uploader.sh URL CA CERT KEY KIOSK_ID STATION DIR
#   DIR holds NNNN.body (document then payload), NNNN.id and NNNN.envlen per application.
# Exit 0 when every application was answered with its receipt.
set -eu
url=$1 ca=$2 cert=$3 key=$4 kiosk=$5 station=$6 dir=$7
answer=$dir/answer.json

req() { # curl arguments...: the status code on stdout, the body in $answer
    curl -sS --retry 5 --retry-all-errors --retry-delay 1 \
        --cacert "$ca" --cert "$cert" --key "$key" \
        -H "X-Kiosk-Id: $kiosk" -H "X-Kiosk-Station: $station" -H "Expect:" \
        -o "$answer" -w '%{http_code}' "$@"
}

field() { # name: a string or number member of the last answer
    sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\).*/\1/p" "$answer"
}

for body in "$dir"/*.body; do
    base=${body%.body}
    id=$(cat "$base.id")
    envlen=$(cat "$base.envlen")
    code=$(req -H "Idempotency-Key: $id" -H "Envelope-Length: $envlen" \
        -H "Content-Type: application/vnd.kiosk.application" \
        --data-binary @"$body" "$url/v1/applications")
    tries=0
    while [ "$(field state)" != received ]; do
        tries=$((tries + 1))
        token=$(field upload_token)
        offset=$(field offset)
        if [ "$tries" -gt 10 ] || [ -z "$token" ] || [ -z "$offset" ]; then
            echo "curl_uploader: $id: HTTP $code, not received" >&2
            exit 1
        fi
        code=$(tail -c +$((envlen + offset + 1)) "$body" |
            req -X PATCH -H "Upload-Offset: $offset" \
                -H "Content-Type: application/offset+octet-stream" \
                --data-binary @- "$url/v1/uploads/$token")
    done
done
