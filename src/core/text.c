/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Display-width text: conversions that never fail, and clipping that never splits a character. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif
/* wcwidth() is X/Open, not C11; config.h may already ask for it. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <wangge/text.h>

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wctype.h>

/* How one source character is drawn. */
struct glyph {
	wchar_t wc;		/* what is drawn */
	bool lead_space;	/* a lone combining mark is drawn on a space */
	int cols;
};

/* Where an emitting pass stopped. */
struct span {
	size_t src;		/* source bytes consumed */
	size_t bytes;		/* output bytes written (or that would be) */
	size_t cols;		/* columns drawn */
};

size_t wg_text_decode(const char *s, size_t n, wchar_t *wc)
{
	mbstate_t st;
	size_t r;

	memset(&st, 0, sizeof st);
	r = mbrtowc(wc, s, n, &st);
	if (r == 0)
		return 1;	/* an embedded L'\0' */
	if (r == (size_t)-2) {
		*wc = WG_TEXT_REPLACEMENT;
		return n;
	}
	if (r > n) {
		*wc = WG_TEXT_REPLACEMENT;
		return 1;
	}
	return r;
}

size_t wg_text_encode(wchar_t wc, char *out)
{
	mbstate_t st;
	size_t r;

	memset(&st, 0, sizeof st);
	r = wcrtomb(out, wc, &st);
	if (r != (size_t)-1)
		return r;
	memset(&st, 0, sizeof st);
	r = wcrtomb(out, WG_TEXT_REPLACEMENT, &st);
	if (r != (size_t)-1)
		return r;
	out[0] = '?';
	return 1;
}

wchar_t *wg_text_to_wide(const char *s, size_t *len)
{
	size_t n = strlen(s), i = 0, k = 0;
	wchar_t *ws = malloc((n + 1) * sizeof *ws);

	if (!ws)
		return NULL;
	while (i < n)
		i += wg_text_decode(s + i, n - i, &ws[k++]);
	ws[k] = L'\0';
	if (len)
		*len = k;
	return ws;
}

char *wg_text_to_utf8(const wchar_t *ws, size_t len)
{
	char tmp[MB_LEN_MAX], *out, *p;
	size_t need = 1;

	/* Two passes so a 5000-character field does not cost MB_LEN_MAX bytes a character. */
	for (size_t i = 0; i < len; i++)
		need += wg_text_encode(ws[i], tmp);
	out = p = malloc(need);
	if (!out)
		return NULL;
	for (size_t i = 0; i < len; i++)
		p += wg_text_encode(ws[i], p);
	*p = '\0';
	return out;
}

/* HAS_BASE: something was drawn before WC in the same string, for a combining mark to sit on. */
static struct glyph glyph_of(wchar_t wc, bool has_base)
{
	struct glyph g = { wc, false, wcwidth(wc) };

	if (g.cols < 0 || iswcntrl((wint_t)wc)) {
		g.wc = L'?';
		g.cols = 1;
	} else if (g.cols == 0 && !has_base) {
		g.lead_space = true;
		g.cols = 1;
	}
	return g;
}

static size_t glyph_encode(const struct glyph *g, char *out)
{
	size_t n = 0;

	if (g->lead_space)
		out[n++] = ' ';
	return n + wg_text_encode(g->wc, out + n);
}

int wg_text_char_width(wchar_t wc)
{
	return glyph_of(wc, true).cols;
}

/*
 * Draws the longest prefix of S (N bytes) that fits in COL_BUDGET columns and BYTE_BUDGET bytes,
 * into OUT unless OUT is NULL. Stopping at the first character that does not fit also drops the
 * combining marks after it, so a character and its marks stay together.
 */
static struct span emit_prefix(const char *s, size_t n, size_t col_budget, size_t byte_budget,
			       char *out)
{
	struct span sp = { 0, 0, 0 };
	char tmp[MB_LEN_MAX + 1];

	while (sp.src < n) {
		wchar_t wc;
		size_t step = wg_text_decode(s + sp.src, n - sp.src, &wc);
		struct glyph g = glyph_of(wc, sp.src > 0);
		size_t len = glyph_encode(&g, tmp);

		if (sp.cols + (size_t)g.cols > col_budget || sp.bytes + len > byte_budget)
			break;
		if (out)
			memcpy(out + sp.bytes, tmp, len);
		sp.src += step;
		sp.bytes += len;
		sp.cols += (size_t)g.cols;
	}
	return sp;
}

size_t wg_text_width(const char *s)
{
	return emit_prefix(s, strlen(s), SIZE_MAX, SIZE_MAX, NULL).cols;
}

/* The cut marker as bytes in MARK (MB_LEN_MAX); '>' where '…' cannot be drawn in one column. */
static size_t cut_marker(unsigned flags, char *mark)
{
	mbstate_t st;
	size_t r;

	memset(&st, 0, sizeof st);
	if (!(flags & WG_TEXT_ASCII) && wcwidth(L'\u2026') == 1) {
		r = wcrtomb(mark, L'\u2026', &st);
		if (r != (size_t)-1)
			return r;
	}
	mark[0] = '>';
	return 1;
}

/* Appends spaces at OUT + *BYTES up to COLS columns, as far as OUTSZ allows. */
static size_t pad_spaces(char *out, size_t outsz, size_t *bytes, size_t used, size_t cols)
{
	while (used < cols && *bytes + 1 < outsz) {
		out[(*bytes)++] = ' ';
		used++;
	}
	return used;
}

size_t wg_text_clip(char *out, size_t outsz, const char *s, size_t cols, unsigned flags)
{
	size_t n = strlen(s), used, bytes;
	struct span sp;

	if (outsz == 0)
		return 0;
	out[0] = '\0';
	if (cols == 0)
		return 0;
	sp = emit_prefix(s, n, cols, outsz - 1, out);
	if (sp.src < n) {
		char mark[MB_LEN_MAX];
		size_t mlen = cut_marker(flags, mark);
		size_t room = outsz - 1 >= mlen ? outsz - 1 - mlen : 0;

		sp = emit_prefix(s, n, cols - 1, room, out);
		if (sp.bytes + mlen < outsz) {
			memcpy(out + sp.bytes, mark, mlen);
			sp.bytes += mlen;
			sp.cols++;
		}
	}
	used = sp.cols;
	bytes = sp.bytes;
	if (flags & WG_TEXT_PAD)
		used = pad_spaces(out, outsz, &bytes, used, cols);
	out[bytes] = '\0';
	return used;
}

size_t wg_text_align(char *out, size_t outsz, const char *s, size_t cols,
		     enum wg_text_align align, unsigned flags)
{
	size_t used, bytes, pad;

	if (align == WG_TEXT_LEFT || outsz == 0)
		return wg_text_clip(out, outsz, s, cols, flags | WG_TEXT_PAD);
	used = wg_text_clip(out, outsz, s, cols, flags & ~(unsigned)WG_TEXT_PAD);
	bytes = strlen(out);
	pad = cols - used;
	if (pad > outsz - 1 - bytes)
		pad = outsz - 1 - bytes;
	memmove(out + pad, out, bytes + 1);
	memset(out, ' ', pad);
	return used + pad;
}

int wg_i18n_chinese_names(void)
{
	/* L10N: write "names:zh" to show categories' Chinese names, "names:en" for English. */
	return strcmp(_("names:en"), "names:zh") == 0;
}
