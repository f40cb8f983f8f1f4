#!/bin/sh
# vivid_vm.sh WORKDIR: boots Debian's own kernel under QEMU (TCG; this machine's KVM is not
# usable, rigs.md 2a) with the vivid driver, streams the rig's portrait frame into vivid's HDMI
# output and runs tests/rigs/camera/vivid_capture.c's checks on its capture node, through the real
# libv4l2 (rigs.md 2b). Writes WORKDIR/guest.out (the checks' lines, from the guest's second
# serial port) and WORKDIR/console.log; exits non-zero only when the rig itself cannot run.
#
# The kernel package is fetched with `apt-get download` (the one linux-image-amd64 depends on)
# and only its vmlinuz and media modules are kept, under build/vivid-cache (VIVID_CACHE).
# Needs: qemu-system-x86 busybox-static kmod cpio v4l-utils libv4l-dev (tools/deps/camera.txt).
set -eu
root=$(cd "$(dirname "$0")/../../.." && pwd)
work=$1
cache=${VIVID_CACHE:-$root/build/vivid-cache}
mkdir -p "$work" "$cache"

kernel_pkg() {
    apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-/{print $2; exit}'
}
kpkg=$(kernel_pkg)
if [ -z "$kpkg" ] && [ "$(id -u)" -eq 0 ]; then
    # Lists cleaned (a fresh container): fetch them, as tools/install-deps would.
    apt-get update -qq >/dev/null 2>&1 || true
    kpkg=$(kernel_pkg)
fi
if [ -z "$kpkg" ]; then
    # No apt lists: a kernel fetched before will do.
    kpkg=$(ls -d "$cache"/*/ready 2>/dev/null | sed 's|/ready$||; s|.*/|linux-image-|' | sort | tail -n 1)
fi
[ -n "$kpkg" ] || { echo "vivid_vm: no linux-image-amd64 in the apt lists (apt-get update?)" >&2; exit 1; }
kver=${kpkg#linux-image-}
kdir=$cache/$kver
if [ ! -f "$kdir/ready" ]; then
    rm -rf "$kdir"
    mkdir -p "$kdir/dl" "$kdir/kroot"
    (cd "$kdir/dl" && apt-get download "$kpkg" >/dev/null 2>&1) ||
        { echo "vivid_vm: apt-get download $kpkg failed" >&2; exit 1; }
    dpkg-deb --fsys-tarfile "$kdir"/dl/*.deb | tar -x -C "$kdir/kroot" --wildcards \
        "./boot/vmlinuz-$kver" "./lib/modules/$kver/kernel/drivers/media/*" \
        "./lib/modules/$kver/modules.order" "./lib/modules/$kver/modules.builtin*"
    depmod -b "$kdir/kroot" "$kver"
    rm -rf "$kdir/dl"
    touch "$kdir/ready"
fi

# The guest program: the camera sources only (no OpenCV in the guest).
cc -O2 -std=c11 -D_GNU_SOURCE -I"$root" $(pkg-config --cflags libpng) \
    "$root/tests/rigs/camera/vivid_capture.c" "$root/tests/rigs/camera/faces.c" \
    "$root/drivers/camera/camera.c" "$root/drivers/camera/camera_v4l2.c" \
    "$root/drivers/camera/camera_sim.c" "$root/drivers/camera/image_file.c" \
    -o "$work/vivid_capture" -lv4l2 $(pkg-config --libs libpng) -ljpeg -lm
(cd "$root" && "$work/vivid_capture" make-frame "$work/img.rgb")

# initramfs: busybox, the media modules in load order, v4l2-ctl and the program with their
# shared libraries at their own paths, the frame, and init.
tree=$work/initrd
rm -rf "$tree"
mkdir -p "$tree/bin" "$tree/mods" "$tree/proc" "$tree/sys" "$tree/dev" "$tree/tmp"
cp /bin/busybox "$tree/bin/busybox"
modprobe -d "$kdir/kroot" -S "$kver" --show-depends vivid | awk '$1 == "insmod" {print $2}' >"$work/mods.txt"
[ -s "$work/mods.txt" ] || { echo "vivid_vm: no vivid module in $kpkg" >&2; exit 1; }
i=10
while read -r m; do
    cp "$m" "$tree/mods/$i-$(basename "$m")"
    i=$((i + 1))
done <"$work/mods.txt"
copy_with_libs() {
    cp "$1" "$tree/bin/"
    for lib in $(ldd "$1" | awk '/=>/ {print $3} /^\t\/lib/ {print $1}'); do
        mkdir -p "$tree$(dirname "$lib")"
        cp -L "$lib" "$tree$lib"
    done
}
copy_with_libs "$(command -v v4l2-ctl)"
copy_with_libs "$work/vivid_capture"
mkdir -p "$tree/lib64"
cp -L /lib64/ld-linux-x86-64.so.2 "$tree/lib64/"
cp "$work/img.rgb" "$tree/img.rgb"
cat >"$tree/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
stty -F /dev/ttyS1 raw -echo -onlcr
for m in /mods/*.ko; do
    case "$m" in
    *-vivid.ko) insmod "$m" n_devs=1 node_types=0x101 ;;
    *) insmod "$m" ;;
    esac
done
out=/dev/ttyS1
if [ ! -e /dev/video0 ] || [ ! -e /dev/video1 ]; then
    echo "FAIL - vivid_loaded: no /dev/video0 and /dev/video1" >$out
    echo "# passed 0 failed 1" >$out
    poweroff -f
fi
# HDMI in and out, same timings and format, no on-screen text: the loopback then returns the
# frame streamed into video1 unchanged (rigs.md 2b).
v4l2-ctl -d /dev/video0 -i 3 >/dev/null
v4l2-ctl -d /dev/video1 -o 1 >/dev/null
v4l2-ctl -d /dev/video1 --set-dv-bt-timings index=0 >/dev/null
v4l2-ctl -d /dev/video0 --set-dv-bt-timings index=0 >/dev/null
v4l2-ctl -d /dev/video1 -x width=640,height=480,pixelformat=RGB3 >/dev/null
v4l2-ctl -d /dev/video0 -v width=640,height=480,pixelformat=RGB3 >/dev/null
v4l2-ctl -d /dev/video0 --set-ctrl osd_text_mode=2 >/dev/null
v4l2-ctl -d /dev/video0 --set-ctrl loop_video=1 >/dev/null 2>&1
v4l2-ctl -d /dev/video1 --stream-out-mmap --stream-from=/img.rgb --stream-loop >/dev/null 2>&1 &
sleep 1
/bin/vivid_capture check /img.rgb >$out 2>/dev/null
echo "# guest done" >$out
poweroff -f
INIT
chmod 755 "$tree/init"
(cd "$tree" && find . | cpio -o -H newc 2>/dev/null | gzip -1 >"$work/initrd.gz")

: >"$work/guest.out"
timeout -k 5 "${VIVID_TIMEOUT:-240}" qemu-system-x86_64 -accel tcg -m 512 -smp 1 -no-reboot \
    -kernel "$kdir/kroot/boot/vmlinuz-$kver" -initrd "$work/initrd.gz" \
    -append "console=ttyS0 quiet panic=-1" -display none -monitor none \
    -serial "file:$work/console.log" -serial "file:$work/guest.out" || true
