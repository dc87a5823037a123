#!/bin/bash
# The device tracepoints (mlxsim_fn_add, mlxsim_fn_remove, mlxsim_cmd) in
# tracefs and in `trace-cmd record` output, with the right fields.

ALL_TESTS="
	tracefs_events
	trace_cmd_record
"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

scenario()
{
	write $BUS/new_device "21 guid=0x0002c90300abcdef vhca_ports=2 ports=2" &&
	write $DBG/mlxsim21/fail_cmd "CREATE_QP EBUSY" &&
	{ write $DBG/mlxsim21/port1/cmd "ib CREATE_QP" 2>/dev/null; true; } &&
	write $BUS/del_device 21
}

tracefs_events()
{
	local out

	trace_on
	check_err $? "enable mlxsim events in an instance"
	scenario
	check_err $? "scenario"
	trace_off
	out=$(trace_read)
	grep -q 'mlxsim_fn_add: fn=21 guid=0x0002c90300abcdef role=master type=pf link=eth native_port=1 ports=2 vfs=0' <<<"$out"
	check_err $? "mlxsim_fn_add missing or wrong: $(grep fn_add <<<"$out")"
	grep -q 'mlxsim_cmd: fn=21 opcode=CREATE_QP(0x500) port=1 status=EBUSY injected=1' <<<"$out"
	check_err $? "injected mlxsim_cmd missing: $(grep CREATE_QP <<<"$out")"
	grep -q 'mlxsim_cmd: fn=21 opcode=QUERY_HCA_CAP(0x100) port=0 status=OK injected=0' <<<"$out"
	check_err $? "QUERY_HCA_CAP mlxsim_cmd missing"
	grep -q 'mlxsim_fn_remove: fn=21 guid=0x0002c90300abcdef role=master' <<<"$out"
	check_err $? "mlxsim_fn_remove missing: $(grep fn_remove <<<"$out")"
	log_test "events decoded in tracefs"
}

trace_cmd_record()
{
	local dat=/tmp/fn_trace.dat out try

	command -v trace-cmd >/dev/null || { log_skip "trace-cmd record" "no trace-cmd"; return; }
	# up to three recordings: under load trace-cmd 3.1 sometimes loses a
	# CPU's last, partial buffer page (here: every event); the kernel
	# wrote them, as tracefs_events shows
	for try in 1 2 3; do
		trace-cmd record -q -o $dat -e mlxsim:mlxsim_fn_add -e mlxsim:mlxsim_fn_remove \
			-e mlxsim:mlxsim_cmd -- bash -c "$(declare -f write scenario trace_cmd_wait_recording)
				TRACEFS=$TRACEFS BUS=$BUS DBG=$DBG; trace_cmd_wait_recording && scenario" \
			>/dev/null 2>&1
		check_err $? "trace-cmd record"
		out=$(trace-cmd report -N -i $dat 2>&1)
		grep -q 'mlxsim_fn_add:' <<<"$out" && grep -q 'mlxsim_cmd:' <<<"$out" &&
			grep -q 'mlxsim_fn_remove:' <<<"$out" && break
		log_info "trace-cmd record $try: events missing from $dat, recording again"
	done
	grep -qE 'mlxsim_fn_add: +fn=21 guid=0x0002c90300abcdef role=master' <<<"$out"
	check_err $? "fn_add not in trace-cmd report: $(head -c 600 <<<"$out")"
	grep -qE 'mlxsim_cmd: +fn=21 opcode=CREATE_QP\(0x500\) port=1 status=EBUSY injected=1' <<<"$out"
	check_err $? "cmd not in trace-cmd report"
	grep -qE 'mlxsim_fn_remove: +fn=21' <<<"$out"
	check_err $? "fn_remove not in trace-cmd report"
	rm -f $dat
	log_test "trace-cmd record/report shows the device events"
}

mod_load || skip_all "cannot load mlxsim"
tests_run
exit $EXIT_STATUS
