#!/bin/sh
# SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING.
# Screens 4 and 6: volunteers with hours and stars, a volunteer's ledger; the week's roster.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
e2e_begin volunteers
e2e_db

# A shift worked by 志愿者甲, as the roster commands record it.
W="$E2E_WANGGE --db $E2E_DB --now $E2E_NOW"
S=$($W shifts add --post 助老上门 --cell 110105900001001 --start 2026-11-24T09:00 \
	--end 2026-11-24T11:00 2>/dev/null)
$W --yes shifts assign "$S" V0001 >/dev/null 2>&1
$W shifts checkin "$S" V0001 --at 2026-11-24T09:00 >/dev/null 2>&1
$W shifts checkout "$S" V0001 --at 2026-11-24T11:30 >/dev/null 2>&1

# Waits up to 5 s for a line of the screen that shows both $1 and $2.

e2e_start 80 24 en
e2e_wait "F10Quit"
e2e_keys 4
e2e_check "4 lists the volunteers with hours and stars" e2e_wait "Hours   Stars"
e2e_check "志愿者甲 served 2.5 hours" e2e_row_has 志愿者甲 " 2.5 "
e2e_keys End
e2e_check "End goes to the last volunteer (by name)" e2e_wait "志愿者甲"
e2e_keys Enter
e2e_check "Enter shows the volunteer's skills" e2e_row_has Skills 助老服务
e2e_check "and team" e2e_wait "演示志愿服务队"
e2e_check "and service and the next star" e2e_wait "2.5 hours, 0 stars; 97.5 hours to the next star"
e2e_check "and the hours ledger line of the shift" e2e_wait "2026-11-24     2.5  助老上门 (示范网格一)"
e2e_keys F12
e2e_check "F12 asks for the certificate's period" e2e_wait "The service certificate of V0001"
e2e_keys y
e2e_check "y issues this year's certificate, numbered" e2e_wait "Certificate ZM2026-1-000001 issued and kept"
e2e_check "shown as the paper: the title" e2e_wait "Volunteer service record certificate"
e2e_check "the hours by service content" e2e_row_has 助老上门 "2.5 hours"
e2e_check "and the period" e2e_wait "From 2026-01-01 to 2026-11-25"
e2e_keys Escape p a
e2e_check "p then a: all the hours, from the ledger's first day, another number" \
	e2e_wait "From 2026-11-24 to 2026-11-25"
e2e_check "numbered 2" e2e_wait "Certificate ZM2026-1-000002 issued"
e2e_keys Escape p y
e2e_check "this year again: the same certificate as issued" \
	e2e_wait "Certificate ZM2026-1-000001, as issued before"
e2e_keys Escape p l
e2e_check "last year has no hours: refused with the reason" \
	e2e_wait "no service hours from 2025-01-01 to 2025-12-31"
e2e_check "the detail shows when the volunteer can serve" e2e_row_has Available 周一上午下午
e2e_keys F4
e2e_check "F4 there opens the volunteer to change" e2e_wait "Change volunteer"
e2e_check "with the phone masked" e2e_row_has Phone "137****3000"
e2e_keys Tab Tab Tab Tab Tab Tab F4
e2e_check "F4 on Available shows the week as a grid" e2e_wait "When 志愿者甲 can serve"
e2e_check "Monday's morning marked" e2e_row_has "morning 08-12" "[x]     [ ]"
e2e_keys Right Right Down Down Space
e2e_check "Space marks Wednesday evening" e2e_row_has "evening 18-22" "[ ]     [ ]     [x]"
e2e_keys Left Left Up Up Enter F2
e2e_check "Enter clears Monday morning; F2 puts the week in the form" \
	e2e_row_has Available 周一下午；周三晚上
e2e_keys F2
e2e_check "F2 saves the volunteer" e2e_wait "Saved: 志愿者甲"
e2e_check "the detail shows the new week" e2e_row_has Available 周一下午；周三晚上
e2e_check "stored as time ranges the roster checks, the phone kept" test "$(sqlite3 "$E2E_DB" \
	"SELECT group_concat(weekday || ':' || start_min || '-' || end_min, ' ') || '|' ||
	 (SELECT phone FROM volunteers WHERE vol_no = 'V0001') FROM (SELECT * FROM availability a
	 JOIN volunteers v ON v.id = a.volunteer_id WHERE v.vol_no = 'V0001' ORDER BY weekday)")" \
	= "1:720-1080 3:1080-1320|13700003000"
e2e_keys Escape
e2e_check "Esc goes back to the list" e2e_wait "Hours   Stars"
e2e_keys F2
e2e_check "F2 opens a new volunteer" e2e_wait "New volunteer"
e2e_type 志愿者戊
e2e_keys Tab
e2e_type 13700004444
e2e_keys Tab Tab F4
e2e_check "F4 on the skills lists the committee's" e2e_wait "1 助老服务"
e2e_keys 1
e2e_type ；理发
e2e_keys Tab
e2e_check "a skill not in the list is offered to be added" e2e_wait "There is no skill 理发 in the list yet"
e2e_keys y
e2e_check "y adds it" e2e_wait "The skill 理发 was added to the list."
e2e_keys Tab Tab Tab
e2e_type 周六上午
e2e_keys F2
e2e_check "F2 saves the new volunteer, numbered" e2e_row_has Number V0005
e2e_check "with both skills and the week" e2e_row_has Available 周六上午
e2e_check "the skills as listed" e2e_row_has Skills 理发
e2e_keys Escape
e2e_check "Esc goes back to the list" e2e_wait "Hours   Stars"
# Screen 6: this week's shifts; a volunteer put on one by name, then checked in and out.
$W shifts add --post 门岗值守 --cell 110105900001002 --start 2026-11-25T10:00 \
	--end 2026-11-25T12:00 >/dev/null 2>&1
e2e_keys 6
e2e_check "6 shows the week's roster" e2e_wait "Week 2026-11-23 to 2026-11-29"
e2e_check "day by day" e2e_wait "Wed 11-25"
e2e_check "with the shift and who is on it" e2e_row_has 助老上门 志愿者甲✓✓
e2e_keys Down Enter
e2e_check "Enter offers volunteers for the shift" e2e_wait "Volunteer for the shift"
e2e_check "and no grid worker" e2e_gone "网格员甲"
e2e_type zyzy
e2e_check "pinyin initials find 志愿者乙, with the week's hours" e2e_wait "h this week"
e2e_keys Enter
e2e_check "outside 志愿者乙's stated times the clerk is asked first" e2e_wait "Assign anyway?"
e2e_keys y
e2e_check "and the volunteer is on the shift" e2e_row_has 门岗值守 志愿者乙
e2e_keys F6
e2e_check "F6 lists who is on the shift with the next step" e2e_wait "V0002 志愿者乙  check in"
e2e_keys 1
e2e_check "the check-in time is asked, now while the shift is on" e2e_row_has Time 10:42
e2e_keys F2
e2e_check "checked in" e2e_wait "志愿者乙 checked in."
# a paper sign-in sheet: the check-out time typed as the sheet gives it
e2e_keys F6 1
e2e_check "then the check-out time" e2e_wait "Check-out time"
e2e_keys C-u
e2e_type 25:00
e2e_keys F2
e2e_check "a time that is not one is refused, saying how to write it" e2e_wait "HH:MM as on the sheet"
e2e_keys C-u
e2e_type 11:42
e2e_keys F2
e2e_check "the sheet's time is recorded: 10:42 to 11:42" \
	e2e_wait "志愿者乙 checked out: 1.0 hours recorded."
e2e_keys Left
e2e_check "Left goes to the week before" e2e_wait "Week 2026-11-16 to 2026-11-22"
e2e_keys Right
e2e_check "Right comes back, check-in and check-out marked" e2e_row_has 门岗值守 志愿者乙✓✓
e2e_keys F2
e2e_check "F2 opens the new shift form" e2e_wait "New shift"
e2e_type 夜间巡逻
e2e_keys Tab
e2e_type sfwg
e2e_wait "示范网格"
e2e_keys Enter
e2e_type 2026-11-27
e2e_keys Tab
e2e_type 7点
e2e_keys Tab
e2e_check "a time that is not HH:MM is refused next to the field" e2e_wait "write it as HH:MM"
e2e_keys BSpace BSpace
e2e_type 19:00
e2e_keys Tab
e2e_type 01:30
e2e_keys Tab
e2e_type 2
e2e_keys F2
e2e_check "the shift is planned" e2e_wait "Shift planned: 夜间巡逻."
e2e_check "in its week, over midnight" e2e_row_has 夜间巡逻 "19:00-01:30"
e2e_keys q
e2e_exited >/dev/null
e2e_check "quitting made today's backup beside the database ([backup] daily)" \
	test -f "$E2E_DIR/wangge-20261125-104200.db"
e2e_check "copied between keys: no half copy left beside it" \
	sh -c "! ls '$E2E_DIR'/*.part 2>/dev/null"
e2e_end
