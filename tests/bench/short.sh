#!/bin/sh
# SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING.
# 'make bench' in a short mode (TAP): every benchmark runs at a small scale, so that none can
# be broken unnoticed; the figures go to the log, and nothing about them is asserted.
top=${TOP_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
export TOP_SRCDIR="$top" WANGGE_DATADIR="${WANGGE_DATADIR:-$top/data}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
echo "1..6"
n=0
ran() { # what it is, then the command
	n=$((n + 1))
	what=$1; shift
	if "$@" >"$work/out" 2>&1; then
		echo "ok $n - $what ran"
	else
		echo "not ok $n - $what failed (exit $?)"
	fi
	sed 's/^/# /' "$work/out"
}
run() { # a benchmark program's name, arguments...
	ran "$*" ./tests/bench/"$@"
}
run bench-lists 2000
run bench-categories
run bench-residents 2000 2000
run bench-tasks "$work/tasks.db" 5000
ran "process.sh short" env WANGGE="$PWD/src/wangge" sh "$top/tests/bench/process.sh" short
ran "sync.sh 2000" env WANGGE="$PWD/src/wangge" sh "$top/tests/bench/sync.sh" 2000
