/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Reading CSV bytes as UTF-8: BOM, UTF-8 validation, GB18030 through iconv, refused NULs; and
 * the reader's problem reporting, which the parser above (csv.c) uses too. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/i18n.h>
#include "csv-priv.h"

/* ---- problems and names ------------------------------------------------ */

void wg_csv_problem(struct wg_csv *c, long line, const char *column, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	wg_problems_vadd(c->probs, c->name, line, column, fmt, ap);
	va_end(ap);
}

void wg_csv_out_of_memory(struct wg_problems *probs, const char *name)
{
	wg_problems_add(probs, name, 0, NULL, "%s",
	                _("out of memory while reading the file; close other programs or split the file"));
}

int wg_csv_casecmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		int ca = (unsigned char)*a, cb = (unsigned char)*b;
		if (ca >= 'A' && ca <= 'Z')
			ca += 'a' - 'A';
		if (cb >= 'A' && cb <= 'Z')
			cb += 'a' - 'A';
		if (ca != cb || !ca)
			return ca - cb;
	}
}

int wg_encoding_parse(const char *name, enum wg_encoding *out)
{
	static const struct {
		const char *name;
		enum wg_encoding enc;
	} names[] = {
		{ "auto", WG_ENC_AUTO },       { "utf-8", WG_ENC_UTF8 },
		{ "utf8", WG_ENC_UTF8 },       { "gb18030", WG_ENC_GB18030 },
		{ "gbk", WG_ENC_GB18030 },     { "gb2312", WG_ENC_GB18030 },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (wg_csv_casecmp(name, names[i].name) == 0) {
			*out = names[i].enc;
			return 0;
		}
	}
	return -1;
}

/* ---- decoding ---------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 if invalid. */
static size_t utf8_seq_len(const unsigned char *s, size_t n)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xBF;
	size_t len;
	if (c < 0x80)
		return 1;
	if (c < 0xC2)
		return 0;
	if (c < 0xE0) {
		len = 2;
	} else if (c < 0xF0) {
		len = 3;
		lo = c == 0xE0 ? 0xA0 : lo;    /* overlong */
		hi = c == 0xED ? 0x9F : hi;    /* surrogates */
	} else if (c < 0xF5) {
		len = 4;
		lo = c == 0xF0 ? 0x90 : lo;    /* overlong */
		hi = c == 0xF4 ? 0x8F : hi;    /* past U+10FFFF */
	} else {
		return 0;
	}
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	return len;
}

/* Offset of the first byte that is not valid UTF-8, or len if none. */
static size_t utf8_invalid_at(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		size_t n = u[i] < 0x80 ? 1 : utf8_seq_len(u + i, len - i);
		if (n == 0)
			return i;
		i += n;
	}
	return len;
}

/* Whether the n bytes at s, n short of a whole sequence, begin a valid one (a character cut
 * by the end of a chunk). */
static int utf8_cut(const unsigned char *s, size_t n)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xBF;
	size_t len = c >= 0xC2 && c < 0xE0 ? 2 : c >= 0xE0 && c < 0xF0 ? 3 : c >= 0xF0 && c < 0xF5 ? 4 : 0;
	if (len == 0 || n >= len)
		return 0;
	lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : lo;
	hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : hi;
	if (n >= 2 && (s[1] < lo || s[1] > hi))
		return 0;
	for (size_t i = 2; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	return 1;
}

/* Line breaks in the n bytes at s: LF, CRLF (once) and a lone CR. */
static long breaks(const char *s, size_t n)
{
	long k = 0;
	for (size_t i = 0; i < n; i++)
		k += s[i] == '\n' || (s[i] == '\r' && (i + 1 == n || s[i + 1] != '\n'));
	return k;
}

/* The physical line of raw byte OFF of the chunk being decoded: the text not yet parsed (its
 * line breaks are still there) lies between the parse cursor and the chunk. */
static long raw_line(const struct wg_csv *c, size_t off, size_t textend)
{
	size_t at = c->pos ? (size_t)(c->pos - c->text) : 0;
	long line = c->line + breaks(c->text + at, textend - at) + breaks(c->raw, off);
	if (textend > at && c->text[textend - 1] == '\r' && c->rawlen && c->raw[0] == '\n')
		line--; /* a CRLF cut by the chunk: one break */
	return line;
}

/* Room for more bytes and a NUL after the text; the cursor follows the text if it moves. */
static int text_room(struct wg_csv *c, size_t more)
{
	if (c->textlen + more + 1 <= c->textcap)
		return 0;
	size_t cap = c->textcap ? c->textcap : 1 << 16;
	while (cap < c->textlen + more + 1)
		cap *= 2;
	size_t at = c->pos ? (size_t)(c->pos - c->text) : 0;
	char *t = realloc(c->text, cap);
	if (!t)
		return -1;
	c->text = t;
	c->textcap = cap;
	if (c->pos)
		c->pos = t + at;
	return 0;
}

static enum wg_csv_status no_memory(struct wg_csv *c)
{
	wg_csv_out_of_memory(c->probs, c->name);
	return WG_CSV_ERR_MEMORY;
}

/* Appends the n raw bytes at r, valid UTF-8, to the text. */
static enum wg_csv_status take_utf8(struct wg_csv *c, const char *r, size_t n)
{
	if (text_room(c, n) != 0)
		return no_memory(c);
	memcpy(c->text + c->textlen, r, n);
	c->textlen += n;
	c->text[c->textlen] = '\0';
	return WG_CSV_OK;
}

/* Converts the n raw bytes at r from GB18030 into the text; *used: the bytes converted (a
 * character cut by the chunk's end is left).  -1 with *used at an undecodable byte, -3 if
 * iconv has no GB18030. */
static int take_gb18030(struct wg_csv *c, char *r, size_t n, size_t *used, int last)
{
	if (!c->iconv) {
		iconv_t cd = iconv_open("UTF-8", "GB18030");
		if (cd == (iconv_t)-1)
			return -3;
		c->iconv = cd;
	}
	char *ip = r;
	size_t il = n;
	int rc = 0;
	for (;;) {
		if (text_room(c, il + il / 2 + 16) != 0)
			return -2; /* two GB18030 bytes give at most three */
		char *op = c->text + c->textlen;
		size_t ol = c->textcap - c->textlen - 1;
		size_t done = iconv((iconv_t)c->iconv, &ip, &il, &op, &ol);
		int err = errno;
		c->textlen = (size_t)(op - c->text);
		if (done != (size_t)-1 || il == 0)
			break;
		if (err == E2BIG)
			continue;
		rc = err == EINVAL && !last ? 0 : -1;
		break;
	}
	c->text[c->textlen] = '\0';
	*used = (size_t)(ip - r);
	return rc;
}

/* Reports an undecodable byte of the chunk at offset bad; textend: the text before the chunk. */
static enum wg_csv_status undecodable(struct wg_csv *c, size_t bad, int gb, size_t textend)
{
	unsigned char b = (unsigned char)c->raw[bad];
	long line = raw_line(c, bad, textend);
	if (!gb)
		wg_csv_problem(c, line, NULL,
		        _("this line is not valid UTF-8 (byte 0x%02X); if the file was saved as GBK or GB18030, give --encoding gb18030"),
		        b);
	else if (c->asked == WG_ENC_AUTO)
		wg_csv_problem(c, line, NULL,
		        _("this line is neither UTF-8 nor GB18030/GBK (byte 0x%02X); save the file as CSV UTF-8, or give its encoding with --encoding"),
		        b);
	else
		wg_csv_problem(c, line, NULL,
		        _("this line is not valid GB18030/GBK (byte 0x%02X); try --encoding utf-8 or --encoding auto"),
		        b);
	return WG_CSV_ERR_DATA;
}

/* The first bytes: UTF-16 is refused, a byte-order mark says UTF-8 (even if a later byte is
 * broken) and is dropped.  Returns the bytes to skip, or -1. */
static long first_chunk(struct wg_csv *c)
{
	const unsigned char *u = (const unsigned char *)c->raw;
	size_t n = c->rawlen;
	c->started = 1;
	if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
		wg_csv_problem(c, 0, NULL, "%s",
		        _("the file is UTF-16, which cannot be read; save it as CSV UTF-8 and import again"));
		return -1;
	}
	if (n >= 3 && memcmp(u, "\xEF\xBB\xBF", 3) == 0 && c->asked != WG_ENC_GB18030) {
		c->encoding = WG_ENC_UTF8;
		return 3;
	}
	return 0;
}

/* Decodes the chunk in c->raw (last: the source is at its end), keeping a character the
 * chunk's end cut for the next.  Auto: UTF-8 while the bytes are; the first byte that is not,
 * in a text that was ASCII until then, turns the reader to GB18030. */
static enum wg_csv_status decode(struct wg_csv *c, int last)
{
	long skip = c->started ? 0 : first_chunk(c);
	size_t n = c->rawlen, used = 0;
	enum wg_csv_status st = WG_CSV_OK;
	if (skip < 0)
		return WG_CSV_ERR_DATA;
	if (c->encoding != WG_ENC_GB18030) {
		size_t bad = (size_t)skip + utf8_invalid_at(c->raw + skip, n - (size_t)skip);
		int cut = bad < n && !last && utf8_cut((unsigned char *)c->raw + bad, n - bad);
		if (bad < n && !cut && c->encoding != WG_ENC_AUTO)
			return undecodable(c, bad, 0, c->textlen);
		if (bad == n || cut) {
			for (size_t i = (size_t)skip; i < bad && c->encoding == WG_ENC_AUTO; i++)
				if ((unsigned char)c->raw[i] >= 0x80)
					c->encoding = WG_ENC_UTF8;
			st = take_utf8(c, c->raw + skip, bad - (size_t)skip);
			used = bad;
		} else {
			c->encoding = WG_ENC_GB18030; /* so far ASCII, which GB18030 reads the same */
		}
	}
	if (c->encoding == WG_ENC_GB18030) {
		size_t textend = c->textlen;
		int rc = take_gb18030(c, c->raw + skip, n - (size_t)skip, &used, last);
		used += (size_t)skip;
		if (rc == -1)
			return undecodable(c, used, 1, textend);
		if (rc == -3) {
			wg_csv_problem(c, 0, NULL, "%s",
			        _("this system cannot convert GB18030 text (iconv lacks it); save the file as CSV UTF-8"));
			return WG_CSV_ERR_DATA;
		}
		st = rc == -2 ? no_memory(c) : WG_CSV_OK;
	}
	memmove(c->raw, c->raw + used, n - used);
	c->rawlen = n - used;
	return st;
}

/* A NUL would silently cut a cell short; such a file is UTF-16 or not text. */
static enum wg_csv_status refuse_nul(struct wg_csv *c, size_t from)
{
	const char *nul = memchr(c->text + from, '\0', c->textlen - from);
	if (!nul)
		return WG_CSV_OK;
	size_t at = c->pos ? (size_t)(c->pos - c->text) : 0;
	wg_csv_problem(c, c->line + breaks(c->text + at, (size_t)(nul - c->text) - at), NULL, "%s",
	        _("this line holds a NUL byte, so the file is not CSV text (perhaps UTF-16); save it as CSV UTF-8"));
	return WG_CSV_ERR_DATA;
}

enum wg_csv_status wg_csv_fill(struct wg_csv *c, size_t want)
{
	char why[512];
	if (c->eof)
		return WG_CSV_OK;
	if (c->rawlen + want > c->rawcap) {
		char *r = realloc(c->raw, c->rawlen + want);
		if (!r)
			return no_memory(c);
		c->raw = r;
		c->rawcap = c->rawlen + want;
	}
	long got = c->src.read(c->src.arg, c->raw + c->rawlen, want, why, sizeof why);
	if (got < 0) {
		wg_csv_problem(c, 0, NULL, _("cannot read the file: %s; check that it is a file you may read"),
		               why);
		return WG_CSV_ERR_READ;
	}
	c->rawlen += (size_t)got;
	c->eof = got == 0;
	size_t from = c->textlen;
	enum wg_csv_status st = c->rawlen ? decode(c, c->eof) : WG_CSV_OK;
	if (st == WG_CSV_OK && !c->text && text_room(c, 0) != 0) /* an empty file: "" */
		st = no_memory(c);
	if (st == WG_CSV_OK)
		c->text[c->textlen] = '\0';
	return st == WG_CSV_OK ? refuse_nul(c, from) : st;
}

void wg_csv_decode_end(struct wg_csv *c)
{
	if (c->iconv)
		iconv_close((iconv_t)c->iconv);
	c->iconv = NULL;
	free(c->raw);
	c->raw = NULL;
}
