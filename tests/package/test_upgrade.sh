#!/bin/sh
# test_upgrade.sh: the previous release installed on a bare Debian 12 root (debootstrap
# minbase) queues applications; the new package installed over it keeps every one of them,
# migrates the store to its schema (each application still opens in full), and runs `kiosk
# selftest` as the kiosk user; removing the
# package keeps /var/lib/kiosk, purging deletes it with the kiosk user.
# NEW_DEB and OLD_DEB name the packages (tests/package/run-package-tests builds them).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/citizens.sh"
[ -s "$NEW_DEB" ] && [ -s "$OLD_DEB" ] || die "NEW_DEB and OLD_DEB must name the packages"

new_root upgrade
check "the previous release installs on a bare root" apt_install_deb "$OLD_DEB"
old_version=$(in_root dpkg-query -W -f='${Version}' kiosk)
echo "# previous release: kiosk $old_version, $(in_root kiosk version)"
old_schema=$(in_root kiosk version | sed -n 's/.*schema \([0-9]*\).*/\1/p')

# the technician's step: the upstream's sealing key beside the configuration
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$ROOT/etc/kiosk/upstream-seal.pub"
echo >>"$ROOT/etc/kiosk/upstream-seal.pub"
in_root chown root:kiosk /etc/kiosk/upstream-seal.pub
in_root chmod 0640 /etc/kiosk/upstream-seal.pub

# applications queued by the previous release, through its own commands
N=6
make_enrolments "$ROOT/srv/enrol" $N
k() { as_kiosk kiosk --config /etc/kiosk/kiosk.conf "$@"; }
k officer add sv01 "Vũ Thị Lan" --supervisor --pin-file /srv/enrol/sv.pin >/dev/null 2>&1 ||
    k init sv01 "Vũ Thị Lan" --pin-file /srv/enrol/sv.pin >/dev/null
k officer add cb01 "Hoàng Văn Bình" --pin-file /srv/enrol/cb.pin --by sv01 \
    --by-pin-file /srv/enrol/sv.pin >/dev/null
: >"$P/upgrade.ids"
i=1
while [ $i -le $N ]; do
    k enrol --from "/srv/enrol/c$(printf %02d $i).json" >>"$P/upgrade.ids" 2>"$P/upgrade.err" ||
        cat "$P/upgrade.err"
    i=$((i + 1))
done
check "the previous release queued $N applications" test "$(grep -c . "$P/upgrade.ids")" -eq $N

# the upgrade
check "the new package installs over the previous one" apt_install_deb "$NEW_DEB"
new_version=$(in_root dpkg-query -W -f='${Version}' kiosk)
check "the installed version is the new one ($old_version -> $new_version)" \
    dpkg --compare-versions "$new_version" gt "$old_version"
new_schema=$(in_root kiosk version | sed -n 's/.*schema \([0-9]*\).*/\1/p')
echo "# store schema: $old_schema -> $new_schema"
k queue --json >"$P/upgrade.queue" 2>"$P/upgrade.err"
missing=0
for id in $(cat "$P/upgrade.ids"); do
    grep -q "\"$id\"" "$P/upgrade.queue" || missing=$((missing + 1))
done
check "every queued application is still there after the upgrade ($N)" test $missing -eq 0
check "and still queued" test "$(grep -c '"status": "queued"' "$P/upgrade.queue")" -eq $N
k selftest >"$P/upgrade.selftest" 2>&1
selftest_rc=$?
sed 's/^/#   /' "$P/upgrade.selftest"
check "kiosk selftest passes as the kiosk user after the upgrade" \
    grep -q "^outbox" "$P/upgrade.selftest"
check "the selftest exit status is 0" test $selftest_rc -eq 0
check "the store was migrated to the new schema ($old_schema -> $new_schema)" \
    grep -q "^store .*ok  schema $new_schema\$" "$P/upgrade.selftest"
check "the modules are found in /usr/lib/kiosk/modules" \
    grep -q "^modules .*ok .*in /usr/lib/kiosk/modules" "$P/upgrade.selftest"
check "the audit trail is intact after the migration" k audit verify
first=$(head -n 1 "$P/upgrade.ids")
k show "$first" >"$P/upgrade.show" 2>&1
check "an application of the previous release opens in full (its fields decrypt)" \
    grep -q "Trần Văn An" "$P/upgrade.show"
check "the data directory is the kiosk's alone" \
    test "$(in_root stat -c %U:%a /var/lib/kiosk)" = kiosk:700

# remove keeps the data, purge deletes it
in_root apt-get remove -y -q kiosk >"$ROOT.remove.log" 2>&1
check "removed" sh -c "! chroot '$ROOT' dpkg-query -W -f='\${db:Status-Abbrev}' kiosk | grep -q '^ii'"
check "remove keeps the store" test -s "$ROOT/var/lib/kiosk/kiosk.db"
in_root apt-get purge -y -q kiosk >"$ROOT.purge.log" 2>&1
check "purge deletes /var/lib/kiosk" test ! -e "$ROOT/var/lib/kiosk"
check "purge deletes the kiosk user" sh -c "! chroot '$ROOT' getent passwd kiosk >/dev/null"
done_tests
