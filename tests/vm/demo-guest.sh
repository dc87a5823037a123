#!/bin/bash
# In-guest half of `make demo` (tests/vm/demo.sh boots the VM with this as
# the runner): load the module, build the topology, start the scenario in
# the background and run mlxtop on the console at the user's terminal size.
# Quitting mlxtop returns here; the VM then powers off. Batch mode (no
# terminal on the host): mlxtop --once a few times.

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
	[[ -n ${scen:-} ]] && kill -- -"$scen" 2>/dev/null
	sleep 0.5
	for f in "$DBG"/mlxsim*/port*/hold; do
		h=$(cat "$f" 2>/dev/null)
		[[ ${h:-0} -gt 0 ]] && echo "-$h" >"$f" 2>/dev/null
	done
	wait 2>/dev/null
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
[[ -n $rows && -n $cols ]] && stty rows "$rows" cols "$cols"
export LANG=C.UTF-8
"$MLXTOP"
rc=$?
# the host's word that mlxtop quit (second serial port, a file there)
((rc == 0)) && echo MLXTOP-DEMO-QUIT >/dev/ttyS1 2>/dev/null
# mlxtop's exit left the alternate screen: go back to it, so the power-off
# noise stays off the user's screen (the host leaves it at the end)
printf '\e[?7h\e[?1049h'
echo "demo: mlxtop exited, powering off"
