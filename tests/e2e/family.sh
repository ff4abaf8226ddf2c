#!/bin/sh
# SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING.
# A family of four registered from paper forms, the keys counted (issue 14: at most 1.1 keys per
# character of content).  Keys: every character typed and every named key sent.  Content: the
# characters the records hold from what the clerk did (names, ID numbers, phones, the picked
# cell's code, building, unit, room, relations); fields an ID number fills or "save and new"
# keeps are not counted, though the records hold them.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
e2e_begin family
e2e_db
keys=0 content=0
chars() { printf %s "$1" | LC_ALL=C.UTF-8 wc -m | tr -d ' '; }
t() { e2e_type "$1"; n=$(chars "$1"); keys=$((keys + n)); content=$((content + n)); } # content
p() { e2e_type "$1"; keys=$((keys + $(chars "$1"))); }  # typed, not content (a picker's filter)
k() { e2e_keys "$@"; keys=$((keys + $#)); }              # named keys

e2e_start 80 24 zh_CN --user clerk
e2e_wait "F10"
e2e_keys 3 F2 # opening the screen and the form is not part of the count
e2e_wait "新建居民"
t 王建国; k Tab; t 110105196805120019; k Tab; t 13900000001; k Tab
p sfwgy; e2e_wait "示范网格一"; k Enter; content=$((content + 15)) # the cell's code
t 3; k Tab; t 1; k Tab; t 502; k Tab; t 户主; k F3
e2e_check "the householder is saved" e2e_wait "王建国"
t 李秀兰; k Tab; t 110105197003210025; k Tab; t 13900000002; k Tab; t 配偶; k F3
e2e_check "the spouse: Tab went from the ID number to the phone, then past what was kept" \
	e2e_wait "李秀兰"
t 王磊; k Tab; t 110105199508080034; k Tab; t 13900000003; k Tab; t 子; k F3
e2e_check "the son" e2e_wait "王磊"
t 王小雨; k Tab; t 110105200101150040; k Tab; k Tab; t 女; k F2
e2e_check "the daughter (no phone of her own)" e2e_wait "王小雨"
ratio=$(awk -v k="$keys" -v c="$content" 'BEGIN { printf "%.2f", k / c }')
echo "# a family of four: $keys keys for $content characters of content, $ratio keys per character"
e2e_check "at most 1.1 keys per character of content ($keys / $content = $ratio)" \
	awk -v r="$ratio" 'BEGIN { exit !(r <= 1.1) }'
e2e_keys q
e2e_exited >/dev/null
e2e_check "all four in one household at 3号楼 1-502" \
	sh -c "LANGUAGE=en '$E2E_WANGGE' --db '$E2E_DB' --user clerk residents search 502 | grep -c '3号楼' | grep -qx 4"
e2e_end
