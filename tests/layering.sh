#!/bin/sh
# The layers of design.md, checked over #include lines and calls (TAP):
#   core (src/core, include/wangge) knows no screen and no front end;
#   ui and cli use only <wangge/*.h>, never SQLite or a core-private header;
#   ui never includes the command line, and of the command line only main.c starts the ui;
#   no public header includes a private one or names an SQLite type.
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
echo "1..$n"
exit 0
