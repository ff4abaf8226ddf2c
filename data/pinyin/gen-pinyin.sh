#!/bin/sh
# SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING.
# Regenerates data/pinyin/pinyin.txt (toneless Mandarin readings per Han character) from Unihan.
#
# Usage: sh data/pinyin/gen-pinyin.sh [UNIHAN_READINGS_BZ2 [OUTPUT]]
# Defaults: /usr/share/unicode/Unihan_Readings.txt.bz2 (Debian package
# unicode-data) and pinyin.txt beside this script.
#
# Which Unihan fields, and why:
#   kMandarin    the customary reading; always first, so it is the one shown
#                when a caller wants a single reading.
#   kHanyuPinlu  readings ranked by frequency in a modern corpus.
#   kTGHZ2013    Tongyong Guifan Hanzi Zidian (2013) and
#   kXHC1983     Xiandai Hanyu Cidian: modern standard dictionaries.  Since
#                Unicode 6 kMandarin holds one reading (two at most), so these
#                bring the other living readings of polyphonic characters:
#                行 hang, 长 chang, 重 chong, and surnames such as 单 shan,
#                曾 zeng, 解 xie.
#   kHanyuPinyin is NOT used.  It comes from the Hanyu Da Zidian, a historical
#                dictionary: every character in our range that has it also has
#                kMandarin, so it adds no coverage, and the readings it adds
#                are archaic (不 fou, 个 gan, 串 guan, ...) and would only make
#                pinyin searches find wrong names.
#
# Output: '#' comment lines, then one line per character, or per run of
# consecutive code points with the same readings:
#   4E2D zhong
#   884C xing hang
#   9F98-9F99 long
# Tone marks are dropped, u-umlaut is written v (lv, nve).  Only the CJK
# Unified Ideographs block (U+4E00-U+9FFF) and Extension A (U+3400-U+4DBF)
# are kept: that is what names and category titles use.
set -eu

here=$(dirname "$0")
input=${1:-/usr/share/unicode/Unihan_Readings.txt.bz2}
output=${2:-$here/pinyin.txt}

if [ ! -r "$input" ]; then
	echo "gen-pinyin.sh: cannot read $input; install the Debian package unicode-data or name the file as the first argument" >&2
	exit 1
fi
command -v bzcat >/dev/null 2>&1 || {
	echo "gen-pinyin.sh: bzcat not found; install the Debian package bzip2" >&2
	exit 1
}

tmp="$output.tmp.$$"
trap 'rm -f "$tmp"' EXIT HUP INT TERM

bzcat "$input" | awk -F '\t' '
function hexval(s,   i, v) {
	v = 0
	for (i = 1; i <= length(s); i++)
		v = v * 16 + index("0123456789ABCDEF", toupper(substr(s, i, 1))) - 1
	return v
}
# Dictionary fields look like "0442.080:hang 1290.030:xing", Pinlu like
# "xing(2943) hang(218)", kMandarin like "xing"; return the bare readings.
function field_readings(field, value, list,   n, i, parts, r, out) {
	n = split(value, parts, " ")
	out = ""
	for (i = 1; i <= n; i++) {
		r = parts[i]
		sub(/^.*:/, "", r)
		sub(/\(.*$/, "", r)
		out = out " " r
	}
	return out
}
# Unihan writes tones as precomposed letters, except for e-circumflex and
# m/n, which sometimes carry combining marks (U+0300, U+0301, U+0304, U+030C).
# Alternations, not bracket expressions, so a byte-oriented awk (mawk) works.
function toneless(r) {
	gsub(/ā|á|ǎ|à/, "a", r)
	gsub(/ê|ē|é|ě|è|ế|ề/, "e", r)
	gsub(/ī|í|ǐ|ì/, "i", r)
	gsub(/ō|ó|ǒ|ò/, "o", r)
	gsub(/ǖ|ǘ|ǚ|ǜ|ü/, "v", r)
	gsub(/ū|ú|ǔ|ù/, "u", r)
	gsub(/ń|ň|ǹ/, "n", r)
	gsub(/ḿ/, "m", r)
	gsub(/̀|́|̄|̌/, "", r)
	return r
}
function add(list,   n, i, parts, r) {
	n = split(list, parts, " ")
	for (i = 1; i <= n; i++) {
		r = toneless(parts[i])
		if (r !~ /^[a-z]+$/) {
			printf("gen-pinyin.sh: U+%s: cannot make ASCII of reading \"%s\"; teach toneless() this letter\n", cur, parts[i]) > "/dev/stderr"
			failed = 1
			continue
		}
		if (index(" " acc " ", " " r " ") == 0)
			acc = (acc == "") ? r : acc " " r
	}
}
function flush_char(   cp) {
	if (cur == "")
		return
	add(f["kMandarin"]); add(f["kHanyuPinlu"]); add(f["kTGHZ2013"]); add(f["kXHC1983"])
	cp = hexval(cur)
	if (acc != "") {
		if (acc == run_acc && cp == run_last + 1)
			run_last = cp
		else {
			flush_run()
			run_first = run_last = cp
			run_acc = acc
		}
	}
	delete f
	acc = ""
}
function flush_run() {
	if (run_acc == "")
		return
	if (run_first == run_last)
		printf("%04X %s\n", run_first, run_acc)
	else
		printf("%04X-%04X %s\n", run_first, run_last, run_acc)
	run_acc = ""
}
BEGIN { seen = ""; cur = ""; acc = ""; run_acc = ""; failed = 0 }
/^# Unicode version:/ {
	sub(/^# /, "")
	print "# Toneless Mandarin readings of Han characters, made by data/pinyin/gen-pinyin.sh"
	print "# from Unihan_Readings.txt, " $0 " (fields kMandarin, kHanyuPinlu, kTGHZ2013, kXHC1983)."
	print "# Unihan data: Copyright Unicode, Inc., under the Unicode License (https://www.unicode.org/license.txt)."
	print "# Format: CODEPOINT[-LAST] reading... ; the first reading is the customary one; v stands for u-umlaut."
	next
}
/^U\+/ {
	if ($1 != seen) {
		flush_char()
		seen = $1
		cur = substr($1, 3)
		cp = hexval(cur)
		keep = (length(cur) == 4 && ((cp >= 13312 && cp <= 19903) || (cp >= 19968 && cp <= 40959)))
		if (!keep)
			cur = ""
	}
	if (cur != "" && ($2 == "kMandarin" || $2 == "kHanyuPinlu" || $2 == "kTGHZ2013" || $2 == "kXHC1983"))
		f[$2] = field_readings($2, $3)
}
END {
	flush_char()
	flush_run()
	exit failed
}' > "$tmp"

if [ ! -s "$tmp" ] || ! grep -q '^4E2D zhong' "$tmp"; then
	echo "gen-pinyin.sh: the output looks wrong (no reading for U+4E2D); is $input a Unihan_Readings file?" >&2
	exit 1
fi
mv "$tmp" "$output"
trap - EXIT HUP INT TERM
echo "gen-pinyin.sh: wrote $output ($(grep -vc '^#' "$output") lines)" >&2
