#!/bin/sh
# SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING.
# Screen 7: the category tree - search by pinyin, Chinese and code, jump, expand, counts, detail.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
e2e_begin categories
e2e_db

e2e_start 80 24 en
e2e_wait "F10Quit"
e2e_keys 7
e2e_check "the ten sectors with their child counts" e2e_wait "02        ▸ 城市环境 (20)"
e2e_keys /
e2e_check "while searching, the key bar offers cancel" e2e_wait "F1Help F10Cancel"
e2e_type hjws
e2e_check "pinyin initials find 环境卫生 with its full path" e2e_wait "0202       城市环境 › 环境卫生"
e2e_keys Enter
e2e_check "Enter jumps to the node: path line" e2e_wait "城市环境 › 环境卫生"
e2e_check "and the detail pane with the English name" e2e_wait "Environmental"
e2e_keys Right Down
e2e_check "Right expands, Down enters the children" e2e_wait "城市环境 › 环境卫生 ›"
e2e_keys Right Down
e2e_check "a sub-category shows its time limit" e2e_wait "working hours"
e2e_check "and who handles it" e2e_wait "Handled by"
e2e_keys Left Left
e2e_check "Left folds back to the parent" e2e_wait "0202        ▾ 环境卫生 (6)"
e2e_keys / 
e2e_type 燃气泄漏
e2e_check "one search finds Chinese text anywhere" e2e_wait "燃气泄漏"
e2e_keys BSpace BSpace BSpace BSpace
e2e_type 01050101
e2e_check "a code finds its node first" e2e_wait "01050101   应急管理"
e2e_keys Escape
e2e_check "Esc leaves the search" e2e_gone "Enter jumps, Esc returns"

e2e_start 80 24 zh_CN
e2e_wait "F10退出"
e2e_keys 7 Down
e2e_check "Chinese labels in the detail pane" e2e_wait "处置时限"
e2e_keys F10
e2e_exited >/dev/null
e2e_end
