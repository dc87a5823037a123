#!/bin/bash
# `make demo`: boot the test VM (tests/vm's kernel choice, initramfs and
# QEMU setup), load mlxsim, build a topology, keep a scenario running and
# show mlxtop on this terminal, at its size. Quitting mlxtop (q or Ctrl-C)
# powers the VM off and exits 0; a VM that stops otherwise (Ctrl-a x, a
# crash) exits 1. The terminal is restored either way. Resizing the
# terminal resizes mlxtop: the new size goes to the guest over the second
# serial port (`size ROWS COLS`), where demo-guest.sh sets it on the
# console, which sends mlxtop SIGWINCH. Without a terminal (CI=true, or
# stdin/stdout not a tty) it prints `mlxtop --once` a few times instead.
#
# Environment: MLXSIM_DEMO_KERNEL=deb61|bpo612 (default deb61),
# MLXSIM_VM_MEM (default 1G), MLXSIM_DEMO_TIMEOUT (batch mode, default 300).
#
# It talks to tests/vm only through its files: the initramfs that
# tests/vm/run.sh builds (a smoke run builds it when missing) and the
# documented kernel command line of tests/vm/guest/init.sh. init.sh runs
# ROOT/tests/vm/guest/runner.sh; the demo gives it a ROOT whose runner is
# a stub that starts tests/vm/demo-guest.sh.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=$repo/build
name=${MLXSIM_DEMO_KERNEL:-deb61}
say() { echo "demo: $*" >&2; }
die() { echo "demo: error: $*" >&2; exit 1; }

interactive=1
if [[ ${CI:-} == true || ! -t 0 || ! -t 1 ]]; then
	interactive=0
fi

case $name in
deb61) ver=6.1 ;;
bpo612) ver=6.12 ;;
*) die "MLXSIM_DEMO_KERNEL must be deb61 or bpo612" ;;
esac
kver=
for f in /boot/vmlinuz-"$ver".*-amd64; do
	[[ -e $f ]] || continue
	k=${f#/boot/vmlinuz-}
	[[ -d /usr/src/linux-headers-$k ]] || continue
	kver=$(printf '%s\n%s\n' "$kver" "$k" | sed '/^$/d' | sort -V | tail -n 1)
done
[[ -n $kver ]] || die "no $ver kernel with headers (run scripts/install-deps.sh as root)"
kernel=/boot/vmlinuz-$kver
[[ -r $kernel ]] || die "cannot read $kernel: run as root"
command -v qemu-system-x86_64 >/dev/null || die "qemu-system-x86_64 missing (run scripts/install-deps.sh)"

say "building mlxtop and the module for $kver"
mkdir -p "$build"
blog=$build/demo-build.log
# the build's notes (BTF, Kbuild) go to the log, shown only on failure
make -s -C "$repo/tools/mlxtop" >"$blog" 2>&1 || { cat "$blog" >&2; die "mlxtop does not build"; }
modbuild=$build/mod-demo-$name
make -s -C "$repo" module KDIR="/usr/src/linux-headers-$kver" MODBUILD="$modbuild" >>"$blog" 2>&1 ||
	{ cat "$blog" >&2; die "the module does not build (log: $blog)"; }
initrd=$build/initramfs-$name.cpio.gz
if [[ ! -f $initrd ]]; then
	say "no $initrd yet: a smoke run of tests/vm builds it"
	MLXSIM_TESTS=smoke "$here/run.sh" "$name" >/dev/null || die "tests/vm/run.sh $name smoke failed"
fi

# The runner init.sh starts, under a root of our own.
droot=$build/demo-root
mkdir -p "$droot/tests/vm/guest"
printf '#!/bin/bash\nexec /bin/bash %s/tests/vm/demo-guest.sh\n' "$repo" >"$droot/tests/vm/guest/runner.sh"
chmod +x "$droot/tests/vm/guest/runner.sh"

append="console=ttyS0,115200 panic=-1 loglevel=1 quiet mitigations=off"
append+=" mlxsim.root=$droot mlxsim.ko=$modbuild/driver/mlxsim.ko mlxsim.kernel=$name"
append+=" mlxsim.demo_repo=$repo"
qemu=(qemu-system-x86_64 -accel tcg,thread=single -cpu max -m "${MLXSIM_VM_MEM:-1G}" -smp 2
	-nographic -nodefaults -no-user-config -no-reboot
	-kernel "$kernel" -initrd "$initrd"
	-virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap)

# The terminal as it was: line wrap on (the guest's console turns it
# off), sane modes, the user's screen back (the VM ran on the alternate one).
restore_tty()
{
	printf '\e[?7h\e[?25h\e[0m\e[?1049l'
	stty sane 2>/dev/null || true
}

if ((interactive)); then
	read -r rows cols < <(stty size)
	# ttyS1 both ways, two FIFOs: the guest's word that mlxtop quit comes
	# out (no word: the VM died), the terminal's size goes in
	status=$build/demo-$name.status
	ctl=$build/demo-$name.ctl
	rm -f "$status" "$ctl.in" "$ctl.out"
	mkfifo "$ctl.in" "$ctl.out"
	# read-write opens never block, whoever comes first
	exec {ctl_w}<>"$ctl.in"
	cat <>"$ctl.out" >"$status" &
	reader=$!
	qpid=
	# a resize: the new size to the guest (it sets the console's and
	# mlxtop redraws); the trap runs as soon as `wait` below is interrupted
	send_size()
	{
		local r c
		read -r r c < <(stty size 2>/dev/null) || return 0
		[[ $r =~ ^[0-9]+$ && $c =~ ^[0-9]+$ ]] || return 0
		printf 'size %d %d\n' "$r" "$c" >&"$ctl_w" 2>/dev/null || true
	}
	finish()
	{
		restore_tty
		[[ -n $qpid ]] && kill "$qpid" 2>/dev/null
		kill "$reader" 2>/dev/null
		rm -f "$ctl.in" "$ctl.out"
	}
	say "booting $kver (TCG: about 15 s); mlxtop starts at ${cols}x${rows}; q or Ctrl-C quits and powers off"
	trap 'finish' EXIT
	# the alternate screen keeps BIOS and kernel noise off the user's screen
	printf '\e[?1049h\e[H\e[2J\e]0;mlxsim demo: q quits\a'
	set +e
	# in the background, so that SIGWINCH is handled while QEMU runs
	# (bash runs traps only between commands); stdin stays the terminal
	"${qemu[@]}" -serial mon:stdio -chardev pipe,id=ctl,path="$ctl" -serial chardev:ctl \
		-monitor none \
		-append "$append mlxsim.demo=tty mlxsim.rows=$rows mlxsim.cols=$cols mlxsim.term=${TERM:-xterm}" \
		<&0 &
	qpid=$!
	trap 'send_size' WINCH
	while :; do
		wait "$qpid"
		rc=$?
		# > 128 with QEMU still there: a trap interrupted the wait
		kill -0 "$qpid" 2>/dev/null || break
	done
	trap - WINCH
	qpid=
	set -e
	# what the guest said before powering off has been read: stop reading
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		grep -q 'MLXTOP-DEMO-QUIT' "$status" 2>/dev/null && break
		sleep 0.1
	done
	finish
	trap - EXIT
	if ((rc != 0)); then
		die "QEMU failed (exit status $rc)"
	fi
	if ! grep -q 'MLXTOP-DEMO-QUIT' "$status" 2>/dev/null; then
		die "the VM stopped before mlxtop quit (QEMU killed, Ctrl-a x, or a guest crash)"
	fi
	say "mlxtop quit; the VM is powered off"
	exit 0
fi

say "no terminal: batch demo (mlxtop --once three times)"
log=$build/demo-$name.log
set +e
timeout -k 10 "${MLXSIM_DEMO_TIMEOUT:-300}" "${qemu[@]}" -serial stdio -monitor none \
	-append "$append mlxsim.demo=batch" </dev/null 2>&1 | tr -d '\r' | tee "$log" |
	sed -n '/^==== mlxtop --once/,/^==== MLXTOP-DEMO OK/p'
set -e
grep -q '^==== MLXTOP-DEMO OK' "$log" || die "the demo did not complete; serial log in $log"
exit 0
