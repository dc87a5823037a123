#!/bin/bash
# Rebuild the debugfs tables dumped by t_mlxtop_cli.sh ("# fixture PATH: LINE"
# in the VM serial log) as a directory tree for the unit tests.
# Usage: capture-fixture.sh [build/vm-deb61.log] [tests/mlxtop/fixtures/vm]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
log=${1:-$here/../../build/vm-deb61.log}
out=${2:-$here/fixtures/vm}
grep -q '^# fixture ' "$log" || { echo "no fixture lines in $log" >&2; exit 1; }
rm -rf "$out"
mkdir -p "$out"
tr -d '\r' <"$log" | awk -v out="$out" '
	/^# fixture / {
		line = substr($0, 11)
		i = index(line, ": ")
		path = substr(line, 1, i - 1)
		text = substr(line, i + 2)
		if (!(path in seen)) {
			seen[path] = 1
			d = path; sub(/\/[^\/]*$/, "", d)
			if (d != path) system("mkdir -p \"" out "/" d "\"")
			printf "" > (out "/" path)
		}
		print text >> (out "/" path)
		close(out "/" path)
	}'
echo "fixture: $(find "$out" -type f | wc -l) files in $out"
