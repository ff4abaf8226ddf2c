#!/bin/sh
# SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING.
# Screen 8: a clerk takes a resident's complaint round the whole loop by keyboard.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
e2e_begin tasks
e2e_db

e2e_start 80 24 en --user clerk
e2e_wait "F10Quit"
e2e_keys 8
e2e_check "the queue bar counts every queue" e2e_wait "Verify 1 Revisit 0 All 4"
e2e_check "a row names whose deadline it shows: the step's" e2e_wait "step 11-2"
e2e_check "or the case's" e2e_wait "case 12-"
e2e_keys F2
e2e_check "F2 opens a new case form" e2e_wait "New case"
e2e_keys Tab
e2e_type sfwgy
e2e_check "typing in the cell field opens the cell picker, pinyin works" e2e_wait "示范网格一"
e2e_keys Enter
e2e_type hjws
e2e_check "a category's initials (环境卫生) list the sub-categories under it" \
	e2e_wait "路面积存垃圾"
e2e_keys BSpace BSpace BSpace BSpace
e2e_type lddbl
e2e_check "the category picker finds 楼道灯不亮 by pinyin initials" e2e_wait "楼道灯不亮"
e2e_keys Enter
e2e_type "三单元楼道灯坏了一周"
e2e_keys Tab Tab Tab Tab F4
e2e_type "演示丙"
e2e_check "the reporter can be picked from the residents" e2e_wait "演示丙"
e2e_keys Enter F2
e2e_check "saved with a case number" e2e_wait "Saved: case S1-2026-000005 reported"
e2e_check "back in the list, the new case is there" e2e_wait "三单元楼道灯坏了"
e2e_keys Home Enter
e2e_check "Enter shows the detail with the category path" e2e_wait "城市环境 › 城市照明"
e2e_check "and the case's clock by its name" e2e_wait "Case due"
e2e_check "and the timeline" e2e_wait "Timeline"

e2e_keys s 8
e2e_check "an illegal step is refused with the reason" e2e_wait "must be verified before it can be closed"
e2e_keys s 1
e2e_check "filing starts the clock" e2e_wait "case S1-2026-000005 is now 'filed'"
e2e_keys d
e2e_check "dispatch shows ranked suggestions with reasons" e2e_wait "best suggestions first"
e2e_keys 1
e2e_check "the top suggestion takes the case" e2e_wait "is now 'dispatched'"
e2e_keys s 3
e2e_check "the handler accepts" e2e_wait "is now 'accepted'"
e2e_keys s 5
e2e_check "handling asks for the result" e2e_wait "Note"
e2e_type "换了新灯泡"
e2e_keys F2
e2e_check "handled" e2e_wait "is now 'handled'"
e2e_keys s 6
e2e_check "the clerk verifies" e2e_wait "is now 'verified'"
e2e_keys s 8
e2e_check "and closes" e2e_wait "is now 'closed'"
e2e_keys s 9
e2e_check "feedback asks for the rating" e2e_wait "Rating"
e2e_type "修得很快"
e2e_keys F2
e2e_check "the resident's verdict is recorded" e2e_wait "Done: feedback"
e2e_check "with the resident's words" e2e_wait "修得很快"
e2e_check "every step is on the timeline" e2e_wait "换了新灯泡"
e2e_keys Escape q
e2e_exited >/dev/null

"$E2E_WANGGE" --db "$E2E_DB" --now "$E2E_NOW" tasks show S1-2026-000005 >"$E2E_DIR/show" 2>&1
e2e_check "the case is closed with the rating in the database" grep -q "satisfied" "$E2E_DIR/show"
# Bulk dispatch: two filed cases marked with Space go to one handler together.
W="$E2E_WANGGE --db $E2E_DB --now $E2E_NOW --user clerk"
$W tasks add --cell 110105900001002 --category 02090102 --title "路灯白天亮着" >/dev/null
$W tasks add --cell 110105900001003 --category 02090106 --title "路灯一直闪" >/dev/null
$W tasks move S1-2026-000006 file >/dev/null && $W tasks move S1-2026-000007 file >/dev/null
e2e_start 80 24 en --user clerk
e2e_wait "F10Quit"
e2e_keys 8 Right Right Right
e2e_check "Right moves to the dispatch queue" e2e_wait "路灯一直闪"
e2e_keys Space Space
e2e_check "Space marks cases" e2e_wait "2 cases marked"
e2e_keys F5
e2e_check "F5 asks for one handler for all of them" e2e_wait "Dispatch the marked cases"
e2e_keys Tab F4
e2e_type "员甲"
e2e_check "F4 picks the handler by name" e2e_wait "网格员甲"
e2e_keys Enter
e2e_check "the pick fills the field" e2e_wait "grid worker 网格员甲"
e2e_keys F2
e2e_check "both are dispatched in one go" e2e_wait "2 cases dispatched to"
e2e_keys q
e2e_exited >/dev/null
$W tasks list --state dispatched >"$E2E_DIR/list" 2>&1
e2e_check "the database agrees" sh -c "grep -c '网格员甲' '$E2E_DIR/list' | grep -q '^3$'"

# A street's database: F7's cell takes a community, and the queues hold its cases alone, from
# every cell below it.
printf 'code,name,parent_code,kind\n110105900002,示范二社区,110105900,community\n110105900002001,二社区网格,110105900002,grid\n' \
	>"$E2E_DIR/cells2.csv"
$W cells import "$E2E_DIR/cells2.csv" >/dev/null 2>&1 &&
	$W tasks add --cell 110105900002001 --category 02070101 --title 二社区的积水 >/dev/null 2>&1 ||
	echo "Bail out! cannot add the second community"
e2e_start 100 30 en --user clerk
e2e_wait "F10Quit"
e2e_keys 8
e2e_check "the queue of all cases (the first shown) holds both communities' cases" e2e_wait "二社区的积水"
e2e_keys F7
e2e_wait "Filter the queues"
e2e_keys F4
e2e_type 110105900001
e2e_check "the cell field's picker offers the community" e2e_wait "community, 8 residents"
e2e_keys Enter
e2e_check "picked" e2e_wait "110105900001 演示社区"
e2e_keys F2
e2e_check "filtered to the community" e2e_wait "演示社区 ×"
e2e_check "(not the other community's case)" e2e_gone "二社区的积水"
e2e_check "(its grid cells' cases are there)" e2e_wait "示范网格"
e2e_keys c
e2e_check "c clears it: both again" e2e_wait "二社区的积水"
e2e_keys q
e2e_exited >/dev/null
e2e_end
