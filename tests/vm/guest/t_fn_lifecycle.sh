#!/bin/bash
# Function lifecycle: new_device/del_device, caps, defaults, many functions,
# unload with functions present.

ALL_TESTS="
	add_defaults
	add_every_key
	add_delete_many
	unload_with_functions
"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

add_defaults()
{
	new_dev 3
	check_err $? "new_device 3"
	[[ -d $BUS/devices/mlxsim3 ]]
	check_err $? "$BUS/devices/mlxsim3 missing"
	[[ $(kv_get $DBG/mlxsim3/caps guid) == 0x0002c90300000003 ]]
	check_err $? "default guid: $(kv_get $DBG/mlxsim3/caps guid)"
	[[ $(kv_get $DBG/mlxsim3/caps vhca_ports) == 1 &&
	   $(kv_get $DBG/mlxsim3/caps affiliate) == 0 &&
	   $(kv_get $DBG/mlxsim3/caps native_port) == 1 &&
	   $(kv_get $DBG/mlxsim3/caps link) == eth &&
	   $(kv_get $DBG/mlxsim3/caps ports) == 1 &&
	   $(kv_get $DBG/mlxsim3/caps vfs) == 0 &&
	   $(kv_get $DBG/mlxsim3/caps pkeys) == 128 &&
	   $(kv_get $DBG/mlxsim3/caps type) == pf &&
	   $(kv_get $DBG/mlxsim3/caps role) == ordinary ]]
	check_err $? "defaults: $(tr '\n' ' ' < $DBG/mlxsim3/caps)"
	[[ -n $(kv_get $DBG/mlxsim3/caps vhca_id) ]]
	check_err $? "caps has no vhca_id"
	del_dev 3
	check_err $? "del_device 3"
	[[ ! -e $BUS/devices/mlxsim3 && ! -e $DBG/mlxsim3 ]]
	check_err $? "mlxsim3 left behind after del_device"
	log_test "add with defaults, caps, delete"
}

add_every_key()
{
	new_dev "4 guid=0x1122334455667788 vhca_ports=2 affiliate=1 native_port=1 link=eth ports=2 vfs=0 pkeys=64 type=pf"
	check_err $? "new_device with every key"
	[[ $(kv_get $DBG/mlxsim4/caps guid) == 0x1122334455667788 &&
	   $(kv_get $DBG/mlxsim4/caps vhca_ports) == 2 &&
	   $(kv_get $DBG/mlxsim4/caps pkeys) == 64 &&
	   $(kv_get $DBG/mlxsim4/caps ports) == 2 &&
	   $(kv_get $DBG/mlxsim4/caps role) == master ]]
	check_err $? "caps: $(tr '\n' ' ' < $DBG/mlxsim4/caps)"
	new_dev "5 affiliate=2 native_port=2 type=vf link=eth"
	check_err $? "new_device slave"
	[[ $(kv_get $DBG/mlxsim5/caps role) == slave &&
	   $(kv_get $DBG/mlxsim5/caps type) == vf ]]
	check_err $? "slave caps: $(tr '\n' ' ' < $DBG/mlxsim5/caps)"
	new_dev "6 vhca_ports=2 link=ib"
	check_err $? "new_device ib"
	[[ $(kv_get $DBG/mlxsim6/caps role) == ordinary ]]
	check_err $? "an IB-link function must not be multiport"
	[[ $(kv_get $DBG/mlxsim6/caps ib_ports) == 2 ]]
	check_err $? "IB device ports: max(ports, vhca_ports) whatever the link"
	del_dev 4 && del_dev 5 && del_dev 6
	check_err $? "del_device"
	log_test "every new_device key reaches caps"
}

add_delete_many()
{
	local i n=200 left

	# the debug kernel (KASAN, lockdep, kmemleak) is 5-16x slower: 30
	[[ ${MLXSIM_KERNEL:-} == debug ]] && n=30

	for ((i = 100; i < 100 + n; i++)); do
		new_dev "$i" || break
	done
	check_err $? "new_device $i"
	[[ $(ls -d $BUS/devices/mlxsim* | wc -l) -eq $n ]]
	check_err $? "expected $n devices on the bus"
	for ((i = 100; i < 100 + n; i++)); do
		del_dev "$i" || break
	done
	check_err $? "del_device $i"
	left=$(ls -d $BUS/devices/mlxsim* $DBG/mlxsim* 2>/dev/null | wc -l)
	[[ $left -eq 0 ]]
	check_err $? "$left functions left after deleting all"
	log_test "create and delete $n functions"
}

unload_with_functions()
{
	local i

	for i in 1 2 3; do
		new_dev "$i vhca_ports=2 ports=2" || break
	done
	new_dev "10 affiliate=1 native_port=2"
	new_dev "11 affiliate=1 native_port=2 guid=0x1234"
	new_dev "12 vfs=2"
	check_err $? "setup"
	mod_unload
	check_err $? "rmmod with functions present"
	[[ ! -e /sys/module/mlxsim && ! -e $BUS && ! -e $DBG ]]
	check_err $? "module, bus or debugfs still present"
	DEVS=()
	mod_load
	check_err $? "reload"
	log_test "unload with functions present"
}

mod_load || skip_all "cannot load mlxsim"
tests_run
exit $EXIT_STATUS
