/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* A one-line wchar_t text field editor with no curses: buffer, cursor, display columns, scrolling. */
#ifndef WANGGE_UI_LINEEDIT_H
#define WANGGE_UI_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

/* buf holds len characters and a L'\0' (buf is NULL until the first insert); cursor and scroll
 * are character indexes; maxlen limits len unless it is 0. */
struct wg_lineedit {
	wchar_t *buf;
	size_t len, cap, cursor;
	size_t scroll;
	size_t maxlen;
};

/* What to draw: characters [start, end) of buf, with the cursor COL columns right of the field's
 * left edge. */
struct wg_lineedit_view {
	size_t start, end;
	size_t cursor_col;
};

void wg_lineedit_init(struct wg_lineedit *le, size_t maxlen);
void wg_lineedit_free(struct wg_lineedit *le);

/* Replaces the text (cut at maxlen), cursor at the end. -1 when out of memory, text unchanged. */
int wg_lineedit_set(struct wg_lineedit *le, const char *utf8);
/* Newly allocated UTF-8 copy of the text; NULL when out of memory. */
char *wg_lineedit_get(const struct wg_lineedit *le);

/* Inserts WC at the cursor. False, and nothing changes, for a control character (a key for the
 * caller to handle), when maxlen is reached, or when out of memory. */
bool wg_lineedit_insert(struct wg_lineedit *le, wchar_t wc);
/* Inserts pasted UTF-8 text at the cursor, control characters (tabs, newlines) as spaces, as much
 * as maxlen allows. Returns the characters inserted. */
size_t wg_lineedit_insert_utf8(struct wg_lineedit *le, const char *utf8);

/* Each returns false when there was nothing to do. */
bool wg_lineedit_backspace(struct wg_lineedit *le);	/* delete before the cursor */
bool wg_lineedit_delete(struct wg_lineedit *le);	/* delete at the cursor */
bool wg_lineedit_left(struct wg_lineedit *le);
bool wg_lineedit_right(struct wg_lineedit *le);
bool wg_lineedit_home(struct wg_lineedit *le);
bool wg_lineedit_end(struct wg_lineedit *le);
bool wg_lineedit_kill_start(struct wg_lineedit *le);	/* Ctrl-U */
bool wg_lineedit_kill_end(struct wg_lineedit *le);	/* Ctrl-K */
bool wg_lineedit_kill_word(struct wg_lineedit *le);	/* Ctrl-W: spaces, then a word */

/* Display columns of the text before the cursor. */
size_t wg_lineedit_cursor_col(const struct wg_lineedit *le);

/* Scrolls so the cursor (and the character under it) shows in a field WIDTH columns wide, and says
 * what to draw. The visible text never starts with a cut double-width character or a combining
 * mark, and never ends with a cut double-width character. */
struct wg_lineedit_view wg_lineedit_layout(struct wg_lineedit *le, size_t width);

#endif
