#!/bin/sh
# SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING.
# The manuals (TAP): wangge(1) and wangge.ini(5) in English and Chinese are lint-clean (groff
# with preconv, as man-db runs it, and mandoc -T lint), and each Chinese page keeps step with
# its English one: the same sections, subsections and entries, and the same options.
set -u
tmp=$(mktemp)
trap 'rm -f "$tmp" "$tmp.en" "$tmp.zh"' EXIT
top=${TOP_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
bad() { n=$((n + 1)); echo "not ok $n - $1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | head -20 | sed 's/^/# /'; }
for page in man/wangge.1 man/wangge.ini.5 man/zh_CN/wangge.1 man/zh_CN/wangge.ini.5; do
	f=$top/$page
	if [ ! -f "$f" ]; then bad "$page exists"; continue; fi
	if ! command -v groff >/dev/null; then
		ok "groff -k -man -ww -z $page # SKIP groff is not installed"
	elif out=$(LC_ALL=C.UTF-8 groff -k -man -ww -z "$f" 2>&1) && [ -z "$out" ]; then
		ok "groff -k -man -ww -z $page is silent"
	else
		bad "groff warns on $page" "$out"
	fi
	if command -v mandoc >/dev/null; then
		out=$(mandoc -T lint "$f" 2>&1)
		if [ -z "$out" ]; then ok "mandoc -T lint $page is silent"; else bad "mandoc -T lint warns on $page" "$out"; fi
	else
		ok "mandoc -T lint $page # SKIP mandoc is not installed"
	fi
done
for page in wangge.1 wangge.ini.5; do
	en=$top/man/$page zh=$top/man/zh_CN/$page
	[ -f "$en" ] && [ -f "$zh" ] || { bad "$page in both languages"; continue; }
	for macro in SH SS TP; do
		a=$(grep -c "^\.$macro" "$en") b=$(grep -c "^\.$macro" "$zh")
		if [ "$a" = "$b" ]; then ok "$page: $a .$macro in both languages"
		else bad "$page: $a .$macro in English, $b in Chinese"; fi
	done
	grep -o '\\-\\-[a-z][a-z-]*' "$en" | sort -u >"$tmp.en"
	grep -o '\\-\\-[a-z][a-z-]*' "$zh" | sort -u >"$tmp.zh"
	d=$(diff "$tmp.en" "$tmp.zh" 2>&1)
	if [ -z "$d" ]; then ok "$page: the same options in both languages"; else bad "$page: options differ" "$d"; fi
done
echo "1..$n"
