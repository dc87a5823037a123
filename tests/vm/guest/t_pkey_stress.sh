#!/bin/bash
# Stress of P_Key paravirtualization: for MLXSIM_PV_STRESS_SECS (default
# 60) s, concurrent SMP writers, admin remaps, guest QP changes and VF
# (de)activation on one device with 79 VFs, while readers cat every
# table; then the tables must be consistent and the kernel log clean.

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
SECS=${MLXSIM_PV_STRESS_SECS:-60}
PIDS=()

cleanup()
{
	local p

	for p in "${PIDS[@]}"; do
		kill "$p" 2>/dev/null
	done
	wait 2>/dev/null
}

load()
{
	[[ -x $CTL ]] || skip_all "no $CTL (make -C tools/mlxsimctl)"
	mod_load
	check_err $? "cannot load $MLXSIM_KO"
	new_dev "$ID link=ib vfs=79 ports=2 pkeys=128"
	check_err $? "new_device vfs=79"
	log_test "load, a device with 79 VFs"
}

mad_writer()
{
	local end=$1 b

	while ((SECONDS < end)); do
		b=$((RANDOM % 4))
		"$CTL" pkey-set "$ID" $((RANDOM % 2 + 1)) --block $b --keep \
			$((RANDOM % 31))=$((RANDOM % 65536)) \
			$((RANDOM % 31))=$((RANDOM % 65536)) 2>/dev/null
		"$CTL" pkey-get "$ID" 1 --block $b 2>/dev/null
	done
}

remapper()
{
	local end=$1

	while ((SECONDS < end)); do
		echo "$((RANDOM % 79 + 1)) $((RANDOM % 128)) $((RANDOM % 128))" \
			>"$D/port$((RANDOM % 2 + 1))/virt2phys" 2>/dev/null
		echo "$((RANDOM % 79 + 1)) $((RANDOM % 128)) none" \
			>"$D/port$((RANDOM % 2 + 1))/virt2phys" 2>/dev/null
	done
}

qp_changer()
{
	local end=$1 ops=(RST2INIT INIT2INIT INIT2RTR RTR2RTS RTS2RTS RTS2SQD SQD2SQD SQD2RTS 2ERR 2RST)
	local types=(rc uc ud smi gsi) s

	while ((SECONDS < end)); do
		s=$((RANDOM % 80))
		echo "qpn=$((0x1000 + RANDOM % 64)) type=${types[RANDOM % 5]} op=${ops[RANDOM % 10]} port=$((RANDOM % 2 + 1)) pkey_index=$((RANDOM % 130)) qkey=$RANDOM optpar=pri" \
			>"$D/vf$s/qp_modify" 2>/dev/null
	done
}

activator()
{
	local end=$1

	while ((SECONDS < end)); do
		echo $((RANDOM % 2)) >"$D/vf$((RANDOM % 79 + 1))/active" 2>/dev/null
	done
}

reader()
{
	local end=$1

	while ((SECONDS < end)); do
		cat "$D"/port*/virt2phys "$D"/port*/pkey_cache >/dev/null
		cat "$D"/vf$((RANDOM % 80))/{qps,events,port1/pkeys} >/dev/null
	done
}

stress()
{
	local end=$((SECONDS + SECS)) p

	dmesg_mark
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
	log_test "${SECS}s of concurrent MADs, remaps, QP changes, activation, readers"
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
		bad=$(awk 'NR > 1 && ($1 == 0 ? $3 != $2 : ($3 < 0 || $3 > 127))' "$D/port$p/virt2phys" | head -1)
		[[ -z $bad ]]
		check_err $? "port $p virt2phys row out of range or master row changed: $bad"
		[[ $(table_get "$D/port$p/pkey_cache" index 127 pkey) == 0x0000 ]]
		check_err $? "the reserved entry changed"
	done
	for s in 1 40 79; do
		bad=$(awk 'NR > 1 && $2 != "-" && $4 != "-" && ($4 > 127)' "$D/vf$s/qps")
		[[ -z $bad ]]
		check_err $? "vf$s QP with an impossible hw P_Key index: $bad"
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
