#!/bin/sh
# curl_uploader.sh: the simplest uploader an integrator would write without the kiosk's sync
# client, the peer of bench/bench_sync_3g.c: for each queued application, in turn, one
# `curl` POST of its application document with the sealed payload inline
# (sync/PROTOCOL.md §2.1, Envelope-Length), mutual TLS, retried by curl on any error.
#
# usage: curl_uploader.sh URL CA CERT KEY KIOSK_ID STATION DIR
#   DIR holds NNNN.body (document then payload), NNNN.id and NNNN.envlen per application.
# Exit 0 when every application got 200 or 201.
set -eu
url=$1 ca=$2 cert=$3 key=$4 kiosk=$5 station=$6 dir=$7
for body in "$dir"/*.body; do
    base=${body%.body}
    id=$(cat "$base.id")
    envlen=$(cat "$base.envlen")
    code=$(curl -sS --retry 5 --retry-all-errors --retry-delay 1 \
        --cacert "$ca" --cert "$cert" --key "$key" \
        -H "X-Kiosk-Id: $kiosk" -H "X-Kiosk-Station: $station" \
        -H "Idempotency-Key: $id" -H "Envelope-Length: $envlen" \
        -H "Content-Type: application/vnd.kiosk.application" -H "Expect:" \
        --data-binary @"$body" -o /dev/null -w '%{http_code}' "$url/v1/applications")
    case $code in
    200 | 201) ;;
    *)
        echo "curl_uploader: $id: HTTP $code" >&2
        exit 1
        ;;
    esac
done
