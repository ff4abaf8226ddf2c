/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Unit tests for display-width text: conversion, width, clipping and alignment. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <criterion/criterion.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/text.h>

static void utf8_locale(void)
{
	cr_assert_not_null(setlocale(LC_ALL, "C.UTF-8"), "C.UTF-8 locale is needed for these tests");
}

TestSuite(text, .init = utf8_locale);

/* Clips S into a fresh buffer and checks both the text and the returned columns. */
static void check_clip(const char *s, size_t cols, unsigned flags, const char *want, size_t want_cols)
{
	char out[128];
	size_t got = wg_text_clip(out, sizeof out, s, cols, flags);

	cr_assert_str_eq(out, want, "clip(\"%s\", %zu, %u)", s, cols, flags);
	cr_assert_eq(got, want_cols, "clip(\"%s\", %zu, %u) returned %zu columns", s, cols, flags, got);
}

Test(text, to_wide_and_back)
{
	size_t len;
	wchar_t *ws = wg_text_to_wide("a张三b", &len);
	char *s;

	cr_assert_eq(len, 4);
	cr_assert_eq(ws[1], L'张');
	cr_assert_eq(ws[4], L'\0');
	s = wg_text_to_utf8(ws, len);
	cr_assert_str_eq(s, "a张三b");
	free(ws);
	free(s);
}

Test(text, to_wide_replaces_invalid_bytes)
{
	size_t len;
	wchar_t *ws = wg_text_to_wide("a\xff" "b\xe5\xbc", &len);

	cr_assert_eq(len, 4, "each bad byte is one character, a truncated tail is one: got %zu", len);
	cr_assert_eq(ws[0], L'a');
	cr_assert_eq(ws[1], WG_TEXT_REPLACEMENT);
	cr_assert_eq(ws[2], L'b');
	cr_assert_eq(ws[3], WG_TEXT_REPLACEMENT);
	free(ws);
}

Test(text, to_utf8_replaces_unencodable)
{
	wchar_t bad[] = { L'x', (wchar_t)0xD800, L'y' };
	char *s = wg_text_to_utf8(bad, 3);

	cr_assert_str_eq(s, "x\xef\xbf\xbdy");
	free(s);
}

Test(text, to_utf8_empty)
{
	char *s = wg_text_to_utf8(NULL, 0);

	cr_assert_str_eq(s, "");
	free(s);
}

Test(text, width)
{
	cr_assert_eq(wg_text_width(""), 0);
	cr_assert_eq(wg_text_width("hello"), 5);
	cr_assert_eq(wg_text_width("张三丰"), 6);
	cr_assert_eq(wg_text_width("e\xcc\x81"), 1, "e + U+0301 is one column");
	cr_assert_eq(wg_text_width("a\tb\x01"), 4, "controls count as their '?'");
	cr_assert_eq(wg_text_width("\xff\xfe"), 2, "each bad byte is one U+FFFD");
	cr_assert_eq(wg_text_width("\xcc\x81x"), 2, "a leading mark sits on a space");
}

Test(text, char_width)
{
	cr_assert_eq(wg_text_char_width(L'a'), 1);
	cr_assert_eq(wg_text_char_width(L'张'), 2);
	cr_assert_eq(wg_text_char_width((wchar_t)0x301), 0);
	cr_assert_eq(wg_text_char_width(L'\n'), 1);
}

Test(text, clip_ascii)
{
	check_clip("hello", 10, 0, "hello", 5);
	check_clip("hello", 5, 0, "hello", 5);
	check_clip("hello world", 5, 0, "hell…", 5);
	check_clip("hello", 8, WG_TEXT_PAD, "hello   ", 8);
}

Test(text, clip_cjk)
{
	check_clip("张三丰", 6, 0, "张三丰", 6);
	check_clip("张三丰", 5, 0, "张三…", 5);
	check_clip("张三丰", 4, 0, "张…", 3);
	check_clip("张三丰", 4, WG_TEXT_PAD, "张… ", 4);
	check_clip("张三丰", 3, 0, "张…", 3);
	check_clip("张三丰", 2, 0, "…", 1);
	check_clip("a张", 2, 0, "a…", 2);
}

Test(text, clip_combining_marks_stay_with_base)
{
	check_clip("e\xcc\x81" "e\xcc\x81", 2, 0, "e\xcc\x81" "e\xcc\x81", 2);
	check_clip("e\xcc\x81" "e\xcc\x81" "x", 2, 0, "e\xcc\x81…", 2);
	check_clip("\xcc\x81" "a", 5, 0, " \xcc\x81" "a", 2);
}

Test(text, clip_invalid_bytes)
{
	check_clip("a\xff" "b", 5, 0, "a\xef\xbf\xbd" "b", 3);
	check_clip("ab\xe5\xbc", 5, 0, "ab\xef\xbf\xbd", 3);
	check_clip("\xe5\xbc" "a", 5, 0, "\xef\xbf\xbd\xef\xbf\xbd" "a", 3);
}

Test(text, clip_controls)
{
	check_clip("a\tb\nc\x1b", 10, 0, "a?b?c?", 6);
	check_clip("\x7f", 10, 0, "?", 1);
	check_clip("a\xc2\x85" "b", 10, 0, "a?b", 3);
}

Test(text, clip_zero_and_one_column)
{
	check_clip("hello", 0, 0, "", 0);
	check_clip("hello", 0, WG_TEXT_PAD, "", 0);
	check_clip("", 3, WG_TEXT_PAD, "   ", 3);
	check_clip("h", 1, 0, "h", 1);
	check_clip("hi", 1, 0, "…", 1);
	check_clip("hi", 1, WG_TEXT_ASCII, ">", 1);
	check_clip("张", 1, 0, "…", 1);
}

Test(text, clip_ascii_marker)
{
	check_clip("hello world", 5, WG_TEXT_ASCII, "hell>", 5);
	check_clip("张三丰", 4, WG_TEXT_ASCII | WG_TEXT_PAD, "张> ", 4);
	check_clip("hello", 5, WG_TEXT_ASCII, "hello", 5);
}

Test(text, clip_small_buffer_never_splits)
{
	char out[6];
	size_t cols = wg_text_clip(out, sizeof out, "张三丰", 6, 0);

	/* 5 bytes of room: one 3-byte character and no room for another before the marker. */
	cr_assert_str_eq(out, "…");
	cr_assert_eq(cols, 1);
	cols = wg_text_clip(out, 1, "abc", 3, WG_TEXT_PAD);
	cr_assert_str_eq(out, "");
	cr_assert_eq(cols, 0);
}

Test(text, clip_marker_without_utf8_locale)
{
	char out[32];

	setlocale(LC_ALL, "C");
	wg_text_clip(out, sizeof out, "hello world", 5, 0);
	cr_assert_str_eq(out, "hell>", "a locale that cannot draw '…' gets '>'");
}

Test(text, align)
{
	char out[64];

	cr_assert_eq(wg_text_align(out, sizeof out, "张三", 6, WG_TEXT_LEFT, 0), 6);
	cr_assert_str_eq(out, "张三  ");
	cr_assert_eq(wg_text_align(out, sizeof out, "张三", 6, WG_TEXT_RIGHT, 0), 6);
	cr_assert_str_eq(out, "  张三");
	cr_assert_eq(wg_text_align(out, sizeof out, "12345", 4, WG_TEXT_RIGHT, 0), 4);
	cr_assert_str_eq(out, "123…");
	cr_assert_eq(wg_text_align(out, sizeof out, "张三丰", 4, WG_TEXT_RIGHT, WG_TEXT_ASCII), 4);
	cr_assert_str_eq(out, " 张>");
}

/* Lays TEXT out with wg_text_pages into a fresh string. */
static char *pages(const char *text, int width, int page_lines)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	cr_assert_not_null(f);
	cr_assert_eq(wg_text_pages(text, strlen(text), width, page_lines, f), 0);
	fclose(f);
	return buf;
}

Test(text, pages_whole_when_no_limits)
{
	const char *in = "Head  a\nrow 1\n\nSecond\nrow\n";
	char *out = pages(in, 0, 0);
	cr_assert_str_eq(out, in);
	free(out);
}

Test(text, pages_cut_lines_at_display_width)
{
	char *out = pages("示范网格一  12\nabc\n", 6, 0);
	cr_assert_str_eq(out, "示范…\nabc\n", "got [%s]", out);
	free(out);
}

Test(text, pages_repeat_the_running_header)
{
	/* five lines a page: the table goes on over the break with its header again */
	char *out = pages("Title\n\nHead\nr1\nr2\nr3\nr4\nr5\n", 0, 5);
	cr_assert_str_eq(out, "Title\n\nHead\nr1\nr2\n\fHead\nr3\nr4\nr5\n", "got [%s]", out);
	free(out);
}

Test(text, pages_never_leave_a_header_at_the_foot)
{
	/* the second table's header would be line 5 of 5: it starts the next page instead, and
	 * the blank line before it does not top that page */
	char *out = pages("A\na1\na2\n\nB\nb1\n", 0, 5);
	cr_assert_str_eq(out, "A\na1\na2\n\n\fB\nb1\n", "got [%s]", out);
	free(out);
}
