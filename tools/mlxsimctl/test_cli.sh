#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# mlxsimctl's command line against a fake debugfs tree (plain files, no
# module): what reaches the driver's files, and what is refused before it.
# Last line: "mlxsimctl cli: N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
ctl=${1:-$here/mlxsimctl}
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); echo "ok - $1"; }
nok() { fail=$((fail + 1)); echo "not ok - $1"; [[ -n ${2:-} ]] && echo "# $2"; }
check() { local name=$1; shift; if "$@"; then ok "$name"; else nok "$name"; fi; }

# refused with exit 2, one line on stderr starting "mlxsimctl:", nothing written
refused()
{
	local name=$1 err rc
	shift
	: >"$t/mlxsim1/port1/mad"
	: >"$t/mlxsim1/vf3/qp_modify"
	err=$("$ctl" -D "$t" "$@" 2>&1 >/dev/null)
	rc=$?
	if ((rc == 2)) && [[ $(wc -l <<<"$err") == 1 && $err == mlxsimctl:* ]] &&
	   [[ ! -s $t/mlxsim1/port1/mad && ! -s $t/mlxsim1/vf3/qp_modify ]]; then
		ok "$name"
	else
		nok "$name" "rc=$rc stderr='$err'"
	fi
}

mkdir -p "$t/mlxsim1/port1" "$t/mlxsim1/vf3" "$t/mlxsim2/vf0/port1"
printf 'index pkey membership ib_pkey\n' >"$t/mlxsim1/port1/pkey_cache"
for i in $(seq 0 63); do
	printf '%d 0x%04x %s -\n' $i $((i == 0 ? 0xffff : (i == 33 ? 0x8021 : 0))) \
		$( ((i == 0 || i == 33)) && echo full || echo limited) >>"$t/mlxsim1/port1/pkey_cache"
done
printf 'index pkey\n0 0xffff\n1 0x0005\n' >"$t/mlxsim2/vf0/port1/pkeys"
mkdir -p "$t/mlxsim2/port1"; : >"$t/mlxsim2/port1/mad"; : >"$t/mlxsim1/vf3/qp_modify"

check "--version" bash -c "'$ctl' --version | grep -Eqx 'mlxsimctl [0-9.]+'"
check "--help mentions -D DIR" bash -c "'$ctl' --help | grep -q -- '-D, --debugfs DIR'"

: >"$t/mlxsim1/port1/mad"
"$ctl" -D "$t" pkey-set 1 1 --block 1 0=0xffff 5=0x8001
check "pkey-set writes one 256-byte MAD" test "$(stat -c %s "$t/mlxsim1/port1/mad")" -eq 256
check "  SubnSet(PKeyTable) LID routed, block 1, entry 5" python3 - "$t/mlxsim1/port1/mad" <<'PY'
import struct, sys
m = open(sys.argv[1], "rb").read()
assert m[1] == 0x01 and m[3] == 0x02, m[:4]
assert struct.unpack_from(">H", m, 16)[0] == 0x16
assert struct.unpack_from(">I", m, 20)[0] == 1
k = struct.unpack_from(">32H", m, 64)
assert k[0] == 0xffff and k[5] == 0x8001 and sum(k) == 0xffff + 0x8001
PY
: >"$t/mlxsim1/port1/mad"
"$ctl" --debugfs="$t" pkey-set 1 1 --dr 0=0xffff
check "--dr: directed-route class 0x81" bash -c "od -An -tx1 -j1 -N1 '$t/mlxsim1/port1/mad' | grep -q 81"
: >"$t/mlxsim1/port1/mad"
MLXSIM_DEBUGFS=$t "$ctl" pkey-set 1 1 0=0xffff
check "\$MLXSIM_DEBUGFS is the default directory" test -s "$t/mlxsim1/port1/mad"

out=$("$ctl" -D "$t" pkey-get 1 1 --block 1)
check "pkey-get sends a MAD" test "$(stat -c %s "$t/mlxsim1/port1/mad")" -eq 256
check "pkey-get --block 1 prints the block's 32 entries" test "$(wc -l <<<"$out")" -eq 33
check "  with header and membership" bash -c "grep -qx 'index pkey membership' <<<'$out' && grep -qx '33 0x8021 full' <<<'$out'"
out=$("$ctl" -D "$t" pkey-get 1 1)
check "pkey-get without --block prints every entry" test "$(wc -l <<<"$out")" -eq 65
out=$("$ctl" -D "$t" pkey-get 2 1)
check "pkey-get without VFs reads vf0/port<P>/pkeys" bash -c "grep -qx '1 0x0005 limited' <<<'$out'"

"$ctl" -D "$t" qp 1 3 qpn=0x100 type=ud op=RST2INIT port=1 pkey_index=2 qkey=0x11 optpar=pri,alt
check "qp writes one line to vf<S>/qp_modify" bash -c "[[ \$(cat '$t/mlxsim1/vf3/qp_modify') == 'qpn=0x100 type=ud op=RST2INIT port=1 pkey_index=2 qkey=0x11 optpar=pri,alt' ]]"

refused "unknown global option -d" -d "$t" pkey-set 1 1 0=1
refused "no command" 
refused "unknown command" frobnicate
refused "repeated P_Key entry" pkey-set 1 1 1=0x8001 1=0x8002
refused "entry index 32" pkey-set 1 1 32=0x8001
refused "P_Key 0x10000" pkey-set 1 1 1=0x10000
refused "entry junk 1=5x" pkey-set 1 1 1=5x
refused "port 3" pkey-set 1 3 0=1
refused "device -1" pkey-set -1 1 0=1
refused "block 5x" pkey-set 1 1 --block 5x 0=1
refused "pkey-get with entries" pkey-get 1 1 0=1
refused "qp type=xrc" qp 1 3 qpn=1 type=xrc op=RST2INIT
refused "qp op=RST2RTS" qp 1 3 qpn=1 op=RST2RTS
refused "qp key given twice" qp 1 3 qpn=1 op=RST2INIT qpn=2
refused "qp port=3" qp 1 3 qpn=1 op=RST2INIT port=3
refused "qp pkey_index=x" qp 1 3 qpn=1 op=RST2INIT pkey_index=x
refused "qp qkey=0x100000000" qp 1 3 qpn=1 op=RST2INIT qkey=0x100000000
refused "qp optpar=foo" qp 1 3 qpn=1 op=RST2INIT optpar=foo
refused "qp unknown key" qp 1 3 qpn=1 op=RST2INIT color=red
refused "qp without op" qp 1 3 qpn=1
refused "qp slave 80" qp 1 80 qpn=1 op=RST2INIT
err=$("$ctl" -D "$t" qp 1 3 qpn=1 type=xrc op=RST2INIT 2>&1)
check "refusals name the errno the driver would return" bash -c "[[ '$err' == *'Invalid argument'* ]]"
err=$("$ctl" -D "$t/none" pkey-set 1 1 0=1 2>&1)
check "a missing file: exit 1, prefixed, with a hint" bash -c "[[ '$err' == mlxsimctl:*'is mlxsim loaded'* ]]"
check "man page renders cleanly" bash -c "! MANWIDTH=80 man -l --warnings '$here/mlxsimctl.1' 2>&1 >/dev/null | grep -q ."

# --- through the kernel's MAD stack (-U) and sm: what is refused before
# any device is opened (exit 2), and the MAD options on the fake tree
check "--help documents -U, --umad CA[:PORT]" bash -c "'$ctl' --help | grep -q -- '-U, --umad CA\[:PORT\]'"
check "--help names the MAD statuses" bash -c "'$ctl' --help | grep -q '0x001c invalid field'"
check "--help documents --repeat" bash -c "'$ctl' --help | grep -q -- '-n, --repeat N'"
check "sm --help says it answers no SA queries" bash -c "'$ctl' sm --help | grep -q 'does not answer SA queries'"
check "sm --help says how to cable a port" bash -c "'$ctl' sm --help | grep -q 'link_device'"
refused "-U without a value" -U
refused "-U with no CA name" -U :1 pkey-get
refused "-U CA with a slash" -U mlx/sim1:1 pkey-get
refused "-U CA with a space" -U 'mlx sim1' pkey-get
refused "-U CA starting with -" -U -mlxsim1 pkey-get
refused "-U CA name too long" -U abcdefghijklmnopqrstuvwxyz:1 pkey-get
refused "-U port 0" -U mlxsim1:0 pkey-get
refused "-U port 255" -U mlxsim1:255 pkey-get
refused "-U port x" -U mlxsim1:x pkey-get
refused "-U port 1x" -U mlxsim1:1x pkey-get
refused "-U empty port" -U mlxsim1: pkey-get
refused "-U port -1" -U mlxsim1:-1 pkey-get
refused "--umad= empty" --umad= pkey-get
refused "-U after the command, bad port" pkey-get -U mlxsim1:9999
refused "-U with DEV PORT" -U mlxsim1:1 pkey-set 1 1 0=0xffff
refused "-U with --dump" -U mlxsim1:1 pkey-set --dump - 0=0xffff
refused "-U with qp" -U mlxsim1:1 qp 1 3 qpn=1 op=RST2INIT
refused "-U with sm" -U mlxsim1:1 sm mlxsim1:1
refused "-U pkey-get with entries" -U mlxsim1:1 pkey-get 0=1
refused "-U bad entry" -U mlxsim1:1 pkey-set 0=0x10000
refused "--repeat 0" -U mlxsim1:1 mad --repeat 0
refused "--repeat 1x" mad 1 1 --repeat 1x
refused "--repeat -1" mad 1 1 --repeat -1
refused "--repeat 1000001" mad 1 1 --repeat 1000001
refused "--repeat without a value" mad 1 1 --repeat
refused "--repeat with --dump" pkey-set --dump - --repeat 2 0=1
refused "--timeout 0" -U mlxsim1:1 mad --timeout 0
refused "--timeout 5s" -U mlxsim1:1 mad --timeout 5s
refused "--timeout 600001" -U mlxsim1:1 mad --timeout 600001
refused "--class-version 0x100" mad 1 1 --class-version 0x100
refused "--attr unknown name" mad 1 1 --attr PortInf
refused "--attr 0x10000" mad 1 1 --attr 0x10000
refused "sm without CA" sm
refused "sm bad CA" sm mlx/sim1
refused "sm port 0" sm mlxsim1:0
refused "sm two CAs" sm mlxsim1:1 mlxsim2:1
refused "sm --lid 0" sm mlxsim1:1 --lid 0
refused "sm --lid 0xc000 (multicast)" sm mlxsim1:1 --lid 0xc000
refused "sm --lid 1x" sm mlxsim1:1 --lid 1x
refused "sm --lid -2" sm mlxsim1:1 --lid -2
refused "sm --peer-lid 0" sm mlxsim1:1 --peer-lid 0
refused "sm --lid = --peer-lid" sm mlxsim1:1 --lid 7 --peer-lid 7
refused "sm --interval 0" sm mlxsim1:1 --interval 0
refused "sm --interval 3601" sm mlxsim1:1 --interval 3601
refused "sm --timeout x" sm mlxsim1:1 --timeout x
refused "sm unknown option" sm mlxsim1:1 --frob
refused "sm --lid without a value" sm mlxsim1:1 --lid

# a well-formed CA that is not there: exit 1, one prefixed line naming
# what is missing (ib_umad, or the device)
for args in "-U mlxsim9999:1 pkey-get --dr" "sm mlxsim9999:1 --once"; do
	err=$("$ctl" $args 2>&1 >/dev/null)
	rc=$?
	if ((rc == 1)) && [[ $(wc -l <<<"$err") == 1 && $err == mlxsimctl:* ]] &&
	   [[ $err == *ib_umad* || $err == *"no such InfiniBand device"* ]]; then
		ok "missing CA ($args): exit 1, names what is missing"
	else
		nok "missing CA ($args): exit 1, names what is missing" "rc=$rc stderr='$err'"
	fi
done

: >"$t/mlxsim1/port1/mad"
out=$("$ctl" -D "$t" pkey-set 1 1 --tid 0x10 --repeat 5 0=0xffff)
check "--repeat 5: five 256-byte MADs, one open" test "$(stat -c %s "$t/mlxsim1/port1/mad")" -eq 1280
check "  TIDs 0x10..0x14, the same MAD otherwise" python3 - "$t/mlxsim1/port1/mad" <<'PY'
import struct, sys
m = open(sys.argv[1], "rb").read()
mads = [m[i:i + 256] for i in range(0, len(m), 256)]
assert [struct.unpack_from(">Q", x, 8)[0] for x in mads] == [0x10 + i for i in range(5)]
assert all(x[:8] == mads[0][:8] and x[16:] == mads[0][16:] for x in mads)
PY
check "  one line of figures" bash -c "[[ \$(wc -l <<<'$out') == 1 ]] && grep -Eq '^5 x SubnSet\(PKeyTable\) block 0 via debugfs mlxsim1 port 1 .*: [0-9.]+ s, [0-9.]+ us/MAD \(min [0-9.]+, median [0-9.]+, p99 [0-9.]+, max [0-9.]+ us\)$' <<<'$out'"
out=$("$ctl" -D "$t" pkey-get 1 1 --repeat 3)
check "pkey-get --repeat prints the figures, not the table" bash -c "[[ \$(wc -l <<<'$out') == 1 && '$out' == '3 x SubnGet(PKeyTable) block 0 via debugfs'* ]]"
"$ctl" pkey-get --dump "$t/cv.bin" --class-version 2 --attr PortInfo --dr
check "--class-version 2 --attr PortInfo: byte 2 is 2, attribute 0x15" python3 - "$t/cv.bin" <<'PY'
import struct, sys
m = open(sys.argv[1], "rb").read()
assert len(m) == 256 and m[1] == 0x81 and m[2] == 2 and m[3] == 1
assert struct.unpack_from(">H", m, 16)[0] == 0x15
PY

echo "mlxsimctl cli: $pass passed, $fail failed"
((fail == 0))
