/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Rules that hold for every incoming sync change, even in a correctly signed file (core-private). */
#ifndef WANGGE_SYNC_RULES_H
#define WANGGE_SYNC_RULES_H

#include <sqlite3.h>
#include <stddef.h>

/* Column positions the rules look up once per file: table, column name, position. */
#define SYNC_RULE_CACHE 16
struct sync_rule_cache {
	int n;
	struct { char table[32], column[32]; int col; } e[SYNC_RULE_CACHE];
};

/* One incoming change as a rule sees it. */
struct sync_change {
	struct sync_rule_cache *cache; /* may be NULL */
	sqlite3 *db;                 /* for column names in the reason; may be NULL */
	sqlite3_changeset_iter *it;
	const char *table;
	int op, ncol;
	int from_site, here_site;    /* the file's sender; this database */
	int office_site;             /* whose accounts and sites are taken (wg_office_site) */
	int adopting;                /* a new database taking its office's whole file in place of its own */
};

/* NULL when the change may be applied; else why it is set aside (written into why). */
const char *sync_rule_refusal(const struct sync_change *c, char *why, size_t whysz);

/* Whether two values are the same, type and bytes. */
int sync_same_value(sqlite3_value *a, sqlite3_value *b);

/* What sync_filter did: changes kept, and set aside by a rule. */
struct sync_filtered {
	void *data;                  /* the kept changes, a changeset (sqlite3_free it) */
	size_t n;
	long kept, refused;
};

/*
 * Checks that in[0..n) is a well-formed changeset (SQLite's reader is not
 * trusted with damaged bytes), then walks it once, bounded by its size: each
 * change a rule refuses goes to set_aside with the reason, the others into
 * out->data, unchanged.  Returns 0, or -1 when the bytes are not a
 * changeset SQLite reads the same way (out is then empty).  adopting: see sync_change.
 */
int sync_filter(sqlite3 *db, const void *in, size_t n, int from_site, int here_site, int office_site, int adopting,
		void (*set_aside)(void *arg, sqlite3_changeset_iter *it, const char *why), void *arg,
		struct sync_filtered *out);

#endif
