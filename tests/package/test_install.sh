#!/bin/sh
# test_install.sh: the package on a bare Debian 12 root (debootstrap minbase, a new machine):
# apt installs it with its dependencies from the mirror; `kiosk selftest` passes as the kiosk
# user (and as root, which it drops); systemd-analyze verifies the units and rates the unit's
# exposure; then the root is booted under its own systemd (systemd-nspawn --boot: this
# machine's PID 1 is not systemd) and kiosk.service runs there:
#   - READY=1 and the sync state in STATUS=, the watchdog fed by the main loop (same PID
#     over several WatchdogSec=);
#   - the main loop made to hang (KIOSK_TEST_HANG_MAIN_LOOP_AFTER_MS) -> systemd kills it on
#     the watchdog and starts it again; the store is intact and keeps its applications;
#   - the journal of the whole run, with enrolments, holds no citizen's name, ID or phone,
#     and the kiosk's errors carry priority err.
# In the container the unit runs `kiosk run` on SDL's dummy display instead of cage (no
# screen, no seat): a drop-in replaces ExecStart= and the console settings, nothing else.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/citizens.sh"
[ -s "$NEW_DEB" ] || die "NEW_DEB must name the package"

new_root fresh
check "the package installs on a bare Debian 12 root with apt" apt_install_deb "$NEW_DEB" ||
    tail -n 20 "$ROOT.apt.log"
check "the kiosk user and group exist" sh -c "chroot '$ROOT' getent passwd kiosk | grep -q ':/var/lib/kiosk:/usr/sbin/nologin$'"
check "the configuration is a conffile" grep -q '^/etc/kiosk/kiosk.conf$' "$ROOT/var/lib/dpkg/info/kiosk.conffiles"
check "the udev rules are installed" test -s "$ROOT/lib/udev/rules.d/60-kiosk.rules"
check "the fonts come from their package" test -s "$ROOT/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"
check "OpenCV's cascades come from their package" test -d "$ROOT/usr/share/opencv4/haarcascades"

head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$ROOT/etc/kiosk/upstream-seal.pub"
echo >>"$ROOT/etc/kiosk/upstream-seal.pub"
in_root chown root:kiosk /etc/kiosk/upstream-seal.pub
in_root chmod 0640 /etc/kiosk/upstream-seal.pub
as_kiosk kiosk --config /etc/kiosk/kiosk.conf selftest >"$P/fresh.selftest" 2>&1
rc=$?
sed 's/^/#   /' "$P/fresh.selftest"
check "kiosk selftest passes as the kiosk user" test $rc -eq 0
check "its modules are found in /usr/lib/kiosk/modules" \
    grep -q "^modules .*ok .*7 modules in /usr/lib/kiosk/modules\|^modules .*ok .*modules in /usr/lib/kiosk/modules" "$P/fresh.selftest"
in_root kiosk --config /etc/kiosk/kiosk.conf selftest >"$P/fresh.selftest-root" 2>&1
check "started as root it becomes the kiosk user" \
    grep -q "^privileges .*ok .*running as kiosk" "$P/fresh.selftest-root"
check "the man page is installed" test -s "$ROOT/usr/share/man/man8/kiosk.8.gz"

# the units
# --man=no: a minbase root has no man(1) to check Documentation=man:kiosk(8) with (the page's
# presence is checked above)
in_root systemd-analyze verify --man=no /lib/systemd/system/kiosk.service >"$P/verify.out" 2>&1
rc=$?
sed 's/^/#   /' "$P/verify.out"
check "systemd-analyze verify kiosk.service" test $rc -eq 0
in_root systemd-analyze security --offline=yes --no-pager /lib/systemd/system/kiosk.service \
    >"$P/security.out" 2>&1
exposure=$(sed -n 's/.*Overall exposure level for kiosk.service: \([0-9.]*\) \([A-Z]*\).*/\1 \2/p' "$P/security.out")
echo "# systemd-analyze security kiosk.service: $exposure"
check "exposure at most 2.0 ($exposure)" awk -v e="${exposure%% *}" 'BEGIN { exit !(e != "" && e <= 2.0) }'
cp "$P/security.out" "$P/security-kiosk.service.txt"

# queued applications before the service starts (they must survive its deaths): simulated
# chip cards read through the kiosk's own verification; scripted approvals come from PIN
# files, which only a demo store allows, so from here on the kiosk uses one (storage.kind =
# demo) in a folder of its data directory (the station store the selftest made stays one)
make_card_enrolments "$ROOT/srv/enrol" || die "the test card factory (cardf_main) is missing"
printf '\n[storage]\nkind = demo\ndata_dir = /var/lib/kiosk/demo-test\n[card]\ntrust_dir = %s\n' \
    /srv/enrol/cards/trust >>"$ROOT/etc/kiosk/kiosk.conf"
k() { as_kiosk kiosk --config /etc/kiosk/kiosk.conf "$@"; }
k init sv01 "Vũ Thị Lan" --pin-file /srv/enrol/sv.pin >/dev/null
k officer add cb01 "Hoàng Văn Bình" --pin-file /srv/enrol/cb.pin --by sv01 \
    --by-pin-file /srv/enrol/sv.pin >/dev/null
k enrol --from /srv/enrol/k01.json >"$P/fresh.ids" 2>"$P/fresh.err" || cat "$P/fresh.err"
k enrol --from /srv/enrol/k02.json >>"$P/fresh.ids" 2>"$P/fresh.err" || cat "$P/fresh.err"
check "two applications queued before the boot" test "$(grep -c . "$P/fresh.ids")" -eq 2
# the same citizen again without a supervisor: refused
sed 's/ "supervisor": "sv01", "supervisor_pin_file": "sv.pin",//' "$ROOT/srv/enrol/k03.json" \
    >"$ROOT/srv/enrol/k03-again.json"
chmod a+r "$ROOT/srv/enrol/k03-again.json"

# --- boot the root under its own systemd -----------------------------------------------
mkdir -p "$ROOT/etc/systemd/system/kiosk.service.d"
cat >"$ROOT/etc/systemd/system/kiosk.service.d/container-test.conf" <<'UNIT'
# test drop-in (tests/package/test_install.sh): no screen or seat in the container
[Service]
ExecStart=
ExecStart=/usr/bin/kiosk --config /etc/kiosk/kiosk.conf run
PAMName=
TTYPath=
StandardInput=null
UtmpIdentifier=
Environment=SDL_VIDEODRIVER=dummy KIOSK_TEST_HANG_MAIN_LOOP_AFTER_MS=14000
WatchdogSec=4s
UNIT
in_root systemctl enable kiosk.service >/dev/null 2>&1
rm -f "$ROOT/usr/sbin/policy-rc.d"
for m in var/cache/apt/archives var/lib/apt/lists proc; do umount "$ROOT/$m"; done
systemd-nspawn -q --register=no --keep-unit --console=passive -D "$ROOT" --boot \
    --machine=kiosk-test >"$P/boot.log" 2>&1 &
nspawn=$!
leader=""
for _ in $(seq 1 60); do
    # the container's PID 1: a systemd whose ancestor is our nspawn
    for p in $(pgrep -x systemd); do
        a=$p
        while [ "$a" -gt 1 ] && [ "$a" != "$nspawn" ]; do
            a=$(awk '{print $4}' "/proc/$a/stat" 2>/dev/null || echo 1)
        done
        [ "$a" = "$nspawn" ] && leader=$p && break
    done
    [ -n "$leader" ] && break
    sleep 0.5
done
[ -n "$leader" ] || { cat "$P/boot.log"; kill "$nspawn"; die "the root did not boot"; }
inside() { nsenter -t "$leader" -a "$@"; }
shutdown_container() {
    inside systemctl poweroff >/dev/null 2>&1 || kill "$nspawn" 2>/dev/null
    for _ in $(seq 1 60); do kill -0 "$nspawn" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$nspawn" 2>/dev/null && kill -KILL "$nspawn"
    wait "$nspawn" 2>/dev/null
}
trap 'shutdown_container; cleanup_roots' EXIT
prop() { inside systemctl show -P "$1" kiosk.service; }
state=""
for _ in $(seq 1 60); do
    state=$(prop ActiveState 2>/dev/null)
    [ "$state" = active ] && break
    sleep 0.5
done
check "kiosk.service became active under systemd (Type=notify: READY=1)" test "$state" = active
pid1=$(prop MainPID)
# READY=1 comes with "touchscreen up"; the sync thread's first report follows it
for _ in $(seq 1 60); do
    status=$(prop StatusText)
    echo "$status" | grep -q '^sync ' && break
    sleep 0.5
done
echo "# STATUS=$status"
check "STATUS= carries the sync state" sh -c "echo '$status' | grep -q '^sync \(online\|offline\), [0-9]* waiting'"
sleep 10 # well past two WatchdogSec= of 4 s, before the hook (14 s after start)
check "the watchdog is fed: the same process after 2.5 intervals" \
    sh -c "test '$(prop MainPID)' = '$pid1' && test '$pid1' != 0"
check "no restart yet" test "$(prop NRestarts)" = 0
restarted=""
for _ in $(seq 1 40); do
    [ "$(prop NRestarts)" -ge 1 ] 2>/dev/null && restarted=1 && break
    sleep 0.5
done
check "the hung main loop is killed on the watchdog and the unit restarted" test -n "$restarted"
inside journalctl -u kiosk.service -o cat --no-pager >"$P/journal.kiosk" 2>&1
check "the unit's selftest (ExecStartPre) passes under its confinement" \
    grep -q "^outbox .*ok" "$P/journal.kiosk"
check "the decoders' seccomp'ed child works under the unit's system call filter" \
    grep -q "^confinement .*ok" "$P/journal.kiosk"
check "core dumps off and not root under the unit" \
    grep -q "^privileges .*ok .*not root.*no core dumps" "$P/journal.kiosk"
check "systemd says why: watchdog timeout" grep -q "Watchdog timeout" "$P/journal.kiosk"
check "the hook's line has priority warning" \
    sh -c "nsenter -t $leader -a journalctl -u kiosk.service -p warning -o cat | grep -q 'test hook: the main loop hangs'"
for _ in $(seq 1 40); do
    [ "$(prop ActiveState)" = active ] && break
    sleep 0.5
done
pid2=$(prop MainPID)
check "running again in a new process ($pid1 -> $pid2)" sh -c "test '$(prop ActiveState)' = active && test '$pid2' != '$pid1' && test '$pid2' != 0"
inside systemctl stop kiosk.service

# enrolments under systemd, then the whole journal is searched for personal data
# (/srv: nspawn puts a fresh tmpfs on the container's /tmp)
inside systemd-run -q --wait -u kiosk-enrol -p User=kiosk /usr/bin/kiosk \
    --config /etc/kiosk/kiosk.conf enrol --from /srv/enrol/k03.json >/dev/null 2>&1
check "an enrolment under systemd queues" test $? -eq 0
inside systemd-run -q --wait -u kiosk-enrol-again -p User=kiosk /usr/bin/kiosk \
    --config /etc/kiosk/kiosk.conf enrol --from /srv/enrol/k03-again.json >/dev/null 2>&1
check "a refused enrolment is logged at priority err" \
    sh -c "nsenter -t $leader -a journalctl -u kiosk-enrol-again -p err -o cat | grep -q 'kiosk: .*refused'"
inside journalctl -o cat --no-pager >"$P/journal.all" 2>&1
echo "# journal: $(wc -l <"$P/journal.all") lines"
leaks=$(grep -F -f "$ROOT/srv/enrol/pii" "$P/journal.all" | head -n 3)
check "no citizen's name, personal ID or phone in the journal" test -z "$leaks"
[ -z "$leaks" ] || echo "# leaked: $leaks"

# the store after the deaths
shutdown_container
trap cleanup_roots EXIT
mount -t proc proc "$ROOT/proc"
k selftest >"$P/fresh.after" 2>&1
rc=$?
sed 's/^/#   /' "$P/fresh.after"
check "the store is intact after the watchdog's kills (selftest)" test $rc -eq 0
k queue --json >"$P/fresh.queue" 2>/dev/null
check "and holds every application (3)" test "$(grep -c '"status": "queued"' "$P/fresh.queue")" -eq 3
done_tests
