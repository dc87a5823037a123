#!/bin/bash
# mlxsim-vm: bench
# mlxtop performance figures (printed, not timed pass/fail): during one
# burst of mlxsim events, events/s and CPU of mlxtop (--log, its own
# instance) next to `trace-cmd stream` on the same events in the same run;
# and the refresh time of a 79-VF x 2-port x 128-P_Key device.

ALL_TESTS="
	load
	burst
	big_device_refresh
"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# held references would keep lib.sh's device removal waiting
release_holds()
{
	local f h

	for f in "$DBG"/mlxsim*/port*/hold; do
		h=$(cat "$f" 2>/dev/null)
		((${h:-0} > 0)) && echo "-$h" >"$f" 2>/dev/null
	done
}
cleanup() { release_holds; }

MLXTOP=$MLXSIM_ROOT/tools/mlxtop/mlxtop
W=/tmp/mlxtop-perf
mkdir -p $W
HZ=$(getconf CLK_TCK)
BURST=${MLXTOP_BURST:-40000}
CMD="port QUERY_VPORT_COUNTER"

# CPU ticks (user + system) of the command under `timeout` PID
cpu_ticks()
{
	local child

	child=$(pgrep -P "$1" | head -n 1)
	awk '{ print $14 + $15 }' "/proc/${child:-$1}/stat" 2>/dev/null || echo 0
}

load()
{
	mod_load
	check_err $? "cannot load $MLXSIM_KO"
	new_dev "1 guid=0x77 vhca_ports=2 native_port=1" &&
		new_dev "2 guid=0x77 affiliate=1 native_port=2"
	check_err $? "pair"
	log_test "load"
}

burst()
{
	local mt ts c0m c0s c1m c1s t0 t1 dt ev_mt ev_ts lost

	# both bounded in time, so a stuck reader cannot hang the suite
	timeout -s INT 240 "$MLXTOP" -l --csv -d 0.5 -b 8192 >$W/log.csv &
	mt=$!
	timeout -s INT 240 trace-cmd stream -e mlxsim 2>/dev/null >$W/stream.txt &
	ts=$!
	sleep 5
	log_info "readers up, burst of $BURST port commands"
	c0m=$(cpu_ticks $mt)
	c0s=$(cpu_ticks $ts)
	t0=$EPOCHREALTIME
	# each write is one command on the slave's port: mdev_get, cmd,
	# mdev_put; dd issues them back to back, one write(2) each
	yes "$CMD" | timeout 120 dd of="$DBG/mlxsim1/port2/cmd" bs=$((${#CMD} + 1)) \
		count="$BURST" iflag=fullblock 2>$W/dd.err
	log_info "burst done: $(tail -n 1 $W/dd.err)"
	t1=$EPOCHREALTIME
	sleep 2
	c1m=$(cpu_ticks $mt)
	c1s=$(cpu_ticks $ts)
	kill -INT $mt $ts 2>/dev/null
	sleep 3
	kill -KILL $mt $ts 2>/dev/null
	wait $mt $ts 2>/dev/null
	dt=$(echo "$t1 - $t0" | bc -l)
	ev_mt=$(awk -F, 'END { print $8 }' $W/log.csv)
	ev_ts=$(grep -c 'mlxsim_' $W/stream.txt)
	lost=$(awk -F, 'END { print $10 + $11 }' $W/log.csv)
	log_info "burst: $BURST port commands in ${dt}s, $ev_ts events seen by trace-cmd ($(echo "$ev_ts / $dt" | bc) events/s)"
	log_info "mlxtop:           $ev_mt events, $lost lost, cpu $(echo "($c1m - $c0m) / $HZ" | bc -l | xargs printf %.2f)s = $(echo "100 * ($c1m - $c0m) / $HZ / $dt" | bc -l | xargs printf %.1f)% of one CPU"
	log_info "trace-cmd stream: $ev_ts events, cpu $(echo "($c1s - $c0s) / $HZ" | bc -l | xargs printf %.2f)s = $(echo "100 * ($c1s - $c0s) / $HZ / $dt" | bc -l | xargs printf %.1f)% of one CPU"
	if ((c1m - c0m > 0)); then
		log_info "cpu ratio trace-cmd stream / mlxtop: $(echo "($c1s - $c0s) / ($c1m - $c0m)" | bc -l | xargs printf %.2f)"
	else
		log_info "cpu ratio: mlxtop used less than one tick"
	fi
	if ((c1m > c0m && c1s > c0s)); then
		log_info "events per CPU-second: mlxtop $((ev_mt * HZ / (c1m - c0m))), trace-cmd stream $((ev_ts * HZ / (c1s - c0s))); ratio mlxtop / trace-cmd $(echo "($ev_mt / ($c1m - $c0m)) / ($ev_ts / ($c1s - $c0s))" | bc -l | xargs printf %.2f)"
	fi
	# every event the module emitted (3 per command) reached mlxtop
	((ev_mt >= BURST * 3 * 95 / 100))
	check_err $? "mlxtop saw $ev_mt events (trace-cmd $ev_ts) of $((BURST * 3))"
	log_test "burst of $((BURST * 3)) events: mlxtop keeps up (figures above)"
}

big_device_refresh()
{
	local t0 t1 n=5 per

	new_dev "40 ports=2 vfs=79 pkeys=128"
	check_err $? "79-VF device"
	t0=$EPOCHREALTIME
	"$MLXTOP" --once >$W/big.txt
	t1=$EPOCHREALTIME
	log_info "79 VFs x 2 ports x 128 P_Keys: --once $(echo "($t1 - $t0) * 1000" | bc | xargs printf %.0f) ms ($(grep -c . $W/big.txt) lines)"
	t0=$EPOCHREALTIME
	"$MLXTOP" -l -T -d 0.1 -n $n >/dev/null
	t1=$EPOCHREALTIME
	per=$(echo "(($t1 - $t0) - $n * 0.1) * 1000 / $n" | bc -l | xargs printf %.0f)
	log_info "79 VFs x 2 ports x 128 P_Keys: one refresh ~${per} ms (log mode, $n refreshes)"
	((per < 1000))
	check_err $? "a refresh takes ${per} ms"
	log_test "refresh of a 79-VF x 2-port x 128-P_Key device stays interactive"
}

tests_run
exit $EXIT_STATUS
