#!/bin/sh
# SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING.
# The district feed against a real PostgreSQL server (TAP): two communities pushed into one
# database, pushed again (nothing changes), a push killed halfway and resumed, deletions,
# masking and who may unmask.  Skipped, saying so, when the server binaries are not installed.
set -u
top=${TOP_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$top/tests/pg/server.sh"
if [ -z "$(pg_bindir)" ]; then
	echo "1..0 # SKIP PostgreSQL server binaries (initdb, pg_ctl) are not installed: apt-get install postgresql"
	exit 0
fi
if ! grep -q 'define HAVE_LIBPQ 1' ./config.h 2>/dev/null; then
	echo "1..0 # SKIP this build has no PostgreSQL feed (configure found no libpq-dev)"
	exit 0
fi
wangge=${WANGGE:-$PWD/src/wangge}
work=$(mktemp -d)
chmod 0755 "$work"
trap 'pg_stop; rm -rf "$work"' EXIT INT TERM
export WANGGE_PASSWORD=secret123 WANGGE_DATADIR="$top/data" TZ=Asia/Shanghai LANG=C.UTF-8 LANGUAGE=en
export XDG_CONFIG_HOME=/nonexistent
unset WANGGE_USER PGSERVICE PGSSLMODE
pg_start "$work/pg" || { echo "Bail out! cannot start a PostgreSQL server"; exit 1; }
cd "$work" || exit 1
A="$wangge --now 2026-11-25T10:00 --db a.db"
B="$wangge --now 2026-11-25T10:00 --db b.db"
$A init --demo --community 甲社区 --code 110105001001 >/dev/null
$B init --site-id 2 --office 2 --community 乙社区 --code 110105001002 >/dev/null
printf 'code,name,parent_code,kind\n110105002,乙街道,,street\n110105002001,乙社区,110105002,community\n110105002001001,乙网格一,110105002001,grid\n' >cells.csv
{
	echo 'name,id_number,phone,cell_code,building,room'
	i=0
	while [ $i -lt 600 ]; do
		printf '乙居民%d,,1390000%04d,110105002001001,%d号楼,%d\n' $i $i $((i % 9 + 1)) $((100 + i))
		i=$((i + 1))
	done
} >people.csv
$B cells import cells.csv >/dev/null && $B residents import people.csv >/dev/null

n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
bad() { n=$((n + 1)); echo "not ok $n - $1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/# /'; }
check() { if [ "$2" = "$3" ]; then ok "$1"; else bad "$1" "got: $2
want: $3"; fi; }
uid() { $1 sync key | sed -n 's/^id //p' | tr -d -; }
ua=$(uid "$A"); ub=$(uid "$B")

# the rows of every pushed table, per site, as SQLite and PostgreSQL each count them
counts_here() {
	for t in $(pg_sql "SELECT table_name FROM information_schema.tables WHERE table_schema = 'wangge' AND table_name NOT LIKE 'push%' ORDER BY 1"); do
		echo "$t $(sqlite3 "$1" "SELECT count(*) FROM \"$t\"")"
	done
}
counts_there() {
	for t in $(pg_sql "SELECT table_name FROM information_schema.tables WHERE table_schema = 'wangge' AND table_name NOT LIKE 'push%' ORDER BY 1"); do
		echo "$t $(pg_sql "SELECT count(*) FROM wangge.\"$t\" WHERE site_uid = '$1'")"
	done
}
dump() { pg_sql "SELECT site_uid, id, name, id_number, phone, cell_id, building_id, room FROM wangge.residents ORDER BY 1, 2"; }

out=$($A pg push 2>&1)
case $out in "pushed to district@socket:"*" without TLS: "*" inserted, 0 updated, 0 deleted") ok "a community's first push: $out" ;; *) bad "first push" "$out" ;; esac
$B pg push >/dev/null 2>&1
check "two communities side by side" "$(pg_sql "SELECT count(*) || ' ' || string_agg(community, ',' ORDER BY site_no) FROM wangge.push_sites")" "2 甲社区,乙社区"
check "every table of community A, row for row" "$(counts_there "$ua")" "$(counts_here a.db)"
check "every table of community B, row for row" "$(counts_there "$ub")" "$(counts_here b.db)"
check "site ids are in every key" "$(pg_sql "SELECT count(*) FROM wangge.residents WHERE site_uid NOT IN ('$ua', '$ub')")" 0
check "the residents as SQLite holds them" \
	"$(pg_sql "SELECT id || '|' || name || '|' || coalesce(cell_id::text, '') || '|' || room FROM wangge.residents WHERE site_uid = '$ub' ORDER BY id")" \
	"$(sqlite3 b.db "SELECT id || '|' || name || '|' || coalesce(cell_id, '') || '|' || room FROM residents ORDER BY id")"
check "ID numbers and phones masked" "$(pg_sql "SELECT count(*) FROM wangge.residents WHERE id_number ~ '^[0-9]{17}[0-9X]$' OR phone ~ '^[0-9]{11}$' OR birth_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'")" 0
check "no password hash, no search text" "$(pg_sql "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'wangge' AND column_name IN ('pw_hash', 'search_text')")" 0

before=$(dump)
out=$($A pg push 2>&1)
check "pushed again: nothing but its own audit entry" "$(echo "$out" | sed 's/.*rows read, //')" "1 inserted, 0 updated, 0 deleted"
check "the residents there unchanged" "$(dump)" "$before"

# killed in the middle of community B's residents: the server rolls the open batch back, the
# next push goes on from the last committed one
printf 'name,cell_code,building,room\n' >more.csv
i=0; while [ $i -lt 3000 ]; do printf '乙新居民%d,110105002001001,10号楼,%d\n' $i $i; i=$((i + 1)); done >>more.csv
old=$(sqlite3 b.db "SELECT max(id) FROM residents")
$B residents import more.csv >/dev/null
$B pg push --batch 20 >/dev/null 2>&1 &
pid=$!
tries=0
until [ "$(pg_sql "SELECT count(*) FROM wangge.push_progress WHERE tbl = 'residents' AND last_id > $old")" = 1 ] ||
	[ $tries -ge 600 ]; do
	sleep 0.05; tries=$((tries + 1))
done
kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
part=$(pg_sql "SELECT count(*) FROM wangge.residents WHERE site_uid = '$ub'")
if [ "$part" -gt 600 ] && [ "$part" -lt 3600 ]; then ok "killed halfway: $part of 3600 residents there"; else bad "killed halfway" "$part residents there"; fi
out=$($B pg push 2>&1)
case $out in *", resumed where the last push stopped") ok "the next push resumes" ;; *) bad "resume" "$out" ;; esac
# the tables finished before the cut are not read again: the resumed push's own audit entry
# goes with the next push
check "after the resume, every table of B row for row (but its audit entry)" \
	"$(counts_there "$ub" | grep -v audit_log)" "$(counts_here b.db | grep -v audit_log)"
check "no progress left behind" "$(pg_sql "SELECT count(*) FROM wangge.push_progress")" 0

# a row gone here goes there
sqlite3 b.db "DELETE FROM resident_tags; DELETE FROM residents WHERE id IN (SELECT id FROM residents ORDER BY id LIMIT 5)"
out=$($B pg push 2>&1)
case $out in *", 5 deleted") ok "deleted rows go: $out" ;; *) bad "deletions" "$out" ;; esac
check "B after deletions, row for row" "$(counts_there "$ub")" "$(counts_here b.db)"

# unmasking is an administrator's, and audited
$A --user viewer pg push --unmasked >/dev/null 2>err; rc=$?
check "a viewer cannot push unmasked (exit 4)" "$rc $(grep -c administrator err)" "4 1"
$A --user clerk pg push --unmasked >/dev/null 2>&1; rc=$?
check "nor a clerk" "$rc" 4
$A pg push --unmasked >/dev/null
check "an administrator can: full ID numbers there" "$(pg_sql "SELECT count(*) > 0 FROM wangge.residents WHERE site_uid = '$ua' AND id_number ~ '^[0-9]{17}[0-9X]$'")" t
check "masked again by the next push" "$($A pg push >/dev/null; pg_sql "SELECT count(*) FROM wangge.residents WHERE id_number ~ '^[0-9]{17}[0-9X]$'")" 0
check "each push audited, masked or not" "$($A audit --action pg.push | grep -c 'unmasked, to district')" 1

# once a site is paired, its changes are recorded with their versions, and a push reads only
# what changed since the last one
L="$wangge --now 2026-11-25T10:00 --db l.db"
$L init --site-id 3 >/dev/null
$A sync pair 3 "$($L sync key | sed -n 's/^key //p')" >/dev/null
out=$($A pg push 2>&1)
check "the first push after pairing still reads every row" "$(echo "$out" | grep -c 'only what changed')" 0
sqlite3 a.db ".backup a-before.db"
printf 'name,cell_code,building,room\n增量甲,110105900001002,4号楼,302\n增量乙,110105900001002,4号楼,303\n' >inc.csv
$A residents import inc.csv >/dev/null
$A tasks move S1-2026-000001 file --note 增量 >/dev/null
out=$($A pg push 2>&1)
case $out in *", 0 deleted, only what changed since the last push") ok "only what changed: $out" ;; *) bad "incremental push" "$out" ;; esac
read_n=$(echo "$out" | sed 's/.* tables, \([0-9]*\) rows read.*/\1/')
if [ "$read_n" -gt 0 ] && [ "$read_n" -lt 100 ]; then ok "it read $read_n rows, not the database"; else bad "rows read" "$out"; fi
check "the new residents there as SQLite holds them" \
	"$(pg_sql "SELECT name || '|' || room FROM wangge.residents WHERE site_uid = '$ua' AND name LIKE '增量%' ORDER BY id")" \
	"$(sqlite3 a.db "SELECT name || '|' || room FROM residents WHERE name LIKE '增量%' ORDER BY id")"
check "the case's new state there" "$(pg_sql "SELECT state FROM wangge.tasks WHERE site_uid = '$ua' AND number = 'S1-2026-000001'")" \
	"$(sqlite3 a.db "SELECT state FROM tasks WHERE number = 'S1-2026-000001'")"
# a row gone here (a category the new table leaves out, used by no case) goes there too
$A categories export -o cats.csv
leaf=$(sqlite3 a.db "SELECT code FROM categories c WHERE level = 4 AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.category_id = c.id) ORDER BY code DESC LIMIT 1")
grep -v "^$leaf," cats.csv >cats2.csv
$A categories import cats2.csv --replace >/dev/null
check "a category left out of the table is gone here" "$(sqlite3 a.db "SELECT count(*) FROM categories WHERE code = '$leaf'")" 0
out=$($A pg push 2>&1)
case $out in *", 1 deleted, only what changed since the last push") ok "and there: $out" ;; *) bad "incremental deletion" "$out" ;; esac
check "after them, every table of A row for row" "$(counts_there "$ua")" "$(counts_here a.db)"
out=$($A pg push 2>&1)
check "again: nothing but its own audit entry" "$(echo "$out" | sed 's/.*rows read, //')" \
	"1 inserted, 0 updated, 0 deleted, only what changed since the last push"
# an older copy put back: its history is not the one the server saw, so every row is compared
cp a-before.db a.db
rm -f a.db-wal a.db-shm
out=$($A pg push 2>&1)
check "a restored copy reads every row" "$(echo "$out" | grep -c 'only what changed')" 0
check "and the server holds it row for row" "$(counts_there "$ua")" "$(counts_here a.db)"

# a community that pushed, then took the number its street registered (site renumber): the
# next push compares every row, and the rows under the old keys are gone there
$A site renumber 7 >/dev/null 2>&1
out=$($A pg push 2>&1)
check "renumbered: every row compared" "$(echo "$out" | grep -c 'only what changed')" 0
check "the server holds it row for row" "$(counts_there "$ua")" "$(counts_here a.db)"
check "no row there under the old number's keys" \
	"$(pg_sql "SELECT count(*) FROM wangge.residents WHERE site_uid = '$ua' AND id < 7 * 1099511627776")" 0
check "its cases there under their new numbers" \
	"$(pg_sql "SELECT count(*) FROM wangge.tasks WHERE site_uid = '$ua' AND number NOT LIKE 'S7-%'")" 0

# a server that offers TLS gets it (libpq's sslmode=prefer), over TCP
if pg_tls; then
	out=$(PGHOST=127.0.0.1 $A pg push 2>&1)
	case $out in *"@127.0.0.1:"*" over TLS: "*) ok "TLS when the server offers it: $out" ;; *) bad "TLS" "$out" ;; esac
	check "the server saw an encrypted session" "$(PGHOST=127.0.0.1 pg_sql "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")" t
	check "and PGSSLMODE=disable is honoured (libpq's own settings)" \
		"$(PGHOST=127.0.0.1 PGSSLMODE=disable $A pg push 2>&1 | grep -c ' without TLS: ')" 1
else
	ok "TLS # SKIP openssl is not installed"
fi

# no server: a clear message, nothing written, exit 3
PGHOST=$work/nowhere $A pg push >/dev/null 2>err; rc=$?
check "no server: exit 3" "$rc" 3
if grep -q "cannot connect to PostgreSQL: .*PGHOST" err; then ok "the message says how to name the server"; else bad "connect message" "$(cat err)"; fi
echo "1..$n"
