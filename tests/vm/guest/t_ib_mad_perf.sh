#!/bin/bash
# mlxsim-vm: bench
# InfiniBand management figures (printed, not timed pass/fail), side by
# side in one run:
#  - per-MAD cost of a SubnGet(PKeyTable) (and SubnSet) sent through the
#    kernel's MAD stack (libibumad -> ib_umad -> ib_mad -> process_mad ->
#    the firmware's SMA, and back) against the same MAD written to debugfs
#    port<P>/mad (the driver's second door into the same path), both timed
#    in one mlxsimctl process (--repeat, clock_gettime per MAD), and the
#    ratio umad/debugfs (the goal is <= 2);
#  - OpenSM's time from start to "SUBNET UP" on two cabled functions;
#  - the same MAD LID-routed (QP0 send, the wire's loopback, QP0 receive);
#  - `mlxsimctl sm --once` bringing the same link up.
# Checks only that each part ran (exit status, ports ACTIVE).

ALL_TESTS="
	load
	mad_local
	opensm_subnet_up
	mad_lid_routed
	ctl_sm
"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$(dirname "${BASH_SOURCE[0]}")/ib_lib.sh"

CTL=$MLXSIM_ROOT/tools/mlxsimctl/mlxsimctl
N=${MLXSIM_MAD_BENCH_N:-2000}
W=/tmp/ib-mad-perf
OSM_PID=

cleanup()
{
	if [[ -n $OSM_PID ]]; then
		kill -TERM "$OSM_PID" 2>/dev/null
		wait "$OSM_PID" 2>/dev/null
	fi
}

# us_per_mad LINE: the figure of one `mlxsimctl --repeat` line
us_per_mad()
{
	sed -nE 's/.* ([0-9.]+) us\/MAD.*/\1/p' <<<"$1"
}

# port_state ID PORT: state= of port<P>/sma
port_state()
{
	kv_get "$DBG/mlxsim$1/port$2/sma" state
}

both_active()
{
	[[ $(port_state 1 1) == active && $(port_state 2 1) == active ]]
}

both_init()
{
	[[ $(port_state 1 1) == init && $(port_state 2 1) == init ]]
}

load()
{
	ib_skip_unless_core
	[[ -x $CTL ]] || skip_all "no $CTL (make -C tools/mlxsimctl)"
	mod_load
	check_err $? "cannot load $MLXSIM_KO"
	modprobe ib_umad
	check_err $? "modprobe ib_umad"
	new_dev "1 link=ib vfs=4"
	check_err $? "new_device 1 link=ib vfs=4"
	wait_for test -d "$IBSYS/mlxsim1"
	check_err $? "no $IBSYS/mlxsim1"
	mkdir -p $W
	log_test "load, ib_umad, mlxsim1 (link=ib vfs=4)"
}

# bench_pair LABEL ARGS...: the same MAD N times through umad and through
# debugfs (warmed up first), one figure each and the ratio
bench_pair()
{
	local label=$1 u d ru rd
	shift

	"$CTL" -U mlxsim1:1 mad "$@" --repeat 200 >/dev/null &&
		"$CTL" mad 1 1 "$@" --repeat 200 >/dev/null
	check_err $? "warm-up of $label failed"
	u=$("$CTL" -U mlxsim1:1 mad "$@" --repeat "$N" 2>&1)
	check_err $? "umad: $u"
	d=$("$CTL" mad 1 1 "$@" --repeat "$N" 2>&1)
	check_err $? "debugfs: $d"
	log_info "$u"
	log_info "$d"
	ru=$(us_per_mad "$u")
	rd=$(us_per_mad "$d")
	if [[ -n $ru && -n $rd ]]; then
		log_info "$label: umad $ru us/MAD, debugfs $rd us/MAD, ratio umad/debugfs $(echo "$ru / $rd" | bc -l | xargs printf %.2f) (goal <= 2)"
	fi
}

mad_local()
{
	# directed route, empty path: ib_mad hands it to process_mad at once
	bench_pair "SubnGet(PKeyTable) DR local" --dr --method get --block 0
	bench_pair "SubnSet(PKeyTable) DR local (snooped, no change)" --dr \
		--method set --block 0 0=0xffff 1=0x8001
	log_test "SubnGet/SubnSet(PKeyTable) x $N: umad vs debugfs (figures above)"
}

# log_usec LINE: microseconds of the day of an OpenSM log line
# ("Dec 01 14:26:03 269900 [...] ...")
log_usec()
{
	local re='^[A-Z][a-z]+ [0-9]+ ([0-9]+):([0-9]+):([0-9]+) ([0-9]+) '

	[[ $1 =~ $re ]] || return 1
	echo $(((10#${BASH_REMATCH[1]} * 3600 + 10#${BASH_REMATCH[2]} * 60 +
		 10#${BASH_REMATCH[3]}) * 1000000 + 10#${BASH_REMATCH[4]}))
}

opensm_subnet_up()
{
	local guid t0 t1 up= first= line lfd= sfd deadline f u osm=$W/osm

	command -v opensm >/dev/null || { log_skip "OpenSM to SUBNET UP" "no opensm"; return; }
	new_dev "2 link=ib"
	check_err $? "new_device 2 link=ib"
	write "$BUS/link_device" "1:1 2:1"
	check_err $? "link_device 1:1 2:1"
	wait_for both_init
	check_err $? "ports not INIT after the cable: $(port_state 1 1) $(port_state 2 1)"
	guid=$(kv_get "$DBG/mlxsim1/port1/sma" port_guid)
	rm -rf "$osm"
	mkdir -p "$osm/cache" "$osm/dump"
	# a pipe nobody writes: `read -t` on it sleeps without a fork (under
	# TCG a fork per poll would be most of the resolution)
	exec {sfd}<> <(:)
	t0=$EPOCHREALTIME
	# -d2: flush the log after each message (else it is written in
	# blocks and "SUBNET UP" shows only at exit)
	OSM_CACHE_DIR=$osm/cache opensm -g "$guid" -d2 -f "$osm/opensm.log" \
		--dump_files_dir "$osm/dump" >"$osm/stdout" 2>&1 </dev/null &
	OSM_PID=$!
	deadline=$((${t0/./} + 60000000))	# microseconds
	while [[ -z $up ]] && ((${EPOCHREALTIME/./} < deadline)); do
		[[ -z $lfd && -f $osm/opensm.log ]] && exec {lfd}<"$osm/opensm.log"
		while [[ -n $lfd ]] && IFS= read -r -u "$lfd" line; do
			[[ -z $first ]] && first=$line
			if [[ $line == *"SUBNET UP"* ]]; then
				up=$line
				break
			fi
		done
		[[ -n $up ]] && break
		kill -0 "$OSM_PID" 2>/dev/null || break
		read -r -t 0.02 -u "$sfd"
	done
	t1=$EPOCHREALTIME
	[[ -n $lfd ]] && exec {lfd}<&-
	exec {sfd}<&-
	[[ -n $up ]]
	check_err $? "no SUBNET UP in 60 s: $(tail -n 3 "$osm/opensm.log" 2>/dev/null) $(tail -n 2 "$osm/stdout")"
	if [[ -n $up ]]; then
		log_info "OpenSM (-g $guid) start to SUBNET UP: $(echo "($t1 - $t0) * 1000" | bc | xargs printf %.0f) ms (its log polled every 20 ms)"
		if f=$(log_usec "$first") && u=$(log_usec "$up"); then
			log_info "OpenSM's own log: $(((u - f) / 1000)) ms from its first line to SUBNET UP"
		fi
		log_info "LIDs: mlxsim1 $(kv_get "$DBG/mlxsim1/port1/sma" lid), mlxsim2 $(kv_get "$DBG/mlxsim2/port1/sma" lid), SM LID $(kv_get "$DBG/mlxsim2/port1/sma" sm_lid)"
	fi
	wait_for both_active
	check_err $? "ports not ACTIVE under OpenSM: $(port_state 1 1) $(port_state 2 1)"
	kill -TERM "$OSM_PID" 2>/dev/null
	wait "$OSM_PID" 2>/dev/null
	OSM_PID=
	log_test "OpenSM to SUBNET UP on mlxsim1:1 <-> mlxsim2:1 (figure above)"
}

mad_lid_routed()
{
	[[ -n $(kv_get "$DBG/mlxsim1/port1/sma" lid) &&
	   $(kv_get "$DBG/mlxsim1/port1/sma" lid) != 0 ]] ||
		{ log_skip "LID-routed SubnGet" "mlxsim1 port 1 has no LID"; return; }
	# QP0 send to the port's own LID, the wire's loopback, QP0 receive
	bench_pair "SubnGet(PKeyTable) LID-routed" --method get --block 0
	log_test "LID-routed SubnGet(PKeyTable) x $N: umad vs debugfs (figures above)"
}

ctl_sm()
{
	local out rc t0 t1

	[[ -e $DBG/mlxsim2 ]] || { log_skip "mlxsimctl sm" "no cable"; return; }
	# a fresh link: both ports back to INIT
	write "$BUS/unlink_device" "1:1 2:1" && write "$BUS/link_device" "1:1 2:1"
	check_err $? "re-cabling"
	wait_for both_init
	check_err $? "ports not INIT after re-cabling: $(port_state 1 1) $(port_state 2 1)"
	t0=$EPOCHREALTIME
	out=$("$CTL" sm mlxsim1:1 --once --lid 3 --peer-lid 4 2>&1)
	rc=$?
	t1=$EPOCHREALTIME
	check_err $rc "mlxsimctl sm: $out"
	log_info "mlxsimctl sm --once: $(echo "($t1 - $t0) * 1000" | bc | xargs printf %.0f) ms to ACTIVE ($(grep -c 'SubnSet' <<<"$out") SubnSets)"
	both_active
	check_err $? "ports not ACTIVE after mlxsimctl sm: $(port_state 1 1) $(port_state 2 1)"
	log_test "mlxsimctl sm --once brings mlxsim1:1 <-> mlxsim2:1 up (figure above)"
}

tests_run
exit $EXIT_STATUS
