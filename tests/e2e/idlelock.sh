#!/bin/sh
# SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING.
# The idle lock: after [ui] idle_lock without a key the screen hides everything until the
# password is typed again, and a form being typed is kept.  WANGGE_IDLE_LOCK_SECONDS makes
# the wait seconds instead of minutes, for this test.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
e2e_begin idlelock
e2e_db
export WANGGE_IDLE_LOCK_SECONDS=3

hidden() { ! e2e_screen | grep -qF -e "演示乙" -e "110105" -e "演示社区" -e "$1"; }
title_locked() { e2e_screen | head -1 | grep -qx ' *wangge  locked *'; }
audit() { sqlite3 "$E2E_DB" "SELECT count(*) FROM audit_log WHERE action = '$1'" | grep -qx "$2"; }

export WANGGE_PASSWORD=wrong-password
e2e_start 80 24 en --user clerk
e2e_check "a wrong password does not start the program (exit 4)" test "$(e2e_exited)" = 4
e2e_check "and says why" e2e_wait "wrong user name or password for 'clerk'"
export WANGGE_PASSWORD=secret123

e2e_start 80 24 en --user clerk
e2e_wait "F10Quit"
e2e_keys 3
e2e_check "the residents are listed" e2e_wait "演示乙"
e2e_check "three seconds without a key lock the screen" e2e_wait "The screen is locked" 6
e2e_check "no name, ID number, community or tab is left on it" hidden "Residents"
e2e_check "the title says only the program and that it is locked" title_locked
e2e_type "wrong-password"
e2e_keys Enter
e2e_check "a wrong password is refused" e2e_wait "wrong user name or password for 'clerk'"
e2e_check "and everything stays hidden" hidden "Residents"
e2e_type "secret123"
e2e_keys Enter
e2e_check "the right password brings the list back" e2e_wait "演示乙"
e2e_check "with the frame" e2e_wait "演示社区"

e2e_keys F2
e2e_wait "New resident"
e2e_type "锁屏前输入"
e2e_check "a form being typed is locked away too" e2e_wait "The screen is locked" 6
e2e_check "(its text hidden)" hidden "锁屏前输入"
e2e_type "secret123"
e2e_keys Enter
e2e_check "unlocked, the form is there with what was typed" e2e_wait "锁屏前输入"
e2e_type "后"
e2e_check "and the clerk types on where they stopped" e2e_wait "锁屏前输入后"

e2e_check "locked again" e2e_wait "The screen is locked" 6
for i in 1 2 3 4 5; do
	e2e_type "nope-$i"
	e2e_keys Enter
	e2e_wait "wrong" >/dev/null
	sleep 0.2
done
e2e_check "the fifth wrong password in a row locks the account" \
	e2e_wait "account 'clerk' locked until 2026-11-25 10:43"
e2e_type "secret123"
e2e_keys Enter
e2e_check "then even the right password is refused" e2e_wait "account 'clerk' is locked until"
e2e_check "and the screen stays hidden" hidden "锁屏前输入"
e2e_keys F10
e2e_check "F10 quits from the locked screen" test "$(e2e_exited)" = 0
e2e_check "all seven wrong passwords are in the audit log" audit login.fail 7
e2e_check "with the lock" audit login.lock 1
e2e_check "and the refused right one" audit login.refused 1

E2E_NOW=2026-11-25T10:50 e2e_start 80 24 en --user clerk
e2e_check "once the lock has passed, the next start offers the form back" e2e_wait "was found and reopened"
e2e_check "with all that was typed" e2e_wait "锁屏前输入后"
e2e_keys Escape y q
e2e_exited >/dev/null
e2e_end
