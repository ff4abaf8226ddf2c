#!/bin/sh
# SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING.
# Every screen shows what the database holds when it is shown: changes made on another screen or
# by another process (a CLI import while the screen is open) appear without a restart.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
e2e_begin current
e2e_db

e2e_start 80 24 en --user clerk
e2e_wait "F10Quit"
e2e_check "2026 has its published holidays: no warning on the overview" e2e_gone "No holiday schedule" 1
e2e_keys 2
e2e_wait "示范网格一"
e2e_keys Down Down
e2e_check "screen 2's tree counts 示范网格一's residents" e2e_wait "示范网格一  3 residents"
e2e_check "as its detail does" e2e_wait "Residents 3,"
e2e_keys 3 F2
e2e_wait "New resident"
e2e_type "钱新"
e2e_keys Tab Tab Tab Tab Tab
e2e_type sfwgy
e2e_wait "示范网格一"
e2e_keys Enter F2
e2e_check "a resident added on screen 3" e2e_wait "Saved: 钱新"
e2e_keys 2
e2e_check "screen 2's tree counts the new resident" e2e_wait "示范网格一  4 residents"
e2e_check "and so does the detail beside it" e2e_wait "Residents 4,"
e2e_check "the clerk's place is kept: the same cell is selected" e2e_wait "演示街道 › 演示社区 › 示范网格一"

# Another process writes while a screen is open: the open list follows within a second or two.
printf 'name,gender,id_number,phone,cell_code,building,unit,room,tags\n赵新来,,110105199003071239,13800138000,110105900001002,2号楼,1,101,\n' \
	>"$E2E_DIR/more.csv"
e2e_keys 3
e2e_wait "演示甲"
"$E2E_WANGGE" --db "$E2E_DB" --user clerk residents import "$E2E_DIR/more.csv" >/dev/null 2>&1
e2e_check "a CLI import run while screen 3 is open shows in its list" e2e_wait "赵新来" 3
e2e_keys 2
e2e_check "and in screen 2's counts when the clerk comes back to it" e2e_wait "示范网格二  3 residents" 2
e2e_keys 8
e2e_wait "S1-2026-000001"
"$E2E_WANGGE" --db "$E2E_DB" --user clerk --now "$E2E_NOW" tasks add --cell 110105900001001 \
	--category 02070101 --title 外来进程上报的案件 >/dev/null 2>&1
e2e_check "a case added by 'wangge tasks add' shows in the open queue" e2e_wait "外来进程上报的案件" 3
e2e_keys q
e2e_exited >/dev/null

# A filter is never on unseen: it stays in the queue bar after leaving the screen; c clears it.
e2e_start 80 24 zh_CN --user clerk
e2e_wait "F10退出"
e2e_keys 8 F7
e2e_wait "筛选队列"
e2e_keys Tab Tab Space F2
e2e_check "the filter in force is shown in the queue bar" e2e_wait "筛选：已上报 ×"
e2e_check "with the key that clears it" e2e_wait "（按 c 清除）"
e2e_keys 1
e2e_wait "在办案件"
e2e_keys 8
e2e_check "it is still shown after leaving the screen and coming back" e2e_wait "筛选：已上报 ×"
e2e_check "and the queue holds only reported cases" e2e_gone "S1-2026-000004"
e2e_keys c
e2e_check "c clears it: the indicator goes" e2e_gone "筛选："
e2e_check "and every case is listed again" e2e_wait "S1-2026-000004"
e2e_check "the message says so" e2e_wait "筛选已清除"
e2e_keys 3 F7
e2e_wait "独居老人"
e2e_keys 2
e2e_check "screen 3's tag filter is shown beside the search line" e2e_wait "标签：独居老人 ×"
e2e_keys c
e2e_check "and c clears it too" e2e_gone "标签："

# A patrol row with long findings stays in its pane at 80 columns (it used to run past column
# 80 and wrap over the tree), and names the grid worker who walked it.
e2e_keys 2
e2e_wait "示范网格一"
e2e_keys Down Down F2
e2e_check "the patrol form offers the cell's grid worker as the one who walked it" e2e_wait "网格员甲"
e2e_keys Tab
e2e_type "沿演示河走到样板街再到第一巷"
e2e_keys Tab
e2e_type "5号楼东侧井盖缺失，另有楼道堆物和路灯不亮，需要派人处理"
e2e_keys F2
e2e_wait "y"
e2e_keys y
e2e_wait "5号楼东侧井盖缺失"
e2e_type jgqs
e2e_wait "井盖缺失"
e2e_keys Enter F2
e2e_wait "疑似重复" # the case added from the command line above: same cell and category
e2e_keys y
e2e_wait "已保存"
e2e_keys 2
e2e_wait "示范网格一"
patrol_row_drawn() { # waits up to 5 s: the row is drawn once the case is made
	for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25; do
		e2e_screen | grep -qE '2026-11-25 网格员甲 5号楼东侧… S1-2026-[0-9]{6}$' && return 0
		sleep 0.2
	done
	return 1
}
row_in_pane() { # waits up to 5 s, as e2e_wait does: the pane is drawn after the case is made
	for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25; do
		e2e_screen | awk 'seen { ok = ($0 ~ /^ *│ *$/); exit }
			/^ *│ 2026-11-25 .*5号楼东侧/ { seen = 1 }
			END { exit !ok }' && return 0
		sleep 0.2
	done
	return 1
}
e2e_check "the patrol row follows: worker, findings cut with …, the new case's whole number" \
	patrol_row_drawn
e2e_keys q
e2e_exited >/dev/null
e2e_start 80 24 zh_CN --user clerk
e2e_wait "F10退出"
e2e_keys 2
e2e_wait "示范网格一"
e2e_keys Down Down
e2e_wait "5号楼东侧"
e2e_check "and nothing of it spills onto the next line (over the tree)" row_in_pane
e2e_keys q
e2e_exited >/dev/null

# A year the State Council has not published (no data/holidays file): the overview says so.
E2E_NOW=2031-03-03T10:00
e2e_start 80 24 en --user clerk
e2e_wait "F10Quit"
e2e_check "a year with no published holidays is a warning on the overview" \
	e2e_wait "No holiday schedule for 2031: deadlines ignore holidays"
e2e_keys q
e2e_exited >/dev/null
e2e_end
