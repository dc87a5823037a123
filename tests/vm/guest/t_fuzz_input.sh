#!/bin/bash
# Randomized bad input: for MLXSIM_FUZZ_SECONDS (default 60, 30 on the
# debug kernel) write random and grammar-mutated input to every writable
# file of a live topology -- /sys/bus/mlxsim/new_device and del_device,
# and every writable debugfs file of a multiport master + bound slave, an
# SR-IOV master (vfs=3 pkeys=32) and an IB-link function (fail_cmd,
# port<P>/hold, port<P>/cmd, event, port<P>/virt2phys, port<P>/mad,
# vf<S>/active, vf<S>/qp_modify...) -- while a background loop adds and
# removes other functions and races writes to their files.
#
# Checked: every refusal is a named errno of interface.md's list; a refused
# write changed nothing (the topology's tables are snapshotted before and
# after each write: the fuzzer is their only writer); afterwards, with
# every hold released and fail_cmd disarmed, the multiport invariants
# (mp_invariants), the slave still bound, each guest P_Key view the cache
# through its map, QPs on valid indices, every function removable, a clean
# rmmod and a clean kernel log (the runner also judges KASAN, lockdep and
# kmemleak). MLXSIM_FUZZ_SEED replays a run (the seed is printed).

ALL_TESTS="
	load
	topology
	fuzz
	invariants
	teardown
"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ $MLXSIM_KERNEL == debug ]]; then
	SECS=${MLXSIM_FUZZ_SECONDS:-30}
else
	SECS=${MLXSIM_FUZZ_SECONDS:-60}
fi
SEED=${MLXSIM_FUZZ_SEED:-$(( $(date +%s%N) % 32768 ))}
G=0x0002c90300f00000
GC=0x0002c90300c00000
MP=$DBG/multiport
UN=$DBG/unaffiliated
# the topology: master 10 + slave 11, SR-IOV 20, IB link 30
TOPO="10 11 20 30"
# the churn loop's functions
CHURN="500 501 502 503 504"
W=$(mktemp -d)
export WR_BAD_LOG=$W/bad
CHURN_PID=

# errnos a write may return: interface.md's list and fail_cmd's names
DOC_ERRNOS=" EPERM ENOENT EINTR EIO ENXIO E2BIG EAGAIN ENOMEM EACCES EFAULT EBUSY
	EEXIST ENODEV EINVAL ENOSPC ERANGE EPROTO EBADMSG EOPNOTSUPP ETIMEDOUT
	EREMOTEIO ENOLINK "
DOC_ERRNOS=${DOC_ERRNOS//[$'\n\t']/ }

cleanup()
{
	[[ -n $CHURN_PID ]] && kill "$CHURN_PID" 2>/dev/null
	wait 2>/dev/null
	rm -rf "$W"
}

is_topo() { [[ " $TOPO " == *" $1 "* ]]; }
is_churn() { [[ " $CHURN " == *" $1 "* ]]; }

# --- random pieces (no fork) --------------------------------------------

pick() { local i=$((RANDOM % $# + 1)); PK=${!i}; }
chance() { ((RANDOM % 100 < $1)); }

# a number: small, boundary, huge, signed, hex, octal-looking, junk
rnum()
{
	case $((RANDOM % 16)) in
	0) PK=0 ;;
	1) PK=1 ;;
	2) PK=$((RANDOM % 8)) ;;
	3) PK=$((RANDOM % 140)) ;;
	4) pick 31 32 63 64 79 80 95 96 127 128 255 256 ;;
	5) pick 65535 65536 1048576 1048577 ;;
	6) pick 4294967295 4294967296 18446744073709551615 18446744073709551616 99999999999999999999999 ;;
	7) pick -1 -0 +1 +0 -65536 ;;
	8) printf -v PK '0x%x' $((RANDOM * RANDOM)) ;;
	9) pick 0x 0x0 0X10 0xffffffff 0xffffffffffffffff 0x10000000000000000 ;;
	10) pick 00 007 010 0000000000000000000001 ;;
	11) pick 1e3 1.5 "1 " " 1" 1k ;;
	12) PK=$RANDOM ;;
	13) PK=$((RANDOM * RANDOM)) ;;
	14) pick x - + = "" ;;
	*) PK=$((RANDOM % 4)) ;;
	esac
}

RCHARS=(a z A Z 0 9 = , - + . x : / _ ' ' ' ' $'\t' $'\r' $'\n' $'\x01' $'\x7f' $'\x80' $'\xff' '%' '\' '"' "'")

# mutate STRING: one of a few random edits, into $PK
mutate()
{
	local s=$1 n=${#1} i

	case $((RANDOM % 9)) in
	0) ((n)) && { i=$((RANDOM % n)); s=${s:0:i}${s:i+1}; } ;;
	1) i=$((RANDOM % (n + 1))); s=${s:0:i}${RCHARS[RANDOM % ${#RCHARS[@]}]}${s:i} ;;
	2) ((n)) && { i=$((RANDOM % n)); s=${s:0:i}${RCHARS[RANDOM % ${#RCHARS[@]}]}${s:i+1}; } ;;
	3) s="$s $s" ;;
	4) ((n)) && s=${s:0:RANDOM % n} ;;
	5) rnum; s="$s $PK" ;;
	6) rnum; s="$PK $s" ;;
	7) printf -v s '%*s' $((500 + RANDOM % 40)) "$s" ;;
	8) s=${s// /$'\t'} ;;
	esac
	PK=$s
}

# random junk of up to 80 characters
junk()
{
	local n=$((RANDOM % 80)) s=

	while ((n-- > 0)); do
		s+=${RCHARS[RANDOM % ${#RCHARS[@]}]}
	done
	PK=$s
}

# --- grammars -----------------------------------------------------------

# a fresh ID for the fuzzer: never the topology's or the churn loop's
fz_id()
{
	case $((RANDOM % 4)) in
	0) PK=$((600 + RANDOM % 50)) ;;
	1) pick 0 1 2 65535 ;;
	*) PK=$((1000 + RANDOM % 64000)) ;;
	esac
}

g_new_device()
{
	local s n k

	fz_id; s=$PK
	n=$((RANDOM % 5))
	while ((n-- > 0)); do
		pick guid vhca_ports affiliate native_port link ports vfs pkeys type bogus
		k=$PK
		case $k in
		guid) pick $G $GC 0 0x0 0002:c903:00f0:0000 1:2:3 0xzz; [[ $((RANDOM % 3)) == 0 ]] && rnum ;;
		link) pick eth ib roce "" IB ;;
		type) pick pf vf sf "" ;;
		vfs) pick 0 1 3 79 80; chance 30 && rnum ;;
		pkeys) pick 32 64 96 128 33 0 256; chance 30 && rnum ;;
		*) rnum ;;
		esac
		s+=" $k=$PK"
		chance 5 && s+=" $k"
	done
	PK=$s
}

g_del_device()
{
	fz_id
	chance 20 && PK="$PK $PK"
}

OPCODES=(CREATE_QP ALLOC_PD CREATE_CQ QUERY_VPORT_COUNTER QUERY_Q_COUNTER
	QUERY_VPORT_STATE MODIFY_NIC_VPORT_CONTEXT QUERY_NIC_VPORT_CONTEXT MAD_IFC
	RST2INIT_QP INIT2RTR_QP 2RST_QP QUERY_HCA_CAP SYS_EN create_qp 0x500 1280
	0x0755 0x24 0 0xffff 65536 NO_SUCH_OP)
ERRNOS=(EPERM ENOENT EIO EBUSY EINVAL ENOSPC ERANGE EOPNOTSUPP ETIMEDOUT
	EREMOTEIO 5 -5 16 0 200 -200 EWHAT)

g_fail_cmd()
{
	case $((RANDOM % 6)) in
	0) pick - none "- x" ;;
	*) PK=${OPCODES[RANDOM % ${#OPCODES[@]}]}
	   chance 60 && PK+=" ${ERRNOS[RANDOM % ${#ERRNOS[@]}]}"
	   chance 5 && PK+=" EIO" ;;
	esac
}

g_hold()
{
	local sign

	pick + + - - "" "++" "+-" " +"; sign=$PK
	rnum
	PK=$sign$PK
}

g_cmd()
{
	local op=${OPCODES[RANDOM % ${#OPCODES[@]}]}

	pick "" "ib " "port " "fw " "IB " "ib  "
	PK=$PK$op
	chance 5 && PK+=" extra"
}

EVENTS=(port_active port_err lid_change pkey_change gid_change sm_change
	client_reregister PORT_ACTIVE no_such_event "")

g_event()
{
	PK=${EVENTS[RANDOM % ${#EVENTS[@]}]}
	chance 5 && PK+=" extra"
}

g_virt2phys()
{
	local s i

	pick 0 1 2 3 4 5 79; s=$PK; chance 20 && { rnum; s=$PK; }
	pick 0 1 5 31 32 127; i=$PK; chance 20 && { rnum; i=$PK; }
	pick 0 1 7 31 32 none NONE -; PK="$s $i $PK"
	chance 20 && { rnum; PK+=" $PK"; }
}

g_active()
{
	pick 0 1 0 1 2 -1 01 "1 1" "" x 0x1
}

QP_OPS=(RST2INIT RST2INIT RST2INIT INIT2RTR RTR2RTS INIT2INIT INIT2RTR RTR2RTS RTS2RTS SQERR2RTS SQD2SQD SQD2RTS RTS2SQD 2ERR 2RST NOP)
QP_KEYS=(type port pkey_index alt_pkey_index mgid_index alt_mgid_index qkey optpar bogus)

g_qp_modify()
{
	local s n k

	case $((RANDOM % 6)) in
	0) rnum; s="qpn=$PK" ;;
	1) pick 0 1 0x10008 0x10009 0x10010 0x10288 0x10289 0x102a0 0xffffff; s="qpn=$PK" ;;
	2) s= ;;
	*) s="qpn=$((0x1000 + RANDOM % 16))" ;;
	esac
	chance 95 && s+=" op=${QP_OPS[RANDOM % ${#QP_OPS[@]}]}"
	n=$((RANDOM % 6))
	while ((n-- > 0)); do
		k=${QP_KEYS[RANDOM % ${#QP_KEYS[@]}]}
		case $k in
		type) pick rc uc ud smi gsi xrc ;;
		port) pick 1 2 0 3 ;;
		optpar) pick pri alt pri,alt alt,pri "" pri,pri bogus ;;
		qkey) pick 0 1 0xfffeffff 0xffff0000 0xffffffff 0x100000000; chance 30 && rnum ;;
		*) pick 0 1 31 32 127 128; chance 30 && rnum ;;
		esac
		s+=" $k=$PK"
	done
	PK=${s# }
}

# --- writing and judging ------------------------------------------------

# The state a refused write must not change, per file: what that kind of
# write acts on (hold: the port's references; mad: the P_Key cache or
# the firmware's table, the snoop counters and the P_Key events; virt2phys: the map and the events;
# active: the flag and the events; qp_modify: the VF's QPs; fail_cmd: what
# is armed; event, cmd, hold and the bus files: the topology's multiport
# rows; the bus files: the list of functions). Columns ib_core refreshes
# asynchronously (ib_*) are left out. Read with builtins only, and only
# those files: under TCG a fork, or a bash loop over a large table, costs
# far more than the write it checks.
declare -A SNAP_SET=()
snap_files()
{
	local f d k set

	for f in "${TARGETS[@]}"; do
		d=${f%/*}
		k=${f##*/}
		case $k in
		new_device|del_device) set="@mp @bus" ;;
		hold) set="@mp $f ${d%/*}/ports" ;;
		cmd) set="@mp ${d%/*}/ports" ;;
		event) set="@mp" ;;
		fail_cmd) set="$f" ;;
		mad)
			# the P_Key cache, or without VFs the firmware's table
			# (an observer's read: never failed by fail_cmd)
			if [[ -e $d/pkey_cache ]]; then
				set="$d/pkey_cache"
			else
				set="${d%/*}/vf0/${d##*/}/pkeys"
			fi
			[[ -e $d/counters ]] && set+=" $d/counters"
			set+=" $(echo "${d%/*}"/vf*/events)" ;;
		virt2phys) set="$f $(echo "${d%/*}"/vf*/events)" ;;
		active) set="$f $d/events" ;;
		qp_modify) set="$d/qps" ;;
		*) set="@mp $(find "$d" -maxdepth 1 -type f -perm -0400 ! -name cmd_stats | tr '\n' ' ')" ;;
		esac
		SNAP_SET[$f]=$set
	done
}

# snap_table FILE [ROWS_OF_IDS]: FILE into $SNAP_T, without ib_* columns
# and, with ROWS_OF_IDS (" 10 11 "), only the rows whose first column is
# one of them. Whole-array expansions where possible: a bash loop over
# every line is too slow under TCG.
snap_table()
{
	local f=$1 ids=${2:-} line i k=0 keep= out= tail=1
	local -a L H R

	SNAP_T=
	mapfile -t L <"$f" 2>/dev/null || { SNAP_T="(unreadable $f)"; return; }
	((${#L[@]})) || return 0
	if [[ ${L[0]} != *=* && ${L[0]} == *ib_* ]]; then
		H=(${L[0]})
		for i in "${!H[@]}"; do
			if [[ ${H[i]} == ib_* ]]; then
				k=$((k + 1))
			else
				keep+=" $i"
				((k)) && tail=0
			fi
		done
	fi
	if [[ -z $ids ]] && ((tail)); then
		# the ib_* columns (k of them) are the last ones
		while ((k-- > 0)); do
			L=("${L[@]% *}")
		done
		printf -v SNAP_T '%s\n' "${L[@]}"
		return
	fi
	for line in "${L[@]}"; do
		R=($line)
		[[ -n $ids && $line != "${L[0]}" && $ids != *" ${R[0]} "* ]] && continue
		if [[ -n $keep ]]; then
			for i in $keep; do out+="${R[i]:-} "; done
			out+=$'\n'
		else
			out+=$line$'\n'
		fi
	done
	SNAP_T=$out
}

# snap FILE: the state of the object FILE belongs to, into $SNAP
SNAP_N=0 SNAP_US=0
snap()
{
	local file=$1 id d f t0=${EPOCHREALTIME/./}

	SNAP_N=$((SNAP_N + 1))
	snap_obj "$file"
	SNAP_US=$((SNAP_US + ${EPOCHREALTIME/./} - t0))
}

snap_obj()
{
	local file=$1 d f

	set -f
	SNAP=
	for f in ${SNAP_SET[$file]:-@mp}; do
		case $f in
		@mp)
			snap_table "$MP" " $TOPO "; SNAP+=$SNAP_T
			snap_table "$UN" " $TOPO "; SNAP+=$SNAP_T ;;
		@bus)
			set +f
			for d in "$BUS"/devices/mlxsim*; do
				[[ -e $d ]] || continue
				is_churn "${d##*mlxsim}" || SNAP+=" ${d##*mlxsim}"
			done
			set -f ;;
		*)
			snap_table "$f"
			SNAP+="== ${f#"$DBG"/}"$'\n'$SNAP_T ;;
		esac
	done
	set +f
}

# snap_diff OLD NEW: the first differing lines (a fork, only on failure)
snap_diff()
{
	diff <(echo "$1") <(echo "$2") | grep '^[<>]' | head -n 6 | tr '\n' '|'
}

NW=0 NOK=0 NREF=0 NSKIP=0
declare -A HIST=() SNAP_CACHE=()

# fz_write FILE KIND TEXT [raw]: one write, judged. raw: printf (no newline,
# may hold \x escapes such as NUL), else echo.
fz_write()
{
	local file=$1 kind=$2 text=$3 raw=${4:-} f=$W/err before line obj k

	# the state: cached from the last write that changed nothing
	obj=$file
	if [[ -n ${SNAP_CACHE[$obj]+set} ]]; then
		before=${SNAP_CACHE[$obj]}
	else
		snap "$file"
		before=$SNAP
	fi
	NW=$((NW + 1))
	# bash's builtins write line by line: a text with a newline inside
	# would reach the file as several writes (the first taken, the rest
	# refused); dd gathers it into one
	if [[ $text == *$'\n'?* || ( -n $raw && $text =~ (\\n|\\x0[aA]|\\012). ) ]]; then
		if [[ -n $raw ]]; then
			{ printf -- "$text" | dd of="$file" bs=1M count=1 iflag=fullblock status=none; } 2>"$f"
		else
			{ echo "$text" | dd of="$file" bs=1M count=1 iflag=fullblock status=none; } 2>"$f"
		fi
	elif [[ -n $raw ]]; then
		{ printf -- "$text" >"$file"; } 2>"$f"
	else
		{ echo "$text" >"$file"; } 2>"$f"
	fi
	if (($? == 0)); then
		WR_ERR=
		NOK=$((NOK + 1))
		HIST[$kind ok]=$((${HIST[$kind ok]:-0} + 1))
		# it may have changed any file's state (the multiport rows)
		SNAP_CACHE=()
		after_ok "$kind" "$text"
		return 0
	fi
	IFS= read -r line <"$f"
	wr_classify "$line"
	NREF=$((NREF + 1))
	HIST[$kind $WR_ERR]=$((${HIST[$kind $WR_ERR]:-0} + 1))
	if [[ $DOC_ERRNOS != *" $WR_ERR "* ]]; then
		echo "$file $(printf '%q' "$text"): undocumented result $WR_ERR" >>"$WR_BAD_LOG"
	fi
	snap "$file"
	SNAP_CACHE[$obj]=$SNAP
	# a refused command may have used up the fault fail_cmd armed (a MAD
	# or cmd failed by the injection): fail_cmd's state is re-read
	for k in "${!SNAP_CACHE[@]}"; do
		[[ $k == */fail_cmd && $k != "$obj" ]] && unset 'SNAP_CACHE[$k]'
	done
	if [[ $SNAP != "$before" ]]; then
		echo "$file $(printf '%q' "$text"): refused ($WR_ERR) but changed: $(snap_diff "$before" "$SNAP")" >>"$WR_BAD_LOG"
	fi
	return 1
}

# a new_device that worked: remove what it created (any ID not ours)
after_ok()
{
	local d id

	[[ $1 == new_device ]] || return 0
	for d in "$BUS"/devices/mlxsim*; do
		id=${d##*mlxsim}
		is_topo "$id" || is_churn "$id" && continue
		wr "$BUS/del_device" "$id" ||
			echo "del_device $id (created by '$(printf '%q' "$2")'): $WR_ERR" >>"$WR_BAD_LOG"
	done
}

# first token as the kernel splits (blanks: space, tab, CR, LF)
first_tok()
{
	local s=$1

	s=${s#"${s%%[! $'\t\r\n']*}"}
	PK=${s%%[ $'\t\r\n']*}
}

# protect TEXT: a bus write must not name a topology or churn ID
protected()
{
	first_tok "$1"
	[[ $PK =~ ^[0-9]+$ ]] || return 1
	((${#PK} < 10)) || return 1
	is_topo $((10#$PK)) || is_churn $((10#$PK))
}

# one input for FILE, by the file's name
fz_one()
{
	local file=$1 kind=${1##*/} text

	case $kind in
	new_device) g_new_device ;;
	del_device) g_del_device ;;
	fail_cmd) g_fail_cmd ;;
	hold) g_hold ;;
	cmd) g_cmd ;;
	event) g_event ;;
	virt2phys) g_virt2phys ;;
	active) g_active ;;
	qp_modify) g_qp_modify ;;
	mad) fz_mad "$file"; return ;;
	*) junk ;;
	esac
	text=$PK
	if chance 30; then
		mutate "$text"; text=$PK
		chance 30 && { mutate "$text"; text=$PK; }
	fi
	chance 5 && { junk; text=$PK; }
	if [[ $kind == new_device || $kind == del_device ]] && protected "$text"; then
		NSKIP=$((NSKIP + 1))
		return
	fi
	if chance 5; then
		# no newline, or an embedded NUL
		text=${text//%/%%}
		text=${text//\\/\\\\}
		chance 50 && text+='\x00junk'
		fz_write "$file" "$kind" "$text" raw
	else
		fz_write "$file" "$kind" "$text"
	fi
}

# mad: a 256-byte SubnSet/SubnGet(PKeyTable) SMP, LID-routed or directed,
# then a few random bytes changed, sometimes a wrong length
fz_mad()
{
	local b i n len=256 fmt=

	b=()
	for ((i = 0; i < 256; i++)); do b[i]=0; done
	b[0]=1
	pick 1 1 0x81 0x81 3 0; b[1]=$PK
	b[2]=1
	pick 1 2 2 2 0x81 7; b[3]=$PK
	b[16]=0; pick 0x16 0x16 0x16 0x15 0x11; b[17]=$PK
	pick 0 0 1 2 3 4 200; b[23]=$PK
	for ((i = 64; i < 128; i += 2)); do
		b[i]=$((RANDOM % 256)); b[i + 1]=$((RANDOM % 256))
	done
	n=$((RANDOM % 6))
	while ((n-- > 0)); do
		b[RANDOM % 256]=$((RANDOM % 256))
	done
	chance 10 && { pick 0 1 255 257 300; len=$PK; }
	for ((i = 0; i < len; i++)); do
		printf -v fmt '%s\\x%02x' "$fmt" $((${b[i]:-0}))
	done
	fz_write "$1" mad "$fmt" raw
}

# --- the churn loop: adds and removes other functions, racing writes ---

churn()
{
	local end=$1 id p rc f

	RANDOM=$((SEED + 1))
	while ((SECONDS < end)); do
		pick 500 501 502 503 504; id=$PK
		case $id in
		500) p="500" ;;
		501) p="501 guid=$GC vhca_ports=2 native_port=1" ;;
		502) p="502 guid=$GC affiliate=1 native_port=2" ;;
		503) p="503 link=ib vfs=2 pkeys=32" ;;
		504) p="504 link=ib ports=2" ;;
		esac
		wr_expect "ok EEXIST" "$BUS/new_device" "$p"
		rc=$?
		if ((rc == 0)); then
			# racing writes to the new function's files (not hold:
			# a reference left held would block its removal)
			for f in "$DBG/mlxsim$id"/{fail_cmd,event,port1/cmd,port2/mad,port1/virt2phys,vf1/qp_modify,vf1/active}; do
				chance 50 || continue
				junk
				{ echo "$PK" >"$f"; } 2>/dev/null
			done
		elif ((rc == 1)); then
			wr_expect ok "$BUS/del_device" "$id"
		fi
	done
	for id in $CHURN; do
		[[ -e $BUS/devices/mlxsim$id ]] && wr_expect ok "$BUS/del_device" "$id"
	done
	return 0
}

# --- tests --------------------------------------------------------------

load()
{
	mod_load
	check_err $? "cannot load $MLXSIM_KO"
	log_test "load"
}

topology()
{
	new_dev "10 guid=$G vhca_ports=2 native_port=1" &&
		new_dev "11 guid=$G affiliate=1 native_port=2" &&
		new_dev "20 vfs=3 pkeys=32 ports=2 link=ib" &&
		new_dev "30 link=ib ports=2"
	check_err $? "new_device"
	[[ $(table_get "$MP" id 11 state) == bound ]]
	check_err $? "slave 11 not bound"
	mapfile -t TARGETS < <(echo "$BUS/new_device"; echo "$BUS/del_device"
		for id in $TOPO; do find "$DBG/mlxsim$id" -type f -perm -0200; done | sort)
	snap_files
	log_info "seed $SEED, ${#TARGETS[@]} writable files"
	log_info "files: $(printf '%s\n' "${TARGETS[@]}" | sed 's|.*/mlxsim\([0-9]\)|\1|' | tr '\n' ' ')"
	((${#TARGETS[@]} > 20))
	check_err $? "only ${#TARGETS[@]} writable files"
	log_test "topology: master + bound slave, SR-IOV vfs=3 pkeys=32, IB link"
}

fuzz()
{
	local end=$((SECONDS + SECS)) f n k big

	dmesg_mark
	: >"$WR_BAD_LOG"
	churn $((end)) >"$W/churn.out" 2>&1 &
	CHURN_PID=$!
	RANDOM=$SEED
	# every file once with the sharpest refusals first: empty (EINVAL),
	# then over 512 bytes (E2BIG: refused before any parsing, so checked
	# for its errno only, without the state snapshots)
	printf -v big '%600s' x
	for f in "${TARGETS[@]}"; do
		fz_write "$f" "${f##*/}" ""
		# (mad: EINVAL, "not 256 bytes", is documented too)
		if wr "$f" "$big" || [[ $WR_ERR != E2BIG && ! ($WR_ERR == EINVAL && $f == */mad) ]]; then
			echo "$f: 600 bytes: ${WR_ERR:-accepted}, want E2BIG" >>"$WR_BAD_LOG"
		fi
		NW=$((NW + 1)) NREF=$((NREF + 1))
		HIST[${f##*/} ${WR_ERR:-ok}]=$((${HIST[${f##*/} ${WR_ERR:-ok}]:-0} + 1))
	done
	log_info "empty and overlong writes to every file: $((SECONDS + SECS - end))s"
	while ((SECONDS < end)); do
		fz_one "${TARGETS[RANDOM % ${#TARGETS[@]}]}"
	done
	wait "$CHURN_PID"
	check_err $? "churn loop"
	CHURN_PID=
	n=$(wc -l <"$WR_BAD_LOG")
	((n == 0))
	check_err $? "$n bad results, first: $(head -n 5 "$WR_BAD_LOG")"
	for k in "${!HIST[@]}"; do echo "$k ${HIST[$k]}"; done | sort >"$W/hist"
	log_info "${SECS}s, seed $SEED: $NW writes, $NOK accepted, $NREF refused, $NSKIP skipped (topology IDs); $SNAP_N snapshots, $((SNAP_US / 1000)) ms"
	log_info "results: $(awk '{ printf "%s %s=%s, ", $1, $2, $3 }' "$W/hist")"
	((NW > ${#TARGETS[@]} * 2 && NREF > 0))
	check_err $? "too few writes ($NW)"
	log_test "${SECS}s of random input to ${#TARGETS[@]} files, refused writes changed nothing"
}

invariants()
{
	local bad id f p n

	# release every hold, disarm every fail_cmd: the fuzz leaves both
	for f in "$DBG"/mlxsim*/port*/hold; do
		n=$(cat "$f")
		((n > 0)) && { wr "$f" "-$n"; check_err $? "release $n on $f: $WR_ERR"; }
	done
	for f in "$DBG"/mlxsim*/fail_cmd; do
		wr "$f" -
		check_err $? "disarm $f: $WR_ERR"
	done
	bad=$(mp_invariants)
	check_err $? "multiport invariants: $bad"
	[[ $(table_get "$MP" id 11 state) == bound && $(table_get "$MP" id 11 master) == 10 ]]
	check_err $? "slave 11 no longer bound to 10: $(awk '$1 == 11' "$MP")"
	bad=$(awk 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$c["refcnt"] != 0 || $c["unaffiliating"] != 0' "$MP")
	[[ -z $bad ]]
	check_err $? "references left: $bad"
	for p in 1 2; do
		bad=$(awk '
			FILENAME ~ /pkey_cache$/ { if (FNR > 1) cache[$1] = $2; next }
			FILENAME ~ /virt2phys$/ { if (FNR > 1) map[$1 " " $2] = $3; next }
			FNR > 1 { split(FILENAME, a, "/vf"); split(a[2], b, "/"); s = b[1]
				  if ($2 != cache[map[s " " $1]]) { print FILENAME, $0; exit } }' \
			"$DBG/mlxsim20/port$p/pkey_cache" "$DBG/mlxsim20/port$p/virt2phys" "$DBG"/mlxsim20/vf*/port$p/pkeys)
		[[ -z $bad ]]
		check_err $? "mlxsim20 port $p guest view is not cache through map: $bad"
		bad=$(awk 'NR > 1 && ($3 !~ /^[0-9]+$/ || $3 > 31 || ($1 == 0 && $3 != $2))' "$DBG/mlxsim20/port$p/virt2phys" | head -n 1)
		[[ -z $bad ]]
		check_err $? "mlxsim20 port $p virt2phys row: $bad"
	done
	for f in "$DBG"/mlxsim20/vf*/qps; do
		bad=$(awk 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
			$c["pkey_index"] != "-" && ($c["pkey_index"] > 31 || $c["hw_pkey_index"] == "-" || $c["hw_pkey_index"] > 31)' "$f")
		[[ -z $bad ]]
		check_err $? "$f: QP with an impossible P_Key index: $bad"
	done
	bad=$(ls "$BUS/devices" | grep -vxE "mlxsim(10|11|20|30)")
	[[ -z $bad ]]
	check_err $? "functions left: $bad"
	log_test "tables consistent after the fuzz"
}

teardown()
{
	local id bad

	for id in 11 10 20 30; do
		wr "$BUS/del_device" "$id"
		check_err $? "del_device $id: $WR_ERR"
	done
	DEVS=()
	[[ $(table_rows "$MP") == 0 && $(table_rows "$UN") == 0 ]]
	check_err $? "tables not empty"
	mod_unload
	check_err $? "rmmod"
	[[ ! -e $DBG && ! -e /sys/module/mlxsim ]]
	check_err $? "module or debugfs left after rmmod"
	bad=$(dmesg_since | grep -E 'BUG|WARNING|Oops|KASAN|UBSAN|lockdep|circular locking|refcount_t|list_(add|del) corruption')
	[[ -z $bad ]]
	check_err $? "kernel report: $(head -n 3 <<<"$bad")"
	log_test "every function removed, clean rmmod and kernel log"
}

tests_run
exit $EXIT_STATUS
