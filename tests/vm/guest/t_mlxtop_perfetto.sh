#!/bin/bash
# mlxtop against the real module, for what the host tests cannot see:
# --perfetto on a recorded trace.dat (decoded by protoc and checked
# against the trace), --save on live debugfs read back with -D, --prom, and rmmod/insmod noticed by a
# running mlxtop (state cleared, events counted again after the reload).

ALL_TESTS="
	load
	record
	perfetto_tracks
	save_reads_back
	prom_scrape
	unload_reload
"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

MLXTOP=$MLXSIM_ROOT/tools/mlxtop/mlxtop
CTL=$MLXSIM_ROOT/tools/mlxsimctl/mlxsimctl
COMPARE=$MLXSIM_ROOT/tests/mlxtop/compare.py
W=/tmp/mlxtop-pf
mkdir -p $W
G=0x0002c90300003300

release_holds()
{
	local f h

	for f in "$DBG"/mlxsim*/port*/hold; do
		h=$(cat "$f" 2>/dev/null)
		((${h:-0} > 0)) && echo "-$h" >"$f" 2>/dev/null
	done
}
cleanup() { release_holds; }

load()
{
	mod_load
	check_err $? "insmod"
	[[ -x $MLXTOP && -x $CTL ]]
	check_err $? "build tools/mlxtop and tools/mlxsimctl first"
	log_test "module loaded, tools built"
}

record()
{
	local try report

	# up to three recordings: under load trace-cmd 3.1 has lost events
	# of a background recording; the scenario's three adds, its unbind
	# and its snoop decide whether a recording is whole
	for try in 1 2 3; do
		[[ -d $DBG/mlxsim40 ]] && del_dev 40
		[[ -d $DBG/mlxsim31 ]] && del_dev 31
		record_start $W/trace.dat
		new_dev "31 guid=$G vhca_ports=2 native_port=1" &&
		new_dev "32 guid=$G affiliate=1 native_port=2" &&
		write "$DBG/mlxsim31/port2/hold" +2 &&
		write "$DBG/mlxsim31/port2/hold" -2 &&
		new_dev "40 link=ib ports=1 vfs=2 pkeys=32" &&
		write "$DBG/mlxsim40/port1/virt2phys" "1 1 1" &&
		"$CTL" pkey-set 40 1 0=0xffff 1=0x8001 >/dev/null &&
		del_dev 32
		check_err $? "scenario"
		sleep 1
		record_stop
		report=$(trace-cmd report -i $W/trace.dat 2>/dev/null)
		[[ $(grep -c ' mlxsim_fn_add: ' <<<"$report") == 3 ]] &&
			grep -q ' mlxsim_mp_unbind: ' <<<"$report" &&
			grep -q ' mlxsim_smp_snoop: ' <<<"$report" && break
		log_info "trace-cmd record $try: events missing, recording again"
	done
	log_test "a scenario recorded with trace-cmd"
}

perfetto_tracks()
{
	local out

	out=$("$MLXTOP" -i $W/trace.dat --perfetto $W/out.pftrace)
	check_err $? "mlxtop --perfetto: $out"
	if command -v protoc >/dev/null; then
		protoc --decode_raw <$W/out.pftrace >$W/raw.txt
		check_err $? "protoc --decode_raw"
	fi
	trace-cmd report -i $W/trace.dat >$W/report.txt 2>/dev/null
	python3 - $W/out.pftrace $W/report.txt <<'PY'
import re, sys

def varint(b, i):
    v = s = 0
    while True:
        c = b[i]; i += 1
        v |= (c & 0x7f) << s; s += 7
        if not c & 0x80:
            return v, i

def fields(b):
    i, out = 0, []
    while i < len(b):
        k, i = varint(b, i)
        f, wt = k >> 3, k & 7
        if wt == 0:
            v, i = varint(b, i)
        elif wt == 1:
            v = int.from_bytes(b[i:i + 8], "little"); i += 8
        elif wt == 2:
            n, i = varint(b, i); v = b[i:i + n]; i += n
        else:
            raise SystemExit("bad wire type %d" % wt)
        out.append((f, v))
    return out

data = open(sys.argv[1], "rb").read()
tracks, evs = {}, []
for f, pkt in fields(data):
    assert f == 1
    p = dict()
    for pf, pv in fields(pkt):
        p.setdefault(pf, []).append(pv)
    if 60 in p:
        td = dict(fields(p[60][0]))
        tracks[td[1]] = td.get(2, b"").decode()
    if 11 in p:
        te = fields(p[11][0])
        evs.append((p[8][0], te))
names = set(tracks.values())
for want in ("mlxsim31", "mlxsim32", "mlxsim31 port 2", "mlxsim31 port 2 refcnt", "mlxsim40 port 1"):
    assert want in names, (want, sorted(names))
types = [dict(te).get(9) for _, te in evs]
assert types.count(1) == 2 and types.count(2) == 2, types      # bind..unbind on slave and port
flows = [v for _, te in evs for f, v in te if f == 47]
ends = [v for _, te in evs for f, v in te if f == 48]
assert flows and sorted(ends) == sorted(flows), (flows, ends)
report = open(sys.argv[2]).read()
assert len(ends) == len(re.findall(r"mlxsim_pkey_event:", report.split("mlxsim_smp_snoop:", 1)[1])), "flows vs events after the snoop"
assert types.count(4) >= 2                                      # refcnt counters
print("tracks %d, events %d, flows %d" % (len(tracks), len(evs), len(flows)))
PY
	check_err $? "the Perfetto trace does not match the recorded events"
	log_test "--perfetto: tracks per function and port, bind slices, counters, snoop flows"
}

save_reads_back()
{
	local out

	out=$("$MLXTOP" --save $W/snap)
	check_err $? "--save: $out"
	[[ ! -e $W/snap/mlxsim40/port1/mad && -s $W/snap/mlxsim40/port1/pkey_cache ]]
	check_err $? "--save copied a write-only file or missed a table"
	out=$(python3 "$COMPARE" $W/snap "$MLXTOP" 2>&1)
	check_err $? "$out"
	out=$(python3 "$COMPARE" "$DBG" "$MLXTOP" 2>&1)
	check_err $? "live: $out"
	log_test "--save on live debugfs: -D reads it back field for field"
}

prom_scrape()
{
	"$MLXTOP" --prom >$W/prom.txt
	check_err $? "--prom"
	grep -q '^mlxsim_pkey_snoops_total{dev="40",port="1"} [1-9]' $W/prom.txt
	check_err $? "no snoop counted: $(grep snoops $W/prom.txt)"
	grep -q '^mlxsim_functions 2$' $W/prom.txt
	check_err $? "$(grep '^mlxsim_functions ' $W/prom.txt)"
	log_test "--prom: one scrape with the kernel's snoop count"
}

unload_reload()
{
	local pid i

	release_holds
	"$MLXTOP" -l --csv -d 0.2 -n 150 >$W/reload.csv 2>$W/reload.err &
	pid=$!
	# unload only once mlxtop has logged the functions (a loaded machine
	# was seen to start it later than 3 s)
	for i in $(seq 1 50); do
		cut -d, -f2 $W/reload.csv 2>/dev/null | tail -n +2 | grep -q '^[1-9]' && break
		sleep 0.2
	done
	sleep 1
	mod_unload
	check_err $? "rmmod"
	sleep 2
	mod_load
	check_err $? "insmod again"
	sleep 1
	new_dev "41 vhca_ports=2"
	sleep 3
	kill -INT $pid
	wait $pid
	grep -q '^mlxtop: module unloaded' $W/reload.err &&
	grep -q '^mlxtop: module loaded again' $W/reload.err
	check_err $? "mlxtop did not notice: $(cat $W/reload.err)"
	# functions: some (fewer as rmmod removes them one by one), then 0
	# while unloaded, then 1; events counted again
	cut -d, -f2 $W/reload.csv | tail -n +2 | uniq | paste -sd' ' |
		grep -Eq '^[1-9][0-9]*( [1-9][0-9]*)* 0 1$'
	check_err $? "functions column: $(cut -d, -f2 $W/reload.csv | tail -n +2 | uniq | paste -sd' ')"
	del_dev 41
	log_test "rmmod and insmod under a running mlxtop: cleared, then picked up again"
}

tests_run
lib_exit
