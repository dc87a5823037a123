#!/bin/bash
# The unbind-wait protocol: native-port references taken with `hold` keep
# an unbind (slave or master removal) waiting; new references are refused
# while it waits; the last release lets it finish; tables stay readable;
# rmmod releases leftover holds. The trace shows the whole sequence.

ALL_TESTS="
	load
	slave_removal_waits
	master_removal_waits
	wait_blocks_nobody_else
	killed_wait_rolls_back
	hold_never_wraps
	rmmod_while_waiting
"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

G=0x0002c90300abcd00
MP=$DBG/multiport

mp_col() { table_get "$MP" id "$1" "$2"; }
port_col() { table_get "$DBG/mlxsim$1/ports" port "$2" "$3"; }
want() { [[ $2 == "$3" ]]; check_err $? "$1: got '$2', want '$3'"; }

# running PID: still blocked after a moment
still_blocked()
{
	sleep 1
	kill -0 "$1" 2>/dev/null
}

setup_pair()
{
	new_dev "10 guid=$G vhca_ports=2 native_port=1" &&
		new_dev "11 guid=$G affiliate=1 native_port=2"
}

load()
{
	mod_load
	check_err $? "cannot load $MLXSIM_KO"
	log_test "load"
}

slave_removal_waits()
{
	local pid rc tr

	setup_pair
	check_err $? "setup"
	trace_on
	write "$DBG/mlxsim10/port2/hold" +3
	check_err $? "hold +3"
	want "refcnt" "$(mp_col 11 refcnt)" 3
	want "held" "$(cat "$DBG/mlxsim10/port2/hold")" 3

	(write "$BUS/del_device" 11) &
	pid=$!
	still_blocked "$pid"
	check_err $? "del_device did not wait for the references"
	# readers never block on the waiting unbind
	want "unaffiliating (multiport)" "$(timeout 5 awk -v id=11 'NR>1 && $1 == id { print $10 }' "$MP")" 1
	want "unaffiliating (ports)" "$(port_col 10 2 unaffiliating)" 1
	want "port state while waiting" "$(port_col 10 2 state)" down
	expect_fail ENODEV write "$DBG/mlxsim10/port2/hold" +1
	expect_fail ENODEV write "$DBG/mlxsim10/port2/cmd" "port QUERY_VPORT_COUNTER"
	write "$DBG/mlxsim10/port2/cmd" "ib CREATE_QP"
	check_err $? "IB-object commands still go to the master"

	write "$DBG/mlxsim10/port2/hold" -2
	check_err $? "hold -2"
	still_blocked "$pid"
	check_err $? "finished with one reference left"
	want "refcnt with one left" "$(port_col 10 2 refcnt)" 1

	write "$DBG/mlxsim10/port2/hold" -1
	check_err $? "hold -1"
	timeout 10 tail --pid="$pid" -f /dev/null
	wait "$pid"
	rc=$?
	check_err $rc "del_device failed after the last release"
	trace_off
	want "port 2 function" "$(port_col 10 2 function)" -
	want "port 2 refcnt" "$(port_col 10 2 refcnt)" 0
	want "port 2 unaffiliating" "$(port_col 10 2 unaffiliating)" 0
	want "slave gone" "$(awk 'NR>1 && $1 == 11' "$MP" | wc -l)" 0

	tr=$(trace_read)
	grep -q 'mlxsim_mp_mdev_get:.*port=2 fn=11 result=refcounted refcnt=3' <<<"$tr"
	check_err $? "no refcounted mdev_get in the trace"
	grep -q 'mlxsim_mp_mdev_get:.*port=2 fn=-1 result=unaffiliating' <<<"$tr"
	check_err $? "no refused mdev_get in the trace"
	grep -q 'mlxsim_mp_mdev_put:.*port=2 fn=11 refcnt=1 waking=1' <<<"$tr"
	check_err $? "no waking mdev_put (refcnt=1) in the trace"
	grep -q 'mlxsim_mp_mdev_put:.*port=2 fn=11 refcnt=0 waking=1' <<<"$tr"
	check_err $? "no last waking mdev_put in the trace"
	grep -q 'mlxsim_mp_unbind: slave=11 master=10 .* port=2 waited=3 reason=slave_removed status=OK roce_users=0' <<<"$tr"
	check_err $? "no unbind waited=3 in the trace"
	grep -q 'mlxsim_vport_affiliation: fn=11 affiliated_vhca_id=0 criteria=0 status=OK' <<<"$tr"
	check_err $? "no affiliation clear in the trace"
	# order: the unbind comes after the last put
	[[ $(grep -n 'mlxsim_mp_unbind:' <<<"$tr" | cut -d: -f1) -gt \
	   $(grep -n 'refcnt=0 waking=1' <<<"$tr" | cut -d: -f1) ]]
	check_err $? "unbind traced before the last release"
	del_dev 10
	log_test "slave removal waits for every native-port reference"
}

master_removal_waits()
{
	local pid

	setup_pair
	write "$DBG/mlxsim10/port2/hold" +2
	(write "$BUS/del_device" 10) &
	pid=$!
	still_blocked "$pid"
	check_err $? "master removal did not wait"
	# the master's debugfs stays alive while it waits
	want "ports readable" "$(port_col 10 2 unaffiliating)" 1
	want "slave unaffiliating" "$(mp_col 11 unaffiliating)" 1
	write "$DBG/mlxsim10/port2/hold" -1
	still_blocked "$pid"
	check_err $? "finished with one reference left"
	write "$DBG/mlxsim10/port2/hold" -1
	timeout 10 tail --pid="$pid" -f /dev/null
	wait "$pid"
	check_err $? "master removal failed"
	want "slave state" "$(mp_col 11 state)" unaffiliated
	want "slave reason" "$(table_get "$DBG/unaffiliated" id 11 reason)" master_removed
	want "slave roce" "$(kv_get "$DBG/mlxsim11/vport" roce_en)" 0
	del_dev 11
	log_test "master removal waits for the slave port's references"
}

# A removal waiting for one slave's references leaves the bus usable:
# other functions come and go meanwhile (upstream blocks them all).
wait_blocks_nobody_else()
{
	local pid

	setup_pair
	write "$DBG/mlxsim10/port2/hold" +1
	(write "$BUS/del_device" 11) &
	pid=$!
	still_blocked "$pid"
	check_err $? "del_device did not wait"
	timeout 10 bash -c "echo '30 link=ib' > $BUS/new_device"
	check_err $? "new_device blocked behind the waiting unbind"
	timeout 10 bash -c "echo 30 > $BUS/del_device"
	check_err $? "del_device of another function blocked"
	want "the waiter still waits" "$(kill -0 "$pid" 2>/dev/null && echo yes)" yes
	write "$DBG/mlxsim10/port2/hold" -1
	timeout 10 tail --pid="$pid" -f /dev/null
	wait "$pid"
	check_err $? "del_device failed after the release"
	DEVS=(10)
	del_dev 10
	log_test "an unbind waiting for references blocks no other function"
}

# A killed waiter changes nothing: the slave stays bound, the port takes
# references again, and a later removal works.
killed_wait_rolls_back()
{
	local pid

	setup_pair
	write "$DBG/mlxsim10/port2/hold" +2
	bash -c "echo 11 > $BUS/del_device" &
	pid=$!
	still_blocked "$pid"
	check_err $? "del_device did not wait"
	want "unaffiliating while waiting" "$(port_col 10 2 unaffiliating)" 1
	kill -9 "$pid"
	wait "$pid" 2>/dev/null
	want "slave still bound" "$(mp_col 11 state)" bound
	want "port up again" "$(port_col 10 2 state)" up
	want "unaffiliating cleared" "$(port_col 10 2 unaffiliating)" 0
	want "references kept" "$(port_col 10 2 refcnt)" 2
	write "$DBG/mlxsim10/port2/hold" +1
	check_err $? "port refuses references after the rollback"
	write "$DBG/mlxsim10/port2/hold" -3
	check_err $? "release"
	del_dev 11
	check_err $? "removal after the rollback"
	del_dev 10
	log_test "a killed unbind wait rolls back and leaves nothing behind"
}

# Holds are bounded per write and in total: the count never wraps.
hold_never_wraps()
{
	local i rc=0

	setup_pair
	for ((i = 0; i < 16; i++)); do
		write "$DBG/mlxsim10/port2/hold" +1048576 || { rc=1; break; }
	done
	check_err $rc "16 holds of 2^20 (the cap is 2^24)"
	want "held at the cap" "$(cat "$DBG/mlxsim10/port2/hold")" 16777216
	expect_fail ERANGE write "$DBG/mlxsim10/port2/hold" +1
	expect_fail ERANGE write "$DBG/mlxsim10/port2/hold" +1048577
	want "refcnt at the cap" "$(port_col 10 2 refcnt)" 16777216
	expect_fail ERANGE write "$DBG/mlxsim10/port2/hold" -16777217
	write "$DBG/mlxsim10/port2/hold" -1048576
	check_err $? "release some"
	want "refcnt after release" "$(port_col 10 2 refcnt)" 15728640
	# the owner's port pins nothing: no count to take or give back
	write "$DBG/mlxsim10/port1/hold" +5
	check_err $? "hold on the master's own port"
	want "owner port held" "$(cat "$DBG/mlxsim10/port1/hold")" 0
	expect_fail ERANGE write "$DBG/mlxsim10/port1/hold" -1
	for ((i = 0; i < 15; i++)); do
		write "$DBG/mlxsim10/port2/hold" -1048576
	done
	want "refcnt drained" "$(port_col 10 2 refcnt)" 0
	del_dev 11 && del_dev 10
	log_test "references are capped at 2^24: ERANGE, never a wrap"
}

rmmod_while_waiting()
{
	local pid

	setup_pair
	write "$DBG/mlxsim10/port2/hold" +5
	(write "$BUS/del_device" 11) &
	pid=$!
	still_blocked "$pid"
	check_err $? "del_device did not wait"
	timeout 30 rmmod mlxsim
	check_err $? "rmmod while an unbind waits"
	timeout 10 tail --pid="$pid" -f /dev/null
	wait "$pid"
	check_err $? "the waiting del_device failed"
	DEVS=()
	mod_loaded
	check_fail $? "module still loaded"
	log_test "rmmod releases held references, never hangs"
}

tests_run
exit $EXIT_STATUS
