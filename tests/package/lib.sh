# lib.sh: sourced by the package tests. The test protocol (ok, bad, check, done_tests), and
# bare Debian 12 roots: new_root NAME extracts the cached debootstrap minbase root (made on
# the first run from deb.debian.org, kept in build/pkgtest/) into build/pkgtest/NAME, with
# /proc and apt's downloads and lists (cached) mounted; in_root runs a command in it (chroot),
# as_kiosk as the kiosk user; the mounts are undone on exit. Needs root.
top=$(cd "$(dirname "$0")/../.." && pwd)
P="$top/build/pkgtest"
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
BASE_TAR="$P/bookworm-minbase.tar"
NEW_DEB=${NEW_DEB:-}
OLD_DEB=${OLD_DEB:-}
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok - $1"; }
bad() { fail=$((fail + 1)); echo "FAIL - $1"; }
check() { name=$1; shift; if "$@"; then ok "$name"; else bad "$name"; fi; }
done_tests() { echo "# passed $pass failed $fail"; [ "$fail" -eq 0 ]; }
die() { echo "FAIL - $*"; echo "# passed $pass failed $((fail + 1))"; exit 1; }

[ "$(id -u)" = 0 ] || die "the package tests need root (chroot, mounts): CI runs them as root"
mkdir -p "$P/apt-archives/partial" "$P/apt-lists/partial"
ROOTS=""
cleanup_roots() {
    for r in $ROOTS; do
        for m in var/cache/apt/archives var/lib/apt/lists proc; do
            mountpoint -q "$r/$m" 2>/dev/null && umount "$r/$m"
        done
        # never delete through a mount left behind
        grep -q " $r/" /proc/mounts || rm -rf "$r"
    done
}
trap cleanup_roots EXIT

# The debootstrap'ed minbase root, made once (about a minute) and kept as a tar.
base_tar() {
    [ -s "$BASE_TAR" ] && return 0
    rm -rf "$P/debootstrap"
    debootstrap --variant=minbase --cache-dir="$P/apt-archives" bookworm "$P/debootstrap" \
        "$MIRROR" >"$P/debootstrap.log" 2>&1 || { tail -n 20 "$P/debootstrap.log"; return 1; }
    tar -C "$P/debootstrap" -cf "$BASE_TAR.tmp" . && mv "$BASE_TAR.tmp" "$BASE_TAR"
    rm -rf "$P/debootstrap"
}

new_root() {
    r="$P/$1"
    base_tar || die "debootstrap of Debian 12 failed (log: $P/debootstrap.log)"
    rm -rf "$r"
    mkdir -p "$r"
    tar -C "$r" -xf "$BASE_TAR"
    ROOTS="$ROOTS $r"
    ROOT=$r
    # debootstrap made the root's /dev nodes; only /proc and apt's caches are mounted
    mount -t proc proc "$r/proc"
    mount --bind "$P/apt-archives" "$r/var/cache/apt/archives"
    mount --bind "$P/apt-lists" "$r/var/lib/apt/lists"
    # a throw-away root: dpkg need not fsync every file it unpacks
    echo force-unsafe-io >"$r/etc/dpkg/dpkg.cfg.d/test-unsafe-io"
    cp /etc/resolv.conf "$r/etc/resolv.conf"
    echo "deb $MIRROR bookworm main" >"$r/etc/apt/sources.list"
    # a new machine: no service starts from maintainer scripts inside the chroot
    printf '#!/bin/sh\nexit 101\n' >"$r/usr/sbin/policy-rc.d"
    chmod 755 "$r/usr/sbin/policy-rc.d"
    in_root apt-get update -qq >"$r.update.log" 2>&1 || { tail -n 5 "$r.update.log"; die "apt-get update in the root failed"; }
}

in_root() { DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8 chroot "$ROOT" "$@"; }
as_kiosk() { in_root setpriv --reuid=kiosk --regid=kiosk --init-groups --reset-env "$@"; }

# apt-get install of a .deb (dependencies from the mirror, as a technician would).
apt_install_deb() {
    cp "$1" "$ROOT/tmp/"
    in_root apt-get install -y -q "/tmp/$(basename "$1")" >"$ROOT.apt.log" 2>&1
}
