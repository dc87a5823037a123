#!/bin/bash
# Concurrent stress of multiport affiliation: loops adding/removing masters
# and slaves, taking/releasing native-port references, issuing routed
# commands and reading the tables, for MLXSIM_MP_STRESS_SECS (default 60).
# Afterwards: every refcount 0, nothing held, tables empty after cleanup,
# no kernel warning, and the module unloads.

ALL_TESTS="
	load
	stress
	quiescent
	unload
"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SECS=${MLXSIM_MP_STRESS_SECS:-60}
GA=0x0002c90300aa0000
GB=0x0002c90300bb0000
MP=$DBG/multiport

pick() { local a=("$@"); echo "${a[RANDOM % ${#a[@]}]}"; }

# masters 100-103 (two per GUID), slaves 200-207 (mostly native port 2)
loop_masters()
{
	local id g
	while ((SECONDS < END)); do
		id=$((100 + RANDOM % 4))
		g=$([[ $((id % 2)) == 0 ]] && echo $GA || echo $GB)
		echo "$id guid=$g vhca_ports=2 native_port=1" 2>/dev/null >"$BUS/new_device" ||
			echo "$id" 2>/dev/null >"$BUS/del_device"
	done
	return 0
}

loop_slaves()
{
	local id g p
	while ((SECONDS < END)); do
		id=$((200 + RANDOM % 8))
		g=$(pick $GA $GB)
		p=$(pick 2 2 2 1)
		echo "$id guid=$g affiliate=1 native_port=$p $(pick type=pf type=pf type=vf)" \
			2>/dev/null >"$BUS/new_device" ||
			echo "$id" 2>/dev/null >"$BUS/del_device"
	done
	return 0
}

# a reference taken is always released: removal waits for it meanwhile
loop_holds()
{
	local id n
	while ((SECONDS < END)); do
		id=$((100 + RANDOM % 4))
		n=$((1 + RANDOM % 3))
		if echo "+$n" 2>/dev/null >"$DBG/mlxsim$id/port2/hold"; then
			sleep 0.0$((RANDOM % 5))
			echo "-$n" >"$DBG/mlxsim$id/port2/hold" || {
				echo "# stress: release of $n on mlxsim$id failed"
				return 1
			}
		fi
	done
	return 0
}

loop_cmds()
{
	local id
	while ((SECONDS < END)); do
		id=$((100 + RANDOM % 4))
		echo "$(pick ib port) $(pick CREATE_QP QUERY_VPORT_COUNTER ALLOC_PD QUERY_Q_COUNTER)" \
			2>/dev/null >"$DBG/mlxsim$id/port$(pick 1 2)/cmd"
	done
	return 0
}

loop_readers()
{
	while ((SECONDS < END)); do
		cat "$MP" "$DBG/unaffiliated" "$DBG"/mlxsim*/ports "$DBG"/mlxsim*/vport >/dev/null 2>&1
		echo port_active 2>/dev/null >"$DBG/mlxsim$((200 + RANDOM % 8))/event"
	done
	return 0
}

load()
{
	mod_load
	check_err $? "cannot load $MLXSIM_KO"
	log_test "load"
}

stress()
{
	local pids=() p rc=0

	dmesg_mark
	export END=$((SECONDS + SECS))
	loop_masters & pids+=($!)
	loop_slaves & pids+=($!)
	loop_holds & pids+=($!)
	loop_holds & pids+=($!)
	loop_cmds & pids+=($!)
	loop_readers & pids+=($!)
	for p in "${pids[@]}"; do
		wait "$p" || rc=1
	done
	check_err $rc "a loop failed"
	log_info "after ${SECS}s: $(($(table_rows "$MP"))) multiport functions"
	log_test "${SECS}s of concurrent add/remove, holds, commands, reads"
}

quiescent()
{
	local bad id

	bad=$(awk 'NR > 1 && ($9 != 0 || $10 != 0)' "$MP")
	[[ -z $bad ]]
	check_err $? "refcounts not back to 0: $bad"
	for id in 100 101 102 103; do
		[[ -e $DBG/mlxsim$id/port2/hold ]] || continue
		[[ $(cat "$DBG/mlxsim$id/port2/hold") == 0 ]]
		check_err $? "mlxsim$id port 2 still held"
	done
	# bound slaves and their vports agree; masters have RoCE on
	bad=$(awk 'NR > 1 && $6 == "bound" && $15 != 1' "$MP")
	[[ -z $bad ]]
	check_err $? "bound slave with RoCE count != 1: $bad"
	for id in 200 201 202 203 204 205 206 207; do
		echo "$id" >"$BUS/del_device" 2>/dev/null
	done
	bad=$(awk 'NR > 1 && $6 == "master" && $15 != 1' "$MP")
	[[ -z $bad ]]
	check_err $? "master with RoCE count != 1: $bad"
	for id in 100 101 102 103; do
		echo "$id" >"$BUS/del_device" 2>/dev/null
	done
	[[ $(table_rows "$MP") == 0 && $(table_rows "$DBG/unaffiliated") == 0 ]]
	check_err $? "tables not empty after removing everything"
	bad=$(dmesg_since | grep -E 'WARNING|BUG|Oops|KASAN|lockdep|circular|hung_task|leak')
	[[ -z $bad ]]
	check_err $? "kernel warnings during the stress: $bad"
	log_test "refcounts 0, RoCE counts consistent, tables empty, no warnings"
}

unload()
{
	mod_unload
	check_err $? "rmmod"
	log_test "unload"
}

tests_run
exit $EXIT_STATUS
