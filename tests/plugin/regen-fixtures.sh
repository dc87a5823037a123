#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Regenerate tests/plugin/fixtures/ from the module itself: build mlxsim.ko
# for a kernel, boot it in the test VM with only t_trace_formats.sh, and
# write every events/mlxsim/*/format it dumps (plus header_page and
# header_event) into fixtures/. Never edit the fixtures by hand (the
# formats of mlxsim_mad, mlxsim_sma_port, mlxsim_vf_event and the path of
# mlxsim_smp_snoop were written from the TRACE_EVENTs, and the ib_* IDs
# moved after them, until a VM with that module runs this; so was
# mlxsim_slave_port_state, with ID 1576, the next free one, and
# mlxsim_vf_mad_reject, hand-written with ID 1577, the next free after
# that; this replaces both with the kernel's).
#
# Usage: tests/plugin/regen-fixtures.sh [deb61|bpo612|debug]   (default deb61)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
kernel=${1:-deb61}
fixtures=$here/fixtures
work=$(mktemp -d "${TMPDIR:-/tmp}/mlxsim-regen.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The module is built in a private directory so the run does not collide
# with another build of the same kernel.
if [[ -z ${MLXSIM_KO:-} ]]; then
	case $kernel in
	deb61) kver=$(ls -d /usr/src/linux-headers-6.1.*-amd64 | sort -V | tail -n1) ;;
	bpo612) kver=$(ls -d /usr/src/linux-headers-6.12.*-amd64 | sort -V | tail -n1) ;;
	*) kver= ;;
	esac
	if [[ -n $kver ]]; then
		make -C "$repo" module KDIR="$kver" MODBUILD="$work/mod" >"$work/build.log" 2>&1 ||
			{ cat "$work/build.log"; exit 1; }
		export MLXSIM_KO=$work/mod/driver/mlxsim.ko
	fi
fi

MLXSIM_TESTS=trace_formats "$repo/tests/vm/run.sh" "$kernel" >"$work/vm.out" 2>&1 || {
	grep -v '^# fmt64 ' "$work/vm.out" | tail -n 30
	echo "regen: the VM run failed (a stale fixture alone is expected to fail it)"
}

names=$(awk '$1 == "#" && $2 == "fmt64" { print $3 }' "$work/vm.out" | sort -u)
if [[ -z $names ]]; then
	echo "regen: no formats in the VM output; nothing changed" >&2
	exit 1
fi

mkdir -p "$fixtures"
rm -f "$fixtures"/*.format
for name in $names; do
	out=$fixtures/$name.format
	[[ $name == header_* ]] && out=$fixtures/$name
	awk -v n="$name" '$1 == "#" && $2 == "fmt64" && $3 == n { print $4 }' "$work/vm.out" |
		base64 -d >"$out"
	echo "regen: $out"
done
echo "regen: $(wc -w <<<"$names") files from kernel $kernel; review with git diff"
