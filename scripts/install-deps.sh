#!/bin/bash
# Install the Debian packages mlxsim needs to build, test and demo (bookworm).
# Idempotent: does nothing (and asks apt nothing) when every package is there.
#
# Besides bookworm's own packages it needs the bookworm-backports 6.12 kernel
# and headers (the second kernel the VM tests boot): it enables the
# bookworm-backports suite, from the same mirror and components as the
# machine's Debian source, asks apt which 6.12 kernel the backports
# linux-image-amd64 currently points to, and installs that kernel's image and
# headers packages by name, next to the 6.1 metapackages. From the same
# suite it takes iproute2 (>= 6.9), whose `rdma monitor` the 6.12 VM tests
# use to see ib_core's NETDEV_ATTACH/DETACH notifications; bookworm's 6.1
# iproute2 has no `rdma monitor`.
#
# Run as root (CI runs it as root). As another user it only checks and says
# what to run.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

PKGS=(
	# kernels and headers (6.1; 6.12 from backports is resolved below)
	linux-image-amd64 linux-headers-amd64 linux-source-6.1
	# module and kernel builds
	build-essential bc flex bison libelf-dev libssl-dev cpio kmod xz-utils
	sparse pkg-config
	# VM tests
	qemu-system-x86 busybox-static util-linux tmux python3 jq iproute2
	# tracing and the tools (mlxtop, trace-cmd plugin)
	trace-cmd libtraceevent-dev libtracefs-dev libtracecmd-dev libncurses-dev
	libibmad-dev libibumad-dev
	# a real Subnet Manager and the diagnostics against mlxsim (t_ib_sm,
	# make bench): OpenSM, ibstat/smpquery/saquery/perfquery/sminfo...
	opensm infiniband-diags
	# mlxtop --perfetto tests (protoc --decode_raw)
	protobuf-compiler
	# make deb
	debhelper dh-dkms
	clang llvm-14 libclang-rt-14-dev spin	# tests/fuzz (libFuzzer, llvm-cov), tests/model
)
BPO_SUITE=bookworm-backports
BPO_KERNEL=6.12
BPO_SOURCES=/etc/apt/sources.list.d/mlxsim-$BPO_SUITE.sources
BPO_IPROUTE2_MIN=6.9

say() { echo "install-deps: $*"; }
die() { echo "install-deps: error: $*" >&2; exit 1; }

installed()
{
	[[ $(dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null) == ii* ]]
}

# an installed linux-image-6.12.*-amd64 whose headers are installed too
bpo_kernel_installed()
{
	local img

	for img in $(dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' \
			"linux-image-$BPO_KERNEL.*-amd64" 2>/dev/null | awk '$1 == "ii" { print $2 }'); do
		installed "linux-headers-${img#linux-image-}" && return 0
	done
	return 1
}

# iproute2 new enough for `rdma monitor`
iproute2_has_monitor()
{
	local v

	v=$(dpkg-query -W -f='${Version}' iproute2 2>/dev/null) || return 1
	dpkg --compare-versions "$v" ge "$BPO_IPROUTE2_MIN"
}

apt_source_files()
{
	ls /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
		/etc/apt/sources.list.d/*.sources 2>/dev/null || true
}

has_bpo_source()
{
	local f

	for f in $(apt_source_files); do
		grep -qsE "^[[:space:]]*(Suites:.*[[:space:]]${BPO_SUITE}([[:space:]]|$)|deb[[:space:]].*[[:space:]]${BPO_SUITE}[[:space:]])" "$f" && return 0
	done
	return 1
}

# "URI|components|signed-by" of the machine's bookworm source
debian_source()
{
	local f

	for f in $(apt_source_files); do
		case $f in
		*.sources)
			awk 'BEGIN { RS = ""; FS = "\n" }
			{
				t = u = s = c = k = ""
				for (i = 1; i <= NF; i++) {
					l = $i
					if (l ~ /^Types:/) t = " " substr(l, 7) " "
					else if (l ~ /^URIs:/) u = substr(l, 6)
					else if (l ~ /^Suites:/) s = " " substr(l, 8) " "
					else if (l ~ /^Components:/) c = substr(l, 12)
					else if (l ~ /^Signed-By:/) k = substr(l, 11)
				}
				gsub(/^[ \t]+|[ \t]+$/, "", u); gsub(/^[ \t]+|[ \t]+$/, "", c)
				gsub(/^[ \t]+|[ \t]+$/, "", k)
				if (t ~ /[ \t]deb[ \t]/ && s ~ /[ \t]bookworm[ \t]/ && u != "") {
					print u "|" c "|" k; exit
				}
			}' "$f"
			;;
		*)
			awk '$1 == "deb" {
				i = 2
				if ($i ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
				if ($(i + 1) == "bookworm") {
					c = ""; for (j = i + 2; j <= NF; j++) c = c (c == "" ? "" : " ") $j
					print $i "|" c "|"; exit
				}
			}' "$f"
			;;
		esac
	done | head -n 1
}

add_bpo_source()
{
	local src uri comps key

	src=$(debian_source)
	[[ -n $src ]] || die "no Debian bookworm apt source found to derive $BPO_SUITE from"
	IFS='|' read -r uri comps key <<<"$src"
	say "enabling $BPO_SUITE from $uri ($comps) in $BPO_SOURCES"
	{
		echo "Types: deb"
		echo "URIs: $uri"
		echo "Suites: $BPO_SUITE"
		echo "Components: ${comps:-main}"
		[[ -n $key ]] && echo "Signed-By: $key"
	} >"$BPO_SOURCES"
}

# the image package the backports linux-image-amd64 depends on, e.g.
# linux-image-6.12.95+deb12-amd64
resolve_bpo_kernel()
{
	local ver img

	ver=$(apt-cache madison linux-image-amd64 |
		awk -F'|' -v s="$BPO_SUITE/" 'index($3, s) { gsub(/ /, "", $2); print $2; exit }')
	[[ -n $ver ]] || die "apt knows no linux-image-amd64 in $BPO_SUITE (apt-get update failed?)"
	img=$(apt-cache show "linux-image-amd64=$ver" | sed -n 's/^Depends: //p' | head -n 1 |
		tr ',|' '\n\n' | grep -oE "linux-image-$BPO_KERNEL\.[^ ]*-amd64" | head -n 1)
	[[ -n $img ]] || die "linux-image-amd64=$ver does not depend on a $BPO_KERNEL kernel"
	echo "$img"
}

missing=()
for p in "${PKGS[@]}"; do
	installed "$p" || missing+=("$p")
done
need_bpo=0
bpo_kernel_installed || need_bpo=1
need_iproute2=0
iproute2_has_monitor || need_iproute2=1

if ((${#missing[@]} == 0 && need_bpo == 0 && need_iproute2 == 0)); then
	say "all packages are installed"
	exit 0
fi

if ((EUID != 0)); then
	((${#missing[@]})) && echo "install-deps: missing packages: ${missing[*]}" >&2
	((need_bpo)) && echo "install-deps: missing the $BPO_SUITE $BPO_KERNEL kernel image and headers" >&2
	((need_iproute2)) && echo "install-deps: missing iproute2 >= $BPO_IPROUTE2_MIN from $BPO_SUITE" >&2
	echo "install-deps: run as root: sudo $0" >&2
	exit 1
fi

has_bpo_source || add_bpo_source
say "apt-get update"
apt-get update -q || say "warning: apt-get update reported errors, trying anyway"
if ((need_bpo)); then
	img=$(resolve_bpo_kernel)
	say "$BPO_SUITE kernel: $img"
	missing+=("$img" "linux-headers-${img#linux-image-}")
fi
# iproute2 may be in "missing" as bookworm's: ask for backports' instead
if ((need_iproute2)); then
	want=()
	for p in "${missing[@]}"; do
		[[ $p == iproute2 ]] || want+=("$p")
	done
	missing=("${want[@]}" "iproute2/$BPO_SUITE")
fi
say "installing: ${missing[*]}"
apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=600 "${missing[@]}"

still=()
for p in "${PKGS[@]}"; do
	installed "$p" || still+=("$p")
done
bpo_kernel_installed || still+=("$BPO_SUITE $BPO_KERNEL kernel")
iproute2_has_monitor || still+=("iproute2 >= $BPO_IPROUTE2_MIN")
((${#still[@]} == 0)) || die "still missing after install: ${still[*]}"
say "done"
