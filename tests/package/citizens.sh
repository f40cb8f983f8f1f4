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
