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
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
kernels=${MLXSIM_KERNELS:-deb61 bpo612 debug}
mkdir -p "$top/build"
summary="$top/build/check-summary.txt"
: > "$summary"
total_pass=0
total_fail=0

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
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
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
for k in $kernels; do
	if [[ $k == debug && $debug_tests != all ]]; then
		run_suite "$k" env MLXSIM_TESTS="$debug_tests" "$top/tests/vm/run.sh" "$k"
	else
		run_suite "$k" "$top/tests/vm/run.sh" "$k"
	fi
done

echo "=== summary ==="
cat "$summary"
echo "$total_pass passed, $total_fail failed"
(( total_fail == 0 ))
