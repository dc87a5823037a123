#!/bin/sh
# /init of the mlxsim test VM initramfs (busybox sh; tests/vm/run.sh packs it).
#
# Loads the 9p stack listed in /modules/order, mounts the host's root
# read-only over virtio-9p, prepares a chroot (proc, sys, dev, devpts,
# debugfs, tracefs, tmpfs where tests write) and runs the in-guest runner
# with the host's bash. Then reboots, which with QEMU's -no-reboot ends the VM.
#
# Kernel command line options (set by run.sh):
#   mlxsim.root=DIR     repo root (same path as on the host)
#   mlxsim.ko=FILE      the module under test
#   mlxsim.moddir=DIR   /lib/modules/<kver> of a kernel whose modules are not
#                       in the host's /lib/modules (the debug kernel)
#   mlxsim.kernel=NAME  deb61 | bpo612 | debug
#   mlxsim.tests=A,B    only run these test scripts
#   mlxsim.script_timeout=S  kill a test script after S seconds
#   mlxsim.env=A=1,B=2  extra environment of the test scripts
#   mlxsim.cache=MODE   9p cache mode (loose: the host root does not change
#                       under a test run, and it makes the guest much faster)

/bin/busybox --install -s /bin
export PATH=/bin
mount -t devtmpfs devtmpfs /dev 2>/dev/null
exec </dev/console >/dev/console 2>&1

say() { echo "mlxsim-vm-init: $*"; }
die() {
	say "FATAL: $*"
	echo "==== MLXSIM-VM ABORT ===="
	sync
	reboot -f
	sleep 10
}

mount -t proc proc /proc
mount -t sysfs sysfs /sys

root=/ ko= moddir= kernel= tests= cache=loose script_timeout=300 envs=
for arg in $(cat /proc/cmdline); do
	case $arg in
	mlxsim.root=*) root=${arg#*=} ;;
	mlxsim.ko=*) ko=${arg#*=} ;;
	mlxsim.moddir=*) moddir=${arg#*=} ;;
	mlxsim.kernel=*) kernel=${arg#*=} ;;
	mlxsim.tests=*) tests=${arg#*=} ;;
	mlxsim.cache=*) cache=${arg#*=} ;;
	mlxsim.script_timeout=*) script_timeout=${arg#*=} ;;
	mlxsim.env=*) envs=$(echo "${arg#*=}" | tr ',' ' ') ;;
	esac
done

if [ -f /modules/order ]; then
	for m in $(cat /modules/order); do
		insmod "/modules/$m" || die "insmod $m failed"
	done
fi

R=/mnt/root
mkdir -p $R
mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=262144,cache=$cache hostroot $R ||
	die "cannot mount the host root over 9p"

# Paths the tests need may lie under a directory that gets a tmpfs below
# (a clone in /tmp, a cache in /root): keep a handle on each and put it back.
keep=
n=0
for p in "$root" "${ko%/*}" "$moddir"; do
	[ -n "$p" ] && [ "$p" != / ] && [ -d "$R$p" ] || continue
	n=$((n + 1))
	mkdir -p /keep/$n
	mount -o bind "$R$p" /keep/$n || die "bind $p"
	keep="$keep $n:$p"
done

# /lib/modules/<kver> of a kernel the host has no modules for (debug kernel),
# bound before /root (where the cache usually is) gets its tmpfs.
kver=$(uname -r)
if [ -n "$moddir" ] && [ ! -d "$R/lib/modules/$kver" ]; then
	libmod=$R/lib/modules
	[ -L $R/lib ] && libmod=$R/$(readlink $R/lib)/modules
	mount -t tmpfs -o mode=0755 tmpfs "$libmod" || die "tmpfs on /lib/modules"
	mkdir -p "$libmod/$kver"
	mount -o bind "$R$moddir" "$libmod/$kver" || die "bind $moddir"
fi

mount -t proc proc $R/proc
mount -t sysfs sysfs $R/sys
mount -t devtmpfs devtmpfs $R/dev
mkdir -p $R/dev/pts $R/dev/shm
mount -t devpts -o newinstance,ptmxmode=0666,mode=0620 devpts $R/dev/pts
mount -t tmpfs -o mode=1777 tmpfs $R/dev/shm
# devtmpfs has no /dev/fd: bash process substitution needs it
ln -sf /proc/self/fd $R/dev/fd
ln -sf /proc/self/fd/0 $R/dev/stdin
ln -sf /proc/self/fd/1 $R/dev/stdout
ln -sf /proc/self/fd/2 $R/dev/stderr
for d in tmp var/tmp; do
	mount -t tmpfs -o mode=1777 tmpfs "$R/$d" || die "tmpfs on /$d"
done
mount -t tmpfs -o mode=0755 tmpfs $R/run || die "tmpfs on /run"
mount -t tmpfs -o mode=0700 tmpfs $R/root || die "tmpfs on /root"
mount -t debugfs debugfs $R/sys/kernel/debug || say "no debugfs"
mount -t tracefs tracefs $R/sys/kernel/tracing || say "no tracefs"

for k in $keep; do
	p=${k#*:}
	# mkdir fails on the read-only 9p where the path is still visible: fine
	mkdir -p "$R$p" 2>/dev/null
	mount -o bind "/keep/${k%%:*}" "$R$p" || die "cannot rebind $p"
done

runner=$root/tests/vm/guest/runner.sh
[ -f "$R$runner" ] || die "no runner at $runner"
say "kernel $kver up $(cut -d' ' -f1 /proc/uptime)s, running $runner"
chroot $R /usr/bin/env -i \
	HOME=/root TERM=xterm LANG=C.UTF-8 \
	PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
	MLXSIM_ROOT="$root" MLXSIM_KO="$ko" MLXSIM_KERNEL="$kernel" \
	MLXSIM_TESTS="$tests" MLXSIM_SCRIPT_TIMEOUT="$script_timeout" \
	$envs /bin/bash "$runner"
say "runner exited with status $?"
sync
reboot -f
sleep 10
