#!/bin/bash
# The mlxtop display driven by keystrokes in tmux at 80x24: panes switch
# (number keys and Tab), filter and sort work, help shows and closes, a
# resize redraws, q exits and the tracefs instance is gone. The screens
# are printed as TAP diagnostics.

ALL_TESTS="
	load
	start
	pane_multiport
	pane_pkey
	pane_events
	tab_cycles
	filter
	sort
	help
	resize
	quit
"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

MLXTOP=$MLXSIM_ROOT/tools/mlxtop/mlxtop
S=mlxtop_tui
G1=0x0002c90300001100
export TMUX_TMPDIR=/tmp/tmux-mlxtop
mkdir -p $TMUX_TMPDIR

cleanup()
{
	local f h

	tmux kill-server 2>/dev/null
	for f in "$DBG"/mlxsim*/port*/hold; do
		h=$(cat "$f" 2>/dev/null)
		((${h:-0} > 0)) && echo "-$h" >"$f" 2>/dev/null
	done
}

instances() { ls "$TRACEFS/instances" 2>/dev/null | grep -c '^mlxtop_'; }
screen() { tmux capture-pane -p -t $S; }
keys() { tmux send-keys -t $S "$@"; sleep 0.7; }
show() { screen | sed 's/^/#   |/'; }
# wait until the screen has TEXT (up to 10 s)
wait_for()
{
	local i

	for i in $(seq 50); do
		screen | grep -q -- "$1" && return 0
		sleep 0.2
	done
	return 1
}

load()
{
	mod_load
	check_err $? "cannot load $MLXSIM_KO"
	new_dev "2 guid=$G1 affiliate=1 native_port=2" &&
		new_dev "1 guid=$G1 vhca_ports=2 native_port=1" &&
		new_dev "5 guid=0x0002c90300009900 affiliate=1 native_port=2" &&
		new_dev "6 ports=2 vfs=4 pkeys=64" &&
		write "$DBG/mlxsim1/port2/hold" +2
	check_err $? "topology"
	log_test "load and build a topology"
}

start()
{
	tmux new-session -d -s $S -x 80 -y 24 "TERM=xterm-256color $MLXTOP -d 0.5"
	check_err $? "tmux new-session"
	wait_for "Functions (4)"
	check_err $? "no Multiport pane: $(screen)"
	[[ $(instances) == 1 ]]
	check_err $? "no private tracefs instance while running"
	log_test "mlxtop starts in tmux at 80x24 with its own tracefs instance"
}

pane_multiport()
{
	local s

	s=$(screen)
	echo "$s" | grep -Eq '^ +2 .* slave +2 bound +1 +2 +2'
	check_err $? "bound slave row"
	echo "$s" | grep -Eq '^ +5 0x0002c90300009900 +2 no_master'
	check_err $? "unaffiliated list"
	[[ $(echo "$s" | python3 -c 'import sys; print(sum(len(l.rstrip("\n")) > 80 for l in sys.stdin))') == 0 ]]
	check_err $? "lines wider than 80"
	show
	log_test "Multiport pane: functions, bindings, refcounts, unaffiliated"
}

pane_pkey()
{
	keys 2
	wait_for "mlxsim6 port 1"
	check_err $? "P_Key pane: $(screen)"
	show
	log_test "key 2: P_Key pane"
}

pane_events()
{
	write "$DBG/mlxsim1/port2/hold" +1
	write "$DBG/mlxsim1/port2/hold" -1
	keys 3
	wait_for "Recent events"
	check_err $? "Events pane: $(screen)"
	wait_for "mp_mdev_get"
	check_err $? "no mp_mdev_get event counted: $(screen)"
	show
	log_test "key 3: Events pane with counts and decoded events"
}

tab_cycles()
{
	keys Tab
	wait_for "Functions (4)"
	check_err $? "Tab from Events did not wrap to Multiport"
	keys Tab
	wait_for "mlxsim6 port 1"
	check_err $? "Tab to P_Key"
	keys 1
	log_test "Tab cycles the panes"
}

filter()
{
	local s

	keys / b o u n d Enter
	s=$(screen)
	echo "$s" | grep -Eq '^ +2 .* bound '
	check_err $? "bound row filtered away"
	! echo "$s" | grep -Eq '^ +1 .* master '
	check_err $? "master row not filtered: $s"
	echo "$s" | grep -q "filter bound"
	check_err $? "status line does not show the filter"
	show
	keys / C-u BSpace BSpace BSpace BSpace BSpace Enter
	wait_for "^ *1 .* master"
	check_err $? "empty filter did not clear"
	log_test "/ filters rows, an empty filter clears"
}

sort()
{
	local first

	keys o o
	screen | grep -q "sort refcnt"
	check_err $? "status line does not say sort refcnt"
	first=$(screen | awk 'NR == 5 { print $1 }')
	[[ $first == 2 ]]
	check_err $? "first row after sorting by refcnt is fn '$first', want 2"
	keys o o o
	screen | grep -q "sort id"
	check_err $? "sort did not cycle back to id"
	log_test "o cycles the sort order (refcnt puts the referenced slave first)"
}

help()
{
	keys h
	wait_for "mlxtop keys"
	check_err $? "no help"
	screen | grep -q "filter rows"
	check_err $? "help lacks the filter key"
	show
	keys x
	! screen | grep -q "mlxtop keys"
	check_err $? "help did not close"
	log_test "h shows help generated from the key table; a key closes it"
}

resize()
{
	tmux resize-window -t $S -x 120 -y 30 2>/dev/null || tmux resize-pane -t $S -x 120 -y 30
	sleep 1
	screen | grep -q "0x0002c90300001100 pf"
	check_err $? "no full GUIDs at 120 columns: $(screen)"
	tmux resize-window -t $S -x 80 -y 24 2>/dev/null || tmux resize-pane -t $S -x 80 -y 24
	sleep 1
	wait_for "Functions (4)"
	check_err $? "no redraw after shrinking"
	log_test "resizes redraw cleanly"
}

quit()
{
	local i

	keys q
	for i in $(seq 25); do
		tmux has-session -t $S 2>/dev/null || break
		sleep 0.2
	done
	! tmux has-session -t $S 2>/dev/null
	check_err $? "mlxtop still running after q"
	[[ $(instances) == 0 ]]
	check_err $? "tracefs instance left after q"
	log_test "q quits and removes the tracefs instance"
}

tests_run
exit $EXIT_STATUS
