#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# `make check`: unit tests, then the VM suite on every supported kernel.
# Each suite ends with "NAME: N passed, N failed"; this sums them and ends
# the run with one "N passed, N failed" line.
# MLXSIM_KERNELS="deb61 bpo612 debug" selects kernels.
#
# The stock kernels run every VM test script. The debug kernel (KASAN,
# lockdep, kmemleak under TCG) runs 2-5x slower, so to keep `make check`
# inside CI's 90 minutes it runs the scripts that drive the module's own
# kernel paths (lifecycle, error paths, references and unbind waits,
# concurrency, ib_core registration) and not the userspace tools' tests,
# whose behaviour does not depend on the kernel's debug options.
# MLXSIM_DEBUG_TESTS overrides the list ("all" runs every script).
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
	local log="$top/build/check-$name.log" start end line p f
	start=$(date +%s)
	echo "=== $name ==="
	"$@" 2>&1 | tee "$log"
	local rc=${PIPESTATUS[0]}
	end=$(date +%s)
	line=$(grep -E '^[A-Za-z0-9_-]+: [0-9]+ passed, [0-9]+ failed' "$log" | tail -n1)
	if [[ $line =~ ([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then
		p=${BASH_REMATCH[1]}
		f=${BASH_REMATCH[2]}
	else
		p=0
		f=1
	fi
	# a suite that crashed without reporting a failure still failed
	if (( rc != 0 && f == 0 )); then
		f=1
	fi
	printf '%-8s %4d passed %4d failed %5ds (exit %d)\n' \
		"$name" "$p" "$f" $((end - start)) "$rc" >> "$summary"
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
debug_tests=${MLXSIM_DEBUG_TESTS:-fn_lifecycle,fn_badinput,fn_fwcmd,mp_unbind_wait,mp_stress,smp_snoop,qp_paravirt,pkey_stress,ib_reg,ib_bind,trace_plugin}

vm_suite()
{
	if [[ $1 == debug && $debug_tests != all ]]; then
		MLXSIM_TESTS=$debug_tests "$top/tests/vm/run.sh" "$1"
	else
		"$top/tests/vm/run.sh" "$1"
	fi
}

bg_pid=
if [[ " $kernels " == *" debug "* && $kernels != debug &&
      ${MLXSIM_CHECK_SERIAL:-0} != 1 ]]; then
	# a build failure shows here; run.sh debug then fails on its own
	echo "=== debug kernel ==="
	"$top/tests/vm/build-debug-kernel.sh" >/dev/null
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
cat "$summary"
awk '{ p += $2; f += $4 } END { printf "%d passed, %d failed\n", p, f; exit f != 0 }' "$summary"
