#!/bin/bash
# Every mlxsim sysfs and debugfs file is root-only: modes, and a non-root
# user cannot write any of them.
#
# debugfs is mounted 0700 (the kernel's default for its root), which alone
# keeps a non-root user out of every file below it whatever the files' own
# modes: for the unprivileged check to mean something, debugfs is remounted
# 0755 while this script runs (restored on exit), and the unprivileged
# shell first proves it reaches the mlxsim files (it can stat every one and
# list the directories) before trying to write them.

ALL_TESTS="
	modes
	nonroot_reaches_files
	nonroot_cannot_write
"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DEBUGFS=/sys/kernel/debug
DEBUGFS_MODE=

cleanup()
{
	[[ -n $DEBUGFS_MODE ]] && mount -o remount,mode="$DEBUGFS_MODE" "$DEBUGFS"
}

# as_nobody CMD...: run CMD as uid/gid 65534 with no supplementary groups
as_nobody()
{
	setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
}

# open_debugfs: debugfs's root 0755 (once; cleanup() restores it)
open_debugfs()
{
	if [[ -z $DEBUGFS_MODE ]]; then
		DEBUGFS_MODE=$(stat -c %a "$DEBUGFS")
		mount -o remount,mode=0755 "$DEBUGFS"
		check_err $? "remount $DEBUGFS mode=0755"
	fi
	[[ $(stat -c %a "$DEBUGFS") == 755 ]]
	check_err $? "$DEBUGFS is $(stat -c %a "$DEBUGFS"), not 755, after the remount"
}

mlxsim_files()
{
	find $DBG -type f 2>/dev/null
	echo $BUS/new_device
	echo $BUS/del_device
}

setup()
{
	[[ -e $DBG/mlxsim3 ]] && return 0
	new_dev "1 vhca_ports=2 ports=2" &&
		new_dev "2 vfs=2" &&
		new_dev "3 affiliate=1 native_port=2"
	check_err $? "setup"
}

modes()
{
	local f mode bad= n=0

	setup
	while read -r mode f; do
		n=$((n + 1))
		case $mode in
		400|200|600) ;;
		*) bad+=" $f=$mode" ;;
		esac
	done < <(mlxsim_files | xargs stat -c '%a %n')
	[[ -z $bad && $n -gt 10 ]]
	check_err $? "files not root-only:$bad (checked $n)"
	log_test "sysfs/debugfs files are 0400/0200/0600"
}

nonroot_reaches_files()
{
	local files out

	setup
	open_debugfs
	mapfile -t files < <(mlxsim_files)
	# every file's inode is reachable (stat needs search permission on
	# every directory above it) and the function directories are listable
	out=$(as_nobody bash -c 'stat -c %n "$@" >/dev/null
		ls "'"$DBG"'/mlxsim1" "'"$DBG"'/mlxsim2/vf1" >/dev/null' \
		_ "${files[@]}" 2>&1)
	check_err $? "setpriv failed"
	[[ -z $out ]]
	check_err $? "non-root cannot reach:$out"
	# the unprivileged shell writes where it may
	out=$(as_nobody bash -c 'echo 77 > /tmp/perms.$$ && echo yes; rm -f /tmp/perms.$$')
	[[ $out == yes ]]
	check_err $? "the unprivileged shell cannot write its own file"
	log_test "non-root reaches every mlxsim file (debugfs 0755)"
}

nonroot_cannot_write()
{
	local files ok refused

	setup
	open_debugfs
	mapfile -t files < <(mlxsim_files)
	# one unprivileged shell names every file it may open for writing
	# (access(2)) or could write to, and counts the EACCES refusals
	ok=$(as_nobody bash -c 'n=0 e=/tmp/perms.$$
		for f; do
			[[ -w $f ]] && echo " $f(access)"
			if { echo 77 > "$f"; } 2>"$e"; then
				echo " $f"
			else
				read -r l <"$e"
				[[ $l == *"Permission denied" ]] && n=$((n + 1))
			fi
		done; rm -f "$e"; echo "refused=$n"' _ "${files[@]}")
	check_err $? "setpriv failed"
	refused=${ok##*refused=}
	ok=${ok%refused=*}
	ok=${ok//$'\n'/}
	[[ -z $ok && ${#files[@]} -gt 10 ]]
	check_err $? "non-root wrote:$ok (tried ${#files[@]} files)"
	[[ $refused == "${#files[@]}" ]]
	check_err $? "only $refused of ${#files[@]} writes refused with EACCES"
	[[ -e $BUS/devices/mlxsim1 && -e $DBG/mlxsim1 && -e $DBG/mlxsim3 ]]
	check_err $? "state changed"
	log_test "a non-root user cannot write any mlxsim file (EACCES)"
}

mod_load || fail_all "cannot load mlxsim"
tests_run
exit $EXIT_STATUS
