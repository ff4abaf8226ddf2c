/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* A one-line wchar_t text field editor with no curses, so every edit is unit-testable. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "lineedit.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include <wangge/text.h>

void wg_lineedit_init(struct wg_lineedit *le, size_t maxlen)
{
	memset(le, 0, sizeof *le);
	le->maxlen = maxlen;
}

void wg_lineedit_free(struct wg_lineedit *le)
{
	free(le->buf);
	wg_lineedit_init(le, le->maxlen);
}

/* Characters that may still be added before maxlen. */
static size_t room(const struct wg_lineedit *le)
{
	if (le->maxlen == 0)
		return SIZE_MAX;
	return le->len < le->maxlen ? le->maxlen - le->len : 0;
}

/* Makes space for EXTRA more characters and the terminating L'\0'. */
static bool reserve(struct wg_lineedit *le, size_t extra)
{
	size_t need = le->len + extra + 1, cap = le->cap ? le->cap : 32;
	wchar_t *grown;

	if (need <= le->cap)
		return true;
	while (cap < need)
		cap *= 2;
	grown = realloc(le->buf, cap * sizeof *grown);
	if (!grown)
		return false;
	grown[le->len] = L'\0';	/* a first allocation has no terminator yet */
	le->buf = grown;
	le->cap = cap;
	return true;
}

/* Inserts N characters at the cursor; the caller has checked room() and called reserve(). */
static void put(struct wg_lineedit *le, const wchar_t *ws, size_t n)
{
	wchar_t *at = le->buf + le->cursor;

	memmove(at + n, at, (le->len - le->cursor + 1) * sizeof *at);
	memcpy(at, ws, n * sizeof *at);
	le->len += n;
	le->cursor += n;
}

/* Removes characters [FROM, TO), keeping the cursor on the same text where it survives. */
static void cut(struct wg_lineedit *le, size_t from, size_t to)
{
	memmove(le->buf + from, le->buf + to, (le->len - to + 1) * sizeof *le->buf);
	le->len -= to - from;
	if (le->cursor >= to)
		le->cursor -= to - from;
	else if (le->cursor > from)
		le->cursor = from;
}

int wg_lineedit_set(struct wg_lineedit *le, const char *utf8)
{
	size_t n;
	wchar_t *ws = wg_text_to_wide(utf8, &n);

	if (!ws)
		return -1;
	free(le->buf);
	le->cap = n + 1;
	if (le->maxlen && n > le->maxlen) {
		n = le->maxlen;
		ws[n] = L'\0';
	}
	le->buf = ws;
	le->len = le->cursor = n;
	le->scroll = 0;
	return 0;
}

char *wg_lineedit_get(const struct wg_lineedit *le)
{
	return wg_text_to_utf8(le->buf, le->len);
}

bool wg_lineedit_insert(struct wg_lineedit *le, wchar_t wc)
{
	if (iswcntrl((wint_t)wc) || room(le) == 0 || !reserve(le, 1))
		return false;
	put(le, &wc, 1);
	return true;
}

size_t wg_lineedit_insert_utf8(struct wg_lineedit *le, const char *utf8)
{
	size_t n;
	wchar_t *ws = wg_text_to_wide(utf8, &n);

	if (!ws)
		return 0;
	if (n > room(le))
		n = room(le);
	/* A single-line field: pasted line breaks and tabs become the spaces they stood for. */
	for (size_t i = 0; i < n; i++)
		if (iswcntrl((wint_t)ws[i]))
			ws[i] = L' ';
	if (n && reserve(le, n))
		put(le, ws, n);
	else
		n = 0;
	free(ws);
	return n;
}

bool wg_lineedit_backspace(struct wg_lineedit *le)
{
	if (le->cursor == 0)
		return false;
	cut(le, le->cursor - 1, le->cursor);
	return true;
}

bool wg_lineedit_delete(struct wg_lineedit *le)
{
	if (le->cursor == le->len)
		return false;
	cut(le, le->cursor, le->cursor + 1);
	return true;
}

bool wg_lineedit_left(struct wg_lineedit *le)
{
	if (le->cursor == 0)
		return false;
	le->cursor--;
	return true;
}

bool wg_lineedit_right(struct wg_lineedit *le)
{
	if (le->cursor == le->len)
		return false;
	le->cursor++;
	return true;
}

bool wg_lineedit_home(struct wg_lineedit *le)
{
	bool moved = le->cursor != 0;

	le->cursor = 0;
	return moved;
}

bool wg_lineedit_end(struct wg_lineedit *le)
{
	bool moved = le->cursor != le->len;

	le->cursor = le->len;
	return moved;
}

bool wg_lineedit_kill_start(struct wg_lineedit *le)
{
	if (le->cursor == 0)
		return false;
	cut(le, 0, le->cursor);
	return true;
}

bool wg_lineedit_kill_end(struct wg_lineedit *le)
{
	if (le->cursor == le->len)
		return false;
	cut(le, le->cursor, le->len);
	return true;
}

bool wg_lineedit_kill_word(struct wg_lineedit *le)
{
	size_t from = le->cursor;

	while (from > 0 && iswspace((wint_t)le->buf[from - 1]))
		from--;
	while (from > 0 && !iswspace((wint_t)le->buf[from - 1]))
		from--;
	if (from == le->cursor)
		return false;
	cut(le, from, le->cursor);
	return true;
}

static size_t width_at(const struct wg_lineedit *le, size_t i)
{
	return (size_t)wg_text_char_width(le->buf[i]);
}

/* Display columns of characters [FROM, TO). */
static size_t cols(const struct wg_lineedit *le, size_t from, size_t to)
{
	size_t sum = 0;

	for (size_t i = from; i < to; i++)
		sum += width_at(le, i);
	return sum;
}

size_t wg_lineedit_cursor_col(const struct wg_lineedit *le)
{
	return cols(le, 0, le->cursor);
}

/* Cells the cursor needs: the whole character under it, or one blank past the end. */
static size_t cursor_cells(const struct wg_lineedit *le)
{
	size_t w = le->cursor < le->len ? width_at(le, le->cursor) : 1;

	return w ? w : 1;
}

/* A start at or before the cursor that puts the cursor inside WIDTH columns, moved as little as
 * possible from START, so the text does not jump while the clerk types. */
static size_t show_cursor(const struct wg_lineedit *le, size_t start, size_t width)
{
	size_t need = cursor_cells(le);

	if (start > le->cursor)
		start = le->cursor;
	if (cols(le, start, le->cursor) + need <= width)
		return start;
	start = le->cursor;
	while (start > 0 && need + width_at(le, start - 1) <= width) {
		need += width_at(le, start - 1);
		start--;
	}
	return start;
}

/* Moves START left while everything from it to the end still fits, so deleting near the end of a
 * scrolled field brings back text instead of leaving the field half empty. */
static size_t fill_left(const struct wg_lineedit *le, size_t start, size_t width)
{
	size_t used = cols(le, start, le->len) + (le->cursor == le->len);

	while (start > 0 && used + width_at(le, start - 1) <= width) {
		used += width_at(le, start - 1);
		start--;
	}
	return start;
}

struct wg_lineedit_view wg_lineedit_layout(struct wg_lineedit *le, size_t width)
{
	struct wg_lineedit_view v = { 0, 0, 0 };
	size_t start = fill_left(le, show_cursor(le, le->scroll, width), width);
	size_t used = 0;

	/* Marks whose base character scrolled off have nothing to sit on. */
	while (start < le->len && width_at(le, start) == 0)
		start++;
	le->scroll = v.start = v.end = start;
	v.cursor_col = start < le->cursor ? cols(le, start, le->cursor) : 0;
	while (v.end < le->len && used + width_at(le, v.end) <= width)
		used += width_at(le, v.end++);
	return v;
}
