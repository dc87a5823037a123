#!/bin/bash
# Port 2 of a multiport master in ib_core: DOWN before the slave arrives,
# ACTIVE with the slave's netdev and GIDs once bound, DOWN and without
# them after the slave is removed; master removed while bound, a new
# master re-binds; the ib_events counts match the scenario exactly;
# `rdma monitor` sees NETDEV_ATTACH/DETACH for port 2 (kernels >= 6.9).

ALL_TESTS="
	load
	bind_unbind
	ipv4_gid
	master_removed
	rebind_counts
	netdev_state
	tables
	monitor
"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$(dirname "${BASH_SOURCE[0]}")/ib_lib.sh"

M=60
S=61
G=0x0002c90300006000

load()
{
	ib_skip_unless_core
	mod_load
	check_err $? "cannot load $MLXSIM_KO"
	log_test "load"
}

show()
{
	log_info "$(rdma link show "mlxsim$M/2" 2>&1)"
	log_info "state: $(cat /sys/class/infiniband/mlxsim$M/ports/2/state 2>&1)"
	log_info "gids: $(ib_gids mlxsim$M 2 | tr '\n' ' ')"
}

bind_unbind()
{
	new_dev "$M vhca_ports=2 native_port=1 guid=$G"
	check_err $? "new_device master"
	ib_link_is mlxsim$M 2 DOWN
	check_err $? "port 2 before the slave: $(rdma link show mlxsim$M/2)"
	[[ $(cat $IBSYS/mlxsim$M/ports/2/phys_state) == "3: Disabled" ]]
	check_err $? "phys_state $(cat $IBSYS/mlxsim$M/ports/2/phys_state)"
	ib_link_is mlxsim$M 1 ACTIVE
	check_err $? "port 1: $(rdma link show mlxsim$M/1)"
	ib_no_gids mlxsim$M 2
	check_err $? "GIDs on port 2 before the slave"
	log_info "before the bind:"
	show

	new_dev "$S affiliate=1 native_port=2 guid=$G"
	check_err $? "new_device slave"
	ib_link_is mlxsim$M 2 ACTIVE
	check_err $? "port 2 after binding: $(rdma link show mlxsim$M/2)"
	rdma link show mlxsim$M/2 | grep -q "netdev mlxsim$S"
	check_err $? "port 2 netdev: $(rdma link show mlxsim$M/2)"
	[[ $(cat $IBSYS/mlxsim$M/ports/2/state) == "4: ACTIVE" ]]
	check_err $? "sysfs state $(cat $IBSYS/mlxsim$M/ports/2/state)"
	ib_has_gid mlxsim$M 2 "$(ib_default_gid $S)"
	check_err $? "default GID $(ib_default_gid $S) missing"
	log_info "after the bind:"
	show
	[[ $(ib_event_count $M 2 port_active) == 1 ]]
	check_err $? "port_active $(ib_event_count $M 2 port_active)"

	del_dev $S
	check_err $? "del_device slave"
	ib_link_is mlxsim$M 2 DOWN
	check_err $? "port 2 after the slave left: $(rdma link show mlxsim$M/2)"
	wait_for ib_no_gids mlxsim$M 2
	check_err $? "GIDs left on port 2: $(ib_gids mlxsim$M 2)"
	log_info "after the slave was removed:"
	show
	[[ $(ib_event_count $M 2 port_active) == 1 &&
	   $(ib_event_count $M 2 port_err) == 1 ]]
	check_err $? "events: $(cat $DBG/mlxsim$M/ib_events)"
	[[ $(ib_event_count $M 1 port_active) == 0 &&
	   $(ib_event_count $M 1 port_err) == 0 ]]
	check_err $? "events on port 1: $(cat $DBG/mlxsim$M/ib_events)"
	log_test "port 2 DOWN, ACTIVE with the slave's netdev and GID, DOWN"
}

ipv4_gid()
{
	local gid

	new_dev "$S affiliate=1 native_port=2 guid=$G"
	check_err $? "new_device slave"
	ip link set mlxsim$S up && ip addr add 192.0.2.61/24 dev mlxsim$S
	check_err $? "ip addr add"
	gid=$(ib_ipv4_gid 192.0.2.61)
	wait_for ib_has_gid mlxsim$M 2 "$gid"
	check_err $? "IPv4 GID $gid missing: $(ib_gids mlxsim$M 2 | tr '\n' ' ')"
	log_info "with 192.0.2.61 on mlxsim$S:"
	show
	ib_has_gid mlxsim$M 1 "$gid"
	check_fail $? "the slave's address on port 1"
	ip addr del 192.0.2.61/24 dev mlxsim$S
	wait_for eval '! ib_has_gid mlxsim$M 2 "$gid"'
	check_err $? "IPv4 GID stays after the address went"
	del_dev $S
	wait_for ib_no_gids mlxsim$M 2
	check_err $? "GIDs left on port 2: $(ib_gids mlxsim$M 2)"
	[[ $(ib_event_count $M 2 port_active) == 2 &&
	   $(ib_event_count $M 2 port_err) == 2 ]]
	check_err $? "events: $(cat $DBG/mlxsim$M/ib_events)"
	log_test "an IPv4 address on the slave's netdev is a GID of port 2"
}

master_removed()
{
	new_dev "$S affiliate=1 native_port=2 guid=$G"
	ib_link_is mlxsim$M 2 ACTIVE
	check_err $? "not bound"
	del_dev $M
	check_err $? "del_device master while bound"
	[[ ! -e $IBSYS/mlxsim$M ]]
	check_err $? "master's IB device left"
	[[ $(table_get $DBG/multiport id $S state) == unaffiliated ]]
	check_err $? "slave not back on the list"
	# a new master of the same adapter binds it: GIDs and state return
	new_dev "$((M + 2)) vhca_ports=2 native_port=1 guid=$G"
	check_err $? "new master"
	ib_link_is mlxsim$((M + 2)) 2 ACTIVE
	check_err $? "new master port 2: $(rdma link show mlxsim$((M + 2))/2)"
	wait_for ib_has_gid mlxsim$((M + 2)) 2 "$(ib_default_gid $S)"
	check_err $? "GID not back: $(ib_gids mlxsim$((M + 2)) 2)"
	# bound during the master's add, after its registration: one event
	[[ $(ib_event_count $((M + 2)) 2 port_active) == 1 &&
	   $(ib_event_count $((M + 2)) 2 port_err) == 0 ]]
	check_err $? "events: $(cat $DBG/mlxsim$((M + 2))/ib_events)"
	log_test "master removed while bound; a new master re-binds, GIDs return"
}

rebind_counts()
{
	local m=$((M + 2)) i

	# the slave of master_removed is bound to m: 3 more unbind/bind cycles
	for i in 1 2 3; do
		del_dev $S && new_dev "$S affiliate=1 native_port=2 guid=$G"
		check_err $? "cycle $i"
	done
	[[ $(ib_event_count $m 2 port_active) == 4 &&
	   $(ib_event_count $m 2 port_err) == 3 &&
	   $(ib_event_count $m 2 pkey_change) == 0 ]]
	check_err $? "events: $(cat $DBG/mlxsim$m/ib_events)"
	ib_link_is mlxsim$m 2 ACTIVE
	check_err $? "state after the cycles"
	log_test "PORT_ACTIVE / PORT_ERR counted once per bind / unbind"
}

# RoCE port state follows the netdev behind it (mlx5_query_port_roce):
# the slave's netdev down takes port 2 DOWN with one PORT_ERR, up brings
# it back with one PORT_ACTIVE; every view agrees.  The master's own
# netdev does the same for port 1.
netdev_state()
{
	local m=$((M + 2)) err act

	err=$(ib_event_count $m 2 port_err)
	act=$(ib_event_count $m 2 port_active)
	ip link set mlxsim$S down
	check_err $? "ip link set mlxsim$S down"
	wait_for ib_link_is mlxsim$m 2 DOWN
	check_err $? "port 2 with its netdev down: $(rdma link show mlxsim$m/2)"
	[[ $(cat $IBSYS/mlxsim$m/ports/2/state) == "1: DOWN" &&
	   $(table_get $DBG/mlxsim$m/ports port 2 state) == down &&
	   $(ib_event_count $m 2 port_err) == $((err + 1)) &&
	   $(ib_event_count $m 2 port_active) == "$act" ]]
	check_err $? "views disagree: $(cat $IBSYS/mlxsim$m/ports/2/state); $(cat $DBG/mlxsim$m/ports); $(cat $DBG/mlxsim$m/ib_events | grep '^2 ')"
	wait_for eval '[[ $(table_get $DBG/multiport id $S ib_state) == down ]]'
	check_err $? "multiport ib_state: $(cat $DBG/multiport)"
	ip link set mlxsim$S down
	[[ $(ib_event_count $m 2 port_err) == $((err + 1)) ]]
	check_err $? "PORT_ERR sent again for no change"
	ip link set mlxsim$S up
	wait_for ib_link_is mlxsim$m 2 ACTIVE
	check_err $? "port 2 with its netdev up again"
	[[ $(table_get $DBG/mlxsim$m/ports port 2 state) == up &&
	   $(ib_event_count $m 2 port_active) == $((act + 1)) ]]
	check_err $? "after up: $(cat $DBG/mlxsim$m/ports)"
	ip link set mlxsim$m down
	wait_for ib_link_is mlxsim$m 1 DOWN
	check_err $? "port 1 with the master's netdev down"
	ib_link_is mlxsim$m 2 ACTIVE
	check_err $? "port 2 followed the master's netdev"
	ip link set mlxsim$m up
	wait_for ib_link_is mlxsim$m 1 ACTIVE
	check_err $? "port 1 back"
	log_test "RoCE port state follows its netdev: ip link down/up, one event each"
}

tables()
{
	local m=$((M + 2))

	wait_for eval '[[ $(table_get $DBG/multiport id $S ib_state) == active ]]'
	check_err $? "multiport ib_state: $(cat $DBG/multiport)"
	[[ $(table_get $DBG/multiport id $S ib_dev) == mlxsim$m ]]
	check_err $? "multiport ib_dev: $(cat $DBG/multiport)"
	del_dev $S
	wait_for eval '[[ $(table_get $DBG/mlxsim$m/ports port 2 ib_state) == down ]]'
	check_err $? "ports ib_state: $(cat $DBG/mlxsim$m/ports)"
	[[ $(table_get $DBG/multiport id $m ib_state) == active ]]
	check_err $? "master row: $(cat $DBG/multiport)"
	log_test "debugfs tables show the ib_core view"
}

# monitor_lines FILE EVENT: the `rdma monitor` lines of EVENT for port 2 of
# the current master, e.g. "[NETDEV_ATTACH]	dev 1 mlxsim62 port 2 netdev 10 mlxsim61"
monitor_lines()
{
	grep -F "[$2]" "$1" | grep -E "mlxsim$((M + 2))[[:space:]]+port 2([[:space:]]|$)"
}

monitor()
{
	local m=$((M + 2)) out=/tmp/rdma-monitor.out pid

	if ! grep -qw rdma_nl_notify_event /proc/kallsyms; then
		log_skip "rdma monitor: NETDEV_ATTACH/DETACH of port 2" \
			"ib_core of $(uname -r) sends no monitor events (added in 6.9)"
		return
	fi
	rdma monitor help 2>&1 | grep -q "rdma monitor"
	check_err $? "rdma monitor missing from iproute2 $(rdma -V 2>&1): scripts/install-deps.sh installs it from bookworm-backports"

	rdma monitor >"$out" 2>&1 &
	pid=$!
	# the monitor subscribes before its first read: give it time under TCG
	sleep 1
	new_dev "$S affiliate=1 native_port=2 guid=$G"
	check_err $? "new_device slave"
	wait_for eval 'monitor_lines "$out" NETDEV_ATTACH | grep -q "netdev [0-9]* *mlxsim$S"'
	check_err $? "no NETDEV_ATTACH of mlxsim$S on mlxsim$m/2: $(cat "$out")"
	del_dev $S
	check_err $? "del_device slave"
	wait_for eval 'monitor_lines "$out" NETDEV_DETACH | grep -q .'
	check_err $? "no NETDEV_DETACH on mlxsim$m/2: $(cat "$out")"
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	[[ $(monitor_lines "$out" NETDEV_ATTACH | wc -l) == 1 &&
	   $(monitor_lines "$out" NETDEV_DETACH | wc -l) == 1 ]]
	check_err $? "one attach and one detach expected: $(cat "$out")"
	log_info "rdma monitor ($(rdma -V 2>&1)):"
	while read -r line; do
		log_info "  $line"
	done <"$out"
	rm -f "$out"
	log_test "rdma monitor: NETDEV_ATTACH/DETACH of port 2 on bind/unbind"
}

tests_run
exit $EXIT_STATUS
