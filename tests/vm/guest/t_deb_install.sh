#!/bin/bash
# The Debian packages (mlxsim-dkms, mlxsim-tools), installed as far as the
# guest allows and used: the guest's / is the host's root, read-only over
# 9p (tmpfs on /tmp /run /var/tmp /root), so nothing can go into / and
# dpkg -i cannot run. Instead:
#
#   - the .debs' metadata: names, versions, what they depend on, and that
#     those dependencies are installed here in the versions asked for;
#   - both unpacked into a tmpfs prefix (dpkg-deb -x), the same files the
#     host's --prepare unpacked (the packaged sources against the tree's
#     are only reported: others may edit the tree after make deb);
#   - the module DKMS builds from the package: the package's dkms.conf, its
#     MAKE[0] run on the packaged sources against the headers of the kernel
#     this guest runs (/lib/modules/$(uname -r)/build), the way `dkms build`
#     does it (`dkms build --dkmstree --sourcetree` itself when dkms is
#     installed); its vermagic is this kernel's, it loads, and the loaded
#     module is that one (its GNU build ID);
#   - the packaged mlxtop and mlxsimctl run from the prefix against it
#     (libraries resolved, --once, --json -n with the in-kernel histograms,
#     a P_Key MAD);
#   - the packaged plugin at the packaged path: a copy of the system plugin
#     directory with the package's plugin_mlxsim.so bind-mounted over
#     /usr/lib/<multiarch>/traceevent/plugins, so `trace-cmd report` finds
#     it where libtraceevent looks, without TRACEEVENT_PLUGIN_DIR (and,
#     without the mount, prints the kernel's format: the negative control);
#   - the man pages render; then everything is removed again (module,
#     mount, prefix).
#
# BEFORE THE VM -- the caller's job (tests/vm/run.sh does not do it, and
# the guest cannot: its root is read-only), on the host:
#
#     make deb && bash tests/vm/guest/t_deb_install.sh --prepare
#
# `make deb` builds build/deb/mlxsim-dkms_*_all.deb and
# mlxsim-tools_*_amd64.deb. `--prepare [KERNELRELEASE... | all]` unpacks
# them into build/deb/root and builds the packaged DKMS source as above into
# build/deb/dkms/mlxsim/<version>/<kernelrelease>/<arch>/module/mlxsim.ko
# (dkms's own layout), by default for the 6.1 kernel the deb61 VM boots
# (the newest /boot/vmlinuz-6.1.*-amd64 with headers, as tests/vm/run.sh
# picks it); `all` adds the bpo612 VM's 6.12. It runs on the host because under TCG the guest compiles too
# slowly: a third of the module took over 250 s there (the script limit
# is 300 s); on the host it takes about 25 s, against the same headers.
#
# Without the .debs the script skips, saying the command above; on a
# kernel --prepare did not build for (bpo612, debug) it skips too.

set -u
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../../.." && pwd)
DEB=$top/build/deb
PREPARE_CMD="make deb && bash tests/vm/guest/t_deb_install.sh --prepare"

debs_present()
{
	compgen -G "$DEB/mlxsim-dkms_*_all.deb" >/dev/null &&
		compgen -G "$DEB/mlxsim-tools_*_*.deb" >/dev/null
}
deb_of() { compgen -G "$DEB/$1_*.deb" | grep -v dbgsym | sort -V | tail -n 1; }

# newest kernel of a series with headers and modules (tests/vm/run.sh's pick)
pick_kernel()
{
	local f k best=

	for f in /boot/vmlinuz-"$1".*-amd64; do
		[[ -e $f ]] || continue
		k=${f#/boot/vmlinuz-}
		[[ -d /usr/src/linux-headers-$k && -f /lib/modules/$k/modules.dep ]] || continue
		best=$(printf '%s\n%s\n' "$best" "$k" | sed '/^$/d' | sort -V | tail -n 1)
	done
	echo "$best"
}

# The DKMS build of the packaged source for kernel $1, into tree $2:
# dkms itself when installed, else what `dkms build` does with dkms.conf
# (source it with kernel_source_dir and dkms_tree set, run MAKE[0] in a
# copy of the source under $dkms_tree/NAME/VERSION/build, collect
# BUILT_MODULE_LOCATION/BUILT_MODULE_NAME.ko). Prints the module's path.
dkms_build()
{
	local kver=$1 tree=$2 srcroot=$3 ver=$4 arch out b log
	local PACKAGE_NAME PACKAGE_VERSION MAKE BUILT_MODULE_NAME BUILT_MODULE_LOCATION
	local kernel_source_dir dkms_tree

	arch=$(uname -m)
	out=$tree/mlxsim/$ver/$kver/$arch/module
	log=$tree/build-$kver.log
	mkdir -p "$out"
	if command -v dkms >/dev/null; then
		echo "dkms" >"$tree/how-$kver"
		dkms build -m mlxsim -v "$ver" -k "$kver" --dkmstree "$tree" \
			--sourcetree "$srcroot" >"$log" 2>&1 || return 1
		[[ -f $out/mlxsim.ko ]] || cp "$tree"/mlxsim/"$ver"/build/driver/mlxsim.ko "$out/" || return 1
	else
		echo "dkms.conf MAKE[0] (dkms is not installed)" >"$tree/how-$kver"
		b=$tree/mlxsim/$ver/build
		rm -rf "$b"
		mkdir -p "$tree/mlxsim/$ver"
		cp -a "$srcroot/mlxsim-$ver" "$b" || return 1
		kernel_source_dir=/lib/modules/$kver/build
		dkms_tree=$tree
		# shellcheck disable=SC1091
		source "$b/dkms.conf" || return 1
		[[ $PACKAGE_NAME == mlxsim && $PACKAGE_VERSION == "$ver" ]] || {
			echo "dkms.conf: PACKAGE_NAME=$PACKAGE_NAME PACKAGE_VERSION=$PACKAGE_VERSION" >"$log"
			return 1
		}
		(cd "$b" && eval "${MAKE[0]}") >"$log" 2>&1 || return 1
		cp "$b/${BUILT_MODULE_LOCATION[0]%/}/${BUILT_MODULE_NAME[0]}.ko" "$out/" || return 1
	fi
	echo "$out/mlxsim.ko"
}

prepare()
{
	local kvers=("$@") k ver mod

	if ! debs_present; then
		echo "t_deb_install: no .debs in $DEB: run 'make deb' first" >&2
		return 1
	fi
	# "all": the kernels of the deb61 and bpo612 VMs
	if [[ ${kvers[*]} == all ]]; then
		kvers=("$(pick_kernel 6.1)" "$(pick_kernel 6.12)")
		[[ -n ${kvers[1]} ]] || kvers=("${kvers[0]}")
	fi
	((${#kvers[@]})) || kvers=("$(pick_kernel 6.1)")
	[[ -n ${kvers[0]} ]] || { echo "t_deb_install: no 6.1 kernel with headers" >&2; return 1; }
	ver=$(dpkg-deb -f "$(deb_of mlxsim-dkms)" Version)
	rm -rf "$DEB/root" "$DEB/dkms"
	mkdir -p "$DEB/root" "$DEB/dkms"
	dpkg-deb -x "$(deb_of mlxsim-dkms)" "$DEB/root" &&
		dpkg-deb -x "$(deb_of mlxsim-tools)" "$DEB/root" || return 1
	sha256sum "$(deb_of mlxsim-dkms)" "$(deb_of mlxsim-tools)" | sed "s|$DEB/||" >"$DEB/dkms/debs.sha256"
	for k in "${kvers[@]}"; do
		[[ -d /lib/modules/$k/build ]] || { echo "t_deb_install: no headers for $k" >&2; return 1; }
		mod=$(dkms_build "$k" "$DEB/dkms" "$DEB/root/usr/src" "$ver") || {
			echo "t_deb_install: the DKMS build for $k failed:" >&2
			tail -n 20 "$DEB/dkms/build-$k.log" >&2
			return 1
		}
		echo "t_deb_install: prepared $mod ($(cat "$DEB/dkms/how-$k"))"
	done
}

if [[ ${1:-} == --prepare ]]; then
	shift
	prepare "$@"
	exit
fi

# --- in the guest ----------------------------------------------------------

ALL_TESTS="
	packages
	unpack
	module_built
	module_loads
	packaged_tools
	packaged_plugin
	man_pages
	remove_all
"
source "$here/lib.sh"

W=/tmp/deb-install
ROOT=$W/root		# the tmpfs prefix the packages are unpacked into
MOUNTED=
MOD=
VER=
PLUGDIR=

cleanup()
{
	if [[ -n $MOUNTED ]]; then
		umount "$MOUNTED" 2>/dev/null
		MOUNTED=
	fi
}

if ! debs_present; then
	skip_all "no .debs in build/deb: on the host, before the VM, run: $PREPARE_CMD"
fi
VER=$(dpkg-deb -f "$(deb_of mlxsim-dkms)" Version)
MOD=$DEB/dkms/mlxsim/$VER/$(uname -r)/$(uname -m)/module/mlxsim.ko
if [[ ! -f $MOD ]]; then
	skip_all "no DKMS build of the package for $(uname -r) (prepared: $(ls "$DEB/dkms/mlxsim/$VER" 2>/dev/null | grep -v '^build$' | paste -sd' ')): on the host run: $PREPARE_CMD all"
fi
mkdir -p "$W"

# a .ko's GNU build ID; the loaded module's, from its notes in sysfs
build_id_of() { readelf -n "$1" 2>/dev/null | awk '/Build ID:/ { print $3; exit }'; }
loaded_build_id()
{
	# namesz, descsz, type (4 bytes each), "GNU\0", then the ID
	od -An -tx1 -v -j16 /sys/module/mlxsim/notes/.note.gnu.build-id 2>/dev/null | tr -d ' \n'
}

# version comparison of one "pkg (>= v)" dependency against what is installed
dep_ok()
{
	local dep=$1 name op want have

	name=${dep%% *}
	name=${name%%:*}
	have=$(dpkg-query -W -f='${db:Status-Abbrev} ${Version}\n' "$name" 2>/dev/null |
		awk '$1 ~ /^ii/ { print $2; exit }')
	[[ -n $have ]] || return 1
	if [[ $dep =~ \(([<>=]+)\ ([^\)]+)\) ]]; then
		op=${BASH_REMATCH[1]}
		want=${BASH_REMATCH[2]}
		case $op in
		'>=') op=ge ;; '<=') op=le ;; '>>') op=gt ;; '<<') op=lt ;; '=') op=eq ;;
		esac
		dpkg --compare-versions "$have" "$op" "$want" || return 1
	fi
	return 0
}

packages()
{
	local dkms tools deps d missing= list

	dkms=$(deb_of mlxsim-dkms)
	tools=$(deb_of mlxsim-tools)
	[[ $(dpkg-deb -f "$dkms" Package Architecture | paste -sd' ') == "Package: mlxsim-dkms Architecture: all" ]]
	check_err $? "mlxsim-dkms: $(dpkg-deb -f "$dkms" Package Architecture)"
	[[ $(dpkg-deb -f "$tools" Package Architecture | paste -sd' ') == "Package: mlxsim-tools Architecture: $(dpkg --print-architecture)" ]]
	check_err $? "mlxsim-tools: $(dpkg-deb -f "$tools" Package Architecture)"
	[[ $(dpkg-deb -f "$tools" Version) == "$VER" ]]
	check_err $? "versions differ: $VER, $(dpkg-deb -f "$tools" Version)"
	[[ $(dpkg-deb -f "$dkms" Depends) == *dkms* ]]
	check_err $? "mlxsim-dkms does not depend on dkms: $(dpkg-deb -f "$dkms" Depends)"
	# what mlxsimctl and mlxtop link, by the package's shlibs
	deps=$(dpkg-deb -f "$tools" Depends)
	for d in libibumad3 libtracefs1 libtraceevent1 libtracecmd1 libncursesw6; do
		[[ $deps == *"$d "* || $deps == *"$d," || $deps == *"$d" ]]
		check_err $? "mlxsim-tools does not depend on $d: $deps"
	done
	# every dependency installed here, in the version asked for
	IFS=, read -ra list <<<"$deps"
	for d in "${list[@]}"; do
		d=${d# }
		dep_ok "$d" || missing+=" '$d'"
	done
	[[ -z $missing ]]
	check_err $? "dependencies of mlxsim-tools not installed here:$missing"
	command -v dkms >/dev/null || log_info "dkms is not installed on this machine: its postinst's build is done below as dkms.conf says"
	# what they ship, where
	list=$(dpkg-deb -c "$tools" | awk '{ print $6 }')
	PLUGDIR=$(grep -o '/usr/lib/[^/]*/traceevent/plugins/plugin_mlxsim.so$' <<<"${list//.\//\/}")
	PLUGDIR=${PLUGDIR%/plugin_mlxsim.so}
	[[ -n $PLUGDIR ]] && grep -qx './usr/bin/mlxtop' <<<"$list" &&
		grep -qx './usr/bin/mlxsimctl' <<<"$list" &&
		grep -qx './usr/share/man/man1/mlxtop.1.gz' <<<"$list" &&
		grep -qx './usr/share/man/man1/mlxsimctl.1.gz' <<<"$list"
	check_err $? "mlxsim-tools lacks a binary, the plugin or a man page: $list"
	dpkg-deb -c "$dkms" | awk '{ print $6 }' | grep -qx "./usr/src/mlxsim-$VER/dkms.conf"
	check_err $? "mlxsim-dkms has no /usr/src/mlxsim-$VER/dkms.conf"
	log_test "the .debs: names, version $VER, dependencies (installed here), contents"
}

unpack()
{
	local d out

	rm -rf "$ROOT"
	mkdir -p "$ROOT"
	dpkg-deb -x "$(deb_of mlxsim-dkms)" "$ROOT" && dpkg-deb -x "$(deb_of mlxsim-tools)" "$ROOT"
	check_err $? "dpkg-deb -x into $ROOT"
	# the host's --prepare built from these very files
	out=$(diff -r "$ROOT" "$DEB/root" 2>&1)
	check_err $? "build/deb/root is not what the .debs hold (prepare again): $(head -n 5 <<<"$out")"
	(cd "$DEB" && sha256sum -c --quiet dkms/debs.sha256) >/dev/null 2>&1
	check_err $? "the .debs changed since --prepare: run $PREPARE_CMD"
	# the packaged sources against the tree: said, not judged (a tree
	# others edit changes after make deb; the packages are what is tested)
	for d in driver include tracepoints; do
		out=$(diff -rq -x '*.o' -x '*.ko' -x '.*.cmd' -x '*.mod' -x '*.mod.c' \
			-x modules.order -x Module.symvers -x '*.a' \
			"$ROOT/usr/src/mlxsim-$VER/$d" "$MLXSIM_ROOT/$d" 2>&1) ||
			log_info "the packaged $d/ differs from the tree's ($(wc -l <<<"$out") files: changed since make deb?): $(head -n 2 <<<"$out" | sed "s|$ROOT||g" | paste -sd' ')"
	done
	# the dkms.conf dh_dkms made of debian/mlxsim-dkms.dkms
	grep -qx "PACKAGE_VERSION=\"$VER\"" "$ROOT/usr/src/mlxsim-$VER/dkms.conf" &&
		grep -qx 'BUILT_MODULE_NAME\[0\]="mlxsim"' "$ROOT/usr/src/mlxsim-$VER/dkms.conf"
	check_err $? "dkms.conf: $(cat "$ROOT/usr/src/mlxsim-$VER/dkms.conf")"
	log_test "both unpacked into a tmpfs prefix, as the host's --prepare did"
}

module_built()
{
	local vm

	vm=$(modinfo -F vermagic "$MOD")
	[[ $vm == "$(uname -r) "* ]]
	check_err $? "vermagic '$vm' is not this kernel's ($(uname -r))"
	[[ $(modinfo -F name "$MOD") == mlxsim ]]
	check_err $? "module name: $(modinfo -F name "$MOD")"
	[[ -n $(build_id_of "$MOD") ]]
	check_err $? "no build ID in $MOD"
	log_info "built by: $(cat "$DEB/dkms/how-$(uname -r)" 2>/dev/null), against /lib/modules/$(uname -r)/build"
	log_test "the DKMS build of the package is for this kernel ($(uname -r))"
}

module_loads()
{
	mod_unload
	MLXSIM_KO=$MOD mod_load
	check_err $? "insmod $MOD"
	# the module has no srcversion (no MODULE_VERSION): its build ID says
	[[ $(loaded_build_id) == "$(build_id_of "$MOD")" ]]
	check_err $? "the loaded mlxsim ($(loaded_build_id)) is not the package's ($(build_id_of "$MOD"))"
	new_dev "1 vhca_ports=2" && new_dev "2 affiliate=1 native_port=2 guid=0x0002c90300000001" &&
		new_dev "10 link=ib vfs=2"
	check_err $? "devices"
	[[ $(table_get "$DBG/multiport" id 2 state) == bound ]]
	check_err $? "slave 2 not bound: $(cat "$DBG/multiport")"
	log_test "the package's module loads and works"
}

packaged_tools()
{
	local out bin

	for bin in mlxtop mlxsimctl; do
		out=$(ldd "$ROOT/usr/bin/$bin" 2>&1)
		! grep -q 'not found' <<<"$out"
		check_err $? "$bin: $(grep 'not found' <<<"$out")"
	done
	[[ $("$ROOT/usr/bin/mlxtop" --version) == "mlxtop $VER" ]]
	check_err $? "mlxtop --version: $("$ROOT/usr/bin/mlxtop" --version 2>&1)"
	out=$("$ROOT/usr/bin/mlxtop" --once 2>&1)
	check_err $? "packaged mlxtop --once: $out"
	grep -Eq '^ +2 0x0002c90300000001 pf +slave +2 bound' <<<"$out"
	check_err $? "packaged mlxtop --once does not show slave 2 bound: $out"
	"$ROOT/usr/bin/mlxsimctl" pkey-set 10 1 0=0xffff 1=0x8001 >"$W/ctl.out" 2>&1
	check_err $? "packaged mlxsimctl pkey-set: $(cat "$W/ctl.out")"
	[[ $(kv_get "$DBG/mlxsim10/port1/counters" snoops) == 1 ]]
	check_err $? "the packaged mlxsimctl's MAD was not snooped: $(cat "$DBG/mlxsim10/port1/counters")"
	# live, with the in-kernel histograms, and gone again afterwards
	"$ROOT/usr/bin/mlxtop" --hist --json -n 1 -d 0.2 >"$W/live.json" 2>"$W/live.err"
	check_err $? "packaged mlxtop --json -n 1: $(cat "$W/live.err")"
	python3 - "$W/live.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["trace"]["active"], d["trace"]
h = d["histograms"]
assert h["unbind_wait_ns"] is not None and h["snoop_to_vf_ns"] is not None, h
assert any(f["id"] == 2 and f["state"] == "bound" for f in d["functions"])
PY
	check_err $? "packaged mlxtop --json -n 1: $(head -c 600 "$W/live.json")"
	! ls "$TRACEFS/instances" | grep -q '^mlxtop_'
	check_err $? "instance left: $(ls "$TRACEFS/instances")"
	log_test "packaged mlxtop and mlxsimctl run from the prefix (--once, --json -n, a MAD)"
}

packaged_plugin()
{
	local out sysdir=$PLUGDIR

	[[ -n $sysdir && -d $sysdir ]]
	check_err $? "no plugin directory '$sysdir' on this system"
	local i

	record_start "$W/t.dat"
	new_dev "3 vhca_ports=2" && new_dev "4 affiliate=3 native_port=2 guid=0x0002c90300000003" &&
		del_dev 4 && del_dev 3
	check_err $? "a master and a slave, bound and removed"
	sleep 0.5
	record_stop
	mkdir -p "$W/home"
	# without the package's plugin where libtraceevent looks: the kernel's format
	if [[ ! -e $sysdir/plugin_mlxsim.so ]]; then
		out=$(env -u TRACEEVENT_PLUGIN_DIR HOME="$W/home" trace-cmd report -i "$W/t.dat" 2>&1)
		grep -q 'mlxsim_mp_bind: .*guid=0x0002c90300000003' <<<"$out"
		check_err $? "without the plugin: $(grep mp_bind <<<"$out")"
	else
		log_info "$sysdir already has a plugin_mlxsim.so: no negative control"
	fi
	# the system directory with the package's plugin, mounted where it goes
	mkdir -p "$W/plugins"
	cp -a "$sysdir"/. "$W/plugins"/
	rm -f "$W/plugins/plugin_mlxsim.so"
	cp "$ROOT$sysdir/plugin_mlxsim.so" "$W/plugins/"
	if mount --bind "$W/plugins" "$sysdir"; then
		MOUNTED=$sysdir
		out=$(env -u TRACEEVENT_PLUGIN_DIR HOME="$W/home" trace-cmd report -i "$W/t.dat" 2>&1)
		umount "$sysdir"
		check_err $? "umount $sysdir"
		MOUNTED=
	else
		log_info "mount --bind failed: TRACEEVENT_PLUGIN_DIR=$ROOT$sysdir instead"
		out=$(TRACEEVENT_PLUGIN_DIR=$ROOT$sysdir HOME="$W/home" trace-cmd report -i "$W/t.dat" 2>&1)
	fi
	grep -q 'mlxsim_mp_bind: .*guid=0002:c903:0000:0003 port=2 reason=ok' <<<"$out"
	check_err $? "trace-cmd report did not use the packaged plugin: $(grep -m3 mlxsim_mp <<<"$out")"
	log_test "trace-cmd report finds the packaged plugin at $sysdir (no TRACEEVENT_PLUGIN_DIR)"
}

man_pages()
{
	local p out

	for p in mlxtop mlxsimctl; do
		out=$(MANWIDTH=80 man -l --warnings "$ROOT/usr/share/man/man1/$p.1.gz" 2>&1 >/dev/null)
		[[ -z $out ]]
		check_err $? "$p.1: $out"
		MANWIDTH=80 man -l "$ROOT/usr/share/man/man1/$p.1.gz" 2>/dev/null | grep -q "^NAME"
		check_err $? "$p.1 does not render"
	done
	log_test "the packaged man pages render without warnings"
}

remove_all()
{
	local id

	for id in 10 2 1; do
		del_dev $id
	done
	mod_unload
	check_err $? "rmmod the package's module"
	rm -rf "$W"
	check_err $? "rm -rf $W"
	! mountpoint -q "${PLUGDIR:-/nonexistent}"
	check_err $? "$PLUGDIR still mounted"
	! ls "$TRACEFS/instances" | grep -q '^mlxtop_' && ! grep -q '^mlxtop_' "$TRACEFS/synthetic_events" 2>/dev/null
	check_err $? "mlxtop left tracing state: $(ls "$TRACEFS/instances") $(cat "$TRACEFS/synthetic_events" 2>/dev/null)"
	log_test "everything removed: module, mount, prefix"
}

tests_run
exit $EXIT_STATUS
