#!/bin/bash
# A real Subnet Manager and infiniband-diags against mlxsim, through the
# kernel's ib_mad/ib_umad: uncabled ports Down/Polling, a cable brings
# them to Initializing/LinkUp, OpenSM activates them and programs the
# partitions (snooped into the P_Key cache; only the VFs that map a changed
# entry are told), SA and PMA queries answer, unplugging and plugging the
# cable, SIGHUP with an edited partitions.conf, SIGTERM, a reserved-entry
# SET refused, and the same with port_mng_chg_ev firmware.  The commands
# are the README's "Run a real Subnet Manager".

ALL_TESTS="
	uncabled_ports
	sma_answers
	cable_bad_input
	bad_mads_umad
	cable_init
	opensm_activates
	opensm_partitions
	sa_and_pma
	mlxtop_shows_ports
	unplug_replug
	opensm_hup
	opensm_term
	reserved_entry
	mng_chg_ev_path
	remove_unplugs
"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$(dirname "${BASH_SOURCE[0]}")/ib_lib.sh"

N=1		# SR-IOV master, 2 IB ports, 4 VFs: runs the SM
M=2		# its neighbour, one IB port
CTL=$MLXSIM_ROOT/tools/mlxsimctl/mlxsimctl
cleanup()
{
	osm_stop
}

# ibstat_field DEV PORT FIELD: e.g. "State" -> Active, as ibstat prints it
ibstat_field()
{
	ibstat "$1" "$2" 2>/dev/null |
		awk -F': ' -v f="$3" '{ sub(/^[ \t]+/, "") } $1 == f { print $2; exit }'
}

port_state_is() # DEV PORT STATE PHYS
{
	[[ $(ibstat_field "$1" "$2" State) == "$3" &&
	   $(ibstat_field "$1" "$2" "Physical state") == "$4" ]]
}

# port_pkeys DEV PORT: the port's non-zero P_Keys from smpquery, sorted
port_pkeys()
{
	smpquery -C "$1" -P "$2" -D pkeys 0 2>/dev/null |
		awk '/:/ { for (i = 2; i <= NF; i++) if ($i != "0x0000") print $i }' |
		sort
}

# vf_pkey_events ID VF PORT: the P_Key change count of the VF on PORT
vf_pkey_events()
{
	table_get "$DBG/mlxsim$1/vf$2/events" port "$3" count
}

partitions() # FILE P_KEY...: Default plus one partition per P_Key
{
	local f=$1 i=0 k

	shift
	echo "Default=0x7fff, ipoib : ALL=full ;" >"$f"
	for k in "$@"; do
		# a leading "l" makes it limited membership
		if [[ $k == l* ]]; then
			echo "p$i=${k#l} : ALL=limited ;" >>"$f"
		else
			echo "p$i=$k : ALL=full ;" >>"$f"
		fi
		i=$((i + 1))
	done
}

osm_log_has() # PATTERN
{
	grep -q -- "$1" "$OSM/log"
}

uncabled_ports()
{
	modprobe ib_umad
	check_err $? "modprobe ib_umad"
	new_dev "$N link=ib ports=2 vfs=4"
	check_err $? "new_device $N"
	new_dev "$M link=ib"
	check_err $? "new_device $M"
	[[ -c /dev/infiniband/umad0 && -c /dev/infiniband/issm0 ]]
	check_err $? "no umad/issm devices: $(ls /dev/infiniband 2>&1)"
	port_state_is mlxsim$N 1 Down Polling && port_state_is mlxsim$N 2 Down Polling
	check_err $? "mlxsim$N ports not Down/Polling: $(ibstat mlxsim$N 2>&1)"
	[[ $(ibstat_field mlxsim$N 1 "Base lid") == 0 ]]
	check_err $? "an uncabled port has a LID"
	[[ $(ibstat_field mlxsim$N 1 "CA type") == MT4099 || $(ibstat mlxsim$N | grep -c MT4099) -ge 1 ]]
	check_err $? "CA type is not a ConnectX-3's: $(ibstat mlxsim$N | head -3)"
	log_test "uncabled IB ports are Down/Polling with LID 0"
}

sma_answers()
{
	local ni pi caps=$DBG/mlxsim$N/caps

	ni=$(smpquery -C mlxsim$N -P 1 -D nodeinfo 0)
	check_err $? "smpquery nodeinfo"
	grep -q "^NumPorts:\.*2$" <<<"$ni" &&
	grep -qi "^SystemGuid:\.*$(kv_get "$caps" guid)$" <<<"$ni" &&
	grep -q "^PartCap:\.*$(kv_get "$caps" pkeys)$" <<<"$ni" &&
	grep -q "^DevId:\.*0x1003$" <<<"$ni" &&
	grep -q "^LocalPort:\.*1$" <<<"$ni"
	check_err $? "nodeinfo disagrees with caps: $ni"
	smpquery -C mlxsim$M -P 1 -D nodeinfo 0 | grep -q "^DevId:\.*0x1013$"
	check_err $? "a function without VFs is not a ConnectX-4"
	pi=$(smpquery -C mlxsim$N -P 1 -D portinfo 0)
	check_err $? "smpquery portinfo"
	grep -q "^LinkState:\.*Down$" <<<"$pi" && grep -q "^Lid:\.*0$" <<<"$pi"
	check_err $? "portinfo: $pi"
	[[ $(port_pkeys mlxsim$N 1) == 0xffff &&
	   $(table_get "$DBG/mlxsim$N/port1/pkey_cache" index 0 pkey) == 0xffff ]]
	check_err $? "pkeys: $(port_pkeys mlxsim$N 1)"
	log_test "smpquery nodeinfo, portinfo, pkeys answer what caps and pkey_cache say"
}

# umad_status ARGS...: the MAD status name mlxsimctl prints for one MAD
# through the kernel's MAD stack to mlxsim$N port 1
umad_status()
{
	"$CTL" mad -U mlxsim$N:1 --dr "$@" 2>&1 | grep -o 'status 0x[0-9a-f]*' | head -n1
}

bad_mads_umad()
{
	local before errs

	before=$(cat "$DBG/mlxsim$N/port1/pkey_cache" "$DBG/mlxsim$N"/vf*/events; smpquery -C mlxsim$N -P 1 -D portinfo 0)
	errs=$(sma $N 1 mad_errors)
	[[ $(umad_status --method set --attr NodeInfo) == "status 0x000c" ]]
	check_err $? "SET of read-only NodeInfo: $(umad_status --method set --attr NodeInfo)"
	[[ $(umad_status --method set --attr NodeDescription) == "status 0x000c" ]]
	check_err $? "SET of read-only NodeDescription"
	[[ $(umad_status --method get --attr 0x77) == "status 0x000c" ]]
	check_err $? "GET of attribute 0x77: $(umad_status --method get --attr 0x77)"
	[[ $(umad_status --method get --class-version 2) == "status 0x0004" ]]
	check_err $? "class version 2: $(umad_status --method get --class-version 2)"
	[[ $(umad_status --method set --block 7 0=0x8001) == "status 0x001c" ]]
	check_err $? "a block beyond the table"
	[[ $(umad_status --method set --block 3 31=0x8001) == "status 0x001c" ]]
	check_err $? "the reserved entry through umad"
	[[ $(sma $N 1 mad_errors) -ge $((errs + 6)) ]]
	check_err $? "mad_errors $(sma $N 1 mad_errors), was $errs"
	[[ $before == "$(cat "$DBG/mlxsim$N/port1/pkey_cache" "$DBG/mlxsim$N"/vf*/events; smpquery -C mlxsim$N -P 1 -D portinfo 0)" ]]
	check_err $? "a refused MAD changed something"
	log_test "bad MADs through umad: the IBA status, counted in mad_errors, nothing changed"
}

cable_bad_input()
{
	new_dev "9"	# an Ethernet function
	expect_fail EINVAL write "$BUS/link_device" "$N:1"
	expect_fail EINVAL write "$BUS/link_device" "$N:3 $M:1"
	expect_fail EINVAL write "$BUS/link_device" "$N:2 $M:2"
	expect_fail EINVAL write "$BUS/link_device" "$N:1 $N:1"
	expect_fail EINVAL write "$BUS/link_device" "$N:1 9:1"
	expect_fail EINVAL write "$BUS/link_device" "$N-1 $M:1"
	expect_fail EINVAL write "$BUS/link_device" "0x1:1 $M:1"
	expect_fail ENOENT write "$BUS/link_device" "$N:1 42:1"
	expect_fail ENOENT write "$BUS/unlink_device" "$N:1 $M:1"
	[[ $(table_rows "$DBG/links") == 0 ]]
	check_err $? "a refused cable is in links: $(cat $DBG/links)"
	port_state_is mlxsim$N 1 Down Polling
	check_err $? "a refused cable changed the port"
	del_dev 9
	log_test "link_device refuses bad and unknown ports, changes nothing"
}

cable_init()
{
	write "$BUS/link_device" "$N:1 $M:1"
	check_err $? "link_device $N:1 $M:1"
	expect_fail EBUSY write "$BUS/link_device" "$N:1 $M:1"
	expect_fail EBUSY write "$BUS/link_device" "$N:2 $M:1"
	[[ $(table_get "$DBG/links" a $N b) == "$M" ]]
	check_err $? "links: $(cat $DBG/links)"
	port_state_is mlxsim$N 1 Initializing LinkUp &&
	port_state_is mlxsim$M 1 Initializing LinkUp
	check_err $? "cabled ports not Initializing/LinkUp: $(ibstat mlxsim$N 1) $(ibstat mlxsim$M 1)"
	port_state_is mlxsim$N 2 Down Polling
	check_err $? "the uncabled port 2 changed"
	[[ $(sma $N 1 peer) == "$M:1" && $(sma $M 1 peer) == "$N:1" ]]
	check_err $? "sma peer: $(sma $N 1 peer) $(sma $M 1 peer)"
	log_test "a cable brings both ends to Initializing/LinkUp"
}

opensm_activates()
{
	local lid_n lid_m t0

	# VF1 index 1 -> phys 1, VF2 index 1 -> phys 2, VF3 index 2 -> phys 5
	write "$DBG/mlxsim$N/port1/virt2phys" "1 1 1" &&
	write "$DBG/mlxsim$N/port1/virt2phys" "2 1 2" &&
	write "$DBG/mlxsim$N/port1/virt2phys" "3 2 5"
	check_err $? "virt2phys remap"
	# a remap tells the VF itself: count from here
	VF_BASE=$(for v in 1 2 3 4; do vf_pkey_events $N $v 1; done | tr '\n' ' ')
	trace_on mlxsim/mlxsim_smp_snoop mlxsim/mlxsim_mad mlxsim/mlxsim_sma_port
	partitions "$OSM.conf" 0x8001 l0x8002 0x0003
	t0=$SECONDS
	osm_start $N "$OSM.conf"
	wait_secs $((30 * SLOW)) eval 'port_state_is mlxsim$N 1 Active LinkUp &&
			   port_state_is mlxsim$M 1 Active LinkUp'
	check_err $? "not Active within $((30 * SLOW)) s: $(ibstat mlxsim$N 1; ibstat mlxsim$M 1; tail -5 $OSM/log)"
	log_info "OpenSM: both ends Active after $((SECONDS - t0)) s"
	lid_n=$(ibstat_field mlxsim$N 1 "Base lid")
	lid_m=$(ibstat_field mlxsim$M 1 "Base lid")
	[[ $lid_n != 0 && $lid_m != 0 && $lid_n != "$lid_m" ]]
	check_err $? "LIDs $lid_n and $lid_m"
	[[ $(ibstat_field mlxsim$N 1 "SM lid") == "$lid_n" &&
	   $(ibstat_field mlxsim$M 1 "SM lid") == "$lid_n" ]]
	check_err $? "SM LID is not $lid_n on both ends"
	[[ $(sma $N 1 is_sm) == 1 ]]
	check_err $? "IsSM not set while OpenSM holds the port"
	sminfo -C mlxsim$N -P 1 | grep -q "sm lid $lid_n .*SMINFO_MASTER"
	check_err $? "sminfo: $(sminfo -C mlxsim$N -P 1 2>&1)"
	[[ $(ibnetdiscover -C mlxsim$N -P 1 | grep -c '^Ca') == 2 ]] &&
	ibnetdiscover -C mlxsim$N -P 1 | grep -q "^\[1\].*\"H-.*\"\[1\]"
	check_err $? "ibnetdiscover: $(ibnetdiscover -C mlxsim$N -P 1 2>&1)"
	[[ $(ib_event_count $N 1 port_active) -ge 1 && $(ib_event_count $M 1 port_active) -ge 1 ]]
	check_err $? "no PORT_ACTIVE on ib_core"
	log_test "OpenSM activates both ends: distinct LIDs, SM LID, sminfo, ibnetdiscover"
}

opensm_partitions()
{
	local want got_n got_m

	want=$(printf '%s\n' 0x0002 0x8001 0x8003 0xffff)
	wait_secs $((10 * SLOW)) eval '[[ $(port_pkeys mlxsim$N 1) == "$want" && $(port_pkeys mlxsim$M 1) == "$want" ]]'
	got_n=$(port_pkeys mlxsim$N 1 | tr '\n' ' ')
	got_m=$(port_pkeys mlxsim$M 1 | tr '\n' ' ')
	check_err $? "P_Keys: mlxsim$N $got_n, mlxsim$M $got_m, want $(echo $want)"
	[[ $(awk '$2 == "0x0002" { print $3 }' "$DBG/mlxsim$N/port1/pkey_cache") == limited &&
	   $(awk '$2 == "0x8001" { print $3 }' "$DBG/mlxsim$N/port1/pkey_cache") == full ]]
	check_err $? "memberships in pkey_cache"
	ib_pkey_cache_in_sync $N 1
	check_err $? "ib_core's P_Key cache: $(ib_pkey_cache_diff $N 1)"
	trace_read | grep -q "mlxsim_smp_snoop: fn=$N port=1 class=0x81 block=0 changed=0x0000000e .* path=snoop"
	check_err $? "no snoop of the SM's SubnSet(PKeyTable): $(trace_read | grep snoop | head -3)"
	# the SM's own port: ib_mad hands its SMPs to process_mad (local);
	# the neighbour's come over the cable
	trace_read | grep -q "mlxsim_mad: fn=$N port=1 class=0x81 method=0x02 attr=0x0016 .*status=0x0000 source=local" &&
	trace_read | grep -q "mlxsim_mad: fn=$M port=1 class=0x81 method=0x02 attr=0x0016 .*status=0x0000 source=wire"
	check_err $? "no mlxsim_mad of the SM's SETs: $(trace_read | grep 'method=0x02 attr=0x0016' | head -3)"
	local -a base=($VF_BASE)
	local got v

	got=$(for v in 1 2 3 4; do echo $(($(vf_pkey_events $N $v 1) - base[v - 1])); done | tr '\n' ' ')
	[[ $got == "1 1 0 0 " ]]
	check_err $? "VF P_Key events since the remap (want 1 1 0 0): $got"
	log_test "every partition in both tables; snooped; only VFs mapping a changed entry told"
}

sa_and_pma()
{
	local lid out

	out=$(saquery -C mlxsim$N -P 1 NR)
	check_err $? "saquery NR"
	[[ $(grep -c "NodeRecord dump" <<<"$out") == 2 ]]
	check_err $? "saquery NR: $out"
	saquery -C mlxsim$N -P 1 PIR | grep -q "PortInfoRecord dump"
	check_err $? "saquery PIR: $(saquery -C mlxsim$N -P 1 PIR 2>&1 | head -5)"
	for lid in $(ibstat_field mlxsim$N 1 "Base lid") $(ibstat_field mlxsim$M 1 "Base lid"); do
		out=$(perfquery -C mlxsim$N -P 1 "$lid" 1)
		check_err $? "perfquery $lid"
		grep -Eq "^PortXmitPkts:\.*[1-9]" <<<"$out"
		check_err $? "perfquery $lid: $out"
		perfquery -x -C mlxsim$N -P 1 "$lid" 1 | grep -Eq "^PortRcvPkts:\.*[1-9]"
		check_err $? "perfquery -x $lid"
	done
	log_test "saquery (NR, PIR) and perfquery of both LIDs answer"
}

mlxtop_shows_ports()
{
	local out row lid

	out=$("$MLXSIM_ROOT/tools/mlxtop/mlxtop" --once 2>&1)
	check_err $? "mlxtop --once: $out"
	lid=$(ibstat_field mlxsim$M 1 "Base lid")
	row=$(sed -n '/^IB LINKS/,/^$/p' <<<"$out" | awk -v m=$M '$1 == m && $2 == 1')
	[[ $(awk '{ print $3, $4, $5, $7 }' <<<"$row") == "active link_up $lid $(ibstat_field mlxsim$N 1 'Base lid')" &&
	   $(awk '{ print $12 }' <<<"$row") == "$N:1" ]]
	check_err $? "mlxtop's IB port row of mlxsim$M: '$row'"
	"$MLXSIM_ROOT/tools/mlxtop/mlxtop" --json 2>/dev/null |
		python3 -c 'import json, sys; d = json.load(sys.stdin); sys.exit(0 if d.get("links") else 1)'
	check_err $? "mlxtop --json has no cables"
	log_test "mlxtop shows each IB port's state, LID, SM LID and cable"
}

unplug_replug()
{
	local err_n err_m

	err_n=$(ib_event_count $N 1 port_err)
	err_m=$(ib_event_count $M 1 port_err)
	write "$BUS/unlink_device" "$N:1 $M:1"
	check_err $? "unlink_device"
	port_state_is mlxsim$N 1 Down Polling && port_state_is mlxsim$M 1 Down Polling
	check_err $? "unplugged ports not Down/Polling"
	wait_for eval '[[ $(ib_event_count $N 1 port_err) == $((err_n + 1)) &&
			  $(ib_event_count $M 1 port_err) == $((err_m + 1)) ]]'
	check_err $? "PORT_ERR not raised once on each end"
	wait_secs $((20 * SLOW)) osm_log_has "SM port is down"
	check_err $? "OpenSM did not notice: $(tail -3 $OSM/log)"
	write "$BUS/link_device" "$N:1 $M:1"
	check_err $? "link_device again"
	wait_secs $((30 * SLOW)) eval 'port_state_is mlxsim$N 1 Active LinkUp &&
			   port_state_is mlxsim$M 1 Active LinkUp'
	check_err $? "not Active again after the SM's sweep"
	log_test "unplug: both Down with PORT_ERR, OpenSM notices; plug: Active again"
}

opensm_hup()
{
	local before after changed v1 v2 idx

	before=$(awk 'NR > 1 { print $1, $2 }' "$DBG/mlxsim$N/port1/pkey_cache")
	idx=$(awk '$2 == "0x0002" { print $1 }' "$DBG/mlxsim$N/port1/pkey_cache")
	v1=$(vf_pkey_events $N 1 1)
	v2=$(vf_pkey_events $N 2 1)
	# the limited partition 0x8002 goes
	partitions "$OSM.conf" 0x8001 0x0003
	kill -HUP "$OSM_PID"
	wait_secs $((30 * SLOW)) eval '[[ $(table_get $DBG/mlxsim$N/port1/pkey_cache index $idx pkey) == 0x0000 ]]'
	check_err $? "the removed partition's entry $idx is still $(table_get $DBG/mlxsim$N/port1/pkey_cache index $idx pkey)"
	after=$(awk 'NR > 1 { print $1, $2 }' "$DBG/mlxsim$N/port1/pkey_cache")
	changed=$(diff <(echo "$before") <(echo "$after") | grep -c '^>')
	[[ $changed == 1 ]]
	check_err $? "$changed entries changed, want only $idx"
	# VF2 maps phys 2 (0x0002's entry) when idx is 2; VF1 maps phys 1
	[[ $(vf_pkey_events $N 1 1) == "$v1" ]]
	check_err $? "VF1 was told of an entry it does not map"
	if [[ $idx == 2 ]]; then
		[[ $(vf_pkey_events $N 2 1) == $((v2 + 1)) ]]
		check_err $? "VF2 not told once that its entry went"
	fi
	log_test "SIGHUP with a partition removed: only its entry changes (to 0), only its VFs told"
}

opensm_term()
{
	osm_stop
	[[ $(sma $N 1 is_sm) == 0 ]]
	check_err $? "IsSM still set after OpenSM exited"
	port_state_is mlxsim$N 1 Active LinkUp && port_state_is mlxsim$M 1 Active LinkUp
	check_err $? "ports left ACTIVE by the spec changed"
	log_test "SIGTERM: OpenSM clears IsSM; the ports stay Active"
}

reserved_entry()
{
	local keys=() i cache

	for ((i = 1; i <= 130; i++)); do
		keys+=("$(printf '0x%04x' $((0x8000 + 0x100 + i)))")
	done
	partitions "$OSM.conf" "${keys[@]}"
	dmesg_mark
	trace_on mlxsim/mlxsim_mad
	osm_start $N "$OSM.conf"
	wait_secs $((40 * SLOW)) eval 'trace_read | grep -q "fn=$N port=1 class=0x81 method=0x02 attr=0x0016 attr_mod=0x00000003 status=0x001c"'
	check_err $? "no refused SET of block 3: $(trace_read | grep 'attr=0x0016' | tail -3)"
	wait_secs $((10 * SLOW)) eval 'grep -qi "status.*0x1c\|0x1c.*status" $OSM/log'
	check_err $? "OpenSM's log does not show the refusal: $(grep -i err $OSM/log | tail -3)"
	osm_stop
	cache=$(table_get "$DBG/mlxsim$N/port1/pkey_cache" index 127 pkey)
	[[ $cache == 0x0000 ]]
	check_err $? "reserved entry 127 is $cache"
	[[ -z $(dmesg_since | grep -v "ib_umad\|ib_mad") ]]
	check_err $? "kernel log lines: $(dmesg_since | head -3)"
	log_test "an SM's SET of the reserved entry is refused with 0x001c, OpenSM logs it, no kernel log"
}

mng_chg_ev_path()
{
	local want

	new_dev "3 link=ib vfs=4 port_mng_chg_ev=1"
	check_err $? "new_device port_mng_chg_ev=1"
	new_dev "4 link=ib"
	write "$DBG/mlxsim3/port1/virt2phys" "1 1 1"
	local v1=$(vf_pkey_events 3 1 1)
	write "$BUS/link_device" "3:1 4:1"
	check_err $? "link 3:1 4:1"
	trace_on mlxsim/mlxsim_smp_snoop mlxsim/mlxsim_vf_event mlxsim/mlxsim_pkey_event
	partitions "$OSM.conf" 0x8001 l0x8002 0x0003
	osm_start 3 "$OSM.conf"
	want=$(printf '%s\n' 0x0002 0x8001 0x8003 0xffff)
	wait_secs $((40 * SLOW)) eval '[[ $(port_pkeys mlxsim3 1) == "$want" ]] && port_state_is mlxsim3 1 Active LinkUp'
	check_err $? "mlxsim3: $(port_pkeys mlxsim3 1 | tr '\n' ' ')"
	wait_for eval '[[ $(vf_pkey_events 3 1 1) == $((v1 + 1)) && $(vf_pkey_events 3 2 1) == 0 ]]'
	check_err $? "VF events (want $((v1 + 1)) 0): $(vf_pkey_events 3 1 1) $(vf_pkey_events 3 2 1); $(trace_read | grep -E 'snoop|pkey_event' | head -8)"
	trace_read | grep -q "mlxsim_smp_snoop: fn=3 port=1 .* path=event"
	check_err $? "no event-path snoop: $(trace_read | grep snoop | head -2)"
	trace_read | grep "mlxsim_smp_snoop: fn=3 " | grep -q "path=snoop"
	check_fail $? "the driver snooped although the firmware raises events"
	[[ $(table_get "$DBG/mlxsim3/vf1/events" port 1 lid_change) -ge 1 ]]
	check_err $? "VF1 got no LID change: $(cat $DBG/mlxsim3/vf1/events)"
	osm_stop
	log_test "port_mng_chg_ev=1: same tables and events, propagated from PORT_MNG_CHG_EV"
}

remove_unplugs()
{
	del_dev $M
	check_err $? "del_device $M"
	port_state_is mlxsim$N 1 Down Polling
	check_err $? "the peer of a removed function stays up"
	[[ $(sma $N 1 peer) == - &&
	   -z $(awk -v m=$M 'NR > 1 && ($1 == m || $3 == m)' "$DBG/links") ]]
	check_err $? "the cable of a removed function remains: $(cat $DBG/links)"
	log_test "removing a function unplugs its cables"
}

ib_skip_unless_core
command -v opensm >/dev/null || skip_all "no opensm"
command -v ibstat >/dev/null || skip_all "no infiniband-diags"
mod_load || skip_all "cannot load mlxsim"
tests_run
exit $EXIT_STATUS
