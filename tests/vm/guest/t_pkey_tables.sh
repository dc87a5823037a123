#!/bin/bash
# P_Key paravirtualization tables: initialisation for several shapes, the
# guest view through virt2phys, admin remap (incl. none, the master row,
# out of range) with its event to that VF only, vf<S>/active, and `cat`
# of every table at 79 VFs x 2 ports x 128 P_Keys.

ALL_TESTS="
	load
	init_shapes
	caps_ranges
	remap_event_one_vf
	remap_none
	remap_refused
	remap_write_back_row
	remap_inactive_no_event
	active_bad_input
	guest_view
	big_tables
	no_vfs_files
"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# the most VFs: 79 (the driver's limit); 10 on the debug kernel, where
# every VF is an ib_core device whose ports ib_mad opens under KASAN and
# lockdep (20 took 372 s there, 79 over 600; the code paths are the same)
MAXV=79
[[ $MLXSIM_KERNEL == debug ]] && MAXV=10

CTL=$MLXSIM_ROOT/tools/mlxsimctl/mlxsimctl
ID=60
D=$DBG/mlxsim$ID

events() # SLAVE PORT
{
	table_get "$D/vf$1/events" port "$2" count
}

all_events()
{
	local f

	for f in "$D"/vf*/events; do
		echo "$f $(tail -n +2 "$f" | tr '\n' ' ')"
	done
}

load()
{
	mod_load
	check_err $? "cannot load $MLXSIM_KO"
	log_test "load"
}

# check_shape VFS PORTS PKEYS
check_shape()
{
	local vfs=$1 ports=$2 pkeys=$3 id=61 p bad

	new_dev "$id link=ib vfs=$vfs ports=$ports pkeys=$pkeys"
	check_err $? "new_device vfs=$vfs ports=$ports pkeys=$pkeys"
	for ((p = 1; p <= ports; p++)); do
		bad=$(awk -v n=$pkeys 'NR == 1 { if ($0 != "slave index phys") print "header " $0; next }
			$1 == 0 && $3 != $2 { print; exit }
			$1 > 0 && $2 == 0 && $3 != 0 { print; exit }
			$1 > 0 && $2 > 0 && $3 != n - 1 { print; exit }
			END { if (NR - 1 != (vfs + 1) * n) print "rows " NR - 1 }' \
			vfs="$vfs" "$DBG/mlxsim$id/port$p/virt2phys")
		[[ -z $bad ]]
		check_err $? "port $p virt2phys wrong at: $bad"
		bad=$(awk 'NR == 1 { next }
			$1 == 0 && ($2 != "0xffff" || $3 != "full") { print; exit }
			$1 > 0 && ($2 != "0x0000" || $3 != "invalid") { print; exit }' \
			"$DBG/mlxsim$id/port$p/pkey_cache")
		[[ -z $bad ]]
		check_err $? "port $p pkey_cache wrong at: $bad"
		bad=$(awk 'NR == 1 { next } $1 == 0 && $2 != "0xffff" { print; exit }
			$1 > 0 && $2 != "0x0000" { print; exit }' \
			"$DBG/mlxsim$id/vf$vfs/port$p/pkeys")
		[[ -z $bad ]]
		check_err $? "vf$vfs port $p guest view wrong at: $bad"
	done
	[[ -d $DBG/mlxsim$id/vf$vfs && ! -d $DBG/mlxsim$id/vf$((vfs + 1)) ]]
	check_err $? "vf directories are not vf0..vf$vfs"
	[[ $(cat "$DBG/mlxsim$id/vf1/active") == 1 ]]
	check_err $? "vf1 not active by default"
	del_dev "$id"
}

init_shapes()
{
	check_shape 1 1 32
	check_shape 5 2 64
	check_shape 8 2 96
	check_shape $MAXV 1 128
	log_test "tables initialised for vfs 1/5/8/$MAXV, ports 1/2, pkeys 32..128"
}

caps_ranges()
{
	new_dev "$ID link=ib vfs=4 ports=2 pkeys=128"
	check_err $? "new_device"
	[[ $(kv_get "$D/caps" base_proxy_sqpn) == 0x10008 &&
	   $(kv_get "$D/caps" base_tunnel_sqpn) == 0x10288 &&
	   $(kv_get "$D/caps" proxy_sqpn_count) == 640 ]]
	check_err $? "caps special QP ranges: $(grep sqpn "$D/caps" | tr '\n' ' ')"
	log_test "caps document the proxy and tunnel QP ranges"
}

remap_event_one_vf()
{
	local before after

	before=$(all_events)
	write "$D/port1/virt2phys" "2 5 9"
	check_err $? "remap 2 5 9"
	[[ $(awk '$1 == 2 && $2 == 5 { print $3 }' "$D/port1/virt2phys") == 9 ]]
	check_err $? "row 2 5 not 9"
	[[ $(awk '$1 == 2 && $2 == 5 { print $3 }' "$D/port2/virt2phys") == 127 ]]
	check_err $? "port 2 changed too"
	after=$(all_events)
	[[ $(diff <(echo "$before") <(echo "$after") | grep -c '^>') == 1 &&
	   $(events 2 1) == 1 && $(events 2 2) == 0 ]]
	check_err $? "events not exactly one to vf2 port 1: $(diff <(echo "$before") <(echo "$after"))"
	log_test "admin remap: the entry changes, that VF alone gets one event"
}

remap_none()
{
	write "$D/port1/virt2phys" "2 5 none"
	check_err $? "remap none"
	[[ $(awk '$1 == 2 && $2 == 5 { print $3 }' "$D/port1/virt2phys") == 127 &&
	   $(events 2 1) == 2 ]]
	check_err $? "none is not pkeys-1 or no event"
	write "$D/port1/virt2phys" "2 5 127"
	[[ $(events 2 1) == 2 ]]
	check_err $? "an unchanged mapping sent an event"
	log_test "admin remap to none maps the reserved entry; no-op sends nothing"
}

remap_refused()
{
	local before after

	before=$(cat "$D/port1/virt2phys"; all_events)
	expect_fail EPERM write "$D/port1/virt2phys" "0 5 9"
	expect_fail ERANGE write "$D/port1/virt2phys" "1 128 1"
	expect_fail ERANGE write "$D/port1/virt2phys" "1 1 128"
	expect_fail ENOENT write "$D/port1/virt2phys" "5 1 1"
	expect_fail EINVAL write "$D/port1/virt2phys" "1 1 x"
	expect_fail EINVAL write "$D/port1/virt2phys" "1 1"
	expect_fail EINVAL write "$D/port1/virt2phys" "1 1 1 1"
	after=$(cat "$D/port1/virt2phys"; all_events)
	[[ $before == "$after" ]]
	check_err $? "a refused write changed state"
	expect_log "virt2phys: bad input '0'" \
		write "$D/port1/virt2phys" "0 5 9"
	check_err $? "no log line naming the token"
	log_test "admin remap refused: master row, out of range, junk; nothing changes"
}

remap_write_back_row()
{
	local row

	row=$(awk '$1 == 3 && $2 == 7' "$D/port2/virt2phys")
	write "$D/port2/virt2phys" "${row% *} 33"
	check_err $? "write back '$row' edited"
	[[ $(awk '$1 == 3 && $2 == 7 { print $3 }' "$D/port2/virt2phys") == 33 ]]
	check_err $? "edited row not applied"
	log_test "a row read from virt2phys can be edited and written back"
}

remap_inactive_no_event()
{
	local n

	write "$D/vf4/active" 0
	check_err $? "deactivate vf4"
	n=$(events 4 1)
	write "$D/port1/virt2phys" "4 3 12"
	[[ $(events 4 1) == "$n" ]]
	check_err $? "inactive VF got an event"
	write "$D/vf4/active" 1
	log_test "an inactive VF gets no remap event"
}

active_bad_input()
{
	expect_fail ERANGE write "$D/vf1/active" 2
	expect_fail EINVAL write "$D/vf1/active" yes
	[[ ! -e $D/vf0/active ]]
	check_err $? "vf0 (the master) has an active file"
	log_test "vf<S>/active refuses junk; the master has none"
}

guest_view()
{
	[[ -x $CTL ]] || { log_skip "guest view" "no $CTL"; return; }
	"$CTL" pkey-set "$ID" 1 --block 0 0=0xffff 9=0x8009 12=0x000c
	check_err $? "pkey-set"
	write "$D/port1/virt2phys" "1 4 9"
	[[ $(table_get "$D/vf1/port1/pkeys" index 4 pkey) == 0x8009 &&
	   $(table_get "$D/vf4/port1/pkeys" index 3 pkey) == 0x000c &&
	   $(table_get "$D/vf1/port1/pkeys" index 5 pkey) == 0x0000 &&
	   $(table_get "$D/vf1/port2/pkeys" index 4 pkey) == 0x0000 &&
	   $(table_get "$D/vf0/port1/pkeys" index 9 pkey) == 0x8009 ]]
	check_err $? "guest view does not follow virt2phys"
	log_test "guest view: entry i is the physical P_Key at virt2phys[i]"
}

big_tables()
{
	local id=62 t0 ms rows

	new_dev "$id link=ib vfs=$MAXV ports=2 pkeys=128"
	check_err $? "new_device vfs=$MAXV"
	t0=$(date +%s%N)
	rows=$(cat "$DBG/mlxsim$id/port2/virt2phys" | wc -l)
	cat "$DBG/mlxsim$id"/port*/pkey_cache "$DBG/mlxsim$id"/vf*/port*/pkeys \
		"$DBG/mlxsim$id"/vf*/events "$DBG/mlxsim$id"/vf*/qps >/dev/null
	check_err $? "cat of the tables failed"
	ms=$((($(date +%s%N) - t0) / 1000000))
	[[ $rows == $(((MAXV + 1) * 128 + 1)) ]]
	check_err $? "virt2phys has $rows lines, want $(((MAXV + 1) * 128 + 1))"
	log_info "cat of every table at ${MAXV}x2x128: ${ms} ms"
	del_dev "$id"
	log_test "tables readable with cat at $MAXV VFs x 2 ports x 128 P_Keys"
}

no_vfs_files()
{
	local id=63

	new_dev "$id link=ib ports=2"
	check_err $? "new_device without VFs"
	[[ -e $DBG/mlxsim$id/port1/mad && ! -e $DBG/mlxsim$id/port1/pkey_cache &&
	   ! -e $DBG/mlxsim$id/port1/virt2phys && -e $DBG/mlxsim$id/vf0/events &&
	   ! -e $DBG/mlxsim$id/vf1 ]]
	check_err $? "files of a device without VFs"
	! grep -q base_proxy_sqpn "$DBG/mlxsim$id/caps"
	check_err $? "caps shows special QP ranges without VFs"
	del_dev "$id"
	log_test "without VFs: mad and vf0 only, no tables"
}

tests_run
exit $EXIT_STATUS
