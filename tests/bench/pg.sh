#!/bin/sh
# SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING.
# The district feed's benchmark (prints figures, asserts nothing): 'wangge pg push' of a
# database into a private PostgreSQL server (tests/pg/server.sh), first and again, against
# psql's \copy of the same rows into tables of the same shape.
#   sh tests/bench/pg.sh [DB PASSWORD]   default: the district file of tests/bench/process.sh
#                                        (200k residents, 1M cases), built there if missing
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
wangge=${WANGGE:-$PWD/src/wangge}
. "$top/tests/pg/server.sh"
[ -n "$(pg_bindir)" ] || { echo "pg.sh: PostgreSQL server binaries are not installed (apt-get install postgresql)"; exit 0; }
db=${1:-${XDG_CACHE_HOME:-$HOME/.cache}/wangge-bench/district.db}
pw=${2:-bench-pass-1}
[ -f "$db" ] || sh "$top/tests/bench/process.sh" district >/dev/null
work=$(mktemp -d)
chmod 0755 "$work"
trap 'pg_stop; rm -rf "$work"' EXIT INT TERM
pg_start "$work/pg"
export WANGGE_PASSWORD=$pw LANG=C.UTF-8 LANGUAGE=en XDG_CONFIG_HOME=/nonexistent
secs() { date +%s.%N; }
took() { echo "$2 - $1" | bc; }

t0=$(secs); out=$("$wangge" --db "$db" --user admin pg push); t1=$(secs)
rows=$(echo "$out" | sed 's/.*tables, \([0-9]*\) rows read.*/\1/')
first=$(took "$t0" "$t1")
t0=$(secs); again=$("$wangge" --db "$db" --user admin pg push); t1=$(secs)
second=$(took "$t0" "$t1")

# the same rows, by psql's \copy, into tables of the same shape and keys
tables=$(pg_sql "SELECT table_name FROM information_schema.tables WHERE table_schema = 'wangge' AND table_name NOT LIKE 'push%' ORDER BY 1")
pg_sql "CREATE SCHEMA copy" >/dev/null
for t in $tables; do
	pg_sql "CREATE TABLE copy.\"$t\" (LIKE wangge.\"$t\" INCLUDING ALL)" >/dev/null
	"$PG_BIN/psql" -X -q -c "\\copy wangge.\"$t\" TO '$work/$t.tsv'"
done
t0=$(secs)
for t in $tables; do
	"$PG_BIN/psql" -X -q -c "\\copy copy.\"$t\" FROM '$work/$t.tsv'"
done
t1=$(secs)
copy=$(took "$t0" "$t1")
printf 'pg push, first:  %s rows in %.1f s (%s rows/s)\n    %s\n' "$rows" "$first" "$(echo "$rows / $first" | bc)" "$out"
printf 'pg push, again:  %.1f s (not paired: every row compared)\n    %s\n' "$second" "$again"

# Once a site is paired its changes carry versions and a push sends only what changed since
# the last one: a copy of the file (the same site id: the server holds its rows already),
# paired with a stand-in peer, pushed once (every row compared, its vector recorded), then
# 1,000 new cases, and the push of only them.
if command -v sqlite3 >/dev/null; then
	cp "$db" "$work/paired.db"
	sqlite3 "$work/paired.db" "INSERT INTO peer_keys(site_no, public_key, paired_at, paired_by)
		VALUES (8000000, zeroblob(32), 0, NULL)"
	"$wangge" --db "$work/paired.db" --user admin pg push >/dev/null
	"$wangge" --db "$work/paired.db" --user admin gen --tasks 1000 --residents 0 --cells 0 >/dev/null
	t0=$(secs); delta=$("$wangge" --db "$work/paired.db" --user admin pg push); t1=$(secs)
	printf 'pg push, 1000 new cases since (paired: only what changed): %.2f s\n    %s\n' \
		"$(took "$t0" "$t1")" "$delta"
	rm -f "$work/paired.db" "$work/paired.db-wal" "$work/paired.db-shm"
fi
printf 'psql \\copy:      %s rows in %.1f s (%s rows/s); push / copy = %s\n' "$rows" "$copy" \
	"$(echo "$rows / $copy" | bc)" "$(echo "scale=2; $first / $copy" | bc)"
