/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Pinyin readings of Han characters, and a pinyin matcher for names (full, initials or mixed). */
#ifndef WANGGE_PINYIN_H
#define WANGGE_PINYIN_H

#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

/* No character in the table has more readings than this. */
#define WG_PINYIN_MAX_READINGS 8

/* Queries with more letters than this never match (no name is that long in
 * pinyin, and the matcher keeps its work space on the stack). */
#define WG_PYQUERY_MAX 255

/* Toneless readings of c, customary one first, 'v' for u-umlaut ("lv").
 * Stores at most max pointers to static strings in out and returns how many
 * readings c has (0 for a character without one, e.g. not Han). */
size_t wg_pinyin_readings(wchar_t c, const char **out, size_t max);

/* How a query matched a name; higher is better. PREFIX means at least one
 * character was matched by a prefix of its reading (initials, or "huanjws"). */
enum wg_pymatch {
	WG_PYMATCH_NONE = 0,
	WG_PYMATCH_INSIDE_PREFIX = 1,
	WG_PYMATCH_INSIDE_FULL = 2,
	WG_PYMATCH_START_PREFIX = 3,
	WG_PYMATCH_START_FULL = 4,
};

/* One character of a name as the matcher sees it. */
struct wg_pyunit {
	uint16_t set;      /* offset of the reading set in the table, or 0 for an ASCII unit */
	char self;         /* an ASCII unit's letter or digit, lower-cased */
	uint32_t initials; /* first letters of its readings (or its own letter) */
};

/* A name prepared for matching: one unit per Han character with a reading,
 * ASCII letter or digit (full-width ones included); everything else is
 * skipped.  Build once per name, match many times. */
struct wg_pyname {
	size_t len;
	struct wg_pyunit *units;
	uint32_t letters;   /* every letter of every reading: a quick "no" */
	uint32_t initials;  /* first letters of every reading */
};

/* Prepares name (UTF-8; invalid bytes are skipped).  Returns 0, or -1 with
 * errno ENOMEM, leaving pn empty but safe to match and to finish. */
int wg_pyname_init(struct wg_pyname *pn, const char *name);
void wg_pyname_fini(struct wg_pyname *pn);

/* For many names in one allocation (a category tree's thousands): how many units name takes,
 * and pn prepared over units, which has room for that many and stays the caller's (no
 * wg_pyname_fini).  Allocates nothing. */
size_t wg_pyname_units(const char *name);
void wg_pyname_init_in(struct wg_pyname *pn, const char *name, struct wg_pyunit *units);

/* Matches query against pn: starting at some character, consecutive
 * characters each take a whole reading or a non-empty prefix of one, until
 * the query is used up.  Upper-case letters are folded; characters other than
 * letters and digits (spaces, apostrophes) are ignored.  An empty query
 * matches nothing: listing everything for an empty filter is the caller's
 * choice.  Allocates nothing. */
enum wg_pymatch wg_pyname_match(const struct wg_pyname *pn, const char *query);

#endif
