#!/bin/bash
# Bad input to new_device/del_device: an errno, a log line naming the
# offending token, and nothing left behind.

ALL_TESTS="
	new_device_bad
	del_device_bad
	duplicate_id
	overlong
"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# nothing on the bus or in debugfs but what the test expects
assert_clean()
{
	local left

	left=$(ls -d $BUS/devices/mlxsim* $DBG/mlxsim* 2>/dev/null | wc -l)
	[[ $left -eq ${1:-0} ]]
	check_err $? "$left objects on the bus/debugfs, expected ${1:-0}: $*"
}

new_device_bad()
{
	local err in

	while IFS='|' read -r err in; do
		[[ -z $err ]] && continue
		expect_fail "$err" write "$BUS/new_device" "$in"
		assert_clean 0 "after '$in'"
	done <<'EOF2'
EINVAL|
EINVAL|x
EINVAL|0x5 vfs=1
ERANGE|65536
EINVAL|1 bogus=1
EINVAL|1 vfs
EINVAL|1 vfs=1 vfs=2
ERANGE|1 vhca_ports=0
ERANGE|1 vhca_ports=3
EINVAL|1 vhca_ports=two
ERANGE|1 affiliate=16
ERANGE|1 native_port=0
ERANGE|1 native_port=3
EINVAL|1 link=roce
ERANGE|1 ports=3
ERANGE|1 vfs=80
EINVAL|1 pkeys=33
ERANGE|1 pkeys=256
EINVAL|1 type=sf
EINVAL|1 type=vf vfs=1
EINVAL|1 affiliate=1 vfs=2
ERANGE|1 guid=0
EINVAL|1 guid=0xzz
EINVAL|1 ports=1 trailing
EOF2
	expect_log "new_device: bad input 'vfs=80'" \
		write "$BUS/new_device" "1 vfs=80"
	check_err $? "no log line naming the offending token"
	log_test "new_device refuses bad input and leaves nothing"
}

del_device_bad()
{
	new_dev 7
	expect_fail ENOENT write "$BUS/del_device" 8
	expect_fail EINVAL write "$BUS/del_device" ""
	expect_fail EINVAL write "$BUS/del_device" "7 7"
	expect_fail EINVAL write "$BUS/del_device" "seven"
	expect_fail ERANGE write "$BUS/del_device" "99999999"
	assert_clean 2 "mlxsim7 must survive bad del_device"
	del_dev 7
	check_err $? "del_device 7"
	expect_fail ENOENT write "$BUS/del_device" 7
	assert_clean 0
	log_test "del_device refuses bad input and unknown ids"
}

duplicate_id()
{
	new_dev "9 ports=2"
	expect_fail EEXIST write "$BUS/new_device" "9 vfs=1"
	[[ $(kv_get $DBG/mlxsim9/caps ports) == 2 &&
	   $(kv_get $DBG/mlxsim9/caps vfs) == 0 ]]
	check_err $? "duplicate add changed the existing function"
	del_dev 9
	assert_clean 0
	log_test "duplicate id refused with EEXIST"
}

overlong()
{
	local long

	long="1 guid=0x$(printf '1%.0s' {1..80})"
	expect_fail EINVAL write "$BUS/new_device" "$long"
	long="1$(printf ' %.0s' {1..600})ports=1"
	expect_fail E2BIG write "$BUS/new_device" "$long"
	assert_clean 0
	log_test "overlong token and overlong input refused"
}

mod_load || skip_all "cannot load mlxsim"
tests_run
exit $EXIT_STATUS
