#!/bin/bash
# Guest QP paravirtualization through vf<S>/qp_modify (built by mlxsimctl):
# per transition x QP type what is rewritten and what is left alone, the
# port from the primary path, master QPs untouched, proxy/tunnel Q_Keys,
# neighbours of the ranges, and every refusal with its errno and trace.

ALL_TESTS="
	load
	transitions_pkey
	gid_rewrite
	alt_path
	port_from_primary_path
	master_rewritten
	special_qkeys
	range_neighbours
	refusals
	state_order
	fw_failure
	trace_events
"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CTL=$MLXSIM_ROOT/tools/mlxsimctl/mlxsimctl
ID=80
D=$DBG/mlxsim$ID

qp() # SLAVE key=value...
{
	"$CTL" qp "$ID" "$@"
}

col() # SLAVE QPN COLUMN
{
	table_get "$D/vf$1/qps" qpn "$2" "$3"
}

load()
{
	[[ -x $CTL ]] || skip_all "no $CTL (make -C tools/mlxsimctl)"
	mod_load
	check_err $? "cannot load $MLXSIM_KO"
	new_dev "$ID link=ib vfs=4 ports=2 pkeys=128"
	check_err $? "new_device"
	# vf3: port 1 index 1 -> 10, 2 -> 11; port 2 index 1 -> 20
	write "$D/port1/virt2phys" "3 1 10" && write "$D/port1/virt2phys" "3 2 11" &&
	write "$D/port2/virt2phys" "3 1 20"
	check_err $? "mappings"
	log_test "load, a device with 4 VFs"
}

# op, guest pkey_index, expected hardware pkey_index afterwards
STEPS="
	RST2INIT 1 10
	INIT2INIT 2 11
	INIT2RTR 1 10
	RTR2RTS 2 11
	RTS2RTS 1 10
	RTS2SQD 2 10
	SQD2SQD 2 11
	SQD2RTS 1 10
	2ERR 2 10
	2RST 2 10
"

transitions_pkey()
{
	local t n=0 qpn op idx want got

	for t in rc uc ud smi gsi; do
		qpn=0x$((1100 + n)); n=$((n + 1))
		while read -r op idx want; do
			[[ -n $op ]] || continue
			qp 3 qpn=$qpn type=$t op=$op port=1 pkey_index=$idx
			check_err $? "$t $op"
			got=$(col 3 "$qpn" hw_pkey_index)
			[[ $got == "$want" ]]
			check_err $? "$t $op pkey_index=$idx: hw $got, want $want"
			[[ $(col 3 "$qpn" pkey_index) != "" ]]
		done <<<"$STEPS"
		[[ $(col 3 "$qpn" state) == RST ]]
		check_err $? "$t did not end in RST"
	done
	log_test "P_Key index rewritten on RST2INIT..SQD2RTS, not on RTS2SQD/2ERR/2RST, all types"
}

gid_rewrite()
{
	qp 3 qpn=0x1200 type=ud op=RST2INIT port=1 mgid_index=0 &&
	qp 3 qpn=0x1201 type=rc op=RST2INIT port=1 &&
	qp 3 qpn=0x1202 type=uc op=RST2INIT port=1
	check_err $? "RST2INIT"
	[[ $(col 3 0x1200 hw_mgid_index) == - ]]
	check_err $? "UD GID rewritten on RST2INIT"
	qp 3 qpn=0x1200 op=INIT2RTR mgid_index=0
	[[ $(col 3 0x1200 hw_mgid_index) == 131 ]]
	check_err $? "UD hw mgid $(col 3 0x1200 hw_mgid_index), want 131 (0x80|3)"
	qp 3 qpn=0x1201 op=INIT2RTR mgid_index=0
	[[ $(col 3 0x1201 hw_mgid_index) == - ]]
	check_err $? "RC GID rewritten without optpar pri"
	qp 3 qpn=0x1201 op=RTR2RTS optpar=pri mgid_index=0
	[[ $(col 3 0x1201 hw_mgid_index) == 3 && $(col 3 0x1201 mgid_index) == 0 ]]
	check_err $? "RC hw mgid $(col 3 0x1201 hw_mgid_index), want 3"
	qp 3 qpn=0x1202 op=INIT2RTR optpar=pri,alt
	[[ $(col 3 0x1202 hw_mgid_index) == 3 && $(col 3 0x1202 hw_alt_mgid_index) == 3 ]]
	check_err $? "UC pri/alt mgid not 3"
	log_test "GID: UD forced 0x80|slave on INIT2RTR; RC/UC slave by optpar"
}

# Beyond upstream (which passes the alternate P_Key index through): the
# alternate path is translated through the VF's map for its own port, so
# neither path reaches a physical entry the VF was not given.
alt_path()
{
	local pkeys

	pkeys=$(kv_get "$D/caps" pkeys)
	qp 3 qpn=0x1210 type=rc op=RST2INIT port=1 pkey_index=1 &&
	qp 3 qpn=0x1210 op=INIT2RTR optpar=alt alt_pkey_index=5 alt_mgid_index=0
	check_err $? "alt path"
	[[ $(col 3 0x1210 hw_alt_pkey_index) == $((pkeys - 1)) &&
	   $(col 3 0x1210 hw_alt_mgid_index) == 3 &&
	   $(col 3 0x1210 hw_mgid_index) == - ]]
	check_err $? "alt: pkey $(col 3 0x1210 hw_alt_pkey_index) (want the reserved $((pkeys - 1))) mgid $(col 3 0x1210 hw_alt_mgid_index)"
	qp 3 qpn=0x1211 type=rc op=RST2INIT port=1 pkey_index=1 alt_pkey_index=1 alt_port=2
	check_err $? "alt path on port 2"
	[[ $(col 3 0x1211 hw_pkey_index) == 10 && $(col 3 0x1211 hw_alt_pkey_index) == 20 ]]
	check_err $? "alt port 2: $(col 3 0x1211 hw_alt_pkey_index), want 20 (port 2's map)"
	trace_on mlxsim/mlxsim_qp_paravirt
	qp 3 qpn=0x1211 op=INIT2INIT alt_pkey_index=2
	trace_off
	trace_read | grep -q "qpn=0x1211 .* alt_port=2 alt_pkey_index=2->$((pkeys - 1))"
	check_err $? "alternate path not traced: $(trace_read | tail -1)"
	expect_fail EINVAL write "$D/vf3/qp_modify" "qpn=0x1211 op=INIT2INIT alt_port=3"
	log_test "alternate path: P_Key index through the map of its port, GID by optpar alt"
}

port_from_primary_path()
{
	qp 3 qpn=0x1220 type=ud op=RST2INIT port=2 pkey_index=1
	check_err $? "RST2INIT port 2"
	[[ $(col 3 0x1220 hw_pkey_index) == 20 ]]
	check_err $? "port 2 index 1: $(col 3 0x1220 hw_pkey_index), want 20"
	qp 3 qpn=0x1220 op=INIT2INIT port=1
	[[ $(col 3 0x1220 hw_pkey_index) == 10 && $(col 3 0x1220 port) == 1 ]]
	check_err $? "after moving to port 1: $(col 3 0x1220 hw_pkey_index), want 10"
	log_test "the primary path's port chooses the virt2phys row"
}

master_rewritten()
{
	qp 0 qpn=0x1300 type=ud op=RST2INIT port=1 pkey_index=5 qkey=0xffff0001 &&
	qp 0 qpn=0x1300 op=INIT2RTR mgid_index=4
	check_err $? "master QP"
	[[ $(col 0 0x1300 hw_pkey_index) == 5 && $(col 0 0x1300 hw_mgid_index) == 128 &&
	   $(col 0 0x1300 hw_qkey) == 0xffff0001 ]]
	check_err $? "master QP: $(awk '$1 == "0x1300"' "$D/vf0/qps")"
	log_test "the master's QPs: identity P_Key map, UD GID 0x80|0, its Q_Keys kept"
}

special_qkeys()
{
	local pbase tbase off=$((8 * 3 + 2 * 1 + 1)) want qpn

	pbase=$(kv_get "$D/caps" base_proxy_sqpn)
	tbase=$(kv_get "$D/caps" base_tunnel_sqpn)
	want=$(printf '0x%x' $((0xffff0000 + off)))
	# the VF's proxy; its tunnel is the master's (the PF's end of it)
	for qpn in $(printf '3:0x%x 0:0x%x' $((pbase + off)) $((tbase + off))); do
		qp "${qpn%%:*}" qpn=${qpn#*:} type=gsi op=RST2INIT port=2 qkey=5 &&
		qp "${qpn%%:*}" qpn=${qpn#*:} op=INIT2RTR qkey=6
		check_err $? "special QP $qpn"
		[[ $(col "${qpn%%:*}" "${qpn#*:}" hw_qkey) == "$want" &&
		   $(col "${qpn%%:*}" "${qpn#*:}" kind) != regular ]]
		check_err $? "$qpn hw_qkey $(col "${qpn%%:*}" "${qpn#*:}" hw_qkey), want $want"
	done
	expect_fail EPERM qp 3 qpn=$(printf '0x%x' $((tbase + off))) type=gsi op=RST2INIT port=2
	qpn=$(printf '0x%x' $((pbase + 8 * 3)))
	qp 3 qpn=$qpn type=smi op=RST2INIT port=1
	[[ $(col 3 "$qpn" hw_qkey) == 0xffff0018 ]]
	check_err $? "SMI proxy port 1 qkey $(col 3 "$qpn" hw_qkey)"
	expect_fail EPERM qp 3 qpn=$(printf '0x%x' $((pbase + 8 * 2))) type=gsi op=RST2INIT port=1
	log_test "proxy (vf3) and tunnel (master) of (vf3, GSI, port 2) share Q_Key $want; a VF's tunnel and another VF's proxy refused"
}

range_neighbours()
{
	local pbase tbase n qpn

	pbase=$(kv_get "$D/caps" base_proxy_sqpn)
	tbase=$(kv_get "$D/caps" base_tunnel_sqpn)
	n=$(kv_get "$D/caps" tunnel_sqpn_count)
	for qpn in $(printf '0x%x 0x%x' $((pbase - 1)) $((tbase + n))); do
		qp 3 qpn=$qpn type=ud op=RST2INIT port=1 qkey=0x11
		check_err $? "neighbour $qpn"
		[[ $(col 3 "$qpn" hw_qkey) == 0x11 && $(col 3 "$qpn" kind) == regular ]]
		check_err $? "$qpn qkey $(col 3 "$qpn" hw_qkey), want 0x11"
	done
	log_test "QPNs just outside the proxy/tunnel ranges are regular"
}

refusals()
{
	local before

	before=$(cat "$D/vf3/qps")
	expect_fail EPERM qp 3 qpn=0x1400 type=ud op=RST2INIT port=1 qkey=0xffff0000
	expect_fail ERANGE qp 3 qpn=0x1400 type=ud op=RST2INIT port=1 pkey_index=128
	expect_fail EINVAL qp 3 qpn=0x1400 type=ud op=RST2INIT port=1 mgid_index=1
	expect_fail ENOENT qp 3 qpn=0x1400 op=INIT2RTR
	expect_fail EINVAL qp 3 qpn=0x1400 type=ud op=RST2INIT port=3
	expect_fail EINVAL qp 3 qpn=0x1400 type=xrc op=RST2INIT port=1
	expect_fail EINVAL qp 3 qpn=0x1400 type=ud op=RST2RTS port=1
	expect_fail EINVAL qp 3 qpn=0x1200 type=rc op=INIT2RTR
	expect_fail EINVAL write "$D/vf3/qp_modify" "qpn=1 op=2RST color=red"
	[[ $before == "$(cat "$D/vf3/qps")" ]]
	check_err $? "a refused change altered the QP table"
	expect_log "qp_modify: bad input 'color=red'" \
		write "$D/vf3/qp_modify" "qpn=1 op=2RST color=red"
	check_err $? "no log line naming the token"
	log_test "refused: reserved Q_Key, P_Key index, GID index, unknown QP/port/type/op"
}

state_order()
{
	qp 3 qpn=0x1410 type=ud op=RST2INIT port=1
	expect_fail EBUSY qp 3 qpn=0x1410 op=RTR2RTS
	expect_fail EBUSY qp 3 qpn=0x1410 op=SQERR2RTS
	expect_fail EBUSY qp 3 qpn=0x1410 op=RST2INIT
	[[ $(col 3 0x1410 state) == INIT ]]
	check_err $? "state changed by a refused transition"
	log_test "a transition not allowed from the current state is refused"
}

fw_failure()
{
	write "$D/fail_cmd" "RST2INIT_QP EIO"
	expect_fail EIO qp 3 qpn=0x1420 type=ud op=RST2INIT port=1
	[[ -z $(col 3 0x1420 state) ]]
	check_err $? "QP created although the firmware failed"
	qp 3 qpn=0x1420 type=ud op=RST2INIT port=1
	check_err $? "after the one-shot fault"
	log_test "a firmware failure creates nothing"
}

trace_events()
{
	trace_on mlxsim/mlxsim_qp_paravirt mlxsim/mlxsim_qp_reject
	qp 3 qpn=0x1430 type=ud op=RST2INIT port=1 pkey_index=2
	qp 3 qpn=0x1431 type=ud op=RST2INIT port=1 qkey=0xffff0005 2>/dev/null
	trace_off
	trace_read | grep -q "mlxsim_qp_paravirt:.*slave=3 qpn=0x1430 type=ud kind=regular op=RST2INIT port=1 pkey_index=2->11"
	check_err $? "no mlxsim_qp_paravirt: $(trace_read | head -2)"
	trace_read | grep -q "mlxsim_qp_reject:.*slave=3 qpn=0x1431 op=RST2INIT reason=reserved_qkey err=EPERM"
	check_err $? "no mlxsim_qp_reject: $(trace_read | tail -1)"
	log_test "mlxsim_qp_paravirt and mlxsim_qp_reject are traced"
}

tests_run
exit $EXIT_STATUS
