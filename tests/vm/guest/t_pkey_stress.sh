#!/bin/bash
# Stress of P_Key paravirtualization: for MLXSIM_PV_STRESS_SECS (default
# 60, 30 on the debug kernel) s, concurrent SMP writers, admin remaps,
# guest QP changes and VF (de)activation on one device with 79 VFs (10 on
# the debug kernel), while readers cat every table. Every write must
# succeed or fail with an errno interface.md documents for it (qp_modify:
# EINVAL ERANGE ENOENT EBUSY ENOSPC; the others must all succeed), every
# loop must succeed at least once; then the tables must be consistent: each guest view is the cache
# through its map, the final virt2phys is the replay of the remaps that
# succeeded (one remapper, so their order is known), the snooped cache is
# the firmware's table, and the kernel log is clean.

ALL_TESTS="
	load
	stress
	consistent
	remove_busy_device
"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CTL=$MLXSIM_ROOT/tools/mlxsimctl/mlxsimctl
ID=90
D=$DBG/mlxsim$ID
# 10 VFs on the debug kernel: each VF is an ib_core device whose ports
# ib_mad opens (with 79 the script took 370 s there, 30 s of it stress)
if [[ $MLXSIM_KERNEL == debug ]]; then
	SECS=${MLXSIM_PV_STRESS_SECS:-30}
	NVF=10
else
	SECS=${MLXSIM_PV_STRESS_SECS:-60}
	NVF=79
fi
PIDS=()
W=$(mktemp -d)
export WR_BAD_LOG=$W/bad

cleanup()
{
	local p

	for p in "${PIDS[@]}"; do
		kill "$p" 2>/dev/null
	done
	wait 2>/dev/null
	rm -rf "$W"
}

# loop_end NAME OK REFUSED: the loop's counts, for the stress test
loop_end()
{
	echo "$1 ok=$2 refused=$3" >>"$W/stats"
}

load()
{
	[[ -x $CTL ]] || skip_all "no $CTL (make -C tools/mlxsimctl)"
	mod_load
	check_err $? "cannot load $MLXSIM_KO"
	new_dev "$ID link=ib vfs=$NVF ports=2 pkeys=128"
	check_err $? "new_device vfs=$NVF"
	log_test "load, a device with $NVF VFs"
}

# two distinct entries of a random block, read-modify-write; then a read
mad_writer()
{
	local end=$1 b i j ok=0 no=0

	while ((SECONDS < end)); do
		b=$((RANDOM % 4))
		i=$((RANDOM % 31))
		j=$(((i + 1 + RANDOM % 30) % 31))
		if "$CTL" pkey-set "$ID" $((RANDOM % 2 + 1)) --block $b --keep \
			$i=$((RANDOM % 65536)) $j=$((RANDOM % 65536)) >/dev/null 2>>"$W/mad.err" &&
			"$CTL" pkey-get "$ID" 1 --block $b >/dev/null 2>>"$W/mad.err"; then
			ok=$((ok + 1))
		else
			no=$((no + 1))
			echo "mlxsimctl pkey-set/get block $b failed" >>"$WR_BAD_LOG"
		fi
	done
	loop_end mad $ok $no
}

# the only writer of virt2phys: each remap that worked is logged, in order
remapper()
{
	local end=$1 p s i v ok=0 no=0

	while ((SECONDS < end)); do
		p=$((RANDOM % 2 + 1)) s=$((RANDOM % NVF + 1)) i=$((RANDOM % 128)) v=$((RANDOM % 128))
		if wr_expect ok "$D/port$p/virt2phys" "$s $i $v"; then
			echo "$p $s $i $v" >>"$W/remaps"
			ok=$((ok + 1))
		else
			no=$((no + 1))
		fi
		p=$((RANDOM % 2 + 1)) s=$((RANDOM % NVF + 1)) i=$((RANDOM % 128))
		if wr_expect ok "$D/port$p/virt2phys" "$s $i none"; then
			echo "$p $s $i 127" >>"$W/remaps"
			ok=$((ok + 1))
		else
			no=$((no + 1))
		fi
	done
	loop_end remap $ok $no
}

# random transitions: refused ones fail with the documented errnos
qp_changer()
{
	local end=$1 ops=(RST2INIT INIT2INIT INIT2RTR RTR2RTS RTS2RTS RTS2SQD SQD2SQD SQD2RTS 2ERR 2RST)
	local types=(rc uc ud smi gsi) s ok=0 no=0 rc

	while ((SECONDS < end)); do
		s=$((RANDOM % (NVF + 1)))
		wr_expect "ok EINVAL ERANGE ENOENT EBUSY ENOSPC" "$D/vf$s/qp_modify" \
			"qpn=$((0x1000 + RANDOM % 64)) type=${types[RANDOM % 5]} op=${ops[RANDOM % 10]} port=$((RANDOM % 2 + 1)) pkey_index=$((RANDOM % 130)) qkey=$RANDOM optpar=pri"
		rc=$?
		((rc == 0)) && ok=$((ok + 1))
		((rc == 1)) && no=$((no + 1))
	done
	loop_end qp $ok $no
}

activator()
{
	local end=$1 ok=0 no=0

	while ((SECONDS < end)); do
		if wr_expect ok "$D/vf$((RANDOM % NVF + 1))/active" $((RANDOM % 2)); then
			ok=$((ok + 1))
		else
			no=$((no + 1))
		fi
	done
	loop_end active $ok $no
}

reader()
{
	local end=$1 ok=0 no=0 s

	while ((SECONDS < end)); do
		s=$((RANDOM % (NVF + 1)))
		if cat "$D"/port*/virt2phys "$D"/port*/pkey_cache "$D"/vf$s/{qps,events,port1/pkeys} >/dev/null; then
			ok=$((ok + 1))
		else
			no=$((no + 1))
			echo "reading the tables (vf$s) failed" >>"$WR_BAD_LOG"
		fi
	done
	loop_end read $ok $no
}

stress()
{
	local end=$((SECONDS + SECS)) p n l

	dmesg_mark
	: >"$WR_BAD_LOG"
	: >"$W/stats"
	: >"$W/remaps"
	mad_writer "$end" & PIDS+=($!)
	mad_writer "$end" & PIDS+=($!)
	remapper "$end" & PIDS+=($!)
	qp_changer "$end" & PIDS+=($!)
	qp_changer "$end" & PIDS+=($!)
	activator "$end" & PIDS+=($!)
	reader "$end" & PIDS+=($!)
	for p in "${PIDS[@]}"; do
		wait "$p"
	done
	PIDS=()
	! dmesg_since | grep -E "BUG|WARNING|Oops|KASAN|lockdep|circular locking"
	check_err $? "kernel report during the stress"
	n=$(cat "$WR_BAD_LOG" 2>/dev/null | wc -l)
	((n == 0))
	check_err $? "$n writes with an unexpected result, first: $(head -n 5 "$WR_BAD_LOG"; head -n 3 "$W/mad.err" 2>/dev/null)"
	[[ $(wc -l <"$W/stats") == 7 ]]
	check_err $? "loops that did not finish: $(cat "$W/stats")"
	for l in mad remap qp active read; do
		grep -q "^$l ok=[1-9]" "$W/stats"
		check_err $? "loop $l never succeeded: $(grep "^$l" "$W/stats" | tr '\n' ' ')"
	done
	log_info "$(tr '\n' ' ' <"$W/stats")"
	log_test "${SECS}s of concurrent MADs, remaps, QP changes, activation, readers: results as documented"
}

consistent()
{
	local bad p s

	for p in 1 2; do
		# every guest view entry is the cache entry its mapping names
		bad=$(awk -v p=$p '
			FILENAME ~ /pkey_cache$/ { if (FNR > 1) cache[$1] = $2; next }
			FILENAME ~ /virt2phys$/ { if (FNR > 1) map[$1 " " $2] = $3; next }
			FNR > 1 { split(FILENAME, a, "/vf"); split(a[2], b, "/"); s = b[1]
				  if ($2 != cache[map[s " " $1]]) { print FILENAME, $0; exit } }' \
			"$D/port$p/pkey_cache" "$D/port$p/virt2phys" "$D"/vf*/port$p/pkeys)
		[[ -z $bad ]]
		check_err $? "port $p guest view inconsistent: $bad"
		# the map is the defaults (slave 0: i -> i; a VF: 0 -> 0, the
		# rest -> the reserved 127) with the logged remaps replayed
		bad=$(awk -v p=$p -v slaves=$((NVF + 1)) '
			FILENAME ~ /remaps$/ { if ($1 == p) m[$2 " " $3] = $4; next }
			FNR == 1 { next }
			{ k = $1 " " $2
			  want = (k in m) ? m[k] : ($1 == 0 || $2 == 0) ? ($1 == 0 ? $2 : 0) : 127
			  n++
			  if ($3 != want) { print "slave " $1 " index " $2 ": phys " $3 ", want " want; exit } }
			END { if (n != slaves * 128) print n " rows, want " slaves * 128 }' \
			"$W/remaps" "$D/port$p/virt2phys" | head -n 1)
		[[ -z $bad ]]
		check_err $? "port $p virt2phys is not the replay of the remaps: $bad"
		# the snooped cache is the firmware's table (ib_core reads that)
		if [[ -d /sys/class/infiniband/mlxsim$ID/ports/$p/pkeys ]]; then
			bad=$(awk 'FNR == 1 && FILENAME ~ /pkey_cache$/ { next }
				FILENAME ~ /pkey_cache$/ { c[$1] = $2; next }
				{ f = FILENAME; sub(/.*\//, "", f)
				  if (tolower($1) != c[f]) { print "index " f ": firmware " $1 ", cache " c[f]; exit } }' \
				"$D/port$p/pkey_cache" /sys/class/infiniband/mlxsim$ID/ports/$p/pkeys/*)
			[[ -z $bad ]]
			check_err $? "port $p cache differs from the firmware table: $bad"
		fi
		[[ $(table_get "$D/port$p/pkey_cache" index 127 pkey) == 0x0000 ]]
		check_err $? "the reserved entry changed"
	done
	for s in 0 1 $((NVF / 2)) $NVF; do
		bad=$(awk 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
			$c["pkey_index"] != "-" && ($c["hw_pkey_index"] == "-" || $c["hw_pkey_index"] > 127 ||
			$c["pkey_index"] > 127)' "$D/vf$s/qps")
		[[ -z $bad ]]
		check_err $? "vf$s QP with an impossible P_Key index: $bad"
	done
	log_test "tables consistent after the stress"
}

remove_busy_device()
{
	local end=$((SECONDS + 5)) p

	# the files vanish under them: their errors are expected
	mad_writer "$end" 2>/dev/null & PIDS+=($!)
	qp_changer "$end" 2>/dev/null & PIDS+=($!)
	reader "$end" 2>/dev/null & PIDS+=($!)
	sleep 2
	del_dev "$ID"
	check_err $? "del_device while busy"
	for p in "${PIDS[@]}"; do
		wait "$p"
	done
	PIDS=()
	log_test "removing the device while its files are in use"
}

tests_run
exit $EXIT_STATUS
