#!/bin/bash
# The simulated firmware's command interface: cmd_stats counts every
# command, fail_cmd fails exactly the next one, bad fail_cmd input refused.

ALL_TESTS="
	bringup_commands
	fail_next_only
	fail_errno_and_number
	fail_cmd_bad_input
"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# count/failed of OPCODE-NAME in mlxsim<ID>/cmd_stats (0 when absent)
stat_of()
{
	local v

	v=$(table_get "$DBG/mlxsim$1/cmd_stats" name "$2" "$3")
	echo "${v:-0}"
}

bringup_commands()
{
	new_dev 1
	head -n1 $DBG/mlxsim1/cmd_stats | grep -q '^opcode name count failed'
	check_err $? "cmd_stats header: $(head -n1 $DBG/mlxsim1/cmd_stats)"
	[[ $(stat_of 1 QUERY_HCA_CAP count) -eq 1 &&
	   $(table_get $DBG/mlxsim1/cmd_stats name QUERY_HCA_CAP opcode) == 0x0100 ]]
	check_err $? "QUERY_HCA_CAP not counted: $(cat $DBG/mlxsim1/cmd_stats)"
	del_dev 1
	log_test "bring-up commands counted in cmd_stats"
}

fail_next_only()
{
	new_dev "1 ports=2"
	[[ $(cat $DBG/mlxsim1/fail_cmd) == - ]]
	check_err $? "fail_cmd should read '-' when disarmed"
	write $DBG/mlxsim1/fail_cmd CREATE_QP
	check_err $? "arm fail_cmd"
	[[ $(cat $DBG/mlxsim1/fail_cmd) == "CREATE_QP EIO" ]]
	check_err $? "fail_cmd reads '$(cat $DBG/mlxsim1/fail_cmd)'"
	# another opcode is not affected
	write $DBG/mlxsim1/port1/cmd "ib CREATE_CQ"
	check_err $? "CREATE_CQ must not fail"
	expect_fail EIO write $DBG/mlxsim1/port1/cmd "ib CREATE_QP"
	write $DBG/mlxsim1/port1/cmd "ib CREATE_QP"
	check_err $? "second CREATE_QP must succeed"
	[[ $(stat_of 1 CREATE_QP count) -eq 2 && $(stat_of 1 CREATE_QP failed) -eq 1 ]]
	check_err $? "CREATE_QP stats: $(grep CREATE_QP $DBG/mlxsim1/cmd_stats)"
	[[ $(cat $DBG/mlxsim1/fail_cmd) == - ]]
	check_err $? "fault not consumed"
	del_dev 1
	log_test "fail_cmd fails exactly the next such command"
}

fail_errno_and_number()
{
	new_dev 1
	write $DBG/mlxsim1/fail_cmd "0x770 ETIMEDOUT"
	check_err $? "arm by number with errno name"
	expect_fail ETIMEDOUT write $DBG/mlxsim1/port1/cmd "port QUERY_VPORT_COUNTER"
	write $DBG/mlxsim1/fail_cmd "alloc_pd 16"
	expect_fail EBUSY write $DBG/mlxsim1/port1/cmd "ib ALLOC_PD"
	write $DBG/mlxsim1/fail_cmd "ALLOC_PD"
	write $DBG/mlxsim1/fail_cmd "none"
	write $DBG/mlxsim1/port1/cmd "ib ALLOC_PD"
	check_err $? "disarmed fault still fired"
	del_dev 1
	log_test "fail_cmd by number, errno by name or number, disarm"
}

fail_cmd_bad_input()
{
	new_dev 1
	write $DBG/mlxsim1/fail_cmd "CREATE_QP ENOMEM"
	expect_fail EINVAL write $DBG/mlxsim1/fail_cmd "NOT_AN_OPCODE"
	expect_fail EINVAL write $DBG/mlxsim1/fail_cmd "0x9999"
	expect_fail EINVAL write $DBG/mlxsim1/fail_cmd "CREATE_QP EWHATEVER"
	expect_fail ERANGE write $DBG/mlxsim1/fail_cmd "CREATE_QP 0"
	expect_fail EINVAL write $DBG/mlxsim1/fail_cmd "CREATE_QP EIO extra"
	# only errnos it can print back by name (4095 read back as UNKNOWN)
	expect_fail ERANGE write $DBG/mlxsim1/fail_cmd "CREATE_QP 4095"
	expect_fail ERANGE write $DBG/mlxsim1/fail_cmd "CREATE_QP 512"
	expect_fail ERANGE write $DBG/mlxsim1/fail_cmd "CREATE_QP 3"
	expect_fail EINVAL write $DBG/mlxsim1/fail_cmd "- extra"
	[[ $(cat $DBG/mlxsim1/fail_cmd) == "CREATE_QP ENOMEM" ]]
	check_err $? "bad input changed the armed fault: $(cat $DBG/mlxsim1/fail_cmd)"
	expect_fail EINVAL write $DBG/mlxsim1/port1/cmd "qp CREATE_QP"
	expect_fail EINVAL write $DBG/mlxsim1/port1/cmd "ib"
	expect_fail EINVAL write $DBG/mlxsim1/port1/cmd "ib BOGUS"
	# every number it accepts reads back as the name it stands for
	write $DBG/mlxsim1/fail_cmd "CREATE_QP -110"
	[[ $(cat $DBG/mlxsim1/fail_cmd) == "CREATE_QP ETIMEDOUT" ]]
	check_err $? "fail_cmd -110 reads '$(cat $DBG/mlxsim1/fail_cmd)'"
	write $DBG/mlxsim1/fail_cmd "$(cat $DBG/mlxsim1/fail_cmd)"
	check_err $? "what fail_cmd reads is accepted back"
	del_dev 1
	log_test "fail_cmd and port cmd refuse bad input"
}

mod_load || skip_all "cannot load mlxsim"
tests_run
exit $EXIT_STATUS
