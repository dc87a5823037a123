#!/bin/bash
# Build (or reuse) the mlxsim debug kernel: Debian's linux-source-6.1,
# tinyconfig + tests/vm/debug.config (KASAN, lockdep, kmemleak, tracing, 9p).
#
# Usage: tests/vm/build-debug-kernel.sh [--print-dir]
#
# The result is cached in
#   ${XDG_CACHE_HOME:-$HOME/.cache}/mlxsim/debug-<srcversion>-<fragment sha>/
#     linux/               built tree, usable as KDIR for out-of-tree modules
#     bzImage              the kernel image
#     lib/modules/<kver>/  the in-tree modules (ib_core...), from modules_install
#     kernelrelease        `uname -r` of this kernel
#     build.log            full build output
# Progress goes to stderr; the cache directory is printed on stdout.
# --print-dir prints the directory without building anything.
#
# Environment: MLXSIM_KSRC_TAR (default /usr/src/linux-source-6.1.tar.xz),
#              MLXSIM_KSRC_PKG (default linux-source-6.1), JOBS (default nproc).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
fragment=$here/debug.config
src_tar=${MLXSIM_KSRC_TAR:-/usr/src/linux-source-6.1.tar.xz}
src_pkg=${MLXSIM_KSRC_PKG:-linux-source-6.1}
jobs=${JOBS:-$(nproc)}

say() { echo "build-debug-kernel: $*" >&2; }
die() { say "error: $*"; exit 1; }

[[ -r $fragment ]] || die "missing config fragment $fragment"
[[ -r $src_tar ]] || die "missing $src_tar (run scripts/install-deps.sh as root)"

# The source version names the cache: the package version when the tarball is
# the packaged one, else the tarball's own checksum.
srcver=
if [[ $src_tar == /usr/src/$src_pkg.tar.xz ]]; then
	srcver=$(dpkg-query -W -f='${Version}' "$src_pkg" 2>/dev/null || true)
fi
[[ -n $srcver ]] || srcver=tar$(sha256sum "$src_tar" | cut -c1-12)
fragsha=$(sha256sum "$fragment" | cut -c1-12)
cache_root=${XDG_CACHE_HOME:-${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}/.cache}/mlxsim
out=$cache_root/debug-$srcver-$fragsha

if [[ ${1:-} == --print-dir ]]; then
	echo "$out"
	exit 0
fi
[[ $# -eq 0 ]] || die "usage: $0 [--print-dir]"

mkdir -p "$cache_root"
exec 9>"$cache_root/.lock-debug-$srcver-$fragsha"
if ! flock -n 9; then
	say "another build of $out is running, waiting for it"
	flock 9
fi

if [[ -f $out/.complete ]]; then
	say "reusing cached debug kernel $out ($(cat "$out/kernelrelease"))"
	echo "$out"
	exit 0
fi

start=$(date +%s)
say "building debug kernel in $out (source $srcver, fragment $fragsha, -j$jobs)"
rm -rf "$out"
mkdir -p "$out/extract"
tar -xf "$src_tar" -C "$out/extract"
top=$(find "$out/extract" -mindepth 1 -maxdepth 1 -type d)
[[ -f $top/Makefile ]] || die "unexpected layout in $src_tar"
mv "$top" "$out/linux"
rmdir "$out/extract"
cp "$fragment" "$out/debug.config"

cd "$out/linux"
log=$out/build.log
: >"$log"
run() {
	echo "+ $*" >>"$log"
	if ! "$@" >>"$log" 2>&1; then
		tail -n 40 "$log" >&2
		die "'$*' failed, full log in $log"
	fi
}

run make tinyconfig
run scripts/kconfig/merge_config.sh -m .config "$fragment"
run make olddefconfig

# Every line of the fragment must have survived olddefconfig: a dependency we
# forgot silently drops a symbol, and with it a checker.
dropped=()
while IFS= read -r line; do
	if [[ $line =~ ^(CONFIG_[A-Za-z0-9_]+)=(.*)$ ]]; then
		grep -qxF -- "$line" .config || dropped+=("$line (got: $(grep -E "^(# )?${BASH_REMATCH[1]}[= ]" .config || echo unset))")
	elif [[ $line =~ ^#\ (CONFIG_[A-Za-z0-9_]+)\ is\ not\ set$ ]]; then
		if grep -qE "^${BASH_REMATCH[1]}=" .config; then
			dropped+=("$line (got: $(grep -E "^${BASH_REMATCH[1]}=" .config))")
		fi
	fi
done <"$fragment"
if ((${#dropped[@]})); then
	say "these fragment settings did not survive 'make olddefconfig':"
	printf '  %s\n' "${dropped[@]}" >&2
	die "fix $fragment (a dependency is missing)"
fi
say "config ok: every symbol of $(basename "$fragment") is set"

say "make -j$jobs bzImage modules (output in $log)"
run make -j"$jobs" bzImage modules
run make -j"$jobs" modules_install INSTALL_MOD_PATH="$out"
cp arch/x86/boot/bzImage "$out/bzImage"
make -s kernelrelease >"$out/kernelrelease"
touch "$out/.complete"

secs=$(($(date +%s) - start))
say "built $(cat "$out/kernelrelease") in $((secs / 60))m$((secs % 60))s -> $out"
echo "$out"
