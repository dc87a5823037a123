#!/bin/bash
# SMP snoop with MADs built by mlxsimctl: identical SET -> no event; one
# change in block 1 -> cache 32+i, one master event, events only to the
# active VFs mapping it; several changes one VF -> one event; index 0 ->
# every active VF; GET, other class, failed MAD, out-of-range block,
# reserved entry, wrong size -> nothing changes; no VFs -> event per SET.

ALL_TESTS="
	load
	identical_set
	block1_one_change
	several_changes_one_event
	index0_every_active_vf
	directed_route
	get_changes_nothing
	other_class_changes_nothing
	failed_mad_changes_nothing
	block_out_of_range
	reserved_entry_refused
	wrong_size_refused
	no_vfs_event_every_set
	trace_events
	counters_agree
"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$(dirname "${BASH_SOURCE[0]}")/ib_lib.sh"

CTL=$MLXSIM_ROOT/tools/mlxsimctl/mlxsimctl
ID=70
D=$DBG/mlxsim$ID

events() # SLAVE PORT
{
	table_get "$D/vf$1/events" port "$2" count
}

state()
{
	cat "$D"/port*/pkey_cache "$D"/vf*/events
}

cache() # PORT INDEX
{
	table_get "$D/port$1/pkey_cache" index "$2" pkey
}

load()
{
	[[ -x $CTL ]] || skip_all "no $CTL (make -C tools/mlxsimctl)"
	mod_load
	check_err $? "cannot load $MLXSIM_KO"
	new_dev "$ID link=ib vfs=5 ports=2 pkeys=128"
	check_err $? "new_device"
	# port 1: vf1 3->37, vf2 4->37 on port 2 only, vf3 5->38, vf4 2->37
	# (vf4 inactive), vf5 maps nothing but the defaults
	write "$D/port1/virt2phys" "1 3 37" && write "$D/port2/virt2phys" "2 4 37" &&
	write "$D/port1/virt2phys" "3 5 38" && write "$D/port1/virt2phys" "4 2 37" &&
	write "$D/vf4/active" 0
	check_err $? "setting up the mappings"
	log_test "load, a device with 5 VFs and mappings"
}

identical_set()
{
	local before

	before=$(state)
	"$CTL" pkey-set "$ID" 1 0=0xffff
	check_err $? "pkey-set identical"
	[[ $before == "$(state)" ]]
	check_err $? "an identical SET changed something"
	log_test "identical SET: no change, no event"
}

block1_one_change()
{
	local m1=$(events 0 1) m2=$(events 0 2) v=() s

	for s in 1 2 3 4 5; do v[s]=$(events $s 1); done
	trace_on mlxsim/mlxsim_smp_snoop mlxsim/mlxsim_pkey_cache mlxsim/mlxsim_pkey_event
	"$CTL" pkey-set "$ID" 1 --block 1 5=0x8025
	check_err $? "pkey-set block 1"
	trace_off
	[[ $(cache 1 37) == 0x8025 && $(cache 2 37) == 0x0000 &&
	   $(table_get "$D/port1/pkey_cache" index 37 membership) == full &&
	   $(table_get "$D/port2/pkey_cache" index 37 membership) == invalid ]]
	check_err $? "cache index 37 not updated (or port 2 touched)"
	[[ $(events 0 1) == $((m1 + 1)) && $(events 0 2) == "$m2" ]]
	check_err $? "master events $(events 0 1)/$(events 0 2), want $((m1 + 1))/$m2"
	[[ $(events 1 1) == $((v[1] + 1)) && $(events 2 1) == "${v[2]}" &&
	   $(events 3 1) == "${v[3]}" && $(events 4 1) == "${v[4]}" &&
	   $(events 5 1) == "${v[5]}" ]]
	check_err $? "VF events wrong: $(for s in 1 2 3 4 5; do echo -n "vf$s=$(events $s 1) "; done)"
	[[ $(table_get "$D/vf1/port1/pkeys" index 3 pkey) == 0x8025 ]]
	check_err $? "vf1's guest view not updated"
	trace_read | grep -q "mlxsim_smp_snoop:.*port=1 class=0x01 block=1 changed=0x00000020 slaves=1 master=1"
	check_err $? "no mlxsim_smp_snoop with changed=0x00000020: $(trace_read | head -3)"
	trace_read | grep -q "mlxsim_pkey_cache:.*index=37 old=0x0000 new=0x8025"
	check_err $? "no mlxsim_pkey_cache for index 37"
	[[ $(trace_read | grep -c mlxsim_pkey_event) == 2 ]]
	check_err $? "want 2 mlxsim_pkey_event (master, vf1)"
	log_test "one change in block 1: cache 37, one master event, only active VFs mapping it"
}

several_changes_one_event()
{
	local v3=$(events 3 1) v1=$(events 1 1)

	write "$D/port1/virt2phys" "3 6 40" && write "$D/port1/virt2phys" "3 7 41"
	check_err $? "mappings"
	v3=$(events 3 1)
	"$CTL" pkey-set "$ID" 1 --block 1 --keep 6=0x8026 8=0x8028 9=0x8029
	check_err $? "pkey-set"
	[[ $(events 3 1) == $((v3 + 1)) && $(events 1 1) == "$v1" ]]
	check_err $? "vf3 $(events 3 1) (want $((v3 + 1))), vf1 $(events 1 1) (want $v1)"
	[[ $(cache 1 37) == 0x8025 && $(cache 1 38) == 0x8026 && $(cache 1 41) == 0x8029 ]]
	check_err $? "--keep did not keep block 1's other entries"
	log_test "several changed entries mapped by one VF: one event for it"
}

index0_every_active_vf()
{
	local v=() s m=$(events 0 1)

	for s in 1 2 3 4 5; do v[s]=$(events $s 1); done
	"$CTL" pkey-set "$ID" 1 0=0x7fff
	check_err $? "pkey-set index 0"
	for s in 1 2 3 5; do
		[[ $(events $s 1) == $((v[s] + 1)) ]]
		check_err $? "vf$s: $(events $s 1), want $((v[s] + 1))"
	done
	[[ $(events 4 1) == "${v[4]}" && $(events 0 1) == $((m + 1)) ]]
	check_err $? "inactive vf4 got an event, or master count wrong"
	[[ $(table_get "$D/port1/pkey_cache" index 0 membership) == limited ]]
	check_err $? "membership of 0x7fff is not limited"
	"$CTL" pkey-set "$ID" 1 0=0xffff
	log_test "change at index 0: every active VF, not the inactive one"
}

directed_route()
{
	local m=$(events 0 2) v2=$(events 2 2)

	"$CTL" pkey-set "$ID" 2 --dr --block 1 5=0x8099
	check_err $? "directed-route pkey-set"
	[[ $(cache 2 37) == 0x8099 && $(events 0 2) == $((m + 1)) &&
	   $(events 2 2) == $((v2 + 1)) ]]
	check_err $? "directed-route SET not snooped (vf2 maps 37 on port 2)"
	log_test "directed-route SubnSet is snooped too"
}

get_changes_nothing()
{
	local before=$(state)

	"$CTL" pkey-get "$ID" 1 --block 1
	check_err $? "pkey-get"
	"$CTL" mad "$ID" 1 --method get --block 0 0=0x1234
	check_err $? "get with data"
	[[ $before == "$(state)" ]]
	check_err $? "a GET changed something"
	log_test "SubnGet changes nothing"
}

other_class_changes_nothing()
{
	local before=$(state)

	# the PMA has no attribute 0x16; NodeInfo and NodeDescription are
	# read-only; 0x77 is no SMP attribute (IBA 13.4.7: status 0x000c)
	expect_fail EOPNOTSUPP "$CTL" mad "$ID" 1 --class 0x04 --method set 0=0x1234
	expect_fail EOPNOTSUPP "$CTL" mad "$ID" 1 --method set --attr 0x11 0=0x1234
	expect_fail EOPNOTSUPP "$CTL" mad "$ID" 1 --method set --attr 0x10 0=0x1234
	expect_fail EOPNOTSUPP "$CTL" mad "$ID" 1 --method set --attr 0x77 0=0x1234
	[[ $before == "$(state)" ]]
	check_err $? "another class/attribute changed something"
	log_test "another class or attribute changes nothing"
}

failed_mad_changes_nothing()
{
	local before

	# ib_core reads P_Keys by MAD_IFC too (query_pkey): let the cache
	# updates of earlier events finish, so the fault hits our MAD
	if [[ -e /sys/class/infiniband/mlxsim$ID ]]; then
		wait_for ib_pkey_cache_in_sync "$ID" 1
		wait_for ib_pkey_cache_in_sync "$ID" 2
		sleep 0.5
	fi
	before=$(state)
	write "$D/fail_cmd" "MAD_IFC EIO"
	expect_fail EIO "$CTL" pkey-set "$ID" 1 0=0xffff 1=0x8001
	[[ $before == "$(state)" ]]
	check_err $? "a failed MAD changed something"
	"$CTL" pkey-get "$ID" 1
	check_err $? "MAD after the one-shot fault"
	log_test "a MAD the firmware fails (fail_cmd MAD_IFC) changes nothing"
}

block_out_of_range()
{
	local before=$(state)

	expect_fail ERANGE "$CTL" pkey-set "$ID" 1 --block 4 0=0x8001
	# block = attr_mod & 0xffff: the upper half is not part of it
	expect_fail ERANGE "$CTL" pkey-set "$ID" 1 --block 0x10004 0=0x8001
	[[ $before == "$(state)" ]]
	check_err $? "an out-of-range block changed something"
	log_test "a block beyond the table is refused"
}

reserved_entry_refused()
{
	local before=$(state)

	expect_fail EINVAL "$CTL" pkey-set "$ID" 1 --block 3 0=0x8060 31=0x8001
	[[ $before == "$(state)" ]]
	check_err $? "a SET of the reserved entry changed something"
	expect_log "mad: bad input 'status=0x001c'" \
		"$CTL" pkey-set "$ID" 1 --block 3 0=0x8060 31=0x8001
	check_err $? "no log line with MAD status 0x001c"
	"$CTL" pkey-set "$ID" 1 --block 3 0=0x8060
	check_err $? "block 3 with the reserved entry 0"
	[[ $(cache 1 96) == 0x8060 && $(cache 1 127) == 0x0000 ]]
	check_err $? "block 3 not applied"
	log_test "a SET of the reserved last entry is refused whole (0x001c)"
}

wrong_size_refused()
{
	local before=$(state) f=/tmp/mlxsim-mad.$$

	"$CTL" pkey-set --dump "$f" 0=0x8001
	check_err $? "--dump"
	[[ $(stat -c %s "$f") == 256 ]]
	check_err $? "dump is not 256 bytes"
	expect_fail EINVAL dd if="$f" of="$D/port1/mad" bs=255 count=1 status=none
	expect_fail EINVAL sh -c "cat $f $f | dd of=$D/port1/mad bs=512 count=1 iflag=fullblock status=none"
	dd if="$f" of="$D/port1/mad" bs=256 count=1 status=none
	check_err $? "the dumped MAD written with dd"
	rm -f "$f"
	"$CTL" pkey-set "$ID" 1 0=0xffff
	log_test "only a single 256-byte write is accepted; --dump output is valid"
}

no_vfs_event_every_set()
{
	local id=71 dn=$DBG/mlxsim71

	new_dev "$id link=ib"
	check_err $? "new_device without VFs"
	"$CTL" pkey-set "$id" 1 0=0xffff && "$CTL" pkey-set "$id" 1 0=0xffff
	check_err $? "pkey-set"
	[[ $(table_get "$dn/vf0/events" port 1 count) == 2 ]]
	check_err $? "events $(table_get "$dn/vf0/events" port 1 count), want 2"
	"$CTL" pkey-set "$id" 1 --block 3 31=0x8001
	check_err $? "the last entry is not reserved without VFs"
	"$CTL" pkey-get "$id" 1
	[[ $(table_get "$dn/vf0/events" port 1 count) == 3 &&
	   $(table_get "$dn/vf0/port1/pkeys" index 127 pkey) == 0x8001 ]]
	check_err $? "GET counted or table not updated"
	del_dev "$id"
	log_test "device without VFs: an event on every PKeyTable SET"
}

trace_events()
{
	trace_on mlxsim/mlxsim_pkey_map
	write "$D/port1/virt2phys" "5 1 50"
	trace_off
	trace_read | grep -q "mlxsim_pkey_map:.*fn=$ID port=1 slave=5 index=1 old=127 new=50 cause=admin"
	check_err $? "no mlxsim_pkey_map: $(trace_read | tail -1)"
	log_test "mlxsim_pkey_map traces an admin remap"
}

# port<P>/counters: the kernel's own count of the MAD path, agreeing
# with the per-VF event tables and with the SETs this script sent.
counters_agree()
{
	local c=$D/port1/counters p vf=0 s snoops

	[[ -r $c ]]
	check_err $? "no $c"
	snoops=$(kv_get "$c" snoops)
	[[ $snoops -ge 5 && $(kv_get "$c" snoop_changes) -le $snoops &&
	   $(kv_get "$c" snoop_changes) -ge 3 ]]
	check_err $? "counters: $(tr '\n' ' ' < "$c")"
	[[ $(kv_get "$c" master_events) == "$(events 0 1)" ]]
	check_err $? "master_events $(kv_get "$c" master_events), vf0 events $(events 0 1)"
	for s in 1 2 3 4 5; do vf=$((vf + $(events $s 1))); done
	[[ $(kv_get "$c" vf_events) == "$vf" ]]
	check_err $? "vf_events $(kv_get "$c" vf_events), the VFs' tables sum to $vf"
	p=$(kv_get "$D/port2/counters" snoops)
	"$CTL" pkey-set "$ID" 2 --block 1 7=0x8031
	[[ $(kv_get "$D/port2/counters" snoops) == $((p + 1)) &&
	   $(kv_get "$c" snoops) == "$snoops" ]]
	check_err $? "a SET on port 2 counted on port 1, or not on port 2"
	log_test "port counters agree with the event tables"
}

tests_run
exit $EXIT_STATUS
