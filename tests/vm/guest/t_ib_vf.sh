#!/bin/bash
# The guests' side: each VF of an SR-IOV master is an ib_core device
# mlxsim<N>vf<S> with the guest's P_Key view, one GID from its GUID, a port
# in mlx4's slave port state machine, and ib_core events exactly when the
# driver tells the VF (vf<S>/events and vf<S>/ib_events agree).

ALL_TESTS="
	vf_devices
	guest_pkey_view
	remap_tells_one_vf
	inactive_vf_untold
	vf_port_pending_without_guid
	master_removal
"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$(dirname "${BASH_SOURCE[0]}")/ib_lib.sh"

N=7
CTL=$MLXSIM_ROOT/tools/mlxsimctl/mlxsimctl

# vf_ib_events ID VF PORT EVENT: from debugfs vf<S>/ib_events
vf_ib_events()
{
	awk -v p="$3" -v e="$4" '$1 == p && $2 == e { print $3 }' \
		"$DBG/mlxsim$1/vf$2/ib_events"
}

vf_pkey_events() # ID VF PORT
{
	table_get "$DBG/mlxsim$1/vf$2/events" port "$3" count
}

# guest_view_diff ID VF PORT: indices where sysfs and debugfs disagree
guest_view_diff()
{
	local id=$1 vf=$2 p=$3 i want got

	while read -r i want; do
		got=$(cat "$IBSYS/mlxsim${id}vf$vf/ports/$p/pkeys/$i" 2>/dev/null)
		[[ $(printf '0x%04x' "$((16#${got#0x}))" 2>/dev/null) == "$want" ]] ||
			echo "$i: sysfs '$got' debugfs $want"
	done < <(awk 'NR > 1' "$DBG/mlxsim$id/vf$vf/port$p/pkeys")
}

vf_devices()
{
	local s

	new_dev "$N link=ib ports=2 vfs=3"
	check_err $? "new_device"
	for s in 1 2 3; do
		[[ -d $IBSYS/mlxsim${N}vf$s ]]
		check_err $? "no mlxsim${N}vf$s"
		[[ $(ls "$IBSYS/mlxsim${N}vf$s/ports" | wc -l) == 2 ]]
		check_err $? "mlxsim${N}vf$s has not the master's 2 ports"
	done
	[[ ! -e $IBSYS/mlxsim${N}vf0 && ! -e $IBSYS/mlxsim${N}vf4 ]]
	check_err $? "a device for slave 0 or beyond the VFs"
	[[ $(cat "$IBSYS/mlxsim${N}vf1/ports/1/gids/0") == fe80:0000:0000:0000:* &&
	   $(cat "$IBSYS/mlxsim${N}vf1/ports/1/gids/0") != "$(cat "$IBSYS/mlxsim${N}vf2/ports/1/gids/0")" ]]
	check_err $? "VF GIDs: $(cat $IBSYS/mlxsim${N}vf[12]/ports/1/gids/0)"
	log_test "VFs 1..3 are ib_core devices mlxsim${N}vf<S> with the master's ports and a GID each"
}

guest_pkey_view()
{
	local bad

	"$CTL" pkey-set $N 1 0=0xffff 1=0x8001 2=0x0002 5=0x8005
	check_err $? "pkey-set"
	write "$DBG/mlxsim$N/port1/virt2phys" "2 3 5"
	check_err $? "remap VF2 index 3 -> 5"
	bad=$(guest_view_diff $N 1 1; guest_view_diff $N 2 1; guest_view_diff $N 2 2)
	[[ -z $bad ]]
	check_err $? "sysfs pkeys differ from the guest view: $(head -3 <<<"$bad")"
	[[ $(cat "$IBSYS/mlxsim${N}vf2/ports/1/pkeys/3") == 0x8005 ]]
	check_err $? "VF2 index 3 reads $(cat $IBSYS/mlxsim${N}vf2/ports/1/pkeys/3)"
	log_test "each VF's sysfs pkeys/<i> is its guest view"
}

remap_tells_one_vf()
{
	local e1 e2 e3 d1

	e1=$(vf_ib_events $N 1 1 pkey_change)
	e2=$(vf_ib_events $N 2 1 pkey_change)
	e3=$(vf_ib_events $N 3 1 pkey_change)
	write "$DBG/mlxsim$N/port1/virt2phys" "1 4 1"
	check_err $? "remap VF1 index 4 -> 1"
	[[ $(cat "$IBSYS/mlxsim${N}vf1/ports/1/pkeys/4") == 0x8001 ]]
	check_err $? "VF1's view did not change"
	[[ $(vf_ib_events $N 1 1 pkey_change) == $((e1 + 1)) &&
	   $(vf_ib_events $N 2 1 pkey_change) == "$e2" &&
	   $(vf_ib_events $N 3 1 pkey_change) == "$e3" ]]
	check_err $? "PKEY_CHANGE on the VF devices: $(vf_ib_events $N 1 1 pkey_change) $(vf_ib_events $N 2 1 pkey_change) $(vf_ib_events $N 3 1 pkey_change)"
	for d1 in 1 2 3; do
		[[ $(vf_pkey_events $N $d1 1) == "$(vf_ib_events $N $d1 1 pkey_change)" ]]
		check_err $? "VF$d1: events $(vf_pkey_events $N $d1 1), ib_events $(vf_ib_events $N $d1 1 pkey_change)"
	done
	log_test "a remap: that VF's view changes, its device alone gets PKEY_CHANGE; events and ib_events agree"
}

inactive_vf_untold()
{
	local e3

	write "$DBG/mlxsim$N/vf3/active" 0
	check_err $? "vf3 inactive"
	write "$DBG/mlxsim$N/port1/virt2phys" "3 6 2"
	e3=$(vf_ib_events $N 3 1 pkey_change)
	"$CTL" pkey-set $N 1 0=0xffff 1=0x8001 2=0x8002 5=0x8005
	check_err $? "pkey-set"
	[[ $(vf_ib_events $N 3 1 pkey_change) == "$e3" ]]
	check_err $? "an inactive VF's device got an event"
	write "$DBG/mlxsim$N/vf3/active" 1
	log_test "an inactive VF's device gets no event"
}

vf_port_pending_without_guid()
{
	modprobe ib_umad
	new_dev "8 link=ib"
	write "$BUS/link_device" "$N:1 8:1"
	check_err $? "link_device"
	trace_on mlxsim/mlxsim_slave_port_state
	"$CTL" sm mlxsim$N:1 --once >/dev/null
	check_err $? "mlxsimctl sm"
	wait_for eval '[[ $(cat $IBSYS/mlxsim$N/ports/1/state) == "4: ACTIVE" ]]'
	check_err $? "the PF port is not ACTIVE"
	wait_for eval 'trace_read | grep -q "fn=$N port=1 slave=1 state=down->pending_up event=port_up"'
	check_err $? "no slave port step: $(trace_read | head -3)"
	[[ $(cat "$IBSYS/mlxsim${N}vf1/ports/1/state") == "1: DOWN" &&
	   $(vf_ib_events $N 1 1 port_active) == 0 ]]
	check_err $? "a VF without an assigned GUID is up: $(cat $IBSYS/mlxsim${N}vf1/ports/1/state)"
	write "$BUS/unlink_device" "$N:1 8:1"
	wait_for eval 'trace_read | grep -q "fn=$N port=1 slave=1 state=pending_up->down event=port_down"'
	check_err $? "no step back to down"
	[[ $(vf_ib_events $N 1 1 port_err) == 0 ]]
	check_err $? "PORT_ERR to a VF that was never up"
	del_dev 8
	log_test "the PF port ACTIVE: VF ports PENDING_UP (no alias GUID), DOWN to the guest, no event"
}

master_removal()
{
	del_dev $N
	check_err $? "del_device"
	[[ -z $(ls "$IBSYS" | grep "^mlxsim${N}") ]]
	check_err $? "devices left: $(ls $IBSYS)"
	new_dev "$N link=ib vfs=2"
	check_err $? "new_device again"
	mod_unload
	check_err $? "rmmod with VF devices present"
	[[ -z $(ls "$IBSYS" 2>/dev/null | grep '^mlxsim') ]]
	check_err $? "devices left after rmmod"
	mod_load
	log_test "removing the master, and rmmod, unregister the VF devices"
}

ib_skip_unless_core
mod_load || skip_all "cannot load mlxsim"
tests_run
exit $EXIT_STATUS
