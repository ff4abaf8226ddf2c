/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Applying a sync body: the records that left this community at the street. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wangge/store.h>
#include "record-priv.h"
#include "sync-merge-priv.h"

/* The column of a record that says which community it is in (sync-scope.c), or -1. */
static int moving_col(const struct sync_table *t, const char *col)
{
	static const char *const tables[] = { "residents", "households", "volunteers", "tasks", "patrols" };
	for (size_t k = 0; col && strcmp(col, "cell_id") == 0 && k < sizeof tables / sizeof tables[0]; k++)
		if (strcmp(t->name, tables[k]) == 0)
			for (int i = 1; i < t->ncol; i++)
				if (strcmp(t->cols[i], col) == 0)
					return i;
	return -1;
}

/* Whether a held record in cell is this community's: its cell is at or under the cell of kind
 * community with this site's code, or it has none; and any cell when that is not known here. */
static int ours(struct merge *m, sqlite3_value *cell)
{
	static const char sql[] =
		"WITH RECURSIVE mine(id) AS (SELECT id FROM cells WHERE kind = 'community'"
		" AND code = (SELECT value FROM meta WHERE key = 'community_code') AND code <> ''),"
		" up(id, parent) AS (SELECT id, parent_id FROM cells WHERE id = ?1"
		" UNION SELECT c.id, c.parent_id FROM cells c JOIN up ON c.id = up.parent)"
		" SELECT ?1 IS NULL OR NOT EXISTS (SELECT 1 FROM mine) OR EXISTS (SELECT 1 FROM up"
		" WHERE id IN mine)";
	sqlite3_stmt *st = wg_stmt(m->ctx, sql);
	int yes = 0;
	if (!st)
		return -1;
	sqlite3_bind_value(st, 1, cell);
	if (sqlite3_step(st) == SQLITE_ROW)
		yes = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return yes;
}

/* One record that left this community at the street: held here, it takes its new cell as any
 * change would, by the version.  Held nowhere here, or held as it left before (a move inside
 * another community), it is none of this site's business. */
static int apply_move(struct merge *m, sqlite3_stmt *st)
{
	int ti = sync_table_find(m->s, (const char *)sqlite3_column_text(st, 0));
	const struct sync_table *t = ti >= 0 ? &m->s->t[ti] : NULL;
	int ci = t ? moving_col(t, (const char *)sqlite3_column_text(st, 2)) : -1;
	int type = sqlite3_column_type(st, 3);
	if (ci < 0 || !(type == SQLITE_INTEGER || (type == SQLITE_NULL && !t->notnull[ci])))
		return WG_OK; /* nothing a street sends */
	int64_t rid0 = sqlite3_column_int64(st, 1), rid = sync_alias(m->ctx, t->name, rid0);
	struct row here = { 0 }, there = { .n = t->ncol };
	struct inver iv = { .n = 1, .v = { { sqlite3_column_int(st, 4), sqlite3_column_int64(st, 5),
					     sqlite3_column_int64(st, 6) } } };
	snprintf(iv.key[0], sizeof iv.key[0], "%s", t->cols[ci]);
	int found = sync_tombstone(m->ctx, t->name, rid, NULL) ? 0 : mg_load_row(m, ti, rid, &here);
	int mine = found == 1 ? ours(m, here.v[ci]) : 0;
	int rc = found < 0 || mine < 0 ? wg_db_fail(m->ctx, _("applying a sync file")) : WG_OK;
	for (int i = 0; mine == 1 && rc == WG_OK && i < t->ncol; i++)
		if (mg_row_set(&there, i, here.v[i]) != 0)
			rc = WG_EIO;
	if (mine == 1 && rc == WG_OK &&
	    mg_row_set_int(m->ctx, &there, ci, sync_alias(m->ctx, "cells", sqlite3_column_int64(st, 3)),
			type == SQLITE_NULL) != 0)
		rc = WG_EIO;
	if (mine == 1 && rc == WG_OK)
		rc = mg_update_existing(m, ti, rid0, rid, &here, &there, &iv);
	mg_row_free(&here);
	mg_row_free(&there);
	return rc;
}

int mg_apply_moves(struct merge *m)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(m->ctx->db, "SELECT * FROM temp.sync_in_move ORDER BY 1, 2", -1, &st,
				    NULL) == SQLITE_OK ? WG_OK : wg_db_fail(m->ctx, _("reading a sync file"));
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW)
		rc = apply_move(m, st);
	sqlite3_finalize(st);
	return rc;
}
