#!/bin/sh
# SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING.
# make install and make uninstall with DESTDIR (TAP): everything a package needs is installed,
# and uninstall leaves not a file nor a folder of wangge's behind.
set -u
build=${TOP_BUILDDIR:-.}
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
echo "1..3"
${MAKE:-make} -s -C "$build" install DESTDIR="$dest" >"$dest.log" 2>&1
rc=$?
files=$(cd "$dest" && find . -type f | sort)
n=$(printf '%s\n' "$files" | grep -c .)
if [ $rc = 0 ] && printf '%s\n' "$files" | grep -q '/bin/wangge$' &&
	printf '%s\n' "$files" | grep -q '/share/wangge/holidays/2026.txt$' &&
	printf '%s\n' "$files" | grep -q '/man/zh_CN/man5/wangge.ini.5$'; then
	echo "ok 1 - make install DESTDIR puts $n files in place"
else
	echo "not ok 1 - make install DESTDIR (exit $rc)"; sed 's/^/# /' "$dest.log" | tail -10
fi
${MAKE:-make} -s -C "$build" uninstall DESTDIR="$dest" >"$dest.log" 2>&1
rc=$?
left=$(cd "$dest" && find . -type f)
if [ $rc = 0 ] && [ -z "$left" ]; then echo "ok 2 - make uninstall removes every file"
else echo "not ok 2 - make uninstall left files (exit $rc)"; printf '%s\n' "$left" | sed 's/^/# /'; fi
left=$(cd "$dest" && find . -depth -type d -path '*wangge*')
if [ -z "$left" ]; then echo "ok 3 - and every folder of wangge's"
else echo "not ok 3 - make uninstall left folders"; printf '%s\n' "$left" | sed 's/^/# /'; fi
rm -f "$dest.log"
