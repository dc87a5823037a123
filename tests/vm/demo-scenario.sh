#!/bin/bash
# The demo's scenario (sourced by demo-guest.sh): a topology and a loop
# that keeps things happening. Every step tolerates features a kernel does
# not have yet (errors are ignored, the loop goes on).

GA=0x0002c90300a0a000
GB=0x0002c90300b0b000
SRIOV=30
NVFS=6

# Adapter A's slave arrives before its master, adapter B's after; a slave
# of an adapter whose master never comes; an SR-IOV device.
demo_topology()
{
	new_dev "12 guid=$GA affiliate=1 native_port=2"
	sleep 1
	new_dev "11 guid=$GA vhca_ports=2 native_port=1"
	new_dev "21 guid=$GB vhca_ports=2 native_port=1"
	sleep 1
	new_dev "22 guid=$GB affiliate=1 native_port=2"
	new_dev "41 guid=0x0002c90300c0c000 affiliate=1 native_port=2"
	new_dev "$SRIOV ports=2 vfs=$NVFS pkeys=128"
}

# One SubnSet(PKeyTable) MAD from the SM, block 0, as given P_Keys.
sm_set_block0()
{
	local port=$1

	shift
	local ctl=$MLXSIM_ROOT/tools/mlxsimctl/mlxsimctl i=0 k args=()

	if [[ -x $ctl ]]; then
		for k in "$@"; do
			args+=("$i=$k")
			i=$((i + 1))
		done
		"$ctl" pkey-set "$SRIOV" "$port" --block 0 "${args[@]}" >/dev/null 2>&1
		return
	fi
	python3 - "$DBG/mlxsim$SRIOV/port$port/mad" "$@" <<'PY' 2>/dev/null
import os, struct, sys
keys = [int(k, 0) for k in sys.argv[2:]] + [0] * 32
m = bytearray(256)
m[0:4] = bytes([1, 0x01, 1, 0x02])          # base, class LID-routed SMP, version, SubnSet
struct.pack_into(">Q", m, 8, int.from_bytes(os.urandom(8), "big"))
struct.pack_into(">H", m, 16, 0x0016)       # PKeyTable
struct.pack_into(">I", m, 20, 0)            # block 0
struct.pack_into(">32H", m, 64, *keys[:32])
fd = os.open(sys.argv[1], os.O_WRONLY)
os.write(fd, m)
PY
}

qp_change()
{
	echo "$2" >"$DBG/mlxsim$SRIOV/vf$1/qp_modify" 2>/dev/null
}

step_unbind_with_refs()
{
	local pid

	echo +3 >"$DBG/mlxsim21/port2/hold" 2>/dev/null
	sleep 2
	(echo 22 >"$BUS/del_device") 2>/dev/null &
	pid=$!
	sleep 3
	for _ in 1 2 3; do
		echo -1 >"$DBG/mlxsim21/port2/hold" 2>/dev/null
		sleep 1
	done
	wait $pid
	sleep 2
	echo "22 guid=$GB affiliate=1 native_port=2" >"$BUS/new_device" 2>/dev/null
}

step_master_leaves()
{
	echo 11 >"$BUS/del_device" 2>/dev/null
	sleep 3
	echo "11 guid=$GA vhca_ports=2 native_port=1" >"$BUS/new_device" 2>/dev/null
}

step_commands()
{
	local i

	for i in 1 2 3 4 5; do
		echo "port QUERY_VPORT_COUNTER" >"$DBG/mlxsim11/port2/cmd" 2>/dev/null
		echo "ib CREATE_QP" >"$DBG/mlxsim21/port2/cmd" 2>/dev/null
		echo +1 >"$DBG/mlxsim11/port2/hold" 2>/dev/null
		sleep 0.3
		echo -1 >"$DBG/mlxsim11/port2/hold" 2>/dev/null
	done
}

step_pkeys()
{
	local n=$1 s=$(($1 % NVFS + 1))

	sm_set_block0 1 0xffff 0x8001 $((0x8002 + n % 3)) $((n % 2 ? 0x0004 : 0x8004))
	sleep 1
	sm_set_block0 2 0xffff 0x8001 $((n % 2 ? 0x8010 : 0x0010))
	sleep 1
	# admin remaps: VF s index 1 to phys 1 or 2, index 2 on and off
	echo "$s 1 $((n % 2 + 1))" >"$DBG/mlxsim$SRIOV/port1/virt2phys" 2>/dev/null
	echo "$s 2 $((n % 2 ? 3 : 127))" >"$DBG/mlxsim$SRIOV/port1/virt2phys" 2>/dev/null
	sleep 1
	# a guest UD QP through its life, and one refused change
	local ud rc
	ud=$(printf '0x%x' $((0x10000 + s)))
	rc=$(printf '0x%x' $((0x20000 + s)))
	qp_change $s "qpn=$ud type=ud op=RST2INIT port=1 pkey_index=1 qkey=0x11"
	qp_change $s "qpn=$ud op=INIT2RTR"
	qp_change $s "qpn=$ud op=RTR2RTS"
	qp_change $s "qpn=$rc type=rc op=RST2INIT port=1 pkey_index=200"
	sleep 1
	qp_change $s "qpn=$ud op=2RST"
}

demo_scenario()
{
	local n=0

	while :; do
		step_commands
		step_pkeys $n
		step_unbind_with_refs
		step_pkeys $((n + 1))
		step_master_leaves
		n=$((n + 2))
	done
}
