#!/bin/bash
# Smoke test of the VM harness and the module: load, the bus and debugfs
# exist, unload, load again.

ALL_TESTS="
	load
	bus_exists
	debugfs_exists
	unload
	reload
"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

load()
{
	mod_load
	check_err $? "cannot load $MLXSIM_KO"
	mod_loaded
	check_err $? "/sys/module/mlxsim missing after load"
	log_test "load $(basename "$MLXSIM_KO")"
}

bus_exists()
{
	[[ -d $BUS && -e $BUS/new_device && -e $BUS/del_device ]]
	check_err $? "$BUS with new_device and del_device missing"
	log_test "$BUS exists"
}

debugfs_exists()
{
	[[ -d $DBG ]]
	check_err $? "$DBG missing"
	log_test "$DBG exists"
}

unload()
{
	mod_unload
	check_err $? "rmmod mlxsim failed"
	[[ ! -e /sys/module/mlxsim && ! -e $BUS ]]
	check_err $? "module or bus still there after rmmod"
	log_test "unload"
}

reload()
{
	mod_load && mod_unload
	check_err $? "second load/unload failed"
	log_test "load and unload again"
}

tests_run
exit $EXIT_STATUS
