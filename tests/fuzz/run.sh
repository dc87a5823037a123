#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# run.sh SECONDS TARGET...: per target, replay its corpus (every seed must
# pass), then fuzz it for SECONDS from the corpus; one fuzzer at a time.
# New inputs go to $OUT/work/TARGET (never into the repository); a crash
# leaves $OUT/crash-TARGET-*.  Ends with "fuzz: N passed, N failed".
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out=${OUT:-$here/../../build/fuzz}
secs=$1
shift
passed=0
failed=0

for t in "$@"; do
	bin=$out/fuzz_$t
	corpus=$here/corpus/$t
	work=$out/work/$t
	log=$out/$t.log
	mkdir -p "$work" "$corpus"
	rm -f "$out"/crash-"$t"-* "$out"/timeout-"$t"-* "$out"/oom-"$t"-* \
	      "$out"/leak-"$t"-*
	seeds=$(find "$corpus" -type f | wc -l)

	if ! "$bin" -runs=0 "$corpus" >"$log" 2>&1; then
		echo "fuzz $t: replay of $seeds seeds FAILED (log $log)"
		tail -n 20 "$log"
		failed=$((failed + 1))
		continue
	fi
	"$bin" -max_total_time="$secs" -print_final_stats=1 -timeout=10 \
		-rss_limit_mb=2048 -artifact_prefix="$out/crash-$t-" \
		"$work" "$corpus" >>"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)
	crashes=$(find "$out" -maxdepth 1 -name "crash-$t-*" -o -maxdepth 1 \
		-name "timeout-$t-*" -o -maxdepth 1 -name "oom-$t-*" \
		-o -maxdepth 1 -name "leak-$t-*" | wc -l)
	cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -n1)
	if ((rc == 0 && crashes == 0)); then
		echo "fuzz $t: $seeds seeds ok, ${execs:-0} executions in ${secs}s, ${cov:-cov: ?}, 0 crashes"
		passed=$((passed + 1))
	else
		echo "fuzz $t: ${execs:-?} executions, $crashes crashes, exit $rc FAILED (log $log)"
		grep -E '^fuzz: |ERROR: |SUMMARY: ' "$log" | head -n 5
		ls "$out"/*-"$t"-* 2>/dev/null | head -n 3
		failed=$((failed + 1))
	fi
done
echo "fuzz: $passed passed, $failed failed"
((failed == 0))
