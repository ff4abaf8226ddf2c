#!/bin/sh
# SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING.
# The shell: every screen by number and by the F9 menu, help, resize, signals, ascii and mono.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
e2e_begin shell
e2e_db
export WANGGE_FORMS_DIR="$E2E_DIR/forms" # screen 9's forms go here, not to the tester's home

no_line_drawing() { ! e2e_screen | grep -q '[─│┌┐└┘├┤▸▾…↑↓]'; }

e2e_start 80 24 en
e2e_wait "F10Quit"
e2e_keys 4
e2e_check "4 opens the volunteers list" e2e_wait "志愿者甲"
e2e_keys 5
e2e_check "5 opens social forces" e2e_wait "演示社工事务所"
e2e_check "its panes named above it" e2e_wait "Organizations   Teams   Service projects   Joint conferences   Notices"
e2e_keys Enter
e2e_check "Enter shows an organization's social workers, with the teams they lead" \
	e2e_row_has "Social worker  社工演示" "leads 演示志愿服务队"
e2e_check "and its service projects" e2e_wait "演示助老服务项目, funded by 演示街道, 50000 yuan"
e2e_keys Escape
e2e_keys 6
e2e_check "6 opens the week's roster" e2e_wait "Week 2026-11-23 to 2026-11-29"
e2e_keys 9
e2e_check "9 opens the monthly report" e2e_wait "Month 2026-11"
e2e_check "with the month's cases by sector" e2e_wait "By sector"
e2e_keys Left
e2e_check "Left shows the month before" e2e_wait "Month 2026-10"
e2e_keys Right Right
e2e_check "Right the month after" e2e_wait "Month 2026-12"
e2e_keys Left
e2e_check "rolled up by community" e2e_wait "By community"
e2e_keys F7
e2e_check "F7 offers every community, and all of them" e2e_wait "110105900001  演示社区"
e2e_check "(all of them first)" e2e_wait "All communities"
e2e_keys Down Enter
e2e_check "a community picked: its month alone, named above it" e2e_wait "Community 110105900001 演示社区"
e2e_check "still the month shown" e2e_wait "Month 2026-11"
e2e_keys F7 Enter
e2e_check "All communities again" e2e_gone "Community 110105900001"
e2e_keys F12
e2e_check "F12 lists the departmental forms, titled for the community" \
	e2e_wait "3 monthly-cases  演示社区 城市管理问题月度统计表"
e2e_keys 3
if e2e_xlsx_writer; then
	e2e_check "one picked is written as a workbook for the month shown, and the place said" \
		e2e_wait "The form was written to $WANGGE_FORMS_DIR/monthly-cases-2026-11.xlsx"
	e2e_check "the workbook is there, its owner's only" \
		test "$(stat -c %a "$WANGGE_FORMS_DIR/monthly-cases-2026-11.xlsx" 2>&1)" = 600
else
	e2e_check "a build without libxlsxwriter says it writes no workbook" \
		e2e_wait "built without libxlsxwriter"
	e2e_check "and leaves no file" test ! -e "$WANGGE_FORMS_DIR/monthly-cases-2026-11.xlsx"
fi
e2e_keys F7 Down Enter
e2e_check "one community again" e2e_wait "Community 110105900001"
e2e_keys F12
e2e_check "F12 again" e2e_wait "3 monthly-cases  演示社区 城市管理问题月度统计表"
e2e_keys 3
if e2e_xlsx_writer; then
	e2e_check "with one community shown (F7) the form is its own, named by its code" \
		e2e_file "$WANGGE_FORMS_DIR/monthly-cases-110105900001-2026-11.xlsx"
else
	e2e_check "(a build without libxlsxwriter: no workbook for a community either)" \
		e2e_wait "built without libxlsxwriter"
fi
e2e_keys 7
e2e_check "7 opens the category tree" e2e_wait "党的建设 (5)"
e2e_keys 4 Tab
e2e_check "Tab goes to the next screen" e2e_wait "演示社工事务所"
e2e_keys BTab
e2e_check "Shift-Tab goes to the previous screen" e2e_wait "志愿者甲"
e2e_keys 1
e2e_check "1 returns to the overview" e2e_wait "Open cases by sector"

e2e_keys F9
e2e_check "F9 opens the menu of screens" e2e_wait "screen 9: reports"
e2e_keys Down Down Down Enter
e2e_check "the menu opens the chosen screen" e2e_wait "志愿者甲"
e2e_keys m Escape
e2e_check "Esc closes the menu" e2e_gone "screen 9: reports"

e2e_keys 7 F1
e2e_check "F1 lists the keys of the current screen" e2e_wait "search as you type"
e2e_check "help shows each action's keys from the keymap" e2e_wait "F3 /"
e2e_keys Escape
e2e_check "Esc closes help" e2e_gone "Keys of this screen"
e2e_keys '?'
e2e_check "? opens help too" e2e_wait "Keys of this screen"
e2e_keys Escape

e2e_keys Down Right Down
e2e_check "a node is selected" e2e_wait "城市环境 › 市容秩序"
e2e_resize 60 20
e2e_check "below 80x24 the program says so" e2e_wait "The terminal is 60x20"
e2e_resize 100 30
e2e_check "grown again, the clerk is back on the same node" e2e_wait "城市环境 › 市容秩序"
e2e_check "and the wider tree shows the detail pane" e2e_wait "Time limit"

kill -TERM "$(pgrep -P "$(e2e_pid)" wangge)"
e2e_check "SIGTERM ends the program" test -n "$(e2e_exited)"
e2e_check "and restores the terminal" e2e_gone "F10Quit" 2

E2E_JOBCTL=1 e2e_start 80 24 en
e2e_wait "F10Quit"
e2e_keys 4
e2e_wait "志愿者甲"
e2e_keys C-z
e2e_check "Ctrl-Z suspends the program and gives the terminal back" e2e_gone "F10Quit"
e2e_check "(it was stopped)" e2e_file "$E2E_DIR/stopped"
e2e_check "continued, it draws the same screen again" e2e_wait "志愿者甲"
e2e_keys q
e2e_exited >/dev/null

printf '[ui]\nascii = true\ncolor = never\n' >"$E2E_CONFIG"
E2E_TERM=vt100 e2e_start 80 24 en
e2e_wait "F10Quit"
e2e_keys 7 Right
e2e_check "ascii mode on vt100 draws the tree" e2e_wait "- 应急管理 (10)"
e2e_check "ascii mode uses no line-drawing characters" no_line_drawing
e2e_keys 1
e2e_wait "Open cases by sector"
e2e_check "ascii mode overview has no line-drawing characters" no_line_drawing
e2e_keys F10
e2e_exited >/dev/null

: >"$E2E_CONFIG"
# tmux sends F5..F12 as ESC [ n ~, which vt100's terminfo does not name: no digit may leak.
E2E_TERM=vt100 e2e_start 80 24 en
e2e_wait "F10Quit"
e2e_keys F9
e2e_check "F9 under TERM=vt100 opens the menu" e2e_wait "Screens"
e2e_check "(and is not screen 2)" e2e_gone "8 residents"
e2e_check "lines under TERM=vt100 are drawn, not qqqq" e2e_wait "┌─Screens──"
e2e_keys Escape
e2e_gone "Screens"
e2e_keys F5
sleep 0.3
e2e_check "F5 under TERM=vt100 does not switch to screen 5" e2e_gone "Social organization"
e2e_keys F10
e2e_exited >/dev/null

E2E_TERM=linux e2e_start 80 24 en
e2e_check "TERM=linux works" e2e_wait "F1Help F9Menu F10Quit"
e2e_keys F1
e2e_check "F1 under TERM=linux opens the help" e2e_wait "Keys of this screen"
e2e_keys Escape
e2e_gone "Keys of this screen"
# The Linux console's terminfo names ESC [ Z kcbt2, which curses reports as a key of its own:
# Shift-Tab must still go back a field (it did nothing), even from a value not good yet.
e2e_keys 3 F2
e2e_wait "New resident" >/dev/null
e2e_type "甲乙"
e2e_keys Tab
e2e_type "12"
e2e_keys BTab
e2e_type "丙"
e2e_check "Shift-Tab under TERM=linux goes back to the name" e2e_wait "Full name        甲乙丙"
e2e_keys Escape
e2e_wait "Close the form?" >/dev/null
e2e_keys d
e2e_keys q
e2e_check "q quits" test "$(e2e_exited)" = 0
e2e_end
