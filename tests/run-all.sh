#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# `make check`: unit tests, then the VM suite on every supported kernel.
# Each suite ends with "NAME: N passed, N failed[, N skipped]"; this sums
# them, prints a table of every suite's counts and seconds, and ends the run
# with one "N passed, N failed, N skipped" line.
# MLXSIM_KERNELS="deb61 bpo612 debug" selects kernels.
#
# The stock kernels run every VM test script. The debug kernel (KASAN,
# lockdep, kmemleak under TCG) runs each script 5-10 times slower: every
# script there and CI's 60 minutes do not both hold (tests/vm/README.md,
# "CI time"), so it runs every script that drives a kernel path of the
# module -- function lifecycle and error paths, fault injection, the
# randomized input, all multiport, P_Key, MAD and ib_core scripts -- and
# not the userspace tools' tests (mlxtop, the trace-cmd plugin, trace
# formats, environment), whose behaviour does not depend on the kernel's
# debug options. MLXSIM_DEBUG_TESTS overrides the list ("all" runs every
# script).
#
# A distro kernel's VM keeps one host core busy (single-threaded TCG) and
# so, mostly, does the debug kernel's: on two cores the debug kernel is
# built first (when not cached; it needs both cores), then its VM runs in
# the background beside the stock kernels' VMs, its output kept in
# build/check-debug.log and printed when it ends.
# MLXSIM_CHECK_SERIAL=1 runs everything one after another.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
kernels=${MLXSIM_KERNELS:-deb61 bpo612 debug}
mkdir -p "$top/build"
summary="$top/build/check-summary.txt"
: > "$summary"
t_check=$(date +%s)
# .ci/run installs the packages first and says how long it took
if [[ ${MLXSIM_DEPS_SECONDS:-} =~ ^[0-9]+$ ]]; then
	echo "packages - - - $MLXSIM_DEPS_SECONDS 0" >> "$summary"
	t_check=$((t_check - MLXSIM_DEPS_SECONDS))
fi

# mlxsimctl's MAD builder tests print "mlxsimctl: N checks, N failed"
mlxsimctl_tests()
{
	local out rc

	out=$(make --no-print-directory -C "$top/tools/mlxsimctl" test 2>&1)
	rc=$?
	echo "$out"
	sed -nE 's/^mlxsimctl: ([0-9]+) checks, ([0-9]+) failed$/\1 \2/p' <<<"$out" |
		while read -r n f; do
			echo "mlxsimctl: $((n - f)) passed, $f failed"
		done
	return $rc
}

run_suite() {
	local name=$1; shift
	local log="$top/build/check-$name.log" start end line p f sk
	start=$(date +%s)
	echo "=== $name ==="
	"$@" 2>&1 | tee "$log"
	local rc=${PIPESTATUS[0]}
	end=$(date +%s)
	line=$(grep -E '^[A-Za-z0-9_-]+: [0-9]+ passed, [0-9]+ failed' "$log" | tail -n1)
	sk=0
	if [[ $line =~ ([0-9]+)\ passed,\ ([0-9]+)\ failed(,\ ([0-9]+)\ skipped)? ]]; then
		p=${BASH_REMATCH[1]}
		f=${BASH_REMATCH[2]}
		sk=${BASH_REMATCH[4]:-0}
	else
		p=0
		f=1
	fi
	# a suite that crashed without reporting a failure still failed
	if (( rc != 0 && f == 0 )); then
		f=1
	fi
	# name passed failed skipped seconds exit
	echo "$name $p $f $sk $((end - start)) $rc" >> "$summary"
}

# The VM tests run the host tree's tools (mlxtop, mlxsimctl, the plugin):
# build them first; a build failure fails the run.
build_tools()
{
	make --no-print-directory -C "$top/tools" && echo "tools: 1 passed, 0 failed"
}
run_suite tools build_tools
run_suite unit make --no-print-directory -C "$top/tests/unit" run
run_suite mlxsimctl mlxsimctl_tests
run_suite mlxtop make --no-print-directory -C "$top/tests/mlxtop" run
run_suite plugin make --no-print-directory -C "$top/tests/plugin" run
run_suite fuzz make --no-print-directory -C "$top/tests/fuzz" check
run_suite model make --no-print-directory -C "$top/tests/model" check
# the Debian packages, and their module built per the DKMS config for the
# stock kernels, for t_deb_install.sh in the VMs (the guest's root is the
# host's, read-only: it cannot build there in time)
deb_prepare()
{
	make --no-print-directory -C "$top" deb &&
	bash "$top/tests/vm/guest/t_deb_install.sh" --prepare all &&
	echo "deb: 1 passed, 0 failed"
}
run_suite deb deb_prepare
debug_tests=${MLXSIM_DEBUG_TESTS:-fn_lifecycle,fn_badinput,fn_fwcmd,fn_fault_add,fuzz_input,mp_affiliation,mp_trace,mp_unbind_wait,mp_stress,pkey_tables,pkey_stress,qp_paravirt,smp_snoop,ib_reg,ib_bind,ib_sm,ib_vf}

vm_suite()
{
	local t list=

	if [[ $1 == debug && $debug_tests != all ]]; then
		# names of the default list a tree does not have yet are left out
		for t in ${debug_tests//,/ }; do
			if [[ -f $top/tests/vm/guest/t_$t.sh ]]; then
				list+=${list:+,}$t
			elif [[ -n ${MLXSIM_DEBUG_TESTS:-} ]]; then
				list+=${list:+,}$t	# asked for: the runner fails it
			else
				echo "debug: no t_$t.sh in this tree, left out"
			fi
		done
		MLXSIM_TESTS=$list "$top/tests/vm/run.sh" "$1"
	else
		"$top/tests/vm/run.sh" "$1"
	fi
}

bg_pid=
if [[ " $kernels " == *" debug "* && $kernels != debug &&
      ${MLXSIM_CHECK_SERIAL:-0} != 1 ]]; then
	# a build failure shows here; run.sh debug then fails on its own
	echo "=== debug kernel ==="
	t_build=$(date +%s)
	"$top/tests/vm/build-debug-kernel.sh" >/dev/null
	rc=$?
	echo "debug-kernel - - - $(($(date +%s) - t_build)) $rc" >> "$summary"
	echo "=== debug: in the background, log $top/build/check-debug.log ==="
	run_suite debug vm_suite debug >/dev/null 2>&1 &
	bg_pid=$!
	kernels=$(tr ' ' '\n' <<<"$kernels" | grep -vx debug | tr '\n' ' ')
fi
for k in $kernels; do
	run_suite "$k" vm_suite "$k"
done
if [[ -n $bg_pid ]]; then
	echo "=== debug: waiting for the background run ==="
	wait "$bg_pid"
	cat "$top/build/check-debug.log"
fi

echo "=== summary ==="
# one row a suite, then the total; "-": not a test suite (the packages,
# the debug kernel build);
# "debug" ran in the background, beside deb61 and bpo612
awk -v wall=$(($(date +%s) - t_check)) -v bg="$bg_pid" '
	BEGIN { printf "%-14s %7s %7s %8s %8s %5s\n", "suite", "passed", "failed", "skipped", "seconds", "exit" }
	{ printf "%-14s %7s %7s %8s %8d %5s%s\n", $1, $2, $3, $4, $5, $6, \
		($1 == "debug" && bg != "") ? "  (in the background)" : ""
	  p += $2; f += $3; s += $4 }
	END { printf "%-14s %7d %7d %8d %8d\n", "total (wall)", p, f, s, wall }' "$summary"
awk '{ p += $2; f += $3; s += $4 } END { printf "%d passed, %d failed, %d skipped\n", p, f, s; exit f != 0 }' "$summary"
