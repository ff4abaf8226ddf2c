#!/bin/sh
# SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING.
# --keys FILE: the script is played, then the keyboard takes over, or <Quit> ends the program.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
e2e_begin keys
e2e_db

cat >"$E2E_DIR/walk.keys" <<'KEYS'
# open the category tree, unfold the second sector and step into it
7<Down><Right><Down>
KEYS
e2e_start 80 24 en --keys "$E2E_DIR/walk.keys"
e2e_check "the script's keys were played" e2e_wait "城市环境 › 市容秩序"
e2e_keys Down
e2e_check "then the keyboard works" e2e_wait "城市环境 › 环境卫生"
e2e_keys q
e2e_exited >/dev/null

printf '/hjws<Enter><Quit>' >"$E2E_DIR/quit.keys"
e2e_start 80 24 en --keys "$E2E_DIR/quit.keys"
e2e_check "<Quit> ends the program with status 0" test "$(e2e_exited)" = 0

# A <Sleep> is a pause as the clerk's: what the program does between keys happens during it,
# here screen 7's overdue counts, read at the first pause after its first frame.
printf '7<Sleep:6000><Quit>' >"$E2E_DIR/pause.keys"
e2e_start 120 30 en --keys "$E2E_DIR/pause.keys"
e2e_check "screen 7's first frame" e2e_wait "Cases"
e2e_check "the overdue counts are read during a <Sleep>" e2e_gone "being counted" 4
e2e_check "which then ends with <Quit>" test "$(e2e_exited)" = 0

printf '7<Nope>' >"$E2E_DIR/bad.keys"
"$E2E_WANGGE" --db "$E2E_DB" --keys "$E2E_DIR/bad.keys" >"$E2E_DIR/out" 2>&1
status=$?
e2e_check "a bad script is refused before the screen starts (exit 2)" test "$status" = 2
e2e_check "naming the file, line and key" grep -q "bad.keys:1: unknown key <Nope>" "$E2E_DIR/out"
e2e_end
