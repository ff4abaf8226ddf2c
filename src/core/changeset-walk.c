/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Walks a changeset's bytes with every length checked, before SQLite's reader may see them. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <sqlite3.h>
#include <string.h>

#include "changeset-walk.h"

#define MAX_COLUMNS 2000

void cs_walk_start(struct cs_walk *w, const void *data, size_t n)
{
	memset(w, 0, sizeof *w);
	w->p = data;
	w->end = w->p + n;
}

/* SQLite's varint, as lengths use it: at most 4 bytes here (up to 2^28). */
static int varint(struct cs_walk *w, size_t *out)
{
	size_t v = 0;
	for (int i = 0; i < 4 && w->p < w->end; i++) {
		unsigned char b = *w->p++;
		v = (v << 7) | (b & 0x7f);
		if (!(b & 0x80)) {
			*out = v;
			return 0;
		}
	}
	return -1;
}

static int table_header(struct cs_walk *w)
{
	const unsigned char *start = w->p++;
	size_t ncol;
	if (varint(w, &ncol) != 0 || ncol == 0 || ncol > MAX_COLUMNS || (size_t)(w->end - w->p) < ncol)
		return -1;
	for (size_t i = 0; i < ncol; i++, w->p++) /* 0, or the column's place in the key */
		if (*w->p > ncol)
			return -1;
	const unsigned char *nul = memchr(w->p, 0, (size_t)(w->end - w->p));
	if (!nul || nul == w->p)
		return -1;
	w->p = nul + 1;
	w->table = start;
	w->table_len = (size_t)(w->p - start);
	w->ncol = (int)ncol;
	return 0;
}

static int value(struct cs_walk *w)
{
	size_t len;
	if (w->p >= w->end)
		return -1;
	switch (*w->p++) {
	case 0: case SQLITE_NULL: return 0;
	case SQLITE_INTEGER: case SQLITE_FLOAT: len = 8; break;
	case SQLITE_TEXT: case SQLITE_BLOB:
		if (varint(w, &len) != 0)
			return -1;
		break;
	default: return -1;
	}
	if ((size_t)(w->end - w->p) < len)
		return -1;
	w->p += len;
	return 0;
}

static int record(struct cs_walk *w)
{
	for (int i = 0; i < w->ncol; i++)
		if (value(w) != 0)
			return -1;
	return 0;
}

int cs_walk_next(struct cs_walk *w)
{
	if (w->p >= w->end)
		return 0;
	if (*w->p == 'T' && table_header(w) != 0)
		return -1;
	if (!w->table || w->end - w->p < 2)
		return -1;
	w->change = w->p;
	int op = *w->p++;
	if (*w->p++ > 1 || (op != SQLITE_INSERT && op != SQLITE_UPDATE && op != SQLITE_DELETE))
		return -1;
	if (record(w) != 0 || (op == SQLITE_UPDATE && record(w) != 0))
		return -1;
	w->change_len = (size_t)(w->p - w->change);
	return 1;
}

int cs_well_formed(const void *data, size_t n, long *changes)
{
	struct cs_walk w;
	int rc;
	*changes = 0;
	cs_walk_start(&w, data, n);
	while ((rc = cs_walk_next(&w)) == 1)
		++*changes;
	return rc == 0;
}
