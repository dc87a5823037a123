#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Runner of the plugin unit tests (make -C tests/plugin run). Ends with
# "plugin: N passed, N failed".
#   1. every event tracepoints/*.h defines has a fixture whose fields are
#      the header's TP_STRUCT__entry, in order (a stale fixture fails:
#      run regen-fixtures.sh);
#   2. trace-cmd lists the plugin's option mlxsim:raw;
#   3. test_plugin against the ASan/UBSan build of the plugin, then against
#      the installable tools/plugins/plugin_mlxsim.so.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)
out=${1:-$top/build/plugin}
fixtures=$here/fixtures
pass=0
fail=0
n=0

ok()
{
	n=$((n + 1))
	if (($1 == 0)); then
		pass=$((pass + 1))
		echo "ok $n - $2"
	else
		fail=$((fail + 1))
		echo "not ok $n - $2"
		[[ -n ${3:-} ]] && printf '%s\n' "$3" | sed 's/^/#   /'
	fi
	return 0
}

mkdir -p "$out"
if ! python3 "$here/tp-fields.py" "$top"/tracepoints/*.h >"$out/events.tsv"; then
	ok 1 "parse tracepoints/*.h"
fi

# 1. fixture fields == TP_STRUCT__entry
while IFS=$'\t' read -r name fields; do
	f=$fixtures/$name.format
	if [[ ! -f $f ]]; then
		ok 1 "$name: fixture matches the header" "no $f (run tests/plugin/regen-fixtures.sh)"
		continue
	fi
	got=$(sed -n 's/^\tfield:\(.*\);\toffset:.*/\1/p' "$f" | grep -v ' common_' | paste -sd';')
	[[ $got == "$fields" ]]
	ok $? "$name: fixture matches the header" \
		"header:  $fields"$'\n'"fixture: $got"$'\n'"(run tests/plugin/regen-fixtures.sh)"
done <"$out/events.tsv"

# 2. the option is listed by trace-cmd, found through TRACEEVENT_PLUGIN_DIR
if command -v trace-cmd >/dev/null; then
	opts=$(HOME=/nonexistent TRACEEVENT_PLUGIN_DIR=$top/tools/plugins trace-cmd options 2>&1)
	grep -A1 -x $'  plugin:\tmlxsim' <<<"$opts" | grep -qx $'  option:\traw'
	ok $? "trace-cmd options lists mlxsim:raw" "$(tail -n 5 <<<"$opts")"
fi

# 3. the C tests, against both builds of the plugin
for dir in "$out/san" "$top/tools/plugins"; do
	echo "# test_plugin with $dir/plugin_mlxsim.so"
	"$out/test_plugin" "$dir" "$fixtures" "$out/events.tsv" >"$out/test.log" 2>&1
	rc=$?
	cat "$out/test.log"
	line=$(grep -E '^cases: [0-9]+ passed, [0-9]+ failed' "$out/test.log" | tail -n1)
	if [[ $line =~ ([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then
		pass=$((pass + BASH_REMATCH[1]))
		fail=$((fail + BASH_REMATCH[2]))
		((rc != 0 && BASH_REMATCH[2] == 0)) && ok 1 "test_plugin exited $rc"
	else
		ok 1 "test_plugin with $dir crashed (exit $rc)"
	fi
done

echo "plugin: $pass passed, $fail failed"
((fail == 0))
