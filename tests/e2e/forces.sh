#!/bin/sh
# SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING.
# Screen 5: the organizations register by keyboard - F2 adds one through the register's own
# checks (the credit code's check character named), F4 picks kind, sector and status, F4 on a
# row changes it (a rename keeps the record; a clerk's masked phone keeps the number).
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
e2e_begin forces
e2e_db
W="$E2E_WANGGE --db $E2E_DB --now $E2E_NOW"

e2e_start 80 24 en --user clerk
e2e_wait "F10Quit"
e2e_keys 5
e2e_check "5 lists the organizations" e2e_row_has 演示社工事务所 社工机构
e2e_check "with F2 and F4 on the bar" e2e_wait "F2New F4Edit"
e2e_keys F2
e2e_check "F2 opens an empty organization form" e2e_wait "New organization"
e2e_check "its status already 在用" e2e_row_has Status 在用
e2e_type 演示青松社工站
e2e_keys Tab
e2e_type 91350100M000100Y44
e2e_keys Tab
e2e_check "a wrong check character is named on leaving the field" \
	e2e_wait "ends in 4, but the check character"
e2e_keys BSpace
e2e_type 3
e2e_keys Tab
e2e_check "corrected, the message goes" e2e_gone "ends in 4"
e2e_keys F4
e2e_check "F4 on the kind lists the register's kinds" e2e_wait "Kind of organization"
e2e_keys 8
e2e_check "8 picks 社工机构" e2e_row_has Kind 社工机构
e2e_type 王演示
e2e_keys Tab
e2e_type 13900003333
e2e_keys Tab F4
e2e_check "F4 on the domains lists the sectors" e2e_wait "2 02 Urban environment"
e2e_keys 2
e2e_check "2 adds sector 02" e2e_row_has "Service domains" 02
e2e_keys F2
e2e_check "F2 saves it" e2e_wait "Saved: 演示青松社工站"
e2e_check "and the list shows it" e2e_row_has 演示青松社工站 王演示
e2e_check "stored with its code, kind and sector" test "$(sqlite3 "$E2E_DB" \
	"SELECT credit_code || '|' || kind || '|' || domains || '|' || phone FROM social_orgs
	 WHERE name = '演示青松社工站'")" = "91350100M000100Y43|社工机构|02|13900003333"
e2e_keys End F4
e2e_check "F4 on the row opens it to change" e2e_wait "Change organization"
e2e_check "a clerk sees the phone masked" e2e_row_has Phone "139****3333"
e2e_keys End
e2e_type " 二部"
e2e_keys F2
e2e_check "a new name is saved" e2e_wait "Saved: 演示青松社工站 二部"
e2e_check "as the same record, the masked phone keeping the number" test "$(sqlite3 "$E2E_DB" \
	"SELECT count(*) || '|' || max(phone) FROM social_orgs WHERE name LIKE '演示青松%'")" = "1|13900003333"
e2e_keys F2
e2e_type 演示青松社工站\ 二部
e2e_keys F2
e2e_check "a second organization of the same name is refused" \
	e2e_wait "演示青松社工站 二部 is already registered"
e2e_keys Escape d
e2e_check "Esc then d leaves the form" e2e_wait "F2New F4Edit"
e2e_check "and the one registered is as it was" e2e_row_has "演示青松社工站 二部" 王演示
e2e_keys Home Enter
e2e_check "Enter shows an organization's details" e2e_row_has "Social worker" 社工演示
e2e_check "with F2 and F4 on the bar" e2e_wait "F2New F4Edit"
e2e_keys F2
e2e_check "F2 there adds a social worker of that organization" e2e_row_has Organization 演示社工事务所
e2e_type 社工新人
e2e_keys Tab F4
e2e_check "Tab steps over the organization given; F4 lists the qualifications" \
	e2e_wait "3 高级社会工作师"
e2e_keys 2
e2e_check "2 picks 社会工作师" e2e_row_has Qualification 社会工作师
e2e_type 138001
e2e_keys F2
e2e_check "a bad phone is named" e2e_row_has Phone 138001
e2e_keys BSpace BSpace BSpace BSpace BSpace BSpace
e2e_type 13800138000
e2e_keys F2
e2e_check "saved, the detail lists the new social worker" e2e_row_has 社工新人 社会工作师
e2e_keys Escape
e2e_check "Esc goes back to the list" e2e_wait "F2New F4Edit"

# Teams: one made with a leading social worker and two volunteers, then one member taken out.
e2e_keys Right
e2e_check "Right shows the teams" e2e_row_has 演示志愿服务队 社工演示
e2e_keys F2
e2e_check "F2 opens a team form" e2e_wait "New team"
e2e_type 青松队
e2e_keys Tab F4
e2e_check "F4 on the leader offers the handlers" e2e_wait "Handler: type a name"
e2e_type 社工演示
e2e_keys Enter
e2e_check "the social worker picked leads it" e2e_row_has "Led by" 社工演示
e2e_keys Tab F4
e2e_type 志愿者甲
e2e_keys Enter F4
e2e_type 志愿者乙
e2e_keys Enter
e2e_check "F4 on the members adds each volunteer picked" e2e_row_has Members 志愿者甲；志愿者乙
e2e_keys F2
e2e_check "F2 saves the team" e2e_wait "Saved: 青松队"
e2e_check "listed with its leader and two members" e2e_row_has 青松队 " 2      助老服务"
e2e_keys End Enter
e2e_check "Enter opens it to change" e2e_wait "Change team"
e2e_check "its members by volunteer number" e2e_row_has Members "V0001;V0002"
e2e_keys Down Down Down End BSpace BSpace BSpace BSpace BSpace BSpace F2
e2e_check "a member taken out leaves the team" e2e_row_has 青松队 " 1      "
e2e_check "in the database too" test "$(sqlite3 "$E2E_DB" "SELECT count(*) FROM team_members m
	JOIN teams t ON t.id = m.team_id WHERE t.name = '青松队'")" = 1

# Service projects: one bought for the new organization, its period checked, then changed.
e2e_keys Right
e2e_check "Right shows the service projects" e2e_row_has 演示助老服务项目 "2026-01-01~2026-12-31"
e2e_keys F2
e2e_check "F2 opens a project form" e2e_wait "New service project"
e2e_type 青松助餐
e2e_keys Tab F4
e2e_type 演示青松社工站
e2e_keys Enter
e2e_check "F4 picks the organization" e2e_row_has Organization "演示青松社工站 二部"
e2e_type 演示街道
e2e_keys Tab
e2e_type 80000
e2e_keys Tab
e2e_type 2026-12-01
e2e_keys Tab
e2e_type 2026-06-30
e2e_keys Tab
e2e_type 300
e2e_keys F2
e2e_check "an end before the start is refused, naming both, the cursor on it" \
	e2e_wait "ends (2026-06-30) before it starts"
e2e_keys End BSpace BSpace BSpace BSpace BSpace
e2e_type 12-31
e2e_keys F2
e2e_check "corrected, it is saved" e2e_wait "Saved: 青松助餐"
e2e_check "and listed with its period and target" e2e_row_has 青松助餐 "0.0/300 h (0%)"
e2e_keys Home Enter
e2e_check "Enter shows a project whole, with its progress" e2e_row_has Progress "volunteers served"
e2e_keys Escape

# A case escalated on screen 8, a conference held on screen 5, the case decided and sent on.
e2e_keys 8
e2e_wait "S1-2026-000002"
e2e_keys Home Down Down F6
e2e_check "F6 on the case offers its next steps" e2e_wait "escalate"
e2e_keys Down Down Down Down Down Down Down Down Down Down Down Enter
e2e_check "escalate asks for the reason" e2e_wait " escalate"
e2e_type 物业与业委会意见不一
e2e_keys F2
e2e_check "the case is escalated" e2e_wait "case S1-2026-000002 is now 'escalated'"
e2e_keys Escape 5 Right
e2e_check "Right again shows the joint conferences: the escalation opened today's" \
	e2e_row_has 2026-11-25 "0/1"
e2e_keys F2
e2e_check "F2 opens a conference with today's date" e2e_row_has Date 2026-11-25
e2e_type 楼道停放电动车整治
e2e_keys Tab
e2e_type 居委会主任
e2e_keys Tab Tab F4
e2e_type 演示社工事务所
e2e_keys Enter
e2e_check "F4 on the parties adds the organization picked" e2e_row_has Parties 演示社工事务所
e2e_keys Tab F4
e2e_check "F4 on the cases lists the escalated ones" e2e_wait "1 S1-2026-000002 电动车停放楼道"
e2e_keys 1 F2
e2e_check "F2 records the conference" e2e_wait "Conference of 2026-11-25 recorded"
e2e_check "listed with its case not yet decided" e2e_row_has 楼道停放电动车整治 0/1
e2e_keys Enter
e2e_check "Enter shows it with its case" e2e_row_has S1-2026-000002 "not decided yet"
e2e_keys F5
e2e_check "F5 asks for the decision" e2e_wait "Goes to"
e2e_keys F4
e2e_type 网格员甲
e2e_keys Enter
e2e_check "the handler picked goes in, and the cursor on" e2e_row_has "Goes to" 网格员甲
e2e_type 网格员牵头物业配合清理
e2e_keys Tab
e2e_type 2026-12-05
e2e_keys Tab
e2e_type 加装电动车充电桩
e2e_keys F2
e2e_check "F2 decides and dispatches, with the follow-up case" \
	e2e_wait "S1-2026-000002 decided and dispatched; follow-up case S1-2026-"
e2e_check "the case shows the decision" e2e_row_has S1-2026-000002 网格员牵头物业配合清理
e2e_check "and is dispatched to the grid worker with the deadline" test "$(sqlite3 "$E2E_DB" \
	"SELECT state || '|' || handler_kind || '|' || date(deadline_at, 'unixepoch', 'localtime')
	 FROM tasks WHERE number = 'S1-2026-000002'")" = "dispatched|worker|2026-12-05"
e2e_keys Escape

# A notice sent to the grid worker and the organization, acknowledged for one by phone.
e2e_keys Right
e2e_check "Right again shows the notices" e2e_wait "No notices yet"
e2e_keys F2
e2e_type 消防检查通知
e2e_keys Tab F4
e2e_type 网格员甲
e2e_keys Enter F4
e2e_type 演示社工事务所
e2e_keys Enter
e2e_check "F4 adds each recipient" e2e_row_has To 演示社工事务所
e2e_keys Tab
e2e_type 2026-11-27
e2e_keys F2
e2e_check "F2 sends it" e2e_wait "Notice sent to 2: 消防检查通知"
e2e_check "listed with none acknowledged yet" e2e_row_has 消防检查通知 0/2
e2e_keys Enter
e2e_check "Enter shows each recipient" e2e_wait "网格员甲: not acknowledged"
e2e_keys F6
e2e_check "F6 asks whom a clerk records it for" e2e_wait "Acknowledged by phone: for whom?"
e2e_keys 2
e2e_check "the recipient is acknowledged, with how" e2e_wait "网格员甲: acknowledged 2026-11-25"
e2e_keys Escape
e2e_check "the list counts it" e2e_row_has 消防检查通知 1/2

# In Chinese, as clerks use it: the form's words and the code's message.
e2e_start 80 24 zh_CN --user clerk
e2e_wait "F10退出"
e2e_keys 5 F2
e2e_check "zh: F2 opens 新建社会组织" e2e_wait "新建社会组织"
e2e_check "zh: the fields are named in Chinese" e2e_row_has 服务领域 ""
e2e_type 演示松柏协会
e2e_keys Tab
e2e_type 91350100M000100Y44
e2e_keys Tab
e2e_check "zh: the check character is named" e2e_wait "末位是 4"
e2e_keys Escape d
e2e_end
