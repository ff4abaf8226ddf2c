#!/bin/sh
# SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING.
# Screen 3: a clerk registers residents from paper by keyboard; search, masking, drafts.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
e2e_begin residents
e2e_db

e2e_start 80 24 en --user clerk
e2e_wait "F10Quit"
e2e_keys 3
e2e_check "the list shows ID numbers masked" e2e_wait "110105********"
e2e_check "and phones masked" e2e_wait "139****2000"
e2e_keys F7
e2e_check "F7 offers the tags to filter by" e2e_wait "独居老人  (key care)"
e2e_keys 2
e2e_check "only residents with that tag are listed" e2e_wait "演示辛"
e2e_check "(the others are not)" e2e_gone "演示乙"
e2e_keys F7 1
e2e_check "and everyone again" e2e_wait "演示乙"
e2e_keys F2
e2e_check "F2 opens the resident form" e2e_wait "New resident"
e2e_type "张三"
e2e_keys Tab
e2e_type "110105199003071239"
e2e_keys Tab
e2e_check "the ID number fills the gender" e2e_row_has Gender male
e2e_check "and the birth date" e2e_wait "1990-03-07"
e2e_type "13800138000" # Tab stepped over the filled gender and birth date to the phone
e2e_keys Tab
e2e_type sfwgy
e2e_check "the cell picker filters by pinyin" e2e_wait "示范网格一"
e2e_keys Enter
e2e_type "1"
e2e_keys Tab
e2e_type "2单元"
e2e_keys Tab
e2e_type "301"
e2e_keys F3
e2e_check "save and new keeps cell, building and unit" e2e_wait "Saved: 张三"
e2e_check "the kept building is still in the form, 1 written 1号楼" e2e_wait "1号楼"
e2e_type "李四"
e2e_keys Tab
e2e_type "110105199003071238"
e2e_keys Tab
e2e_check "a wrong check character is reported next to the field" e2e_wait "check"
e2e_keys Escape
e2e_check "closing a half-filled form asks first" e2e_wait "Close the form?"
e2e_keys y
e2e_keys /
e2e_type "张"
e2e_check "one Chinese character finds the new resident" e2e_wait "张三"
e2e_keys Enter Enter
e2e_check "the detail shows the number masked" e2e_wait "110105********1239"
e2e_check "and the household: 张三 was the first at 1号楼 2-301" e2e_wait "Household    lives alone"
e2e_keys v
e2e_check "v reveals it (and it is audited)" e2e_wait "110105199003071239"
e2e_keys Escape q
e2e_exited >/dev/null

"$E2E_WANGGE" --db "$E2E_DB" --user clerk residents search 张三 >"$E2E_DIR/found" 2>&1
e2e_check "张三 was stored as typed" grep -q "张三" "$E2E_DIR/found"
e2e_check "in the demo's 1号楼, unit 2 (no second building 1)" grep -q "1号楼-2-301" "$E2E_DIR/found"
e2e_check "the cell still has one building 1" \
	sh -c "sqlite3 '$E2E_DB' \"SELECT count(*) FROM buildings WHERE name LIKE '1%'\" | grep -q '^1$'"
e2e_check "the reveal is in the audit log" \
	sh -c "sqlite3 '$E2E_DB' \"SELECT count(*) FROM audit_log WHERE action LIKE '%unmask%'\" | grep -q '^1$'"

# A terminal closed in the middle of a form: the draft comes back.
e2e_start 80 24 en --user clerk
e2e_wait "F10Quit"
e2e_keys 3 F2
e2e_wait "New resident"
e2e_type "王五"
e2e_keys Tab
e2e_type "11010519851212"
sleep 1.5
kill -HUP "$(pgrep -P "$(e2e_pid)" wangge)"
e2e_check "SIGHUP ends the program" test -n "$(e2e_exited)"
e2e_start 80 24 en --user clerk
e2e_check "the next start offers the half-filled form back" e2e_wait "was found and reopened"
e2e_check "with what was typed" e2e_wait "王五"
e2e_check "including the half-typed ID number" e2e_wait "11010519851212"
e2e_keys Escape y q
e2e_exited >/dev/null

# A street's database with two communities: F7 offers each of them before the tags, and one
# picked lists its residents alone (the cells below it included), named above the list.
printf 'code,name,parent_code,kind\n110105900002,示范二社区,110105900,community\n110105900002001,二社区网格,110105900002,grid\n' \
	>"$E2E_DIR/cells2.csv"
printf 'name,id_number,phone,cell_code,building,room,tags\n林小二,,13900000301,110105900002001,9号楼,901,\n' \
	>"$E2E_DIR/people2.csv"
"$E2E_WANGGE" --db "$E2E_DB" --config "$E2E_CONFIG" cells import "$E2E_DIR/cells2.csv" >/dev/null 2>&1 &&
	"$E2E_WANGGE" --db "$E2E_DB" --config "$E2E_CONFIG" residents import "$E2E_DIR/people2.csv" >/dev/null 2>&1 ||
	echo "Bail out! cannot add the second community"
e2e_start 80 24 en --user viewer # the clerk's half-filled form would come back first
e2e_wait "F10Quit"
e2e_keys 3
e2e_check "both communities' residents are listed" e2e_wait "林小二"
e2e_keys F7
e2e_check "F7 offers the communities first" e2e_wait "2 Community 110105900001  演示社区"
e2e_check "(the second one too)" e2e_wait "3 Community 110105900002  示范二社区"
e2e_check "then the tags" e2e_wait "独居老人  (key care)"
e2e_keys 3
e2e_check "one community picked: its residents alone" e2e_wait "林小二"
e2e_check "(not the other community's)" e2e_gone "演示乙"
e2e_check "named above the list" e2e_wait "Community: 示范二社区 ×"
e2e_keys F7 2
e2e_check "the other community: its residents" e2e_wait "演示乙"
e2e_check "(without the first)" e2e_gone "林小二"
e2e_keys c
e2e_check "c clears it: everyone again" e2e_wait "林小二"
e2e_check "(the first community's too)" e2e_wait "演示乙"
e2e_keys q
e2e_exited >/dev/null

# Names from old data that hold terminal sequences are drawn with ? for each control character.
sqlite3 "$E2E_DB" "UPDATE residents SET name = '演' || char(27) || '[2J乙' WHERE name = '演示乙';
	UPDATE residents SET name = '演' || char(27) || ']2;pwned' || char(7) || '丙'
	WHERE name = '演示丙'"
e2e_start 80 24 en --user viewer
e2e_wait "F10Quit"
e2e_keys 3
e2e_check "ESC [2J in a name is drawn as ?[2J" e2e_wait "演?[2J乙"
e2e_check "and an OSC title sequence as ?]2;p… (clipped)" e2e_wait "演?]2;p…"
e2e_check "the screen was not cleared" e2e_wait "F10Quit"
e2e_check "nor the terminal's title set" \
	test "$("$E2E_TMUX" -L "$E2E_SOCK" display-message -p -t main '#{pane_title}')" != pwned
e2e_keys q
e2e_exited >/dev/null
e2e_end
