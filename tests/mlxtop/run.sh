#!/bin/bash
# mlxtop tests on the host: the ASan/UBSan unit binary, then the built tool
# against saved tables (no module needed). Last line:
# "mlxtop: N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
unit=${1:-$top/build/mlxtop/mlxtop_tests}
mlxtop=$top/tools/mlxtop/mlxtop
fx=$here/fixtures/topo
pass=0
fail=0
n=0

ok() { n=$((n + 1)); pass=$((pass + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); fail=$((fail + 1)); echo "not ok $n - $1"; [[ -n ${2:-} ]] && echo "# $2"; }
check() { local name=$1; shift; if "$@"; then ok "$name"; else nok "$name"; fi; }

out=$("$unit" "$here/fixtures" 2>&1)
echo "$out" | sed 's/^/# /'
line=$(echo "$out" | grep -E '^unit: [0-9]+ passed, [0-9]+ failed' | tail -n1)
if [[ $line =~ ([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then
	pass=$((pass + BASH_REMATCH[1]))
	fail=$((fail + BASH_REMATCH[2]))
else
	nok "unit binary crashed"
fi

[[ -x $mlxtop ]] || make -s -C "$top/tools/mlxtop" >/dev/null
check "--help is a usage text, exit 0" bash -c "'$mlxtop' --help | grep -q '^Usage: mlxtop'"
"$mlxtop" --bogus >/dev/null 2>&1
check "unknown option: exit 2" test $? -eq 2
"$mlxtop" --once --json -D "$fx" >/dev/null 2>&1
check "--once with --json: exit 2" test $? -eq 2
msg=$("$mlxtop" --once -D /nonexistent 2>&1)
check "missing tables: exit 1, one line" test $? -eq 1 -a "$(echo "$msg" | wc -l)" -eq 1
check "--once lists the functions" bash -c "'$mlxtop' --once -D '$fx' | grep -Eq '^ +2 0x0002c90300000100 pf +slave +2 bound +1 +2 +3 '"
check "--json is valid JSON" bash -c "'$mlxtop' --json -D '$fx' | python3 -m json.tool >/dev/null"
check "--json matches the tables field for field" python3 "$here/compare.py" "$fx" "$mlxtop"
check "--json matches the VM's tables field for field" python3 "$here/compare.py" "$here/fixtures/vm" "$mlxtop"
lines=$("$mlxtop" -l --csv -n 2 -d 0.1 -D "$fx" | wc -l)
check "--log --csv: header + one line per interval" test "$lines" -eq 3
check "--log lines are flushed to a pipe" bash -c "timeout 5 '$mlxtop' -l -d 0.1 -D '$fx' | head -n 2 | wc -l | grep -qx 2"
check "man page renders cleanly" bash -c "! MANWIDTH=80 man -l --warnings '$top/tools/mlxtop/mlxtop.1' 2>&1 >/dev/null | grep -q ."
"$mlxtop" -D "$fx" </dev/null >/dev/null 2>&1
check "display without a terminal: exit 1" test $? -eq 1

echo "mlxtop: $pass passed, $fail failed"
((fail == 0))
