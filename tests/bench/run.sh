#!/bin/bash
# Benchmarks of mlxsim's shared logic, built in userspace with -O2 (the
# same sources as the module).  Figures only: nothing here passes or fails.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out=$top/build/bench
mkdir -p "$out"
${CC:-cc} -std=gnu11 -O2 -Wall -Wextra -Wno-unused-parameter \
	-include "$top/tests/unit/shim/deps.h" -I"$top/include" \
	-o "$out/mp_bench" "$top/tests/bench/mp_bench.c" \
	"$top/driver/logic/mp.c" "$top/driver/logic/mp_index.c"
"$out/mp_bench"
# P_Key paravirtualization: snoop per MAD (8 vs 79 VFs), QP rewrite
${CC:-cc} -std=gnu11 -O2 -Wall -Wextra -Wno-unused-parameter \
	-include "$top/tests/unit/shim/deps.h" -I"$top/include" \
	-o "$out/pv_bench" "$top/tests/bench/pv_bench.c" \
	"$top/driver/logic/pkey.c" "$top/driver/logic/smp_snoop.c" \
	"$top/driver/logic/qp_paravirt.c" "$top/driver/logic/qp_state.c" \
	"$top/driver/logic/names.c" "$top/driver/logic/parse.c"
"$out/pv_bench"
# In the 6.1 VM, one boot for both: mlxtop against trace-cmd stream on one
# event burst; MADs through umad (ib_umad -> process_mad) against debugfs
# port<P>/mad per MAD, OpenSM to SUBNET UP, `mlxsimctl sm` (the VM runs
# the host's tools/mlxsimctl/mlxsimctl: built here first)
if [[ ${MLXSIM_BENCH_VM:-1} == 1 ]]; then
	make --no-print-directory -s -C "$top/tools/mlxsimctl" mlxsimctl ||
		echo "bench: tools/mlxsimctl did not build: ib_mad_perf skips"
	MLXSIM_TESTS=mlxtop_perf,ib_mad_perf "$top/tests/vm/run.sh" deb61 |
		grep -E '^# |^(not )?ok ' || true
fi
