#!/bin/bash
# plugin_mlxsim.so with the real module: `trace-cmd record -e mlxsim` of a
# scenario that fires every mlxsim event the module has, then
# `trace-cmd report` must print each of them decoded by the plugin (built
# on the host in tools/plugins/, found through TRACEEVENT_PLUGIN_DIR), and
# `trace-cmd check-events` must parse every format.
#
# Each event needs a pattern in EXPECT below: a new event fails here until
# the plugin decodes it and the pattern is added.

ALL_TESTS="
	load
	record
	every_event_decoded
	nothing_undecoded
	scenario_details
	raw_option
	no_plugin_report
	check_events
"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PLUGIN_DIR=$MLXSIM_ROOT/tools/plugins
DAT=/tmp/mlxsim-plugin.dat
REPORT=/tmp/mlxsim-plugin.report
EVENTS=$TRACEFS/events/mlxsim

# --- what each event must look like once decoded ------------------------
N='[0-9]+'
G='[0-9a-f]{4}:[0-9a-f]{4}:[0-9a-f]{4}:[0-9a-f]{4}'
ERR='(OK|-?E[A-Z0-9]+)'
PK='0x[0-9a-f]{4}\((full|limited|invalid)\)'
IBEV='(port_active|port_err|pkey_change|lid_change|gid_change|sm_change|client_reregister)'
REASON='(ok|no_master|type_mismatch|port_busy|native_port|fw_error|master_removed|no_port|slave_removed)'
declare -A EXPECT=(
	[mlxsim_fn_add]="fn=$N guid=$G role=(ordinary|master|slave) type=(pf|vf) link=(eth|ib) native_port=$N ports=$N vfs=$N"
	[mlxsim_fn_remove]="fn=$N guid=$G role=(ordinary|master|slave)"
	[mlxsim_cmd]="fn=$N opcode=[A-Z0-9_]+\(0x[0-9a-f]+\) port=$N status=$ERR injected=(yes|no)"
	[mlxsim_mp_mdev_get]="ibdev=mlxsim$N port=$N fn=($N|-) result=(own|refcounted|no_function|unaffiliating) refcnt=$N"
	[mlxsim_mp_mdev_put]="ibdev=mlxsim$N port=$N fn=$N refcnt=$N waking=(yes|no)"
	[mlxsim_mp_bind]="slave=$N master=$N guid=$G port=$N reason=$REASON status=$ERR roce_users=$N"
	[mlxsim_mp_unbind]="slave=$N master=$N guid=$G port=$N waited=$N reason=$REASON status=$ERR roce_users=$N wait_ns=$N"
	[mlxsim_mp_unaffiliated]="slave=$N guid=$G type=(pf|vf) native_port=$N reason=$REASON waiting=$N"
	[mlxsim_mp_rescan]="ibdev=mlxsim$N slave=$N port=$N rescans=$N"
	[mlxsim_vport_affiliation]="fn=$N affiliated_vhca_id=($N|-) criteria=$N status=$ERR"
	[mlxsim_pkey_map]="fn=$N port=$N (vfs=$N pkeys=$N reserved=$N cause=init|slave=$N index=$N phys=$N->$N cause=admin)"
	[mlxsim_smp_snoop]="fn=$N port=$N class=(lid_routed|directed_route) block=$N changed=\[[0-9,-]*\] slaves=$N master=(yes|no) path=(snoop|event)"
	[mlxsim_pkey_cache]="fn=$N port=$N index=$N pkey=$PK->$PK"
	[mlxsim_pkey_event]="fn=$N port=$N slave=$N target=(master|slave) count=$N"
	[mlxsim_qp_paravirt]="fn=$N slave=$N qpn=0x[0-9a-f]+ type=(rc|uc|ud|smi|gsi) kind=(regular|proxy|tunnel) op=[A-Z0-9]+ port=$N pkey_index=(none|($N|none)->($N|none)) mgid_index=(none|(0x[0-9a-f]+|none)->(0x[0-9a-f]+|none)) qkey=0x[0-9a-f]+->0x[0-9a-f]+ alt_port=$N alt_pkey_index=(none|($N|none)->($N|none))"
	[mlxsim_qp_reject]="fn=$N slave=$N qpn=0x[0-9a-f]+ op=[A-Z0-9]+ reason=[a-z_]+ err=$ERR"
	[mlxsim_ib_register]="ibdev=mlxsim$N node_guid=$G ports=$N link=(eth|ib) status=$ERR"
	[mlxsim_ib_unregister]="ibdev=mlxsim$N events=$N"
	[mlxsim_ib_netdev]="ibdev=mlxsim$N port=$N netdev_fn=$N attach=(yes|no)"
	[mlxsim_ib_event]="ibdev=mlxsim$N port=$N event=$IBEV count=$N"
	[mlxsim_mad]="fn=$N port=$N class=(smi|smi_dr|sa|perf|cm|bm|dev_mgmt|snmp|cc) method=[A-Za-z]+ attr=[A-Za-z_]+\(0x[0-9a-f]+\) attr_mod=0x[0-9a-f]+ status=(ok|busy|redirect|bad_version|unsup_method|unsup_method_attr|invalid_field|passed)( dir=returning)? source=(local|wire|loopback|debugfs)"
	[mlxsim_sma_port]="fn=$N port=$N state=[a-z]+->[a-z]+ phys=[a-z_]+ lid=$N->$N sm_lid=$N->$N cause=(set|link_up|link_down)"
	[mlxsim_vf_event]="fn=$N port=$N slave=$N event=$IBEV count=$N"
	[mlxsim_vf_mad_reject]="fn=$N port=$N slave=$N class=(smi|smi_dr|sa|perf|cm|bm|dev_mgmt|snmp|cc) method=[A-Za-z]+ attr=[A-Za-z_]+\(0x[0-9a-f]+\) err=$ERR"
	[mlxsim_slave_port_state]="fn=$N port=$N slave=$N state=(down|pending_up|up)->(down|pending_up|up) event=(port_up|port_down|gid_valid|gid_invalid)"
	[mlxsim_guid_assign]="fn=$N port=$N slave=$N method=(set|delete) result=(sent|accepted|declined|failed|port_down|cached) guid=$G retry=$N"
)

# --- the scenario, run under trace-cmd record (this script, --scenario) --

# a scenario step: its failure is only logged (the checks are on the trace)
SCENARIO_ERR=/tmp/mlxsim-plugin-scenario.err
quiet() { "$@" 2>>"$SCENARIO_ERR" || echo "step failed: $*" >>"$SCENARIO_ERR"; return 0; }

# mad_pkey_set FILE CLASS BLOCK PKEY...: one SubnSet(PKeyTable) SMP, in one write
mad_pkey_set()
{
	python3 - "$@" <<'PY'
import os, struct, sys
path, cls, block = sys.argv[1], int(sys.argv[2], 0), int(sys.argv[3], 0)
pkeys = ([int(x, 0) for x in sys.argv[4:]] + [0] * 32)[:32]
mad = bytearray(256)
mad[0:4] = bytes([1, cls, 1, 0x02])      # base/class version 1, method Set
struct.pack_into('>H', mad, 16, 0x0016)  # attribute PKeyTable
struct.pack_into('>I', mad, 20, block)   # attribute modifier: block
struct.pack_into('>32H', mad, 64, *pkeys)
fd = os.open(path, os.O_WRONLY)
os.write(fd, bytes(mad))
os.close(fd)
PY
}

scenario()
{
	local d=$DBG

	# multiport: a master, a slave that binds to it, one that waits
	quiet write "$BUS/new_device" "1 vhca_ports=2"
	quiet write "$BUS/new_device" "2 guid=0x0002c90300000001 affiliate=1 native_port=2"
	quiet write "$BUS/new_device" "3 guid=0x0002c903000000aa affiliate=1 native_port=2"
	# native-port references: taken and put by hand, and by a command
	quiet write "$d/mlxsim1/port2/hold" "+2"
	quiet write "$d/mlxsim1/port2/hold" "-2"
	quiet write "$d/mlxsim1/port1/cmd" "ib CREATE_QP"
	quiet write "$d/mlxsim1/port2/cmd" "port QUERY_VPORT_COUNTER"
	# an injected firmware failure
	quiet write "$d/mlxsim2/fail_cmd" "QUERY_VPORT_COUNTER EIO"
	quiet write "$d/mlxsim1/port2/cmd" "port QUERY_VPORT_COUNTER"
	# unbind (slave removed), then the rest
	quiet write "$BUS/del_device" "2"
	quiet write "$BUS/del_device" "3"
	quiet write "$BUS/del_device" "1"

	# P_Key paravirtualization: an IB function with two VFs (table init)
	quiet write "$BUS/new_device" "10 link=ib vfs=2"
	# admin remap: VF 1's virtual index 1 -> physical 1 (VF 1 gets an event)
	quiet write "$d/mlxsim10/port1/virt2phys" "1 1 1"
	# the SM sets physical entries 1 and 2: cache changes, master and VF 1
	# get events
	quiet mad_pkey_set "$d/mlxsim10/port1/mad" 0x01 0 0xffff 0x8001 0x0002
	# a guest UD QP through RST2INIT and INIT2RTR, rewritten
	quiet write "$d/mlxsim10/vf1/qp_modify" "qpn=0x1000 type=ud op=RST2INIT port=1 pkey_index=1 qkey=0x1111"
	quiet write "$d/mlxsim10/vf1/qp_modify" "qpn=0x1000 op=INIT2RTR mgid_index=0"
	# VF 1's proxy SMI QP (base_proxy_sqpn + 8 * slave): the reserved Q_Key
	PROXY_QPN=$(printf '0x%x' $(($(kv_get "$d/mlxsim10/caps" base_proxy_sqpn) + 8)))
	quiet write "$d/mlxsim10/vf1/qp_modify" "qpn=$PROXY_QPN type=smi op=RST2INIT port=1 pkey_index=0"
	# refused: P_Key index outside the table
	quiet write "$d/mlxsim10/vf1/qp_modify" "qpn=0x1001 type=rc op=RST2INIT port=1 pkey_index=200"
	# InfiniBand management: a cable (both ends INIT), mlxsimctl's minimal
	# SM through umad (LIDs, ARMED, ACTIVE: the SMA's port changes, the
	# VFs' port events), the cable pulled (DOWN)
	quiet modprobe ib_umad
	quiet write "$BUS/new_device" "11 link=ib"
	quiet write "$BUS/link_device" "10:1 11:1"
	quiet "$MLXSIM_ROOT/tools/mlxsimctl/mlxsimctl" sm mlxsim10:1 --once
	# the port ACTIVE: the PF asks the SA for its VFs' alias GUIDs (sent)
	sleep 0.5
	# a guest's SubnSet through its VF device: refused by the PF
	"$MLXSIM_ROOT/tools/mlxsimctl/mlxsimctl" -U mlxsim10vf1:1 pkey-set \
		--timeout 200 --dr 0=0xffff >/dev/null 2>&1
	quiet write "$BUS/unlink_device" "10:1 11:1"
	quiet write "$BUS/del_device" "11"
	quiet write "$BUS/del_device" "10"
}

if [[ ${1:-} == --scenario ]]; then
	trap - EXIT
	trace_cmd_wait_recording || echo "trace-cmd is not reading every CPU" >>"$SCENARIO_ERR"
	scenario
	exit 0
fi

export TRACEEVENT_PLUGIN_DIR=$PLUGIN_DIR

# the decoded text of each mlxsim line: "EVENT TEXT"
report_lines()
{
	sed -nE 's/^.* (mlxsim_[a-z0-9_]+): +/\1 /p' "$REPORT"
}

exported_events()
{
	local d

	for d in "$EVENTS"/*/; do
		[[ -f $d/format ]] && basename "$d"
	done
}

load()
{
	[[ -f $PLUGIN_DIR/plugin_mlxsim.so ]]
	check_err $? "no $PLUGIN_DIR/plugin_mlxsim.so: build it on the host (make tools)"
	command -v trace-cmd >/dev/null
	check_err $? "trace-cmd not installed"
	mod_load
	check_err $? "cannot load $MLXSIM_KO"
	log_test "plugin built, trace-cmd present, module loaded"
}

record()
{
	local out

	local try ev missing

	# up to three recordings of the scenario: under load trace-cmd 3.1
	# sometimes loses a CPU's last, partial buffer page; every exported
	# event then decides whether the recording is whole
	for try in 1 2 3; do
		rm -f "$DAT" "$REPORT" "$SCENARIO_ERR"
		out=$(cd /tmp && trace-cmd record -e mlxsim -o "$DAT" bash "$(realpath "$0")" --scenario 2>&1)
		check_err $? "trace-cmd record failed: $(tail -n 5 <<<"$out")"
		[[ -s $DAT ]]
		check_err $? "no $DAT"
		out=$(trace-cmd report -i "$DAT" 2>&1 >"$REPORT")
		check_err $? "trace-cmd report failed: $out"
		[[ -z $out ]]
		check_err $? "trace-cmd report complained: $out"
		missing=
		for ev in $(exported_events); do
			grep -q " $ev: " "$REPORT" || missing+=" $ev"
		done
		[[ -z $missing ]] && break
		log_info "trace-cmd record $try: no$missing; recording again"
	done
	log_info "$(grep -c ' mlxsim_' "$REPORT") mlxsim events recorded"
	log_test "trace-cmd record -e mlxsim of the scenario, trace-cmd report"
}

every_event_decoded()
{
	local ev line bad=() n=0

	for ev in $(exported_events); do
		n=$((n + 1))
		if [[ -z ${EXPECT[$ev]:-} ]]; then
			bad+=("$ev: no pattern in t_trace_plugin.sh")
			continue
		fi
		line=$(report_lines | grep -m1 -E "^$ev ${EXPECT[$ev]}\$")
		if [[ -z $line ]]; then
			bad+=("$ev: no decoded line; got: $(report_lines | grep -m1 "^$ev ")")
		else
			log_info "sample: $(grep -m1 " $ev: " "$REPORT")"
		fi
	done
	((${#bad[@]} == 0))
	check_err $? "$(printf '%s\n' "${bad[@]}" "scenario errors:" "$(cat "$SCENARIO_ERR" 2>/dev/null)")"
	log_test "each of the $n exported events appears decoded in the report"
}

nothing_undecoded()
{
	local bad

	bad=$(report_lines | grep -E 'UNKNOWN|=\?' | head -n 5)
	[[ -z $bad ]]
	check_err $? "undecoded values: $bad"
	bad=$(report_lines | while read -r ev text; do
		[[ -n ${EXPECT[$ev]:-} && ! $text =~ ^${EXPECT[$ev]}$ ]] && echo "$ev $text"
	done | head -n 5)
	[[ -z $bad ]]
	check_err $? "lines not in the decoded shape: $bad"
	log_test "no mlxsim line with UNKNOWN or '?', every line in its decoded shape"
}

# expect_line WHAT REGEX: a report line (EVENT TEXT) matches, else the
# test fails showing that event's lines and the scenario's errors
expect_line()
{
	local what=$1 re=$2 ev

	grep -qE "$re" <<<"$R" && return 0
	ev=${re#^}
	ev=${ev%% *}
	check_err 1 "$what not decoded; $ev lines:
$(grep "^$ev " <<<"$R" | head -n 6)
scenario errors: $(cat "$SCENARIO_ERR" 2>/dev/null)"
}

scenario_details()
{
	R=$(report_lines)
	expect_line "master add" '^mlxsim_fn_add fn=1 guid=0002:c903:0000:0001 role=master type=pf link=eth native_port=1 ports=[0-9]+ vfs=0$'
	expect_line "injected EIO on QUERY_VPORT_COUNTER" '^mlxsim_cmd fn=2 opcode=QUERY_VPORT_COUNTER\(0x770\) port=[0-9]+ status=EIO injected=yes$'
	if [[ -d $EVENTS/mlxsim_mp_bind ]]; then
		expect_line "bind of slave 2 to master 1" '^mlxsim_mp_bind slave=2 master=1 guid=0002:c903:0000:0001 port=2 reason=ok status=OK '
		expect_line "slave 3 waiting (no_master)" '^mlxsim_mp_unaffiliated slave=3 guid=0002:c903:0000:00aa type=pf native_port=2 reason=no_master '
		expect_line "unbind of slave 2" '^mlxsim_mp_unbind slave=2 master=1 .* reason=slave_removed '
	fi
	expect_line "refcounted native-port get" '^mlxsim_mp_mdev_get ibdev=mlxsim1 port=2 fn=2 result=refcounted refcnt=1$'
	if [[ -d $EVENTS/mlxsim_smp_snoop ]]; then
		expect_line "snoop of entries 1-2" '^mlxsim_smp_snoop fn=10 port=1 class=lid_routed block=0 changed=\[1-2\] slaves=1 master=yes path=snoop$'
		expect_line "cache entry 2 0x0000 -> 0x0002" '^mlxsim_pkey_cache fn=10 port=1 index=2 pkey=0x0000\(invalid\)->0x0002\(limited\)$'
		expect_line "admin remap" '^mlxsim_pkey_map fn=10 port=1 slave=1 index=1 phys=127->1 cause=admin$'
		expect_line "UD INIT2RTR with forced GID 0x81" '^mlxsim_qp_paravirt fn=10 slave=1 qpn=0x1000 type=ud kind=regular op=INIT2RTR port=1 pkey_index=.* mgid_index=.*->0x81 '
		expect_line "proxy SMI RST2INIT with reserved Q_Key" '^mlxsim_qp_paravirt fn=10 slave=1 qpn=0x[0-9a-f]+ type=smi kind=proxy op=RST2INIT .* qkey=0x[0-9a-f]+->0xffff0008 alt_port=0 alt_pkey_index=none$'
		expect_line "P_Key index reject" '^mlxsim_qp_reject fn=10 slave=1 qpn=0x1001 op=RST2INIT reason=pkey_index err=ERANGE$'
	fi
	if [[ -d $EVENTS/mlxsim_sma_port ]]; then
		expect_line "the debugfs SET reaches process_mad's path" '^mlxsim_mad fn=10 port=1 class=smi method=Set attr=PKeyTable\(0x16\) attr_mod=0x0 status=ok source=debugfs$'
		expect_line "cable: INIT" '^mlxsim_sma_port fn=11 port=1 state=down->init phys=link_up lid=0->0 sm_lid=0->0 cause=link_up$'
		expect_line "the SM activates" '^mlxsim_sma_port fn=10 port=1 state=armed->active .* cause=set$'
		expect_line "unplugged: DOWN" '^mlxsim_sma_port fn=10 port=1 state=active->down phys=polling .* cause=link_down$'
		expect_line "a VF told of the LID" '^mlxsim_vf_event fn=10 port=1 slave=1 event=lid_change count=1$'
		expect_line "a guest's SubnSet refused" '^mlxsim_vf_mad_reject fn=10 port=1 slave=1 class=smi_dr method=Set attr=PKeyTable\(0x16\) err=EPERM$'
		expect_line "a VF port pending (no alias GUID)" '^mlxsim_slave_port_state fn=10 port=1 slave=2 state=down->pending_up event=port_up$'
	fi
	log_test "scenario steps decoded with their values"
}

raw_option()
{
	local out

	out=$(trace-cmd report -i "$DAT" -O mlxsim:raw 2>&1 | grep ' mlxsim_fn_add:' | head -n1)
	log_info "raw: $out"
	[[ $out =~ guid=0x0002c90300000001\ role=1\ type=0\ link=0 ]]
	check_err $? "-O mlxsim:raw did not print numbers: $out"
	trace-cmd options 2>/dev/null | grep -A1 -x $'  plugin:\tmlxsim' | grep -qx $'  option:\traw'
	check_err $? "trace-cmd options does not list mlxsim:raw"
	log_test "option mlxsim:raw (listed by trace-cmd options) prints numbers"
}

no_plugin_report()
{
	local out

	out=$(trace-cmd report -N -i "$DAT" 2>&1 | grep ' mlxsim_fn_add:' | head -n1)
	log_info "no plugin: $out"
	[[ $out =~ guid=0x0002c90300000001\ role=master ]]
	check_err $? "report -N (no plugins) not decoded by the format: $out"
	log_test "trace-cmd report -N prints the kernel's decoded format"
}

check_events()
{
	local out

	out=$(trace-cmd check-events 2>&1)
	check_err $? "trace-cmd check-events failed: $(grep -i mlxsim <<<"$out" | head -n 5)"
	out=$(trace-cmd check-events -N 2>&1)
	check_err $? "trace-cmd check-events -N failed: $(grep -i mlxsim <<<"$out" | head -n 5)"
	log_test "trace-cmd check-events (with and without plugins): no parse failures"
}

tests_run
exit $EXIT_STATUS
