#!/bin/sh
# SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING.
# The Debian package (TAP): built from a copy of the source tree with dpkg-buildpackage, checked
# with lintian --pedantic, its contents and hardening read, then unpacked into a throwaway root
# and run from there with no source tree on the path: init --demo, check, and the full-screen
# program in tmux, in Chinese from the installed translation.  Skipped, saying why, where the
# tools or the build dependencies are missing.
set -u
top=${TOP_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
skip() { echo "1..0 # SKIP $1"; exit 0; }
command -v dpkg-buildpackage >/dev/null || skip "dpkg-buildpackage is not installed (Debian package dpkg-dev)"
command -v dh >/dev/null || skip "debhelper is not installed"
[ -d "$top/.git" ] && command -v git >/dev/null || skip "not a git checkout: the files to package cannot be listed"
(cd "$top" && dpkg-checkbuilddeps -B -P nocheck 2>/dev/null) ||
	skip "build dependencies are missing: $(cd "$top" && dpkg-checkbuilddeps -B -P nocheck 2>&1 | sed 's/.*dependencies: //')"
command -v tmux >/dev/null || skip "tmux is not installed"

work=$(mktemp -d)
trap 'tmux -L wg-pkg-$$ kill-server 2>/dev/null; rm -rf "$work"' EXIT INT TERM
version=$(sed -n '1s/^wangge (\([^)]*\)).*/\1/p' "$top/debian/changelog")
arch=$(dpkg --print-architecture)
deb=$work/src/wangge_${version}_$arch.deb
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
bad() { n=$((n + 1)); echo "not ok $n - $1"; [ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/# /'; }
check() { if [ "$1" = 0 ]; then ok "$2"; else bad "$2" "${3:-}"; fi; }

echo "1..13"
mkdir -p "$work/src/wangge-$version"
(cd "$top" && git ls-files -co --exclude-standard -z | xargs -0 tar -cf - --no-recursion 2>/dev/null) |
	tar -xf - -C "$work/src/wangge-$version"
(cd "$work/src/wangge-$version" &&
	DEB_BUILD_OPTIONS="nocheck parallel=$(nproc)" dpkg-buildpackage -us -uc -b >"$work/build.log" 2>&1)
[ -f "$deb" ]
check $? "dpkg-buildpackage -us -uc -b makes wangge_${version}_$arch.deb" "$(tail -20 "$work/build.log")"

if command -v lintian >/dev/null; then
	out=$(lintian --pedantic -I -E "$deb" 2>&1 | grep -v 'running with root privileges')
	[ -z "$out" ]
	check $? "lintian --pedantic reports nothing" "$out"
else
	ok "lintian --pedantic # SKIP lintian is not installed"
fi

files=$(dpkg-deb -c "$deb" | awk '{ print $6 }')
missing=""
for f in ./usr/bin/wangge ./usr/share/wangge/categories/full-model.csv \
	./usr/share/wangge/templates/monthly-cases.tpl ./usr/share/locale/zh_CN/LC_MESSAGES/wangge.mo \
	./usr/share/man/man1/wangge.1.gz ./usr/share/man/zh_CN/man1/wangge.1.gz \
	./usr/share/man/man5/wangge.ini.5.gz ./usr/share/man/zh_CN/man5/wangge.ini.5.gz \
	./usr/share/doc/wangge/copyright ./usr/share/doc/wangge/README.gz ./usr/share/doc/wangge/NEWS.gz \
	./usr/share/doc/wangge/changelog.gz ./etc/wangge.ini; do
	printf '%s\n' "$files" | grep -qx "$f" || missing="$missing $f"
done
[ -z "$missing" ]
check $? "the package holds the program, data, translation, manuals in English and Chinese, docs and /etc/wangge.ini" "missing:$missing"
dpkg-deb --info "$deb" conffiles 2>/dev/null | grep -qx /etc/wangge.ini
check $? "/etc/wangge.ini is a conffile"
dpkg-deb --field "$deb" Depends | grep -q 'libsqlite3-0'
check $? "runtime dependencies come from shlibs: $(dpkg-deb --field "$deb" Depends)"

root=$work/root
dpkg-deb -x "$deb" "$root"
bin=$root/usr/bin/wangge
readelf -d "$bin" 2>/dev/null | grep -q BIND_NOW && readelf -h "$bin" | grep -q 'DYN'
check $? "hardened: PIE and bind-now"
grep -q '^;' "$root/etc/wangge.ini" && ! grep -q '^[a-z]' "$root/etc/wangge.ini"
check $? "the example /etc/wangge.ini changes nothing until a line is uncommented"

# Run from the unpacked files only: a PATH and a data folder with no source tree in them.
home=$work/home
lang=en
mkdir -p "$home"
run() {
	env -i HOME="$home" PATH="$root/usr/bin:/usr/bin:/bin" LANG=C.UTF-8 LANGUAGE="$lang" \
		TERM=xterm-256color WANGGE_PASSWORD=secret123 WANGGE_DATADIR="$root/usr/share/wangge" \
		WANGGE_LOCALEDIR="$root/usr/share/locale" XDG_CONFIG_DIRS="$work/none" "$@"
}
out=$(cd "$work" && run wangge init --demo --community 演示社区 2>&1)
check $? "the installed wangge makes the demo database" "$out"
out=$(cd "$work" && run wangge --user admin check 2>&1)
check $? "wangge check passes on it" "$out"
printf '%s\n' "$out" | grep -q 'audit'
check $? "check reads the audit chain" "$out"
out=$(cd "$work" && run wangge --version)
printf '%s\n' "$out" | grep -q "wangge $version" && printf '%s\n' "$out" | grep -q 'Mulan PSL v2'
check $? "--version names the version and the licence" "$out"

sock=wg-pkg-$$
tmux -L "$sock" -f /dev/null new-session -d -x 80 -y 24 \
	"env -i HOME='$home' PATH='$root/usr/bin:/usr/bin:/bin' LANG=C.UTF-8 LANGUAGE=zh_CN TERM=xterm-256color WANGGE_PASSWORD=secret123 WANGGE_DATADIR='$root/usr/share/wangge' WANGGE_LOCALEDIR='$root/usr/share/locale' XDG_CONFIG_DIRS='$work/none' wangge --user admin; sleep 5"
screen=""
for _ in $(seq 50); do
	screen=$(tmux -L "$sock" capture-pane -p 2>/dev/null)
	printf '%s\n' "$screen" | grep -q '演示社区' && break
	sleep 0.2
done
printf '%s\n' "$screen" | grep -q '演示社区' && printf '%s\n' "$screen" | grep -q '概览'
check $? "the full-screen program starts from the installed files, in Chinese" "$screen"
tmux -L "$sock" send-keys q 2>/dev/null
sleep 0.5
tmux -L "$sock" send-keys y 2>/dev/null
lang=zh_CN
out=$(cd "$work" && run wangge --help 2>&1 | head -1)
printf '%s\n' "$out" | grep -q '用法'
check $? "the installed translation is used: $out"
