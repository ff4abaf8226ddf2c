# SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING.
# Screen-test library: runs the real wangge in a private tmux server and reads the screen (TAP).
#   . "$TOP_SRCDIR/tests/e2e/lib.sh"
#   e2e_begin NAME; e2e_db; e2e_start 80 24 en; e2e_wait "F1Help" && e2e_ok "frame drawn"; e2e_end
# Every wait has a time limit; the server is always killed on exit.

E2E_TOP=${TOP_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
E2E_WANGGE=${WANGGE:-$E2E_TOP/src/wangge}
E2E_TMUX=${TMUX_BIN:-$(command -v tmux)}
E2E_NOW=${E2E_NOW:-2026-11-25T10:42}
E2E_COUNT=0
E2E_FAILED=0
export WANGGE_PASSWORD=secret123 WANGGE_DATADIR="${WANGGE_DATADIR:-$E2E_TOP/data}"
export WANGGE_LOCALEDIR="${WANGGE_LOCALEDIR:-$E2E_TOP/locale}" TZ=Asia/Shanghai
unset TMUX WANGGE_USER

e2e_begin() {
	E2E_NAME=$1
	if [ -z "$E2E_TMUX" ]; then
		echo "1..0 # SKIP tmux is not installed"
		exit 0
	fi
	E2E_DIR=$(mktemp -d)
	E2E_SOCK="wg-$E2E_NAME-$$"
	E2E_DB=$E2E_DIR/test.db
	E2E_CONFIG=$E2E_DIR/wangge.ini
	: >"$E2E_CONFIG"
	trap e2e_cleanup EXIT INT TERM
}

e2e_cleanup() {
	"$E2E_TMUX" -L "$E2E_SOCK" kill-server 2>/dev/null
	rm -rf "$E2E_DIR"
}

# A demo database with the clock pinned, made once per script.
e2e_db() {
	"$E2E_WANGGE" --now "$E2E_NOW" --db "$E2E_DB" init --demo --community 演示社区 >/dev/null 2>&1 ||
		{ echo "Bail out! cannot create the demo database"; exit 1; }
}

# e2e_start COLS ROWS LANG [wangge arguments...]; LANG is en or zh_CN.
e2e_start() {
	cols=$1 rows=$2 lang=$3
	shift 3
	"$E2E_TMUX" -L "$E2E_SOCK" kill-server 2>/dev/null
	E2E_RUN=$(( ${E2E_RUN:-0} + 1 ))
	E2E_SOCK="wg-$E2E_NAME-$$-$E2E_RUN" # a fresh server: the old one may still be shutting down
	rm -f "$E2E_DIR/exit"
	run="env LANG=C.UTF-8 LANGUAGE=$lang TERM=${E2E_TERM:-tmux-256color} $E2E_WANGGE --db '$E2E_DB' \
		--config '$E2E_CONFIG' --now '$E2E_NOW' $*"
	if [ -n "${E2E_JOBCTL:-}" ]; then
		# A job-control shell, as at a real prompt: Ctrl-Z stops the program, which is
		# continued a second later (the pane's own process group cannot be stopped).
		run="bash -mc \"$run; while jobs %1 >/dev/null 2>&1; do touch '$E2E_DIR/stopped'; \
			sleep 1; fg %1 >/dev/null; done\""
	fi
	"$E2E_TMUX" -L "$E2E_SOCK" -f /dev/null new-session -d -s main -x "$cols" -y "$rows" \
		"$run; echo \$? >'$E2E_DIR/exit'; sleep 600"
	"$E2E_TMUX" -L "$E2E_SOCK" set-option -g window-size manual >/dev/null 2>&1
}

e2e_keys() { "$E2E_TMUX" -L "$E2E_SOCK" send-keys -t main "$@"; }
e2e_type() { "$E2E_TMUX" -L "$E2E_SOCK" send-keys -t main -l "$1"; }
e2e_screen() { "$E2E_TMUX" -L "$E2E_SOCK" capture-pane -p -t main 2>/dev/null; }
e2e_resize() { "$E2E_TMUX" -L "$E2E_SOCK" resize-window -t main -x "$1" -y "$2"; }
e2e_pid() { "$E2E_TMUX" -L "$E2E_SOCK" list-panes -t main -F '#{pane_pid}'; }

# e2e_wait TEXT [SECONDS]: until the screen shows TEXT; 1 on time-out.
e2e_wait() {
	tries=$(( ${2:-5} * 20 ))
	while [ "$tries" -gt 0 ]; do
		e2e_screen | grep -qF -- "$1" && return 0
		sleep 0.05
		tries=$((tries - 1))
	done
	return 1
}

# e2e_gone TEXT [SECONDS]: until TEXT has left the screen.
e2e_gone() {
	tries=$(( ${2:-5} * 20 ))
	while [ "$tries" -gt 0 ]; do
		e2e_screen | grep -qF -- "$1" || return 0
		sleep 0.05
		tries=$((tries - 1))
	done
	return 1
}

# e2e_file PATH [SECONDS]: until PATH exists.
e2e_file() {
	tries=$(( ${2:-5} * 20 ))
	while [ "$tries" -gt 0 ]; do
		[ -e "$1" ] && return 0
		sleep 0.05
		tries=$((tries - 1))
	done
	return 1
}

# e2e_exited [SECONDS]: until the program has ended (20 s unless told: a quit that copies the
# database for the daily backup takes longer on a loaded machine); prints its exit status.
e2e_exited() {
	tries=$(( ${1:-20} * 20 ))
	while [ "$tries" -gt 0 ]; do
		[ -s "$E2E_DIR/exit" ] && { cat "$E2E_DIR/exit"; return 0; }
		sleep 0.05
		tries=$((tries - 1))
	done
	return 1
}

# e2e_row_has A B: some row of the screen holds both A and B (within five seconds), whatever
# the spacing between them (a form's label column is as wide as its longest label).
e2e_row_has() {
	for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25; do
		e2e_screen | grep -F "$1" | grep -qF "$2" && return 0
		sleep 0.2
	done
	return 1
}

# e2e_check DESCRIPTION COMMAND...: one TAP line; on failure the screen is shown.
# Whether this build writes .xlsx workbooks (configure found libxlsxwriter; not on Debian 11).
e2e_xlsx_writer() { grep -q 'define HAVE_XLSXWRITER 1' "${E2E_BUILDDIR:-.}/config.h" 2>/dev/null; }

e2e_check() {
	desc=$1
	shift
	E2E_COUNT=$((E2E_COUNT + 1))
	if "$@"; then
		echo "ok $E2E_COUNT - $E2E_NAME: $desc"
	else
		E2E_FAILED=$((E2E_FAILED + 1))
		echo "not ok $E2E_COUNT - $E2E_NAME: $desc"
		e2e_screen 2>/dev/null | sed 's/^/#   |/'
	fi
}

e2e_end() {
	echo "1..$E2E_COUNT"
	e2e_cleanup
	trap - EXIT
}
