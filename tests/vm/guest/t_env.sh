#!/bin/bash
# The guest environment the feature tests rely on: host tools run, debugfs
# and tracefs work, trace-cmd sees trace events, tmux can run a session.

ALL_TESTS="
	tools_run
	debugfs_works
	tracefs_works
	trace_cmd_lists_events
	tmux_session
	module_matches_kernel
"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

tools_run()
{
	local out

	out=$(python3 -c 'import curses, json; print(6 * 7)' 2>&1)
	[[ $out == 42 ]]
	check_err $? "python3: $out"
	bash -c 'exit 0'
	check_err $? "bash"
	log_test "bash and python3 run"
}

debugfs_works()
{
	grep -q " /sys/kernel/debug debugfs " /proc/mounts
	check_err $? "debugfs not mounted"
	[[ -r /sys/kernel/debug ]] && ls /sys/kernel/debug >/dev/null
	check_err $? "debugfs not readable"
	log_test "debugfs mounted"
}

tracefs_works()
{
	[[ -r $TRACEFS/available_events ]]
	check_err $? "no $TRACEFS/available_events"
	grep -q "^sched:sched_switch$" "$TRACEFS/available_events"
	check_err $? "no sched:sched_switch event"
	if ((RET == 0)); then
		trace_on sched/sched_process_exec
		/bin/true
		trace_off
		trace_read | grep -q sched_process_exec
		check_err $? "no sched_process_exec recorded in a tracefs instance"
	fi
	log_test "tracefs records events in an instance"
}

trace_cmd_lists_events()
{
	local n

	n=$(trace-cmd list -e 2>/dev/null | head -n 20 | wc -l)
	((n > 0))
	check_err $? "trace-cmd list -e printed nothing"
	log_test "trace-cmd list -e"
}

tmux_session()
{
	local out

	tmux new-session -d -s envtest -x 80 -y 24 'echo tmux-says-hi; sleep 30' 2>&1
	check_err $? "tmux new-session failed"
	sleep 1
	out=$(tmux capture-pane -p -t envtest 2>&1)
	[[ $out == *tmux-says-hi* ]]
	check_err $? "tmux pane: $out"
	tmux kill-server 2>/dev/null
	log_test "tmux runs a session"
}

module_matches_kernel()
{
	local vermagic

	vermagic=$(modinfo -F vermagic "$MLXSIM_KO" 2>/dev/null)
	[[ ${vermagic%% *} == "$(uname -r)" ]]
	check_err $? "module built for '${vermagic%% *}', kernel is $(uname -r)"
	log_test "module built for this kernel"
}

tests_run
exit $EXIT_STATUS
