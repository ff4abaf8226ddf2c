#!/bin/sh
# Every source file that marks strings for translation is listed in po/POTFILES.in,
# and po/zh_CN.po translates every string (TAP).
cd "${TOP_SRCDIR:-.}" || exit 1
echo "1..2"
missing=$(grep -l -E '(^|[^A-Za-z0-9_])N?_\(' src/*/*.c | while read -r f; do
	grep -qx "$f" po/POTFILES.in || echo "$f"; done)
if [ -z "$missing" ]; then echo "ok 1 - POTFILES.in lists every translated file"
else echo "not ok 1 - POTFILES.in lacks: $missing"; fi
stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null po/zh_CN.po 2>&1 | tail -n 1)
case "$stats" in
*untranslated*|*fuzzy*|*rror*) echo "not ok 2 - zh_CN.po complete: $stats" ;;
*) echo "ok 2 - zh_CN.po complete: $stats" ;;
esac
