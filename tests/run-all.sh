#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# `make check`: unit tests, then the VM suite on every supported kernel.
# Each suite ends with "NAME: N passed, N failed[, N skipped]"; this sums
# them, prints a table of every suite's counts and seconds, and ends the run
# with one "N passed, N failed, N skipped" line.
# MLXSIM_KERNELS="deb61 bpo612 debug" selects kernels.
#
# The stock kernels run every VM test script. The debug kernel (KASAN,
# lockdep, kmemleak under TCG) runs a script 5-16 times slower, so every
# script there does not fit CI's 90 minutes (tests/vm/README.md, "CI
# time"). It runs every script that drives a kernel path of the module --
# lifecycle, add-time faults, bad input, firmware commands, every
# multiport, P_Key, QP, snoop, ib_core, Subnet Manager and VF-device
# script, the randomized input -- and not the userspace tools' tests
# (mlxtop, the trace-cmd plugin, trace formats, environment), whose
# behaviour does not depend on the kernel's debug options.
# MLXSIM_DEBUG_TESTS overrides the list ("all": every script).
#
# A distro kernel's VM keeps about one host core busy, and so does the
# debug kernel's. On two cores the debug kernel's build (when not cached;
# it takes both cores) starts first, beside the userspace suites; then
# its scripts run in two VMs (below), one in the background beside the
# stock kernels' VMs, its output kept in build/check-debug.log and
# printed when it ends.
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
# In CI (90 minutes, then killed) no VM starts a test script after
# MLXSIM_CHECK_BUDGET seconds (default 4500, from .ci/run's start): the
# scripts left are reported skipped and the run still ends with its
# counts, instead of being cut off with none.
# The time-bounded scripts (both stress scripts, the randomized input) run
# 30 s there, not 60, on every kernel.
if [[ ${CI:-} == true ]]; then
	if [[ -z ${MLXSIM_DEADLINE:-} ]]; then
		export MLXSIM_DEADLINE=$((t_check + ${MLXSIM_CHECK_BUDGET:-4500}))
	fi
	export MLXSIM_MP_STRESS_SECS=${MLXSIM_MP_STRESS_SECS:-30}
	export MLXSIM_PV_STRESS_SECS=${MLXSIM_PV_STRESS_SECS:-30}
	export MLXSIM_FUZZ_SECONDS=${MLXSIM_FUZZ_SECONDS:-30}
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
# The debug kernel's build (when not cached) is the longest step: it
# starts first, in the background, beside the userspace suites
build_pid=
if [[ " $kernels " == *" debug "* && $kernels != debug &&
      ${MLXSIM_CHECK_SERIAL:-0} != 1 ]]; then
	echo "=== debug kernel: building in the background, log $top/build/check-debug-kernel.log ==="
	t_build=$(date +%s)
	"$top/tests/vm/build-debug-kernel.sh" >/dev/null 2>"$top/build/check-debug-kernel.log" &
	build_pid=$!
fi
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
# The debug kernel's scripts, in two VMs: "debug" runs in the background
# beside the stock kernels' VMs, "debug2" after them, so both cores stay
# busy to the end (measured: 2460 s, and 941 s after the stock kernels'
# 1471 s).
# Most telling first: with a deadline (CI) the tail is what gets skipped.
debug_a=fn_lifecycle,fn_fault_add,fn_badinput,fn_fwcmd,mp_affiliation,mp_unbind_wait,mp_stress,pkey_tables,pkey_stress,qp_paravirt,smp_snoop,ib_vf,fuzz_input,ib_reg
debug_b=ib_sm,ib_bind,mp_trace

# debug_list LIST: the scripts of LIST this tree has ("all": every one)
debug_list()
{
	local t list=

	[[ $1 == all ]] && return 0
	for t in ${1//,/ }; do
		if [[ -f $top/tests/vm/guest/t_$t.sh ]]; then
			list+=${list:+,}$t
		elif [[ -n ${MLXSIM_DEBUG_TESTS:-} ]]; then
			list+=${list:+,}$t	# asked for: the runner fails it
		else
			echo "debug: no t_$t.sh in this tree, left out" >&2
		fi
	done
	echo "$list"
}

# vm_suite KERNEL [RUN LIST]: the VM suite of KERNEL, with a debug LIST
# as run RUN
vm_suite()
{
	if [[ $1 == debug ]]; then
		MLXSIM_VM_RUN=$2 MLXSIM_TESTS=$(debug_list "$3") \
			"$top/tests/vm/run.sh" debug
	else
		"$top/tests/vm/run.sh" "$1"
	fi
}

bg_pid=
split=0
if [[ -n $build_pid ]]; then
	# a build failure shows here; run.sh debug then fails on its own
	echo "=== debug kernel: waiting for its build ==="
	wait "$build_pid"
	rc=$?
	((rc == 0)) || tail -n 40 "$top/build/check-debug-kernel.log"
	echo "debug-kernel - - - $(($(date +%s) - t_build)) $rc" >> "$summary"
	kernels=$(tr ' ' '\n' <<<"$kernels" | grep -vx debug | tr '\n' ' ')
	if [[ -n ${MLXSIM_DEBUG_TESTS:-} ]]; then
		list_a=$MLXSIM_DEBUG_TESTS
	else
		list_a=$debug_a
		split=1
	fi
	echo "=== debug: in the background, log $top/build/check-debug.log ==="
	run_suite debug vm_suite debug debug "$list_a" >/dev/null 2>&1 &
	bg_pid=$!
fi
for k in $kernels; do
	if [[ $k == debug ]]; then
		run_suite debug vm_suite debug debug "${MLXSIM_DEBUG_TESTS:-$debug_a,$debug_b}"
	else
		run_suite "$k" vm_suite "$k"
	fi
done
if ((split)); then
	run_suite debug2 vm_suite debug debug2 "$debug_b"
fi
if [[ -n $bg_pid ]]; then
	echo "=== debug: waiting for the background run ==="
	wait "$bg_pid"
	cat "$top/build/check-debug.log"
fi

echo "=== summary ==="
# one row a suite, then the total; "-": not a test suite (the packages,
# the debug kernel build);
# "debug" ran in the background, beside deb61, bpo612 and debug2
awk -v wall=$(($(date +%s) - t_check)) -v bg="$bg_pid" '
	BEGIN { printf "%-14s %7s %7s %8s %8s %5s\n", "suite", "passed", "failed", "skipped", "seconds", "exit" }
	{ printf "%-14s %7s %7s %8s %8d %5s%s\n", $1, $2, $3, $4, $5, $6, \
		($1 == "debug" && bg != "") ? "  (in the background)" : ""
	  p += $2; f += $3; s += $4 }
	END { printf "%-14s %7d %7d %8d %8d\n", "total (wall)", p, f, s, wall }' "$summary"
awk '{ p += $2; f += $3; s += $4 } END { printf "%d passed, %d failed, %d skipped\n", p, f, s; exit f != 0 }' "$summary"
