#!/bin/sh
# SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING.
# Whole-process figures, wangge against the sqlite3 shell on the same file, as a clerk's PC
# sees them: start -> a screen's first frame -> quit (warm and cold), the KDF's own time, peak
# memory, the month's report, dispatch suggestions and the queue counts.  Prints; asserts nothing.
#   tests/bench/process.sh [short|district]
# district: the file 'wangge gen --residents 200000 --tasks 1000000 --cells 500' makes, built
# once into $WANGGE_BENCH_CACHE (default ~/.cache/wangge-bench) and kept there.  short: a small
# file in a temporary folder (make check runs it so that it cannot break unnoticed).
# WANGGE_BENCH_PAIRS runs of each pair (default 9; short 1); the median is printed.
set -u
top=${TOP_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
wangge=${WANGGE:-$top/src/wangge}
scale=${1:-district}
# the cached file's administrator password (the one it was built with)
export WANGGE_DATADIR="${WANGGE_DATADIR:-$top/data}" LANG=C.UTF-8
export WANGGE_PASSWORD="${WANGGE_BENCH_PASSWORD:-bench-pass-1}"
export XDG_CONFIG_HOME=/nonexistent TERM=xterm
unset WANGGE_USER
case $scale in
short) gen="--residents 2000 --tasks 10000 --cells 20"; pairs=${WANGGE_BENCH_PAIRS:-1}
       cache=$(mktemp -d); trap 'rm -rf "$cache"' EXIT INT TERM ;;
district) gen="--residents 200000 --tasks 1000000 --cells 500"; pairs=${WANGGE_BENCH_PAIRS:-9}
       cache=${WANGGE_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/wangge-bench}
       mkdir -p "$cache" ;;
*) echo "usage: $0 [short|district]" >&2; exit 2 ;;
esac
command -v sqlite3 >/dev/null || { echo "process.sh needs the sqlite3 shell" >&2; exit 2; }
command -v script >/dev/null || { echo "process.sh needs script(1) (bsdutils)" >&2; exit 2; }
db=$cache/$scale.db
work=$(mktemp -d)
trap 'rm -rf "$work"; [ "$scale" = short ] && rm -rf "$cache"' EXIT INT TERM
if [ ! -f "$db" ]; then
	echo "# building $db (wangge gen $gen), once"
	"$wangge" --db "$db" init >/dev/null && "$wangge" --db "$db" gen $gen >/dev/null || exit 1
fi
# No daily backup in these runs: its own figure is the quit's (README).
printf '[backup]\ndaily = false\n' >"$work/bench.ini"
W="$wangge --db $db --config $work/bench.ini"

# One run of a command: wall seconds and peak memory (KiB, GNU time; 0 without it).
now_ns() { date +%s%N; }
gnutime=$(command -v /usr/bin/time 2>/dev/null || true)
run_once() { # out-file, command...
	out=$1; shift
	s=$(now_ns)
	if [ -n "$gnutime" ]; then
		/usr/bin/time -f '%M' -o "$work/mem" "$@" >/dev/null 2>"$work/err"
	else
		"$@" >/dev/null 2>"$work/err"; echo 0 >"$work/mem"
	fi
	status=$?
	e=$(now_ns)
	if [ $status -ne 0 ] && [ "$out" = "$work/a" ]; then # a figure of a failing run means nothing
		echo "$* failed (exit $status): $(tail -n 1 "$work/err")" >&2
		exit 1
	fi
	echo "$(( (e - s) / 1000 )) $(tail -n 1 "$work/mem")" >>"$out" # a failing run: its status first
}
cold() { dd if="$db" iflag=nocache count=0 status=none 2>/dev/null || true; }
median() { # file, column -> the median
	sort -n -k"$2" "$1" | awk -v c="$2" '{v[NR] = $c} END {print v[int((NR + 1) / 2)]}'
}
ms() { awk -v u="$1" 'BEGIN {printf "%.1f", u / 1000}'; }

# A pair, A B A B: prints median A, median B, the median of the pair ratios, A's peak.
pair() { # label, cold(0|1), command A, command B (strings)
	label=$1; chill=$2; a=$3; b=$4
	rm -f "$work/a" "$work/b"
	sh -c "$a" >/dev/null 2>&1 # a warm-up, not counted (and a schema upgrade, if any)
	i=0
	while [ $i -lt "$pairs" ]; do
		[ "$chill" = 1 ] && cold
		run_once "$work/a" sh -c "$a"
		[ "$chill" = 1 ] && cold
		run_once "$work/b" sh -c "$b"
		i=$((i + 1))
	done
	# the ratio to the budget's base: the floor plus the KDF's own time (kdf_us, 0 at first)
	paste "$work/a" "$work/b" | awk -v k="$kdf_us" '{print $1 / ($3 + k)}' >"$work/r"
	printf '%-34s %9s ms %9s ms %6.2fx %7s KiB\n' "$label" "$(ms "$(median "$work/a" 1)")" \
		"$(ms "$(median "$work/b" 1)")" "$(median "$work/r" 1)" "$(median "$work/a" 2)"
}
kdf_us=0

screen() { # N -> the command that opens screen N and quits at its first frame
	printf '%s<Quit>' "$1" >"$work/k$1"
	echo "script -qec '$W --keys $work/k$1' /dev/null"
}
# The floor: the sqlite3 shell printing the first page of the cases to dispatch.
page="SELECT id, number, state, title, deadline_at FROM tasks WHERE state = 'filed' ORDER BY deadline_at LIMIT 20"
floor="sqlite3 $db \"$page\""
# for the screens, through a terminal as they are (script(1)'s own cost on both sides)
printf '%s;\n' "$page" >"$work/page.sql"
floor_pty="script -qec 'sqlite3 -bail $db .read\\ $work/page.sql' /dev/null"
first=$(sqlite3 "$db" "SELECT id FROM tasks WHERE state IN ('filed', 'reported') LIMIT 1")
month=$(sqlite3 "$db" "SELECT strftime('%Y-%m', max(created_at), 'unixepoch', '-1 month') FROM tasks")

echo "# wangge whole process against the sqlite3 shell: $scale file ($(du -h "$db" | cut -f1)), $pairs pair(s), medians"
echo "# machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%d MiB", $2 / 1024}' /proc/meminfo), $(uname -sr)"
printf '%-34s %12s %12s %7s %11s\n' figure wangge floor ratio "peak(A)"
pair "login alone (KDF): tasks show" 0 "$W tasks show $first" "$floor"
# the KDF's own time: the login's median less the floor's
kdf_us=$(( $(median "$work/a" 1) - $(median "$work/b" 1) ))
[ "$kdf_us" -gt 0 ] || kdf_us=0
echo "# KDF and login: $(ms $kdf_us) ms; the ratios below are wangge / (floor + that)"
for n in 1 2 3 4 5 6 7 8 9; do
	pair "start -> screen $n -> quit" 0 "$(screen $n)" "$floor_pty"
done
pair "cold: start -> overview -> quit" 1 "$(screen 1)" "$floor_pty"
# The quit with the day's backup due (issue 15: <= 100 ms): the copy goes on in the pauses
# and a quit never waits for the rest of a large file; each run finds it due again.
printf '[backup]\ndaily = true\ndir = %s\n' "$work/daily" >"$work/daily.ini"
daily_screen=$(screen 1 | sed "s|$work/bench.ini|$work/daily.ini|")
pair "overview -> quit, backup due" 0 "$daily_screen" "$floor_pty"
pair "cold: start -> screen 8 -> quit" 1 "$(screen 8)" "$floor_pty"
pair "report monthly --month $month" 0 "$W report monthly --month $month" "$floor"
pair "tasks suggest (one case)" 0 "$W tasks suggest $first" "$floor"
pair "tasks queues (nine counts)" 0 "$W tasks queues" "$floor"
# Resident memory after login (issue 15: <= 8 MiB): each screen opened straight after the
# login, read from /proc 1 s after its key (when it has counted what it reads after the first
# frame) and 5 s after (when 2 s without a key have given back what they could).  One run a
# screen; not at the short scale (it takes a minute).
rss_of() { # the wangge whose key script is $1
	r=0
	for p in $(pgrep -x wangge); do
		grep -q "$1" "/proc/$p/cmdline" 2>/dev/null && r=$(awk '/^VmRSS/ {print $2}' "/proc/$p/status")
	done
	echo "$r"
}
if [ "$scale" != short ]; then
	printf '%-34s %12s %12s\n' "resident after login (VmRSS)" "KiB at 1 s" "at 5 s"
	for n in 1 2 3 4 5 6 7 8 9; do
		printf '%s<Sleep:6500><Quit>' "$n" >"$work/rss$n"
		script -qec "$W --keys $work/rss$n" /dev/null >/dev/null 2>&1 &
		sp=$!
		sleep 1
		early=$(rss_of "rss$n")
		sleep 4
		late=$(rss_of "rss$n")
		wait $sp
		printf '%-34s %12s %12s\n' "screen $n after its key" "$early" "$late"
	done
fi
echo "# budgets (issue 15): screens <= 1.5 x; report <= 300 ms; suggest <= 20 ms and queues <= 10 ms in process;"
echo "#   quit <= 100 ms (the backup due costs the quit no more than that over the overview's own run);"
echo "#   peak (VmHWM) <= 24 MiB with the login; resident after login <= 8 MiB (8192 KiB)"
