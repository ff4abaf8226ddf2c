/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Scripted keystrokes for --keys FILE: typed text and <Name> keys become get_wch-style events. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "keyscript.h"

#include <curses.h>		/* KEY_* codes only: parsing never touches the screen */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <wangge/i18n.h>
#include <wangge/text.h>

/* The named keys; <F1>..<F12>, <C-a>..<C-z> and <Sleep:N> are patterns, read in match_pattern(). */
static const struct key_name {
	const char *name;
	int kind;
	wint_t code;
} key_names[] = {
	{ "Enter", WG_KEYEV_CHAR, '\n' },
	{ "Esc", WG_KEYEV_CHAR, 27 },
	{ "Tab", WG_KEYEV_CHAR, '\t' },
	{ "BTab", WG_KEYEV_KEY, KEY_BTAB },
	{ "Space", WG_KEYEV_CHAR, ' ' },
	{ "BS", WG_KEYEV_KEY, KEY_BACKSPACE },
	{ "Del", WG_KEYEV_KEY, KEY_DC },
	{ "Up", WG_KEYEV_KEY, KEY_UP },
	{ "Down", WG_KEYEV_KEY, KEY_DOWN },
	{ "Left", WG_KEYEV_KEY, KEY_LEFT },
	{ "Right", WG_KEYEV_KEY, KEY_RIGHT },
	{ "Home", WG_KEYEV_KEY, KEY_HOME },
	{ "End", WG_KEYEV_KEY, KEY_END },
	{ "PgUp", WG_KEYEV_KEY, KEY_PPAGE },
	{ "PgDn", WG_KEYEV_KEY, KEY_NPAGE },
	{ "lt", WG_KEYEV_CHAR, '<' },
	{ "Quit", WG_KEYEV_QUIT, 0 },
};

#define KEY_NAME_COUNT (sizeof key_names / sizeof key_names[0])
#define SLEEP_PREFIX "Sleep:"
/* A name longer than this is shown cut in messages. */
#define NAME_SHOWN_MAX 40

struct parser {
	struct wg_keyscript *ks;
	const char *file;
	unsigned line;
	char *err;
	size_t errsz;
};

void wg_keyscript_init(struct wg_keyscript *ks)
{
	memset(ks, 0, sizeof *ks);
}

void wg_keyscript_free(struct wg_keyscript *ks)
{
	free(ks->ev);
	wg_keyscript_init(ks);
}

bool wg_keyscript_next(struct wg_keyscript *ks, struct wg_key_event *ev)
{
	if (ks->next >= ks->len)
		return false;
	*ev = ks->ev[ks->next++];
	return true;
}

static int add_event(struct parser *p, int kind, wint_t code)
{
	struct wg_keyscript *ks = p->ks;

	if (ks->len == ks->cap) {
		size_t cap = ks->cap ? ks->cap * 2 : 64;
		struct wg_key_event *grown = realloc(ks->ev, cap * sizeof *grown);

		if (!grown) {
			snprintf(p->err, p->errsz, _("%s:%u: out of memory while reading the key script"),
				 p->file, p->line);
			return -1;
		}
		ks->ev = grown;
		ks->cap = cap;
	}
	ks->ev[ks->len].is_key = kind;
	ks->ev[ks->len++].code = code;
	return 0;
}

static bool name_is(const char *name, size_t len, const char *want)
{
	return strlen(want) == len && strncasecmp(name, want, len) == 0;
}

/* <F1>..<F12> and <C-a>..<C-z>; false for anything else. */
static bool match_pattern(const char *name, size_t len, int *kind, wint_t *code)
{
	char fkey[8];

	for (int n = 1; n <= 12; n++) {
		snprintf(fkey, sizeof fkey, "F%d", n);
		if (name_is(name, len, fkey)) {
			*kind = WG_KEYEV_KEY;
			*code = (wint_t)KEY_F(n);
			return true;
		}
	}
	if (len == 3 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-'
	    && ((name[2] >= 'a' && name[2] <= 'z') || (name[2] >= 'A' && name[2] <= 'Z'))) {
		*kind = WG_KEYEV_CHAR;
		*code = (wint_t)(name[2] & 0x1f);
		return true;
	}
	return false;
}

/* "<F1>..<F12>, <C-a>..<C-z>, <Sleep:N>, <Enter>, ..." from the table, for error messages. */
static void list_known_keys(char *buf, size_t size)
{
	size_t used = (size_t)snprintf(buf, size, "<F1>..<F12>, <C-a>..<C-z>, <%sN>", SLEEP_PREFIX);

	for (size_t i = 0; i < KEY_NAME_COUNT && used < size; i++)
		used += (size_t)snprintf(buf + used, size - used, ", <%s>", key_names[i].name);
}

static int unknown_key(struct parser *p, const char *name, size_t len)
{
	char known[512];

	list_known_keys(known, sizeof known);
	snprintf(p->err, p->errsz, _("%s:%u: unknown key <%.*s>; known keys are %s"), p->file, p->line,
		 (int)(len < NAME_SHOWN_MAX ? len : NAME_SHOWN_MAX), name, known);
	return -1;
}

/* <Sleep:N>, given the LEN characters after the prefix. */
static int add_sleep(struct parser *p, const char *digits, size_t len)
{
	unsigned long ms = 0;
	size_t i = 0;

	while (i < len && digits[i] >= '0' && digits[i] <= '9' && ms <= WG_KEYSCRIPT_MAX_SLEEP_MS)
		ms = ms * 10 + (unsigned long)(digits[i++] - '0');
	if (len == 0 || i < len || ms > WG_KEYSCRIPT_MAX_SLEEP_MS) {
		snprintf(p->err, p->errsz,
			 _("%s:%u: <%s%.*s> needs a whole number of milliseconds from 0 to %d, as in <%s500>"),
			 p->file, p->line, SLEEP_PREFIX,
			 (int)(len < NAME_SHOWN_MAX ? len : NAME_SHOWN_MAX), digits,
			 WG_KEYSCRIPT_MAX_SLEEP_MS, SLEEP_PREFIX);
		return -1;
	}
	return add_event(p, WG_KEYEV_SLEEP, (wint_t)ms);
}

/* One <Name> without its brackets. */
static int add_named_key(struct parser *p, const char *name, size_t len)
{
	size_t plen = strlen(SLEEP_PREFIX);
	int kind;
	wint_t code;

	if (len >= plen && strncasecmp(name, SLEEP_PREFIX, plen) == 0)
		return add_sleep(p, name + plen, len - plen);
	for (size_t i = 0; i < KEY_NAME_COUNT; i++)
		if (name_is(name, len, key_names[i].name))
			return add_event(p, key_names[i].kind, key_names[i].code);
	if (match_pattern(name, len, &kind, &code))
		return add_event(p, kind, code);
	return unknown_key(p, name, len);
}

/* Reads the <Name> that starts at S; returns where reading goes on, or NULL after an error. */
static const char *read_named_key(struct parser *p, const char *s, const char *end)
{
	const char *close = s + 1;

	while (close < end && *close != '>' && *close != '\n')
		close++;
	if (close == end || *close != '>') {
		snprintf(p->err, p->errsz,
			 _("%s:%u: '<' has no closing '>' on the same line; write <lt> to type a '<'"),
			 p->file, p->line);
		return NULL;
	}
	if (add_named_key(p, s + 1, (size_t)(close - s - 1)) < 0)
		return NULL;
	return close + 1;
}

int wg_keyscript_parse(struct wg_keyscript *ks, const char *text, const char *name,
		       char *err, size_t errsz)
{
	struct parser p = { ks, name, 1, err, errsz };
	const char *s = text, *end = text + strlen(text);
	bool line_start = true;

	while (s < end) {
		wchar_t wc;

		if (line_start && *s == '#') {
			s += strcspn(s, "\n");
			continue;
		}
		line_start = *s == '\n';
		if (*s == '\n') {
			p.line++;
			s++;
		} else if (*s == '\r') {
			s++;	/* scripts saved with CRLF line ends */
		} else if (*s == '<') {
			s = read_named_key(&p, s, end);
			if (!s)
				return -1;
		} else {
			s += wg_text_decode(s, (size_t)(end - s), &wc);
			if (add_event(&p, WG_KEYEV_CHAR, (wint_t)wc) < 0)
				return -1;
		}
	}
	return 0;
}

/* The whole file as a string; stdio has no call that reads a file whole. NULL when out of memory. */
static char *read_whole_file(FILE *f, size_t *len)
{
	size_t cap = 4096, n = 0, got;
	char *buf = malloc(cap), *grown;

	while (buf) {
		if (n + 1 == cap) {
			grown = realloc(buf, cap * 2);
			if (!grown)
				break;
			buf = grown;
			cap *= 2;
		}
		got = fread(buf + n, 1, cap - n - 1, f);
		if (got == 0) {
			buf[n] = '\0';
			*len = n;
			return buf;
		}
		n += got;
	}
	free(buf);
	return NULL;
}

int wg_keyscript_load(struct wg_keyscript *ks, const char *path, char *err, size_t errsz)
{
	FILE *f = fopen(path, "rb");
	char *text;
	size_t len;
	int rc = -1;

	if (!f) {
		snprintf(err, errsz, _("cannot open key script %s: %s; check the file given to --keys"),
			 path, strerror(errno));
		return -1;
	}
	text = read_whole_file(f, &len);
	if (!text || ferror(f))
		snprintf(err, errsz, _("cannot read key script %s: %s"), path,
			 text ? strerror(errno) : strerror(ENOMEM));
	else if (strlen(text) != len)
		snprintf(err, errsz, _("%s: the key script contains a NUL byte; save it as UTF-8 text"),
			 path);
	else
		rc = wg_keyscript_parse(ks, text, path, err, errsz);
	free(text);
	fclose(f);
	return rc;
}
