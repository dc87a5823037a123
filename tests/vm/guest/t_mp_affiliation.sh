#!/bin/bash
# Multiport RoCE affiliation through the bus and debugfs: every add/remove
# order, the reasons a slave waits, command routing, the vport context,
# event forwarding and injected firmware failures (DESIGN.md "Multiport
# affiliation").

ALL_TESTS="
	load
	master_then_slave
	slave_then_master
	master_replaced
	slave_removed_bound
	slave_removed_unbound
	reason_guid
	reason_type
	reason_native_port
	reason_port_busy
	ib_link
	routing
	events
	routing_by_class
	slave_event_names
	roce_counts
	fw_slave_roce
	fw_unaffiliate_then_affiliate
	columns
	unload
"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

G=0x0002c90300abcd00
# roce_en a multiport master's vport reads (the RoCE enable count): its
# IB device's RoCE stage (mlx5_enable_eth) and mlx5_ib_init_multiport_master
MASTER_ROCE_EN=2
MP=$DBG/multiport
UN=$DBG/unaffiliated

mp_col() { table_get "$MP" id "$1" "$2"; }
un_col() { table_get "$UN" id "$1" "$2"; }
un_count() { awk -v id="$1" 'NR > 1 && $1 == id' "$UN" | wc -l; }
port_col() { table_get "$DBG/mlxsim$1/ports" port "$2" "$3"; }
vport() { kv_get "$DBG/mlxsim$1/vport" "$2"; }
stat_count() { awk -v n="$2" '$2 == n { print $3 }' "$DBG/mlxsim$1/cmd_stats"; }
stat_failed() { awk -v n="$2" '$2 == n { print $4 }' "$DBG/mlxsim$1/cmd_stats"; }

add_master() { new_dev "$1 guid=${2:-$G} vhca_ports=2 native_port=1 ${*:3}"; }
add_slave() { new_dev "$1 guid=${2:-$G} affiliate=1 native_port=${3:-2} ${*:4}"; }

# want WHAT GOT EXPECTED
want()
{
	[[ $2 == "$3" ]]
	check_err $? "$1: got '$2', want '$3'"
}

# the slave $1 is bound to master $2 on port 2, everything agreeing
check_bound()
{
	local s=$1 m=$2

	want "slave $s state" "$(mp_col "$s" state)" bound
	want "slave $s master" "$(mp_col "$s" master)" "$m"
	want "slave $s port" "$(mp_col "$s" port)" 2
	want "slave $s listed" "$(un_count "$s")" 0
	want "master $m port 2 function" "$(port_col "$m" 2 function)" "$s"
	want "master $m port 2 state" "$(port_col "$m" 2 state)" up
	want "slave $s roce_en" "$(vport "$s" roce_en)" 1
	want "slave $s fw_roce_en" "$(vport "$s" fw_roce_en)" 1
	want "slave $s affiliated_vhca_id" "$(vport "$s" affiliated_vhca_id)" "$((m + 1))"
	want "slave $s affiliation_criteria" "$(vport "$s" affiliation_criteria)" 1
}

# the slave $1 waits with reason $2, listed exactly once
check_waiting()
{
	local s=$1 r=$2

	want "slave $s state" "$(mp_col "$s" state)" unaffiliated
	want "slave $s master" "$(mp_col "$s" master)" -
	want "slave $s listed" "$(un_count "$s")" 1
	want "slave $s reason" "$(un_col "$s" reason)" "$r"
	want "slave $s reason (multiport)" "$(mp_col "$s" reason)" "$r"
}

check_master_alone()
{
	local m=$1

	want "master $m state" "$(mp_col "$m" state)" master
	want "master $m roce_en" "$(vport "$m" roce_en)" "$MASTER_ROCE_EN"
	want "master $m fw_roce_en" "$(vport "$m" fw_roce_en)" 1
	want "master $m port 2 function" "$(port_col "$m" 2 function)" -
	want "master $m port 2 state" "$(port_col "$m" 2 state)" down
}

load()
{
	mod_load
	check_err $? "cannot load $MLXSIM_KO"
	[[ -r $MP && -r $UN ]]
	check_err $? "no multiport/unaffiliated tables"
	log_test "load"
}

master_then_slave()
{
	add_master 10 && add_slave 11
	check_err $? "new_device"
	check_bound 11 10
	want "master ib_ports" "$(kv_get "$DBG/mlxsim10/caps" ib_ports)" 2
	want "rescans" "$(mp_col 10 rescans)" 1
	[[ ! -e $DBG/mlxsim11/ports ]]
	check_err $? "a slave has no IB device"
	del_dev 11
	check_master_alone 10
	want "removed slave roce_en" "$(awk 'NR>1 && $1 == 11' "$MP" | wc -l)" 0
	del_dev 10
	want "rows left" "$(table_rows "$MP")" 0
	log_test "master first, then slave: bound; removal order slave, master"
}

slave_then_master()
{
	add_slave 11
	check_waiting 11 no_master
	add_master 10
	check_bound 11 10
	want "a bind rescans, whichever side came first" "$(mp_col 10 rescans)" 1
	del_dev 10
	check_waiting 11 master_removed
	want "slave roce after master removal" "$(vport 11 roce_en)" 0
	want "slave affiliation cleared" "$(vport 11 affiliated_vhca_id)" 0
	del_dev 11
	want "unaffiliated rows" "$(table_rows "$UN")" 0
	log_test "slave first, then master: bound; master removed returns slave"
}

master_replaced()
{
	add_master 10 && add_slave 11
	del_dev 10
	check_waiting 11 master_removed
	add_master 12
	check_bound 11 12
	del_dev 11
	check_master_alone 12
	del_dev 12
	log_test "master removed while slave bound, then a new same-GUID master"
}

slave_removed_bound()
{
	add_master 10 && add_slave 11
	del_dev 11
	check_err $? "del bound slave"
	check_master_alone 10
	add_slave 13
	check_bound 13 10
	del_dev 13 && del_dev 10
	log_test "slave removed while bound, port free for the next"
}

slave_removed_unbound()
{
	add_slave 11
	del_dev 11
	want "unaffiliated rows" "$(table_rows "$UN")" 0
	add_master 10
	check_master_alone 10
	del_dev 10
	log_test "slave removed while waiting"
}

reason_guid()
{
	add_master 10 && add_slave 11 0x0002c90300ffff00
	check_waiting 11 no_master
	check_master_alone 10
	del_dev 11 && del_dev 10
	log_test "GUID mismatch: no_master"
}

reason_type()
{
	add_master 10 && add_slave 11 "$G" 2 type=vf
	check_waiting 11 type_mismatch
	check_master_alone 10
	add_master 12 "$G" type=vf
	check_bound 11 12
	del_dev 12 && del_dev 11 && del_dev 10
	log_test "PF/VF mismatch: type_mismatch; a VF master takes the VF"
}

reason_native_port()
{
	add_master 10 && add_slave 11 "$G" 1
	check_waiting 11 native_port
	check_master_alone 10
	del_dev 11 && del_dev 10
	log_test "slave on the master's native port: native_port"
}

reason_port_busy()
{
	add_master 10 && add_slave 11 && add_slave 12
	check_bound 11 10
	check_waiting 12 port_busy
	del_dev 10
	check_waiting 11 master_removed
	check_waiting 12 port_busy
	# the list is in arrival order: 12 has waited longer than 11
	add_master 13
	check_bound 12 13
	check_waiting 11 master_removed
	del_dev 12 && del_dev 11 && del_dev 13
	log_test "two slaves for one port: port_busy"
}

ib_link()
{
	add_master 10 "$G" link=ib && add_slave 11
	want "ib master role" "$(kv_get "$DBG/mlxsim10/caps" role)" ordinary
	want "ib master not multiport" "$(awk 'NR>1 && $1 == 10' "$MP" | wc -l)" 0
	check_waiting 11 no_master
	add_slave 12 "$G" 2 link=ib
	want "ib slave not multiport" "$(awk 'NR>1 && $1 == 12' "$MP" | wc -l)" 0
	want "ib slave has its own IB device" "$(port_col 12 1 function)" 12
	del_dev 12 && del_dev 11 && del_dev 10
	log_test "IB link functions are never multiport"
}

routing()
{
	add_master 10 && add_slave 11
	write "$DBG/mlxsim10/port2/cmd" "ib CREATE_QP"
	check_err $? "ib CREATE_QP on port 2"
	write "$DBG/mlxsim10/port2/cmd" "port QUERY_VPORT_COUNTER"
	check_err $? "port QUERY_VPORT_COUNTER on port 2"
	write "$DBG/mlxsim10/port1/cmd" "port QUERY_Q_COUNTER"
	want "CREATE_QP on master" "$(stat_count 10 CREATE_QP)" 1
	want "CREATE_QP not on slave" "$(stat_count 11 CREATE_QP)" ""
	want "per-port on slave" "$(stat_count 11 QUERY_VPORT_COUNTER)" 1
	want "per-port not on master" "$(stat_count 10 QUERY_VPORT_COUNTER)" ""
	want "port 1 per-port on master" "$(stat_count 10 QUERY_Q_COUNTER)" 1
	want "refcnt back to 0" "$(mp_col 11 refcnt)" 0
	del_dev 11
	expect_fail ENODEV write "$DBG/mlxsim10/port2/cmd" "port QUERY_VPORT_COUNTER"
	expect_fail EINVAL write "$DBG/mlxsim10/port2/cmd" "bogus CREATE_QP"
	expect_fail EINVAL write "$DBG/mlxsim10/port2/cmd" "ib NO_SUCH_OP"
	del_dev 10
	log_test "routing: IB objects to the master, per-port to the native function"
}

# The class routes, not the user: a bare opcode goes where its class
# says; a leading word must agree with the class.
routing_by_class()
{
	add_master 10 && add_slave 11
	write "$DBG/mlxsim10/port2/cmd" CREATE_CQ
	check_err $? "bare CREATE_CQ"
	write "$DBG/mlxsim10/port2/cmd" QUERY_VPORT_STATE
	check_err $? "bare QUERY_VPORT_STATE"
	write "$DBG/mlxsim10/port2/cmd" 0x0800
	check_err $? "ALLOC_PD by number"
	want "CREATE_CQ to the master" "$(stat_count 10 CREATE_CQ)" 1
	want "ALLOC_PD to the master" "$(stat_count 10 ALLOC_PD)" 1
	want "QUERY_VPORT_STATE to the slave" "$(stat_count 11 QUERY_VPORT_STATE)" 1
	want "QUERY_VPORT_STATE not on the master" "$(stat_count 10 QUERY_VPORT_STATE)" ""
	expect_fail EINVAL write "$DBG/mlxsim10/port2/cmd" "port CREATE_CQ"
	expect_fail EINVAL write "$DBG/mlxsim10/port2/cmd" "ib QUERY_VPORT_STATE"
	expect_fail EINVAL write "$DBG/mlxsim10/port2/cmd" "ib QUERY_HCA_CAP"
	expect_fail EINVAL write "$DBG/mlxsim10/port2/cmd" "ib CREATE_CQ extra"
	want "refused ones reached nobody" "$(stat_count 11 CREATE_CQ)" ""
	want "refcnt back to 0" "$(mp_col 11 refcnt)" 0
	del_dev 11 && del_dev 10
	log_test "routing by opcode class; ib/port must agree with it"
}

events()
{
	add_slave 11
	expect_fail ENOLINK write "$DBG/mlxsim11/event" port_active
	add_master 10
	write "$DBG/mlxsim11/event" port_active && write "$DBG/mlxsim11/event" port_active
	check_err $? "event on a bound slave"
	want "forwarding" "$(mp_col 11 forwarding)" 1
	want "events" "$(mp_col 11 events)" 2
	del_dev 10
	want "forwarding after unbind" "$(mp_col 11 forwarding)" 0
	expect_fail ENOLINK write "$DBG/mlxsim11/event" port_active
	del_dev 11
	log_test "slave events forwarded to the master only while bound"
}

# count of event $3 on port $2 in mlxsim$1/ib_events
ib_ev() { awk -v p="$2" -v e="$3" 'NR > 1 && $1 == p && $2 == e { print $3 }' "$DBG/mlxsim$1/ib_events"; }

# A slave's event names its kind; while bound it is dispatched on the
# master's IB device for the slave's port and counted there.
slave_event_names()
{
	local ev before

	add_slave 11
	expect_fail ENOLINK write "$DBG/mlxsim11/event" lid_change
	expect_fail EINVAL write "$DBG/mlxsim11/event" no_such_event
	add_master 10
	if [[ ! -r $DBG/mlxsim10/ib_events ]]; then
		del_dev 11 && del_dev 10
		log_skip "slave events on ib_core" "kernel without ib_core"
		return
	fi
	for ev in port_active port_err lid_change pkey_change gid_change sm_change client_reregister; do
		before=$(ib_ev 10 2 "$ev")
		write "$DBG/mlxsim11/event" "$ev"
		check_err $? "event $ev"
		want "master port 2 $ev counted" "$(ib_ev 10 2 "$ev")" "$((before + 1))"
	done
	want "master port 1 lid_change untouched" "$(ib_ev 10 1 lid_change)" 0
	expect_fail EINVAL write "$DBG/mlxsim11/event" "lid_change extra"
	want "forwarded" "$(mp_col 11 events)" 7
	del_dev 11 && del_dev 10
	log_test "slave events by name, dispatched on the master for port 2"
}

# RoCE enable counts as upstream: master 2, ordinary Ethernet 1, bound
# slave 1, unbound slave 0, IB link 0; the command only on 0->1 / 1->0.
roce_counts()
{
	add_master 10 && add_slave 11
	new_dev "12 link=eth"
	new_dev "13 link=ib"
	add_slave 14 0x0002c90300ffff00
	want "master" "$(vport 10 roce_en)" 2
	want "bound slave" "$(vport 11 roce_en)" 1
	want "ordinary Ethernet" "$(vport 12 roce_en)" 1
	want "IB link" "$(vport 13 roce_en)" 0
	want "unbound slave" "$(vport 14 roce_en)" 0
	want "master: one RoCE command" "$(stat_count 10 MODIFY_NIC_VPORT_CONTEXT)" 1
	want "ordinary: one RoCE command" "$(stat_count 12 MODIFY_NIC_VPORT_CONTEXT)" 1
	del_dev 11
	want "master after unbind" "$(vport 10 roce_en)" 2
	del_dev 12
	del_dev 10 && del_dev 13 && del_dev 14
	log_test "RoCE enable counts: master 2, ordinary 1, bound slave 1"
}

# RoCE enable on the slave's vport fails: the bind is undone
fw_slave_roce()
{
	add_slave 11
	write "$DBG/mlxsim11/fail_cmd" "MODIFY_NIC_VPORT_CONTEXT EIO"
	add_master 10
	check_err $? "master add"
	check_waiting 11 fw_error
	check_master_alone 10
	want "slave roce_en" "$(vport 11 roce_en)" 0
	want "slave fw_roce_en" "$(vport 11 fw_roce_en)" 0
	want "slave affiliation" "$(vport 11 affiliated_vhca_id)" 0
	want "failed MODIFY" "$(stat_failed 11 MODIFY_NIC_VPORT_CONTEXT)" 1
	del_dev 10
	check_waiting 11 fw_error
	add_master 12
	check_bound 11 12
	del_dev 11 && del_dev 12
	log_test "fail_cmd on the slave's RoCE enable: fw_error, listed once, counts 0"
}

# Clearing the affiliation fails: the unbind completes and RoCE stays on
# (it is disabled only if clearing worked); then the affiliate command of
# the next bind fails (RoCE is already on, so it is the first MODIFY), and
# the bind is undone as mlx5_ib_bind_slave_port's error path does: the
# unbind clears the affiliation (works now) and so puts RoCE back, to 0.
fw_unaffiliate_then_affiliate()
{
	add_master 10 && add_slave 11
	write "$DBG/mlxsim11/fail_cmd" "MODIFY_NIC_VPORT_CONTEXT EIO"
	del_dev 10
	check_err $? "master removal"
	check_waiting 11 master_removed
	want "slave roce_en kept" "$(vport 11 roce_en)" 1
	want "slave fw_roce_en kept" "$(vport 11 fw_roce_en)" 1
	write "$DBG/mlxsim11/fail_cmd" "MODIFY_NIC_VPORT_CONTEXT EREMOTEIO"
	add_master 12
	check_waiting 11 fw_error
	check_master_alone 12
	want "slave roce_en after the failed bind's unbind" "$(vport 11 roce_en)" 0
	want "slave fw_roce_en after the failed bind's unbind" "$(vport 11 fw_roce_en)" 0
	want "failed MODIFY" "$(stat_failed 11 MODIFY_NIC_VPORT_CONTEXT)" 2
	want "master roce" "$(vport 12 roce_en)" "$MASTER_ROCE_EN"
	del_dev 12
	check_waiting 11 fw_error
	want "rows after the master's removal" "$(table_rows "$MP")" 1
	del_dev 11
	want "no rows" "$(table_rows "$MP")" 0
	log_test "fail_cmd on the unaffiliate and the affiliate command"
}

columns()
{
	add_master 10
	want "multiport header" "$(head -n 1 "$MP" | cut -d' ' -f1-10)" \
		"id guid type role native_port state master port refcnt unaffiliating"
	want "unaffiliated header" "$(head -n 1 "$UN" | cut -d' ' -f1-4)" \
		"id guid native_port reason"
	want "ports header" "$(head -n 1 "$DBG/mlxsim10/ports" | cut -d' ' -f1-5)" \
		"port function state refcnt unaffiliating"
	want "vport keys" "$(cut -d= -f1 "$DBG/mlxsim10/vport" | head -n 3 | tr '\n' ' ')" \
		"roce_en affiliated_vhca_id affiliation_criteria "
	want "master row" "$(awk 'NR==2 { print $2, $3, $4, $7, $8 }' "$MP")" \
		"$G pf master 10 1"
	del_dev 10
	log_test "table columns as DESIGN.md"
}

unload()
{
	add_master 10 && add_slave 11 && add_slave 12
	write "$DBG/mlxsim10/port2/hold" +3
	mod_unload
	check_err $? "rmmod with devices and held references"
	log_test "unload with bound slaves and held references"
}

tests_run
exit $EXIT_STATUS
