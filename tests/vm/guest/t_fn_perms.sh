#!/bin/bash
# Every mlxsim sysfs and debugfs file is root-only: modes, and a non-root
# user cannot write any of them.

ALL_TESTS="
	modes
	nonroot_cannot_write
"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

modes()
{
	local f mode bad= n=0

	new_dev "1 vhca_ports=2 ports=2"
	new_dev "2 vfs=2"
	while read -r f; do
		n=$((n + 1))
		mode=$(stat -c %a "$f")
		case $mode in
		400|200|600) ;;
		*) bad+=" $f=$mode" ;;
		esac
	done < <(find $DBG -type f; echo $BUS/new_device; echo $BUS/del_device)
	[[ -z $bad && $n -gt 10 ]]
	check_err $? "files not root-only:$bad (checked $n)"
	log_test "sysfs/debugfs files are 0400/0200/0600"
}

nonroot_cannot_write()
{
	local files ok

	mapfile -t files < <(find $DBG -type f 2>/dev/null; echo $BUS/new_device; echo $BUS/del_device)
	# one unprivileged shell names every file it may open for writing
	# (access(2)) or could write to
	ok=$(setpriv --reuid=65534 --regid=65534 --clear-groups \
		bash -c 'for f; do
			if [[ -w $f ]] || { echo 77 > "$f"; } 2>/dev/null; then
				echo " $f"
			fi
		done; true' _ "${files[@]}")
	check_err $? "setpriv failed"
	[[ -z $ok && ${#files[@]} -gt 10 ]]
	check_err $? "non-root wrote:$ok (tried ${#files[@]} files)"
	[[ -e $BUS/devices/mlxsim1 && -e $DBG/mlxsim1 ]]
	check_err $? "state changed"
	log_test "a non-root user cannot write any mlxsim file"
}

mod_load || skip_all "cannot load mlxsim"
tests_run
exit $EXIT_STATUS
