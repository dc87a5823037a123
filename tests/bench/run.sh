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
