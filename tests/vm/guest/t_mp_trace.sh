#!/bin/bash
# `trace-cmd record -e mlxsim` of a multiport scenario: every mp event is
# recorded with the right fields.

ALL_TESTS="
	load
	record
	formats
"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

G=0x0002c90300abcd00
OUT=${TMPDIR:-/tmp}/mlxsim-mp-trace.$$
REPORT=

scenario()
{
	local d=/sys/kernel/debug/mlxsim b=/sys/bus/mlxsim

	echo "11 guid=$G affiliate=1 native_port=2" >$b/new_device	# waits
	echo "10 guid=$G vhca_ports=2 native_port=1" >$b/new_device	# binds 11 + rescan
	echo "12 guid=$G affiliate=1 native_port=2" >$b/new_device	# port_busy
	echo 12 >$b/del_device
	echo 11 >$b/del_device
	echo "13 guid=$G affiliate=3 native_port=2" >$b/new_device	# bind + rescan
	echo "+2" >$d/mlxsim10/port2/hold
	echo "-2" >$d/mlxsim10/port2/hold
	echo 10 >$b/del_device						# unbind, waits
	echo 13 >$b/del_device
}

load()
{
	mod_load
	check_err $? "cannot load $MLXSIM_KO"
	log_test "load"
}

# want_event REGEX: a line of the report matches
want_event()
{
	grep -qE "$1" <<<"$REPORT"
	check_err $? "no event matching: $1"
}

record()
{
	if ! command -v trace-cmd >/dev/null; then
		log_skip "trace-cmd record" "trace-cmd not installed"
		return
	fi
	export -f scenario trace_cmd_wait_recording
	export G TRACEFS
	trace-cmd record -q -e mlxsim -o "$OUT.dat" bash -c 'trace_cmd_wait_recording && scenario' >/dev/null 2>&1
	check_err $? "trace-cmd record failed"
	REPORT=$(trace-cmd report -N -i "$OUT.dat" 2>/dev/null)
	check_err $? "trace-cmd report failed"
	want_event 'mlxsim_mp_unaffiliated: +slave=11 guid=0x0002c90300abcd00 type=pf native_port=2 reason=no_master waiting=1'
	want_event 'mlxsim_mp_bind: +slave=11 master=10 guid=0x0002c90300abcd00 port=2 reason=ok status=OK roce_users=1'
	want_event 'mlxsim_mp_bind: +slave=12 master=10 guid=0x0002c90300abcd00 port=2 reason=port_busy status=OK roce_users=0'
	want_event 'mlxsim_mp_unaffiliated: +slave=12 .* reason=port_busy'
	want_event 'mlxsim_vport_affiliation: +fn=11 affiliated_vhca_id=11 criteria=1 status=OK'
	want_event 'mlxsim_vport_affiliation: +fn=11 affiliated_vhca_id=0 criteria=0 status=OK'
	want_event 'mlxsim_mp_unbind: +slave=11 master=10 guid=0x0002c90300abcd00 port=2 waited=0 reason=slave_removed status=OK roce_users=0'
	want_event 'mlxsim_mp_rescan: +ibdev=mlxsim10 slave=11 port=2 rescans=1'
	want_event 'mlxsim_mp_rescan: +ibdev=mlxsim10 slave=13 port=2 rescans=2'
	want_event 'mlxsim_vport_affiliation: +fn=13 affiliated_vhca_id=11 criteria=3 status=OK'
	want_event 'mlxsim_mp_mdev_get: +ibdev=mlxsim10 port=2 fn=13 result=refcounted refcnt=2'
	want_event 'mlxsim_mp_mdev_put: +ibdev=mlxsim10 port=2 fn=13 refcnt=0 waking=0'
	want_event 'mlxsim_mp_unbind: +slave=13 master=10 .* port=2 waited=0 reason=master_removed status=OK roce_users=0'
	want_event 'mlxsim_mp_unaffiliated: +slave=13 .* reason=master_removed'
	rm -f "$OUT.dat"
	log_test "trace-cmd record -e mlxsim: every mp event with its fields"
}

formats()
{
	local e f

	for e in mlxsim_mp_bind mlxsim_mp_unbind mlxsim_mp_unaffiliated \
		 mlxsim_mp_mdev_get mlxsim_mp_mdev_put mlxsim_mp_rescan \
		 mlxsim_vport_affiliation; do
		f=$TRACEFS/events/mlxsim/$e/format
		[[ -r $f ]]
		check_err $? "no $f"
		grep -q '__print_symbolic\|%' "$f"
		grep -q 'MLXSIM_' "$f" && check_err 1 "$e: enum left unresolved in its format"
	done
	log_test "event formats present, enums resolved"
}

tests_run
exit $EXIT_STATUS
