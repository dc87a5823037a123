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
MOD_LOAD_FAILED=0
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

# skip_all REASON: the whole script is skipped (before tests_run). After
# a failed mod_load it is a failure instead: a module that does not load
# must not turn a script into skips.
skip_all()
{
	if ((MOD_LOAD_FAILED)); then
		fail_all "$* (the module failed to load)"
	fi
	echo "1..0 # SKIP $*"
	exit 0
}

# fail_all REASON: the whole script fails (before or instead of tests_run)
fail_all()
{
	TESTS_RUN=$((TESTS_RUN + 1))
	echo "not ok $TESTS_RUN - $*"
	echo "1..$TESTS_RUN"
	EXIT_STATUS=1
	exit 1
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
	MOD_LOAD_FAILED=1
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
	MOD_LOAD_FAILED=0
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

# strerror() of the errno names, as bash prints them
declare -A ERRNO_TEXT=(
	[EPERM]="Operation not permitted" [ENOENT]="No such file or directory"
	[ESRCH]="No such process" [EINTR]="Interrupted system call"
	[EIO]="Input/output error" [ENXIO]="No such device or address"
	[E2BIG]="Argument list too long" [ENOEXEC]="Exec format error"
	[EAGAIN]="Resource temporarily unavailable" [ENOMEM]="Cannot allocate memory"
	[EACCES]="Permission denied" [EFAULT]="Bad address"
	[EBUSY]="Device or resource busy" [EEXIST]="File exists"
	[ENODEV]="No such device" [EINVAL]="Invalid argument"
	[ENOSPC]="No space left on device" [ERANGE]="Numerical result out of range"
	[EDOM]="Numerical argument out of domain" [ENOSYS]="Function not implemented"
	[ENODATA]="No data available" [EPROTO]="Protocol error"
	[EBADMSG]="Bad message" [EOVERFLOW]="Value too large for defined data type"
	[EMSGSIZE]="Message too long" [EOPNOTSUPP]="Operation not supported"
	[ENOTSUPP]="Unknown error 524" [ETIMEDOUT]="Connection timed out"
	[EALREADY]="Operation already in progress" [EINPROGRESS]="Operation now in progress"
	[ECANCELED]="Operation canceled" [ENOLINK]="Link has been severed"
	[EREMOTEIO]="Remote I/O error"
)
declare -A ERRNO_NAME=()
for _e in "${!ERRNO_TEXT[@]}"; do
	ERRNO_NAME[${ERRNO_TEXT[$_e]}]=$_e
done
unset _e

# errno_text NAME: strerror() of an errno name, as bash prints it.
errno_text()
{
	if [[ -n ${ERRNO_TEXT[$1]:-} ]]; then
		echo "${ERRNO_TEXT[$1]}"
		return
	fi
	python3 -c 'import errno, os, sys; print(os.strerror(getattr(errno, sys.argv[1])))' "$1" 2>/dev/null
}

# wr FILE TEXT...: one write of "TEXT\n" to FILE, no fork. Sets WR_ERR to ""
# when it worked, else to the errno name of the failure: "EINVAL" for a
# refused write(2), "open:ENOENT" when open(2) failed (the file is gone),
# "?TEXT" for an error text with no name. Returns 0 when the write worked.
WR_ERR=
wr()
{
	local file=$1 f=${TMPDIR:-/tmp}/mlxsim-wr.$BASHPID line

	shift
	if { echo "$*" >"$file"; } 2>"$f"; then
		WR_ERR=
		return 0
	fi
	IFS= read -r line <"$f"
	wr_classify "$line"
	return 1
}

# wr_classify LINE: WR_ERR from one line of bash's error output
wr_classify()
{
	local line=$1 text

	text=${line##*: }
	# bash's "write error: ", dd's "error writing '...': "
	if [[ $line == *"write error: "* || $line == *"error writing "* ]]; then
		WR_ERR=${ERRNO_NAME[$text]:-?$text}
	else
		WR_ERR=open:${ERRNO_NAME[$text]:-?$text}
	fi
}

# wr_expect ALLOWED FILE TEXT...: wr, and the result must be one of the
# space-separated ALLOWED classes ("ok" for success, errno names,
# "open:ENOENT"...). Returns 0 on success, 1 on an allowed refusal, 2 (and
# appends "FILE 'TEXT': CLASS" to $WR_BAD_LOG when set) on anything else.
wr_expect()
{
	local allowed=" $1 " file=$2

	shift 2
	wr "$file" "$@" && [[ $allowed == *" ok "* ]] && return 0
	[[ -n $WR_ERR && $allowed == *" $WR_ERR "* ]] && return 1
	[[ -n ${WR_BAD_LOG:-} ]] && echo "$file '$*': ${WR_ERR:-ok}" >>"$WR_BAD_LOG"
	return 2
}

# expect_fail ERRNO CMD...: CMD must fail and print ERRNO's text on stderr,
# e.g. expect_fail EINVAL write "$BUS/new_device" "1 vhca_ports=x".
# A mismatch fails the current test (check_err) and returns 1. A `write`
# runs without a fork (as wr); other commands in a subshell.
expect_fail()
{
	local errno=$1 want out rc

	shift
	want=${ERRNO_TEXT[$errno]:-}
	[[ -n $want ]] || want=$(errno_text "$errno")
	if [[ -z $want ]]; then
		check_err 1 "expect_fail: unknown errno name $errno"
		return 1
	fi
	if [[ $1 == write && $# -ge 2 ]]; then
		if wr "${@:2}"; then
			check_err 1 "'$*' succeeded, expected $errno"
			return 1
		fi
		if [[ $WR_ERR != "$errno" ]]; then
			check_err 1 "'$*' failed with ${WR_ERR#\?}, expected $errno ($want)"
			return 1
		fi
		return 0
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

# The readers below run in bash (no exec) on small files: under TCG, and
# more on the debug kernel, an awk or sed per look-up was most of a
# script's time. Tables longer than TABLE_BASH_MAX lines go to awk.
TABLE_BASH_MAX=300

# kv_get FILE KEY: value of KEY in a key=value file
kv_get()
{
	local l

	while IFS= read -r l || [[ -n $l ]]; do
		if [[ $l == "$2="* ]]; then
			printf '%s\n' "${l#*=}"
			return 0
		fi
	done <"$1"
	return 0
}

# cell_eq A B: awk's == on two fields: numbers (decimal, 0x hex) by value
cell_eq()
{
	local a=$1 b=$2 re='^(0[xX][0-9a-fA-F]+|[0-9]+)$'

	[[ $a == "$b" ]] && return 0
	[[ $a =~ $re && $b =~ $re && ${#a} -lt 17 && ${#b} -lt 17 ]] || return 1
	[[ $a == 0[xX]* ]] && a=$((16#${a:2})) || a=$((10#$a))
	[[ $b == 0[xX]* ]] && b=$((16#${b:2})) || b=$((10#$b))
	((a == b))
}

# table_get FILE MATCH_COL MATCH_VAL COL: COL of the first row whose
# MATCH_COL is MATCH_VAL, columns named by the header line.
table_get()
{
	local -a L H R
	local i mi=-1 ci=-1 line

	mapfile -t L <"$1" || return 0
	if ((${#L[@]} > TABLE_BASH_MAX)); then
		printf '%s\n' "${L[@]}" | awk -v mc="$2" -v mv="$3" -v c="$4" '
			NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
			$col[mc] == mv { print $col[c]; exit }'
		return 0
	fi
	set -f
	H=(${L[0]:-})
	for i in "${!H[@]}"; do
		[[ ${H[i]} == "$2" ]] && ((mi < 0)) && mi=$i
		[[ ${H[i]} == "$4" ]] && ((ci < 0)) && ci=$i
	done
	for line in "${L[@]:1}"; do
		R=($line)
		# an unknown MATCH_COL compares the whole row, as awk's $"" is $0
		if { ((mi >= 0)) && cell_eq "${R[mi]:-}" "$3"; } ||
		   { ((mi < 0)) && [[ $line == "$3" ]]; }; then
			# an unknown column prints an empty line, as awk's $0 field did not
			if ((ci >= 0)); then
				printf '%s\n' "${R[ci]:-}"
			else
				printf '%s\n' "$line"
			fi
			break
		fi
	done
	set +f
	return 0
}

# table_rows FILE: number of rows (header excluded, blank lines not counted)
table_rows()
{
	local -a L
	local line n=0

	mapfile -t L <"$1" || { echo 0; return 0; }
	for line in "${L[@]:1}"; do
		[[ $line == *[![:space:]]* ]] && n=$((n + 1))
	done
	echo "$n"
}

# mp_invariants: the multiport tables agree with themselves (read them on
# a quiescent topology). Prints one line per violation, returns 1 if any:
# ids unique; a slave listed in `unaffiliated` at most once, and exactly
# when its state is unaffiliated; a master is state master on its own
# native port; a bound
# slave names an existing master of its GUID and type, and a port whose
# `ports` row names it; one slave per master port; refcnt a number >= 0,
# unaffiliating 0 or 1, and 0 on a quiescent table.
mp_invariants()
{
	local ports=()

	shopt -s nullglob
	ports=("$DBG"/mlxsim*/ports)
	shopt -u nullglob
	awk '
		function col(name) { return $(c[FILENAME, name]) }
		FNR == 1 { for (i = 1; i <= NF; i++) c[FILENAME, $i] = i; next }
		!NF { next }
		FILENAME ~ /\/multiport$/ {
			id = col("id")
			if (id in role) print "multiport: id " id " listed twice"
			role[id] = col("role"); guid[id] = col("guid"); type[id] = col("type")
			state[id] = col("state"); mst[id] = col("master"); prt[id] = col("port")
			np[id] = col("native_port")
			ref = col("refcnt"); un = col("unaffiliating")
			if (ref !~ /^[0-9]+$/ || ref + 0 > 16777216) print "multiport: id " id " refcnt " ref
			if (un != 0 && un != 1) print "multiport: id " id " unaffiliating " un
			if (un != 0) print "multiport: id " id " still unaffiliating on a quiescent table"
			next
		}
		FILENAME ~ /\/unaffiliated$/ {
			id = col("id")
			if (++listed[id] == 2) print "unaffiliated: slave " id " listed more than once"
			next
		}
		{	# mlxsim<ID>/ports
			f = FILENAME; sub(/\/ports$/, "", f); sub(/.*mlxsim/, "", f)
			pf[f, col("port")] = col("function")
		}
		END {
			for (id in role) {
				if (role[id] == "master") {
					if (state[id] != "master" || mst[id] != id || prt[id] != np[id])
						print "master " id ": state " state[id] " master " mst[id] " port " prt[id]
					continue
				}
				if (role[id] != "slave") { print "id " id ": role " role[id]; continue }
				if (state[id] == "unaffiliated") {
					if (listed[id] != 1) print "slave " id ": unaffiliated but listed " listed[id] + 0 " times"
					if (mst[id] != "-" || prt[id] != "-") print "slave " id ": unaffiliated with master " mst[id] " port " prt[id]
				} else if (state[id] == "bound") {
					m = mst[id]
					if (listed[id]) print "slave " id ": bound and listed in unaffiliated"
					if (role[m] != "master") print "slave " id ": bound to " m ", not a master"
					else if (guid[m] != guid[id] || type[m] != type[id]) print "slave " id ": bound to " m " of another GUID or type"
					if (prt[id] != 1 && prt[id] != 2) print "slave " id ": bound on port " prt[id]
					if (++onport[m, prt[id]] == 2) print "master " m " port " prt[id] ": two slaves"
					if (((m, prt[id]) in pf) && pf[m, prt[id]] != id)
						print "slave " id ": master " m " port " prt[id] " names function " pf[m, prt[id]]
				} else
					print "slave " id ": state " state[id]
			}
			for (id in listed)
				if (!(id in role)) print "unaffiliated: " id " not in multiport"
		}' "$DBG/multiport" "$DBG/unaffiliated" ${ports[@]+"${ports[@]}"} | sort | grep . && return 1
	return 0
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

# trace_cmd_wait_recording: return once `trace-cmd record` reads every CPU's
# top-level buffer (each per_cpu/cpuN/trace_pipe_raw open in some process; an
# instance's readers, such as mlxtop's, do not count), or fail after 30 s.
# trace-cmd starts the traced command (or returns to the shell) without
# waiting for its per-CPU recorders, and a recorder told to stop before it
# opened its buffer writes nothing; then one more second, as trace-cmd
# finishes its set-up after its readers are open.  (trace-cmd 3.1 can still
# lose events under load: the scripts that need every event record again.)
# Works inside the traced command and beside a background
# `trace-cmd record`.
trace_cmd_wait_recording()
{
	local want i cpus

	want=$(getconf _NPROCESSORS_CONF)
	for ((i = 0; i < 300; i++)); do
		# one find, not a readlink per fd: forks are slow on the debug kernel
		cpus=$(find /proc/[0-9]*/fd -maxdepth 1 -lname '*/tracing/per_cpu/cpu*/trace_pipe_raw' \
			-printf '%l\n' 2>/dev/null |
			sed -nE 's|.*/tracing/per_cpu/cpu([0-9]+)/trace_pipe_raw$|\1|p' | sort -u | wc -l)
		if ((cpus >= want)) && [[ $(cat "$TRACEFS/tracing_on") == 1 ]]; then
			# and a settling second: recording as soon as the
			# readers were open lost more events than the scripts'
			# old fixed second after the events were enabled
			sleep 1
			return 0
		fi
		sleep 0.1
	done
	return 1
}

# record_start FILE: `trace-cmd record -e mlxsim` into FILE in the
# background (its output in FILE.log), returning once it reads every CPU.
# Under load trace-cmd 3.1 has lost a CPU's events even so: a scenario
# that needs every event checks the report and records again.
RECORD_PID=
RECORD_FILE=
record_start()
{
	RECORD_FILE=$1
	trace-cmd record -q -e mlxsim -o "$RECORD_FILE" >"$RECORD_FILE.log" 2>&1 &
	RECORD_PID=$!
	trace_cmd_wait_recording
	check_err $? "trace-cmd record did not start reading every CPU: $(tail -n 3 "$RECORD_FILE.log")"
}

# record_stop: stop the recording (SIGINT: it writes out its buffers)
record_stop()
{
	kill -INT "$RECORD_PID"
	wait "$RECORD_PID"
	check_err $? "trace-cmd record: $(tail -n 3 "$RECORD_FILE.log")"
	RECORD_PID=
}

# --- cleanup ---------------------------------------------------------------

# On exit: the script's own cleanup() if it defines one, then every device
# new_dev added, the trace instance, and the module if this script loaded it.
lib_exit()
{
	local id

	declare -F cleanup >/dev/null && cleanup
	[[ -n $RECORD_PID ]] && kill -INT "$RECORD_PID" 2>/dev/null && wait "$RECORD_PID" 2>/dev/null
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
