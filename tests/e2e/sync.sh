#!/bin/sh
# SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING.
# Screen 1 after a sync that listed a conflict: the overview says so, F7 lists it, one key keeps
# this site's version (which then reaches every site).
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
e2e_begin sync
e2e_db

# The same case moved at the office and on a laptop seeded from it.
W="$E2E_WANGGE --now $E2E_NOW"
LAP=$E2E_DIR/laptop.db
$W --db "$LAP" init --site-id 2 >/dev/null 2>&1
$W --db "$E2E_DB" sync pair 2 "$($W --db "$LAP" sync key | sed -n 's/^key //p')" >/dev/null 2>&1
$W --db "$LAP" sync pair 1 "$($W --db "$E2E_DB" sync key | sed -n 's/^key //p')" >/dev/null 2>&1
$W --db "$E2E_DB" sync export --to 2 -o "$E2E_DIR/a.wgs" >/dev/null 2>&1
$W --db "$LAP" sync import "$E2E_DIR/a.wgs" >/dev/null 2>&1
$W --db "$E2E_DB" tasks move S1-2026-000001 file --note 办公室立案 >/dev/null 2>&1
$W --db "$LAP" tasks move S1-2026-000001 reject --note 外勤认为不属实 >/dev/null 2>&1
$W --db "$LAP" sync export --to 1 -o "$E2E_DIR/b.wgs" >/dev/null 2>&1

# The office imports the laptop's file while the overview is open: it follows at once.
e2e_start 80 24 en
e2e_wait "Open cases"
$W --db "$E2E_DB" sync import "$E2E_DIR/b.wgs" >/dev/null 2>&1
e2e_check "the overview says sync set a change aside" e2e_wait "Sync set 1 changes aside: F7 lists" 3
e2e_keys F7
e2e_check "F7 lists it" e2e_wait "update tasks (both changed)"
e2e_keys 1
e2e_check "with what differs here" e2e_wait "state=filed"
e2e_check "and there" e2e_wait "state=rejected"
e2e_check "the dialog offers each way with one key" e2e_wait "h: keep here's  t: take there's"
e2e_keys h
e2e_check "h keeps what was here" e2e_wait "The record holds what was here"
e2e_check "and the overview no longer shows it" e2e_gone "changes aside"
e2e_check "the case is filed again, as the office had it" \
	sh -c "$W --db '$E2E_DB' tasks show S1-2026-000001 | grep -q 'State *filed'"
e2e_keys F7
e2e_check "F7 then says nothing is set aside" e2e_wait "Sync has set nothing aside."
e2e_keys q
e2e_exited >/dev/null
e2e_end
