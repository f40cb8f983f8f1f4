#!/bin/sh
# test_sod_openssl.sh: the factory's EF.SOD files checked by an independent verifier, the
# openssl command line (CMS signature, DS → CSCA chain, validity dates, DG hashes), so the
# factory and drivers/card/emrtd_pa.c are not only checked against each other. One case per
# card variant: the outcome openssl sees must be the one the variant is built for.
set -u
cd "$(dirname "$0")/../../.."
build="${BUILD:-build}"
factory="$build/tests/rigs/card/cardf_main"
pass=0
fail=0
ok() { echo "ok - $1"; pass=$((pass + 1)); }
ko() { echo "FAIL - $1: $2"; fail=$((fail + 1)); }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! "$factory" "$tmp/cards" >/dev/null 2>&1; then
    ko factory "$factory failed"
    echo "# passed $pass failed $fail"
    exit 1
fi
cat "$tmp"/cards/trust/*.pem >"$tmp/trust.pem"
cat "$tmp"/cards/trust-other/*.pem >"$tmp/other.pem"

# The CMS inside EF.SOD: skip the 77 tag and its length (short, 81 or 82 form).
unwrap() {
    b=$(od -An -tx1 -j1 -N1 "$1" | tr -d ' ')
    case "$b" in
    81) skip=3 ;;
    82) skip=4 ;;
    83) skip=5 ;;
    *) skip=2 ;;
    esac
    dd if="$1" of="$2" bs=1 skip="$skip" 2>/dev/null
}

# What openssl makes of one variant: no_sod, bad_signature, untrusted, expired, hash_mismatch
# or ok.
outcome() {
    d="$tmp/cards/$1"
    [ -f "$d/EF.SOD" ] || { echo no_sod; return; }
    unwrap "$d/EF.SOD" "$tmp/sod.der"
    if ! openssl cms -verify -inform DER -in "$tmp/sod.der" -binary -noverify \
        -out "$tmp/lds.der" >/dev/null 2>&1; then
        echo bad_signature
        return
    fi
    if ! openssl cms -verify -inform DER -in "$tmp/sod.der" -binary -purpose any \
        -CAfile "$tmp/trust.pem" -out /dev/null >"$tmp/v.log" 2>&1; then
        if grep -q "expired" "$tmp/v.log"; then
            echo expired
        else
            echo untrusted
        fi
        return
    fi
    # DataGroupHash list: INTEGER n then OCTET STRING hash, in order.
    openssl asn1parse -inform DER -in "$tmp/lds.der" |
        awk '/prim: INTEGER/ { n = $NF; sub(":", "", n) }
             /OCTET STRING/ { h = $NF; sub(/.*:/, "", h); print n, tolower(h) }' \
            >"$tmp/hashes"
    while read -r n h; do
        dg=$(printf '%d' "0x$n")
        f="$d/DG$dg"
        [ -f "$f" ] || { echo hash_mismatch; return; }
        got=$(openssl dgst -sha256 -r "$f" | cut -d' ' -f1)
        [ "$got" = "$h" ] || { echo hash_mismatch; return; }
    done <"$tmp/hashes"
    [ -s "$tmp/hashes" ] || { echo hash_mismatch; return; }
    echo ok
}

expected() {
    case "$1" in
    hash-mismatch | truncated-dg2) echo hash_mismatch ;;
    bad-signature) echo bad_signature ;;
    untrusted-ds | foreign-ds) echo untrusted ;;
    hidden-dg15) echo hash_mismatch ;; # the SOD lists a DG15 the card does not hold
    expired-ds) echo expired ;;
    no-sod) echo no_sod ;;
    *) echo ok ;;
    esac
}

n=0
while IFS="$(printf '\t')" read -r name expect what; do
    case "$name" in '#'* | '') continue ;; esac
    n=$((n + 1))
    got=$(outcome "$name")
    want=$(expected "$name")
    if [ "$got" = "$want" ]; then
        ok "openssl_$name ($got)"
    else
        ko "openssl_$name" "openssl says $got, the variant is built for $want"
    fi
done <"$tmp/cards/variants.txt"
[ "$n" -ge 20 ] && ok "variants_listed ($n)" || ko variants_listed "only $n variants"

# The untrusted DS does chain to the rogue CSCA, and the expired DS was valid in the past:
# the factory made exactly the fault it claims, nothing else.
unwrap "$tmp/cards/untrusted-ds/EF.SOD" "$tmp/sod.der"
if openssl cms -verify -inform DER -in "$tmp/sod.der" -binary -purpose any \
    -CAfile "$tmp/other.pem" -out /dev/null >/dev/null 2>&1; then
    ok untrusted_ds_chains_to_rogue_csca
else
    ko untrusted_ds_chains_to_rogue_csca "does not verify under trust-other/"
fi
unwrap "$tmp/cards/expired-ds/EF.SOD" "$tmp/sod.der"
past=$(($(date +%s) - 100 * 86400))
if openssl cms -verify -inform DER -in "$tmp/sod.der" -binary -purpose any \
    -CAfile "$tmp/trust.pem" -attime "$past" -out /dev/null >/dev/null 2>&1; then
    ok expired_ds_valid_in_the_past
else
    ko expired_ds_valid_in_the_past "does not verify 100 days ago"
fi
# The master list is a CMS the openssl tool can open, holding the trusted CSCAs.
if openssl cms -verify -inform DER -in "$tmp/cards/masterlist.ml" -binary -noverify \
    -out "$tmp/ml.der" >/dev/null 2>&1 &&
    [ "$(openssl asn1parse -inform DER -in "$tmp/ml.der" | grep -c 'd=2 .*cons: SEQUENCE')" -eq 2 ]; then
    ok master_list_readable
else
    ko master_list_readable "openssl cannot read it or it does not hold 2 certificates"
fi
echo "# passed $pass failed $fail"
[ "$fail" -eq 0 ]
