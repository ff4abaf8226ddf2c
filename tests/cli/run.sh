#!/bin/sh
# SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING.
# Output tests for the command line (TAP).  Each case is a folder in tests/cli/cases/ with
#   cmd   shell lines run in a fresh temporary folder; $W is wangge with the clock pinned
#         and --db db (a copy of a demo database, or none when the case has a file "empty")
#   out   expected stdout, err expected stderr, rc expected exit status (all optional;
#         a missing out/err means "must be empty", a missing rc means 0)
# A case with a file needs-xlsxwriter (needs-libpq) is skipped in a build without libxlsxwriter
# (without the PostgreSQL feed).
# Set WANGGE_CLI_UPDATE=1 to write what the program printed as the new expectations.
set -u
top=${TOP_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
wangge=${WANGGE:-$top/src/wangge}
cases=$top/tests/cli/cases
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
export WANGGE_PASSWORD=secret123 WANGGE_DATADIR="${WANGGE_DATADIR:-$top/data}" TZ=Asia/Shanghai
export LANG=C.UTF-8 LANGUAGE=en XDG_CONFIG_HOME=/nonexistent FIXTURES="$top/tests/fixtures"
unset WANGGE_USER

"$wangge" --now 2026-11-25T09:00 --db "$work/base.db" init --demo --community 演示社区 >/dev/null ||
	{ echo "Bail out! cannot create the demo database"; exit 1; }

n=$(ls "$cases" | wc -l)
echo "1..$n"
i=0
for dir in "$cases"/*/; do
	i=$((i + 1))
	name=$(basename "$dir")
	if [ -f "$dir/needs-xlsxwriter" ] && ! grep -q 'define HAVE_XLSXWRITER 1' ./config.h 2>/dev/null; then
		echo "ok $i - $name # SKIP this build has no libxlsxwriter (writes no .xlsx)"
		continue
	fi
	if [ -f "$dir/needs-libpq" ] && ! grep -q 'define HAVE_LIBPQ 1' ./config.h 2>/dev/null; then
		echo "ok $i - $name # SKIP this build has no PostgreSQL feed (no libpq-dev)"
		continue
	fi
	run=$work/$name
	mkdir -p "$run"
	[ -f "$dir/empty" ] || cp "$work/base.db" "$run/db"
	(cd "$run" && W="$wangge --now 2026-11-25T10:00 --db db" FIXTURES="$FIXTURES" \
		sh "$dir/cmd" >"$run/.out" 2>"$run/.err"; echo $? >"$run/.rc")
	if [ "${WANGGE_CLI_UPDATE:-}" = 1 ]; then
		cp "$run/.out" "$dir/out"; cp "$run/.err" "$dir/err"; cp "$run/.rc" "$dir/rc"
		[ -s "$dir/out" ] || rm -f "$dir/out"; [ -s "$dir/err" ] || rm -f "$dir/err"
		[ "$(cat "$dir/rc")" = 0 ] && rm -f "$dir/rc"
	fi
	ok=1
	for part in out err; do
		exp=$dir/$part; [ -f "$exp" ] || exp=/dev/null
		if ! diff -u "$exp" "$run/.$part" >"$run/.diff-$part"; then ok=0; fi
	done
	want=0; [ -f "$dir/rc" ] && want=$(cat "$dir/rc")
	[ "$(cat "$run/.rc")" = "$want" ] || ok=0
	if [ $ok = 1 ]; then
		echo "ok $i - $name"
	else
		echo "not ok $i - $name (exit $(cat "$run/.rc"), expected $want)"
		sed 's/^/# /' "$run/.diff-out" "$run/.diff-err"
	fi
done
