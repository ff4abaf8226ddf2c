/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Display-width text: UTF-8 <-> wchar_t that never fails, and measuring, clipping and aligning by terminal columns. */
#ifndef WANGGE_TEXT_H
#define WANGGE_TEXT_H

#include <stddef.h>
#include <stdio.h>
#include <wchar.h>

/* Flags for wg_text_clip() and wg_text_align(). */
enum wg_text_flags {
	WG_TEXT_ASCII = 1u << 0,	/* cut marker is '>' instead of U+2026 '…' */
	WG_TEXT_PAD = 1u << 1,		/* pad with spaces to exactly the given columns */
};

enum wg_text_align {
	WG_TEXT_LEFT,
	WG_TEXT_RIGHT,
};

/* What undecodable bytes become. */
#define WG_TEXT_REPLACEMENT ((wchar_t)0xFFFD)

/* Output bytes that always hold a clipped result of COLS columns, unless the text has combining marks
 * (then a smaller buffer only makes the result shorter, never broken). */
#define WG_TEXT_BYTES(cols) ((size_t)(cols) * 4 + 1)

/*
 * Decodes one character from S (N > 0 bytes) in the current locale into *WC and returns the bytes
 * it used (at least 1). An invalid byte becomes WG_TEXT_REPLACEMENT and uses 1 byte; an incomplete
 * sequence that ends the input becomes one WG_TEXT_REPLACEMENT and uses the rest.
 */
size_t wg_text_decode(const char *s, size_t n, wchar_t *wc);

/* Encodes WC into OUT (MB_LEN_MAX bytes, not terminated) and returns the bytes written (at least 1);
 * an unencodable WC is written as U+FFFD, or '?' where even that cannot be encoded. */
size_t wg_text_encode(wchar_t wc, char *out);

/* Newly allocated, L'\0'-terminated wide copy of S; *LEN (if not NULL) gets its length. NULL only when
 * out of memory. */
wchar_t *wg_text_to_wide(const char *s, size_t *len);

/* Newly allocated, '\0'-terminated multibyte copy of the LEN characters of WS (which may be NULL when
 * LEN is 0). NULL only when out of memory. */
char *wg_text_to_utf8(const wchar_t *ws, size_t len);

/* Columns WC takes when drawn after a base character: unprintable characters count as their
 * one-column replacement, combining marks as 0. */
int wg_text_char_width(wchar_t wc);

/* Columns the whole of S takes when drawn by wg_text_clip(). */
size_t wg_text_width(const char *s);

/*
 * Copies S into OUT (OUTSZ bytes, always terminated when OUTSZ > 0), keeping at most COLS columns.
 * Control and other unprintable characters become '?'; a leading combining mark gets a space to sit
 * on; a character and its combining marks are kept or dropped together; a double-width character is
 * never split. When S does not fit, its last kept column is followed by a one-column cut marker.
 * With WG_TEXT_PAD, spaces fill the result to exactly COLS columns. Returns the columns written.
 */
size_t wg_text_clip(char *out, size_t outsz, const char *s, size_t cols, unsigned flags);

/* Like wg_text_clip() with WG_TEXT_PAD, but with WG_TEXT_RIGHT the padding goes before the text. */
size_t wg_text_align(char *out, size_t outsz, const char *s, size_t cols,
		     enum wg_text_align align, unsigned flags);

/* Writes the LEN bytes of TEXT to OUT laid out for a printer: each line cut at WIDTH display
 * columns (0: whole) with the cut marker; with PAGE_LINES > 0, a form feed after that many lines,
 * never a table's header alone at a page's foot, and the header again on the page where its table
 * goes on.  A table is a run of lines after a blank line (or the start), its first line the header.
 * Returns 0, or -1 when writing failed. */
int wg_text_pages(const char *text, size_t len, int width, int page_lines, FILE *out);

#endif
