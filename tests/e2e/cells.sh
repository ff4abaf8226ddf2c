#!/bin/sh
# SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING.
# Screen 2: the grid tree with counts and detail; a patrol finding becomes a case in one step.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
e2e_begin cells
e2e_db

e2e_start 80 24 en --user clerk
e2e_wait "F10Quit"
e2e_keys 2
e2e_check "the tree shows street, community and cells with resident counts" e2e_wait "示范网格一"
e2e_keys Down Down
e2e_check "a cell's detail: boundary, counts, workers" e2e_wait "网格员甲"
e2e_check "and the path line" e2e_wait "演示街道 › 演示社区 › 示范网格一"
e2e_keys Enter
e2e_check "Enter on a cell lists its buildings" e2e_wait "1号楼: 2 residents, 2 households"
e2e_check "with units and rooms" e2e_wait "unit 1 room 101: 1 residents, 1 households"
e2e_keys Escape F2
e2e_check "F2 opens a patrol form for the cell" e2e_wait "Findings"
e2e_keys Tab
e2e_type "沿演示河走到样板街"
e2e_keys Tab
e2e_type "5号楼东侧井盖缺失"
e2e_keys F2
e2e_check "after saving, the clerk is asked to make a case of the findings" e2e_wait "Make a case from the findings?"
e2e_keys y
e2e_check "a new case form opens with the findings as title" e2e_wait "5号楼东侧井盖缺失"
e2e_check "and the cell filled in" e2e_wait "110105900001001"
e2e_type jgqs
e2e_check "the category picker finds 井盖缺失" e2e_wait "井盖缺失"
e2e_keys Enter F2
e2e_check "the case is saved" e2e_wait "Saved: case S1-2026-000005 reported"
e2e_keys q
e2e_exited >/dev/null
e2e_check "the patrol is linked to the case" \
	sh -c "sqlite3 '$E2E_DB' 'SELECT count(*) FROM patrols WHERE task_id IS NOT NULL' | grep -q '^1$'"
"$E2E_WANGGE" --db "$E2E_DB" --user clerk tasks show S1-2026-000005 >"$E2E_DIR/show" 2>&1
e2e_check "with patrol as its source" grep -qi "patrol" "$E2E_DIR/show"
e2e_end
