# citizens.sh: sourced by the package tests. make_enrolments DIR N writes DIR/cNN.json for N (at most 10)
# synthetic citizens (valid personal IDs, Vietnamese names, mobile numbers), a portrait and a
# fingerprint image for `kiosk enrol --from`, and DIR/pii: every name, personal ID and phone
# (digits only) that must never reach a log.
make_enrolments() {
    d=$1
    n=$2
    mkdir -p "$d"
    printf '\377\330\377\340JFIF-test-portrait' >"$d/portrait.jpg"
    { printf 'P5\n# synthetic\n4 3\n255\n'; printf 'ABCDEFGHIJKL'; } >"$d/li.pgm"
    : >"$d/pii"
    i=1
    while [ "$i" -le "$n" ]; do
        nn=$(printf '%02d' "$i")
        pid="0010990123$nn"
        phone="09123456$nn"
        given=$(echo "An Bình Cường Dũng Giang Hải Khánh Lâm Minh Nam" | cut -d' ' -f"$i")
        name="Trần Văn $given"
        cat >"$d/c$nn.json" <<JSON
{"officer": "cb01",
 "identity": {"personal_id": "$pid", "full_name": "$name", "dob": "1999-01-01",
              "sex": "M", "residence": "Số $nn Phố Huế, Hà Nội", "expiry_date": "2039-01-01",
              "source": "chip-verified", "verdict": "genuine"},
 "chip_report": {"verdict": "genuine"},
 "portrait": {"file": "portrait.jpg", "quality": {"all_pass": true}},
 "fingers": [{"position": "left-index", "pgm": "li.pgm", "ppi": 500},
             {"position": "right-index", "pgm": "li.pgm", "ppi": 500}],
 "contact": {"phone": "$phone", "email": ""},
 "consent": true}
JSON
        printf '%s\n%s\n%s\n' "$pid" "$phone" "$name" >>"$d/pii"
        i=$((i + 1))
    done
    echo 472913 >"$d/sv.pin"
    echo 538206 >"$d/cb.pin"
    chmod -R a+rX "$d"
}

# make_card_enrolments DIR: DIR/cards (the test card factory's simulated chip cards and their
# trust store, made with CARDF, default build/san/tests/rigs/card/cardf_main) and DIR/k01..k03.json
# for three of its genuine cards, read through the kiosk's own chip verification (today's
# `kiosk enrol` takes no chip verdict from a script); DIR/pii lists their names, personal IDs
# and phones. Their approvals (the face check without the model) come from the PIN file, which
# a demo store (storage.kind = demo) allows.
make_card_enrolments() {
    d=$1
    mkdir -p "$d"
    "${CARDF:-$top/build/san/tests/rigs/card/cardf_main}" "$d/cards" >/dev/null || return 1
    printf '\377\330\377\340JFIF-test-portrait' >"$d/portrait.jpg"
    { printf 'P5\n# synthetic\n4 3\n255\n'; printf 'ABCDEFGHIJKL'; } >"$d/li.pgm"
    echo 472913 >"$d/sv.pin"
    echo 538206 >"$d/cb.pin"
    : >>"$d/pii"
    i=1
    for c in "ngoc-2021 079303004567 2003-03-15 0912345601 Trần Thị Bích Ngọc" \
        "hung-long-address 001085012345 1985-07-04 0912345602 Nguyễn Văn Hùng" \
        "hoa-no-middle-name 048190000321 1990-12-01 0912345603 Lê Hoa"; do
        set -- $c
        card=$1 pid=$2 dob=$3 phone=$4
        shift 4
        cat >"$d/k0$i.json" <<JSON
{"officer": "cb01", "supervisor": "sv01", "supervisor_pin_file": "sv.pin",
 "card": {"sim": "cards/$card", "personal_id": "$pid", "dob": "$dob"},
 "portrait": {"file": "portrait.jpg", "quality": {"all_pass": true}},
 "fingers": [{"position": "left-index", "pgm": "li.pgm", "ppi": 500},
             {"position": "right-index", "pgm": "li.pgm", "ppi": 500}],
 "contact": {"phone": "$phone", "email": ""},
 "consent": true}
JSON
        printf '%s\n%s\n%s\n' "$pid" "$phone" "$*" >>"$d/pii"
        i=$((i + 1))
    done
    chmod -R a+rX "$d"
}
