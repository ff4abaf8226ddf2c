#!/bin/sh
# SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING.
# A street's database with two communities (issue 19): the overview (Left/Right), the volunteers
# (F7, c) and the roster (F7, c) show one community or all; a community's own database says so.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
e2e_begin street
e2e_db
W="$E2E_WANGGE --db $E2E_DB --config $E2E_CONFIG --now $E2E_NOW"

# figure LABEL N: the overview shows N beside LABEL (within five seconds).
figure() {
	for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25; do
		e2e_screen | grep -qE -- "$1 +$2( |\$)" && return 0
		sleep 0.2
	done
	return 1
}

# One community first: F7 on screens 4 and 6, and Left/Right on the overview, say there is no
# other to show.
e2e_start 80 24 en --user viewer
e2e_wait "F10Quit"
e2e_check "a community's overview has no line saying whose it is" e2e_gone "Left/Right: one of them"
e2e_keys Right
e2e_check "Right on the overview: there is no other community" \
	e2e_wait "This database holds one community: the overview is all of it."
e2e_keys 4 F7
e2e_check "F7 on screen 4: no other community" e2e_wait "the list shows all its volunteers"
e2e_keys 6 F7
e2e_check "F7 on screen 6: no other community" e2e_wait "the week shows all its shifts"
e2e_keys q
e2e_exited >/dev/null

# The second community, with a resident, a volunteer, a case and a shift this week.
printf 'code,name,parent_code,kind\n110105900002,示范二社区,110105900,community\n110105900002001,二社区网格,110105900002,grid\n' \
	>"$E2E_DIR/cells2.csv"
printf 'name,id_number,phone,cell_code,building,room,tags\n林小二,,13900000301,110105900002001,9号楼,901,\n' \
	>"$E2E_DIR/people2.csv"
printf 'vol_no,name,phone,cell_code\nV0101,林志愿,13700009001,110105900002001\n' >"$E2E_DIR/vol2.csv"
{ $W cells import "$E2E_DIR/cells2.csv" && $W residents import "$E2E_DIR/people2.csv" &&
	$W volunteers import "$E2E_DIR/vol2.csv" &&
	$W tasks add --cell 110105900002001 --category 01010103 --title 二社区井盖缺失 &&
	$W shifts add --post 二社区巡逻 --cell 110105900002001 --start 2026-11-26T09:00 \
		--end 2026-11-26T11:00 &&
	$W shifts add --post 一社区值守 --cell 110105900001001 --start 2026-11-27T09:00 \
		--end 2026-11-27T11:00; } >/dev/null 2>&1 || echo "Bail out! cannot add the second community"

e2e_start 80 24 en --user viewer
e2e_wait "F10Quit"
e2e_check "the overview says it counts all the communities" e2e_wait "All 2 communities   Left/Right: one of them"
e2e_check "(every resident: the demo's 8 and 林小二)" figure Residents 9
e2e_keys Right
e2e_check "Right: the first community alone" e2e_wait "Community: 演示社区 (110105900001)"
e2e_check "(its residents)" figure Residents 8
e2e_check "(its grid cells)" figure "Grid cells" 3
e2e_keys Right
e2e_check "Right again: the second community" e2e_wait "Community: 示范二社区 (110105900002)"
e2e_check "(its one resident)" figure Residents 1
e2e_check "(its one open case)" figure "Open cases" 1
e2e_check "(its volunteer)" figure Volunteers 1
e2e_keys Right
e2e_check "and Right once more: all of them again" e2e_wait "All 2 communities"
e2e_keys Left
e2e_check "Left goes back: the last community" e2e_wait "Community: 示范二社区 (110105900002)"

e2e_keys 4
e2e_check "screen 4 lists both communities' volunteers" e2e_wait "林志愿"
e2e_check "(the demo's too)" e2e_wait "志愿者甲"
e2e_keys F7
e2e_check "F7 offers all the communities" e2e_wait "All communities"
e2e_check "(each by code and name)" e2e_wait "110105900002  示范二社区"
e2e_keys 3
e2e_check "one picked: its volunteers alone" e2e_wait "林志愿"
e2e_check "(not the other community's)" e2e_gone "志愿者甲"
e2e_check "named above the list" e2e_wait "Community: 示范二社区 × (c clears it)"
e2e_check "and said on the message line" e2e_wait "Showing 示范二社区 alone; F7 changes it"
e2e_keys F7 2
e2e_check "the other community: its volunteers" e2e_wait "志愿者甲"
e2e_check "(without the first)" e2e_gone "林志愿"
e2e_keys c
e2e_check "c clears it: everyone again" e2e_wait "林志愿"
e2e_check "(the first community's too)" e2e_wait "志愿者甲"
e2e_check "(and the line is gone)" e2e_gone "clears it"
e2e_keys c
e2e_check "c again: no filter is on" e2e_wait "No filter is on: the list shows everyone."

e2e_keys 6
e2e_check "screen 6 shows both communities' shifts" e2e_wait "二社区巡逻"
e2e_check "(the first one's too)" e2e_wait "一社区值守"
e2e_keys F7 3
e2e_check "F7, one community: its shifts alone" e2e_wait "二社区巡逻"
e2e_check "(not the other community's)" e2e_gone "一社区值守"
e2e_check "named beside the week" e2e_wait "Community: 示范二社区 ×"
e2e_keys c
e2e_check "c: every shift again" e2e_wait "一社区值守"
e2e_keys q
e2e_exited >/dev/null

# A street's week holds many shifts: 260 more on Saturday, every one of them reachable (the
# roster once kept the first 200 alone).
sqlite3 "$E2E_DB" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 260)
	INSERT INTO shifts(post, cell_id, start_at, end_at) SELECT printf('值守%03d', i),
	(SELECT id FROM cells WHERE code = '110105900002001'),
	strftime('%s', '2026-11-28 08:00', '-8 hours') + i * 20, strftime('%s', '2026-11-28 10:00', '-8 hours')
	FROM n"
e2e_start 80 24 en --user viewer
e2e_wait "F10Quit"
e2e_keys 6 End
e2e_check "End reaches the week's last shift, the 262nd" e2e_wait "值守260"
e2e_keys q
e2e_exited >/dev/null
e2e_end
