#!/bin/sh
# SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING.
# The layers of design.md, checked over #include lines and calls (TAP):
#   core (src/core, include/wangge) knows no screen and no front end;
#   ui and cli use only <wangge/*.h>, never SQLite or a core-private header;
#   ui never includes the command line, and of the command line only main.c starts the ui;
#   no public header includes a private one or names an SQLite type;
#   no loop of calls in core (from the built library's symbols) crosses two subsystems.
build=$(pwd) # the library is built here (a separate build folder under distcheck)
cd "${TOP_SRCDIR:-.}" || exit 1
n=0
fail=0
check() { # name, offending lines (empty: ok)
	n=$((n + 1))
	if [ -z "$2" ]; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		echo "$2" | sed 's/^/# /'
		fail=1
	fi
}
inc() { # files..., then a grep -E pattern over their #include lines
	pat=$1; shift
	grep -nE "^[[:space:]]*#[[:space:]]*include[[:space:]]*[<\"]($pat)" "$@" 2>/dev/null
}
core=$(ls src/core/*.c src/core/*.h include/wangge/*.h)
ui=$(ls src/ui/*.c src/ui/*.h)
cli=$(ls src/cli/*.c src/cli/*.h)
private=$(cd src/core && ls *.h | sed 's/\./\\./g' | paste -sd'|' -)

check "core includes no curses and no front end" \
	"$(inc 'n?curses|ncursesw/|panel\.h|menu\.h|form\.h|ui/|cli/|ui\.h|cli\.h' $core)"
check "ui and cli include no core-private header" \
	"$(inc "(\.\./core/)?($private)\"" $ui $cli)"
check "ui and cli call no SQLite" \
	"$(grep -nE 'sqlite3_[a-z_]+[[:space:]]*\(|<sqlite3\.h>' $ui $cli)"
check "ui includes nothing of the command line" "$(inc 'cli/|cli\.h' $ui)"
check "only main.c starts the ui" \
	"$(inc 'ui/|ui\.h' $(echo "$cli" | grep -v '^src/cli/main\.c$'))"
check "public headers include no private header and name no SQLite type" \
	"$(inc "\"|sqlite3" include/wangge/*.h; grep -nE 'sqlite3' include/wangge/*.h)"
# Calls, from the symbols of the built library (run from the build folder): a loop of calls
# between files of core may stay inside one subsystem (resident-*, store-*), never cross two.
calls_crossing() {
	lib=${WANGGE_LIB:-$build/src/libwangge.a}
	[ -f "$lib" ] || { echo "$lib is not built"; return; }
	command -v nm >/dev/null && command -v tsort >/dev/null || { echo "nm and tsort are needed"; return; }
	t=$(mktemp -d)
	nm -A --defined-only -g "$lib" 2>/dev/null | awk '$2 ~ /^[TDBR]$/ { split($1, a, ":"); sub(/\.o$/, "", a[2]); print $3, a[2] }' |
		sort >"$t/defs"
	nm -A -u "$lib" 2>/dev/null | awk '{ split($1, a, ":"); sub(/\.o$/, "", a[2]); print $NF, a[2] }' | sort >"$t/uses"
	join "$t/uses" "$t/defs" | awk '$2 != $3 { print $2, $3 }' | sort -u >"$t/edges"
	tsort "$t/edges" 2>&1 >/dev/null | awk '
		/input contains a loop/ { if (n) check(); n = 0; next }
		{ sub(/^tsort: /, ""); m[++n] = $0 }
		function prefix(f) { sub(/-.*/, "", f); return f }
		function check(   i) { for (i = 2; i <= n; i++) if (prefix(m[i]) != prefix(m[1])) {
			line = ""; for (i = 1; i <= n; i++) line = line " " m[i]; print "loop:" line; return } }
		END { if (n) check() }'
	rm -rf "$t"
}
check "no loop of calls in core crosses two subsystems" "$(calls_crossing)"
echo "1..$n"
exit 0
