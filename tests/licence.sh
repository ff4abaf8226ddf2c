#!/bin/sh
# SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING.
# The licence holds (TAP): COPYING is the Mulan PSL v2 text, the Unicode licence sits beside the
# pinyin data, every source file names the licence in its first lines, --version says it.
set -u
top=${TOP_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
wangge=${WANGGE:-$top/src/wangge}
echo "1..4"
n=0
check() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }
grep -q '木兰宽松许可证, 第2版' "$top/COPYING" && grep -q 'END OF THE TERMS AND CONDITIONS' "$top/COPYING"
check $? "COPYING holds the Mulan PSL v2 in Chinese and English"
grep -q 'UNICODE, INC. LICENSE AGREEMENT' "$top/data/pinyin/UNICODE-LICENSE"
check $? "the Unicode licence is beside the pinyin data"
missing=$(cd "$top" && find src include tests data build-aux .ci -type f \
	\( -name '*.c' -o -name '*.h' -o -name '*.sh' -o -name '*.py' -o -name '*.awk' -o -name run \) \
	! -name pinyin-table.c ! -name tap-driver.sh ! -path '*/.deps/*' 2>/dev/null |
	while read -r f; do head -n 3 "$f" | grep -q 'SPDX-License-Identifier: MulanPSL-2.0' || echo "$f"; done)
[ -z "$missing" ]
check $? "every source file names its licence${missing:+ (not: $(echo $missing))}"
"$wangge" --version | grep -q 'Mulan PSL v2' && "$wangge" --version | grep -q 'NO WARRANTY'
check $? "--version names the licence and the absence of warranty"
