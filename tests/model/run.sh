#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# run.sh all|safety|liveness|mutants: build and run spin's verifiers of
# mlxsim_mp.pml, one at a time.  The real model must show no error; each
# mutant must (a mutant that passes is a failed test).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out=${OUT:-$here/../../build/model}
what=${1:-all}
passed=0
failed=0
mkdir -p "$out"

# verify NAME KIND(safety|liveness) EXPECT(pass|fail) -D...
verify()
{
	local name=$1 kind=$2 expect=$3 dir=$out/$1 errors cc run start
	shift 3
	rm -rf "$dir"
	mkdir -p "$dir"
	cp "$here/mlxsim_mp.pml" "$dir/"
	start=$(date +%s)
	if [[ $kind == safety ]]; then
		cc=(-DSAFETY -DNOCLAIM)
		run=(-m200000)
	else
		cc=(-DNFAIR=3)
		run=(-a -f -m200000 -N live)
	fi
	if ! (cd "$dir" && spin ${SPINFLAGS:-} "$@" -a mlxsim_mp.pml >spin.log 2>&1 &&
	      cc -O2 -w "${cc[@]}" -DCOLLAPSE -DVECTORSZ=2048 -o pan pan.c >>spin.log 2>&1); then
		echo "model $name: spin/cc FAILED ($dir/spin.log)"
		failed=$((failed + 1))
		return
	fi
	(cd "$dir" && ./pan "${run[@]}" >pan.log 2>&1)
	errors=$(sed -n 's/.*errors: \([0-9]*\).*/\1/p' "$dir/pan.log" | tail -n1)
	local states why
	states=$(sed -n 's/^ *\([0-9.e+]*\) states, stored.*/\1/p' "$dir/pan.log" | head -n1)
	why=$(grep -m1 -E '^pan:[0-9]+: ' "$dir/pan.log" | sed 's/ (at depth.*//')
	if [[ -z $errors ]]; then
		echo "model $name ($kind): pan did not finish FAILED ($dir/pan.log)"
		failed=$((failed + 1))
	elif [[ $expect == pass && $errors == 0 ]] ||
	     [[ $expect == fail && $errors != 0 ]]; then
		echo "model $name ($kind): ${states:-?} states, errors $errors${why:+: $why}, $(($(date +%s) - start))s: ok"
		passed=$((passed + 1))
	else
		echo "model $name ($kind): errors $errors, expected to $expect FAILED ($dir/pan.log)"
		[[ -n $why ]] && echo "  $why"
		failed=$((failed + 1))
	fi
}

if ! command -v spin >/dev/null; then
	echo "model: spin not installed (apt-get install spin, or make deps)"
	echo "model: 0 passed, 1 failed"
	exit 1
fi
case $what in
all|safety) verify safety safety pass ;;
esac
case $what in
all|liveness) verify liveness liveness pass -DLIVENESS ;;
esac
case $what in
all|mutants)
	verify mut_requeue safety fail -DMUT_REQUEUE
	verify mut_put_uaf safety fail -DMUT_PUT_UAF
	verify mut_no_recheck safety fail -DMUT_NO_RECHECK
	verify mut_no_drain_end safety fail -DMUT_NO_DRAIN_END
	verify mut_lost_wakeup safety fail -DMUT_LOST_WAKEUP
	;;
esac
echo "model: $passed passed, $failed failed"
((failed == 0))
