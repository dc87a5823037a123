# shellcheck shell=bash
# Helpers for the mlxsim VM tests (tests/vm/guest/t_*.sh), sourced after the
# script sets ALL_TESTS. In the style of the netdevsim kselftests: each test
# is a function that ends with log_test; RET/check_err collect the first
# failure. See tests/vm/README.md.
#
#   ALL_TESTS="add_remove bad_keys"
#   source "$(dirname "$0")/lib.sh"
#   add_remove() { RET=0; new_dev 1; check_err $? "new_device"; ...; log_test "add and remove"; }
#   mod_load || skip_all "cannot load mlxsim"
#   tests_run
#   exit $EXIT_STATUS

MLXSIM_ROOT=${MLXSIM_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)}
MLXSIM_KERNEL=${MLXSIM_KERNEL:-}
if [[ -z ${MLXSIM_KO:-} ]]; then
	MLXSIM_KO=$MLXSIM_ROOT/build/mod-$MLXSIM_KERNEL/driver/mlxsim.ko
fi
export MLXSIM_ROOT MLXSIM_KO MLXSIM_KERNEL
DBG=/sys/kernel/debug/mlxsim
BUS=/sys/bus/mlxsim
if [[ -d /sys/kernel/tracing/events ]]; then
	TRACEFS=/sys/kernel/tracing
else
	TRACEFS=/sys/kernel/debug/tracing
fi
TRACE_INSTANCE=$TRACEFS/instances/mlxsim_test

RET=0
RET_MSG=
EXIT_STATUS=0
TESTS_RUN=0
TESTS_FAILED=0
MOD_LOADED_HERE=0
DEVS=()

# --- results -------------------------------------------------------------

# check_err RC MSG: the current test fails with MSG if RC is non-zero
# (only the first failure of a test is kept).
check_err()
{
	local err=$1 msg=${2:-}

	if ((RET == 0 && err != 0)); then
		RET=$err
		RET_MSG=$msg
	fi
}

# check_fail RC MSG: the current test fails with MSG if RC is zero.
check_fail()
{
	local err=$1 msg=${2:-}

	if ((RET == 0 && err == 0)); then
		RET=1
		RET_MSG=$msg
	fi
}

# log_test NAME: print "ok N - NAME" or "not ok N - NAME" and a diagnostic,
# then reset RET for the next test.
log_test()
{
	local name=$*

	TESTS_RUN=$((TESTS_RUN + 1))
	if ((RET != 0)); then
		TESTS_FAILED=$((TESTS_FAILED + 1))
		EXIT_STATUS=1
		echo "not ok $TESTS_RUN - $name"
		[[ -n $RET_MSG ]] && echo "# $RET_MSG" | sed '2,$s/^/# /'
	else
		echo "ok $TESTS_RUN - $name"
	fi
	RET=0
	RET_MSG=
	return 0
}

# log_skip NAME REASON
log_skip()
{
	TESTS_RUN=$((TESTS_RUN + 1))
	echo "ok $TESTS_RUN - $1 # SKIP ${2:-}"
	RET=0
	RET_MSG=
}

# log_info TEXT: a TAP diagnostic line
log_info()
{
	echo "# $*"
}

# skip_all REASON: the whole script is skipped (before tests_run)
skip_all()
{
	echo "1..0 # SKIP $*"
	exit 0
}

# tests_run: run every function in $TESTS (default $ALL_TESTS), then print
# the TAP plan. EXIT_STATUS is 1 if any test failed.
tests_run()
{
	local t

	for t in ${TESTS:-${ALL_TESTS:-}}; do
		RET=0
		RET_MSG=
		"$t"
	done
	echo "1..$TESTS_RUN"
}

# --- module --------------------------------------------------------------

mod_loaded()
{
	[[ -e /sys/module/mlxsim ]]
}

# mod_load [PARAM=VALUE...]: load $MLXSIM_KO (its dependencies with modprobe
# first); no-op if already loaded.
mod_load()
{
	local dep

	mod_loaded && return 0
	if [[ ! -f $MLXSIM_KO ]]; then
		echo "# mod_load: no module at $MLXSIM_KO" >&2
		return 1
	fi
	for dep in $(modinfo -F depends "$MLXSIM_KO" | tr ',' ' '); do
		modprobe "$dep" || { echo "# mod_load: modprobe $dep failed" >&2; return 1; }
	done
	if ! insmod "$MLXSIM_KO" "$@"; then
		echo "# mod_load: insmod $MLXSIM_KO failed; kernel log:" >&2
		dmesg --color=never | tail -n 5 | sed 's/^/# /' >&2
		return 1
	fi
	MOD_LOADED_HERE=1
	return 0
}

# mod_unload: remove mlxsim (and with it every device); no-op if not loaded.
mod_unload()
{
	mod_loaded || return 0
	rmmod mlxsim || return 1
	DEVS=()
	return 0
}

# --- devices -------------------------------------------------------------

# write FILE TEXT...: one write(2) of "TEXT\n" to FILE with bash's echo, so a
# refused write returns non-zero and prints the errno text on stderr.
write()
{
	local file=$1

	shift
	echo "$*" >"$file"
}

# new_dev "ID [key=value...]": add a function (the ID is remembered and the
# device deleted on exit). Returns the write's status.
new_dev()
{
	local args=$* id

	id=${args%% *}
	write "$BUS/new_device" "$args" || return 1
	DEVS+=("$id")
	return 0
}

# del_dev ID: remove a function.
del_dev()
{
	local id=$1 i

	write "$BUS/del_device" "$id" || return 1
	for i in "${!DEVS[@]}"; do
		[[ ${DEVS[$i]} == "$id" ]] && unset 'DEVS[i]'
	done
	return 0
}

# errno_text NAME: strerror() of an errno name, as bash prints it.
errno_text()
{
	case $1 in
	EPERM) echo "Operation not permitted" ;;
	ENOENT) echo "No such file or directory" ;;
	ESRCH) echo "No such process" ;;
	EIO) echo "Input/output error" ;;
	ENXIO) echo "No such device or address" ;;
	E2BIG) echo "Argument list too long" ;;
	ENOEXEC) echo "Exec format error" ;;
	EAGAIN) echo "Resource temporarily unavailable" ;;
	ENOMEM) echo "Cannot allocate memory" ;;
	EACCES) echo "Permission denied" ;;
	EFAULT) echo "Bad address" ;;
	EBUSY) echo "Device or resource busy" ;;
	EEXIST) echo "File exists" ;;
	ENODEV) echo "No such device" ;;
	EINVAL) echo "Invalid argument" ;;
	ENOSPC) echo "No space left on device" ;;
	ERANGE) echo "Numerical result out of range" ;;
	EDOM) echo "Numerical argument out of domain" ;;
	ENOSYS) echo "Function not implemented" ;;
	ENODATA) echo "No data available" ;;
	EPROTO) echo "Protocol error" ;;
	EBADMSG) echo "Bad message" ;;
	EOVERFLOW) echo "Value too large for defined data type" ;;
	EMSGSIZE) echo "Message too long" ;;
	EOPNOTSUPP) echo "Operation not supported" ;;
	ENOTSUPP) echo "Unknown error 524" ;;
	ETIMEDOUT) echo "Connection timed out" ;;
	EALREADY) echo "Operation already in progress" ;;
	EINPROGRESS) echo "Operation now in progress" ;;
	ECANCELED) echo "Operation canceled" ;;
	ENOLINK) echo "Link has been severed" ;;
	*) python3 -c 'import errno, os, sys; print(os.strerror(getattr(errno, sys.argv[1])))' "$1" 2>/dev/null ;;
	esac
}

# expect_fail ERRNO CMD...: CMD must fail and print ERRNO's text on stderr,
# e.g. expect_fail EINVAL write "$BUS/new_device" "1 vhca_ports=x".
# A mismatch fails the current test (check_err) and returns 1.
expect_fail()
{
	local errno=$1 want out rc

	shift
	want=$(errno_text "$errno")
	if [[ -z $want ]]; then
		check_err 1 "expect_fail: unknown errno name $errno"
		return 1
	fi
	out=$("$@" 2>&1 >/dev/null)
	rc=$?
	if ((rc == 0)); then
		check_err 1 "'$*' succeeded, expected $errno"
		return 1
	fi
	if [[ $out != *"$want"* ]]; then
		check_err 1 "'$*' failed with '${out//$'\n'/ }', expected $errno ($want)"
		return 1
	fi
	return 0
}

# --- reading tables ------------------------------------------------------

# kv_get FILE KEY: value of KEY in a key=value file
kv_get()
{
	sed -n "s/^$2=//p" "$1" | head -n 1
}

# table_get FILE MATCH_COL MATCH_VAL COL: COL of the first row whose
# MATCH_COL is MATCH_VAL, columns named by the header line.
table_get()
{
	awk -v mc="$2" -v mv="$3" -v c="$4" '
		NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
		$col[mc] == mv { print $col[c]; exit }' "$1"
}

# table_rows FILE: number of rows (header excluded)
table_rows()
{
	awk 'NR > 1 && NF' "$1" | wc -l
}

# --- kernel log ----------------------------------------------------------

# dmesg_mark; ...; dmesg_since: kernel log lines printed since the mark
dmesg_mark()
{
	DMESG_MARK=$(dmesg --color=never | wc -l)
}

dmesg_since()
{
	dmesg --color=never | tail -n +"$((${DMESG_MARK:-0} + 1))"
}

# expect_log PATTERN CMD...: CMD (a refused write) must log a line matching
# PATTERN.  The driver's bad-input warnings are ratelimited (10 per 5 s, one
# call site), so a burst of refusals just before may hide the line: retry
# for up to 7 s, which is safe because a refused write changes nothing.
expect_log()
{
	local pattern=$1 try

	shift
	for try in 1 2 3 4 5 6 7 8; do
		dmesg_mark
		"$@" >/dev/null 2>&1
		dmesg_since | grep -q -- "$pattern" && return 0
		sleep 1
	done
	return 1
}

# --- tracing (a private tracefs instance) ---------------------------------

# trace_on [EVENT...]: start recording the mlxsim events (or the given
# "system/event" names) in a fresh instance; trace_off stops; trace_read
# prints what was recorded.
trace_on()
{
	local e

	[[ -d $TRACE_INSTANCE ]] || mkdir "$TRACE_INSTANCE" || return 1
	echo 0 >"$TRACE_INSTANCE/tracing_on"
	echo >"$TRACE_INSTANCE/trace"
	for e in "${@:-mlxsim}"; do
		echo 1 >"$TRACE_INSTANCE/events/$e/enable" || return 1
	done
	echo 1 >"$TRACE_INSTANCE/tracing_on"
}

trace_off()
{
	[[ -d $TRACE_INSTANCE ]] && echo 0 >"$TRACE_INSTANCE/tracing_on"
}

trace_read()
{
	grep -v '^#' "$TRACE_INSTANCE/trace"
}

# --- cleanup ---------------------------------------------------------------

# On exit: the script's own cleanup() if it defines one, then every device
# new_dev added, the trace instance, and the module if this script loaded it.
lib_exit()
{
	local id

	declare -F cleanup >/dev/null && cleanup
	if mod_loaded; then
		for id in "${DEVS[@]}"; do
			echo "$id" >"$BUS/del_device" 2>/dev/null
		done
	fi
	if [[ -d $TRACE_INSTANCE ]]; then
		echo 0 >"$TRACE_INSTANCE/events/enable" 2>/dev/null
		rmdir "$TRACE_INSTANCE" 2>/dev/null
	fi
	((MOD_LOADED_HERE)) && mod_unload
	return 0
}
trap lib_exit EXIT
