/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Unit tests for the curses-free line editor: edits, kills, limits, columns and scrolling. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <criterion/criterion.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "ui/lineedit.h"

static struct wg_lineedit le;

static void setup(void)
{
	cr_assert_not_null(setlocale(LC_ALL, "C.UTF-8"), "C.UTF-8 locale is needed for these tests");
	wg_lineedit_init(&le, 0);
}

static void teardown(void)
{
	wg_lineedit_free(&le);
}

TestSuite(lineedit, .init = setup, .fini = teardown);

static void check_text(const char *want)
{
	char *got = wg_lineedit_get(&le);

	cr_assert_str_eq(got, want);
	cr_assert_eq(le.buf ? wcslen(le.buf) : 0, le.len, "buffer is terminated at len");
	free(got);
}

static void type(const wchar_t *ws)
{
	while (*ws)
		cr_assert(wg_lineedit_insert(&le, *ws++));
}

Test(lineedit, empty)
{
	check_text("");
	cr_assert_eq(le.cursor, 0);
	cr_assert_eq(wg_lineedit_cursor_col(&le), 0);
	cr_assert_not(wg_lineedit_delete(&le));
	cr_assert_not(wg_lineedit_kill_word(&le));
	cr_assert_not(wg_lineedit_kill_start(&le));
	cr_assert_not(wg_lineedit_kill_end(&le));
}

Test(lineedit, set_and_get)
{
	cr_assert_eq(wg_lineedit_set(&le, "张三 abc"), 0);
	check_text("张三 abc");
	cr_assert_eq(le.len, 6);
	cr_assert_eq(le.cursor, 6);
}

Test(lineedit, insert_in_middle)
{
	wg_lineedit_set(&le, "acd");
	wg_lineedit_home(&le);
	cr_assert(wg_lineedit_right(&le));
	cr_assert(wg_lineedit_insert(&le, L'b'));
	check_text("abcd");
	cr_assert_eq(le.cursor, 2);
	type(L"张");
	check_text("ab张cd");
	cr_assert_eq(le.cursor, 3);
}

Test(lineedit, insert_refuses_controls)
{
	cr_assert_not(wg_lineedit_insert(&le, L'\n'));
	cr_assert_not(wg_lineedit_insert(&le, 27));
	check_text("");
}

Test(lineedit, backspace_and_delete)
{
	wg_lineedit_set(&le, "abc");
	wg_lineedit_home(&le);
	cr_assert_not(wg_lineedit_backspace(&le), "backspace at the start does nothing");
	check_text("abc");
	cr_assert(wg_lineedit_delete(&le));
	check_text("bc");
	wg_lineedit_end(&le);
	cr_assert_not(wg_lineedit_delete(&le), "delete at the end does nothing");
	cr_assert(wg_lineedit_backspace(&le));
	check_text("b");
	cr_assert_eq(le.cursor, 1);
}

Test(lineedit, moves)
{
	wg_lineedit_set(&le, "ab");
	cr_assert_not(wg_lineedit_right(&le));
	cr_assert_not(wg_lineedit_end(&le));
	cr_assert(wg_lineedit_left(&le));
	cr_assert_eq(le.cursor, 1);
	cr_assert(wg_lineedit_home(&le));
	cr_assert_not(wg_lineedit_left(&le));
	cr_assert_not(wg_lineedit_home(&le));
	cr_assert_eq(le.cursor, 0);
}

Test(lineedit, cjk_columns)
{
	type(L"张三");
	cr_assert_eq(wg_lineedit_cursor_col(&le), 4);
	type(L"x");
	cr_assert_eq(wg_lineedit_cursor_col(&le), 5);
	wg_lineedit_left(&le);
	wg_lineedit_left(&le);
	cr_assert_eq(wg_lineedit_cursor_col(&le), 2);
}

Test(lineedit, combining_mark_has_no_width)
{
	wg_lineedit_set(&le, "e\xcc\x81x");
	cr_assert_eq(le.len, 3);
	cr_assert_eq(wg_lineedit_cursor_col(&le), 2);
}

Test(lineedit, paste_long_string)
{
	size_t n = 5000;
	char *s = malloc(n * 3 + 1);
	char *got;

	for (size_t i = 0; i < n; i++)
		memcpy(s + i * 3, "张", 3);
	s[n * 3] = '\0';
	wg_lineedit_set(&le, "<>");
	wg_lineedit_left(&le);
	cr_assert_eq(wg_lineedit_insert_utf8(&le, s), n);
	cr_assert_eq(le.len, n + 2);
	cr_assert_eq(le.cursor, n + 1);
	cr_assert_eq(wg_lineedit_cursor_col(&le), 1 + 2 * n);
	got = wg_lineedit_get(&le);
	cr_assert_eq(strlen(got), n * 3 + 2);
	cr_assert_eq(got[0], '<');
	cr_assert_eq(got[n * 3 + 1], '>');
	cr_assert_eq(memcmp(got + 1, s, n * 3), 0);
	free(got);
	free(s);
}

Test(lineedit, paste_turns_controls_into_spaces)
{
	cr_assert_eq(wg_lineedit_insert_utf8(&le, "a\tb\r\nc"), 6);
	check_text("a b  c");
}

Test(lineedit, kill_start_and_end)
{
	wg_lineedit_set(&le, "hello world");
	wg_lineedit_home(&le);
	for (int i = 0; i < 5; i++)
		wg_lineedit_right(&le);
	cr_assert(wg_lineedit_kill_end(&le));
	check_text("hello");
	cr_assert_eq(le.cursor, 5);
	wg_lineedit_left(&le);
	cr_assert(wg_lineedit_kill_start(&le));
	check_text("o");
	cr_assert_eq(le.cursor, 0);
}

Test(lineedit, kill_word)
{
	wg_lineedit_set(&le, "room 302  张三  ");
	cr_assert(wg_lineedit_kill_word(&le));
	check_text("room 302  ");
	cr_assert(wg_lineedit_kill_word(&le));
	check_text("room ");
	wg_lineedit_set(&le, "ab cd");
	wg_lineedit_left(&le);
	cr_assert(wg_lineedit_kill_word(&le), "deletes the word part before the cursor");
	check_text("ab d");
	cr_assert_eq(le.cursor, 3);
}

Test(lineedit, maxlen)
{
	wg_lineedit_init(&le, 4);
	cr_assert_eq(wg_lineedit_set(&le, "abcdef"), 0);
	check_text("abcd");
	cr_assert_not(wg_lineedit_insert(&le, L'x'));
	wg_lineedit_backspace(&le);
	wg_lineedit_home(&le);
	cr_assert_eq(wg_lineedit_insert_utf8(&le, "张三丰"), 1);
	check_text("张abc");
	cr_assert_eq(wg_lineedit_insert_utf8(&le, "x"), 0);
}

Test(lineedit, view_fits_without_scrolling)
{
	struct wg_lineedit_view v;

	wg_lineedit_set(&le, "张三");
	v = wg_lineedit_layout(&le, 10);
	cr_assert_eq(v.start, 0);
	cr_assert_eq(v.end, 2);
	cr_assert_eq(v.cursor_col, 4);
}

Test(lineedit, view_scrolls_by_whole_cjk_characters)
{
	struct wg_lineedit_view v;

	wg_lineedit_set(&le, "a张三");
	v = wg_lineedit_layout(&le, 4);
	/* Showing the cursor needs 1 + 2 (三) columns; 张 would be cut in half, so it goes. */
	cr_assert_eq(v.start, 2);
	cr_assert_eq(v.end, 3);
	cr_assert_eq(v.cursor_col, 2);
	cr_assert_eq(le.scroll, 2);
}

Test(lineedit, view_follows_cursor_both_ways)
{
	struct wg_lineedit_view v;

	wg_lineedit_set(&le, "张三丰李四");
	v = wg_lineedit_layout(&le, 5);
	cr_assert_eq(v.start, 3);
	cr_assert_eq(v.end, 5);
	cr_assert_eq(v.cursor_col, 4);
	wg_lineedit_left(&le);
	v = wg_lineedit_layout(&le, 5);
	cr_assert_eq(v.start, 3, "moving inside the window does not scroll");
	cr_assert_eq(v.cursor_col, 2);
	wg_lineedit_left(&le);
	wg_lineedit_left(&le);
	v = wg_lineedit_layout(&le, 5);
	cr_assert_eq(v.start, 2);
	cr_assert_eq(v.end, 4);
	cr_assert_eq(v.cursor_col, 0);
	wg_lineedit_home(&le);
	v = wg_lineedit_layout(&le, 5);
	cr_assert_eq(v.start, 0);
	cr_assert_eq(v.end, 2);
	cr_assert_eq(v.cursor_col, 0);
}

Test(lineedit, view_cursor_on_wide_character_fits_whole)
{
	struct wg_lineedit_view v;

	wg_lineedit_set(&le, "张三丰");
	wg_lineedit_left(&le);
	v = wg_lineedit_layout(&le, 4);
	cr_assert_eq(v.start, 1);
	cr_assert_eq(v.end, 3);
	cr_assert_eq(v.cursor_col, 2);
}

Test(lineedit, view_refills_after_deleting)
{
	struct wg_lineedit_view v;

	wg_lineedit_set(&le, "abcdefghij");
	v = wg_lineedit_layout(&le, 5);
	cr_assert_eq(v.start, 6);
	for (int i = 0; i < 3; i++)
		wg_lineedit_backspace(&le);
	v = wg_lineedit_layout(&le, 5);
	cr_assert_eq(v.start, 3);
	cr_assert_eq(v.end, 7);
	cr_assert_eq(v.cursor_col, 4);
}

Test(lineedit, view_never_starts_on_a_mark)
{
	struct wg_lineedit_view v;

	wg_lineedit_set(&le, "张e\xcc\x81xy");
	v = wg_lineedit_layout(&le, 3);
	cr_assert_eq(v.start, 3, "the mark after e is skipped with e");
	cr_assert_eq(v.end, 5);
	cr_assert_eq(v.cursor_col, 2);
}
