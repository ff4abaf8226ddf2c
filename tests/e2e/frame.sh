#!/bin/sh
# SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING.
# The frame at 80x24 in English and Chinese: title, tabs, function-key bar; F10 and q quit.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
e2e_begin frame
e2e_db

e2e_start 80 24 en
e2e_check "English title shows community, user, the pinned date and the sync state" \
	e2e_wait "演示社区" && e2e_wait "user: admin  2026-11-25 10:42  sync: never"
e2e_check "English tabs name all nine screens" \
	e2e_wait "1Home 2Grid 3People 4Volunt. 5Forces 6Roster 7Categ. 8Tasks 9Reports"
e2e_check "English function-key bar comes from the keymap" e2e_wait "F1Help F9Menu F10Quit"
e2e_check "the overview names sectors in English, uncut" e2e_wait "Emergency management  "
e2e_keys F10
e2e_check "F10 quits with status 0" test "$(e2e_exited)" = 0

e2e_start 80 24 zh_CN
e2e_check "Chinese tabs" e2e_wait "1概览 2网格 3居民 4志愿 5四社 6排班 7分类 8任务 9报表"
e2e_check "Chinese function-key bar" e2e_wait "F1帮助 F9菜单 F10退出"
e2e_check "Chinese title" e2e_wait "用户: admin  2026-11-25 10:42  同步：从未"
e2e_check "and in Chinese on Chinese screens" e2e_wait "  应急管理  "
# A popup is drawn over the screen: the rows behind it keep their start (the menu's window
# once blanked the area where it was made before it was centred).
e2e_keys 8
e2e_wait "S1-2026-000001" >/dev/null
e2e_keys F9
e2e_wait "界面 1：概览" >/dev/null
e2e_check "the menu leaves the case list around it in place" \
	e2e_row_has "S1-2026-000004" "已结案"
e2e_check "and the queue bar above it" e2e_wait "我的 0 待立案"
e2e_keys Escape
e2e_keys 1
e2e_keys q
e2e_check "q quits with status 0" test "$(e2e_exited)" = 0
e2e_end
