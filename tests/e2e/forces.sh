#!/bin/sh
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
e2e_keys Tab
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
e2e_check "with F4 on the bar" e2e_wait "F4Edit"
e2e_keys Escape
e2e_check "Esc goes back to the list" e2e_wait "F2New F4Edit"

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
