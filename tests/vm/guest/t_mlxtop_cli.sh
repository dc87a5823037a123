#!/bin/bash
# mlxtop's batch modes against the real module: clear messages when the
# module is missing, --once and --json match the tables field for field on
# a known topology, -i on a trace.dat recorded while building it rebuilds
# the same state, --log counts events from a private instance that is
# gone afterwards (also after SIGTERM), and the global buffer is untouched.

ALL_TESTS="
	not_loaded
	load
	topology
	once_matches
	json_matches
	replay_rebuilds
	log_counts_events
	sigterm_removes_instance
"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# held references would keep lib.sh's device removal waiting
release_holds()
{
	local f h

	for f in "$DBG"/mlxsim*/port*/hold; do
		h=$(cat "$f" 2>/dev/null)
		((${h:-0} > 0)) && echo "-$h" >"$f" 2>/dev/null
	done
}
cleanup() { release_holds; }

MLXTOP=$MLXSIM_ROOT/tools/mlxtop/mlxtop
COMPARE=$MLXSIM_ROOT/tests/mlxtop/compare.py
W=/tmp/mlxtop-cli
mkdir -p $W
G1=0x0002c90300001100
G2=0x0002c90300002200

instances() { ls "$TRACEFS/instances" 2>/dev/null | grep -c '^mlxtop_'; }
# mlxtop has created its instance (slow under TCG): up to 15 s
wait_instance()
{
	local i

	for i in $(seq 75); do
		[[ $(instances) == 1 ]] && return 0
		sleep 0.2
	done
	return 1
}

not_loaded()
{
	local out rc

	mod_unload
	out=$("$MLXTOP" --once 2>&1)
	rc=$?
	((rc == 1)) && [[ $out == *"module is not loaded"*"insmod"* ]]
	check_err $? "rc=$rc out='$out'"
	[[ $(echo "$out" | wc -l) == 1 ]]
	check_err $? "more than one line: $out"
	log_test "module not loaded: one line saying how to fix it"
}

load()
{
	mod_load
	check_err $? "cannot load $MLXSIM_KO"
	log_test "load"
}

# Two adapters: one slave before its master, one after; a lonely slave;
# an SR-IOV device; references held on a bound port.
build_topology()
{
	new_dev "2 guid=$G1 affiliate=1 native_port=2" &&
		new_dev "1 guid=$G1 vhca_ports=2 native_port=1" &&
		new_dev "3 guid=$G2 vhca_ports=2 native_port=1" &&
		new_dev "4 guid=$G2 affiliate=1 native_port=2" &&
		new_dev "5 guid=0x0002c90300009900 affiliate=1 native_port=2" &&
		new_dev "6 ports=2 vfs=4 pkeys=64" &&
		write "$DBG/mlxsim1/port2/hold" +2 &&
		write "$DBG/mlxsim3/port2/hold" +1
}

topology()
{
	build_topology
	check_err $? "building the topology"
	log_test "topology: 2 adapters, a lonely slave, an SR-IOV device"
}

once_matches()
{
	local out id row st

	[[ -r $DBG/multiport && -r $DBG/unaffiliated ]]
	check_err $? "no multiport/unaffiliated tables"
	out=$("$MLXTOP" --once)
	check_err $? "mlxtop --once failed"
	# every multiport row: id, guid, type, role, native_port, state, master, port, refcnt
	while read -r id guid type role np st master port refcnt unaff _; do
		[[ $id == id ]] && continue
		row=$(echo "$out" | awk -v id="$id" '$1 == id && $2 ~ /^0x/ { print; exit }')
		read -r -a f <<<"$row"
		[[ ${f[1]} == "$guid" && ${f[2]} == "$type" && ${f[3]} == "$role" &&
			${f[4]} == "$np" && ${f[5]} == "$st" && ${f[6]} == "$master" &&
			${f[7]} == "$port" && ${f[8]} == "$refcnt" && ${f[9]} == "$unaff" ]]
		check_err $? "fn $id: table '$id $guid $type $role $np $st $master $port $refcnt $unaff' vs mlxtop '$row'"
	done <"$DBG/multiport"
	echo "$out" | grep -Eq '^ +5 0x0002c90300009900 +2 no_master'
	check_err $? "unaffiliated list: $(echo "$out" | sed -n '/^UNAFFILIATED/,/^$/p')"
	echo "$out" >$W/once.txt
	log_test "--once matches the multiport table field for field"
}

# settle: ib_core updates its caches (ib_state, ib_pkey) from work items;
# wait until two reads of the tables 0.2 s apart agree (at most 5 s)
ib_tables()
{
	cat $DBG/multiport $DBG/mlxsim*/ports $DBG/mlxsim*/port*/pkey_cache 2>/dev/null
}

settle()
{
	local a b i

	b=$(ib_tables)
	for ((i = 0; i < 25; i++)); do
		sleep 0.2
		a=$b
		b=$(ib_tables)
		[[ $a == "$b" ]] && return 0
	done
	return 1
}

json_matches()
{
	local out

	settle
	check_err $? "the tables keep changing"
	"$MLXTOP" --json >$W/live.json
	check_err $? "mlxtop --json failed"
	python3 -m json.tool $W/live.json >/dev/null
	check_err $? "not valid JSON"
	out=$(python3 "$COMPARE" "$DBG" "$MLXTOP" $W/live.json 2>&1)
	check_err $? "$out"
	log_info "$(echo "$out" | tail -n 1)"
	log_test "--json is valid and matches every table field for field"
	dump_fixture
}

# The tables of this topology as TAP diagnostics; on the host,
# tests/mlxtop/capture-fixture.sh turns them into a unit-test fixture.
dump_fixture()
{
	local f rel

	(cd "$DBG" && find . -type f | sort) | while read -r rel; do
		rel=${rel#./}
		case ${rel##*/} in
		multiport | unaffiliated | caps | ports | vport | cmd_stats | \
			pkey_cache | virt2phys | guids | hold | events | pkeys | qps | active) ;;
		*) continue ;;
		esac
		f=$DBG/$rel
		sed "s|^|# fixture $rel: |" "$f" 2>/dev/null
	done
}

replay_rebuilds()
{
	local id out try adds

	# up to three recordings: under load trace-cmd 3.1 has lost events
	# of a background recording (once all of them); the topology's seven
	# adds decide whether a recording is whole
	for try in 1 2 3; do
		# references held on a port keep its unbind waiting: release
		# first (those of the earlier tests, then of a try before)
		if ((try == 1)); then
			write "$DBG/mlxsim1/port2/hold" -2
			write "$DBG/mlxsim3/port2/hold" -1
		else
			write "$DBG/mlxsim1/port2/hold" -1
			write "$DBG/mlxsim3/port2/hold" -3
		fi
		for id in 1 2 3 4 5 6; do del_dev $id; done
		record_start $W/trace.dat
		build_topology
		check_err $? "building the topology while recording"
		# churn: a master leaves and comes back, references come and go
		write "$DBG/mlxsim1/port2/hold" -1
		write "$DBG/mlxsim3/port2/hold" -1
		del_dev 3
		new_dev "3 guid=$G2 vhca_ports=2 native_port=1"
		write "$DBG/mlxsim3/port2/hold" +3
		sleep 1
		record_stop
		adds=$(trace-cmd report -i $W/trace.dat 2>/dev/null | grep -c ' mlxsim_fn_add: ')
		((adds == 7)) && break
		log_info "trace-cmd record $try: $adds of 7 mlxsim_fn_add recorded, recording again"
	done
	"$MLXTOP" -i $W/trace.dat --json >$W/replay.json
	check_err $? "mlxtop -i failed"
	out=$(python3 "$COMPARE" --replay "$DBG" "$MLXTOP" $W/replay.json 2>&1)
	check_err $? "$out"
	log_info "$(echo "$out" | tail -n 1)"
	"$MLXTOP" -i $W/trace.dat --once >$W/replay.txt
	log_info "replayed $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["trace"]["events"])' $W/replay.json) events"
	log_test "-i trace.dat rebuilds the same state as the live tables"
}

log_counts_events()
{
	local out events before_on before_ev

	before_on=$(cat "$TRACEFS/tracing_on")
	before_ev=$(cat "$TRACEFS/events/mlxsim/enable")
	"$MLXTOP" -l --csv -d 0.5 -n 6 >$W/log.csv &
	wait_instance
	sleep 0.5
	for _ in $(seq 10); do
		write "$DBG/mlxsim1/port2/hold" +1
		write "$DBG/mlxsim1/port2/hold" -1
	done
	wait $!
	check_err $? "mlxtop -l failed"
	events=$(awk -F, 'END { print $8 }' $W/log.csv)
	((events >= 20))
	check_err $? "only ${events:-no} events counted: $(cat $W/log.csv)"
	[[ $(head -n 1 $W/log.csv) == time,functions,* && $(wc -l <$W/log.csv) == 7 ]]
	check_err $? "log shape: $(cat $W/log.csv)"
	[[ $(instances) == 0 ]]
	check_err $? "tracefs instance left behind"
	[[ $(cat "$TRACEFS/tracing_on") == "$before_on" && $(cat "$TRACEFS/events/mlxsim/enable") == "$before_ev" ]]
	check_err $? "the global buffer's settings changed"
	log_test "--log counts events from a private instance, removed on exit"
}

sigterm_removes_instance()
{
	local pid

	"$MLXTOP" -l -d 0.2 >/dev/null &
	pid=$!
	wait_instance
	check_err $? "no instance while running"
	kill -TERM $pid
	wait $pid
	[[ $(instances) == 0 ]]
	check_err $? "instance left after SIGTERM"
	"$MLXTOP" -l -d 0.2 >/dev/null &
	pid=$!
	wait_instance
	kill -INT $pid
	wait $pid
	[[ $(instances) == 0 ]]
	check_err $? "instance left after SIGINT"
	log_test "SIGTERM and SIGINT remove the tracefs instance"
}

tests_run
exit $EXIT_STATUS
