#!/bin/sh
# SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING.
# The command table against the manual (TAP): every command and subcommand the program's own
# --help lists (from the rows of each cmd-*.c) has its entry in man/wangge.1 (a ".B COMMAND"
# line naming the subcommand), and every option its usage names is in the manual too.
top=${TOP_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
wangge=${WANGGE:-./src/wangge}
# the manual with a heading split over lines by \c joined back into one line
man=$(mktemp)
trap 'rm -f "$man"' EXIT
awk '/\\c$/ { sub(/\\c$/, ""); printf "%s", $0; next } { print }' "$top/man/wangge.1" >"$man"
export LANGUAGE=C LANG=C.UTF-8
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
bad() { n=$((n + 1)); echo "not ok $n - $1"; }
commands=$("$wangge" --help | sed -n '/^Commands:/,/^$/p' | awk 'NR > 1 && NF { print $1 }')
[ -n "$commands" ] || { echo "1..1"; echo "not ok 1 - wangge --help lists no command"; exit 0; }
for c in $commands; do
	rows=$("$wangge" "$c" --help | awk -v c="$c" '$1 == "wangge" && $2 == c { print $3 }')
	# an entry's heading: ".B COMMAND ..." or, split over lines with \c, "\fBCOMMAND ..."
	if grep -q "^\(\.B \|\\\\fB\)$c\( \|\\\\\|$\)" "$man"; then ok "man page: $c"; else bad "man page has no .B $c entry"; fi
	for s in $rows; do
		if grep "^\(\.B \|\\\\fB\)$c " "$man" | grep -q "\(^\|[^a-z]\)$s\([^a-z]\|$\)"; then
			ok "man page: $c $s"
		else
			bad "man page has no entry naming '$c $s'"
		fi
	done
	for o in $("$wangge" "$c" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
		esc=$(echo "$o" | sed 's/-/\\\\-/g')
		if grep -q -- "$esc" "$man"; then ok "man page: $c $o"; else bad "man page does not name $c's option $o"; fi
	done
done
echo "1..$n"
