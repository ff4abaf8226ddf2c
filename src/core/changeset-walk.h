/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The byte layout of an SQLite changeset, walked without trusting it (core-private). */
#ifndef WANGGE_CHANGESET_WALK_H
#define WANGGE_CHANGESET_WALK_H

#include <stddef.h>

/*
 * SQLite's own changeset reader may loop forever on damaged input (a lone
 * 'T' byte is enough in 3.40), so a changeset from outside is walked here
 * first: every step moves forward or stops, and the whole of it is checked
 * before SQLite sees a byte.  The layout (sqlite3session.c): a table header
 * is 'T', a varint column count, one primary-key flag per column (0, or the place in a composite key) and the
 * table's name ending in NUL; a change is its operation (SQLITE_INSERT,
 * SQLITE_UPDATE, SQLITE_DELETE), an indirect flag and one record (two for
 * an update), each value a type byte (0 undefined, 1 integer and 8 bytes,
 * 2 real and 8 bytes, 3 text and 4 blob with a varint length, 5 null).
 */
struct cs_walk {
	const unsigned char *p, *end;
	const unsigned char *table;  /* header of the current table */
	size_t table_len;
	const unsigned char *change; /* the change just walked */
	size_t change_len;
	int ncol;
};

void cs_walk_start(struct cs_walk *w, const void *data, size_t n);
/* 1: the next change is in w->change; 0: the end; -1: the bytes are not a changeset. */
int cs_walk_next(struct cs_walk *w);
/* Whether data[0..n) is a well-formed changeset; *changes gets how many changes it holds. */
int cs_well_formed(const void *data, size_t n, long *changes);

#endif
