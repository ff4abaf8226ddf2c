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

/* The line holding byte OFF of S (NUL-terminated); CRLF, LF and CR end lines. */
static long line_at(const char *s, size_t off)
{
	long line = 1;
	for (size_t i = 0; i < off; i++)
		if (s[i] == '\n' || (s[i] == '\r' && s[i + 1] != '\n'))
			line++;
	return line;
}

/*
 * Converts LEN bytes of GB18030 into a new NUL-terminated UTF-8 buffer.
 * Returns 0; -1 with *bad at the first byte that cannot be converted;
 * -2 out of memory; -3 if iconv cannot convert GB18030 at all.
 */
static int gb18030_to_utf8(const char *in, size_t len, char **out,
                           size_t *outlen, size_t *bad)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	if (cd == (iconv_t)-1)
		return -3;
	size_t cap = len + len / 2 + 16;   /* two GB18030 bytes give at most three */
	char *buf = malloc(cap);
	char *ip = (char *)in, *op = buf;
	size_t il = len, ol = cap - 1;
	int rc = buf ? 0 : -2;
	while (rc == 0 && iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
		if (errno != E2BIG) {
			*bad = (size_t)(ip - in);
			rc = -1;
			break;
		}
		size_t used = (size_t)(op - buf);
		char *grown = realloc(buf, 2 * cap);
		if (!grown) {
			rc = -2;
			break;
		}
		buf = grown;
		cap *= 2;
		op = buf + used;
		ol = cap - used - 1;
	}
	iconv_close(cd);
	if (rc != 0) {
		free(buf);
		return rc;
	}
	*op = '\0';
	*outlen = (size_t)(op - buf);
	*out = buf;
	return 0;
}

/* Takes RAW as UTF-8 (dropping a byte-order mark) or reports where it is not. */
static enum wg_csv_status take_utf8(struct wg_csv *c, char *raw, size_t len,
                                    size_t bad)
{
	if (bad < len) {
		wg_csv_problem(c, line_at(raw, bad), NULL,
		        _("this line is not valid UTF-8 (byte 0x%02X); if the file was saved as GBK or GB18030, give --encoding gb18030"),
		        (unsigned char)raw[bad]);
		free(raw);
		return WG_CSV_ERR_DATA;
	}
	size_t skip = len >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	memmove(raw, raw + skip, len - skip + 1);
	c->text = raw;
	c->textlen = len - skip;
	c->encoding = WG_ENC_UTF8;
	return WG_CSV_OK;
}

/* Converts RAW from GB18030 or reports the line of the first undecodable byte. */
static enum wg_csv_status take_gb18030(struct wg_csv *c, char *raw, size_t len,
                                       enum wg_encoding asked)
{
	size_t bad = 0;
	int rc = gb18030_to_utf8(raw, len, &c->text, &c->textlen, &bad);
	if (rc == -1 && asked == WG_ENC_AUTO)
		wg_csv_problem(c, line_at(raw, bad), NULL,
		        _("this line is neither UTF-8 nor GB18030/GBK (byte 0x%02X); save the file as CSV UTF-8, or give its encoding with --encoding"),
		        (unsigned char)raw[bad]);
	else if (rc == -1)
		wg_csv_problem(c, line_at(raw, bad), NULL,
		        _("this line is not valid GB18030/GBK (byte 0x%02X); try --encoding utf-8 or --encoding auto"),
		        (unsigned char)raw[bad]);
	else if (rc == -3)
		wg_csv_problem(c, 0, NULL, "%s",
		        _("this system cannot convert GB18030 text (iconv lacks it); save the file as CSV UTF-8"));
	else if (rc == -2)
		wg_csv_out_of_memory(c->probs, c->name);
	free(raw);
	c->encoding = WG_ENC_GB18030;
	if (rc == 0)
		return WG_CSV_OK;
	return rc == -2 ? WG_CSV_ERR_MEMORY : WG_CSV_ERR_DATA;
}

/* A NUL would silently cut a cell short; such a file is UTF-16 or not text. */
static enum wg_csv_status refuse_nul(struct wg_csv *c)
{
	const char *nul = memchr(c->text, '\0', c->textlen);
	if (!nul)
		return WG_CSV_OK;
	wg_csv_problem(c, line_at(c->text, (size_t)(nul - c->text)), NULL, "%s",
	        _("this line holds a NUL byte, so the file is not CSV text (perhaps UTF-16); save it as CSV UTF-8"));
	return WG_CSV_ERR_DATA;
}

/* Decodes RAW (LEN bytes and a NUL, owned) into c->text. */
enum wg_csv_status wg_csv_decode(struct wg_csv *c, char *raw, size_t len,
                                 enum wg_encoding enc)
{
	const unsigned char *u = (const unsigned char *)raw;
	if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
		wg_csv_problem(c, 0, NULL, "%s",
		        _("the file is UTF-16, which cannot be read; save it as CSV UTF-8 and import again"));
		free(raw);
		return WG_CSV_ERR_DATA;
	}
	enum wg_csv_status st;
	/* A byte-order mark says UTF-8 even if a later byte is broken. */
	int bom = len >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0;
	if (enc == WG_ENC_GB18030) {
		st = take_gb18030(c, raw, len, enc);
	} else {
		size_t bad = utf8_invalid_at(raw, len);
		if (enc == WG_ENC_UTF8 || bad == len || bom)
			st = take_utf8(c, raw, len, bad);
		else
			st = take_gb18030(c, raw, len, enc);
	}
	return st == WG_CSV_OK ? refuse_nul(c) : st;
}
