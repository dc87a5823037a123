#!/bin/bash
# Concurrent stress of multiport affiliation: loops adding/removing masters
# and slaves, taking/releasing native-port references, issuing routed
# commands and reading the tables, for MLXSIM_MP_STRESS_SECS (default 60,
# 30 on the debug kernel). Every write's result must be success or one of
# the errnos interface.md documents for that file in that situation (a
# function removed under the writer: open ENOENT, or EIO from debugfs);
# each loop must have succeeded at least once. Afterwards: the multiport
# tables' invariants (mp_invariants), every refcount 0, nothing held, RoCE
# enable counts as expected, tables empty after cleanup, no kernel
# warning, and the module unloads.

ALL_TESTS="
	load
	stress
	quiescent
	unload
"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ $MLXSIM_KERNEL == debug ]]; then
	SECS=${MLXSIM_MP_STRESS_SECS:-30}
else
	SECS=${MLXSIM_MP_STRESS_SECS:-60}
fi
# roce_en of a master's vport, of a bound slave's (the RoCE enable count)
MASTER_ROCE_EN=2
SLAVE_ROCE_EN=1
GA=0x0002c90300aa0000
GB=0x0002c90300bb0000
MP=$DBG/multiport
W=$(mktemp -d)
export WR_BAD_LOG=$W/bad

cleanup()
{
	rm -rf "$W"
}

# pick WORD...: one of the words, in $PK (no fork in the loops)
pick() { local i=$((RANDOM % $# + 1)); PK=${!i}; }

# loop_end NAME OK REFUSED: the loop's counts, for the stress test
loop_end()
{
	echo "$1 ok=$2 refused=$3" >>"$W/stats"
}

# masters 100-103 (two per GUID), slaves 200-207 (mostly native port 2);
# only this loop adds or removes its IDs: a refused add (EEXIST) means the
# ID exists, and its removal must work (it waits for held references)
loop_masters()
{
	local id g ok=0 no=0 rc
	while ((SECONDS < END)); do
		id=$((100 + RANDOM % 4))
		g=$GB
		((id % 2 == 0)) && g=$GA
		wr_expect "ok EEXIST" "$BUS/new_device" "$id guid=$g vhca_ports=2 native_port=1"
		rc=$?
		if ((rc == 0)); then
			ok=$((ok + 1))
		elif ((rc == 1)); then
			no=$((no + 1))
			wr_expect ok "$BUS/del_device" "$id" && ok=$((ok + 1))
		fi
	done
	loop_end masters $ok $no
}

loop_slaves()
{
	local id g p t ok=0 no=0 rc
	while ((SECONDS < END)); do
		id=$((200 + RANDOM % 8))
		pick $GA $GB; g=$PK
		pick 2 2 2 1; p=$PK
		pick type=pf type=pf type=vf; t=$PK
		wr_expect "ok EEXIST" "$BUS/new_device" "$id guid=$g affiliate=1 native_port=$p $t"
		rc=$?
		if ((rc == 0)); then
			ok=$((ok + 1))
		elif ((rc == 1)); then
			no=$((no + 1))
			wr_expect ok "$BUS/del_device" "$id" && ok=$((ok + 1))
		fi
	done
	loop_end slaves $ok $no
}

# a reference taken is always released (removal waits for it meanwhile);
# +N is refused on a port with no function or an unaffiliating one
# (ENODEV), or the master is not there
loop_holds()
{
	local id n ok=0 no=0 rc
	while ((SECONDS < END)); do
		id=$((100 + RANDOM % 4))
		n=$((1 + RANDOM % 3))
		wr_expect "ok ENODEV open:ENOENT EIO" "$DBG/mlxsim$id/port2/hold" "+$n"
		rc=$?
		if ((rc == 0)); then
			ok=$((ok + 1))
			sleep 0.0$((RANDOM % 5))
			wr_expect ok "$DBG/mlxsim$id/port2/hold" "-$n"
		elif ((rc == 1)); then
			no=$((no + 1))
		fi
	done
	loop_end holds $ok $no
}

loop_cmds()
{
	local id p ok=0 no=0 rc
	while ((SECONDS < END)); do
		id=$((100 + RANDOM % 4))
		pick 1 2; p=$PK
		# the leading word agrees with the opcode's routing class
		pick "ib CREATE_QP" "port QUERY_VPORT_COUNTER" "ib ALLOC_PD" "port QUERY_Q_COUNTER"
		# open:EACCES: seen once opening a file of a function being
		# removed and added again under heavy load (the VFS's, not ours)
		wr_expect "ok ENODEV open:ENOENT open:EACCES EIO" "$DBG/mlxsim$id/port$p/cmd" "$PK"
		rc=$?
		((rc == 0)) && ok=$((ok + 1))
		((rc == 1)) && no=$((no + 1))
	done
	loop_end cmds $ok $no
}

# events on a slave that is not bound: ENOLINK
loop_readers()
{
	local ok=0 no=0 rc
	while ((SECONDS < END)); do
		cat "$MP" "$DBG/unaffiliated" "$DBG"/mlxsim*/ports "$DBG"/mlxsim*/vport >/dev/null 2>&1
		wr_expect "ok ENOLINK open:ENOENT EIO" "$DBG/mlxsim$((200 + RANDOM % 8))/event" port_active
		rc=$?
		((rc == 0)) && ok=$((ok + 1))
		((rc == 1)) && no=$((no + 1))
	done
	loop_end readers $ok $no
}

load()
{
	mod_load
	check_err $? "cannot load $MLXSIM_KO"
	log_test "load"
}

stress()
{
	local pids=() p rc=0 l n

	dmesg_mark
	: >"$WR_BAD_LOG"
	: >"$W/stats"
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
	n=$(wc -l <"$WR_BAD_LOG")
	((n == 0))
	check_err $? "$n writes with an unexpected result, first: $(head -n 5 "$WR_BAD_LOG")"
	[[ $(wc -l <"$W/stats") == 6 ]]
	check_err $? "loops that did not finish: $(cat "$W/stats")"
	# (events reach a bound slave only now and then: not required)
	for l in masters slaves holds cmds; do
		grep -q "^$l ok=[1-9]" "$W/stats"
		check_err $? "loop $l never succeeded: $(grep "^$l" "$W/stats")"
	done
	log_info "$(tr '\n' ' ' <"$W/stats")"
	log_info "after ${SECS}s: $(($(table_rows "$MP"))) multiport functions"
	log_test "${SECS}s of concurrent add/remove, holds, commands, reads: results as documented"
}

quiescent()
{
	local bad id ids

	bad=$(mp_invariants)
	check_err $? "multiport invariants: $bad"
	bad=$(awk 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$c["refcnt"] != 0 || $c["unaffiliating"] != 0' "$MP")
	[[ -z $bad ]]
	check_err $? "refcounts not back to 0: $bad"
	for id in 100 101 102 103; do
		[[ -e $DBG/mlxsim$id/port2/hold ]] || continue
		[[ $(cat "$DBG/mlxsim$id/port2/hold") == 0 ]]
		check_err $? "mlxsim$id port 2 still held"
	done
	# RoCE enable counts: bound slaves, then masters once alone
	bad=$(awk -v want=$SLAVE_ROCE_EN 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$c["state"] == "bound" && $c["roce_en"] != want' "$MP")
	[[ -z $bad ]]
	check_err $? "bound slave with roce_en != $SLAVE_ROCE_EN: $bad"
	ids=$(awk 'NR > 1 && $4 == "slave" { print $1 }' "$MP")
	for id in $ids; do
		wr "$BUS/del_device" "$id"
		check_err $? "del_device $id: $WR_ERR"
	done
	# at least one master to check, whatever the loops left
	if [[ -z $(awk 'NR > 1 && $4 == "master"' "$MP") ]]; then
		wr "$BUS/new_device" "100 guid=$GA vhca_ports=2 native_port=1"
		check_err $? "new_device 100: $WR_ERR"
	fi
	bad=$(awk -v want=$MASTER_ROCE_EN 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$c["role"] == "master" && $c["roce_en"] != want' "$MP")
	[[ -z $bad ]]
	check_err $? "master with roce_en != $MASTER_ROCE_EN: $bad"
	for id in $(awk 'NR > 1 && $4 == "master" { print $1 }' "$MP"); do
		[[ $(kv_get "$DBG/mlxsim$id/vport" roce_en) == "$MASTER_ROCE_EN" ]]
		check_err $? "mlxsim$id vport roce_en $(kv_get "$DBG/mlxsim$id/vport" roce_en), want $MASTER_ROCE_EN"
		wr "$BUS/del_device" "$id"
		check_err $? "del_device $id: $WR_ERR"
	done
	[[ $(table_rows "$MP") == 0 && $(table_rows "$DBG/unaffiliated") == 0 ]]
	check_err $? "tables not empty after removing everything"
	[[ -z $(ls "$DBG" | grep '^mlxsim') ]]
	check_err $? "debugfs directories left: $(ls "$DBG" | grep '^mlxsim' | tr '\n' ' ')"
	bad=$(dmesg_since | grep -E 'WARNING|BUG|Oops|KASAN|lockdep|circular|hung_task|leak')
	[[ -z $bad ]]
	check_err $? "kernel warnings during the stress: $bad"
	log_test "invariants, refcounts 0, RoCE counts, tables empty, no warnings"
}

unload()
{
	mod_unload
	check_err $? "rmmod"
	log_test "unload"
}

tests_run
exit $EXIT_STATUS
