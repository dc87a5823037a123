#!/bin/bash
# Helpers of the t_ib_*.sh tests (ib_core registration); source after lib.sh.

IBSYS=/sys/class/infiniband

# ib_skip_unless_core: the module is built with CONFIG_INFINIBAND
ib_skip_unless_core()
{
	modinfo -F depends "$MLXSIM_KO" 2>/dev/null | tr ',' '\n' |
		grep -qx ib_core || skip_all "module built without CONFIG_INFINIBAND"
	command -v rdma >/dev/null || skip_all "no rdma tool (iproute2)"
}

# wait_for CMD...: poll up to 5 s (ib_core updates caches from work items)
wait_for()
{
	local i

	for ((i = 0; i < 50; i++)); do
		"$@" && return 0
		sleep 0.1
	done
	"$@"
}

# ib_link_state DEV PORT: the `state` of `rdma link show DEV/PORT`
ib_link_state()
{
	rdma link show "$1/$2" 2>/dev/null |
		awk '{for (i = 1; i < NF; i++) if ($i == "state") print $(i + 1)}'
}

ib_link_is() # DEV PORT STATE
{
	[[ $(ib_link_state "$1" "$2") == "$3" ]]
}

# ib_event_count ID PORT EVENT: from debugfs mlxsim<ID>/ib_events
ib_event_count()
{
	awk -v p="$2" -v e="$3" '$1 == p && $2 == e { print $3 }' \
		"$DBG/mlxsim$1/ib_events"
}

# ib_gids DEV PORT: the port's non-zero GIDs
ib_gids()
{
	cat "$IBSYS/$1/ports/$2/gids/"* 2>/dev/null |
		grep -v '^0000:0000:0000:0000:0000:0000:0000:0000$'
}

ib_has_gid() # DEV PORT GID
{
	ib_gids "$1" "$2" | grep -qx "$3"
}

ib_no_gids() # DEV PORT
{
	[[ -z $(ib_gids "$1" "$2") ]]
}

# ib_default_gid ID: fe80::EUI-64 of function ID's netdev MAC 02:c9:<ID>
ib_default_gid()
{
	local id=$1

	printf 'fe80:0000:0000:0000:00c9:%02xff:fe%02x:%02x%02x\n' \
		$(((id >> 24) & 255)) $(((id >> 16) & 255)) \
		$(((id >> 8) & 255)) $((id & 255))
}

# ib_ipv4_gid A.B.C.D: the IPv4-mapped GID
ib_ipv4_gid()
{
	local IFS=.

	# shellcheck disable=SC2086
	set -- $1
	printf '0000:0000:0000:0000:0000:ffff:%02x%02x:%02x%02x\n' "$1" "$2" "$3" "$4"
}

# ib_pkey_cache_diff ID PORT: pkey_cache rows where ib_core's cached P_Key
# (column ib_pkey) is not the driver's; "no ib_pkey column" if absent.
# ib_core's table is one shorter with VFs (the reserved entry): "-".
ib_pkey_cache_diff()
{
	awk 'NR == 1 { if ($4 != "ib_pkey") { print "no ib_pkey column"; exit } next }
	     $4 != "-" && $2 != $4 { print }' "$DBG/mlxsim$1/port$2/pkey_cache"
}

ib_pkey_cache_in_sync() # ID PORT
{
	[[ -z $(ib_pkey_cache_diff "$1" "$2") ]]
}

# --- OpenSM (t_ib_sm.sh, t_ib_vf.sh) ------------------------------------

OSM=/tmp/mlxsim-osm
OSM_PID=
# OpenSM's deadlines: 30 s as the acceptance asks; the debug kernel
# (KASAN, lockdep, emulated) runs every sweep several times slower
SLOW=1
[[ $MLXSIM_KERNEL == debug ]] && SLOW=4

# wait_secs S CMD...: poll CMD every 0.5 s for up to S seconds
wait_secs()
{
	local s=$1 i

	shift
	for ((i = 0; i < s * 2; i++)); do
		"$@" && return 0
		sleep 0.5
	done
	"$@"
}

sma() # ID PORT KEY
{
	kv_get "$DBG/mlxsim$1/port$2/sma" "$3"
}

# osm_start ID CONF [ARGS...]: OpenSM on port 1 of function ID, as the
# README runs it (foreground process, own cache and dump directories)
osm_start()
{
	local id=$1 conf=$2 guid

	shift 2
	guid=$(sma "$id" 1 port_guid)
	mkdir -p "$OSM"
	: >"$OSM/log"
	OSM_CACHE_DIR=$OSM opensm -g "$guid" -P "$conf" -f "$OSM/log" \
		--dump_files_dir "$OSM" "$@" >"$OSM/out" 2>&1 &
	OSM_PID=$!
}

osm_stop()
{
	[[ -n $OSM_PID ]] || return 0
	kill -TERM "$OSM_PID" 2>/dev/null
	wait "$OSM_PID" 2>/dev/null
	OSM_PID=
}

