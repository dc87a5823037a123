#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# checkpatch --strict over the kernel-side sources, with the script taken
# from Debian's linux-source-6.1 tarball (extracted once into build/).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
tarball=$(ls /usr/src/linux-source-6.1.tar.* 2>/dev/null | head -n1 || true)
dir="$top/build/checkpatch"
if [[ ! -x $dir/scripts/checkpatch.pl ]]; then
	if [[ -z $tarball ]]; then
		echo "checkpatch: /usr/src/linux-source-6.1.tar.xz missing: apt-get install linux-source-6.1" >&2
		exit 1
	fi
	mkdir -p "$dir"
	tar -xf "$tarball" -C "$dir" --strip-components=1 \
		linux-source-6.1/scripts/checkpatch.pl \
		linux-source-6.1/scripts/spelling.txt \
		linux-source-6.1/scripts/const_structs.checkpatch
fi

cd "$top"
cp="$dir/scripts/checkpatch.pl --strict --no-tree --terse --show-types --summary-file"
# Out of tree we must build against 6.1 and 6.12: version checks are needed.
common=LINUX_VERSION_CODE,CONSTANT_COMPARISON
# The X-macro name tables (STYLE.md) are lists, not expressions: checkpatch's
# macro heuristics (parenthesise the value, argument reuse, a designated
# initialiser or a leading comma in a macro body, TRACE_DEFINE_ENUM's ';')
# do not apply to them.  Only these files get those exemptions.
xmacro_files='include/mlxsim/names.h include/mlxsim/types.h tracepoints/mlxsim_trace_common.h driver/logic/names.c'
xmacro=COMPLEX_MACRO,MACRO_ARG_REUSE,MACRO_ARG_PRECEDENCE,BRACKET_SPACE,SPACING,TRAILING_SEMICOLON,MACRO_WITH_FLOW_CONTROL

# TRACE_EVENT's own layout (TP_STRUCT__entry( on a line of its own).
trace_dsl=OPEN_ENDED_LINE,PARENTHESIS_ALIGNMENT

mapfile -t files < <(git ls-files 'driver/*.c' 'driver/*.h' 'include/*.h' 'tracepoints/*.h')
plain=()
trace=()
for f in "${files[@]}"; do
	[[ " $xmacro_files " == *" $f "* ]] && continue
	[[ $f == tracepoints/* ]] && { trace+=("$f"); continue; }
	plain+=("$f")
done
rc=0
$cp --ignore "$common" -f "${plain[@]}" || rc=1
$cp --ignore "$common,$trace_dsl" -f "${trace[@]}" || rc=1
# shellcheck disable=SC2086
$cp --ignore "$common,$xmacro" -f $xmacro_files || rc=1
if (( rc == 0 )); then
	echo "checkpatch --strict: ${#files[@]} files clean"
fi
exit $rc
