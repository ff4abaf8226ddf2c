#!/bin/sh
# SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING.
# Every source file that marks strings for translation is listed in po/POTFILES.in,
# and po/zh_CN.po translates every string the sources mark today and no other (TAP).
cd "${TOP_SRCDIR:-.}" || exit 1
echo "1..3"
missing=$(grep -l -E '(^|[^A-Za-z0-9_])N?_\(' src/*/*.c | while read -r f; do
	grep -qx "$f" po/POTFILES.in || echo "$f"; done)
if [ -z "$missing" ]; then echo "ok 1 - POTFILES.in lists every translated file"
else echo "not ok 1 - POTFILES.in lacks: $missing"; fi
pot=$(mktemp)
xgettext --keyword=_ --keyword=N_ --from-code=UTF-8 --language=C -o "$pot" \
	$(grep -v '^#' po/POTFILES.in) 2>/dev/null
if out=$(LC_ALL=C msgcmp po/zh_CN.po "$pot" 2>&1); then
	echo "ok 2 - zh_CN.po translates every marked string"
else
	echo "not ok 2 - zh_CN.po lacks translations (run: make -C po update-po, then translate):"
	echo "$out" | grep -c 'this message' | sed 's/^/# untranslated or missing: /'
	echo "$out" | head -n 20 | sed 's/^/# /'
fi
unused=$(LC_ALL=C msgcmp po/zh_CN.po "$pot" 2>&1 | grep -c 'this message is not used')
if [ "$unused" = 0 ]; then
	echo "ok 3 - zh_CN.po holds no string the sources no longer mark"
else
	echo "not ok 3 - zh_CN.po holds $unused strings no source marks (msgattrib --no-obsolete after msgmerge)"
fi
rm -f "$pot"
