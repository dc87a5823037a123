#!/bin/bash
# Boot a kernel in QEMU (TCG) and run the mlxsim VM tests in it.
#
# Usage: tests/vm/run.sh deb61|bpo612|debug
#   deb61   newest installed Debian 6.1 kernel (/boot/vmlinuz-6.1.*-amd64 + headers)
#   bpo612  newest installed bookworm-backports 6.12 kernel
#   debug   the debug kernel (KASAN, lockdep, kmemleak), built and cached by
#           tests/vm/build-debug-kernel.sh when missing
#
# Builds the module (make -C <repo> module KDIR=... MODBUILD=build/mod-KERNEL),
# packs a busybox initramfs (build/initramfs-KERNEL.cpio.gz) that mounts the
# host root read-only over 9p and runs tests/vm/guest/runner.sh, boots, and
# judges the serial log (kept in build/vm-KERNEL.log): TAP results per test
# script, plus a clean kernel log (no BUG/WARNING/Oops/KASAN/lockdep/hung
# task/kmemleak report). Last line: "KERNEL: N passed, N failed, N skipped".
# Exit status 0 only if nothing failed.
#
# Environment:
#   MLXSIM_TESTS=smoke,env    run only these guest scripts (t_smoke.sh, t_env.sh)
#   MLXSIM_SCRIPT_TIMEOUT=S   in the guest, kill a test script after S seconds
#                             (default 300, debug 900)
#   MLXSIM_VM_IDLE_TIMEOUT=S  kill the VM after S seconds without serial
#                             output (default script timeout + 120)
#   MLXSIM_VM_TIMEOUT=SECS    kill the VM after this long (default 2400, debug 5000)
#   MLXSIM_VM_RUN=NAME        name the run (log build/vm-NAME.log, result line
#                             "NAME: N passed..."), default the kernel's name:
#                             two runs of one kernel at once need two names
#   MLXSIM_DEADLINE=EPOCH     start no test script after this time (reported
#                             skipped); make check sets it in CI
#   MLXSIM_VM_MEM=SIZE        guest memory (default 2G, debug 4G)
#   MLXSIM_VM_TCG_THREAD=single|multi  TCG threads (default single, debug multi)
#   MLXSIM_VM_VERBOSE=1       also stream the kernel log dumps to stdout
#   MLXSIM_KO=FILE            use this prebuilt module instead of building one
#   MLXSIM_VM_MAKEDIR=DIR     run the "module" make target in DIR, not the repo
#   MLXSIM_MP_STRESS_SECS, MLXSIM_PV_STRESS_SECS, MLXSIM_FUZZ_SECONDS,
#   MLXSIM_FUZZ_SEED          passed to the guest scripts' environment
set -euo pipefail
shopt -s extglob

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=$repo/build

say() { echo "vm: $*"; }
die() { echo "vm: error: $*" >&2; exit 2; }

[[ $# -eq 1 ]] || die "usage: $0 deb61|bpo612|debug"
name=$1
# the run's name: its log and result line (two runs of one kernel at once
# need two names)
run=${MLXSIM_VM_RUN:-$name}
[[ $run =~ ^[A-Za-z0-9_-]+$ ]] || die "MLXSIM_VM_RUN='$run': letters, digits, _ and - only"
t_start=$EPOCHREALTIME

# newest /boot/vmlinuz-<ver>.*-amd64 that has its headers and modules
pick_distro_kernel()
{
	local ver=$1 f k best=

	for f in /boot/vmlinuz-"$ver".*-amd64; do
		[[ -e $f ]] || continue
		k=${f#/boot/vmlinuz-}
		[[ -d /usr/src/linux-headers-$k && -f /lib/modules/$k/modules.dep ]] || continue
		best=$(printf '%s\n%s\n' "$best" "$k" | sed '/^$/d' | sort -V | tail -n 1)
	done
	[[ -n $best ]] || die "no $ver kernel with headers installed (run scripts/install-deps.sh as root)"
	echo "$best"
}

moddir=
case $name in
deb61 | bpo612)
	[[ $name == deb61 ]] && kver=$(pick_distro_kernel 6.1) || kver=$(pick_distro_kernel 6.12)
	kernel=/boot/vmlinuz-$kver
	kdir=/usr/src/linux-headers-$kver
	mem=${MLXSIM_VM_MEM:-2G}
	script_timeout=${MLXSIM_SCRIPT_TIMEOUT:-300}
	vm_timeout=${MLXSIM_VM_TIMEOUT:-2400}
	tcg_thread=${MLXSIM_VM_TCG_THREAD:-single}
	;;
debug)
	dbgdir=$("$here/build-debug-kernel.sh")
	kver=$(cat "$dbgdir/kernelrelease")
	kernel=$dbgdir/bzImage
	kdir=$dbgdir/linux
	moddir=$dbgdir/lib/modules/$kver
	mem=${MLXSIM_VM_MEM:-4G}
	script_timeout=${MLXSIM_SCRIPT_TIMEOUT:-900}
	vm_timeout=${MLXSIM_VM_TIMEOUT:-5000}
	tcg_thread=${MLXSIM_VM_TCG_THREAD:-multi}
	;;
*)
	die "unknown kernel '$name' (deb61, bpo612 or debug)"
	;;
esac
idle_timeout=${MLXSIM_VM_IDLE_TIMEOUT:-$((script_timeout + 120))}
# with a deadline the guest starts no script after it and stops the one
# running at MLXSIM_SCRIPTS_END, 540 s later; the VM has 240 s more to
# scan for leaks
if [[ -n ${MLXSIM_DEADLINE:-} ]]; then
	[[ $MLXSIM_DEADLINE =~ ^[0-9]+$ ]] || die "MLXSIM_DEADLINE='$MLXSIM_DEADLINE': epoch seconds"
	export MLXSIM_SCRIPTS_END=$((MLXSIM_DEADLINE + 540))
	left=$((MLXSIM_SCRIPTS_END + 240 - $(date +%s)))
	((left < vm_timeout)) && vm_timeout=$((left > 60 ? left : 60))
fi
[[ -r $kernel ]] || die "cannot read $kernel (Debian's /boot/vmlinuz-* are root-only: run as root)"
command -v qemu-system-x86_64 >/dev/null || die "qemu-system-x86_64 missing (run scripts/install-deps.sh)"
busybox=$(command -v busybox || true)
[[ -n $busybox ]] && ! ldd "$busybox" >/dev/null 2>&1 || die "a static busybox is needed (busybox-static)"

mkdir -p "$build"
# One build per kernel at a time (the module build dir and the initramfs of
# a kernel are shared by everyone working in this tree), one VM per run
# name (its log).
exec 7>"$build/.vm-$run.run.lock"
if ! flock -n 7; then
	say "$run: another run named $run is in progress in this tree, waiting for it"
	flock 7
fi
exec 8>"$build/.vm-$name.lock"
if ! flock -n 8; then
	say "$name: another build for $name is in progress in this tree, waiting for it"
	flock 8
fi
say "$name: kernel $kver ($kernel)"

# --- the module ----------------------------------------------------------
if [[ -n ${MLXSIM_KO:-} ]]; then
	ko=$(realpath "$MLXSIM_KO")
	say "$name: using prebuilt module $ko"
else
	modbuild=$build/mod-$name
	makedir=${MLXSIM_VM_MAKEDIR:-$repo}
	say "$name: make -C $makedir module KDIR=$kdir MODBUILD=$modbuild"
	if ! make -C "$makedir" module KDIR="$kdir" MODBUILD="$modbuild"; then
		echo "$run: module build failed"
		echo "$run: 0 passed, 1 failed"
		exit 1
	fi
	ko=$modbuild/driver/mlxsim.ko
fi
[[ -f $ko ]] || die "no module at $ko after the build"
# the guest loads its own copy: another run's build of this kernel removes
# and relinks mod-KERNEL's module while this VM still loads it per script
cp "$ko" "$build/vm-$run.mlxsim.ko"
ko=$build/vm-$run.mlxsim.ko

# --- the initramfs -------------------------------------------------------
# 9p stack from the host's /lib/modules for distro kernels, in load order,
# decompressed here so busybox insmod can load them; the debug kernel has
# it built in.
mods=()
if [[ -z $moddir ]]; then
	declare -A seen=()
	for m in virtio_pci 9pnet_virtio 9p; do
		while read -r what path _; do
			[[ $what == insmod && -z ${seen[$path]:-} ]] || continue
			seen[$path]=1
			mods+=("$path")
		done < <(modprobe -S "$kver" --show-depends "$m" 2>/dev/null || die "$m not found for $kver")
	done
fi

initrd=$build/initramfs-$name.cpio.gz
key=$( {
	echo "$kver"
	cat "$here/guest/init.sh"
	stat -c '%n %s %Y' "$busybox" ${mods[@]+"${mods[@]}"}
} | sha256sum | cut -c1-16)
if [[ ! -f $initrd || $(cat "$initrd.key" 2>/dev/null) != "$key" ]]; then
	stage=$(mktemp -d "$build/initramfs-$name.XXXXXX")
	mkdir -p "$stage"/{bin,dev,proc,sys,mnt,modules}
	cp "$busybox" "$stage/bin/busybox"
	ln -s busybox "$stage/bin/sh"
	install -m 0755 "$here/guest/init.sh" "$stage/init"
	for p in ${mods[@]+"${mods[@]}"}; do
		base=$(basename "$p")
		case $p in
		*.ko.xz) xz -dc "$p" >"$stage/modules/${base%.xz}" ;;
		*.ko.zst) zstd -qdc "$p" >"$stage/modules/${base%.zst}" ;;
		*.ko.gz) gzip -dc "$p" >"$stage/modules/${base%.gz}" ;;
		*) cp "$p" "$stage/modules/$base" ;;
		esac
		echo "${base%.ko*}.ko" >>"$stage/modules/order"
	done
	(cd "$stage" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet | gzip -1) >"$initrd.tmp"
	mv "$initrd.tmp" "$initrd"
	echo "$key" >"$initrd.key"
	rm -rf "$stage"
	say "$name: initramfs $initrd (${#mods[@]} modules)"
fi

# --- boot ----------------------------------------------------------------
tests=${MLXSIM_TESTS:-}
tests=${tests//[[:space:]]/,}
for p in "$repo" "$ko" "$moddir" "$tests"; do
	[[ $p != *[[:space:]]* ]] || die "paths with spaces are not supported: '$p'"
done
append="console=ttyS0,115200 panic=-1 oops=panic loglevel=4 log_buf_len=8M mitigations=off"
append+=" mlxsim.cache=${MLXSIM_VM_9P_CACHE:-loose}"
append+=" mlxsim.root=$repo mlxsim.ko=$ko mlxsim.kernel=$name"
[[ -n $moddir ]] && append+=" mlxsim.moddir=$moddir"
[[ -n $tests ]] && append+=" mlxsim.tests=$tests"
append+=" mlxsim.script_timeout=$script_timeout"
# the scripts' own knobs, passed through to the guest's environment
envs=
for v in MLXSIM_MP_STRESS_SECS MLXSIM_PV_STRESS_SECS MLXSIM_FUZZ_SECONDS MLXSIM_FUZZ_SEED MLXSIM_DEADLINE MLXSIM_SCRIPTS_END; do
	[[ -n ${!v:-} ]] || continue
	[[ ${!v} =~ ^[A-Za-z0-9._-]+$ ]] || die "$v='${!v}': letters, digits and ._- only"
	envs+=${envs:+,}$v=${!v}
done
[[ -n $envs ]] && append+=" mlxsim.env=$envs"

# the module and the initramfs are ready: another run of this kernel may
# build (or find them up to date) and boot beside this one
exec 8>&-
log=$build/vm-$run.log
say "$name: booting (TCG $tcg_thread-threaded, $mem; limits: ${script_timeout}s a script, ${idle_timeout}s silent, ${vm_timeout}s in all), serial log $log"

# one serial line: into the log; to stdout unless inside a kernel log dump
on_line()
{
	local line=${1%$'\r'}

	# terminal control sequences (SeaBIOS, colours)
	line=${line//$'\e'\[*([0-9;?])[a-zA-Z]/}
	line=${line//$'\e'c/}
	printf '%s\n' "$line" >&3
	case $line in
	"==== MLXSIM-VM BEGIN"*)
		boot_s=$(printf '%.1f' "$(echo "$EPOCHREALTIME - $t_boot" | bc)")
		if [[ -n $early_report ]]; then
			echo "vm: $name: the kernel reported a problem before the runner started; stopping this boot" | tee -a /dev/fd/3
			kill "$(cat "$tmp/pid")" 2>/dev/null
		fi
		;;
	*"BUG: "* | *"WARNING: "* | *"Oops"* | *"KASAN"*)
		[[ $boot_s == "?" ]] && early_report=1
		;;
	"==== DMESG"*BEGIN* | "==== KMEMLEAK BEGIN"*) quiet=1 ;;
	esac
	if ((!quiet)) || [[ ${MLXSIM_VM_VERBOSE:-0} == 1 ]]; then
		printf '%s\n' "$line"
	fi
	case $line in
	"==== DMESG"*END* | "==== KMEMLEAK END"*) quiet=0 ;;
	esac
}

# boot_once: run the VM, its serial console into $log; sets qemu_rc.
# TCG threads: with one host thread per vCPU (multi), 6.12 was seen to
# take a stale int3 of its own boot-time code patching ("Oops: int3" in
# sched_clock_cpu); one thread for both vCPUs (single) keeps patched code
# coherent and is as fast for the distro kernels. The debug kernel keeps
# a thread per vCPU: its background work (kmemleak, RCU, KASAN) made it
# 3-4 times slower on one thread, and it never showed the problem.
boot_once()
{
	local tmp st line wait_s=0

	t_boot=$EPOCHREALTIME
	tmp=$(mktemp -d)
	boot_s="?"
	quiet=0
	idle_killed=
	early_report=
	exec 3>"$log"
	while :; do
		st=0
		IFS= read -r -t "$idle_timeout" line || st=$?
		if ((st == 0)); then
			on_line "$line"
			continue
		fi
		if ((st > 128)) && [[ -z $idle_killed ]]; then
			idle_killed=1
			echo "vm: $name: no output for ${idle_timeout}s, killing the VM" | tee -a /dev/fd/3
			kill "$(cat "$tmp/pid")" 2>/dev/null
			continue
		fi
		[[ -n $line ]] && on_line "$line"
		break
	done < <(
		timeout -k 10 "$vm_timeout" qemu-system-x86_64 \
			-accel tcg,thread="$tcg_thread" -cpu max -m "$mem" -smp 2 \
			-nographic -nodefaults -no-user-config -no-reboot \
			-serial stdio -monitor none \
			-kernel "$kernel" -initrd "$initrd" -append "$append" \
			-virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap \
			</dev/null 2>&1 &
		echo $! >"$tmp/pid"
		rc=0
		wait $! || rc=$?
		echo $rc >"$tmp/rc"
	)
	exec 3>&-
	while [[ ! -s $tmp/rc ]] && ((wait_s++ < 30)); do sleep 1; done
	qemu_rc=$(cat "$tmp/rc" 2>/dev/null || echo 255)
	[[ -n $idle_killed ]] && qemu_rc=124
	rm -rf "$tmp"
}

# A kernel that dies, or reports a problem (BUG, WARNING, KASAN...), before
# the runner starts has not loaded mlxsim yet, and a report taints it
# (lockdep turns itself off): boot it once more (the first log is kept)
# before calling it a failure. Seen: a KASAN report from a timer interrupt
# in the debug kernel's identify_cpu() at 0.18 s, on a loaded host.
rm -f "$log.first-boot"
boot_once
if [[ -n $early_report ]] || ! grep -q '^==== MLXSIM-VM BEGIN' "$log"; then
	mv "$log" "$log.first-boot"
	say "$name: the first boot failed before the runner started (log: $log.first-boot); booting once more"
	boot_once
fi
t_end=$EPOCHREALTIME

# --- verdict -------------------------------------------------------------
report=$(awk -v qemu_rc="$qemu_rc" -v timeout="after ${vm_timeout}s, or ${idle_timeout}s without output" -f "$here/parse-log.awk" "$log")
echo "$report" | sed '$d'
read -r _ passed failed skipped <<<"$(echo "$report" | tail -n 1)"
total_s=$(echo "$t_end - $t_start" | bc)
printf '%s: kernel %s, boot %ss, total %.1fs, log %s\n' "$run" "$kver" "$boot_s" "$total_s" "$log"
echo "$run: $passed passed, $failed failed, $skipped skipped"
((failed == 0))
