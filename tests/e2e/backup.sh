#!/bin/sh
# SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING.
# A restore waits for no one: refused while a screen has the database open, done once it is closed;
# the day's backup on quitting is made whoever is logged in.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
e2e_begin backup
e2e_db

wg() { "$E2E_WANGGE" --db "$E2E_DB" --config "$E2E_CONFIG" --now "$E2E_NOW" "$@"; }
wg backup -o "$E2E_DIR/copy.db" >/dev/null 2>&1

e2e_start 80 24 en --user viewer
e2e_wait "F10Quit"
wg restore "$E2E_DIR/copy.db" >"$E2E_DIR/out" 2>"$E2E_DIR/err"
e2e_check "a restore is refused while a screen has the database open" [ $? = 3 ]
e2e_check "and says so" grep -q "is open in another wangge (a screen or a command)" "$E2E_DIR/err"
e2e_keys 3
e2e_check "the screen works on" e2e_wait "演示甲"
e2e_keys F10
e2e_check "the screen ends normally" [ "$(e2e_exited)" = 0 ]
e2e_check "a viewer's quit made the day's backup" e2e_file "$E2E_DIR/wangge-20261125-104200.db"
wg restore "$E2E_DIR/copy.db" >"$E2E_DIR/out" 2>"$E2E_DIR/err"
e2e_check "once the screen is closed, the restore is done" [ $? = 0 ]
e2e_check "and says what it brought back" grep -q "restored .*copy.db: site 1, 演示社区" "$E2E_DIR/out"
e2e_end
