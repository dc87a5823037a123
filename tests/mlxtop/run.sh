#!/bin/bash
# mlxtop tests on the host: the ASan/UBSan unit binary, then the built tool
# against saved tables (no module needed). Last line:
# "mlxtop: N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
unit=${1:-$top/build/mlxtop/mlxtop_tests}
mlxtop=$top/tools/mlxtop/mlxtop
fx=$here/fixtures/topo
pass=0
fail=0
n=0

ok() { n=$((n + 1)); pass=$((pass + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); fail=$((fail + 1)); echo "not ok $n - $1"; [[ -n ${2:-} ]] && echo "# $2"; }
check() { local name=$1; shift; if "$@"; then ok "$name"; else nok "$name"; fi; }

pftrace=$(mktemp --suffix=.pftrace)
out=$("$unit" "$here/fixtures" "$pftrace" 2>&1)
echo "$out" | sed 's/^/# /'
line=$(echo "$out" | grep -E '^unit: [0-9]+ passed, [0-9]+ failed' | tail -n1)
if [[ $line =~ ([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then
	pass=$((pass + BASH_REMATCH[1]))
	fail=$((fail + BASH_REMATCH[2]))
else
	nok "unit binary crashed"
fi

# the unit test's Perfetto scenario, decoded by protoc as well
if command -v protoc >/dev/null; then
	raw=$(protoc --decode_raw <"$pftrace" 2>&1)
	check "--perfetto: protoc --decode_raw reads the trace" test $? -eq 0
	check "  tracks named per function and IB port" bash -c \
		"grep -q 'fn_add master' <<<'$raw' && grep -q 'mlxsim1 port 2' <<<'$raw'"
	check "  slices begin and end (type 1, 2), counters (type 4)" bash -c \
		"grep -q '^    9: 1\$' <<<'$raw' && grep -q '^    9: 2\$' <<<'$raw' && grep -q '^    9: 4\$' <<<'$raw'"
	check "  flows (field 47) and their ends (field 48)" bash -c \
		"grep -q '^    47: 0x' <<<'$raw' && grep -q '^    48: 0x' <<<'$raw'"
	check "  an unbind's wait: its own track under the port, a slice named for its references" bash -c \
		"grep -q 'mlxsim1 port 2 unbind waits' <<<'$raw' && grep -q 'unbind of mlxsim2 waits for 2 references' <<<'$raw'"
	check "  roce_en: a counter track per slave function" bash -c "grep -q 'mlxsim2 roce_en (users)' <<<'$raw'"
	# packets in timestamp order: field 8 of each packet never goes back
	check "  packets in timestamp order (the wait slice begins before events written ahead of it)" bash -c \
		"grep -E '^  8: [0-9]+\$' <<<'$raw' | awk '{ if (\$2 < last) exit 1; last = \$2 }'"
else
	nok "--perfetto: protoc not installed (scripts/install-deps.sh: protobuf-compiler)"
fi
rm -f "$pftrace"
usage_err_pf=$("$top/tools/mlxtop/mlxtop" --perfetto /tmp/x.pftrace 2>&1 >/dev/null)
check "--perfetto without -i: refused" bash -c "[[ '$usage_err_pf' == 'mlxtop: --perfetto'* ]]"

[[ -x $mlxtop ]] || make -s -C "$top/tools/mlxtop" >/dev/null
check "--help is a usage text, exit 0" bash -c "'$mlxtop' --help | grep -q '^Usage: mlxtop'"
"$mlxtop" --bogus >/dev/null 2>&1
check "unknown option: exit 2" test $? -eq 2
"$mlxtop" --once --json -D "$fx" >/dev/null 2>&1
check "--once with --json: exit 2" test $? -eq 2
msg=$("$mlxtop" --once -D /nonexistent 2>&1)
check "missing tables: exit 1, one line" test $? -eq 1 -a "$(echo "$msg" | wc -l)" -eq 1
check "--once lists the functions" bash -c "'$mlxtop' --once -D '$fx' | grep -Eq '^ +2 0x0002c90300000100 pf +slave +2 bound +1 +2 +3 '"
check "--json is valid JSON" bash -c "'$mlxtop' --json -D '$fx' | python3 -m json.tool >/dev/null"
check "--json matches the tables field for field" python3 "$here/compare.py" "$fx" "$mlxtop"
check "--json matches the VM's tables field for field" python3 "$here/compare.py" "$here/fixtures/vm" "$mlxtop"
lines=$("$mlxtop" -l --csv -n 2 -d 0.1 -D "$fx" | wc -l)
check "--log --csv: header + one line per interval" test "$lines" -eq 3
check "--log lines are flushed to a pipe" bash -c "timeout 5 '$mlxtop' -l -d 0.1 -D '$fx' | head -n 2 | wc -l | grep -qx 2"
check "man page renders cleanly" bash -c "! MANWIDTH=80 man -l --warnings '$top/tools/mlxtop/mlxtop.1' 2>&1 >/dev/null | grep -q ."
"$mlxtop" -D "$fx" </dev/null >/dev/null 2>&1
check "display without a terminal: exit 1" test $? -eq 1

cfx=$here/fixtures/counters
ibfx=$here/fixtures/ib
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# refused: exit 2, exactly one line on stderr, prefixed "mlxtop:"
usage_err()
{
	local name=$1 err rc
	shift
	err=$("$mlxtop" "$@" 2>&1 >/dev/null)
	rc=$?
	if ((rc == 2)) && [[ $(wc -l <<<"$err") == 1 && $err == mlxtop:* ]]; then
		ok "$name"
	else
		nok "$name" "rc=$rc stderr='$err'"
	fi
}
usage_err "-n x refused" -l -n x -D "$fx"
usage_err "-n -1 refused" -l -n -1 -D "$fx"
usage_err "-n 5x refused" -l -n 5x -D "$fx"
usage_err "-n 0 refused" -l -n 0 -D "$fx"
usage_err "-b 0 refused" -b 0 -D "$fx"
usage_err "-b 12k refused" -b 12k -D "$fx"
usage_err "-d 1x refused" -l -d 1x -D "$fx"
usage_err "-d '' refused" -l -d '' -D "$fx"
usage_err "-d 0.05 refused" -l -d 0.05 -D "$fx"
usage_err "unknown long option: one prefixed line" --bogus
usage_err "unknown short option: one prefixed line" -Z
usage_err "missing value: one prefixed line" -d
usage_err "stray argument: one prefixed line" --once extra
usage_err "--prom with --json refused" --prom --json -D "$fx"
check "-n 2 -d 0.1 accepted" bash -c "'$mlxtop' -l -n 2 -d 0.1 -D '$fx' >/dev/null"
check "--version prints the version" bash -c "'$mlxtop' --version | grep -Eqx 'mlxtop [0-9.]+'"

# in-kernel histograms: live only; elsewhere null, and --json says why
check "--json -D: histograms null, with a note" python3 - "$mlxtop" "$fx" <<'PY'
import json, subprocess, sys
d = json.loads(subprocess.check_output([sys.argv[1], "--json", "-D", sys.argv[2]]))
h = d["histograms"]
assert h["unbind_wait_ns"] is None and h["snoop_to_vf_ns"] is None, h
assert "live only" in h["note"]["unbind_wait_ns"], h
PY
check "--json -n 2 -D: no tracing of saved tables, one document at once" bash -c \
	"timeout 5 '$mlxtop' --json -n 2 -d 5 -D '$fx' | python3 -c 'import json,sys; json.load(sys.stdin)'"
check "--hist is an option (help says so)" bash -c \
	"'$mlxtop' --help | grep -q -- '--hist' && '$mlxtop' --hist --once -D '$fx' >/dev/null"
check "--once -D: no HISTOGRAMS section (nothing installed)" bash -c "! '$mlxtop' --once -D '$fx' | grep -q HISTOGRAMS"

mkdir -p "$tmp/notables/sub"
err=$("$mlxtop" --once -D "$tmp/notables" 2>&1)
check "-D DIR without mlxsim tables: exit 1, says so" \
	test $? -eq 1 -a "$(wc -l <<<"$err")" -eq 1 -a "${err#mlxtop: *no mlxsim tables}" != "$err"

printf '\027\010Dtracing6\0\0\0' >"$tmp/trunc.dat"
err=$("$mlxtop" -i "$tmp/trunc.dat" --once 2>&1)
check "truncated trace.dat: exit 1, says truncated" bash -c "(( $? == 1 )) && [[ '$err' == 'mlxtop: '*truncated* ]]"
echo 'not a trace' >"$tmp/foreign.dat"
err=$("$mlxtop" -i "$tmp/foreign.dat" --once 2>&1)
check "foreign file: not a trace-cmd file" bash -c "[[ '$err' == 'mlxtop: '*'not a trace-cmd'* ]]"
: >"$tmp/empty.dat"
err=$("$mlxtop" -i "$tmp/empty.dat" --once 2>&1)
check "empty file: says empty" bash -c "[[ '$err' == 'mlxtop: '*empty* ]]"

check "--json: null, never \"-\", where tables print -" python3 - "$mlxtop" "$fx" "$here/fixtures/vm" "$here/fixtures/ib" <<'PY'
import json, subprocess, sys
def walk(v):
    if isinstance(v, dict):
        for x in v.values(): yield from walk(x)
    elif isinstance(v, list):
        for x in v: yield from walk(x)
    else:
        yield v
for root in sys.argv[2:]:
    doc = json.loads(subprocess.check_output([sys.argv[1], "--json", "-D", root]))
    assert "-" not in list(walk(doc)), root
    assert any(f["master"] is None for f in doc["functions"]), root
PY

out=$("$mlxtop" --once -D "$cfx")
check "kernel counters: --once shows the snoops the kernel counted" \
	bash -c "grep -q '^P_KEY dev 10 port 1: 32 entries, 2 vfs, 3 snoops (2 changed the cache), 2 master events, 3 VF events' <<<'$out'"
check "singular: '1 snoop', '2 vfs'" bash -c "grep -q ' 1 snoop (0 changed' <<<'$out' && ! grep -q ' 1 snoops' <<<'$out'"
check "kernel counters: --json matches port<P>/counters" python3 "$here/compare.py" "$cfx" "$mlxtop"
check "no counters file: --json says counters come from events" bash -c \
	"'$mlxtop' --json -D '$fx' | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d[\"pkey\"] and all(p[\"counters\"] == \"events\" and p[\"snoop_changes\"] is None for p in d[\"pkey\"])'"
check "vf0/events is the master's count" bash -c \
	"'$mlxtop' --json -D '$cfx' | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d[\"pkey\"][0][\"master_events\"] == 2'"

# IB links: the SMA's ports, the cables, the VFs' other port events
out=$("$mlxtop" --once -D "$ibfx")
check "IB links: --once shows each SMA port" bash -c \
	"grep -Eq '^ +10 +1 active +link_up +1 +0 +1 +0 +1 0x02090002 0x0002c90e0000000b 11:1 +57 +3 +0 +60 +61\$' <<<'$out' && grep -Eq '^ +12 +2 down +polling .* - +0 +0 +2 +2 +0\$' <<<'$out'"
check "IB links: --once shows the cables" bash -c "grep -A3 '^CABLES' <<<'$out' | grep -Eq '^ +10 +2 +12 +1\$'"
check "IB links: --json matches port<P>/sma, links and vf<S>/events field for field" \
	python3 "$here/compare.py" "$ibfx" "$mlxtop"
check "IB links: --json says which path P_Key changes take" bash -c \
	"'$mlxtop' --json -D '$ibfx' | python3 -c 'import json,sys; d=json.load(sys.stdin); p={(x[\"dev\"],x[\"port\"]): x[\"path\"] for x in d[\"pkey\"]}; assert p[(10,1)] == \"snoop\" and p[(12,2)] == \"event\", p'"
check "IB links: the older tables have none (sma [], links null)" bash -c \
	"'$mlxtop' --json -D '$fx' | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d[\"sma\"] == [] and d[\"links\"] is None'"
# the comparison itself: a table changed behind mlxtop's back is caught
cp -r "$ibfx" "$tmp/ibbad"
"$mlxtop" --json -D "$tmp/ibbad" >"$tmp/ibbad.json"
sed -i 's/^lid=2$/lid=7/' "$tmp/ibbad/mlxsim11/port1/sma"
printf 'a port b port\n10 1 11 1\n10 2 12 2\n' >"$tmp/ibbad/links"
out=$(python3 "$here/compare.py" "$tmp/ibbad" "$mlxtop" "$tmp/ibbad.json")
check "IB links: compare.py catches a wrong LID and a moved cable" bash -c \
	"(( $? == 1 )) && grep -q 'sma 11/1 lid: 2 != 7' <<<'$out' && grep -q 'sma 12/2 peer None, but cabled to 10:2' <<<'$out'"
cp -r "$ibfx" "$tmp/iblive"
mkdir -p "$tmp/iblive/mlxsim10/port1"
printf 'x' >"$tmp/iblive/mlxsim10/port1/mad"
chmod 0200 "$tmp/iblive/mlxsim10/port1/mad"
"$mlxtop" -D "$tmp/iblive" --save "$tmp/ibsnap" >/dev/null
check "IB links: --save keeps port<P>/sma and links" \
	test -s "$tmp/ibsnap/mlxsim12/port2/sma" -a -s "$tmp/ibsnap/links" -a ! -e "$tmp/ibsnap/mlxsim10/port1/mad"
check "IB links: -D reads the --save copy back, field for field" python3 "$here/compare.py" "$tmp/ibsnap" "$mlxtop"

# alias GUIDs: per VF its GUID and slave port state (port<P>/guids)
gfx=$here/fixtures/guids
out=$("$mlxtop" --once -D "$gfx")
check "alias GUIDs: --once shows each VF's GUID and port state, after the other columns" bash -c \
	"grep -q ' gid_change guid                port\$' <<<'$out' && grep -Eq '^ +1 +2 +1 +yes .* 0002:c900:0007:0101 up\$' <<<'$out' && grep -Eq '^ +2 +1 +0 +yes .* - +pending_up\$' <<<'$out' && grep -Eq '^ +3 +1 +0 +no .* - +down\$' <<<'$out'"
check "alias GUIDs: --once says why VF 2's port is pending_up" bash -c \
	"grep -qx 'VF 2: port pending_up: alias GUID not assigned (SM chooses it; SA asked again in 4 s)' <<<'$out'"
check "alias GUIDs: --json matches port<P>/guids field for field" python3 "$here/compare.py" "$gfx" "$mlxtop"
check "alias GUIDs: --json null without port<P>/guids (older tables, port 2)" python3 - "$mlxtop" "$fx" "$cfx" "$ibfx" "$here/fixtures/vm" "$gfx" <<'PY'
import json, subprocess, sys
keys = ("guid", "admin_guid", "port_state", "guid_pending", "guid_retry")
for root in sys.argv[2:]:
    doc = json.loads(subprocess.check_output([sys.argv[1], "--json", "-D", root]))
    for pk in doc["pkey"]:
        with_table = root == sys.argv[-1] and pk["port"] == 1
        for s in pk["slaves"]:
            assert all(k in s for k in keys), (root, s)
            if not with_table:
                assert all(s[k] is None for k in keys), (root, pk["port"], s)
PY
"$mlxtop" -D "$gfx" --save "$tmp/gsnap" >/dev/null
check "alias GUIDs: --save keeps port<P>/guids, -D reads it back" bash -c \
	"cmp -s '$gfx/mlxsim20/port1/guids' '$tmp/gsnap/mlxsim20/port1/guids' && python3 '$here/compare.py' '$tmp/gsnap' '$mlxtop' >/dev/null && diff <('$mlxtop' --once -D '$gfx') <('$mlxtop' --once -D '$tmp/gsnap') >/dev/null"
cp -r "$gfx" "$tmp/gbad"
printf 'slave admin_guid guid state pending retry\n1 0x0002c90000070101 0x0002c90000070101 up no 0\n2 0xnothex - sideways maybe -4\n3\n' \
	>"$tmp/gbad/mlxsim20/port1/guids"
out=$("$mlxtop" --once -D "$tmp/gbad" 2>&1)
check "alias GUIDs: a malformed port<P>/guids is ignored: exit 0, no columns" bash -c \
	"(( $? == 0 )) && grep -q '^P_KEY dev 20 port 1' <<<'$out' && ! grep -q -e pending_up -e 0002:c900 <<<'$out'"
check "alias GUIDs: ... and --json null for every VF" bash -c \
	"'$mlxtop' --json -D '$tmp/gbad' | python3 -c 'import json,sys; d=json.load(sys.stdin); assert all(s[\"port_state\"] is None and s[\"guid\"] is None and s[\"admin_guid\"] is None for p in d[\"pkey\"] for s in p[\"slaves\"])'"

# --save: a copy -D reads back, write-only files skipped
cp -r "$cfx" "$tmp/live"
printf 'x' >"$tmp/live/mlxsim10/port1/mad"
chmod 0200 "$tmp/live/mlxsim10/port1/mad"
msg=$("$mlxtop" -D "$tmp/live" --save "$tmp/snap")
check "--save: exit 0, says where" bash -c "[[ '$msg' == 'mlxtop: saved '*'$tmp/snap'* ]]"
check "--save skips write-only files" test ! -e "$tmp/snap/mlxsim10/port1/mad"
check "--save keeps the tables" test -s "$tmp/snap/mlxsim10/port1/counters" -a -s "$tmp/snap/multiport"
check "-D reads a --save copy back, field for field" python3 "$here/compare.py" "$tmp/snap" "$mlxtop"
check "--save then --once: the same snapshot" bash -c \
	"diff <('$mlxtop' --once -D '$cfx') <('$mlxtop' --once -D '$tmp/snap') >/dev/null"
"$mlxtop" -D "$tmp/live" --save /proc/nonexistent/x >/dev/null 2>"$tmp/err"
check "--save to an unwritable place: exit 1, prefixed" bash -c "(( $? == 1 )) && grep -q '^mlxtop: --save:' '$tmp/err'"

# --prom: valid text exposition, values from the tables
"$mlxtop" --prom -D "$cfx" >"$tmp/prom" 2>&1
check "--prom: exit 0" test $? -eq 0
"$mlxtop" --prom -D "$ibfx" >"$tmp/prom-ib" 2>&1
check "--prom: exit 0 on IB links" test $? -eq 0
check "--prom: Prometheus text format (HELP/TYPE per family, valid samples)" python3 - "$tmp/prom" "$tmp/prom-ib" <<'PY'
import re, sys
sample = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*"(,[a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*")*)?\})? -?[0-9.e+]+$')
for path in sys.argv[1:]:
  typed = {}
  for line in open(path):
    line = line.rstrip("\n")
    if line.startswith("# HELP "):
        continue
    m = re.match(r'^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge)$', line)
    if m:
        assert m.group(1) not in typed, line
        typed[m.group(1)] = m.group(2)
        continue
    m = sample.match(line)
    assert m, "bad line: %r" % line
    assert m.group(1) in typed, "no TYPE for %r" % line
    if typed[m.group(1)] == "counter":
        assert m.group(1).endswith("_total"), line
PY
check "--prom: the SMA's ports and counters" bash -c \
	"grep -qx 'mlxsim_ib_port_info{dev=\"10\",port=\"1\",state=\"active\",phys_state=\"link_up\"} 1' '$tmp/prom-ib' && grep -qx 'mlxsim_ib_mads_total{dev=\"11\",port=\"1\"} 41' '$tmp/prom-ib'"
check "--prom: no IB families without an SMA" bash -c "! grep -q '^mlxsim_ib_' '$tmp/prom'"
check "--prom: snoops and VF events from the kernel counters" bash -c \
	"grep -qx 'mlxsim_pkey_snoops_total{dev=\"10\",port=\"1\"} 3' '$tmp/prom' && grep -qx 'mlxsim_pkey_vf_events_total{dev=\"10\",port=\"1\",vf=\"2\"} 2' '$tmp/prom'"
check "--prom: bound slave's references" bash -c \
	"'$mlxtop' --prom -D '$fx' | grep -qx 'mlxsim_function_refcnt{id=\"2\",master=\"1\",port=\"2\"} 3'"

# rmmod: the tables vanish under a running mlxtop, then come back
cp -r "$fx" "$tmp/mod"
"$mlxtop" -l --csv -d 0.1 -n 40 -D "$tmp/mod" >"$tmp/unload.csv" 2>"$tmp/unload.err" &
pid=$!
sleep 1
mv "$tmp/mod" "$tmp/mod.gone"
sleep 1
mv "$tmp/mod.gone" "$tmp/mod"
wait $pid
check "rmmod: mlxtop says 'module unloaded', then 'loaded again'" bash -c \
	"grep -q '^mlxtop: module unloaded' '$tmp/unload.err' && grep -q '^mlxtop: module loaded again' '$tmp/unload.err'"
check "rmmod: state cleared while unloaded, picked up on reload" bash -c \
	"cut -d, -f2 '$tmp/unload.csv' | tail -n +2 | uniq | paste -sd' ' | grep -qx '4 0 4'"

# make demo without a VM: the guest's way of running mlxtop on a pty
# (setsid -c), its size listener, Ctrl-C and q; the host's forwarding
vm=$top/tests/vm
timeout 60 python3 "$here/demo_tty.py" "$mlxtop" "$vm/demo-guest.sh" "$here/fixtures/vm" >"$tmp/demo" 2>&1
demo_rc=$?
while IFS= read -r line; do
	case $line in
	"ok - "*) ok "demo: ${line#ok - }" ;;
	"not ok - "*) nok "demo: ${line#not ok - }" ;;
	"#"*) echo "$line" ;;
	esac
done <"$tmp/demo"
check "demo: the pty checks ran to the end" bash -c "(( $demo_rc == 0 )) && grep -q '^ok - q quits' '$tmp/demo'"
check "demo: demo.sh and demo-guest.sh parse" bash -c "bash -n '$vm/demo.sh' && bash -n '$vm/demo-guest.sh'"
check "demo: the guest runs mlxtop with the console as controlling terminal" \
	grep -q '^setsid -c -w "\$MLXTOP" <>"\$console"' "$vm/demo-guest.sh"
check "demo: the guest listens on ttyS1 for the host's sizes" \
	grep -q '^[[:space:]]*demo_size_listener "\$console" </dev/ttyS1 &' "$vm/demo-guest.sh"
check "demo: the host forwards SIGWINCH as 'size ROWS COLS' on ttyS1 while QEMU runs" bash -c \
	"grep -q \"trap 'send_size' WINCH\" '$vm/demo.sh' && grep -q \"printf 'size %d %d\\\\\\\\n'\" '$vm/demo.sh' && grep -q -- '-chardev pipe,id=ctl' '$vm/demo.sh'"

echo "mlxtop: $pass passed, $fail failed"
((fail == 0))
