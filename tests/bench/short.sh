#!/bin/sh
# 'make bench' in a short mode (TAP): every benchmark runs at a small scale, so that none can
# be broken unnoticed; the figures go to the log, and nothing about them is asserted.
top=${TOP_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
export TOP_SRCDIR="$top" WANGGE_DATADIR="${WANGGE_DATADIR:-$top/data}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
echo "1..4"
n=0
run() { # name, arguments...
	n=$((n + 1))
	name=$1; shift
	if ./tests/bench/"$name" "$@" >"$work/out" 2>&1; then
		echo "ok $n - $name $* ran"
	else
		echo "not ok $n - $name $* failed (exit $?)"
	fi
	sed 's/^/# /' "$work/out"
}
run bench-lists 2000
run bench-categories
run bench-residents 2000 2000
run bench-tasks "$work/tasks.db" 5000
