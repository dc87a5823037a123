#!/bin/bash
# Add-time fault injection (debugfs `fail_add`): step N of the next
# function add fails as if out of memory.  For each kind of function the
# test walks N = 1, 2... until an add succeeds, so every unwind label of
# the add ladder (firmware bring-up, IB device, RoCE stage, P_Key tables,
# netdev, ib_core registration, multiport) runs; after each failure
# nothing of the function is left (debugfs, bus device, IB device,
# netdev), the HCA was disabled as often as enabled, and the rest of the
# topology is untouched.  On the debug kernel kmemleak then checks that
# nothing leaked.

ALL_TESTS="
	load
	bad_input
	walk_ordinary_eth
	walk_sriov_ib
	walk_master_with_waiting_slave
	walk_slave_binding
"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

G=0x0002c90300fa0000
FA=$DBG/fail_add
MP=$DBG/multiport

want() { [[ $2 == "$3" ]]; check_err $? "$1: got '$2', want '$3'"; }

# nothing of function $1 exists anywhere
gone()
{
	local id=$1

	[[ ! -e $DBG/mlxsim$id && ! -e $BUS/devices/mlxsim$id &&
	   ! -e /sys/class/infiniband/mlxsim$id &&
	   ! -e /sys/class/net/mlxsim$id ]] &&
		! awk -v id="$id" 'NR > 1 && $1 == id { f = 1 } END { exit !f }' "$MP"
}

# walk ID "KEYS": fail every step of adding it in turn, then add it
walk()
{
	local id=$1 keys=$2 n steps before tr en dis

	before=$(cat "$MP")
	for ((n = 1; n < 40; n++)); do
		echo "$n" > "$FA" || { check_err 1 "arming step $n"; return; }
		trace_on mlxsim/mlxsim_cmd
		if echo "$id $keys" > "$BUS/new_device" 2>/dev/null; then
			trace_off
			break
		fi
		trace_off
		gone "$id"
		check_err $? "step $n: something of mlxsim$id left behind"
		want "step $n: fail_add disarmed" "$(kv_get "$FA" armed)" 0
		want "step $n: rest of the topology" "$(cat "$MP")" "$before"
		tr=$(trace_read)
		en=$(grep -c "fn=$id opcode=ENABLE_HCA.*status=OK" <<<"$tr")
		dis=$(grep -c "fn=$id opcode=DISABLE_HCA" <<<"$tr")
		want "step $n: HCA disabled as often as enabled" "$dis" "$en"
	done
	# the add that got through armed a step beyond its last one
	DEVS+=("$id")
	steps=$(kv_get "$FA" last_steps)
	want "steps of a full add, one past the last failed" "$((steps + 1))" "$n"
	((n > 4))
	check_err $? "only $((n - 1)) failure points for '$keys'"
	echo 0 > "$FA"
	log_info "mlxsim$id ($keys): $steps steps, each failed once"
}

load()
{
	mod_load
	check_err $? "cannot load $MLXSIM_KO"
	[[ -w $FA ]]
	check_err $? "no $FA"
	log_test "load"
}

bad_input()
{
	expect_fail EINVAL write "$FA" x
	expect_fail ERANGE write "$FA" 1001
	expect_fail EINVAL write "$FA" "1 2"
	want "nothing armed" "$(kv_get "$FA" armed)" 0
	log_test "fail_add refuses bad input"
}

walk_ordinary_eth()
{
	walk 1 "link=eth ports=2"
	del_dev 1
	log_test "every add step of an Ethernet function unwinds cleanly"
}

walk_sriov_ib()
{
	walk 2 "link=ib ports=2 vfs=3 pkeys=64"
	del_dev 2
	log_test "every add step of an SR-IOV IB function unwinds cleanly"
}

walk_master_with_waiting_slave()
{
	new_dev "11 guid=$G affiliate=1 native_port=2"
	walk 10 "guid=$G vhca_ports=2 native_port=1"
	want "slave bound in the end" "$(table_get "$MP" id 11 state)" bound
	del_dev 11 && del_dev 10
	log_test "every add step of a master binding a waiting slave unwinds"
}

walk_slave_binding()
{
	new_dev "10 guid=$G vhca_ports=2 native_port=1"
	walk 11 "guid=$G affiliate=1 native_port=2"
	want "bound in the end" "$(table_get "$MP" id 11 state)" bound
	want "master roce_en" "$(kv_get "$DBG/mlxsim10/vport" roce_en)" 2
	del_dev 11 && del_dev 10
	log_test "every add step of a binding slave unwinds"
}

tests_run
exit $EXIT_STATUS
