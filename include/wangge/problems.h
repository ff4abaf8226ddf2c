/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* A list of "FILE:LINE: column: reason" messages collected while checking an input file. */
#ifndef WANGGE_PROBLEMS_H
#define WANGGE_PROBLEMS_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

/*
 * Importers collect every problem of a file before refusing it, so the
 * clerk can fix them all in one pass.  Zero-initialised (or
 * wg_problems_init) means empty.
 */
struct wg_problems {
	char **items;   /* formatted messages, no trailing newline */
	size_t stored;  /* entries in items */
	size_t cap;
	size_t lost;    /* problems counted but not stored (past WG_PROBLEMS_KEPT, out of memory) */
};

/* The messages kept: a 100,000-row file wrong on every row does not hold 100,000 of them in
 * memory; the rest are counted ("... and N more problems"). */
#define WG_PROBLEMS_KEPT 1000

void wg_problems_init(struct wg_problems *p);
void wg_problems_free(struct wg_problems *p);

/*
 * Adds one problem, formatted as
 *   "FILE:LINE: COLUMN: REASON"  (line > 0, column given)
 *   "FILE:LINE: REASON"          (line > 0, column NULL)
 *   "FILE: REASON"               (line <= 0: the whole file is at fault)
 * FILE NULL is written as "-".  REASON should already be translated.
 * Past WG_PROBLEMS_KEPT, or out of memory, the problem is still counted (so an import is
 * refused) but not kept.
 */
void wg_problems_add(struct wg_problems *p, const char *file, long line,
                     const char *column, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void wg_problems_vadd(struct wg_problems *p, const char *file, long line,
                      const char *column, const char *fmt, va_list ap)
	__attribute__((format(printf, 5, 0)));

/* Number of problems added, including any that could not be stored. */
size_t wg_problems_count(const struct wg_problems *p);

/* The i-th message (0-based), or NULL if i is out of range. */
const char *wg_problems_get(const struct wg_problems *p, size_t i);

/*
 * Prints each message on its own line; with max > 0 only the first max,
 * followed by one translated line "... and N more problems".
 */
void wg_problems_print(const struct wg_problems *p, FILE *out, size_t max);

#endif
