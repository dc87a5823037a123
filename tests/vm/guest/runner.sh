#!/bin/bash
# In-guest test runner of the mlxsim VM tests (started by the initramfs /init,
# inside a chroot of the host's root). Runs tests/vm/guest/t_*.sh, or the ones
# named in $MLXSIM_TESTS (comma or space separated; "smoke", "t_smoke" and
# "t_smoke.sh" are the same), each with bash, each printing TAP. Between
# scripts it makes sure mlxsim is unloaded; at the end it has kmemleak scan
# and prints the kernel log. tests/vm/run.sh reads all of it from the serial
# console; the "==== ... ====" lines are the protocol between the two.
set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export MLXSIM_ROOT=${MLXSIM_ROOT:-$(cd "$here/../../.." && pwd)}
export MLXSIM_KO=${MLXSIM_KO:-}
export MLXSIM_KERNEL=${MLXSIM_KERNEL:-}
: "${MLXSIM_TESTS:=}"
script_timeout=${MLXSIM_SCRIPT_TIMEOUT:-300}
kmemleak=/sys/kernel/debug/kmemleak

echo "==== MLXSIM-VM BEGIN kernel=$MLXSIM_KERNEL release=$(uname -r) uptime=$(cut -d' ' -f1 /proc/uptime) ===="
runner_fail() { echo "# runner: FAIL $*"; }

# kmemleak: forget boot-time objects; no automatic scans (debug.config
# builds it without them; this covers a kernel built with them, whose scan
# every 10 minutes would take the tests' CPU): the runner scans once at
# the end, after the module is gone
if [[ -w $kmemleak ]]; then
	echo clear >"$kmemleak"
	echo scan=off >"$kmemleak"
fi

scripts=()
if [[ -n ${MLXSIM_TESTS//[ ,]/} ]]; then
	for name in ${MLXSIM_TESTS//,/ }; do
		name=${name%.sh}
		name=t_${name#t_}.sh
		if [[ -f $here/$name ]]; then
			scripts+=("$here/$name")
		else
			runner_fail "no test script $name"
		fi
	done
else
	# Benchmarks (a "# mlxsim-vm: bench" line) print figures and run only
	# when named, e.g. by `make bench`; they are not tests.
	for f in "$here"/t_*.sh; do
		[[ -f $f ]] || continue
		grep -q '^# mlxsim-vm: bench$' "$f" && continue
		scripts+=("$f")
	done
fi

dmesg_lines() { dmesg --color=never | wc -l; }

# MLXSIM_DEADLINE (epoch seconds, from make check in CI): a script not
# started by then is reported skipped, not run, and one running is killed
# at MLXSIM_SCRIPTS_END (both from run.sh), so that the check ends inside
# CI's limit with its counts.
deadline=${MLXSIM_DEADLINE:-}
scripts_end=${MLXSIM_SCRIPTS_END:-}
[[ $deadline =~ ^[0-9]+$ && $scripts_end =~ ^[0-9]+$ ]] || deadline=

for script in "${scripts[@]}"; do
	name=$(basename "$script")
	limit=$script_timeout
	if [[ -n $deadline ]]; then
		now=$(date +%s)
		if ((now >= deadline)); then
			echo "# ==== suite $name ===="
			echo "1..0 # SKIP not started: the check's time budget ended (MLXSIM_DEADLINE)"
			echo "# ==== suite-end $name rc=0 ms=0 ===="
			continue
		fi
		((scripts_end - now < limit)) && limit=$((scripts_end - now))
	fi
	mark=$(dmesg_lines)
	start=$(date +%s%N)
	echo "# ==== suite $name ===="
	(cd "$here" && timeout -k 10 "$limit" bash "$script" </dev/null)
	rc=$?
	ms=$((($(date +%s%N) - start) / 1000000))
	((rc == 124)) && echo "# runner: $name killed after ${limit}s"
	echo "# ==== suite-end $name rc=$rc ms=$ms ===="
	if [[ -e /sys/module/mlxsim ]]; then
		echo "# runner: $name left mlxsim loaded, unloading it"
		rmmod mlxsim || runner_fail "rmmod mlxsim after $name"
	fi
	echo "==== DMESG-SUITE $name BEGIN ===="
	dmesg --color=never | tail -n +"$((mark + 1))"
	echo "==== DMESG-SUITE $name END ===="
done

if [[ -e /sys/module/mlxsim ]]; then
	rmmod mlxsim || runner_fail "final rmmod mlxsim"
fi
if [[ -w $kmemleak ]]; then
	# Objects younger than 5 s are never reported: scan, wait, scan again.
	start=$(date +%s%N)
	echo scan >"$kmemleak"
	sleep 5
	echo scan >"$kmemleak"
	echo "==== KMEMLEAK BEGIN ms=$((($(date +%s%N) - start) / 1000000)) ===="
	cat "$kmemleak"
	echo "==== KMEMLEAK END ===="
fi

echo "==== DMESG BEGIN ===="
dmesg --color=never
echo "==== DMESG END ===="
echo "==== MLXSIM-VM END uptime=$(cut -d' ' -f1 /proc/uptime) ===="
