#!/bin/bash
# In-guest half of `make demo` (tests/vm/demo.sh boots the VM with this as
# the runner): load the module, build the topology, start the scenario in
# the background and run mlxtop on the console at the user's terminal size.
# Quitting mlxtop (q, or Ctrl-C) returns here; the VM then powers off.
# mlxtop runs in a session of its own with the serial console as its
# controlling terminal, so Ctrl-C is SIGINT and a console resize SIGWINCH;
# a listener on ttyS1 takes the host's `size ROWS COLS` lines and sets
# the console's size. Batch mode (no terminal on the host): mlxtop --once
# a few times.

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
opt() { tr ' ' '\n' </proc/cmdline | sed -n "s/^mlxsim\.$1=//p" | tail -n 1; }

export MLXSIM_ROOT=$(opt demo_repo)
export MLXSIM_KERNEL=$(opt kernel)
source "$MLXSIM_ROOT/tests/vm/guest/lib.sh"
source "$MLXSIM_ROOT/tests/vm/demo-scenario.sh"
MLXTOP=$MLXSIM_ROOT/tools/mlxtop/mlxtop
mode=$(opt demo)
rows=$(opt rows)
cols=$(opt cols)
term=$(opt term)

cleanup()
{
	[[ -n ${winch:-} ]] && kill "$winch" 2>/dev/null
	[[ -n ${scen:-} ]] && kill -- -"$scen" 2>/dev/null
	sleep 0.5
	for f in "$DBG"/mlxsim*/port*/hold; do
		h=$(cat "$f" 2>/dev/null)
		[[ ${h:-0} -gt 0 ]] && echo "-$h" >"$f" 2>/dev/null
	done
	wait 2>/dev/null
}

trap cleanup EXIT

# One `size ROWS COLS` line per host resize: the console gets the size,
# and the kernel sends its foreground (mlxtop) SIGWINCH.
demo_size_listener()
{
	local console=$1 word r c

	while read -r word r c; do
		r=${r//[!0-9]/} c=${c//[!0-9]/}
		[[ $word == *size && -n $r && -n $c ]] || continue
		((r > 0 && r < 1000 && c > 0 && c < 1000)) || continue
		stty -F "$console" rows "$r" cols "$c" 2>/dev/null
	done
}

dmesg -n 1
# after the BIOS cleared the screen: say how to get out
[[ $mode != batch ]] && printf '\e[?7h\r\ndemo: loading mlxsim and building a topology; in mlxtop q quits (and powers off)\r\n'
mod_load || { echo "demo: cannot load $MLXSIM_KO"; exit 1; }
demo_topology >/dev/null 2>&1
set -m
demo_scenario >/tmp/demo-scenario.log 2>&1 &
scen=$!
set +m

if [[ $mode == batch ]]; then
	for i in 1 2 3; do
		sleep 5
		echo "==== mlxtop --once ($i) ===="
		"$MLXTOP" --once
	done
	echo "==== MLXTOP-DEMO OK ===="
	exit 0
fi

[[ -n $term ]] && export TERM=$term
console=/dev/ttyS0
[[ -c $console ]] || console=/dev/console
[[ -n $rows && -n $cols ]] && stty -F "$console" rows "$rows" cols "$cols"
# Ctrl-C interrupts (mlxtop quits); Ctrl-Z would stop it with no shell to resume it
stty -F "$console" intr '^C' susp undef 2>/dev/null
export LANG=C.UTF-8
# the host's resizes: `size ROWS COLS` lines on ttyS1 (raw, no echo back)
if [[ -c /dev/ttyS1 ]] && stty -F /dev/ttyS1 115200 raw -echo 2>/dev/null; then
	demo_size_listener "$console" </dev/ttyS1 &
	winch=$!
fi
# a session of its own on the console: Ctrl-C and resizes reach mlxtop
setsid -c -w "$MLXTOP" <>"$console" >&0 2>&0
rc=$?
# the host's word that mlxtop quit (second serial port, a FIFO there)
((rc == 0)) && echo MLXTOP-DEMO-QUIT >/dev/ttyS1 2>/dev/null
# mlxtop's exit left the alternate screen: go back to it, so the power-off
# noise stays off the user's screen (the host leaves it at the end)
printf '\e[?7h\e[?1049h'
echo "demo: mlxtop exited, powering off"
