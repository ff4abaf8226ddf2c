#!/bin/sh
# SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING.
# Sync figures, whole process: an office with N residents (wangge gen) and a new laptop.
#   - the whole-database file: export, and import on the new laptop, against the sqlite3 shell
#     writing the same rows (cells, buildings, households, residents) into an empty database
#     of the same schema, with the search index built, in one transaction;
#   - a file of about 10,000 changes (residents registered at the office after the first
#     file): export, and import on the laptop, which merges column by column.
# Prints wall seconds and peak memory (GNU time); asserts nothing.
#   tests/bench/sync.sh [RESIDENTS]     (default 100000; make check runs it with 2000)
set -u
top=${TOP_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
wangge=${WANGGE:-$top/src/wangge}
n=${1:-100000}
delta=$(( n / 10 < 10000 ? n / 10 : 10000 ))
export WANGGE_DATADIR="${WANGGE_DATADIR:-$top/data}" LANG=C.UTF-8 TZ=Asia/Shanghai
export WANGGE_PASSWORD=bench-pass-1 XDG_CONFIG_HOME=/nonexistent
unset WANGGE_USER
command -v sqlite3 >/dev/null || { echo "sync.sh needs the sqlite3 shell" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
cd "$work" || exit 1
printf '[backup]\ndaily = false\n' >bench.ini
W="$wangge --db office.db --config bench.ini"
L="$wangge --db laptop.db --config bench.ini"
gnutime=$(command -v /usr/bin/time 2>/dev/null || true)
# One timed run: "SECONDS MIB" of a command (its output kept in $work/out).
timed() {
	s=$(date +%s%N)
	if [ -n "$gnutime" ]; then
		/usr/bin/time -f '%M' -o mem "$@" >out 2>err || { echo "failed: $* : $(tail -n 1 err)" >&2; exit 1; }
	else
		"$@" >out 2>err || { echo "failed: $*" >&2; exit 1; }
		echo 0 >mem
	fi
	e=$(date +%s%N)
	awk -v t=$(( (e - s) / 1000 )) -v m="$(tail -n 1 mem)" 'BEGIN { printf "%.3f s, %.1f MiB", t / 1e6, m / 1024 }'
}
$W init >/dev/null && $W gen --residents "$n" --tasks 0 --cells 50 >/dev/null || exit 1
$L init --site-id 2 >/dev/null || exit 1
$W sync pair 2 "$($L sync key | sed -n 's/^key //p')" >/dev/null || exit 1
$L sync pair 1 "$($W sync key | sed -n 's/^key //p')" >/dev/null || exit 1

echo "whole-database file, $n residents:"
echo "  wangge sync export:          $(timed $W sync export --to 2 -o whole.wgs) ($(wc -c <whole.wgs) bytes)"
echo "  wangge sync import (laptop): $(timed $L sync import whole.wgs)"
# the same rows written by the sqlite3 shell into an empty database of the same schema
$wangge --db empty.db --config bench.ini init --site-id 3 >/dev/null || exit 1
{
	echo "PRAGMA foreign_keys = ON; BEGIN;"
	for t in cells buildings households residents; do
		sqlite3 office.db ".mode insert $t" "SELECT * FROM $t"
	done
	echo "INSERT INTO resident_search(resident_search) VALUES ('rebuild'); COMMIT;"
} >rows.sql
echo "  sqlite3 writing those rows:  $(timed sqlite3 empty.db ".read rows.sql")"
# the same records taken where their seals are kept (a street office; a laptop keeps none of
# its own office's): the merge, and some 210 bytes a record beside them
S="$wangge --db street.db --config bench.ini"
$S init --site-id 5 --office 5 >/dev/null || exit 1
$W sync pair 5 "$($S sync key | sed -n 's/^key //p')" >/dev/null || exit 1
$S sync pair 1 "$($W sync key | sed -n 's/^key //p')" >/dev/null || exit 1
$W sync export --to 5 -o street.wgs >/dev/null 2>&1 || exit 1
echo "  wangge sync import (street): $(timed $S sync import street.wgs), file $(( $(wc -c <street.db) / 1048576 )) MiB," \
	"of it seals $(sqlite3 street.db "SELECT sum(pgsize) / 1048576 FROM dbstat WHERE name LIKE 'sync_seal%'") MiB"
echo "  wangge check (street):       $(timed $S check)"

# about 10,000 changes: residents registered at the office after the first file
awk -v n="$delta" 'BEGIN { print "name,cell_code,building,room";
	for (i = 1; i <= n; i++) printf "新登记%d,%s,%d号楼,%d\n", i, "", i % 40 + 1, i % 600 + 101 }' >more.csv
cell=$(sqlite3 office.db "SELECT code FROM cells WHERE kind = 'grid' ORDER BY id LIMIT 1")
sed -i "s/,,/,$cell,/" more.csv
$W residents import more.csv >/dev/null || exit 1
$L sync export --to 1 -o ack.wgs >/dev/null 2>&1 && $W sync import ack.wgs >/dev/null || exit 1
echo "a file of the $delta residents registered at the office since (with their households):"
echo "  wangge sync export:          $(timed $W sync export --to 2 -o delta.wgs) ($(wc -c <delta.wgs) bytes)"
echo "  wangge sync import (laptop): $(timed $L sync import delta.wgs)"
echo "  $(cat out)"
