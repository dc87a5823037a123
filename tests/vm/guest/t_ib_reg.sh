#!/bin/bash
# ib_core registration: every IB device is `mlxsim<ID>` in `rdma dev` and
# /sys/class/infiniband with the function's GUIDs, every Ethernet function
# has a netdev; many devices come and go; unload with devices registered;
# snooped P_Key changes reach ib_core as PKEY_CHANGE and pkeys/N sysfs.

ALL_TESTS="
	load
	register_one
	netdevs
	register_many
	unload_registered
	pkey_change
	trace_events
"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$(dirname "${BASH_SOURCE[0]}")/ib_lib.sh"

CTL=$MLXSIM_ROOT/tools/mlxsimctl/mlxsimctl

load()
{
	ib_skip_unless_core
	mod_load
	check_err $? "cannot load $MLXSIM_KO"
	log_test "load (ib_core as a dependency)"
}

register_one()
{
	local guid sys

	new_dev "10 guid=0x0002c90300abcd00 ports=2"
	check_err $? "new_device"
	rdma dev show mlxsim10 >/dev/null 2>&1
	check_err $? "rdma dev show mlxsim10"
	[[ -d $IBSYS/mlxsim10 ]]
	check_err $? "no $IBSYS/mlxsim10"
	sys=$(cat "$IBSYS/mlxsim10/sys_image_guid" 2>/dev/null)
	[[ $sys == 0002:c903:00ab:cd00 ]]
	check_err $? "sys_image_guid $sys"
	# node GUID: the adapter's plus the vhca id (11) << 32
	guid=$(cat "$IBSYS/mlxsim10/node_guid" 2>/dev/null)
	[[ $guid == 0002:c90e:00ab:cd00 ]]
	check_err $? "node_guid $guid"
	[[ $(cat "$IBSYS/mlxsim10/ports/1/link_layer") == Ethernet ]]
	check_err $? "port 1 link layer"
	[[ $(cat "$IBSYS/mlxsim10/ports/2/state") == "4: ACTIVE" ]]
	check_err $? "ordinary function's port 2 not ACTIVE"
	ib_link_is mlxsim10 1 ACTIVE
	check_err $? "rdma link: $(rdma link show mlxsim10/1)"
	wait_for ib_has_gid mlxsim10 1 "$(ib_default_gid 10)"
	check_err $? "port 1 default GID missing: $(ib_gids mlxsim10 1)"
	[[ $(table_get "$DBG/mlxsim10/ports" port 1 ib_state) == active ]]
	check_err $? "ports table ib_state: $(cat "$DBG/mlxsim10/ports")"
	grep -qx "ib_dev=mlxsim10" "$DBG/mlxsim10/caps"
	check_err $? "caps: $(grep ib_ "$DBG/mlxsim10/caps")"
	new_dev "11 link=ib"
	check_err $? "new_device link=ib"
	[[ $(cat "$IBSYS/mlxsim11/ports/1/link_layer" 2>/dev/null) == InfiniBand ]]
	check_err $? "IB link layer"
	[[ $(cat "$IBSYS/mlxsim11/ports/1/pkeys/0" 2>/dev/null) == 0xffff ]]
	check_err $? "pkeys/0 of the IB function"
	del_dev 10 && del_dev 11
	check_err $? "del_device"
	[[ ! -e $IBSYS/mlxsim10 && ! -e $IBSYS/mlxsim11 ]]
	check_err $? "still registered after removal"
	log_test "register one device: names, GUIDs, ports, link layers"
}

netdevs()
{
	new_dev "20 vhca_ports=2 guid=0x20"
	new_dev "21 affiliate=1 native_port=2 guid=0x20"
	new_dev "22 link=ib"
	[[ -d /sys/class/net/mlxsim20 && -d /sys/class/net/mlxsim21 ]]
	check_err $? "Ethernet functions without a netdev"
	[[ ! -e /sys/class/net/mlxsim22 ]]
	check_err $? "an IB-link function has a netdev"
	[[ ! -e $IBSYS/mlxsim21 ]]
	check_err $? "a slave registered an IB device"
	grep -qx "ib_dev=-" "$DBG/mlxsim21/caps"
	check_err $? "slave caps: $(grep ib_dev "$DBG/mlxsim21/caps")"
	[[ $(cat /sys/class/net/mlxsim21/address) == 02:c9:00:00:00:15 ]]
	check_err $? "slave MAC $(cat /sys/class/net/mlxsim21/address)"
	ip link set mlxsim21 up && ping -c1 -W1 -I mlxsim21 192.0.2.1 >/dev/null 2>&1
	ip link set mlxsim21 down
	del_dev 21 && del_dev 20 && del_dev 22
	check_err $? "del_device"
	[[ ! -e /sys/class/net/mlxsim20 && ! -e /sys/class/net/mlxsim21 ]]
	check_err $? "netdevs left after removal"
	log_test "a netdev per Ethernet function, none for slaves' IB device"
}

register_many()
{
	local n=40 i ok=0 left

	for ((i = 100; i < 100 + n; i++)); do
		if ((i % 4 == 0)); then
			write "$BUS/new_device" "$i vhca_ports=2 guid=0x$i"
		elif ((i % 4 == 1)); then
			write "$BUS/new_device" "$i affiliate=1 native_port=2 guid=0x$((i - 1))"
		elif ((i % 4 == 2)); then
			write "$BUS/new_device" "$i link=ib vfs=2"
		else
			write "$BUS/new_device" "$i ports=2"
		fi && ok=$((ok + 1))
		DEVS+=("$i")
	done
	((ok == n))
	check_err $? "only $ok of $n added"
	# 30 IB devices: every function but the slaves
	[[ $(rdma dev show | grep -c '^[0-9]*: mlxsim1[0-9][0-9]:') == 30 ]]
	check_err $? "rdma dev: $(rdma dev show | grep -c mlxsim)"
	for ((i = 100; i < 100 + n; i += 4)); do
		ib_link_is "mlxsim$i" 2 ACTIVE || break
	done
	((i >= 100 + n))
	check_err $? "master mlxsim$i port 2 not ACTIVE"
	# remove in another order: slaves' masters first
	for ((i = 100; i < 100 + n; i += 4)); do
		write "$BUS/del_device" "$i"
	done
	for ((i = 100; i < 100 + n; i++)); do
		((i % 4)) && write "$BUS/del_device" "$i"
	done
	left=$(ls "$IBSYS" 2>/dev/null | grep -c '^mlxsim')
	((left == 0))
	check_err $? "$left IB devices left"
	left=$(ls /sys/class/net | grep -c '^mlxsim')
	((left == 0))
	check_err $? "$left netdevs left"
	log_test "register and unregister $n functions ($((n * 3 / 4)) IB devices)"
}

unload_registered()
{
	new_dev "30 vhca_ports=2 guid=0x30"
	new_dev "31 affiliate=1 native_port=2 guid=0x30"
	new_dev "32 link=ib vfs=3"
	ib_link_is mlxsim30 2 ACTIVE
	check_err $? "not bound before unload"
	mod_unload
	check_err $? "rmmod with registered devices"
	[[ -z $(ls "$IBSYS" 2>/dev/null | grep '^mlxsim') ]]
	check_err $? "IB devices left after unload"
	[[ -z $(ls /sys/class/net | grep '^mlxsim') ]]
	check_err $? "netdevs left after unload"
	DEVS=()
	mod_load
	check_err $? "reload"
	log_test "unload with devices registered and bound"
}

pkey_change()
{
	local id=40 d=mlxsim40 c

	if [[ ! -x $CTL ]]; then
		log_skip "P_Key changes reach ib_core" "no $CTL"
		return
	fi
	new_dev "$id link=ib vfs=2 ports=2 pkeys=128"
	check_err $? "new_device vfs=2"
	# with VFs the PF reports one entry less (mlx4_parav_master_pf_caps)
	[[ $(ls "$IBSYS/$d/ports/1/pkeys" | wc -l) == 127 ]]
	check_err $? "pkey_tbl_len with VFs: $(ls "$IBSYS/$d/ports/1/pkeys" | wc -l), want 127"
	[[ $(ib_event_count $id 1 pkey_change) == 0 ]]
	check_err $? "events before any MAD"
	"$CTL" pkey-set $id 1 0=0xffff 1=0x8001 >/dev/null
	check_err $? "pkey-set 1"
	# identical: no change, no event
	"$CTL" pkey-set $id 1 0=0xffff 1=0x8001 >/dev/null
	"$CTL" pkey-set $id 2 --block 1 3=0x8005 >/dev/null
	check_err $? "pkey-set 2"
	[[ $(ib_event_count $id 1 pkey_change) == 1 ]]
	check_err $? "port 1 pkey_change $(ib_event_count $id 1 pkey_change)"
	[[ $(ib_event_count $id 2 pkey_change) == 1 ]]
	check_err $? "port 2 pkey_change $(ib_event_count $id 2 pkey_change)"
	c=$(cat "$IBSYS/$d/ports/1/pkeys/1" 2>/dev/null)
	[[ $c == 0x8001 ]]
	check_err $? "port 1 pkeys/1 = $c"
	c=$(cat "$IBSYS/$d/ports/2/pkeys/35" 2>/dev/null)
	[[ $c == 0x8005 ]]
	check_err $? "port 2 pkeys/35 = $c"
	# ib_core refreshes its cache from the event: pkey_cache's ib_pkey
	wait_for ib_pkey_cache_in_sync $id 1
	check_err $? "ib_core's cache of port 1: $(ib_pkey_cache_diff $id 1)"
	wait_for ib_pkey_cache_in_sync $id 2
	check_err $? "ib_core's cache of port 2: $(ib_pkey_cache_diff $id 2)"
	log_info "$(sed -n '1p; 3p; 37p' "$DBG/$d/port2/pkey_cache" | tr '\n' '|')"
	[[ $(ib_event_count $id 1 port_active) == 0 &&
	   $(ib_event_count $id 1 port_err) == 0 ]]
	check_err $? "port events on a P_Key-only scenario"
	del_dev $id
	log_test "snooped P_Key changes: one PKEY_CHANGE each, pkeys/N physical"
}

trace_events()
{
	local out

	trace_on mlxsim/mlxsim_ib_register mlxsim/mlxsim_ib_unregister \
		mlxsim/mlxsim_ib_netdev mlxsim/mlxsim_ib_event
	check_err $? "trace_on"
	new_dev "50 vhca_ports=2 guid=0x50"
	new_dev "51 affiliate=1 native_port=2 guid=0x50"
	del_dev 51
	del_dev 50
	out=$(trace_read)
	trace_off
	grep -q "mlxsim_ib_register: ibdev=mlxsim50 .*ports=2 link=eth status=OK" <<<"$out"
	check_err $? "no register event"
	grep -q "mlxsim_ib_netdev: ibdev=mlxsim50 port=1 netdev_fn=50 attach=1" <<<"$out"
	check_err $? "no port 1 netdev event"
	grep -q "mlxsim_ib_netdev: ibdev=mlxsim50 port=2 netdev_fn=51 attach=1" <<<"$out"
	check_err $? "no port 2 attach event"
	grep -q "mlxsim_ib_event: ibdev=mlxsim50 port=2 event=port_active count=1" <<<"$out"
	check_err $? "no port_active event"
	grep -q "mlxsim_ib_netdev: ibdev=mlxsim50 port=2 netdev_fn=51 attach=0" <<<"$out"
	check_err $? "no port 2 detach event"
	grep -q "mlxsim_ib_event: ibdev=mlxsim50 port=2 event=port_err count=1" <<<"$out"
	check_err $? "no port_err event"
	grep -q "mlxsim_ib_unregister: ibdev=mlxsim50 events=2" <<<"$out"
	check_err $? "no unregister event"
	((RET)) && log_info "$out"
	log_test "trace events of registration, netdevs and ib_core events"
}

tests_run
exit $EXIT_STATUS
