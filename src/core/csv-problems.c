/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Collects and prints the problems found in an input file, one "FILE:LINE: column: reason" each. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wangge/problems.h>
#include <wangge/unctrl.h>

void wg_problems_init(struct wg_problems *p)
{
	memset(p, 0, sizeof *p);
}

void wg_problems_free(struct wg_problems *p)
{
	for (size_t i = 0; i < p->stored; i++)
		free(p->items[i]);
	free(p->items);
	wg_problems_init(p);
}

static char *vformat(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* vasprintf is a GNU extension; this stays within C11. NULL when out of memory. */
static char *vformat(const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return NULL;
	char *s = malloc((size_t)n + 1);
	if (s)
		vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

static char *strdup_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *strdup_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = vformat(fmt, ap);
	va_end(ap);
	return s;
}

/* msg with its control characters as \xHH (they come from the file's bytes); frees msg. */
static char *visible(char *msg)
{
	char *v = msg ? malloc(WG_UNCTRL_BYTES(strlen(msg))) : NULL;
	if (v)
		wg_unctrl_str(msg, v, WG_UNCTRL_BYTES(strlen(msg)), 0);
	free(msg);
	return v;
}

/* Places the message; it is counted as lost when it cannot be stored. */
static void store(struct wg_problems *p, char *msg)
{
	msg = visible(msg);
	if (msg && p->stored == p->cap) {
		size_t cap = p->cap ? 2 * p->cap : 16;
		char **items = realloc(p->items, cap * sizeof *items);
		if (items) {
			p->items = items;
			p->cap = cap;
		}
	}
	if (msg && p->stored < p->cap) {
		p->items[p->stored++] = msg;
	} else {
		free(msg);
		p->lost++;
	}
}

void wg_problems_vadd(struct wg_problems *p, const char *file, long line,
                      const char *column, const char *fmt, va_list ap)
{
	if (p->stored >= WG_PROBLEMS_KEPT) { /* a file wrong on every line: counted, not kept */
		p->lost++;
		return;
	}
	char *reason = vformat(fmt, ap);
	const char *f = file ? file : "-";
	char *msg = NULL;
	if (reason && line <= 0)
		msg = strdup_printf("%s: %s", f, reason);
	else if (reason && !column)
		msg = strdup_printf("%s:%ld: %s", f, line, reason);
	else if (reason)
		msg = strdup_printf("%s:%ld: %s: %s", f, line, column, reason);
	free(reason);
	store(p, msg);
}

void wg_problems_add(struct wg_problems *p, const char *file, long line,
                     const char *column, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	wg_problems_vadd(p, file, line, column, fmt, ap);
	va_end(ap);
}

size_t wg_problems_count(const struct wg_problems *p)
{
	return p->stored + p->lost;
}

const char *wg_problems_get(const struct wg_problems *p, size_t i)
{
	return i < p->stored ? p->items[i] : NULL;
}

void wg_problems_print(const struct wg_problems *p, FILE *out, size_t max)
{
	size_t total = wg_problems_count(p);
	size_t shown = (max == 0 || max > p->stored) ? p->stored : max;
	for (size_t i = 0; i < shown; i++)
		fprintf(out, "%s\n", p->items[i]);
	if (shown < total) {
		unsigned long more = (unsigned long)(total - shown);
		/* L10N: printed after a list of import problems cut short. */
		fprintf(out, ngettext("... and %lu more problem\n",
		                      "... and %lu more problems\n", more), more);
	}
}
