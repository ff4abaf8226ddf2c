#!/bin/sh
# SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING.
# Forms as a new clerk meets them (issue 14): a refused save never traps the cursor, and the
# fields an ID number fills follow it until the clerk types them by hand.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
e2e_begin forms
e2e_db

e2e_start 80 24 en --user clerk
e2e_wait "F10Quit"
e2e_keys 3 F2
e2e_wait "New resident"
e2e_type "张三"
e2e_keys Tab
e2e_type "110105199003071239"
e2e_keys Tab Tab
e2e_type sfwgy
e2e_wait "示范网格一"
e2e_keys Enter F3
e2e_check "the first one is saved" e2e_wait "Saved: 张三"
e2e_type "李四"
e2e_keys Tab
e2e_type "110105199003071239"
e2e_keys F2
e2e_check "the same ID number again is refused on save" e2e_wait "already registered"
e2e_keys C-u
e2e_type "110105198502140011"
e2e_keys Tab
e2e_check "corrected, the number fills the birth date anew (the old one was derived, not typed)" \
	e2e_wait "1985-02-14"
e2e_check "and the cursor left the ID number field" e2e_gone "already registered"
e2e_keys F2
e2e_check "and the form saves" e2e_wait "Saved: 李四"

# A birth date typed by hand that disagrees with the number: shown, but the cursor moves on
e2e_keys F2
e2e_wait "New resident"
e2e_type "王五"
e2e_keys Tab Tab Tab
e2e_type "1970-01-01"
e2e_keys BTab BTab
e2e_type "110105198502140011"
e2e_keys Tab
e2e_check "the disagreement is named" e2e_wait "says the birth date is 1985-02-14"
e2e_check "in full: a message wider than the screen takes two lines" \
	e2e_wait "correct the one that is wrong"
e2e_keys C-u
e2e_type "1985-02-14"
e2e_keys Tab
e2e_check "Tab moved on to the birth date, where the clerk puts it right" \
	e2e_gone "says the birth date is 1985-02-14"
e2e_keys Tab
e2e_type sfwgy
e2e_wait "示范网格一"
e2e_keys Enter F2
e2e_check "the save then finds the number already registered (李四's)" \
	e2e_wait "already registered"

# Esc keeps what was typed (as the man page says): it comes back when the form opens again
e2e_keys Escape
e2e_check "Esc on a typed form asks" e2e_wait "Close the form?"
e2e_keys y
e2e_check "y closes it and keeps a draft" e2e_wait "kept as a draft"
e2e_keys F2
e2e_check "F2 brings the typing back" e2e_wait "What you typed before is back"
e2e_check "with the name in it" e2e_wait "王五"
e2e_keys Escape d
e2e_check "d throws it away" e2e_wait "nothing was saved"
e2e_keys F2
e2e_check "and the next form is empty" e2e_wait "New resident"
e2e_check "(no 王五 in it)" e2e_gone "王五"
# A required field left empty does not hold the cursor: the save names it
e2e_keys Tab
e2e_type "赵"
e2e_check "Tab passes the empty required name" e2e_row_has "ID number" 赵
e2e_keys C-u BTab BTab
e2e_type "赵六"
e2e_keys Tab Tab Tab Tab Tab
e2e_keys F2
e2e_check "the save names the empty required cell" e2e_wait "Grid cell: "
# F4 offers the relations and the tags
e2e_check "English labels are sized for English, not cut (Relation to head)" \
	e2e_row_has "Relation to head" " "
e2e_keys Tab Tab Tab Tab F4
e2e_check "F4 on the relation lists the usual ones" e2e_wait "Relation to the head of the household"
e2e_keys 2
e2e_check "and the choice is in the field" e2e_wait "配偶"
e2e_keys Tab F4
e2e_check "F4 on the tags lists the tags" e2e_wait "Add a tag"
e2e_keys 1
e2e_check "and adds the chosen one" e2e_row_has Tags 独居老人
# a tag the table does not have is offered to be made, not just refused
e2e_type "；测试新标签"
e2e_keys Tab
e2e_check "a tag that is not one yet is offered to be created" e2e_wait "A new tag?"
e2e_keys y
e2e_check "y creates it" e2e_wait "The tag 测试新标签 was created"
e2e_keys Tab
e2e_check "and the field is taken" e2e_gone "A new tag?"
e2e_keys Escape d q
e2e_exited >/dev/null
e2e_check "the new tag is in the tag table" \
	sh -c "sqlite3 '$E2E_DB' \"SELECT count(*) FROM tags WHERE name = '测试新标签'\" | grep -qx 1"

# A viewer's F2 opens no form it could not save; the message says why
e2e_start 80 24 en --user viewer
e2e_wait "F10Quit"
e2e_keys 3 F2
e2e_check "a viewer is told that entering residents needs another role" \
	e2e_wait "Entering residents"
e2e_check "and no form opens" e2e_gone "New resident"
e2e_keys 8 F2
e2e_check "nor a new case" e2e_wait "Reporting a case"
e2e_keys q
e2e_exited >/dev/null
e2e_end
