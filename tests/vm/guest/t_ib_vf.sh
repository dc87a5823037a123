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
	iov_tree
	pkey_idx_is_virt2phys
	guest_smp_view
	guest_set_refused
	smi_admin_allows
	vf_port_pending_without_guid
	admin_guid_writes
	opensm_assigns_alias_guids
	deleted_guid_takes_vf_down
	master_removal
"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$(dirname "${BASH_SOURCE[0]}")/ib_lib.sh"

N=7
CTL=$MLXSIM_ROOT/tools/mlxsimctl/mlxsimctl

cleanup()
{
	osm_stop
}

vf_state() # VF: the state of mlxsim<N>vf<S> port 1, as sysfs prints it
{
	cat "$IBSYS/mlxsim${N}vf$1/ports/1/state"
}

# vf_gid_guid VF: the interface ID of the VF's GID 0 as 0x%016x
vf_gid_guid()
{
	cat "$IBSYS/mlxsim${N}vf$1/ports/1/gids/0" |
		awk -F: '{ printf "0x%s%s%s%s\n", $5, $6, $7, $8 }'
}

guids_field() # VF FIELD: from debugfs port1/guids
{
	table_get "$DBG/mlxsim$N/port1/guids" slave "$1" "$2"
}

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
# (no fork per entry: the debug kernel's emulated forks are slow)
guest_view_diff()
{
	local id=$1 vf=$2 p=$3 i want got

	while read -r i want; do
		got=
		read -r got <"$IBSYS/mlxsim${id}vf$vf/ports/$p/pkeys/$i" 2>/dev/null
		[[ -n $got ]] && printf -v got '0x%04x' "$((16#${got#0x}))"
		[[ $got == "$want" ]] || echo "$i: sysfs '$got' debugfs $want"
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

IOV=
iov_slave() # SLAVE: the slave's directory, named as mlx4's get_name()
{
	printf '%s/0000:%02x:%02d.%d' "$IOV" $N $(($1 / 8)) $(($1 % 8))
}

iov_tree()
{
	local s

	IOV=$IBSYS/mlxsim$N/iov
	[[ $(cat "$IOV/ports/1/pkeys/0") == 0xffff &&
	   $(cat "$IOV/ports/1/pkeys/1") == "$(table_get "$DBG/mlxsim$N/port1/pkey_cache" index 1 pkey)" ]]
	check_err $? "iov/ports/1/pkeys: $(cat $IOV/ports/1/pkeys/0 $IOV/ports/1/pkeys/1 2>&1)"
	[[ $(ls "$IOV/ports/1/pkeys" | wc -l) == 128 && -e $IOV/ports/2/gids/3 &&
	   -e $IOV/ports/1/admin_guids/3 ]]
	check_err $? "iov/ports/1: $(ls $IOV/ports/1 2>&1)"
	for s in 0 1 2 3; do
		[[ -d $(iov_slave $s)/ports/1/pkey_idx && -d $(iov_slave $s)/ports/2 &&
		   $(cat "$(iov_slave $s)/ports/1/gid_idx/0") == "$s" &&
		   $(cat "$(iov_slave $s)/ports/1/smi_enabled") == 0 ]]
		check_err $? "slave $s: $(ls $IOV 2>&1)"
	done
	[[ $(cat "$IOV/ports/1/admin_guids/2") == "$(printf '0x0002c9%04x0002%02x' $N 1)" ]]
	check_err $? "admin_guids/2: $(cat $IOV/ports/1/admin_guids/2)"
	log_test "mlx4's iov tree: ports/<P>/{pkeys,gids,admin_guids}, <slave>/ports/<P>/{pkey_idx,gid_idx,smi_enabled}"
}

pkey_idx_is_virt2phys()
{
	local f=$(iov_slave 2)/ports/1/pkey_idx

	echo 5 >"$f/7"
	check_err $? "write pkey_idx/7"
	[[ $(awk '$1 == 2 && $2 == 7 { print $3 }' "$DBG/mlxsim$N/port1/virt2phys") == 5 &&
	   $(cat "$f/7") == 5 ]]
	check_err $? "pkey_idx and virt2phys disagree"
	write "$DBG/mlxsim$N/port1/virt2phys" "2 7 none"
	[[ $(cat "$f/7") == none ]]
	check_err $? "virt2phys none reads $(cat $f/7) in pkey_idx"
	echo 9 >"$f/7" && echo none >"$f/7"
	check_err $? "none through pkey_idx"
	[[ $(awk '$1 == 2 && $2 == 7 { print $3 }' "$DBG/mlxsim$N/port1/virt2phys") == 127 ]]
	check_err $? "pkey_idx none is not the reserved entry"
	expect_fail EINVAL write "$f/7" "x"
	expect_fail ERANGE write "$f/7" "500"
	[[ $(cat "$f/7") == none ]]
	check_err $? "a refused write changed the entry"
	log_test "pkey_idx and debugfs virt2phys are one table: either writes, both read; same errnos"
}

# smp_pkeys DEV: block 0 of smpquery's P_Key table, one per line
smp_pkeys()
{
	smpquery -C "$1" -P 1 -D pkeys 0 2>/dev/null |
		awk '/^ +[0-9]+:/ && $1 + 0 < 32 { for (i = 2; i <= NF; i++) print $i }' | head -n 32
}

guest_smp_view()
{
	local want got ni

	modprobe ib_umad
	want=$(awk 'NR > 1 && $1 < 32 { print $2 }' "$DBG/mlxsim$N/vf1/port1/pkeys")
	got=$(smp_pkeys mlxsim${N}vf1)
	[[ -n $got && $got == "$want" ]]
	check_err $? "smpquery -C mlxsim${N}vf1 pkeys: $(echo $got | head -c 200)"
	ni=$(smpquery -C mlxsim${N}vf1 -P 1 -D nodeinfo 0)
	grep -q "^DevId:\.*0x1004$" <<<"$ni" &&
	grep -q "^PortGuid:\.*$(printf '0x0002c9%04x0001%02x' $N 1)$" <<<"$ni"
	check_err $? "VF nodeinfo: $ni"
	[[ $(ibstat mlxsim${N}vf1 1 | awk -F': ' '{ sub(/^[ \t]+/, "") } $1 == "State" { print $2 }') == Down ]]
	check_err $? "ibstat mlxsim${N}vf1: $(ibstat mlxsim${N}vf1 1)"
	log_test "smpquery and ibstat on a VF show the guest's view (its P_Keys, GUIDs, port)"
}

guest_set_refused()
{
	local before

	before=$(cat "$DBG/mlxsim$N/port1/pkey_cache" "$DBG/mlxsim$N"/vf*/events)
	trace_on mlxsim/mlxsim_vf_mad_reject
	"$CTL" -U mlxsim${N}vf1:1 pkey-set --timeout 300 --dr 0=0xffff 1=0x8077 >/dev/null 2>&1
	check_fail $? "a VF's SubnSet was answered"
	[[ $before == "$(cat "$DBG/mlxsim$N/port1/pkey_cache" "$DBG/mlxsim$N"/vf*/events)" ]]
	check_err $? "a VF's SubnSet changed something"
	trace_read | grep -q "mlxsim_vf_mad_reject: fn=$N port=1 slave=1 class=0x81 method=0x02 attr=0x0016 err=EPERM"
	check_err $? "no mlxsim_vf_mad_reject: $(trace_read | head -2)"
	log_test "a SubnSet from an unprivileged VF is refused (EPERM) and changes nothing"
}

smi_admin_allows()
{
	local f=$(iov_slave 1)/ports/1

	echo 1 >"$f/enable_smi_admin"
	check_err $? "enable_smi_admin"
	[[ $(cat "$f/smi_enabled") == 1 ]]
	check_err $? "smi_enabled $(cat $f/smi_enabled)"
	"$CTL" -U mlxsim${N}vf1:1 pkey-set --dr --keep 9=0x8077 >/dev/null
	check_err $? "an SMI-enabled VF's SubnSet"
	[[ $(table_get "$DBG/mlxsim$N/port1/pkey_cache" index 9 pkey) == 0x8077 ]]
	check_err $? "the SET did not reach the cache"
	# the same parser and errnos as vf<S>/active
	expect_fail ERANGE write "$f/enable_smi_admin" 2
	expect_fail EINVAL write "$f/enable_smi_admin" yes
	echo 0 >"$f/enable_smi_admin"
	log_test "enable_smi_admin 1: smi_enabled reads 1 and the VF's SubnSet is taken, as upstream"
}

vf_port_pending_without_guid()
{
	modprobe ib_umad
	new_dev "8 link=ib"
	write "$BUS/link_device" "$N:1 8:1"
	check_err $? "link_device"
	trace_on mlxsim/mlxsim_slave_port_state mlxsim/mlxsim_guid_assign
	"$CTL" sm mlxsim$N:1 --once >/dev/null
	check_err $? "mlxsimctl sm"
	wait_for eval '[[ $(cat $IBSYS/mlxsim$N/ports/1/state) == "4: ACTIVE" ]]'
	check_err $? "the PF port is not ACTIVE"
	wait_for eval 'trace_read | grep -q "fn=$N port=1 slave=1 state=down->pending_up event=port_up"'
	check_err $? "no slave port step: $(trace_read | head -3)"
	[[ $(cat "$IBSYS/mlxsim${N}vf1/ports/1/state") == "1: DOWN" &&
	   $(vf_ib_events $N 1 1 port_active) == 0 ]]
	check_err $? "a VF without an assigned GUID is up: $(cat $IBSYS/mlxsim${N}vf1/ports/1/state)"
	# why: the PF asked the SA, and no SA answered (mlxsimctl's SM has none)
	wait_secs 10 eval 'trace_read | grep -q "mlxsim_guid_assign: fn=$N port=1 slave=1 method=set result=sent guid=$(guids_field 1 admin_guid) " &&
			  trace_read | grep -qE "mlxsim_guid_assign: fn=$N port=1 slave=1 method=set result=failed .* retry=[1-9]"'
	check_err $? "no GUID request and failure in the trace: $(trace_read | grep guid_assign | head -4)"
	[[ $(guids_field 1 guid) == - && $(guids_field 1 state) == pending_up &&
	   $(guids_field 1 pending) == yes ]]
	check_err $? "port1/guids: $(grep '^1 ' $DBG/mlxsim$N/port1/guids)"
	write "$BUS/unlink_device" "$N:1 8:1"
	wait_for eval 'trace_read | grep -q "fn=$N port=1 slave=1 state=pending_up->down event=port_down"'
	check_err $? "no step back to down"
	[[ $(vf_ib_events $N 1 1 port_err) == 0 ]]
	check_err $? "PORT_ERR to a VF that was never up"
	del_dev 8
	log_test "the PF port ACTIVE: VF ports PENDING_UP (no alias GUID), DOWN to the guest, no event"
}

admin_guid_writes()
{
	local f=$IOV/ports/1/admin_guids

	[[ $(cat "$f/1") == "$(guids_field 1 admin_guid)" &&
	   $(cat "$f/1") == "$(vf_gid_guid 1)" ]]
	check_err $? "admin_guids/1 $(cat $f/1), debugfs $(guids_field 1 admin_guid), GID $(vf_gid_guid 1)"
	! write "$f/0" 0x1234 2>/dev/null
	check_err $? "entry 0 (the port GUID) accepted a write"
	! write "$f/2" 12zz 2>/dev/null && ! write "$f/2" "" 2>/dev/null &&
	! write "$f/2" 0x10000000000000000 2>/dev/null
	check_err $? "a bad GUID accepted"
	[[ $(cat "$f/2") == "$(guids_field 2 admin_guid)" && $(cat "$f/2") != 0x0000000000000000 ]]
	check_err $? "a refused write changed admin_guids/2: $(cat $f/2)"
	# 0: the SM is to choose VF 2's GUID
	write "$f/2" 0
	check_err $? "admin_guids/2 = 0"
	# (the guest's GID cache follows at its next GID_CHANGE, as upstream)
	[[ $(cat "$f/2") == 0x0000000000000000 &&
	   $(guids_field 2 admin_guid) == 0x0000000000000000 &&
	   $(guids_field 2 pending) == yes ]]
	check_err $? "admin_guids/2 $(cat $f/2), debugfs: $(grep '^2 ' $DBG/mlxsim$N/port1/guids)"
	log_test "iov admin_guids: read as the VF's GID, 0 lets the SM choose, entry 0 and bad GUIDs refused"
}

opensm_assigns_alias_guids()
{
	local g1 g2 s

	command -v opensm >/dev/null || { log_skip "OpenSM assigns alias GUIDs" "no opensm"; return; }
	new_dev "8 link=ib"
	write "$BUS/link_device" "$N:1 8:1"
	check_err $? "link_device"
	g1=$(cat "$IOV/ports/1/admin_guids/1")
	trace_on mlxsim/mlxsim_guid_assign mlxsim/mlxsim_slave_port_state
	echo "Default=0x7fff, ipoib : ALL=full ;" >"$OSM.conf"
	osm_start 8 "$OSM.conf"
	wait_secs $((60 * SLOW)) eval '[[ $(vf_state 1) == "4: ACTIVE" && $(vf_state 2) == "4: ACTIVE" && $(vf_state 3) == "4: ACTIVE" ]]'
	check_err $? "VF ports: $(vf_state 1), $(vf_state 2), $(vf_state 3); $(cat $DBG/mlxsim$N/port1/guids); $(trace_read | grep guid_assign | tail -4)"
	g2=$(cat "$IOV/ports/1/admin_guids/2")
	# VF 1 got its admin GUID, VF 2 one the SM chose (kept as its admin GUID)
	[[ $(guids_field 1 guid) == "$g1" && $(vf_gid_guid 1) == "$g1" ]]
	check_err $? "VF1: cache $(guids_field 1 guid), GID $(vf_gid_guid 1), admin $g1"
	[[ $g2 != 0x0000000000000000 && $(guids_field 2 guid) == "$g2" && $(vf_gid_guid 2) == "$g2" ]]
	check_err $? "VF2: admin $g2, cache $(guids_field 2 guid), GID $(vf_gid_guid 2)"
	# the port's GIDs as the SM programmed them (the network view)
	[[ $(awk -F: '{ printf "0x%s%s%s%s", $5, $6, $7, $8 }' "$IOV/ports/1/gids/2") == "$g2" ]]
	check_err $? "iov gids/2: $(cat $IOV/ports/1/gids/2)"
	for s in 1 2 3; do
		[[ $(vf_ib_events $N $s 1 port_active) == 1 && $(vf_ib_events $N $s 1 gid_change) -ge 1 ]]
		check_err $? "VF$s ib_events: port_active $(vf_ib_events $N $s 1 port_active), gid_change $(vf_ib_events $N $s 1 gid_change)"
		trace_read | grep -qE "mlxsim_guid_assign: fn=$N port=1 slave=$s method=set result=accepted guid=0x" &&
		trace_read | grep -q "mlxsim_slave_port_state: fn=$N port=1 slave=$s state=pending_up->up event=gid_valid"
		check_err $? "VF$s: no assignment or gid_valid step in the trace"
	done
	[[ $(ibstat mlxsim${N}vf2 1 | awk -F': ' '/State:/ { print $2; exit }') == Active ]]
	check_err $? "ibstat mlxsim${N}vf2: $(ibstat mlxsim${N}vf2 1 2>&1 | head -4)"
	log_test "OpenSM assigns the VFs' alias GUIDs (SA GUIDInfoRecord, GUIDInfo snoop): GIDs valid, VF ports ACTIVE"
}

deleted_guid_takes_vf_down()
{
	[[ -n $OSM_PID ]] || { log_skip "a deleted alias GUID takes the VF down" "no OpenSM"; return; }
	trace_on mlxsim/mlxsim_guid_assign mlxsim/mlxsim_slave_port_state
	write "$IOV/ports/1/admin_guids/1" ffffffffffffffff
	check_err $? "admin_guids/1 = all ones"
	wait_secs $((30 * SLOW)) eval '[[ $(vf_state 1) == "1: DOWN" ]]'
	check_err $? "VF1 port $(vf_state 1); $(grep '^1 ' $DBG/mlxsim$N/port1/guids); $(trace_read | tail -3)"
	[[ $(vf_ib_events $N 1 1 port_err) == 1 && $(guids_field 1 guid) == - &&
	   $(vf_state 2) == "4: ACTIVE" ]]
	check_err $? "port_err $(vf_ib_events $N 1 1 port_err), cache $(guids_field 1 guid), VF2 $(vf_state 2)"
	trace_read | grep -q "mlxsim_guid_assign: fn=$N port=1 slave=1 method=delete result=accepted"
	check_err $? "no delete in the trace: $(trace_read | grep guid_assign | tail -3)"
	osm_stop
	write "$BUS/unlink_device" "$N:1 8:1"
	del_dev 8
	log_test "an admin GUID deleted: the SM removes it, the VF's port goes DOWN (PORT_ERR), the others stay"
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
